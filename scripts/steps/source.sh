#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Provide the base kernel as a git commit and record it in $BUILD/source.env.
#
# Default: Debian's linux-source-6.1, unpacked once into a cached git
# repository whose single commit is the tarball exactly as shipped.
# With KSRC=/path/to/linux KSRC_REF=<ref>: the user's own git tree at
# KSRC_REF.
# Their repository is only read; the harness clones it with --shared.
# SOURCE_PACKAGE=linux-source-6.12 SOURCE_ENV=<file>: another Debian kernel
# source package the same way (make bench's upstream kernel). The
# version must be config/source-versions's, or DEBIAN_VERSION (6.1 only);
# another base is recorded in SOURCE_NOTE for the summary.
# SOURCE_TARBALL=<linux-source-6.1.tar.xz> DEBIAN_VERSION=<version>: that
# version's tarball taken from its package file instead of the installed
# package (make debian-versions, which builds on every version Debian offers).
DRY_RUN_AWARE=1
. "$(dirname "$0")/../lib.sh"
step_init "$@"
pkg=${SOURCE_PACKAGE:-$S_SOURCE_PACKAGE}

step "source: the kernel source the series applies to"
if [ -n "${KSRC:-}" ]; then
	[ -n "${KSRC_REF:-}" ] || die $EXIT_USAGE "KSRC is set but KSRC_REF is not (e.g. KSRC_REF=v6.1.60)"
	git -C "$KSRC" rev-parse --git-dir >/dev/null 2>&1 ||
		die $EXIT_USAGE "KSRC=$KSRC is not a git repository"
	commit=$(git -C "$KSRC" rev-parse --verify -q "$KSRC_REF^{commit}") ||
		die $EXIT_USAGE "KSRC_REF=$KSRC_REF is not a commit in $KSRC"
	repo=$(cd "$KSRC" && pwd)
	desc="$KSRC_REF ($commit) from $repo"
else
	[ -z "${KSRC_REF:-}" ] || die $EXIT_USAGE "KSRC_REF is set without KSRC"
	want=$(source_version "$pkg")
	if [ -n "${SOURCE_TARBALL:-}" ]; then
		[ -n "${DEBIAN_VERSION:-}" ] ||
			die $EXIT_USAGE "SOURCE_TARBALL is set but DEBIAN_VERSION (its version) is not"
		version=$DEBIAN_VERSION tarball=$SOURCE_TARBALL
	else
		version=$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null) ||
			die $EXIT_USAGE "$pkg is not installed (run: make deps)"
		[ "$version" = "$want" ] ||
			die $EXIT_USAGE "$pkg $version is installed, but the harness builds on $want (config/source-versions${DEBIAN_VERSION:+, DEBIAN_VERSION}): run 'make deps' as root to install it, or DEBIAN_VERSION=$version to build on the installed one"
		tarball=/usr/src/$pkg.tar.xz
	fi
	[ -f "$tarball" ] || die $EXIT_USAGE "$tarball is missing"
	repo=$CACHE/source/${pkg}_$version
	if [ ! -f "$repo/.harness-source-done" ]; then
		info "unpacking $tarball (version $version) into $repo"
		if dry; then
			run tar -C "$repo.tmp" --strip-components=1 -xf "$tarball"
			run git -C "$repo.tmp" init -q
			run git -C "$repo.tmp" add -f -A .
			run git -C "$repo.tmp" commit -q -m "Debian $pkg $version"
			exit 0
		fi
		rm -rf "$repo" "$repo.tmp"
		mkdir -p "$repo.tmp"
		run tar -C "$repo.tmp" --strip-components=1 -xf "$tarball"
		# The tarball's .gitignore ends with a Debian packaging block
		# that ignores every top-level entry ("/*"). Commit the tree
		# exactly as shipped, so force-add.
		(
			cd "$repo.tmp"
			run git init -q
			run git add -f -A .
			GIT_AUTHOR_NAME=$pkg GIT_AUTHOR_EMAIL=debian-kernel@lists.debian.org \
			GIT_COMMITTER_NAME=$pkg GIT_COMMITTER_EMAIL=debian-kernel@lists.debian.org \
			GIT_AUTHOR_DATE="2000-01-01T00:00:00Z" GIT_COMMITTER_DATE="2000-01-01T00:00:00Z" \
				run git commit -q -m "Debian $pkg $version"
			git tag base
		)
		mv "$repo.tmp" "$repo"
		touch "$repo/.harness-source-done"
	fi
	commit=$(git -C "$repo" rev-parse base)
	desc="Debian $pkg $version ($commit)"
fi

# A base other than the pinned one: every summary says so at its top.
note=
pinned=$(source_version_pinned "$pkg")
if [ -n "${KSRC:-}" ]; then
	note="base is $KSRC_REF from KSRC, not Debian $pkg $pinned, which the series was tested on (config/source-versions)"
elif [ "$version" != "$pinned" ]; then
	note="base is $pkg $version (DEBIAN_VERSION), not $pinned, which the series was tested on (config/source-versions)"
fi
info "base: $desc"
[ -z "$note" ] || info "note: $note"
cat >"${SOURCE_ENV:-$BUILD/source.env}" <<EOT
SOURCE_REPO='$repo'
SOURCE_COMMIT='$commit'
SOURCE_DESC='$desc'
SOURCE_NOTE='$note'
EOT
