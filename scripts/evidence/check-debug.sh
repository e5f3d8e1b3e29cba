#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check-debug: the series on debug kernels (config/debug.config:
# PREEMPT, lockdep, sleeping in atomic, DEBUG_VM, KASAN, KFENCE, soft
# lockups, hung tasks, RCU stalls, debug objects, kmemleak). Goal: zero
# reports, and none added to tests/known-splats.txt: the summary fails
# a boot on any warning, BUG, KASAN, lockdep, hung-task, stall or debug
# objects report that is not a known one. The arm64 boots do not add
# panic_on_warn=1: the base's known test_hmm warning
# (tests/known-splats.txt, vmemmap_populate) comes at every boot, before
# any test, and would stop them there; kunit.py's guests (step 4) boot
# with it, as always.
#
#   1. run       make run's plan on arm64 (-cpu max), then kmemleak
#                (guest/kmemleak_check.c): KUnit at boot, the vm
#                kselftests, edu_sva_hostile, a short edu_sva_stress
#   2. reproducer the reproducer's series kernel on -cpu max and
#                cortex-a57
#   3. stress    edu_sva_stress for DEBUG_STRESS_SECONDS (default 120)
#   4. kunit     the secondary_tlb KUnit suite under kunit.py on x86_64
#                and powerpc64le (POWER9 radix)
#
#   scripts/evidence/check-debug.sh [STEP]...      (default: all four)
#
# Prints one "check-debug: PASS|FAIL <step> ..." line per step (the
# reports found, if any); exits with the first failing step's code.
RESULTS_NAME=check-debug
DRY_RUN_AWARE=1
. "$(dirname "$0")/../lib.sh"
step_init "$@"

STEPS=${*:-${DEBUG_STEPS:-run reproducer stress kunit}}
S=$TOP/scripts
out=$RESULTS/check-debug
mkdir -p "$out"
echo "results: $out"
# More kernel command line for the arm64 boots (DEBUG_APPEND).
APPEND=${DEBUG_APPEND:-}
code=0
verdict() {	# step rc summary-files...: the step's line
	local step=$1 rc=$2 reports
	shift 2
	reports=$(cat "$@" 2>/dev/null | grep -c '^CRASH: ' || true)
	if [ "$rc" = 0 ]; then
		echo "check-debug: PASS $step: 0 reports"
	else
		echo "check-debug: FAIL $step (exit $rc): ${reports:-0} report(s)"
		grep -hE '^(CRASH|TIMEOUT|MISSING|FAILED): ' "$@" 2>/dev/null | head -n 10 | sed 's/^/    /' || true
		[ "$code" != 0 ] || code=$rc
	fi
}

# The KUnit suites the arm64 debug kernels must report: the machines',
# less slub_test, which config/debug.config leaves out (KFENCE may
# serve its deliberately corrupted objects in 6.1).
machine_load arm64-virt-smmuv3
debug_suites=$out/kunit-suites-debug.txt
grep -vE '^slub_test([[:space:]]|$)' "$TOP/$M_KUNIT_SUITES" >"$debug_suites"

for step in $STEPS; do
	rc=0
	case $step in
	run)
		plan=$out/run.plan
		{ cat "$TOP/guest/vm-tests.plan"
		  echo "kmemleak_check 300 /bin/kmemleak_check"; } >"$plan"
		# make run's baseline, less slub_test (debug_suites below).
		grep -vE '^kunit:slub_test[. ]' \
			"$TOP/$M_BASELINE" >"$out/baseline-debug.txt"
		RESULTS=$out/run KERNEL_FLAVOUR=debug QEMU_APPEND="$APPEND" \
			BASELINE=$out/baseline-debug.txt KUNIT_SUITES=$debug_suites \
			QEMU_TIMEOUT=${DEBUG_TIMEOUT:-3600} SUMMARY_TO_LOG=1 \
			"$S/steps/guest-run.sh" arm64-virt-smmuv3 series "$plan" || rc=$?
		! dry || continue
		verdict run "$rc" "$out/run/summary.txt"
		grep -h 'kmemleak: [0-9]* unreferenced' "$out/run/console.log" 2>/dev/null | sed 's/^ *#* */    /' || true ;;
	reproducer)
		RESULTS=$out REPRODUCER_FLAVOUR=debug REPRODUCER_APPEND="$APPEND" \
			KUNIT_SUITES=$debug_suites REPRODUCER_TIMEOUT=${DEBUG_TIMEOUT:-3600} \
			"$S/evidence/reproducer.sh" series >"$out/reproducer.log" 2>&1 || rc=$?
		! dry || continue
		tail -n 1 "$out/reproducer.log" | sed 's/^/    /'
		verdict reproducer "$rc" "$out"/reproducer/series-*/summary.txt ;;
	stress)
		RESULTS=$out STRESS_FLAVOUR=debug STRESS_APPEND="$APPEND" STRESS_KERNELS=series \
			STRESS_SECONDS=${DEBUG_STRESS_SECONDS:-120} \
			"$S/evidence/stress.sh" >"$out/stress.log" 2>&1 || rc=$?
		! dry || continue
		grep -E '^stress: ' "$out/stress.log" | sed 's/^/    /' || true
		verdict stress "$rc" "$out"/stress/series-*/summary.txt ;;
	kunit)
		RESULTS=$out KUNIT_FLAVOUR=debug \
			KUNIT_MACHINES=${DEBUG_KUNIT_MACHINES:-x86_64-q35-kunit powerpc64le-pseries-power9} \
			"$S/evidence/kunit-arches.sh" >"$out/kunit.log" 2>&1 || rc=$?
		! dry || continue
		grep -E '^kunit-arches: ' "$out/kunit.log" | sed 's/^/    /' || true
		verdict kunit "$rc" ;;
	*) die $EXIT_USAGE "check-debug: unknown step '$step' (run reproducer stress kunit)" ;;
	esac
done
exit $code
