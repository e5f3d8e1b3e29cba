#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Make the harness self-test fixtures from the console log of a real
passing run: each fixture is that log with one failure put in, plus the
exit code the summary must give. Run once, review, commit the output:

    tests/harness/make-fixtures.py results/latest tests/harness
"""
import os
import re
import shutil
import sys

src, dst = sys.argv[1], sys.argv[2]
with open(os.path.join(src, 'console.log')) as f:
    base = f.read().split('\n')
top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def index(pred, start=0):
    return next(i for i in range(start, len(base)) if pred(base[i]))


def fixture(name, lines, expect, qemu_status=0, note='', expect_fail=None, known_splats=None):
    d = os.path.join(dst, name)
    os.makedirs(d, exist_ok=True)
    if known_splats:
        with open(os.path.join(d, 'known-splats'), 'w') as f:
            f.write('\n'.join(known_splats) + '\n')
    if expect_fail:
        with open(os.path.join(d, 'expect-fail'), 'w') as f:
            f.write('\n'.join(expect_fail) + '\n')
    with open(os.path.join(d, 'console.log'), 'w') as f:
        f.write('\n'.join(lines))
    with open(os.path.join(d, 'qemu.status'), 'w') as f:
        f.write(f'{qemu_status}\n')
    with open(os.path.join(d, 'expect'), 'w') as f:
        f.write(f'{expect} {note}\n')


common = os.path.join(dst, 'common')
os.makedirs(common, exist_ok=True)
for f, to in (('tests/kunit-suites.txt', 'kunit-suites.txt'),
              ('guest/vm-tests.plan', 'vm-tests.plan'),
              ('tests/baseline/arm64.txt', 'baseline.txt'),
              ('tests/known-splats.txt', 'known-splats.txt')):
    shutil.copy(os.path.join(top, f), os.path.join(common, to))

fixture('pass', base, 0, note='a real passing run (with the known test_hmm splats)')

l = base[:]
i = index(lambda s: s == '    ok 1 hmm.hmm_device_private.open_close')
l[i] = '    not ok 1 hmm.hmm_device_private.open_close'
j = index(lambda s: s == 'ok 1 hmm-tests', i)
l[j] = 'not ok 1 hmm-tests # exit status 1'
fixture('test-failure', l, 1, note='one hmm-tests case fails')
fixture('expected-failure', l, 0, expect_fail=['kselftest:hmm-tests.hmm.hmm_device_private.open_close'],
        note='the failing case is listed in --expect-fail')
fixture('unexpected-pass', base, 1, expect_fail=['kselftest:hmm-tests.hmm.hmm_device_private.open_close'],
        note='a case listed in --expect-fail passes')

l = base[:]
i = index(lambda s: s == 'ok 8 hugepage-mmap')
l[i] = 'ok 8 hugepage-mmap # SKIP'
fixture('regression', l, 1, note='a baseline PASS is now a SKIP')

i = index(lambda s: s == 'ok 8 hugepage-mmap')
panic = '''Unable to handle kernel NULL pointer dereference at virtual address 0000000000000008
Mem abort info:
Internal error: Oops: 0000000096000006 [#1] PREEMPT SMP
CPU: 1 PID: 312 Comm: hugepage-mremap Not tainted 6.1.192+ #1
Call trace:
 hugetlb_change_protection+0x1f0/0x3a0
 change_protection+0x40/0x60
---[ end trace 0000000000000000 ]---
Kernel panic - not syncing: Oops: Fatal exception
---[ end Kernel panic - not syncing: Oops: Fatal exception ]---'''.split('\n')
fixture('panic', base[:i + 1] + panic, 6, note='oops and panic in the middle of the tests')

warn = '''------------[ cut here ]------------
WARNING: CPU: 0 PID: 301 at mm/mmu_notifier.c:1003 mmu_notifier_register+0x40/0x60
Call trace:
 mmu_notifier_register+0x40/0x60
---[ end trace 0000000000000000 ]---'''.split('\n')
fixture('warn', base[:i + 1] + warn + base[i + 1:], 6, note='an unknown WARN splat, all tests pass')

fixture('hang', base[:i + 1] + ['    # Map haddr: Returned address is 0x7eaa40000000'], 7,
        qemu_status=124, note='QEMU killed by timeout in the middle of a test')

k = index(lambda s: s == 'guest-init: start')
fixture('boot-hang', base[:k - 5], 7, qemu_status=124,
        note='QEMU killed by timeout before guest-init started')

l = base[:]
i = index(lambda s: s == 'ok 14 ksm-merge' or s.endswith(' ksm-merge'))
l[i - 1:i + 1] = ['guest-init: TIMEOUT ksm-merge after 120 s',
                  '# guest-init: ksm-merge took 120.0 s', l[i].replace('ok', 'not ok', 1) + ' # TIMEOUT']
fixture('test-timeout', l, 7, note='guest-init killed one test at its timeout')

# A KUnit suite that is missing altogether (as if its config was lost):
# remove its lines, fix the plan and the numbers after it.
l = base[:]
s = index(lambda x: x == '    # Subtest: list-kunit-test')
e = index(lambda x: re.match(r'^ok \d+ list-kunit-test$', x), s)
removed = int(re.match(r'^ok (\d+)', l[e]).group(1))
del l[s:e + 1]
kstart = index(lambda x: x.startswith('KTAP version'))
kend = index(lambda x: x == 'guest-init: tests begin')
out = []
for n, x in enumerate(l):
    if kstart <= n < kend - (e + 1 - s):
        m = re.match(r'^1\.\.(\d+)$', x)
        if m:
            x = f'1..{int(m.group(1)) - 1}'
        m = re.match(r'^(ok|not ok) (\d+) (.*)$', x)
        if m and int(m.group(2)) > removed:
            x = f'{m.group(1)} {int(m.group(2)) - 1} {m.group(3)}'
    out.append(x)
fixture('missing-suite', out, 8, note='an expected KUnit suite did not report')

l = base[:]
b = index(lambda x: x == 'guest-init: tests begin')
p = index(lambda x: re.match(r'^1\.\.\d+$', x), b)
del l[p]
fixture('missing-plan', l, 8, note='the kselftest KTAP document has no plan')

# Soft lockups have no end marker: three reports back to back must be
# three splats, each with its own call trace (not one 80-line window that
# leaves the third report's "Call trace:" as an unknown splat of its own).
regs = ['x%d: 0000000000000000 x%d: 0000000000000000 x%d: 0000000000000000' % (r + 2, r + 1, r)
        for r in range(27, -1, -3)]
lockup = []
for secs in (11, 22, 33):
    lockup += [f'watchdog: BUG: soft lockup - CPU#3 stuck for {secs}s! [edu_sva_test:181]',
               'CPU: 3 PID: 181 Comm: edu_sva_test Tainted: G        W    L   N 6.1.192+ #2',
               'Hardware name: linux,dummy-virt (DT)',
               'pstate: 60000005 (nZCv daif -PAN -UAO -TCO -DIT -SSBS BTYPE=--)',
               'pc : arm_smmu_cmdq_issue_cmdlist+0x314/0x660',
               'lr : arm_smmu_cmdq_issue_cmdlist+0x2f0/0x660',
               'sp : ffff0000015d3560'] + regs + [
               'Call trace:',
               ' arm_smmu_cmdq_issue_cmdlist+0x314/0x660',
               ' arm_smmu_cmdq_batch_add+0x6c/0xb0',
               ' __arm_smmu_tlb_inv_range+0xb4/0x164',
               ' arm_smmu_tlb_inv_range_asid+0x50/0xdc',
               ' arm_smmu_mm_invalidate_range+0x64/0xa0',
               ' __mmu_notifier_invalidate_range_end+0x70/0xd0',
               ' clear_refs_write+0x31c/0x320',
               ' vfs_write+0x98/0x2d0',
               ' ksys_write+0x5c/0xe0',
               ' __arm64_sys_write+0x18/0x20',
               ' invoke_syscall.constprop.0+0x54/0xd4',
               ' do_el0_svc+0x40/0xbc',
               ' el0_svc+0x14/0x4c',
               ' el0t_64_sync_handler+0xec/0x120',
               ' el0t_64_sync+0x148/0x14c']
i = index(lambda s: s == 'ok 8 hugepage-mmap')
l = base[:i + 1] + lockup + base[i + 1:]
fixture('soft-lockup', l, 6, note='three soft-lockup reports, not known')
fixture('soft-lockup-known', l, 0, known_splats=[
    r'watchdog: BUG: soft lockup - CPU.\d+ stuck for \d+s! \[edu_sva_test:\d+\] | '
    r'arm_smmu_mm_invalidate_range | expected (harness self-test)'],
        note='the same three reports, each matched as a known splat')
print(f'fixtures written to {dst}')
