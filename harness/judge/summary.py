# SPDX-License-Identifier: GPL-2.0
"""Judge a guest run from its console log and print the summary.

The KTAP in the console is parsed by the kernel's own KUnit parser
(tools/testing/kunit/kunit_parser.py, the code behind 'kunit.py parse').
The console holds two KTAP documents: the built-in KUnit suites the kernel
runs at boot, and the one guest-init prints for the kselftests, after the
line 'guest-init: tests begin'. Each is parsed on its own.

A run fails unless the results prove it passed. Exit codes (README.md):
  0 pass, 1 a test failed or a baseline pass regressed,
  6 panic/oops/BUG/WARN, 7 hung boot or a test timeout,
  8 missing KTAP, missing plan or an expected suite/test absent.
"""

import argparse
import shlex
import os
import re
import subprocess
import sys

from . import kernel_build_problem

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # the project


def read_exit_codes(path):
    """{NAME: code} from config/exit-codes ("code NAME meaning" lines)."""
    codes = {}
    with open(path) as f:
        for line in f:
            if line.strip() and not line.startswith('#'):
                code, name = line.split()[:2]
                codes[name] = int(code)
    return codes


_CODES = read_exit_codes(os.path.join(TOP, 'config', 'exit-codes'))
EXIT_OK, EXIT_TEST_FAILED, EXIT_CRASH, EXIT_TIMEOUT, EXIT_MISSING = (
    _CODES[n] for n in ('OK', 'TEST_FAILED', 'CRASH', 'TIMEOUT', 'MISSING'))

# Console lines that mean the kernel crashed or warned.
CRASH_PATTERNS = [
    r'Kernel panic - not syncing',
    r'Internal error: ',
    r'\bOops\b',
    r'kernel BUG at',
    r'\bBUG: ',
    r'WARNING: CPU: \d+ PID: \d+',
    r'Unable to handle kernel',
    r'general protection fault',
    r'rcu: INFO: .*detected stall',
    # The debug kernels' reports (make check-debug): lockdep, hung tasks,
    # debug objects (KASAN, KFENCE and sleeping in atomic say "BUG: ").
    r'WARNING: (possible |suspicious RCU|inconsistent lock|bad unlock|held lock|lock held)',
    r'INFO: task \S+ blocked for more than',
    r'ODEBUG: ',
    r'Call trace:',
]
CRASH_RE = re.compile('|'.join(CRASH_PATTERNS))
# The first line of a report; a "Call trace:" belongs to the one before.
TITLE_RE = re.compile('|'.join(p for p in CRASH_PATTERNS if p != r'Call trace:'))
SPLAT_END_RE = re.compile(r'---\[ end (trace|Kernel panic)')
BEGIN_MARK = 'guest-init: tests begin'
END_MARK = 'guest-init: tests end'
START_MARK = 'guest-init: start'
TIMEOUT_RE = re.compile(r'guest-init: TIMEOUT (\S+) after (\d+) s')
VERSION_RE = re.compile(r'^\s*(K?TAP) version \d+')
PLAN_RE = re.compile(r'^\s*1\.\.\d+\s*$')
TIMESTAMP_RE = re.compile(r'^\[\s*\d+\.\d+\]\s?')


def load_parser(kunit_dir):
    sys.path.insert(0, kunit_dir)
    import kunit_parser  # pylint: disable=import-outside-toplevel
    return kunit_parser


def read_lines(path):
    with open(path, errors='replace') as f:
        return [l.rstrip('\r\n') for l in f]


def read_known_splats(path):
    """Lines "title regex | call-trace regex | reason" of known splats."""
    known = []
    for line in read_list(path):
        parts = [p.strip() for p in line.split('|', 2)]
        if len(parts) == 3:
            known.append((re.compile(parts[0]), re.compile(parts[1]), parts[2]))
    return known


