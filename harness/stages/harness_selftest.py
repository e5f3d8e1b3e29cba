# SPDX-License-Identifier: GPL-2.0
"""The harness's self-tests on saved consoles, machine files and exit codes."""

COMMAND = ['scripts/evidence/harness-selftest.sh']
JUDGE = 'verdicts'
