# SPDX-License-Identifier: GPL-2.0
"""The series on every linux-source-6.1 version of Debian's archive: applies, builds, the reproducer."""

from . import Option

COMMAND = ['scripts/evidence/debian-versions.sh']
JUDGE = 'exit'  # its lines are 'debian-versions: VERSION PASS|FAIL ...'; older versions are reported, not judged

OPTIONS = [
    Option('versions', 'DEBIAN_VERSIONS_LIST', '',
           "these linux-source-6.1 versions (default: every one of Debian's archive)"),
    Option('keep', 'DEBIAN_VERSIONS_KEEP', '0', "1: keep each version's build trees"),
]
