#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A test model that reads its input and never answers."""
import sys
import time

sys.stdin.read()
while True:
    time.sleep(60)
