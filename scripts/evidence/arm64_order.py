#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Where arm64 tells secondary TLBs, against its own TLB invalidation.

    arm64_order.py TREE               check TREE's arm64 headers
    arm64_order.py --self-test TREE   then apply each mutant of
                                      tests/mutants-order.txt to a copy of
                                      them: the check must fail on each

The series tells secondary TLBs once the CPU invalidation has completed:
in arch/arm64/include/asm/tlbflush.h, every call of
mmu_notifier_arch_invalidate_secondary_tlbs() must have a completion
barrier (__tlbi_sync_s1ish() or dsb(ish); dsb(ishst) orders the page
table update before the TLBI and does not count) after the function's
last TLBI and before the call. No test at run time can see this order.
The one call allowed without it is page aging's, in pgtable.h: in
ptep_clear_flush_young(), after flush_tlb_page_nosync(), whose DSB the
CPU side elides too (as v6.6). A check that finds none of the calls it
knows fails, so that a renamed function is not taken for a pass.

One "arm64-order: PASS|FAIL <what>" line per check; exit 1 on a failure.
"""

import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mutate import apply  # noqa: E402

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TLBFLUSH = 'arch/arm64/include/asm/tlbflush.h'
PGTABLE = 'arch/arm64/include/asm/pgtable.h'
HOOK = 'mmu_notifier_arch_invalidate_secondary_tlbs'
# The functions the series makes call the hook; each must be found.
EXPECTED = {TLBFLUSH: ('flush_tlb_mm', 'flush_tlb_page', '__flush_tlb_range'),
            PGTABLE: ('ptep_clear_flush_young',)}
# Allowed without a barrier: function -> the call it must follow.
NO_BARRIER = {'ptep_clear_flush_young': 'flush_tlb_page_nosync'}
TLBI_RE = re.compile(r'\b(__tlbi(_user)?(_level)?|flush_tlb_page_nosync)\(')
BARRIER_RE = re.compile(r'\b(__tlbi_sync_s1ish\(\)|dsb\(ish\))')
FUNC_RE = re.compile(r'^[A-Za-z_][^;{}()\n]*?\b(\w+)\([^;{]*?\)\s*\n?\{\n.*?\n\}\n', re.S | re.M)


def functions(src):
    """(name, body) of each function defined at the start of a line."""
    return [(m.group(1), m.group(0)) for m in FUNC_RE.finditer(src)]


def check_file(path, rel):
    """Problems of one header: calls without their barrier, known calls
    not found."""
    with open(path) as f:
        src = f.read()
    problems, seen = [], set()
    for name, body in functions(src):
        for call in re.finditer(r'\b' + HOOK + r'\(', body):
            seen.add(name)
            before = body[:call.start()]
            tlbis = [m.end() for m in TLBI_RE.finditer(before)]
            barriers = [m.end() for m in BARRIER_RE.finditer(before)]
            if name in NO_BARRIER and rel == PGTABLE:
                if not re.search(r'\b' + NO_BARRIER[name] + r'\(', before):
                    problems.append(f'{rel}: {name}(): the call does not follow '
                                    f'{NO_BARRIER[name]}()')
                continue
            if not tlbis:
                problems.append(f'{rel}: {name}(): the call follows no TLB invalidation')
            elif not barriers or barriers[-1] < tlbis[-1]:
                problems.append(f'{rel}: {name}(): the call comes before the completion '
                                'barrier (__tlbi_sync_s1ish()/dsb(ish)) of its TLBIs')
    for name in EXPECTED[rel]:
        if name not in seen:
            problems.append(f'{rel}: {name}() calls {HOOK}() nowhere')
    return problems


def check_tree(tree):
    problems = []
    for rel in EXPECTED:
        problems += check_file(os.path.join(tree, rel), rel)
    return problems


def apply_mutant(tree, spec):
    """Apply 'file | op args...[ :: op args...]' to a copy of the headers
    under a scratch tree; returns (scratch, error)."""
    scratch = tempfile.mkdtemp(prefix='arm64-order.')
    for rel in EXPECTED:
        os.makedirs(os.path.dirname(os.path.join(scratch, rel)), exist_ok=True)
        shutil.copy(os.path.join(tree, rel), os.path.join(scratch, rel))
    rel, _, mutation = (p.strip() for p in spec.partition('|'))
    return scratch, apply(os.path.join(scratch, rel), mutation)


def main(argv):
    self_test = argv[:1] == ['--self-test']
    if self_test:
        argv = argv[1:]
    if len(argv) != 1:
        sys.exit(__doc__.strip().split('\n\n')[1])
    tree = argv[0]
    failed = 0
    problems = check_tree(tree)
    for p in problems:
        print(f'arm64-order: FAIL {p}')
    if not problems:
        calls = ', '.join(f'{n}()' for r in EXPECTED for n in EXPECTED[r])
        print(f'arm64-order: PASS {calls}: each call after its completion barrier '
              '(page aging after flush_tlb_page_nosync())')
    failed += bool(problems)
    if self_test:
        with open(os.path.join(TOP, 'tests', 'mutants-order.txt')) as f:
            rows = [l.strip() for l in f if l.strip() and not l.startswith('#')]
        if not rows:
            print('arm64-order: FAIL tests/mutants-order.txt lists no mutant')
            failed += 1
        for row in rows:
            name, _, spec = (p.strip() for p in row.partition('|'))
            scratch, err = apply_mutant(tree, spec)
            try:
                if err:
                    print(f'arm64-order: FAIL mutant {name}: does not apply: {err}')
                    failed += 1
                    continue
                found = check_tree(scratch)
                if found:
                    print(f'arm64-order: PASS mutant {name}: killed: {found[0]}')
                else:
                    print(f'arm64-order: FAIL mutant {name}: survived the check')
                    failed += 1
            finally:
                shutil.rmtree(scratch)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
