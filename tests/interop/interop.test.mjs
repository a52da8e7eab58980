// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Scholiast's exports checked by the libraries browser annotation clients anchor with (issue 15):
// Apache Annotator, Hypothesis's dom-anchor-text-quote and dom-anchor-text-position over the
// document text in jsdom, doccano's grapheme mode with grapheme-splitter, and selectors those
// libraries create imported back into Scholiast.
//
// usage: node interop.test.mjs SCHOLIAST_CLI WORK_DIR   (run by run-interop.sh after `npm ci`)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { JSDOM } from 'jsdom';
import GraphemeSplitter from 'grapheme-splitter';
import * as textPosition from 'dom-anchor-text-position';
import * as textQuote from 'dom-anchor-text-quote';

const [cli, work] = process.argv.slice(2);
assert.ok(cli && work, 'usage: interop.test.mjs SCHOLIAST_CLI WORK_DIR');

// Apache Annotator walks the DOM through the globals a browser has.
const globalWindow = new JSDOM('<!DOCTYPE html><body></body>').window;
for (const name of ['Node', 'NodeFilter', 'Range', 'Text', 'document']) {
    globalThis[name] = globalWindow[name];
}
const annotator = await import('@apache-annotator/dom');

// Our own texts: CRLF, emoji, a ZWJ sequence, flags, combining marks, CJK, a span across a line
// break and spans at the very end.
const documents = {
    'harvest-crlf.txt': 'Harvest fair 🇯🇵 opens at dawn\r\n'
        + 'The 👩‍🌾 farmer sells 梨 and cafe\u0301 cre\u0300me.\r\n'
        + 'A long sentence that runs\r\nover the line ends with 🎉',
    'river-lf.txt': 'Ferry log 🇳🇿🇨🇦\nTide 👨‍👩‍👧‍👦 at 東京 pier; Zoë\u0308 waved\n'
        + 'The last word is ñ\u0303o 😀',
};
// [document, the text of the span, label, which occurrence]
const spanTexts = [
    ['harvest-crlf.txt', '🇯🇵', 'flag', 0],
    ['harvest-crlf.txt', 'The 👩‍🌾 farmer', 'person', 0],
    ['harvest-crlf.txt', '梨', 'fruit', 0],
    ['harvest-crlf.txt', 'cafe\u0301 cre\u0300me', 'food', 0],
    ['harvest-crlf.txt', 'runs\r\nover the line', 'crossing', 0],
    ['harvest-crlf.txt', '🎉', 'end', 0],
    ['harvest-crlf.txt', 'ends with 🎉', 'end-phrase', 0],
    ['river-lf.txt', '🇳🇿🇨🇦', 'flags', 0],
    ['river-lf.txt', '👨‍👩‍👧‍👦', 'family', 0],
    ['river-lf.txt', '東京', 'place', 0],
    ['river-lf.txt', 'Zoë\u0308', 'person', 0],
    ['river-lf.txt', 'pier; Zoë\u0308 waved\nThe', 'crossing', 0],
    ['river-lf.txt', 'ñ\u0303o 😀', 'end', 0],
];

const codePoints = (s) => Array.from(s).length;
const lf = (s) => s.replace(/\r\n/g, '\n');
// A UTF-16 index of `text` as a code point offset, and back.
const toCodePoint = (text, utf16) => codePoints(text.slice(0, utf16));
const toUtf16 = (text, cp) => Array.from(text).slice(0, cp).join('').length;

const spans = spanTexts.map(([doc, piece, label, occurrence], i) => {
    const text = documents[doc];
    let at = -1;
    for (let k = 0; k <= occurrence; ++k) {
        at = text.indexOf(piece, at + 1);
    }
    assert.ok(at >= 0, `fixture: ${JSON.stringify(piece)} not in ${doc}`);
    const start = toCodePoint(text, at);
    return { id: `s${i + 1}`, doc, label, text: piece, start, end: start + codePoints(piece) };
});
const spansOf = (doc) => spans.filter((s) => s.doc === doc);

fs.mkdirSync(work, { recursive: true });
const dir = fs.mkdtempSync(path.join(work, 'run-'));
for (const [name, text] of Object.entries(documents)) {
    fs.writeFileSync(path.join(dir, name), text, 'utf8');
}
// The corpus as a Scholiast JSONL dataset: code point offsets, what Scholiast exports from.
const dataset = path.join(dir, 'corpus.jsonl');
fs.writeFileSync(dataset, Object.keys(documents).map((doc) => JSON.stringify({
    id: doc,
    text: documents[doc],
    spans: spansOf(doc).map(({ id, start, end, label, text }) => ({ id, start, end, label, text })),
})).join('\n') + '\n', 'utf8');

function scholiast(args) {
    const run = spawnSync(cli, args, { encoding: 'utf8' });
    if (run.status !== 0) {
        assert.fail(`scholiast-cli ${args.join(' ')} exited ${run.status}:\n${run.stdout}\n${run.stderr}`);
    }
    return run;
}

