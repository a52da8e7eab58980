#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
# Configures and builds Scholiast in build/ (Ninja, two jobs) and shows the configure summary
# (Qt, simdjson, KSyntaxHighlighting, what is built and checked). Extra arguments go to CMake.
#   --install-deps  first installs the Debian packages of tools/debian-packages.txt (apt-get, via
#                   sudo when not root); without it nothing is installed, and missing packages
#                   are named with the command that installs them (the build goes on: some are
#                   only for CI, and CMake stops with its own message if a needed one is missing).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
install_deps=false
cmake_args=()
for arg in "$@"; do
    if [ "$arg" = "--install-deps" ]; then
        install_deps=true
    else
        cmake_args+=("$arg")
    fi
done
if $install_deps; then
    "$root/tools/setup-debian.sh"
elif ! "$root/tools/setup-debian.sh" --check; then
    echo "Install them with: tools/setup-debian.sh (or pass --install-deps)" >&2
fi
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
# The summary: the project's own messages, without CMake's compiler and library probing.
# Under pipefail the pipeline fails with CMake; grep finding nothing to show is not a failure.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" "${cmake_args[@]}" |
    { grep -Ev '^-- (Looking for|Performing Test|Check|Detecting|Found|The CXX|The C |Could NOT find|Configuring done|Generating done|Build files)' || true; }
cmake --build "$build" -j "${SCHOLIAST_JOBS:-2}"
