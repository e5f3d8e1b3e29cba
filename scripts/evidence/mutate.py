#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Mutations for the proof that a test fails when a call is wrong.

    mutate.py delete-call FILE FUNCTION CALLEE
        delete from FUNCTION the one statement that calls CALLEE
    mutate.py replace-args FILE FUNCTION CALLEE ARGS
        call CALLEE with ARGS instead (e.g. an empty range)
    mutate.py insert-after FILE FUNCTION LINE_REGEX STATEMENT
        insert STATEMENT (a line of C) after the one line of FUNCTION that
        matches LINE_REGEX (e.g. a generic call left behind)
    mutate.py replace-line FILE FUNCTION LINE_REGEX TEXT
        replace the one line of FUNCTION that matches LINE_REGEX by TEXT,
        indented as it was (e.g. a condition made false: "if (0 && ...")
    mutate.py apply FILE MUTATION
        MUTATION is one string, as the mutant lists (tests/mutants*.txt)
        hold it: the words of one of the above after FILE, split as a
        shell would; a word "::" alone separates the edits of a mutant of
        several (";" alone is a C statement), each applied in turn, all
        of which must apply

FUNCTION is a function defined in FILE (its definition starts at the
beginning of a line and its body ends at the first "}" alone on a line;
of two definitions under #ifdef, the one with the call or line).
A mutation applies exactly once: it exits 1, with the reason, when
FUNCTION is not found or the call or line is not there exactly once, so
that a mutation that no longer applies is never taken for a passing check.
"""

import re
import shlex
import sys


def function_spans(src, function):
    """(start, end) of each definition of FUNCTION in src (an #ifdef may
    give it two)."""
    return [(m.start(), m.end()) for m in re.finditer(
        r'^[A-Za-z_][^;{}()]*\b' + re.escape(function) + r'\([^;{]*?\)\s*\n?\{\n.*?\n\}\n',
        src, re.S | re.M)]


def call_re(callee):
    return re.compile(r'\n([ \t]*)' + re.escape(callee) + r'\(([^;]*)\);')


def mutate(path, op, function, *args):
    with open(path) as f:
        src = f.read()
    spans = function_spans(src, function)
    if not spans:
        return f'{function}() not found in {path}'
    # The definition the mutation is about: the one with the call or line.
    if op in ('insert-after', 'replace-line'):
        hit = [sp for sp in spans if re.search(args[0], src[sp[0]:sp[1]])]
    else:
        hit = [sp for sp in spans if call_re(args[0]).search(src[sp[0]:sp[1]])]
    span = hit[0] if len(hit) == 1 else spans[0]
    body = src[span[0]:span[1]]
    if op in ('delete-call', 'replace-args'):
        callee = args[0]
        calls = call_re(callee).findall(body)
        if len(calls) != 1 or len(hit) != 1:
            return (f'expected one call of {callee}() in {function}(), found '
                    f'{sum(len(call_re(callee).findall(src[a:b])) for a, b in spans)}')
        if op == 'delete-call':
            body = call_re(callee).sub('', body)
        else:
            body = call_re(callee).sub(lambda m: f'\n{m.group(1)}{callee}({args[1]});', body)
    else:
        line_re, text = re.compile(args[0]), args[1]
        lines = body.split('\n')
        hits = [i for i, l in enumerate(lines) if line_re.search(l)]
        if len(hits) != 1:
            return f'expected one line matching {args[0]!r} in {function}(), found {len(hits)}'
        indent = re.match(r'[ \t]*', lines[hits[0]]).group(0)
        if op == 'insert-after':
            lines.insert(hits[0] + 1, indent + text)
        else:
            lines[hits[0]] = indent + text
        body = '\n'.join(lines)
    with open(path, 'w') as f:
        f.write(src[:span[0]] + body + src[span[1]:])
    return None


ARITY = {'delete-call': 4, 'replace-args': 5, 'insert-after': 5, 'replace-line': 5}


def apply(path, mutation):
    """Apply a mutant's MUTATION string to path; None, or why not."""
    edits, cur = [], []
    for w in shlex.split(mutation) + ['::']:
        if w != '::':
            cur.append(w)
        elif cur:
            edits.append(cur)
            cur = []
    if not edits:
        return 'no mutation'
    for op, *args in edits:
        if ARITY.get(op) != len(args) + 2:
            return f'{op} {" ".join(args)}: not a mutation (see mutate.py)'
        err = mutate(path, op, *args)
        if err:
            return err
    return None


def main(argv):
    if argv[:1] == ['apply'] and len(argv) == 3:
        err = apply(argv[1], argv[2])
    elif argv and ARITY.get(argv[0]) == len(argv):
        op, path, function, *args = argv
        err = mutate(path, op, function, *args)
    else:
        sys.exit(__doc__.strip().split('\n\n')[1])
    if err:
        sys.exit(err)


if __name__ == '__main__':
    main(sys.argv[1:])
