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
"""

import argparse
import re
import sys

EVENTS = {
    'smmuv3_s1_range_inval': 'va',
    'smmu_iotlb_inv_asid': 'asid',
    'smmu_iotlb_inv_all': 'all',
    'smmuv3_cmdq_cfgi_cd': 'cd',
    'smmuv3_record_event': 'faults',
}
TRACE_ARGS = [a for e in list(EVENTS) + ['pci_cfg_write'] for a in ('-trace', e)]
MARKER_RE = re.compile(r'pci_cfg_write edu \S+ @0xfc <- 0x([0-9a-f]+)')
EVENT_RE = re.compile(r'\b(' + '|'.join(EVENTS) + r')\b(.*)')
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
            key, status = line.split()
            if key.startswith(prefix):
                cases[key[len(prefix):]] = status
    return cases


def count(trace, cases):
    by_marker = {fnv1a(c): c for c in cases}
    counts = {c: dict.fromkeys(COLUMNS, 0) for c in cases}
    before = '(before the first case)'
    counts[before] = dict.fromkeys(COLUMNS, 0)
    kinds = {c: {} for c in counts}
    unknown = 0
    current = before
    with open(trace, errors='replace') as f:
        for line in f:
            m = MARKER_RE.search(line)
            if m:
                current = by_marker.get(int(m.group(1), 16))
                if current is None:
                    unknown += 1
                    current = before
                continue
            m = EVENT_RE.search(line)
            if m:
                col = EVENTS[m.group(1)]
                counts[current][col] += 1
                if col == 'faults':
                    kind = m.group(2).split()[0] if m.group(2).split() else '?'
                    kinds[current][kind] = kinds[current].get(kind, 0) + 1
    return counts, kinds, unknown


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--trace', help="QEMU's trace log (-D)")
    ap.add_argument('--results', help='results.txt of the run')
    ap.add_argument('--prefix', default='kselftest:edu_sva_test.',
                    help='case name prefix in results.txt')
    ap.add_argument('--trace-args', action='store_true',
                    help='print the QEMU -trace arguments and exit')
    args = ap.parse_args()
    if args.trace_args:
        print(' '.join(TRACE_ARGS))
        return 0
    if not args.trace or not args.results:
        ap.error('--trace and --results are required')

    cases = read_results(args.results, args.prefix)
    if not cases:
        print(f'smmu trace: no {args.prefix}* case in {args.results}')
        return 1
    counts, kinds, unknown = count(args.trace, cases)
    print(f'{"case":52} {"result":6} {"TLBI-VA":>7} {"TLBI-ASID":>9} '
          f'{"TLBI-ALL":>8} {"CFGI-CD":>7} {"faults":>6}')
    for c in list(cases) + ['(before the first case)']:
        n = counts[c]
        kind = ', '.join(f'{k} {v}' for k, v in sorted(kinds[c].items()))
        print(f'{c:52} {cases.get(c, ""):6} {n["va"]:7} {n["asid"]:9} '
              f'{n["all"]:8} {n["cd"]:7} {n["faults"]:6}' + (f'  ({kind})' if kind else ''))
    if unknown:
        print(f'smmu trace: {unknown} marker(s) matched no case')
    missing = [c for c in cases if not any(counts[c].values())]
    if missing:
        print(f'smmu trace: no marker or event for {len(missing)} case(s): {", ".join(missing)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
