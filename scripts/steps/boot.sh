#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot $MACHINE (config/machines/) with its kernel and the guest
# userspace, and run the test plan; the emulator, its arguments, the CPU
# and the console come from the machine file.
#
#   scripts/steps/boot.sh          run the test plan; console in $RESULTS/console.log
#   scripts/steps/boot.sh shell    interactive shell on this terminal
#
# A user's TIMEOUT (seconds for the whole test run; the machine's
# timeout otherwise) and APPEND (more kernel command line). From the
# steps that call it: QEMU_TIMEOUT (in place of TIMEOUT), QEMU_APPEND
# (before APPEND), QEMU_EXTRA (extra QEMU arguments, e.g.
# -trace), QEMU_RNG=0 (no virtio-rng: on arm64 the edu device is then the
# only DMA master behind the SMMU, and every SMMU command in a trace is
# the test's), PLAN (the machine's plan otherwise), GOUT (the guest
# userspace, as guest.sh).
# Before the boot, $RESULTS/run.env records what runs: the machine, the
# kernel's build record (tree, HEAD, base, fragments; build.env of its
# output tree) and the emulator command; $RESULTS/patches.txt lists the
# patches the kernel was built with. The verdict is not made here:
# scripts/steps/summary.sh reads them, the console log and $RESULTS/qemu.status
# (QEMU's exit code, 124 for a timeout, "killed N" for a signal from
# elsewhere). A results directory on a disk with less than
# HARNESS_MIN_FREE_MB (default 256) free is refused (exit 2).
DRY_RUN_AWARE=1
. "$(dirname "$0")/../lib.sh"
step_init "$@"

MODE=${1:-test}
[ "$M_RUNNER" = guest ] ||
	die $EXIT_USAGE "machine $MACHINE is not booted by the harness (runner=$M_RUNNER); guest machines: $(machines_with runner guest | tr '\n' ' ')"
PLAN=${PLAN:-$TOP/$M_PLAN}
GOUT=${GOUT:-$(guest_out "$PLAN")}
cpu=$M_CPU
timeout_s=${QEMU_TIMEOUT:-${TIMEOUT:-$M_TIMEOUT}}
image=$KOUT/$M_IMAGE
initramfs=$GOUT/initramfs.cpio
dry || [ -f "$image" ] || die $EXIT_USAGE "no kernel $image: run scripts/steps/kernel.sh"
dry || [ -f "$initramfs" ] || die $EXIT_USAGE "no $initramfs: run scripts/steps/guest.sh"
dry || [ -f "$KOUT/build.env" ] || die $EXIT_USAGE "no $KOUT/build.env (what $image was built from): run scripts/steps/kernel.sh"
mkdir -p "$RESULTS"
# The console, QEMU's trace and the summary go here: refuse to start a
# run that a full disk would cut short.
dry || disk_space_ok "$RESULTS" || exit $EXIT_USAGE

plan_name=$(basename "$PLAN")
# shellcheck disable=SC2206 # words of the command line
words=(panic=-1 "guest.mode=$MODE" "guest.plan=/kselftest/$M_SELFTESTS/tests.plan" $M_APPEND ${QEMU_APPEND:-} ${APPEND:-})
append=${words[*]}
console=$RESULTS/console.log
if [ "$M_EMULATOR" = bochs ]; then
	# Bochs: the kernel and initramfs on a CD image, the console watched
	# for the guest's end (scripts/steps/bochs_run.py); the same command line.
	[ "$MODE" != shell ] ||
		die $EXIT_USAGE "machine $MACHINE runs under Bochs: no interactive shell (make shell boots QEMU machines)"
	qemu=("$PYTHON" "$TOP/scripts/steps/bochs_run.py" --bochsrc "$TOP/$M_EMULATOR_ARGS"
		--cpu "$cpu" --kernel "$image" --initrd "$initramfs"
		--append "console=$M_CONSOLE $append" --console "$console"
		--work "$RESULTS/bochs")
