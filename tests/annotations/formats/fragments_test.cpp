// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Discontinuous spans (issue 19, docs/FORMAT.md §6.9): a quote interrupted by its attribution is
// one span in two fragments. Written as version 2 only when used, read back exactly, every rule
// of the strict reader said with its line; the index, re-anchoring, metrics and the interchange
// formats treat the pieces as pieces.
#include "annotationset.h"
#include "document.h"
#include "formats/interchange.h"
#include "formats/scholiastjson.h"
#include "metrics/codepointagreement.h"
#include "metrics/review.h"
#include "metrics/spanscores.h"
#include "reliability/reanchor.h"
#include "testhelpers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Scholiast;
using namespace Scholiast::Interchange;

using Testing::writeAll;

namespace {
// “We are open,” the minister said 😀, “to talks.”CRLF
const QByteArray Text("\xE2\x80\x9CWe are open,\xE2\x80\x9D the minister said \xF0\x9F\x98\x80, \xE2\x80\x9C"
                      "to talks.\xE2\x80\x9D\r\n");
// code points: "We are open," 1-13, "the minister" 15-27, "to talks." 37-46; 49 in all.

Annotation contiguous(const Document &document, const char *id, qint64 start, qint64 end, const char *label)
{
    Annotation a(CodePoint(start), CodePoint(end), QString::fromLatin1(label));
    a.id = QString::fromLatin1(id);
    a.setTextFromDocument(document);
    return a;
}

// The interrupted quote: "We are open," and "to talks." as one span.
Annotation interruptedQuote(const Document &document)
{
    Annotation a;
    a.id = QStringLiteral("q");
    a.label = QStringLiteral("quote");
    a.setFragments({Fragment{CodePoint(1), CodePoint(13)}, Fragment{CodePoint(37), CodePoint(46)}});
    a.setTextFromDocument(document);
    return a;
}
} // namespace

class FragmentsTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_documentPath;
    std::optional<Document> m_document;
    QByteArray m_canonical;

    std::optional<ScholiastJson::Sidecar> readBytes(const QByteArray &json, Diagnostics &diagnostics,
                                                    bool withDocument = true)
    {
        const QString path = m_dir.filePath(QStringLiteral("fragments.json"));
        if (!writeAll(path, json)) {
            return std::nullopt;
        }
        return ScholiastJson::read(path, diagnostics, withDocument ? &*m_document : nullptr);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_documentPath = m_dir.filePath(QStringLiteral("minister.txt"));
        QVERIFY(writeAll(m_documentPath, Text));
        Diagnostics diagnostics;
        m_document = Document::load(m_documentPath, diagnostics);
        QVERIFY(m_document);
        QCOMPARE(m_document->length(), 49);
        AnnotationSet set;
        set.reset({interruptedQuote(*m_document), contiguous(*m_document, "m", 15, 27, "claim")});
        m_canonical =
            ScholiastJson::serialize(ScholiastJson::makeSidecar(*m_document, LabelSchema::defaultSchema(), set));
        QVERIFY(writeAll(ScholiastJson::sidecarPath(m_documentPath), m_canonical));
    }

    void textIsThePiecesJoinedByASpace()
    {
        const Annotation quote = interruptedQuote(*m_document);
        QVERIFY(quote.isDiscontinuous());
        QCOMPARE(quote.start, CodePoint(1));
        QCOMPARE(quote.end, CodePoint(46));
        QCOMPARE(quote.text(), QStringLiteral("We are open, to talks."));
        QCOMPARE(Annotation::fragmentsTextLength(quote.fragments()), quote.text().size());
        // A contiguous span has one fragment, itself.
        const Annotation minister = contiguous(*m_document, "m", 15, 27, "claim");
        QVERIFY(!minister.isDiscontinuous());
        QCOMPARE(minister.fragments(), (QList<Fragment>{Fragment{CodePoint(15), CodePoint(27)}}));
        // Setting one fragment makes a span contiguous again.
        Annotation joined = quote;
        joined.setFragments({Fragment{CodePoint(1), CodePoint(46)}});
        QVERIFY(!joined.isDiscontinuous());
        QCOMPARE(joined.end, CodePoint(46));
    }

    // "fragments" after "end", only on a discontinuous span; version 2 only when one is there.
    void canonicalLayout()
    {
        QVERIFY(m_canonical.startsWith("{\"format\": \"scholiast\", \"version\": 2,\n"));
        QVERIFY2(
            m_canonical.contains("  {\"id\": \"q\", \"start\": 1, \"end\": 46, \"fragments\": [[1, 13], [37, 46]], "
                                 "\"label\": \"quote\", \"text\": \"We are open, to talks.\", \"prefix\": "),
            m_canonical.constData());
        QVERIFY(m_canonical.contains("{\"id\": \"m\", \"start\": 15, \"end\": 27, \"label\": \"claim\", "));
        QCOMPARE(m_canonical.count("fragments"), 1);
        // What a training script reads.
        const QJsonObject root = QJsonDocument::fromJson(m_canonical).object();
        const QJsonArray fragments =
            root.value(u"annotations").toArray().at(0).toObject().value(u"fragments").toArray();
        QCOMPARE(fragments.size(), 2);
        QCOMPARE(fragments.at(1).toArray().at(0).toInt(), 37);

        AnnotationSet set;
        set.reset({contiguous(*m_document, "m", 15, 27, "claim")});
        const QByteArray spansOnly =
            ScholiastJson::serialize(ScholiastJson::makeSidecar(*m_document, LabelSchema::defaultSchema(), set));
        QVERIFY(spansOnly.startsWith("{\"format\": \"scholiast\", \"version\": 1,\n"));
    }

    void roundTripIsByteIdentical_data()
    {
        QTest::addColumn<bool>("withDocument");
        QTest::newRow("with the document") << true;
        QTest::newRow("without it") << false;
    }

    void roundTripIsByteIdentical()
    {
        QFETCH(bool, withDocument);
        Diagnostics diagnostics;
        const auto sidecar = readBytes(m_canonical, diagnostics, withDocument);
        QVERIFY2(sidecar, qPrintable(diagnostics.value(0).toString()));
        QVERIFY(diagnostics.isEmpty());
        const auto quote = std::find_if(sidecar->annotations.begin(), sidecar->annotations.end(),
                                        [](const Annotation &a) { return a.id == u"q"; });
        QVERIFY(quote != sidecar->annotations.end());
        QCOMPARE(quote->fragments(), interruptedQuote(*m_document).fragments());
        QCOMPARE(quote->text(), QStringLiteral("We are open, to talks."));
        QCOMPARE(ScholiastJson::serialize(*sidecar), m_canonical);
    }

    void readerErrors_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("message");
        const QByteArray pieces("\"fragments\": [[1, 13], [37, 46]]");
        QTest::newRow("version 1") << QByteArray("\"version\": 2") << QByteArray("\"version\": 1")
                                   << "fragments need version 2 of the format";
        QTest::newRow("out of order") << pieces << QByteArray("\"fragments\": [[37, 46], [1, 13]]")
                                      << "does not start after fragment 1 ends";
        QTest::newRow("touching") << pieces << QByteArray("\"fragments\": [[1, 13], [13, 46]]")
                                  << "fragments are in order and apart";
        QTest::newRow("one piece") << pieces << QByteArray("\"fragments\": [[1, 46]]") << "two or more pieces";
        QTest::newRow("empty piece") << pieces << QByteArray("\"fragments\": [[1, 13], [37, 37], [40, 46]]")
                                     << "fragment 2 (37-37) is empty";
        QTest::newRow("not pairs") << pieces << QByteArray("\"fragments\": [[1, 13, 14], [37, 46]]")
                                   << "a fragment must be a [start, end] pair";
        QTest::newRow("not an array") << pieces << QByteArray("\"fragments\": \"1-13,37-46\"")
                                      << "fragments must be an array";
        QTest::newRow("start and end disagree") << QByteArray("\"end\": 46") << QByteArray("\"end\": 47")
                                                << "fragments run from 1 to 46, but the span from 1 to 47";
        QTest::newRow("text of other pieces") << pieces << QByteArray("\"fragments\": [[1, 13], [36, 46]]")
                                              << "differs from the document's fragments 1-13, 36-46";
    }

    void readerErrors()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, message);

        QByteArray json = m_canonical;
        QVERIFY2(json.contains(from), from.constData());
        json.replace(json.indexOf(from), from.size(), to);
        Diagnostics diagnostics;
        const auto sidecar = readBytes(json, diagnostics);
        QStringList all;
        for (const Diagnostic &d : std::as_const(diagnostics)) {
            all.append(d.toString());
        }
        QVERIFY(!sidecar);
        const auto hit = std::find_if(diagnostics.begin(), diagnostics.end(),
                                      [&](const Diagnostic &d) { return d.isError() && d.message.contains(message); });
        QVERIFY2(hit != diagnostics.end(), qPrintable(all.join(u'\n')));
        QVERIFY(hit->line > 1);
        QVERIFY(hit->column > 0);
    }

    // A gap overlaps nothing: the words between the quote's pieces find only the minister.
    void gapsOverlapNothing()
    {
        AnnotationSet set;
        set.reset({interruptedQuote(*m_document), contiguous(*m_document, "m", 15, 27, "claim")});
        const auto inGap = set.overlapping(CodePoint(14), CodePoint(36));
        QCOMPARE(inGap.size(), size_t(1));
        QCOMPARE(inGap.front()->id, QStringLiteral("m"));
        QCOMPARE(set.at(CodePoint(40)).size(), size_t(1));
        QCOMPARE(set.at(CodePoint(40)).front()->id, QStringLiteral("q"));
        QVERIFY(set.at(CodePoint(30)).empty());
    }

    // Moved as a whole, the pieces are found again; anything else leaves an orphan, kept.
    void reanchorMovesThePiecesTogether()
    {
        const Document shifted = Document::fromText(QStringLiteral("Ahead. ") + m_document->text());
        const auto moved =
            Reanchor::reanchor({contiguous(*m_document, "m", 15, 27, "claim"), interruptedQuote(*m_document)}, shifted);
        QCOMPARE(moved.counts.orphaned, 0);
        const Annotation &quote = moved.spans.at(1);
        QCOMPARE(quote.fragments(),
                 (QList<Fragment>{Fragment{CodePoint(8), CodePoint(20)}, Fragment{CodePoint(44), CodePoint(53)}}));
        QCOMPARE(quote.text(), QStringLiteral("We are open, to talks."));

        // The words between the pieces changed: each piece is found on its own, in order.
        const Document reworded = Document::fromText(
            QStringLiteral("\u201CWe are open,\u201D the Polish minister added \U0001F600, \u201Cto talks.\u201D\r\n"));
        const auto apart = Reanchor::reanchor({interruptedQuote(*m_document)}, reworded);
        QCOMPARE(apart.counts.orphaned, 0);
        QCOMPARE(apart.spans.first().fragments(),
                 (QList<Fragment>{Fragment{CodePoint(1), CodePoint(13)}, Fragment{CodePoint(45), CodePoint(54)}}));
        QCOMPARE(apart.spans.first().text(), QStringLiteral("We are open, to talks."));
        // Not across a gap much longer than it was: the second piece far away is another text.
        const Document far = Document::fromText(QStringLiteral("\u201CWe are open,\u201D ") + QString(80, u'x')
                                                + QStringLiteral(" \u201Cto talks.\u201D"));
        QCOMPARE(Reanchor::reanchor({interruptedQuote(*m_document)}, far).counts.orphaned, 1);

        const Document edited = Document::fromText(QStringLiteral("We are closed, the minister said."));
        const auto lost = Reanchor::reanchor({interruptedQuote(*m_document)}, edited);
        QCOMPARE(lost.counts.orphaned, 1);
        QVERIFY(lost.spans.first().isOrphan());
        QVERIFY(lost.spans.first().isDiscontinuous()); // kept as it was
    }

    // An exact match is the same pieces, not only the same start and end.
    void metricsCompareThePieces()
    {
        const Annotation quote = interruptedQuote(*m_document);
        Annotation whole = contiguous(*m_document, "w", 1, 46, "quote");
        Metrics::SpanScores scores;
        scores.add({quote}, {whole});
        QCOMPARE(scores.microExact().matched, 0);
        QCOMPARE(scores.microOverlap().matched, 1);
        Metrics::SpanScores same;
        same.add({quote}, {quote});
        QCOMPARE(same.microExact().matched, 1);
    }

    // Overlap is by the pieces (docs/METRICS.md §1): a span in the gap overlaps nothing of the
    // quote, one over its second piece does; the code points of the gap are nobody's.
    void overlapIsByThePieces_data()
    {
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("end");
        QTest::addColumn<int>("matched");
        QTest::addColumn<qint64>("both");
        QTest::newRow("in the gap") << qint64(15) << qint64(27) << 0 << qint64(0);
        QTest::newRow("over the second piece") << qint64(30) << qint64(40) << 1 << qint64(3);
        QTest::newRow("over the first piece") << qint64(0) << qint64(5) << 1 << qint64(4);
        QTest::newRow("the envelope") << qint64(1) << qint64(46) << 1 << qint64(21);
    }

    void overlapIsByThePieces()
    {
        QFETCH(qint64, start);
        QFETCH(qint64, end);
        QFETCH(int, matched);
        QFETCH(qint64, both);
        const Annotation quote = interruptedQuote(*m_document);
        // Contiguous quotes around it, so that the pieces' group sits among plain intervals.
        const Annotation before = contiguous(*m_document, "b", 0, 1, "quote");
        const Annotation after = contiguous(*m_document, "a", 47, 49, "quote");
        const Annotation candidate = contiguous(*m_document, "c", start, end, "quote");
        Metrics::SpanScores scores;
        scores.add({before, quote, after}, {before, candidate, after});
        QCOMPARE(scores.microOverlap().matched, 2 + matched);
        Metrics::SpanScores reversed; // the discontinuous span on the candidate's side
        reversed.add({candidate}, {quote});
        QCOMPARE(reversed.microOverlap().matched, qint64(matched));
        const Metrics::Review review = Metrics::Review::compare({quote}, {candidate});
        QCOMPARE(review.count(Metrics::ReviewKind::Missed), qsizetype(1 - matched));
        Metrics::CodePointAgreement agreement(2);
        agreement.add(m_document->length(), {{quote}, {candidate}});
        const auto counts = agreement.counts(QStringLiteral("quote"));
        QCOMPARE(counts.both, both);
        QCOMPARE(counts.firstOnly, 21 - both); // the pieces: 12 + 9 code points
    }

    // The JSONL dataset, W3C and CSV (a `fragments` column) carry the pieces; formats of one
    // range per span write one span per piece and say so.
    void interchange_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<bool>("carries");
        QTest::newRow("jsonl") << QStringLiteral("jsonl") << true;
        QTest::newRow("doccano") << QStringLiteral("doccano") << false;
        QTest::newRow("label studio") << QStringLiteral("label-studio") << false;
        QTest::newRow("w3c") << QStringLiteral("w3c") << true;
        QTest::newRow("csv") << QStringLiteral("csv") << true;
        QTest::newRow("spacy") << QStringLiteral("spacy") << false;
    }

    void interchange()
    {
        QFETCH(QString, format);
        QFETCH(bool, carries);
        Item item;
        item.name = QStringLiteral("minister.txt");
        item.document = *m_document;
        item.labels = LabelSchema::defaultSchema();
        item.spans = {interruptedQuote(*m_document), contiguous(*m_document, "c", 15, 27, "claim")};
        const Format *writer = findFormat(format);
        QVERIFY(writer);
        Diagnostics diagnostics;
        const auto bytes = writer->serialize({item}, {}, diagnostics);
        QVERIFY(bytes);
        const bool said = std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic &d) {
            return d.message.contains(u"has no discontinuous spans: 1 span written as one span per fragment");
        });
        QCOMPARE(said, !carries);
        if (!carries) {
            return;
        }
        const QString path = m_dir.filePath(QStringLiteral("fragments.") + format);
        QVERIFY(writeAll(path, *bytes));
        Diagnostics reading;
        const auto back = writer->read(path, {}, reading);
        QVERIFY2(back, qPrintable(reading.value(0).toString()));
        const QList<Annotation> &spans = back->items.first().spans;
        QCOMPARE(spans.size(), 2);
        const auto quote = std::find_if(spans.begin(), spans.end(), [](const Annotation &a) { return a.id == u"q"; });
        QVERIFY(quote != spans.end());
        QCOMPARE(quote->fragments(), interruptedQuote(*m_document).fragments());
        QCOMPARE(quote->text(), QStringLiteral("We are open, to talks."));
    }
};

QTEST_GUILESS_MAIN(FragmentsTest)
#include "fragments_test.moc"
