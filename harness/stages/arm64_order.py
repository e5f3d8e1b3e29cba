# SPDX-License-Identifier: GPL-2.0
"""arm64: each call to secondary TLBs after the DSB of its TLBIs (a check of the source, with its mutants)."""

COMMAND = ['{python}', 'scripts/evidence/arm64_order.py', '--self-test', '{tree}']
NEEDS = ['tree']
JUDGE = 'verdicts'
DRY_RUN_AWARE = False  # it reads the tree make tree applied
