#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Interchange benchmark (issue 5): converting N spans (default 1,000,000) from a Scholiast sidecar
to doccano JSONL (UTF-16 offsets) with scholiast-cli, and the same conversion written with Python's
json module, side by side in one run. Both outputs are compared byte for byte.

usage: run_bench.py --cli build/app/scholiast-cli [--spans 1000000] [--repeat 3] [--workdir DIR]
The input (a generated document with 5% non-BMP characters and its sidecar) is written to
--workdir, never committed.
"""
import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time

PYTHON_CONVERSION = r'''
import bisect, json, sys
doc_path, sidecar_path, out_path = sys.argv[1:4]
with open(doc_path, encoding="utf-8-sig", newline="") as f:
    text = f.read()
with open(sidecar_path, encoding="utf-8") as f:
    sidecar = json.load(f)
astral = [i for i, c in enumerate(text) if ord(c) > 0xFFFF]  # code points that are 2 UTF-16 units
labels = []
for a in sorted(sidecar["annotations"], key=lambda a: (a["start"], a["end"], a["label"], a["id"])):
    start, end = a["start"], a["end"]
    if text[start:end] != a["text"]:
        sys.exit("text mismatch at %d" % start)
    labels.append([start + bisect.bisect_left(astral, start), end + bisect.bisect_left(astral, end), a["label"]])
with open(out_path, "w", encoding="utf-8") as f:
    f.write(json.dumps({"text": text, "label": labels, "id": sidecar["document"]["name"]}, ensure_ascii=False) + "\n")
'''


def generate(workdir, spans):
    rng = random.Random(5)
    words = ["harbour", "market", "claim", "quote", "panel", "시장", "桜餅", "café", "naïve", "Zürich"]
    astral = ["😀", "👍🏽", "🇳🇿", "📰", "𝔘"]
    parts, length = [], 0
    target = spans * 12  # code points: room for spans of 3-40 code points, overlapping some
    while length < target:
        w = rng.choice(astral) if rng.random() < 0.05 else rng.choice(words)
        sep = "\r\n" if rng.random() < 0.02 else " "
        parts.append(w + sep)
        length += len(w) + len(sep)
    text = "".join(parts)
    data = text.encode("utf-8")
    doc = os.path.join(workdir, "bench.txt")
    with open(doc, "wb") as f:
        f.write(data)
    annotations = []
    for k in range(spans):
        start = rng.randrange(0, len(text) - 50)
        end = start + rng.randrange(3, 40)
        annotations.append({"id": "s%d" % k, "start": start, "end": end, "label": rng.choice(["claim", "quote", "boilerplate"]),
                            "text": text[start:end]})
    annotations.sort(key=lambda a: (a["start"], a["end"], a["label"], a["id"]))
    sidecar = {"format": "scholiast", "version": 1,
               "document": {"name": "bench.txt", "sha256": hashlib.sha256(data).hexdigest(), "length": len(text)},
               "labels": [{"name": "claim", "color": "#e69f00", "key": "1"}, {"name": "quote", "color": "#56b4e9", "key": "2"},
                          {"name": "boilerplate", "color": "#009e73", "key": "3"}],
               "annotations": annotations}
    with open(doc + ".scholiast.json", "w", encoding="utf-8") as f:
        json.dump(sidecar, f, ensure_ascii=False)
    return doc


def timed(command):
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--spans", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir")
    args = parser.parse_args()
    workdir = args.workdir or tempfile.mkdtemp(prefix="scholiast-ix-bench-")
    os.makedirs(workdir, exist_ok=True)
    doc = generate(workdir, args.spans)
    script = os.path.join(workdir, "convert.py")
    with open(script, "w", encoding="utf-8") as f:
        f.write(PYTHON_CONVERSION)
    cli_out, py_out = os.path.join(workdir, "cli.jsonl"), os.path.join(workdir, "python.jsonl")
    cli_times, py_times = [], []
    for _ in range(args.repeat):  # interleaved, so that both see the same machine state
        cli_times.append(timed([args.cli, "export", "--to", "doccano", "-o", cli_out, doc]))
        py_times.append(timed([sys.executable, script, doc, doc + ".scholiast.json", py_out]))
    with open(cli_out, "rb") as a, open(py_out, "rb") as b:
        same = a.read() == b.read()
    cli, py = min(cli_times), min(py_times)
    print("spans: %d, document: %.1f MB" % (args.spans, os.path.getsize(doc) / 1e6))
    print("scholiast-cli export --to doccano: best %.2f s of %s" % (cli, ", ".join("%.2f" % t for t in cli_times)))
    print("Python json conversion:            best %.2f s of %s" % (py, ", ".join("%.2f" % t for t in py_times)))
    print("ratio (Python / scholiast-cli): %.2fx; outputs byte-identical: %s" % (py / cli, same))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
