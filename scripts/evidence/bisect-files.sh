#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bisectability, the quick way (make check): after each patch of the
# series, compile on every bisect machine (config/machines/ bisect=yes:
# arm64, x86_64 and powerpc64le) the C files that patch can break -- the C
# files it touches and the C files that use a symbol it changes in a
# header (scripts/evidence/bisect_files.py) -- that the machine's config builds
# (the same config as 'make bisect'). Whole kernels
# are not linked here: 'make run' and the kunit.py kernels build the end
# of the series in full, and 'make bisect' (make check-full) builds a
# whole kernel after every patch.
#
# The work happens in a worktree of build/tree (build/tree-bisect) with
# output trees of its own, so build/tree and its kernels are not touched.
# The worktree's output trees sit directly in it, like build/tree's, so
# ccache shares every object compiled from the same source and config.
#
# Prints one "bisect: PASS|FAIL <patch> <machine>: N file(s)" line per
# patch and machine with something to compile, and one line per C file
# the series touches: some config must compile it.
. "$(dirname "$0")/../lib.sh"
step_init "$@"

MACHINES=$(bisect_machines)
S=$TOP/scripts
wt=$BUILD/tree-bisect
"$S/steps/tree.sh"
head=$(git -C "$TREE" rev-parse HEAD)
mapfile -t commits < <(git -C "$TREE" rev-list --reverse base..HEAD)
out=$RESULTS/bisect
mkdir -p "$out"

step "bisect: ${#commits[@]} patch(es), the files each can break, on $MACHINES"
scratch_worktree "$wt" "$head"
# From here on, kbuild works in the worktree.
TREE=$wt

# objects_of: "source object" for every C file the loaded machine's config
# compiles, from kbuild's own dry run (make -n) of a prepared tree.
objects_of() {
	local o
	o=$(kout)
	# The dry run stops at the link (no vmlinux.a), after every compile.
	kmake_argv "$o" -n -k vmlinux
	{ "${KMAKE_ARGV[@]}" 2>/dev/null || true; } |
		grep -oE ' -c -o [^ ]+\.o [^ ]+\.c' |
		awk '{src = $4; sub(/^(\.\.\/)/, "", src)
		      n = split(src, p, "/"); k = 0
		      for (i = 1; i <= n; i++) {
			if (p[i] == "..") k--; else q[++k] = p[i]
		      }
		      s = q[1]; for (i = 2; i <= k; i++) s = s "/" q[i]
		      print s, $3}' | LC_ALL=C sort -u
}

machine_args=
for a in $MACHINES; do
	machine_load "$a"
	machine_args="$machine_args $a:$M_SRCARCH"
	o=$(kout)
	env -u KOUT TREE="$wt" MACHINE="$a" "$S/steps/config.sh"
	# The dry run lists only what is out of date: drop the objects of an
	# earlier run (ccache still has them).
	[ ! -d "$o" ] || find "$o" -name '*.o' -not -path "$o/scripts/*" -delete
	kmake_argv "$o" prepare
	with_progress "$out/prepare-$a.log" "${KMAKE_ARGV[@]}" ||
		die $EXIT_BUILD "make prepare failed for $a (log: $out/prepare-$a.log)"
	objects_of >"$out/objects-$a.txt"
	info "$a: the config compiles $(wc -l <"$out/objects-$a.txt") C file(s) (list: $out/objects-$a.txt)"
	[ -s "$out/objects-$a.txt" ] || die $EXIT_BUILD "kbuild's dry run listed no object for $a"
done
echo "bisect: PASS config $MACHINES"
# Only the C files some config builds are worth a git grep.
cat "$out"/objects-*.txt >"$out/candidates.txt"

failed=0
first_bad=
for i in "${!commits[@]}"; do
	c=${commits[$i]}
	label=$(printf '%04d' $((i + 1)))
	run git -C "$wt" checkout -q --detach "$c"
	subject=$(git -C "$wt" log -1 --format=%s)
	step "bisect: $label $subject"
	run "$PYTHON" "$S/evidence/bisect_files.py" --tree "$wt" --commit "$c" --machines "${machine_args# }" \
		--candidates "$out/candidates.txt" >"$out/$label-files.txt"
	for a in $MACHINES; do
		machine_load "$a"
		o=$(kout)
		# The config's objects for the files this patch can break:
		# every touched file and user of a changed interface, and one
		# includer for each header whose inline function bodies changed
		# (one the list has anyway if it can).
		mapfile -t objs < <(awk -v a="$a" '$1 == a {print $2, $3}' "$out/$label-files.txt" |
			LC_ALL=C sort | LC_ALL=C join - "$out/objects-$a.txt" |
			awk '{	n = split($2, why, ",")
				if ($2 ~ /(^|,)(touched|all:)/) {
					print $3
					for (i = 1; i <= n; i++) done[why[i]] = 1
				} else {
					for (i = 1; i <= n; i++)
						if (!(why[i] in first)) first[why[i]] = $3
				}
			      }
			      END { for (g in first) if (!(g in done)) print first[g] }' |
			LC_ALL=C sort -u)
		if [ ${#objs[@]} = 0 ]; then
			info "$a: nothing this config builds"
			continue
		fi
		# At an earlier patch, kbuild's syncconfig drops the symbols a
		# later patch adds: start from the end-of-series config again.
		cmp -s "$o.kconfig/.config" "$o/.config" || cp "$o.kconfig/.config" "$o/.config"
		log=$out/$label-$a.log
		kmake_argv "$o" -k "${objs[@]}"
		if with_progress "$log" "${KMAKE_ARGV[@]}"; then
			echo "bisect: PASS $label $a: ${#objs[@]} file(s)"
		else
			echo "bisect: FAIL $label $a: ${#objs[@]} file(s) (log: $log)"
			grep -E '(error|Error)' "$log" | head -n 15 | sed 's/^/    /' || true
			failed=$((failed + 1))
			[ -n "$first_bad" ] || first_bad="$label ($subject) on $a"
		fi
	done
done
run git -C "$wt" checkout -q --detach "$head"

# Every C file the series touches must be compiled by some config.
compiled_on() { grep -q "^$2 " "$out/objects-$1.txt"; }
uncompiled=0
check_touched_compiled "$head" "$MACHINES" || uncompiled=$?

[ -z "$first_bad" ] || info "first patch that breaks the build: $first_bad"
[ $failed = 0 ] || exit $EXIT_BUILD
[ $uncompiled = 0 ] || exit $EXIT_TEST_FAILED
