# SPDX-License-Identifier: GPL-2.0
"""SMMU commands and guest time per workload (make bench)."""

COMMAND = ['scripts/bench.sh']
NEEDS = ['base']
JUDGE = 'verdicts'
SHOW = 'bench/table.txt'
