#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer targets with clang and runs each for a bounded time (default 60 s) on a
# seed corpus made of our own fixtures. Prints executions per target; fails on any crash.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
build="${SCHOLIAST_FUZZ_BUILD_DIR:-$root/build-fuzz}"
launcher=()
if command -v ccache >/dev/null; then
    # As in tools/build.sh: objects reused across CI's fresh clones.
    export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true
    export CCACHE_DIR="${CCACHE_DIR:-/var/cache/scholiast/ccache}"
    if mkdir -p "$CCACHE_DIR" 2>/dev/null && [ -w "$CCACHE_DIR" ]; then
        launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    fi
fi
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" \
    -DSCHOLIAST_BUILD_FUZZERS=ON -DSCHOLIAST_BUILD_APP=OFF -DSCHOLIAST_BUILD_TESTS=OFF \
    -DSCHOLIAST_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build" -j "${SCHOLIAST_JOBS:-2}" >/dev/null
corpus="$build/corpus"
status=0
for target in "$build"/tests/fuzz/fuzz_*; do
    [ -f "$target" ] && [ -x "$target" ] || continue
    name=$(basename "$target")
    mkdir -p "$corpus/$name"
    # Seeds: sidecars and documents we wrote ourselves (tests/data, resources/samples).
    case "$name" in
        fuzz_document) find "$root/tests/data" "$root/resources/samples" -maxdepth 1 -type f ! -name '*.json' -exec cp -n {} "$corpus/$name/" \; ;;
        *) find "$root/tests/data" "$root/resources/samples" -type f \( -name '*.json' -o -name '*.jsonl' -o -name '*.ann' -o -name '*.csv' \) -exec cp -n {} "$corpus/$name/" \; ;;
    esac
    dict=()
    if [ "$name" = fuzz_interchange ]; then
        # Deep nesting within -max_len (issue 14): a dictionary of bracket runs, and generated seeds
        # nested past the readers' limit, as a JSON Lines record and as a Label Studio task.
        dict=(-dict="$root/tests/fuzz/interchange.dict")
        python3 -c 'import sys; sys.stdout.write("{\"text\": \"a\", \"spans\": " + "[" * 30000 + "]" * 30000 + "}\n")' >"$corpus/$name/seed-deep.jsonl"
        python3 -c 'import sys; sys.stdout.write("[{\"data\": {\"text\": \"a\"}, \"annotations\": " + "[{\"r\": " * 3000 + "1" + "}]" * 3000 + "}]")' >"$corpus/$name/seed-deep-labelstudio.json"
    fi
    log="$build/$name.log"
    if "$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 "${dict[@]}" \
        -artifact_prefix="$build/$name-" "$corpus/$name" >"$log" 2>&1; then
        runs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' || echo '?')
        echo "fuzz: $name: $runs runs in ${seconds}s, no crash"
    else
        echo "fuzz: $name: FAILED; see $log" >&2
        tail -30 "$log" >&2
        status=1
    fi
done
exit $status
