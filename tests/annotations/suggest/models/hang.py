#!/usr/bin/python3
"""A test model that reads its input and never answers."""
import sys
import time

sys.stdin.read()
while True:
    time.sleep(60)
