# SPDX-License-Identifier: GPL-2.0
"""Verdicts on the kselftests of a guest run's plan, from its results.txt
(one "KEY RESULT" line a case, harness/judge/summary.py):

    python3 -m harness.judge.kselftests plan NAME LABEL EXIT RESULTS PLAN
        Every test of PLAN (the first word of each line) must run and
        pass: a skip or a test that did not report fails. One "NAME:
        PASS|FAIL LABEL TEST" line a test, then "verdict: LABEL PASS n/n"
        or "verdict: LABEL FAIL k/n". Exits with the boot's EXIT, else 1
        if a test did not pass.

    python3 -m harness.judge.kselftests kill RESULTS TEST SIGNATURE EXIT LOG...
        A mutant is killed when TEST failed (each of its results FAIL)
        and a line of the LOGs (its console) matches SIGNATURE: the
        failure the check is about, not another. Prints "killed: ..." or
        "survived: <why>"; exits 0 when killed, 1 when not.
"""

import re
import sys

from .. import exitcodes
from . import read_lines as read


def plan_tests(plan):
    """The test names of a guest plan: the first word of each line."""
    out = []
    for line in read(plan):
        words = line.split()
        if words and not words[0].startswith('#'):
            out.append(words[0])
    return out


def statuses(results, test):
    """The distinct results of TEST and its cases in results.txt lines."""
    key = re.compile(rf'^kselftest:{re.escape(test)}(\.| )')
    return sorted({l.split()[-1] for l in results if key.match(l)})


def judge_plan(name, label, boot_exit, results, tests):
    lines, passed = [], 0
    for test in tests:
        st = statuses(results, test)
        if st == ['PASS']:
            passed += 1
            lines.append(f'{name}: PASS {label} {test}')
        else:
            lines.append(f'{name}: FAIL {label} {test}: {" ".join(st) or "did not report"}')
    total = len(tests)
    if passed == total and total and not boot_exit:
        verdict = f'{label} PASS {passed}/{total}'
    else:
        verdict = f'{label} FAIL {total - passed}/{total}'
    code = boot_exit or (exitcodes.OK if passed == total and total else exitcodes.TEST_FAILED)
    return lines, verdict, code


def judge_kill(results, test, signature, boot_exit, logs):
    """(killed, why)."""
    st = statuses(results, test)
    seen = any(signature.search(l) for l in logs)
    if st == ['FAIL'] and seen:
        return True, f"{test} failed with '{signature.pattern}'"
    why = f'{test} {" ".join(st) or "did not report"}, exit {boot_exit}'
    if not seen:
        why += f", no '{signature.pattern}' on the console"
    return False, why


def main(argv):
    if argv[:1] == ['plan'] and len(argv) == 6:
        name, label, boot_exit, results, plan = argv[1:]
        tests = plan_tests(plan)
        lines, verdict, code = judge_plan(name, label, int(boot_exit), read(results), tests)
        print('\n'.join(lines + [f'verdict: {verdict}']))
        return code
    if argv[:1] == ['kill'] and len(argv) >= 6:
        results, test, signature, boot_exit = argv[1:5]
        logs = [l for path in argv[5:] for l in read(path)]
        killed, why = judge_kill(read(results), test, re.compile(signature), int(boot_exit), logs)
        print(f'{"killed" if killed else "survived"}: {why}')
        return exitcodes.OK if killed else exitcodes.TEST_FAILED
    print(__doc__, file=sys.stderr)
    return exitcodes.USAGE


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
