# SPDX-License-Identifier: GPL-2.0
"""The Debian packages the steps need: installed (as root) or listed."""

COMMAND = ['scripts/steps/deps.sh']
JUDGE = 'exit'
