# SPDX-License-Identifier: GPL-2.0
"""harness.judge.summary's rules on results as data (no console, no
KTAP parser): a skip fails where the run says it must not skip, an
expected failure must fail and for its reason, a case expected and not
reported is missing, a baseline pass that is anything else now is a
regression. The saved consoles of tests/harness/ (which need the
kernel's KTAP parser) are judged by scripts/evidence/harness-selftest.sh."""

import collections
import os
import re
import tempfile
import unittest

from harness.judge import summary as s


def judge(results, xfail=None, skip_fails=(), needs_cases=()):
    problems = collections.defaultdict(list)
    all_cases, rows, xfailed, totals = s.judge_cases(results, xfail or {}, problems,
                                                     skip_fails, needs_cases)
    return dict(problems), all_cases, xfailed, totals


EDU = {'kselftest': {'edu_sva_test': ('PASS', [('bind', 'PASS'), ('fork', 'SKIP')])}}


class Cases(unittest.TestCase):
    def test_all_pass_no_problem(self):
        problems, cases, _, totals = judge(
            {'kunit': {'secondary_tlb': ('PASS', [('a', 'PASS'), ('b', 'PASS')])}})
        self.assertEqual(problems, {})
        self.assertEqual(cases, {'kunit:secondary_tlb.a': 'PASS', 'kunit:secondary_tlb.b': 'PASS'})
        self.assertEqual(totals, {'PASS': 2, 'FAIL': 0, 'SKIP': 0})

    def test_a_failed_case_fails_the_run(self):
        problems, *_ = judge({'kunit': {'secondary_tlb': ('FAIL', [('a', 'FAIL')])}})
        self.assertEqual(list(problems), [s.EXIT_TEST_FAILED])

    def test_a_failed_suite_with_no_failed_case_still_fails(self):
        problems, *_ = judge({'kunit': {'secondary_tlb': ('FAIL', [('a', 'PASS')])}})
        self.assertIn('1 failed unexpectedly', problems[s.EXIT_TEST_FAILED][0])

    def test_a_skip_passes_where_skips_are_allowed(self):
        problems, *_ = judge(EDU)
        self.assertEqual(problems, {})

    def test_a_skipped_case_fails_where_the_test_must_run(self):
        problems, *_ = judge(EDU, skip_fails=['kselftest:edu_sva_test'])
        self.assertEqual(problems[s.EXIT_TEST_FAILED],
                         ['kselftest:edu_sva_test.fork: SKIP, and here a skip is not a pass'])

    def test_a_test_skipped_as_a_whole_fails_where_it_must_run(self):
        problems, *_ = judge({'kselftest': {'edu_sva_test': ('SKIP', [])}},
                             skip_fails=['kselftest:edu_sva_test'])
        self.assertRegex(problems[s.EXIT_TEST_FAILED][0], r'SKIP \(the whole test\)')

    def test_a_test_that_lost_its_cases_is_missing(self):
        problems, *_ = judge({'kselftest': {'edu_sva_test': ('PASS', [(None, 'PASS')])}},
                             needs_cases=['kselftest:edu_sva_test'])
        self.assertRegex(problems[s.EXIT_MISSING][0], r'reported no case of its own')

    def test_an_expected_failure_is_not_a_problem(self):
        problems, _, xfailed, _ = judge(
            {'kselftest': {'edu_sva_test': ('FAIL', [('dirty', 'FAIL'), ('bind', 'PASS')])}},
            xfail={'kselftest:edu_sva_test.dirty': None})
        self.assertEqual(problems, {})
        self.assertEqual(xfailed, ['kselftest:edu_sva_test.dirty'])

    def test_an_expected_failure_that_passes_or_skips_fails(self):
        for st in ('PASS', 'SKIP'):
            problems, *_ = judge({'kselftest': {'edu_sva_test': ('PASS', [('dirty', st)])}},
                                 xfail={'kselftest:edu_sva_test.dirty': None})
            self.assertEqual(problems[s.EXIT_TEST_FAILED],
                             [f'kselftest:edu_sva_test.dirty: {st}, expected to fail'])

    def test_an_expected_failure_that_did_not_report_is_missing(self):
        problems, *_ = judge(EDU, xfail={'kselftest:edu_sva_test.dirty': None})
        self.assertEqual(problems[s.EXIT_MISSING],
                         ['kselftest:edu_sva_test.dirty: expected to fail, did not report'])


