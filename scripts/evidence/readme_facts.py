#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The counts README.md and docs/*.md state about the tree, checked
against the tree.

    readme_facts.py facts           the counts, from patches/ and tests/
    readme_facts.py check [FILE]... every count FILE (default README.md
                                    and docs/*.md) states, against them:
                                    exit 1 if a line differs, each listed
                                    as FILE:LINE

The counts come from the files, not from a kernel: the patches of
patches/series (the upstream part and all), the cases of the reproducer
(edu_sva_test.c as test-only patch adds it: each TEST_F of a fixture
once per variant) and of the secondary_tlb KUnit suite (its KUNIT_CASE
lines), the mutants of tests/mutants.txt and the saved-log self-tests
of tests/harness/. A statement is found by its wording (RULES below); a
count in a dated record of an older tree must say so in words the rules
do not match (e.g. "19 at 4b7d9bd").
"""

import glob
import os
import re
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def series():
    """(upstream, all) patch file names of patches/series."""
    upstream, rest, test_only = [], [], False
    with open(os.path.join(TOP, 'patches', 'series')) as f:
        for line in f:
            line = line.strip()
            if line.startswith('# test-only'):
                test_only = True
            if not line or line.startswith('#'):
                continue
            (rest if test_only else upstream).append(line)
    return upstream, upstream + rest


def added_file(patches, path):
    """The lines a patch of the series adds to path (a new file)."""
    for p in patches:
        with open(os.path.join(TOP, 'patches', p)) as f:
            text = f.read()
        m = re.search(r'^\+\+\+ b/' + re.escape(path) + r'\n@@[^\n]*\n(.*?)(?=^diff --git|\Z)',
                      text, re.S | re.M)
        if m:
            return [l[1:] for l in m.group(1).split('\n') if l.startswith('+')]
    sys.exit(f'readme_facts.py: no patch of patches/series adds {path}')


def reproducer_cases(patches):
    src = added_file(patches, 'tools/testing/selftests/vm/edu_sva_test.c')
    variants = {}
    for l in src:
        m = re.match(r'FIXTURE_VARIANT_ADD\((\w+),', l)
        if m:
            variants[m.group(1)] = variants.get(m.group(1), 0) + 1
    n = 0
    for l in src:
        m = re.match(r'TEST_F(?:_TIMEOUT)?\((\w+),', l)
        if m:
            n += variants.get(m.group(1), 1)
        elif re.match(r'TEST\(', l):
            n += 1
    return n


def facts():
    upstream, every = series()
    kunit = added_file(upstream, 'mm/secondary_tlb_kunit.c')
    with open(os.path.join(TOP, 'tests', 'mutants.txt')) as f:
        mutants = [l for l in f if l.strip() and not l.lstrip().startswith('#')]
    harness = os.path.join(TOP, 'tests', 'harness')
    return {
        'upstream patches': len(upstream),
        'patches': len(every),
        'reproducer cases': reproducer_cases(every),
        'secondary_tlb cases': sum(1 for l in kunit if re.match(r'\s*KUNIT_CASE\(', l)),
        'mutants': len(mutants),
        'saved-log self-tests': sum(1 for d in os.listdir(harness)
                                    if os.path.exists(os.path.join(harness, d, 'expect'))),
    }


# (regex, the fact each group must equal[, a regex of lines it does not
# apply to]); a group may equal either of two facts when the wording does
# not say which (e.g. "16 patches").
RULES = [
    (r'NN/(\d+)\]', ('upstream patches',)),
    (r'\b(\d+) applied \(all\)', ('patches',)),
    (r'\bapplies (\d+)/(\d+)', ('patches',)),
    (r'\b(\d+) (?:upstream )?patches\b', ('upstream patches', 'patches')),
    # make kvm-x86 and kvm-vmx print "base PASS 5/5" too.
    (r'\b(?:base|fixes|series)(?:/[\w-]+)? (?:PASS|FAIL) \d+/(\d+)', ('reproducer cases',),
     r'(?i)kvm|vmx'),
    (r'\breproducer (?:`series )?PASS \d+/(\d+)', ('reproducer cases',)),
    (r'\b(\d+) cases per CPU', ('reproducer cases',)),
    (r'\b(\d+) reproducer cases', ('reproducer cases',)),
    (r'\b(\d+) (?:KUnit|secondary_tlb) cases', ('secondary_tlb cases',)),
    (r'\bthe (\d+) mutants\b', ('mutants',)),
    (r'\ball (\d+) mutants\b', ('mutants',)),
]


def documents():
    """README.md and docs/*.md: where the project's documentation states
    counts."""
    return [os.path.join(TOP, 'README.md')] + sorted(glob.glob(os.path.join(TOP, 'docs', '*.md')))


def check(paths, f):
    bad = 0
    for path in paths:
        with open(path) as fh:
            for n, line in enumerate(fh, 1):
                for rx, names, *unless in RULES:
                    if unless and re.search(unless[0], line):
                        continue
                    for m in re.finditer(rx, line):
                        for g in m.groups():
                            if int(g) not in [f[k] for k in names]:
                                want = ' or '.join(f'{f[k]} ({k})' for k in names)
                                print(f'{os.path.relpath(path, TOP)}:{n}: "{m.group(0)}": '
                                      f'the tree has {want}')
                                bad += 1
    return bad


def main(argv):
    f = facts()
    if argv[:1] == ['facts']:
        for k, v in f.items():
            print(f'{k}: {v}')
        return 0
    if argv[:1] == ['check']:
        paths = argv[1:] or documents()
        bad = check(paths, f)
        print(f'readme_facts: {"FAIL" if bad else "PASS"} {bad} stated count(s) differ from the tree')
        return 1 if bad else 0
    sys.exit(__doc__)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
