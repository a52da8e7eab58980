// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "formats/brat.h"
#include "cli/cli.h"
#include "formats/conllbio.h"
#include "document.h"
#include "formats/interchange.h"
#include "formats/scholiastjson.h"
#include "testhelpers.h"
#include "testspans.h"

#include <QDir>
#include <QRegularExpression>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTest>

using namespace Scholiast;
using namespace Scholiast::Interchange;

// Round trips through every format on our fixtures (emoji, ZWJ sequences, CJK, CRLF,
// overlapping spans), and the readers on foreign-format files written in each tool's convention.
class InterchangeTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void import_data();
    void import();
    void strictFailsOnLoss();
    void zeroWidthNoBreakSpaceIsKept_data();
    void zeroWidthNoBreakSpaceIsKept();
    void spanFieldsFollowTheSidecarRules_data();
    void spanFieldsFollowTheSidecarRules();
    void conllTokens();
    void bratConf();
    void bratRelations();
    void relationsRoundTrip_data();
    void relationsRoundTrip();
    void w3cLinkingAnnotations();
    void labelStudioRelationDirections();
    void cli_data();
    void cli();

private:
    static QString data(const QString &name) { return QStringLiteral(SCHOLIAST_TEST_DATA "/interchange/") + name; }
};

namespace {

Item load(const QString &path)
{
    Diagnostics diagnostics;
    auto document = Document::load(path, diagnostics);
    auto sidecar =
        document ? ScholiastJson::read(ScholiastJson::sidecarPath(path), diagnostics, &*document) : std::nullopt;
    if (!sidecar) { // a broken fixture stops the test program, in every build, with the reason
        qFatal("test fixture %s: %s", qPrintable(path), qPrintable(diagnostics.value(0).toString()));
    }
    Item item;
    item.name = document->fileName();
    item.document = *document;
    item.documentPath = path;
    item.labels = sidecar->labels;
    item.spans = sidecar->annotations;
    item.relations = sidecar->relations;
    return item;
}

// "from-span label to-span" per relation, by the spans' ranges and labels, sorted.
QStringList describeRelations(const Item &item)
{
    QStringList out;
    const auto spanOf = [&](const QString &id) {
        for (const Annotation &a : item.spans) {
            if (a.id == id) {
                return QStringLiteral("%1-%2 %3").arg(a.start.value).arg(a.end.value).arg(a.label);
            }
        }
        return QStringLiteral("(missing %1)").arg(id);
    };
    for (const Relation &r : item.relations) {
        out << spanOf(r.from) + QStringLiteral(" -") + r.label + QStringLiteral("-> ") + spanOf(r.to);
    }
    out.sort();
    return out;
}

// "start end label text" per span, sorted: what must survive a round trip.
QStringList describe(const QList<Annotation> &spans)
{
    QStringList out;
    for (const Annotation *a : sortedInFileOrder(spans)) {
        out << QStringLiteral("%1 %2 %3 %4").arg(a->start.value).arg(a->end.value).arg(a->label, a->text());
    }
    return out;
}

} // namespace

void InterchangeTest::roundTrip_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("document");
    QTest::addColumn<QStringList>("keptFields"); // optional fields the format must keep
    for (const QString &format :
         {QStringLiteral("jsonl"), QStringLiteral("doccano"), QStringLiteral("brat"), QStringLiteral("label-studio"),
          QStringLiteral("spacy"), QStringLiteral("w3c"), QStringLiteral("csv")}) {
        QStringList kept;
        if (format == u"jsonl" || format == u"spacy" || format == u"csv") {
            kept = {QStringLiteral("note"), QStringLiteral("annotator"), QStringLiteral("status"),
                    QStringLiteral("score")};
        } else if (format == u"label-studio") {
            kept = {QStringLiteral("note"), QStringLiteral("annotator"), QStringLiteral("score")};
        } else if (format == u"w3c") {
            kept = {QStringLiteral("note"), QStringLiteral("annotator")};
        } else if (format == u"brat") {
            kept = {QStringLiteral("note"), QStringLiteral("status")};
        }
        for (const QString &document : {data(QStringLiteral("market-crlf.txt")), data(QStringLiteral("market-lf.txt")),
                                        QStringLiteral(SCHOLIAST_TEST_DATA "/emoji-crlf.txt"),
                                        QStringLiteral(SCHOLIAST_SAMPLES "/seoul-market-report.txt")}) {
            QTest::addRow("%s %s", qPrintable(format), qPrintable(QFileInfo(document).fileName()))
                << format << document << kept;
        }
    }
}

