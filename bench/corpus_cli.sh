#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
# The corpus-scale command-line benchmark (docs/PERFORMANCE.md, "Corpus folders"): a generated
# corpus of 10,000 documents with 200 spans each (made once, kept in $TMPDIR), then
# `validate` and `stats` over it, timed with GNU time: wall, CPU and peak memory.
#   bench/corpus_cli.sh [build/app/scholiast-cli] [DOCS] [SPANS]
set -eu
cli=${1:-build/app/scholiast-cli}
docs=${2:-10000}
spans=${3:-200}
here=$(dirname "$0")
corpus=${TMPDIR:-/tmp}/scholiast-corpus-$docs-$spans
if [ ! -e "$corpus/.complete" ]; then
    rm -rf "$corpus"
    python3 "$here/make_corpus.py" "$corpus" "$docs" "$spans"
    touch "$corpus/.complete"
fi
find "$corpus" -type f -exec cat {} + >/dev/null # warm the page cache: the figures are for reading and checking
for command in validate stats; do
    /usr/bin/time -f "$command: %e s wall, %U s user, %S s system, %M KB peak" "$cli" "$command" "$corpus" >/dev/null
done
