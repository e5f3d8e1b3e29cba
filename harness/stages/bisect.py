# SPDX-License-Identifier: GPL-2.0
"""A whole kernel after every patch on three architectures."""

COMMAND = ['scripts/bisect-build.sh']
JUDGE = 'verdicts'
