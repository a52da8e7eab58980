#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 19: relations as a training script for quote attribution reads them, with nothing but
the standard library: every relation joins two spans of the file, its ends slice the text at
their offsets, and the pairs are the ones a reader of the article would name. Then through brat
and back with scholiast-cli, as a researcher moves the data between tools; and relation P/R/F1
from `agree --json` against this file's own count of the pairs (docs/METRICS.md §2.7).

usage: test_relations.py SCHOLIAST_CLI SAMPLE_DOCUMENT WORK_DIR
"""
import copy
import csv
import json
import os
import shutil
import subprocess
import sys
import unittest

CLI, DOCUMENT, WORK = sys.argv[1], sys.argv[2], sys.argv[3]


def read_text(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return f.read()


MINISTER = "“We are open,” the minister said 😀, “to talks.”\r\n"


def write_minister(folder):
    """A quote in two pieces around its attribution, as brat writes it: minister.txt and .ann."""
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    with open(os.path.join(folder, "minister.txt"), "w", encoding="utf-8", newline="") as f:
        f.write(MINISTER)
    with open(os.path.join(folder, "minister.ann"), "w", encoding="utf-8", newline="") as f:
        f.write("T1\tquote 1 13;37 46\tWe are open, to talks.\nT2\tsource 15 27\tthe minister\n"
                "R1\tattributed_to Arg1:T1 Arg2:T2\n")
    return MINISTER


def pairs(sidecar_path, text):
    with open(sidecar_path, encoding="utf-8") as f:
        sidecar = json.load(f)
    spans = {a["id"]: a for a in sidecar["annotations"]}
    result = []
    for r in sidecar.get("relations", []):
        source, target = spans[r["from"]], spans[r["to"]]
        for span in (source, target):
            assert span_text(text, span) == span["text"], span["id"]
        result.append((span_text(text, source), r["label"], span_text(text, target)))
    return sidecar, sorted(result)


def span_text(text, span):
    """A span's text at its offsets: a span in pieces is its pieces joined by a space (§6.9)."""
    pieces = span.get("fragments") or [[span["start"], span["end"]]]
    return " ".join(text[start:end] for start, end in pieces)


