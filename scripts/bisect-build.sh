#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bisectability: the tree must build after every patch of the series, on
# arm64, x86_64 and powerpc64le, with configs that enable the code the
# series touches (config/<arch>.config).
#
# The base is built once per architecture; then each patch is checked out
# in turn and the build is incremental, so kbuild recompiles exactly the
# files a patch touches and the objects that include what it changed. The
# arm64 output tree is the one 'make run' uses, so nothing is built twice.
# Every C file the series touches must have been compiled on at least one
# architecture. Prints one "bisect: PASS|FAIL ..." line per patch and arch.
. "$(dirname "$0")/lib.sh"

ARCHES=${BISECT_ARCHES:-arm64 x86_64 powerpc}
S=$TOP/scripts
"$S/tree.sh"
head=$(git -C "$TREE" rev-parse HEAD)
mapfile -t commits < <(git -C "$TREE" rev-list --reverse base..HEAD)
mkdir -p "$RESULTS/bisect"

step "bisect: ${#commits[@]} patch(es) on $ARCHES"
for a in $ARCHES; do
	ARCH=$a KOUT=$(kout_for "$a") "$S/kconfig.sh"
	echo "bisect: PASS config $a"
done
if [ ${#commits[@]} = 0 ]; then
	info "the series is empty: nothing to bisect"
	exit 0
fi

build_at() {	# label arch
	local label=$1 a=$2 log out
	out=$(kout_for "$a")
	log=$RESULTS/bisect/$label-$a.log
	case $a in
	arm64) target=Image ;;
	x86_64) target=bzImage ;;
	powerpc) target=vmlinux ;;
	esac
	# At an earlier patch, kbuild's syncconfig drops from .config the
	# symbols a later patch adds (CONFIG_EDU_SVA_TEST): put back the
	# config made for the end of the series, so they are on again when
	# their Kconfig entry exists.
	cmp -s "$out.kconfig/.config" "$out/.config" || cp "$out.kconfig/.config" "$out/.config"
	kmake_argv "$a" "$out" $target
	if with_progress "$log" "${KMAKE_ARGV[@]}"; then
		echo "bisect: PASS $label $a"
		return 0
	fi
	echo "bisect: FAIL $label $a (log: $log)"
	grep -E '(error|Error|undefined reference)' "$log" | head -n 15 | sed 's/^/    /'
	return 1
}

restore() { git -C "$TREE" checkout -q --detach "$head"; }
trap restore EXIT

failed=0
first_bad=
labels=(base)
for i in "${!commits[@]}"; do labels+=("$(printf '%04d' $((i + 1)))"); done
refs=(base "${commits[@]}")
for i in "${!refs[@]}"; do
	git -C "$TREE" checkout -q --detach "${refs[$i]}"
	subject=$(git -C "$TREE" log -1 --format=%s)
	step "bisect: ${labels[$i]} $subject"
	for a in $ARCHES; do
		if ! build_at "${labels[$i]}" "$a"; then
			failed=$((failed + 1))
			[ -n "$first_bad" ] || first_bad="${labels[$i]} ($subject) on $a"
		fi
	done
done

# Every touched C file must have been compiled somewhere.
compiled_on() { [ -f "$(kout_for "$1")/${2%.c}.o" ]; }
check_touched_compiled "$head" "$ARCHES" || failed=$((failed + $?))

[ -z "$first_bad" ] || info "first patch that breaks the build: $first_bad"
[ $failed = 0 ] || exit $EXIT_BUILD
