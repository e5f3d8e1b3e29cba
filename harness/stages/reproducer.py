# SPDX-License-Identifier: GPL-2.0
"""The edu SVA reproducer: its expected failures on the base, every case passing on the series."""

from . import Option

COMMAND = ['scripts/evidence/reproducer.sh']
NEEDS = ['source']
JUDGE = 'verdicts'
REPORT = 'reproducer/summary.txt'

OPTIONS = [
    Option('kernels', 'REPRODUCER_KERNELS', 'base series',
           'base, fixes, series; KERNEL@MACHINE[,MACHINE] boots it on those only'),
    Option('machines', 'REPRODUCER_MACHINES', 'arm64-virt-smmuv3 arm64-virt-smmuv3-a57',
           'the machines of the kernels that name none'),
    Option('flavour', 'REPRODUCER_FLAVOUR', '',
           'kasan or debug: kernels with config/<flavour>.config, in trees of their own'),
    Option('timeout', 'REPRODUCER_TIMEOUT', '600', 'seconds a boot may take'),
    Option('append', 'REPRODUCER_APPEND', '', 'more kernel command line'),
    Option('loglevel', 'REPRODUCER_LOGLEVEL', '4',
           "the console's loglevel (5: kernel reports in full while tests print)"),
]
