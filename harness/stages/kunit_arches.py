# SPDX-License-Identifier: GPL-2.0
"""The secondary_tlb KUnit suite (and the driver suites) under kunit.py on x86_64, powerpc64le and arm64."""

from . import Option

COMMAND = ['scripts/evidence/kunit-arches.sh']
NEEDS = ['tree']
JUDGE = 'verdicts'

OPTIONS = [
    Option('machines', 'KUNIT_MACHINES', '',
           'the kunit.py machines (default: runner=kunit, kunit_group=series)'),
]
