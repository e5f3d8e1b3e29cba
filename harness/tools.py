# SPDX-License-Identifier: GPL-2.0
"""The single steps of make run and the working tools: each runs its
script (or scripts, in order) in the project's directory with the user's
environment, and writes no record (a stage does: harness/stages/).

    NAME: (help, [command, ...])

The last command takes the arguments given after the name
(./stlb.py boot shell). A command's exit code is the tool's; the first
that fails stops the rest.
"""

import os
import subprocess

from . import exitcodes

TOOLS = {
    'config': ('build/tree/out-<arch>/.config from config/*.config',
               [['scripts/steps/config.sh']]),
    'kernel': ('build the kernel of MACHINE (incremental, ccache)',
               [['scripts/steps/kernel.sh']]),
    'guest': ('build guest-init, busybox and the kselftests into an initramfs',
              [['scripts/steps/guest.sh']]),
    'boot': ('boot the guest and run the tests (console in results/latest)',
             [['scripts/steps/boot.sh']]),
    'summary': ('judge results/latest and print the summary',
                [['scripts/steps/summary.sh']]),
    'shell': ('boot the same guest to an interactive shell',
              [['scripts/steps/deps.sh'], ['scripts/steps/source.sh'], ['scripts/steps/tree.sh'],
               ['scripts/steps/config.sh'], ['scripts/steps/kernel.sh'],
               ['scripts/steps/guest.sh'], ['scripts/steps/boot.sh', 'shell']]),
    'export': ('regenerate patches/ from build/tree', [['scripts/steps/export.sh']]),
    'baseline': ('record results/latest as the expected pass/skip set',
                 [['scripts/steps/baseline.sh']]),
    'machines': ('the machines of config/machines/ (MACHINE=<name> selects one)',
                 [['scripts/steps/machine.py', 'table']]),
    'clean': ('remove build/ and results/ (the cache stays)', [['scripts/steps/clean.sh']]),
}


def commands(name, args=()):
    cmds = [list(c) for c in TOOLS[name][1]]
    cmds[-1] += list(args)
    return cmds


def run(name, args=(), dry_run=False):
    """Run tool NAME; its exit code. A dry run sets DRY_RUN=1 for the
    scripts, which print what they would build, boot or install."""
    env = dict(os.environ)
    if dry_run:
        env['DRY_RUN'] = '1'
    for cmd in commands(name, args):
        try:
            code = subprocess.call(cmd, cwd=exitcodes.TOP, env=env)
        except OSError as e:
            print(f'{name}: cannot run {cmd[0]}: {e}')
            return exitcodes.USAGE
        except KeyboardInterrupt:
            return 130
        if code != 0:
            return 128 - code if code < 0 else code
    return exitcodes.OK