def parse_ktap(kp, lines, report):
    """kunit_parser.parse_run_tests(), its report written to a file."""
    import kunit_printer  # pylint: disable=import-outside-toplevel
    saved = kp.stdout
    with open(report, 'a') as rep:
        kp.stdout = kunit_printer.Printer(rep)
        try:
            test = kp.parse_run_tests(lines)
        finally:
            kp.stdout = saved
    return test, test.counts.errors


# kselftest's "ok 3 # XFAIL reason" has no test name, which the KTAP parser
# does not take as a result line; give such lines a name.
UNNAMED_RESULT_RE = re.compile(r'^(\s*(?:not )?ok \d+) (# .*)$')


def parse_kselftests(kp, lines, report, problems):
    """Parse guest-init's document: first its own top-level results, then
    each test's nested output on its own, so a test whose TAP is broken
    cannot swallow the results of the tests after it."""
    if os.path.exists(report):
        os.unlink(report)
    top = [l for l in lines if not l.startswith('    ')]
    test, errors = parse_ktap(kp, top, report)
    blocks, block = [], []
    for l in lines:
        if l.startswith('    '):
            block.append(UNNAMED_RESULT_RE.sub(r'\1 (unnamed) \2', l[4:]))
        elif re.match(r'^(not )?ok \d+ ', l):
            blocks.append(block)
            block = []
    suites = {}
    for i, sub in enumerate(test.subtests):
        own = status_word(kp, sub.status)
        nested = blocks[i] if i < len(blocks) else []
        cases = [('', own)]
        if any(VERSION_RE.match(l) for l in nested):
            with open(report, 'a') as rep:
                rep.write(f'--- {sub.name} ---\n')
            ntest, nerr = parse_ktap(kp, nested, report)
            if nerr:
                problems[EXIT_MISSING].append(
                    f'kselftest: {sub.name}: {nerr} KTAP parse error(s) in its output')
            elif ntest.subtests:
                cases = flatten(kp, ntest, '', [])
        suites[sub.name] = (own, cases)
    return suites, errors


def has_plan(lines):
    """A KTAP document starts with a version line, then (after diagnostic
    lines, if any) a plan at the same indentation."""
    text = [TIMESTAMP_RE.sub('', l) for l in lines]
    for i, line in enumerate(text):
        if VERSION_RE.match(line):
            indent = line[:len(line) - len(line.lstrip())]
            for nxt in text[i + 1:]:
                if nxt.startswith(indent + '#'):
                    continue
                return nxt.startswith(indent) and bool(PLAN_RE.match(nxt[len(indent):]))
            return False
    return False


def flatten(kp, test, prefix, out):
    """(name, status) for each leaf test case, names joined with '.'."""
    for sub in test.subtests:
        name = f'{prefix}{sub.name}'
        if sub.subtests:
            flatten(kp, sub, name + '.', out)
        else:
            out.append((name, status_word(kp, sub.status)))
    return out


def status_word(kp, status):
    return {
        kp.TestStatus.SUCCESS: 'PASS',
        kp.TestStatus.SKIPPED: 'SKIP',
        kp.TestStatus.FAILURE: 'FAIL',
        kp.TestStatus.TEST_CRASHED: 'CRASH',
        kp.TestStatus.NO_TESTS: 'NO_TESTS',
    }.get(status, 'ERROR')


def count(cases):
    c = {'PASS': 0, 'FAIL': 0, 'SKIP': 0}
    for _, st in cases:
        c['SKIP' if st == 'SKIP' else 'PASS' if st == 'PASS' else 'FAIL'] += 1
    return c


def read_env(path):
    """A record of KEY=value lines, values quoted for the shell (run.env)."""
    env = {}
    if os.path.exists(path):
        for line in read_lines(path):
            key, sep, val = line.partition('=')
            if sep:
                words = shlex.split(val)
                env[key] = words[0] if words else ''
    return env


def read_list(path):
    if not path or not os.path.exists(path):
        return []
    return [l.split('#')[0].strip() for l in read_lines(path)
            if l.split('#')[0].strip()]


