# SPDX-License-Identifier: GPL-2.0
"""The edu SVA reproducer: its expected failures on the base, every case passing on the series."""

COMMAND = ['scripts/reproducer.sh']
NEEDS = ['base']
JUDGE = 'verdicts'
REPORT = 'reproducer/summary.txt'
