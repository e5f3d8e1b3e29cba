#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Self-tests of the harness around the summary: every machine file loads,
# an unknown machine or a mismatched ARCH is a usage error (2) that names
# the machines, each kunit.py machine becomes a QemuArchParams kunit.py
# can load, and the exit codes reach the user: a patch that does not
# apply is 3 from scripts/steps/tree.sh, and make names the script's code; a
# dry run prints what make run would run, and runs none of it; the SMMU
# command expectations pass on saved counts of the series and fail on
# the base's; make bench's tables come from saved runs, and its bad
# arguments are usage errors.
# Runs in a scratch directory; touches no tree. One
# "harness-selftest: PASS|FAIL <what>" line per check.
. "$(dirname "$0")/../lib.sh"
step_init "$@"

S=$TOP/scripts
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
check() {	# what command...: the command must succeed
	local what=$1
	shift
	if "$@" >"$tmp/out" 2>&1; then
		echo "harness-selftest: PASS $what"
	else
		echo "harness-selftest: FAIL $what"
		sed 's/^/    /' "$tmp/out" | tail -n 10
		failed=$((failed + 1))
	fi
}
exits() {	# code pattern command...: exit code and a line of its output
	local want=$1 pat=$2 got=0
	shift 2
	"$@" >"$tmp/out" 2>&1 || got=$?
	[ "$got" = "$want" ] && grep -qE "$pat" "$tmp/out"
}

step "harness-selftest: machines and exit codes"
all=$("$PYTHON" "$S/steps/machine.py" list | tr '\n' ' ')
for m in $all; do
	check "machine $m loads" "$PYTHON" "$S/steps/machine.py" shell "$m"
done
check "an unknown machine: exit 2, the machines listed" \
	exits 2 "unknown machine 'no-such-machine'; machines: ${all% }" \
	env MACHINE=no-such-machine RESULTS="$tmp" "$S/steps/boot.sh"
check "ARCH that is not the machine's: exit 2" \
	exits 2 'ARCH follows the machine' \
	env ARCH=x86_64 MACHINE=arm64-virt-smmuv3 RESULTS="$tmp" "$S/steps/boot.sh"
check "a machine that is not booted: exit 2" \
	exits 2 'is not booted by the harness' \
	env MACHINE=powerpc64le-build RESULTS="$tmp" "$S/steps/boot.sh"
# kunit.py's QemuArchParams for each of its machines, loaded as kunit.py
# loads a --qemu_config, with the fragment's symbols in its kconfig.
for m in $("$PYTHON" "$S/steps/machine.py" list runner kunit); do
	check "machine $m as a kunit.py qemu_config" \
		"$PYTHON" "$S/steps/machine.py" check-kunit-qemu "$m" "${KUNIT_TOOL:-$(kunit_tool_dir)}"
done
# The SMMU command expectations (tests/reproducer/series.smmu) hold for
# the series' saved counts and not for the base's (-cpu max, 2026-11-29).
for k in series base; do
	want=$([ $k = series ] && echo 0 || echo 1)
	check "smmu_trace.py --expect series.smmu on the $k's counts: exit $want" \
		exits "$want" '^smmu: (PASS|FAIL) whole_mm.clear_refs_soft_dirty' \
		"$PYTHON" "$S/evidence/smmu_trace.py" --counts "$TOP/tests/harness/smmu-$k-max/smmu-counts.json" \
		--results "$TOP/tests/harness/smmu-$k-max/results.txt" \
		--expect "$TOP/tests/reproducer/series.smmu"
done
# make bench's tables from saved runs (tests/harness/bench/: the base's
# 7 TLBI for the in-place upgrades, the series' 67), and a run that
# reported an error makes them fail.
cp -r "$TOP/tests/harness/bench" "$tmp/bench"
check "bench_table.py on saved runs: exit 0, cow_upgrade base 7/7, series 67/67" \
	exits 0 '^cow_upgrade +- +7/7 +67/67 ' "$PYTHON" "$S/evidence/bench_table.py" "$tmp/bench"
check "bench_table.py wrote table.txt, table.csv and the chart" \
	test -s "$tmp/bench/table.txt" -a -s "$tmp/bench/table.csv" -a -s "$tmp/bench/bench-arm64-virt-smmuv3.dat"
# A header line in the chart's data would shift every hook-count point
# one workload to the right of its bars (gnuplot's $0 counts it).
check "the chart's data starts with the first workload, no header line" \
	grep -q '^bind ' <(head -n 1 "$tmp/bench/bench-arm64-virt-smmuv3.dat")
