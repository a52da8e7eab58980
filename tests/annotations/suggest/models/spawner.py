#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A test model that starts a child of its own, writes the child's process id to the file named
by its argument, and never answers (issue 14: a timeout killed only the direct child)."""
import subprocess
import sys
import time

sys.stdin.read()
child = subprocess.Popen(["sleep", "1000"])
with open(sys.argv[1], "w") as f:
    f.write(str(child.pid))
while True:
    time.sleep(60)
