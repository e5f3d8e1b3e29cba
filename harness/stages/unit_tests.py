# SPDX-License-Identifier: GPL-2.0
"""The harness's unit tests (tests/unit/): plans, judges, records, the entry point."""

COMMAND = ['{python}', '-B', '-m', 'harness.unit']
JUDGE = 'verdicts'
