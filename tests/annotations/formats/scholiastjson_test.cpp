// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotationset.h"
#include "document.h"
#include "formats/salvage.h"
#include "formats/scholiastjson.h"
#include "formats/jsonwriter_p.h"
#include "formats/scholiastjson_p.h"
#include "largesidecar.h"
#include "testhelpers.h"
#include "testspans.h"
#include "utf8.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <sys/resource.h>
#include <unistd.h>

using namespace Scholiast;

using Testing::readAll;
using Testing::writeAll;

namespace {
// A small document with an emoji and a CRLF before its spans, and its canonical sidecar.
const QByteArray SmallText("Hello \xF0\x9F\x98\x80 world\r\nThe mayor said \xE2\x80\x9C"
                           "fine\xE2\x80\x9D.\r\n");
// code points: "Hello " 0-5, emoji 6, " world" 7-12, CRLF 13-14, "The mayor said " 15-29, quote 30,
// "fine" 31-34, quote 35, "." 36, CRLF 37-38: 39 in all.
} // namespace

class ScholiastJsonTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_documentPath;
    QByteArray m_canonical;

    static ScholiastJson::Sidecar minimalSidecar()
    {
        ScholiastJson::Sidecar sidecar;
        sidecar.documentName = QStringLiteral("x.txt");
        sidecar.documentSha256 = QString(64, u'0');
        sidecar.documentLength = 1;
        sidecar.labels = LabelSchema::defaultSchema();
        return sidecar;
    }

    // Keeps what a read hands over as it reads (ReadOptions::spanReceiver).
    struct SpanRecorder final : ScholiastJson::SpanReceiver
    {
        QList<Annotation> spans;
        int batches = 0;
        int withdrawals = 0;
        qsizetype expected = -1; // the size hint, when given before the first batch
        bool hintAfterABatch = false;
        bool ids = true; // takesIds()
        int begunAfter = -1; // batches taken when begin() was called
        void begin(const ScholiastJson::Sidecar &head) override
        {
            QVERIFY(head.annotations.isEmpty());
            begunAfter = batches;
        }
        bool takesIds() const override { return ids; }
        void expect(qsizetype count) override
        {
            hintAfterABatch |= batches > 0 || expected >= 0;
            expected = count;
        }
        void take(QList<Annotation> &&batch) override
        {
            spans.append(std::move(batch));
            ++batches;
        }
        void withdraw() override
        {
            spans.clear();
            ++withdrawals;
        }
        // The spans of the read: those handed over, then the returned sidecar's.
        ScholiastJson::Sidecar joined(ScholiastJson::Sidecar sidecar) const
        {
            sidecar.annotations = spans + sidecar.annotations;
            return sidecar;
        }
    };

    // Everything a read gives, field by field and as written again.
    static void compareReads(const ScholiastJson::Sidecar &batched, const ScholiastJson::Sidecar &whole)
    {
        QCOMPARE(batched.documentName, whole.documentName);
        QCOMPARE(batched.documentSha256, whole.documentSha256);
        QCOMPARE(batched.documentLength, whole.documentLength);
        QVERIFY(batched.labels == whole.labels);
        QCOMPARE(batched.annotations.size(), whole.annotations.size());
        for (qsizetype i = 0; i < whole.annotations.size(); ++i) {
            QVERIFY2(batched.annotations.at(i) == whole.annotations.at(i), qPrintable(whole.annotations.at(i).id));
            QCOMPARE(batched.annotations.at(i).isOrphan(), whole.annotations.at(i).isOrphan());
            QCOMPARE(batched.annotations.at(i).prefix(), whole.annotations.at(i).prefix());
            QCOMPARE(batched.annotations.at(i).suffix(), whole.annotations.at(i).suffix());
        }
        QVERIFY(batched.relations == whole.relations);
        QCOMPARE(batched.documentExtraFields, whole.documentExtraFields);
        QCOMPARE(batched.extraFields, whole.extraFields);
        QCOMPARE(batched.document.has_value(), whole.document.has_value());
        QCOMPARE(ScholiastJson::serialize(batched), ScholiastJson::serialize(whole));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_documentPath = m_dir.filePath(QStringLiteral("small.txt"));
        QVERIFY(writeAll(m_documentPath, SmallText));
        Diagnostics diagnostics;
        const auto doc = Document::load(m_documentPath, diagnostics);
        QVERIFY(doc);
        QCOMPARE(doc->length(), 39);
        AnnotationSet spans;
        Annotation world(CodePoint(7), CodePoint(13), QStringLiteral("claim"));
        world.setText(QStringLiteral(" world"));
        world.id = QStringLiteral("w1");
        Annotation fine(CodePoint(31), CodePoint(35), QStringLiteral("quote"));
        fine.setText(QStringLiteral("fine"));
        fine.id = QStringLiteral("q1");
        fine.setNote(QStringLiteral("said \"fine\"\tat the meeting"));
        fine.setAnnotator(QStringLiteral("ana"));
        fine.setSource(QStringLiteral("manual"));
        fine.setStatus(Annotation::Status::Accepted);
        fine.setScore(0.75);
        fine.setCreated(QDateTime::fromString(QStringLiteral("2026-11-27T07:00:05Z"), Qt::ISODate));
        Annotation sentence(CodePoint(15), CodePoint(37), QStringLiteral("claim"));
        sentence.setText(doc->slice(sentence.start, sentence.end).toString());
        sentence.id = QStringLiteral("c1");
        spans.reset({world, fine, sentence});
        m_canonical = ScholiastJson::serialize(ScholiastJson::makeSidecar(*doc, LabelSchema::defaultSchema(), spans));
        QVERIFY(writeAll(ScholiastJson::sidecarPath(m_documentPath), m_canonical));
    }

    void canonicalLayout()
    {
        const QList<QByteArray> lines = m_canonical.split('\n');
        QCOMPARE(lines.value(0), QByteArray("{\"format\": \"scholiast\", \"version\": 1,"));
        QVERIFY(lines.value(1).startsWith(" \"document\": {\"name\": \"small.txt\", \"sha256\": \""));
        QVERIFY(lines.value(1).endsWith("\", \"length\": 39},"));
        QCOMPARE(lines.value(3), QByteArray("  {\"name\": \"claim\", \"color\": \"#d55e00\", \"key\": \"1\"},"));
        QCOMPARE(lines.value(8),
                 QByteArray("  {\"id\": \"w1\", \"start\": 7, \"end\": 13, \"label\": \"claim\", "
                            "\"text\": \" world\", \"prefix\": \"Hello \xF0\x9F\x98\x80\", "
                            "\"suffix\": \"\\r\\nThe mayor said \xE2\x80\x9C"
                            "fine\xE2\x80\x9D.\\r\\n\"},"));
        QCOMPARE(lines.value(9),
                 QByteArray("  {\"id\": \"c1\", \"start\": 15, \"end\": 37, \"label\": \"claim\", "
                            "\"text\": \"The mayor said \xE2\x80\x9C"
                            "fine\xE2\x80\x9D.\", "
                            "\"prefix\": \"Hello \xF0\x9F\x98\x80 world\\r\\n\", \"suffix\": \"\\r\\n\"},"));
        QCOMPARE(
            lines.value(10),
            QByteArray(
                "  {\"id\": \"q1\", \"start\": 31, \"end\": 35, \"label\": \"quote\", "
                "\"text\": \"fine\", \"prefix\": \"Hello \xF0\x9F\x98\x80 world\\r\\nThe mayor said \xE2\x80\x9C\", "
                "\"suffix\": \"\xE2\x80\x9D.\\r\\n\", \"note\": \"said \\\"fine\\\"\\tat the meeting\", "
                "\"annotator\": \"ana\", \"source\": \"manual\", \"status\": \"accepted\", "
                "\"score\": 0.75, \"created\": \"2026-11-27T07:00:05.000Z\"}"));
        QVERIFY(m_canonical.endsWith("\n ]\n}\n"));
        QVERIFY(!m_canonical.startsWith("\xEF\xBB\xBF"));
    }

    void roundTripIsByteIdentical_data()
    {
        QTest::addColumn<QString>("documentPath");
        QTest::addColumn<QString>("sidecarPath");
        QTest::newRow("small") << m_documentPath << ScholiastJson::sidecarPath(m_documentPath);
        const QStringList folders{QStringLiteral(SCHOLIAST_SAMPLES), QStringLiteral(SCHOLIAST_TEST_DATA)};
        for (const QString &folder : folders) {
            const QDir dir(folder);
            for (const QString &name : dir.entryList({QStringLiteral("*.scholiast.json")}, QDir::Files)) {
                // DOC.scholiast.json, or a layer DOC.NAME.scholiast.json (another annotator, a model).
                QString doc = dir.filePath(name.chopped(int(qstrlen(".scholiast.json"))));
                if (!QFileInfo::exists(doc)) {
                    doc = doc.left(doc.lastIndexOf(u'.'));
                }
                QTest::newRow(qPrintable(name)) << doc << dir.filePath(name);
            }
        }
    }

    void roundTripIsByteIdentical()
    {
        QFETCH(QString, documentPath);
        QFETCH(QString, sidecarPath);
        Diagnostics diagnostics;
        const auto doc = Document::load(documentPath, diagnostics);
        QVERIFY(doc);
        const QString path = sidecarPath;
        // Read alone, everything in the file is kept: the same bytes.
        const auto alone = ScholiastJson::read(path, diagnostics);
        QVERIFY2(alone, qPrintable(diagnostics.value(0).toString()));
        QCOMPARE(ScholiastJson::serialize(*alone), readAll(path));

        // Read against its document, through the model and back: the same bytes (the context
        // is dropped on reading and taken from the document on writing).
        const auto sidecar = ScholiastJson::read(path, diagnostics, &*doc);
        QVERIFY2(sidecar, qPrintable(diagnostics.value(0).toString()));
        QVERIFY(diagnostics.isEmpty());
        QVERIFY(std::none_of(sidecar->annotations.begin(), sidecar->annotations.end(),
                             [](const Annotation &a) { return !a.prefix().isEmpty() || !a.suffix().isEmpty(); }));
        AnnotationSet spans;
        spans.reset(sidecar->annotations, sidecar->relations);
        const auto again = ScholiastJson::makeSidecar(*doc, sidecar->labels, spans);
        QCOMPARE(ScholiastJson::serialize(again), readAll(path));

        // `validate`'s batched read confirms every file of spans Scholiast wrote; one with
        // relations (version 2) it leaves to read().
        const auto streamed = ScholiastJson::validateStreaming(path, *doc);
        if (sidecar->relations.isEmpty()) {
            QCOMPARE(streamed, std::optional(sidecar->annotations.size()));
        } else {
            QVERIFY(!streamed);
        }
        // The batched read of large files gives what the whole read gives, with or without the
        // document, in batches of one span or a few.
        for (const qsizetype batchBytes : {1, 300}) {
            const auto batched = ScholiastJson::readInBatches(path, &*doc, {}, batchBytes);
            QVERIFY(!batched.cancelled);
            QCOMPARE(batched.sidecar.has_value(), sidecar->relations.isEmpty());
            if (batched.sidecar) {
                compareReads(*batched.sidecar, *sidecar);
                if (QTest::currentTestFailed()) {
                    return;
                }
                const auto batchedAlone = ScholiastJson::readInBatches(path, nullptr, {}, batchBytes);
                QVERIFY(batchedAlone.sidecar);
                compareReads(*batchedAlone.sidecar, *alone);
                if (QTest::currentTestFailed()) {
                    return;
                }
            }
        }
    }

    // Found by fuzzing: a key or a text that starts with U+FEFF lost it to QString::fromUtf8, so a
    // span's text no longer matched its document and an unknown key became a known one.
    void zeroWidthNoBreakSpaceIsKept()
    {
        const Document doc =
            Document::fromText(QStringLiteral("Part one.\uFEFFPart two.\n"), QStringLiteral("joined.txt"));
        AnnotationSet spans;
        spans.add(Testing::withId(Testing::withText(Annotation(CodePoint(9), CodePoint(14), QStringLiteral("claim")),
                                                    QStringLiteral("\uFEFFPart")),
                                  QStringLiteral("z1")));
        QByteArray json =
            ScholiastJson::serialize(ScholiastJson::makeSidecar(doc, LabelSchema::defaultSchema(), spans));
        json.replace("{\"id\": \"z1\", ",
                     "{\"id\": \"z1\", \"\xEF\xBB\xBF"
                     "annotator\": \"kept apart\", ");
        Diagnostics diagnostics;
        const auto sidecar = ScholiastJson::parse(json, QStringLiteral("joined.txt.scholiast.json"), diagnostics, &doc);
        QVERIFY2(sidecar, qPrintable(diagnostics.value(0).toString()));
        QCOMPARE(sidecar->annotations.size(), 1);
        const Annotation &span = sidecar->annotations.first();
        QVERIFY(!span.isOrphan());
        QCOMPARE(span.text(), QStringLiteral("\uFEFFPart"));
        QVERIFY(span.annotator().isEmpty());
        QCOMPARE(span.extraFields()
                     .value(QStringLiteral("\uFEFF"
                                           "annotator"))
                     .toString(),
                 QStringLiteral("kept apart"));
        const QByteArray written = ScholiastJson::serialize(*sidecar);
        const auto reread =
            ScholiastJson::parse(written, QStringLiteral("joined.txt.scholiast.json"), diagnostics, &doc);
        QVERIFY(reread);
        QCOMPARE(ScholiastJson::serialize(*reread), written);
    }

    // Read without the document, the spans' texts are decoded into one string they share
    // (issue 17): each is its own text, escapes and all, and outlives the read and the other spans.
    void textsReadWithoutTheDocument_data()
    {
        QTest::addColumn<QByteArray>("json"); // the text as written in the file
        QTest::addColumn<QString>("text");
        QTest::newRow("ascii") << QByteArray("The council met on Monday.")
                               << QStringLiteral("The council met on Monday.");
        QTest::newRow("escapes") << QByteArray("line\\none\\t\\\"quoted\\\" caf\\u00e9 \\ud83c\\udf0d")
                                 << QStringLiteral("line\none\t\"quoted\" caf\u00E9 🌍");
        QTest::newRow("CJK, Hangul, emoji, no-break space")
            << QByteArray("東京 서울 📈\xC2\xA0km") << QStringLiteral("東京 서울 📈\u00A0km");
        QTest::newRow("a leading U+FEFF is text") << QByteArray("\xEF\xBB\xBFPart") << QStringLiteral("\uFEFFPart");
    }
    void textsReadWithoutTheDocument()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, text);
        const qint64 length = QStringView(text).toUcs4().size();
        QByteArray file =
            "{\"format\": \"scholiast\", \"version\": 1,\n \"document\": {\"name\": \"d.txt\", \"sha256\": \""
            + QByteArray(64, '0')
            + "\", \"length\": 1000},\n \"labels\": [\n  {\"name\": \"claim\", \"color\": \"#d55e00\", \"key\": "
              "\"1\"}\n ],\n \"annotations\": [\n";
        // Each text ends with the span's number: one code point more.
        for (int i = 0; i < 3; ++i) {
            file += "  {\"id\": \"s" + QByteArray::number(i) + "\", \"start\": " + QByteArray::number(i * 100)
                + ", \"end\": " + QByteArray::number(i * 100 + length + 1) + ", \"label\": \"claim\", \"text\": \""
                + json + QByteArray::number(i) + "\"}" + (i < 2 ? ",\n" : "\n");
        }
        file += " ]\n}\n";
        Diagnostics diagnostics;
        std::optional<ScholiastJson::Sidecar> sidecar =
            ScholiastJson::parse(file, QStringLiteral("d.txt.scholiast.json"), diagnostics);
        QVERIFY2(sidecar, qPrintable(diagnostics.value(0).toString()));
        QCOMPARE(sidecar->annotations.size(), 3);
        const Annotation last = sidecar->annotations.last(); // a copy, the rest dropped
        for (qsizetype i = 0; i < 3; ++i) {
            const Annotation &a = sidecar->annotations.at(i);
            QCOMPARE(a.text(), text + QString::number(i));
            QVERIFY(a.textIsShared());
        }
        sidecar.reset();
        QCOMPARE(last.text(), text + QStringLiteral("2"));

        // A second "annotations" array (JSON allows the key twice; the reader reads both): each
        // array's texts go to its own spans.
        QByteArray twice = file;
        twice.replace(" \"annotations\": [",
                      " \"annotations\": [\n  {\"id\": \"t0\", \"start\": 500, \"end\": 503, "
                      "\"label\": \"claim\", \"text\": \"abc\"}\n ],\n \"annotations\": [");
        const auto both = ScholiastJson::parse(twice, QStringLiteral("d.txt.scholiast.json"), diagnostics);
        QVERIFY2(both, qPrintable(diagnostics.value(0).toString()));
        QCOMPARE(both->annotations.size(), 4);
        {
            for (const Annotation &a : both->annotations) {
                QCOMPARE(a.text(), a.id == u"t0" ? QStringLiteral("abc") : text + a.id.right(1));
            }
        }
    }

    void unknownFieldsAreKept()
    {
        QByteArray json = m_canonical;
        json.replace("\"length\": 39}", "\"length\": 39, \"url\": \"https://example.org/a\"}");
        json.replace(" \"annotations\": [",
                     " \"project\": {\"batch\": 7, \"tags\": [\"x\", null, true]},\n \"annotations\": [");
        json.replace("{\"id\": \"w1\", ",
                     "{\"id\": \"w1\", \"z_extra\": {\"b\": 1.5, \"a\": [1, 2]}, \"agreement\": 2, ");
        Diagnostics diagnostics;
        const auto sidecar = ScholiastJson::parse(json, QStringLiteral("extra.json"), diagnostics);
        QVERIFY2(sidecar, qPrintable(diagnostics.value(0).toString()));
        QCOMPARE(sidecar->documentExtraFields.value(QStringLiteral("url")).toString(),
                 QStringLiteral("https://example.org/a"));
        QCOMPARE(
            sidecar->extraFields.value(QStringLiteral("project")).toObject().value(QStringLiteral("batch")).toInt(), 7);
        const QByteArray written = ScholiastJson::serialize(*sidecar);
        QVERIFY(written.contains(".\\r\\n\", \"agreement\": 2, \"z_extra\": {\"a\": [1, 2], \"b\": 1.5}},\n"));
        QVERIFY(written.contains(" \"project\": {\"batch\": 7, \"tags\": [\"x\", null, true]},\n"));
        QVERIFY(written.contains("\"length\": 39, \"url\": \"https://example.org/a\"}"));
        const auto reread = ScholiastJson::parse(written, QStringLiteral("extra.json"), diagnostics);
        QVERIFY(reread);
        QCOMPARE(ScholiastJson::serialize(*reread), written);
    }

    // Issue 16: a label's unknown fields (another tool's, a newer version's) are kept, and an
    // unknown whole number keeps every digit (as a double, 2^53 + 1 came back rounded).
    void labelFieldsAndBigNumbersAreKept()
    {
        QByteArray json = m_canonical;
        json.replace("{\"name\": \"quote\", \"color\": \"#0072b2\", \"key\": \"2\"}",
                     "{\"name\": \"quote\", \"shortcut_hint\": \"Q\", \"color\": \"#0072b2\", \"key\": \"2\", "
                     "\"inception\": {\"layer\": \"webanno.custom.Quote\", \"order\": 9007199254740993}}");
        json.replace("{\"id\": \"w1\", ", "{\"id\": \"w1\", \"token_id\": 9007199254740993, \"small\": -42, ");
        Diagnostics diagnostics;
        const auto sidecar = ScholiastJson::parse(json, QStringLiteral("extra.json"), diagnostics);
        QVERIFY2(sidecar, qPrintable(diagnostics.value(0).toString()));
        const Label *quote = sidecar->labels.find(QStringLiteral("quote"));
        QVERIFY(quote);
        QCOMPARE(quote->extraFields.value(QStringLiteral("shortcut_hint")).toString(), QStringLiteral("Q"));
        const QByteArray written = ScholiastJson::serialize(*sidecar);
        QVERIFY2(written.contains("{\"name\": \"quote\", \"color\": \"#0072b2\", \"key\": \"2\", \"inception\": "
                                  "{\"layer\": \"webanno.custom.Quote\", \"order\": 9007199254740993}, "
                                  "\"shortcut_hint\": \"Q\"}"),
                 written.constData());
        QVERIFY(written.contains("\"small\": -42, \"token_id\": 9007199254740993"));
        const auto reread = ScholiastJson::parse(written, QStringLiteral("extra.json"), diagnostics);
        QVERIFY(reread);
        QCOMPARE(ScholiastJson::serialize(*reread), written);
    }

    void readerErrors_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("line");

        // Each row breaks the canonical small sidecar in one place.
        QTest::newRow("truncated") << QByteArray("\n ]\n}\n") << QByteArray("\n ]\n")
                                   << QStringLiteral("malformed JSON") << 13; // the end of the file
        QTest::newRow("trailing comma") << QByteArray("\n  {\"id\": \"c1\"") << QByteArray("\n  ,{\"id\": \"c1\"")
                                        << QStringLiteral("malformed JSON") << 10;
        QTest::newRow("missing start") << QByteArray("\"id\": \"w1\", \"start\": 7, ") << QByteArray("\"id\": \"w1\", ")
                                       << QStringLiteral("annotation \"w1\" has no \"start\"") << 9;
        QTest::newRow("start as string") << QByteArray("\"start\": 7,") << QByteArray("\"start\": \"7\",")
                                         << QStringLiteral("start must be a whole number") << 9;
        QTest::newRow("fractional end") << QByteArray("\"end\": 13,") << QByteArray("\"end\": 13.5,")
                                        << QStringLiteral("end must be a whole number") << 9;
        QTest::newRow("huge number") << QByteArray("\"end\": 13,") << QByteArray("\"end\": 99999999999999999999999,")
                                     << QStringLiteral("end is out of range") << 9;
        QTest::newRow("start not before end")
            << QByteArray("\"start\": 7, \"end\": 13") << QByteArray("\"start\": 13, \"end\": 7")
            << QStringLiteral("start 13 is not before end 7") << 9;
        QTest::newRow("empty span") << QByteArray("\"start\": 7, \"end\": 13") << QByteArray("\"start\": 7, \"end\": 7")
                                    << QStringLiteral("start 7 is not before end 7") << 9;
        QTest::newRow("negative start") << QByteArray("\"start\": 31,") << QByteArray("\"start\": -4,")
                                        << QStringLiteral("start -4 is negative") << 11;
        QTest::newRow("end past document")
            << QByteArray("\"start\": 15, \"end\": 37") << QByteArray("\"start\": 15, \"end\": 40")
            << QStringLiteral("end 40 is past the document (39 code points)") << 10;
        QTest::newRow("text differs") << QByteArray("\"text\": \"fine\"") << QByteArray("\"text\": \"Fine\"")
                                      << QStringLiteral(
                                             "text \"Fine\" differs from the document at 31-35, which has \"fine\"")
                                      << 11;
        QTest::newRow("off by one after emoji")
            << QByteArray("\"start\": 7, \"end\": 13") << QByteArray("\"start\": 8, \"end\": 14")
            << QStringLiteral("differs from the document at 8-14") << 9;
        QTest::newRow("unknown label") << QByteArray("\"label\": \"quote\"") << QByteArray("\"label\": \"Quote\"")
                                       << QStringLiteral("label \"Quote\" is not in the schema") << 11;
        QTest::newRow("duplicate id") << QByteArray("\"id\": \"q1\"") << QByteArray("\"id\": \"w1\"")
                                      << QStringLiteral("id \"w1\" is used by more than one annotation") << 11;
        QTest::newRow("bad status") << QByteArray("\"accepted\"") << QByteArray("\"done\"")
                                    << QStringLiteral("status \"done\" is not accepted, rejected, pending or conflict")
                                    << 11;
        QTest::newRow("bad source") << QByteArray("\"source\": \"manual\"") << QByteArray("\"source\": \"by hand\"")
                                    << QStringLiteral("source \"by hand\" is not manual") << 11;
        QTest::newRow("bad time") << QByteArray("2026-11-27T07:00:05.000Z") << QByteArray("yesterday")
                                  << QStringLiteral("created time \"yesterday\" is not an ISO 8601") << 11;
        QTest::newRow("time without zone") << QByteArray("2026-11-27T07:00:05.000Z")
                                           << QByteArray("2026-11-27T07:00:05") << QStringLiteral("with a zone") << 11;
        QTest::newRow("duplicate key") << QByteArray("\"#0072b2\", \"key\": \"2\"")
                                       << QByteArray("\"#0072b2\", \"key\": \"1\"")
                                       << QStringLiteral(
                                              "label \"quote\": key \"1\" is already used by label \"claim\"")
                                       << 5;
        QTest::newRow("newer version") << QByteArray("\"version\": 1") << QByteArray("\"version\": 3")
                                       << QStringLiteral("version 3 is newer than this Scholiast reads (2)") << 1;
        QTest::newRow("other format") << QByteArray("\"format\": \"scholiast\"") << QByteArray("\"format\": \"brat\"")
                                      << QStringLiteral("format is \"brat\", not \"scholiast\"") << 1;
        QTest::newRow("no annotations") << QByteArray(" \"annotations\": [") << QByteArray(" \"spans\": [")
                                        << QStringLiteral("the file has no \"annotations\"") << 1;
        QTest::newRow("bad colour") << QByteArray("\"#d55e00\"") << QByteArray("\"red\"")
                                    << QStringLiteral("label color \"red\" is not of the form #rrggbb") << 4;
        QTest::newRow("wrong document") << QByteArray("\"name\": \"small.txt\", \"sha256\": \"")
                                        << QByteArray("\"name\": \"other.txt\", \"sha256\": \"")
                                        << QStringLiteral("written for document \"other.txt\", not \"small.txt\"") << 2;
        QTest::newRow("length differs") << QByteArray("\"length\": 39") << QByteArray("\"length\": 38")
                                        << QStringLiteral(
                                               "document length 38 does not match the document (39 code points)")
                                        << 2;
        QTest::newRow("byte order mark") << QByteArray("{\"format\"") << QByteArray("\xEF\xBB\xBF{\"format\"")
                                         << QStringLiteral("byte order mark") << 0;
        QTest::newRow("lone surrogate escape")
            << QByteArray("\"text\": \"fine\"") << QByteArray("\"text\": \"\\ud800ine\"")
            << QStringLiteral("text is not a valid JSON string") << 11;
        // Strings without a backslash are taken as their bytes (issue 17); these are not strings.
        QTest::newRow("raw tab in a string") << QByteArray("\"text\": \"fine\"") << QByteArray("\"text\": \"fi\tne\"")
                                             << QStringLiteral("the control character U+0009 must be escaped") << 11;
        QTest::newRow("bad escape") << QByteArray("\"text\": \"fine\"") << QByteArray("\"text\": \"f\\ine\"")
                                    << QStringLiteral("text is not a valid JSON string") << 11;
        QTest::newRow("escaped text differs")
            << QByteArray("\"text\": \"fine\"") << QByteArray("\"text\": \"f\\u0131ne\"")
            << QStringLiteral("text \"f\u0131ne\" differs from the document at 31-35") << 11;
        QTest::newRow("not an object") << QByteArray("{\"format\"") << QByteArray("[{\"format\"")
                                       << QStringLiteral("malformed JSON") << 0;
    }

    void readerErrors()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, message);
        QFETCH(int, line);

        QByteArray json = m_canonical;
        QVERIFY2(json.contains(from), from.constData());
        json.replace(json.indexOf(from), from.size(), to);
        if (to.contains("other.txt")) {
            // Another document altogether: another name and another hash.
            json.replace(json.indexOf("\"sha256\": \"") + 11, 64, QByteArray(64, '0'));
        }
        const QString path = m_dir.filePath(QStringLiteral("broken.json"));
        QVERIFY(writeAll(path, json));

        Diagnostics diagnostics;
        const auto doc = Document::load(m_documentPath, diagnostics);
        QVERIFY(doc);
        QVERIFY(!ScholiastJson::read(path, diagnostics, &*doc));
        QVERIFY(hasErrors(diagnostics));
        QVERIFY(!ScholiastJson::validateStreaming(path, *doc)); // never confirms a broken file
        QStringList all;
        for (const Diagnostic &d : std::as_const(diagnostics)) {
            all.append(d.toString());
        }
        const auto hit = std::find_if(diagnostics.begin(), diagnostics.end(),
                                      [&](const Diagnostic &d) { return d.isError() && d.message.contains(message); });
        QVERIFY2(hit != diagnostics.end(), qPrintable(all.join(u'\n')));
        QCOMPARE(hit->file, path);
        if (line > 0) {
            QCOMPARE(hit->line, line);
            QVERIFY(hit->column > 0);
            QVERIFY(hit->toString().startsWith(path + u':' + QString::number(line) + u':'));
        }
    }

    // `scholiast-cli validate` reads a sidecar a batch of spans at a time (issue 17). It may only
    // confirm what read() accepts without a word; anything else is left to read().
    void streamingConfirmsOnlyWhatReadAccepts_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<bool>("readAccepts");
        QTest::addColumn<bool>("streamed");
        QTest::newRow("as written") << QStringLiteral("none") << true << true;
        QTest::newRow("no spans") << QStringLiteral("no spans") << true << true;
        QTest::newRow("id used again in a later batch") << QStringLiteral("id again") << false << false;
        // A batch leaves repeats to the checks across batches, its own ones too.
        QTest::newRow("id used again, the next span") << QStringLiteral("id next") << false << false;
        // Ids not taken are hashed from their unescaped bytes (issue 17): "s0000\u0030" is s00000.
        QTest::newRow("id used again, escaped") << QStringLiteral("id again escaped") << false << false;
        QTest::newRow("an id with an escape") << QStringLiteral("id escaped") << true << true;
        // Keys are read as their bytes unless they have escapes (issue 17).
        QTest::newRow("keys with escapes") << QStringLiteral("escaped keys") << true << true;
        QTest::newRow("range and label again in a later batch") << QStringLiteral("range again") << false << false;
        QTest::newRow("range and label again, the next span") << QStringLiteral("range next") << false << false;
        QTest::newRow("range and label again, another label between")
            << QStringLiteral("range label between") << false << false;
        QTest::newRow("one range, two labels") << QStringLiteral("range two labels") << true << true;
        QTest::newRow("comma missing between batches") << QStringLiteral("no comma") << false << false;
        QTest::newRow("text differs in the last batch") << QStringLiteral("text differs") << false << false;
        QTest::newRow("content after the object") << QStringLiteral("trailing") << false << false;
        // The NUL check is the batch's own (the reader leaves it to the caller there).
        QTest::newRow("NUL byte in a span's text") << QStringLiteral("nul") << false << false;
        QTest::newRow("NUL byte in the head") << QStringLiteral("nul head") << false << false;
        // Valid, but not laid out as Scholiast writes, one span a line: read() whole.
        QTest::newRow("indented by another tool") << QStringLiteral("indented") << true << false;
        QTest::newRow("CRLF line ends") << QStringLiteral("crlf") << true << false;
        QTest::newRow("two spans on a line") << QStringLiteral("joined") << true << false;
        // The batches are cut a few megabytes at a time, not a line at a time (issue 17): lines
        // that close the array early and open another are no spans of a batch, whatever the
        // cut, nor is an array after the spans that ends as the file does.
        QTest::newRow("the array closed in the middle") << QStringLiteral("closed early") << true << false;
        QTest::newRow("another array after the spans") << QStringLiteral("array after") << true << false;
        // Span lines are read straight into a batch a little past its size (issue 17): a line
        // longer than that little is read on until it ends.
        QTest::newRow("a span line of 200 kB") << QStringLiteral("long line") << true << true;
        QTest::newRow("no newline at the end") << QStringLiteral("unterminated") << true << false;
        // Valid, but not in the writer's order (the ranges are checked across batches in file
        // order): read() whole.
        QTest::newRow("the last span first") << QStringLiteral("last first") << true << false;
    }

    void streamingConfirmsOnlyWhatReadAccepts()
    {
        QFETCH(QString, change);
        QFETCH(bool, readAccepts);
        QFETCH(bool, streamed);

        // Enough spans for several batches of the batched read.
        constexpr int Lines = 20000;
        QString text;
        for (int i = 0; i < Lines; ++i) {
            text +=
                QStringLiteral("Line %1: the minister said \u201Cyes\u201D \U0001F600 in Se\u00A0oul \uD55C\uAD6D.\r\n")
                    .arg(i);
        }
        const QString documentPath = m_dir.filePath(QStringLiteral("many.txt"));
        QVERIFY(writeAll(documentPath, text.toUtf8()));
        Diagnostics diagnostics;
        const auto doc = Document::load(documentPath, diagnostics);
        QVERIFY(doc);
        QList<Annotation> list;
        if (change != u"no spans") {
            qsizetype at = 0;
            for (int i = 0; i < Lines; ++i) {
                const qsizetype end = text.indexOf(u'\r', at);
                const CodePoint start = doc->toCodePoint(Utf16Index(at));
                Annotation a(start, doc->toCodePoint(Utf16Index(end)), QStringLiteral("claim"));
                a.setText(text.mid(at, end - at));
                a.id = QStringLiteral("s%1").arg(i, 5, 10, QLatin1Char('0'));
                list.append(a);
                at = end + 2;
            }
        }
        AnnotationSet spans;
        spans.reset(list);
        QByteArray json =
            ScholiastJson::serialize(ScholiastJson::makeSidecar(*doc, LabelSchema::defaultSchema(), spans));
        QList<QByteArray> lines = json.split('\n');
        const qsizetype first = lines.indexOf(" \"annotations\": [") + 1;
        const qsizetype last = lines.indexOf(" ]") - 1;
        if (change == u"id again") {
            lines[last].replace("\"s19999\"", "\"s00000\"");
        } else if (change == u"id again escaped") {
            lines[last].replace("\"s19999\"", "\"s0000\\u0030\"");
        } else if (change == u"id escaped") {
            lines[last].replace("\"s19999\"", "\"s1999\\u0039\"");
        } else if (change == u"escaped keys") {
            lines[1].replace("\"length\"", "\"len\\u0067th\"");
            const qsizetype middle = first + (last - first) / 2;
            lines[middle].replace("\"id\"", "\"\\u0069d\"");
            lines[middle].replace("\"start\"", "\"st\\u0061rt\"");
            lines[last].replace("\"label\"", "\"\\u006cabel\"");
        } else if (change == u"id next") {
            lines[first + 1].replace("\"s00001\"", "\"s00000\"");
        } else if (change == u"range again") {
            lines.insert(last, QByteArray(lines[first]).replace("\"s00000\"", "\"again\""));
        } else if (change == u"range next" || change == u"range label between" || change == u"range two labels") {
            // In file order, as the writer sorts: one range, then by label.
            QByteArray quote = QByteArray(lines[first]).replace("\"s00000\"", "\"other\"");
            quote.replace("\"claim\"", "\"quote\"");
            if (change == u"range next") {
                lines.insert(first + 1, QByteArray(lines[first]).replace("\"s00000\"", "\"again\""));
            } else if (change == u"range label between") {
                lines.insert(first + 1, quote);
                lines.insert(first + 2, QByteArray(lines[first]).replace("\"s00000\"", "\"again\""));
            } else {
                lines.insert(first + 1, quote);
            }
        } else if (change == u"last first") {
            QByteArray moved = lines.takeAt(last);
            lines[last - 1].chop(1); // the new last span has no comma
            lines.insert(first, moved + ',');
        } else if (change == u"no comma") {
            lines[last - 1].chop(1);
        } else if (change == u"text differs") {
            lines[last].replace("minister", "Minister");
        } else if (change == u"trailing") {
            lines.last() = "[]";
        } else if (change == u"joined") {
            lines[first] += ' ' + lines.takeAt(first + 1);
        } else if (change == u"nul") {
            lines[last - 2].replace("minister", QByteArray("mini\0ster", 9));
        } else if (change == u"nul head") {
            lines[1].replace("\"name\"", QByteArray("\"na\0me\"", 7));
        } else if (change == u"closed early") {
            const qsizetype middle = first + (last - first) / 2;
            lines[middle - 1].chop(1); // the last span of the array has no comma
            lines.insert(middle, " ],\n \"notes\": [");
        } else if (change == u"long line") {
            const qsizetype middle = first + (last - first) / 2;
            const QByteArray note = "\"label\": \"claim\", \"note\": \"" + QByteArray(200000, 'n') + '"';
            lines[middle].replace("\"label\": \"claim\"", note);
        } else if (change == u"array after") {
            lines[last + 1] = " ],\n \"notes\": [\n  {\"note\": 1}\n ]";
        }
        json = lines.join('\n');
        if (change == u"indented") {
            json = QJsonDocument::fromJson(json).toJson(QJsonDocument::Indented);
        } else if (change == u"crlf") {
            json.replace("\n", "\r\n");
        } else if (change == u"unterminated") {
            json.chop(1);
        }
        const QString path = ScholiastJson::sidecarPath(documentPath);
        QVERIFY(writeAll(path, json));

        const auto sidecar = ScholiastJson::read(path, diagnostics, &*doc);
        QCOMPARE(bool(sidecar) && diagnostics.isEmpty(), readAccepts);
        const auto count = ScholiastJson::validateStreaming(path, *doc);
        QCOMPARE(bool(count), streamed);
        if (count) {
            QCOMPARE(*count, sidecar->annotations.size());
        }
        // The batched read confirms exactly what the batched check confirms, and reads it as
        // read() does; anything else it leaves to the whole read.
        // (One span a batch puts the spans of one range in batches of their own.)
        for (const qsizetype batchBytes :
             {qsizetype(0), qsizetype(4096), qsizetype(change.startsWith(u"range") ? 1 : 0)}) {
            const auto batched = ScholiastJson::readInBatches(path, &*doc, {}, batchBytes);
            QVERIFY(!batched.cancelled);
            QCOMPARE(batched.sidecar.has_value(), streamed);
            if (batched.sidecar) {
                compareReads(*batched.sidecar, *sidecar);
            }
            // Handed over as they are read: the same spans in the same order, or, when the
            // batches do not confirm the file, nothing left of what was handed over.
            SpanRecorder recorder;
            ScholiastJson::ReadOptions options;
            options.spanReceiver = &recorder;
            const auto handed = ScholiastJson::readInBatches(path, &*doc, options, batchBytes);
            QCOMPARE(handed.sidecar.has_value(), streamed);
            if (handed.sidecar) {
                QVERIFY(handed.sidecar->annotations.isEmpty());
                QCOMPARE(recorder.withdrawals, 0);
                QCOMPARE(recorder.begunAfter, 0); // told the head before the first batch
                compareReads(recorder.joined(*handed.sidecar), *sidecar);
            } else {
                QVERIFY(recorder.spans.isEmpty());
                QCOMPARE(recorder.withdrawals, recorder.batches > 0 ? 1 : 0);
            }
            // A receiver that takes no ids: the same spans with empty ids, and an id used twice
            // is still found, from the hashes of their bytes.
            SpanRecorder idless;
            idless.ids = false;
            options.spanReceiver = &idless;
            const auto withoutIds = ScholiastJson::readInBatches(path, &*doc, options, batchBytes);
            QCOMPARE(withoutIds.sidecar.has_value(), streamed);
            if (withoutIds.sidecar) {
                ScholiastJson::Sidecar expected = *sidecar;
                for (Annotation &a : expected.annotations) {
                    a.id.clear();
                }
                compareReads(idless.joined(*withoutIds.sidecar), expected);
            }
        }
    }

    // read() takes the batched path for a large file: the same spans as the whole parse, and a
    // cancel stops it with the whole read's error.
    void largeFileIsReadInBatchesAsWhole()
    {
        const QString documentPath = m_dir.filePath(QStringLiteral("large.txt"));
        const auto doc = Testing::writeLargeSidecar(documentPath);
        QVERIFY2(doc, "a document and a sidecar of over 16 MB beside it");
        const QString path = ScholiastJson::sidecarPath(documentPath);
        Diagnostics diagnostics;

        const auto read = ScholiastJson::read(path, diagnostics, &*doc);
        QVERIFY(read);
        const auto whole = ScholiastJson::parse(readAll(path), path, diagnostics, &*doc);
        QVERIFY(whole);
        QVERIFY(diagnostics.isEmpty());
        compareReads(*read, *whole);

        // write() made the file a chunk at a time: the bytes serialize() makes in one piece.
        AnnotationSet spans;
        spans.reset(read->annotations);
        QCOMPARE(ScholiastJson::serialize(ScholiastJson::makeSidecar(*doc, read->labels, spans)), readAll(path));

        // With a receiver, the spans are handed over batch by batch while the file is read.
        SpanRecorder recorder;
        ScholiastJson::ReadOptions handing;
        handing.spanReceiver = &recorder;
        const auto handed = ScholiastJson::read(path, diagnostics, &*doc, handing);
        QVERIFY(handed);
        QVERIFY(diagnostics.isEmpty());
        QVERIFY(handed->annotations.isEmpty());
        QVERIFY(recorder.batches > 1);
        compareReads(recorder.joined(*handed), *whole);
        // Told once, before the first batch, about how many spans to expect (from the file's
        // size and the first batch's): within a tenth here, where every line is alike.
        QVERIFY(!recorder.hintAfterABatch);
        QVERIFY2(
            std::abs(recorder.expected - whole->annotations.size()) < whole->annotations.size() / 10,
            qPrintable(QStringLiteral("%1 expected, %2 read").arg(recorder.expected).arg(whole->annotations.size())));

        // Cancelled: what was handed over is withdrawn.
        SpanRecorder dropped;
        ScholiastJson::ReadOptions options;
        options.spanReceiver = &dropped;
        qsizetype calls = 0;
        options.progress = [&calls](qint64 done, qint64 total) { return done <= total && ++calls < 3; };
        QVERIFY(!ScholiastJson::read(path, diagnostics, &*doc, options));
        QCOMPARE(calls, 3);
        QCOMPARE(diagnostics.size(), 1);
        QCOMPARE(diagnostics.first().message, QStringLiteral("reading cancelled"));
        QVERIFY(dropped.spans.isEmpty());
        QCOMPARE(dropped.withdrawals, dropped.batches > 0 ? 1 : 0);
    }

    // write() hands the file a chunk at a time (issue 17): a failure after the first chunks, as
    // on a full disk, still leaves the old file whole and nothing beside it.
    void saveThatFailsPartWayKeepsTheOldFile()
    {
        const QString folder = m_dir.filePath(QStringLiteral("part-way"));
        QVERIFY(QDir().mkpath(folder));
        const QString documentPath = folder + QStringLiteral("/large.txt");
        const auto doc = Testing::writeLargeSidecar(documentPath);
        QVERIFY2(doc, "a document and a sidecar of over 16 MB beside it");
        const QString path = ScholiastJson::sidecarPath(documentPath);
        const QByteArray old = readAll(path);
        Diagnostics diagnostics;
        auto sidecar = ScholiastJson::read(path, diagnostics, &*doc);
        QVERIFY(sidecar);
        sidecar->annotations.removeFirst(); // a change, so that the old file can be told from the new

        // The file may grow to 4 MB: writing more fails (EFBIG, with SIGXFSZ ignored).
        rlimit limits{};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &limits), 0);
        const rlimit before = limits;
        limits.rlim_cur = 4 * 1024 * 1024;
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &limits), 0);
        const bool saved = ScholiastJson::write(path, *sidecar, diagnostics);
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &before), 0);
        std::signal(SIGXFSZ, previousHandler);

        QVERIFY(!saved);
        QCOMPARE(diagnostics.size(), 1);
        QCOMPARE(diagnostics.first().file, path);
        QVERIFY2(diagnostics.first().message.startsWith(QStringLiteral("cannot write")),
                 qPrintable(diagnostics.first().message));
        QCOMPARE(readAll(path), old);
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden),
                 (QStringList{QStringLiteral("large.txt"), QStringLiteral("large.txt.scholiast.json")}));
    }

    // The writer narrows eight ASCII units at a time and takes the others one by one: every kind
    // of unit at the edges of those eight, and after them, escaped as Python's json.dumps escapes
    // (a lone surrogate, which UTF-8 cannot hold, as U+FFFD).
    void stringsAreEscapedAsPythonEscapes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("json");
        const QString seven(7, u'a');
        const QString eight(8, u'b');
        QTest::newRow("empty") << QString() << QByteArray("\"\"");
        QTest::newRow("ascii over blocks") << seven + eight + seven << ("\"" + (seven + eight + seven).toUtf8() + "\"");
        QTest::newRow("quote first") << u'"' + eight << ("\"\\\"" + eight.toUtf8() + "\"");
        QTest::newRow("quote last of eight") << seven + u'"' + eight << ("\"aaaaaaa\\\"" + eight.toUtf8() + "\"");
        QTest::newRow("backslash first of the second eight")
            << eight + u'\\' + seven << ("\"" + eight.toUtf8() + "\\\\" + seven.toUtf8() + "\"");
        QTest::newRow("line breaks and tab")
            << seven + QStringLiteral("\r\n\t") + eight << ("\"aaaaaaa\\r\\n\\t" + eight.toUtf8() + "\"");
        QTest::newRow("other controls") << QStringLiteral("\b\f") + QChar(0x01) + QChar(0x1F) + eight
                                        << ("\"\\b\\f\\u0001\\u001f" + eight.toUtf8() + "\"");
        QTest::newRow("delete is plain") << QChar(0x7F) + eight << ("\"\x7F" + eight.toUtf8() + "\"");
        QTest::newRow("two and three bytes") << eight + QStringLiteral("\u00A0\u0080\u6771\uD55C")
                + seven << ("\"" + eight.toUtf8() + "\xC2\xA0\xC2\x80\xE6\x9D\xB1\xED\x95\x9C" + seven.toUtf8() + "\"");
        QTest::newRow("pair across two eights")
            << seven + QStringLiteral("\U0001F600") + eight << ("\"aaaaaaa\xF0\x9F\x98\x80" + eight.toUtf8() + "\"");
        QTest::newRow("pairs in a row") << QStringLiteral("\U0001F680\U0001F30D\U0001F680\U0001F30D\U00020000x")
                                        << QByteArray(
                                               "\"\xF0\x9F\x9A\x80\xF0\x9F\x8C\x8D\xF0\x9F\x9A\x80\xF0\x9F\x8C\x8D"
                                               "\xF0\xA0\x80\x80x\"");
        QTest::newRow("lone high surrogate before ascii")
            << seven + QChar(0xD83D) + eight << ("\"aaaaaaa\xEF\xBF\xBD" + eight.toUtf8() + "\"");
        QTest::newRow("lone low surrogate last") << eight + QChar(0xDE00) << ("\"" + eight.toUtf8() + "\xEF\xBF\xBD\"");
        QTest::newRow("ascii tail after a special") << QStringLiteral("\u00E9abc")
                                                    << QByteArray("\"\xC3\xA9"
                                                                  "abc\"");
    }

    void stringsAreEscapedAsPythonEscapes()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, json);
        QByteArray out("x");
        Json::appendString(out, text);
        QCOMPARE(out, "x" + json);
    }

    void scoresAreWrittenAsPythonWrites_data()
    {
        QTest::addColumn<double>("score");
        QTest::addColumn<QByteArray>("written"); // repr(float) in Python 3
        QTest::newRow("fraction") << 0.75 << QByteArray("0.75");
        QTest::newRow("one") << 1.0 << QByteArray("1.0");
        QTest::newRow("zero") << 0.0 << QByteArray("0.0");
        QTest::newRow("negative zero") << -0.0 << QByteArray("-0.0");
        QTest::newRow("rounding") << 0.1 + 0.2 << QByteArray("0.30000000000000004");
        QTest::newRow("small") << 0.0001 << QByteArray("0.0001");
        QTest::newRow("smaller") << 0.00001 << QByteArray("1e-05");
        QTest::newRow("tiny") << 1.5e-10 << QByteArray("1.5e-10");
        QTest::newRow("large") << 123456789.5 << QByteArray("123456789.5");
        QTest::newRow("integral large") << 1e15 << QByteArray("1000000000000000.0");
        QTest::newRow("huge") << 1e16 << QByteArray("1e+16");
        QTest::newRow("huge digits") << 1.2345e22 << QByteArray("1.2345e+22");
        QTest::newRow("negative") << -2.5 << QByteArray("-2.5");
    }

    void scoresAreWrittenAsPythonWrites()
    {
        QFETCH(double, score);
        QFETCH(QByteArray, written);
        ScholiastJson::Sidecar sidecar = minimalSidecar();
        Annotation a(CodePoint(0), CodePoint(1), QStringLiteral("claim"));
        a.setText(QStringLiteral("x"));
        a.id = QStringLiteral("a");
        a.setScore(score);
        sidecar.annotations.append(a);
        const QByteArray json = ScholiastJson::serialize(sidecar);
        QVERIFY2(json.contains(QByteArray("\"score\": " + written + "}")), json.constData());
        Diagnostics diagnostics;
        const auto back = ScholiastJson::parse(json, QStringLiteral("x.json"), diagnostics);
        QVERIFY2(back, qPrintable(diagnostics.value(0).toString()));
        QCOMPARE(back->annotations.value(0).score().value_or(-1), score);
    }

    void timesAlwaysHaveMilliseconds_data()
    {
        QTest::addColumn<QString>("read");
        QTest::addColumn<QByteArray>("written");
        // Issue 18, item 13: ".000" was dropped, so one span's time had two lengths in a corpus.
        QTest::newRow("whole second") << QStringLiteral("2026-11-27T07:00:05Z")
                                      << QByteArray("2026-11-27T07:00:05.000Z");
        QTest::newRow("zero ms written") << QStringLiteral("2026-11-27T07:00:05.000Z")
                                         << QByteArray("2026-11-27T07:00:05.000Z");
        QTest::newRow("milliseconds") << QStringLiteral("2026-11-27T07:01:00.250Z")
                                      << QByteArray("2026-11-27T07:01:00.250Z");
        QTest::newRow("offset") << QStringLiteral("2024-05-14T09:42:00+02:00")
                                << QByteArray("2024-05-14T07:42:00.000Z");
    }

    void timesAlwaysHaveMilliseconds()
    {
        QFETCH(QString, read);
        QFETCH(QByteArray, written);
        ScholiastJson::Sidecar sidecar = minimalSidecar();
        Annotation a(CodePoint(0), CodePoint(1), QStringLiteral("claim"));
        a.setText(QStringLiteral("x"));
        a.id = QStringLiteral("a");
        a.setCreated(QDateTime::fromString(read, Qt::ISODateWithMs).toUTC());
        a.setModified(QDateTime::fromString(read, Qt::ISODateWithMs).toUTC());
        sidecar.annotations.append(a);
        const QByteArray json = ScholiastJson::serialize(sidecar);
        QVERIFY2(json.contains(QByteArray("\"created\": \"" + written + "\", \"modified\": \"" + written + "\"}")),
                 json.constData());
        // And a file read back writes the same bytes.
        Diagnostics diagnostics;
        const auto back = ScholiastJson::parse(json, QStringLiteral("x.json"), diagnostics);
        QVERIFY2(back, qPrintable(diagnostics.value(0).toString()));
        QCOMPARE(ScholiastJson::serialize(*back), json);
    }

    void labelsWithoutKeysGetFreeOnes()
    {
        QByteArray json = m_canonical;
        json.replace("\"color\": \"#d55e00\", \"key\": \"1\"", "\"color\": \"#d55e00\", \"key\": \"\"");
        json.replace("\"color\": \"#009e73\", \"key\": \"3\"", "\"color\": \"#009e73\", \"key\": \"1\"");
        Diagnostics diagnostics;
        const auto sidecar = ScholiastJson::parse(json, QStringLiteral("keys.json"), diagnostics);
        QVERIFY2(sidecar, qPrintable(diagnostics.value(0).toString()));
        QCOMPARE(sidecar->labels.find(QStringLiteral("boilerplate"))->key, QStringLiteral("1"));
        QCOMPARE(sidecar->labels.find(QStringLiteral("claim"))->key, QStringLiteral("3"));
        QCOMPARE(sidecar->labels.labels().first().name, QStringLiteral("claim")); // order kept
    }

    void loneSurrogatesNeverMakeAnUnreadableFile()
    {
        ScholiastJson::Sidecar sidecar = minimalSidecar();
        Annotation a(CodePoint(0), CodePoint(1), QStringLiteral("claim"));
        a.setText(QStringLiteral("x"));
        a.id = QStringLiteral("a");
        a.setNote(QString(QChar(0xD800)) + QStringLiteral("note"));
        sidecar.annotations.append(a);
        Diagnostics diagnostics;
        const auto back =
            ScholiastJson::parse(ScholiastJson::serialize(sidecar), QStringLiteral("x.json"), diagnostics);
        QVERIFY(back);
        QCOMPARE(back->annotations.value(0).note(), QStringLiteral("\uFFFDnote"));
    }

    void malformedJsonNamesLineAndColumn()
    {
        QByteArray json = m_canonical;
        json.replace("\"text\": \"fine\"", "\"text\" \"fine\""); // a missing colon on line 11
        Diagnostics diagnostics;
        QVERIFY(!ScholiastJson::parse(json, QStringLiteral("x.json"), diagnostics));
        QCOMPARE(diagnostics.size(), 1);
        QCOMPARE(diagnostics.first().line, 11);
        const int column = int(json.split('\n').at(10).indexOf("\"fine\"")) + 1;
        QVERIFY2(qAbs(diagnostics.first().column - column) <= 1, qPrintable(diagnostics.first().toString()));
    }

    void changedDocumentIsAWarningAndKeepsEverySpan()
    {
        // Same name, other content: re-anchoring's case. Spans that no longer fit are kept.
        const QString path = m_dir.filePath(QStringLiteral("changed/small.txt"));
        QVERIFY(QDir().mkpath(QFileInfo(path).path()));
        QVERIFY(writeAll(path, QByteArray("Hello world, edited.\n")));
        Diagnostics diagnostics;
        const auto doc = Document::load(path, diagnostics);
        QVERIFY(doc);
        const auto sidecar =
            ScholiastJson::parse(m_canonical, QStringLiteral("small.txt.scholiast.json"), diagnostics, &*doc);
        QVERIFY(sidecar);
        QCOMPARE(sidecar->annotations.size(), 3);
        QVERIFY(!hasErrors(diagnostics));
        QVERIFY(diagnostics.first().message.contains(QStringLiteral("has changed since")));
        QVERIFY(diagnostics.size() >= 2);
    }

    // Read against their document, spans that fit hold no text of their own but a share of the
    // document's (issue 17); one that does not fit keeps the text it was saved with, and every
    // text reads the same as the file says, after the document itself is gone.
    void textsThatFitAreSharedFromTheDocument_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("ownText"); // the id of the span expected to keep its own text
        QTest::newRow("as written") << QByteArray() << QByteArray() << QString();
        QTest::newRow("escaped as \\u") << QByteArray("\"text\": \"fine\"") << QByteArray("\"text\": \"f\\u0069ne\"")
                                        << QString();
        QTest::newRow("document changed under a span")
            << QByteArray("\"text\": \"fine\"") << QByteArray("\"text\": \"fane\"") << QStringLiteral("q1");
    }
    void textsThatFitAreSharedFromTheDocument()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, ownText);
        QByteArray json = m_canonical;
        if (!from.isEmpty()) {
            QVERIFY(json.contains(from));
            json.replace(from, to);
        }
        QList<Annotation> spans;
        {
            Diagnostics diagnostics;
            const auto doc = Document::load(m_documentPath, diagnostics);
            QVERIFY(doc);
            ScholiastJson::SalvageOptions options;
            const auto sidecar =
                ScholiastJson::salvage(json, QStringLiteral("small.txt.scholiast.json"), diagnostics, *doc, options);
            QVERIFY(sidecar);
            spans = sidecar->sidecar.annotations;
            for (const Annotation &a : std::as_const(spans)) {
                QCOMPARE(a.textIsShared(), a.id != ownText);
                if (a.textIsShared()) {
                    QCOMPARE(a.textView(), doc->slice(a.start, a.end));
                }
            }
        }
        // The document is gone; its text lives on in the spans that share it.
        const Annotation *fine = nullptr;
        for (const Annotation &a : std::as_const(spans)) {
            if (a.id == u"q1") {
                fine = &a;
            } else if (a.id == u"w1") {
                QCOMPARE(a.text(), QStringLiteral(" world"));
            }
        }
        QVERIFY(fine);
        QCOMPARE(fine->text(), ownText.isEmpty() ? QStringLiteral("fine") : QStringLiteral("fane"));
    }

    // With many spans the writer copies texts and contexts from the document's UTF-8 instead of
    // encoding each from UTF-16 (issue 17): the same bytes, for spans at every place and of every
    // length (at the ends, where context is cut short, across surrogate pairs, CRLF, characters
    // JSON escapes), with spans that do not fit, orphans and discontinuous spans among them.
    void writerTakesTheSameBytesFromUtf8AsFromUtf16_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("step");
        QTest::newRow("ascii")
            << QStringLiteral("The ministry said on Tuesday that the talks would resume next week. ").repeated(2) << 1;
        QTest::newRow("an emoji every dozen")
            << QStringLiteral("parliament 😀 talks 📰 that exports 𝐀 not Reuters 시장 🌍 announced ").repeated(2) << 1;
        QTest::newRow("escapes") << QStringLiteral("She said \"no\" \\ then\ttabbed\r\nline\b\f\u0001\u001f\u007f "
                                                   "\u2028 end\u00A0café\r\n")
                                        .repeated(2)
                                 << 1;
        QTest::newRow("no ascii") << QStringLiteral("東京서울🌍éü“”").repeated(8) << 1;
        QTest::newRow("starts with U+FEFF") << QStringLiteral("\uFEFFA quote: “fine” 😀.\n").repeated(3) << 1;
        QTest::newRow("short") << QStringLiteral("a😀b") << 1;
        // Spans thousands of code points apart: the UTF-8 cursor jumps by the document's index.
        QTest::newRow("far apart") << QStringLiteral("Zürich 東京 서울 🌍 the \"council\" said\r\n").repeated(400)
                                   << 4099;
    }
    void writerTakesTheSameBytesFromUtf8AsFromUtf16()
    {
        QFETCH(QString, text);
        QFETCH(int, step); // code points from one span's start to the next
        const Document document = Document::fromText(text, QStringLiteral("doc.txt"));
        const qint64 length = document.length();
        ScholiastJson::Sidecar sidecar;
        sidecar.documentName = document.fileName();
        sidecar.documentSha256 = document.sha256();
        sidecar.documentLength = length;
        sidecar.document = document;
        sidecar.labels = LabelSchema::defaultSchema(); // claim, quote, boilerplate
        int serial = 0;
        const auto add = [&](qint64 start, qint64 end, const QString &label) -> Annotation & {
            Annotation span(CodePoint(start), CodePoint(end), label);
            span.id = QStringLiteral("s%1").arg(++serial);
            span.setTextFromDocument(document);
            sidecar.annotations.append(span);
            return sidecar.annotations.last();
        };
        const QString claim = QStringLiteral("claim");
        const QString quote = QStringLiteral("quote");
        const QString boilerplate = QStringLiteral("boilerplate");
        for (qint64 start = 0; start < length; start += step) {
            for (const qint64 size : {1, 2, 5, 17, 40}) {
                if (start + size <= length) {
                    add(start, start + size, claim);
                }
            }
            add(start, length, quote); // to the end
        }
        if (length >= 6) {
            add(1, 3, boilerplate).setText(QStringLiteral("§¶")); // does not fit: its own text and context
            add(2, 5, boilerplate).setOrphan(true);
            sidecar.annotations.last().setContext(QStringLiteral("before"), QStringLiteral("after"));
            Annotation &split = add(0, length, boilerplate);
            split.setFragments({Fragment{CodePoint(0), CodePoint(2)}, Fragment{CodePoint(4), CodePoint(length)}});
            split.setTextFromDocument(document);
            add(3, 4, boilerplate);
        }
        const QByteArray fromUtf16 = ScholiastJson::serialize(sidecar, ScholiastJson::DocumentText::Utf16);
        const QByteArray fromUtf8 = ScholiastJson::serialize(sidecar, ScholiastJson::DocumentText::Utf8);
        QVERIFY(fromUtf16.contains("\"prefix\"") && fromUtf16.contains("\"suffix\""));
        if (fromUtf8 != fromUtf16) {
            const QList<QByteArray> a = fromUtf16.split('\n');
            const QList<QByteArray> b = fromUtf8.split('\n');
            for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i) {
                QCOMPARE(b[i], a[i]);
            }
        }
        QCOMPARE(fromUtf8, fromUtf16);
        QCOMPARE(ScholiastJson::serialize(sidecar), fromUtf16);
        // And the file reads back (without the document, against which one span is a misfit).
        Diagnostics diagnostics;
        const auto back = ScholiastJson::parse(fromUtf8, QStringLiteral("doc.txt.scholiast.json"), diagnostics);
        QVERIFY2(back, qPrintable(diagnostics.value(0).toString()));
        QCOMPARE(back->annotations.size(), sidecar.annotations.size());
    }

    void sidecarWithoutDocumentChecksTextLength()
    {
        QByteArray json = m_canonical;
        json.replace("\"text\": \"fine\"", "\"text\": \"fin\"");
        Diagnostics diagnostics;
        QVERIFY(!ScholiastJson::parse(json, QStringLiteral("x.json"), diagnostics));
        QVERIFY(
            diagnostics.first().message.contains(QStringLiteral("text has 3 code points but the span 31-35 has 4")));
        diagnostics.clear();
        QVERIFY(ScholiastJson::parse(m_canonical, QStringLiteral("x.json"), diagnostics));
    }

    void spansOnlyKeepsOffsetsAndStillChecksTheText_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("error");
        QTest::newRow("as written") << QByteArray() << QByteArray() << QString();
        QTest::newRow("text one code point short")
            << QByteArray("\"text\": \"fine\"") << QByteArray("\"text\": \"fin\"")
            << QStringLiteral("text has 3 code points but the span 31-35 has 4");
        QTest::newRow("text not a string")
            << QByteArray("\"text\": \"fine\"") << QByteArray("\"text\": 4") << QStringLiteral("text must be a string");
    }

    // The metrics' read (agree) keeps no text, but a sidecar it accepts is one the full read accepts.
    void spansOnlyKeepsOffsetsAndStillChecksTheText()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, error);
        QByteArray json = m_canonical;
        if (!from.isEmpty()) {
            QVERIFY(json.contains(from));
            json.replace(from, to);
        }
        Diagnostics diagnostics;
        const auto lean = ScholiastJson::parse(json, QStringLiteral("x.json"), diagnostics, nullptr,
                                               ScholiastJson::ReadOptions{.spansOnly = true});
        if (!error.isEmpty()) {
            QVERIFY(!lean);
            QVERIFY2(diagnostics.first().message.contains(error), qPrintable(diagnostics.first().message));
            return;
        }
        QVERIFY2(lean, qPrintable(diagnostics.isEmpty() ? QString() : diagnostics.first().message));
        const auto full = ScholiastJson::parse(json, QStringLiteral("x.json"), diagnostics);
        QVERIFY(full);
        QCOMPARE(lean->annotations.size(), full->annotations.size());
        for (qsizetype i = 0; i < full->annotations.size(); ++i) {
            const Annotation &a = lean->annotations.at(i);
            const Annotation &b = full->annotations.at(i);
            QCOMPARE(a.id, b.id);
            QCOMPARE(a.start.value, b.start.value);
            QCOMPARE(a.end.value, b.end.value);
            QCOMPARE(a.label, b.label);
            QVERIFY(a.text().isEmpty());
        }
    }

    void withoutContextKeepsTheTextAndStillChecksTheContext_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("error");
        QTest::newRow("as written") << QByteArray() << QByteArray() << QString();
        QTest::newRow("prefix not a string")
            << QByteArray("\"prefix\": \"Hello") << QByteArray("\"prefix\": 7, \"x\": \"Hello")
            << QStringLiteral("prefix must be a string");
    }

    // `diff` reads without the context (it shows the text only): the spans and their text are what
    // the full read gives, no prefix or suffix is held, and a bad one is still refused.
    void withoutContextKeepsTheTextAndStillChecksTheContext()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, error);
        QByteArray json = m_canonical;
        if (!from.isEmpty()) {
            QVERIFY(json.contains(from));
            json.replace(from, to);
        }
        Diagnostics diagnostics;
        const auto lean = ScholiastJson::parse(json, QStringLiteral("x.json"), diagnostics, nullptr,
                                               ScholiastJson::ReadOptions{.keepContext = false});
        if (!error.isEmpty()) {
            QVERIFY(!lean);
            QVERIFY2(diagnostics.first().message.contains(error), qPrintable(diagnostics.first().message));
            return;
        }
        QVERIFY2(lean, qPrintable(diagnostics.isEmpty() ? QString() : diagnostics.first().message));
        const auto full = ScholiastJson::parse(json, QStringLiteral("x.json"), diagnostics);
        QVERIFY(full);
        QCOMPARE(lean->annotations.size(), full->annotations.size());
        bool fullHasContext = false;
        for (qsizetype i = 0; i < full->annotations.size(); ++i) {
            const Annotation &a = lean->annotations.at(i);
            const Annotation &b = full->annotations.at(i);
            QCOMPARE(a.id, b.id);
            QCOMPARE(a.text(), b.text());
            QVERIFY(a.prefix().isEmpty() && a.suffix().isEmpty());
            fullHasContext |= !b.prefix().isEmpty();
        }
        QVERIFY(fullHasContext); // else the test shows nothing
    }

    void spanTextsAreReadFromTheirLines_data()
    {
        QTest::addColumn<QString>("layout");
        QTest::addColumn<QList<int>>("places"); // -1: the last span
        QTest::addColumn<bool>("breakAnother"); // a span not asked for made one no read accepts
        QTest::addColumn<QString>("changed"); // what is asked of the first place otherwise than it is
        QTest::addColumn<bool>("found");
        const QList<int> all{0, 1, 2, 3, 4, 5, 6};
        const QList<int> some{1, 4, -1};
        for (const QString &layout : {QStringLiteral("as written"), QStringLiteral("other head"),
                                      QStringLiteral("one line"), QStringLiteral("last span on two lines")}) {
            QTest::newRow(qPrintable(layout + QStringLiteral(", every span")))
                << layout << all << false << QString() << true;
            QTest::newRow(qPrintable(layout + QStringLiteral(", some")))
                << layout << some << false << QString() << true;
            QTest::newRow(qPrintable(layout + QStringLiteral(", the first")))
                << layout << QList<int>{0} << false << QString() << true;
            for (const QString &changed : {QStringLiteral("start"), QStringLiteral("end"), QStringLiteral("label")}) {
                QTest::newRow(qPrintable(layout + QStringLiteral(", another ") + changed))
                    << layout << some << false << changed << false;
            }
            QTest::newRow(qPrintable(layout + QStringLiteral(", past the end")))
                << layout << QList<int>{2, 7} << false << QString() << false;
            // As written, only the lines asked for are read: the file is not read whole.
            QTest::newRow(qPrintable(layout + QStringLiteral(", another span broken")))
                << layout << some << true << QString() << (layout == u"as written");
        }
    }

    // `diff` reads its sidecars without their texts and then those of the spans it prints
    // (issue 17): from their own lines in a file laid out as the writer lays it out, from a whole
    // read otherwise. The texts are the whole read's, escapes, U+FEFF, CRLF and fragments too; a
    // file whose spans are not those read before is an error naming it.
    void spanTextsAreReadFromTheirLines()
    {
        QFETCH(QString, layout);
        QFETCH(QList<int>, places);
        QFETCH(bool, breakAnother);
        QFETCH(QString, changed);
        QFETCH(bool, found);
        const QString text = QStringLiteral("\uFEFFLead mark, then \"quoted\" words at C:\\path\tand a tab\r\n"
                                            "Emoji \U0001F600 \uD55C\uAD6D \u6771\u4EAC\u00A0now.\r\nShare this\n");
        const Document document = Document::fromText(text, QStringLiteral("texts.txt"));
        const auto span = [&](const QString &covered, const QString &id) {
            const qint64 at = document.toCodePoint(Utf16Index(text.indexOf(covered))).value;
            const qint64 length = QStringView(covered).toUcs4().size();
            Annotation a(CodePoint(at), CodePoint(at + length), QStringLiteral("claim"));
            a.setTextFromDocument(document);
            return Testing::withId(a, id);
        };
        ScholiastJson::Sidecar sidecar;
        sidecar.documentName = QStringLiteral("texts.txt");
        sidecar.documentSha256 = document.sha256();
        sidecar.documentLength = document.length();
        sidecar.labels = LabelSchema::defaultSchema();
        sidecar.document = document;
        sidecar.annotations = {span(QStringLiteral("\uFEFFLead"), QStringLiteral("s1")),
                               span(QStringLiteral("\"quoted\" words at C:\\path\tand"), QStringLiteral("s2")),
                               span(QStringLiteral("a tab\r\nEmoji"), QStringLiteral("s3")),
                               span(QStringLiteral("\U0001F600 \uD55C\uAD6D"), QStringLiteral("s4")),
                               span(QStringLiteral("\u6771\u4EAC\u00A0now."), QStringLiteral("s5")),
                               span(QStringLiteral("Share this"), QStringLiteral("s6"))};
        Annotation pieces = span(QStringLiteral("Lead mark, then"), QStringLiteral("s7"));
        pieces.setFragments(
            {{pieces.start, CodePoint(pieces.start.value + 4)}, {CodePoint(pieces.end.value - 4), pieces.end}});
        pieces.setTextFromDocument(document);
        sidecar.annotations.append(pieces);
        const QString path = m_dir.filePath(
            QStringLiteral("span-texts/%1.scholiast.json").arg(QString::fromLatin1(QTest::currentDataTag())));
        QVERIFY(QDir().mkpath(QFileInfo(path).path()));
        Diagnostics diagnostics;
        QVERIFY(ScholiastJson::write(path, sidecar, diagnostics));
        const auto whole = ScholiastJson::read(path, diagnostics);
        QVERIFY(whole);
        QByteArray bytes = readAll(path);
        if (breakAnother) { // s3's end before its start
            QCOMPARE(bytes.count("\"end\": 59,"), 1);
            bytes.replace("\"end\": 59,", "\"end\": 1,");
        }
        if (layout == u"other head") {
            bytes.replace("\n \"annotations\": [\n", "\n \"annotations\":  [\n");
        } else if (layout == u"one line") {
            bytes.replace('\n', ' '); // never inside a JSON string
        } else if (layout == u"last span on two lines") {
            // The spans before it are read from their lines first, then the file whole.
            QCOMPARE(bytes.count("\"s7\""), 1);
            bytes.replace("\"s7\"", "\n\"s7\"");
        }
        QVERIFY(writeAll(path, bytes));
        QVERIFY(ScholiastJson::read(path, diagnostics).has_value() != breakAnother);

        QList<ScholiastJson::SpanPlace> asked;
        QStringList expectedIds;
        QStringList expectedTexts;
        for (const int place : std::as_const(places)) {
            const qsizetype index = place < 0 ? whole->annotations.size() - 1 : place;
            ScholiastJson::SpanPlace spanPlace{index, 0, 1, QStringLiteral("claim")};
            if (index < whole->annotations.size()) {
                const Annotation &a = whole->annotations.at(index);
                spanPlace = {index, a.start.value, a.end.value, a.label};
                expectedIds.append(a.id);
                expectedTexts.append(a.text());
            }
            if (asked.isEmpty() && changed == u"start") {
                --spanPlace.start;
            } else if (asked.isEmpty() && changed == u"end") {
                ++spanPlace.end;
            } else if (asked.isEmpty() && changed == u"label") {
                spanPlace.label = QStringLiteral("quote");
            }
            asked.append(spanPlace);
        }
        Diagnostics problems;
        const auto read = ScholiastJson::readSpanTexts(path, asked, problems);
        // The same as UTF-8 (`diff`), after bytes already there, which stay.
        Diagnostics bytesProblems;
        QByteArray utf8("before");
        const auto readBytes = ScholiastJson::readSpanTextBytes(path, asked, utf8, bytesProblems);
        QCOMPARE(read.has_value(), found);
        QCOMPARE(readBytes.has_value(), found);
        QVERIFY(utf8.startsWith("before"));
        if (!found) {
            QCOMPARE(problems.size(), 1);
            QVERIFY2(problems.first().toString().contains(path), qPrintable(problems.first().toString()));
            QCOMPARE(bytesProblems.size(), 1);
            QCOMPARE(bytesProblems.first().toString(), problems.first().toString());
            return;
        }
        QVERIFY(problems.isEmpty());
        QVERIFY(bytesProblems.isEmpty());
        QStringList ids;
        QStringList texts;
        for (const ScholiastJson::SpanIdAndText &idAndText : *read) {
            ids.append(idAndText.id);
            texts.append(idAndText.text);
        }
        QCOMPARE(ids, expectedIds);
        QCOMPARE(texts, expectedTexts);
        QStringList idsFromBytes;
        QStringList textsFromBytes;
        for (const ScholiastJson::SpanIdAndTextBytes &at : *readBytes) {
            // As `diff` prints them: a U+FEFF they start with is text (QString::fromUtf8 drops it).
            idsFromBytes.append(textFromUtf8(QByteArrayView(utf8).sliced(at.idAt, at.idSize)));
            textsFromBytes.append(textFromUtf8(QByteArrayView(utf8).sliced(at.textAt, at.textSize)));
        }
        QCOMPARE(idsFromBytes, expectedIds);
        QCOMPARE(textsFromBytes, expectedTexts);
        QVERIFY(texts.contains(QStringLiteral("\uFEFFLead")) || !places.contains(0));
        QVERIFY(texts.contains(QStringLiteral("Lead then")) || !places.contains(6));
    }

    void writeIsAtomic()
    {
        const QString path = m_dir.filePath(QStringLiteral("atomic/out.json"));
        QVERIFY(QDir().mkpath(QFileInfo(path).path()));
        Diagnostics diagnostics;
        const auto sidecar = ScholiastJson::parse(m_canonical, path, diagnostics);
        QVERIFY(sidecar);
        QVERIFY(ScholiastJson::write(path, *sidecar, diagnostics));
        QCOMPARE(readAll(path), m_canonical);
        QCOMPARE(QDir(QFileInfo(path).path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("out.json")});
    }

    void failedSaveKeepsTheOldFile_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("read-only folder") << QStringLiteral("readonly");
        QTest::newRow("file replaced by a folder") << QStringLiteral("folder");
        QTest::newRow("folder missing") << QStringLiteral("nofolder");
    }

    void failedSaveKeepsTheOldFile()
    {
        QFETCH(QString, how);
        const QString folder = m_dir.filePath(QStringLiteral("fail-") + how);
        QVERIFY(QDir().mkpath(folder));
        QFile::setPermissions(m_dir.path(),
                              QFile::permissions(m_dir.path()) | QFileDevice::ExeOther | QFileDevice::ReadOther);
        QString path = folder + QStringLiteral("/small.txt.scholiast.json");
        const QByteArray old("{\"old\": true}\n");
        Diagnostics diagnostics;
        const auto sidecar = ScholiastJson::parse(m_canonical, path, diagnostics);
        QVERIFY(sidecar);

        bool dropped = false;
        if (how == u"readonly") {
            QVERIFY(writeAll(path, old));
            QFile::setPermissions(folder,
                                  QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther
                                      | QFileDevice::ExeOther | QFileDevice::ReadGroup | QFileDevice::ExeGroup);
            // root ignores permissions: act as nobody while saving, as a user would be.
            if (geteuid() == 0) {
                QVERIFY(seteuid(65534) == 0);
                dropped = true;
            }
        } else if (how == u"folder") {
            QVERIFY(QDir().mkpath(path));
        } else {
            path = folder + QStringLiteral("/missing/small.txt.scholiast.json");
        }
        const bool saved = ScholiastJson::write(path, *sidecar, diagnostics);
        if (dropped) {
            QVERIFY(seteuid(0) == 0);
        }
        QVERIFY(!saved);
        QCOMPARE(diagnostics.size(), 1);
        QCOMPARE(diagnostics.first().file, path);
        if (how == u"readonly") {
            QCOMPARE(readAll(path), old);
            QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden), QStringList{QFileInfo(path).fileName()});
            QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        } else if (how == u"folder") {
            QVERIFY(QFileInfo(path).isDir());
        }
    }
};

QTEST_GUILESS_MAIN(ScholiastJsonTest)
#include "scholiastjson_test.moc"
