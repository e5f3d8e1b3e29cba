#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Make $KOUT/.config for $MACHINE: the machine's fragments (config/) merged
# on allnoconfig with the kernel's merge_config.sh, then olddefconfig, then
# a check that every symbol a fragment asks for has the value it asked for.
# The .config is only replaced when it changed, so builds stay incremental.
#
# FRAGMENTS overrides the machine's fragment list (file names under
# config/); EXTRA_FRAGMENTS adds to it.
DRY_RUN_AWARE=1
. "$(dirname "$0")/../lib.sh"
step_init "$@"

default=$M_FRAGMENTS
# fragments_if: a fragment for what a patch adds (the test-only driver,
# the series' KUnit suite), merged once the tree defines its symbol.
for cond in $M_FRAGMENTS_IF; do
	IFS=: read -r sym kconfig frag <<<"$cond"
	[ -n "$frag" ] || die $EXIT_USAGE "machine $MACHINE: fragments_if '$cond' is not SYMBOL:Kconfig-file:fragment"
	! grep -q "^config $sym\$" "$TREE/$kconfig" 2>/dev/null || default="$default $frag"
done
FRAGMENTS=${FRAGMENTS:-$default}
[ -n "$FRAGMENTS" ] || die $EXIT_USAGE "machine $MACHINE has no Kconfig fragments"

step "kconfig: $MACHINE ($ARCH) from $FRAGMENTS"
files=()
for f in $FRAGMENTS ${EXTRA_FRAGMENTS:-}; do
	[ -f "$TOP/config/$f" ] || die $EXIT_USAGE "config/$f does not exist"
	files+=("$TOP/config/$f")
done

gen=$KOUT.kconfig
dry || mkdir -p "$gen" "$KOUT"
cross=$M_CROSS_COMPILE
run_logged "$gen/merge_config.log" env -C "$TREE" ARCH="$ARCH" CROSS_COMPILE="$cross" \
	scripts/kconfig/merge_config.sh -n -O "$gen" "${files[@]}" || die $EXIT_KCONFIG "merge_config.sh failed (see $gen/merge_config.log)"
run_logged "$gen/olddefconfig.log" \
	make -C "$TREE" O="$gen" ARCH="$ARCH" CROSS_COMPILE="$cross" olddefconfig ||
	die $EXIT_KCONFIG "olddefconfig failed (see $gen/olddefconfig.log)"

! dry || exit 0
# Every requested value must be in the final .config: a symbol's last
# value, as merge_config.sh lets a later fragment override an earlier one
# (config/debug.config turns off what config/kunit.config turns on).
declare -A want=()
order=()
while IFS= read -r line; do
	case $line in
	CONFIG_*=*) sym=${line%%=*}; val=${line#*=} ;;
	'# CONFIG_'*' is not set') sym=${line#\# }; sym=${sym%% *}; val=n ;;
	*) continue ;;
	esac
	[ -n "${want[$sym]+set}" ] || order+=("$sym")
	want[$sym]=$val
done < <(cat "${files[@]}")
bad=0
for sym in "${order[@]}"; do
	have=$(grep -E "^$sym=" "$gen/.config" | cut -d= -f2- || true)
	[ -n "$have" ] || have=n
	if [ "$have" != "${want[$sym]}" ]; then
		echo "error: $sym: requested ${want[$sym]}, got $have after olddefconfig (dependencies not met?)" >&2
		bad=1
	fi
done
[ $bad = 0 ] || die $EXIT_KCONFIG "requested Kconfig symbols did not survive olddefconfig"

echo $FRAGMENTS ${EXTRA_FRAGMENTS:-} >"$gen/fragments"
if cmp -s "$gen/.config" "$KOUT/.config"; then
	info "$KOUT/.config unchanged"
else
	cp "$gen/.config" "$KOUT/.config"
	info "wrote $KOUT/.config"
fi