class Signatures(unittest.TestCase):
    # A kselftest harness's output: key edu_sva_test.edu.no_recovery.dirty
    CONSOLE = ['    #  RUN           edu.no_recovery.dirty ...',
               '    # 64 fault events, last at 0x1000 perm 2, 0 retries, result 1',
               '    not ok 3 edu.no_recovery.dirty',
               '    #  RUN           edu.no_recovery.fork ...',
               '    ok 4 edu.no_recovery.fork']

    def test_an_expected_failure_must_show_its_reason(self):
        problems = collections.defaultdict(list)
        key = 'kselftest:edu_sva_test.edu.no_recovery.dirty'
        shown = s.check_signatures(self.CONSOLE, {key: re.compile(r'perm 2, 0 retries')},
                                   [key], problems)
        self.assertEqual((shown, dict(problems)), ([key], {}))
        shown = s.check_signatures(self.CONSOLE, {key: re.compile(r'perm 1')}, [key], problems)
        self.assertEqual(shown, [])
        self.assertRegex(problems[s.EXIT_TEST_FAILED][0], r'failed, but not for its reason')

    def test_a_signature_is_looked_for_in_its_own_case_only(self):
        problems = collections.defaultdict(list)
        key = 'kselftest:edu_sva_test.edu.no_recovery.fork'
        shown = s.check_signatures(self.CONSOLE, {key: re.compile(r'fault events')}, [key],
                                   problems)
        self.assertEqual(shown, [])


class Baseline(unittest.TestCase):
    def compare(self, baseline, cases):
        problems = collections.defaultdict(list)
        with tempfile.NamedTemporaryFile('w', suffix='.txt') as f:
            f.write(baseline)
            f.flush()
            regress, new = s.compare_baseline(f.name, cases, problems)
        return regress, new, dict(problems)

    def test_a_pass_that_is_anything_else_now_is_a_regression(self):
        for now in ('FAIL', 'SKIP'):
            regress, _, problems = self.compare('kunit:t.a PASS\n', {'kunit:t.a': now})
            self.assertEqual(regress, [f'kunit:t.a: PASS -> {now}'])
            self.assertIn(s.EXIT_TEST_FAILED, problems)

    def test_a_case_gone_is_a_regression(self):
        regress, _, _ = self.compare('kunit:t.a PASS\n', {})
        self.assertEqual(regress, ['kunit:t.a: PASS -> MISSING'])

    def test_a_skip_may_pass_but_not_fail(self):
        self.assertEqual(self.compare('kunit:t.a SKIP\n', {'kunit:t.a': 'PASS'})[0], [])
        self.assertEqual(self.compare('kunit:t.a SKIP\n', {'kunit:t.a': 'FAIL'})[0],
                         ['kunit:t.a: SKIP -> FAIL'])

    def test_new_cases_are_counted_not_failed(self):
        regress, new, problems = self.compare('kunit:t.a PASS\n',
                                              {'kunit:t.a': 'PASS', 'kunit:t.b': 'PASS'})
        self.assertEqual((regress, new, problems), ([], ['kunit:t.b'], {}))

    def test_no_baseline_file_is_missing(self):
        problems = collections.defaultdict(list)
        s.compare_baseline(os.path.join(tempfile.gettempdir(), 'no-such-baseline.txt'), {},
                           problems)
        self.assertIn(s.EXIT_MISSING, problems)


class KernelBuild(unittest.TestCase):
    BANNER = ['[    0.000000] Linux version 6.1.192-g61cd986a8637 (root@vm) (gcc 12.2.0) '
              '#16 SMP PREEMPT_DYNAMIC Mon Dec  7 14:09:44 UTC 2026']

    def check(self, lines, build):
        problems = collections.defaultdict(list)
        s.check_kernel_build(lines, build, problems)
        return dict(problems)

    def test_the_build_that_booted_passes(self):
        self.assertEqual(self.check(self.BANNER, '#16'), {})

    def test_another_build_is_missing_results(self):
        for build in ('#15', '#1'):
            problems = self.check(self.BANNER, build)
            self.assertRegex(problems[s.EXIT_MISSING][0],
                             rf'not build {build} of its tree: Linux version .* #16 ')

    def test_no_banner_is_missing_results(self):
        self.assertIn(s.EXIT_MISSING, self.check(['guest-init: start'], '#16'))

    def test_a_run_recorded_without_a_build_number_is_not_checked(self):
        self.assertEqual(self.check(self.BANNER, None), {})


if __name__ == '__main__':
    unittest.main()
