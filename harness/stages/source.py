# SPDX-License-Identifier: GPL-2.0
"""The base: the kernel source the series applies to (config/source-versions), as a cached git commit."""

COMMAND = ['scripts/steps/source.sh']
JUDGE = 'exit'
