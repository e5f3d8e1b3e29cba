#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Make $KOUT/.config for $ARCH: the fragments in config/ merged on
# allnoconfig with the kernel's merge_config.sh, then olddefconfig, then a
# check that every symbol a fragment asks for has the value it asked for.
# The .config is only replaced when it changed, so builds stay incremental.
#
# FRAGMENTS overrides the fragment list (file names under config/).
. "$(dirname "$0")/lib.sh"

case $ARCH in
arm64) default="guest-base.config mm.config kunit.config arm64.config" ;;
x86_64) default="guest-base.config mm.config kunit.config x86_64.config" ;;
powerpc) default="guest-base.config mm.config kunit.config powerpc.config" ;;
*) default="" ;;
esac
# The test-only patches add the SSID-0 binding and the edu test driver:
# enable them on arm64 whenever the tree has them.
if [ "$ARCH" = arm64 ] && grep -q '^config EDU_SVA_TEST$' "$TREE/drivers/misc/Kconfig"; then
	default="$default edu-sva-test.config"
fi
# The series' KUnit suite: built on every architecture once it is there.
if grep -q '^config SECONDARY_TLB_KUNIT_TEST$' "$TREE/mm/Kconfig"; then
	default="$default secondary-tlb-kunit.config"
fi
FRAGMENTS=${FRAGMENTS:-$default}
[ -n "$FRAGMENTS" ] || die $EXIT_USAGE "no Kconfig fragments for ARCH=$ARCH"

step "kconfig: $ARCH from $FRAGMENTS"
files=()
for f in $FRAGMENTS ${EXTRA_FRAGMENTS:-}; do
	[ -f "$TOP/config/$f" ] || die $EXIT_USAGE "config/$f does not exist"
	files+=("$TOP/config/$f")
done

gen=$KOUT.kconfig
mkdir -p "$gen" "$KOUT"
cross=$(cross_compile_for "$ARCH")
(
	cd "$TREE"
	ARCH=$ARCH CROSS_COMPILE=$cross run_logged "$gen/merge_config.log" \
		scripts/kconfig/merge_config.sh -n -O "$gen" "${files[@]}"
) || die $EXIT_KCONFIG "merge_config.sh failed (see $gen/merge_config.log)"
run_logged "$gen/olddefconfig.log" \
	make -C "$TREE" O="$gen" ARCH="$ARCH" CROSS_COMPILE="$cross" olddefconfig ||
	die $EXIT_KCONFIG "olddefconfig failed (see $gen/olddefconfig.log)"

# Every requested value must be in the final .config.
bad=0
while IFS= read -r line; do
	case $line in
	CONFIG_*=*) sym=${line%%=*}; want=${line#*=} ;;
	'# CONFIG_'*' is not set') sym=${line#\# }; sym=${sym%% *}; want=n ;;
	*) continue ;;
	esac
	have=$(grep -E "^$sym=" "$gen/.config" | cut -d= -f2- || true)
	[ -n "$have" ] || have=n
	if [ "$have" != "$want" ]; then
		echo "error: $sym: requested $want, got $have after olddefconfig (dependencies not met?)" >&2
		bad=1
	fi
done < <(cat "${files[@]}")
[ $bad = 0 ] || die $EXIT_KCONFIG "requested Kconfig symbols did not survive olddefconfig"

echo "$FRAGMENTS ${EXTRA_FRAGMENTS:-}" >"$gen/fragments"
if cmp -s "$gen/.config" "$KOUT/.config"; then
	info "$KOUT/.config unchanged"
else
	cp "$gen/.config" "$KOUT/.config"
	info "wrote $KOUT/.config"
fi
