# SPDX-License-Identifier: GPL-2.0
"""The mainline series on Debian's 6.12: it applies, checkpatch of 6.12, its KUnit suite under kunit.py."""

from . import Option

COMMAND = ['scripts/evidence/mainline.sh']
JUDGE = 'verdicts'
# The stage is the mainline series whatever the user's SERIES.
ENV = {'SERIES': 'mainline'}

OPTIONS = [
    Option('machines', 'MAINLINE_MACHINES', 'arm64-virt-kunit',
           'the kunit.py machines the suite runs on'),
    Option('kernels', 'MAINLINE_KERNELS', 'series',
           'series, or "base series": also 6.12 with only the tests, its failures expected'),
    Option('reproducer-machines', 'MAINLINE_REPRODUCER_MACHINES', '',
           'the machines the end-to-end reproducer runs on too (none: KUnit only)'),
]
