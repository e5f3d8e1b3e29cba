# SPDX-License-Identifier: GPL-2.0
"""checkpatch.pl --strict on every patch of patches/series."""

COMMAND = ['scripts/evidence/checkpatch.sh']
JUDGE = 'verdicts'
