# SPDX-License-Identifier: GPL-2.0
"""The series on every linux-source-6.1 version of Debian's archive: applies, builds, the reproducer."""

COMMAND = ['scripts/bases.sh']
JUDGE = 'exit'  # its lines are 'bases: VERSION PASS|FAIL ...'; older versions are reported, not judged
