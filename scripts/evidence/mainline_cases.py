#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Every case the mainline stage ran, one line each, for the record:

    KERNEL MACHINE CASE RESULT

from kunit.py's JSON (OUT/kunit-KERNEL/MACHINE.json; CASE is
kunit:SUITE.CASE) and the reproducer's results (OUT/reproducer/
KERNEL-MACHINE/results.txt; CASE is kselftest:edu_sva_test...).

    mainline_cases.py OUT > OUT/cases.txt
"""
import glob
import json
import os
import sys


def kunit_cases(group, prefix=''):
    """(suite.case, status) of a kunit.py JSON group, depth first."""
    for sub in group.get('sub_groups', []):
        yield from kunit_cases(sub, sub['name'] + '.')
    for case in group.get('test_cases', []):
        yield prefix + case['name'], case['status']


def main(out):
    lines = []
    for path in sorted(glob.glob(os.path.join(out, 'kunit-*', '*.json'))):
        kernel = os.path.basename(os.path.dirname(path))[len('kunit-'):]
        machine = os.path.basename(path)[:-len('.json')]
        with open(path) as f:
            for case, status in kunit_cases(json.load(f)):
                lines.append(f'{kernel} {machine} kunit:{case} {status}')
    for path in sorted(glob.glob(os.path.join(out, 'reproducer', '*', 'results.txt'))):
        kernel, _, machine = os.path.basename(os.path.dirname(path)).partition('-')
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) == 2 and parts[0].startswith('kselftest:edu_sva_test.'):
                    lines.append(f'{kernel} {machine} {parts[0]} {parts[1]}')
    print('\n'.join(lines))
    return 0 if lines else 1


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
