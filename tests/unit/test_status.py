# SPDX-License-Identifier: GPL-2.0
"""harness.status: README's Status and the figures of docs/ are rendered
from the records, and a file whose block differs from them fails."""

import io
import json
import os
import tempfile
import unittest
from contextlib import redirect_stdout

from harness import exitcodes, status


def record(command, started, seconds, passed, failed=0, commit='53e031449b74', dry=False):
    return {'schema': 1, 'command': command, 'dry_run': dry, 'started': started,
            'seconds': seconds, 'verdict': 'FAIL' if failed else 'PASS',
            'totals': {'passed': passed, 'failed': failed, 'skipped': 2},
            'provenance': {'project_commit': commit, 'project_dirty': False,
                           'host': {'cpu': 'AMD EPYC', 'cpus': 2}}}


class Status(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.records = os.path.join(self.tmp.name, 'records')
        os.makedirs(self.records)
        self.readme = os.path.join(self.tmp.name, 'README.md')

    def tearDown(self):
        self.tmp.cleanup()

    def put(self, name, rec):
        with open(os.path.join(self.records, name + '.json'), 'w') as f:
            json.dump(rec, f)

    def call(self, action, blocks=None):
        blocks = blocks or {'README.md': {'status': status.render_status}}
        with redirect_stdout(io.StringIO()) as out:
            code = status.main(action, self.tmp.name, self.records, blocks)
        return code, out.getvalue()

    def test_the_newest_record_of_each_plan(self):
        self.put('a-check', record('check', '2026-12-06T10:00:00Z', 500, 500))
        self.put('b-check', record('check', '2026-12-07T10:00:00Z', 576, 580))
        self.put('c-check', record('check', '2026-12-08T10:00:00Z', 5, 0, dry=True))
        narrowed = record('check', '2026-12-09T10:00:00Z', 5, 27)
        narrowed['only'] = ['checkpatch']
        self.put('d-check', narrowed)
        lines = status.render_status(status.load_records(self.records), self.records, self.tmp.name)
        rows = [ln for ln in lines if ln.startswith('| `make')]
        self.assertEqual(len(rows), 1)
        self.assertIn('2026-12-07, 53e0314', rows[0])
        self.assertIn('**PASS** in 9 min 36 s: 580 passed, 0 failed, 2 skipped', rows[0])
        self.assertIn('No record of `make check-full` yet.', lines)

    def test_write_then_check_then_a_changed_figure_fails(self):
        self.put('b-check', record('check', '2026-12-07T10:00:00Z', 576, 580))
        with open(self.readme, 'w') as f:
            f.write(f'# T\n\n## Status\n\n{status.begin("status")}\nold\n{status.end("status")}\n\n## Next\n')
        self.assertEqual(self.call('check')[0], exitcodes.TEST_FAILED)
        self.assertEqual(self.call('write')[0], exitcodes.OK)
        self.assertEqual(self.call('check')[0], exitcodes.OK)
        with open(self.readme) as f:
            text = f.read()
        self.assertTrue(text.endswith('\n\n## Next\n'))
        with open(self.readme, 'w') as f:
            f.write(text.replace('580 passed', '581 passed'))
        code, out = self.call('check')
        self.assertEqual(code, exitcodes.TEST_FAILED)
        self.assertIn('status: FAIL', out)

    def test_no_block_is_a_usage_error(self):
        with open(self.readme, 'w') as f:
            f.write('# T\n')
        self.assertEqual(self.call('check')[0], exitcodes.USAGE)

    def test_the_runs_block_lists_every_stage_and_its_verdict(self):
        rec = record('check-full', '2026-12-07T10:00:00Z', 3600, 10)
        rec['stages'] = [{'name': 'kvm-x86', 'seconds': 184.3, 'passed': 10, 'failed': 0,
                          'skipped': 0, 'exit': 0}]
        rec['reports'] = ['kvm-x86: base PASS 5/5, series PASS 5/5',
                          'bench: /somewhere/bench/table.txt']
        rec['provenance']['start'] = {'ccache_mib': 0, 'build_trees': 0}
        self.put('e-check-full', rec)
        lines = status.render_runs(status.load_records(self.records), self.records,
                                   self.tmp.name)
        self.assertIn('| kvm-x86 | 3 min 4 s | 10 | 0 | 0 | 0 | base PASS 5/5, series PASS 5/5 |',
                      lines)
        self.assertTrue(any('cold: ccache empty, no build tree' in ln for ln in lines))
        self.assertIn('No record of `make check` yet.', lines)
        self.assertFalse(any('/somewhere' in ln for ln in lines))

    def test_the_bench_block_is_the_kept_table(self):
        rows = ['machine,kernel,phase,workload,metric,value']
        for k, tlbi, ns in (('base', 7, 100), ('series', 67, 130)):
            rows += [f'm,{k},bound,cow_upgrade,tlbi,{tlbi}', f'm,{k},bound,cow_upgrade,sync,{tlbi}']
            rows += [f'm,{k},bound,cow_upgrade,ns_rep{i},{ns + i}' for i in (1, 2, 3)]
        rows.append('m,series,bound,cow_upgrade,hook_calls,67')
        with open(os.path.join(self.records, '20261207-1-check-full-bench.csv'), 'w') as f:
            f.write('\n'.join(rows) + '\n')
        lines = status.render_bench([], self.records, self.tmp.name)
        self.assertIn('| fork, child exits, 64 in-place upgrades | 67 | 7/7 | 67/67 | | 1.294 |', lines)
        docs = os.path.join(self.tmp.name, 'docs')
        os.makedirs(docs)
        with open(os.path.join(docs, 'bench.md'), 'w') as f:
            f.write(f'# B\n{status.begin("bench")}\n{status.end("bench")}\n')
        blocks = {os.path.join('docs', 'bench.md'): {'bench': status.render_bench}}
        self.assertEqual(self.call('check', blocks)[0], exitcodes.TEST_FAILED)
        self.assertEqual(self.call('write', blocks)[0], exitcodes.OK)
        self.assertEqual(self.call('check', blocks)[0], exitcodes.OK)

    def test_keep_copies_a_runs_record(self):
        run = os.path.join(self.tmp.name, '20261207-050000-check')
        os.makedirs(run)
        rec = record('check', '2026-12-07T05:00:00Z', 1, 1)
        rec['stages'] = [{'name': 'bench', 'options': {'flavour': 'bench', 'workloads': ''}}]
        with open(os.path.join(run, 'record.json'), 'w') as f:
            json.dump(rec, f)
        os.makedirs(os.path.join(run, 'bench'))
        for name in ('table.csv', 'bench-m.png'):
            with open(os.path.join(run, 'bench', name), 'w') as f:
                f.write(name)
        docs = os.path.join(self.tmp.name, 'docs')
        os.makedirs(docs)
        with redirect_stdout(io.StringIO()):
            self.assertEqual(status.keep(run, self.records, docs), exitcodes.OK)
            self.assertEqual(status.keep(self.tmp.name, self.records, docs), exitcodes.USAGE)
            rec = record('check', '2026-12-07T05:00:00Z', 1, 1)
            rec['only'] = ['checkpatch']
            with open(os.path.join(run, 'record.json'), 'w') as f:
                json.dump(rec, f)
            self.assertEqual(status.keep(run, self.records, docs), exitcodes.USAGE)
        self.assertTrue(os.path.exists(os.path.join(self.records, '20261207-050000-check.json')))
        with open(os.path.join(self.records, '20261207-050000-check-bench.csv')) as f:
            self.assertEqual(f.read(), 'table.csv')
        self.assertTrue(os.path.exists(os.path.join(docs, 'bench-m.png')))

    def test_keep_leaves_out_a_bench_of_one_workload(self):
        run = os.path.join(self.tmp.name, '20261207-060000-check')
        os.makedirs(os.path.join(run, 'bench'))
        rec = record('check', '2026-12-07T06:00:00Z', 1, 1)
        rec['stages'] = [{'name': 'bench', 'options': {'flavour': 'none',
                                                       'workloads': 'cow_upgrade'}}]
        with open(os.path.join(run, 'record.json'), 'w') as f:
            json.dump(rec, f)
        with open(os.path.join(run, 'bench', 'table.csv'), 'w') as f:
            f.write('one workload')
        with redirect_stdout(io.StringIO()):
            self.assertEqual(status.keep(run, self.records, self.tmp.name), exitcodes.OK)
        self.assertEqual(sorted(os.listdir(self.records)), ['20261207-060000-check.json'])

    def test_mainline_table_counts_cases_and_names_the_fixing_patch(self):
        rec = record('check-full', '2026-12-07T10:00:00Z', 600, 900)
        rec['stages'] = [{'name': 'mainline', 'options': {'kernels': 'base series'}}]
        self.put('r-check-full', rec)
        with open(os.path.join(self.records, 'r-check-full-mainline.txt'), 'w') as f:
            f.write('base ppc kunit:secondary_tlb.stlb_a FAIL\n'
                    'base ppc kunit:secondary_tlb.stlb_b PASS\n'
                    'series ppc kunit:secondary_tlb.stlb_a PASS\n'
                    'series ppc kunit:secondary_tlb.stlb_b PASS\n'
                    'series arm kselftest:edu_sva_test.edu.x.y PASS\n')
        xfail_dir = os.path.join(self.tmp.name, 'mainline')
        os.makedirs(xfail_dir)
        with open(os.path.join(xfail_dir, 'base-ppc.xfail'), 'w') as f:
            f.write('# the flush notifies nothing (patch 2)\nstlb_a    rec->calls == 0 \\(0x0\\)\n')
        saved = status.MAINLINE_TESTS
        status.MAINLINE_TESTS = xfail_dir
        try:
            lines = status.render_mainline(status.load_records(self.records),
                                           self.records, self.tmp.name)
        finally:
            status.MAINLINE_TESTS = saved
        self.assertIn('| ppc | KUnit secondary_tlb | 1/2 pass | 2/2 pass |', lines)
        self.assertIn('| arm | reproducer | not run | 1/1 pass |', lines)
        self.assertIn('| stlb_a | ppc | FAIL | PASS | `rec->calls == 0 (0x0)` | 2 |', lines)
        self.assertFalse(any(ln.startswith('| stlb_b') for ln in lines))

    def test_keep_files_the_mainline_cases_of_base_and_series_only(self):
        for kernels, kept in (('series', False), ('base series', True)):
            run = os.path.join(self.tmp.name, 'results', f'20261207-1{int(kept)}-check-full')
            os.makedirs(os.path.join(run, 'mainline'))
            rec = record('check-full', '2026-12-07T10:00:00Z', 600, 900)
            rec['stages'] = [{'name': 'mainline', 'options': {'kernels': kernels}}]
            with open(os.path.join(run, 'record.json'), 'w') as f:
                json.dump(rec, f)
            with open(os.path.join(run, 'mainline', 'cases.txt'), 'w') as f:
                f.write('base m kunit:s.c PASS\n')
            with redirect_stdout(io.StringIO()):
                status.keep(run, self.records, self.tmp.name)
            self.assertEqual(os.path.exists(os.path.join(
                self.records, os.path.basename(run) + '-mainline.txt')), kept)

    def test_the_projects_files_are_their_records(self):
        with redirect_stdout(io.StringIO()) as out:
            code = status.main('check')
        self.assertEqual(code, exitcodes.OK, out.getvalue() + ': ./stlb.py status --write')


if __name__ == '__main__':
    unittest.main()
