#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the guest userspace, all static for $ARCH: guest-init (C), busybox
# for the interactive shell, and the vm kselftests named in the plan, then
# pack them into an initramfs with the kernel's gen_init_cpio.
. "$(dirname "$0")/lib.sh"

[ "$ARCH" = arm64 ] || die $EXIT_USAGE "the guest userspace is built for arm64 only"
CROSS=aarch64-linux-gnu-
GOUT=${GOUT:-$BUILD/$ARCH/guest}
PLAN=${PLAN:-$TOP/guest/vm-tests.plan}
INITRAMFS=$GOUT/initramfs.cpio
mkdir -p "$GOUT/vm" "$RESULTS"
log=$RESULTS/build-guest.log
: >"$log"

step "guest: init, busybox and vm kselftests for $ARCH"
[ -d "$KOUT/usr/include/linux" ] ||
	die $EXIT_USAGE "no UAPI headers in $KOUT/usr/include: run scripts/build-kernel.sh first"
bb=$CACHE/busybox-arm64/bin/busybox
[ -x "$bb" ] || die $EXIT_USAGE "no $bb: run scripts/deps.sh"

if [ "$TOP/guest/init.c" -nt "$GOUT/init" ]; then
	run_logged "$GOUT/init.log" ${CROSS}gcc -static -O2 -Wall -Wextra -Werror \
		-o "$GOUT/init" "$TOP/guest/init.c" ||
		die $EXIT_BUILD "guest-init did not build (see $GOUT/init.log)"
fi

# The programs the plan runs (second field after name and timeout).
mapfile -t progs < <(awk '!/^[[:space:]]*(#|$)/ { sub("^\\./", "", $3); print $3 }' "$PLAN" | sort -u)
targets=()
for p in "${progs[@]}"; do targets+=("$GOUT/vm/$p"); done
run_logged "$log" make -C "$TREE/tools/testing/selftests/vm" \
	ARCH="$ARCH" MACHINE="$ARCH" CC="${CROSS}gcc" EXTRA_CFLAGS=-static \
	KHDR_INCLUDES="-isystem $KOUT/usr/include" OUTPUT="$GOUT/vm" \
	"${targets[@]}" || die $EXIT_BUILD "vm kselftests did not build (see $log)"

# gen_init_cpio needs no root for device nodes; build it for the host.
gen=$GOUT/gen_init_cpio
[ "$TREE/usr/gen_init_cpio.c" -nt "$gen" ] &&
	run gcc -O2 -o "$gen" "$TREE/usr/gen_init_cpio.c"

list=$GOUT/initramfs.list
{
	echo "dir /dev 0755 0 0"
	echo "nod /dev/console 0600 0 0 c 5 1"
	for d in /proc /sys /tmp /huge /bin /etc /kselftest /kselftest/vm; do
		echo "dir $d 0755 0 0"
	done
	echo "file /init $GOUT/init 0755 0 0"
	echo "file /bin/busybox $bb 0755 0 0"
	echo "slink /bin/sh busybox 0777 0 0"
	echo "slink /kselftest/vm/huge /huge 0777 0 0"
	echo "file /kselftest/vm/vm-tests.plan $PLAN 0644 0 0"
	for p in "${progs[@]}"; do
		echo "file /kselftest/vm/$p $GOUT/vm/$p 0755 0 0"
	done
	for f in ${EXTRA_GUEST_FILES:-}; do
		echo "file /kselftest/$(basename "$f") $f 0755 0 0"
	done
} >"$list.new"

# Repack only when an input changed, so an unchanged run stays quick.
if ! cmp -s "$list.new" "$list" || [ ! -f "$INITRAMFS" ] ||
   [ -n "$(find "$GOUT/init" "$GOUT/vm" "$PLAN" -newer "$INITRAMFS" | head -1)" ]; then
	mv "$list.new" "$list"
	run_logged "$GOUT/cpio.log" sh -c "'$gen' '$list' > '$INITRAMFS'" ||
		die $EXIT_BUILD "gen_init_cpio failed (see $GOUT/cpio.log)"
else
	rm -f "$list.new"
fi
info "initramfs: $INITRAMFS ($(du -h "$INITRAMFS" | cut -f1), ${#progs[@]} test programs)"
