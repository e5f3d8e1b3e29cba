# SPDX-License-Identifier: GPL-2.0
"""harness.judge.kselftests: every test of a plan must run and pass (make
kvm-x86, kvm-vmx); a mutant is killed only by its test failing with the
signature the check is about (make kvm-vmx's mutants)."""

import contextlib
import glob
import io
import os
import re
import tempfile
import unittest

from harness import exitcodes
from harness.judge import kselftests as k

PLAN = os.path.join(exitcodes.TOP, 'guest', 'kvm-vmx.plan')
TESTS = k.plan_tests(PLAN)
ALL_PASS = [f'kselftest:{t} PASS' for t in TESTS]


class Plan(unittest.TestCase):
    def test_the_plans_tests_are_its_first_words(self):
        self.assertEqual(TESTS[:2], ['vmx_apic_access_page_move_test', 'xapic_state_test'])

    def test_every_test_passing_passes(self):
        lines, verdict, code = k.judge_plan('kvm-vmx', 'series', 0, ALL_PASS, TESTS)
        self.assertEqual(verdict, f'series PASS {len(TESTS)}/{len(TESTS)}')
        self.assertEqual(code, exitcodes.OK)
        self.assertEqual(lines[0], 'kvm-vmx: PASS series vmx_apic_access_page_move_test')

    def test_a_test_whose_cases_passed_passes(self):
        results = ALL_PASS[1:] + ['kselftest:vmx_apic_access_page_move_test.a PASS',
                                  'kselftest:vmx_apic_access_page_move_test.b PASS']
        self.assertEqual(k.judge_plan('kvm-vmx', 'series', 0, results, TESTS)[2], exitcodes.OK)

    def test_a_skip_fails(self):
        results = ['kselftest:xapic_state_test SKIP'] + \
            [r for r in ALL_PASS if 'xapic_state_test' not in r]
        lines, verdict, code = k.judge_plan('kvm-vmx', 'base', 0, results, TESTS)
        self.assertIn('kvm-vmx: FAIL base xapic_state_test: SKIP', lines)
        self.assertEqual((verdict, code), (f'base FAIL 1/{len(TESTS)}', exitcodes.TEST_FAILED))

    def test_a_skipped_case_fails_its_test(self):
        results = ALL_PASS + ['kselftest:xapic_state_test.x2apic SKIP']
        lines, _, code = k.judge_plan('kvm-vmx', 'base', 0, results, TESTS)
        self.assertIn('kvm-vmx: FAIL base xapic_state_test: PASS SKIP', lines)
        self.assertEqual(code, exitcodes.TEST_FAILED)

    def test_a_test_that_did_not_report_fails(self):
        lines, _, code = k.judge_plan('kvm-vmx', 'base', 0, ALL_PASS[1:], TESTS)
        self.assertIn('kvm-vmx: FAIL base vmx_apic_access_page_move_test: did not report', lines)
        self.assertEqual(code, exitcodes.TEST_FAILED)

    def test_a_name_that_only_begins_like_a_test_is_not_it(self):
        results = [r for r in ALL_PASS if 'xapic_state_test' not in r] + \
            ['kselftest:xapic_state_test_other PASS']
        self.assertEqual(k.judge_plan('kvm-vmx', 'base', 0, results, TESTS)[2],
                         exitcodes.TEST_FAILED)

    def test_the_boots_exit_code_comes_first(self):
        _, verdict, code = k.judge_plan('kvm-vmx', 'series', 7, ALL_PASS, TESTS)
        self.assertEqual((verdict, code), (f'series FAIL 0/{len(TESTS)}', 7))