void InterchangeTest::roundTrip()
{
    QFETCH(QString, format);
    QFETCH(QString, document);
    QFETCH(QStringList, keptFields);
    const Format *f = findFormat(format);
    QVERIFY(f);
    const Item original = load(document);
    QTemporaryDir dir;
    Diagnostics diagnostics;
    QString input;
    if (f->writeFolder) {
        input = dir.filePath(QStringLiteral("brat"));
        QVERIFY(f->writeFolder({original}, input, {}, diagnostics));
    } else {
        const auto bytes = f->serialize({original}, {}, diagnostics);
        QVERIFY(bytes);
        input = dir.filePath(QStringLiteral("out.") + format);
        QVERIFY(writeFile(input, *bytes, diagnostics));
    }
    QVERIFY2(!hasErrors(diagnostics), qPrintable(diagnostics.value(0).toString()));
    ReadOptions options;
    if (format == u"w3c" || format == u"csv") {
        options.documentPath = document; // formats that do not carry the text
    }
    Diagnostics readDiagnostics;
    const std::optional<ReadResult> read = f->read(input, options, readDiagnostics);
    QVERIFY2(read, qPrintable(readDiagnostics.value(0).toString()));
    const ReadResult &result = *read;
    QCOMPARE(result.items.size(), 1);
    const Item &back = result.items.first();

    QList<Annotation> expected = original.spans;
    if (format == u"brat") {
        // brat's .txt is the document as it is (issue 15); an .ann line cannot hold a line break, so
        // spans lose the line breaks at their edges, and spans of line breaks only are not written.
        QList<Annotation> trimmed;
        for (Annotation a : expected) {
            while (!a.text().isEmpty() && (a.text().front() == u'\r' || a.text().front() == u'\n')) {
                a.setText(a.text().sliced(1));
                ++a.start.value;
            }
            while (!a.text().isEmpty() && (a.text().back() == u'\r' || a.text().back() == u'\n')) {
                a.setText(a.text().chopped(1));
                --a.end.value;
            }
            if (a.start.value < a.end.value) {
                trimmed.append(a);
            }
        }
        expected = trimmed;
    }
    QCOMPARE(back.document.text(), original.document.text());
    QCOMPARE(describe(back.spans), describe(expected));
    for (const Annotation &a : back.spans) {
        QCOMPARE(a.source(), importSource(f->name));
        QCOMPARE(back.document.slice(a.start, a.end).toString(), a.text());
    }
    // The optional fields the format has a place for come back.
    for (const Annotation *o : sortedInFileOrder(expected)) {
        const auto match = std::find_if(back.spans.begin(), back.spans.end(), [&](const Annotation &b) {
            return b.start.value == o->start.value && b.end.value == o->end.value && b.label == o->label;
        });
        QVERIFY(match != back.spans.end());
        if (keptFields.contains(u"note")) {
            QCOMPARE(match->note(), o->note());
        }
        if (keptFields.contains(u"annotator")) {
            QCOMPARE(match->annotator(), o->annotator());
        }
        if (keptFields.contains(u"status")) {
            QCOMPARE(match->status(), o->status());
        }
        if (keptFields.contains(u"score")) {
            QCOMPARE(match->score(), o->score());
        }
    }
}

