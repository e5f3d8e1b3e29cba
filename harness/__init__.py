# SPDX-License-Identifier: GPL-2.0
"""The harness of the secondary-TLB series: ./stlb.py is its entry point.

Modules: cli (the command line), plan (plans/*.toml: which stages a
command runs), stages (one module a stage), judge (counting a stage's
verdicts), record (a run's record.json and result line), exitcodes
(config/exit-codes). Importing any of them has no side effect.
"""
