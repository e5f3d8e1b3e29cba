#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make debian-versions: the series on every linux-source-6.1 version Debian's
# archive offers (apt-cache madison), oldest first. For each version:
# download the package (apt-get download; nothing is installed), take its
# tarball, apply the whole series with git am (no fuzz) and build the
# arm64 kernel of make run's machine; on the newest and the oldest
# version that builds, boot it and run the reproducer's series cases.
#
#   scripts/evidence/debian-versions.sh [VERSION]...
#
# VERSION defaults to $DEBIAN_VERSIONS_LIST, else every version apt knows.
# Each version builds in a build directory of its own
# (build/debian-versions/<version>), removed afterwards with its unpacked source
# unless DEBIAN_VERSIONS_KEEP=1 (a tree and its arm64 build take about 3 GB); the
# package files are kept in the cache.
#
# Prints one line per version, of the form
#   debian-versions: VERSION PASS applies N/N, builds arm64[, reproducer PASS N/N]
#   debian-versions: VERSION FAIL patch N, <file>, does not apply
# and writes them to results/<date>-debian-versions/debian-versions/table.txt, each
# version's log and build log beside it. Versions older than the pinned
# one (config/source-versions) that fail are reported, not judged: they
# tell where the series' oldest base is. Exits 1 if the pinned version
# or a newer one fails.
RESULTS_NAME=debian-versions
DRY_RUN_AWARE=1
. "$(dirname "$0")/../lib.sh"
step_init "$@"

S=$TOP/scripts
pkg=linux-source-6.1
pinned=$(source_version_pinned $pkg)
out=$RESULTS/debian-versions
debs=$CACHE/debs
mkdir -p "$out" "$debs"
echo "results: $out"