void InterchangeTest::import_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("offsets"); // --offsets, or empty
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("spans");
    QTest::addColumn<QString>("expect"); // in the unit note (ok) or in a diagnostic (not ok)
    QTest::newRow("doccano label, UTF-16") << "doccano"
                                           << "doccano-label.jsonl"
                                           << "" << true << 8 << "UTF-16 code units";
    QTest::newRow("doccano entities") << "doccano"
                                      << "doccano-entities.jsonl"
                                      << "" << true << 8 << "UTF-16 code units";
    QTest::newRow("doccano forced code points") << "doccano"
                                                << "doccano-label.jsonl"
                                                << "codepoint" << false << 0 << "not on a boundary";
    QTest::newRow("doccano without text") << "doccano"
                                          << "doccano-invalid.jsonl"
                                          << "" << false << 0 << "has no \"text\"";
    QTest::newRow("label studio code points") << "label-studio"
                                              << "labelstudio-codepoints.json"
                                              << "" << true << 8 << "code points (detected";
    QTest::newRow("label studio old UTF-16") << "label-studio"
                                             << "labelstudio-old-utf16.json"
                                             << "" << true << 8 << "UTF-16 code units (detected";
    // issue 15: one bad region is left out and named, the others are imported
    QTest::newRow("label studio text mismatch") << "label-studio"
                                                << "labelstudio-mismatch.json"
                                                << "" << true << 7 << "7 of 8 spans match";
    QTest::newRow("label studio multi-line \\n (issue 15)") << "label-studio"
                                                            << "labelstudio-multiline.json"
                                                            << "" << true << 4 << "code points (detected";
    QTest::newRow("brat CRLF as is (issue 15)") << "brat"
                                                << "brat-asis-crlf"
                                                << "" << true << 5 << "code points (detected";
    QTest::newRow("brat repetitive CRLF (issue 15)")
        << "brat"
        << "brat-repetitive-crlf"
        << "" << true << 2 << "also match as code points with CRLF counted as one";
    QTest::newRow("w3c browser UTF-16 over LF (issue 15)") << "w3c"
                                                           << "w3c-browser-crlf.jsonld"
                                                           << "" << true << 6 << "CRLF read as LF";
    QTest::newRow("prodigy answers (issue 15)") << "spacy"
                                                << "prodigy-answers.jsonl"
                                                << "" << true << 4 << "code points";
    QTest::newRow("label studio ambiguous") << "label-studio"
                                            << "labelstudio-ambiguous.json"
                                            << "" << false << 0 << "ambiguous";
    QTest::newRow("label studio ambiguous, forced") << "label-studio"
                                                    << "labelstudio-ambiguous.json"
                                                    << "utf16" << true << 1 << "given with --offsets";
    QTest::newRow("prodigy") << "spacy"
                             << "prodigy.jsonl"
                             << "" << true << 8 << "code points";
    QTest::newRow("brat CRLF") << "brat"
                               << "brat-crlf"
                               << "" << true << 10 << "CRLF counted as one";
    QTest::newRow("brat UTF-16 (INCEpTION)") << "brat"
                                             << "brat-utf16/market.ann"
                                             << "" << true << 7 << "UTF-16 code units (detected";
    QTest::newRow("w3c position and quote") << "w3c"
                                            << "w3c-market.jsonld"
                                            << "" << true << 2 << "code points";
    // A token that starts like null but is not (fuzz_interchange: an uncaught simdjson exception).
    QTest::newRow("jsonl with a broken null") << "jsonl"
                                              << "jsonl-bad-null.jsonl"
                                              << "" << false << 0 << "jsonl-bad-null.jsonl:1:";
}

void InterchangeTest::import()
{
    QFETCH(QString, format);
    QFETCH(QString, file);
    QFETCH(QString, offsets);
    QFETCH(bool, ok);
    QFETCH(int, spans);
    QFETCH(QString, expect);
    ReadOptions options;
    if (!offsets.isEmpty()) {
        options.offsets = OffsetUnits::fromName(offsets);
    }
    Diagnostics diagnostics;
    const std::optional<ReadResult> read = findFormat(format)->read(data(file), options, diagnostics);
    const ReadResult result = read.value_or(ReadResult());
    QString messages;
    for (const Diagnostic &d : diagnostics) {
        messages += d.toString() + u'\n';
    }
    QCOMPARE(read.has_value(), ok);
    if (!ok) {
        QVERIFY(hasErrors(diagnostics));
        QVERIFY2(messages.contains(expect), qPrintable(messages));
        QVERIFY(result.items.isEmpty());
        return;
    }
    QVERIFY2(result.unitNotes.join(u'\n').contains(expect), qPrintable(result.unitNotes.join(u'\n')));
    qsizetype count = 0;
    for (const Item &item : result.items) {
        count += item.spans.size();
        for (const Annotation &a : item.spans) {
            QCOMPARE(item.document.slice(a.start, a.end).toString(), a.text());
            QCOMPARE(a.source(), importSource(findFormat(format)->name));
        }
    }
    QCOMPARE(count, qsizetype(spans));
}

