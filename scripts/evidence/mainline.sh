#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The mainline series (SERIES=mainline, config/series/mainline): what
# upstream still lacks, as patches/mainline/series onto Debian's
# linux-source-6.12. It applies with git am (no fuzz), checkpatch.pl
# --strict of 6.12 passes on every patch, and its secondary_tlb KUnit suite
# passes under kunit.py on MAINLINE_MACHINES (default arm64-virt-kunit;
# make check-full: the three architectures).
#
# MAINLINE_KERNELS=series (default) runs the suite on the series;
# "base series" also on the base: 6.12 with only the upstream tests and
# the test-only patches, where the cases tests/mainline/base-<machine>.xfail
# names must fail, each with its message, and every other case pass.
#
# MAINLINE_REPRODUCER_MACHINES (default none; make check-full: the two
# SMMUv3 machines) also runs the end-to-end reproducer on those kernels
# (scripts/evidence/reproducer.sh, expectations in tests/mainline/reproducer/).
#
# Prints the "tree:", "checkpatch:", "kunit-arches:" and "reproducer:"
# verdict lines of the steps it runs; raw logs under $RESULTS/mainline/,
# and every case with its result in $RESULTS/mainline/cases.txt
# (scripts/evidence/mainline_cases.py), which ./stlb.py keep files with
# the record.
DRY_RUN_AWARE=1
. "$(dirname "$0")/../lib.sh"
step_init "$@"

[ "$SERIES" = mainline ] || die $EXIT_USAGE "mainline.sh runs the mainline series: SERIES=mainline (the stage sets it)"
S=$TOP/scripts
machines=${MAINLINE_MACHINES:-arm64-virt-kunit}
kernels=${MAINLINE_KERNELS:-series}
out=$RESULTS/mainline
mkdir -p "$out"

"$S/steps/deps.sh"
"$S/steps/source.sh"
rc=0
for k in $kernels; do
	kernel_tree "$k"
	[ "$k" = series ] || [ "$k" = base ] ||
		die $EXIT_USAGE "MAINLINE_KERNELS: base or series, not '$k'"
	if out_tree=$(TREE=$KTREE SERIES_PART=$KPART "$S/steps/tree.sh" 2>&1); then
		echo "$out_tree"
		echo "tree: PASS $k: ${SERIES_FILE#$TOP/} ($KPART) applies onto $(. "$BUILD/source.env"; echo "$SOURCE_DESC")"
	else
		echo "$out_tree"
		echo "tree: FAIL $k: ${SERIES_FILE#$TOP/} ($KPART) does not apply"
		rc=$EXIT_PATCH
		continue
	fi
	if [ "$k" = series ]; then
		TREE=$KTREE RESULTS=$out "$S/evidence/checkpatch.sh" || rc=$?
	fi
	for m in $machines; do
		# The cases upstream's code fails on that machine, each with
		# the reason read in its source.
		xfail=$TOP/tests/mainline/$k-$m.xfail
		[ -f "$xfail" ] || xfail=
		KUNIT_TREE=$KTREE KUNIT_MACHINES=$m KUNIT_OUT=$out/kunit-$k KUNIT_XFAIL=$xfail \
			"$S/evidence/kunit-arches.sh" |
			sed "s/^kunit-arches: \(PASS\|FAIL\) /kunit-arches: \1 $k\//" || rc=$?
	done
done
if [ -n "${MAINLINE_REPRODUCER_MACHINES:-}" ]; then
	RESULTS=$out REPRODUCER_KERNELS=$kernels REPRODUCER_MACHINES=$MAINLINE_REPRODUCER_MACHINES \
		"$S/evidence/reproducer.sh" || rc=$?
fi
dry || "$PYTHON" "$S/evidence/mainline_cases.py" "$out" >"$out/cases.txt" ||
	echo "mainline: no case results in $out" >&2
exit $rc
