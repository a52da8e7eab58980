#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Scholiast and runs the whole test suite inside the Debian 13 root (Qt 6.8, KF6),
# entered with `unshare -m chroot`. The source is bind-mounted read-only; the build stays in the
# cache. Exit 3 (with a warning) when the root cannot be made here.
set -euo pipefail
root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Exits with the root script's status (3: skipped) when it cannot make the root.
chroot_dir=$("$root_dir/tools/debian13-root.sh" | tail -n 1)
cache="$(dirname "$chroot_dir")"
mkdir -p "$chroot_dir/src" "$chroot_dir/build" "$chroot_dir/ccache" "$cache/ccache-trixie"
unshare -m /bin/sh -c "
    set -e
    mount --bind '$root_dir' '$chroot_dir/src'
    mount -o remount,bind,ro '$chroot_dir/src'
    mount --bind '$cache/build-trixie' '$chroot_dir/build' 2>/dev/null || { mkdir -p '$cache/build-trixie' && mount --bind '$cache/build-trixie' '$chroot_dir/build'; }
    mount --bind '$cache/ccache-trixie' '$chroot_dir/ccache'
    chroot '$chroot_dir' /bin/sh -c '
        set -e
        mount -t proc proc /proc
        export QT_QPA_PLATFORM=offscreen HOME=/tmp LANG=C.UTF-8
        # Tests install nothing here (tests/interop/run-interop.sh skips instead): this stage
        # checks the build on Qt 6.8 and KF6; the Node interop test runs in the Debian 12 stage.
        export SCHOLIAST_NO_APT=1
        # A fresh clone makes every source newer than the cached build: ccache, keyed on content
        # with paths relative to /src, keeps that from being a full rebuild each time.
        export CCACHE_DIR=/ccache CCACHE_BASEDIR=/src CCACHE_NOHASHDIR=true
        # Warnings are errors here too, except deprecations: the code targets Qt 6.4 (Debian 12),
        # where the replacements of what Qt 6.8 deprecates may not exist yet. They still print.
        cmake -S /src -B /build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSCHOLIAST_WARNINGS_AS_ERRORS=ON \
            -DCMAKE_CXX_FLAGS=-Wno-error=deprecated-declarations -DSCHOLIAST_BUILD_BENCHMARKS=OFF \
            -DCMAKE_CXX_COMPILER_LAUNCHER=ccache >/dev/null
        cmake --build /build -j ${SCHOLIAST_JOBS:-2}
        cd /build && ctest --output-on-failure -j ${SCHOLIAST_JOBS:-2}
    '
"
