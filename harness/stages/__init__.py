# SPDX-License-Identifier: GPL-2.0
"""The stages: one module a stage, named as the stage (kunit-arches is
kunit_arches.py). A module says what runs and how it is judged:

    COMMAND   the step's command line, run in the project's directory;
              {python} is Debian's python3, {tree} the kernel tree
              (build/tree), {results} the run's results directory
    JUDGE     'exit' (nothing to count), 'verdicts' (its "<step>: PASS|
              FAIL" lines) or 'run-summary' (a make run summary.txt)
    SUMMARY   for 'run-summary': the summary file, under {results}
    ENV       fixed environment of the step (not options)
    OPTIONS   the stage's options (Option below): ./stlb.py NAME --help
              lists them; a plan entry sets them by name (options = {
              kernels = "series" }); the step gets each as its variable
    REPORT    optional: a file under {results} whose last line is shown
              at the end of the run ("<stage>: no result" without it)
    SHOW      optional: a file under {results} whose path is shown
    NEEDS     optional: the stages that must have run before it (run
              alone, ./stlb.py NAME runs them first; a plan must order
              them before it)
    DRY_RUN_AWARE  False for a step that cannot print its commands
              without running (it reads what earlier steps built): a dry
              run shows its command instead

The module's docstring is the stage's description (./stlb.py list).
"""

import importlib
import os
import pkgutil
from dataclasses import dataclass

from .. import judge as judges

# The options a user may also give in the environment, by the same name
# for every stage that has them (KERNELS="base series" make reproducer):
# option name -> variable. Every other option is a flag only.
GENERIC = {'kernels': 'KERNELS', 'machines': 'MACHINES', 'flavour': 'FLAVOUR',
           'timeout': 'TIMEOUT', 'append': 'APPEND'}


@dataclass(frozen=True)
class Option:
    """One option of a stage: --NAME on the command line, NAME in a plan,
    VAR in the step's environment (the step's own name for it, not the
    user's: the entry point always sets it, to the default if nothing
    else), GENERIC[NAME] in the user's environment when a stage runs
    alone."""
    name: str
    var: str
    default: str
    help: str

    @property
    def user_var(self):
        return GENERIC.get(self.name)


def names():
    """Every stage there is, by its name."""
    here = os.path.dirname(__file__)
    return sorted(m.name.replace('_', '-') for m in pkgutil.iter_modules([here]))


def load(name):
    mod = importlib.import_module(f'{__name__}.{name.replace("-", "_")}')
    for attr in ('COMMAND', 'JUDGE'):
        if not hasattr(mod, attr):
            raise AttributeError(f'stage module {mod.__name__} has no {attr}')
    if mod.JUDGE not in judges.JUDGES:
        raise ValueError(f'stage module {mod.__name__}: JUDGE {mod.JUDGE!r} is not one '
                         f'of {", ".join(judges.JUDGES)}')
    if mod.JUDGE == 'run-summary' and not hasattr(mod, 'SUMMARY'):
        raise AttributeError(f'stage module {mod.__name__}: run-summary needs SUMMARY')
    return mod


def options(mod):
    """The stage's options by name."""
    return {o.name: o for o in getattr(mod, 'OPTIONS', [])}


def needs(name):
    """The stages NAME needs before it, transitively, in order."""
    out = []
    for n in getattr(load(name), 'NEEDS', []):
        for m in needs(n) + [n]:
            if m not in out:
                out.append(m)
    return out


def describe(name):
    doc = (load(name).__doc__ or '').strip()
    return doc.splitlines()[0] if doc else ''


def command(mod, subst):
    return [w.format(**subst) for w in mod.COMMAND]


def judge(mod, log_text, code, results):
    """The stage's counts from its log (or its summary file)."""
    if mod.JUDGE == 'exit':
        return judges.exit_only(code)
    if mod.JUDGE == 'verdicts':
        return judges.verdicts(log_text, code)
    try:
        with open(os.path.join(results, mod.SUMMARY)) as f:
            text = f.read()
    except OSError:
        text = None
    return judges.run_summary(text, code)


def report(mod, name, results):
    """The line the stage adds to the end of the run, or None."""
    if getattr(mod, 'REPORT', None):
        try:
            with open(os.path.join(results, mod.REPORT)) as f:
                lines = f.read().splitlines()
            return lines[-1] if lines else f'{name}: no result'
        except OSError:
            return f'{name}: no result'
    if getattr(mod, 'SHOW', None):
        path = os.path.join(results, mod.SHOW)
        return f'{name}: {path}' if os.path.exists(path) else None
    return None
