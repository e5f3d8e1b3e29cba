#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The series' KUnit suites (a machine's kunitconfigs and
# kunit_verdict_suites; by default secondary_tlb, mm/.kunitconfig) run by
# the kernel's own tools/testing/kunit/kunit.py in QEMU, on the machines with
# runner=kunit (config/machines/): arm64 virt, x86_64 q35 and powerpc64le
# pseries on a POWER9 CPU, so that the kernel uses the radix MMU (the
# machine's probe line, "lpar: Using radix MMU under hypervisor", must be
# in the console). Each machine file becomes a kunit.py --qemu_config
# (scripts/steps/machine.py kunit-qemu); kunit.py configures and builds each
# kernel in <tree>/<the machine's build_dir> (incremental, ccache); the
# guests boot with panic_on_warn=1, so a warning fails the suite.
#
# KUNIT_MACHINES chooses the machines (default: the runner=kunit
# machines of kunit_group series), KUNIT_TREE the tree (default build/tree), KUNIT_EXPECT_FAIL=
# "case ..." the cases that must fail (the mutation check), each, with
# KUNIT_FAIL_MESSAGE=regex, with a failed expectation and a line matching
# it in its output; KUNIT_XFAIL=file more such cases, each with its own
# regex ("case regex" lines, harness/judge/kunit.py --xfail); every other
# case must pass: a skip or a missing case is a failure. One
# "kunit-arches: PASS|FAIL <machine> ..." line per machine; raw logs,
# kunit.py's JSON and the console in $RESULTS/kunit-arches/.
DRY_RUN_AWARE=1
. "$(dirname "$0")/../lib.sh"
step_init "$@"

# KUNIT_GROUP=drivers (make kunit-drivers): the machines that also run
# the test-only driver suites, each in a build directory of its own.
MACHINES=${KUNIT_MACHINES:-$(comm -12 <(machines_with runner kunit) \
	<(machines_with kunit_group "${KUNIT_GROUP:-series}") | tr '\n' ' ')}
ktree=${KUNIT_TREE:-$TREE}
out=${KUNIT_OUT:-$RESULTS/kunit-arches}
mkdir -p "$out"

rc=0
for m in $MACHINES; do
	machine_load "$m"
	[ "$M_RUNNER" = kunit ] ||
		die $EXIT_USAGE "machine $m is not a kunit.py machine; they are: $(machines_with runner kunit | tr '\n' ' ')"
	for c in $M_KUNITCONFIGS; do
		dry || [ -f "$ktree/$c/.kunitconfig" ] ||
			die $EXIT_USAGE "no $c/.kunitconfig in $ktree: is the series' test-only part applied? (make tree)"
	done
	suites=$M_KUNIT_VERDICT_SUITES
	"$PYTHON" "$TOP/scripts/steps/machine.py" kunit-qemu "$m" "$out/$m-qemu.py"
	# KUNIT_FLAVOUR=debug: config/debug.config added (--kconfig_add),
	# in a build directory of its own (make check-debug).
	bdir=$M_BUILD_DIR${KUNIT_FLAVOUR:+-$KUNIT_FLAVOUR}
	args=(run --build_dir="$bdir" --jobs="$JOBS"
	      --timeout=900 --make_options "CC=$KCC ${M_CROSS_COMPILE}gcc"
	      --json="$out/$m.json" --qemu_config="$out/$m-qemu.py")
	[ -z "$M_CROSS_COMPILE" ] || args+=(--cross_compile="$M_CROSS_COMPILE")
	for c in $M_KUNITCONFIGS; do args+=(--kunitconfig="$c"); done
	case ${KUNIT_FLAVOUR:-} in
	'') ;;
	debug) while read -r opt; do args+=(--kconfig_add "$opt"); done \
			< <(grep '^CONFIG_' "$TOP/config/debug.config") ;;
	*) die $EXIT_USAGE "KUNIT_FLAVOUR=$KUNIT_FLAVOUR: debug or nothing" ;;
	esac
	step "kunit-arches: $m ($suites)"
	rm -f "$out/$m.json"
	code=0
	(cd "$ktree" && with_progress "$out/$m.log" ./tools/testing/kunit/kunit.py "${args[@]}") || code=$?
	! dry || continue
	cp "$ktree/$bdir/test.log" "$out/$m-console.log" 2>/dev/null || true
	info "kunit.py exit code $code; log $out/$m.log, console $out/$m-console.log"

	# The verdict comes from kunit.py's JSON, case by case.
	# shellcheck disable=SC2086 # one argument per case
	# The kernel that booted must be the one just built: its banner
	# carries the build's number (a bzImage once held an older vmlinux,
	# scripts/steps/ccache-cc).
	msg=(--console "$out/$m-console.log"
	     --build "#$(cat "$ktree/$bdir/.version" 2>/dev/null || echo '?')")
	[ -z "${KUNIT_FAIL_MESSAGE:-}" ] || msg+=(--fail-message "$KUNIT_FAIL_MESSAGE")
	[ -z "${KUNIT_XFAIL:-}" ] || msg+=(--xfail "$KUNIT_XFAIL")
	verdict=$(judge kunit "${msg[@]}" "$out/$m.json" "$suites" ${KUNIT_EXPECT_FAIL:-})
	if [ -n "$M_PROBE" ] && ! grep -qE "$M_PROBE" "$out/$m-console.log" 2>/dev/null; then
		verdict="FAIL $M_PROBE_LABEL: no '$M_PROBE' in the console; $verdict"
	fi
	echo "kunit-arches: ${verdict%% *} $m $suites: ${verdict#* }"
	case $verdict in PASS*) ;; *) rc=$EXIT_TEST_FAILED ;; esac
	grep -E '^\s+(#|not ok|ok) ' "$out/$m-console.log" 2>/dev/null | grep -E 'not ok|# [a-z_]+: (EXPECTATION FAILED|ASSERTION FAILED)' |
		head -n 20 | sed 's/^/    /' || true
done
exit $rc
