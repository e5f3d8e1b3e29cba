#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Make $TREE a git tree at the base with patches/series applied by git am,
# one commit per patch. Unchanged base and patches: nothing is touched, so
# the incremental kernel build stays incremental.
#
# SERIES_PART=all (default) applies every patch; SERIES_PART=test-only
# applies only what the base is tested with: the upstream tests (after
# $UPSTREAM_TESTS_LINE) and the patches after the "# test-only" line that
# also apply to the base (up to $SERIES_TESTS_LINE, lib.sh);
# SERIES_PART=fixes applies the upstream patches marked for stable (a
# "Cc: stable@vger.kernel.org" line) and the test-only patches.
DRY_RUN_AWARE=1
. "$(dirname "$0")/../lib.sh"
step_init "$@"

SERIES_PART=${SERIES_PART:-all}
[ "${1:-}" = --mark-exported ] || step "tree: apply ${SERIES_FILE#$TOP/} ($SERIES_PART) onto the base"
[ -f "$SERIES_FILE" ] || die $EXIT_USAGE "$SERIES_FILE is missing"
# The patches are files next to the series file (patches/).
PDIR=$(dirname "$SERIES_FILE")
mapfile -t upstream < <(series_patches upstream)
mapfile -t base_tests < <(series_patches test-only-patches)
mapfile -t upstream_tests < <(series_patches upstream-tests)
mapfile -t patches < <(series_patches "$SERIES_PART")
for p in "${patches[@]}"; do
	[ -f "$PDIR/$p" ] || die $EXIT_PATCH "${SERIES_FILE#$TOP/} names $p, which does not exist"
done

# The series is checked above, before the base: a patch that does not
# exist is exit 3 whether or not a base was unpacked. SOURCE_ENV: the base
# scripts/steps/source.sh recorded (make bench's upstream kernel has its own).
SOURCE_ENV=${SOURCE_ENV:-$BUILD/source.env}
if [ ! -f "$SOURCE_ENV" ]; then
	# A dry run of a base never unpacked: base.sh printed what it would do.
	! dry || { info "dry run: no $SOURCE_ENV yet: nothing to apply onto"; exit 0; }
	die $EXIT_USAGE "no $SOURCE_ENV: run scripts/steps/source.sh first"
fi
. "$SOURCE_ENV"

stamp=$( { echo "$SOURCE_REPO $SOURCE_COMMIT $SERIES_PART"
	for p in "${patches[@]}"; do echo "$p"; cat "$PDIR/$p"; done
	} | sha256sum | cut -d' ' -f1)


# After 'make export' the patches describe the tree as it is: record that.
if [ "${1:-}" = --mark-exported ]; then
	git -C "$TREE" config harness.stamp "$stamp"
	git -C "$TREE" config harness.applied-head "$(git -C "$TREE" rev-parse HEAD)"
	exit 0
fi

# A step that borrowed the tree and was killed (make bisect, make
# warnings) left it at another commit: return it first.
if [ -d "$TREE/.git" ] && by=$(git -C "$TREE" config --get harness.borrowed-by); then
	info "$TREE was left at $(git -C "$TREE" rev-parse --short HEAD) by an interrupted ${by% *}: back to ${by##* }"
	tree_return
fi

# Refuse to throw away work done in the tree (make tree) that was never
# exported: new commits, or uncommitted changes.
if [ -d "$TREE/.git" ] && [ "${FORCE:-0}" != 1 ]; then
	applied=$(git -C "$TREE" config --get harness.applied-head || true)
	head=$(git -C "$TREE" rev-parse HEAD)
	if [ -n "$applied" ] && [ "$head" != "$applied" ]; then
		die $EXIT_USAGE "$TREE has commits that are not in patches/ (HEAD $head). Run 'make export', or FORCE=1 to discard them."
	fi
	if [ -n "$(git -C "$TREE" status --porcelain --untracked-files=no)" ]; then
		die $EXIT_USAGE "$TREE has uncommitted changes. Commit and 'make export' them, or FORCE=1 to discard them."
	fi
fi

if [ -d "$TREE/.git" ] &&
   [ "$(git -C "$TREE" config --get harness.source-repo || true)" = "$SOURCE_REPO" ] &&
   [ "$(git -C "$TREE" config --get harness.stamp || true)" = "$stamp" ]; then
	info "tree is up to date: $(git -C "$TREE" log -1 --format='%h %s')"
	exit 0
fi

