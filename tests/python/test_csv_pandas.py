#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 15: the CSV export read with pandas, as a researcher's notebook reads it: every row's offsets
slice the document (read as docs/FORMAT.md §2.1 says) to the row's text, and nothing is lost to
pandas' type guessing (keep_default_na=False keeps a label "NA" a string).

usage: test_csv_pandas.py EXPORT_CSV DOCUMENT...
"""
import os
import sys

import pandas

csv_path, documents = sys.argv[1], sys.argv[2:]
texts = {}
for path in documents:
    with open(path, encoding="utf-8-sig", newline="") as f:
        texts[os.path.basename(path)] = f.read()

frame = pandas.read_csv(csv_path, dtype={"document": str, "label": str, "text": str}, keep_default_na=False,
                        encoding="utf-8")
failures = []
expected = ["document", "start", "end", "label", "text", "note", "annotator", "source", "status", "id", "score",
            "created", "modified"]
if list(frame.columns) != expected:
    failures.append("columns %r" % list(frame.columns))
if str(frame["start"].dtype) != "int64" or str(frame["end"].dtype) != "int64":
    failures.append("start/end are not read as integers: %s %s" % (frame["start"].dtype, frame["end"].dtype))
for row in frame.itertuples(index=False):
    text = texts.get(row.document)
    if text is None:
        failures.append("unknown document %r" % row.document)
    elif text[row.start:row.end] != row.text:
        failures.append("%s %d-%d: %r != %r" % (row.document, row.start, row.end, text[row.start:row.end], row.text))
if set(frame["document"]) != set(texts):
    failures.append("documents %r" % sorted(set(frame["document"])))
for failure in failures:
    print("FAIL:", failure)
print("%d passed, %d failed" % (len(frame) - len(failures), len(failures)))
sys.exit(1 if failures else 0)
