#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Remove build/ and results/ (the cache stays), unless build/tree holds
# work that 'make export' has not written to patches/ (FORCE=1 removes it
# anyway).
. "$(dirname "$0")/../lib.sh"
step_init "$@"

if [ -d "$TREE/.git" ] && [ "${FORCE:-0}" != 1 ]; then
	by=$(git -C "$TREE" config --get harness.borrowed-by || true)
	applied=$(git -C "$TREE" config --get harness.applied-head || true)
	[ -z "$by" ] || applied=${by##* }
	head=$(git -C "$TREE" rev-parse HEAD)
	if [ -n "$applied" ] && [ "$head" != "$applied" ] && [ -z "$by" ]; then
		die $EXIT_USAGE "$TREE has commits that are not in patches/ (HEAD $head): run 'make export', or FORCE=1 to remove them"
	fi
	[ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ] ||
		die $EXIT_USAGE "$TREE has uncommitted changes: commit and 'make export' them, or FORCE=1 to remove them"
fi
run rm -rf "$BUILD" "$TOP/results"
