#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# One test run in a guest machine: the kernel tree, its config and build,
# the guest userspace for the plan, the boot and the summary.
#
#   scripts/steps/guest-run.sh MACHINE KERNEL [PLAN]
#
# MACHINE  a machine of config/machines/ with runner=guest
# KERNEL   series: build/tree, every patch (what make run boots)
#          base:   build/tree-base, the base plus only the test-only patches
#          fixes:  build/tree-fixes, the base plus the patches marked for
#                  stable (Cc: stable) and the test-only patches
#          mutant: build/tree-mutant as mutant_apply (lib.sh) left it
# PLAN     a test plan (guest/*.plan); default: the machine's
#
# Results in $RESULTS (default results/<date>-<machine>-<kernel>): the
# build logs, run.env (what ran, written before the boot), patches.txt,
# console.log, summary.txt and results.txt. GUEST_RUN_BUILD=0 boots what
# an earlier call built (the same kernel on another CPU);
# GUEST_RUN_BUILD=guest builds only the guest userspace for the plan and
# boots the kernel as an earlier step built it. The summary is
# judged with the machine's KUnit suites and baseline, EXPECT_FAIL (cases
# that must fail) and KNOWN_SPLATS (more splat files); QEMU_* as
# scripts/boot.sh. SUMMARY_TO_LOG=1 keeps the summary in
# $RESULTS/summarize.log and prints only its verdict lines.
# KERNEL_FLAVOUR=kasan builds the kernel with config/kasan.config, in a
# tree of its own (<tree>-kasan); KERNEL_FLAVOUR=bench with
# config/bench.config (<tree>-bench), KERNEL_FLAVOUR=debug with
# config/debug.config (<tree>-debug: lockdep, KASAN, kmemleak...). Exits with the summary's code (README:
# exit codes).
RESULTS_NAME=${1:-}-${2:-}
DRY_RUN_AWARE=1
. "$(dirname "$0")/../lib.sh"
step_init "$@"

[ $# -ge 2 ] && [ $# -le 3 ] || die $EXIT_USAGE "usage: $0 MACHINE KERNEL [PLAN]"
machine=$1
kernel=$2
machine_load "$machine"
[ "$M_RUNNER" = guest ] ||
	die $EXIT_USAGE "machine $machine is not booted by the harness (runner=$M_RUNNER); guest machines: $(machines_with runner guest | tr '\n' ' ')"
kernel_tree "$kernel"
case ${KERNEL_FLAVOUR:-} in
'') ;;
kasan)	KTREE=$KTREE-kasan KDESC="$KDESC, KASAN"
	export EXTRA_FRAGMENTS="${EXTRA_FRAGMENTS:-} kasan.config" ;;
bench)	KTREE=$KTREE-bench KDESC="$KDESC, make bench's config"
	export EXTRA_FRAGMENTS="${EXTRA_FRAGMENTS:-} bench.config" ;;
debug)	KTREE=$KTREE-debug KDESC="$KDESC, debug config"
	export EXTRA_FRAGMENTS="${EXTRA_FRAGMENTS:-} debug.config" ;;
*) die $EXIT_USAGE "unknown KERNEL_FLAVOUR '$KERNEL_FLAVOUR' (kasan, bench, debug)" ;;
esac
plan=${3:-$TOP/$M_PLAN}
[ -f "$plan" ] || die $EXIT_USAGE "no test plan $plan"
mkdir -p "$RESULTS"
export RESULTS MACHINE=$machine TREE=$KTREE PLAN=$plan
unset KOUT GOUT
S=$TOP/scripts

step "guest-run: $machine, $kernel kernel ($KDESC), plan $(basename "$plan")"
case ${GUEST_RUN_BUILD:-1} in
0) ;;
guest) "$S/steps/guest.sh" ;;
*)	# A mutant's tree is made by mutant_apply, not from the patches.
	[ -z "$KPART" ] || SERIES_PART=$KPART "$S/steps/tree.sh"
	"$S/steps/config.sh"
	"$S/steps/kernel.sh"
	"$S/steps/guest.sh" ;;
esac
"$S/steps/boot.sh"
! dry || exit 0
code=0
if [ "${SUMMARY_TO_LOG:-0}" = 1 ]; then
	"$S/steps/summary.sh" >"$RESULTS/summarize.log" 2>&1 || code=$?
	summary_verdict "$RESULTS/summary.txt"
	info "summary: $RESULTS/summary.txt (exit $code)"
else
	"$S/steps/summary.sh" || code=$?
fi
exit $code
