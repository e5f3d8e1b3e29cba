#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Boot a kernel and an initramfs under Bochs, as scripts/steps/boot.sh boots
QEMU: the serial console to a file, the run over when the guest powers
off, halts, reboots or panics.

    bochs_run.py --bochsrc TEMPLATE --cpu MODEL --kernel IMAGE
                 --initrd CPIO --append CMDLINE --console FILE --work DIR

Bochs has no direct kernel boot: the kernel and initramfs go on an
isolinux CD image (xorriso), which the BIOS boots. TEMPLATE is the
machine's bochsrc with @ISO@, @CPU@, @CONSOLE@ and @LOG@ filled in here.
Debian's Bochs has no display-less library: it runs with the 'term'
display under a pseudo-terminal of its own (its screen goes to
DIR/bochs-screen.log), and starts in its debugger unless given a command
file whose only command is 'c' (continue).

Bochs does not exit when a Linux guest powers off, and ignores SIGTERM in
some states: this script watches the console and, once the guest is done
(or on SIGTERM, as from timeout(1)), stops Bochs with SIGKILL. Exit 0
when the guest reached an end (power off, halt, reboot, panic: the
summary judges the console), 1 if Bochs exited by itself (its log and
DIR/bochs.log say why), 124 on SIGTERM. Afterwards the CD image is
removed and DIR/bochs.log compressed (bochs.log.gz).
"""

import argparse
import gzip
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import time

ISOLINUX = '/usr/lib/ISOLINUX/isolinux.bin'
LDLINUX = '/usr/lib/syslinux/modules/bios/ldlinux.c32'
# The kernel's last words: power off, halt, restart, or a panic (with
# panic=-1 the kernel then restarts, which Bochs would do, booting the
# CD again).
END = re.compile(rb'reboot: (Power down|System halted|Restarting system)|'
                 rb'Kernel panic - not syncing')
GRACE = 2  # seconds of console after the end line (a panic's trace)


def make_iso(args, work):
    root = os.path.join(work, 'iso')
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, 'isolinux'))
    for f in (ISOLINUX, LDLINUX):
        shutil.copy(f, os.path.join(root, 'isolinux'))
    shutil.copy(args.kernel, os.path.join(root, 'bzimage'))
    shutil.copy(args.initrd, os.path.join(root, 'initrd'))
    with open(os.path.join(root, 'isolinux', 'isolinux.cfg'), 'w') as f:
        f.write('DEFAULT linux\nPROMPT 0\nLABEL linux\n'
                '  KERNEL /bzimage\n'
                f'  APPEND initrd=/initrd {args.append}\n')
    iso = os.path.join(work, 'boot.iso')
    cmd = ['xorriso', '-as', 'mkisofs', '-quiet', '-o', iso,
           '-b', 'isolinux/isolinux.bin', '-c', 'isolinux/boot.cat',
           '-no-emul-boot', '-boot-load-size', '4', '-boot-info-table', root]
    with open(os.path.join(work, 'xorriso.log'), 'w') as log:
        if subprocess.call(cmd, stdout=log, stderr=subprocess.STDOUT):
            sys.exit(f'bochs_run.py: xorriso failed: see {log.name}')
    shutil.rmtree(root)
    return iso


def tidy(work, iso, keep_log):
    """The CD image is a copy of the kernel and initramfs the run records:
    remove it. Bochs logs every unknown MSR and EPT violation at its error
    level (megabytes a run): compress the log unless Bochs ended by
    itself, when the message points at it."""
    os.remove(iso)
    log = os.path.join(work, 'bochs.log')
    if keep_log or not os.path.exists(log):
        return
    with open(log, 'rb') as src, gzip.open(log + '.gz', 'wb') as dst:
        shutil.copyfileobj(src, dst)
    os.remove(log)


def main():
    ap = argparse.ArgumentParser()
    for opt in ('bochsrc', 'cpu', 'kernel', 'initrd', 'append', 'console', 'work'):
        ap.add_argument('--' + opt, required=True)
    args = ap.parse_args()
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    iso = make_iso(args, work)
    console = os.path.abspath(args.console)
    with open(args.bochsrc) as f:
        rc = f.read()
    for key, val in (('ISO', iso), ('CPU', args.cpu), ('CONSOLE', console),
                     ('LOG', os.path.join(work, 'bochs.log'))):
        rc = rc.replace(f'@{key}@', val)
    left = re.findall(r'@[A-Z]+@', rc)
    if left:
        sys.exit(f'bochs_run.py: {args.bochsrc}: unknown placeholder(s) {" ".join(left)}')
    with open(os.path.join(work, 'bochsrc'), 'w') as f:
        f.write(rc)
    with open(os.path.join(work, 'bochs.cmds'), 'w') as f:
        f.write('c\n')
    open(console, 'w').close()

    cmd = ['bochs', '-q', '-f', os.path.join(work, 'bochsrc'),
           '-rc', os.path.join(work, 'bochs.cmds')]
    print('bochs_run.py: ' + ' '.join(cmd), flush=True)
    pid, fd = pty.fork()
    if pid == 0:
        os.environ['TERM'] = 'xterm'
        os.execvp(cmd[0], cmd)

    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append('SIGTERM'))
    screen = open(os.path.join(work, 'bochs-screen.log'), 'wb')
    ended_at = None
    status = None
    pos = 0
    while status is None:
        r, _, _ = select.select([fd], [], [], 1.0)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b''
            # The screen is a curses stream: keep its first MiB only.
            if data and screen.tell() < (1 << 20):
                screen.write(data)
        if ended_at is None:
            # The console since the last look, with an overlap for a
            # line written in two parts.
            with open(console, 'rb') as f:
                start = max(0, pos - 256)
                f.seek(start)
                tail = f.read()
            pos = start + len(tail)
            if END.search(tail):
                ended_at = time.monotonic()
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            status = st
            break
        if stop or (ended_at is not None and time.monotonic() - ended_at > GRACE):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            break
    screen.close()
    tidy(work, iso, keep_log=status is not None and ended_at is None)
    if stop:
        print('bochs_run.py: SIGTERM: Bochs stopped', file=sys.stderr)
        return 124
    if status is not None and ended_at is None:
        print(f'bochs_run.py: Bochs exited by itself (status {status:#x}); see '
              f'{os.path.join(work, "bochs.log")}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