check "bench_table.py on saved runs: the hooks column is the hook's calls, not called a bound" \
	grep -q "^hooks: calls of the series kernel's hook while bound (kprobe, any mm)" \
	"$tmp/bench/table.txt"
check "bench_table.py on saved runs: the base's clear_refs cell says skipped, and why, from the guest's line" \
	grep -q "^skipped: base clear_refs: excluded by the harness (-x)" "$tmp/bench/table.txt"
# BENCH_HOOK counts another function: the plan's kprobe is that symbol,
# and the table names it.
cp -r "$TOP/tests/harness/bench" "$tmp/bench-hook"
sed -i 's/kprobe=none/kprobe=release_pages/' "$tmp/bench-hook/series-arm64-virt-smmuv3/console.log"
check "bench_table.py on a run of BENCH_HOOK=release_pages: its calls, named" \
	exits 0 '^hooks: calls of release_pages\(\) in the series kernel while bound \(BENCH_HOOK\)' \
	"$PYTHON" "$S/evidence/bench_table.py" "$tmp/bench-hook"
check "BENCH_HOOK=release_pages scripts/evidence/bench.sh series: the guest's kprobe is on release_pages" \
	grep -q -- '-k release_pages' <(env DRY_RUN=1 BUILD="$tmp/build" RESULTS="$tmp/dry-bench-hook" \
		BENCH_MACHINES=arm64-virt-smmuv3 BENCH_HOOK=release_pages "$S/evidence/bench.sh" series >/dev/null 2>&1
		cat "$tmp/dry-bench-hook/bench/bench-series.plan")
check "BENCH_HOOK=release_pages BENCH_FLAVOUR=none scripts/evidence/bench.sh: exit 2 (nothing would count it)" \
	exits 2 'BENCH_HOOK needs BENCH_FLAVOUR=bench' \
	env DRY_RUN=1 BENCH_FLAVOUR=none BENCH_HOOK=release_pages RESULTS="$tmp" "$S/evidence/bench.sh" series
echo 'bench: error: 3 of 64 pages reused in place after the child exited' \
	>>"$tmp/bench/series-arm64-virt-smmuv3/console.log"
check "bench_table.py on a run with an error: exit 1, the error listed" \
	exits 1 'series-arm64-virt-smmuv3: 3 of 64 pages reused' "$PYTHON" "$S/evidence/bench_table.py" "$tmp/bench"
check "scripts/evidence/bench.sh fixes: exit 2 (base, series or upstream)" \
	exits 2 "unknown kernel 'fixes'" env DRY_RUN=1 RESULTS="$tmp" "$S/evidence/bench.sh" fixes
check "BENCH_FLAVOUR=kasan scripts/evidence/bench.sh: exit 2" \
	exits 2 'BENCH_FLAVOUR=kasan: bench or none' env DRY_RUN=1 BENCH_FLAVOUR=kasan RESULTS="$tmp" "$S/evidence/bench.sh"
check "DRY_RUN=1 scripts/evidence/bench.sh series prints the boot under icount with every SMMU command traced" \
	exits 0 "^\+ timeout -k 10 3600 qemu-system-aarch64 .*norandmaps' -no-reboot -icount shift=0,sleep=off .*-trace smmuv3_cmdq_opcode" \
	env DRY_RUN=1 BUILD="$tmp/build" RESULTS="$tmp/dry-bench" BENCH_MACHINES=arm64-virt-smmuv3 "$S/evidence/bench.sh" series
# The base is pinned (config/source-versions): a version that is not the
# installed one is refused before anything is unpacked.
check "DEBIAN_VERSION=0.0-1 scripts/steps/source.sh: exit 2, what to do said" \
	exits 2 "is installed, but the harness builds on 0.0-1 .*DEBIAN_VERSION=" \
	env DEBIAN_VERSION=0.0-1 BUILD="$tmp/build-pin" RESULTS="$tmp" "$S/steps/source.sh"
check "the cover letter's base line is config/source-versions's" \
	grep -qF "Based on v6.1, as Debian's linux-source-6.1 $(source_version_pinned linux-source-6.1) (6.1.y stable)" \
	"$TOP/patches/0000-cover-letter.patch"
