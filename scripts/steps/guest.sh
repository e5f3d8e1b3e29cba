#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the guest userspace of $MACHINE, all static: guest-init (C),
# busybox for the interactive shell (if the machine file says
# busybox=yes), and the kselftests the plan names, from
# tools/testing/selftests/<the machine's selftests>, then pack them into
# an initramfs with the kernel's gen_init_cpio. The plan (PLAN, the
# machine's plan otherwise) is installed as /kselftest/<selftests>/tests.plan.
# SELFTESTS_TREE takes the kselftests from another tree than the kernel's
# (a test the series adds, run on the base kernel: scripts/evidence/kvm-vmx.sh).
DRY_RUN_AWARE=1
. "$(dirname "$0")/../lib.sh"
step_init "$@"

[ "$M_RUNNER" = guest ] || die $EXIT_USAGE "machine $MACHINE has no guest userspace (runner=$M_RUNNER)"
CROSS=$M_CROSS_COMPILE
SELFTESTS=$M_SELFTESTS
PLAN=${PLAN:-$TOP/$M_PLAN}
GOUT=${GOUT:-$(guest_out "$PLAN")}
INITRAMFS=$GOUT/initramfs.cpio
[ -f "$PLAN" ] || die $EXIT_USAGE "no test plan $PLAN"
dry || mkdir -p "$GOUT/$SELFTESTS" "$RESULTS"
log=$RESULTS/build-guest.log
dry || : >"$log"

step "guest: init, $SELFTESTS kselftests of $(basename "$PLAN") for $MACHINE"
dry || [ -d "$KOUT/usr/include/linux" ] ||
	die $EXIT_USAGE "no UAPI headers in $KOUT/usr/include: run scripts/steps/kernel.sh first"
bb=
if [ "$M_BUSYBOX" = yes ]; then
	[ "$ARCH" = arm64 ] || die $EXIT_USAGE "machine $MACHINE: busybox is fetched for arm64 only"
	bb=$CACHE/busybox-arm64/bin/busybox
	dry || [ -x "$bb" ] || die $EXIT_USAGE "no $bb: run scripts/steps/deps.sh"
fi

if [ "$TOP/guest/init.c" -nt "$GOUT/init" ]; then
	run_logged "$GOUT/init.log" ${CROSS}gcc -static -O2 -Wall -Wextra -Werror \
		-o "$GOUT/init" "$TOP/guest/init.c" ||
		die $EXIT_BUILD "guest-init did not build (see $GOUT/init.log)"
fi

# The programs the plan runs (third field, after name and timeout, and
# after any NAME=value words, the test's environment): a kselftest (a
# path relative to the plan), or /bin/NAME, the harness's own guest
# program guest/NAME.c (make bench's secondary_tlb_bench).
mapfile -t all_progs < <(awk '!/^[[:space:]]*(#|$)/ {
	i = 3; while (i < NF && $i ~ /^[A-Za-z_][A-Za-z0-9_]*=/) i++
	p = $i; sub("^\\./", "", p); print p }' "$PLAN" | sort -u)
progs=() bins=() targets=()
for p in "${all_progs[@]}"; do
	case $p in
	/bin/*) [ -f "$TOP/guest/${p#/bin/}.c" ] ||
			die $EXIT_USAGE "$(basename "$PLAN") runs $p, but there is no guest/${p#/bin/}.c"
		bins+=("${p#/bin/}") ;;
	/*) die $EXIT_USAGE "$(basename "$PLAN") runs $p: a plan runs kselftests (relative paths) or /bin/NAME (guest/NAME.c)" ;;
	*) progs+=("$p") targets+=("$GOUT/$SELFTESTS/$p") ;;
	esac
done
[ ${#targets[@]} = 0 ] ||
	run_logged "$log" make -C "${SELFTESTS_TREE:-$TREE}/tools/testing/selftests/$SELFTESTS" \
		ARCH="$ARCH" MACHINE="$ARCH" CC="${CROSS}gcc" EXTRA_CFLAGS=-static \
		KHDR_INCLUDES="-isystem $KOUT/usr/include" OUTPUT="$GOUT/$SELFTESTS" \
		"${targets[@]}" || die $EXIT_BUILD "$SELFTESTS kselftests did not build (see $log)"
dry || mkdir -p "$GOUT/bin"
for b in "${bins[@]}"; do
	[ "$TOP/guest/$b.c" -nt "$GOUT/bin/$b" ] || continue
	run_logged "$GOUT/bin/$b.log" ${CROSS}gcc -static -O2 -Wall -Wextra -Werror \
		-isystem "$KOUT/usr/include" -o "$GOUT/bin/$b" "$TOP/guest/$b.c" ||
		die $EXIT_BUILD "guest/$b.c did not build (see $GOUT/bin/$b.log)"
done

if dry; then
	run gcc -O2 -o "$GOUT/gen_init_cpio" "$TREE/usr/gen_init_cpio.c"
	run sh -c "'$GOUT/gen_init_cpio' '$GOUT/initramfs.list' > '$INITRAMFS'"
	exit 0
fi

# gen_init_cpio needs no root for device nodes; build it for the host.
gen=$GOUT/gen_init_cpio
[ "$TREE/usr/gen_init_cpio.c" -nt "$gen" ] &&
	run gcc -O2 -o "$gen" "$TREE/usr/gen_init_cpio.c"

list=$GOUT/initramfs.list
{
	echo "dir /dev 0755 0 0"
	echo "nod /dev/console 0600 0 0 c 5 1"
	for d in /proc /sys /tmp /huge /bin /etc /kselftest "/kselftest/$SELFTESTS"; do
		echo "dir $d 0755 0 0"
	done
	echo "file /init $GOUT/init 0755 0 0"
	if [ -n "$bb" ]; then
		echo "file /bin/busybox $bb 0755 0 0"
		echo "slink /bin/sh busybox 0777 0 0"
	fi
	echo "slink /kselftest/$SELFTESTS/huge /huge 0777 0 0"
	# Programs in a directory of the selftests (kvm's x86_64/).
	for d in $(printf '%s\n' "${progs[@]}" | sed -n 's|/[^/]*$||p' | sort -u); do
		echo "dir /kselftest/$SELFTESTS/$d 0755 0 0"
	done
	echo "file /kselftest/$SELFTESTS/tests.plan $PLAN 0644 0 0"
	for p in "${progs[@]}"; do
		echo "file /kselftest/$SELFTESTS/$p $GOUT/$SELFTESTS/$p 0755 0 0"
	done
	for b in "${bins[@]}"; do
		echo "file /bin/$b $GOUT/bin/$b 0755 0 0"
	done
} >"$list.new"

# Repack only when an input changed, so an unchanged run stays quick.
if ! cmp -s "$list.new" "$list" || [ ! -f "$INITRAMFS" ] ||
   [ -n "$(find "$GOUT/init" "$GOUT/$SELFTESTS" "$GOUT/bin" "$PLAN" -newer "$INITRAMFS" | head -1)" ]; then
	mv "$list.new" "$list"
	run_logged "$GOUT/cpio.log" sh -c "'$gen' '$list' > '$INITRAMFS'" ||
		die $EXIT_BUILD "gen_init_cpio failed (see $GOUT/cpio.log)"
else
	rm -f "$list.new"
fi
info "initramfs: $INITRAMFS ($(du -h "$INITRAMFS" | cut -f1), $((${#progs[@]} + ${#bins[@]})) test programs)"
