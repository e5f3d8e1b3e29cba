# SPDX-License-Identifier: GPL-2.0
"""W=1 and sparse warnings the series adds to the files it touches."""

from . import Option

COMMAND = ['scripts/evidence/warnings.sh']
NEEDS = ['source']
JUDGE = 'verdicts'

OPTIONS = [
    Option('machines', 'BISECT_MACHINES', '', 'the machines (default: every bisect=yes machine)'),
]
