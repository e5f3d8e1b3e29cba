# SPDX-License-Identifier: GPL-2.0
"""harness.record: a run's record.json, phases and result line."""

import json
import os
import tempfile
import unittest

from harness import exitcodes, record
from harness.judge import Outcome


def outcome(p, f, s=0):
    o = Outcome()
    o.passed, o.failed, o.skipped = p, f, s
    return o


class Records(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def rec(self, dry=False):
        return record.Record('check', os.path.join(exitcodes.TOP, 'plans', 'check.toml'),
                             self.dir, dry_run=dry, build_dir=self.dir)

    def test_pass(self):
        r = self.rec()
        r.add('checkpatch', 0, 27.2, outcome(26, 0), os.path.join(self.dir, 'checkpatch.log'))
        r.add('run', 0, 98, outcome(247, 0, 2), None)
        self.assertEqual(r.exit_code(), exitcodes.OK)
        self.assertRegex(r.result_line(), r'^check: PASS: 273 passed, 0 failed, 2 skipped ')
        data = r.write()
        with open(os.path.join(self.dir, 'record.json')) as f:
            self.assertEqual(json.load(f), json.loads(json.dumps(data)))
        self.assertEqual(data['totals'], {'passed': 273, 'failed': 0, 'skipped': 2})
        self.assertEqual(data['stages'][0]['log'], 'checkpatch.log')
        with open(os.path.join(self.dir, 'result.txt')) as f:
            self.assertTrue(f.read().startswith('check: PASS: 273 passed'))
        with open(os.path.join(self.dir, 'phases.txt')) as f:
            self.assertEqual(f.read().splitlines()[1], 'run                1:38  exit 0')

    def test_a_failed_count_is_test_failed(self):
        r = self.rec()
        r.add('reproducer', 0, 1, outcome(136, 1), None)
        self.assertEqual(r.exit_code(), exitcodes.TEST_FAILED)
        self.assertEqual(r.verdict(), 'FAIL')

    def test_the_first_failed_stage_gives_the_exit_code(self):
        r = self.rec()
        r.add('tree', 3, 1, outcome(0, 1), None)
        r.add('kunit-arches', 2, 1, outcome(0, 1), None)
        self.assertEqual(r.exit_code(), 3)

    def test_dry_run(self):
        r = self.rec(dry=True)
        r.add('deps', 0, 0, outcome(0, 0), None)
        self.assertEqual(r.verdict(), 'DRY-RUN')
        self.assertIn('nothing was built', r.result_line())
        r.add('tree', 2, 0, outcome(0, 1), None)
        self.assertEqual(r.verdict(), 'FAIL')

    def test_provenance_names_the_base_from_source_env(self):
        with open(os.path.join(self.dir, 'source.env'), 'w') as f:
            f.write("SOURCE_DESC='Debian linux-source-6.1 6.1.192-3 (6f3c)'\n")
        p = record.provenance(self.dir)
        self.assertEqual(p['base'], 'Debian linux-source-6.1 6.1.192-3 (6f3c)')
        self.assertEqual(p['host']['cpus'], os.cpu_count())

    def test_start_state_cold_then_warm(self):
        env = {'CACHE': os.path.join(self.dir, 'cache'), 'HOME': self.dir}
        build = os.path.join(self.dir, 'build')
        self.assertEqual(record.start_state(build, env), {'ccache_mib': 0, 'build_trees': 0})
        os.makedirs(os.path.join(build, 'tree-base'))
        os.makedirs(os.path.join(build, 'debian-versions'))
        self.assertEqual(record.start_state(build, env)['build_trees'], 1)
        self.assertEqual(record.ccache_dir(env), os.path.join(self.dir, 'cache', 'ccache'))


if __name__ == '__main__':
    unittest.main()
