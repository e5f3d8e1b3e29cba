#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The harness's entry point: ./stlb.py --help (make check runs
./stlb.py check)."""

import sys

from harness import cli

if __name__ == '__main__':
    sys.exit(cli.main())
