#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The mutation matrix: for each mutant of tests/mutants.txt (--mutants
# "name ..." chooses some), in a scratch tree (a git worktree of
# build/tree at its HEAD, build/tree-mutant), apply the mutation with
# scripts/evidence/mutate.py and run the secondary_tlb KUnit suite with kunit.py on
# the mutant's machine (scripts/evidence/kunit-arches.sh): exactly the cases listed
# must fail, every other case must pass. A mutant none of whose cases
# fails survived. Each listed case must fail for what the suite checks:
# an expectation on the recorded calls (FAIL_MESSAGE below) in its own
# output, not a setup step that failed (harness/judge/kunit.py). One
# "mutants: PASS|FAIL <name> ..." line per mutant; the table (mutant,
# killed by) in $RESULTS/mutants/table.txt.
. "$(dirname "$0")/../lib.sh"
step_init "$@"

scratch=$MUTANT_TREE
# The failed expectation of a kill names the recorder's calls (their
# number, a range, the page count at a call; the driver suites record
# commands, descriptors and ATSDs the same way).
FAIL_MESSAGE='Expected .*rec(\.|->)(calls|call\[|watch_count)'
list=$TOP/tests/mutants.txt
out=$RESULTS/mutants
head=$(git -C "$TREE" rev-parse HEAD) || die $EXIT_USAGE "no $TREE: run make tree first"
mkdir -p "$out"
: >"$out/table.txt"

# name|machine|file|mutation|cases, one line each, of the chosen mutants.
mapfile -t rows < <(grep -vE '^[[:space:]]*(#|$)' "$list")
[ ${#rows[@]} != 0 ] || die $EXIT_USAGE "$list lists no mutant"
known=" $(for r in "${rows[@]}"; do IFS='|' read -r n _ <<<"$r"; echo -n "$(echo $n) "; done)"
for want in ${MUTANTS:-}; do
	[[ $known == *" $want "* ]] || die $EXIT_USAGE "no mutant '$want' in $list; mutants:$known"
done

rc=0
for r in "${rows[@]}"; do
	IFS='|' read -r name machine file mutation cases <<<"$r"
	name=$(echo $name) machine=$(echo $machine) file=$(echo $file)
	if [ -n "${MUTANTS:-}" ] && [[ " $MUTANTS " != *" $name "* ]]; then
		continue
	fi
	step "mutants: $name ($machine): $file: $mutation"
	if ! mutant_apply_diff "$file" "$mutation" "$out/$name.diff"; then
		echo "mutants: FAIL $name: the mutation does not apply to $head"
		[ $rc != 0 ] || rc=$EXIT_PATCH
		continue
	fi
	code=0
	# shellcheck disable=SC2086 # one word per case
	KUNIT_MACHINES=$machine KUNIT_TREE=$scratch KUNIT_EXPECT_FAIL="$(echo $cases)" \
		KUNIT_FAIL_MESSAGE=$FAIL_MESSAGE \
		KUNIT_OUT=$out/$name "$TOP/scripts/evidence/kunit-arches.sh" >"$out/$name.log" 2>&1 || code=$?
	line=$(grep -E '^kunit-arches: (PASS|FAIL) ' "$out/$name.log" | tail -n 1)
	if [ "$code" = 0 ]; then
		echo "mutants: PASS $name: killed by $(echo $cases) (${line#kunit-arches: PASS })"
		printf '%s | %s | killed by %s\n' "$name" "$machine" "$(echo $cases)" >>"$out/table.txt"
	else
		echo "mutants: FAIL $name: ${line#kunit-arches: FAIL } (log: $out/$name.log)"
		printf '%s | %s | NOT as listed: %s\n' "$name" "$machine" "${line#kunit-arches: }" >>"$out/table.txt"
		[ $rc != 0 ] || rc=$EXIT_TEST_FAILED
	fi
done
mutant_reset
info "table: $out/table.txt"
exit $rc
