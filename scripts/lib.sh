# SPDX-License-Identifier: GPL-2.0
# Common helpers for the harness scripts. Sourced, never executed.

set -euo pipefail

# Exit codes (documented in README.md). A run is failed until its results
# prove otherwise, so the wrappers only ever exit 0 after checking.
readonly EXIT_OK=0
readonly EXIT_TEST_FAILED=1	# a test failed, or a baseline pass regressed
readonly EXIT_USAGE=2		# bad arguments, missing packages, bad KSRC/BASE
readonly EXIT_PATCH=3		# a patch does not apply
readonly EXIT_BUILD=4		# kernel or guest userspace did not build
readonly EXIT_KCONFIG=5		# a requested Kconfig symbol did not survive
readonly EXIT_CRASH=6		# panic, oops, BUG or WARN in the console log
readonly EXIT_TIMEOUT=7		# hung boot or a test that timed out
readonly EXIT_MISSING=8		# no KTAP, missing plan, expected suite absent

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/secondary-tlb}
BUILD=${BUILD:-$TOP/build}
RESULTS=${RESULTS:-$TOP/results/latest}
ARCH=${ARCH:-arm64}
JOBS=${JOBS:-$(nproc)}
export CCACHE_DIR=${CCACHE_DIR:-$CACHE/ccache}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G}
# Depend mode: on a miss, ccache compiles once and takes the headers from
# the compiler's dependency file (kbuild's -Wp,-MMD) instead of running
# the preprocessor first. Measured here on mm/ of the arm64 guest config
# (68 files, empty cache): 47 s against 72 s in the default mode.
export CCACHE_DEPEND=${CCACHE_DEPEND:-1}

# The edited/applied kernel tree and its per-architecture output trees.
# An output tree is a direct subdirectory of the source tree, so kbuild
# uses the relative srctree "..": the compiler sees no absolute path and
# ccache hits across checkouts (CI clones) and across trees (the
# reproducer's base tree), without CCACHE_BASEDIR, whose rewritten paths
# would defeat -fmacro-prefix-map and put "../../tree/" in WARN splats.
TREE=${TREE:-$BUILD/tree}
kout_for() { echo "$TREE/out-$1"; }
KOUT=${KOUT:-$(kout_for "$ARCH")}

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

# Print a command exactly as it will run, then run it.
run() {
	printf '+ %s\n' "$(quote_cmd "$@")" >&2
	"$@"
}

# Like run, but the output goes to a log file; on failure show its tail.
run_logged() {
	local log=$1
	shift
	printf '+ %s > %s 2>&1\n' "$(quote_cmd "$@")" "$log" >&2
	if ! "$@" >"$log" 2>&1; then
		echo "---- last lines of $log ----" >&2
		tail -n 40 "$log" >&2
		return 1
	fi
}

cross_compile_for() {
	case $1 in
	arm64) echo aarch64-linux-gnu- ;;
	x86_64) echo "" ;;
	powerpc) echo powerpc64le-linux-gnu- ;;
	*) die $EXIT_USAGE "unknown architecture '$1'" ;;
	esac
}

# The kernel make command for one architecture and output directory, in
# the array KMAKE_ARGV.
kmake_argv() {
	local arch=$1 out=$2 cross
	shift 2
	cross=$(cross_compile_for "$arch")
	KMAKE_ARGV=(make -C "$TREE" O="$out" ARCH="$arch" CROSS_COMPILE="$cross"
		CC="ccache ${cross}gcc" -j"$JOBS" "$@")
}

kmake() {
	kmake_argv "$@"
	run "${KMAKE_ARGV[@]}"
}

# Run a long command with its output in a log, printing its last log line
# once a minute so a long build shows it is alive.
with_progress() {	# log command...
	local log=$1 pid rc=0
	shift
	printf '+ %s > %s 2>&1\n' "$(quote_cmd "$@")" "$log" >&2
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

# The kernels the reproducer and the KVM run compare, by name: "base" is
# the base plus only the test-only patches, "fixes" the base plus the
# patches marked for stable and the test-only ones, "series" every patch.
# Sets KTREE and KPART.
kernel_tree() {
	case $1 in
	base) KTREE=$BUILD/tree-base KPART=test-only ;;
	fixes) KTREE=$BUILD/tree-fixes KPART=fixes ;;
	series) KTREE=$BUILD/tree KPART=all ;;
	*) die $EXIT_USAGE "unknown kernel '$1' (base, fixes or series)" ;;
	esac
}

# Apply, configure and build the $ARCH kernel in a tree (its output tree
# follows it, see KOUT above): tree results-dir.
build_kernel_in() {
	local s=$TOP/scripts
	env -u KOUT TREE="$1" SERIES_PART="$KPART" "$s/tree.sh" &&
		env -u KOUT TREE="$1" "$s/kconfig.sh" &&
		env -u KOUT TREE="$1" RESULTS="$2" "$s/build-kernel.sh"
}

# Every C file the series touches (base..head) must be compiled by some
# architecture's config: "bisect: PASS|FAIL" per file. The caller's
# function compiled_on ARCH FILE tells. Returns the number of failures.
check_touched_compiled() {	# head arches
	local f a found bad=0
	while IFS= read -r f; do
		found=
		for a in $2; do
			compiled_on "$a" "$f" && found="$found $a"
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

mkdir -p "$CACHE" "$BUILD"