def kunit_suites(path, tree, rev=None):
    """Suites that must report: "suite" or "suite path", the latter only
    when the kernel has that file (a suite the series adds): at rev, the
    commit the kernel was built from, if the run recorded it."""
    suites = []
    for line in read_list(path):
        words = line.split()
        if len(words) == 1:
            suites.append(words[0])
        elif rev:
            if subprocess.run(['git', '-C', tree, 'cat-file', '-e', f'{rev}:{words[1]}'],
                              capture_output=True).returncode == 0:
                suites.append(words[0])
        elif os.path.exists(os.path.join(tree, words[1])):
            suites.append(words[0])
    return suites


def read_header(res):
    """What was run, from the run's record (run.env, patches.txt: written
    by boot.sh when the run started), not from the live tree."""
    run = read_env(os.path.join(res, 'run.env'))
    patches = os.path.join(res, 'patches.txt')
    subjects = ([l.split(' ', 1)[-1] for l in read_lines(patches)]
                if os.path.exists(patches) else None)
    return run, subjects


def check_kernel_build(lines, build, problems):
    """The kernel that booted must be the build the run recorded
    (harness.judge.kernel_build_problem). A run recorded before the
    build number was (build None) is not checked."""
    if not build or not lines:
        return
    why = kernel_build_problem(lines, build)
    if why:
        problems[EXIT_MISSING].append(why)


def read_devices(text, probe_re):
    """The probe line (None if the machine has no probe, '' if absent) and
    the PCI devices with their IOMMU group."""
    probe = None
    if probe_re:
        found = [l for l in text if re.search(probe_re, l)]
        probe = found[0].strip() if found else ''
    pci_ids, groups = {}, {}
    for l in text:
        m = re.match(r'pci (\S+): \[([0-9a-f]{4}:[0-9a-f]{4})\] type', l)
        if m:
            pci_ids[m.group(1)] = m.group(2)
        m = re.match(r'\S+ ([0-9a-f]{4}:\S+): Adding to iommu group (\d+)', l)
        if m:
            groups[m.group(1)] = m.group(2)
    pci = [f'{d} [{i}] ' + (f'iommu group {groups[d]}' if d in groups
                            else 'not attached (no driver bound)')
           for d, i in sorted(pci_ids.items())]
    return probe, pci


def find_splats(lines, known, problems):
    """Crashes and warnings anywhere in the console, one entry per splat:
    the known ones are returned, the others are problems."""
    known_seen = []
    i = 0
    while i < len(lines):
        if not CRASH_RE.search(lines[i]):
            i += 1
            continue
        # A splat ends at its end marker, at the first line of the next
        # report (soft lockups have no end marker), or after 80 lines.
        end = i + 1
        while (end < len(lines) and end < i + 80 and not SPLAT_END_RE.search(lines[end - 1])
               and not TITLE_RE.search(lines[end])):
            end += 1
        title = lines[i].strip()
        body = '\n'.join(lines[i:end])
        reason = next((r for t, b, r in known if t.search(title) and b.search(body)), None)
        if reason:
            known_seen.append(f'console line {i + 1}: {title} (known: {reason})')
        else:
            problems[EXIT_CRASH].append(f'console line {i + 1}: {title}')
        i = end
    return known_seen


def find_timeouts(lines, qemu_status, problems, terminated=None):
    """The whole run timed out, was killed or stopped early, or guest-init
    killed a test. terminated: QEMU's own line when a SIGTERM or SIGINT
    from elsewhere stopped it (it then exits 0)."""
    started = any(START_MARK in l for l in lines)
    ended = any(END_MARK in l for l in lines)
    if qemu_status in ('124', '137'):
        where = 'during the tests' if started else 'during boot (guest-init never started)'
        problems[EXIT_TIMEOUT].append(f'QEMU timed out {where}')
    elif qemu_status and qemu_status.startswith('killed '):
        where = 'during the tests' if started else 'before guest-init started'
        problems[EXIT_MISSING].append(f'QEMU was killed by signal {qemu_status.split()[1]} {where}, '
                                      'not by the harness\'s timeout: the run is incomplete')
    elif terminated and not ended:
        problems[EXIT_MISSING].append(f'QEMU stopped on a signal ("{terminated}") before the tests '
                                      'ended: the run is incomplete')
    elif not ended and lines:
        where = 'after guest-init started' if started else 'before guest-init started'
        problems[EXIT_MISSING].append(f'the guest stopped {where} without finishing the tests')
    for l in lines:
        m = TIMEOUT_RE.search(l)
        if m:
            problems[EXIT_TIMEOUT].append(f'test {m.group(1)} timed out after {m.group(2)} s')


