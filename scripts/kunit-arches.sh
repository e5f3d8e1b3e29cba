#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The series' KUnit suite (secondary_tlb, mm/.kunitconfig) run by the
# kernel's own tools/testing/kunit/kunit.py in QEMU on three guests:
# arm64 (virt, the in-tree qemu config), x86_64 (q35 as the in-tree one,
# config/kunit-qemu/x86_64.py, with defaults the suite does not need, such
# as ACPI, turned off) and powerpc64le (pseries on a POWER9 CPU,
# config/kunit-qemu/, so the kernel uses the radix MMU; checked in the
# boot log: "lpar: Using radix MMU under hypervisor"). kunit.py configures and
# builds each kernel in <tree>/out-kunit-<arch> (incremental, ccache); the
# guests boot with panic_on_warn=1, so a warning fails the suite.
#
# KUNIT_ARCHES="arm64 x86_64 powerpc" chooses the guests, KUNIT_TREE the
# tree (default build/tree), KUNIT_EXPECT_FAIL="case ..." the cases that
# must fail (the mutation check); every other case must pass: a skip or a
# missing case is a failure. One "kunit-arches: PASS|FAIL <arch> ..." line
# per guest; raw logs, kunit.py's JSON and the console in
# $RESULTS/kunit-arches/.
. "$(dirname "$0")/lib.sh"

ARCHES=${KUNIT_ARCHES:-arm64 x86_64 powerpc}
ktree=${KUNIT_TREE:-$TREE}
suite=secondary_tlb
out=${KUNIT_OUT:-$RESULTS/kunit-arches}
[ -f "$ktree/mm/.kunitconfig" ] ||
	die $EXIT_USAGE "no mm/.kunitconfig in $ktree: is the series' KUnit patch applied? (make tree)"
mkdir -p "$out"

rc=0
for a in $ARCHES; do
	cross=$(cross_compile_for "$a")
	args=(run --kunitconfig=mm --build_dir="out-kunit-$a" --jobs="$JOBS"
	      --timeout=900 --make_options "CC=ccache ${cross}gcc"
	      --qemu_args "-smp 2" --json="$out/$a.json"
	      --kernel_args panic_on_warn=1)
	case $a in
	arm64) args+=(--arch=arm64 --cross_compile="$cross") ;;
	x86_64) args+=(--qemu_config="$TOP/config/kunit-qemu/x86_64.py") ;;
	powerpc) args+=(--qemu_config="$TOP/config/kunit-qemu/powerpc64le-power9.py"
			--cross_compile="$cross") ;;
	esac
	step "kunit-arches: $a ($suite)"
	rm -f "$out/$a.json"
	code=0
	(cd "$ktree" && with_progress "$out/$a.log" ./tools/testing/kunit/kunit.py "${args[@]}") || code=$?
	cp "$ktree/out-kunit-$a/test.log" "$out/$a-console.log" 2>/dev/null || true
	info "kunit.py exit code $code; log $out/$a.log, console $out/$a-console.log"

	# The verdict comes from kunit.py's JSON, case by case.
	verdict=$(python3 - "$out/$a.json" "$suite" "${KUNIT_EXPECT_FAIL:-}" <<'EOF'
import json, sys
path, suite, expect = sys.argv[1], sys.argv[2], set(sys.argv[3].split())
try:
    top = json.load(open(path))
except (OSError, ValueError) as e:
    print(f'FAIL no results ({e})')
    sys.exit(0)
def find(g):
    if g['name'] == suite:
        return g
    for s in g.get('sub_groups', []):
        r = find(s)
        if r:
            return r
group = find(top)
if not group:
    print(f'FAIL suite {suite} did not report')
    sys.exit(0)
cases = {c['name']: c['status'] for c in group['test_cases']}
n = {s: sum(1 for v in cases.values() if v == s) for s in ('PASS', 'FAIL', 'SKIP', 'ERROR')}
bad = [f'{k} {v}' for k, v in sorted(cases.items())
       if (v != 'FAIL' if k in expect else v != 'PASS')]
bad += [f'{k} missing' for k in sorted(expect - set(cases))]
counts = f"{len(cases)} cases: {n['PASS']} pass, {n['FAIL']} fail, {n['SKIP']} skip, {n['ERROR']} error"
if expect:
    counts += f"; must fail: {' '.join(sorted(expect))}"
print(('FAIL ' if bad else 'PASS ') + counts + (' | unexpected: ' + ', '.join(bad) if bad else ''))
EOF
)
	# On powerpc the point is the radix MMU: the boot log must say so.
	if [ "$a" = powerpc ] && ! grep -q 'Using radix MMU under hypervisor' "$out/$a-console.log" 2>/dev/null; then
		verdict="FAIL radix MMU not in use (no 'Using radix MMU under hypervisor' in the console); $verdict"
	fi
	echo "kunit-arches: ${verdict%% *} $a $suite: ${verdict#* }"
	case $verdict in PASS*) ;; *) rc=$EXIT_TEST_FAILED ;; esac
	grep -E '^\s+(#|not ok|ok) ' "$out/$a-console.log" 2>/dev/null | grep -E 'not ok|# [a-z_]+: (EXPECTATION FAILED|ASSERTION FAILED)' |
		head -n 20 | sed 's/^/    /' || true
done
exit $rc
