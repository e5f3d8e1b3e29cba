# SPDX-License-Identifier: GPL-2.0
"""The series on debug kernels (lockdep, KASAN, KFENCE, kmemleak, DEBUG_VM)."""

from . import Option

COMMAND = ['scripts/evidence/check-debug.sh']
NEEDS = ['source']
JUDGE = 'verdicts'

OPTIONS = [
    Option('steps', 'DEBUG_STEPS', 'run reproducer stress kunit', 'which of the four steps'),
    Option('timeout', 'DEBUG_TIMEOUT', '3600', 'seconds a boot may take'),
    Option('append', 'DEBUG_APPEND', '', 'more kernel command line (arm64 boots)'),
    Option('seconds', 'DEBUG_STRESS_SECONDS', '120', 'how long the stress step runs'),
    Option('machines', 'DEBUG_KUNIT_MACHINES', 'x86_64-q35-kunit powerpc64le-pseries-power9',
           'the kunit.py machines of the kunit step'),
]
