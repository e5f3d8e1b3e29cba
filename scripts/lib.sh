# SPDX-License-Identifier: GPL-2.0
# Common helpers for the harness scripts. Sourced, never executed:
# sourcing defines and sets variables only; a script then calls
# step_init "$@" (below), which loads the machine and picks RESULTS.

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Exit codes: EXIT_OK, EXIT_TEST_FAILED, EXIT_USAGE, EXIT_PATCH,
# EXIT_BUILD, EXIT_KCONFIG, EXIT_CRASH, EXIT_TIMEOUT, EXIT_MISSING, from
# config/exit-codes (the table in README.md). A run is failed until its
# results prove otherwise, so the scripts only ever exit 0 after checking.
while read -r code name _; do
	case $code in '#'* | '') continue ;; esac
	readonly "EXIT_$name=$code"
done <"$TOP/config/exit-codes"
CACHE=${CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/secondary-tlb}

# Which series: SERIES names a file of config/series/ (6.1, the default,
# or mainline). Its keys become S_<KEY>: S_SERIES_FILE (the series file,
# whose patches are next to it), S_SOURCE_PACKAGE (the Debian kernel
# source it applies to), S_BUILD (where its trees are built), S_VERSION
# (the version make export puts in the subjects).
SERIES=${SERIES:-6.1}
series_load() {	# name
	local file=$TOP/config/series/$1 key value
	if [ ! -f "$file" ]; then
		echo "error: unknown series '$1'; the series are: $(ls "$TOP/config/series" | tr '\n' ' ')" >&2
		exit "$EXIT_USAGE"
	fi
	while IFS='=' read -r key value; do
		# machine.GLOB.KEY lines are scripts/steps/machine.py's.
		case $key in '#'* | '' | machine.*) continue ;; esac
		printf -v "S_${key^^}" '%s' "$value"
	done <"$file"
}
series_load "$SERIES"
BUILD=${BUILD:-$TOP/$S_BUILD}
JOBS=$(nproc)
export CCACHE_DIR=${CCACHE_DIR:-$CACHE/ccache}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G}
# Depend mode: on a miss, ccache compiles once and takes the headers from
# the compiler's dependency file (kbuild's -Wp,-MMD) instead of running
# the preprocessor first. Measured here on mm/ of the arm64 guest config
# (68 files, empty cache): 47 s against 72 s in the default mode.
export CCACHE_DEPEND=${CCACHE_DEPEND:-1}
# The compiler command of the kernel builds: ccache, except for sources
# with .incbin, which depend mode would serve stale (scripts/steps/ccache-cc).
KCC=$TOP/scripts/steps/ccache-cc

# The edited/applied kernel tree and its per-machine output trees.
# An output tree is a direct subdirectory of the source tree, so kbuild
# uses the relative srctree "..": the compiler sees no absolute path and
# ccache hits across checkouts (CI clones) and across trees (the
# reproducer's base tree), without CCACHE_BASEDIR, whose rewritten paths
# would defeat -fmacro-prefix-map and put "../../tree/" in WARN splats.
TREE=${TREE:-$BUILD/tree}

# Debian's python3: the harness's Python scripts need nothing else, and
# it starts at once (a pyenv shim earlier in PATH takes most of a second).
PYTHON=${PYTHON:-$(command -v /usr/bin/python3 || command -v python3)}

# Machines are data: config/machines/<name>, read by scripts/machine.py.
# machine_load NAME sets M_<KEY> for each key of the file (M_ARCH,
# M_CROSS_COMPILE, M_EMULATOR, ...); an unknown name lists the machines
# and exits 2.
machine_load() {
	local vars
	vars=$("$PYTHON" "$TOP/scripts/steps/machine.py" shell "$1") || exit $EXIT_USAGE
	eval "$vars"
}

# The machines whose file says "KEY=VALUE", one name a line.
machines_with() {	# key value
	"$PYTHON" "$TOP/scripts/steps/machine.py" list "$1" "$2"
}

# The machines built after every patch (make bisect, bisect-files,
# warnings): BISECT_MACHINES, or every machine whose file says bisect=yes.
bisect_machines() {
	echo "${BISECT_MACHINES:-$(machines_with bisect yes | tr '\n' ' ')}"
}

