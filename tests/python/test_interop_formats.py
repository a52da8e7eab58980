#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 15: the interchange fixes checked through scholiast-cli, as a researcher moving data between
tools runs it. One check per point of the issue; the round trips of the "done when" at the end.

usage: test_interop_formats.py SCHOLIAST_CLI FIXTURE_DIR WORK_DIR
"""
import collections
import hashlib
import json
import os
import shutil
import subprocess
import sys

cli, fixtures, work = sys.argv[1], sys.argv[2], sys.argv[3]
failures = []
checks = 0


def check(condition, message):
    global checks
    checks += 1
    if not condition:
        failures.append(message)


def run(*args, expect=0):
    p = subprocess.run([cli, *args], capture_output=True, text=True, encoding="utf-8")
    check(p.returncode == expect, "scholiast-cli %s: exit %d, expected %d\n%s%s"
          % (" ".join(args), p.returncode, expect, p.stdout, p.stderr))
    return p


def fresh(name):
    path = os.path.join(work, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def read_text(path):
    with open(path, encoding="utf-8-sig", newline="") as f:  # docs/FORMAT.md §2.1
        return f.read()


def sidecar_spans(path):
    with open(path + ".scholiast.json", encoding="utf-8") as f:
        return sorted((a["start"], a["end"], a["label"]) for a in json.load(f)["annotations"])


def sidecar(path):
    with open(path + ".scholiast.json", encoding="utf-8") as f:
        return json.load(f)


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def fixture(name):
    return os.path.join(fixtures, name)


# --- 1. Label Studio: regions over line breaks (value.text with \n escaped), one bad region ---
out = fresh("ls-multiline")
p = run("import", "--from", "label-studio", "--out-dir", out, fixture("labelstudio-multiline.json"))
spans = {}
for name in sorted(os.listdir(out)):
    if name.endswith(".scholiast.json"):
        doc = os.path.join(out, name[:-len(".scholiast.json")])
        text = read_text(doc)
        for s in sidecar(doc)["annotations"]:
            spans[s["id"]] = text[s["start"]:s["end"]]
check(spans.get("ml-1") == "market\nhours", "label studio: the multi-line region ml-1 is imported: %r" % spans)
check(spans.get("ml-3") == "runs\r\nuntil", "label studio: the region over a CRLF ml-3 is imported: %r" % spans)
check(set(spans) == {"ml-1", "ml-2", "ml-3", "ml-4"}, "label studio: the four good regions: %r" % sorted(spans))
check("region ml-bad (label broken) is not imported" in p.stderr, "label studio: the bad region is named: " + p.stderr)
check('"Minute\\r\\n"' in p.stderr, "label studio: control characters shown as \\r\\n: " + p.stderr)
check("\r" not in p.stderr, "label studio: no raw CR in messages")
p = run("import", "--from", "label-studio", "--strict", "--out-dir", fresh("ls-strict"),
        fixture("labelstudio-multiline.json"), expect=1)
check(not os.listdir(os.path.join(work, "ls-strict")), "label studio --strict: nothing written")

# --- 2. brat and line endings ---
# Genuine brat data on a CRLF .txt (CR counted): imported as is, without a warning.
out = fresh("brat-asis")
p = run("import", "--from", "brat", "--out-dir", out, fixture("brat-asis-crlf"))
check("warning" not in p.stderr, "brat as-is CRLF: no warning: " + p.stderr)
check("code points" in p.stdout and "CRLF counted as one (detected" not in p.stdout, "brat as-is: unit note: " + p.stdout)
text = read_text(os.path.join(out, "minutes.txt"))
got = {label: text[a:b] for a, b, label in sidecar_spans(os.path.join(out, "minutes.txt"))}
check(got.get("claim") == "reported\r\nthat the well water is safe", "brat as-is: multi-line span: %r" % got)
check(got.get("pen") == "🖋️", "brat as-is: the last span: %r" % got)
check(digest(os.path.join(out, "minutes.txt")) == digest(fixture("brat-asis-crlf/minutes.txt")),
      "brat import: the .txt copied byte for byte")
# Repetitive CRLF text where both readings fit: taken as is, and the note says so.
out = fresh("brat-repetitive")
p = run("import", "--from", "brat", "--out-dir", out, fixture("brat-repetitive-crlf"))
check("ambiguous" not in p.stderr, "brat repetitive CRLF: not refused: " + p.stderr)
check("also match as code points with CRLF counted as one" in p.stdout, "brat repetitive: says which: " + p.stdout)
check(sidecar_spans(os.path.join(out, "snores.txt")) == [(7, 9, "snore"), (12, 14, "snore")],
      "brat repetitive: as is: %r" % sidecar_spans(os.path.join(out, "snores.txt")))
# CRLF-collapsed offsets (older converters) are still detected.
out = fresh("brat-collapsed")
p = run("import", "--from", "brat", "--out-dir", out, fixture("brat-crlf"))
check("CRLF counted as one" in p.stdout, "brat collapsed: detected: " + p.stdout)
# Export: the .txt is the document byte for byte; brat's own reading (as is) gives the spans back.
out = fresh("brat-export")
source = fresh("brat-export-src")
for name in ("emoji-crlf.txt", "bom.txt", "cr-only.txt"):
    shutil.copy(os.path.join(fixtures, "..", name), source)
    shutil.copy(os.path.join(fixtures, "..", name + ".scholiast.json"), source)
p = run("export", "--to", "brat", "-o", out, source)
for name in ("emoji-crlf.txt", "bom.txt", "cr-only.txt"):
    check(digest(os.path.join(out, name)) == digest(os.path.join(source, name)), "brat export %s: byte for byte" % name)
    with open(os.path.join(out, name), encoding="utf-8", newline="") as f:  # what brat's codecs.open reads
        brat_text = f.read()
    shift = 1 if brat_text.startswith("\ufeff") else 0
    with open(os.path.join(out, name[:-4] + ".ann"), encoding="utf-8", newline="") as f:
        for line in f.read().split("\n"):
            if line.startswith("T"):
                _, offsets, reference = line.split("\t", 2)
                ranges = [tuple(map(int, r.split())) for r in offsets.split(" ", 1)[1].split(";")]
                check(" ".join(brat_text[a:b] for a, b in ranges) == reference,
                      "brat export %s: brat's check fails on %r" % (name, line))
    expected = sidecar_spans(os.path.join(source, name))
    back = fresh("brat-back-" + name)
    run("import", "--from", "brat", "--out-dir", back, os.path.join(out, name[:-4] + ".ann"))
    got = sidecar_spans(os.path.join(back, name))
    text = read_text(os.path.join(source, name))
    # An .ann line cannot hold a line break: spans that begin or end with one are narrowed (reported).
    trimmed = sorted(set((a + len(text[a:b]) - len(text[a:b].lstrip("\r\n")),
                          b - len(text[a:b]) + len(text[a:b].rstrip("\r\n")), label) for a, b, label in expected))
    check(got == trimmed, "brat round trip %s: %r != %r" % (name, got[:4], trimmed[:4]))

# --- 3. W3C from browser clients: UTF-16 over LF text, quote fallback, one unplaceable annotation ---
out = fresh("w3c-browser")
shutil.copy(fixture("w3c-browser-crlf.txt"), out)
doc = os.path.join(out, "w3c-browser-crlf.txt")
p = run("import", "--from", "w3c", "--document", doc, fixture("w3c-browser-crlf.jsonld"))
check("UTF-16 code units over the text with CRLF read as LF" in p.stdout, "w3c: utf16-lf detected: " + p.stdout)
check("2 annotations placed by their TextQuoteSelector" in p.stdout
      and "urn:client:5" in p.stdout and "urn:client:6" in p.stdout, "w3c: placed by quote named: " + p.stdout)
check("annotation urn:client:7 (label missing) is not imported" in p.stderr, "w3c: unplaceable named: " + p.stderr)
text = read_text(doc)
got = {label: text[a:b] for a, b, label in sidecar_spans(doc)}
check(got == {"flag": "🇨🇭", "person": "Nurse 👩🏽‍⚕️", "beds": "bed 4\r\nand bed 5", "end": "😴", "day": "Monday",
              "time": "noon"}, "w3c: spans %r" % got)
# Export: grapheme-safe context, --offsets utf16 / utf16-lf.
source = fresh("w3c-export-src")
shutil.copy(os.path.join(fixtures, "..", "emoji-crlf.txt"), source)
shutil.copy(os.path.join(fixtures, "..", "emoji-crlf.txt.scholiast.json"), source)
text = read_text(os.path.join(source, "emoji-crlf.txt"))
for unit in ("codepoint", "utf16", "utf16-lf"):
    target = os.path.join(work, "w3c-%s.jsonld" % unit)
    run("export", "--to", "w3c", "--offsets", unit, "-o", target, source)
    with open(target, encoding="utf-8") as f:
        items = json.load(f)["first"]["items"]
    view = text.replace("\r\n", "\n") if unit == "utf16-lf" else text
    units = view.encode("utf-16-le")
    for a in items:
        position = next(s for s in a["target"]["selector"] if s["type"] == "TextPositionSelector")
        quote = next(s for s in a["target"]["selector"] if s["type"] == "TextQuoteSelector")
        if unit == "codepoint":
            start, end = position["start"], position["end"]
        else:
            start = len(units[:2 * position["start"]].decode("utf-16-le"))
            end = len(units[:2 * position["end"]].decode("utf-16-le"))
        check(view[start:end] == quote["exact"], "w3c %s: exact %r" % (unit, quote))
        check(view[:start].endswith(quote["prefix"]) and view[end:].startswith(quote["suffix"]), "w3c %s: context" % unit)
        # No context starts or ends inside a cluster: not with a combining mark, ZWJ, skin tone or
        # the second half of a flag, nor ends before one.
        first = quote["prefix"][:1]
        check(not first or not (0x1F3FB <= ord(first) <= 0x1F3FF or first in "\u200d\u0301\u0308\ufe0f")
              and not (0x1F1E6 <= ord(first) <= 0x1F1FF and len(view[:start]) > len(quote["prefix"])
                       and 0x1F1E6 <= ord(view[start - len(quote["prefix"]) - 1]) <= 0x1F1FF
                       and (start - len(quote["prefix"])) % 2 == 1),
              "w3c %s: prefix starts inside a cluster: %r" % (unit, quote["prefix"]))
        after = view[end + len(quote["suffix"]):end + len(quote["suffix"]) + 1]
        check(not after or not (0x1F3FB <= ord(after) <= 0x1F3FF or after in "\u200d\u0301\u0308\ufe0f"),
              "w3c %s: suffix ends inside a cluster: %r + %r" % (unit, quote["suffix"], after))

# A quote with a typo and no position is placed by the bounded approximate search, as Hypothesis does.
fuzzy = os.path.join(work, "w3c-fuzzy.jsonld")
with open(fuzzy, "w", encoding="utf-8") as f:
    json.dump([{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:client:typo", "type": "Annotation",
                "body": {"type": "TextualBody", "purpose": "tagging", "value": "check"},
                "target": {"source": "urn:client:ward", "selector": {
                    "type": "TextQuoteSelector", "exact": "chekced bed 4", "prefix": "Nurse 👩🏽‍⚕️ ", "suffix": "\nand"}}}],
              f, ensure_ascii=False)
out = fresh("w3c-fuzzy")
shutil.copy(fixture("w3c-browser-crlf.txt"), out)
doc = os.path.join(out, "w3c-browser-crlf.txt")
p = run("import", "--from", "w3c", "--document", doc, fuzzy)
check("urn:client:typo" in p.stdout, "w3c fuzzy: placed by quote: " + p.stdout)
text = read_text(doc)
check([text[a:b] for a, b, _ in sidecar_spans(doc)] == ["checked bed 4"], "w3c fuzzy: %r" % sidecar_spans(doc))
# Span edges at a line break: brat narrows (an .ann line cannot hold it); a boundary between CR and LF
# has no place in utf16-lf, so that span is left out, named, and the export fails unless --allow-loss.
edges = os.path.join(work, "edges.jsonl")
text = "First line\r\nSecond line\r\n"
with open(edges, "w", encoding="utf-8") as f:
    f.write(json.dumps({"id": "edges.txt", "text": text, "spans": [
        {"start": 6, "end": 12, "label": "ends-with-break", "text": text[6:12]},
        {"start": 11, "end": 13, "label": "from-the-LF", "text": text[11:13]},
        {"start": 6, "end": 11, "label": "to-the-CR", "text": text[6:11]}]}) + "\n")
p = run("export", "--to", "brat", "-o", fresh("edges-brat"), edges)
check("3 spans begin or end with a line break" in p.stderr and "narrowed" in p.stderr, "brat: narrowed: " + p.stderr)
if os.path.exists(os.path.join(work, "edges.jsonld")):
    os.remove(os.path.join(work, "edges.jsonld"))
p = run("export", "--to", "w3c", "--offsets", "utf16-lf", "-o", os.path.join(work, "edges.jsonld"), edges, expect=1)
check(p.stderr.count("the conversion would move it") == 2 and "(11-13, from-the-LF)" in p.stderr
      and "(6-11, to-the-CR)" in p.stderr, "w3c utf16-lf: left out: " + p.stderr)
check(not os.path.exists(os.path.join(work, "edges.jsonld")), "w3c utf16-lf: nothing written without --allow-loss")
p = run("export", "--to", "w3c", "--offsets", "utf16-lf", "--allow-loss", "-o", os.path.join(work, "edges.jsonld"), edges)
with open(os.path.join(work, "edges.jsonld"), encoding="utf-8") as f:
    written = json.load(f)
written = written if isinstance(written, list) else written.get("items", written.get("first", {}).get("items", [written]))
check(len(written) == 1, "w3c utf16-lf --allow-loss: the one span that fits: %r" % written)

# --- 4. doccano: overlapping spans warned about, with the project setting that keeps them ---
p = run("export", "--to", "doccano", "-o", os.path.join(work, "doccano.jsonl"), os.path.join(fixtures, "..", "emoji-crlf.txt"))
check("spans overlap another span of their document" in p.stderr and "Allow overlapping spans" in p.stderr,
      "doccano: overlap warning: " + p.stderr)

# --- 5. CoNLL for doccano (2 columns) and spaCy (-DOCSTART-, no comments) ---
documents = [os.path.join(fixtures, "market-crlf.txt"), os.path.join(fixtures, "..", "emoji-crlf.txt")]
two = os.path.join(work, "doccano.conll")
p = run("export", "--to", "conll", "--conll-columns", "2", "-o", two, *documents)
check("overlap an earlier span" in p.stderr, "conll 2 columns: losses reported: " + p.stderr)
with open(two, encoding="utf-8") as f:
    lines = f.read().split("\n")
check(all(len(l.split("\t")) == 2 for l in lines if l), "conll 2 columns: token TAB tag on every line")
check(not any(l.startswith("#") for l in lines), "conll 2 columns: no comment lines")
check(sum(1 for block in "\n".join(lines).strip().split("\n\n") if block) == 2, "conll 2 columns: one block per document")
spacy = os.path.join(work, "spacy.conll")
run("export", "--to", "conll", "--conll-style", "spacy", "-o", spacy, *documents)
with open(spacy, encoding="utf-8") as f:
    data = f.read()
check(not any(l.startswith("#") for l in data.split("\n")), "conll spacy: no # lines")
# spaCy's conll_ner_to_docs: split at the DOCSTART line, sentences at blank lines, columns by white
# space, the token first and the IOB tag last.
docs = [d.strip() for d in data.strip().split("-DOCSTART- -X- O O") if d.strip()]
check(len(docs) == 2, "conll spacy: a -DOCSTART- per document")
for d in docs:
    for sentence in d.split("\n\n"):
        cols = list(zip(*[l.split() for l in sentence.strip().split("\n") if l.strip()]))
        check(len(cols) >= 2, "conll spacy: spaCy needs two columns")
        tags = cols[-1]
        for i, tag in enumerate(tags):
            check(tag == "O" or tag[:2] in ("B-", "I-"), "conll spacy: tag %r" % tag)
            if tag.startswith("I-"):
                check(i > 0 and tags[i - 1][2:] == tag[2:], "conll spacy: I- after its B-: %r" % (tags[:i + 1],))

# --- 6. CSV without documents beside it; Prodigy reject / ignore ---
corpus = fresh("csv-corpus")
shutil.copy(os.path.join(fixtures, "market-crlf.txt"), corpus)
shutil.copy(os.path.join(fixtures, "market-crlf.txt.scholiast.json"), corpus)
csv_path = os.path.join(fresh("csv-elsewhere"), "spans.csv")
run("export", "--to", "csv", "-o", csv_path, corpus)
p = run("import", "--from", "csv", "--out-dir", fresh("csv-out"), csv_path, expect=1)
looked = os.path.join(os.path.dirname(csv_path), "market-crlf.txt")
check("looked for " + looked in p.stderr and "--documents" in p.stderr, "csv: names the path it looked for: " + p.stderr)
out = fresh("csv-out")
p = run("import", "--from", "csv", "--documents", corpus, "--out-dir", out, csv_path)
check(sidecar_spans(os.path.join(out, "market-crlf.txt")) == sidecar_spans(os.path.join(corpus, "market-crlf.txt")),
      "csv --documents: spans")
out = fresh("prodigy")
run("import", "--from", "prodigy", "--out-dir", out, fixture("prodigy-answers.jsonl"))
statuses = {}
for name in sorted(os.listdir(out)):
    if name.endswith(".scholiast.json"):
        for a in sidecar(os.path.join(out, name[:-len(".scholiast.json")]))["annotations"]:
            statuses[a["text"]] = a.get("status")
check(statuses == {"Oslo": None, "Bergen": "rejected", "Tromsø": "accepted", "Bodø": "rejected"},
      "prodigy: statuses %r" % statuses)

# --- Done when: Scholiast -> brat -> Scholiast and -> Label Studio -> Scholiast on CRLF text with emoji ---
corpus = fresh("roundtrip-corpus")
texts = {
    "kitchen-log.txt": "Kitchen log 🍳 — Tuesday\r\nChef 👩‍🍳 plated 寿司 and crème brûlée\r\nfor table 🇫🇷 four.\r\nDone ✔️",
    "pier.txt": "Pier 🇳🇴 at dawn\r\n\r\nGulls 🐦 circle; the 👨‍👩‍👧 family waits\r\nend 🌅",
}
spans_by_doc = {
    "kitchen-log.txt": [("🍳", "icon"), ("Chef 👩‍🍳", "person"), ("寿司 and crème brûlée\r\nfor table", "dish"),
                        ("🇫🇷", "flag"), ("✔️", "end"), ("Kitchen log 🍳 — Tuesday\r\nChef", "header")],
    "pier.txt": [("🇳🇴", "flag"), ("dawn\r\n\r\nGulls", "span-over-blank-line"), ("👨‍👩‍👧", "family"), ("🌅", "end")],
}
dataset = os.path.join(work, "roundtrip.jsonl")
with open(dataset, "w", encoding="utf-8") as f:
    for name, text in texts.items():
        with open(os.path.join(corpus, name), "w", encoding="utf-8", newline="") as d:
            d.write(text)
        records = []
        for piece, label in spans_by_doc[name]:
            a = text.index(piece)
            records.append({"start": a, "end": a + len(piece), "label": label, "text": piece})
        f.write(json.dumps({"id": name, "text": text, "spans": records}, ensure_ascii=False) + "\n")
run("import", "--from", "jsonl", "--out-dir", corpus, "--merge", dataset)
before = {name: digest(os.path.join(corpus, name)) for name in texts}
expected = {name: sidecar_spans(os.path.join(corpus, name)) for name in texts}
check(all(len(expected[n]) == len(spans_by_doc[n]) for n in texts), "round trip: corpus made: %r" % expected)

brat = fresh("roundtrip-brat")
run("export", "--to", "brat", "-o", brat, corpus)
back = fresh("roundtrip-brat-back")
p = run("import", "--from", "brat", "--out-dir", back, brat)
check("warning" not in p.stderr, "round trip brat: no warning: " + p.stderr)
for name in texts:
    check(sidecar_spans(os.path.join(back, name)) == expected[name],
          "round trip brat %s: %r != %r" % (name, sidecar_spans(os.path.join(back, name)), expected[name]))
    check(digest(os.path.join(back, name)) == before[name], "round trip brat %s: document bytes" % name)
    check(digest(os.path.join(brat, name)) == before[name], "round trip brat %s: .txt is the document" % name)

ls = os.path.join(work, "roundtrip-ls.json")
run("export", "--to", "label-studio", "-o", ls, corpus)
back = fresh("roundtrip-ls-back")
p = run("import", "--from", "label-studio", "--out-dir", back, ls)
check("warning" not in p.stderr, "round trip label studio: no warning: " + p.stderr)
for name in texts:
    check(sidecar_spans(os.path.join(back, name)) == expected[name],
          "round trip label studio %s: %r != %r" % (name, sidecar_spans(os.path.join(back, name)), expected[name]))
    check(digest(os.path.join(back, name)) == before[name], "round trip label studio %s: document bytes" % name)
# The Label Studio frontend writes line breaks in value.text as \n: the same file so edited comes back too.
with open(ls, encoding="utf-8") as f:
    tasks = json.load(f)
for task in tasks:
    for annotation in task["annotations"]:
        for r in annotation["result"]:
            r["value"]["text"] = r["value"]["text"].replace("\r\n", "\n").replace("\n", "\\n")
frontend = os.path.join(work, "roundtrip-ls-frontend.json")
with open(frontend, "w", encoding="utf-8") as f:
    json.dump(tasks, f, ensure_ascii=False)
back = fresh("roundtrip-ls-frontend-back")
p = run("import", "--from", "label-studio", "--out-dir", back, frontend)
for name in texts:
    check(sidecar_spans(os.path.join(back, name)) == expected[name], "round trip label studio frontend %s" % name)
for name in texts:
    check(digest(os.path.join(corpus, name)) == before[name], "round trip: %s untouched" % name)

for failure in failures:
    print("FAIL:", failure)
print("%d passed, %d failed" % (checks - len(failures), len(failures)))
sys.exit(1 if failures else 0)
