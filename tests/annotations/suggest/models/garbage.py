#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A test model that prints something other than JSON lines."""
import sys

for line in sys.stdin:
    print("Loading weights... done. Found 3 entities!")
