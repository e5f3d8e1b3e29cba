# SPDX-License-Identifier: GPL-2.0
"""Mutants of the test-only edu driver that edu_sva_hostile must kill."""

COMMAND = ['scripts/mutants-edu.sh']
NEEDS = ['tree']
JUDGE = 'verdicts'
