#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the $ARCH kernel image and the UAPI headers the guest tests use.
# Incremental: kbuild rebuilds only what changed; ccache covers the rest.
. "$(dirname "$0")/lib.sh"

case $ARCH in
arm64) image=Image ;;
x86_64) image=bzImage ;;
powerpc) image=vmlinux ;;
esac

step "kernel: build $ARCH $image in $KOUT"
[ -f "$KOUT/.config" ] || die $EXIT_USAGE "no $KOUT/.config: run scripts/kconfig.sh first"
mkdir -p "$RESULTS"
log=$RESULTS/build-kernel-$ARCH.log
kmake_argv "$ARCH" "$KOUT" $image headers
with_progress "$log" "${KMAKE_ARGV[@]}" || {
	grep -E 'error|Error' "$log" | head -n 20 >&2
	die $EXIT_BUILD "kernel build failed (full log: $log)"
}
grep -E '^\S+:[0-9]+:[0-9]+: warning:' "$log" | sort -u >"$RESULTS/build-warnings-$ARCH.txt" || true
info "built $(ls -l "$KOUT/arch/$ARCH/boot/$image" 2>/dev/null | awk '{print $5}') bytes; $(wc -l <"$RESULTS/build-warnings-$ARCH.txt") compiler warning(s); log: $log"
