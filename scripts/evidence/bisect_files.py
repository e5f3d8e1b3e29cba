#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The C files one patch can break: what a per-patch compile check builds.

For the commit COMMIT of a kernel git tree, print one line per C file and
machine, "MACHINE FILE WHY[,WHY...]", where WHY is
  * "touched": the commit adds or modifies the file;
  * "all:SYM": the file uses SYM, an interface the commit changes in a
    header: a macro, a function prototype (or a function that is added or
    removed), or a structure member. Every such user must still compile;
  * "one:HEADER": the file uses a static inline function whose body (not
    its prototype) the commit changes in HEADER. The compiler checks an
    inline function's body in every file that includes it, so compiling
    one of these files is enough: the caller keeps the first one its
    config builds (or one it compiles anyway).
Headers are compared item by item (macros, functions, prototypes,
structures), old against new, with comments left out, so a patch that
only rewords a comment adds no file. Users are found with git grep at the
commit, among the --candidates (the C files some config builds) if given:
a file that used a removed interface at the parent and does not any more
was touched by the commit. Macros and inline functions of other headers
that use a changed interface are followed too (two rounds). A file under arch/<A>/,
or a user of a header under arch/<A>/include/, is listed only for the
machines whose source architecture (SRCARCH) is A.

  scripts/evidence/bisect_files.py --tree TREE --commit COMMIT
                          [--machines "MACHINE:SRCARCH ..."] [--candidates FILE]
