# SPDX-License-Identifier: GPL-2.0
"""KVM on VMX under Bochs: the APIC-access page moved under a running guest, base, series, mutants."""

from . import Option

COMMAND = ['scripts/evidence/kvm-vmx.sh']
NEEDS = ['source']
JUDGE = 'verdicts'
REPORT = 'kvm-vmx/summary.txt'

OPTIONS = [
    Option('runs', 'KVM_VMX_RUNS', 'base series mutants',
           'base, series, mutants (tests/mutants-vmx.txt)'),
    Option('timeout', 'KVM_VMX_TIMEOUT', '', "seconds a boot may take (the machine's otherwise)"),
]