def parse_documents(kp, lines, res, expected_of, problems):
    """Split the two KTAP documents (KUnit at boot, guest-init's
    kselftests), write each to RESULTS/<part>.log and parse it with the
    kernel's parser. Returns ({part: {suite: (status, cases)}}, the
    documents' paths); a part nothing is expected of is not parsed."""
    begin = next((i for i, l in enumerate(lines) if BEGIN_MARK in l), len(lines))
    end = next((i for i, l in enumerate(lines) if END_MARK in l), len(lines))
    parts = {'kunit': lines[:begin], 'kselftest': lines[begin + 1:end]}
    results, paths = {}, []
    for part, plines in parts.items():
        path = os.path.join(res, f'{part}.log')
        with open(path, 'w') as f:
            f.write('\n'.join(plines) + '\n')
        expected = expected_of[part]
        if not expected:
            continue
        paths.append((part, path))
        if not has_plan(plines):
            problems[EXIT_MISSING].append(f'{part}: no KTAP version line and plan')
            continue
        report = os.path.join(res, f'{part}-parse.txt')
        if part == 'kunit':
            test, errors = parse_ktap(kp, plines, report)
            suites = {sub.name: (status_word(kp, sub.status),
                                 flatten(kp, sub, '', []) if sub.subtests
                                 else [('', status_word(kp, sub.status))])
                      for sub in test.subtests}
        else:
            suites, errors = parse_kselftests(kp, plines, report, problems)
        if errors:
            problems[EXIT_MISSING].append(
                f'{part}: {errors} KTAP parse error(s), see {report}')
        results[part] = suites
        for name in expected:
            if name not in suites:
                problems[EXIT_MISSING].append(f'{part}: expected {name} did not report')
    return results, paths


def read_xfail(path):
    """{case: signature regex or None} from lines "case [| signature]": a
    case that must fail and, if given, what its output must show when it
    does (the reason it fails)."""
    xfail = {}
    for line in read_list(path):
        key, _, sig = (p.strip() for p in line.partition('|'))
        xfail[key] = re.compile(sig) if sig else None
    return xfail


def case_output(lines, key):
    """The console lines of a kselftest harness case: from its "RUN" line
    to its result line, kernel messages in between included."""
    name = key.split('.', 1)[1] if key.startswith('kselftest:') and '.' in key else None
    if not name:
        return []
    run_re = re.compile(r'#\s+RUN\s+' + re.escape(name) + r' \.\.\.')
    end_re = re.compile(r'^\s*(not )?ok \d+ ' + re.escape(name) + r'\s*$')
    out, inside = [], False
    for l in lines:
        if run_re.search(l):
            inside = True
        if inside:
            out.append(l)
            if end_re.match(l):
                break
    return out


def check_signatures(lines, xfail, xfailed, problems):
    """An expected failure must fail for its reason: its signature in its
    output. Returns the cases that showed theirs."""
    shown = []
    for key in xfailed:
        sig = xfail.get(key)
        if sig is None:
            continue
        if any(sig.search(l) for l in case_output(lines, key)):
            shown.append(key)
        else:
            problems[EXIT_TEST_FAILED].append(
                f"{key}: failed, but not for its reason: no '{sig.pattern}' in its output")
    return shown


