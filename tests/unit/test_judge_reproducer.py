# SPDX-License-Identifier: GPL-2.0
"""harness.judge.reproducer on saved boots (tests/harness/reproducer-judge/):
the lines the bash judge printed for them, and what fails a boot."""

import os
import shutil
import tempfile
import unittest

from harness import exitcodes
from harness.judge import reproducer

DATA = os.path.join(exitcodes.TOP, 'tests', 'harness', 'reproducer-judge')
SPLATS = os.path.join(exitcodes.TOP, 'tests', 'reproducer', 'base.splats')
BASE = ('base-arm64-virt-smmuv3-a57', 'base/arm64-virt-smmuv3-a57')
SERIES = ('series-arm64-virt-smmuv3', 'series/arm64-virt-smmuv3')


def expected(name):
    with open(os.path.join(DATA, name, 'verdicts.txt')) as f:
        lines = f.read().splitlines()
    return lines[:-1], lines[-1].removeprefix('verdict: ')


class SavedBoots(unittest.TestCase):
    def test_the_base_fails_its_expected_cases_and_shows_its_splat(self):
        lines, verdict, code = reproducer.judge(os.path.join(DATA, BASE[0]), BASE[1], 0,
                                                expected_failures=True, splats=SPLATS)
        self.assertEqual((lines, verdict), expected(BASE[0]))
        self.assertEqual(verdict, 'base/arm64-virt-smmuv3-a57 FAIL 7/27 (expected)')
        self.assertEqual(code, exitcodes.OK)

    def test_the_series_passes_every_case(self):
        lines, verdict, code = reproducer.judge(os.path.join(DATA, SERIES[0]), SERIES[1], 0)
        self.assertEqual((lines, verdict), expected(SERIES[0]))
        self.assertEqual((verdict, code), ('series/arm64-virt-smmuv3 PASS 27/27', exitcodes.OK))


class Failures(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.dir)
        shutil.copytree(os.path.join(DATA, BASE[0]), self.dir, dirs_exist_ok=True)

    def edit(self, name, old, new):
        path = os.path.join(self.dir, name)
        with open(path) as f:
            text = f.read()
        self.assertIn(old, text)
        with open(path, 'w') as f:
            f.write(text.replace(old, new))

    def judge(self, boot_exit=0, smmu_exit=0):
        return reproducer.judge(self.dir, BASE[1], boot_exit, expected_failures=True,
                                splats=SPLATS, smmu_exit=smmu_exit)

    def test_an_expected_failure_that_passes_fails(self):
        self.edit('cases.txt', 'write_after_inplace_upgrade FAIL FAIL',
                  'write_after_inplace_upgrade PASS FAIL')
        lines, _, code = self.judge()
        self.assertIn('reproducer: FAIL base/arm64-virt-smmuv3-a57 '
                      'edu.no_recovery.write_after_inplace_upgrade: PASS, expected FAIL', lines)
        self.assertEqual(code, exitcodes.TEST_FAILED)

    def test_a_skip_is_not_a_pass(self):
        self.edit('cases.txt', 'no_recovery.bad_requests PASS PASS', 'no_recovery.bad_requests SKIP PASS')
        lines, verdict, code = self.judge()
        self.assertIn('reproducer: FAIL base/arm64-virt-smmuv3-a57 '
                      'edu.no_recovery.bad_requests: SKIP, expected PASS', lines)
        self.assertEqual(code, exitcodes.TEST_FAILED)
        self.assertEqual(verdict, 'base/arm64-virt-smmuv3-a57 FAIL 8/27 (1 unexpected)')

    def test_the_splat_not_seen_fails(self):
        self.edit('summary.txt', '(known: expected on the base', '(known: something else')
        lines, _, code = self.judge()
        self.assertTrue(any(l.startswith('reproducer: FAIL base/arm64-virt-smmuv3-a57 splat not seen')
                            for l in lines))
        self.assertEqual(code, exitcodes.TEST_FAILED)

    def test_an_smmu_count_out_of_range_fails(self):
        _, _, code = self.judge(smmu_exit=1)
        self.assertEqual(code, exitcodes.TEST_FAILED)

    def test_a_failed_boot_is_not_an_expected_failure(self):
        _, verdict, code = self.judge(boot_exit=7)
        self.assertEqual(verdict, 'base/arm64-virt-smmuv3-a57 FAIL 7/27 (exit 7)')
        self.assertEqual(code, 7)

    def test_no_case_is_missing(self):
        with open(os.path.join(self.dir, 'cases.txt'), 'w'):
            pass
        _, verdict, code = self.judge()
        self.assertEqual(verdict, 'base/arm64-virt-smmuv3-a57 FAIL 0/0 (exit 0)')
        self.assertEqual(code, exitcodes.CODES['MISSING'])


if __name__ == '__main__':
    unittest.main()
