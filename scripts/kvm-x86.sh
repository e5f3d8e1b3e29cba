#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# KVM x86 at run time, under TCG: an x86_64 q35 guest with -cpu max (SVM
# and nested paging; TCG cannot emulate VMX) runs kvm_amd and the KVM
# selftests of guest/kvm-x86.plan, which stress the mmu_notifier paths KVM
# shares across vendors, on up to two kernels:
#
#   base    the base tree plus the test-only patches ($BUILD/tree-base;
#           they touch nothing x86)
#   series  the full series ($BUILD/tree)
#
#   scripts/kvm-x86.sh [base|series]...   default: $KVM_X86_KERNELS
#
# Prints one "kvm-x86: PASS|FAIL <kernel> <test>" line per test and a last
# line such as "kvm-x86: base PASS 5/5, series PASS 5/5".
given_results=${RESULTS:-}
export ARCH=x86_64
. "$(dirname "$0")/lib.sh"
[ -n "$given_results" ] || RESULTS=$TOP/results/$(date +%Y%m%d-%H%M%S)-kvm-x86

KERNELS=${*:-${KVM_X86_KERNELS:-base series}}
PLAN=$TOP/guest/kvm-x86.plan
S=$TOP/scripts
out=$RESULTS/kvm-x86
mkdir -p "$out"
echo "results: $out"
code=0
verdicts=()

for k in $KERNELS; do
	kernel_tree "$k"
	tree=$KTREE
	step "kvm-x86: $k kernel ($KPART patches) in $tree"
	build_kernel_in "$tree" "$out/$k" || exit
	env -u KOUT TREE="$tree" RESULTS="$out/$k" PLAN="$PLAN" SELFTESTS=kvm \
		GOUT="$tree/out-$ARCH-kvm-guest" "$S/build-guest.sh" || exit
	env -u KOUT TREE="$tree" RESULTS="$out/$k" SELFTESTS=kvm \
		QEMU_TIMEOUT=${KVM_X86_TIMEOUT:-2400} \
		GOUT="$tree/out-$ARCH-kvm-guest" "$S/boot.sh" || exit
	rc=0
	env -u KOUT TREE="$tree" RESULTS="$out/$k" PLAN="$PLAN" BASELINE= \
		KUNIT_SUITES= "$S/summarize.sh" >"$out/$k/summarize.log" 2>&1 || rc=$?
	grep -E '^(CRASH|TIMEOUT|MISSING|FAILED|result):' "$out/$k/summary.txt" |
		sed 's/^/    /' || true
	grep -E 'kvm_amd|SVM|Nested' "$out/$k/console.log" | head -n 5 | sed 's/^/    console: /' || true

	# One verdict per test of the plan (its own exit status).
	total=0 npass=0
	while read -r name _; do
		st=$(grep -E "^kselftest:$name(\\.| )" "$out/$k/results.txt" |
		     awk '{print $2}' | sort -u | tr '\n' ' ')
		total=$((total + 1))
		if [ "$st" = "PASS " ]; then
			npass=$((npass + 1))
			echo "kvm-x86: PASS $k $name"
		else
			echo "kvm-x86: FAIL $k $name: ${st:-did not report}"
		fi
	done < <(grep -vE '^[[:space:]]*(#|$)' "$PLAN")
	[ "$rc" = 0 ] || [ "$code" != 0 ] || code=$rc
	if [ "$npass" = "$total" ] && [ "$rc" = 0 ]; then
		verdicts+=("$k PASS $npass/$total")
	else
		verdicts+=("$k FAIL $((total - npass))/$total")
	fi
done

summary=$(IFS=,; echo "${verdicts[*]}" | sed 's/,/, /g')
echo "kvm-x86: $summary" | tee "$out/summary.txt"
exit $code