def judge_cases(results, xfail, problems, skip_fails=(), needs_cases=()):
    """Every case's result, and per suite a row (order, name, status,
    counts), crashed and failed first. A case in xfail must fail: its
    failure is expected, its pass or skip is a failure of the run; a
    test named in skip_fails ("part:name") must run: neither it nor any
    of its cases may skip; one in needs_cases must report cases of its
    own."""
    all_cases, rows, xfailed = {}, {}, []
    totals = {'PASS': 0, 'FAIL': 0, 'SKIP': 0}
    for part in ('kunit', 'kselftest'):
        rows[part] = []
        for name, (own, cases) in results.get(part, {}).items():
            c = count(cases)
            if own not in ('PASS', 'SKIP') and c['FAIL'] == 0:
                c['FAIL'] += 1
                cases = cases + [('(suite result)', own)]
            unexpected = 0
            must_run = f'{part}:{name}' in skip_fails
            if must_run and own == 'SKIP':
                problems[EXIT_TEST_FAILED].append(
                    f'{part}:{name}: SKIP (the whole test), and here a skip is not a pass')
            if f'{part}:{name}' in needs_cases and not any(cname for cname, _ in cases):
                problems[EXIT_MISSING].append(
                    f'{part}:{name}: reported no case of its own (its nested KTAP output is '
                    'missing)')
            for cname, st in cases:
                key = f'{part}:{name}' + (f'.{cname}' if cname else '')
                all_cases[key] = st
                if key in xfail:
                    if st == 'FAIL':
                        xfailed.append(key)
                    else:
                        problems[EXIT_TEST_FAILED].append(f'{key}: {st}, expected to fail')
                elif st not in ('PASS', 'SKIP'):
                    unexpected += 1
                elif st == 'SKIP' and must_run and cname:
                    problems[EXIT_TEST_FAILED].append(f'{key}: SKIP, and here a skip is not a pass')
            for k in totals:
                totals[k] += c[k]
            # A failing suite with no failing case got a '(suite result)'
            # case above, so it is counted in unexpected.
            bad = own == 'CRASH' or unexpected
            rows[part].append((0 if own == 'CRASH' else 1 if bad else 2, name, own, c))
            if bad:
                problems[EXIT_TEST_FAILED].append(
                    f'{part}: {name}: {own}, {unexpected} failed unexpectedly')
        rows[part].sort(key=lambda r: r[0])
    for k in sorted(set(xfail) - set(all_cases)):
        problems[EXIT_MISSING].append(f'{k}: expected to fail, did not report')
    return all_cases, rows, xfailed, totals


def compare_baseline(path, all_cases, problems):
    """Regressions against the recorded baseline (a PASS that is anything
    else now, a SKIP that fails), and how many cases are new."""
    if not os.path.exists(path):
        problems[EXIT_MISSING].append(f'baseline {path} does not exist')
        return [], []
    base_cases = dict(l.rsplit(' ', 1) for l in read_list(path))
    regress = []
    for k, st in sorted(base_cases.items()):
        now = all_cases.get(k, 'MISSING')
        if st == 'PASS' and now != 'PASS' or st == 'SKIP' and now not in ('PASS', 'SKIP'):
            regress.append(f'{k}: {st} -> {now}')
            problems[EXIT_TEST_FAILED].append(f'regression {regress[-1]}')
    return regress, [k for k in all_cases if k not in base_cases]


# When several apply, the summary's exit code is the first of these.
SEVERITY = ((EXIT_CRASH, 'crash'), (EXIT_TIMEOUT, 'timeout'),
            (EXIT_MISSING, 'missing'), (EXIT_TEST_FAILED, 'failed'))