# The output tree of the loaded machine in $TREE.
kout() { echo "$TREE/$M_BUILD_DIR"; }
# The guest userspace (initramfs) of the loaded machine and a test plan,
# next to the kernel's output tree.
guest_out() {	# plan
	local p
	p=$(basename "$1")
	echo "$TREE/$M_BUILD_DIR-guest-${p%.plan}"
}

: "${HARNESS_T0:=$(date +%s)}"
export HARNESS_T0

elapsed() {
	local s=$(( $(date +%s) - HARNESS_T0 ))
	printf '%02d:%02d' $((s / 60)) $((s % 60))
}

step() {
	printf '\n==> [%s] %s\n' "$(elapsed)" "$*"
}

info() {
	printf '    %s\n' "$*"
}

die() {
	local code=$1
	shift
	printf 'error: %s\n' "$*" >&2
	exit "$code"
}

# A command line as a shell would read it back; plain words stay plain.
quote_cmd() {
	local a out=
	for a in "$@"; do
		if [[ $a =~ ^[A-Za-z0-9_./:=,@%+-]+$ ]]; then
			out+="$a "
		else
			out+="'${a//\'/\'\\\'\'}' "
		fi
	done
	printf '%s' "${out% }"
}

# DRY_RUN=1: the steps print every command that builds, boots, applies
# or installs (run, run_logged, with_progress) and run none of them; what
# only reads (git rev-parse, dpkg-query) still runs, and the checks of a
# command's output are skipped. A script that does not follow this sets
# no DRY_RUN_AWARE before sourcing this file: a dry run then prints its
# name and stops there.
DRY_RUN=${DRY_RUN:-0}
export DRY_RUN
dry() { [ "$DRY_RUN" = 1 ]; }

# Print a command exactly as it will run, then run it.
run() {
	printf '+ %s\n' "$(quote_cmd "$@")" >&2
	dry || "$@"
}

# Like run, but the output goes to a log file; on failure show its tail.
run_logged() {
	local log=$1
	shift
	printf '+ %s > %s 2>&1\n' "$(quote_cmd "$@")" "$log" >&2
	! dry || return 0
	if ! "$@" >"$log" 2>&1; then
		echo "---- last lines of $log ----" >&2
		tail -n 40 "$log" >&2
		return 1
	fi
}

# The kernel make command for the loaded machine and an output
# directory, in the array KMAKE_ARGV.
kmake_argv() {
	local out=$1
	shift
	KMAKE_ARGV=(make -C "$TREE" O="$out" ARCH="$M_ARCH" CROSS_COMPILE="$M_CROSS_COMPILE"
		CC="$KCC ${M_CROSS_COMPILE}gcc" -j"$JOBS" "$@")
}

# Run a long command with its output in a log, printing its last log line
# once a minute so a long build shows it is alive.
with_progress() {	# log command...
	local log=$1 pid rc=0
	shift
	printf '+ %s > %s 2>&1\n' "$(quote_cmd "$@")" "$log" >&2
	! dry || return 0
	"$@" >"$log" 2>&1 &
	pid=$!
	while ! wait_timeout "$pid" 60; do
		printf '    [%s] %s\n' "$(elapsed)" "$(tail -n 1 "$log" 2>/dev/null | cut -c1-100)"
	done
	wait "$pid" || rc=$?
	return $rc
}

wait_timeout() {	# pid seconds: 0 when pid has exited
	local i
	for ((i = 0; i < $2; i++)); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 1
	done
	! kill -0 "$1" 2>/dev/null
}

# Room for a run's results: at least HARNESS_MIN_FREE_MB (default 256)
# free on the disk holding DIR, else an error message and 1.
disk_space_ok() {	# dir
	local want=${HARNESS_MIN_FREE_MB:-256} free
	free=$(df -Pk "$1" 2>/dev/null | awk 'NR == 2 { print int($4 / 1024) }')
	[ -n "$free" ] || { echo "error: cannot tell the free space of $1 (df)" >&2; return 1; }
	[ "$free" -ge "$want" ] && return 0
	echo "error: $free MB free on the disk of $1, less than the $want MB a run needs (HARNESS_MIN_FREE_MB): free some space" >&2
	return 1
}

