# SPDX-License-Identifier: GPL-2.0
"""make run: the arm64 guest with an SMMUv3, KUnit and the vm kselftests, judged by its summary."""

COMMAND = ['scripts/run.sh']
JUDGE = 'run-summary'
SUMMARY = 'run/summary.txt'
ENV = {'RUN_RESULTS': '{results}/run'}
