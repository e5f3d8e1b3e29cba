# SPDX-License-Identifier: GPL-2.0
"""The verdicts, in one package:

    harness.judge          a stage's counts (below): the one place the
                           totals of ./stlb.py come from
    harness.judge.summary  a guest run: its console judged against the
                           expected suites, baseline, expected failures
                           (each with its reason), skips that fail
                           (python3 -m harness.judge.summary, called by
                           scripts/steps/summary.sh)
    harness.judge.kunit    kunit.py's JSON against the cases a mutant must
                           fail, each for the reason the check is about
                           (python3 -m harness.judge.kunit, called by
                           scripts/evidence/kunit-arches.sh)
    harness.judge.reproducer  one reproducer boot: each case what its
                           kernel's .xfail says, the splat seen, the SMMU's
                           commands in range (scripts/evidence/reproducer.sh)
    harness.judge.kselftests  every test of a plan run and passed; a
                           mutant killed by its test failing with its
                           signature (scripts/evidence/kvm-x86.sh, kvm-vmx.sh)

Their rules are unit-tested on data (tests/unit/test_judge*.py); the
summary on saved consoles, which needs the kernel's KTAP parser, by
scripts/evidence/harness-selftest.sh.

Counting what a stage reported:

A step prints one verdict line per thing it checked, "<step>: PASS ..."
or "<step>: FAIL ..."; make run's summary ends with "totals: N passed, N
failed, N skipped" and "result: PASS|FAIL ...". The rules:

- a stage judged by its verdicts that printed none fails (it checked
  nothing, or its lines changed form);
- a stage that exits non-zero counts at least one failure;
- a make run summary whose result is not PASS counts one failure more
  than its cases if none failed (a crash, a hang, lost results), and one
  if it has no totals at all.
"""

import re
from dataclasses import dataclass, field

VERDICT = re.compile(r'^[a-z0-9-]+: (PASS|FAIL)', re.M)
TOTALS = re.compile(r'^totals: (\d+) passed, (\d+) failed, (\d+) skipped', re.M)
RESULT = re.compile(r'^result: (\S+)', re.M)
SUMMARY_VERDICT = re.compile(r'^(CRASH|TIMEOUT|MISSING|FAILED|expected failures|result):.*', re.M)

JUDGES = ('exit', 'verdicts', 'run-summary')


def kernel_build_problem(lines, build):
    """None if the console's banner ("Linux version ... #N ...") shows
    build BUILD ("#N"), else why not: a stale image (a bzImage once held
    an older vmlinux: ccache's depend mode and .incbin,
    scripts/steps/ccache-cc) is not the kernel the run built."""
    banner = next((re.sub(r'^\[\s*\d+\.\d+\]\s?', '', l).strip()
                   for l in lines if 'Linux version ' in l), None)
    if banner is not None and f' {build} ' in banner:
        return None
    return (f'the kernel that booted is not build {build} of its tree: '
            f'{banner or "no Linux version line on the console"}')


def read_lines(path):
    """A result file's lines; none if it is missing (a boot that stopped
    before writing it: the judge then finds nothing to pass)."""
    try:
        with open(path, errors='replace') as f:
            return f.read().splitlines()
    except OSError:
        return []


@dataclass
class Outcome:
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    notes: list = field(default_factory=list)

    def fail(self, note=None):
        """At least one failure, and why."""
        self.failed = max(self.failed, 1)
        if note:
            self.notes.append(note)


def exit_only(code):
    """A stage with nothing to count (deps, source, tree): its exit code."""
    out = Outcome()
    if code != 0:
        out.fail(f'exit code {code}')
    return out


def verdicts(log_text, code):
    """Count the verdict lines of a stage's log."""
    out = Outcome()
    for m in VERDICT.finditer(log_text):
        if m.group(1) == 'PASS':
            out.passed += 1
        else:
            out.failed += 1
    if out.passed + out.failed == 0:
        out.fail('reported no verdict line ("<step>: PASS|FAIL ...")')
    elif code != 0 and out.failed == 0:
        out.fail(f'exit code {code} with no FAIL line')
    return out


def run_summary(summary_text, code):
    """Count a make run summary (summary.txt); None: there is none."""
    out = Outcome()
    text = summary_text or ''
    totals = TOTALS.search(text)
    result = RESULT.search(text)
    if totals:
        out.passed, out.failed, out.skipped = map(int, totals.groups())
    if not result or result.group(1) != 'PASS':
        out.notes.extend(m.group(0) for m in SUMMARY_VERDICT.finditer(text))
        out.fail(None if totals else 'no summary totals')
    elif not totals:
        out.fail('a PASS summary without totals')
    elif code != 0 and out.failed == 0:
        out.fail(f'exit code {code} with a PASS summary')
    return out
