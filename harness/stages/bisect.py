# SPDX-License-Identifier: GPL-2.0
"""A whole kernel after every patch on three architectures."""

from . import Option

COMMAND = ['scripts/evidence/bisect.sh']
JUDGE = 'verdicts'

OPTIONS = [
    Option('machines', 'BISECT_MACHINES', '', 'the machines (default: every bisect=yes machine)'),
]
