# SPDX-License-Identifier: GPL-2.0
"""The figures of README.md and docs/, rendered from the records of the
runs that produced them (docs/records/: record.json files, and make
bench's table.csv, copied there by './stlb.py keep RESULTS_DIR'), so that
no figure is typed by hand.

    ./stlb.py status           print every rendered block
    ./stlb.py status --write   rewrite them in their files
    ./stlb.py status --check   exit 1 if a file's block differs

A block sits between begin(name) and end(name) in its file (BLOCKS).
"""

import csv
import glob
import importlib.util
import json
import os
import re
import shutil

from . import exitcodes

TOP = exitcodes.TOP
RECORDS = os.path.join(TOP, 'docs', 'records')
PLANS = ('check', 'check-full')


def begin(name):
    return f'<!-- {name}: rendered by ./stlb.py status from docs/records/; do not edit -->'


def end(name):
    return f'<!-- end of {name} -->'


def load_records(records_dir=RECORDS):
    out = []
    for path in sorted(glob.glob(os.path.join(records_dir, '*.json'))):
        with open(path) as f:
            rec = json.load(f)
        rec['_path'] = path
        out.append(rec)
    return out


def duration(seconds):
    s = int(round(seconds))
    return f'{s // 60} min {s % 60} s'


def newest(records, plan):
    """The newest whole run of a plan: not a dry run, not narrowed by --only."""
    recs = [r for r in records if r['command'] == plan and not r.get('dry_run')
            and not r.get('only')]
    return max(recs, key=lambda r: r['started']) if recs else None


def link(rec, relative_to):
    """A markdown link to a record, from a file in directory relative_to."""
    return (f'[{os.path.basename(rec["_path"])}]'
            f'({os.path.relpath(rec["_path"], relative_to)})')


def commit_of(rec):
    p = rec.get('provenance', {})
    dirty = ' (with local changes)' if p.get('project_dirty') else ''
    return (p.get('project_commit') or 'unknown')[:7] + dirty


def host_of(rec):
    host = rec.get('provenance', {}).get('host', {})
    return f'{host.get("cpu") or "?"}, {host.get("cpus") or "?"} CPUs'


def start_of(rec):
    """What the run started from: cold, warm, or not recorded."""
    s = rec.get('provenance', {}).get('start')
    if s is None:
        return 'cache state at the start not recorded'
    mib, trees = s.get('ccache_mib'), s.get('build_trees', 0)
    if mib == 0 and trees == 0:
        return 'cold: ccache empty, no build tree'
    size = 'of unknown size' if mib is None else f'{mib} MiB'
    return f'warm: ccache {size}, {trees} build tree(s) at the start'


# -- README.md, Status ------------------------------------------------------

def status_row(rec, relative_to):
    t = rec['totals']
    return (f'| `make {rec["command"]}` | {rec["started"][:10]}, {commit_of(rec)} | '
            f'{host_of(rec)} | '
            f'**{rec["verdict"]}** in {duration(rec["seconds"])}: {t["passed"]} passed, '
            f'{t["failed"]} failed, {t["skipped"]} skipped | {link(rec, relative_to)} |')


def render_status(records, records_dir, relative_to):
    lines = ['', '| run | date, commit | host | result | record |', '|---|---|---|---|---|']
    missing = []
    for plan in PLANS:
        rec = newest(records, plan)
        if rec:
            lines.append(status_row(rec, relative_to))
        else:
            missing.append(f'`make {plan}`')
    lines.append('')
    if missing:
        lines.append(f'No record of {" or ".join(missing)} yet.')
        lines.append('')
    return lines


# -- docs/budgets.md, the last recorded runs --------------------------------

def stage_verdicts(rec, stage):
    """The run's report lines of a stage (a path to a file is not one)."""
    out = []
    for line in rec.get('reports', []):
        name, _, rest = line.partition(': ')
        if name == stage and rest and not rest.startswith('/'):
            out.append(rest.replace('|', '\\|'))
    return '; '.join(out)


def is_cold(rec):
    s = rec.get('provenance', {}).get('start') or {}
    return s.get('ccache_mib') == 0 and s.get('build_trees') == 0


