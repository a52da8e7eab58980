#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A corpus folder for the corpus-scale command-line benchmark (docs/PERFORMANCE.md):
DOCS news-like documents of SPANS spans each, with their sidecars.

    python3 bench/make_corpus.py OUT [DOCS=10000] [SPANS=200]
"""
import hashlib
import json
import os
import random
import sys

SENTENCES = [
    "The harbour board met on Monday to discuss the bridge.",
    "\u201cWe will open it in May,\u201d said the chair of the board.",
    "Officials said the crossing will cost 41 million euros.",
    "Share this article",
    "\u6e2f\u306e\u6a4b\u306f\u4e94\u6708\u306b\u958b\u901a\u3059\u308b\u3002",
    "Residents \U0001F309 welcomed the vote after six years.",
    "\u00a9 2026 Harbour Gazette",
]
LABELS = ["claim", "quote", "boilerplate"]


def main():
    out = sys.argv[1]
    docs = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    spans = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    rng = random.Random(20)
    for d in range(docs):
        folder = os.path.join(out, f"{d // 1000:02d}")
        os.makedirs(folder, exist_ok=True)
        lines = [SENTENCES[rng.randrange(len(SENTENCES))] for _ in range(spans)]
        text = "\r\n".join(lines) + "\r\n"
        name = f"doc{d:05d}.txt"
        data = text.encode("utf-8")
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
        records = []
        at = 0
        for i, line in enumerate(lines):
            records.append(json.dumps({"id": f"s{i:04d}", "start": at, "end": at + len(line),
                                       "label": LABELS[i % 3], "text": line}, ensure_ascii=False))
            at += len(line) + 2
        sidecar = ('{"format": "scholiast", "version": 1,\n "document": '
                   + json.dumps({"name": name, "sha256": hashlib.sha256(data).hexdigest(), "length": len(text)})
                   + ',\n "annotations": [\n  ' + ",\n  ".join(records) + "\n ]\n}\n")
        with open(os.path.join(folder, name + ".scholiast.json"), "w", encoding="utf-8") as f:
            f.write(sidecar)


if __name__ == "__main__":
    main()
