#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: what the secondary-TLB hook costs and what reaches the SMMU,
# on three kernels with the same Kconfig fragments, the same QEMU and the
# same workloads (guest/secondary_tlb_bench.c), in one run:
#
#   base      the base plus the test-only patches (generic mm code calls
#             invalidate_range())
#   series    the full series
#   upstream  Debian's linux-source-6.12, upstream's merged form of this
#             work, plus the test-only patches ported to it
#             (patches/series-6.12)
#
#   scripts/evidence/bench.sh [KERNEL[@MACHINE[,MACHINE]]]...
#
# KERNEL defaults to $BENCH_KERNELS, else "base series upstream";
# BENCH_MACHINES (default: arm64-virt-smmuv3 arm64-virt-smmuv3-a57) are
# the machines of the kernels that name none. BENCH_REPS timed runs of
# each workload (default 15), BENCH_WORKLOADS limits the workloads (names
# of guest/secondary_tlb_bench.c). BENCH_FLAVOUR=bench (default) builds
# the kernels with config/bench.config in trees of their own, so kprobes
# count the calls of each kernel's hook; BENCH_FLAVOUR=none boots the
# kernels make run and the reproducer build, with no such count
# (make check's bench, which builds nothing more). BENCH_HOOK=SYMBOL
# counts another kernel function's calls in place of the hook's (e.g.
# release_pages, to see whether two kernels free pages the same way):
# the tables' "bound" column is then that function's count, not a lower
# bound.
#
# Every boot runs under -icount shift=0,sleep=off (guest time is the
# instructions all vCPUs executed; idle time jumps to the next timer
# instead of following the host's clock) with norandmaps (the same
# addresses each run), and QEMU traces every command
# the SMMU consumed. Results in results/<date>-bench/bench/: per kernel and
# machine the console, the trace counts and the summary; then
# scripts/evidence/bench_table.py writes table.txt, table.csv and a chart per
# machine (bench-<machine>.png). Exits 1 if a boot or a workload failed.
RESULTS_NAME=bench
DRY_RUN_AWARE=1
. "$(dirname "$0")/../lib.sh"
step_init "$@"

KERNELS=${*:-${BENCH_KERNELS:-base series upstream}}
MACHINES=${BENCH_MACHINES:-arm64-virt-smmuv3 arm64-virt-smmuv3-a57}
REPS=${BENCH_REPS:-15}
FLAVOUR=${BENCH_FLAVOUR:-bench}
S=$TOP/scripts
out=$RESULTS/bench
case $FLAVOUR in
bench) flavour=bench ;;
none) flavour= ;;
*) die $EXIT_USAGE "BENCH_FLAVOUR=$FLAVOUR: bench or none" ;;
esac
[[ $REPS =~ ^[0-9]+$ ]] || die $EXIT_USAGE "BENCH_REPS=$REPS is not a number"
if [ -n "${BENCH_HOOK:-}" ]; then
	[[ $BENCH_HOOK =~ ^[A-Za-z_][A-Za-z0-9_.]*$ ]] ||
		die $EXIT_USAGE "BENCH_HOOK=$BENCH_HOOK is not a kernel symbol"
	[ -n "$flavour" ] ||
		die $EXIT_USAGE "BENCH_HOOK needs BENCH_FLAVOUR=bench: the other kernels have no kprobes"
fi
mkdir -p "$out"
echo "results: $out"

# The 6.12 source and gnuplot, installed (as root) if missing.
case " $KERNELS " in
*" upstream"*) "$S/steps/deps.sh" bench ;;
esac

# The same Kconfig fragments for the three kernels: the machine's, less
# KUnit (its boot-time suites are not what is measured; 6.12 has no
# secondary_tlb suite), plus bench.config.
FRAGMENTS_BENCH="guest-base.config mm.config arm64.config edu-sva-test.config"

code=0
worse() {	# remember the first failure's exit code
	[ "$code" != 0 ] || code=$1
}

