#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# KVM x86 at run time, under TCG: the machine x86_64-q35-svm (-cpu max:
# SVM and nested paging; TCG cannot emulate VMX) runs kvm_amd and the KVM
# selftests of guest/kvm-x86.plan, which stress the mmu_notifier paths KVM
# shares across vendors, on up to two kernels (scripts/steps/guest-run.sh):
#
#   base    the base plus the test-only patches ($BUILD/tree-base; they
#           touch nothing x86)
#   series  the full series ($BUILD/tree)
#
#   scripts/evidence/kvm-x86.sh [base|series|mutant]...   default: $KVM_X86_KERNELS
#
# Prints one "kvm-x86: PASS|FAIL <kernel> <test>" line per test and a last
# line such as "kvm-x86: base PASS 5/5, series PASS 5/5".
# KVM_X86_MACHINE runs another machine and its plan, KVM_RUN_NAME names
# the run and its lines (scripts/evidence/kvm-vmx.sh: Bochs, VMX).
RESULTS_NAME=${KVM_RUN_NAME:-kvm-x86}
DRY_RUN_AWARE=1
. "$(dirname "$0")/../lib.sh"
step_init "$@"

KERNELS=${*:-${KVM_X86_KERNELS:-base series}}
name=$RESULTS_NAME
machine=${KVM_X86_MACHINE:-x86_64-q35-svm}
machine_load "$machine"
PLAN=$TOP/$M_PLAN
S=$TOP/scripts
out=$RESULTS/$name
mkdir -p "$out"
echo "results: $out"
code=0
verdicts=()
# The tests of the plan, one name each: every one must run and pass.
mapfile -t tests < <(grep -vE '^[[:space:]]*(#|$)' "$PLAN" | awk '{print $1}')

for k in $KERNELS; do
	kernel_tree "$k"
	rc=0
	# Every test of the plan must run: a skip fails the summary too.
	RESULTS=$out/$k QEMU_TIMEOUT=${KVM_X86_TIMEOUT:-} SUMMARY_TO_LOG=1 \
		SKIP_FAILS="${tests[*]/#/kselftest:}" \
		"$S/steps/guest-run.sh" "$machine" "$k" "$PLAN" || rc=$?
	! dry || continue
	[ -f "$out/$k/summary.txt" ] ||
		die "$([ "$rc" != 0 ] && echo "$rc" || echo $EXIT_MISSING)" "$name: $k stopped before its summary"
	grep -E "$M_PROBE" "$out/$k/console.log" | head -n 5 | sed 's/^/    console: /' || true

	# One verdict per test of the plan: a test that did not pass (a
	# skip, no report) fails the run, even if the summary judged
	# otherwise (harness/judge/kselftests.py).
	jrc=0
	judged "$out/$k/verdicts.txt" kselftests plan "$RESULTS_NAME" "$k" "$rc" \
		"$out/$k/results.txt" "$PLAN" || jrc=$?
	[ "$jrc" = 0 ] || [ "$code" != 0 ] || code=$jrc
	verdicts+=("$VERDICT")
done

! dry || exit 0
summary=$(IFS=,; echo "${verdicts[*]}" | sed 's/,/, /g')
echo "$name: $summary" | tee "$out/summary.txt"
exit $code
