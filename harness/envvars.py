# SPDX-License-Identifier: GPL-2.0
"""The environment the harness reads, in three lists.

USER      what a user may set: the only variables docs/harness.md
          documents as options (a unit test holds them to it).
INTERNAL  what the steps pass each other (scripts/steps/guest-run.sh's
          QEMU_TIMEOUT, a stage option's own variable such as
          REPRODUCER_KERNELS): never an option; ./stlb.py takes every
          one out of a step's environment before it sets its own, so
          that one left exported in a shell reaches no step.
STANDARD  the system's (HOME, PATH, ccache's own).

A unit test reads every ${NAME:-...} of scripts/**/*.sh and fails on a
name in none of the lists: a new variable is a choice made here.
"""

USER = {
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
PLAN_SCOPED = {'MACHINE'}

INTERNAL = {
    # set by ./stlb.py for every step
    'RESULTS', 'HARNESS_T0', 'PYTHON',
    # set by a script before it sources lib.sh
    'RESULTS_NAME', 'DRY_RUN_AWARE',
    # where things are
    'BUILD', 'TREE', 'KOUT', 'GOUT', 'PLAN', 'RUN_RESULTS', 'SELFTESTS_TREE',
    # which base, which patches
    'SERIES', 'SERIES_PART', 'BASE_ENV', 'BASE_PACKAGE', 'BASE_TARBALL',
    # how guest-run.sh builds and boots
    'KERNEL_FLAVOUR', 'GUEST_RUN_BUILD', 'SUMMARY_TO_LOG', 'FRAGMENTS', 'EXTRA_FRAGMENTS',
    'QEMU_TIMEOUT', 'QEMU_APPEND', 'QEMU_EXTRA', 'QEMU_RNG', 'HARNESS_MIN_FREE_MB',
    # how the summary judges
    'BASELINE', 'KUNIT_SUITES', 'EXPECT_FAIL', 'KNOWN_SPLATS', 'SKIP_FAILS', 'NEEDS_CASES',
    # kunit-arches.sh called by mutants.sh and check-debug.sh
    'KUNIT_GROUP', 'KUNIT_TREE', 'KUNIT_OUT', 'KUNIT_FLAVOUR', 'KUNIT_EXPECT_FAIL',
    'KUNIT_FAIL_MESSAGE', 'KUNIT_TOOL',
    # kvm-x86.sh called by kvm-vmx.sh
    'KVM_RUN_NAME', 'KVM_X86_MACHINE',
    # the stages' options' own variables (harness/stages/*.py, OPTIONS)
    'REPRODUCER_KERNELS', 'REPRODUCER_MACHINES', 'REPRODUCER_FLAVOUR', 'REPRODUCER_TIMEOUT',
    'REPRODUCER_APPEND', 'REPRODUCER_LOGLEVEL',
    'BENCH_KERNELS', 'BENCH_MACHINES', 'BENCH_FLAVOUR', 'BENCH_TIMEOUT', 'BENCH_REPS',
    'BENCH_WORKLOADS', 'BENCH_HOOK',
    'STRESS_KERNELS', 'STRESS_MACHINE', 'STRESS_FLAVOUR', 'STRESS_SECONDS', 'STRESS_APPEND',
    'DEBUG_STEPS', 'DEBUG_TIMEOUT', 'DEBUG_APPEND', 'DEBUG_STRESS_SECONDS',
    'DEBUG_KUNIT_MACHINES',
    'KVM_X86_KERNELS', 'KVM_X86_TIMEOUT', 'KVM_VMX_RUNS', 'KVM_VMX_TIMEOUT',
    'MUTANTS', 'MUTANTS_EDU_LIST', 'BASES_VERSIONS', 'BASES_KEEP', 'KUNIT_MACHINES',
    'BISECT_MACHINES',
}

STANDARD = {'HOME', 'XDG_CACHE_HOME', 'TMPDIR', 'PATH', 'ARCH',
            'CCACHE_DIR', 'CCACHE_MAXSIZE', 'CCACHE_DEPEND', 'TERM'}


def why_unused(name, in_plan):
    """Why a variable of the user's environment does not reach a step."""
    if name in INTERNAL:
        return 'a name the steps pass each other, not an option: ./stlb.py STAGE --help'
    if in_plan:
        return 'a plan runs as written; run the stage alone to choose'
    return 'not an option of this stage'
