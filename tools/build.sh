#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
# Configures and builds Scholiast in build/ (Ninja, two jobs). Extra arguments go to CMake.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/tools/setup-debian.sh"
build="${SCHOLIAST_BUILD_DIR:-$root/build}"
launcher=()
if command -v ccache >/dev/null; then
    # Objects are reused across clones and build folders (CI rebuilds from a fresh clone each time):
    # paths are taken relative to the source, and the cache lives outside the clone.
    export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true
    export CCACHE_DIR="${CCACHE_DIR:-/var/cache/scholiast/ccache}"
    if mkdir -p "$CCACHE_DIR" 2>/dev/null && [ -w "$CCACHE_DIR" ]; then
        launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    fi
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" "$@" >/dev/null
cmake --build "$build" -j "${SCHOLIAST_JOBS:-2}"