# KERNEL[@MACHINE[,MACHINE]] (scripts/evidence/reproducer.sh, scripts/evidence/bench.sh):
# sets SPEC_KERNEL and SPEC_MACHINES (the default machines when the spec
# names none), after loading each machine (an unknown one lists the
# machines and exits 2).
kernel_spec() {	# spec default-machines step
	SPEC_KERNEL=${1%%@*}
	SPEC_MACHINES=$2
	[ "$SPEC_KERNEL" = "$1" ] || SPEC_MACHINES=${1#*@}
	SPEC_MACHINES=${SPEC_MACHINES//,/ }
	[ -n "$SPEC_MACHINES" ] || die $EXIT_USAGE "$3: '$1' names no machine"
	local m
	for m in $SPEC_MACHINES; do
		machine_load "$m"
	done
}

# The version of a Debian kernel source package the harness builds on:
# config/source-versions, or DEBIAN_VERSION for linux-source-6.1.
source_version() {	# package
	local pinned
	pinned=$(awk -v p="$1" '$1 == p { print $2 }' "$TOP/config/source-versions")
	[ -n "$pinned" ] || die $EXIT_USAGE "config/source-versions has no version of $1"
	if [ "$1" = linux-source-6.1 ] && [ -n "${DEBIAN_VERSION:-}" ]; then
		echo "$DEBIAN_VERSION"
	else
		echo "$pinned"
	fi
}
# The pinned version (config/source-versions), whatever DEBIAN_VERSION says.
source_version_pinned() { DEBIAN_VERSION= source_version "$1"; }

# The kernel's kunit.py directory (tools/testing/kunit: kunit_parser.py,
# the KTAP parser the summary uses): $TREE's when it exists, else the
# one of the pinned base package, unpacked once into $CACHE (outside the
# project: a fresh clone with nothing built judges saved logs with it).
kunit_tool_dir() {
	local pkg=linux-source-6.1 version dir tarball
	if [ -f "$TREE/tools/testing/kunit/kunit_parser.py" ]; then
		echo "$TREE/tools/testing/kunit"
		return
	fi
	version=$(source_version_pinned $pkg)
	dir=$CACHE/kunit-tool/${pkg}_$version
	if [ ! -f "$dir/kunit_parser.py" ]; then
		tarball=/usr/src/$pkg.tar.xz
		[ "$(dpkg-query -W -f='${Version}' $pkg 2>/dev/null)" = "$version" ] && [ -f "$tarball" ] ||
			die $EXIT_USAGE "no $TREE and no $pkg $version installed for tools/testing/kunit: run 'make deps' as root"
		rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
		tar -C "$dir.tmp" --strip-components=4 -xJf "$tarball" --wildcards "$pkg/tools/testing/kunit/*" ||
			die $EXIT_USAGE "could not unpack tools/testing/kunit from $tarball"
		rm -rf "$dir" && mv "$dir.tmp" "$dir"
	fi
	echo "$dir"
}

# The kernels a run can boot, by name: "series" every patch (build/tree,
# what make run boots), "base" the base plus only the test-only patches
# (the test driver; nothing the series changes), "fixes" the base plus the
# patches marked for stable and the test-only ones. Sets KTREE (the tree),
# KPART (tree.sh's SERIES_PART) and KDESC (what to print).
kernel_tree() {
	case $1 in
	base) KTREE=$BUILD/tree-base KPART=test-only KDESC="the base plus the test-only patches" ;;
	fixes) KTREE=$BUILD/tree-fixes KPART=fixes KDESC="the base plus the stable fixes and the test-only patches" ;;
	series) KTREE=$BUILD/tree KPART=all KDESC="every patch" ;;
	# The series with one mutation (mutant_apply): no patches applied.
	mutant) KTREE=$MUTANT_TREE KPART= KDESC="the series with a mutation" ;;
	# Upstream's merged form of this work (Debian's linux-source-6.12)
	# with the test-only patches ported to it (patches/series-6.12):
	# make bench compares against it. Its base has a record of its own.
	upstream)
		KTREE=$BUILD/tree-upstream KPART=all
		KDESC="Debian linux-source-6.12 plus the test-only patches for 6.12"
		export SERIES_FILE=$TOP/patches/series-6.12 SOURCE_ENV=$BUILD/source-6.12.env
		SOURCE_PACKAGE=linux-source-6.12 "$TOP/scripts/steps/source.sh" ;;
	*) die $EXIT_USAGE "unknown kernel '$1' (base, fixes, series, upstream or mutant)" ;;
	esac
}

