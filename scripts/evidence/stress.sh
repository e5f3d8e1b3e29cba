#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make stress: the edu SVA stress test (test-only patch 6,
# tools/testing/selftests/vm/edu_sva_stress.c) for STRESS_SECONDS
# (default 600) on the arm64 SMMUv3 machine: a bound process whose
# threads fork, write, remap, mprotect, MADV_DONTNEED, migrate between the
# two NUMA nodes and split THPs while the device reads and writes its
# pages, every byte checked.
#
#   scripts/evidence/stress.sh [KERNEL]...
#
# KERNEL: series (must pass: no byte lost, no unexpected fault, no splat;
# a skip of the test or of its case, or its case not reported, fails)
# and base (the base plus the test-only patches: what breaks is reported,
# not judged; expected: device writes still faulting after an in-place
# upgrade). Default: $STRESS_KERNELS, else "series base".
# STRESS_MACHINE (default arm64-virt-smmuv3), STRESS_FLAVOUR (a kernel
# flavour of scripts/steps/guest-run.sh, e.g. debug; default none),
# STRESS_APPEND (more kernel command line, e.g. panic_on_warn=1).
#
# Prints "stress: PASS|FAIL series/<machine>: <totals>" and, for the
# base, "stress: base/<machine> (reported, not judged): <totals>".
RESULTS_NAME=stress
DRY_RUN_AWARE=1
. "$(dirname "$0")/../lib.sh"
step_init "$@"

KERNELS=${*:-${STRESS_KERNELS:-series base}}
SECONDS_RUN=${STRESS_SECONDS:-600}
MACHINE_RUN=${STRESS_MACHINE:-arm64-virt-smmuv3}
[[ $SECONDS_RUN =~ ^[0-9]+$ ]] && [ "$SECONDS_RUN" -ge 1 ] ||
	die $EXIT_USAGE "STRESS_SECONDS=$SECONDS_RUN is not a number of seconds"
machine_load "$MACHINE_RUN"
out=$RESULTS/stress
mkdir -p "$out"
echo "results: $out"
plan=$out/stress.plan
{
	echo "# make stress (scripts/evidence/stress.sh): $SECONDS_RUN s"
	echo "edu_sva_stress $((SECONDS_RUN + 120)) ./edu_sva_stress -t $SECONDS_RUN"
} >"$plan"

code=0
for k in $KERNELS; do
	case $k in
	series | base) ;;
	*) die $EXIT_USAGE "stress: unknown kernel '$k' (series or base)" ;;
	esac
	dir=$out/$k-$MACHINE_RUN
	rc=0
	RESULTS=$dir KERNEL_FLAVOUR=${STRESS_FLAVOUR:-} QEMU_APPEND=${STRESS_APPEND:-} \
		QEMU_RNG=0 BASELINE= KUNIT_SUITES= \
		SKIP_FAILS=kselftest:edu_sva_stress NEEDS_CASES=kselftest:edu_sva_stress \
		QEMU_TIMEOUT=$((SECONDS_RUN + 600)) SUMMARY_TO_LOG=1 \
		"$TOP/scripts/steps/guest-run.sh" "$MACHINE_RUN" "$k" "$plan" || rc=$?
	! dry || continue
	# Each grep may find nothing (pipefail): the line says so below.
	totals=$(grep -ho 'stress: [0-9]* s, .*' "$dir/console.log" 2>/dev/null | head -1 || true)
	# What the CPU side tried, and what the kernel was seen to do of it.
	cpu_side=$(grep -hoE 'stress: CPU side(: |, attempts: |, seen done: ).*' "$dir/console.log" 2>/dev/null |
		   head -2 || true)
	splats=$(grep -c '^CRASH: ' "$dir/summary.txt" 2>/dev/null || true)
	first=$(grep -hE '# (device|a child)[^:]*: ' "$dir/console.log" 2>/dev/null | head -1 | sed 's/^ *# //' || true)
	[ -n "$totals" ] || totals="no totals (the run stopped early; see $dir/summary.txt)"
	line="$totals; splats: ${splats:-0}${first:+; first: $first}"
	if [ "$k" = base ]; then
		echo "stress: base/$MACHINE_RUN (reported, not judged): $line"
	elif [ "$rc" = 0 ]; then
		echo "stress: PASS series/$MACHINE_RUN: $line"
	else
		echo "stress: FAIL series/$MACHINE_RUN (exit $rc): $line"
		[ "$code" != 0 ] || code=$rc
	fi
	[ -z "$cpu_side" ] || while IFS= read -r l; do info "$l"; done <<<"$cpu_side"
done
exit $code
