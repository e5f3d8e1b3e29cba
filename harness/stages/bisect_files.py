# SPDX-License-Identifier: GPL-2.0
"""After each patch, the C files it can break, compiled on three architectures."""

COMMAND = ['scripts/bisect-files.sh']
JUDGE = 'verdicts'
