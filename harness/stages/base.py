# SPDX-License-Identifier: GPL-2.0
"""The base tree (config/base-version) as a cached git commit."""

COMMAND = ['scripts/steps/base.sh']
JUDGE = 'exit'
