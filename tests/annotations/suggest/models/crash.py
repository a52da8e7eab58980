#!/usr/bin/python3
"""A test model that answers the first document, then dies."""
import json
import sys

first = json.loads(sys.stdin.readline())
print(json.dumps({"id": first["id"], "spans": []}), flush=True)
sys.stderr.write("model: out of memory (simulated)\n")
sys.exit(3)
