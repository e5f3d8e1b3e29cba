# SPDX-License-Identifier: GPL-2.0
"""The series on debug kernels (lockdep, KASAN, KFENCE, kmemleak, DEBUG_VM)."""

COMMAND = ['scripts/check-debug.sh']
NEEDS = ['base']
JUDGE = 'verdicts'
