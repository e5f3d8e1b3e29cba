#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot the arm64 guest in QEMU virt with an SMMUv3 and two NUMA nodes, or
# (ARCH=x86_64) an x86_64 q35 guest whose -cpu max has SVM and NPT, for
# KVM tests under TCG.
#
#   scripts/boot.sh          run the test plan; console in $RESULTS/console.log
#   scripts/boot.sh shell    interactive shell on this terminal
#
# Tunables: QEMU_CPU (max: hardware dirty-bit management; cortex-a57:
# none), QEMU_TIMEOUT (seconds for the whole test run), QEMU_APPEND (extra
# kernel command line), QEMU_EXTRA (extra QEMU arguments, e.g. -trace),
# QEMU_RNG=0 (no virtio-rng: then the edu device is the only DMA master
# behind the SMMU, and every SMMU command in a trace is the test's).
# The verdict is not made here: scripts/summarize.sh reads the console
# log and $RESULTS/qemu.status (QEMU's exit code, 124 for a timeout).
. "$(dirname "$0")/lib.sh"

MODE=${1:-test}
GOUT=${GOUT:-$BUILD/$ARCH/guest}
QEMU_CPU=${QEMU_CPU:-max}
QEMU_TIMEOUT=${QEMU_TIMEOUT:-900}
case $ARCH in
arm64) image=$KOUT/arch/arm64/boot/Image ;;
x86_64) image=$KOUT/arch/x86/boot/bzImage ;;
*) die $EXIT_USAGE "no QEMU machine for ARCH=$ARCH" ;;
esac
initramfs=$GOUT/initramfs.cpio
[ -f "$image" ] || die $EXIT_USAGE "no kernel $image: run scripts/build-kernel.sh"
[ -f "$initramfs" ] || die $EXIT_USAGE "no $initramfs: run scripts/build-guest.sh"
mkdir -p "$RESULTS"

append="panic=-1 guest.mode=$MODE guest.plan=/kselftest/${SELFTESTS:-vm}/tests.plan ${QEMU_APPEND:-}"
if [ "$ARCH" = arm64 ]; then
	qemu=(qemu-system-aarch64
		-machine virt,iommu=smmuv3 -cpu "$QEMU_CPU" -smp 4 -m 4G
		-object memory-backend-ram,id=mem0,size=2G
		-object memory-backend-ram,id=mem1,size=2G
		-numa node,nodeid=0,cpus=0-1,memdev=mem0
		-numa node,nodeid=1,cpus=2-3,memdev=mem1
		-device edu,dma_mask=0xffffffffffff)
	tty=ttyAMA0
else
	qemu=(qemu-system-x86_64 -machine q35 -cpu "$QEMU_CPU" -smp 2 -m 4G)
	tty=ttyS0
fi
qemu+=(-nic none -kernel "$image" -initrd "$initramfs"
	-append "console=$tty $append" -no-reboot)
[ "${QEMU_RNG:-1}" = 0 ] || qemu+=(-device virtio-rng-pci)
# shellcheck disable=SC2206 # QEMU_EXTRA is a list of words on purpose
qemu+=(${QEMU_EXTRA:-})

if [ "$MODE" = shell ]; then
	step "boot: interactive shell (Ctrl-a x quits QEMU)"
	run "${qemu[@]}" -nographic -serial mon:stdio
	exit $?
fi

step "boot: $ARCH guest, test plan ${SELFTESTS:-vm} (timeout ${QEMU_TIMEOUT}s)"
console=$RESULTS/console.log
printf '%s\n' "$(quote_cmd "${qemu[@]}" -display none -monitor none -serial "file:$console")" \
	>"$RESULTS/qemu-command.txt"
rm -f "$console" "$RESULTS/qemu.status"
status=0
run timeout -k 10 "$QEMU_TIMEOUT" "${qemu[@]}" -display none -monitor none \
	-serial "file:$console" 2>"$RESULTS/qemu-stderr.log" || status=$?
echo "$status" >"$RESULTS/qemu.status"
if [ "$status" = 124 ] || [ "$status" = 137 ]; then
	info "QEMU timed out after ${QEMU_TIMEOUT}s (console: $console)"
elif [ "$status" != 0 ]; then
	cat "$RESULTS/qemu-stderr.log" >&2
	[ -s "$console" ] || die $EXIT_USAGE "QEMU failed to start (exit $status)"
	info "QEMU exited with status $status"
fi
info "console: $console ($(wc -l <"$console") lines)"
