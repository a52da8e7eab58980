#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""scholiast-cli agree --json checked against independent references (docs/METRICS.md).

Generates, with a fixed seed, a ~4,000-code-point document (with non-BMP characters) and three
annotators' sidecars (B and C derived from A with relabelled, moved, dropped and added spans),
then compares:
  - per-label Cohen's kappa with scikit-learn's cohen_kappa_score over code points;
  - Krippendorff's alpha (all labels: a code point's value is its set of labels; and per label)
    with NLTK's nltk.metrics.agreement.AnnotationTask, for 2 and 3 annotators;
  - exact and overlap P/R/F1 with a plain per-label count and Kuhn's augmenting-path matching.
Usage: test_metrics_reference.py SCHOLIAST_CLI WORK_DIR
"""
import hashlib
import json
import math
import os
import random
import subprocess
import sys

from nltk.metrics.agreement import AnnotationTask
from sklearn.metrics import cohen_kappa_score

LABELS = ["claim", "quote", "boilerplate"]
SCHEMA = LABELS + ["unused"]  # in every schema, used by nobody: kappa and alpha undefined
WORDS = ["the", "minister", "said", "market", "vote", "“we", "will”", "😀", "🇰🇷", "박서연", "é", "council"]


def make_document(rng, length=4000):
    parts = []
    size = 0
    while size < length:
        w = rng.choice(WORDS)
        parts.append(w)
        size += len(w) + 1
        parts.append("\r\n" if rng.random() < 0.05 else " ")
    return "".join(parts)[:length]


def make_reference(rng, n):
    spans = []
    for _ in range(60):
        s = rng.randrange(0, n - 5)
        e = min(n, s + rng.randint(2, 120))
        spans.append((s, e, rng.choice(LABELS)))
    return spans


def perturb(rng, spans, n):
    out = []
    for s, e, l in spans:
        r = rng.random()
        if r < 0.1:
            continue
        if r < 0.2:
            l = rng.choice([x for x in LABELS if x != l])
        elif r < 0.4:
            s = max(0, s + rng.randint(-4, 4))
            e = min(n, max(s + 1, e + rng.randint(-4, 4)))
        out.append((s, e, l))
        if rng.random() < 0.1:
            a = rng.randrange(0, n - 5)
            out.append((a, min(n, a + rng.randint(2, 60)), rng.choice(LABELS)))
    return out


def write_sidecar(path, name, raw, text, spans, prefix):
    annotations = [{"id": "%s%04d" % (prefix, i), "start": s, "end": e, "label": l, "text": text[s:e]}
                   for i, (s, e, l) in enumerate(sorted(spans))]
    sidecar = {"format": "scholiast", "version": 1,
               "document": {"name": name, "sha256": hashlib.sha256(raw).hexdigest(), "length": len(text)},
               "labels": [{"name": l, "color": c, "key": str(k + 1)}
                          for k, (l, c) in enumerate(zip(SCHEMA, ["#d55e00", "#0072b2", "#009e73", "#cc79a7"]))],
               "annotations": annotations}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(sidecar, f, ensure_ascii=False)


def indicator(spans, label, n):
    v = [0] * n
    for s, e, l in spans:
        if l == label:
            for i in range(s, e):
                v[i] = 1
    return v


def label_sets(spans, n):
    v = [set() for _ in range(n)]
    for s, e, l in spans:
        for i in range(s, e):
            v[i].add(l)
    return [frozenset(x) for x in v]


def nltk_alpha(values_per_coder):
    data = [(str(c), i, v) for c, values in enumerate(values_per_coder) for i, v in enumerate(values)]
    if len({v for _, _, v in data}) < 2:
        return None  # NLTK returns 1.0 here; Scholiast reports the figure as undefined
    return AnnotationTask(data).alpha()


def max_matching(a, b):
    match_b = [-1] * len(b)

    def augment(i, seen):
        for j, (s, e) in enumerate(b):
            if j not in seen and a[i][0] < e and s < a[i][1]:
                seen.add(j)
                if match_b[j] < 0 or augment(match_b[j], seen):
                    match_b[j] = i
                    return True
        return False

    return sum(1 for i in range(len(a)) if augment(i, set()))


def prf(matched, nr, nc):
    p = matched / nc if nc else None
    r = matched / nr if nr else None
    f = 2 * matched / (nr + nc) if nr + nc else None
    return p, r, f


failures = []


def check(what, actual, expected, tolerance=1e-9):
    if expected is None or (isinstance(expected, float) and math.isnan(expected)):
        ok = actual is None
    else:
        ok = actual is not None and abs(actual - expected) <= tolerance
    if not ok:
        failures.append("%s: scholiast %r, reference %r" % (what, actual, expected))


def agree(cli, paths):
    result = subprocess.run([cli, "agree", "--json"] + paths, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("agree failed (%d): %s" % (result.returncode, result.stderr))
    return json.loads(result.stdout)


def main():
    cli, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    rng = random.Random(20261127)
    text = make_document(rng)
    raw = text.encode("utf-8")
    name = "fixture.txt"
    with open(os.path.join(work, name), "wb") as f:
        f.write(raw)
    n = len(text)
    a = make_reference(rng, n)
    layers = {"ana": a, "bob": perturb(rng, a, n), "cat": perturb(rng, a, n)}
    paths = {}
    for who, spans in layers.items():
        paths[who] = os.path.join(work, "%s.%s.scholiast.json" % (name, who))
        write_sidecar(paths[who], name, raw, text, spans, who[0])

    # Two annotators: everything.
    ref, cand = layers["ana"], layers["bob"]
    got = agree(cli, [paths["ana"], paths["bob"]])
    check("units", got["units"], n)
    for label in SCHEMA:
        entry = got["labels"][label]
        x, y = indicator(ref, label, n), indicator(cand, label, n)
        check("kappa %s" % label, entry["kappa"], cohen_kappa_score(x, y) if (any(x) or any(y)) else None)
        check("alpha %s" % label, entry["alpha"], nltk_alpha([x, y]))
        r = [(s, e) for s, e, l in ref if l == label]
        c = [(s, e) for s, e, l in cand if l == label]
        exact = sum(min(r.count(k), c.count(k)) for k in set(r))
        for kind, matched in (("exact", exact), ("overlap", max_matching(r, c))):
            p, rec, f = prf(matched, len(r), len(c))
            check("%s %s matched" % (kind, label), entry[kind]["matched"], matched)
            check("%s %s precision" % (kind, label), entry[kind]["precision"], p)
            check("%s %s recall" % (kind, label), entry[kind]["recall"], rec)
            check("%s %s f1" % (kind, label), entry[kind]["f1"], f)
    check("alpha (2)", got["alpha"], nltk_alpha([label_sets(ref, n), label_sets(cand, n)]))

    # Three annotators: alpha and pairwise F1.
    got3 = agree(cli, [paths["ana"], paths["bob"], paths["cat"]])
    three = [layers["ana"], layers["bob"], layers["cat"]]
    check("alpha (3)", got3["alpha"], nltk_alpha([label_sets(s, n) for s in three]))
    for label in SCHEMA:
        check("alpha (3) %s" % label, got3["labels"][label]["alpha"], nltk_alpha([indicator(s, label, n) for s in three]))
    for pair in got3["pairwise"]:
        x = layers[pair["a"].split(".")[-3]]
        y = layers[pair["b"].split(".")[-3]]
        exact = sum(min(x.count(k), y.count(k)) for k in set(x))
        overlap = sum(max_matching([(s, e) for s, e, l in x if l == label], [(s, e) for s, e, l in y if l == label])
                      for label in LABELS)
        check("pairwise exact f1", pair["exact_f1"], 2 * exact / (len(x) + len(y)))
        check("pairwise overlap f1", pair["overlap_f1"], 2 * overlap / (len(x) + len(y)))

    print("2 annotators: alpha %.6f, kappa %s" % (got["alpha"], {l: got["labels"][l]["kappa"] for l in SCHEMA}))
    print("3 annotators: alpha %.6f" % got3["alpha"])
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print("all figures match the references")


if __name__ == "__main__":
    main()
