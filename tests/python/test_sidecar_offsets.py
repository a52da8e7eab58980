# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Loads sidecars written by Scholiast the way a training script would, with nothing but the
standard library, and checks every offset against Python's own slicing of the document."""
import hashlib
import json
import re
import sys
import unittest

DOCUMENT, SIDECAR = sys.argv[1], sys.argv[2]


def read_text(path):
    # docs/FORMAT.md section 2: the text is the file decoded as UTF-8, BOM removed, newlines kept
    with open(path, encoding="utf-8-sig", newline="") as f:
        return f.read()


class SidecarOffsets(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.text = read_text(DOCUMENT)
        with open(SIDECAR, encoding="utf-8") as f:
            cls.sidecar = json.load(f)

    def test_document_header(self):
        document = self.sidecar["document"]
        with open(DOCUMENT, "rb") as f:
            self.assertEqual(document["sha256"], hashlib.sha256(f.read()).hexdigest())
        self.assertEqual(document["length"], len(self.text))

    def test_every_span_text_is_the_slice(self):
        spans = self.sidecar["annotations"]
        self.assertGreater(len(spans), 10)
        for span in spans:
            self.assertLess(span["start"], span["end"])
            self.assertEqual(span["text"], self.text[span["start"]:span["end"]], span)

    def test_words_are_where_python_finds_them(self):
        expected = {(m.start(), m.end()) for m in re.finditer(r"\S+", self.text)}
        written = {(s["start"], s["end"]) for s in self.sidecar["annotations"] if s["label"] == "claim"}
        self.assertEqual(written, expected)

    def test_lines_keep_their_crlf(self):
        lines = [s for s in self.sidecar["annotations"] if s["label"] == "boilerplate"]
        self.assertEqual("".join(s["text"] for s in sorted(lines, key=lambda s: s["start"])), self.text)
        self.assertIn("\r\n", self.text)

    def test_fixture_has_what_it_claims(self):
        # non-BMP characters and CRLF before spans: the cases other tools get wrong
        self.assertTrue(any(ord(c) > 0xFFFF for c in self.text))
        self.assertTrue(any(s["start"] > self.text.index("\r\n") for s in self.sidecar["annotations"]))

    def test_file_is_canonical(self):
        with open(SIDECAR, "rb") as f:
            raw = f.read()
        self.assertFalse(raw.startswith(b"\xef\xbb\xbf"))
        lines = raw.decode("utf-8").split("\n")
        starts = [json.loads(line.strip().rstrip(","))["start"] for line in lines if line.startswith('  {"id"')]
        self.assertEqual(len(starts), len(self.sidecar["annotations"]))
        self.assertEqual(starts, sorted(starts))

    def test_span_lines_are_what_python_writes(self):
        # Each span line is json.dumps of what it holds, escapes and all: the writer's fast paths
        # (eight ASCII units at a time, context taken from the document) change no byte.
        with open(SIDECAR, encoding="utf-8", newline="") as f:
            lines = [line for line in f.read().split("\n") if line.startswith('  {"id"')]
        self.assertGreater(len(lines), 10)
        for line in lines:
            body = line[2:].rstrip(",")
            self.assertEqual(json.dumps(json.loads(body), ensure_ascii=False), body)
        self.assertTrue(any('"prefix"' in line and "\\r\\n" in line for line in lines))


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]], verbosity=2)
