# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
# Metrics, review classification and merge (issue 6). Paths relative to tests/annotations/.
scholiast_add_test(metrics_test SOURCES metrics/metrics_test.cpp LIBS scholiast_annotations)
