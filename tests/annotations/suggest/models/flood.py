#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A test model that answers every document, then floods its output and its error output
(issue 14: Scholiast kept all of it in memory)."""
import json
import os
import sys

docs = [json.loads(line) for line in sys.stdin]
for doc in docs:
    print(json.dumps({"id": doc["id"], "spans": []}))
sys.stdout.flush()
chunk = b"x" * (1 << 20)
mode = sys.argv[1] if len(sys.argv) > 1 else "both"
for _ in range(int(os.environ.get("FLOOD_MIB", "300"))):
    if mode in ("both", "stdout"):
        os.write(1, chunk)
    if mode in ("both", "stderr"):
        os.write(2, chunk)
os.write(2, b"\nthe last words of the model\n")
sys.exit(1 if mode == "stderr" else 0)