else
	# shellcheck disable=SC2206 # the machine's arguments are a list of words
	qemu=("$M_EMULATOR" $M_EMULATOR_ARGS)
	[ -z "$cpu" ] || qemu+=(-cpu "$cpu")
	qemu+=(-nic none -kernel "$image" -initrd "$initramfs"
		-append "console=$M_CONSOLE $append" -no-reboot)
	# shellcheck disable=SC2206
	[ "${QEMU_RNG:-1}" = 0 ] || qemu+=($M_RNG)
	# shellcheck disable=SC2206 # QEMU_EXTRA is a list of words on purpose
	qemu+=(${QEMU_EXTRA:-})
fi

if [ "$MODE" = shell ]; then
	step "boot: $MACHINE, interactive shell (Ctrl-a x quits QEMU)"
	run "${qemu[@]}" -nographic -serial mon:stdio
	exit $?
fi

[ "$M_EMULATOR" = bochs ] || qemu+=(-display none -monitor none -serial "file:$console")
if dry; then
	run timeout -k 10 "$timeout_s" "${qemu[@]}"
	exit 0
fi
# What this run is, written before it starts.
{
	cat "$KOUT/build.env"
	env_line RUN_MACHINE "$MACHINE"
	env_line RUN_CPU "$cpu"
	env_line RUN_PLAN "$PLAN"
	env_line RUN_GUEST "$initramfs"
	env_line RUN_TIMEOUT "$timeout_s"
	env_line RUN_STARTED "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
	# The build's number, which the booted kernel's banner must show.
	env_line RUN_KERNEL_BUILD "#$(cat "$KOUT/.version" 2>/dev/null || echo '?')"
	env_line RUN_EMULATOR_COMMAND "$(quote_cmd "${qemu[@]}")"
} >"$RESULTS/run.env"
cp "$KOUT/build-patches.txt" "$RESULTS/patches.txt"
tree_head=$(git -C "$TREE" rev-parse HEAD 2>/dev/null || true)
built_head=$(. "$KOUT/build.env" && echo "$KERNEL_TREE_HEAD")
[ "$tree_head" = "$built_head" ] ||
	info "note: $image was built from $built_head, $TREE is now at $tree_head (run.env records the former)"

step "boot: $MACHINE, test plan $plan_name (timeout ${timeout_s}s)"
printf '%s\n' "$(quote_cmd "${qemu[@]}")" >"$RESULTS/qemu-command.txt"
rm -f "$console" "$RESULTS/qemu.status"
status=0 t0=$SECONDS
run timeout -k 10 "$timeout_s" "${qemu[@]}" 2>"$RESULTS/qemu-stderr.log" || status=$?
# timeout(1) says 124 when it stopped QEMU, 137 when it had to kill it
# after that; a 137 (or any 128+N) before the timeout is a signal from
# elsewhere: "killed N" tells the summary (missing results, exit 8).
if [ "$status" -gt 128 ] && [ "$status" != 137 -o $((SECONDS - t0)) -lt "$timeout_s" ]; then
	echo "killed $((status - 128))" >"$RESULTS/qemu.status"
	info "QEMU was killed by signal $((status - 128)) after $((SECONDS - t0)) s, before its ${timeout_s} s timeout"
else
	echo "$status" >"$RESULTS/qemu.status"
fi
# A full disk cuts the console short: say so next to the result.
disk_space_ok "$RESULTS" || info "warning: $(disk_space_ok "$RESULTS" 2>&1 || true)"
if [ "$status" = 124 ] || [ "$status" = 137 ]; then
	info "QEMU timed out after ${timeout_s}s (console: $console)"
elif [ "$status" -gt 128 ]; then
	:
elif [ "$status" != 0 ]; then
	cat "$RESULTS/qemu-stderr.log" >&2
	[ -s "$console" ] || die $EXIT_USAGE "QEMU failed to start (exit $status)"
	info "QEMU exited with status $status"
fi
info "console: $console ($(wc -l <"$console") lines)"
