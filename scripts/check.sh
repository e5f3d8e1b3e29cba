#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Everything CI checks. Ends with the line "N passed, N failed, N skipped":
# one item per checkpatch'd patch, per bisect build, per test case of
# 'make run' and per harness self-test.
. "$(dirname "$0")/lib.sh"

stamp=$(date +%Y%m%d-%H%M%S)
export RESULTS=$TOP/results/$stamp-check
mkdir -p "$RESULTS"
S=$TOP/scripts
passed=0
failed=0
skipped=0
rc=0
echo "results: $RESULTS"

tally() {	# log: count "PASS"/"FAIL" verdict lines of a step
	local p f
	p=$(grep -cE '^[a-z0-9-]+: PASS' "$1" || true)
	f=$(grep -cE '^[a-z0-9-]+: FAIL' "$1" || true)
	passed=$((passed + p))
	failed=$((failed + f))
}

stage() {	# name command...: run a stage, keep its log, remember failure
	local name=$1 code=0
	shift
	set +e
	"$@" 2>&1 | tee "$RESULTS/$name.log"
	code=${PIPESTATUS[0]}
	set -e
	if [ "$code" != 0 ]; then
		echo "check: stage $name failed with exit code $code"
		[ $rc != 0 ] || rc=$code
	fi
	return 0
}

stage deps "$S/deps.sh"
stage base "$S/base.sh"
[ $rc != 0 ] || stage tree "$S/tree.sh"
[ $rc = 0 ] || { echo "0 passed, 1 failed"; exit $rc; }

stage checkpatch "$S/checkpatch.sh"
tally "$RESULTS/checkpatch.log"

stage bisect "$S/bisect-build.sh"
tally "$RESULTS/bisect.log"

stage warnings "$S/warnings.sh"
tally "$RESULTS/warnings.log"

step "check: make run"
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
	grep -E '^(CRASH|TIMEOUT|MISSING|FAILED):' "$RESULTS/run/summary.txt" 2>/dev/null || true
	[ -z "$totals" ] || [ "$2" != 0 ] || failed=$((failed + 1))
	[ -n "$totals" ] || failed=$((failed + 1))
fi

# The end-to-end reproducer: on the base tree plus the test-only patches
# the in-place upgrade cases must fail, on the full series every case
# must pass.
step "check: reproducer (${REPRODUCER_KERNELS:=base series})"
REPRODUCER_KERNELS=$REPRODUCER_KERNELS stage reproducer "$S/reproducer.sh"
tally "$RESULTS/reproducer.log"
reproducer=$(tail -n 1 "$RESULTS/reproducer/summary.txt" 2>/dev/null || echo 'reproducer: no result')

# KVM x86 at run time: kvm_amd on QEMU's emulated SVM, base and series.
stage kvm-x86 "$S/kvm-x86.sh"
tally "$RESULTS/kvm-x86.log"
kvm_x86=$(tail -n 1 "$RESULTS/kvm-x86/summary.txt" 2>/dev/null || echo 'kvm-x86: no result')

# The series' KUnit suite on three guests, and proof that it fails where
# it must (arm64 without its flush_tlb_page() notification).
stage kunit-arches "$S/kunit-arches.sh"
tally "$RESULTS/kunit-arches.log"
stage kunit-mutation "$S/kunit-mutation.sh"
tally "$RESULTS/kunit-mutation.log"

stage selftest "$S/selftest.sh"
tally "$RESULTS/selftest.log"

step "check: done in $(elapsed); logs in $RESULTS"
echo "$reproducer"
echo "$kvm_x86"
[ $failed = 0 ] || [ $rc != 0 ] || rc=$EXIT_TEST_FAILED
echo "$passed passed, $failed failed, $skipped skipped"
exit $rc