# QEMU killed mid-run by a signal from elsewhere: a stand-in QEMU (a
# sleep) killed with SIGKILL; boot.sh must record "killed 9", which the
# summary reports as an incomplete run, not as a timeout.
mkdir -p "$tmp/fake/bin" "$tmp/fake/kout/arch/arm64/boot" "$tmp/fake/gout" "$tmp/fake/res"
printf '#!/bin/sh\necho $$ >"%s"\nexec sleep 120\n' "$tmp/fake/pid" >"$tmp/fake/bin/qemu-system-aarch64"
chmod +x "$tmp/fake/bin/qemu-system-aarch64"
: >"$tmp/fake/kout/arch/arm64/boot/Image"
: >"$tmp/fake/gout/initramfs.cpio"
: >"$tmp/fake/kout/build-patches.txt"
env_line KERNEL_TREE_HEAD unknown >"$tmp/fake/kout/build.env"
killed_boot() {
	PATH=$tmp/fake/bin:$PATH KOUT=$tmp/fake/kout GOUT=$tmp/fake/gout TREE=$tmp/fake \
		RESULTS=$tmp/fake/res QEMU_TIMEOUT=100 "$S/steps/boot.sh" &
	local boot=$! i
	for i in $(seq 50); do [ -s "$tmp/fake/pid" ] && break; sleep 0.1; done
	kill -KILL "$(cat "$tmp/fake/pid")"
	wait $boot
	grep -qx 'killed 9' "$tmp/fake/res/qemu.status"
}
check "QEMU killed by SIGKILL from elsewhere: boot.sh records 'killed 9', not a timeout" killed_boot
# A results directory on a full disk: refused before the boot (exit 2).
check "a full disk for the results (HARNESS_MIN_FREE_MB above the free space): boot.sh exit 2" \
	exits 2 'MB free on the disk of .*less than the 99999999 MB a run needs' \
	env HARNESS_MIN_FREE_MB=99999999 PATH="$tmp/fake/bin:$PATH" KOUT="$tmp/fake/kout" \
	GOUT="$tmp/fake/gout" TREE="$tmp/fake" RESULTS="$tmp/fake/res" "$S/steps/boot.sh"
# KSRC: the user's tree, at a detached HEAD with local changes, is only
# read; a patch that applies is applied, one whose context differs is
# refused (git am applies no fuzz) with exit 3; the user's HEAD, index,
# working tree and refs are as before.
k=$tmp/ksrc
git init -q "$k"
git -C "$k" config user.name t && git -C "$k" config user.email t@localhost
seq 1 20 >"$k/a.txt" && git -C "$k" add a.txt && git -C "$k" commit -q -m one
sed -i 's/^10$/ten/' "$k/a.txt" && git -C "$k" commit -q -am two
sed -i 's/^2$/two/' "$k/a.txt" && git -C "$k" commit -q -am three
(cd "$k" && git format-patch -q -1 -o "$tmp/ok" HEAD)		# applies onto two
sed -i 's/^4$/four/' "$k/a.txt" && git -C "$k" commit -q -am four
(cd "$k" && git format-patch -q -1 -o "$tmp/fuzz" HEAD)		# its context has three's "two"
git -C "$k" checkout -q --detach HEAD~2
echo local >>"$k/a.txt" && echo new >"$k/untracked.txt"
ksrc_state() { git -C "$k" rev-parse HEAD; git -C "$k" status --porcelain; git -C "$k" for-each-ref; git -C "$k" diff; }
ksrc_state >"$tmp/ksrc-before"
base_ref=$(git -C "$k" rev-parse HEAD)
for f in ok fuzz; do
	mkdir -p "$tmp/p-$f" && cp "$tmp/$f"/*.patch "$tmp/p-$f/"
	basename "$tmp/p-$f"/*.patch >"$tmp/p-$f/series"
done
check "KSRC at a detached HEAD with local changes: scripts/steps/source.sh exit 0" \
	env KSRC="$k" KSRC_REF="$base_ref" BUILD="$tmp/kb" RESULTS="$tmp" "$S/steps/source.sh"
check "KSRC: a patch that applies: scripts/steps/tree.sh exit 0" \
	env SERIES_FILE="$tmp/p-ok/series" BUILD="$tmp/kb" TREE="$tmp/kb/tree" RESULTS="$tmp" "$S/steps/tree.sh"
check "KSRC: a patch whose context differs (would need fuzz): scripts/steps/tree.sh exit 3" \
	exits 3 'patch 1, .*/p-fuzz/0001-four.patch, does not apply to .*applies no fuzz' \
	env SERIES_FILE="$tmp/p-fuzz/series" BUILD="$tmp/kb" TREE="$tmp/kb/tree" RESULTS="$tmp" "$S/steps/tree.sh"