// A text or a key that starts with U+FEFF (files with BOMs joined, or a browser that kept one)
// lost it to QString::fromUtf8, and every offset after it moved by one (found by fuzzing).
void InterchangeTest::zeroWidthNoBreakSpaceIsKept_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<QString>("expected"); // the span's text
    QTest::newRow("doccano, at the start of the text")
        << "doccano" << QByteArray("{\"text\": \"\xEF\xBB\xBFMayor said yes\", \"label\": [[1, 6, \"claim\"]]}\n")
        << QStringLiteral("Mayor");
    QTest::newRow("doccano, two of them")
        << "doccano"
        << QByteArray("{\"text\": \"\xEF\xBB\xBF\xEF\xBB\xBFMayor said yes\", \"label\": [[2, 7, \"claim\"]]}\n")
        << QStringLiteral("Mayor");
    QTest::newRow("jsonl, in the span text")
        << "jsonl"
        << QByteArray("{\"text\": \"Part one.\xEF\xBB\xBFPart two.\", \"spans\": [{\"start\": 9, \"end\": 14, "
                      "\"label\": \"claim\", \"text\": \"\xEF\xBB\xBFPart\"}]}\n")
        << QStringLiteral("\uFEFFPart");
}

void InterchangeTest::zeroWidthNoBreakSpaceIsKept()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, record);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("records.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(record);
    file.close();
    Diagnostics diagnostics;
    const std::optional<ReadResult> read = findFormat(format)->read(path, {}, diagnostics);
    QVERIFY2(read, qPrintable(diagnostics.value(0).toString()));
    const ReadResult &result = *read;
    QCOMPARE(result.items.size(), 1);
    const Item &item = result.items.first();
    QCOMPARE(item.spans.size(), 1);
    const Annotation &span = item.spans.first();
    QCOMPARE(item.document.slice(span.start, span.end).toString(), expected);
}

// Issue 16: the optional span fields have one set of rules. A JSONL dataset record breaking one
// is refused with the sidecar reader's own message, at the field's line and column.
void InterchangeTest::spanFieldsFollowTheSidecarRules_data()
{
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<QString>("message");
    QTest::newRow("time without zone") << QByteArray("\"created\": \"2026-11-27T07:00:05\"")
                                       << QStringLiteral("created time \"2026-11-27T07:00:05\" is not an ISO 8601 date "
                                                         "and time with a zone (Z or +hh:mm)");
    QTest::newRow("bad source")
        << QByteArray("\"source\": \"by hand\"")
        << QStringLiteral("source \"by hand\" is not manual, import:<format>, model:<name> or rule:<name>");
    QTest::newRow("bad status") << QByteArray("\"status\": \"done\"")
                                << QStringLiteral("status \"done\" is not accepted, rejected, pending or conflict");
    QTest::newRow("score as text") << QByteArray("\"score\": \"high\"") << QStringLiteral("score must be a number");
    QTest::newRow("note as number") << QByteArray("\"note\": 7") << QStringLiteral("note must be a string");
}

