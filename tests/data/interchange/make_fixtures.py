#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the interchange fixtures (our own text) and their sidecars. Rerun after editing."""
import hashlib, json

lines = [
    "Harbour notes 🇳🇿 — market day",
    "The 👨‍👩‍👧 family stall sold 桜餅 and 떡 before noon.",
    "\"Prices rose 4%,\" said Ana Müller 👍🏾, \"but the café stayed busy.\"",
    "Reporter: Tomás O’Neill 📰",
]
crlf = "\r\n".join(lines) + "\r\n"


def spans_for(t):
    nl = "\r\n" if "\r\n" in t else "\n"
    out = []

    def add(sub, label, extra=None):
        i = t.index(sub)
        a = {"start": i, "end": i + len(sub), "label": label}
        a.update(extra or {})
        out.append(a)

    add("🇳🇿", "boilerplate")
    add("Harbour notes 🇳🇿 — market day", "boilerplate")
    add("👨‍👩‍👧 family stall sold 桜餅", "claim", {"note": "ZWJ family at the start"})
    add("桜餅 and 떡", "quote")  # overlaps the claim
    add("Prices rose 4%", "claim", {"annotator": "ana", "status": "accepted"})
    add("\"Prices rose 4%,\" said Ana Müller 👍🏾, \"but the café stayed busy.\"", "quote")
    add("café stayed busy.\"" + nl + "Reporter", "claim")  # crosses a line break
    add("Tomás O’Neill 📰", "boilerplate", {"score": 0.75})
    return out


for name, t in [("market-crlf.txt", crlf), ("market-lf.txt", crlf.replace("\r\n", "\n"))]:
    data = t.encode("utf-8")
    open(name, "wb").write(data)
    anns = []
    spans = sorted(spans_for(t), key=lambda s: (s["start"], s["end"], s["label"]))
    for k, s in enumerate(spans):
        a = {"id": "s%d" % (k + 1), "start": s["start"], "end": s["end"], "label": s["label"],
             "text": t[s["start"]:s["end"]]}
        for key in ("note", "annotator", "status", "score"):
            if key in s:
                a[key] = s[key]
        anns.append(a)
    side = {"format": "scholiast", "version": 1,
            "document": {"name": name, "sha256": hashlib.sha256(data).hexdigest(), "length": len(t)},
            "labels": [{"name": "claim", "color": "#e69f00", "key": "1"},
                       {"name": "quote", "color": "#56b4e9", "key": "2"},
                       {"name": "boilerplate", "color": "#009e73", "key": "3"}],
            "annotations": anns}
    with open(name + ".scholiast.json", "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(side, ensure_ascii=False, indent=1) + "\n")

# Foreign-format files written by us in each tool's convention, to test the readers.
text = crlf.replace("\r\n", "\n")
u16 = lambda s, i: len(s[:i].encode("utf-16-le")) // 2
spans = spans_for(text)


def dump(name, obj):
    with open(name, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(obj, ensure_ascii=False, indent=1) + "\n")


# doccano: UTF-16 code units (its editor), "label" form and "entities" form.
with open("doccano-label.jsonl", "w", encoding="utf-8", newline="\n") as f:
    f.write(json.dumps({"text": text, "label": [[u16(text, s["start"]), u16(text, s["end"]), s["label"]] for s in spans],
                        "meta": {"batch": 7}}, ensure_ascii=False) + "\n")
with open("doccano-entities.jsonl", "w", encoding="utf-8", newline="\n") as f:
    f.write(json.dumps({"id": 12, "text": text, "entities": [
        {"id": k, "start_offset": u16(text, s["start"]), "end_offset": u16(text, s["end"]), "label": s["label"]}
        for k, s in enumerate(spans)], "relations": []}, ensure_ascii=False) + "\n")
# doccano's invalid record: no text.
with open("doccano-invalid.jsonl", "w", encoding="utf-8", newline="\n") as f:
    f.write(json.dumps({"text": "fine", "label": [[0, 4, "claim"]]}) + "\n")
    f.write(json.dumps({"label": [[0, 1, "claim"]]}) + "\n")


def ls_task(offset):
    return [{"id": 3, "data": {"text": text}, "annotations": [{"result": [
        {"id": "r%d" % k, "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": offset(s["start"]), "end": offset(s["end"]), "text": text[s["start"]:s["end"]],
                   "labels": [s["label"]]}} for k, s in enumerate(spans)]}]}]