check "KSRC: the user's HEAD, status, refs and changes are untouched" \
	cmp "$tmp/ksrc-before" <(ksrc_state)
# A scratch worktree (mutants, bisect-files) outlives the tree it was
# made from when make tree clones the tree again (another source): it
# must be made again, not reset with git failing inside an if (where
# set -e does not stop) and the next mutation applied on the last.
worktree_after_reclone() {
	local wt=$tmp/kb/wt h
	TREE=$tmp/kb/tree
	h=$(git -C "$TREE" rev-parse HEAD)
	scratch_worktree "$wt" "$h" && echo changed >>"$wt/a.txt" &&
		scratch_worktree "$wt" "$h" && git -C "$wt" diff --quiet || return 1
	rm -rf "$TREE"
	env SERIES_FILE="$tmp/p-ok/series" BUILD="$tmp/kb" TREE="$TREE" RESULTS="$tmp" \
		"$S/steps/tree.sh" || return 1
	h=$(git -C "$TREE" rev-parse HEAD)
	echo changed >>"$wt/a.txt"
	(scratch_worktree "$wt" "$h") && [ "$(git -C "$wt" rev-parse HEAD)" = "$h" ] &&
		git -C "$wt" diff --quiet
}
check "a scratch worktree of a tree cloned again is made again, clean" \
	worktree_after_reclone
# apt unavailable: a package to install (a base version the machine has
# not) and an apt-get that fails: scripts/steps/deps.sh exit 2, saying so.
mkdir -p "$tmp/noapt"
printf '#!/bin/sh\necho "E: could not reach the archive" >&2\nexit 100\n' >"$tmp/noapt/apt-get"
chmod +x "$tmp/noapt/apt-get"
check "apt unavailable: scripts/steps/deps.sh exit 2" \
	exits 2 'apt-get (update|install) failed|Run as root' \
	env PATH="$tmp/noapt:$PATH" DEBIAN_VERSION=0.0-1 CACHE="$tmp/cache" RESULTS="$tmp" "$S/steps/deps.sh"
check "scripts/evidence/check-debug.sh with an unknown step: exit 2" \
	exits 2 "unknown step 'nosuch'" env DRY_RUN=1 RESULTS="$tmp" "$S/evidence/check-debug.sh" nosuch
check "STRESS_SECONDS=abc scripts/evidence/stress.sh: exit 2" \
	exits 2 'STRESS_SECONDS=abc is not a number' env DRY_RUN=1 STRESS_SECONDS=abc RESULTS="$tmp" "$S/evidence/stress.sh"
# make debian-versions: a version that is not 6.1's is a usage error; a version
# whose package cannot be had fails, judged only when it is not older
# than the pinned one (apt-get download fails here: no network needed).
check "scripts/evidence/debian-versions.sh 6.2.1: exit 2" \
	exits 2 "'6.2.1' is not a linux-source-6.1 version" env RESULTS="$tmp" "$S/evidence/debian-versions.sh" 6.2.1
check "make debian-versions, an older version that cannot be downloaded: reported, exit 0" \
	exits 0 '^debian-versions: 6\.1\.1-1 FAIL the package could not be downloaded .*\(older than the pinned version: reported\)' \
	env PATH="$tmp/noapt:$PATH" CACHE="$tmp/cache" BUILD="$tmp/build-debian-versions" RESULTS="$tmp/debian-versions-old" "$S/evidence/debian-versions.sh" 6.1.1-1
check "make debian-versions, a version newer than the pinned one that cannot be downloaded: exit 1" \
	exits 1 '^debian-versions: 6\.1\.999-1 FAIL the package could not be downloaded' \
	env PATH="$tmp/noapt:$PATH" CACHE="$tmp/cache" BUILD="$tmp/build-debian-versions" RESULTS="$tmp/debian-versions-new" "$S/evidence/debian-versions.sh" 6.1.999-1
# A series naming a patch that does not exist: 3, from the script.
printf 'no-such.patch\n' >"$tmp/series"
check "scripts/steps/tree.sh, a patch that does not exist: exit 3" \
	exits 3 'names no-such.patch, which does not exist' \
	env SERIES_FILE="$tmp/series" TREE="$tmp/tree" RESULTS="$tmp" "$S/steps/tree.sh"
