#!/usr/bin/env bash
# Configures and builds Scholiast in build/ (Ninja, two jobs). Extra arguments go to CMake.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/tools/setup-debian.sh"
build="${SCHOLIAST_BUILD_DIR:-$root/build}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build" -j "${SCHOLIAST_JOBS:-2}"