# What QEMU's SMMUv3 received (scripts/evidence/reproducer.sh, scripts/evidence/bench.sh):
# QEMU writes its trace into a FIFO and scripts/evidence/smmu_trace.py counts all
# of it into DIR/smmu-counts.json, keeping the first 16 MiB as
# DIR/qemu-trace.log (a kernel looping on SMMU commands traces tens of MB
# a second). smmu_record_start DIR [--commands] sets SMMU_QEMU_ARGS, the
# QEMU arguments to pass; smmu_record_stop, after QEMU has exited,
# returns 1 if the counts are missing.
smmu_record_start() {	# dir [smmu_trace.py --trace-args options]
	local dir=$1
	shift
	SMMU_FIFO=$dir/qemu-trace.fifo
	SMMU_RECORDER=
	rm -f "$SMMU_FIFO"
	local record=("$PYTHON" "$TOP/scripts/evidence/smmu_trace.py" --record "$SMMU_FIFO"
		--out "$dir/qemu-trace.log" --counts "$dir/smmu-counts.json")
	if dry; then
		run "${record[@]}"
	else
		mkfifo "$SMMU_FIFO"
		"${record[@]}" &
		SMMU_RECORDER=$!
	fi
	SMMU_QEMU_ARGS="-D $SMMU_FIFO $("$PYTHON" "$TOP/scripts/evidence/smmu_trace.py" --trace-args "$@")"
}
smmu_record_stop() {
	local rc=0
	! dry || return 0
	# If QEMU never opened the FIFO, open it here so that the recorder
	# sees the end of it instead of waiting for ever.
	kill -0 "$SMMU_RECORDER" 2>/dev/null && timeout 10 sh -c ': >"$1"' sh "$SMMU_FIFO" || true
	wait "$SMMU_RECORDER" || rc=1
	rm -f "$SMMU_FIFO"
	return $rc
}

# Mutants (scripts/evidence/mutants.sh, scripts/evidence/kvm-vmx.sh) are made in a scratch
# worktree of $TREE. mutant_apply FILE MUTATION resets it to $TREE's HEAD
# and applies MUTATION (scripts/evidence/mutate.py's words, split as a shell
# would) to FILE; it returns 1, with mutate.py's reason, when the
# mutation does not apply.
MUTANT_TREE=$BUILD/tree-mutant

# A scratch worktree of $TREE, its tracked files as at HEAD: the one
# there if it is still $TREE's, else a new one. A worktree of an earlier $TREE (make
# tree clones it again when the source changes) has a .git file naming
# a repository that is gone: it is removed, not used. Dies when git
# fails: the callers run it in an if, where set -e does not stop.
scratch_worktree() {	# dir head
	local dir=$1 head=$2 common want
	want=$(cd "$TREE" && cd "$(git rev-parse --git-common-dir)" && pwd)
	common=$( (cd "$dir" 2>/dev/null && cd "$(git rev-parse --git-common-dir 2>/dev/null)" && pwd) || true)
	if [ -e "$dir/.git" ] && [ "$common" = "$want" ]; then
		run git -C "$dir" checkout -q --force --detach "$head" ||
			die $EXIT_USAGE "cannot reset the worktree $dir to $head"
	else
		[ ! -e "$dir" ] || info "$dir is not a worktree of $TREE: made again"
		rm -rf "$dir"
		git -C "$TREE" worktree prune
		run git -C "$TREE" worktree add -q --force --detach "$dir" "$head" ||
			die $EXIT_USAGE "cannot make the worktree $dir of $TREE"
	fi
}

