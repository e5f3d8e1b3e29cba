# SPDX-License-Identifier: GPL-2.0
"""build/tree: the base plus one commit per patch of patches/series."""

COMMAND = ['scripts/steps/tree.sh']
NEEDS = ['source']
JUDGE = 'exit'