def render_runs(records, records_dir, relative_to):
    """The newest make check, the newest cold one if it is another, and
    the newest make check-full: each stage's time, counts and verdict."""
    lines = ['']
    runs = []
    for plan in PLANS:
        rec = newest(records, plan)
        runs.append((f'`make {plan}`', rec))
        cold = newest([r for r in records if is_cold(r)], plan)
        if plan == 'check' and cold is not rec:
            runs.append((f'`make {plan}`, the newest cold run', cold))
    for label, rec in runs:
        if rec is None:
            lines += [f'No record of {label} yet.', '']
            continue
        t = rec['totals']
        lines += [f'{label}: **{rec["verdict"]}** in {duration(rec["seconds"])}, '
                  f'{t["passed"]} passed, {t["failed"]} failed, {t["skipped"]} skipped; '
                  f'{rec["started"][:10]}, {commit_of(rec)}; {host_of(rec)}; '
                  f'{start_of(rec)}; record {link(rec, relative_to)}.', '',
                  '| stage | time | passed | failed | skipped | exit | verdict |',
                  '|---|---|---|---|---|---|---|']
        for s in rec['stages']:
            lines.append(f'| {s["name"]} | {duration(s["seconds"])} | {s["passed"]} | '
                         f'{s["failed"]} | {s["skipped"]} | {s["exit"]} | '
                         f'{stage_verdicts(rec, s["name"])} |')
        lines.append('')
    return lines


# -- files kept beside a record (bench, mainline) ---------------------------

def kept_from(records, path, suffix, relative_to):
    """Which run a file kept beside a record (RUN<suffix>) comes from."""
    run = os.path.basename(path)[:-len(suffix)]
    rec = next((r for r in records if os.path.basename(r['_path']) == run + '.json'), None)
    return (f'`make {rec["command"]}` of {rec["started"][:10]} at {commit_of(rec)} '
            f'({host_of(rec)}; record {link(rec, relative_to)})' if rec else run)


# -- docs/bench.md, the table of make bench ---------------------------------

def bench_table():
    """scripts/evidence/bench_table.py, which writes make bench's tables:
    its workloads, their descriptions, its kernels and its ratios."""
    spec = importlib.util.spec_from_file_location(
        'bench_table', os.path.join(TOP, 'scripts', 'evidence', 'bench_table.py'))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def bench_csv(records_dir):
    """The newest kept table.csv of make bench, or None."""
    found = sorted(glob.glob(os.path.join(records_dir, '*-bench.csv')))
    return found[-1] if found else None


def read_bench(path):
    """{machine: {(kernel, phase, workload): {metric: value or [ns...]}}}."""
    data = {}
    with open(path, newline='') as f:
        for row in csv.DictReader(f):
            cell = data.setdefault(row['machine'], {}).setdefault(
                (row['kernel'], row['phase'], row['workload']), {})
            if row['metric'].startswith('ns_rep'):
                cell.setdefault('ns', []).append(int(row['value']))
            else:
                cell[row['metric']] = int(row['value'])
    return data


def render_bench(records, records_dir, relative_to):
    path = bench_csv(records_dir)
    if path is None:
        return ['', 'No record of `make bench` yet.', '']
    where = kept_from(records, path, '-bench.csv', relative_to)
    lines = ['', f'From {where}: its `bench/table.csv`, kept as '
             f'[{os.path.basename(path)}]({os.path.relpath(path, relative_to)}).', '']
    bt = bench_table()
    for machine, cells in read_bench(path).items():
        kernels = [k for k in bt.KERNELS if any(c[0] == k for c in cells)]
        lines += [f'{machine}:', '',
                  '| workload | hook calls | ' + ' | '.join(f'{k} TLBI/SYNC' for k in kernels)
                  + ' | unbound series/base | bound series/base |',
                  '|---|---|' + '---|' * len(kernels) + '---|---|']
        for w in bt.WORKLOADS:
            if not any((k, 'bound', w) in cells for k in kernels):
                continue
            calls = cells.get(('series', 'bound', w), {}).get('hook_calls', '')
            row = f'| {bt.WHAT[w]} | {calls} |'
            for k in kernels:
                c = cells.get((k, 'bound', w), {})
                row += f' {c["tlbi"]}/{c["sync"]} |' if 'tlbi' in c else ' skipped |'
            for phase in ('unbound', 'bound'):
                r = bt.ratio_spread(cells.get(('series', phase, w), {}).get('ns'),
                                    cells.get(('base', phase, w), {}).get('ns'))
                row += f' {r[0]:.3f} |' if r is not None else ' |'
            lines.append(row)
        lines.append('')
    return lines


