#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# KVM on VMX at run time. QEMU's TCG has no VMX; Bochs emulates it with EPT
# and flexpriority. The machine x86_64-bochs-vmx boots the x86_64 kernel of
# make kvm-x86 (kvm_intel built in) and runs the KVM selftests of
# guest/kvm-vmx.plan, among them vmx_apic_access_page_move_test, which
# moves and zaps the APIC-access page while a guest reads its APIC:
#
#   base     the base plus the test-only patches, with the kselftests of
#            the series (the new test is patch 7): every test must pass
#   series   the full series: every test must pass
#   mutants  each mutant of tests/mutants-vmx.txt, the series with one
#            mutation (mutant_apply, build/tree-mutant): its test must fail
#            and show its signature (killed); a mutant marked "must die"
#            that survives fails the run, the others are reported
#
#   scripts/evidence/kvm-vmx.sh [base|series|mutants]...   default: $KVM_VMX_RUNS,
#                                                 else all three
#
# The machine boots with kvm.test_apic_reload_window=1: the series'
# kernel has the test-only hook (config/kvm-test-window.config) that holds
# each invalidation of the APIC-access page open until a vCPU has looked
# the page up, so the reload races with it every time; the base's kernel
# has no such parameter.
#
# One line per test and per mutant, then e.g. "kvm-vmx: base PASS 4/4,
# series PASS 4/4; mutants: vmx-no-reload killed, vmx-no-retry killed".
RESULTS_NAME=kvm-vmx
DRY_RUN_AWARE=1
. "$(dirname "$0")/../lib.sh"
step_init "$@"

RUNS=${*:-${KVM_VMX_RUNS:-base series mutants}}
machine=x86_64-bochs-vmx
list=$TOP/tests/mutants-vmx.txt
S=$TOP/scripts
out=$RESULTS/kvm-vmx
mkdir -p "$out"
code=0
kernels= mutants=0
for r in $RUNS; do
	case $r in
	base | series) kernels="$kernels $r" ;;
	mutants) mutants=1 ;;
	*) die $EXIT_USAGE "unknown run '$r' (base, series or mutants)" ;;
	esac
done

# vmx_apic_access_page_move_test comes with the series: every kernel,
# the base too, runs the kselftests of the series' tree.
SERIES_PART=all "$S/steps/tree.sh"
export SELFTESTS_TREE=$TREE

line=
if [ -n "$kernels" ]; then
	# shellcheck disable=SC2086 # one word per kernel
	RESULTS=$RESULTS KVM_RUN_NAME=kvm-vmx KVM_X86_MACHINE=$machine KVM_X86_TIMEOUT=${KVM_VMX_TIMEOUT:-} \
		"$S/evidence/kvm-x86.sh" $kernels || code=$?
	! dry || exit 0
	line=$(cat "$out/summary.txt" 2>/dev/null) || line="kvm-vmx: no summary"
fi

verdicts=()
if [ $mutants = 1 ]; then
	mapfile -t rows < <(grep -vE '^[[:space:]]*(#|$)' "$list")
	[ ${#rows[@]} != 0 ] || die $EXIT_USAGE "$list lists no mutant"
	for row in "${rows[@]}"; do
		IFS='|' read -r name file mutation test signature must <<<"$row"
		name=$(echo $name) file=$(echo $file) test=$(echo $test) must=$(echo $must)
		signature=$(echo "$signature" | sed 's/^ *//; s/ *$//')
		step "kvm-vmx: mutant $name: $file: $mutation"
		if ! mutant_apply_diff "$file" "$mutation" "$out/mutant-$name.diff"; then
			echo "kvm-vmx: FAIL mutant $name: the mutation does not apply"
			[ $code != 0 ] || code=$EXIT_PATCH
			verdicts+=("$name does not apply")
			continue
		fi
		rc=0
		RESULTS=$out/mutant-$name QEMU_TIMEOUT=${KVM_VMX_TIMEOUT:-} SUMMARY_TO_LOG=1 \
			"$S/steps/guest-run.sh" "$machine" mutant >"$out/mutant-$name.log" 2>&1 || rc=$?
		! dry || continue
		# Killed: the test failed, for the reason the mutant is about
		# (harness/judge/kselftests.py).
		if why=$(judge kselftests kill \
			 "$out/mutant-$name/results.txt" "$test" "$signature" "$rc" \
			 "$out/mutant-$name/console.log"); then
			echo "kvm-vmx: PASS mutant $name: killed: ${why#killed: }"
			verdicts+=("$name killed")
		else
			why=${why#survived: }
			if [ "$must" = yes ]; then
				echo "kvm-vmx: FAIL mutant $name: survived ($why; log: $out/mutant-$name.log)"
				verdicts+=("$name SURVIVED")
				[ $code != 0 ] || code=$EXIT_TEST_FAILED
			else
				echo "kvm-vmx: mutant $name: survived ($why), reported only"
				verdicts+=("$name survived (reported only)")
			fi
		fi
	done
	mutant_reset
fi

! dry || exit 0
m=$(IFS=,; echo "${verdicts[*]}" | sed 's/,/, /g')
if [ -n "$m" ]; then
	line="${line:-kvm-vmx:}${line:+;} mutants: $m"
	line=${line/kvm-vmx:;/kvm-vmx:}
fi
echo "$line" | tee "$out/summary.txt"
exit $code