for spec in $KERNELS; do
	kernel_spec "$spec" "$MACHINES" bench
	k=$SPEC_KERNEL machines=$SPEC_MACHINES
	# What each kernel's hook is called: the out-of-line notifier call
	# that reaches a bound device's secondary TLB.
	case $k in
	base) hook=__mmu_notifier_invalidate_range ;;
	series | upstream) hook=__mmu_notifier_arch_invalidate_secondary_tlbs ;;
	*) die $EXIT_USAGE "bench: unknown kernel '$k' (base, series or upstream)" ;;
	esac
	hook=${BENCH_HOOK:-$hook}
	# The plan, per kernel: the base has clear_refs' soft-dirty flush of
	# the whole address space loop for ever in the SMMUv3 driver while
	# bound (what patch 0001 fixes; the reproducer's
	# whole_mm.clear_refs_soft_dirty shows it), so it is not run there.
	plan=$out/bench-$k.plan
	args="-r $REPS"
	[ -z "$flavour" ] || args="$args -k $hook"
	[ "$k" != base ] || args="$args -x bound.clear_refs"
	for w in ${BENCH_WORKLOADS:-}; do args="$args -w $w"; done
	{
		echo "# make bench, $k kernel (scripts/evidence/bench.sh)"
		echo "secondary_tlb_bench 3000 /bin/secondary_tlb_bench $args"
	} >"$plan"
	# Each kernel is built once, for its first machine. Without the
	# bench flavour, the kernel make run or the reproducer built is
	# booted as it is, if there is one: only the guest is built.
	build=1
	[ -n "$flavour" ] || build=$(kernel_tree "$k" >&2
		[ -f "$KTREE/$M_BUILD_DIR/$M_IMAGE" ] && echo guest || echo 1)
	for m in $machines; do
		dir=$out/$k-$m
		mkdir -p "$dir"
		smmu_record_start "$dir" --commands
		rc=0
		# A subshell: the upstream kernel exports its own SERIES_FILE and
		# SOURCE_ENV (kernel_tree in lib.sh).
		(
			[ -z "$flavour" ] || export FRAGMENTS=$FRAGMENTS_BENCH
			RESULTS=$dir GUEST_RUN_BUILD=$build KERNEL_FLAVOUR=$flavour QEMU_RNG=0 \
				QEMU_TIMEOUT=${BENCH_TIMEOUT:-3600} BASELINE= KUNIT_SUITES= \
				QEMU_APPEND="norandmaps" \
				QEMU_EXTRA="-icount shift=0,sleep=off $SMMU_QEMU_ARGS" \
				SUMMARY_TO_LOG=1 "$S/steps/guest-run.sh" "$m" "$k" "$plan"
		) || rc=$?
		build=0
		! dry || continue
		smmu_record_stop || worse $EXIT_MISSING
		[ -f "$dir/summary.txt" ] ||
			die "$([ "$rc" != 0 ] && echo "$rc" || echo $EXIT_MISSING)" "bench: $k on $m stopped before its summary"
		if [ "$rc" = 0 ]; then
			echo "bench: PASS $k/$m: every workload ran and its checks held"
		else
			echo "bench: FAIL $k/$m (exit $rc): $(grep -h 'bench: error' "$dir/console.log" | head -3 | tr '\n' ' ')"
			worse "$rc"
		fi
	done
done

# The port to 6.12 is held to the series' standard, with 6.12's own
# checkpatch.pl and MAINTAINERS.
case " $KERNELS " in
*" upstream"*)
	flavoured=$(kernel_tree upstream >/dev/null; echo "$KTREE${flavour:+-$flavour}")
	SERIES_FILE=$TOP/patches/series-6.12 TREE=$flavoured RESULTS=$out "$S/evidence/checkpatch.sh" ||
		worse $EXIT_TEST_FAILED ;;
esac

! dry || exit 0
step "bench: the tables ($out)"
run "$PYTHON" "$S/evidence/bench_table.py" "$out" || worse $EXIT_TEST_FAILED
exit $code