# -- README.md, the mainline series on 6.12 ---------------------------------

MAINLINE_TESTS = os.path.join(TOP, 'tests', 'mainline')


def mainline_cases(records_dir):
    """The newest kept cases.txt of the mainline stage, or None."""
    found = sorted(glob.glob(os.path.join(records_dir, '*-mainline.txt')))
    return found[-1] if found else None


def read_mainline_cases(path):
    """{(machine, suite): {kernel: {case: result}}}; suite is
    "KUnit <suite>" or "reproducer"."""
    out = {}
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) != 4:
                continue
            kernel, machine, case, result = parts
            kind, _, name = case.partition(':')
            suite = ('reproducer' if kind == 'kselftest'
                     else 'KUnit ' + name.split('.')[0])
            out.setdefault((machine, suite), {}).setdefault(kernel, {})[name] = result
    return out


def read_xfail(path):
    """{case: (what the case must print, the patch that fixes it)} of an
    expected-failure file: "CASE REGEX" or "CASE | REGEX" lines, each
    after comments that name the patch ("(patch N)") for it and the cases
    after it."""
    out, patch = {}, ''
    if not os.path.exists(path):
        return out
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith('#'):
                found = re.findall(r'\(patch (\d+)\)', line)
                patch = found[-1] if found else patch
                continue
            if line:
                case, _, regex = line.partition(' ')
                out[case] = (regex.strip().lstrip('|').strip(), patch)
    return out


def count(results):
    passed = sum(1 for r in results.values() if r == 'PASS')
    return f'{passed}/{len(results)} pass'


def render_mainline(records, records_dir, relative_to):
    path = mainline_cases(records_dir)
    if path is None:
        return ['', 'No record of the mainline stage on 6.12 and 6.12 + series yet.', '']
    where = kept_from(records, path, '-mainline.txt', relative_to)
    cases = read_mainline_cases(path)
    lines = ['', f'From {where}: every case, kept as '
             f'[{os.path.basename(path)}]({os.path.relpath(path, relative_to)}). '
             '"6.12": 6.12.117 with only the tests (the KUnit suite and the '
             'test-only patches); "+ series": with the mainline series.', '',
             '| machine | tests | 6.12 | 6.12 + series |', '|---|---|---|---|']
    failing = []
    for (machine, suite), by_kernel in sorted(cases.items()):
        base, series = by_kernel.get('base', {}), by_kernel.get('series', {})
        lines.append(f'| {machine} | {suite} | {count(base) if base else "not run"} | '
                     f'{count(series) if series else "not run"} |')
        sub = 'reproducer' if suite == 'reproducer' else ''
        xfail = read_xfail(os.path.join(MAINLINE_TESTS, sub, f'base-{machine}.xfail'))
        for name in sorted(set(base) | set(series)):
            b, s = base.get(name, '-'), series.get(name, '-')
            if b != 'PASS' or s != 'PASS':
                short = name.split('.', 1)[1] if suite != 'reproducer' else name
                what, patch = xfail.get(short.split('.')[-1], xfail.get(short, ('', '')))
                # The file holds a regex; the README shows its literal text.
                what = re.sub(r'\\(\W)', r'\1', what)
                failing.append(f'| {short} | {machine} | {b} | {s} | '
                               f'{"`" + what.replace("|", chr(92) + "|") + "`" if what else ""} | '
                               f'{patch} |')
    lines.append('')
    if failing:
        lines += ['Cases that fail on 6.12 or with the series ("what 6.12 shows": the '
                  'line the case must print, unescaped from its pattern in '
                  '`tests/mainline/base-<machine>.xfail`, '
                  'whose comments give the reason read in 6.12\'s source):', '',
                  '| case | machine | 6.12 | 6.12 + series | what 6.12 shows | fixed by patch |',
                  '|---|---|---|---|---|---|'] + failing + ['']
    return lines


