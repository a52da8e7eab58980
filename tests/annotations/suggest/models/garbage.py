#!/usr/bin/python3
"""A test model that prints something other than JSON lines."""
import sys

for line in sys.stdin:
    print("Loading weights... done. Found 3 entities!")