"""
import argparse
import re
import subprocess
import sys

SKIP_DIRS = ('tools/', 'Documentation/', 'scripts/', 'samples/', 'usr/')
IDENT = r'[A-Za-z_]\w*'
NOT_NAMES = {'if', 'for', 'while', 'switch', 'return', 'sizeof', 'typeof',
             '__typeof__', 'defined', 'do', 'else', 'case', 'static',
             'inline', 'void', 'struct', 'union', 'enum', 'extern', 'const',
             'unsigned', 'int', 'long', 'bool', 'char', '__attribute__',
             '__always_inline', 'noinline', 'notrace'}


def git(tree, *args):
    return subprocess.run(['git', '-C', tree, *args], check=True,
                          capture_output=True, text=True).stdout


def show(tree, rev, path):
    r = subprocess.run(['git', '-C', tree, 'show', f'{rev}:{path}'],
                       capture_output=True, text=True)
    return r.stdout if r.returncode == 0 else ''


def strip_comments(text):
    text = re.sub(r'/\*.*?\*/', lambda m: '\n' * m.group(0).count('\n'), text, flags=re.S)
    return re.sub(r'//[^\n]*', '', text)


def norm(s):
    return ' '.join(s.split())


def items(text):
    """The header's top-level items: {(kind, name): [text, ...]}.

    kind is 'macro' (text: the whole definition), 'func' (text: (head,
    body), body None for a prototype) or 'struct' (text: {member: type}).
    A name may be defined more than once (#ifdef CONFIG_... / #else)."""
    out = {}
    lines = strip_comments(text).split('\n')
    i, buf = 0, []

    def add(kind, name, val):
        out.setdefault((kind, name), []).append(val)

    def flush(chunk):
        # Conditionals inside a structure or a function body.
        s = norm('\n'.join(l for l in chunk.split('\n') if not re.match(r'\s*#', l)))
        if not s:
            return
        m = re.match(r'(?:typedef\s+)?(struct|union|enum)\s+(' + IDENT + r')\s*\{(.*)\}', s)
        if m:
            members = {}
            if m.group(1) == 'enum':
                # Enumerators: "NAME [= value]", separated by commas.
                for e in m.group(3).split(','):
                    n = re.match(r'\s*(' + IDENT + ')', e)
                    if n:
                        members[n.group(1)] = norm(e)
            for decl in m.group(3).split(';') if m.group(1) != 'enum' else []:
                d = decl.strip()
                f = re.search(r'\(\s*\*\s*(' + IDENT + r')\s*\)\s*\(', d) or \
                    re.search(r'(' + IDENT + r')\s*(?:\[[^\]]*\])?\s*(?::\s*\d+)?$', d)
                if f:
                    members[f.group(1)] = norm(d)
            add('struct', m.group(2), members)
            return
        brace = s.find('{')
        head = s if brace < 0 else s[:brace]
        names = [n for n in re.findall(r'(' + IDENT + r')\s*\(', head) if n not in NOT_NAMES]
        if names:
            add('func', names[0], (head, None if brace < 0 else s[brace:]))

    depth = 0
    while i < len(lines):
        line = lines[i]
        if depth == 0 and re.match(r'\s*#', line):
            full = line
            while full.endswith('\\') and i + 1 < len(lines):
                i += 1
                full = full[:-1] + ' ' + lines[i]
            m = re.match(r'\s*#\s*define\s+(' + IDENT + r')(.*)', full)
            if m:
                add('macro', m.group(1), norm(m.group(2)))
            i += 1
            continue
        buf.append(line)
        for ch in line:
            if ch == '{':
                depth += 1
            elif ch == '}':
                depth -= 1
        chunk = '\n'.join(buf)
        if depth == 0 and (line.rstrip().endswith(';') or line.rstrip().endswith('}')):
            flush(chunk)
            buf = []
        i += 1
    return out


def header_changes(old, new):
    """(interface, body): the names whose interface changed, and the
    static inline functions of which only the body changed."""
    a, b = items(old), items(new)
    interface, body = set(), set()
    for key in set(a) | set(b):
        kind, name = key
        va, vb = a.get(key), b.get(key)
        if va == vb:
            continue
        if va is None or vb is None:
            interface.add(name)
        elif kind == 'macro':
            interface.add(name)
        elif kind == 'struct':
            ma = {k: v for d in va for k, v in d.items()}
            mb = {k: v for d in vb for k, v in d.items()}
            interface |= {k for k in set(ma) | set(mb) if ma.get(k) != mb.get(k)}
        else:
            heads_a = sorted(h for h, _ in va)
            heads_b = sorted(h for h, _ in vb)
            if heads_a != heads_b:
                interface.add(name)
            else:
                body.add(name)
    return interface, body


def header_arch(path):
    m = re.match(r'arch/([^/]+)/', path)
    return m.group(1) if m else None


def grep_words(tree, rev, syms, paths):
    """{file: {symbol it uses}}, with one git grep for all the symbols."""
    found = {}
    if not syms or not paths:
        return found
    r = subprocess.run(['git', '-C', tree, 'grep', '-owE', '|'.join(sorted(syms)),
                        rev, '--', *paths], capture_output=True, text=True)
    for line in r.stdout.splitlines():
        _, path, word = line.split(':', 2)
        found.setdefault(path, set()).add(word)
    return found


def follow_headers(tree, rev, syms, h, srcarches):
    """Macros and inline functions of other headers that use the symbols,
    two rounds deep: ({macro: header}, {inline function: header}). For a
    header under arch/<A>/, the generic headers, A's and the header's
    neighbours; for a generic one, those of every architecture checked."""
    harch = header_arch(h)
    paths = ['include/*.h', h.rsplit('/', 1)[0] + '/*.h']
    paths += [f'arch/{sa}/include/*.h' for sa in ([harch] if harch else srcarches)]
    macros, inline, seen = {}, {}, set(syms)
    frontier = set(syms)
    for _ in range(2):
        new = set()
        pat = re.compile(r'\b(' + '|'.join(map(re.escape, sorted(frontier))) + r')\b')
        for f in grep_words(tree, rev, frontier, paths):
            for (kind, name), vals in items(show(tree, rev, f)).items():
                if name in seen or kind == 'struct':
                    continue
                for v in vals:
                    text = v if kind == 'macro' else (v[1] or '')
                    if pat.search(text):
                        (macros if kind == 'macro' else inline)[name] = f
                        new.add(name)
                        break
        seen |= new
        frontier = {n for n in new if n in macros}
        if not frontier:
            break
    return macros, inline


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--tree', required=True)
    ap.add_argument('--commit', required=True)
    ap.add_argument('--machines', default='arm64:arm64 x86_64:x86 powerpc:powerpc',
                    help='"MACHINE:SRCARCH ...": the machines to list files for')
    ap.add_argument('--candidates', help='file: the C files worth listing '
                    '(default: every C file of the tree)')
    a = ap.parse_args()
    SRCARCH = dict(m.split(':', 1) for m in a.machines.split())
    arches = list(SRCARCH)
    commit = git(a.tree, 'rev-parse', a.commit).strip()
    parent = git(a.tree, 'rev-parse', commit + '^').strip()
    exists = set(git(a.tree, 'ls-tree', '-r', '--name-only', commit).splitlines())
    if a.candidates:
        with open(a.candidates) as f:
            cfiles = sorted({l.split()[0] for l in f if l.strip()} & exists)
    else:
        cfiles = ['*.c']
    found = {}	# (arch, file) -> {why}

    def add(files, why, only_srcarch=None):
        for f in sorted(files):
            if f not in exists or f.startswith(SKIP_DIRS):
                continue
            fa = header_arch(f)
            for arch in arches:
                sa = SRCARCH[arch]
                if (only_srcarch and only_srcarch != sa) or (fa and fa != sa):
                    continue
                found.setdefault((arch, f), set()).add(why)

    status = git(a.tree, 'diff-tree', '-r', '--no-commit-id', '--name-status',
                 parent, commit).splitlines()
    changed = [l.split('\t')[-1] for l in status if l[:1] in 'AMD']
    add([f for f in changed if f.endswith('.c')], 'touched')
    for h in (f for f in changed if f.endswith('.h') and not f.startswith(SKIP_DIRS)):
        harch = header_arch(h)
        interface, body = header_changes(show(a.tree, parent, h), show(a.tree, commit, h))
        macros, inline = follow_headers(a.tree, commit, interface, h,
                                        [SRCARCH[x] for x in arches])
        # What a symbol found in another header reaches: that header's
        # architecture, if it has one.
        every = {harch: set(interface)}
        for name, hdr in macros.items():
            every.setdefault(header_arch(hdr) or harch, set()).add(name)
        one = {h: set(body)}
        for name, hdr in inline.items():
            one.setdefault(hdr, set()).add(name)
        # Users at the commit only: a file that used a removed interface
        # at the parent and does not any more was touched by the commit.
        for arch, syms in every.items():
            for f, used in grep_words(a.tree, commit, syms, cfiles).items():
                for sym in used:
                    add([f], 'all:' + sym, arch)
        for hdr, syms in one.items():
            add(grep_words(a.tree, commit, syms, cfiles), 'one:' + hdr,
                header_arch(hdr) or harch)
    for (arch, f), whys in sorted(found.items()):
        print(arch, f, ','.join(sorted(whys)))


if __name__ == '__main__':
    sys.exit(main())