class Kill(unittest.TestCase):
    SIG = re.compile(r'APIC-access page .* stale')
    CONSOLE = ['# the APIC-access page of vCPU 0 is stale after the move']

    def test_killed_by_its_test_failing_with_its_signature(self):
        killed, why = k.judge_kill(['kselftest:vmx_apic_access_page_move_test FAIL'],
                                   'vmx_apic_access_page_move_test', self.SIG, 1, self.CONSOLE)
        self.assertTrue(killed, why)

    def test_a_failure_without_the_signature_is_not_a_kill(self):
        killed, why = k.judge_kill(['kselftest:vmx_apic_access_page_move_test FAIL'],
                                   'vmx_apic_access_page_move_test', self.SIG, 1, ['# other'])
        self.assertFalse(killed)
        self.assertIn("no 'APIC-access page .* stale' on the console", why)

    def test_the_signature_without_the_test_failing_is_not_a_kill(self):
        for results in (['kselftest:vmx_apic_access_page_move_test PASS'], []):
            killed, why = k.judge_kill(results, 'vmx_apic_access_page_move_test', self.SIG, 0,
                                       self.CONSOLE)
            self.assertFalse(killed)
        self.assertIn('did not report, exit 0', why)


class CommandLine(unittest.TestCase):
    def run_main(self, argv):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = k.main(argv)
        return code, out.getvalue()

    def test_plan_and_kill_as_the_scripts_call_them(self):
        with tempfile.NamedTemporaryFile('w') as results, \
                tempfile.NamedTemporaryFile('w') as console:
            results.write('\n'.join(ALL_PASS[1:]) + '\n')
            results.flush()
            console.write('stale\n')
            console.flush()
            code, out = self.run_main(['plan', 'kvm-x86', 'base', '0', results.name, PLAN])
            self.assertEqual(code, exitcodes.TEST_FAILED)
            self.assertTrue(out.endswith(f'verdict: base FAIL 1/{len(TESTS)}\n'), out)
            code, out = self.run_main(['kill', results.name, 'xapic_state_test', 'stale', '1',
                                       console.name])
            self.assertEqual((code, out), (exitcodes.TEST_FAILED,
                                           'survived: xapic_state_test PASS, exit 1\n'))

    def test_a_wrong_call_is_a_usage_error(self):
        self.assertEqual(self.run_main(['plan', 'x'])[0], exitcodes.USAGE)


class MutantsEdu(unittest.TestCase):
    """tests/mutants-edu.txt: each row names a case of edu_sva_hostile
    (a TEST() of test-only patch 5) and a message that case prints; a
    case that mixes PASS and FAIL results does not count as the test."""

    def rows(self):
        with open(os.path.join(exitcodes.TOP, 'tests', 'mutants-edu.txt')) as f:
            return [l.rstrip('\n').split(' | ') for l in f
                    if l.strip() and not l.startswith('#')]

    def test_each_row_names_a_case_of_the_hostile_test(self):
        patch = glob.glob(os.path.join(exitcodes.TOP, 'patches', 'test-only',
                                       '0005-*.patch'))[0]
        with open(patch) as f:
            cases = set(re.findall(r'^\+TEST\((\w+)\)', f.read(), re.M))
        rows = self.rows()
        self.assertTrue(rows)
        for row in rows:
            self.assertEqual(len(row), 5, row)
            test, _, case = row[3].rpartition('.')
            self.assertEqual(test, 'edu_sva_hostile.global', row)
            self.assertIn(case, cases, row)
            re.compile(row[4])

    def test_a_case_failing_with_its_message_is_killed_not_the_whole_test(self):
        results = ['kselftest:edu_sva_hostile.global.ownership PASS',
                   'kselftest:edu_sva_hostile.global.rejected_requests FAIL']
        console = ['# edu_sva_hostile.c:196:rejected_requests:reserved set, unbound: '
                   'expected Invalid argument, got Transport endpoint is not connected']
        sig = re.compile('reserved set, unbound: expected Invalid argument')
        self.assertTrue(k.judge_kill(results, 'edu_sva_hostile.global.rejected_requests',
                                     sig, 1, console)[0])
        self.assertFalse(k.judge_kill(results, 'edu_sva_hostile', sig, 1, console)[0])
        self.assertFalse(k.judge_kill(results, 'edu_sva_hostile.global.ownership',
                                      sig, 1, console)[0])


if __name__ == '__main__':
    unittest.main()