function exportW3c(offsets) {
    const out = path.join(dir, `export-${offsets}.jsonld`);
    scholiast(['export', '--to', 'w3c', '--offsets', offsets, '-o', out, dataset]);
    return JSON.parse(fs.readFileSync(out, 'utf8')).first.items;
}

// The document in a browser: a text/plain page is a <pre> whose text the HTML parser gave LF
// line ends; `raw` keeps the text as it is (a client that sets textContent itself).
function page(text) {
    const dom = new JSDOM('<!DOCTYPE html><body><pre></pre></body>');
    const pre = dom.window.document.querySelector('pre');
    pre.textContent = text;
    return { dom, root: pre, window: dom.window };
}

function selectorsOf(annotation) {
    const selectors = annotation.target.selector;
    return {
        position: selectors.find((s) => s.type === 'TextPositionSelector'),
        quote: selectors.find((s) => s.type === 'TextQuoteSelector'),
        document: annotation.target.source.label,
        label: annotation.body.find((b) => b.purpose === 'tagging').value,
    };
}

function expectedFor(annotation) {
    const { document: doc, label } = selectorsOf(annotation);
    const match = spansOf(doc).filter((s) => s.label === label);
    assert.equal(match.length, 1, `one span labelled ${label} in ${doc}`);
    return match[0];
}

test('W3C export in code points: Apache Annotator anchors every position and quote', async () => {
    for (const annotation of exportW3c('codepoint')) {
        const { position, quote, document: doc } = selectorsOf(annotation);
        const span = expectedFor(annotation);
        const { window, root } = page(documents[doc]);
        const scope = window.document.createRange();
        scope.selectNodeContents(root);
        const positions = [];
        for await (const range of annotator.createTextPositionSelectorMatcher(position)(scope)) {
            positions.push(range.toString());
        }
        assert.deepEqual(positions, [span.text], `Apache Annotator position ${JSON.stringify(position)}`);
        const quotes = [];
        for await (const range of annotator.createTextQuoteSelectorMatcher(quote)(scope)) {
            quotes.push(range.toString());
        }
        assert.deepEqual(quotes, [span.text], `Apache Annotator quote ${JSON.stringify(quote)}`);
        // The context never cuts a grapheme cluster.
        const splitter = new GraphemeSplitter();
        const before = documents[doc].slice(0, toUtf16(documents[doc], span.start));
        const after = documents[doc].slice(toUtf16(documents[doc], span.end));
        assert.ok(splitter.splitGraphemes(before).join('|').endsWith(splitter.splitGraphemes(quote.prefix).join('|')),
            `prefix ${JSON.stringify(quote.prefix)} starts on a grapheme boundary`);
        assert.ok(splitter.splitGraphemes(after).join('|').startsWith(splitter.splitGraphemes(quote.suffix).join('|')),
            `suffix ${JSON.stringify(quote.suffix)} ends on a grapheme boundary`);
    }
});

test('W3C export with --offsets utf16: dom-anchor-text-position and -quote anchor it over the text as it is', () => {
    for (const annotation of exportW3c('utf16')) {
        const { position, quote, document: doc } = selectorsOf(annotation);
        const span = expectedFor(annotation);
        const { root } = page(documents[doc]);
        assert.equal(textPosition.toRange(root, position).toString(), span.text);
        // The quote's own search (toTextPosition: its toRange cannot end a range at the very end
        // of the text, a limit of the dom-anchor-text-position 4 it bundles).
        const found = textQuote.toTextPosition(root, quote);
        assert.deepEqual(found, { start: position.start, end: position.end },
            `dom-anchor-text-quote finds ${JSON.stringify(quote)}`);
        assert.equal(textPosition.toRange(root, found).toString(), span.text);
    }
});

test('W3C export with --offsets utf16-lf: anchored over the DOM text a browser makes of a CRLF file', () => {
    for (const annotation of exportW3c('utf16-lf')) {
        const { position, quote, document: doc } = selectorsOf(annotation);
        const span = expectedFor(annotation);
        const { root } = page(lf(documents[doc]));
        assert.equal(textPosition.toRange(root, position).toString(), lf(span.text));
        // The quote's own search (toTextPosition: its toRange cannot end a range at the very end
        // of the text, a limit of the dom-anchor-text-position 4 it bundles).
        const found = textQuote.toTextPosition(root, quote);
        assert.deepEqual(found, { start: position.start, end: position.end },
            `dom-anchor-text-quote finds ${JSON.stringify(quote)}`);
        assert.equal(textPosition.toRange(root, found).toString(), lf(span.text));
    }
});

test('doccano export: UTF-16 offsets slice in JavaScript, grapheme offsets with grapheme-splitter', () => {
    const splitter = new GraphemeSplitter();
    for (const offsets of ['utf16', 'grapheme']) {
        const out = path.join(dir, `doccano-${offsets}.jsonl`);
        scholiast(['export', '--to', 'doccano', '--offsets', offsets, '-o', out, dataset]);
        for (const line of fs.readFileSync(out, 'utf8').split('\n').filter(Boolean)) {
            const record = JSON.parse(line);
            const want = spansOf(record.id).map((s) => [s.text, s.label]).sort();
            const clusters = splitter.splitGraphemes(record.text);
            const got = record.label.map(([start, end, label]) => [offsets === 'utf16'
                ? record.text.slice(start, end) : clusters.slice(start, end).join(''), label]).sort();
            assert.deepEqual(got, want, `doccano ${offsets} ${record.id}`);
        }
    }
});