BLOCKS = {
    'README.md': {'status': render_status, 'mainline': render_mainline},
    os.path.join('docs', 'budgets.md'): {'runs': render_runs},
    os.path.join('docs', 'bench.md'): {'bench': render_bench},
}


def block_span(text, name):
    """(start, end) of a block in text, markers included, or None."""
    b, e = begin(name), end(name)
    if b not in text or e not in text:
        return None
    return text.index(b), text.index(e) + len(e)


def rendered(name, fn, records, records_dir, relative_to):
    return [begin(name)] + fn(records, records_dir, relative_to) + [end(name)]


def main(action, top=TOP, records_dir=RECORDS, blocks=None):
    blocks = BLOCKS if blocks is None else blocks
    records = load_records(records_dir)
    code = exitcodes.OK
    for rel, fns in blocks.items():
        path = os.path.join(top, rel)
        with open(path) as f:
            text = f.read()
        new = text
        for name, fn in fns.items():
            lines = rendered(name, fn, records, records_dir, os.path.dirname(path))
            if action == 'print':
                print(f'== {rel}: {name}')
                print('\n'.join(lines))
                continue
            span = block_span(new, name)
            if span is None:
                print(f'error: {rel} has no {name} block ({begin(name)} ... {end(name)})')
                return exitcodes.USAGE
            have = new[span[0]:span[1]]
            if action == 'check':
                if have.split('\n') == lines:
                    print(f'status: PASS {rel}: {name} is the records\'')
                else:
                    print(f'status: FAIL {rel}: {name} differs from the records\' '
                          '(./stlb.py status --write)')
                    code = exitcodes.TEST_FAILED
            new = new[:span[0]] + '\n'.join(lines) + new[span[1]:]
        if action == 'write' and new != text:
            with open(path, 'w') as f:
                f.write(new)
            print(f'status: {rel} rewritten from {len(records)} record(s)')
    return code


def whole_bench(rec):
    """Whether a run's bench stage was the whole make bench (the bench
    kernels, every workload), not make check's one workload."""
    for s in rec.get('stages', []):
        if s.get('name') == 'bench':
            o = s.get('options', {})
            return o.get('flavour') == 'bench' and not o.get('workloads')
    return False


def whole_mainline(rec):
    """Whether a run's mainline stage ran 6.12 and 6.12 + series."""
    for s in rec.get('stages', []):
        if s.get('name') == 'mainline':
            return set(s.get('options', {}).get('kernels', '').split()) >= {'base', 'series'}
    return False


def keep(results_dir, records_dir=RECORDS, docs_dir=os.path.join(TOP, 'docs')):
    """Copy a run's record.json to docs/records/<run directory>.json, and
    the table (table.csv) and charts of its make bench, if it ran the
    whole of it."""
    src = os.path.join(results_dir, 'record.json')
    if not os.path.exists(src):
        print(f'error: no record.json in {results_dir}')
        return exitcodes.USAGE
    with open(src) as f:
        rec = json.load(f)
    if rec.get('command') not in PLANS or rec.get('dry_run') or rec.get('only'):
        print(f'error: {src} is not a whole run of {" or ".join(PLANS)} '
              f'(command {rec.get("command")!r}, dry run {rec.get("dry_run")}, '
              f'only {rec.get("only")})')
        return exitcodes.USAGE
    os.makedirs(records_dir, exist_ok=True)
    run = os.path.basename(os.path.normpath(results_dir))
    copies = [(src, os.path.join(records_dir, run + '.json'))]
    cases = os.path.join(results_dir, 'mainline', 'cases.txt')
    if whole_mainline(rec) and os.path.exists(cases):
        copies.append((cases, os.path.join(records_dir, run + '-mainline.txt')))
    bench = os.path.join(results_dir, 'bench')
    if whole_bench(rec) and os.path.exists(os.path.join(bench, 'table.csv')):
        copies.append((os.path.join(bench, 'table.csv'),
                       os.path.join(records_dir, run + '-bench.csv')))
        for png in sorted(glob.glob(os.path.join(bench, 'bench-*.png'))):
            copies.append((png, os.path.join(docs_dir, os.path.basename(png))))
    for a, b in copies:
        shutil.copyfile(a, b)
        print(f'kept {os.path.relpath(b, TOP)}')
    return exitcodes.OK
