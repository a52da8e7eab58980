#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Scholiast and runs the whole test suite with CTest, offscreen (no display needed).
# Arguments go to tools/build.sh (--install-deps, CMake options).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/tools/build.sh" "$@"
build="${SCHOLIAST_BUILD_DIR:-$root/build}"
cd "$build"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j "${SCHOLIAST_JOBS:-2}"
