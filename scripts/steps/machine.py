#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Read the machine files in config/machines/: one file per machine, data.

    machine.py list [KEY VALUE]     the machine names (whose KEY is VALUE), one a line
    machine.py shell NAME           the machine as shell assignments, M_<KEY>=
    machine.py get NAME KEY         one value
    machine.py kunit-qemu NAME OUT  a kunit.py --qemu_config file for it
    machine.py check-kunit-qemu NAME KUNIT_DIR
                                    load that file as kunit.py (in KUNIT_DIR,
                                    tools/testing/kunit) does; its kconfig
                                    must have every line of the fragment
    machine.py table                every machine and what it is

A machine file is "key=value" lines ("key+=value" appends, space-separated;
'#' starts a comment line). "inherit=NAME" first takes every value of
another machine, so a variant names only what differs. The keys are
listed in KEYS below; an unknown key, or an unknown machine name, is an
error (exit 2) that lists the valid ones.
"""

import fnmatch
import os
import re
import shlex
import sys

EXIT_USAGE = 2
TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DIR = os.path.join(TOP, 'config', 'machines')

# key: (default, meaning). Paths are relative to the project (config/ for
# fragments) or, for image, to the kernel's output tree.
KEYS = {
    'description': ('', 'one line: what this machine is for'),
    'inherit': ('', 'machine whose values this one starts from'),
    'arch': ('', 'Linux ARCH'),
    'srcarch': ('', 'arch/ directory (default: arch)'),
    'cross_compile': ('', 'CROSS_COMPILE prefix (empty: the host compiler)'),
    'image_target': ('', 'make target that builds the kernel image'),
    'image': ('', 'kernel image, relative to the output tree'),
    'build_dir': ('', 'output tree, a directory in the kernel tree (default out-<arch>)'),
    'fragments': ('', 'Kconfig fragments under config/, merged on allnoconfig'),
    'fragments_if': ('', 'SYMBOL:Kconfig-file:fragment: added when the tree defines SYMBOL'),
    'runner': ('none', 'guest (guest-init and a test plan), kunit (kunit.py) or none (compile only)'),
    'bisect': ('no', 'yes: built after every patch by make bisect, bisect-files and warnings'),
    'emulator': ('', 'emulator binary: a qemu-system-*, or bochs (scripts/steps/bochs_run.py)'),
    'emulator_args': ('', 'its arguments: machine, memory, devices (no -cpu); for bochs, the bochsrc template'),
    'cpu': ('', 'CPU model: QEMU -cpu, Bochs cpu: model= (QEMU_CPU overrides)'),
    'rng': ('', 'arguments for a virtio-rng device (left out with QEMU_RNG=0)'),
    'console': ('', 'console device for console='),
    'append': ('', 'kernel command line, besides console= and guest-init arguments'),
    'timeout': ('900', 'seconds for a whole guest run (QEMU_TIMEOUT overrides)'),
    'selftests': ('', 'tools/testing/selftests/ directory the plan runs from'),
    'plan': ('', 'default test plan (guest/*.plan)'),
    'busybox': ('no', 'yes: busybox in the initramfs (make shell)'),
    'kunit_suites': ('', 'KUnit suites that must report at boot (tests/...)'),
    'baseline': ('', 'expected result of each case (tests/baseline/...)'),
    'probe': ('', 'console text naming the device under test, printed in the summary'),
    'probe_label': ('', 'its label in the summary'),
    'kunit_kconfig': ('', 'runner=kunit: the Kconfig fragments kunit.py adds (config/...; a later one overrides a symbol)'),
    'kunitconfigs': ('mm', 'runner=kunit: the .kunitconfig directories of the kernel tree kunit.py builds with'),
    'kunit_group': ('series', 'runner=kunit: make kunit-arches runs the series group, make kunit-drivers the drivers group'),
    'kunit_verdict_suites': ('secondary_tlb', 'runner=kunit: the suites judged, every case of each must pass'),
    'packages': ('', 'Debian packages this machine needs'),
}


def die(msg):
    print(f'error: {msg}', file=sys.stderr)
    sys.exit(EXIT_USAGE)


def names():
    return sorted(n for n in os.listdir(DIR)
                  if not n.startswith('.') and os.path.isfile(os.path.join(DIR, n)))


def load(name, seen=()):
    path = os.path.join(DIR, name)
    if '/' in name or not os.path.isfile(path):
        die(f"unknown machine '{name}'; machines: {' '.join(names())}")
    if name in seen:
        die(f'machine {name}: inherit loop ({" -> ".join(seen + (name,))})')
    vals = {k: d for k, (d, _) in KEYS.items()}
    lines = []
    for n, line in enumerate(open(path), 1):
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        key, sep, val = line.partition('=')
        append = key.endswith('+')
        key = key.rstrip('+').strip()
        if not sep or key not in KEYS:
            die(f'config/machines/{name}:{n}: unknown key {key!r}; keys: {" ".join(KEYS)}')
        lines.append((key, append, val.strip()))
    for key, _, val in lines:
        if key == 'inherit':
            vals.update(load(val, seen + (name,)))
    for key, append, val in lines:
        if key == 'inherit':
            continue
        vals[key] = f'{vals[key]} {val}'.strip() if append else val
    vals['inherit'] = next((v for k, _, v in lines if k == 'inherit'), '')
    vals['name'] = name
    if not seen:
        vals.update(series_overrides(name))
    vals['srcarch'] = vals['srcarch'] or vals['arch']
    vals['build_dir'] = vals['build_dir'] or f"out-{vals['arch']}"
    if not vals['arch']:
        die(f'config/machines/{name}: no arch')
    return vals


def series_overrides(name):
    """What the series (SERIES, config/series/<name>; default 6.1) changes
    in machine NAME: its lines "machine.GLOB.KEY=value", GLOB a machine
    name pattern (fnmatch), KEY a key of KEYS. Another kernel source may
    need another plan, selftests directory or kunit.py Kconfig."""
    series = os.environ.get('SERIES') or '6.1'
    path = os.path.join(TOP, 'config', 'series', series)
    if '/' in series or not os.path.isfile(path):
        die(f"unknown series '{series}'; series: {' '.join(sorted(os.listdir(os.path.dirname(path))))}")
    out = {}
    for n, line in enumerate(open(path), 1):
        line = line.strip()
        if not line.startswith('machine.'):
            continue
        key, _, val = line.partition('=')
        glob, _, mkey = key[len('machine.'):].rpartition('.')
        if not glob or mkey not in KEYS:
            die(f'config/series/{series}:{n}: not "machine.GLOB.KEY=value" with a key of {" ".join(KEYS)}')
        if fnmatch.fnmatchcase(name, glob):
            out[mkey] = val.strip()
    return out


KCONFIG_LINE = re.compile(r'(CONFIG_\w+)=.*$|# (CONFIG_\w+) is not set$')


def kunit_kconfig(m):
    """The machine's Kconfig lines: its fragments in order, a symbol's
    last line winning."""
    lines = {}
    for frag in m['kunit_kconfig'].split():
        with open(os.path.join(TOP, 'config', frag)) as f:
            for line in f:
                line = line.strip()
                k = KCONFIG_LINE.match(line)
                if k:
                    lines.pop(k.group(1) or k.group(2), None)
                    lines[k.group(1) or k.group(2)] = line
    return list(lines.values())


def kunit_qemu(m, out):
    """A kunit.py QemuArchParams for the machine (kunit_kernel.py loads it)."""
    if m['runner'] != 'kunit':
        die(f"machine {m['name']} is not a kunit.py machine (runner={m['runner']})")
    kconfig = '\n'.join(kunit_kconfig(m))
    params = m['emulator_args'].split()
    if m['cpu']:
        params += ['-cpu', m['cpu']]
    emulator = m['emulator']
    if not emulator.startswith('qemu-system-'):
        die(f"machine {m['name']}: kunit.py runs QEMU only, not {emulator}")
    with open(out, 'w') as f:
        f.write(f'# Generated by scripts/steps/machine.py from config/machines/{m["name"]}\n')
        f.write('from ..qemu_config import QemuArchParams\n\n')
        f.write('QEMU_ARCH = QemuArchParams(\n')
        f.write(f"\tlinux_arch={m['arch']!r},\n")
        f.write(f"\tkconfig={kconfig!r},\n")
        f.write(f"\tqemu_arch={emulator[len('qemu-system-'):]!r},\n")
        f.write(f"\tkernel_path={m['image']!r},\n")
        f.write(f"\tkernel_command_line={('console=' + m['console'] + ' ' + m['append']).strip()!r},\n")
        f.write(f'\textra_qemu_params={params!r})\n')


def check_kunit_qemu(m, kunit_dir):
    """The generated file, loaded by kunit.py's own loader."""
    import tempfile  # pylint: disable=import-outside-toplevel
    sys.path.insert(0, kunit_dir)
    import kunit_kernel  # pylint: disable=import-outside-toplevel
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, m['name'] + '.py')
        kunit_qemu(m, out)
        arch, _ = kunit_kernel._get_qemu_ops(out, None, None)  # pylint: disable=protected-access
        with open(out) as f:
            params = f.read()
    if arch != m['arch']:
        die(f"kunit.py read arch {arch!r}, the machine says {m['arch']!r}")
    wanted = kunit_kconfig(m)
    missing = [l for l in wanted if repr(l)[1:-1] not in params]
    if missing:
        die(f"machine {m['name']}: not in the generated kconfig: {', '.join(missing)}")
    print(f"{m['name']}: kunit.py loads it: arch {arch}, {len(wanted)} Kconfig lines")