void InterchangeTest::spanFieldsFollowTheSidecarRules()
{
    QFETCH(QByteArray, field);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("records.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray before = QStringLiteral("{\"id\": \"a.txt\", \"text\": \"Port \u00e9t\u00e9 \U0001F309 vote\", "
                                             "\"spans\": [{\"start\": 0, \"end\": 4, \"label\": \"claim\", ")
                                  .toUtf8();
    file.write("{\"id\": \"b.txt\", \"text\": \"Fine.\", \"spans\": []}\n" + before + field + "}]}\n");
    file.close();
    Diagnostics diagnostics;
    QVERIFY(!findFormat(u"jsonl")->read(path, ReadOptions(), diagnostics));
    QVERIFY(!diagnostics.isEmpty());
    QCOMPARE(diagnostics.first().message, message);
    QCOMPARE(diagnostics.first().line, 2);
    // The column of the value, counted in code points as every column Scholiast reports.
    const qsizetype value =
        QString::fromUtf8(before + field).toUcs4().size() - QString::fromUtf8(field).size() + field.indexOf(": ") + 2;
    QCOMPARE(diagnostics.first().column, value + 1);
}

void InterchangeTest::strictFailsOnLoss()
{
    // brat: a discontinuous T line is one span of fragments (issue 19), its text the pieces
    // joined by a space as brat writes it; nothing is lost, so --strict reads it too.
    Diagnostics diagnostics;
    const std::optional<ReadResult> read =
        findFormat(u"brat")->read(data(QStringLiteral("brat-crlf")), {}, diagnostics);
    QVERIFY(read);
    const ReadResult &result = *read;
    QVERIFY(!hasErrors(diagnostics));
    QVERIFY(std::none_of(diagnostics.begin(), diagnostics.end(),
                         [](const Diagnostic &d) { return d.message.contains(u"discontinuous"); }));
    QList<Annotation> discontinuous;
    for (const Annotation &a : result.items.first().spans) {
        if (a.isDiscontinuous()) {
            discontinuous.append(a);
        }
    }
    QCOMPARE(discontinuous.size(), 2);
    const auto person =
        std::find_if(discontinuous.begin(), discontinuous.end(), [](const Annotation &a) { return a.id == u"T9"; });
    QVERIFY(person != discontinuous.end());
    QCOMPARE(person->fragments().size(), 2);
    QCOMPARE(person->text(), QStringLiteral("Ana Müller"));
    QCOMPARE(person->start, person->fragments().first().start);
    QCOMPARE(person->end, person->fragments().last().end);
    ReadOptions strict;
    strict.strict = true;
    Diagnostics strictDiagnostics;
    QVERIFY(findFormat(u"brat")->read(data(QStringLiteral("brat-crlf")), strict, strictDiagnostics));

    // Written back as one T line with its ranges, and read again as the same span.
    QTemporaryDir out;
    QVERIFY(out.isValid());
    Diagnostics writing;
    QVERIFY(findFormat(u"brat")->writeFolder(result.items, out.path(), {}, writing));
    Diagnostics again;
    const auto back = findFormat(u"brat")->read(out.path(), {}, again);
    QVERIFY(back);
    const auto same = std::find_if(back->items.first().spans.begin(), back->items.first().spans.end(),
                                   [&](const Annotation &a) { return a.text() == person->text(); });
    QVERIFY(same != back->items.first().spans.end());
    QCOMPARE(same->fragments(), person->fragments());

    // CoNLL BIO: overlapping spans of one label cannot share a column.
    Item item;
    item.name = QStringLiteral("x.txt");
    item.document = Document::fromText(QStringLiteral("one two three"));
    item.spans = {
        Testing::withText(Annotation(CodePoint(0), CodePoint(7), QStringLiteral("claim")), QStringLiteral("one two")),
        Testing::withText(Annotation(CodePoint(4), CodePoint(13), QStringLiteral("claim")),
                          QStringLiteral("two three"))};
    Diagnostics conll;
    const auto bytes = ConllBio::serialize({item}, {}, conll);
    QVERIFY(bytes);
    QVERIFY(conll.first().message.contains(u"1 spans overlap"));
    WriteOptions strictWrite;
    strictWrite.strict = true;
    Diagnostics conllStrict;
    QVERIFY(!ConllBio::serialize({item}, strictWrite, conllStrict));
    QVERIFY(hasErrors(conllStrict));
}

void InterchangeTest::conllTokens()
{
    // ZWJ sequences and flags stay one token; apostrophes inside words join them.
    const Document doc = Document::fromText(QStringLiteral("Tomás O’Neill 👨‍👩‍👧🇳🇿, 桜餅!"));
    QStringList tokens;
    for (const ConllBio::Token &t : ConllBio::tokenize(doc)) {
        tokens << doc.slice(CodePoint(t.start), CodePoint(t.end)).toString();
    }
    QCOMPARE(tokens,
             (QStringList{QStringLiteral("Tomás"), QStringLiteral("O’Neill"), QStringLiteral("👨‍👩‍👧"),
                          QStringLiteral("🇳🇿"), QStringLiteral(","), QStringLiteral("桜餅"), QStringLiteral("!")}));
}

void InterchangeTest::bratConf()
{
    QFile conf(data(QStringLiteral("brat-crlf/annotation.conf")));
    QVERIFY(conf.open(QIODevice::ReadOnly));
    QCOMPARE(Brat::readConfEntities(conf.readAll()),
             (QStringList{QStringLiteral("claim"), QStringLiteral("quote"), QStringLiteral("boilerplate"),
                          QStringLiteral("Person")}));
    const QByteArray written =
        Brat::writeConf({QStringLiteral("claim")}, {{QStringLiteral("Status"), {QStringLiteral("accepted")}}});
    QCOMPARE(Brat::readConfEntities(written), QStringList{QStringLiteral("claim")});
    QVERIFY(written.contains("Status\tArg:<ENTITY>, Value:accepted"));
    QCOMPARE(Brat::typeName(QStringLiteral("my label")), QStringLiteral("my_label"));
}

// brat R lines (issue 19): read as relations, their labels as relation labels, written back as
// R lines and declared in annotation.conf; a format without relations says how many it leaves.
void InterchangeTest::bratRelations()
{
    Diagnostics diagnostics;
    const auto read = findFormat(u"brat")->read(data(QStringLiteral("brat-crlf")), {}, diagnostics);
    QVERIFY(read);
    Item item = read->items.first();
    QCOMPARE(item.relations.size(), 1);
    const Relation says = item.relations.first();
    QCOMPARE(says.label, QStringLiteral("Says"));
    QCOMPARE(says.from, QStringLiteral("T9")); // Ana Müller, discontinuous: one span
    QCOMPARE(says.to, QStringLiteral("T6"));
    QVERIFY(item.labels.findRelationLabel(QStringLiteral("Says")));

    QTemporaryDir out;
    QVERIFY(out.isValid());
    Diagnostics written;
    QVERIFY(findFormat(u"brat")->writeFolder({item}, out.path(), {}, written));
    QFile ann(out.filePath(QStringLiteral("market.ann")));
    QVERIFY(ann.open(QIODevice::ReadOnly));
    const QString annText = QString::fromUtf8(ann.readAll());
    static const QRegularExpression relationLine(QStringLiteral("^R1\\tSays Arg1:(T\\d+) Arg2:(T\\d+)$"),
                                                 QRegularExpression::MultilineOption);
    const auto match = relationLine.match(annText);
    QVERIFY2(match.hasMatch(), qPrintable(annText));
    QVERIFY(annText.contains(match.captured(1) + QStringLiteral("\tPerson ")));
    QVERIFY(annText.contains(match.captured(2) + QStringLiteral("\tquote ")));
    QFile conf(out.filePath(QStringLiteral("annotation.conf")));
    QVERIFY(conf.open(QIODevice::ReadOnly));
    QVERIFY(conf.readAll().contains("[relations]\n\nSays\tArg1:<ENTITY>, Arg2:<ENTITY>\n"));
    Diagnostics again;
    const auto back = findFormat(u"brat")->read(out.path(), {}, again);
    QVERIFY(back);
    QCOMPARE(back->items.first().relations.size(), 1);

    // Formats without relations say how many they leave out.
    for (const auto &expected :
         {std::pair{u"spacy", u"spaCy / Prodigy spans have no relations: 1 relations not written"},
          std::pair{u"conll", u"CoNLL BIO has no place for relations: 1 relation not written"}}) {
        const char16_t *message = expected.second; // captured below: not a structured binding (clang 14)
        Diagnostics lost;
        (void)findFormat(expected.first)->serialize({item}, {}, lost);
        QVERIFY2(
            std::any_of(lost.begin(), lost.end(), [&](const Diagnostic &d) { return d.message.contains(message); }),
            qPrintable(QString::fromUtf16(expected.first)));
    }
}

// Issue 19: relations through every format that carries them, and back, between the same
// spans (by range and label) with the same labels.
void InterchangeTest::relationsRoundTrip_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("doccano") << QStringLiteral("doccano");
    QTest::newRow("jsonl") << QStringLiteral("jsonl");
    QTest::newRow("label-studio") << QStringLiteral("label-studio");
    QTest::newRow("brat") << QStringLiteral("brat");
    QTest::newRow("w3c") << QStringLiteral("w3c");
    QTest::newRow("csv") << QStringLiteral("csv");
}

