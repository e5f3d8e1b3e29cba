#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Harness self-tests: the summary must judge each saved console log in
# tests/harness/<case>/ with the exit code in its 'expect' file (a pass,
# a failing test, a regression, a panic, a WARN, a hang, a hung boot, a
# test timeout, a missing suite, a missing plan, an expected failure, an
# unexpected pass). One line per case.
. "$(dirname "$0")/lib.sh"

H=$TOP/tests/harness
C=$H/common
[ -f "$TREE/tools/testing/kunit/kunit_parser.py" ] ||
	die $EXIT_USAGE "no kunit_parser.py in $TREE: run scripts/tree.sh first"
step "selftest: the summary on saved console logs"
failed=0
for d in "$H"/*/; do
	case=$(basename "$d")
	[ -f "$d/expect" ] || continue
	read -r want note <"$d/expect"
	out=$RESULTS/selftest/$case
	rm -rf "$out"
	mkdir -p "$out"
	cp "$d/console.log" "$d/qemu.status" "$out/"
	# A case with an expect-fail file is judged as the reproducer's
	# runs are: against its expected failures, without a baseline.
	if [ -f "$d/expect-fail" ]; then
		judge=(--expect-fail "$d/expect-fail")
	else
		judge=(--baseline "$C/baseline.txt")
	fi
	# A case may add known splats of its own.
	[ ! -f "$d/known-splats" ] || judge+=(--known-splats "$d/known-splats")
	got=0
	python3 "$TOP/scripts/summarize.py" --results "$out" --tree "$TREE" \
		--kunit-suites "$C/kunit-suites.txt" --plan "$C/vm-tests.plan" \
		"${judge[@]}" --known-splats "$C/known-splats.txt" \
		>"$out/summary.log" 2>&1 || got=$?
	if [ "$got" = "$want" ]; then
		echo "selftest: PASS $case: exit $got ($note)"
	else
		echo "selftest: FAIL $case: exit $got, expected $want ($note); see $out/summary.log"
		grep -E '^(CRASH|TIMEOUT|MISSING|FAILED|result):' "$out/summary.log" | sed 's/^/    /'
		failed=$((failed + 1))
	fi
done
[ $failed = 0 ] || exit $EXIT_TEST_FAILED
