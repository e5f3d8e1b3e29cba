# SPDX-License-Identifier: GPL-2.0
"""The edu SVA stress test (make stress)."""

from . import Option

COMMAND = ['scripts/evidence/stress.sh']
NEEDS = ['source']
JUDGE = 'verdicts'

OPTIONS = [
    Option('kernels', 'STRESS_KERNELS', 'series base', 'series (must pass), base (reported)'),
    Option('machines', 'STRESS_MACHINE', 'arm64-virt-smmuv3', 'the machine (one)'),
    Option('flavour', 'STRESS_FLAVOUR', '', 'debug: kernels with config/debug.config'),
    Option('seconds', 'STRESS_SECONDS', '600', 'how long the stress test runs'),
    Option('append', 'STRESS_APPEND', '', 'more kernel command line'),
]