class Relations(unittest.TestCase):
    def test_sample_pairs(self):
        text = read_text(DOCUMENT)
        sidecar, found = pairs(DOCUMENT + ".scholiast.json", text)
        self.assertEqual(sidecar["version"], 2)
        self.assertEqual(sidecar["relation_labels"][0]["name"], "attributed_to")
        minister = "the environment minister, Tomasz Wiśniewski"
        # The quote interrupted by its attribution is one span in two pieces.
        self.assertIn(("We are open to talks with every council that has lost homes to the sea.", "attributed_to",
                       minister), found)
        self.assertIn(("But it arrives.", "attributed_to", "Ana Lima"), found)
        self.assertEqual(len(found), 6)

    def test_through_brat_and_back(self):
        shutil.rmtree(WORK, ignore_errors=True)
        os.makedirs(WORK)
        brat = os.path.join(WORK, "brat")
        back = os.path.join(WORK, "back")
        for args in (["export", "--to", "brat", "-o", brat, DOCUMENT],
                     ["import", "--from", "brat", "--out-dir", back, brat]):
            p = subprocess.run([CLI, *args], capture_output=True, text=True, encoding="utf-8")
            self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        name = os.path.basename(DOCUMENT)
        with open(os.path.join(brat, name[:-4] + ".ann"), encoding="utf-8") as f:
            self.assertEqual(sum(1 for line in f if line.startswith("R")), 6)
        text = read_text(os.path.join(back, name))
        _, found = pairs(os.path.join(back, name + ".scholiast.json"), text)
        _, expected = pairs(DOCUMENT + ".scholiast.json", read_text(DOCUMENT))
        self.assertEqual(found, expected)

    def test_through_w3c_and_back(self):
        """Linking annotations (docs/FORMAT.md §16): valid against the schema, each joining two
        tagging annotations of the export, read back as the same pairs."""
        import jsonschema
        schema_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "w3c-annotation.schema.json")
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        out = os.path.join(WORK, "w3c")
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(out)
        exported = os.path.join(out, "quotes.jsonld")
        back = os.path.join(out, "back")
        for args in (["export", "--to", "w3c", "-o", exported, DOCUMENT],
                     ["import", "--from", "w3c", "--document", DOCUMENT, "--out-dir", back, exported]):
            p = subprocess.run([CLI, *args], capture_output=True, text=True, encoding="utf-8")
            self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
            self.assertNotIn("relations not written", p.stderr)
            self.assertNotIn("linking annotations", p.stderr)
        with open(exported, encoding="utf-8") as f:
            collection = json.load(f)
        self.assertEqual(list(jsonschema.Draft7Validator(schema).iter_errors(collection)), [])
        text = read_text(DOCUMENT)
        spans = {}
        links = []
        for a in collection["first"]["items"]:
            if a["motivation"] == "linking":
                links.append(a)
                continue
            # A span in pieces has a target per piece (docs/FORMAT.md §16).
            targets = a["target"] if isinstance(a["target"], list) else [a["target"]]
            positions = [next(s for s in t["selector"] if s["type"] == "TextPositionSelector") for t in targets]
            spans[a["id"]] = " ".join(text[p["start"]:p["end"]] for p in positions)
        found = sorted((spans[a["target"][0]], a["body"][0]["value"], spans[a["target"][1]]) for a in links)
        _, expected = pairs(DOCUMENT + ".scholiast.json", text)
        self.assertEqual(found, expected)
        _, imported = pairs(os.path.join(back, os.path.basename(DOCUMENT) + ".scholiast.json"), text)
        self.assertEqual(imported, expected)

    def test_a_quote_in_two_pieces(self):
        """A brat discontinuous T line becomes one sidecar span with fragments (docs/FORMAT.md
        §6.9): its text is its pieces joined by a space, and the JSONL dataset carries it."""
        folder = os.path.join(WORK, "pieces")
        text = write_minister(folder)
        out = os.path.join(WORK, "pieces-out")
        shutil.rmtree(out, ignore_errors=True)
        jsonl = os.path.join(WORK, "pieces.jsonl")
        for args in (["import", "--from", "brat", "--out-dir", out, folder],
                     ["export", "--to", "jsonl", "-o", jsonl, os.path.join(out, "minister.txt")]):
            p = subprocess.run([CLI, *args], capture_output=True, text=True, encoding="utf-8")
            self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        with open(os.path.join(out, "minister.txt.scholiast.json"), encoding="utf-8") as f:
            sidecar = json.load(f)
        self.assertEqual(sidecar["version"], 2)
        quote = next(a for a in sidecar["annotations"] if a["label"] == "quote")
        self.assertEqual(quote["fragments"], [[1, 13], [37, 46]])
        self.assertEqual((quote["start"], quote["end"]), (1, 46))
        self.assertEqual(quote["text"], " ".join(text[s:e] for s, e in quote["fragments"]))
        self.assertEqual(quote["text"], "We are open, to talks.")
        with open(jsonl, encoding="utf-8") as f:
            record = json.loads(f.readline())
        span = next(s for s in record["spans"] if s["label"] == "quote")
        self.assertEqual(span["fragments"], [[1, 13], [37, 46]])
        self.assertEqual(len(record["relations"]), 1)
        # W3C: one annotation whose targets are the pieces, each with its own selectors.
        w3c = os.path.join(WORK, "pieces.jsonld")
        p = subprocess.run([CLI, "export", "--to", "w3c", "-o", w3c, os.path.join(out, "minister.txt")],
                           capture_output=True, text=True, encoding="utf-8")
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertNotIn("fragment", p.stderr)
        with open(w3c, encoding="utf-8") as f:
            items = json.load(f)["first"]["items"]
        quote = next(a for a in items if a["body"][0]["value"] == "quote")
        pieces = []
        for target in quote["target"]:
            position = next(s for s in target["selector"] if s["type"] == "TextPositionSelector")
            exact = next(s for s in target["selector"] if s["type"] == "TextQuoteSelector")["exact"]
            self.assertEqual(text[position["start"]:position["end"]], exact)
            pieces.append([position["start"], position["end"]])
        self.assertEqual(pieces, [[1, 13], [37, 46]])


