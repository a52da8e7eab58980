#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A test model that uses a label it was not given."""
import json
import sys

for line in sys.stdin:
    doc = json.loads(line)
    print(json.dumps({"id": doc["id"], "spans": [{"start": 0, "end": 2, "label": "ORG"}]}))
