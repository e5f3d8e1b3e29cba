#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Count, per test case, what QEMU's SMMUv3 received and reported.

The trace is QEMU's log of the events below (-D FILE -trace NAME). The
order of trace lines and serial console lines is not reliable, so cases
are not found by interleaving them: each edu_sva_test case writes a marker
(FNV-1a of its name) to an unimplemented configuration register of the
edu device at its start, which shows in the trace as a pci_cfg_write, and
everything up to the next marker belongs to that case.

  smmuv3_s1_range_inval   one TLBI by VA (range) command
  smmu_iotlb_inv_asid     one TLBI by ASID command
  smmu_iotlb_inv_all      one TLBI of everything
  smmuv3_cmdq_cfgi_cd     one context-descriptor invalidation (bind/unbind)
  smmuv3_record_event     one event (fault) recorded in the event queue
  smmuv3_cmdq_opcode      one command consumed, by opcode (CMD_SYNC too):
                          traced with --trace-args --commands (make bench)

A kernel that loops issuing commands (the base tree's clear_refs case)
makes QEMU trace tens of megabytes a second, so the trace is not stored
whole: with --record, this script reads it from a FIFO as QEMU writes it,
counts every line by marker, keeps the first --max-bytes of it as the raw
log (noting where it was cut) and writes the counts to a JSON file, which
--counts then reports per case. --trace still counts a whole trace file.

--expect FILE checks the counts against what each case must cause, kept
as data next to the test (tests/reproducer/<kernel>.smmu): lines
"case TLBI-VA TLBI-ASID", each count N, N-M, N- (at least N) or * (any).
It prints "smmu: PASS|FAIL <case>: ..." per line of FILE and exits 1 if a
case is outside its bounds or has no count.
"""

import argparse
import json
import os
import re
import sys

EVENTS = {
    'smmuv3_s1_range_inval': 'va',
    'smmu_iotlb_inv_asid': 'asid',
    'smmu_iotlb_inv_all': 'all',
    'smmuv3_cmdq_cfgi_cd': 'cd',
    'smmuv3_record_event': 'faults',
}
# Every command the SMMU consumed, counted as kinds "cmd:<opcode>".
COMMAND_EVENT = 'smmuv3_cmdq_opcode'
TRACE_ARGS = [a for e in list(EVENTS) + ['pci_cfg_write'] for a in ('-trace', e)]
MARKER_RE = re.compile(r'pci_cfg_write edu \S+ @0xfc <- 0x([0-9a-f]+)')
EVENT_RE = re.compile(r'\b(' + '|'.join(list(EVENTS) + [COMMAND_EVENT]) + r')\b(.*)')
COLUMNS = ['va', 'asid', 'all', 'cd', 'faults']


def fnv1a(text):
    h = 2166136261
    for c in text.encode():
        h = ((h ^ c) * 16777619) & 0xffffffff
    return h


def read_results(path, prefix):
    """{case: status} for the kselftest cases under prefix."""
    cases = {}
    with open(path) as f:
        for line in f:
            # "name STATUS": the name may contain spaces, the status not.
            key, _, status = line.rstrip('\n').rpartition(' ')
            if not key or not status:
                print(f'smmu trace: ignored a malformed line of {path}: {line.strip()}')
                continue
            if key.startswith(prefix):
                cases[key[len(prefix):]] = status
    return cases


def count_by_marker(lines):
    """({marker or None: {column: n}}, {marker or None: {kind: n}}) of a trace."""
    counts, kinds = {None: dict.fromkeys(COLUMNS, 0)}, {None: {}}
    current = None
    for line in lines:
        if 'pci_cfg_write' in line:
            m = MARKER_RE.search(line)
            if m:
                current = int(m.group(1), 16)
                counts.setdefault(current, dict.fromkeys(COLUMNS, 0))
                kinds.setdefault(current, {})
            continue
        m = EVENT_RE.search(line)
        if m and m.group(1) == COMMAND_EVENT:
            words = m.group(2).split()
            kind = 'cmd:' + (words[-1] if words else '?')
            kinds[current][kind] = kinds[current].get(kind, 0) + 1
        elif m:
            col = EVENTS[m.group(1)]
            counts[current][col] += 1
            if col == 'faults':
                words = m.group(2).split()
                kind = words[0] if words else '?'
                kinds[current][kind] = kinds[current].get(kind, 0) + 1
    return counts, kinds


def by_case(counts, kinds, cases):
    """Marker counts attributed to the cases (FNV-1a of each name)."""
    before = '(before the first case)'
    per_case = {c: dict.fromkeys(COLUMNS, 0) for c in list(cases) + [before]}
    per_kind = {c: {} for c in per_case}
    names = {fnv1a(c): c for c in cases}
    unknown = 0
    for marker, n in counts.items():
        name = before if marker is None else names.get(marker)
        if name is None:
            unknown += 1
            name = before
        for col in COLUMNS:
            per_case[name][col] += n[col]
        for kind, k in kinds[marker].items():
            per_kind[name][kind] = per_kind[name].get(kind, 0) + k
    return per_case, per_kind, unknown


def in_bounds(n, spec):
    """n within spec: N, N-M, N- or *."""
    if spec == '*':
        return True
    low, dash, high = spec.partition('-')
    if not dash:
        return n == int(low)
    return n >= int(low) and (not high or n <= int(high))


def check_expect(path, per_case, cases):
    """One verdict line per expectation of path; True if all hold."""
    ok = True
    with open(path) as f:
        for line in f:
            words = line.split('#')[0].split()
            if not words:
                continue
            if len(words) != 3:
                print(f'smmu: FAIL {path}: malformed line: {line.strip()}')
                ok = False
                continue
            case, va, asid = words
            if case not in cases:
                print(f'smmu: FAIL {case}: did not run (no result in the run)')
                ok = False
                continue
            n = per_case[case]
            good = in_bounds(n['va'], va) and in_bounds(n['asid'], asid)
            ok = ok and good
            print(f'smmu: {"PASS" if good else "FAIL"} {case}: {n["va"]} TLBI-VA (expected {va}), '
                  f'{n["asid"]} TLBI-ASID (expected {asid})')
    return ok


def record(fifo, out, counts_path, max_bytes):
    """Read QEMU's trace from fifo: keep max_bytes of it in out, count it all."""
    written = lines = 0
    cut = False

    def kept(f, dst):
        nonlocal written, lines, cut
        for line in f:
            lines += 1
            if not cut and written + len(line) <= max_bytes:
                dst.write(line)
                written += len(line)
            elif not cut:
                cut = True
                dst.write(f'# smmu_trace.py: raw trace cut here, after {written} bytes; '
                          f'the counts in {os.path.basename(counts_path)} cover all of it\n')
            yield line

    with open(fifo, errors='replace') as f, open(out, 'w') as dst:
        counts, kinds = count_by_marker(kept(f, dst))
        if cut:
            dst.write(f'# smmu_trace.py: {lines} lines in all\n')
    with open(counts_path, 'w') as f:
        json.dump({'lines': lines, 'cut': cut,
                   'counts': {('none' if k is None else str(k)): v for k, v in counts.items()},
                   'kinds': {('none' if k is None else str(k)): v for k, v in kinds.items()}},
                  f, indent=1, sort_keys=True)
    return 0


def load_counts(path):
    with open(path) as f:
        data = json.load(f)
    key = lambda k: None if k == 'none' else int(k)  # noqa: E731
    return ({key(k): v for k, v in data['counts'].items()},
            {key(k): v for k, v in data['kinds'].items()})


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--trace', help="QEMU's whole trace log (-D FILE)")
    ap.add_argument('--counts', help='counts written by --record')
    ap.add_argument('--record', metavar='FIFO',
                    help='read the trace from FIFO (-D FIFO); needs --out and --counts')
    ap.add_argument('--out', help='with --record: where to keep the raw trace')
    ap.add_argument('--max-bytes', type=int, default=16 << 20,
                    help='with --record: raw trace kept (default 16 MiB)')
    ap.add_argument('--results', help='results.txt of the run')
    ap.add_argument('--prefix', default='kselftest:edu_sva_test.',
                    help='case name prefix in results.txt')
    ap.add_argument('--expect', help='file: per case, the TLBI-VA and TLBI-ASID counts allowed')
    ap.add_argument('--trace-args', action='store_true',
                    help='print the QEMU -trace arguments and exit')
    ap.add_argument('--commands', action='store_true',
                    help=f'with --trace-args: trace every command too ({COMMAND_EVENT})')
    args = ap.parse_args()
    if args.trace_args:
        print(' '.join(TRACE_ARGS + (['-trace', COMMAND_EVENT] if args.commands else [])))
        return 0
    if args.record:
        if not args.out or not args.counts:
            ap.error('--record needs --out and --counts')
        return record(args.record, args.out, args.counts, args.max_bytes)
    if not (args.trace or args.counts) or not args.results:
        ap.error('--results and one of --trace or --counts are required')

    cases = read_results(args.results, args.prefix)
    if not cases:
        print(f'smmu trace: no {args.prefix}* case in {args.results}')
        return 1
    if args.counts:
        counts, kinds = load_counts(args.counts)
    else:
        with open(args.trace, errors='replace') as f:
            counts, kinds = count_by_marker(f)
    per_case, per_kind, unknown = by_case(counts, kinds, cases)
    print(f'{"case":52} {"result":6} {"TLBI-VA":>9} {"TLBI-ASID":>9} '
          f'{"TLBI-ALL":>8} {"CFGI-CD":>7} {"faults":>6}')
    for c in list(cases) + ['(before the first case)']:
        n = per_case[c]
        kind = ', '.join(f'{k} {v}' for k, v in sorted(per_kind[c].items()))
        print(f'{c:52} {cases.get(c, ""):6} {n["va"]:9} {n["asid"]:9} '
              f'{n["all"]:8} {n["cd"]:7} {n["faults"]:6}' + (f'  ({kind})' if kind else ''))
    if unknown:
        print(f'smmu trace: {unknown} marker(s) matched no case')
    missing = [c for c in cases if not any(per_case[c].values())]
    if missing:
        print(f'smmu trace: no marker or event for {len(missing)} case(s): {", ".join(missing)}')
    if args.expect:
        return 0 if check_expect(args.expect, per_case, cases) else 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
