#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The end-to-end reproducer (tools/testing/selftests/vm/edu_sva_test.c)
# on the emulated SMMUv3, on up to three kernels (scripts/steps/guest-run.sh)
# and two machines:
#
#   base    the base plus only the test-only patches ($BUILD/tree-base):
#           the cases in tests/reproducer/base-<machine>.xfail must fail
#           (that proves the test detects the stale SMMU TLB entry) and
#           every other case must pass; an unexpected pass fails the check.
#   fixes   the base plus the patches marked for stable (Cc: stable) and
#           the test-only patches ($BUILD/tree-fixes): the cases in
#           tests/reproducer/fixes-<machine>.xfail must fail (what only
#           the later patches fix), every other case must pass.
#   series  the full series ($BUILD/tree, the kernel 'make run' boots):
#           every case must pass.
#
# The expectation files are the series' (config/series/<SERIES>,
# reproducer_data): tests/reproducer/ for the 6.1 series, named above;
# tests/mainline/reproducer/ for SERIES=mainline, where 6.12 itself
# fails no case.
#
# Machines: arm64-virt-smmuv3 (-cpu max: hardware dirty-bit management)
# and arm64-virt-smmuv3-a57 (none), one kernel build for both. QEMU
# traces what the SMMU received; scripts/evidence/smmu_trace.py counts it per case.
#
#   scripts/evidence/reproducer.sh [KERNEL[@MACHINE[,MACHINE]]]...
#
# KERNEL is base, fixes or series (default: $REPRODUCER_KERNELS, else
# "base series"); @MACHINE,... boots that kernel on those machines only.
# REPRODUCER_MACHINES chooses the machines of the kernels that name none.
# REPRODUCER_FLAVOUR=kasan builds the kernels with KASAN
# (config/kasan.config), in trees of their own (<tree>-kasan), e.g. to
# check that a process exiting while bound unbinds with no
# use-after-free; REPRODUCER_FLAVOUR=debug with config/debug.config (make
# check-debug), REPRODUCER_APPEND adds to the kernel command line.
# (./stlb.py reproducer --help: each is an option there.)
#
# Prints one "reproducer: PASS|FAIL <kernel>/<machine> <case> ..." line per
# case and a last line such as
# "reproducer: base/arm64-virt-smmuv3-a57 FAIL 7/27 (expected), series/arm64-virt-smmuv3 PASS 27/27".
RESULTS_NAME=reproducer
DRY_RUN_AWARE=1
. "$(dirname "$0")/../lib.sh"
step_init "$@"

KERNELS=${*:-${REPRODUCER_KERNELS:-base series}}
MACHINES=${REPRODUCER_MACHINES:-arm64-virt-smmuv3 arm64-virt-smmuv3-a57}
PLAN=$TOP/guest/reproducer.plan
# The series' expectations (config/series/<SERIES>: reproducer_data):
# tests/reproducer for the 6.1 series, tests/mainline/reproducer for 6.12.
data=$TOP/$S_REPRODUCER_DATA
S=$TOP/scripts
out=$RESULTS/reproducer
mkdir -p "$out"
echo "results: $out"
code=0
verdicts=()
flavour=${REPRODUCER_FLAVOUR:-}

worse() {	# remember the first failure's exit code
	[ "$code" != 0 ] || code=$1
}

for spec in $KERNELS; do
	kernel_spec "$spec" "$MACHINES" reproducer
	k=$SPEC_KERNEL machines=$SPEC_MACHINES
	kernel_tree "$k"
	# The reproducer needs the test-only patches (the edu driver): say so
	# before building, not as a kselftest that does not build.
	SERIES_PART=$KPART TREE=$KTREE "$S/steps/tree.sh"
	dry || grep -q '^config EDU_SVA_TEST$' "$KTREE/drivers/misc/Kconfig" ||
		die $EXIT_USAGE "$KTREE has no CONFIG_EDU_SVA_TEST: are the test-only patches in patches/series?"
	build=1
	for m in $machines; do
		dir=$out/$k-$m${flavour:+-$flavour}
		# What a kernel is expected to do is data: the cases that must
		# fail (tests/reproducer/<kernel>-<machine>.xfail) and the splats
		# it must print (<kernel>.splats); without a file, none.
		xfail=$data/$k-$m.xfail
		[ -f "$xfail" ] || xfail=
		splats=$data/$k.splats
		[ -f "$splats" ] || splats=
		mkdir -p "$dir"
		smmu_record_start "$dir"
		# watchdog_thresh=5: a CPU stuck in the kernel is reported after
		# 10 s, well within the clear_refs case's 25 s deadline. The
		# console shows only a report's first line (KERN_EMERG) while
		# tests print: REPRODUCER_LOGLEVEL=5 shows its stack too, which
		# the kernel may print in the middle of a line of test output.
		rc=0
		RESULTS=$dir GUEST_RUN_BUILD=$build KERNEL_FLAVOUR=$flavour QEMU_RNG=0 \
			QEMU_TIMEOUT=${REPRODUCER_TIMEOUT:-600} BASELINE= \
			EXPECT_FAIL="$xfail" KNOWN_SPLATS="$splats" SKIP_FAILS=kselftest:edu_sva_test NEEDS_CASES=kselftest:edu_sva_test \
			QEMU_APPEND="guest.loglevel=${REPRODUCER_LOGLEVEL:-4} watchdog_thresh=5 ${REPRODUCER_APPEND:-}" \
			QEMU_EXTRA="$SMMU_QEMU_ARGS" \
			SUMMARY_TO_LOG=1 "$S/steps/guest-run.sh" "$m" "$k" "$PLAN" || rc=$?
		build=0
		! dry || continue
		smmu_record_stop || worse $EXIT_MISSING
		# No summary: the run stopped before it (a build, a boot that
		# could not start): nothing to judge.
		[ -f "$dir/summary.txt" ] ||
			die "$([ "$rc" != 0 ] && echo "$rc" || echo $EXIT_MISSING)" "reproducer: $k on $m stopped before its summary"

		# What the SMMU received, per case, and what it had to receive,
		# which is data next to the test (tests/reproducer/<kernel>.smmu):
		# e.g. with the series, clear_refs costs exactly one TLBI by ASID
		# and no TLBI by VA; on the base, the endless range loop (at least
		# 10000 TLBI by VA).
		step "reproducer: what the SMMU received, per case ($k, $m)"
		expect=()
		[ ! -f "$data/$k.smmu" ] ||
			expect=(--expect "$data/$k.smmu")
		src=0
		"$PYTHON" "$S/evidence/smmu_trace.py" --counts "$dir/smmu-counts.json" \
			--results "$dir/results.txt" "${expect[@]}" >"$dir/smmu-per-case.txt" || src=$?
		grep -v '^smmu: ' "$dir/smmu-per-case.txt" || true

		# One verdict line per case (its result and what the summary
		# says it had to be), per splat, per SMMU check, then the
		# boot's: harness/judge/reproducer.py.
		args=("$dir" "$k/$m" "$rc" --smmu-exit "$src")
		[ -z "$xfail" ] || args+=(--expected-failures)
		[ -z "$splats" ] || args+=(--splats "$splats")
		jrc=0
		judged "$dir/verdicts.txt" reproducer "${args[@]}" || jrc=$?
		[ "$jrc" = 0 ] || worse "$jrc"
		verdicts+=("$VERDICT")
	done
done

! dry || exit 0
summary=$(IFS=,; echo "${verdicts[*]}" | sed 's/,/, /g')
echo "reproducer: $summary" | tee "$out/summary.txt"
exit $code
