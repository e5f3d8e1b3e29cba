# SPDX-License-Identifier: GPL-2.0
"""harness.judge.kunit, the mutation judge, on saved kunit.py runs
(tests/harness/kunit-verdict/): a mutant is killed only when the cases
named fail, each for the reason the check is about; everything else
passes; a missing, doubled or unreported case or suite fails."""

import os
import re
import tempfile
import unittest

from harness import exitcodes
from harness.judge import kunit

DATA = os.path.join(exitcodes.TOP, 'tests', 'harness', 'kunit-verdict')
AGE_JSON = os.path.join(DATA, 'arm64-age-pte.json')
AGE_CONSOLE = os.path.join(DATA, 'arm64-age-pte-console.log')
SMMU_JSON = os.path.join(DATA, 'arm64-smmu-reverted.json')
SMMU_CONSOLE = os.path.join(DATA, 'arm64-smmu-reverted-console.log')
# The call record's expectations: what the mutants are judged by.
MESSAGE = re.compile(r'Expected .*rec(\.|->)(calls|call\[|watch_count)')
AGED = ['stlb_age_pte', 'stlb_age_hugetlb']


def age(cases, console=AGE_CONSOLE):
    return kunit.verdict(AGE_JSON, 'secondary_tlb', cases, console, MESSAGE)


class MutantRun(unittest.TestCase):
    """A saved run of a mutant that stops aging notifying: two cases fail."""

    def test_its_two_cases_fail_with_a_call_record_expectation(self):
        self.assertRegex(age(AGED), r'^PASS 29 cases: 27 pass, 2 fail')

    def test_without_a_message_by_status_only(self):
        self.assertRegex(kunit.verdict(AGE_JSON, 'secondary_tlb', AGED), r'^PASS ')

    def test_a_listed_case_the_suite_does_not_have_fails_named_missing(self):
        self.assertRegex(age(AGED + ['stlb_no_such_case']), r'^FAIL .*stlb_no_such_case missing')

    def test_a_listed_case_named_twice_fails(self):
        self.assertRegex(age(['stlb_age_pte'] + AGED), r'^FAIL .*stlb_age_pte named twice')

    def test_a_failing_case_not_listed_fails(self):
        self.assertRegex(age(['stlb_age_pte']), r'^FAIL .*stlb_age_hugetlb FAIL')

    def test_a_listed_case_that_passes_fails(self):
        self.assertRegex(age(AGED + ['stlb_age_thp']), r'^FAIL .*stlb_age_thp PASS')

    def test_a_case_failing_another_expectation_did_not_kill_the_mutant(self):
        with open(AGE_CONSOLE) as f:
            lines = f.read().splitlines(keepends=True)
        # The line after stlb_age_pte's failed expectation: a setup step.
        i = next(n for n, l in enumerate(lines) if '# stlb_age_pte: EXPECTATION FAILED' in l)
        self.assertIn('Expected rec->calls == n, but', lines[i + 1])
        lines[i + 1] = lines[i + 1].replace('Expected rec->calls == n, but', 'Expected ret == 0, but')
        with tempfile.NamedTemporaryFile('w', suffix='.log') as f:
            f.writelines(lines)
            f.flush()
            self.assertRegex(age(AGED, f.name), r"^FAIL .*stlb_age_pte failed, but no 'Expected")

    def test_xfail_each_case_with_its_own_reason(self):
        xfail = {'stlb_age_pte': re.compile(r'rec->calls == 0$'),
                 'stlb_age_hugetlb': re.compile(r'^\s+n == 1$')}
        self.assertRegex(kunit.verdict(AGE_JSON, 'secondary_tlb', [], AGE_CONSOLE, xfail=xfail),
                         r'^PASS .*must fail: stlb_age_hugetlb stlb_age_pte \(each with its reason\)')

    def test_xfail_a_case_without_its_reason_fails(self):
        xfail = {'stlb_age_pte': re.compile(r'rec->calls == 0$'),
                 'stlb_age_hugetlb': re.compile(r'rec->calls == 2')}
        self.assertRegex(kunit.verdict(AGE_JSON, 'secondary_tlb', [], AGE_CONSOLE, xfail=xfail),
                         r"^FAIL .*stlb_age_hugetlb failed, but no 'rec->calls == 2'")

    def test_xfail_file_lines_and_a_line_without_a_reason(self):
        with tempfile.NamedTemporaryFile('w', suffix='.xfail') as f:
            f.write('# comment\n\nstlb_age_pte    rec->calls == 0 \\(0x0\\)\n')
            f.flush()
            got = kunit.read_xfail(f.name)
            self.assertEqual(list(got), ['stlb_age_pte'])
            self.assertEqual(got['stlb_age_pte'].pattern, r'rec->calls == 0 \(0x0\)')
        with tempfile.NamedTemporaryFile('w', suffix='.xfail') as f:
            f.write('stlb_age_pte\n')
            f.flush()
            with self.assertRaisesRegex(ValueError, 'no reason'):
                kunit.read_xfail(f.name)

    def test_a_case_with_no_failed_expectation_in_its_output_fails(self):
        with open(AGE_CONSOLE) as f:
            lines = [l for l in f if 'EXPECTATION FAILED' not in l]
        with tempfile.NamedTemporaryFile('w', suffix='.log') as f:
            f.writelines(lines)
            f.flush()
            self.assertRegex(age(AGED, f.name),
                             r'^FAIL .*stlb_age_pte no EXPECTATION/ASSERTION FAILED')

    def test_the_build_that_booted_passes_another_fails(self):
        # The saved console's banner: build #12 of its tree.
        self.assertRegex(kunit.verdict(AGE_JSON, 'secondary_tlb', AGED, AGE_CONSOLE, MESSAGE,
                                       build='#12'), r'^PASS ')
        self.assertRegex(kunit.verdict(AGE_JSON, 'secondary_tlb', AGED, AGE_CONSOLE, build='#13'),
                         r'^FAIL .*the kernel that booted is not build #13 of its tree: '
                         r'Linux version .* #12 ')

    def test_no_results_fails(self):
        self.assertRegex(kunit.verdict('/nonexistent.json', 'secondary_tlb', AGED),
                         r'^FAIL no results')


class DriverRun(unittest.TestCase):
    """A saved run of two suites with the SMMUv3 fix reverted: one case of
    the driver suite fails."""

    def smmu(self, suites, cases):
        return kunit.verdict(SMMU_JSON, suites, cases, SMMU_CONSOLE, MESSAGE)

    def test_the_driver_suites_case_listed_passes_counted_over_both(self):
        self.assertRegex(self.smmu('secondary_tlb,secondary_tlb_smmuv3', ['stlb_smmu_range_inv']),
                         r'^PASS 34 cases in 2 suites: 33 pass, 1 fail')

    def test_a_suite_that_did_not_report_fails(self):
        self.assertRegex(self.smmu('secondary_tlb,secondary_tlb_vtd', ['stlb_smmu_range_inv']),
                         r'^FAIL suite secondary_tlb_vtd did not report')

    def test_the_driver_suite_left_out_its_case_listed_fails_named_missing(self):
        self.assertRegex(self.smmu('secondary_tlb', ['stlb_smmu_range_inv']),
                         r'^FAIL .*stlb_smmu_range_inv missing')


if __name__ == '__main__':
    unittest.main()
