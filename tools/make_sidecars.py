#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate Scholiast sidecars for the bundled samples and test fixtures.

Usage:  /usr/bin/python3 tools/make_sidecars.py

For every document listed in DOCUMENTS this script

  * reads the text with open(p, encoding="utf-8-sig", newline="") so that a
    leading BOM is dropped and CR / CRLF line endings are kept verbatim,
  * checks the expected line-ending style and BOM presence,
  * resolves each hand-chosen (substring, occurrence, label) entry to
    code-point offsets (Python str indices, start inclusive, end exclusive),
  * writes <document>.scholiast.json beside it in the canonical byte layout.

For every entry in LAYERS it writes a read-only layer <document>.<name>.scholiast.json
the same way (a model's predictions to review against the gold sidecar).

It also (re)writes the byte-level fixtures tests/data/invalid-utf8.txt and
tests/data/binary.bin so they are reproducible.

Any substring that cannot be found, or any other inconsistency, raises an
exception and the script exits non-zero. Standard library only.
"""

import hashlib
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(ROOT, "resources", "samples")
TESTDATA = os.path.join(ROOT, "tests", "data")

LABELS = [
    ("claim", "#d55e00", "1"),
    ("quote", "#0072b2", "2"),
    ("boilerplate", "#009e73", "3"),
]
# The quote attribution preset (LabelSchema::quoteAttributionSchema, FORMAT.md section 5.1).
ATTRIBUTION_LABELS = LABELS + [("source", "#cc79a7", "4")]
RELATION_LABELS = [("attributed_to", "#7f7f7f", ["quote", "claim"], ["source"])]
LABEL_NAMES = {name for name, _, _ in ATTRIBUTION_LABELS}

C, Q, B, S = "claim", "quote", "boilerplate", "source"
NBSP = "\u00a0"

# ---------------------------------------------------------------------------
# Hand-chosen spans: (exact substring, 0-based occurrence index, label).
# Quotes cover the words inside the quotation marks (marks excluded; a
# trailing comma that belongs to the attribution is left out too).
# Boilerplate spans are whole lines without their line ending.
# ---------------------------------------------------------------------------

HARBOUR = [
    ("Home > Local > Transport", 0, B),
    ("By Zoë Hartigan, Transport Correspondent", 0, B),
    ("PORT ARDAGH, Tuesday 14 May 2024 — Last updated 07:42", 0, B),
    ("Photo: Staff photographer", 0, B),
    ("Share this article", 0, B),
    ("Print", 0, B),
    ("Sign in to comment", 0, B),
    ("Sign up to our Local Transport newsletter and get the week's top stories every Friday.", 0, B),
    ("© 2024 Port Ardagh Chronicle. All rights reserved.", 0, B),
    # the furniture repeated at the foot of the page, labelled like its first occurrence
    # (found by `scholiast-cli suggest --with boilerplate`, issue 9)
    ("Advertisement", 0, B),
    ("Read more: Ferry timetable to be cut during construction", 0, B),
    ("Read more: What the new bridge means for parking on East Quay", 0, B),
    ("Share this article", 1, B),
    ("Print", 1, B),

    ("The council said the bridge will cost 41 million euros and will open to traffic in the spring of 2027.", 0, C),
    ("Officials said the crossing will be 310" + NBSP + "m long and will carry two traffic lanes, a segregated cycle track and a wide footpath on its western side.", 0, C),
    ("Councillor Maeve Dunleavy, who voted against the plan, said the original estimate in 2018 was 22 million euros.", 0, C),
    ("The firm said the central lifting span, 48" + NBSP + "m wide, can rise to give 25" + NBSP + "m of clearance in under four minutes — fast enough, it said, to avoid long queues on either quay.", 0, C),
    # claim sentence that contains a quote (nested)
    ("In a briefing note circulated before the vote, the council insisted the bridge would be “fully self-financing within 30 years” once savings on the harbour ferry were counted, a figure opponents described as optimistic.", 0, C),
    ("According to the council's own transport study, about 14,000 vehicles a day currently make the 9" + NBSP + "km detour around the harbour head.", 0, C),
    # claim sentence that contains a quote (nested)
    ("The West Quay Traders' Association said footfall on the quay had fallen by “nearly a third” since the ferry timetable was cut in 2022.", 0, C),
    ("The council said 60 per cent of the cost will be met by a central government grant, with the remainder borrowed over 25 years.", 0, C),

    ("This is the single biggest decision this chamber has taken in a generation", 0, Q),
    ("We owe it to the people on both sides of the water to get it built on time and on budget.", 0, Q),
    ("Nobody in this room believes the final figure will be 41 million", 0, Q),
    ("fully self-financing within 30 years", 0, Q),
    ("nearly a third", 0, Q),
    ("A bridge that opens on a timetable is no use to a trawler that has to catch the tide", 0, Q),
    ("Six years of talking and we finally get a bridge 🌉 See you on the other side, West Quay!", 0, Q),
    ("Forty-one million euros for a bridge while the swimming pool stays shut. Shameful.", 0, Q),
    ("The democratic process has run its course", 0, Q),
    # quotations first missed by hand (found by `scholiast-cli suggest --with quotes`, issue 9)
    ("We have seen this film before.", 0, Q),
    ("For years our customers on the other side have been able to see us but not reach us", 0, Q),
    ("Now they can walk over for a coffee.", 0, Q),
    ("We are not against a bridge. We are against a bridge that ignores the birds", 0, Q),
    ("Our job now is to deliver.", 0, Q),
]

SEOUL = [
    ("Markets > Asia > Technology", 0, B),
    ("By Kim Ha-eun (김하은) and Daniel Osei", 0, B),
    ("SEOUL, Monday 3 June 2024 [HANBIT WIRE/ORIENT LEDGER]", 0, B),
    ("Subscribe", 0, B),  # the stand-alone line near the top
    ("Related articles", 0, B),
    ("Advertisement", 0, B),
    ("Reporting by Kim Ha-eun; Editing by Daniel Osei", 0, B),
    ("Subscribe to our Asia Markets briefing for daily updates.", 0, B),
    ("Copyright 2024 Hanbit Wire. All rights reserved.", 0, B),

    ("South Korea's benchmark KOSPI index rose 1.8 per cent on Monday, its biggest one-day gain since February", 0, C),
    ("Shares in memory maker Hanul Semiconductor (한울반도체) climbed 6.2 per cent", 0, C),
    # claim sentence that contains a quote (nested)
    ("Hanul said the agreement, which it called “the largest in our history”, was worth about 1.3 trillion won over three years.", 0, C),
    ("The company said orders from the Chinese carmaker 青岚汽车 (Qinglan Motors) had more than doubled in the first quarter.", 0, C),
    ("Data from the Korea Exchange showed that individuals held about 38 per cent of Saebyeok Energy's shares at the end of May, up from 29 per cent in January.", 0, C),
    # claim sentence that contains a quote (nested)
    ("The finance ministry said exports rose 11.7 per cent in May from a year earlier, driven by semiconductors, and described the recovery as “broad-based”.", 0, C),
    ("The won strengthened 0.6 per cent to 1,368.5 per dollar, its firmest level in five weeks.", 0, C),

    ("the largest in our history", 0, Q),
    ("We expect demand for high-bandwidth memory to stay strong well into next year", 0, Q),
    ("Export recovery is coming faster than we expected", 0, Q),
    ("수출 회복세가 예상보다 빠릅니다", 0, Q),
    ("One strong month does not make a cycle", 0, Q),
    ("👩\u200d💻 Green across the board today 🇰🇷📈", 0, Q),
    ("Retail money is chasing momentum, not earnings", 0, Q),
    ("broad-based", 0, Q),
]

CLIMATE = [
    ("Home > World > Environment", 0, B),
    ("By Rene\u0301e Lefe\u0300vre — 12 September 2024", 0, B),
    ("Photo: Staff photographer", 0, B),
    ("Sign up for our weekly climate newsletter.", 0, B),
    ("Share this article", 0, B),
    ("Sign in to comment", 0, B),
    ("© 2024 Alpine Courier. All rights reserved.", 0, B),

    ("The International Panel on Alpine Climate said on Thursday that average summer temperatures in the Alps have risen by 2.1 degrees since 1900, roughly twice the global average.", 0, C),
    ("The report, compiled by 140 scientists from nine countries, found that the snow season at altitudes below 1,500 metres is now about 34 days shorter than in the 1970s.", 0, C),
    # claim sentences that contain a quote (nested)
    ("The panel said winter tourism in many lower valleys would become „wirtschaftlich nicht tragfähig“ by 2050 without artificial snow.", 0, C),
    ("The panel estimated that glaciers in the region lost about 4 per cent of their remaining volume last year alone, a loss it called « sans précédent ».", 0, C),
    ("The panel also said that rockfalls linked to thawing permafrost had increased sharply since 2015, forcing the temporary closure of at least 12 mountain huts last summer.", 0, C),

    ("Nous n’avons plus le temps d’attendre", 0, Q),
    ("Ce rapport n’est pas une pre\u0301vision, c’est un constat", 0, Q),
    ("wirtschaftlich nicht tragfähig", 0, Q),
    ("sans précédent", 0, Q),
    ("Wir müssen jetzt handeln, nicht im nächsten Jahrzehnt.", 0, Q),
    ("Die Zahlen sind eindeutig, die Politik ist es nicht", 0, Q),
    ("Nous adaptons nos itinéraires chaque saison", 0, Q),
]

EMOJI_CRLF = [
    ("🇰🇷", 0, B),  # span consisting of a flag (2 code points) only
    # crosses a CRLF; overlaps (crosses) the next span
    ("Market note 👩\u200d💻\r\nAnalyst: 박서연", 0, B),
    ("박서연 👍🏽 (Dongbang)", 0, C),
    ("Exports rose 11.7" + NBSP + "per cent in May.", 0, Q),
    ("11.7" + NBSP + "per cent", 0, C),  # nested inside the quote
    ("東雲電機 said it will expand its Ulsan plant.", 0, C),
    ("Subscribe for updates 😀", 0, B),
]

PLAIN_ASCII = [
    ("Home > News", 0, B),
    ("The museum said it received 3,200 visitors on Sunday.", 0, C),
    ("It was our busiest day this year", 0, Q),
    ("Share this article", 0, B),
]

CR_ONLY = [
    ("Home > Weather", 0, B),
    ("Forecasters said rain will reach the coast by noon.", 0, C),
    ("Bring an umbrella", 0, Q),
    ("Print", 0, B),
]

BOM = [
    ("Print", 0, B),
    ("The library said it will open on Sundays from March.", 0, C),
    ("Long overdue", 0, Q),
]

COMBINING = [
    ("Cafe\u0301 owner", 0, B),
    ("Die Ma\u0308dchen sind da.", 0, Q),
    ("The festival said 400 dancers performed नमस्ते on stage.", 0, C),
    ("नमस्ते", 0, Q),  # nested inside the claim
    ("Share this article", 0, B),
]

# A model's predictions for the harbour sample, a read-only layer beside the gold sidecar
# (harbour-bridge-vote.txt.model.scholiast.json): against the gold spans it shows each of the
# five review kinds near the top of the article (docs/METRICS.md section 3).
HARBOUR_MODEL = [s for s in HARBOUR if s not in (
    ("Photo: Staff photographer", 0, B),  # missed
    ("The democratic process has run its course", 0, Q),  # missed
    ("This is the single biggest decision this chamber has taken in a generation", 0, Q),
    ("Officials said the crossing will be 310" + NBSP + "m long and will carry two traffic lanes, a segregated cycle track and a wide footpath on its western side.", 0, C),
    ("We owe it to the people on both sides of the water to get it built on time and on budget.", 0, Q),
)] + [
    # label mismatch: the same range as the gold quote, labelled claim
    ("This is the single biggest decision this chamber has taken in a generation", 0, C),
    # boundary mismatches: a claim cut short, a quote that takes in its quotation marks
    ("Officials said the crossing will be 310" + NBSP + "m long", 0, C),
    ("“We owe it to the people on both sides of the water to get it built on time and on budget.”", 0, Q),
    # spurious: spans gold does not have
    ("Port Ardagh council approves harbour bridge after late-night vote", 0, B),
    ("Councillors in Port Ardagh voted 19 to 12 shortly after midnight", 0, C),
]

# Issue 19: quotes interrupted by their attribution, each piece attributed_to its source.
FLOOD = [
    ("Coastal towns win flood funding after two-year campaign", 0, C),
    ("By Mara Ellison, Regional Affairs", 0, B),
    ("SHORE ROAD, Wednesday 3 June 2026", 0, B),
    # one quote in two pieces around its attribution (FORMAT.md section 6.9)
    (("We are open", "to talks with every council that has lost homes to the sea."), 0, Q),
    ("the environment minister, Tomasz Wiśniewski", 0, S),
    ("The ministry", 0, S),
    ("the fund would pay for 14 new sea walls by 2029.", 0, C),
    ("This money arrives ten years late", 0, Q),
    ("Ana Lima", 0, S),
    ("But it arrives.", 0, Q),
    ("the national audit office", 0, S),
    ("repairs after the 2024 storms cost more than €310" + NBSP + "million.", 0, C),
    ("Ms Lima", 0, S),
    ("Our street has flooded four times since 2020 — the last time the water came up to the windows 🌊.", 0, Q),
    ("Share this article", 0, B),
    ("Most read", 0, B),
]
# (from span, to span, relation label); a span is (substring, occurrence, label) of FLOOD.
FLOOD_RELATIONS = [
    ((("We are open", "to talks with every council that has lost homes to the sea."), 0, Q),
     ("the environment minister, Tomasz Wiśniewski", 0, S), "attributed_to"),
    (("the fund would pay for 14 new sea walls by 2029.", 0, C), ("The ministry", 0, S), "attributed_to"),
    (("This money arrives ten years late", 0, Q), ("Ana Lima", 0, S), "attributed_to"),
    (("But it arrives.", 0, Q), ("Ana Lima", 0, S), "attributed_to"),
    (("repairs after the 2024 storms cost more than €310" + NBSP + "million.", 0, C),
     ("the national audit office", 0, S), "attributed_to"),
    (("Our street has flooded four times since 2020 — the last time the water came up to the windows 🌊.", 0, Q),
     ("Ms Lima", 0, S), "attributed_to"),
]

# (path, layer name, spans, annotator, source, id prefix)
LAYERS = [
    (os.path.join(SAMPLES, "harbour-bridge-vote.txt"), "model", HARBOUR_MODEL, "sample-tagger", "model:sample-tagger", "p"),
]

# (path, spans, expected newline style, expects BOM, require all labels)
DOCUMENTS = [
    (os.path.join(SAMPLES, "harbour-bridge-vote.txt"), HARBOUR, "lf", False, True),
    (os.path.join(SAMPLES, "seoul-market-report.txt"), SEOUL, "crlf", False, True),
    (os.path.join(SAMPLES, "climate-panel-bom.txt"), CLIMATE, "lf", True, True),
    (os.path.join(SAMPLES, "flood-fund-quotes.txt"), FLOOD, "lf", False, True, FLOOD_RELATIONS),
    (os.path.join(TESTDATA, "emoji-crlf.txt"), EMOJI_CRLF, "crlf", False, False),
    (os.path.join(TESTDATA, "plain-ascii.txt"), PLAIN_ASCII, "lf", False, False),
    (os.path.join(TESTDATA, "cr-only.txt"), CR_ONLY, "cr", False, False),
    (os.path.join(TESTDATA, "bom.txt"), BOM, "lf", True, False),
    (os.path.join(TESTDATA, "combining.txt"), COMBINING, "lf", False, False),
]

# ---------------------------------------------------------------------------
# Byte-level fixtures
# ---------------------------------------------------------------------------

# Byte offset of the first invalid byte (0xC3 followed by 0x28) in
# tests/data/invalid-utf8.txt; documented in tests/data/README-fixtures.md.
INVALID_UTF8_OFFSET = 80


def invalid_utf8_bytes():
    return (
        b"This file is valid UTF-8 until the third line.\n"
        b"Caf\xc3\xa9 prices rose again.\n"             # valid 2-byte sequence
        b"Broken: \xc3\x28 is not a valid sequence.\n"  # 0xC3 0x28: invalid
        b"The last line is plain ASCII.\n"
    )


def binary_bytes():
    head = b"\x7fSCHB\x00\x01\x00"
    body = bytes((i * 37 + 11) % 256 for i in range(48))
    tail = b"\x00" * 8
    data = head + body + tail
    assert len(data) == 64
    assert data.count(b"\x00") >= 2
    return data


def write_bytes(path, data):
    with open(path, "wb") as f:
        f.write(data)


def write_byte_fixtures():
    data = invalid_utf8_bytes()
    first_bad = None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        first_bad = e.start
    if first_bad != INVALID_UTF8_OFFSET or data[first_bad:first_bad + 2] != b"\xc3\x28":
        raise SystemExit("invalid-utf8.txt: first invalid byte at %r, expected %d"
                         % (first_bad, INVALID_UTF8_OFFSET))
    write_bytes(os.path.join(TESTDATA, "invalid-utf8.txt"), data)
    write_bytes(os.path.join(TESTDATA, "binary.bin"), binary_bytes())


# ---------------------------------------------------------------------------
# Sidecars
# ---------------------------------------------------------------------------

def dumps(value):
    return json.dumps(value, ensure_ascii=False)


def check_newlines(path, text, style):
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    lone_lf = text.count("\n") - crlf
    ok = {
        "lf": crlf == 0 and lone_cr == 0 and lone_lf > 0,
        "crlf": crlf > 0 and lone_cr == 0 and lone_lf == 0,
        "cr": crlf == 0 and lone_cr > 0 and lone_lf == 0,
    }[style]
    if not ok:
        raise SystemExit("%s: expected %s line endings (CRLF=%d, lone CR=%d, lone LF=%d)"
                         % (path, style, crlf, lone_cr, lone_lf))


def find_occurrence(text, sub, occurrence, path):
    if not sub:
        raise SystemExit("%s: empty substring" % path)
    pos = -1
    for _ in range(occurrence + 1):
        pos = text.find(sub, pos + 1)
        if pos < 0:
            raise SystemExit("%s: substring not found (occurrence %d): %r"
                             % (path, occurrence, sub))
    return pos


def span_fragments(text, sub, occurrence, path):
    """[(start, end)] of a span: one piece, or for a tuple of substrings the pieces in order, each
    the first occurrence after the one before."""
    pieces = sub if isinstance(sub, tuple) else (sub,)
    fragments = []
    for i, piece in enumerate(pieces):
        start = find_occurrence(text, piece, occurrence if i == 0 else 0, path)
        if fragments:
            start = text.find(piece, fragments[-1][1])
            if start < 0:
                raise SystemExit("%s: piece not found after the one before: %r" % (path, piece))
        fragments.append((start, start + len(piece)))
    return fragments


def build_annotations(path, text, spans, annotator="sample", source="manual", id_prefix="s"):
    items = []
    seen = set()
    for sub, occurrence, label in spans:
        if label not in LABEL_NAMES:
            raise SystemExit("%s: unknown label %r" % (path, label))
        fragments = span_fragments(text, sub, occurrence, path)
        start, end = fragments[0][0], fragments[-1][1]
        key = (start, end, label)
        if key in seen:
            raise SystemExit("%s: duplicate span %r" % (path, key))
        seen.add(key)
        items.append(key + (tuple(fragments) if len(fragments) > 1 else (),))
    items.sort()
    annotations = []
    for n, (start, end, label, fragments) in enumerate(items, 1):
        ann = {
            "id": "%s%04d" % (id_prefix, n),
            "start": start,
            "end": end,
            "fragments": [list(f) for f in fragments] if fragments else "",
            "label": label,
            # a span in pieces: the pieces joined by a space, as brat joins them (section 6.9)
            "text": " ".join(text[a:b] for a, b in fragments) if fragments else text[start:end],
            # 32 code points of context each side, what re-anchoring looks for (FORMAT.md section 6)
            "prefix": text[max(0, start - 32):start],
            "suffix": text[end:end + 32],
            "annotator": annotator,
            "source": source,
            "status": "accepted",
        }
        if not fragments and ann["text"] != text[ann["start"]:ann["end"]]:
            raise SystemExit("%s: span text mismatch for %s" % (path, ann["id"]))
        annotations.append(ann)
    return annotations


def build_relations(path, text, annotations, relations):
    """Relations by their spans, in file order (FORMAT.md section 6.8): from span, to span, label."""
    position = {}
    for i, a in enumerate(annotations):
        position[(a["start"], a["end"], a["label"])] = (i, a["id"])
    keyed = []
    for (fsub, focc, flabel), (tsub, tocc, tlabel), label in relations:
        ends = []
        for sub, occ, lab in ((fsub, focc, flabel), (tsub, tocc, tlabel)):
            fragments = span_fragments(text, sub, occ, path)
            ends.append(position[(fragments[0][0], fragments[-1][1], lab)])
        keyed.append((ends[0][0], ends[1][0], label, ends[0][1], ends[1][1]))
    keyed.sort()
    return [{"id": "r%04d" % n, "label": label, "from": f, "to": t}
            for n, (_, _, label, f, t) in enumerate(keyed, 1)]


def render(name, sha, length, annotations, relations=None):
    relations = relations or []
    labels = ATTRIBUTION_LABELS if relations else LABELS
    out = []
    out.append('{"format": "scholiast", "version": %d,\n' % (2 if relations else 1))
    out.append(' "document": {"name": %s, "sha256": %s, "length": %s},\n'
               % (dumps(name), dumps(sha), dumps(length)))
    out.append(' "labels": [\n')
    out.append(",\n".join('  {"name": %s, "color": %s, "key": %s}'
                          % (dumps(n), dumps(c), dumps(k)) for n, c, k in labels))
    out.append("\n ],\n")
    if relations:
        out.append(' "relation_labels": [\n')
        out.append(",\n".join('  {"name": %s, "color": %s, "from": %s, "to": %s}'
                              % (dumps(n), dumps(c), dumps(f), dumps(t)) for n, c, f, t in RELATION_LABELS))
        out.append("\n ],\n")
    out.append(' "annotations": [\n')
    if annotations:
        fields = ("id", "start", "end", "fragments", "label", "text", "prefix", "suffix", "annotator", "source",
                  "status")
        lines = ["  {" + ", ".join("%s: %s" % (dumps(f), dumps(a[f])) for f in fields if a[f] != "") + "}"
                 for a in annotations]
        out.append(",\n".join(lines))
        out.append("\n")
    if relations:
        out.append(" ],\n")
        out.append(' "relations": [\n')
        out.append(",\n".join("  {" + ", ".join("%s: %s" % (dumps(f), dumps(r[f])) for f in ("id", "label", "from", "to"))
                              + "}" for r in relations))
        out.append("\n")
    out.append(" ]\n}\n")
    return "".join(out)


def make_sidecar(path, spans, newline_style, expect_bom, require_all_labels, relations=None):
    with open(path, "rb") as f:
        raw = f.read()
    has_bom = raw.startswith(b"\xef\xbb\xbf")
    if has_bom != expect_bom:
        raise SystemExit("%s: BOM present=%s, expected %s" % (path, has_bom, expect_bom))
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    check_newlines(path, text, newline_style)

    annotations = build_annotations(path, text, spans)
    built = build_relations(path, text, annotations, relations) if relations else []
    if require_all_labels:
        names = LABEL_NAMES if relations else {name for name, _, _ in LABELS}
        missing = names - {a["label"] for a in annotations}
        if missing:
            raise SystemExit("%s: no spans for labels %s" % (path, sorted(missing)))

    name = os.path.basename(path)
    sha = hashlib.sha256(raw).hexdigest()
    body = render(name, sha, len(text), annotations, built)
    json.loads(body)  # must be valid JSON
    with open(path + ".scholiast.json", "wb") as f:
        f.write(body.encode("utf-8"))
    counts = {label: sum(1 for a in annotations if a["label"] == label)
              for label, _, _ in (ATTRIBUTION_LABELS if relations else LABELS)}
    print("%-28s length=%-5d spans=%-3d %s" % (name, len(text), len(annotations),
          " ".join("%s=%d" % kv for kv in counts.items())))


def make_layer(path, name, spans, annotator, source, id_prefix):
    with open(path, "rb") as f:
        raw = f.read()
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    annotations = build_annotations(path, text, spans, annotator, source, id_prefix)
    body = render(os.path.basename(path), hashlib.sha256(raw).hexdigest(), len(text), annotations)
    json.loads(body)  # must be valid JSON
    with open("%s.%s.scholiast.json" % (path, name), "wb") as f:
        f.write(body.encode("utf-8"))
    print("%-28s layer %s spans=%d" % (os.path.basename(path), name, len(annotations)))


def main():
    write_byte_fixtures()
    for entry in DOCUMENTS:
        make_sidecar(*entry)
    for entry in LAYERS:
        make_layer(*entry)
    return 0


if __name__ == "__main__":
    sys.exit(main())
