#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
# Formats every C++ file of the tree with .clang-format, using Debian 12's clang-format 14 (other
# versions lay some constructs out differently, so one version decides).
#   --check  changes nothing: lists the files that are not formatted and fails if there are any
#            (CI runs this; tools/git-hooks/pre-commit runs it on the files being committed).
#   FILES    only these files.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
formatter="$(command -v clang-format-14 || true)"
if [ -z "$formatter" ]; then
    echo "clang-format-14 is missing (Debian 12: apt-get install clang-format-14)" >&2
    exit 1
fi
check=false
if [ "${1:-}" = "--check" ]; then
    check=true
    shift
fi
if [ $# -gt 0 ]; then
    files=("$@")
else
    mapfile -t files < <(git ls-files '*.cpp' '*.h')
fi
if ! $check; then
    "$formatter" -i "${files[@]}"
    exit 0
fi
unformatted=()
for file in "${files[@]}"; do
    if ! "$formatter" --dry-run -Werror "$file" >/dev/null 2>&1; then
        unformatted+=("$file")
    fi
done
if [ ${#unformatted[@]} -gt 0 ]; then
    printf 'not formatted (tools/format.sh fixes them):\n' >&2
    printf '  %s\n' "${unformatted[@]}" >&2
    exit 1
fi
echo "formatted: ${#files[@]} files"
