#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 19: relations as a training script for quote attribution reads them, with nothing but
the standard library: every relation joins two spans of the file, its ends slice the text at
their offsets, and the pairs are the ones a reader of the article would name. Then through brat
and back with scholiast-cli, as a researcher moves the data between tools.

usage: test_relations.py SCHOLIAST_CLI SAMPLE_DOCUMENT WORK_DIR
"""
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


def pairs(sidecar_path, text):
    with open(sidecar_path, encoding="utf-8") as f:
        sidecar = json.load(f)
    spans = {a["id"]: a for a in sidecar["annotations"]}
    result = []
    for r in sidecar.get("relations", []):
        source, target = spans[r["from"]], spans[r["to"]]
        for span in (source, target):
            assert text[span["start"]:span["end"]] == span["text"], span["id"]
        result.append((text[source["start"]:source["end"]], r["label"], text[target["start"]:target["end"]]))
    return sidecar, sorted(result)


class Relations(unittest.TestCase):
    def test_sample_pairs(self):
        text = read_text(DOCUMENT)
        sidecar, found = pairs(DOCUMENT + ".scholiast.json", text)
        self.assertEqual(sidecar["version"], 2)
        self.assertEqual(sidecar["relation_labels"][0]["name"], "attributed_to")
        minister = "the environment minister, Tomasz Wiśniewski"
        self.assertIn(("We are open", "attributed_to", minister), found)
        self.assertIn(("to talks with every council that has lost homes to the sea.", "attributed_to", minister),
                      found)
        self.assertIn(("But it arrives.", "attributed_to", "Ana Lima"), found)
        self.assertEqual(len(found), 7)

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
            self.assertEqual(sum(1 for line in f if line.startswith("R")), 7)
        text = read_text(os.path.join(back, name))
        _, found = pairs(os.path.join(back, name + ".scholiast.json"), text)
        _, expected = pairs(DOCUMENT + ".scholiast.json", read_text(DOCUMENT))
        self.assertEqual(found, expected)

    def test_a_quote_in_two_pieces(self):
        """A brat discontinuous T line becomes one sidecar span with fragments (docs/FORMAT.md
        §6.9): its text is its pieces joined by a space, and the JSONL dataset carries it."""
        folder = os.path.join(WORK, "pieces")
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        text = "“We are open,” the minister said 😀, “to talks.”\r\n"
        with open(os.path.join(folder, "minister.txt"), "w", encoding="utf-8", newline="") as f:
            f.write(text)
        with open(os.path.join(folder, "minister.ann"), "w", encoding="utf-8", newline="") as f:
            f.write("T1\tquote 1 13;37 46\tWe are open, to talks.\nT2\tsource 15 27\tthe minister\n"
                    "R1\tattributed_to Arg1:T1 Arg2:T2\n")
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


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]], verbosity=2)
