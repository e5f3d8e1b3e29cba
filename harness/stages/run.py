# SPDX-License-Identifier: GPL-2.0
"""make run: the arm64 guest with an SMMUv3, KUnit and the vm kselftests, judged by its summary."""

from . import Option

COMMAND = ['scripts/steps/run.sh']
JUDGE = 'run-summary'
SUMMARY = 'run/summary.txt'
ENV = {'RUN_RESULTS': '{results}/run'}
# scripts/steps/boot.sh reads the user's own names: make run calls scripts/steps/run.sh
# with the user's environment, ./stlb.py run gives it the same two.
OPTIONS = [
    Option('timeout', 'TIMEOUT', '', "seconds the boot may take (the machine's timeout otherwise)"),
    Option('append', 'APPEND', '', 'more kernel command line'),
]
