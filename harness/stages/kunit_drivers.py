# SPDX-License-Identifier: GPL-2.0
"""kunit-arches on the *-drivers machines: each with its test-only driver suite (SMMUv3, VT-d, OCXL)."""

from . import Option

COMMAND = ['scripts/evidence/kunit-arches.sh']
NEEDS = ['tree']
JUDGE = 'verdicts'
ENV = {'KUNIT_GROUP': 'drivers'}

OPTIONS = [
    Option('machines', 'KUNIT_MACHINES', '',
           'the kunit.py machines (default: runner=kunit, kunit_group=drivers)'),
]
