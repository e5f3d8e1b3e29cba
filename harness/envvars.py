# SPDX-License-Identifier: GPL-2.0
"""The environment the harness reads, in three lists.

USER      what a user may set: the only variables docs/harness.md
          documents as options (a unit test holds them to it).
INTERNAL  what the steps pass each other (scripts/steps/guest-run.sh's
          QEMU_TIMEOUT); internal() adds each stage option's own
          variable (REPRODUCER_KERNELS, from the stage modules): never
          an option; ./stlb.py takes every one out of a step's
          environment before it sets its own, so that one left exported
          in a shell reaches no step.
STANDARD  the system's (HOME, PATH, ccache's own).

A unit test reads every ${NAME:-...} of scripts/**/*.sh and fails on a
name in none of the lists: a new variable is a choice made here.
"""

import functools

USER = {
    'SERIES': 'which series: 6.1 (the default) or mainline (config/series/)',
    'MACHINE': 'the machine of make run and its steps (make machines lists them)',
    'KERNELS': 'a stage run alone: its kernels (make reproducer KERNELS=series)',
    'MACHINES': 'a stage run alone: its machines',
    'FLAVOUR': 'a stage run alone: its kernel flavour (kasan, debug, bench)',
    'TIMEOUT': 'seconds a boot may take: make run, make boot; a stage run alone',
    'APPEND': 'more kernel command line: make run, make boot; a stage run alone',
    'KSRC': 'your own kernel git tree as the base (with KSRC_REF)',
    'KSRC_REF': 'the commit of KSRC to use as the base',
    'DEBIAN_VERSION': 'another linux-source-6.1 version of the archive as the base',
    'CACHE': 'the cache directory (base repository, ccache, busybox)',
    'DRY_RUN': '1: print the commands that build, boot, apply or install; run none',
    'FORCE': '1: make tree may discard commits not exported from build/tree',
}

# User variables that are a stage's options under the same name: the
# entry point turns them into the option and takes them out of the step's
# environment (a step sees the option's own variable only).
STAGE_SCOPED = {'KERNELS', 'MACHINES', 'FLAVOUR', 'TIMEOUT', 'APPEND'}

# User variables a plan does not take (make check is what its plan says).
PLAN_SCOPED = {'MACHINE', 'SERIES'}

INTERNAL = {
    # set by ./stlb.py for every step
    'RESULTS', 'HARNESS_T0', 'PYTHON',
    # set by a script before it sources lib.sh
    'RESULTS_NAME', 'DRY_RUN_AWARE',
    # where things are
    'BUILD', 'TREE', 'KOUT', 'GOUT', 'PLAN', 'RUN_RESULTS', 'SELFTESTS_TREE',
    # which base, which patches
    'SERIES_FILE', 'SERIES_PART', 'SOURCE_ENV', 'SOURCE_PACKAGE', 'SOURCE_TARBALL',
    # how guest-run.sh builds and boots
    'KERNEL_FLAVOUR', 'GUEST_RUN_BUILD', 'SUMMARY_TO_LOG', 'FRAGMENTS', 'EXTRA_FRAGMENTS',
    'QEMU_TIMEOUT', 'QEMU_APPEND', 'QEMU_EXTRA', 'QEMU_RNG', 'HARNESS_MIN_FREE_MB',
    # how the summary judges
    'BASELINE', 'KUNIT_SUITES', 'EXPECT_FAIL', 'KNOWN_SPLATS', 'SKIP_FAILS', 'NEEDS_CASES',
    # kunit-arches.sh called by mutants.sh and check-debug.sh
    'KUNIT_GROUP', 'KUNIT_TREE', 'KUNIT_OUT', 'KUNIT_FLAVOUR', 'KUNIT_EXPECT_FAIL',
    'KUNIT_FAIL_MESSAGE', 'KUNIT_XFAIL', 'KUNIT_TOOL',
    # kvm-x86.sh called by kvm-vmx.sh
    'KVM_RUN_NAME', 'KVM_X86_MACHINE',
}

STANDARD = {'HOME', 'XDG_CACHE_HOME', 'TMPDIR', 'PATH', 'ARCH',
            'CCACHE_DIR', 'CCACHE_MAXSIZE', 'CCACHE_DEPEND', 'TERM'}


def option_vars():
    """The stage options' own variables (harness/stages/*.py, OPTIONS),
    but for one a leaf script reads under the user's name (run's
    TIMEOUT)."""
    import importlib
    from . import stages
    mods = (importlib.import_module(f'{stages.__name__}.{n.replace("-", "_")}')
            for n in stages.names())
    return {o.var for m in mods for o in stages.options(m).values() if o.var != o.user_var}


@functools.lru_cache(maxsize=None)
def internal():
    """Every name the steps pass each other: INTERNAL and the options'."""
    return frozenset(INTERNAL | option_vars())


def why_unused(name, in_plan):
    """Why a variable of the user's environment does not reach a step."""
    if name in internal():
        return 'a name the steps pass each other, not an option: ./stlb.py STAGE --help'
    if in_plan:
        return 'a plan runs as written; run the stage alone to choose'
    return 'not an option of this stage'
