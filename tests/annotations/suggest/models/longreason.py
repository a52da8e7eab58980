#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A test model that gives a 3-million-character reason (issue 14: written into the sidecar whole)."""
import json
import sys

for line in sys.stdin:
    doc = json.loads(line)
    span = {"start": 0, "end": 1, "label": "claim", "reason": "why " * 750000}
    print(json.dumps({"id": doc["id"], "spans": [span]}))