mutant_apply() {
	local file=$1 mutation=$2 head
	head=$(git -C "$TREE" rev-parse HEAD) || die $EXIT_USAGE "no $TREE: run make tree first"
	scratch_worktree "$MUTANT_TREE" "$head"
	# A word "::" alone separates the edits of a mutant of several.
	"$PYTHON" "$TOP/scripts/evidence/mutate.py" apply "$MUTANT_TREE/$file" "$mutation"
}

# mutant_apply, then the mutant's diff saved in DIFF and printed,
# indented; returns 1 when the mutation does not apply.
mutant_apply_diff() {	# file mutation diff-file
	mutant_apply "$1" "$2" || return 1
	git -C "$MUTANT_TREE" diff >"$3" || die $EXIT_USAGE "no diff of $MUTANT_TREE"
	[ -s "$3" ] || die $EXIT_USAGE "the mutation of $1 changed nothing in $MUTANT_TREE"
	sed 's/^/    /' "$3"
}

# Put the scratch worktree back to $TREE's HEAD, unmutated.
mutant_reset() {
	[ ! -e "$MUTANT_TREE/.git" ] ||
		git -C "$MUTANT_TREE" checkout -q --force --detach "$(git -C "$TREE" rev-parse HEAD)" ||
		die $EXIT_USAGE "cannot reset the worktree $MUTANT_TREE"
}

SERIES_FILE=${SERIES_FILE:-$TOP/$S_SERIES_FILE}
# The line of patches/series after which the test-only patches test the
# series' own code (its callbacks, its KVM reload): they do not apply to
# the base, nor to the stable fixes alone.
SERIES_TESTS_LINE="# test-only, of the series' code (not for the base):"
# The line of a series file after which its last upstream patches are
# tests of upstream's own code (the mainline series' KUnit suite): the
# base is tested with them too.
UPSTREAM_TESTS_LINE="# upstream tests, also applied to the base:"
# The patches of $SERIES_FILE in a part of the series, one file name
# (relative to its directory) a line: all, upstream (before the line "#
# test-only: not for upstream"), test-only (what the base is tested with:
# the upstream tests, then the test-only patches up to
# $SERIES_TESTS_LINE), test-only-patches (the latter alone), upstream-tests
# (the former alone), series-tests (after $SERIES_TESTS_LINE), or fixes
# (the upstream patches marked "Cc: stable@vger.kernel.org", the upstream
# tests and the test-only patches). One file name a line, '#' comments.
series_patches() {
	local part=$1 in_test=0 line
	while IFS= read -r line || [ -n "$line" ]; do
		case $line in
		"$SERIES_TESTS_LINE"*) in_test=2; continue ;;
		"$UPSTREAM_TESTS_LINE"*) in_test=3; continue ;;
		'# test-only'*) in_test=1; continue ;;
		'#'* | '') continue ;;
		esac
		case $part in
		all) echo "$line" ;;
		upstream) [ $in_test = 0 ] || [ $in_test = 3 ] && echo "$line" ;;
		upstream-tests) [ $in_test = 3 ] && echo "$line" ;;
		test-only) [ $in_test = 1 ] || [ $in_test = 3 ] && echo "$line" ;;
		test-only-patches) [ $in_test = 1 ] && echo "$line" ;;
		series-tests) [ $in_test = 2 ] && echo "$line" ;;
		fixes) { [ $in_test = 1 ] || [ $in_test = 3 ] ||
			grep -qx 'Cc: stable@vger.kernel.org' "$(dirname "$SERIES_FILE")/$line"; } &&
			echo "$line" ;;
		*) die $EXIT_USAGE "series_patches: unknown part '$part'" ;;
		esac
	done <"$SERIES_FILE"
	return 0
}

# A judge of harness/judge/ (summary, reproducer, kselftests, kunit):
# judge NAME ARG...
judge() {
	env PYTHONPATH="$TOP" "$PYTHON" -B -m "harness.judge.$1" "${@:2}"
}