# The reproducer's KERNEL@MACHINE: a machine that does not exist, or
# none, is exit 2 before anything is built.
check "scripts/evidence/reproducer.sh base@no-such-machine: exit 2, the machines listed" \
	exits 2 "unknown machine 'no-such-machine'; machines: .*arm64-virt-smmuv3-a57" \
	env DRY_RUN=1 RESULTS="$tmp" "$S/evidence/reproducer.sh" base@no-such-machine
check "scripts/evidence/reproducer.sh base@ (no machine): exit 2" \
	exits 2 "'base@' names no machine" env DRY_RUN=1 RESULTS="$tmp" "$S/evidence/reproducer.sh" base@
# make exits 2 for any failure, and prints the script's own code.
check "make boot with an unknown machine: make names exit code 2" \
	exits 2 'make: boot: exit code 2' make -s -C "$TOP" boot MACHINE=no-such-machine RESULTS="$tmp"
# A dry run prints the build and the boot, and runs neither.
check "DRY_RUN=1 scripts/steps/run.sh prints the kernel build and the boot" \
	exits 0 "^\+ timeout -k 10 900 qemu-system-aarch64 -machine virt,iommu=smmuv3 .* -cpu max " \
	env DRY_RUN=1 BUILD="$tmp/build" RUN_RESULTS="$tmp/dry" "$S/steps/run.sh"
check "DRY_RUN=1 scripts/steps/run.sh made no tree and no kernel" \
	test ! -e "$tmp/build/tree" -a ! -e "$tmp/dry/console.log"
# A Bochs machine boots through scripts/steps/bochs_run.py, its bochsrc and CPU
# from the machine file, with the command line a QEMU machine gets.
check "DRY_RUN=1 MACHINE=x86_64-bochs-vmx scripts/steps/run.sh prints the Bochs boot" \
	exits 0 "^\+ timeout -k 10 3600 .*/scripts/steps/bochs_run.py --bochsrc .*/config/bochs/x86_64-vmx.bochsrc --cpu corei7_haswell_4770 .* --append 'console=ttyS0,115200 panic=-1 guest.mode=test guest.plan=/kselftest/kvm/tests.plan" \
	env DRY_RUN=1 MACHINE=x86_64-bochs-vmx BUILD="$tmp/build-bochs" RUN_RESULTS="$tmp/dry-bochs" "$S/steps/run.sh"
# The mutation judge (harness.judge.kunit): tests/unit/test_judge_kunit.py.
# The kernel builds' compiler command: an assembler source that pulls a
# file in with .incbin (x86's piggy.S: the vmlinux of a bzImage) is
# compiled afresh, never served by ccache's depend mode from an earlier
# build (plain ccache in depend mode returns the first blob's object).
incbin_fresh() {	# compiler-command...: the second object holds the second blob
	local d=$tmp/incbin
	rm -rf "$d" && mkdir -p "$d"
	printf '.section .data\n.incbin "%s"\n' "$d/blob.bin" >"$d/piggy.S"
	echo AAAA >"$d/blob.bin"
	# Older than a second: ccache caches nothing it thinks is being written.
	touch -d '-2 seconds' "$d/piggy.S"
	CCACHE_DIR=$d/ccache CCACHE_DEPEND=1 "$@" gcc -Wp,-MMD,"$d/a.d" -c "$d/piggy.S" -o "$d/a.o"
	echo BBBB >"$d/blob.bin"
	CCACHE_DIR=$d/ccache CCACHE_DEPEND=1 "$@" gcc -Wp,-MMD,"$d/b.d" -c "$d/piggy.S" -o "$d/b.o"
	objcopy -O binary -j .data "$d/b.o" "$d/b.bin" && grep -q BBBB "$d/b.bin"
}
check "ccache-cc: a source with .incbin is compiled afresh, not served stale" \
	incbin_fresh "$S/steps/ccache-cc"
check "plain ccache in depend mode serves that object stale (what ccache-cc avoids)" \
	eval '! incbin_fresh ccache'
# A machine's Kconfig fragments in order, a later line for a symbol
# replacing the earlier one (x86_64-q35-kunit-drivers turns ACPI back on).
"$PYTHON" "$S/steps/machine.py" kunit-qemu x86_64-q35-kunit-drivers "$tmp/x86-drivers-qemu.py" 2>"$tmp/out" || true
check "machine.py: x86_64-q35-kunit-drivers has CONFIG_ACPI=y and not the fragment it overrides" \
	eval "grep -q 'CONFIG_ACPI=y' '$tmp/x86-drivers-qemu.py' && ! grep -q 'CONFIG_ACPI is not set' '$tmp/x86-drivers-qemu.py'"