dump("labelstudio-codepoints.json", ls_task(lambda i: i))
dump("labelstudio-old-utf16.json", ls_task(lambda i: u16(text, i)))
bad = ls_task(lambda i: i)
bad[0]["annotations"][0]["result"][1]["value"]["text"] = "market night"  # disagrees with its offsets
dump("labelstudio-mismatch.json", bad)
# Ambiguous: "a" matches at code points 2-3 and at UTF-16 units 2-3 (code point 1-2).
dump("labelstudio-ambiguous.json", [{"data": {"text": "😀aaaa"}, "annotations": [{"result": [
    {"type": "labels", "value": {"start": 2, "end": 3, "text": "a", "labels": ["claim"]}}]}]}])

# Prodigy / spaCy: code points, with text on each span.
with open("prodigy.jsonl", "w", encoding="utf-8", newline="\n") as f:
    f.write(json.dumps({"text": text, "spans": [dict(start=s["start"], end=s["end"], label=s["label"],
                                                      text=text[s["start"]:s["end"]]) for s in spans],
                        "answer": "accept", "_input_hash": 42}, ensure_ascii=False) + "\n")

# brat: a CRLF .txt read the way brat does (a CRLF is one character), a discontinuous span,
# a note, attributes and a relation; and an INCEpTION-style .ann that counts UTF-16 units.
import os
os.makedirs("brat-crlf", exist_ok=True)
open("brat-crlf/market.txt", "wb").write(crlf.encode("utf-8"))
lf = text  # brat's view of the CRLF file
ann = []
for k, s in enumerate(spans):
    a, b = s["start"], s["end"]
    seg = lf[a:b]
    if "\n" in seg:
        cut = a + seg.index("\n")
        ann.append("T%d\t%s %d %d;%d %d\t%s" % (k + 1, s["label"], a, cut, cut + 1, b, lf[a:cut] + " " + lf[cut + 1:b]))
    else:
        ann.append("T%d\t%s %d %d\t%s" % (k + 1, s["label"], a, b, seg))
i = lf.index("Ana"); j = lf.index("Müller")
ann.append("T9\tPerson %d %d;%d %d\tAna Müller" % (i, i + 3, j, j + 6))
i = lf.index("Tomás"); j = lf.index("O’Neill")
ann.append("T10\tPerson %d %d;%d %d\tTomás O’Neill" % (i, i + 5, j, j + 7))  # a space-separated split
ann.append("#1\tAnnotatorNotes T3\tZWJ family at the start")
ann.append("A1\tStatus T5 accepted")
ann.append("A2\tSpeaker T9")
ann.append("R1\tSays Arg1:T9 Arg2:T6\t")
open("brat-crlf/market.ann", "w", encoding="utf-8", newline="\n").write("\n".join(ann) + "\n")
open("brat-crlf/annotation.conf", "w", encoding="utf-8", newline="\n").write(
    "[entities]\nclaim\nquote\nboilerplate\nPerson\n[relations]\nSays\tArg1:Person, Arg2:quote\n[events]\n"
    "[attributes]\nStatus\tArg:<ENTITY>, Value:accepted|rejected|pending\nSpeaker\tArg:Person\n")
os.makedirs("brat-utf16", exist_ok=True)
open("brat-utf16/market.txt", "wb").write(text.encode("utf-8"))
open("brat-utf16/market.ann", "w", encoding="utf-8", newline="\n").write("".join(
    "T%d\t%s %d %d\t%s\n" % (k + 1, s["label"], u16(text, s["start"]), u16(text, s["end"]), text[s["start"]:s["end"]])
    for k, s in enumerate(spans) if "\n" not in text[s["start"]:s["end"]]))

# W3C: one annotation by position and quote, one by quote alone; the document named by label.
open("w3c-market.txt", "wb").write(text.encode("utf-8"))
q = spans[3]
dump("w3c-market.jsonld", {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationPage", "items": [
    {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:example:a1", "type": "Annotation",
     "body": {"type": "TextualBody", "purpose": "tagging", "value": "quote"},
     "target": {"source": {"id": "urn:example:market", "label": "w3c-market.txt"},
                "selector": [{"type": "TextPositionSelector", "start": q["start"], "end": q["end"]},
                             {"type": "TextQuoteSelector", "exact": text[q["start"]:q["end"]]}]}},
    {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:example:a2", "type": "Annotation",
     "bodyValue": "claim",
     "target": {"source": {"id": "urn:example:market", "label": "w3c-market.txt"},
                "selector": {"type": "TextQuoteSelector", "exact": "4%", "prefix": "rose ", "suffix": ",\""}}}]})
