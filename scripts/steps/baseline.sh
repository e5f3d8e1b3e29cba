#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Record the per-case results of a run as the baseline that later runs are
# compared with (a PASS that becomes anything else, or a SKIP that fails,
# is a regression). Review the diff before committing it.
. "$(dirname "$0")/../lib.sh"
step_init "$@"

[ -n "$M_BASELINE" ] || [ -n "${BASELINE:-}" ] || die $EXIT_USAGE "machine $MACHINE has no baseline file (BASELINE=file to write one)"
BASELINE=${BASELINE:-$TOP/$M_BASELINE}
src=$RESULTS/results.txt
[ -f "$src" ] || die $EXIT_USAGE "no $src: run 'make run' first"
grep -q '^result: PASS' "$RESULTS/summary.txt" ||
	die $EXIT_USAGE "$RESULTS did not pass; a baseline must come from a passing run"
mkdir -p "$(dirname "$BASELINE")"
{
	echo "# Expected result of each test case; 'make baseline' writes it from"
	echo "# a passing run. Source: $(sed -n 's/^base: *//p' "$RESULTS/summary.txt")"
	cat "$src"
} >"$BASELINE"
step "baseline: $(grep -c -v '^#' "$BASELINE") cases written to $BASELINE"
git -C "$TOP" diff --stat -- "$BASELINE" || true
