#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# checkpatch.pl --strict on every patch in patches/series: zero errors,
# warnings and checks. Types ignored on purpose: tests/checkpatch-ignore.
# Every file a patch adds must have a maintainer (get_maintainer.pl).
# Prints one "checkpatch: PASS|FAIL file" line per patch.
. "$(dirname "$0")/../lib.sh"
step_init "$@"

step "checkpatch: --strict on ${SERIES_FILE#$TOP/}"
[ -x "$TREE/scripts/checkpatch.pl" ] || die $EXIT_USAGE "no $TREE/scripts/checkpatch.pl: run scripts/steps/tree.sh first"
ignore=$(awk '!/^[[:space:]]*(#|$)/ { printf "%s%s", sep, $1; sep = "," }' "$TOP/tests/checkpatch-ignore")
mkdir -p "$RESULTS/checkpatch"
failed=0
n=0
# The patches are files next to the series file.
pdir=$(dirname "$SERIES_FILE")
while IFS= read -r p; do
	n=$((n + 1))
	log=$RESULTS/checkpatch/$(basename "$p").txt
	# Debian's python3 (python3-ply, python3-git) runs the SPDX check.
	(cd "$TREE" && PATH=/usr/bin:$PATH ./scripts/checkpatch.pl --strict --show-types \
		${ignore:+--ignore "$ignore"} "$pdir/$p") >"$log" 2>&1 || true
	total=$(grep -E '^total: ' "$log" || echo "total: (no result)")
	# Files the patch adds must have a maintainer (FILE_PATH_CHANGES is
	# ignored above): get_maintainer.pl on the final tree.
	for f in $(awk '/^--- \/dev\/null/ { getline; sub(/^\+\+\+ b\//, ""); print }' "$pdir/$p"); do
		# Its whole output first: grep -q in a pipe may stop reading
		# early, and pipefail would then count the writer's SIGPIPE.
		maintainers=$(cd "$TREE" && perl scripts/get_maintainer.pl --nogit --nogit-fallback -f "$f" 2>&1 || true)
		if ! grep -qE '\((maintainer|supporter):' <<<"$maintainers"; then
			echo "ERROR: no maintainer for added file $f (get_maintainer.pl)" >>"$log"
			total="total: no maintainer for $f"
		fi
	done
	if echo "$total" | grep -q '^total: 0 errors, 0 warnings, 0 checks'; then
		echo "checkpatch: PASS $p"
	else
		echo "checkpatch: FAIL $p: $total"
		grep -E '^(ERROR|WARNING|CHECK):' "$log" | sed 's/^/    /'
		failed=$((failed + 1))
	fi
done < <(series_patches all)
info "$n patch(es) checked${ignore:+, ignored types: $ignore}; $failed failed"
[ $failed = 0 ] || exit $EXIT_TEST_FAILED