def judge(args):
    """Everything the summary says, as data: j['code'] is the verdict."""
    kp = load_parser(args.kunit_tool or os.path.join(args.tree, 'tools/testing/kunit'))
    res = args.results
    j = {'problems': {c: [] for c, _ in SEVERITY}}
    problems = j['problems']
    console = args.console or os.path.join(res, 'console.log')
    lines = read_lines(console) if os.path.exists(console) else []
    if not lines:
        problems[EXIT_MISSING].append(f'console log {console} is empty or missing')
    st_path = os.path.join(res, 'qemu.status')
    qemu_status = open(st_path).read().strip() if os.path.exists(st_path) else None

    j['run'], j['subjects'] = read_header(res)
    run = j['run']
    check_kernel_build(lines, run.get('RUN_KERNEL_BUILD'), problems)
    j['probe'], j['pci'] = read_devices([TIMESTAMP_RE.sub('', l) for l in lines], args.probe)
    known = [k for path in args.known_splats for k in read_known_splats(path)]
    j['known_seen'] = find_splats(lines, known, problems)
    err_path = os.path.join(res, 'qemu-stderr.log')
    terminated = None
    if os.path.exists(err_path):
        terminated = next((l.strip() for l in read_lines(err_path)
                           if 'terminating on signal' in l), None)
    find_timeouts(lines, qemu_status, problems, terminated)

    expected_of = {
        'kunit': kunit_suites(args.kunit_suites, run.get('KERNEL_TREE', args.tree),
                              run.get('KERNEL_TREE_HEAD')),
        'kselftest': [l.split()[0] for l in read_list(args.plan)]}
    results, j['documents'] = parse_documents(kp, lines, res, expected_of, problems)

    xfail = read_xfail(args.expect_fail)
    if args.expect_fail and not xfail:
        problems[EXIT_MISSING].append(f'expected failures: {args.expect_fail} lists none')
    j['xfail'] = xfail
    j['cases'], j['rows'], j['xfailed'], j['totals'] = judge_cases(results, xfail, problems,
                                                                       args.skip_fails,
                                                                       args.needs_cases)
    j['signed'] = sum(1 for s in xfail.values() if s)
    j['shown'] = check_signatures(lines, xfail, j['xfailed'], problems)
    j['regress'] = j['new'] = None
    if args.baseline:
        j['regress'], j['new'] = compare_baseline(args.baseline, j['cases'], problems)
    j['code'] = next((c for c, _ in SEVERITY if problems[c]), EXIT_OK)
    return j


def render(j, args):
    """The summary's lines: the header, then the crashes and timeouts, then
    the devices, splats, suites, comparisons, problems and verdict."""
    out = []
    say = out.append
    run, subjects = j['run'], j['subjects']
    say('== summary ==')
    if run.get('KERNEL_BASE_NOTE'):
        say(f'note:     {run["KERNEL_BASE_NOTE"]}')
    say(f'machine:  {run.get("RUN_MACHINE", "unknown (no run.env)")}'
        + (f', -cpu {run["RUN_CPU"]}' if run.get('RUN_CPU') else ''))
    say(f'base:     {run.get("KERNEL_BASE_DESC", "unknown")}')
    if subjects is None:
        say('patches:  unknown (no patches.txt)')
    elif subjects:
        say(f'patches:  {len(subjects)} applied ({run.get("KERNEL_SERIES_PART", "?")}), '
            f'first "{subjects[0]}", last "{subjects[-1]}"')
    else:
        say('patches:  none applied (bare base)')
    if run:
        say(f'kernel:   {run.get("KERNEL_IMAGE", "?")}, built {run.get("KERNEL_BUILT", "?")} '
            f'from {run.get("KERNEL_TREE", "?")} at {run.get("KERNEL_TREE_HEAD", "?")[:12]}')
        say(f'config:   {run.get("KERNEL_CONFIG", "?")} ({run.get("KERNEL_FRAGMENTS", "?")})')
        say(f'qemu:     {run.get("RUN_EMULATOR_COMMAND", "?")}')
    if j['probe'] is not None:
        say(f'{args.probe_label + ":":9} {j["probe"] or "NOT PROBED"}')
    say('pci:      ' + ('\n          '.join(j['pci']) if j['pci'] else 'no PCI devices found'))
    if j['known_seen']:
        names = ', '.join(os.path.relpath(p, TOP) for p in args.known_splats)
        say(f'known splats: {len(j["known_seen"])} ({names})')
        for k in sorted(set(k.split(': ', 1)[1] for k in j['known_seen'])):
            say(f'  {k}')
    for part, path in j['documents']:
        say(f'{part} KTAP: {path}' + (f' (reproduce: tools/testing/kunit/kunit.py parse {path})'
                                      if part == 'kunit' else
                                      ' (top level and each test parsed apart; report: kselftest-parse.txt)'))
    for part in ('kunit', 'kselftest'):
        say(f'{part}: {len(j["rows"][part])} suite(s)')
        for _, name, own, c in j['rows'][part]:
            say(f'  {name:32} {own:6} pass {c["PASS"]:3}  fail {c["FAIL"]:3}  skip {c["SKIP"]:3}')
    if args.expect_fail:
        say(f'expected failures: {args.expect_fail}: {len(j["xfailed"])} of {len(j["xfail"])} '
            f'failed as expected, {len(j["shown"])} of {j["signed"]} with their signature')
    if j['regress'] is not None:
        say(f'baseline: {args.baseline}: {len(j["regress"])} regression(s), '
            f'{len(j["new"])} new case(s)')
        for r in j['regress']:
            say(f'  regression {r}')
    say('')
    for c, label in SEVERITY:
        for p in j['problems'][c]:
            say(f'{label.upper()}: {p}')
    t = j['totals']
    say(f'totals: {t["PASS"]} passed, {t["FAIL"]} failed, {t["SKIP"]} skipped')
    say(f'result: {"PASS" if j["code"] == EXIT_OK else "FAIL"} (exit {j["code"]})')
    # Crashes and timeouts are listed first, the rest in order.
    head_lines = [l for l in out if l.startswith(('CRASH', 'TIMEOUT'))]
    return out[:1] + head_lines + [l for l in out[1:] if l not in head_lines]


