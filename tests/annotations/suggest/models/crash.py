#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A test model that answers the first document, then dies."""
import json
import sys

first = json.loads(sys.stdin.readline())
print(json.dumps({"id": first["id"], "spans": []}), flush=True)
sys.stderr.write("model: out of memory (simulated)\n")
sys.exit(3)
