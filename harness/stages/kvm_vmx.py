# SPDX-License-Identifier: GPL-2.0
"""KVM on VMX under Bochs: the APIC-access page moved under a running guest, base, series, mutants."""

COMMAND = ['scripts/kvm-vmx.sh']
NEEDS = ['base']
JUDGE = 'verdicts'
REPORT = 'kvm-vmx/summary.txt'
