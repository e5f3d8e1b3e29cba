# SPDX-License-Identifier: GPL-2.0
"""./stlb.py: run a plan (check, check-full, ...) or list what there is.

    ./stlb.py list                  the plans and the stages
    ./stlb.py check [options]       run plans/check.toml (make check)
    ./stlb.py check-full [options]  run plans/check-full.toml
    ./stlb.py status [--write|--check]  README's Status, from docs/records/
    ./stlb.py keep RESULTS_DIR      copy a run's record into docs/records/
    ./stlb.py STAGE [options]       one stage alone, after the stages it
                                    needs (make mutants: ./stlb.py mutants)
    ./stlb.py TOOL [args]           one step of make run, or a working
                                    tool (config, kernel, boot, export,
                                    ...): its script, no record

Each stage runs its step (scripts/<step>), its output shown and kept in
results/<stamp>-<plan>/<stage>.log; the run ends with the phase table,
the stages' reports and one line: "<plan>: PASS|FAIL: N passed, N
failed, N skipped", written with record.json (README.md, Reading a
result) beside the logs. Exit codes: config/exit-codes.
"""

import argparse
import os
import signal
import subprocess
import sys
import time

from . import envvars, exitcodes, judge as judges, plan as plans, record as records, stages, status
from . import tools

TOP = exitcodes.TOP


def python3():
    """Debian's python3 (a pyenv shim earlier in PATH starts slowly)."""
    return '/usr/bin/python3' if os.path.exists('/usr/bin/python3') else sys.executable


def elapsed(t0):
    """mm:ss since the run began, as scripts/lib.sh's step headers."""
    s = int(time.time() - t0)
    return f'{s // 60:02d}:{s % 60:02d}'


def step_header(t0, text, out=sys.stdout):
    out.write(f'\n==> [{elapsed(t0)}] {text}\n')
    out.flush()


def stage_env(mod, entry, subst, dry_run, results, t0, plan_wins, given=None):
    """The step's environment, its options' values and the environment
    values not used.

    An option's value is, first to last: given on the command line
    (--kernels), set by the plan entry, the user's variable of that
    name (KERNELS) when the stage runs alone, the option's default. In a
    plan (make check) the user's variables are not used: a check is
    what its plan says, and a variable left exported cannot narrow it
    (--only narrows a run, and the record says so). The step gets each
    option as its own variable (REPRODUCER_KERNELS), always set; the
    user's variables of envvars.STAGE_SCOPED and every variable the
    steps pass each other (envvars.internal()) are taken out of the
    step's environment first, so that one left exported in the shell
    reaches no step."""
    given = given or {}
    env = {k: v for k, v in os.environ.items()
           if k not in envvars.internal() and k not in envvars.STAGE_SCOPED
           and not (plan_wins and k in envvars.PLAN_SCOPED)}
    env.update({k: v.format(**subst) for k, v in getattr(mod, 'ENV', {}).items()})
    values, ignored = {}, {}
    for name, o in stages.options(mod).items():
        user = os.environ.get(o.user_var) if o.user_var else None
        if name in given:
            v = given[name]
        elif name in entry.options:
            v = entry.options[name]
        elif user is not None and not plan_wins:
            v = user
        else:
            v = o.default
        v = v.format(**subst)
        if user is not None and user != v and plan_wins:
            ignored[o.user_var] = user
        if o.var in os.environ and os.environ[o.var] != v:
            ignored[o.var] = os.environ[o.var]
        env[o.var] = v
        values[name] = v
    if plan_wins:
        for k in envvars.PLAN_SCOPED:
            if k in os.environ:
                ignored.setdefault(k, os.environ[k])
    env['RESULTS'] = results
    env['HARNESS_T0'] = str(int(t0))
    env['PYTHON'] = subst['python']
    env['DRY_RUN'] = '1' if dry_run else '0'
    return env, values, ignored


def option_words(options):
    """--name=value words, a value with a space or empty quoted."""
    return ' '.join(f'--{k}={v!r}' if (' ' in v or not v) else f'--{k}={v}'
                    for k, v in options.items())


