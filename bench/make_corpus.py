#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A corpus folder for the corpus-scale command-line benchmark (docs/PERFORMANCE.md):
DOCS news-like documents of SPANS spans each, with their sidecars. With ANNOTATORS, also two
annotators' sidecars of every document, flat in ANNOTATORS/a and ANNOTATORS/b (what `agree` and
`diff` compare by folder); b relabels every 7th span and moves every 11th.

    python3 bench/make_corpus.py OUT [DOCS=10000] [SPANS=200] [ANNOTATORS]
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
    annotators = sys.argv[4] if len(sys.argv) > 4 else None
    if annotators:
        for who in ("a", "b"):
            os.makedirs(os.path.join(annotators, who), exist_ok=True)
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
        header = json.dumps({"name": name, "sha256": hashlib.sha256(data).hexdigest(), "length": len(text)})
        write_sidecar(os.path.join(folder, name + ".scholiast.json"), header, lines, False)
        if annotators:
            for who in ("a", "b"):
                write_sidecar(os.path.join(annotators, who, name + ".scholiast.json"), header, lines, who == "b")


def write_sidecar(path, header, lines, differ):
    records = []
    at = 0
    for i, line in enumerate(lines):
        start, end, label = at, at + len(line), LABELS[i % 3]
        if differ and i % 7 == 3:
            label = LABELS[(i + 1) % 3]
        if differ and i % 11 == 5 and end - start > 4:
            start += 2
        records.append(json.dumps({"id": f"s{i:04d}", "start": start, "end": end, "label": label,
                                   "text": line[start - at:]}, ensure_ascii=False))
        at += len(line) + 2
    sidecar = ('{"format": "scholiast", "version": 1,\n "document": ' + header
               + ',\n "annotations": [\n  ' + ",\n  ".join(records) + "\n ]\n}\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write(sidecar)


if __name__ == "__main__":
    main()