void InterchangeTest::relationsRoundTrip()
{
    QFETCH(QString, format);
    const Item item = load(QStringLiteral(SCHOLIAST_SAMPLES "/flood-fund-quotes.txt"));
    QCOMPARE(item.relations.size(), 6);
    const Format *f = findFormat(format);
    QVERIFY(f);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Diagnostics written;
    QString path;
    if (f->writeFolder) {
        path = dir.filePath(QStringLiteral("out"));
        QVERIFY(f->writeFolder({item}, path, {}, written));
    } else {
        const auto bytes = f->serialize({item}, {}, written);
        QVERIFY(bytes);
        QVERIFY2(!bytes->contains("relation") || format != u"doccano" || bytes->contains("\"relations\": [{"),
                 bytes->constData());
        path = dir.filePath(QStringLiteral("out.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(*bytes);
    }
    QVERIFY(std::none_of(written.begin(), written.end(),
                         [](const Diagnostic &d) { return d.message.contains(u"relation"); }));
    Diagnostics diagnostics;
    ReadOptions options;
    if (format == u"w3c" || format == u"csv") {
        options.documentPath = item.documentPath; // W3C names it by hash; CSV relative to itself
    }
    const auto read = f->read(path, options, diagnostics);
    QVERIFY2(read, qPrintable(diagnostics.value(0).toString()));
    QCOMPARE(read->items.size(), 1);
    // A format of one range per span writes the quote in two pieces as one span per piece; its
    // relation goes from the first (docs/FORMAT.md §6.9).
    Item expected = item;
    if (format == u"doccano" || format == u"label-studio") {
        for (Annotation &a : expected.spans) {
            if (a.isDiscontinuous()) {
                const Fragment first = a.fragments().constFirst();
                a.setFragments({first});
            }
        }
    }
    QCOMPARE(describeRelations(read->items.first()), describeRelations(expected));
    QVERIFY(read->items.first().labels.findRelationLabel(QStringLiteral("attributed_to")));
}

// W3C linking annotations as the Recogito relations plugin writes them: targets that are
// objects with only an id, from first; one to an annotation that is not a span is left out.
void InterchangeTest::w3cLinkingAnnotations()
{
    const QByteArray json = R"([
 {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:x:a", "type": "Annotation",
  "body": [{"type": "TextualBody", "purpose": "tagging", "value": "source"}],
  "target": {"source": "urn:x:said", "selector": {"type": "TextQuoteSelector", "exact": "Ana"}}},
 {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:x:q", "type": "Annotation",
  "body": [{"type": "TextualBody", "purpose": "tagging", "value": "quote"}],
  "target": {"source": "urn:x:said", "selector": [{"type": "TextPositionSelector", "start": 10, "end": 22},
                                                {"type": "TextQuoteSelector", "exact": "We are open."}]}},
 {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:x:r", "type": "Annotation", "motivation": "linking",
  "body": [{"type": "TextualBody", "purpose": "tagging", "value": "attributed_to"}],
  "target": [{"id": "urn:x:q"}, {"id": "urn:x:a"}]},
 {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:x:plain", "type": "Annotation", "motivation": "linking",
  "target": ["urn:x:a", "urn:x:q"]},
 {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:x:gone", "type": "Annotation", "motivation": "linking",
  "target": ["urn:x:q", "urn:x:nowhere"]}
])";
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(Testing::writeAll(dir.filePath(QStringLiteral("said.txt")), "Ana said: We are open.\n"));
    const QString path = dir.filePath(QStringLiteral("said.jsonld"));
    QVERIFY(Testing::writeAll(path, json));
    ReadOptions options;
    options.documentPath = dir.filePath(QStringLiteral("said.txt"));
    Diagnostics diagnostics;
    const auto read = findFormat(u"w3c")->read(path, options, diagnostics);
    QVERIFY2(read, qPrintable(diagnostics.value(0).toString()));
    QCOMPARE(describeRelations(read->items.first()),
             (QStringList{QStringLiteral("0-3 source -relation-> 10-22 quote"),
                          QStringLiteral("10-22 quote -attributed_to-> 0-3 source")}));
    QCOMPARE(read->items.first().relations.first().id, QStringLiteral("urn:x:r"));
    QVERIFY(std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic &d) {
        return d.message.contains(u"1 linking annotations join annotations that were not imported");
    }));
}

