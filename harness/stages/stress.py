# SPDX-License-Identifier: GPL-2.0
"""The edu SVA stress test (make stress)."""

COMMAND = ['scripts/stress.sh']
NEEDS = ['base']
JUDGE = 'verdicts'
