# SPDX-License-Identifier: GPL-2.0
"""harness.envvars: every variable the scripts read is a user option, a
name the steps pass each other, or the system's; the user options are
exactly the ones docs/harness.md documents; every stage option is one of
them."""

import glob
import os
import re
import subprocess
import tempfile
import unittest

from harness import envvars, exitcodes, stages

TOP = exitcodes.TOP

# Upper-case names a script sets itself before it reads them with a
# default: machine fields (scripts/steps/machine.py prints them as M_*) and
# guest-run.sh's note of the base.
SCRIPT_LOCAL = re.compile(r'^(M_[A-Z0-9_]+|SOURCE_NOTE)$')


def script_reads():
    """NAME -> files, for every ${NAME:-...} (or -, =, +, ?) in scripts/**/*.sh
    and every os.environ read of the Python scripts and the harness."""
    found = {}
    for path in glob.glob(os.path.join(TOP, 'scripts', '**', '*.sh'), recursive=True):
        with open(path) as f:
            text = f.read()
        for name in re.findall(r'\$\{([A-Z][A-Z0-9_]*):?[-=+?]', text):
            found.setdefault(name, set()).add(os.path.relpath(path, TOP))
    py = glob.glob(os.path.join(TOP, 'scripts', '**', '*.py'), recursive=True) + \
        glob.glob(os.path.join(TOP, 'harness', '**', '*.py'), recursive=True)
    for path in py:
        with open(path) as f:
            text = f.read()
        for name in re.findall(r"environ(?:\.get\(|\[)'([A-Z][A-Z0-9_]*)'", text):
            found.setdefault(name, set()).add(os.path.relpath(path, TOP))
    return found


def documented_options():
    """The variables of docs/harness.md's Options table."""
    with open(os.path.join(TOP, 'docs', 'harness.md')) as f:
        text = f.read()
    section = text.split('\n## Options\n', 1)[1].split('\n## ', 1)[0]
    return set(re.findall(r'^\| `([A-Z][A-Z0-9_]*)` \|', section, re.M))


class EnvVars(unittest.TestCase):
    def test_the_lists_do_not_overlap(self):
        user = set(envvars.USER)
        self.assertEqual(user & envvars.INTERNAL, set())
        self.assertEqual(user & envvars.STANDARD, set())
        self.assertEqual(envvars.INTERNAL & envvars.STANDARD, set())
        self.assertEqual(envvars.option_vars() & (user | envvars.STANDARD), set())
        self.assertLessEqual(envvars.STAGE_SCOPED | envvars.PLAN_SCOPED, user)

    def test_every_variable_a_script_reads_is_in_a_list(self):
        known = set(envvars.USER) | envvars.internal() | envvars.STANDARD
        unknown = {n: sorted(f) for n, f in script_reads().items()
                   if n not in known and not SCRIPT_LOCAL.match(n)}
        self.assertEqual(unknown, {}, 'read by the scripts, in no list of harness/envvars.py')

    def test_every_internal_name_is_read_somewhere(self):
        """A name no step reads any more is taken out of the list."""
        texts = []
        for path in glob.glob(os.path.join(TOP, 'scripts', '**', '*'), recursive=True) + \
                glob.glob(os.path.join(TOP, 'harness', '**', '*.py'), recursive=True):
            if os.path.isfile(path) and not path.endswith('envvars.py'):
                with open(path) as f:
                    texts.append(f.read())
        text = '\n'.join(texts)
        stale = {n for n in envvars.INTERNAL if not re.search(rf'\b{n}\b', text)}
        self.assertEqual(stale, set())

    def test_the_documented_options_are_the_user_variables(self):
        self.assertEqual(documented_options(), set(envvars.USER))

    def test_about_ten_user_variables(self):
        # Twelve until SERIES chose between the 6.1 and the mainline series.
        self.assertLessEqual(len(envvars.USER), 13)

    def test_every_stage_option_is_a_flag_with_a_known_variable(self):
        for name in stages.names():
            for o in stages.options(stages.load(name)).values():
                with self.subTest(stage=name, option=o.name):
                    self.assertRegex(o.name, r'^[a-z][a-z0-9-]*$')
                    self.assertIsInstance(o.default, str)
                    if o.user_var:
                        self.assertIn(o.user_var, envvars.USER)
                    # the step's own name for it: internal, or the user's
                    # own name where a leaf script reads that (run's TIMEOUT)
                    self.assertTrue(o.var in envvars.internal() or o.var == o.user_var,
                                    f'{o.var}: neither internal nor {o.user_var}')
                    self.assertNotIn(o.var, envvars.STANDARD)
                    if o.var != o.user_var:
                        self.assertNotIn(o.var, envvars.USER)
                        # the module is where it is declared, not the list
                        self.assertNotIn(o.var, envvars.INTERNAL)


class LibSh(unittest.TestCase):
    def test_sourcing_it_only_defines(self):
        """scripts/lib.sh makes no directory and picks no results until a
        script calls step_init."""
        with tempfile.TemporaryDirectory() as tmp:
            env = {'PATH': os.environ['PATH'], 'HOME': tmp,
                   'CACHE': os.path.join(tmp, 'cache'), 'BUILD': os.path.join(tmp, 'build')}
            out = subprocess.run(
                ['bash', '-c', '. "$0" && echo "results=${RESULTS:-unset} machine=${M_ARCH:-unset}"',
                 os.path.join(TOP, 'scripts', 'lib.sh')],
                env=env, capture_output=True, text=True, check=True).stdout
            self.assertEqual(out, 'results=unset machine=unset\n')
            self.assertEqual(os.listdir(tmp), [])

    def test_every_script_calls_step_init_after_sourcing_it(self):
        for path in glob.glob(os.path.join(TOP, 'scripts', '*', '*.sh')):
            with open(path) as f:
                text = f.read()
            with self.subTest(script=os.path.relpath(path, TOP)):
                self.assertIn('. "$(dirname "$0")/../lib.sh"\nstep_init "$@"\n', text)


if __name__ == '__main__':
    unittest.main()
