# SPDX-License-Identifier: GPL-2.0
"""The harness's exit codes, read from config/exit-codes (one table for
the bash steps, the Python modules and README.md)."""

import os

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(path=None):
    """Return {NAME: code} from an exit-codes file ("code NAME meaning")."""
    codes = {}
    with open(path or os.path.join(TOP, 'config', 'exit-codes')) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            code, name = line.split()[:2]
            codes[name] = int(code)
    return codes


CODES = load()
OK = CODES['OK']
TEST_FAILED = CODES['TEST_FAILED']
USAGE = CODES['USAGE']
