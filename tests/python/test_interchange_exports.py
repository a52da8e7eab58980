#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent checks of scholiast-cli's exports (issue 5): each is loaded with Python's own json
and csv modules (brat with the small reader below), its offsets are applied to the document text
as the receiving tool would, and the result is compared with the Scholiast sidecars.

usage: test_interchange_exports.py EXPORT_DIR SCHEMA DOCUMENT...
"""
import collections
import csv
import json
import os
import sys

import jsonschema

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def read_text(path):
    with open(path, encoding="utf-8-sig", newline="") as f:  # docs/FORMAT.md §2.1
        return f.read()


def spans_of(path):
    with open(path + ".scholiast.json", encoding="utf-8") as f:
        return [(a["start"], a["end"], a["label"], a["text"]) for a in json.load(f)["annotations"]]


out_dir, schema_path, documents = sys.argv[1], sys.argv[2], sys.argv[3:]
docs = {os.path.basename(p): (read_text(p), spans_of(p)) for p in documents}
expected = {name: collections.Counter(spans) for name, (_, spans) in docs.items()}


def compare(fmt, name, got):
    check(collections.Counter(got) == expected[name],
          "%s %s: spans differ: missing %s, extra %s" % (fmt, name, list((expected[name] - collections.Counter(got)))[:3],
                                                           list((collections.Counter(got) - expected[name]))[:3]))


# Scholiast JSONL dataset: code points.
with open(os.path.join(out_dir, "export.jsonl"), encoding="utf-8") as f:
    for line in f:
        record = json.loads(line)
        text = record["text"]
        check(text == docs[record["id"]][0], "jsonl %s: text differs" % record["id"])
        got = []
        for s in record["spans"]:
            check(text[s["start"]:s["end"]] == s["text"], "jsonl: text mismatch %r" % s)
            got.append((s["start"], s["end"], s["label"], text[s["start"]:s["end"]]))
        compare("jsonl", record["id"], got)

# doccano: UTF-16 code units, as its editor counts.
with open(os.path.join(out_dir, "export.doccano"), encoding="utf-8") as f:
    for line in f:
        record = json.loads(line)
        text = record["text"]
        units = text.encode("utf-16-le")
        got = []
        for start, end, label in record["label"]:
            piece = units[2 * start:2 * end].decode("utf-16-le")
            cp_start = len(units[:2 * start].decode("utf-16-le"))
            got.append((cp_start, cp_start + len(piece), label, piece))
        compare("doccano", record["id"], got)

# Label Studio: code points, value.text must be the slice.
with open(os.path.join(out_dir, "export.label-studio"), encoding="utf-8") as f:
    for task in json.load(f):
        text = task["data"]["text"]
        got = []
        for annotation in task["annotations"]:
            for r in annotation["result"]:
                v = r["value"]
                check(text[v["start"]:v["end"]] == v["text"], "label-studio: value.text mismatch %r" % v)
                got += [(v["start"], v["end"], label, v["text"]) for label in v["labels"]]
        compare("label-studio", task["data"]["scholiast_document"], got)

# spaCy / Prodigy: code points; what spaCy's doc.char_span needs.
with open(os.path.join(out_dir, "export.spacy"), encoding="utf-8") as f:
    for line in f:
        record = json.loads(line)
        text = record["text"]
        got = [(s["start"], s["end"], s["label"], text[s["start"]:s["end"]]) for s in record["spans"]]
        for s in record["spans"]:
            check(text[s["start"]:s["end"]] == s["text"], "spacy: text mismatch %r" % s)
        compare("spacy", record["meta"]["scholiast_document"], got)

# W3C: valid against our schema; position selector slices to the quote, prefix and suffix fit.
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
with open(os.path.join(out_dir, "export.w3c"), encoding="utf-8") as f:
    collection = json.load(f)
errors = list(jsonschema.Draft7Validator(schema).iter_errors(collection))
check(not errors, "w3c: schema: %s" % [e.message for e in errors[:3]])
by_doc = collections.defaultdict(list)
for a in collection["first"]["items"]:
    name = a["target"]["source"]["label"]
    text = docs[name][0]
    position = next(s for s in a["target"]["selector"] if s["type"] == "TextPositionSelector")
    quote = next(s for s in a["target"]["selector"] if s["type"] == "TextQuoteSelector")
    start, end = position["start"], position["end"]
    check(text[start:end] == quote["exact"], "w3c: exact mismatch %r" % quote)
    check(text[:start].endswith(quote["prefix"]) and text[end:].startswith(quote["suffix"]), "w3c: context %r" % quote)
    label = next(b["value"] for b in a["body"] if b["purpose"] == "tagging")
    by_doc[name].append((start, end, label, quote["exact"]))
check(collection["total"] == sum(len(v) for v in by_doc.values()), "w3c: total")
for name in docs:
    compare("w3c", name, by_doc.get(name, []))

# CSV: one row per span, code points.
with open(os.path.join(out_dir, "export.csv"), encoding="utf-8", newline="") as f:
    rows = collections.defaultdict(list)
    for row in csv.DictReader(f):
        text = docs[row["document"]][0]
        start, end = int(row["start"]), int(row["end"])
        check(text[start:end] == row["text"], "csv: text mismatch %r" % row)
        rows[row["document"]].append((start, end, row["label"], row["text"]))
for name in docs:
    compare("csv", name, rows.get(name, []))

# CoNLL BIO: every token slices to itself; the tags decode to the spans widened to tokens.
with open(os.path.join(out_dir, "export.conll"), encoding="utf-8") as f:
    lines = f.read().split("\n")
name, columns, tokens = None, [], collections.defaultdict(list)
for line in lines:
    if line.startswith("# document: "):
        name = line[len("# document: "):]
    elif line.startswith("# columns: "):
        columns = line[len("# columns: "):].split(" ")[3:]
    elif line:
        token, start, end, *tags = line.split("\t")
        start, end = int(start), int(end)
        check(docs[name][0][start:end] == token, "conll %s: token %r at %d" % (name, token, start))
        check(len(tags) == len(columns), "conll: columns")
        tokens[name].append((start, end, tags))
for name, (text, spans) in docs.items():
    toks = tokens[name]
    for c, label in enumerate(columns):
        decoded, current = set(), None
        for start, end, tags in toks:
            tag = tags[c]
            if tag.startswith("B-") or tag == "O":
                if current:
                    decoded.add(tuple(current))
                current = [start, end] if tag.startswith("B-") else None
            else:
                check(current is not None and tag == "I-" + label, "conll: I without B")
                if current:
                    current[1] = end
        if current:
            decoded.add(tuple(current))
        wanted, used = set(), set()
        for s in sorted(x for x in spans if x[2] == label):
            covered = [i for i, t in enumerate(toks) if t[0] < s[1] and s[0] < t[1]]
            if not covered or used & set(covered):
                continue  # reported by the exporter: overlap within one label, or no token
            used |= set(covered)
            wanted.add((toks[covered[0]][0], toks[covered[-1]][1]))
        check(decoded == wanted, "conll %s %s: %s != %s" % (name, label, sorted(decoded)[:3], sorted(wanted)[:3]))


# brat, with a small reader that reads the .txt as brat's server does (codecs.open: binary mode, so
# CR is kept and a BOM is a character), T lines only.
def read_brat(base):
    with open(base + ".txt", encoding="utf-8", newline="") as f:
        text = f.read()
    out = []
    with open(base + ".ann", encoding="utf-8", newline="") as f:
        for line in f.read().split("\n"):
            if not line.startswith("T"):
                continue
            _, type_offsets, reference = line.split("\t", 2)
            label, offsets = type_offsets.split(" ", 1)
            ranges = [tuple(map(int, part.split())) for part in offsets.split(";")]
            check(" ".join(text[a:b] for a, b in ranges) == reference, "brat %s: %r" % (base, line))
            out.append((ranges[0][0], ranges[-1][1], label, text[ranges[0][0]:ranges[-1][1]]))
    return text, out


for name, (text, spans) in docs.items():
    brat_text, got = read_brat(os.path.join(out_dir, "brat", name[:-4] if name.endswith(".txt") else name))
    bom = 1 if brat_text.startswith("\ufeff") else 0
    check(brat_text[bom:] == text, "brat %s: the .txt is not the document" % name)
    # Fragments leave out the line breaks at a span's edges (an .ann line cannot hold them).
    want = collections.Counter()
    for a, b, l, t in spans:
        a2 = a + len(t) - len(t.lstrip("\r\n"))
        b2 = b - len(t) + len(t.rstrip("\r\n"))
        if a2 < b2:
            want[(a2 + bom, b2 + bom, l, text[a2:b2])] += 1
    check(collections.Counter(got) == want, "brat %s: spans differ: %s" % (name, list((want - collections.Counter(got)))[:3]))
with open(os.path.join(out_dir, "brat", "annotation.conf"), encoding="utf-8") as f:
    conf = f.read()
check("[entities]" in conf, "brat: annotation.conf has no [entities]")

for failure in failures:
    print("FAIL:", failure)
print("%d documents checked in 8 formats; %d failures" % (len(docs), len(failures)))
sys.exit(1 if failures else 0)
