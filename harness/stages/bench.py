# SPDX-License-Identifier: GPL-2.0
"""SMMU commands and guest time per workload (make bench)."""

from . import Option

COMMAND = ['scripts/evidence/bench.sh']
NEEDS = ['source']
JUDGE = 'verdicts'
SHOW = 'bench/table.txt'

OPTIONS = [
    Option('kernels', 'BENCH_KERNELS', 'base series upstream',
           'base, series, upstream (6.12); KERNEL@MACHINE[,MACHINE] boots it on those only'),
    Option('machines', 'BENCH_MACHINES', 'arm64-virt-smmuv3 arm64-virt-smmuv3-a57',
           'the machines of the kernels that name none'),
    Option('flavour', 'BENCH_FLAVOUR', 'bench',
           "bench: kernels with config/bench.config (kprobes count the hook's calls); "
           "none: the kernels make run and the reproducer build"),
    Option('timeout', 'BENCH_TIMEOUT', '3600', 'seconds a boot may take'),
    Option('reps', 'BENCH_REPS', '15', 'timed runs of each workload'),
    Option('workloads', 'BENCH_WORKLOADS', '',
           'only these workloads (guest/secondary_tlb_bench.c; default: all)'),
    Option('hook', 'BENCH_HOOK', '',
           "count this kernel function's calls in place of the hook's"),
]