# A judge whose last line is "verdict: ...": its lines kept in FILE and
# shown but for that one, the verdict in VERDICT; returns the judge's
# exit code. judged FILE NAME ARG...
judged() {
	local file=$1 rc=0
	shift
	judge "$@" >"$file" || rc=$?
	grep -v '^verdict: ' "$file" || true
	VERDICT=$(sed -n 's/^verdict: //p' "$file")
	return $rc
}

# The verdict lines of a summary (harness/judge/summary.py): its problems, expected
# failures and result, indented.
summary_verdict() {	# summary.txt
	grep -E '^(CRASH|TIMEOUT|MISSING|FAILED|expected failures|result):' "$1" 2>/dev/null |
		sed 's/^/    /' || true
}

# A record file of KEY=value lines, each value quoted for the shell
# (harness/judge/summary.py reads them with shlex): env_line KEY VALUE.
env_line() { printf '%s=%q\n' "$1" "$2"; }

# What the kernel in an output tree was built from, written after each
# build: <output tree>/build.env and build-patches.txt (one "commit
# subject" line per patch applied). boot.sh copies both into the run.
record_build() {	# output-tree
	local o=$1 desc=unknown
	local env=${SOURCE_ENV:-$BUILD/source.env} note=
	[ ! -f "$env" ] || desc=$(. "$env" && echo "$SOURCE_DESC")
	[ ! -f "$env" ] || note=$(. "$env" && echo "${SOURCE_NOTE:-}")
	{
		env_line KERNEL_MACHINE "$MACHINE"
		env_line KERNEL_TREE "$TREE"
		env_line KERNEL_TREE_HEAD "$(git -C "$TREE" rev-parse HEAD)"
		env_line KERNEL_BASE "$(git -C "$TREE" rev-parse -q --verify base || echo none)"
		env_line KERNEL_BASE_DESC "$desc"
		env_line KERNEL_BASE_NOTE "$note"
		env_line KERNEL_SERIES_PART "$(git -C "$TREE" config --get harness.series-part || echo unknown)"
		env_line KERNEL_FRAGMENTS "$(cat "$o.kconfig/fragments" 2>/dev/null || echo unknown)"
		env_line KERNEL_CONFIG "$o/.config"
		env_line KERNEL_IMAGE "$o/$M_IMAGE"
		env_line KERNEL_BUILT "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
	} >"$o/build.env"
	git -C "$TREE" log --reverse --format='%h %s' base..HEAD >"$o/build-patches.txt" 2>/dev/null || :
}

# Steps that check out other commits of $TREE (bisect, warnings) borrow
# it: harness.borrowed-by records who and the commit to return to, so a
# step killed before it could return it is not taken for the user's work
# (tree.sh returns it; export.sh refuses to export it).
tree_borrow() {	# step-name
	git -C "$TREE" config harness.borrowed-by "$1 $(git -C "$TREE" rev-parse HEAD)"
	trap tree_return EXIT
}
tree_return() {
	local by
	by=$(git -C "$TREE" config --get harness.borrowed-by) || return 0
	git -C "$TREE" checkout -q --detach "${by##* }" &&
		git -C "$TREE" config --unset harness.borrowed-by
}

# The objects linked into the vmlinux of an output tree, one path a line
# relative to it, from kbuild's thin archive vmlinux.a: an object left in
# a persistent output tree by an earlier config is not in it.
linked_objects() {	# output-tree
	[ -f "$1/vmlinux.a" ] || die $EXIT_USAGE "no $1/vmlinux.a: that kernel was not built"
	(cd "$1" && ar t vmlinux.a)
}

