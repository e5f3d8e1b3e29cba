# SPDX-License-Identifier: GPL-2.0
"""The series on every linux-source-6.1 version of Debian's archive: applies, builds, the reproducer."""

from . import Option

COMMAND = ['scripts/evidence/bases.sh']
JUDGE = 'exit'  # its lines are 'bases: VERSION PASS|FAIL ...'; older versions are reported, not judged

OPTIONS = [
    Option('versions', 'BASES_VERSIONS', '',
           "these linux-source-6.1 versions (default: every one of Debian's archive)"),
    Option('keep', 'BASES_KEEP', '0', "1: keep each version's build trees"),
]