def kernel_tree():
    """The applied tree, as scripts/lib.sh has it: TREE, or BUILD/tree."""
    build = os.environ.get('BUILD', os.path.join(TOP, 'build'))
    return os.environ.get('TREE', os.path.join(build, 'tree'))


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def stop_on_sigterm():
    """SIGTERM stops a run as Ctrl-C does: the step's group is stopped
    (its QEMU with it) and the record written, instead of the step
    running on without a parent. A run started in the background by a
    non-interactive shell ignores SIGINT; SIGTERM is how it is stopped."""
    signal.signal(signal.SIGTERM, _interrupt)


def stop_group(p, out, grace=30):
    """Ctrl-C: SIGTERM to the step's process group (QEMU under timeout
    too gets it from timeout), then SIGKILL after a grace period."""
    try:
        os.killpg(p.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    out.write(f'\n    interrupted: SIGTERM sent to the step (process group {p.pid})\n')
    try:
        p.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()


def run_stage(entry, plan_name, results, t0, dry_run, out=sys.stdout, plan_wins=True,
              given=None):
    """Run one stage: its step's output shown and kept in <stage>.log.
    Returns (exit code, seconds, log, module, options, ignored)."""
    mod = stages.load(entry.name)
    subst = {'python': python3(), 'results': results, 'tree': kernel_tree()}
    cmd = stages.command(mod, subst)
    env, options, ignored = stage_env(mod, entry, subst, dry_run, results, t0, plan_wins,
                                      given)
    log = os.path.join(results, f'{entry.name}.log')
    step_header(t0, f'{plan_name}: {entry.name}', out)
    for k, v in ignored.items():
        out.write(f'    {k}={v!r} in the environment is not used ({envvars.why_unused(k, plan_wins)})\n')
    if options:
        out.write(f'    options: {option_words(options)}\n')
    s0 = time.time()
    if dry_run and not getattr(mod, 'DRY_RUN_AWARE', True):
        # A step that reads what earlier steps built: say what would run.
        line = f'+ {" ".join(cmd)}  # dry run: it reads what earlier steps build\n'
        out.write(line)
        with open(log, 'w') as f:
            f.write(line)
        return exitcodes.OK, time.time() - s0, log, mod, options, ignored
    with open(log, 'w') as f:
        try:
            # A session of its own: the step's children (QEMU) are
            # stopped with it, by process group, on Ctrl-C.
            p = subprocess.Popen(cmd, cwd=TOP, env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True, errors='replace',
                                 start_new_session=True)
        except OSError as e:
            msg = f'{entry.name}: FAIL cannot run {cmd[0]}: {e}\n'
            out.write(msg)
            f.write(msg)
            return exitcodes.USAGE, time.time() - s0, log, mod, options, ignored
        interrupted = False
        while True:
            try:
                for line in p.stdout:
                    out.write(line)
                    out.flush()
                    f.write(line)
                break
            except KeyboardInterrupt:
                # Keep reading while the step stops, so that it never
                # blocks on a full pipe; a second Ctrl-C lands here too.
                if not interrupted:
                    interrupted = True
                    stop_group(p, out)
        code = p.wait()
    if interrupted:
        code = 130
    elif code < 0:
        code = 128 - code   # killed by a signal: as a shell reports it
    return code, time.time() - s0, log, mod, options, ignored


def stage_plan(name):
    """A stage run alone: the stages it needs (required), then itself."""
    entries = [plans.Stage(n, required=True) for n in stages.needs(name)]
    return plans.Plan(name, os.path.join(stages.__path__[0], name.replace('-', '_') + '.py'),
                      stages.describe(name), entries + [plans.Stage(name)])


def run_plan(name, dry_run=False, only=None, out=sys.stdout, plans_dir=plans.PLANS,
             results_root=None, known_stages=None, plan=None, plan_wins=True, given=None):
    """Run plans/<name>.toml (or plan); its results in results_root (results/)."""
    if plan is None:
        try:
            plan = plans.load(name, plans_dir,
                              known_stages if known_stages is not None else set(stages.names()))
        except plans.PlanError as e:
            print(f'error: {e}', file=sys.stderr)
            return exitcodes.USAGE
    entries = plan.stages
    if only:
        unknown = [s for s in only if s not in [e.name for e in entries]]
        if unknown:
            print(f'error: plan {name} has no stage {", ".join(unknown)}; its stages: '
                  f'{" ".join(e.name for e in entries)}', file=sys.stderr)
            return exitcodes.USAGE
        entries = [e for e in entries if e.name in only or e.required]
    for e in entries:   # a broken stage module fails now, not an hour in
        try:
            mod = stages.load(e.name)
        except (ImportError, AttributeError, ValueError) as err:
            print(f'error: stage {e.name}: {err}', file=sys.stderr)
            return exitcodes.USAGE
        unknown = set(e.options) - set(stages.options(mod))
        if unknown:
            print(f'error: {os.path.relpath(plan.path, TOP)}: stage {e.name} has no option '
                  f'{", ".join(sorted(unknown))} (its options: '
                  f'{", ".join(stages.options(mod)) or "none"})', file=sys.stderr)
            return exitcodes.USAGE
    t0 = time.time()
    stamp = time.strftime('%Y%m%d-%H%M%S')
    root = results_root or os.path.join(TOP, 'results')
    results = os.path.join(root, f'{stamp}-{name}')
    n = 1
    while True:
        try:
            os.makedirs(results)
            break
        except FileExistsError:   # another run began in the same second
            n += 1
            results = os.path.join(root, f'{stamp}-{name}-{n}')
    rec = records.Record(name, plan.path, results, dry_run=dry_run, only=only)
    out.write(f'results: {results}\nplan: {os.path.relpath(plan.path, TOP)} '
              f'({len(entries)} stages){" (dry run)" if dry_run else ""}\n')
    for entry in entries:
        code, seconds, log, mod, options, ignored = run_stage(
            entry, name, results, t0, dry_run, out, plan_wins=plan_wins,
            given=given if entry is entries[-1] else None)
        if dry_run:
            # A dry run judges nothing: only a step that could not print
            # its commands fails.
            outcome = judges.exit_only(code)
        else:
            with open(log, errors='replace') as f:
                outcome = stages.judge(mod, f.read(), code, results)
        for note in outcome.notes:
            out.write(f'    {note}\n')
        if code != 0:
            out.write(f'{name}: stage {entry.name} failed with exit code {code}\n')
        rec.add(entry.name, code, seconds, outcome, log, options=options, ignored=ignored)
        if not dry_run:
            line = stages.report(mod, entry.name, results)
            if line:
                rec.reports.append(line)
        if code != 0 and entry.required:
            out.write(f'{name}: {entry.name} is required: the plan stops here\n')
            break
        if code == 130:
            out.write(f'{name}: interrupted in {entry.name}: the plan stops here\n')
            break
    step_header(t0, f'{name}: done in {elapsed(t0)}; logs in {results}', out)
    out.write('\n'.join(rec.phase_lines()) + '\n')
    for line in rec.reports:
        out.write(line + '\n')
    rec.write()
    out.write(f'record: {os.path.join(results, "record.json")}\n')
    out.write(rec.result_line() + '\n')
    out.flush()
    return rec.exit_code()


def list_all(out=sys.stdout):
    out.write('plans (./stlb.py PLAN; plans/PLAN.toml):\n')
    for n in plans.names():
        p = plans.load(n, known_stages=set(stages.names()))
        out.write(f'  {n:<12} {p.description}\n')
        out.write(f'  {"":<12} stages: {" ".join(s.name for s in p.stages)}\n')
    out.write('stages (./stlb.py NAME; harness/stages/NAME.py):\n')
    for n in stages.names():
        out.write(f'  {n:<17} {stages.describe(n)}\n')
    out.write('tools (./stlb.py NAME [ARG...]; harness/tools.py; no record):\n')
    for n, (text, _) in tools.TOOLS.items():
        out.write(f'  {n:<17} {text}\n')
    return exitcodes.OK


def list_plan(name, out=sys.stdout, plan=None):
    if plan is None:
        try:
            plan = plans.load(name, known_stages=set(stages.names()))
        except plans.PlanError as e:
            print(f'error: {e}', file=sys.stderr)
            return exitcodes.USAGE
    subst = {'python': python3(), 'results': 'results/<stamp>-' + name,
             'tree': os.environ.get('TREE', 'build/tree')}
    out.write(f'{name}: {plan.description} ({os.path.relpath(plan.path, TOP)})\n')
    for i, e in enumerate(plan.stages, 1):
        mod = stages.load(e.name)
        env = {k: v.format(**subst) for k, v in getattr(mod, 'ENV', {}).items()}
        words = [f'{k}={v!r}' if (' ' in v or not v) else f'{k}={v}' for k, v in env.items()]
        out.write(f'{i:2}. {e.name}{" (required)" if e.required else ""}: '
                  f'{stages.describe(e.name)}\n')
        out.write(f'    {" ".join(words + stages.command(mod, subst))}  [judge: {mod.JUDGE}]\n')
        if e.options:
            out.write(f'    options: {option_words(e.options)}  (./stlb.py {e.name} --help)\n')
        if e.why:
            out.write(f'    why: {e.why}\n')
    return exitcodes.OK


def main(argv=None):
    stop_on_sigterm()
    # A step's output may hold bytes the terminal cannot show.
    if hasattr(sys.stdout, 'reconfigure'):
        sys.stdout.reconfigure(errors='replace')
    ap = argparse.ArgumentParser(
        prog='stlb.py', description=__doc__.split('\n\n')[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog='Environment a user may set: docs/harness.md, Options.')
    sub = ap.add_subparsers(dest='command', metavar='COMMAND')
    sub.add_parser('list', help='the plans and the stages there are')
    p = sub.add_parser('status', help="README.md's Status section, from docs/records/")
    g = p.add_mutually_exclusive_group()
    g.add_argument('--write', action='store_true', help='rewrite it in README.md')
    g.add_argument('--check', action='store_true', help="exit 1 if README.md's differs")
    p = sub.add_parser('keep', help="copy a run's record.json into docs/records/")
    p.add_argument('results_dir', metavar='RESULTS_DIR')
    for n in plans.names():
        p = sub.add_parser(n, help=f'run plans/{n}.toml: '
                           f'{plans.load(n).description}')
        p.add_argument('--dry-run', action='store_true',
                       help='print the commands that build, boot, apply or install; run none')
        p.add_argument('--list', action='store_true',
                       help='print the stages, their commands and options; run nothing')
        p.add_argument('--only', nargs='+', metavar='STAGE',
                       help='run only these stages (and the required ones before them)')
    for n in stages.names():
        if n in plans.names():
            continue
        p = sub.add_parser(n, help=f'stage {n} alone: {stages.describe(n)}',
                           description=f'stage {n} alone, after the stages it needs: '
                           f'{stages.describe(n)}')
        p.add_argument('--dry-run', action='store_true',
                       help='print the commands that build, boot, apply or install; run none')
        p.add_argument('--list', action='store_true', help='print its command; run nothing')
        for o in stages.options(stages.load(n)).values():
            env = f'; or {o.user_var}= in the environment' if o.user_var else ''
            p.add_argument(f'--{o.name}', dest=f'opt_{o.name.replace("-", "_")}', metavar='VALUE',
                           help=f'{o.help} (default: {o.default!r}{env})')
        p.set_defaults(only=None, stage=True)
    for n, (text, _) in tools.TOOLS.items():
        p = sub.add_parser(n, help=text, description=f'{text}: runs '
                           + ', then '.join(' '.join(c) for c in tools.commands(n))
                           + ' (no record)')
        p.add_argument('--dry-run', action='store_true',
                       help='print the commands that build, boot, apply or install; run none')
        p.add_argument('args', nargs='*', metavar='ARG', help='given to the last script')
        p.set_defaults(tool=True)
    args = ap.parse_args(argv)
    if args.command is None:
        ap.print_help()
        return exitcodes.USAGE
    if args.command == 'list':
        return list_all()
    if args.command == 'status':
        return status.main('write' if args.write else 'check' if args.check else 'print')
    if args.command == 'keep':
        return status.keep(args.results_dir)
    dry = args.dry_run or os.environ.get('DRY_RUN') == '1'
    if getattr(args, 'tool', False):
        return tools.run(args.command, args.args, dry_run=args.dry_run)
    if getattr(args, 'stage', False):
        plan = stage_plan(args.command)
        given = {k[4:].replace('_', '-'): v for k, v in vars(args).items()
                 if k.startswith('opt_') and v is not None}
        if args.list:
            plan.stages[-1].options.update(given)
            return list_plan(args.command, plan=plan)
        return run_plan(args.command, dry_run=dry, plan=plan, plan_wins=False, given=given)
    if args.list:
        return list_plan(args.command)
    return run_plan(args.command, dry_run=dry, only=args.only)