if dry; then
	run git clone -q --shared --no-checkout "$SOURCE_REPO" "$TREE"
	run git -C "$TREE" checkout -q --detach "$SOURCE_COMMIT"
	for p in "${patches[@]}"; do run git -C "$TREE" am -q "$PDIR/$p"; done
	exit 0
fi

if [ ! -d "$TREE/.git" ] ||
   [ "$(git -C "$TREE" config --get harness.source-repo || true)" != "$SOURCE_REPO" ]; then
	rm -rf "$TREE"
	run git clone -q --shared --no-checkout "$SOURCE_REPO" "$TREE"
	git -C "$TREE" config harness.source-repo "$SOURCE_REPO"
	git -C "$TREE" config user.name >/dev/null ||
		git -C "$TREE" config user.name "secondary-tlb harness"
	git -C "$TREE" config user.email >/dev/null ||
		git -C "$TREE" config user.email "harness@localhost"
fi

# Fetch the base commit by hash (a KSRC ref may be a tag or a branch).
git -C "$TREE" cat-file -e "$SOURCE_COMMIT^{commit}" 2>/dev/null ||
	run git -C "$TREE" fetch -q origin "$SOURCE_COMMIT"
# reset --hard only rewrites files that differ, so mtimes of unchanged
# files survive and kbuild rebuilds only what the patches change.
git -C "$TREE" am --abort >/dev/null 2>&1 || true
run git -C "$TREE" checkout -q --detach "$SOURCE_COMMIT" 2>/dev/null ||
	run git -C "$TREE" checkout -q -f --detach "$SOURCE_COMMIT"
run git -C "$TREE" reset -q --hard "$SOURCE_COMMIT"
git -C "$TREE" tag -f base "$SOURCE_COMMIT" >/dev/null

n=0
for p in "${patches[@]}"; do
	n=$((n + 1))
	if ! out=$(git -C "$TREE" am -q "$PDIR/$p" 2>&1); then
		git -C "$TREE" am --abort >/dev/null 2>&1 || true
		echo "$out" >&2
		die $EXIT_PATCH "patch $n, ${PDIR#$TOP/}/$p, does not apply to $SOURCE_DESC (git am output above; git am applies no fuzz: a patch whose context differs is refused)"
	fi
	printf '    applied %s\n' "$p"
	# Mark where the upstream tests start (the last patch before them)
	# and where the upstream part ends, for make export.
	if [ "$SERIES_PART" = all ] && [ ${#upstream_tests[@]} != 0 ] &&
	   [ "$n" = $((${#upstream[@]} - ${#upstream_tests[@]})) ]; then
		git -C "$TREE" tag -f upstream-tests >/dev/null
	fi
	if [ "$SERIES_PART" = all ] && [ "$n" = "${#upstream[@]}" ]; then
		git -C "$TREE" tag -f upstream-end >/dev/null
	fi
	# ... and of the test-only patches that also apply to the base.
	if [ "$SERIES_PART" = all ] && [ "$n" = $((${#upstream[@]} + ${#base_tests[@]})) ]; then
		git -C "$TREE" tag -f base-tests-end >/dev/null
	fi
done
[ "$SERIES_PART" = all ] && [ ${#upstream[@]} = 0 ] &&
	git -C "$TREE" tag -f upstream-end "$SOURCE_COMMIT" >/dev/null
[ "$SERIES_PART" = all ] && [ $((${#upstream[@]} + ${#base_tests[@]})) = 0 ] &&
	git -C "$TREE" tag -f base-tests-end "$SOURCE_COMMIT" >/dev/null
[ "$SERIES_PART" = all ] && [ ${#upstream_tests[@]} != 0 ] &&
	[ ${#upstream[@]} = ${#upstream_tests[@]} ] &&
	git -C "$TREE" tag -f upstream-tests "$SOURCE_COMMIT" >/dev/null
[ "$SERIES_PART" = all ] && [ ${#upstream_tests[@]} != 0 ] ||
	git -C "$TREE" tag -d upstream-tests >/dev/null 2>&1 || true
[ "$SERIES_PART" != all ] && git -C "$TREE" tag -d upstream-end base-tests-end >/dev/null 2>&1 || true

git -C "$TREE" config harness.stamp "$stamp"
git -C "$TREE" config harness.applied-head "$(git -C "$TREE" rev-parse HEAD)"
git -C "$TREE" config harness.series-part "$SERIES_PART"
info "applied $n patch(es); HEAD: $(git -C "$TREE" log -1 --format='%h %s')"
