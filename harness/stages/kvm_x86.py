# SPDX-License-Identifier: GPL-2.0
"""KVM x86 at run time: kvm_amd on QEMU's emulated SVM, base and series."""

from . import Option

COMMAND = ['scripts/evidence/kvm-x86.sh']
NEEDS = ['source']
JUDGE = 'verdicts'
REPORT = 'kvm-x86/summary.txt'

OPTIONS = [
    Option('kernels', 'KVM_X86_KERNELS', 'base series', 'base, series'),
    Option('timeout', 'KVM_X86_TIMEOUT', '', "seconds a boot may take (the machine's otherwise)"),
]
