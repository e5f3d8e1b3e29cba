# SPDX-License-Identifier: GPL-2.0
"""The reproducer's verdict on one boot of one kernel on one machine.

    python3 -m harness.judge.reproducer DIR LABEL EXIT [--expected-failures]
                                        [--splats FILE] [--smmu-exit N]

DIR is the boot's results (scripts/steps/guest-run.sh): cases.txt, one
"KEY RESULT WANTED" line a case, what the summary judged each case had to
be (FAIL where the kernel's .xfail file says, else PASS);
summary.txt; smmu-per-case.txt, what the SMMU received per case
(scripts/evidence/smmu_trace.py, which exited with N). LABEL names the
boot (base/arm64-virt-smmuv3-a57), EXIT is the boot's exit code.

Prints one "reproducer: PASS|FAIL LABEL ..." line a case of
edu_sva_test, one for the first splat of FILE (the kernel's .splats: the
summary must have seen it), one a check of the SMMU's commands, then
"verdict: LABEL PASS n/n", "verdict: LABEL FAIL n/m (expected)" (a
kernel with expected failures that failed only those), "verdict: LABEL
FAIL n/m (k unexpected)" or "verdict: LABEL FAIL n/m (exit E)". Exits with the first failure's code: a case that is
not what it had to be (a skip is not a pass), a splat not seen or an
SMMU count out of its range fail the test (1); then the boot's own exit
code; then no case at all (8).
"""

import argparse
import os
import re
import sys

from .. import exitcodes
from . import read_lines as read

TEST = 'kselftest:edu_sva_test.'


def first_splat_reason(path):
    """The reason of the first "pattern | reason" line of a .splats file."""
    for line in read(path):
        if line.startswith('#') or '|' not in line:
            continue
        return line.split('|', 2)[-1].strip()
    return None


def judge(run_dir, label, boot_exit, expected_failures=False, splats=None, smmu_exit=0):
    """(lines, verdict, exit code) of one boot."""
    lines, codes = [], []
    total = failed = unexpected = 0
    for line in read(os.path.join(run_dir, 'cases.txt')):
        parts = line.split()
        if len(parts) != 3 or not parts[0].startswith(TEST):
            continue
        key, got, want = parts
        case = key[len(TEST):]
        total += 1
        failed += got != 'PASS'
        if got == want:
            lines.append(f'reproducer: PASS {label} {case}: {got} (expected)')
        else:
            lines.append(f'reproducer: FAIL {label} {case}: {got}, expected {want}')
            unexpected += 1
            codes.append(exitcodes.TEST_FAILED)
    if splats:
        reason = first_splat_reason(splats)
        if reason is not None:
            summary = '\n'.join(read(os.path.join(run_dir, 'summary.txt')))
            if f'(known: {reason})' in summary:
                lines.append(f'reproducer: PASS {label} splat: {reason}')
            else:
                lines.append(f'reproducer: FAIL {label} splat not seen: {reason}')
                codes.append(exitcodes.TEST_FAILED)
    for line in read(os.path.join(run_dir, 'smmu-per-case.txt')):
        m = re.match(r'^smmu: ([A-Z]+) (.*)$', line)
        if m:
            lines.append(f'reproducer: {m.group(1)} {label} smmu {m.group(2)}')
    if smmu_exit:
        codes.append(exitcodes.TEST_FAILED)
    if boot_exit:
        codes.append(boot_exit)
    if not total:
        codes.append(exitcodes.CODES['MISSING'])
    # No case at all (a kernel that panicked at boot) or a boot that
    # failed is not a pass, whatever the cases said.
    if not failed and total and not boot_exit:
        verdict = f'{label} PASS {total}/{total}'
    elif not boot_exit and total and expected_failures and not unexpected:
        verdict = f'{label} FAIL {failed}/{total} (expected)'
    elif not boot_exit and unexpected:
        verdict = f'{label} FAIL {failed}/{total} ({unexpected} unexpected)'
    else:
        verdict = f'{label} FAIL {failed}/{total} (exit {boot_exit})'
    return lines, verdict, codes[0] if codes else exitcodes.OK


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('run_dir', metavar='DIR')
    ap.add_argument('label', metavar='LABEL')
    ap.add_argument('boot_exit', metavar='EXIT', type=int)
    ap.add_argument('--expected-failures', action='store_true',
                    help='the kernel has expected failures on this machine (a .xfail file)')
    ap.add_argument('--splats', metavar='FILE', help="the kernel's .splats file")
    ap.add_argument('--smmu-exit', metavar='N', type=int, default=0,
                    help="smmu_trace.py's exit code")
    args = ap.parse_args(argv)
    lines, verdict, code = judge(args.run_dir, args.label, args.boot_exit,
                                 args.expected_failures, args.splats, args.smmu_exit)
    for line in lines:
        print(line)
    print(f'verdict: {verdict}')
    return code


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
