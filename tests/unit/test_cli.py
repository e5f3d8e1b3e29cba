# SPDX-License-Identifier: GPL-2.0
"""harness.cli: running a plan, with stand-in stages (no kernel)."""

import glob
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import types
import unittest
from unittest import mock

from harness import cli, exitcodes, plan, stages, tools


def fake(script, judge='verdicts', **kw):
    # COMMAND words are format strings ({results}): a shell's braces doubled
    script = script.replace('{', '{{').replace('}', '}}')
    return types.SimpleNamespace(COMMAND=['sh', '-c', script], JUDGE=judge,
                                 __doc__='a stand-in stage', **kw)


class RunPlan(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.plans = os.path.join(self.tmp.name, 'plans')
        self.results = os.path.join(self.tmp.name, 'results')
        os.makedirs(self.plans)
        self.mods = {}

    def tearDown(self):
        self.tmp.cleanup()

    def run_plan(self, toml, dry=False, env=None):
        with open(os.path.join(self.plans, 't.toml'), 'w') as f:
            f.write(toml)
        out = io.StringIO()
        with mock.patch.object(stages, 'load', lambda n: self.mods[n]), \
                mock.patch.dict(os.environ, env or {}):
            code = cli.run_plan('t', dry_run=dry, out=out, plans_dir=self.plans,
                                results_root=self.results, known_stages=set(self.mods))
        (run,) = os.listdir(self.results)
        with open(os.path.join(self.results, run, 'record.json')) as f:
            return code, out.getvalue(), json.load(f)

    def test_pass_record_and_result_line(self):
        self.mods = {'a': fake('echo "a: PASS one"; echo "a: PASS two"'),
                     'b': fake('echo "b: PASS"')}
        code, out, rec = self.run_plan('[[stage]]\nname = "a"\n[[stage]]\nname = "b"\n')
        self.assertEqual(code, exitcodes.OK)
        self.assertEqual(rec['totals'], {'passed': 3, 'failed': 0, 'skipped': 0})
        self.assertEqual(rec['verdict'], 'PASS')
        self.assertRegex(out.splitlines()[-1], r'^t: PASS: 3 passed, 0 failed, 0 skipped')

    def test_a_silent_stage_fails_the_run(self):
        self.mods = {'a': fake('echo "a: PASS"'), 'quiet': fake('echo done')}
        code, out, rec = self.run_plan('[[stage]]\nname = "a"\n[[stage]]\nname = "quiet"\n')
        self.assertEqual(code, exitcodes.TEST_FAILED)
        self.assertEqual(rec['stages'][1]['failed'], 1)
        self.assertIn('no verdict', out)

    def test_a_required_stage_stops_the_plan(self):
        self.mods = {'tree': fake('exit 3', judge='exit'), 'a': fake('echo "a: PASS"')}
        code, out, rec = self.run_plan('[[stage]]\nname = "tree"\nrequired = true\n'
                                       '[[stage]]\nname = "a"\n')
        self.assertEqual(code, 3)
        self.assertEqual([s['name'] for s in rec['stages']], ['tree'])
        self.assertIn('the plan stops here', out)

    def test_a_failed_stage_does_not_stop_the_others(self):
        self.mods = {'a': fake('echo "a: FAIL x"; exit 1'), 'b': fake('echo "b: PASS"')}
        code, _, rec = self.run_plan('[[stage]]\nname = "a"\n[[stage]]\nname = "b"\n')
        self.assertEqual(code, 1)
        self.assertEqual(rec['totals'], {'passed': 1, 'failed': 1, 'skipped': 0})

    def test_in_a_plan_the_plan_wins_over_the_environment(self):
        opts = [stages.Option('kernels', 'T_KERNELS', 'base series', 'h'),
                stages.Option('reps', 'T_REPS', '15', 'h')]
        self.mods = {'a': fake('echo "a: PASS $T_KERNELS/$T_REPS/${KERNELS-unset}"',
                               OPTIONS=opts)}
        toml = '[[stage]]\nname = "a"\noptions = { kernels = "series" }\n'
        _, out, rec = self.run_plan(toml, env={'KERNELS': 'base', 'T_REPS': '99'})
        self.assertIn('a: PASS series/15/unset', out)
        self.assertIn("KERNELS='base' in the environment is not used", out)
        self.assertIn("T_REPS='99' in the environment is not used", out)
        self.assertEqual(rec['stages'][0]['options'], {'kernels': 'series', 'reps': '15'})
        self.assertEqual(rec['stages'][0]['ignored_environment'],
                         {'KERNELS': 'base', 'T_REPS': '99'})

    def test_a_plan_does_not_take_the_users_machine(self):
        self.mods = {'a': fake('echo "a: PASS ${MACHINE-unset}"')}
        _, out, _ = self.run_plan('[[stage]]\nname = "a"\n', env={'MACHINE': 'x86_64-q35-kunit'})
        self.assertIn('a: PASS unset', out)

    def test_an_internal_variable_reaches_no_step(self):
        self.mods = {'a': fake('echo "a: PASS ${QEMU_EXTRA-unset} ${SUMMARY_TO_LOG-unset}"')}
        _, out, _ = self.run_plan('[[stage]]\nname = "a"\n',
                                  env={'QEMU_EXTRA': '-s', 'SUMMARY_TO_LOG': '1'})
        self.assertIn('a: PASS unset unset', out)

    def alone(self, env, given=None):
        opts = [stages.Option('kernels', 'T_KERNELS', 'base series', 'h'),
                stages.Option('reps', 'T_REPS', '15', 'h')]
        self.mods = {'a': fake('echo "a: PASS $T_KERNELS/$T_REPS/${KERNELS-unset}"',
                               OPTIONS=opts)}
        with open(os.path.join(self.plans, 't.toml'), 'w') as f:
            f.write('[[stage]]\nname = "a"\n')
        out = io.StringIO()
        with mock.patch.object(stages, 'load', lambda n: self.mods[n]), \
                mock.patch.dict(os.environ, env):
            cli.run_plan('t', out=out, plans_dir=self.plans, results_root=self.results,
                         known_stages={'a'}, plan_wins=False, given=given)
        return out.getvalue()

    def test_a_stage_alone_takes_the_users_generic_variable(self):
        self.assertIn('a: PASS series/15/unset', self.alone({'KERNELS': 'series'}))

    def test_a_flag_wins_over_the_users_variable(self):
        out = self.alone({'KERNELS': 'series'}, given={'kernels': 'base', 'reps': '3'})
        self.assertIn('a: PASS base/3/unset', out)

    def test_a_stage_alone_does_not_take_an_options_own_variable(self):
        out = self.alone({'T_REPS': '99'})
        self.assertIn('a: PASS base series/15/unset', out)
        self.assertIn("T_REPS='99' in the environment is not used", out)

    def test_a_plan_option_the_stage_has_not(self):
        self.mods = {'a': fake('echo "a: PASS"')}
        with open(os.path.join(self.plans, 't.toml'), 'w') as f:
            f.write('[[stage]]\nname = "a"\noptions = { kernels = "x" }\n')
        err = io.StringIO()
        with mock.patch.object(stages, 'load', lambda n: self.mods[n]), \
                mock.patch('sys.stderr', err):
            code = cli.run_plan('t', out=io.StringIO(), plans_dir=self.plans,
                                results_root=self.results, known_stages={'a'})
        self.assertEqual(code, exitcodes.USAGE)
        self.assertIn('stage a has no option kernels', err.getvalue())

    def test_only_is_recorded(self):
        self.mods = {'a': fake('echo "a: PASS"'), 'b': fake('echo "b: PASS"')}
        with open(os.path.join(self.plans, 't.toml'), 'w') as f:
            f.write('[[stage]]\nname = "a"\n[[stage]]\nname = "b"\n')
        with mock.patch.object(stages, 'load', lambda n: self.mods[n]):
            cli.run_plan('t', only=['b'], out=io.StringIO(), plans_dir=self.plans,
                         results_root=self.results, known_stages={'a', 'b'})
        (run,) = os.listdir(self.results)
        with open(os.path.join(self.results, run, 'record.json')) as f:
            rec = json.load(f)
        self.assertEqual(rec['only'], ['b'])
        self.assertEqual([s['name'] for s in rec['stages']], ['b'])

    def test_two_runs_in_one_second_get_two_directories(self):
        self.mods = {'a': fake('echo "a: PASS"')}
        with open(os.path.join(self.plans, 't.toml'), 'w') as f:
            f.write('[[stage]]\nname = "a"\n')
        with mock.patch.object(stages, 'load', lambda n: self.mods[n]), \
                mock.patch.object(cli.time, 'strftime', lambda *a: '20261207-000000'):
            for _ in range(2):
                cli.run_plan('t', out=io.StringIO(), plans_dir=self.plans,
                             results_root=self.results, known_stages={'a'})
        self.assertEqual(sorted(os.listdir(self.results)),
                         ['20261207-000000-t', '20261207-000000-t-2'])

    def test_the_step_gets_the_results_directory(self):
        self.mods = {'a': fake('echo "a: PASS $RESULTS"')}
        _, out, rec = self.run_plan('[[stage]]\nname = "a"\n')
        self.assertIn(f'a: PASS {self.results}/', out)

    def test_dry_run_judges_nothing_and_runs_no_unaware_step(self):
        self.mods = {'a': fake('echo "DRY_RUN=$DRY_RUN"'),
                     'reads-tree': fake('exit 9', DRY_RUN_AWARE=False)}
        code, out, rec = self.run_plan('[[stage]]\nname = "a"\n[[stage]]\nname = "reads-tree"\n',
                                       dry=True)
        self.assertEqual(code, exitcodes.OK)
        self.assertIn('DRY_RUN=1', out)
        self.assertIn('# dry run', out)
        self.assertEqual(rec['verdict'], 'DRY-RUN')
        self.assertRegex(out.splitlines()[-1], r'^t: DRY-RUN: 2 stage\(s\)')

    def test_a_report_line(self):
        self.mods = {'a': fake('mkdir -p "$RESULTS/a"; echo "a: PASS"; '
                               'printf "x\\na: PASS 27/27\\n" > "$RESULTS/a/summary.txt"',
                               REPORT='a/summary.txt'),
                     'b': fake('echo "b: PASS"', REPORT='b/summary.txt')}
        _, out, rec = self.run_plan('[[stage]]\nname = "a"\n[[stage]]\nname = "b"\n')
        self.assertEqual(rec['reports'], ['a: PASS 27/27', 'b: no result'])

    def test_a_step_killed_by_a_signal(self):
        self.mods = {'a': fake('echo "a: PASS"; kill -9 $$'), 'b': fake('echo "b: PASS"')}
        code, out, rec = self.run_plan('[[stage]]\nname = "a"\n[[stage]]\nname = "b"\n')
        self.assertEqual(rec['stages'][0]['exit'], 137)
        self.assertEqual(rec['stages'][0]['failed'], 1)
        self.assertEqual(code, 137)

    def test_ctrl_c_stops_the_step_and_writes_the_record(self):
        self.interrupt_a_step(signal.SIGINT)

    def test_sigterm_stops_the_step_and_writes_the_record(self):
        self.interrupt_a_step(signal.SIGTERM)

    def interrupt_a_step(self, signum):
        # A step that ignores SIGINT and prints a lot: Ctrl-C must not
        # hang on a full pipe; the step's group gets SIGTERM.
        script = textwrap.dedent(f"""
            import io, signal, sys, types
            from unittest import mock
            sys.path.insert(0, {exitcodes.TOP!r})
            from harness import cli, stages
            mod = types.SimpleNamespace(COMMAND=['sh', '-c', 'trap "" INT; echo a: PASS; '
                                                 'for i in $(seq 300); do seq 1 2000; sleep 0.1; done'],
                                        JUDGE='verdicts')
            # As in an interactive shell: a run started in the
            # background by a script inherits SIGINT ignored.
            signal.signal(signal.SIGINT, signal.default_int_handler)
            cli.stop_on_sigterm()
            with mock.patch.object(stages, 'load', lambda n: mod):
                sys.exit(cli.run_plan('t', out=io.StringIO(), plans_dir={self.plans!r},
                                      results_root={self.results!r}, known_stages={{'a'}}))
            """)
        with open(os.path.join(self.plans, 't.toml'), 'w') as f:
            f.write('[[stage]]\nname = "a"\n')
        p = subprocess.Popen([sys.executable, '-B', '-c', script])
        try:
            # Ctrl-C once the step runs (its first line is in its log),
            # however long a loaded machine takes to get there.
            deadline = time.time() + 60
            while time.time() < deadline and not any(
                    'a: PASS' in open(f).read()
                    for f in glob.glob(os.path.join(self.results, '*', 'a.log'))):
                time.sleep(0.1)
            p.send_signal(signum)
            self.assertEqual(p.wait(timeout=60), 130)
        finally:
            p.kill()    # the step, in a session of its own, ends in 30 s
        (run,) = os.listdir(self.results)
        with open(os.path.join(self.results, run, 'record.json')) as f:
            rec = json.load(f)
        self.assertEqual(rec['stages'][0]['exit'], 130)
        self.assertEqual(rec['verdict'], 'FAIL')

    def test_a_command_that_cannot_start(self):
        self.mods = {'a': types.SimpleNamespace(COMMAND=['/nonexistent/step'], JUDGE='verdicts')}
        code, out, _ = self.run_plan('[[stage]]\nname = "a"\n')
        self.assertEqual(code, exitcodes.USAGE)
        self.assertIn('cannot run /nonexistent/step', out)


class CommandLine(unittest.TestCase):
    def test_an_unknown_stage_in_only(self):
        err = io.StringIO()
        with mock.patch('sys.stderr', err):
            self.assertEqual(cli.run_plan('check', only=['nope']), exitcodes.USAGE)
        self.assertIn('no stage nope', err.getvalue())

    def test_list_plan_prints_each_stage_command(self):
        out = io.StringIO()
        self.assertEqual(cli.list_plan('check', out=out), exitcodes.OK)
        self.assertIn("scripts/evidence/kunit-arches.sh  [judge: verdicts]\n"
                      "    options: --machines='x86_64-q35-kunit powerpc64le-pseries-power9'",
                      out.getvalue())

    def test_no_command_is_a_usage_error(self):
        with mock.patch('sys.stdout', io.StringIO()):
            self.assertEqual(cli.main([]), exitcodes.USAGE)

    def test_a_stage_alone_runs_what_it_needs_first(self):
        p = cli.stage_plan('kunit-drivers')
        self.assertEqual([(s.name, s.required) for s in p.stages],
                         [('source', True), ('tree', True), ('kunit-drivers', False)])

    def test_every_stage_is_a_command(self):
        with mock.patch('sys.stdout', io.StringIO()) as out, self.assertRaises(SystemExit):
            cli.main(['--help'])
        for name in stages.names():
            self.assertRegex(out.getvalue(), rf'\n    {re.escape(name)}\s')

    def test_makefile_check_targets_are_the_entry_point(self):
        with open(os.path.join(exitcodes.TOP, 'Makefile')) as f:
            mk = f.read()
        self.assertRegex(mk, r'\ncheck:\n\t\./stlb\.py check ')
        self.assertRegex(mk, r'\ncheck-full:\n\t\./stlb\.py check-full ')

    def test_every_make_target_is_one_line_of_the_entry_point(self):
        """make NAME is ./stlb.py NAME: a plan, a stage or a tool (help
        prints, unit-tests needs nothing built and runs python itself)."""
        with open(os.path.join(exitcodes.TOP, 'Makefile')) as f:
            mk = f.read()
        rules = re.findall(r'^([a-z][a-z0-9-]*):[^=\n]*\n((?:\t.*\n)*)', mk, re.M)
        known = set(stages.names()) | set(tools.TOOLS) | set(plan.names())
        for target, recipe in rules:
            if target in ('help', 'unit-tests'):
                continue
            with self.subTest(target=target):
                lines = recipe.splitlines()
                self.assertEqual(len(lines), 1, recipe)
                self.assertRegex(lines[0], rf'^\t@?\./stlb\.py {re.escape(target)}( |$)')
                self.assertIn(target, known)
        stage_targets = re.search(r'^STAGES := ((?:.*\\\n)*.*)$', mk, re.M).group(1)
        for target in stage_targets.replace('\\', ' ').split():
            self.assertIn(target, stages.names())

    def test_every_tool_runs_scripts_that_exist(self):
        for name in tools.TOOLS:
            for cmd in tools.commands(name):
                path = os.path.join(exitcodes.TOP, cmd[0])
                self.assertTrue(os.access(path, os.X_OK), f'{name}: {cmd[0]}')

    def test_a_tool_passes_its_arguments_to_its_last_script_and_stops_at_a_failure(self):
        calls = []

        def call(cmd, cwd, env):
            calls.append((cmd, env.get('DRY_RUN')))
            return 3 if cmd[0] == 'scripts/steps/tree.sh' else 0
        with mock.patch('subprocess.call', call):
            self.assertEqual(tools.run('boot', ['shell'], dry_run=True), exitcodes.OK)
            self.assertEqual(calls, [(['scripts/steps/boot.sh', 'shell'], '1')])
            calls.clear()
            self.assertEqual(tools.run('shell'), 3)
            self.assertEqual([c[0][0] for c in calls],
                             ['scripts/steps/deps.sh', 'scripts/steps/source.sh', 'scripts/steps/tree.sh'])


if __name__ == '__main__':
    unittest.main()
