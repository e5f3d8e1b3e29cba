# SPDX-License-Identifier: GPL-2.0
"""The mutation matrix (tests/mutants.txt): each mutant killed by exactly its KUnit cases."""

from . import Option

COMMAND = ['scripts/evidence/mutants.sh']
NEEDS = ['tree']
JUDGE = 'verdicts'

OPTIONS = [
    Option('mutants', 'MUTANTS', '', 'only these mutants (names of tests/mutants.txt; default: all)'),
]
