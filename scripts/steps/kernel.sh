#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the kernel image of $MACHINE and the UAPI headers the guest tests
# use. Incremental: kbuild rebuilds only what changed; ccache covers the
# rest. Records what it built in <output tree>/build.env and
# build-patches.txt, which boot.sh copies into the run's results.
DRY_RUN_AWARE=1
. "$(dirname "$0")/../lib.sh"
step_init "$@"

[ -n "$M_IMAGE_TARGET" ] || die $EXIT_USAGE "machine $MACHINE has no image_target: kunit.py builds its kernels"
step "kernel: build $MACHINE ($ARCH $M_IMAGE_TARGET) in $KOUT"
dry || [ -f "$KOUT/.config" ] || die $EXIT_USAGE "no $KOUT/.config: run scripts/steps/config.sh first"
mkdir -p "$RESULTS"
log=$RESULTS/build-kernel-$MACHINE.log
targets=("$M_IMAGE_TARGET")
[ "$M_RUNNER" != guest ] || targets+=(headers)
kmake_argv "$KOUT" "${targets[@]}"
with_progress "$log" "${KMAKE_ARGV[@]}" || {
	grep -E 'error|Error' "$log" | head -n 20 >&2 || true
	die $EXIT_BUILD "kernel build failed (full log: $log)"
}
! dry || exit 0
grep -E '^\S+:[0-9]+:[0-9]+: warning:' "$log" | sort -u >"$RESULTS/build-warnings-$MACHINE.txt" || true
record_build "$KOUT"
info "built $KOUT/$M_IMAGE ($(stat -c %s "$KOUT/$M_IMAGE") bytes); $(wc -l <"$RESULTS/build-warnings-$MACHINE.txt") compiler warning(s); log: $log"
