#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What CI checks (make check), or all the evidence (make check-full).
#
#   scripts/check.sh          the gate: fits 45 minutes on a fresh 2-core
#                             machine with an empty cache
#   scripts/check.sh full     everything: adds a whole kernel build after
#                             every patch on three architectures, the W=1 and
#                             sparse comparison, the KVM x86 and VMX runs,
#                             the KUnit suite under kunit.py on arm64, the
#                             mutation, make bench, make stress (series)
#                             and make check-debug
#
# Ends with the phase times and the line "N passed, N failed, N skipped":
# one item per checkpatch'd patch, per bisect check, per test case of
# 'make run', per reproducer case, per KUnit guest and per self-test.
DRY_RUN_AWARE=1
. "$(dirname "$0")/lib.sh"

MODE=${1:-quick}
case $MODE in
quick | full) ;;
*) die $EXIT_USAGE "usage: $0 [quick|full]" ;;
esac
stamp=$(date +%Y%m%d-%H%M%S)
export RESULTS=$TOP/results/$stamp-check$([ "$MODE" = full ] && echo -full || true)
mkdir -p "$RESULTS"
S=$TOP/scripts
passed=0
failed=0
skipped=0
rc=0
phases=()
echo "results: $RESULTS"
echo "mode: $MODE"

tally() {	# log: count "PASS"/"FAIL" verdict lines of a step
	local p f
	p=$(grep -cE '^[a-z0-9-]+: PASS' "$1" || true)
	f=$(grep -cE '^[a-z0-9-]+: FAIL' "$1" || true)
	passed=$((passed + p))
	failed=$((failed + f))
}

stage() {	# name command...: run a stage, keep its log and time, remember failure
	local name=$1 code=0 t0=$SECONDS
	shift
	step "check: $name"
	set +e
	"$@" 2>&1 | tee "$RESULTS/$name.log"
	code=${PIPESTATUS[0]}
	set -e
	phases+=("$(printf '%-16s %3d:%02d  exit %s' "$name" $(((SECONDS - t0) / 60)) \
		$(((SECONDS - t0) % 60)) "$code")")
	if [ "$code" != 0 ]; then
		echo "check: stage $name failed with exit code $code"
		[ $rc != 0 ] || rc=$code
	fi
	return 0
}

stage deps "$S/deps.sh"
stage base "$S/base.sh"
[ $rc != 0 ] || stage tree "$S/tree.sh"
[ $rc = 0 ] || { echo "0 passed, 1 failed, 0 skipped"; exit $rc; }

# In the order of what matters most, so a slow machine has done the most
# important work first.
stage checkpatch "$S/checkpatch.sh"
tally "$RESULTS/checkpatch.log"
# Where arm64 tells secondary TLBs against its DSB: no run-time test can
# see it; a check of the source, and its mutants (tests/mutants-order.txt).
stage arm64-order "$PYTHON" "$S/arm64_order.py" --self-test "$TREE"
tally "$RESULTS/arm64-order.log"

RUN_RESULTS=$RESULTS/run stage run "$S/run.sh"
totals=$(grep -E '^totals: ' "$RESULTS/run/summary.txt" 2>/dev/null || true)
if [ -n "$totals" ]; then
	set -- $(echo "$totals" | grep -oE '[0-9]+')
	passed=$((passed + $1))
	failed=$((failed + $2))
	skipped=$((skipped + $3))
fi
# A run that crashed, hung or lost results fails even if no case did.
if ! grep -q '^result: PASS' "$RESULTS/run/summary.txt" 2>/dev/null; then
	summary_verdict "$RESULTS/run/summary.txt"
	[ -z "$totals" ] || [ "$2" != 0 ] || failed=$((failed + 1))
	[ -n "$totals" ] || failed=$((failed + 1))
fi

# The end-to-end reproducer: on the base tree plus the test-only patches
# the in-place upgrade cases must fail, on the full series every case
# must pass. Its series kernel is make run's; its boots also run the
# KUnit suites, secondary_tlb among them, on -cpu max and cortex-a57.
# make check boots the base on cortex-a57 only (no hardware dirty-bit
# management: the machine where the base fails the most cases; each base
# boot takes a minute, most of it the clear_refs case's deadline).
# check-full boots the base on both CPUs and adds the base plus only the
# stable fixes, which must fix the clear_refs hang and nothing else.
if [ "$MODE" = full ]; then
	reproducer_kernels=${REPRODUCER_KERNELS:-base fixes series}
else
	reproducer_kernels=${REPRODUCER_KERNELS:-base@arm64-virt-smmuv3-a57 series}