if [ $# -gt 0 ]; then
	versions=("$@")
elif [ -n "${DEBIAN_VERSIONS_LIST:-}" ]; then
	read -r -a versions <<<"$DEBIAN_VERSIONS_LIST"
else
	mapfile -t versions < <(apt-cache madison $pkg 2>/dev/null | awk '{ print $3 }' | sort -uV)
	[ ${#versions[@]} -gt 0 ] ||
		die $EXIT_USAGE "apt knows no version of $pkg: run 'apt-get update' as root (or name the versions: DEBIAN_VERSIONS_LIST=...)"
fi
for v in "${versions[@]}"; do
	[[ $v =~ ^6\.1\.[0-9]+-[0-9A-Za-z.+~]+$ ]] ||
		die $EXIT_USAGE "'$v' is not a $pkg version (e.g. $pinned)"
done
info "versions: ${versions[*]} (pinned: $pinned)"
npatches=$(series_patches all | wc -l)

# The tarball of a version, from its package file (cached).
fetch() {	# version; prints the tarball's path
	local v=$1 tarball deb
	tarball=$debs/${pkg}_$v.tar.xz
	if [ ! -s "$tarball" ]; then
		(cd "$debs" && run apt-get download -q "$pkg=$v") >&2 || return 1
		deb=$(ls "$debs/${pkg}_${v//:/%3a}_"*.deb 2>/dev/null | head -1)
		[ -n "$deb" ] || return 1
		dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/src/$pkg.tar.xz" >"$tarball.tmp" &&
			mv "$tarball.tmp" "$tarball" && rm -f "$deb" || return 1
	fi
	echo "$tarball"
}

judged() {	# version: the pinned version and newer ones must pass
	[ "$(printf '%s\n%s\n' "$1" "$pinned" | sort -V | head -1)" = "$pinned" ]
}

code=0
lines=()
built=()
declare -A result
for v in "${versions[@]}"; do
	step "debian-versions: $pkg $v"
	d=$BUILD/debian-versions/$v
	log=$out/$v.log
	line=
	if dry; then
		run apt-get download "$pkg=$v"
		run env BUILD="$d" RESULTS="$out/$v" DEBIAN_VERSION="$v" \
			SOURCE_TARBALL="$debs/${pkg}_$v.tar.xz" "$S/steps/source.sh"
		run env BUILD="$d" RESULTS="$out/$v" FORCE=1 "$S/steps/tree.sh"
		run env BUILD="$d" RESULTS="$out/$v" "$S/steps/config.sh"
		run env BUILD="$d" RESULTS="$out/$v" "$S/steps/kernel.sh"
		continue
	fi
	if ! tarball=$(fetch "$v" 2>>"$log"); then
		line="FAIL the package could not be downloaded (apt-get download $pkg=$v; $log)"
	elif ! BUILD=$d RESULTS=$out/$v DEBIAN_VERSION=$v SOURCE_TARBALL=$tarball "$S/steps/source.sh" >>"$log" 2>&1; then
		line="FAIL no base tree ($log)"
	elif ! BUILD=$d RESULTS=$out/$v FORCE=1 "$S/steps/tree.sh" >>"$log" 2>&1; then
		line="FAIL $(grep -o 'patch [0-9]*, [^ ]*, does not apply' "$log" | tail -1 | sed 's|patches/||')"
		[ "$line" != "FAIL " ] || line="FAIL the series does not apply ($log)"
	elif ! (export BUILD=$d RESULTS=$out/$v
		"$S/steps/config.sh" && "$S/steps/kernel.sh") >>"$log" 2>&1; then
		line="FAIL applies $npatches/$npatches, the arm64 build fails ($log)"
	else
		line="PASS applies $npatches/$npatches, builds arm64"
		built+=("$v")
	fi
	result[$v]=$line
	echo "debian-versions: $v $line"
done
dry && exit 0

# The reproducer's series cases on the newest and the oldest version
# that built (one, if only one did).
if [ ${#built[@]} -gt 0 ]; then
	booted=("${built[-1]}")
	[ ${#built[@]} = 1 ] || booted+=("${built[0]}")
	for v in "${booted[@]}"; do
		step "debian-versions: the reproducer on $pkg $v"
		rc=0
		BUILD=$BUILD/debian-versions/$v RESULTS=$out/$v-reproducer \
			"$S/evidence/reproducer.sh" series@arm64-virt-smmuv3 >>"$out/$v.log" 2>&1 || rc=$?
		verdict=$(grep -h '^reproducer: .*series/' "$out/$v.log" | tail -1 |
			sed -n 's|^reproducer: series/[^ ]* \(.*\)$|\1|p')
		if [ "$rc" = 0 ] && [ -n "$verdict" ]; then
			result[$v]="${result[$v]}, reproducer $verdict"
		else
			result[$v]="FAIL ${result[$v]#PASS }, reproducer ${verdict:-exit $rc} ($out/$v.log)"
		fi
	done
fi

# Clean up what each version built (DEBIAN_VERSIONS_KEEP=1 keeps it), then the table.
for v in "${versions[@]}"; do
	if [ "${DEBIAN_VERSIONS_KEEP:-0}" != 1 ]; then
		rm -rf "$BUILD/debian-versions/$v"
		[ "$v" = "$pinned" ] || rm -rf "$CACHE/source/${pkg}_$v"
	fi
	note=
	[ "$v" != "$pinned" ] || note=" (pinned)"
	if [ "${result[$v]%% *}" = FAIL ]; then
		if judged "$v"; then
			[ "$code" != 0 ] || code=1
		else
			note="$note (older than the pinned version: reported)"
		fi
	fi
	lines+=("debian-versions: $v ${result[$v]}$note")
done
rmdir "$BUILD/debian-versions" 2>/dev/null || true
step "debian-versions: one line per $pkg version"
printf '%s\n' "${lines[@]}" | tee "$out/table.txt"
oldest=
for v in "${versions[@]}"; do
	case ${result[$v]} in PASS*) oldest=$v; break ;; esac
done
echo "debian-versions: ${#versions[@]} versions; the oldest the series applies to and builds on: ${oldest:-none}" |
	tee -a "$out/table.txt"
exit $code