def main(argv):
    if not argv:
        die(__doc__.strip().split('\n\n')[1])
    cmd, args = argv[0], argv[1:]
    if cmd == 'list' and len(args) in (0, 2):
        if args and args[0] not in KEYS:
            die(f'unknown key {args[0]!r}; keys: {" ".join(KEYS)}')
        print('\n'.join(n for n in names() if not args or load(n)[args[0]] == args[1]))
    elif cmd == 'shell' and len(args) == 1:
        for k, v in sorted(load(args[0]).items()):
            print(f'M_{k.upper()}={shlex.quote(v)}')
    elif cmd == 'get' and len(args) == 2:
        m = load(args[0])
        if args[1] not in m:
            die(f'unknown key {args[1]!r}; keys: {" ".join(KEYS)}')
        print(m[args[1]])
    elif cmd == 'kunit-qemu' and len(args) == 2:
        kunit_qemu(load(args[0]), args[1])
    elif cmd == 'check-kunit-qemu' and len(args) == 2:
        check_kunit_qemu(load(args[0]), args[1])
    elif cmd == 'table' and not args:
        for n in names():
            m = load(n)
            print(f"{n:36} {m['arch']:8} {m['runner']:6} {m['description']}")
    else:
        die(f'usage: {__doc__.strip().splitlines()[2].strip()} (see {sys.argv[0]} with no arguments)')


if __name__ == '__main__':
    main(sys.argv[1:])