// Label Studio's relation results: "left" runs from to_id to from_id, "bi" both ways (kept as a
// field), no label is its "relation"; one to a region that is not there is said and left out.
void InterchangeTest::labelStudioRelationDirections()
{
    const QByteArray json = R"([{"id": 1, "data": {"text": "Ana said: We are open."},
  "annotations": [{"result": [
   {"id": "a", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 0, "end": 3, "text": "Ana", "labels": ["source"]}},
   {"id": "q", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 10, "end": 22, "text": "We are open.", "labels": ["quote"]}},
   {"from_id": "a", "to_id": "q", "type": "relation", "direction": "left", "labels": ["attributed_to"]},
   {"from_id": "q", "to_id": "a", "type": "relation", "direction": "bi", "labels": []},
   {"from_id": "q", "to_id": "gone", "type": "relation", "direction": "right", "labels": ["x"]}
  ]}]}])";
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("tasks.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(json);
    file.close();
    Diagnostics diagnostics;
    const auto read = findFormat(u"label-studio")->read(path, {}, diagnostics);
    QVERIFY2(read, qPrintable(diagnostics.value(0).toString()));
    QCOMPARE(describeRelations(read->items.first()),
             (QStringList{QStringLiteral("10-22 quote -attributed_to-> 0-3 source"),
                          QStringLiteral("10-22 quote -relation-> 0-3 source")}));
    const Relation both = read->items.first().relations.last();
    QCOMPARE(both.extraFields.value(u"direction").toString(), QStringLiteral("bi"));
    QVERIFY(std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic &d) {
        return d.message.contains(u"1 relations join a region that was not imported: left out");
    }));
}

