#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Judge the run in $RESULTS (console.log, qemu.status) and print the summary.
. "$(dirname "$0")/lib.sh"

# BASELINE= (empty) judges without a baseline; EXPECT_FAIL=file lists the
# cases that must fail (the reproducer on the base tree); KUNIT_SUITES=
# (empty) does not require the arm64 list of KUnit suites.
BASELINE=${BASELINE-$TOP/tests/baseline/$ARCH.txt}
judge=()
[ -z "$BASELINE" ] || judge+=(--baseline "$BASELINE")
[ -z "${EXPECT_FAIL:-}" ] || judge+=(--expect-fail "$EXPECT_FAIL")
# KNOWN_SPLATS: more files of splats that do not fail this run (the
# reproducer's base boots, where the unfixed kernel is expected to hang).
splats=(--known-splats "$TOP/tests/known-splats.txt")
for f in ${KNOWN_SPLATS:-}; do splats+=(--known-splats "$f"); done
step "summary: $RESULTS"
desc=
[ -f "$BUILD/base.env" ] && desc=$(. "$BUILD/base.env" && echo "$BASE_DESC")
frags=$(cat "$KOUT.kconfig/fragments" 2>/dev/null || true)
code=0
run python3 "$TOP/scripts/summarize.py" --results "$RESULTS" --tree "$TREE" \
	--kunit-suites "${KUNIT_SUITES-$TOP/tests/kunit-suites.txt}" \
	--plan "${PLAN:-$TOP/guest/vm-tests.plan}" \
	"${judge[@]}" "${splats[@]}" \
	--base-desc "$desc" \
	--config "$KOUT/.config ($frags)" || code=$?
exit $code