// Selectors made by the libraries over a browser's DOM text, imported by Scholiast.
function importSelectors(doc, annotations, extraArgs = []) {
    const file = path.join(dir, `client-${doc}.jsonld`);
    fs.writeFileSync(file, JSON.stringify(annotations, null, 1), 'utf8');
    const outDir = fs.mkdtempSync(path.join(dir, 'import-'));
    const run = scholiast(['import', '--from', 'w3c', '--document', path.join(dir, doc), '--out-dir', outDir,
        ...extraArgs, file]);
    const sidecar = JSON.parse(fs.readFileSync(path.join(outDir, `${doc}.scholiast.json`), 'utf8'));
    return { run, spans: sidecar.annotations.map((a) => [a.start, a.end, a.label]).sort() };
}

function clientAnnotation(id, label, selector) {
    return {
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: `urn:client:${id}`,
        type: 'Annotation',
        body: { type: 'TextualBody', purpose: 'tagging', value: label },
        target: { source: 'urn:client:document', selector },
    };
}

test('selectors created by dom-anchor and Apache Annotator over the DOM text are imported at the same spans', async () => {
    for (const doc of Object.keys(documents)) {
        const text = documents[doc];
        const { window, root } = page(lf(text));
        const scope = window.document.createRange();
        scope.selectNodeContents(root);
        const annotations = [];
        for (const span of spansOf(doc)) {
            const lfText = lf(text);
            const start = lf(text.slice(0, toUtf16(text, span.start))).length;
            const end = start + lf(span.text).length;
            const range = textPosition.toRange(root, { start, end });
            assert.equal(range.toString(), lf(span.text));
            const quote = { type: 'TextQuoteSelector', ...textQuote.fromRange(root, range) };
            const position = { type: 'TextPositionSelector', ...textPosition.fromRange(root, range) };
            annotations.push(clientAnnotation(span.id, span.label, [position, quote]));
            const apache = await annotator.describeTextQuote(range, scope);
            annotations.push(clientAnnotation(`${span.id}-apache`, `${span.label}-apache`, apache));
            assert.equal(lfText.slice(position.start, position.end), lf(span.text));
        }
        const { run, spans: got } = importSelectors(doc, annotations);
        const want = spansOf(doc).flatMap((s) => [[s.start, s.end, s.label], [s.start, s.end, `${s.label}-apache`]]).sort();
        assert.deepEqual(got, want, `${doc}: ${run.stdout}${run.stderr}`);
        if (text.includes('\r\n')) {
            assert.match(run.stdout, /UTF-16 code units over the text with CRLF read as LF/);
        }
    }
});

test('a position no unit places falls back to its quote; an unplaceable annotation is named and left out', () => {
    const doc = 'harvest-crlf.txt';
    const text = documents[doc];
    const { root } = page(lf(text));
    const annotations = [];
    const wanted = [];
    for (const span of spansOf(doc)) {
        const start = lf(text.slice(0, toUtf16(text, span.start))).length;
        const range = textPosition.toRange(root, { start, end: start + lf(span.text).length });
        const quote = { type: 'TextQuoteSelector', ...textQuote.fromRange(root, range) };
        // Offsets from another version of the page: every one is off by seven.
        const position = { type: 'TextPositionSelector', start: start + 7, end: start + 7 + lf(span.text).length };
        annotations.push(clientAnnotation(span.id, span.label, [position, quote]));
        wanted.push([span.start, span.end, span.label]);
    }
    annotations.push(clientAnnotation('gone', 'gone', [
        { type: 'TextPositionSelector', start: 0, end: 4 },
        { type: 'TextQuoteSelector', exact: '0123456789 ⊕⊗⊘ 0123456789 ⊕⊗⊘' },
    ]));
    const file = path.join(dir, 'client-fallback.jsonld');
    fs.writeFileSync(file, JSON.stringify(annotations), 'utf8');
    const outDir = fs.mkdtempSync(path.join(dir, 'fallback-'));
    const run = spawnSync(cli, ['import', '--from', 'w3c', '--document', path.join(dir, doc), '--out-dir', outDir, file],
        { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /annotations placed by their TextQuoteSelector/);
    assert.match(run.stderr, /annotation urn:client:gone \(label gone\) is not imported/);
    const sidecar = JSON.parse(fs.readFileSync(path.join(outDir, `${doc}.scholiast.json`), 'utf8'));
    assert.deepEqual(sidecar.annotations.map((a) => [a.start, a.end, a.label]).sort(), wanted.sort());
});

test('the document files are untouched', () => {
    for (const [name, text] of Object.entries(documents)) {
        assert.equal(fs.readFileSync(path.join(dir, name), 'utf8'), text);
    }
});
