#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make mutants-edu: each mutant of tests/mutants-edu.txt, the series with
# one mutation of the test-only edu SVA driver (mutant_apply,
# build/tree-mutant), booted on arm64 with edu_sva_hostile alone: the
# mutant's case must fail, with the mutant's signature on the console or
# in QEMU's stderr (killed: harness/judge/kselftests.py, kill); a mutant
# that survives fails.
#
# One "mutants-edu: PASS|FAIL mutant <name>: ..." line per mutant, then
# "mutants-edu: N of M killed". Needs build/tree (make tree).
# MUTANTS_EDU_LIST: another list (e.g. a mutant that must survive).
RESULTS_NAME=mutants-edu
DRY_RUN_AWARE=1
. "$(dirname "$0")/../lib.sh"
step_init "$@"

S=$TOP/scripts
list=${MUTANTS_EDU_LIST:-$TOP/tests/mutants-edu.txt}
out=$RESULTS/mutants-edu
mkdir -p "$out"
echo "results: $out"
# One seed for every mutant, so that a kill repeats: 0x29a07e1f is the
# seed of the check-full run (2026-12-07) in which the length-limit
# mutant's random_requests sent a too-long request bound and QEMU
# aborted (exit 8), before random_requests asked the driver's checks
# unbound before binding.
echo "edu_sva_hostile 300 EDU_HOSTILE_SEED=0x29a07e1f ./edu_sva_hostile" >"$out/hostile.plan"
mapfile -t rows < <(grep -vE '^[[:space:]]*(#|$)' "$list")
[ ${#rows[@]} != 0 ] || die $EXIT_USAGE "$list lists no mutant"
code=0 killed=0
for row in "${rows[@]}"; do
	# Fields are separated by " | ": a mutation may hold "||".
	rest=$row
	name=${rest%% | *} rest=${rest#* | }
	file=${rest%% | *} rest=${rest#* | }
	mutation=${rest%% | *} rest=${rest#* | }
	test_case=${rest%% | *} signature=${rest#* | }
	name=$(echo $name) file=$(echo $file) test_case=$(echo $test_case)
	signature=$(echo "$signature" | sed 's/^ *//; s/ *$//')
	step "mutants-edu: mutant $name: $file: $mutation"
	# A dry run has no tree to mutate: it prints the mutant's boot.
	if ! dry && ! mutant_apply_diff "$file" "$mutation" "$out/$name.diff"; then
		echo "mutants-edu: FAIL mutant $name: the mutation does not apply"
		[ $code != 0 ] || code=$EXIT_PATCH
		continue
	fi
	rc=0
	# Judged without make run's baseline and KUnit list: the plan is
	# edu_sva_hostile alone, so only it can fail the run.
	RESULTS=$out/$name BASELINE= KUNIT_SUITES= SUMMARY_TO_LOG=1 \
		"$S/steps/guest-run.sh" arm64-virt-smmuv3 mutant "$out/hostile.plan" >"$out/$name.log" 2>&1 || rc=$?
	! dry || continue
	if why=$(judge kselftests kill "$out/$name/results.txt" "$test_case" "$signature" "$rc" \
		 "$out/$name/console.log" "$out/$name/qemu-stderr.log"); then
		echo "mutants-edu: PASS mutant $name: killed: ${why#killed: }"
		killed=$((killed + 1))
	else
		echo "mutants-edu: FAIL mutant $name: survived (${why#survived: }; log: $out/$name.log)"
		[ $code != 0 ] || code=$EXIT_TEST_FAILED
	fi
done
mutant_reset
! dry || exit 0
echo "mutants-edu: $killed of ${#rows[@]} killed" | tee "$out/summary.txt"
exit $code
