#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
# The corpus-scale command-line benchmark (docs/PERFORMANCE.md, "Corpus folders"): a generated
# corpus of 10,000 documents with 200 spans each (made once, kept in $TMPDIR), then
# `validate`, `stats` and `export` over it, and `agree` / `diff` between two annotators' folders
# of it, timed with GNU time: wall, CPU and peak memory.
#   bench/corpus_cli.sh [build/app/scholiast-cli] [DOCS] [SPANS]
set -eu
cli=${1:-build/app/scholiast-cli}
docs=${2:-10000}
spans=${3:-200}
here=$(dirname "$0")
corpus=${TMPDIR:-/tmp}/scholiast-corpus-$docs-$spans
if [ ! -e "$corpus/.complete" ]; then
    rm -rf "$corpus"
    rm -rf "$corpus-annotators"
    python3 "$here/make_corpus.py" "$corpus" "$docs" "$spans" "$corpus-annotators"
    touch "$corpus/.complete"
fi
# warm the page cache: the figures are for reading and checking
find "$corpus" "$corpus-annotators" -type f -exec cat {} + >/dev/null
measure() {
    label=$1
    shift
    /usr/bin/time -f "$label: %e s wall, %U s user, %S s system, %M KB peak" "$@" >/dev/null
}
for command in validate stats; do
    measure "$command" "$cli" "$command" "$corpus"
done
out=${TMPDIR:-/tmp}/scholiast-corpus-export.jsonl
measure "export --to jsonl" "$cli" export --to jsonl -o "$out" "$corpus"
ls -l "$out"
rm -f "$out"
measure "agree" "$cli" agree "$corpus-annotators/a" "$corpus-annotators/b"
measure "diff" "$cli" diff "$corpus-annotators/a" "$corpus-annotators/b"
