#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the issue-15 interop fixtures (our own text). Rerun after editing.

labelstudio-multiline.json  regions over line breaks as the Label Studio frontend stores them
                            (value.text with each line break as a backslash and n), one bad region
brat-asis-crlf/             brat data as brat counts it on a CRLF .txt (CR included)
brat-repetitive-crlf/       spans that fit both as is and CRLF-collapsed, at different places
w3c-browser-crlf.*          selectors from a browser: UTF-16 over the LF DOM text of a CRLF file,
                            one wrong position, one quote only, one unplaceable annotation
prodigy-answers.jsonl       Prodigy records answered accept, reject and ignore
"""
import json
import os


def cp(text, piece):
    a = text.index(piece)
    return a, a + len(piece)


def u16(text, i):
    return len(text[:i].encode("utf-16-le")) // 2


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


os.makedirs("brat-asis-crlf", exist_ok=True)
os.makedirs("brat-repetitive-crlf", exist_ok=True)

t1 = "Minutes of the quay meeting 🇮🇪\nMotion: extend the 🐟 market\nhours to ten.\nCarried 7–2 ✅"
t2 = "Harbour board 👩‍⚖️ notes\r\nThe ferry 🚢 runs\r\nuntil midnight\r\nEnd 🌙"


def region(rid, text, piece, label, value_text=None):
    a, b = cp(text, piece)
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": a, "end": b, "text": text[a:b] if value_text is None else value_text, "labels": [label]}}


tasks = [{"id": 11, "data": {"text": t1}, "annotations": [{"result": [
    region("ml-1", t1, "market\nhours", "motion", "market\\nhours"),
    region("ml-2", t1, "🇮🇪", "flag"),
    {"id": "ml-bad", "from_name": "label", "to_name": "text", "type": "labels",
     "value": {"start": 0, "end": 7, "text": "Minute\r\n", "labels": ["broken"]}}]}]},
    {"id": 12, "data": {"text": t2}, "annotations": [{"result": [
        region("ml-3", t2, "runs\r\nuntil", "time", "runs\\nuntil"),
        region("ml-4", t2, "🌙", "end")]}]}]
with open("labelstudio-multiline.json", "w", encoding="utf-8") as f:
    json.dump(tasks, f, ensure_ascii=False, indent=1)

t = "Council minutes 🇬🇧 for March\r\nThe 🧑‍🔬 chemist reported\r\nthat the well water is safe.\r\nSigned: Zoë Ørsted 🖋️\r\n"
write("brat-asis-crlf/minutes.txt", t)


def tline(i, label, text, piece):
    a, b = cp(text, piece)
    frags, texts, s = [], [], None
    for k in range(a, b):
        if text[k] in "\r\n":
            if s is not None:
                frags.append((s, k))
                texts.append(text[s:k])
                s = None
        elif s is None:
            s = k
    if s is not None:
        frags.append((s, b))
        texts.append(text[s:b])
    return "T%d\t%s %s\t%s\n" % (i, label, ";".join("%d %d" % f for f in frags), " ".join(texts))


write("brat-asis-crlf/minutes.ann", tline(1, "flag", t, "🇬🇧") + tline(2, "person", t, "The 🧑‍🔬 chemist")
      + tline(3, "claim", t, "reported\r\nthat the well water is safe") + tline(4, "person", t, "Zoë Ørsted")
      + tline(5, "pen", t, "🖋️"))

t = "zzzz\r\nzzzz\r\nzzzz\r\n"
write("brat-repetitive-crlf/snores.txt", t)
for a, b in [(7, 9), (12, 14)]:
    assert t[a:b] == "zz" and t.replace("\r\n", "\n")[a:b] == "zz"
write("brat-repetitive-crlf/snores.ann", "T1\tsnore 7 9\tzz\nT2\tsnore 12 14\tzz\n")

t = "Ward notes 🇨🇭 Monday\r\nNurse 👩🏽‍⚕️ checked bed 4\r\nand bed 5 before noon.\r\nAll calm 😴"
write("w3c-browser-crlf.txt", t)
dom = t.replace("\r\n", "\n")


def annotation(i, piece, label, position=True, shift=0, exact=None):
    a = dom.index(piece)
    b = a + len(piece)
    selectors = []
    if position:
        selectors.append({"type": "TextPositionSelector", "start": u16(dom, a) + shift, "end": u16(dom, b) + shift})
    selectors.append({"type": "TextQuoteSelector", "exact": piece if exact is None else exact,
                      "prefix": dom[max(0, a - 12):a], "suffix": dom[b:b + 12]})
    return {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:client:%d" % i, "type": "Annotation",
            "body": {"type": "TextualBody", "purpose": "tagging", "value": label},
            "target": {"source": {"id": "urn:client:ward", "label": "w3c-browser-crlf.txt"}, "selector": selectors}}


annotations = [annotation(1, "🇨🇭", "flag"), annotation(2, "Nurse 👩🏽‍⚕️", "person"),
               annotation(3, "bed 4\nand bed 5", "beds"), annotation(4, "😴", "end"),
               annotation(5, "Monday", "day", shift=5), annotation(6, "noon", "time", position=False),
               annotation(7, "Ward", "missing", exact="Saturday ⊕⊗")]
with open("w3c-browser-crlf.jsonld", "w", encoding="utf-8") as f:
    json.dump(annotations, f, ensure_ascii=False, indent=1)

records = [{"text": "Rain 🌧️ in Oslo today.", "spans": [{"start": 11, "end": 15, "label": "GPE"}], "answer": "accept"},
           {"text": "Sun ☀️ over Bergen.", "spans": [{"start": 12, "end": 18, "label": "GPE"}], "answer": "reject"},
           {"text": "Fog 🌫️ near Tromsø.", "spans": [{"start": 12, "end": 18, "label": "GPE", "status": "accepted"}],
            "answer": "ignore"},
           {"text": "Hail in Bodø.", "spans": [{"start": 8, "end": 12, "label": "GPE"}], "answer": "ignore"}]
for r in records:
    for s in r["spans"]:
        s["text"] = r["text"][s["start"]:s["end"]]
write("prodigy-answers.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