def write_results(j, res):
    """results.txt: each case's result; cases.txt adds what each case had
    to be: FAIL for an expected failure, PASS otherwise (the reproducer's
    verdict lines read it)."""
    with open(os.path.join(res, 'results.txt'), 'w') as f:
        for k in sorted(j['cases']):
            f.write(f'{k} {j["cases"][k]}\n')
    with open(os.path.join(res, 'cases.txt'), 'w') as f:
        for k in sorted(j['cases']):
            f.write(f'{k} {j["cases"][k]} {"FAIL" if k in j["xfail"] else "PASS"}\n')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--results', required=True, help='results directory')
    ap.add_argument('--tree', required=True,
                    help='kernel tree (its tools/testing/kunit/kunit_parser.py, its files)')
    ap.add_argument('--kunit-tool', help='the directory of kunit_parser.py, if not in --tree')
    ap.add_argument('--console', help='console log (default RESULTS/console.log)')
    ap.add_argument('--kunit-suites', help='file: KUnit suites that must report')
    ap.add_argument('--plan', help='guest plan file: tests that must report')
    ap.add_argument('--baseline', help='file: "name STATUS" lines to compare with')
    ap.add_argument('--known-splats', action='append', default=[],
                    help='file: kernel splats that are not failures (repeatable)')
    ap.add_argument('--expect-fail', help='file: cases that must fail (a pass is a failure)')
    ap.add_argument('--skip-fails', metavar='TEST', action='append', default=[],
                    help='TEST (e.g. kselftest:edu_sva_test) must run: a skip of it or of any '
                    'of its cases fails the run (repeatable)')
    ap.add_argument('--needs-cases', metavar='TEST', action='append', default=[],
                    help='TEST must report cases of its own (nested KTAP): a TEST that reports '
                    'none, its nested output lost, is missing results (repeatable)')
    ap.add_argument('--probe', default='', help='regex: the console line naming the device under test')
    ap.add_argument('--probe-label', default='probe', help="the probe line's label")
    args = ap.parse_args()

    j = judge(args)
    write_results(j, args.results)
    text = '\n'.join(render(j, args))
    print(text)
    with open(os.path.join(args.results, 'summary.txt'), 'w') as f:
        f.write(text + '\n')
    return j['code']


if __name__ == '__main__':
    sys.exit(main())
