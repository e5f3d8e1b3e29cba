# SPDX-License-Identifier: GPL-2.0
"""KVM x86 at run time: kvm_amd on QEMU's emulated SVM, base and series."""

COMMAND = ['scripts/kvm-x86.sh']
NEEDS = ['base']
JUDGE = 'verdicts'
REPORT = 'kvm-x86/summary.txt'