void InterchangeTest::cli_data()
{
    QTest::addColumn<QStringList>("arguments"); // OUT stands for a temporary folder
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expect"); // in the output or the errors
    const QString fixture = data(QStringLiteral("market-crlf.txt"));
    QTest::newRow("export doccano") << QStringList{QStringLiteral("export"),      QStringLiteral("--to"),
                                                   QStringLiteral("doccano"),     QStringLiteral("-o"),
                                                   QStringLiteral("OUT/x.jsonl"), fixture}
                                    << 0 << "1 documents, 8 spans written as doccano (UTF-16 code units)";
    QTest::newRow("export strict loss") << QStringList{QStringLiteral("export"),    QStringLiteral("--to=conll"),
                                                       QStringLiteral("--strict"),  QStringLiteral("-o"),
                                                       QStringLiteral("OUT/x.bio"), fixture}
                                        << 1 << "(--strict)";
    QTest::newRow("export unknown format")
        << QStringList{QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("xml"), fixture} << 2
        << "unknown format xml";
    QTest::newRow("export brat needs folder")
        << QStringList{QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("brat"), fixture} << 2
        << "give a folder with -o";
    QTest::newRow("export --formats") << QStringList{QStringLiteral("export"), QStringLiteral("--formats")} << 0
                                      << "scholiast-cli import --from w3c --document article.txt";
    QTest::newRow("import label studio") << QStringList{QStringLiteral("import"),
                                                        QStringLiteral("--from"),
                                                        QStringLiteral("label-studio"),
                                                        QStringLiteral("--out-dir"),
                                                        QStringLiteral("OUT"),
                                                        data(QStringLiteral("labelstudio-old-utf16.json"))}
                                         << 0 << "8 spans imported from label-studio";
    QTest::newRow("import mismatch") << QStringList{QStringLiteral("import"),
                                                    QStringLiteral("--from"),
                                                    QStringLiteral("label-studio"),
                                                    QStringLiteral("--out-dir"),
                                                    QStringLiteral("OUT"),
                                                    QStringLiteral("--strict"),
                                                    data(QStringLiteral("labelstudio-mismatch.json"))}
                                     << 1 << "region r1 (label boilerplate) is not imported";
    QTest::newRow("import bad unit") << QStringList{QStringLiteral("import"),   QStringLiteral("--from"),
                                                    QStringLiteral("doccano"),  QStringLiteral("--offsets"),
                                                    QStringLiteral("furlongs"), QStringLiteral("x")}
                                     << 2 << "unknown offset unit";
    QTest::newRow("import conll") << QStringList{QStringLiteral("import"), QStringLiteral("--from"),
                                                 QStringLiteral("conll"), QStringLiteral("x")}
                                  << 2 << "cannot be imported";
}

void InterchangeTest::cli()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, expect);
    QTemporaryDir dir;
    for (QString &argument : arguments) {
        argument.replace(QStringLiteral("OUT"), dir.path());
    }
    QString output;
    QString errors;
    QTextStream out(&output);
    QTextStream err(&errors);
    QCOMPARE(Cli::run(arguments, out, err), exitCode);
    out.flush();
    err.flush();
    const QString all = output + errors;
    QVERIFY2(all.contains(expect), qPrintable(all));
    if (arguments.first() == u"import" && exitCode == 0) {
        // The sidecar written is valid for the text written beside it.
        const QString document = dir.filePath(QStringLiteral("labelstudio-old-utf16-3.txt"));
        Diagnostics diagnostics;
        const auto doc = Document::load(document, diagnostics);
        QVERIFY(doc);
        const auto sidecar = ScholiastJson::read(ScholiastJson::sidecarPath(document), diagnostics, &*doc);
        QVERIFY2(sidecar, qPrintable(diagnostics.value(0).toString()));
        QCOMPARE(sidecar->annotations.size(), 8);
    }
}

QTEST_GUILESS_MAIN(InterchangeTest)
#include "interchange_test.moc"
