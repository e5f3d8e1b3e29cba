# SPDX-License-Identifier: GPL-2.0
"""Mutants of the test-only edu driver that edu_sva_hostile must kill."""

from . import Option

COMMAND = ['scripts/evidence/mutants-edu.sh']
NEEDS = ['tree']
JUDGE = 'verdicts'

OPTIONS = [
    Option('mutants-file', 'MUTANTS_EDU_LIST', 'tests/mutants-edu.txt', 'the mutants file'),
]
