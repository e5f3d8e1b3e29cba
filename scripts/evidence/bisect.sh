#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bisectability: the tree must build after every patch of the series, on
# every machine with bisect=yes (config/machines/: arm64, x86_64 and
# powerpc64le), with configs that enable the code the series touches.
#
# The base is built once per architecture; then each patch is checked out
# in turn and the build is incremental, so kbuild recompiles exactly the
# files a patch touches and the objects that include what it changed. The
# arm64 output tree is the one 'make run' uses, so nothing is built twice.
# Every C file the series touches must have been compiled on at least one
# machine. Prints one "bisect: PASS|FAIL ..." line per patch and machine.
. "$(dirname "$0")/../lib.sh"
step_init "$@"

MACHINES=$(bisect_machines)
S=$TOP/scripts
"$S/steps/tree.sh"
head=$(git -C "$TREE" rev-parse HEAD)
mapfile -t commits < <(git -C "$TREE" rev-list --reverse base..HEAD)
mkdir -p "$RESULTS/bisect"

step "bisect: ${#commits[@]} patch(es) on $MACHINES"
for m in $MACHINES; do
	MACHINE=$m "$S/steps/config.sh"
	echo "bisect: PASS config $m"
done
if [ ${#commits[@]} = 0 ]; then
	info "the series is empty: nothing to bisect"
	exit 0
fi

build_at() {	# label machine
	local label=$1 m=$2 log out
	machine_load "$m"
	out=$(kout)
	log=$RESULTS/bisect/$label-$m.log
	# At an earlier patch, kbuild's syncconfig drops from .config the
	# symbols a later patch adds (CONFIG_EDU_SVA_TEST): put back the
	# config made for the end of the series, so they are on again when
	# their Kconfig entry exists.
	cmp -s "$out.kconfig/.config" "$out/.config" || cp "$out.kconfig/.config" "$out/.config"
	kmake_argv "$out" "$M_IMAGE_TARGET"
	if with_progress "$log" "${KMAKE_ARGV[@]}"; then
		echo "bisect: PASS $label $m"
		return 0
	fi
	echo "bisect: FAIL $label $m (log: $log)"
	grep -E '(error|Error|undefined reference)' "$log" | head -n 15 | sed 's/^/    /' || true
	return 1
}

tree_borrow bisect-build

failed=0
first_bad=
labels=(base)
for i in "${!commits[@]}"; do labels+=("$(printf '%04d' $((i + 1)))"); done
refs=(base "${commits[@]}")
for i in "${!refs[@]}"; do
	git -C "$TREE" checkout -q --detach "${refs[$i]}"
	subject=$(git -C "$TREE" log -1 --format=%s)
	step "bisect: ${labels[$i]} $subject"
	for m in $MACHINES; do
		if ! build_at "${labels[$i]}" "$m"; then
			failed=$((failed + 1))
			[ -n "$first_bad" ] || first_bad="${labels[$i]} ($subject) on $m"
		fi
	done
done

tree_return
# Every touched C file must have been compiled somewhere: linked into the
# vmlinux of the last build (the end of the series), if every build passed.
uncompiled=0
if [ $failed = 0 ]; then
	for m in $MACHINES; do
		machine_load "$m"
		linked_objects "$(kout)" >"$RESULTS/bisect/linked-$m.txt"
	done
	compiled_on() { grep -qxF "${2%.c}.o" "$RESULTS/bisect/linked-$1.txt"; }
	check_touched_compiled "$head" "$MACHINES" || uncompiled=$?
fi

[ -z "$first_bad" ] || info "first patch that breaks the build: $first_bad"
[ $failed = 0 ] || exit $EXIT_BUILD
[ $uncompiled = 0 ] || exit $EXIT_TEST_FAILED
