#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Check for (and, as root, install) the Debian packages the harness needs.
#
#   scripts/steps/deps.sh [bench]
#
# "bench" adds what only make bench needs: the 6.12 kernel source of its
# upstream kernel and gnuplot for its chart.
DRY_RUN_AWARE=1
. "$(dirname "$0")/../lib.sh"
step_init "$@"

# Host packages, and what each machine (config/machines/) needs: its
# emulator, cross compiler and the libraries its static guest tests link with.
PACKAGES="$S_SOURCE_PACKAGE ccache make gcc flex bison bc libssl-dev
	libelf-dev cpio xz-utils rsync git python3 python3-ply python3-git
	perl sparse dpkg-dev"
while IFS= read -r m; do
	PACKAGES="$PACKAGES $("$PYTHON" "$TOP/scripts/steps/machine.py" get "$m" packages)"
done < <("$PYTHON" "$TOP/scripts/steps/machine.py" list)
case ${1:-} in
'') ;;
bench) PACKAGES="$PACKAGES linux-source-6.12 gnuplot-nox" ;;
*) die $EXIT_USAGE "usage: $0 [bench]" ;;
esac
PACKAGES=$(printf '%s\n' $PACKAGES | sort -u | tr '\n' ' ')

step "deps: Debian packages"
missing=()
for p in $PACKAGES; do
	# A kernel source package: the version of config/source-versions (or
	# DEBIAN_VERSION), which may not be the archive's newest.
	want=
	! grep -q "^$p " "$TOP/config/source-versions" || want=$(source_version "$p")
	if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p${want:+=$want}")
	elif [ -n "$want" ] && [ "$(dpkg-query -W -f='${Version}' "$p")" != "$want" ]; then
		info "$p $(dpkg-query -W -f='${Version}' "$p") is installed; the harness builds on $want"
		missing+=("$p=$want")
	fi
done

if [ ${#missing[@]} -eq 0 ]; then
	info "all packages present"
else
	info "missing: ${missing[*]}"
	if [ "$(id -u)" -ne 0 ]; then
		echo "Run as root: dpkg --add-architecture arm64 && apt-get update && apt-get install ${missing[*]}" >&2
		exit $EXIT_USAGE
	fi
	dpkg --print-foreign-architectures | grep -qx arm64 ||
		run dpkg --add-architecture arm64
	run_logged "$CACHE/apt.log" apt-get update ||
		die $EXIT_USAGE "apt-get update failed (see $CACHE/apt.log)"
	DEBIAN_FRONTEND=noninteractive run_logged "$CACHE/apt.log" \
		apt-get install -y --no-install-recommends --allow-downgrades "${missing[@]}" ||
		die $EXIT_USAGE "apt-get install failed (see $CACHE/apt.log; 'apt-cache madison linux-source-6.1' lists the versions Debian's archive has)"
fi

# busybox gives the guest an interactive shell; it is a static arm64
# binary, so fetch the package and unpack it without installing it.
bb=$CACHE/busybox-arm64/bin/busybox
if [ ! -x "$bb" ]; then
	step "deps: busybox-static (arm64) for the guest shell"
	tmp=$(mktemp -d)
	chmod 777 "$tmp"	# apt downloads as the _apt user
	(cd "$tmp" && run apt-get download busybox-static:arm64) ||
		die $EXIT_USAGE "apt-get download busybox-static:arm64 failed"
	run dpkg-deb -x "$tmp"/busybox-static_*_arm64.deb "$CACHE/busybox-arm64"
	rm -rf "$tmp"
fi
info "busybox: $bb"
