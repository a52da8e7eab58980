#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Debian packages (scholiast, scholiast-cli) in the Debian 13 root with
# `dpkg-buildpackage -us -uc -b`, runs lintian (no errors allowed), then installs them into a
# clean Debian 13 root of their own (no build dependencies) and checks there that the programs
# run and the installed desktop files validate. Exit 3 (with a warning) when the roots cannot be
# made here. The .deb files are left in $cache/packages.
set -euo pipefail
root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Exits with the root script's status (3: skipped) when it cannot make the root.
chroot_dir=$("$root_dir/tools/debian13-root.sh" | tail -n 1)
cache="$(dirname "$chroot_dir")"
packages="$cache/packages"
rm -rf "$packages" && mkdir -p "$packages" "$cache/ccache-package" "$chroot_dir/src" "$chroot_dir/ccache" "$chroot_dir/packages"

echo "Building the packages in the Debian 13 root" >&2
unshare -m /bin/sh -c "
    set -e
    mount --bind '$root_dir' '$chroot_dir/src'
    mount -o remount,bind,ro '$chroot_dir/src'
    mount --bind '$cache/ccache-package' '$chroot_dir/ccache'
    mount --bind '$packages' '$chroot_dir/packages'
    chroot '$chroot_dir' /bin/sh -c '
        set -e
        mount -t proc proc /proc
        export HOME=/tmp LANG=C.UTF-8
        rm -rf /tmp/package && mkdir -p /tmp/package/scholiast
        # The tree as committed or checked out, without build folders and the npm cache.
        tar -C /src --exclude=./.git --exclude=\"./build*\" --exclude=./tests/interop/node_modules -cf - . \
            | tar -C /tmp/package/scholiast -xf -
        cd /tmp/package/scholiast
        # ccache keyed on content with paths relative to the copy, so each CI run reuses objects.
        export CMAKE_CXX_COMPILER_LAUNCHER=ccache CCACHE_DIR=/ccache CCACHE_BASEDIR=/tmp/package/scholiast \
            CCACHE_NOHASHDIR=true DEB_BUILD_OPTIONS=\"parallel=${SCHOLIAST_JOBS:-2}\"
        dpkg-buildpackage -us -uc -b >/tmp/package/build.log 2>&1 || { tail -40 /tmp/package/build.log; exit 1; }
        cd /tmp/package
        echo \"lintian:\"
        lintian --fail-on error --display-info *.changes
        cp *.deb *.changes /packages/
    '
"
ls -l "$packages"/*.deb >&2

# A clean root (no packages beyond debootstrap's), made once and kept pristine: each run
# installs into a fresh copy of it.
clean=$("$root_dir/tools/debian13-root.sh" trixie-install-root "" | tail -n 1)
scratch="$cache/trixie-install-scratch"
rm -rf "$scratch" && cp -a "$clean" "$scratch"
mkdir -p "$cache/apt-archives-install" "$scratch/packages" "$scratch/samples"
cp "$packages"/scholiast_*.deb "$packages"/scholiast-cli_*.deb "$scratch/packages/" # not the -dbgsym ones
cp "$root_dir"/resources/samples/* "$scratch/samples/"
echo "Installing the packages into a clean Debian 13 root" >&2
unshare -m /bin/sh -c "
    set -e
    mount --bind '$cache/apt-archives-install' '$scratch/var/cache/apt/archives'
    chroot '$scratch' /bin/sh -c '
        set -e
        mount -t proc proc /proc
        export HOME=/tmp LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends ./packages/*.deb >/tmp/install.log 2>&1 \
            || { tail -20 /tmp/install.log; exit 1; }
        # The validators are not dependencies of the package; they check what it installed.
        apt-get install -y -qq --no-install-recommends desktop-file-utils appstream >/dev/null 2>&1
        if dpkg -l | grep -E \"^ii +(cmake|g\\+\\+|qt6-base-dev|libkf6syntaxhighlighting-dev) \"; then
            echo \"error: build dependencies in the install root\"; exit 1
        fi
        version=\$(QT_QPA_PLATFORM=offscreen scholiast --version)
        echo \"\$version\"
        echo \"\$version\" | grep -q KSyntaxHighlighting || { echo \"error: scholiast --version names no KSyntaxHighlighting\"; exit 1; }
        scholiast-cli validate /samples/harbour-bridge-vote.txt
        desktop-file-validate /usr/share/applications/io.github.scholiast.Scholiast.desktop
        appstreamcli validate --no-net /usr/share/metainfo/io.github.scholiast.Scholiast.metainfo.xml
        test -f /usr/share/mime/packages/io.github.scholiast.Scholiast.xml
        test -f /usr/share/icons/hicolor/scalable/apps/io.github.scholiast.Scholiast.svg
        test -f /usr/share/man/man1/scholiast.1.gz && test -f /usr/share/man/man1/scholiast-cli.1.gz
        echo \"package: installed and checked in a clean root\"
    '
"
rm -rf "$scratch"
