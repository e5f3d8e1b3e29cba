#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Regenerate the series' patches (patches/, or patches/mainline/ with
# SERIES=mainline: the directory of the series file) from the tree made
# by 'make tree': the commits from 'base' to 'upstream-end' are the
# series, those after 'upstream-tests' (if the tree has that tag) its
# tests of upstream's own code, which the base gets too; those after
# 'upstream-end' the test-only patches (test-only/ next to the series
# file): up to 'base-tests-end' those that also apply to the base, then
# those that test the series' own code. Output is stable: re-exporting an
# unchanged tree rewrites no file (zero commit ids, no signature).
. "$(dirname "$0")/../lib.sh"
step_init "$@"

# The version of the series as sent (config/series/<name>, version=); the
# cover letter's change log says what changed since the previous one.
# Bump it for each new posting.
SERIES_VERSION=$S_VERSION
PDIR=$(dirname "$SERIES_FILE")

step "export: $TREE -> ${PDIR#$TOP/}/"
! by=$(git -C "$TREE" config --get harness.borrowed-by) ||
	die $EXIT_USAGE "$TREE is at a commit an interrupted ${by% *} checked out, not at the series' end: run 'make tree' to return it"
git -C "$TREE" rev-parse -q --verify base >/dev/null ||
	die $EXIT_USAGE "$TREE has no 'base' tag: run 'make tree' first"
git -C "$TREE" rev-parse -q --verify upstream-end >/dev/null ||
	die $EXIT_USAGE "$TREE has no 'upstream-end' tag (made by 'make tree' with the full series)"
git -C "$TREE" merge-base --is-ancestor upstream-end HEAD ||
	die $EXIT_USAGE "'upstream-end' is not an ancestor of HEAD in $TREE"
[ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ] ||
	die $EXIT_USAGE "$TREE has uncommitted changes: commit them first"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fp=(git -C "$TREE" format-patch -q --zero-commit --no-signature --numbered)
n_up=$(git -C "$TREE" rev-list --count base..upstream-end)
# The test-only patches that apply to the base end at 'base-tests-end'
# (make tree); those after it test the series' own code.
base_tests_end=HEAD
git -C "$TREE" rev-parse -q --verify base-tests-end >/dev/null && base_tests_end=base-tests-end
git -C "$TREE" merge-base --is-ancestor "$base_tests_end" HEAD ||
	die $EXIT_USAGE "'base-tests-end' is not an ancestor of HEAD in $TREE"
n_test=$(git -C "$TREE" rev-list --count "upstream-end..$base_tests_end")
n_series_tests=$(git -C "$TREE" rev-list --count "$base_tests_end..HEAD")
[ "$n_up" = 0 ] || run "${fp[@]}" --cover-letter --subject-prefix="PATCH $SERIES_VERSION" \
	-o "$tmp/up" base..upstream-end
# The cover letter: subject and text from cover-letter.txt, dated
# like the last upstream patch so that an unchanged tree exports the same.
cover=$tmp/up/0000-cover-letter.patch
if [ -f "$cover" ]; then
	"$PYTHON" "$TOP/scripts/steps/export_mail.py" cover "$cover" "$PDIR/cover-letter.txt" \
		"$(git -C "$TREE" log -1 --format=%aD upstream-end)" \
		"$S_SOURCE_PACKAGE $(source_version_pinned "$S_SOURCE_PACKAGE")" ||
		die $EXIT_USAGE "could not write the cover letter from ${PDIR#$TOP/}/cover-letter.txt"
fi
[ "$n_test" = 0 ] || run "${fp[@]}" --subject-prefix="PATCH test-only" \
	-o "$tmp/test-only" "upstream-end..$base_tests_end"
[ "$n_series_tests" = 0 ] || run "${fp[@]}" --subject-prefix="PATCH test-only" \
	--start-number=$((n_test + 1)) -o "$tmp/series-tests" "$base_tests_end..HEAD"

