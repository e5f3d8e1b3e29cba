# SPDX-License-Identifier: GPL-2.0
"""harness.plan and harness.stages: the plans in plans/ are runnable as
written, and a bad plan is refused with its file and stage named."""

import os
import re
import tempfile
import unittest

from harness import exitcodes, plan, stages


class ProjectPlans(unittest.TestCase):
    def test_every_plan_loads_and_names_known_stages(self):
        known = set(stages.names())
        self.assertIn('check', plan.names())
        self.assertIn('check-full', plan.names())
        for name in plan.names():
            p = plan.load(name, known_stages=known)
            self.assertTrue(p.description, name)

    def test_every_stage_module_has_a_command_a_judge_and_a_description(self):
        for name in stages.names():
            mod = stages.load(name)
            self.assertTrue(mod.COMMAND, name)
            self.assertTrue(stages.describe(name), f'{name}: no docstring')

    def test_check_keeps_its_gate_first(self):
        p = plan.load('check')
        self.assertEqual([s.name for s in p.stages[:3]], ['deps', 'source', 'tree'])
        self.assertTrue(all(s.required for s in p.stages[:3]))

    def test_every_stage_module_is_in_a_plan_or_a_make_target(self):
        used = {s.name for n in plan.names() for s in plan.load(n).stages}
        with open(os.path.join(exitcodes.TOP, 'Makefile')) as f:
            mk = f.read()
        stage_list = re.search(r'^STAGES := ((?:.*\\\n)*.*)$', mk, re.M).group(1)
        used |= set(stage_list.replace('\\', ' ').split())
        used |= set(re.findall(r'^\t\./stlb\.py ([a-z0-9-]+) ', mk, re.M))
        self.assertEqual(set(stages.names()) - used, set())

    def test_each_plan_runs_what_a_stage_needs_before_it(self):
        for name in plan.names():
            seen = []
            for s in plan.load(name).stages:
                missing = [n for n in stages.needs(s.name) if n not in seen]
                self.assertEqual(missing, [], f'{name}: {s.name} before {missing}')
                seen.append(s.name)

    def test_needs_are_transitive_and_ordered(self):
        self.assertEqual(stages.needs('mutants'), ['source', 'tree'])
        self.assertEqual(stages.needs('source'), [])


class BadPlans(unittest.TestCase):
    def load(self, text, known=('deps', 'tree')):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, 'p.toml'), 'w') as f:
                f.write(text)
            return plan.load('p', d, set(known))

    def assertRefused(self, text, *words):
        with self.assertRaises(plan.PlanError) as cm:
            self.load(text)
        for w in words:
            self.assertIn(w, str(cm.exception))

    def test_a_good_plan(self):
        p = self.load('description = "d"\n[[stage]]\nname = "deps"\nrequired = true\n'
                      '[[stage]]\nname = "tree"\noptions = { a = "1" }\n')
        self.assertEqual([(s.name, s.required, s.options) for s in p.stages],
                         [('deps', True, {}), ('tree', False, {'a': '1'})])

    def test_unknown_stage(self):
        self.assertRefused('[[stage]]\nname = "nope"\n', 'nope', 'harness/stages/nope.py')

    def test_unknown_key(self):
        self.assertRefused('[[stage]]\nname = "deps"\nrequird = true\n', 'requird')

    def test_a_stage_twice(self):
        self.assertRefused('[[stage]]\nname = "deps"\n[[stage]]\nname = "deps"\n', 'twice')

    def test_no_stage(self):
        self.assertRefused('description = "empty"\n', 'no stage')

    def test_not_toml(self):
        self.assertRefused('[[stage]\n', 'p.toml')

    def test_option_values_are_strings(self):
        self.assertRefused('[[stage]]\nname = "deps"\noptions = { n = 3 }\n', 'strings')

    def test_no_such_plan(self):
        with self.assertRaises(plan.PlanError) as cm:
            plan.load('nope')
        self.assertIn('check', str(cm.exception))


if __name__ == '__main__':
    unittest.main()
