#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Mutations for the proof that a test fails when a call is missing.

    mutate.py delete-call FILE FUNCTION CALLEE

Deletes from the static inline function FUNCTION in FILE the one
statement that calls CALLEE (a line "<tab>CALLEE(...);"). Exits 1, with
the reason, when FUNCTION is not found or does not call CALLEE exactly once,
so a mutation that no longer applies is never taken for a passing check.
"""

import re
import sys


def delete_call(path, function, callee):
    with open(path) as f:
        src = f.read()
    fn = re.search(r'static inline void ' + re.escape(function) + r'\(.*?\n}\n', src, re.S)
    if not fn:
        return f'{function}() not found in {path}'
    body, n = re.subn(r'\n\t' + re.escape(callee) + r'\([^;]*\);', '', fn.group(0))
    if n != 1:
        return f'expected one call of {callee}() in {function}(), found {n}'
    with open(path, 'w') as f:
        f.write(src[:fn.start()] + body + src[fn.end():])
    return None


def main(argv):
    if len(argv) != 4 or argv[0] != 'delete-call':
        sys.exit(__doc__.strip().split('\n\n')[1])
    err = delete_call(*argv[1:])
    if err:
        sys.exit(err)


if __name__ == '__main__':
    main(sys.argv[1:])
