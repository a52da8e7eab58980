#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A test model: tags every "bridge" (label claim) and every emoji run (label quote).

Offsets are Python str indices, which are code points: what Scholiast expects.
"""
import json
import sys

for line in sys.stdin:
    doc = json.loads(line)
    text = doc["text"]
    spans = []
    start = text.find("bridge")
    while start >= 0:
        spans.append({"start": start, "end": start + len("bridge"), "label": "claim", "score": 0.75})
        start = text.find("bridge", start + 1)
    i = 0
    while i < len(text):
        if ord(text[i]) >= 0x1F000:
            j = i
            while j < len(text) and (ord(text[j]) >= 0x1F000 or text[j] == "\u200d"):
                j += 1
            spans.append({"start": i, "end": j, "label": "quote", "score": 0.5, "reason": "emoji run"})
            i = j
        else:
            i += 1
    print(json.dumps({"id": doc["id"], "spans": spans}, ensure_ascii=False))
