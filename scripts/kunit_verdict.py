#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The verdict on one suite from kunit.py's JSON (kunit.py run --json).

    kunit_verdict.py JSON SUITE [CASE...]

Prints one line, "PASS|FAIL <counts> [| unexpected: ...]": every case of
SUITE must pass, except the CASEs named, which must fail (a mutation
check); a skip, an error or a missing case is a failure.
"""

import json
import sys


def find(group, suite):
    if group.get('name') == suite:
        return group
    for sub in group.get('sub_groups', []):
        found = find(sub, suite)
        if found:
            return found
    return None


def verdict(path, suite, expect):
    try:
        with open(path) as f:
            top = json.load(f)
    except (OSError, ValueError) as e:
        return f'FAIL no results ({e})'
    group = find(top, suite)
    if not group:
        return f'FAIL suite {suite} did not report'
    cases = {c['name']: c['status'] for c in group['test_cases']}
    n = {s: sum(1 for v in cases.values() if v == s) for s in ('PASS', 'FAIL', 'SKIP', 'ERROR')}
    bad = [f'{k} {v}' for k, v in sorted(cases.items())
           if (v != 'FAIL' if k in expect else v != 'PASS')]
    bad += [f'{k} missing' for k in sorted(expect - set(cases))]
    counts = (f"{len(cases)} cases: {n['PASS']} pass, {n['FAIL']} fail, "
              f"{n['SKIP']} skip, {n['ERROR']} error")
    if expect:
        counts += f"; must fail: {' '.join(sorted(expect))}"
    return ('FAIL ' if bad else 'PASS ') + counts + (' | unexpected: ' + ', '.join(bad) if bad else '')


def main(argv):
    if len(argv) < 2:
        sys.exit(f'usage: {sys.argv[0]} JSON SUITE [CASE...]')
    print(verdict(argv[0], argv[1], set(argv[2:])))


if __name__ == '__main__':
    main(sys.argv[1:])
