#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A test model that returns a span ending past the text."""
import json
import sys

for line in sys.stdin:
    doc = json.loads(line)
    n = len(doc["text"])
    print(json.dumps({"id": doc["id"], "spans": [{"start": 0, "end": 4, "label": "claim"},
                                                 {"start": n - 2, "end": n + 5, "label": "claim"}]}))
