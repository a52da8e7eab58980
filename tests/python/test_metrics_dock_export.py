#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The metrics dock's CSV and JSON exports, loaded as an analysis script would (issue 6).

ui_corpus_test writes OUT/metrics-dock.csv and OUT/metrics-dock.json (gold against the editable
sidecar of a small fixture). This checks that both load with the standard library, hold the same
figures, and that precision, recall and F1 follow from the counts as docs/METRICS.md defines them.

Usage: test_metrics_dock_export.py OUT_FOLDER
"""
import csv
import json
import math
import sys
from pathlib import Path


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def main():
    folder = Path(sys.argv[1])
    with open(folder / "metrics-dock.json", encoding="utf-8") as f:
        report = json.load(f)
    with open(folder / "metrics-dock.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and set(rows[0]) == {"table", "row", "column", "value"}, rows[:1]

    table = {}
    for r in rows:
        table[(r["table"], r["row"], r["column"])] = r["value"]

    assert table[("info", "reference", "value")] == report["reference"] == "gold"
    assert table[("info", "candidate", "value")] == report["candidate"] == "editable"
    assert int(table[("info", "documents", "value")]) == report["documents"] == 1
    assert int(table[("info", "units", "value")]) == report["units"] > 0

    labels = sorted(report["labels"])
    assert labels == ["boilerplate", "claim", "quote"], labels
    csv_labels = sorted({r["row"] for r in rows if r["table"] == "scores"} - {"micro", "macro"})
    assert csv_labels == labels, csv_labels

    def figure(value):
        return None if value == "" else float(value)

    for kind in ("exact", "overlap"):
        micro = report["micro"][kind]
        # P = matched / candidate, R = matched / reference, F1 = 2 matched / (reference + candidate)
        assert close(micro["precision"], micro["matched"] / micro["candidate"])
        assert close(micro["recall"], micro["matched"] / micro["reference"])
        assert close(micro["f1"], 2 * micro["matched"] / (micro["reference"] + micro["candidate"]))
        for measure in ("precision", "recall", "f1"):
            assert close(figure(table[("scores", "micro", f"{kind}_{measure}")]), micro[measure]), (kind, measure)
        f1s = [report["labels"][label][kind]["f1"] for label in labels if report["labels"][label][kind]["f1"] is not None]
        assert close(report["macro"][kind]["f1"], sum(f1s) / len(f1s))
        assert close(figure(table[("scores", "macro", f"{kind}_f1")]), report["macro"][kind]["f1"])

    for label in labels:
        entry = report["labels"][label]
        assert int(table[("scores", label, "reference")]) == entry["reference"]
        assert int(table[("scores", label, "candidate")]) == entry["candidate"]
        for key in ("kappa", "alpha"):
            value = figure(table[("scores", label, key)])
            assert (value is None) == (entry[key] is None), (label, key)
            if value is not None:
                assert close(value, entry[key]) and -1.0 <= value <= 1.0, (label, key, value)

    # Confusion: same-range pairs, with the reference spans missed and candidate spans spurious.
    for row, cells in report["confusion"].items():
        for column, n in cells.items():
            assert int(table[("confusion", row, column)]) == n
    for label, n in report["missed"].items():
        assert int(table[("confusion", label, "missed")]) == n
    for label, n in report["spurious"].items():
        assert int(table[("confusion", "spurious", label)]) == n

    pair = report["pairwise"][0]
    assert {pair["a"], pair["b"]} == {"editable", "gold"}
    assert close(pair["exact_f1"], report["micro"]["exact"]["f1"])
    print("metrics dock export: CSV and JSON agree;", len(rows), "CSV rows")


if __name__ == "__main__":
    main()
