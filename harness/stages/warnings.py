# SPDX-License-Identifier: GPL-2.0
"""W=1 and sparse warnings the series adds to the files it touches."""

COMMAND = ['scripts/warnings.sh']
NEEDS = ['base']
JUDGE = 'verdicts'
