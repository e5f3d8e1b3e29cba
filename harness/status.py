# SPDX-License-Identifier: GPL-2.0
"""README's Status section, rendered from the records of the runs it
cites (docs/records/*.json: record.json files copied there by
'./stlb.py keep RESULTS_DIR'), so that no figure in it is typed by hand.

    ./stlb.py status           print the section
    ./stlb.py status --write   rewrite it in README.md
    ./stlb.py status --check   exit 1 if README.md's differs
"""

import glob
import json
import os
import shutil

from . import exitcodes

TOP = exitcodes.TOP
RECORDS = os.path.join(TOP, 'docs', 'records')
BEGIN = '<!-- status: rendered by ./stlb.py status from docs/records/; do not edit -->'
END = '<!-- end of status -->'
PLANS = ('check', 'check-full')


def load_records(records_dir=RECORDS):
    out = []
    for path in sorted(glob.glob(os.path.join(records_dir, '*.json'))):
        with open(path) as f:
            rec = json.load(f)
        rec['_path'] = os.path.relpath(path, TOP)
        out.append(rec)
    return out


def duration(seconds):
    s = int(round(seconds))
    return f'{s // 60} min {s % 60} s'


def row(rec):
    p = rec.get('provenance', {})
    host = p.get('host', {})
    t = rec['totals']
    commit = (p.get('project_commit') or 'unknown')[:7]
    dirty = ' (with local changes)' if p.get('project_dirty') else ''
    return (f'| `make {rec["command"]}` | {rec["started"][:10]}, {commit}{dirty} | '
            f'{host.get("cpu") or "?"}, {host.get("cpus") or "?"} CPUs | '
            f'**{rec["verdict"]}** in {duration(rec["seconds"])}: {t["passed"]} passed, '
            f'{t["failed"]} failed, {t["skipped"]} skipped | [{os.path.basename(rec["_path"])}]'
            f'({rec["_path"]}) |')


def render(records):
    """The section's lines: the newest record of each plan."""
    lines = [BEGIN, '', '| run | date, commit | host | result | record |', '|---|---|---|---|---|']
    missing = []
    for plan in PLANS:
        # A whole run only: not a dry run, not narrowed by --only.
        recs = [r for r in records if r['command'] == plan and not r.get('dry_run')
                and not r.get('only')]
        if recs:
            lines.append(row(max(recs, key=lambda r: r['started'])))
        else:
            missing.append(f'`make {plan}`')
    lines.append('')
    if missing:
        lines.append(f'No record of {" or ".join(missing)} yet.')
        lines.append('')
    lines.append(END)
    return lines


def readme_block(text):
    if BEGIN not in text or END not in text:
        return None
    a = text.index(BEGIN)
    b = text.index(END) + len(END)
    return text[a:b].split('\n')


def main(action, readme=os.path.join(TOP, 'README.md'), records_dir=RECORDS):
    lines = render(load_records(records_dir))
    if action == 'print':
        print('\n'.join(lines))
        return exitcodes.OK
    with open(readme) as f:
        text = f.read()
    block = readme_block(text)
    if block is None:
        print(f'error: {readme} has no status block ({BEGIN} ... {END})')
        return exitcodes.USAGE
    if action == 'check':
        if block == lines:
            print('status: PASS README.md\'s Status is the records\' (docs/records/)')
            return exitcodes.OK
        print('status: FAIL README.md\'s Status differs from the records\' '
              '(./stlb.py status --write)')
        return exitcodes.TEST_FAILED
    a = text.index(BEGIN)
    b = text.index(END) + len(END)
    with open(readme, 'w') as f:
        f.write(text[:a] + '\n'.join(lines) + text[b:])
    print(f'status: {readme} rewritten from {len(load_records(records_dir))} record(s)')
    return exitcodes.OK


def keep(results_dir, records_dir=RECORDS):
    """Copy a run's record.json to docs/records/<run directory>.json."""
    src = os.path.join(results_dir, 'record.json')
    if not os.path.exists(src):
        print(f'error: no record.json in {results_dir}')
        return exitcodes.USAGE
    with open(src) as f:
        rec = json.load(f)
    if rec.get('command') not in PLANS or rec.get('dry_run') or rec.get('only'):
        print(f'error: {src} is not a whole run of {" or ".join(PLANS)} '
              f'(command {rec.get("command")!r}, dry run {rec.get("dry_run")}, '
              f'only {rec.get("only")})')
        return exitcodes.USAGE
    os.makedirs(records_dir, exist_ok=True)
    dst = os.path.join(records_dir, os.path.basename(os.path.normpath(results_dir)) + '.json')
    shutil.copyfile(src, dst)
    print(f'kept {os.path.relpath(dst, TOP)}')
    return exitcodes.OK
