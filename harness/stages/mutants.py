# SPDX-License-Identifier: GPL-2.0
"""The mutation matrix (tests/mutants.txt): each mutant killed by exactly its KUnit cases."""

COMMAND = ['scripts/mutants.sh']
NEEDS = ['tree']
JUDGE = 'verdicts'
