#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Judge the run in $RESULTS (run.env, patches.txt, console.log,
# qemu.status) and print the summary, with what the machine file of
# $MACHINE says a run must show: its KUnit suites, its baseline and the
# console line that names its device under test.
DRY_RUN_AWARE=1
. "$(dirname "$0")/../lib.sh"
step_init "$@"

# BASELINE= (empty) judges without a baseline; EXPECT_FAIL=file lists the
# cases that must fail (the reproducer on the base tree); KUNIT_SUITES=
# (empty) requires no KUnit suite. Unset, they come from the machine.
# SKIP_FAILS="kselftest:<test> ..." fails the run if one of those tests
# skips, or one of its cases does; NEEDS_CASES="kselftest:<test> ..." if
# one of those reports no case of its own (its nested KTAP lost).
BASELINE=${BASELINE-${M_BASELINE:+$TOP/$M_BASELINE}}
KUNIT_SUITES=${KUNIT_SUITES-${M_KUNIT_SUITES:+$TOP/$M_KUNIT_SUITES}}
judge=()
[ -z "$BASELINE" ] || judge+=(--baseline "$BASELINE")
[ -z "${EXPECT_FAIL:-}" ] || judge+=(--expect-fail "$EXPECT_FAIL")
[ -z "$KUNIT_SUITES" ] || judge+=(--kunit-suites "$KUNIT_SUITES")
[ -z "$M_PROBE" ] || judge+=(--probe "$M_PROBE" --probe-label "$M_PROBE_LABEL")
for t in ${SKIP_FAILS:-}; do judge+=(--skip-fails "$t"); done
for t in ${NEEDS_CASES:-}; do judge+=(--needs-cases "$t"); done
# KNOWN_SPLATS: more files of splats that do not fail this run (the
# reproducer's base boots, where the unfixed kernel is expected to hang).
splats=(--known-splats "$TOP/tests/known-splats.txt")
for f in ${KNOWN_SPLATS:-}; do splats+=(--known-splats "$f"); done
step "summary: $RESULTS"
code=0
run judge summary --results "$RESULTS" --tree "$TREE" \
	--plan "${PLAN:-$TOP/$M_PLAN}" "${judge[@]}" "${splats[@]}" || code=$?
exit $code
