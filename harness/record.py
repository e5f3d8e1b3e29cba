# SPDX-License-Identifier: GPL-2.0
"""A run's record: record.json (machine-readable: verdict, totals, each
stage's exit code, time and counts, and what was tested on what), the
phase table (phases.txt) and the one result line (result.txt), all
beside the stages' logs in results/<stamp>-<command>/."""

import json
import os
import platform
import shlex
import subprocess
import time

from . import exitcodes

SCHEMA = 2    # 2: provenance.start


def _git(*args):
    try:
        return subprocess.run(['git', '-C', exitcodes.TOP, *args], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def _cpu_model():
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def _base_desc(build_dir):
    """SOURCE_DESC of build/source.env, written by the source step."""
    try:
        with open(os.path.join(build_dir, 'source.env')) as f:
            for line in f:
                if line.startswith('SOURCE_DESC='):
                    return shlex.split(line.split('=', 1)[1])[0]
    except (OSError, IndexError, ValueError):
        pass
    return None


def ccache_dir(env=None):
    """The ccache directory the steps use (scripts/lib.sh)."""
    env = os.environ if env is None else env
    if env.get('CCACHE_DIR'):
        return env['CCACHE_DIR']
    cache = env.get('CACHE') or os.path.join(
        env.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache'),
        'secondary-tlb')
    return os.path.join(cache, 'ccache')


def ccache_mib(env=None):
    """The MiB ccache's directory holds, from ccache's own counters (0
    for no directory or an empty one; None if ccache, not installed,
    cannot say)."""
    d = ccache_dir(env)
    if not os.path.isdir(d) or not os.listdir(d):
        return 0
    env = dict(os.environ if env is None else env, CCACHE_DIR=d)
    try:
        out = subprocess.run(['ccache', '--print-stats'], capture_output=True, text=True,
                             env=env, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    for line in out.splitlines():
        key, _, value = line.partition('\t')
        if key == 'cache_size_kibibyte':
            return int(value) // 1024
    return None


def start_state(build_dir, env=None):
    """What a run starts from: the MiB ccache holds and the build trees
    (build/tree*) there are; both 0 is a cold run."""
    try:
        trees = [d for d in os.listdir(build_dir) if d.startswith('tree')]
    except OSError:
        trees = []
    return {'ccache_mib': ccache_mib(env), 'build_trees': len(trees)}


def provenance(build_dir, start=None):
    """What ran where: the project's commit, the base, the host, and
    what the run started from."""
    status = _git('status', '--porcelain', '--untracked-files=no')
    return {
        'project_commit': _git('rev-parse', 'HEAD'),
        'project_dirty': bool(status) if status is not None else None,
        'base': _base_desc(build_dir),
        'host': {'cpu': _cpu_model(), 'cpus': os.cpu_count(),
                 'kernel': platform.release()},
        'start': start,
    }


def mmss(seconds):
    seconds = int(seconds)
    return f'{seconds // 60}:{seconds % 60:02d}'


class Record:
    def __init__(self, command, plan_path, results, dry_run=False, build_dir=None, only=None):
        self.command = command
        self.plan_path = plan_path
        self.results = results
        self.dry_run = dry_run
        self.only = list(only) if only else None
        self.build_dir = build_dir or os.path.join(exitcodes.TOP, 'build')
        self.t0 = time.time()
        self.start = None if dry_run else start_state(self.build_dir)
        self.stages = []
        self.reports = []

    def add(self, name, code, seconds, outcome, log, options=None, ignored=None):
        self.stages.append({
            'name': name, 'exit': code, 'seconds': round(seconds, 1),
            'passed': outcome.passed, 'failed': outcome.failed,
            'skipped': outcome.skipped, 'notes': list(outcome.notes),
            'log': os.path.relpath(log, self.results) if log else None,
            'options': dict(options or {}),
            'ignored_environment': dict(ignored or {}),
        })

    def totals(self):
        return {k: sum(s[k] for s in self.stages) for k in ('passed', 'failed', 'skipped')}

    def exit_code(self):
        """The first stage's non-zero exit code, else TEST_FAILED if a
        count failed, else OK."""
        for s in self.stages:
            if s['exit'] != 0:
                return s['exit']
        if self.totals()['failed']:
            return exitcodes.TEST_FAILED
        return exitcodes.OK

    def verdict(self):
        """PASS or FAIL; DRY-RUN if the steps printed commands only."""
        if self.dry_run:
            return 'DRY-RUN' if self.exit_code() == exitcodes.OK else 'FAIL'
        return 'PASS' if self.exit_code() == exitcodes.OK else 'FAIL'

    def phase_lines(self):
        lines = ['phase            time   exit']
        for s in self.stages:
            lines.append(f'{s["name"]:<16} {mmss(s["seconds"]):>6}  exit {s["exit"]}')
        return lines

    def result_line(self):
        t = self.totals()
        if self.dry_run and self.verdict() == 'DRY-RUN':
            return (f'{self.command}: DRY-RUN: {len(self.stages)} stage(s) printed their '
                    f'commands, nothing was built, booted or judged')
        return (f'{self.command}: {self.verdict()}: {t["passed"]} passed, {t["failed"]} failed, '
                f'{t["skipped"]} skipped (exit {self.exit_code()}, {mmss(time.time() - self.t0)})')

    def write(self):
        finished = time.time()
        data = {
            'schema': SCHEMA,
            'command': self.command,
            'plan': os.path.relpath(self.plan_path, exitcodes.TOP),
            'dry_run': self.dry_run,
            'only': self.only,
            'verdict': self.verdict(),
            'exit': self.exit_code(),
            'totals': self.totals(),
            'started': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(self.t0)),
            'seconds': round(finished - self.t0, 1),
            'stages': self.stages,
            'reports': self.reports,
            'provenance': provenance(self.build_dir, self.start),
        }
        os.makedirs(self.results, exist_ok=True)
        with open(os.path.join(self.results, 'record.json'), 'w') as f:
            json.dump(data, f, indent=1)
            f.write('\n')
        with open(os.path.join(self.results, 'phases.txt'), 'w') as f:
            f.write('\n'.join(self.phase_lines()[1:]) + '\n')
        with open(os.path.join(self.results, 'result.txt'), 'w') as f:
            f.write(self.result_line() + '\n')
        return data