# The parts of patches/series: the series' own tests are in 'all' and
# not in 'test-only' (what the base is tested with) nor in 'fixes'.
cat >"$tmp/series" <<EOS
up-1.patch
# test-only: not for upstream
t-base.patch
$SERIES_TESTS_LINE
t-series.patch
EOS
# (none of these patches says Cc: stable, so 'fixes' is the test-only part)
: >"$tmp/up-1.patch"
: >"$tmp/t-base.patch"
: >"$tmp/t-series.patch"
parts() { for p in all upstream test-only series-tests fixes; do echo "$p: $(SERIES_FILE=$tmp/series series_patches $p | tr '\n' ' ')"; done; }
check "series_patches: the series' tests only in all and series-tests" \
	diff <(parts) <(printf '%s\n' 'all: up-1.patch t-base.patch t-series.patch ' 'upstream: up-1.patch ' \
		'test-only: t-base.patch ' 'series-tests: t-series.patch ' 'fixes: t-base.patch ')
# The mainline series' form: its last upstream patch, after
# $UPSTREAM_TESTS_LINE, is a test of upstream's code that the base gets too.
cat >"$tmp/series" <<EOS
up-1.patch
$UPSTREAM_TESTS_LINE
up-kunit.patch
# test-only: not for upstream
t-base.patch
EOS
: >"$tmp/up-kunit.patch"
parts2() { for p in all upstream upstream-tests test-only test-only-patches fixes; do echo "$p: $(SERIES_FILE=$tmp/series series_patches $p | tr '\n' ' ')"; done; }
check "series_patches: the upstream tests in upstream and in what the base gets" \
	diff <(parts2) <(printf '%s\n' 'all: up-1.patch up-kunit.patch t-base.patch ' 'upstream: up-1.patch up-kunit.patch ' \
		'upstream-tests: up-kunit.patch ' 'test-only: up-kunit.patch t-base.patch ' \
		'test-only-patches: t-base.patch ' 'fixes: up-kunit.patch t-base.patch ')
# SERIES names a file of config/series/: an unknown name is a usage
# error that lists them; mainline's patches and trees are its own.
unknown_series() {
	local out rc=0
	out=$(SERIES=nope bash -c ". '$S/lib.sh'" 2>&1) || rc=$?
	[ $rc = "$EXIT_USAGE" ] && grep -q "unknown series 'nope'; the series are: 6.1 mainline" <<<"$out"
}
check "SERIES=nope: exit $EXIT_USAGE, naming the series" unknown_series
check "SERIES=mainline: patches/mainline/series, built under build/mainline, on linux-source-6.12" \
	test "$(env -u BUILD -u TREE -u SERIES_FILE SERIES=mainline bash -c ". '$S/lib.sh'; echo \$SERIES_FILE \$TREE \$S_SOURCE_PACKAGE")" = \
	"$TOP/patches/mainline/series $TOP/build/mainline/tree linux-source-6.12"
# make help names every target of the Makefile.
help_names_all() {
	local t missing= help
	help=$(make -s -C "$TOP" help)
	for t in $(sed -n '/^\.PHONY:/,/[^\\]$/p' "$TOP/Makefile" | tr -d '\\' | sed 's/^\.PHONY://'); do
		[ "$t" = help ] || grep -qE "^  make $t( |$)" <<<"$help" || missing="$missing $t"
	done
	[ -z "$missing" ] || { echo "make help does not name:$missing"; return 1; }
}
check "make help names every .PHONY target of the Makefile" help_names_all
# The counts README.md and docs/*.md state (patches, reproducer and KUnit
# cases, mutants) are the tree's (scripts/evidence/readme_facts.py).
check "README.md's and docs/*.md's counts are the tree's (scripts/evidence/readme_facts.py check)" \
	"$PYTHON" "$S/evidence/readme_facts.py" check
# README.md's table of exit codes is config/exit-codes.
readme_codes() {
	sed -n 's/^| \([0-9]\) | `EXIT_\([A-Z_]*\)` | \(.*\) |$/\1 \2 \3/p' "$TOP/README.md"
}
check "README.md's exit codes are config/exit-codes" \
	cmp <(readme_codes) <(grep -v '^#' "$TOP/config/exit-codes")
[ $failed = 0 ] || exit $EXIT_TEST_FAILED
