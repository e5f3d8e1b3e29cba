#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# New compiler (W=1) and sparse (C=1) warnings in the C files the upstream
# part of the series touches, per bisect machine (config/machines/, as
# make bisect): each file that the machine's config links into vmlinux is
# built at the base and at the end of the series, in an output tree of
# its own (<output tree>-warnings, so the flags do not force rebuilds of
# the main output trees), and its warnings are compared with line numbers
# left out. Prints one "warnings: PASS|FAIL <machine> <file> before ->
# after" line per file; a warning the series adds is a failure (exit 1).
. "$(dirname "$0")/../lib.sh"
step_init "$@"

MACHINES=$(bisect_machines)
S=$TOP/scripts
"$S/steps/tree.sh"
head=$(git -C "$TREE" rev-parse HEAD)
end=$(git -C "$TREE" rev-parse -q --verify upstream-end || true)
[ -n "$end" ] || die $EXIT_USAGE "$TREE has no upstream-end tag: run scripts/steps/tree.sh"
mapfile -t files < <(git -C "$TREE" diff --name-only --diff-filter=AM base "$end" -- '*.c' |
		     grep -v '^tools/' || true)
out=$RESULTS/warnings
mkdir -p "$out"
step "warnings: W=1 and sparse on ${#files[@]} touched file(s), base vs series, on $MACHINES"
if [ ${#files[@]} = 0 ]; then
	info "the upstream part of the series touches no C file"
	exit 0
fi

tree_borrow warnings

# warnings_of machine objdir rev label: W=1 C=1 build of every touched
# object the config links, at rev; one "file: message" line per warning. An
# object is a single kbuild target, except virt/kvm/, which has no kbuild
# Makefile of its own: it is built with its arch's kvm/ directory.
warnings_of() {
	local a=$1 o=$2 rev=$3 label=$4 f targets=()
	git -C "$TREE" checkout -q --detach "$rev"
	# The end-of-series config, less what this revision's Kconfig lacks:
	# a suite the series adds is off at the base and on again here.
	cp "$(kout)/.config" "$o/.config"
	kmake_argv "$o" olddefconfig
	run_logged "$out/olddefconfig-$label-$a.log" "${KMAKE_ARGV[@]}" || return 1
	for f in "${files[@]}"; do
		linked "$a" "$f" || continue
		# A file the series adds does not exist at the base.
		git -C "$TREE" cat-file -e "$rev:$f" 2>/dev/null || continue
		# Rebuild (and sparse-check) it even if kbuild finds it up to date.
		rm -f "$o/${f%.c}.o"
		case $f in
		virt/kvm/*) targets+=("arch/$M_SRCARCH/kvm/") ;;
		*) targets+=("${f%.c}.o") ;;
		esac
	done
	[ ${#targets[@]} != 0 ] || return 0
	mapfile -t targets < <(printf '%s\n' "${targets[@]}" | sort -u)
	kmake_argv "$o" W=1 C=1 "${targets[@]}"
	with_progress "$out/$label-$a.log" "${KMAKE_ARGV[@]}" || {
		echo "warnings: FAIL $a: the W=1 C=1 build at $label failed (log: $out/$label-$a.log)"
		return 1
	}
	# "../arch/x86/kvm/../../../virt/kvm/kvm_main.c:597:9: warning: ..."
	# becomes "virt/kvm/kvm_main.c: warning: ..." (sparse gives some
	# without a line number).
	grep -E '^[^ ]+\.[ch](:[0-9]+)?(:[0-9]+)?: (warning|error):' "$out/$label-$a.log" |
		sed -E 's#^(\.\./)+##; :a; s#(^|/)[^/.][^/]*/\.\./#\1#; ta;
			s#^([^:]+)(:[0-9]+)?(:[0-9]+)?: #\1: #' |
		sort >"$out/$label-$a.txt" || true
}

failed=0	# new warnings
broken=0	# W=1 C=1 builds that failed
verdict() {	# what new-warnings
	if [ -z "$2" ]; then
		echo "warnings: PASS $1"
	else
		echo "warnings: FAIL $1, new:"
		echo "$2" | sed 's/^/    /'
		failed=$((failed + 1))
	fi
}

# linked machine file: the machine's whole build links the file's object.
linked() { grep -qxF "${2%.c}.o" "$out/linked-$1.txt"; }

for a in $MACHINES; do
	machine_load "$a"
	# Which touched files a machine compiles is read from its whole
	# build: without one, say so, do not skip.
	[ -f "$(kout)/vmlinux.a" ] ||
		die $EXIT_USAGE "no $(kout)/vmlinux.a: the warnings check compares the files that $a's build links; run scripts/evidence/bisect.sh first"
	linked_objects "$(kout)" >"$out/linked-$a.txt"
	built=0
	for f in "${files[@]}"; do
		! linked "$a" "$f" || built=1
	done
	if [ $built = 0 ]; then
		info "$a: its config compiles none of the touched files"
		continue
	fi
	o=$(kout)-warnings
	mkdir -p "$o"
	cp "$(kout)/.config" "$o/.config"
	git -C "$TREE" checkout -q --detach base
	kmake_argv "$o" olddefconfig prepare
	with_progress "$out/prepare-$a.log" "${KMAKE_ARGV[@]}" ||
		die $EXIT_BUILD "make prepare failed for $a (log: $out/prepare-$a.log)"
	warnings_of "$a" "$o" base base || { broken=$((broken + 1)); continue; }
	warnings_of "$a" "$o" "$end" series || { broken=$((broken + 1)); continue; }
	for f in "${files[@]}"; do
		linked "$a" "$f" || continue
		before=$(grep -c "^$f: " "$out/base-$a.txt" || true)
		after=$(grep -c "^$f: " "$out/series-$a.txt" || true)
		verdict "$a $f: $before -> $after" \
			"$(comm -13 <(grep "^$f: " "$out/base-$a.txt" | sort -u) \
				    <(grep "^$f: " "$out/series-$a.txt" | sort -u))"
	done
	# Warnings in headers (or other files) that the series adds.
	verdict "$a other files" \
		"$(comm -13 <(sort -u "$out/base-$a.txt") <(sort -u "$out/series-$a.txt") |
		   grep -vF -f <(printf '%s: \n' "${files[@]}") || true)"
done
[ $broken = 0 ] || exit $EXIT_BUILD
[ $failed = 0 ] || exit $EXIT_TEST_FAILED