fi
REPRODUCER_KERNELS=$reproducer_kernels stage reproducer "$S/reproducer.sh"
tally "$RESULTS/reproducer.log"
reproducer=$(tail -n 1 "$RESULTS/reproducer/summary.txt" 2>/dev/null || echo 'reproducer: no result')

# make bench: SMMU commands and guest time per workload. make check
# runs one workload on make run's kernel (the in-place upgrades), so
# that the benchmark cannot rot: a boot of seconds. check-full runs the
# whole make bench (three kernels of its own config, both CPUs) at the
# end, with the other long runs.
if [ "$MODE" = quick ]; then
	BENCH_FLAVOUR=none BENCH_KERNELS=series@arm64-virt-smmuv3 BENCH_WORKLOADS=cow_upgrade \
		BENCH_REPS=3 stage bench "$S/bench.sh"
	tally "$RESULTS/bench.log"
fi

# The series' KUnit suite under kunit.py: the only run-time test of the
# x86 and powerpc call sites, and each of these kernels is that
# architecture's full build of the end of the series. arm64's suite runs
# in the make run and reproducer boots; check-full runs kunit.py on the
# three architectures with the test-only driver suites (SMMUv3, VT-d,
# OCXL) beside it: make kunit-drivers.
if [ "$MODE" = full ]; then
	kunit_machines=${KUNIT_MACHINES:-$(machines_with kunit_group drivers | tr '\n' ' ')}
else
	kunit_machines=${KUNIT_MACHINES:-x86_64-q35-kunit powerpc64le-pseries-power9}
fi
KUNIT_MACHINES=$kunit_machines stage kunit-arches "$S/kunit-arches.sh"
tally "$RESULTS/kunit-arches.log"

if [ "$MODE" = quick ]; then
	# The files each patch can break, compiled after each patch.
	stage bisect-files "$S/bisect-files.sh"
	tally "$RESULTS/bisect-files.log"
fi

stage harness-selftest "$S/harness-selftest.sh"
tally "$RESULTS/harness-selftest.log"

# check-full: the cheaper evidence first, the whole kernel per patch
# (hours on a cold cache) and the warnings, which compare objects of those
# kernels, last, so that a run cut short has the most to show.
kvm_x86= kvm_vmx=
if [ "$MODE" = full ]; then
	# Proof that the KUnit suite fails where it must: the mutation
	# matrix (tests/mutants.txt).
	stage mutants "$S/mutants.sh"
	tally "$RESULTS/mutants.log"
	# ... and that edu_sva_hostile fails on a driver without its checks.
	stage mutants-edu "$S/mutants-edu.sh"
	tally "$RESULTS/mutants-edu.log"
	# KVM x86 at run time: kvm_amd on QEMU's emulated SVM, base and series.
	stage kvm-x86 "$S/kvm-x86.sh"
	tally "$RESULTS/kvm-x86.log"
	kvm_x86=$(tail -n 1 "$RESULTS/kvm-x86/summary.txt" 2>/dev/null || echo 'kvm-x86: no result')
	# KVM on VMX under Bochs (the kernel of kvm-x86): the APIC-access
	# page moved under a running guest, base, series and mutants.
	stage kvm-vmx "$S/kvm-vmx.sh"
	tally "$RESULTS/kvm-vmx.log"
	kvm_vmx=$(tail -n 1 "$RESULTS/kvm-vmx/summary.txt" 2>/dev/null || echo 'kvm-vmx: no result')
	# A whole kernel after every patch on three architectures.
	stage bisect "$S/bisect-build.sh"
	tally "$RESULTS/bisect.log"
	stage warnings "$S/warnings.sh"
	tally "$RESULTS/warnings.log"
	# make bench: base, series and 6.12, all workloads, both CPUs.
	stage bench "$S/bench.sh"
	tally "$RESULTS/bench.log"
	# make stress on the series (10 minutes; make stress alone also
	# reports the base) and make check-debug (debug kernels).
	STRESS_KERNELS=${STRESS_KERNELS:-series} stage stress "$S/stress.sh"
	tally "$RESULTS/stress.log"
	stage check-debug "$S/check-debug.sh"
	tally "$RESULTS/check-debug.log"
fi

step "check ($MODE): done in $(elapsed); logs in $RESULTS"
echo "phase            time   exit"
printf '%s\n' "${phases[@]}" | tee "$RESULTS/phases.txt"
echo "$reproducer"
[ -z "$kvm_x86" ] || echo "$kvm_x86"
[ -z "$kvm_vmx" ] || echo "$kvm_vmx"
ls "$RESULTS"/bench/table.txt >/dev/null 2>&1 && echo "bench: $RESULTS/bench/table.txt"
[ $failed = 0 ] || [ $rc != 0 ] || rc=$EXIT_TEST_FAILED
echo "$passed passed, $failed failed, $skipped skipped"
exit $rc