# The C files at head that #include FILE (a .c file included at the end
# of another, as KUnit suites of static functions are), each with the
# CONFIG_ symbol of the #ifdef/#if IS_ENABLED() line nearest above the
# #include: "includer SYMBOL" lines.
c_includers() {	# head file
	local g
	git -C "$TREE" grep -l -F "#include \"$(basename "$2")\"" "$1" -- "$(dirname "$2")/*.c" 2>/dev/null |
	while IFS= read -r g; do
		g=${g#"$1":}
		git -C "$TREE" show "$1:$g" | awk -v inc="#include \"$(basename "$2")\"" -v g="$g" '
			match($0, /^#if(def|[ \t]+(IS_ENABLED|defined)\()[ \t]*CONFIG_[A-Za-z0-9_]+/) {
				sym = substr($0, RSTART, RLENGTH); sub(/.*CONFIG_/, "CONFIG_", sym) }
			index($0, inc) == 1 && sym != "" { print g, sym; exit }'
	done
}

# Every C file the series touches (base..head) must be compiled by some
# machine's config: "bisect: PASS|FAIL" per file. The caller's function
# compiled_on MACHINE FILE tells; a file #included by another counts as
# compiled where its includer is and the machine's config (the loaded
# machine's output tree) sets the symbol that guards the #include.
# Returns the number of failures.
check_touched_compiled() {	# head machines
	local f a g sym found bad=0
	while IFS= read -r f; do
		found=
		for a in $2; do
			if compiled_on "$a" "$f"; then
				found="$found $a"
				continue
			fi
			machine_load "$a"
			while read -r g sym; do
				if compiled_on "$a" "$g" && grep -qx "$sym=y" "$(kout)/.config" 2>/dev/null; then
					found="$found $a (in $g, $sym)"
					break
				fi
			done < <(c_includers "$1" "$f")
		done
		if [ -n "$found" ]; then
			echo "bisect: PASS compiled $f on$found"
		else
			echo "bisect: FAIL $f is touched by the series but no config compiles it"
			bad=$((bad + 1))
		fi
	done < <(git -C "$TREE" diff --name-only --diff-filter=AM base "$1" -- '*.c' |
		 grep -v '^tools/' || true)
	return $bad
}

# results/latest links to the newest run's results directory.
link_latest() {	# dir
	local l=$TOP/results/latest
	# Older versions of the harness could leave a real directory there.
	[ -L "$l" ] || [ ! -d "$l" ] || mv "$l" "$TOP/results/$(date +%Y%m%d-%H%M%S)-unlinked"
	ln -sfn "$1" "$l"
}

# What every script does first, after sourcing this file (which only
# defines): step_init "$@".
# - A dry run of a script that sets no DRY_RUN_AWARE prints its command
#   line and stops.
# - MACHINE (default arm64-virt-smmuv3) is loaded as M_*; ARCH follows it.
# - The cache and build directories exist.
# - RESULTS: given, or a new results/<date>-<RESULTS_NAME> for a script
#   that sets RESULTS_NAME; another step run alone writes into the latest
#   run's results or, with none yet, into a new directory that becomes
#   the latest.
step_init() {
	if dry && [ "${DRY_RUN_AWARE:-0}" != 1 ]; then
		printf '+ %s  # dry run: what it runs depends on what earlier steps built\n' \
			"$(quote_cmd "$0" "$@")" >&2
		exit 0
	fi
	export MACHINE=${MACHINE:-arm64-virt-smmuv3}
	machine_load "$MACHINE"
	if [ -n "${ARCH:-}" ] && [ "$ARCH" != "$M_ARCH" ]; then
		die $EXIT_USAGE "ARCH=$ARCH, but MACHINE=$MACHINE is $M_ARCH: ARCH follows the machine; choose one with MACHINE= ($("$PYTHON" "$TOP/scripts/steps/machine.py" list | tr '\n' ' '))"
	fi
	ARCH=$M_ARCH
	KOUT=${KOUT:-$(kout)}
	mkdir -p "$CACHE" "$BUILD"
	if [ -z "${RESULTS:-}" ]; then
		if [ -n "${RESULTS_NAME:-}" ]; then
			RESULTS=$TOP/results/$(date +%Y%m%d-%H%M%S)-$RESULTS_NAME
		elif [ -L "$TOP/results/latest" ] && [ -d "$TOP/results/latest/" ]; then
			RESULTS=$TOP/results/latest
		else
			RESULTS=$TOP/results/$(date +%Y%m%d-%H%M%S)-$(basename "$0" .sh)
			mkdir -p "$RESULTS"
			link_latest "$RESULTS"
		fi
	fi
}
