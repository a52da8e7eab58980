#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Scholiast and opens it on the bundled sample article (or on the files given).
#   --install-deps  first installs the Debian packages it needs (tools/build.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_args=()
if [ "${1:-}" = "--install-deps" ]; then
    build_args+=(--install-deps)
    shift
fi
"$root/tools/build.sh" "${build_args[@]}"
build="${SCHOLIAST_BUILD_DIR:-$root/build}"
if [ $# -eq 0 ]; then
    set -- "$root/resources/samples/harbour-bridge-vote.txt"
fi
exec "$build/app/scholiast" "$@"
