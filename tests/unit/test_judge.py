# SPDX-License-Identifier: GPL-2.0
"""harness.judge: how a stage's output becomes counts."""

import unittest

from harness import judge


class Verdicts(unittest.TestCase):
    def test_counts_pass_and_fail_lines(self):
        log = ('==> [00:01] checkpatch\ncheckpatch: PASS 0001\ncheckpatch: PASS 0002\n'
               'checkpatch: FAIL 0003 (2 warnings)\n    checkpatch: PASS indented, not a verdict\n')
        o = judge.verdicts(log, 1)
        self.assertEqual((o.passed, o.failed), (2, 1))

    def test_a_stage_that_reports_nothing_fails(self):
        o = judge.verdicts('==> [00:01] bench\nall done\n', 0)
        self.assertEqual((o.passed, o.failed), (0, 1))
        self.assertIn('no verdict', o.notes[0])

    def test_lines_of_another_form_count_as_nothing(self):
        o = judge.verdicts('Checkpatch: PASS\ncheckpatch PASS\ncheckpatch:PASS\n', 0)
        self.assertEqual((o.passed, o.failed), (0, 1))

    def test_a_non_zero_exit_with_only_passes_fails(self):
        o = judge.verdicts('kunit-arches: PASS x86_64\n', 2)
        self.assertEqual((o.passed, o.failed), (1, 1))

    def test_exit_only(self):
        self.assertEqual(judge.exit_only(0).failed, 0)
        self.assertEqual(judge.exit_only(3).failed, 1)


SUMMARY_PASS = 'known splats: 5\ntotals: 247 passed, 0 failed, 2 skipped\nresult: PASS (exit 0)\n'
SUMMARY_CRASH = ('CRASH: console line 812: Unable to handle kernel paging request\n'
                 'totals: 120 passed, 0 failed, 0 skipped\nresult: FAIL (exit 6)\n')
SUMMARY_FAILED = 'FAILED: hmm-tests.migrate\ntotals: 246 passed, 1 failed, 2 skipped\nresult: FAIL (exit 1)\n'


class RunSummary(unittest.TestCase):
    def test_pass(self):
        o = judge.run_summary(SUMMARY_PASS, 0)
        self.assertEqual((o.passed, o.failed, o.skipped), (247, 0, 2))

    def test_a_crash_with_no_failed_case_counts_one_failure(self):
        o = judge.run_summary(SUMMARY_CRASH, 6)
        self.assertEqual((o.passed, o.failed), (120, 1))
        self.assertTrue(any(n.startswith('CRASH:') for n in o.notes))

    def test_failed_cases_are_the_failures(self):
        o = judge.run_summary(SUMMARY_FAILED, 1)
        self.assertEqual((o.passed, o.failed, o.skipped), (246, 1, 2))

    def test_no_summary_counts_one_failure(self):
        o = judge.run_summary(None, 4)
        self.assertEqual((o.passed, o.failed), (0, 1))

    def test_a_pass_summary_without_totals_fails(self):
        o = judge.run_summary('result: PASS (exit 0)\n', 0)
        self.assertEqual((o.passed, o.failed), (0, 1))

    def test_a_pass_summary_with_a_failed_exit_fails(self):
        self.assertEqual(judge.run_summary(SUMMARY_PASS, 7).failed, 1)


if __name__ == '__main__':
    unittest.main()
