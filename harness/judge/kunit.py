# SPDX-License-Identifier: GPL-2.0
"""The verdict on KUnit suites from kunit.py's JSON (kunit.py run --json).

    python3 -m harness.judge.kunit [--console LOG [--fail-message REGEX] [--build '#N']]
                                   [--xfail FILE] JSON SUITE[,SUITE...] [CASE...]

Prints one line, "PASS|FAIL <counts> [| unexpected: ...]": every case of
the SUITEs must pass, except the CASEs named, which must fail (a mutation
check); a skip, an error or a missing case is a failure, and so is a
CASE named twice or in none of the suites, a suite that did not report
and a case name found in two of them.

With --console (the kernel's console, kunit.py's test.log) and
--fail-message, each CASE must also have failed for the reason the check
is about: its own output (from the line after the previous case's result
to its "not ok" line) must have an "EXPECTATION FAILED" or "ASSERTION
FAILED" line and a line matching REGEX. A case that failed for another
reason (a setup step, a missing huge page) did not kill the mutant.

--xfail FILE (with --console) names more CASEs, one a line with the
regex of its own reason: "CASE REGEX" ('#' comments): each must fail
with a failed expectation and a line matching its regex (tests/mainline/:
upstream's own code failing a case for a known reason).

With --console and --build, the kernel that booted must be that build of
its tree: its banner shows the number (harness.judge.kernel_build_problem).
"""

import argparse
import json
import re
import sys

from . import kernel_build_problem

RESULT_RE = re.compile(r'^\s*(not ok|ok) \d+ (\S+)')
FAILED_RE = re.compile(r'(EXPECTATION|ASSERTION) FAILED at ')


def find(group, suite):
    if group.get('name') == suite:
        return group
    for sub in group.get('sub_groups', []):
        found = find(sub, suite)
        if found:
            return found
    return None


def case_outputs(lines, suite):
    """{case: its output lines} of SUITE's cases in a KUnit console: the
    lines after the suite's header or the previous case's result line, up
    to and with the case's own result line."""
    out, cur, inside = {}, [], False
    for line in lines:
        if re.search(r'# Subtest: ' + re.escape(suite) + r'\s*$', line):
            inside, cur = True, []
            continue
        if not inside:
            continue
        m = RESULT_RE.match(line)
        if m and m.group(2) == suite:	# the suite's own result
            break
        cur.append(line)
        if m:
            out[m.group(2)] = cur
            cur = []
    return out


def fail_reason(output, message):
    """Why a case's failure is not the one wanted, or None if it is."""
    if not any(FAILED_RE.search(l) for l in output):
        return 'no EXPECTATION/ASSERTION FAILED in its output'
    if not any(message.search(l) for l in output):
        return f"failed, but no '{message.pattern}' in its output"
    return None


def read_xfail(path):
    """{case: compiled regex} of an xfail file: "CASE REGEX" lines."""
    out = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            case, _, regex = line.partition(' ')
            if not regex.strip():
                raise ValueError(f'{path}: "{line}": no reason (CASE REGEX)')
            out[case] = re.compile(regex.strip())
    return out


def verdict(path, suites, expect_list, console=None, message=None, build=None, xfail=None):
    xfail = xfail or {}
    expect_list = list(expect_list) + list(xfail)
    expect = set(expect_list)
    try:
        with open(path) as f:
            top = json.load(f)
    except (OSError, ValueError) as e:
        return f'FAIL no results ({e})'
    cases, twice = {}, []
    for suite in suites.split(','):
        group = find(top, suite)
        if not group:
            return f'FAIL suite {suite} did not report'
        for c in group['test_cases']:
            if c['name'] in cases:
                twice.append(c['name'])
            cases[c['name']] = c['status']
    n = {s: sum(1 for v in cases.values() if v == s) for s in ('PASS', 'FAIL', 'SKIP', 'ERROR')}
    bad = [f'{k} {v}' for k, v in sorted(cases.items())
           if (v != 'FAIL' if k in expect else v != 'PASS')]
    bad += [f'{k} missing' for k in sorted(expect - set(cases))]
    bad += [f'{k} named twice' for k in sorted(expect) if expect_list.count(k) > 1]
    bad += [f'{k} in two suites' for k in sorted(set(twice))]
    if message is not None or build is not None or xfail:
        try:
            with open(console, errors='replace') as f:
                lines = f.read().splitlines()
        except OSError as e:
            return f'FAIL no console ({e})'
    if build is not None:
        why = kernel_build_problem(lines, build)
        if why:
            bad.append(why)
    if message is not None or xfail:
        outputs = {}
        for suite in suites.split(','):
            outputs.update(case_outputs(lines, suite))
        for k in sorted(expect & set(cases)):
            wanted = xfail.get(k, message)
            if cases[k] != 'FAIL' or wanted is None:
                continue
            why = fail_reason(outputs.get(k, []), wanted) if k in outputs else \
                'its output is not in the console'
            if why:
                bad.append(f'{k} {why}')
    nsuites = len(suites.split(','))
    counts = (f"{len(cases)} cases{f' in {nsuites} suites' if nsuites > 1 else ''}: {n['PASS']} pass, {n['FAIL']} fail, "
              f"{n['SKIP']} skip, {n['ERROR']} error")
    if expect:
        counts += f"; must fail: {' '.join(sorted(expect))}"
        if message is not None:
            counts += f" (each with '{message.pattern}')"
        elif xfail:
            counts += ' (each with its reason)'
    return ('FAIL ' if bad else 'PASS ') + counts + (' | unexpected: ' + ', '.join(bad) if bad else '')


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--console', help="the kernel's console (kunit.py's test.log)")
    ap.add_argument('--fail-message', help='regex: a line each CASE that must fail must have')
    ap.add_argument('--build', help="the build's number (#N) the console's banner must show")
    ap.add_argument('--xfail', help='"CASE REGEX" lines: cases that must fail, each for its reason')
    ap.add_argument('json')
    ap.add_argument('suites', metavar='SUITE[,SUITE...]')
    ap.add_argument('cases', nargs='*')
    args = ap.parse_args(argv)
    if bool(args.console) != bool(args.fail_message or args.build or args.xfail):
        ap.error('--console goes with --fail-message, --build or --xfail')
    message = re.compile(args.fail_message) if args.fail_message else None
    try:
        xfail = read_xfail(args.xfail) if args.xfail else None
    except (OSError, ValueError, re.error) as e:
        print(f'FAIL bad --xfail file ({e})')
        return 1
    print(verdict(args.json, args.suites, args.cases, args.console, message, args.build, xfail))


if __name__ == '__main__':
    main(sys.argv[1:])