def relation_keys(sidecar):
    """Each relation as (label, from end, to end), an end as its span's range, label and pieces."""
    spans = {a["id"]: a for a in sidecar["annotations"]}

    def end(span_id):
        a = spans[span_id]
        return (a["start"], a["end"], a["label"], tuple(map(tuple, a.get("fragments", []))))
    return [(r["label"], end(r["from"]), end(r["to"])) for r in sidecar.get("relations", [])]


def overlaps(a, b):
    pieces = lambda e: e[3] or ((e[0], e[1]),)  # noqa: E731
    return a[2] == b[2] and any(s < be and bs < e for s, e in pieces(a) for bs, be in pieces(b))


def maximum_matching(left, right, edge):
    """Kuhn's augmenting paths, written out again here as the reference."""
    owner = {}

    def augment(i, seen):
        for j in range(len(right)):
            if j not in seen and edge(left[i], right[j]):
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False
    return sum(augment(i, set()) for i in range(len(left)))


class RelationScores(unittest.TestCase):
    """A model's relations against the gold sample: one relabelled, one missed, one spurious,
    and two whose source span ends a code point early (they match by overlap only)."""

    def run_cli(self, *args):
        p = subprocess.run([CLI, *args], capture_output=True, text=True, encoding="utf-8")
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        return p.stdout

    def test_agree_and_diff(self):
        folder = os.path.join(WORK, "scores")
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        text = read_text(DOCUMENT)
        with open(DOCUMENT + ".scholiast.json", encoding="utf-8") as f:
            gold = json.load(f)
        model = copy.deepcopy(gold)
        model["relation_labels"].append({"name": "said_by", "from": ["quote"], "to": ["source"]})
        spans = {a["id"]: a for a in model["annotations"]}
        lima = spans["s0009"]
        self.assertEqual(lima["text"], "Ana Lima")
        lima["end"] -= 1
        lima["text"] = text[lima["start"]:lima["end"]]
        relations = {r["id"]: r for r in model["relations"]}
        relations["r0001"]["label"] = "said_by"
        del relations["r0002"]
        relations["r0008"] = {"id": "r0008", "label": "attributed_to", "from": "s0001", "to": "s0006"}
        model["relations"] = sorted(relations.values(), key=lambda r: r["id"])
        paths = []
        for name, sidecar in (("gold", gold), ("model", model)):
            paths.append(os.path.join(folder, f"flood-fund-quotes.txt.{name}.scholiast.json"))
            with open(paths[-1], "w", encoding="utf-8") as f:
                json.dump(sidecar, f, ensure_ascii=False, indent=1)

        scores = json.loads(self.run_cli("agree", "--json", *paths))["relations"]
        gold_keys, model_keys = relation_keys(gold), relation_keys(model)
        for label in ("attributed_to", "said_by"):
            ref = [k for k in gold_keys if k[0] == label]
            cand = [k for k in model_keys if k[0] == label]
            exact = sum(min(ref.count(k), cand.count(k)) for k in set(ref))
            overlap = maximum_matching(ref, cand, lambda r, c: overlaps(r[1], c[1]) and overlaps(r[2], c[2]))
            got = scores["labels"][label]
            self.assertEqual((got["exact"]["reference"], got["exact"]["candidate"], got["exact"]["matched"]),
                             (len(ref), len(cand), exact), label)
            self.assertEqual(got["overlap"]["matched"], overlap, label)
        self.assertEqual(scores["labels"]["attributed_to"]["exact"]["matched"], 2)
        self.assertEqual(scores["labels"]["attributed_to"]["overlap"]["matched"], 4)
        self.assertAlmostEqual(scores["micro"]["exact"]["f1"], 2 * 2 / (6 + 6))
        self.assertEqual(scores["missed"], {"attributed_to": 1})
        self.assertEqual(scores["spurious"], {"attributed_to": 1})
        self.assertEqual(scores["mislabelled"], {"attributed_to": 1})

        kinds = [line.split()[0] for line in self.run_cli("diff", *paths).splitlines()
                 if line.startswith("relation-")]
        self.assertEqual(sorted(kinds), sorted(["relation-label-mismatch", "relation-missed",
                                                "relation-boundary-mismatch", "relation-boundary-mismatch",
                                                "relation-spurious"]))

    def test_spans_only_output_unchanged(self):
        """Sidecars without relations get no relation figures at all."""
        harbour = os.path.join(os.path.dirname(DOCUMENT), "harbour-bridge-vote.txt")
        result = json.loads(self.run_cli("agree", "--json", harbour + ".scholiast.json",
                                         harbour + ".model.scholiast.json"))
        self.assertNotIn("relations", result)
        self.assertNotIn("relation_exact_f1", result["pairwise"][0])
        self.assertNotIn("relations", self.run_cli("agree", harbour + ".scholiast.json",
                                                   harbour + ".model.scholiast.json"))

    def test_csv_columns(self):
        """CSV (docs/FORMAT.md §18) read with the csv module: a corpus that uses version 2 gets the
        fragments and relations columns on every row, each a JSON list; the row's offsets are the
        span's envelope, its text the pieces joined by a space; a spans-only export keeps its header."""
        folder = os.path.join(WORK, "csv-corpus")
        text = write_minister(folder)
        corpus = os.path.join(WORK, "csv-corpus-out")
        shutil.rmtree(corpus, ignore_errors=True)
        self.run_cli("import", "--from", "brat", "--out-dir", corpus, folder)
        harbour = os.path.join(os.path.dirname(DOCUMENT), "harbour-bridge-vote.txt")
        shutil.copy(harbour, corpus)
        shutil.copy(harbour + ".scholiast.json", corpus)
        out = os.path.join(WORK, "corpus.csv")
        self.run_cli("export", "--to", "csv", "-o", out, corpus)
        with open(out, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(list(rows[0].keys())[-2:], ["fragments", "relations"])
        quote = next(r for r in rows if r["label"] == "quote" and r["document"] == "minister.txt")
        source = next(r for r in rows if r["label"] == "source")
        self.assertEqual(json.loads(quote["fragments"]), [[1, 13], [37, 46]])
        self.assertEqual((int(quote["start"]), int(quote["end"])), (1, 46))
        self.assertEqual(quote["text"], " ".join(text[s:e] for s, e in json.loads(quote["fragments"])))
        relations = json.loads(quote["relations"])
        self.assertEqual([(r["label"], r["to"]) for r in relations], [("attributed_to", source["id"])])
        self.assertEqual(source["fragments"], "")
        harbour_rows = [r for r in rows if r["document"] == "harbour-bridge-vote.txt"]
        self.assertTrue(harbour_rows)
        self.assertTrue(all(r["fragments"] == "" and r["relations"] == "" for r in harbour_rows))
        # Back: one discontinuous span and its relation.
        back = os.path.join(WORK, "csv-back")
        shutil.rmtree(back, ignore_errors=True)
        os.makedirs(back)
        shutil.copy(os.path.join(folder, "minister.txt"), back)
        shutil.copy(harbour, back)
        self.run_cli("import", "--from", "csv", "--documents", back, out)
        with open(os.path.join(back, "minister.txt.scholiast.json"), encoding="utf-8") as f:
            imported = json.load(f)
        spans = {a["id"]: a for a in imported["annotations"]}
        self.assertEqual([(spans[r["from"]].get("fragments"), r["label"], spans[r["to"]]["text"])
                          for r in imported["relations"]],
                         [([[1, 13], [37, 46]], "attributed_to", "the minister")])
        # A spans-only export keeps the header it always had.
        self.run_cli("export", "--to", "csv", "-o", out, harbour)
        with open(out, encoding="utf-8", newline="") as f:
            header = f.readline().rstrip("\r\n")
        self.assertEqual(header, "document,start,end,label,text,note,annotator,source,status,id,score,created,"
                                 "modified")


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]], verbosity=2)
