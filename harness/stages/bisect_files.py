# SPDX-License-Identifier: GPL-2.0
"""After each patch, the C files it can break, compiled on three architectures."""

from . import Option

COMMAND = ['scripts/evidence/bisect-files.sh']
JUDGE = 'verdicts'

OPTIONS = [
    Option('machines', 'BISECT_MACHINES', '', 'the machines (default: every bisect=yes machine)'),
]
