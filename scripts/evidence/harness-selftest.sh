#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Harness self-tests: the summary must judge each saved console log in
# tests/harness/<case>/ with the exit code in its 'expect' file (a pass,
# a failing test, a regression, a panic, a WARN, a hang, a hung boot, a
# test timeout, a missing suite, a missing plan, an expected failure, an
# unexpected pass, a reproducer boot whose expected failures show their
# signatures, one that fails for another reason, one that skips, one
# whose edu_sva_test skips as a whole or lost its nested output, a stress
# run that skips, a KVM selftest that skips, QEMU
# killed or terminated by a signal from elsewhere mid-run); then
# the machine files and the exit codes a user sees
# (scripts/evidence/harness-selftest-cli.sh). One line per case.
#
# Needs nothing built: the KTAP parser is the kernel's kunit_parser.py,
# from build/tree or else from the pinned base package (make deps). Run
# alone, it writes only into a scratch directory, removed when every
# check passes; within make check, into its results.
if [ -z "${RESULTS:-}" ]; then
	RESULTS=$(mktemp -d "${TMPDIR:-/tmp}/harness-selftest.XXXXXX")
	scratch_results=$RESULTS
fi
. "$(dirname "$0")/../lib.sh"
step_init "$@"

H=$TOP/tests/harness
C=$H/common
KUNIT_TOOL=$(kunit_tool_dir) || exit
export KUNIT_TOOL
# What the project's directory holds, ignored files included: run alone,
# the self-tests must leave it as it was.
project_state() { git -C "$TOP" status --porcelain --ignored; }
[ -z "${scratch_results:-}" ] || project_state >"$RESULTS/project-before"
step "harness-selftest: the summary on saved console logs"
failed=0
for d in "$H"/*/; do
	case=$(basename "$d")
	[ -f "$d/expect" ] || continue
	read -r want note <"$d/expect"
	out=$RESULTS/selftest/$case
	rm -rf "$out"
	mkdir -p "$out"
	cp "$d/console.log" "$d/qemu.status" "$out/"
	# A case may have the run's record (run.env, patches.txt).
	for f in run.env patches.txt qemu-stderr.log; do [ ! -f "$d/$f" ] || cp "$d/$f" "$out/"; done
	# A case with an expect-fail or a skip-fails file is judged as the
	# reproducer's runs are: against its expected failures (if any),
	# without a baseline.
	if [ -f "$d/expect-fail" ]; then
		how=(--expect-fail "$d/expect-fail")
	elif [ -f "$d/skip-fails" ]; then
		how=()
	else
		how=(--baseline "$C/baseline.txt")
	fi
	# A case may add known splats of its own.
	[ ! -f "$d/known-splats" ] || how+=(--known-splats "$d/known-splats")
	# A case judged as the reproducer is: a skip fails.
	# (skip-fails: "TEST [needs-cases]" lines, as SKIP_FAILS and
	# NEEDS_CASES of scripts/summarize.sh.)
	if [ -f "$d/skip-fails" ]; then
		while read -r t nested; do
			how+=(--skip-fails "$t")
			[ -z "$nested" ] || how+=(--needs-cases "$t")
		done <"$d/skip-fails"
	fi
	# A case may have a plan and KUnit suites of its own (a reproducer
	# boot), else those of tests/harness/common.
	plan=$C/vm-tests.plan suites=$C/kunit-suites.txt
	[ ! -f "$d/plan" ] || plan=$d/plan
	[ ! -f "$d/kunit-suites" ] || suites=$d/kunit-suites
	got=0
	judge summary --results "$out" --tree "$TREE" --kunit-tool "$KUNIT_TOOL" \
		--kunit-suites "$suites" --plan "$plan" \
		"${how[@]}" --known-splats "$C/known-splats.txt" \
		>"$out/summary.log" 2>&1 || got=$?
	# A case may name a line the summary must have (expect-line, a regex).
	if [ -f "$d/expect-line" ] && ! grep -qE "$(cat "$d/expect-line")" "$out/summary.log"; then
		echo "harness-selftest: FAIL $case: no line matching '$(cat "$d/expect-line")' in $out/summary.log"
		failed=$((failed + 1))
	elif [ "$got" = "$want" ]; then
		echo "harness-selftest: PASS $case: exit $got ($note)"
	else
		echo "harness-selftest: FAIL $case: exit $got, expected $want ($note); see $out/summary.log"
		summary_verdict "$out/summary.log"
		failed=$((failed + 1))
	fi
done
# The header comes from the run's record, not from a live tree.
for want in 'machine:  arm64-virt-smmuv3, -cpu max' \
	    'patches:  2 applied (all), first "first patch of the fixture", last "last patch of the fixture"' \
	    'base:     Debian linux-source-6.1 6.1.192-2 (7de195bf355f06bbc6a38a436d34de852fc5554a)'; do
	if grep -qxF "$want" "$RESULTS/selftest/pass/summary.log"; then
		echo "harness-selftest: PASS pass: the header says '${want%%:*}' from run.env"
	else
		echo "harness-selftest: FAIL pass: no '$want' in $RESULTS/selftest/pass/summary.log"
		failed=$((failed + 1))
	fi
done
# A run on a base other than the pinned one (config/source-versions) says
# so at the top of its summary.
note_dir=$RESULTS/selftest/base-note
rm -rf "$note_dir"
cp -r "$RESULTS/selftest/pass" "$note_dir"
printf 'KERNEL_BASE_NOTE=%q\n' 'base is linux-source-6.1 6.1.190-1 (DEBIAN_VERSION), not 6.1.192-3' >>"$note_dir/run.env"
judge summary --results "$note_dir" --tree "$TREE" --kunit-tool "$KUNIT_TOOL" \
	--kunit-suites "$C/kunit-suites.txt" --plan "$C/vm-tests.plan" --baseline "$C/baseline.txt" \
	--known-splats "$C/known-splats.txt" >"$note_dir/summary.log" 2>&1 || true
if sed -n 2p "$note_dir/summary.log" | grep -qx 'note:     base is linux-source-6.1 6.1.190-1 (DEBIAN_VERSION), not 6.1.192-3'; then
	echo "harness-selftest: PASS base-note: a run on another base says so at the top"
else
	echo "harness-selftest: FAIL base-note: line 2 of $note_dir/summary.log is not the base note"
	failed=$((failed + 1))
fi
RESULTS=$RESULTS "$TOP/scripts/evidence/harness-selftest-cli.sh" || failed=$((failed + 1))
if [ -n "${scratch_results:-}" ]; then
	if project_state | cmp -s "$RESULTS/project-before" -; then
		echo "harness-selftest: PASS the self-tests wrote nothing into $TOP"
	else
		echo "harness-selftest: FAIL the self-tests changed $TOP (git status --ignored):"
		project_state | diff "$RESULTS/project-before" - | sed 's/^/    /'
		failed=$((failed + 1))
	fi
fi
if [ $failed != 0 ]; then
	[ -z "${scratch_results:-}" ] || info "the self-tests' outputs are kept in $scratch_results"
	exit $EXIT_TEST_FAILED
fi
[ -z "${scratch_results:-}" ] || rm -rf "$scratch_results"
