#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The mail side of 'make export' (scripts/steps/export.sh).

    export_mail.py cover COVER TEXT DATE BASE
        Fill git format-patch's cover letter COVER: its subject is the
        first line of TEXT (patches/cover-letter.txt), its blurb the
        rest, with "@BASE@" replaced by BASE (the pinned base package
        and version, config/source-versions); its Date: becomes DATE, so
        an unchanged tree exports the same bytes.
    export_mail.py headers PATCH...
        Add "To:" and "Cc:" headers to each PATCH from PATCH.to and
        PATCH.cc (one address a line; an address in both is a To).
"""

import re
import sys


def cover(path, text, date, base):
    with open(text) as f:
        subject, _, blurb = f.read().partition('\n')
    if '@BASE@' not in blurb:
        sys.exit(f'no "@BASE@" (the base line) in {text}')
    blurb = blurb.replace('@BASE@', base)
    with open(path) as f:
        letter = f.read()
    for placeholder, value in (('*** SUBJECT HERE ***', subject.strip()),
                               ('*** BLURB HERE ***', blurb.strip())):
        if placeholder not in letter:
            sys.exit(f'no "{placeholder}" in {path}')
        letter = letter.replace(placeholder, value)
    letter = re.sub(r'^Date: .*$', 'Date: ' + date, letter, count=1, flags=re.M)
    with open(path, 'w') as f:
        f.write(letter)


def read_addresses(path):
    with open(path) as f:
        return [l.strip() for l in f if l.strip()]


def headers(paths):
    for path in paths:
        to = read_addresses(path + '.to')
        cc = [a for a in read_addresses(path + '.cc') if a not in to]
        with open(path) as f:
            head, sep, body = f.read().partition('\n\n')
        for name, who in (('To', to), ('Cc', cc)):
            if who:
                head += f'\n{name}: ' + ',\n    '.join(who)
        with open(path, 'w') as f:
            f.write(head + sep + body)


def main(argv):
    if len(argv) == 5 and argv[0] == 'cover':
        cover(*argv[1:])
    elif len(argv) >= 2 and argv[0] == 'headers':
        headers(argv[1:])
    else:
        sys.exit(__doc__.strip())


if __name__ == '__main__':
    main(sys.argv[1:])