# Ready for git send-email: To (maintainers) and Cc (reviewers and lists)
# from the tree's own scripts/get_maintainer.pl, for each patch and, as
# the union, for the cover letter. The Cc: tags of a commit message
# (stable@, the authors of the commit a fix names) are where send-email
# picks them up; the cover letter copies them too, all but stable@.
if [ "$n_up" != 0 ]; then
	step "export: To/Cc from scripts/get_maintainer.pl"
	gm=(perl "$TREE/scripts/get_maintainer.pl" --no-git --no-git-fallback
		--no-rolestats --no-fixes --no-tree)
	for f in "$tmp"/up/[0-9]*.patch; do
		[ "$(basename "$f")" != 0000-cover-letter.patch ] || continue
		(cd "$TREE" && "${gm[@]}" --m --no-r --no-l "$f") >"$f.to" ||
			die $EXIT_USAGE "get_maintainer.pl failed on $(basename "$f")"
		(cd "$TREE" && "${gm[@]}" --no-m --r --l "$f") >"$f.cc" ||
			die $EXIT_USAGE "get_maintainer.pl failed on $(basename "$f")"
	done
	sort -u "$tmp"/up/*.patch.to >"$tmp/up/0000-cover-letter.patch.to"
	{ cat "$tmp"/up/*.patch.cc
	  awk 'FNR == 1 { hdr = 1; body = 0 } hdr && /^$/ { hdr = 0; body = 1 }
		/^---$/ { body = 0 } body && sub(/^Cc: /, "")' \
		"$tmp"/up/[0-9]*.patch | grep -v '^<\?stable@'
	} | sort -u | grep -vxFf "$tmp/up/0000-cover-letter.patch.to" \
		>"$tmp/up/0000-cover-letter.patch.cc" || true
	"$PYTHON" "$TOP/scripts/steps/export_mail.py" headers "$tmp"/up/*.patch ||
		die $EXIT_USAGE "could not add To/Cc headers"
	rm -f "$tmp"/up/*.patch.to "$tmp"/up/*.patch.cc
fi

# The upstream patches before the upstream tests (all of them without).
n_up_fixes=$n_up
git -C "$TREE" rev-parse -q --verify upstream-tests >/dev/null &&
	n_up_fixes=$(git -C "$TREE" rev-list --count base..upstream-tests)
{
	# The series file's own header: its comment lines before the first patch.
	[ ! -f "$SERIES_FILE" ] || sed -n '1,/^[^#]/{/^#/p}' "$SERIES_FILE"
	# The cover letter is sent, not applied: it is not in the series.
	i=0
	for f in "$tmp"/up/[0-9]*.patch; do
		[ -e "$f" ] && [ "$(basename "$f")" != 0000-cover-letter.patch ] || continue
		[ $i != "$n_up_fixes" ] || echo "$UPSTREAM_TESTS_LINE"
		i=$((i + 1))
		basename "$f"
	done
	echo "# test-only: not for upstream"
	for f in "$tmp"/test-only/*.patch; do [ -e "$f" ] && echo "test-only/$(basename "$f")"; done
	if [ "$n_series_tests" != 0 ]; then
		echo "$SERIES_TESTS_LINE"
		for f in "$tmp"/series-tests/*.patch; do
			cp "$f" "$tmp/test-only/" && echo "test-only/$(basename "$f")"
		done
	fi
} >"$tmp/series"

sync_dir() {	# from to
	mkdir -p "$2"
	for f in "$2"/[0-9]*.patch; do
		[ -e "$f" ] && [ ! -e "$1/$(basename "$f")" ] && rm -v "$f"
	done
	for f in "$1"/*.patch; do
		[ -e "$f" ] || continue
		cmp -s "$f" "$2/$(basename "$f")" || cp -v "$f" "$2/"
	done
	return 0
}
sync_dir "$tmp/up" "$PDIR"
sync_dir "$tmp/test-only" "$PDIR/test-only"
cmp -s "$tmp/series" "$SERIES_FILE" || cp -v "$tmp/series" "$SERIES_FILE"
"$TOP/scripts/steps/tree.sh" --mark-exported
info "$n_up upstream and $((n_test + n_series_tests)) test-only patch(es) in ${PDIR#$TOP/}/ ($n_series_tests of them for the series only)"
