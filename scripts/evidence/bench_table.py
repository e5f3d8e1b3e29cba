#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The tables of make bench, from the runs scripts/evidence/bench.sh left in DIR.

DIR/<kernel>-<machine>/ holds each boot: console.log (the lines of
guest/secondary_tlb_bench) and smmu-counts.json (what QEMU's SMMUv3
consumed per marker, scripts/evidence/smmu_trace.py). Writes DIR/table.txt (also
printed), DIR/table.csv and, with gnuplot, DIR/bench-<machine>.png.

1. SMMU commands per workload, one run of each while bound: the TLBI
   commands (TLBI_NH_VA, TLBI_NH_ASID, any other TLBI) and CMD_SYNC each
   kernel sent, against the hook calls: the calls of the series' hook
   while bound (a kprobe in the guest, on every mm: not a bound of any
   kind; a workload may flush other mms, or none while the hook runs).
2. Guest time of each workload with nothing bound (-icount shift=0: one
   instruction a nanosecond): median over the timed runs (± half the
   interquartile range), the series and upstream against the base, with
   the spread the interquartile ranges allow (lowest and highest ratio).
3. The same with the device bound.
"""

import csv
import json
import os
import re
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from smmu_trace import fnv1a  # noqa: E402

KERNELS = ['base', 'series', 'upstream']
WORKLOADS = ['bind', 'fork_exit', 'cow_upgrade', 'munmap', 'dontneed', 'mprotect',
             'thp_upgrade', 'migrate', 'cold', 'reclaim', 'reclaim_refs', 'clear_refs',
             'exit_bound']
WHAT = {
    'bind': 'bind and unbind',
    'fork_exit': '10 x fork+exit, 64 pages mapped',
    'cow_upgrade': 'fork, child exits, 64 in-place upgrades',
    'munmap': 'munmap 256 pages',
    'dontneed': 'MADV_DONTNEED 256 pages',
    'mprotect': 'mprotect RO then RW, 256 pages',
    'thp_upgrade': 'fork, child exits, 2 MiB THP upgrade',
    'migrate': 'migrate 64 pages to the other node',
    'cold': 'MADV_COLD 256 pages (young bits)',
    'reclaim': 'MADV_FREE, MADV_PAGEOUT 256 pages',
    'reclaim_refs': 'MADV_FREE, read, memory.reclaim 256 pages (aging)',
    'clear_refs': 'clear_refs soft-dirty, 256 pages',
    'exit_bound': 'a child binds, maps 64 pages, exits',
}
HOOK = '__mmu_notifier_arch_invalidate_secondary_tlbs'    # the series' and 6.12's
LINE_RE = re.compile(r'bench: (unbound|bound) (\w+) (.*)')


def parse_console(path):
    """{(phase, workload): {'ns': [...], 'count_ns': n, 'calls': n, 'skipped': why}},
    the errors, whether the bench finished, and the symbol its kprobe counted."""
    runs, errors, done, probed = {}, [], False, 'none'
    with open(path, errors='replace') as f:
        for line in f:
            i = line.find('bench: ')
            if i < 0:
                continue
            line = line[i:].strip()
            if line.startswith('bench: error:'):
                errors.append(line[len('bench: error: '):])
                continue
            if line.startswith('bench: info '):
                info = dict(w.split('=', 1) for w in line.split() if '=' in w)
                probed = info.get('kprobe', 'none')
                continue
            if line in ('bench: done', 'bench: failed'):
                done = line == 'bench: done'
                continue
            m = LINE_RE.match(line)
            if not m:
                continue
            r = runs.setdefault((m.group(1), m.group(2)), {'ns': []})
            rest = m.group(3)
            if rest.startswith('skipped:'):
                r['skipped'] = rest[len('skipped: '):]
                continue
            fields = dict(w.split('=', 1) for w in rest.split() if '=' in w)
            if rest.startswith('count '):
                r['count_ns'] = int(fields['ns'])
                if 'calls' in fields:
                    r['calls'] = int(fields['calls'])
            elif 'rep' in fields and fields['rep'] != '0':    # rep=0: warm-up
                r['ns'].append(int(fields['ns']))
    return runs, errors, done, probed


def load_commands(path):
    """{marker: {'tlbi': n, 'sync': n, 'all': n, 'faults': n}} from smmu-counts.json."""
    with open(path) as f:
        data = json.load(f)
    out = {}
    for key, kinds in data['kinds'].items():
        marker = None if key == 'none' else int(key)
        c = {'tlbi': 0, 'sync': 0, 'all': 0, 'faults': data['counts'][key]['faults']}
        for kind, n in kinds.items():
            if not kind.startswith('cmd:'):
                continue
            op = kind[4:]
            c['all'] += n
            if 'TLBI' in op:
                c['tlbi'] += n
            elif op.endswith('CMD_SYNC'):
                c['sync'] += n
        out[marker] = c
    return out


def cmds_of(commands, name):
    return commands.get(fnv1a(name), {'tlbi': 0, 'sync': 0, 'all': 0, 'faults': 0})


def quartiles(ns):
    """(first quartile, median, third quartile) of a list of times."""
    if len(ns) < 2:
        return ns[0], ns[0], ns[0]
    q = statistics.quantiles(ns, n=4, method='inclusive')
    return q[0], q[1], q[2]


def ratio_spread(num, den):
    """(ratio of the medians, lowest, highest): the spread is what the
    interquartile ranges allow, Q1/Q3 to Q3/Q1. A timer interrupt that
    lands in one run (an outlier) does not move it."""
    if not num or not den:
        return None
    qn, qd = quartiles(num), quartiles(den)
    return qn[1] / qd[1], qn[0] / qd[2], qn[2] / qd[0]


def fmt_ratio(r):
    return '-' if r is None else f'{r[0]:.3f} ({r[1]:.3f}-{r[2]:.3f})'


def fmt_us(ns):
    """Median in µs, and half the interquartile range in % of it."""
    if not ns:
        return '-'
    q1, med, q3 = quartiles(ns)
    return f'{med / 1000:.1f} ±{(q3 - q1) / 2 / med * 100 if med else 0:.1f}%'


def chart(out_dir, machine, rows, kernels):
    """A PNG with gnuplot: TLBI commands per workload, kernels side by side."""
    data = os.path.join(out_dir, f'bench-{machine}.dat')
    png = os.path.join(out_dir, f'bench-{machine}.png')
    # No header line: gnuplot's $0 would count it for the points and
    # draw each hook-call count one workload to the right of its bars.
    with open(data, 'w') as f:
        for w, per_kernel, bound in rows:
            vals = ['?' if per_kernel.get(k) is None else str(per_kernel[k]) for k in kernels]
            f.write(f'{w} ' + ' '.join(vals) + f' {"?" if bound is None else bound}\n')
    n = len(kernels)
    script = f'''
set terminal pngcairo noenhanced size 1200,600 font "sans,10"
set output "{png}"
set title "TLBI commands the SMMU received per workload, {machine} (log scale; 0 not drawn)"
set style data histogram
set style histogram cluster gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set logscale y
set yrange [0.5:*]
set ylabel "TLBI commands"
set xtics rotate by -30
set key top left
set datafile missing "?"
kernels = "{' '.join(kernels)}"
plot for [i=2:{n + 1}] "{data}" using i:xtic(1) title word(kernels, i - 1), \\
     "{data}" using ($0):{n + 2} with points pt 7 ps 1.5 lc rgb "black" \\
     title "hook calls (series kernel)"
'''
    try:
        subprocess.run(['gnuplot'], input=script, text=True, check=True,
                       capture_output=True)
    except (OSError, subprocess.CalledProcessError) as e:
        return f'no chart for {machine}: gnuplot: {getattr(e, "stderr", e)}'
    return f'chart: {png}'


def main():
    if len(sys.argv) != 2:
        print(f'usage: {sys.argv[0]} DIR', file=sys.stderr)
        return 2
    out_dir = sys.argv[1]
    runs, commands, probes, problems = {}, {}, {}, []
    machines = []
    for name in sorted(os.listdir(out_dir)):
        path = os.path.join(out_dir, name)
        k, _, m = name.partition('-')
        if k not in KERNELS or not m or not os.path.isdir(path):
            continue
        console = os.path.join(path, 'console.log')
        counts = os.path.join(path, 'smmu-counts.json')
        if not os.path.exists(console):
            problems.append(f'{name}: no console.log')
            continue
        runs[k, m], errors, done, probes[k, m] = parse_console(console)
        problems += [f'{name}: {e}' for e in errors]
        if not done:
            problems.append(f'{name}: the bench did not finish')
        commands[k, m] = load_commands(counts) if os.path.exists(counts) else {}
        if not os.path.exists(counts):
            problems.append(f'{name}: no SMMU counts')
        if m not in machines:
            machines.append(m)

    text, rows_csv = [], []
    for m in machines:
        kernels = [k for k in KERNELS if (k, m) in runs]
        bound_src = 'series' if ('series', m) in runs else 'upstream'
        text.append(f'== {m}: SMMU commands per workload while bound (one run each) ==')
        text.append('TLBI/SYNC: TLBI commands (by VA or ASID) and CMD_SYNCs the SMMU consumed;')
        probed = probes.get((bound_src, m), HOOK)
        if probed in (HOOK, 'none'):
            text.append(f'hooks: calls of the {bound_src} kernel\'s hook while bound (kprobe, '
                        'any mm); x hooks: TLBI / hooks.')
        else:
            text.append(f'hooks: calls of {probed}() in the {bound_src} kernel while bound '
                        '(BENCH_HOOK); x hooks: TLBI / hooks.')
        head = f'{"workload":12} {"hooks":>6}'
        for k in kernels:
            head += f' {k + " TLBI/SYNC":>20}'
        for k in kernels:
            head += f' {k + " x hooks":>15}'
        text.append(head)
        chart_rows = []
        for w in WORKLOADS:
            if not any(('bound', w) in runs[k, m] for k in kernels):
                continue
            r0 = runs.get((bound_src, m), {}).get(('bound', w), {})
            bound = r0.get('calls')
            line = f'{w:12} {"-" if bound is None else bound:>6}'
            per_kernel, ratios = {}, []
            for k in kernels:
                r = runs[k, m].get(('bound', w), {})
                if 'skipped' in r or 'count_ns' not in r:
                    line += f' {"skipped" if "skipped" in r else "-":>20}'
                    per_kernel[k] = None
                    ratios.append('-')
                    continue
                c = cmds_of(commands[k, m], f'bench.bound.{w}')
                per_kernel[k] = c['tlbi']
                line += f' {str(c["tlbi"]) + "/" + str(c["sync"]):>20}'
                ratios.append(f'{c["tlbi"] / bound:.2f}' if bound else '-')
                rows_csv.append([m, k, 'bound', w, 'tlbi', c['tlbi']])
                rows_csv.append([m, k, 'bound', w, 'sync', c['sync']])
                rows_csv.append([m, k, 'bound', w, 'commands', c['all']])
                rows_csv.append([m, k, 'bound', w, 'faults', c['faults']])
                if 'calls' in r:
                    rows_csv.append([m, k, 'bound', w, 'hook_calls', r['calls']])
            for x in ratios:
                line += f' {x:>15}'
            text.append(line)
            chart_rows.append((w, per_kernel, bound))
        # Why a cell says "skipped": the guest's own words.
        for w in WORKLOADS:
            for k in kernels:
                why = runs[k, m].get(('bound', w), {}).get('skipped')
                if why:
                    text.append(f'skipped: {k} {w}: {why}')
        text.append('')

        for phase, title in (('unbound', 'guest time with nothing bound'),
                             ('bound', 'guest time while bound')):
            text.append(f'== {m}: {title} (-icount shift=0, µs: median ± half the IQR '
                        f'of the timed runs) ==')
            head = f'{"workload":12}'
            for k in kernels:
                head += f' {k:>16}'
            for k in kernels[1:]:
                head += f' {k + "/base (spread)":>26}'
            text.append(head)
            for w in WORKLOADS:
                if not any((phase, w) in runs[k, m] for k in kernels):
                    continue
                line = f'{w:12}'
                for k in kernels:
                    r = runs[k, m].get((phase, w), {})
                    line += f' {("skipped" if "skipped" in r else fmt_us(r.get("ns"))):>16}'
                    for i, ns in enumerate(r.get('ns', [])):
                        rows_csv.append([m, k, phase, w, f'ns_rep{i + 1}', ns])
                base = runs.get(('base', m), {}).get((phase, w), {}).get('ns')
                for k in kernels[1:]:
                    r = runs[k, m].get((phase, w), {}).get('ns')
                    line += f' {fmt_ratio(ratio_spread(r, base)):>26}'
                text.append(line)
            text.append('')
        text.append(chart(out_dir, m, chart_rows, kernels))
        text.append('')

    ran = {w for r in runs.values() for _, w in r}
    text.append('workloads (guest/secondary_tlb_bench.c):')
    text += [f'  {w:12} {WHAT[w]}' for w in WORKLOADS if w in ran]
    if problems:
        text.append('problems:')
        text += [f'  {p}' for p in problems]
    with open(os.path.join(out_dir, 'table.txt'), 'w') as f:
        f.write('\n'.join(text) + '\n')
    with open(os.path.join(out_dir, 'table.csv'), 'w', newline='') as f:
        wr = csv.writer(f)
        wr.writerow(['machine', 'kernel', 'phase', 'workload', 'metric', 'value'])
        wr.writerows(rows_csv)
    print('\n'.join(text))
    return 1 if problems or not machines else 0


if __name__ == '__main__':
    sys.exit(main())
