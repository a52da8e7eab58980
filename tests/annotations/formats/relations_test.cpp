// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Relations in the sidecar (issue 19, docs/FORMAT.md §6.8): version 2 written only when used,
// read back exactly, and every rule of the strict reader said with its line.
#include "annotationset.h"
#include "document.h"
#include "formats/scholiastjson.h"
#include "formats/writecheck.h"
#include "testhelpers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Scholiast;

using Testing::writeAll;

namespace {
// An interrupted quote and its speaker, an emoji between them, CRLF at the end.
const QByteArray Text("\xE2\x80\x9CWe are open,\xE2\x80\x9D the minister said \xF0\x9F\x98\x80, \xE2\x80\x9C"
                      "to talks.\xE2\x80\x9D\r\n");
// code points: "We are open," 1-13, "the minister" 15-27, "to talks." 37-46; 49 in all.

Annotation span(const Document &document, const char *id, qint64 start, qint64 end, const char *label)
{
    Annotation a(CodePoint(start), CodePoint(end), QString::fromLatin1(label));
    a.id = QString::fromLatin1(id);
    a.setText(document.slice(a.start, a.end).toString());
    return a;
}
} // namespace

class RelationsTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_documentPath;
    std::optional<Document> m_document;
    QByteArray m_canonical;

    std::optional<ScholiastJson::Sidecar> readBytes(const QByteArray &json, Diagnostics &diagnostics)
    {
        const QString path = m_dir.filePath(QStringLiteral("relations.json"));
        if (!writeAll(path, json)) {
            return std::nullopt;
        }
        return ScholiastJson::read(path, diagnostics, &*m_document);
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
        set.reset(
            {span(*m_document, "q2", 37, 46, "quote"), span(*m_document, "q1", 1, 13, "quote"),
             span(*m_document, "m", 15, 27, "source")},
            {Relation{QStringLiteral("r2"), QStringLiteral("attributed_to"), QStringLiteral("q2"), QStringLiteral("m")},
             Relation{QStringLiteral("r1"), QStringLiteral("attributed_to"), QStringLiteral("q1"), QStringLiteral("m"),
                      QJsonObject{{QStringLiteral("x-confidence"), 0.5}}}});
        QCOMPARE(set.relations().size(), 2);
        m_canonical = ScholiastJson::serialize(
            ScholiastJson::makeSidecar(*m_document, LabelSchema::quoteAttributionSchema(), set));
        QVERIFY(writeAll(ScholiastJson::sidecarPath(m_documentPath), m_canonical));
    }

    // Relation labels after the labels, relations after the spans, one per line, in the order
    // of their spans in the file: what a diff and a line-based tool expect.
    void canonicalLayout()
    {
        const QList<QByteArray> lines = m_canonical.split('\n');
        QVERIFY(m_canonical.startsWith("{\"format\": \"scholiast\", \"version\": 2,\n"));
        QCOMPARE(lines.at(7), QByteArray(" ],"));
        QCOMPARE(lines.at(8), QByteArray(" \"relation_labels\": ["));
        QCOMPARE(lines.at(9),
                 QByteArray("  {\"name\": \"attributed_to\", \"color\": \"#7f7f7f\", \"from\": "
                            "[\"quote\", \"claim\"], \"to\": [\"source\"]}"));
        QCOMPARE(lines.at(10), QByteArray(" ],"));
        const qsizetype relations = lines.indexOf(QByteArray(" \"relations\": ["));
        QVERIFY(relations > 0);
        QCOMPARE(lines.at(relations - 1), QByteArray(" ],"));
        QCOMPARE(lines.at(relations + 1),
                 QByteArray("  {\"id\": \"r1\", \"label\": \"attributed_to\", \"from\": \"q1\", \"to\": \"m\", "
                            "\"x-confidence\": 0.5},"));
        QCOMPARE(lines.at(relations + 2),
                 QByteArray("  {\"id\": \"r2\", \"label\": \"attributed_to\", \"from\": \"q2\", \"to\": \"m\"}"));
        QVERIFY(m_canonical.endsWith("\"to\": \"m\"}\n ]\n}\n"));
        // What a training script reads.
        const QJsonObject root = QJsonDocument::fromJson(m_canonical).object();
        QCOMPARE(root.value(u"relations").toArray().size(), 2);
    }

    void roundTripIsByteIdentical()
    {
        Diagnostics diagnostics;
        const auto sidecar = readBytes(m_canonical, diagnostics);
        QVERIFY2(sidecar, qPrintable(diagnostics.value(0).toString()));
        QVERIFY(diagnostics.isEmpty());
        QCOMPARE(sidecar->relations.size(), 2);
        QCOMPARE(sidecar->labels, LabelSchema::quoteAttributionSchema());
        const auto r1 = std::find_if(sidecar->relations.begin(), sidecar->relations.end(),
                                     [](const Relation &r) { return r.id == u"r1"; });
        QVERIFY(r1 != sidecar->relations.end());
        QCOMPARE(r1->from, QStringLiteral("q1"));
        QCOMPARE(r1->extraFields.value(u"x-confidence").toDouble(), 0.5);
        QCOMPARE(ScholiastJson::serialize(*sidecar), m_canonical);
        // The streamed check confirms a valid file or leaves it to read(); never the reverse.
        const auto streamed = ScholiastJson::validateStreaming(ScholiastJson::sidecarPath(m_documentPath), *m_document);
        QVERIFY(!streamed || *streamed == 3);
    }

    // A suggested relation (docs/SUGGEST.md) keeps its source and pending status, and is gold only
    // once accepted: exports and scores leave it out until then.
    void pendingRelation()
    {
        QByteArray json = m_canonical;
        const QByteArray plain("\"from\": \"q2\", \"to\": \"m\"}");
        const QByteArray suggested("\"from\": \"q2\", \"to\": \"m\", \"source\": \"rule:quotes\", \"status\": "
                                   "\"pending\", \"reason\": \"said X\"}");
        QVERIFY(json.contains(plain));
        json.replace(plain, suggested);
        Diagnostics diagnostics;
        const auto sidecar = readBytes(json, diagnostics);
        QVERIFY2(sidecar, qPrintable(diagnostics.value(0).toString()));
        const auto r2 = std::find_if(sidecar->relations.begin(), sidecar->relations.end(),
                                     [](const Relation &r) { return r.id == u"r2"; });
        QVERIFY(r2 != sidecar->relations.end());
        QVERIFY(r2->isPending());
        QCOMPARE(r2->source, QStringLiteral("rule:quotes"));
        QCOMPARE(r2->extraFields.value(u"reason").toString(), QStringLiteral("said X"));
        QCOMPARE(ScholiastJson::serialize(*sidecar), json);

        // Gold means accepted: the pending relation is left out, and so is one whose end is.
        Interchange::Item item;
        item.document = *m_document;
        item.spans = sidecar->annotations;
        item.relations = sidecar->relations;
        QList<Interchange::Item> items{item};
        QCOMPARE(Interchange::filterByStatus(items, Interchange::StatusFilter()), 0);
        QCOMPARE(items.first().relations.size(), 1);
        QCOMPARE(items.first().relations.first().id, QStringLiteral("r1"));
        items = {item};
        items.first().spans[0].setStatus(Annotation::Status::Pending); // q1, r1's end
        QCOMPARE(items.first().spans[0].id, QStringLiteral("q1"));
        QCOMPARE(Interchange::filterByStatus(items, Interchange::StatusFilter()), 1);
        QVERIFY(items.first().relations.isEmpty());
        items = {item};
        QCOMPARE(Interchange::filterByStatus(items, *Interchange::StatusFilter::fromNames(u"accepted,pending")), 0);
        QCOMPARE(items.first().relations.size(), 2);
    }

    // A spans-only file stays version 1, byte for byte what it was before relations existed.
    void spansOnlyStaysVersion1()
    {
        AnnotationSet set;
        set.reset({span(*m_document, "q1", 1, 13, "quote")});
        const QByteArray json =
            ScholiastJson::serialize(ScholiastJson::makeSidecar(*m_document, LabelSchema::defaultSchema(), set));
        QVERIFY(json.startsWith("{\"format\": \"scholiast\", \"version\": 1,\n"));
        QVERIFY(!json.contains("relation"));
        QVERIFY(json.endsWith("}\n ]\n}\n"));
    }

    void readerErrors_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("line");
        QTest::addColumn<bool>("isError");

        // Each row changes the canonical file in one place; the line is the relation's (or the
        // relation label's) own.
        const int r1 = int(m_canonical.left(m_canonical.indexOf("{\"id\": \"r1\"")).count('\n')) + 1;
        const int r2 = r1 + 1;
        QTest::newRow("missing span") << QByteArray("\"from\": \"q2\"") << QByteArray("\"from\": \"q9\"")
                                      << QStringLiteral("relation \"r2\": no span has the id \"q9\"") << r2 << true;
        QTest::newRow("to itself") << QByteArray("\"from\": \"q2\", \"to\": \"m\"")
                                   << QByteArray("\"from\": \"q2\", \"to\": \"q2\"")
                                   << QStringLiteral("relation \"r2\": goes from span \"q2\" to itself") << r2 << true;
        QTest::newRow("unknown relation label")
            << QByteArray("\"id\": \"r2\", \"label\": \"attributed_to\"")
            << QByteArray("\"id\": \"r2\", \"label\": \"said_by\"")
            << QStringLiteral("relation \"r2\": label \"said_by\" is not a relation label of the schema") << r2 << true;
        QTest::newRow("relation id twice")
            << QByteArray("{\"id\": \"r2\"") << QByteArray("{\"id\": \"r1\"")
            << QStringLiteral("id \"r1\" is used by more than one relation") << r2 << true;
        QTest::newRow("relation id of a span")
            << QByteArray("{\"id\": \"r2\"") << QByteArray("{\"id\": \"q1\"")
            << QStringLiteral("relation \"q1\": id is a span's id too") << r2 << true;
        QTest::newRow("same relation twice")
            << QByteArray("\"from\": \"q2\", \"to\": \"m\"") << QByteArray("\"from\": \"q1\", \"to\": \"m\"")
            << QStringLiteral("relation \"r2\" joins the same spans with the same label as relation \"r1\"") << r2
            << true;
        QTest::newRow("no to") << QByteArray(", \"to\": \"m\"}\n ]") << QByteArray("}\n ]")
                               << QStringLiteral("relation \"r2\" has no \"to\"") << r2 << true;
        QTest::newRow("empty from") << QByteArray("\"from\": \"q2\"") << QByteArray("\"from\": \"\"")
                                    << QStringLiteral("relation from must not be empty") << r2 << true;
        QTest::newRow("from not a string") << QByteArray("\"from\": \"q2\"") << QByteArray("\"from\": 2")
                                           << QStringLiteral("relation from must be a string") << r2 << true;
        QTest::newRow("relations in version 1")
            << QByteArray("\"version\": 2") << QByteArray("\"version\": 1")
            << QStringLiteral("relations and relation labels need version 2") << r1 - 1 << true;
        QTest::newRow("newer version") << QByteArray("\"version\": 2") << QByteArray("\"version\": 3")
                                       << QStringLiteral("version 3 is newer than this Scholiast reads (2)") << 1
                                       << true;
        QTest::newRow("relation label twice")
            << QByteArray("[\"source\"]}\n ],") << QByteArray("[\"source\"]},\n  {\"name\": \"attributed_to\"}\n ],")
            << QStringLiteral("relation label \"attributed_to\" is defined twice") << 11 << true;
        QTest::newRow("relation label colour")
            << QByteArray("\"#7f7f7f\"") << QByteArray("\"grey\"")
            << QStringLiteral("relation label color \"grey\" is not of the form") << 10 << true;
        QTest::newRow("from not an array")
            << QByteArray("\"from\": [\"quote\", \"claim\"]") << QByteArray("\"from\": \"quote\"")
            << QStringLiteral("relation label \"from\" must be an array") << 10 << true;
        QTest::newRow("relation status rejected")
            << QByteArray("\"to\": \"m\"}\n ]") << QByteArray("\"to\": \"m\", \"status\": \"rejected\"}\n ]")
            << QStringLiteral("relation status \"rejected\" is not accepted or pending") << r2 << true;
        QTest::newRow("relation status unknown")
            << QByteArray("\"to\": \"m\"}\n ]") << QByteArray("\"to\": \"m\", \"status\": \"done\"}\n ]")
            << QStringLiteral("relation status \"done\" is not accepted or pending") << r2 << true;
        QTest::newRow("relation status not a string")
            << QByteArray("\"to\": \"m\"}\n ]") << QByteArray("\"to\": \"m\", \"status\": 1}\n ]")
            << QStringLiteral("relation status must be a string") << r2 << true;
        QTest::newRow("relation source unknown")
            << QByteArray("\"to\": \"m\"}\n ]") << QByteArray("\"to\": \"m\", \"source\": \"hand\"}\n ]")
            << QStringLiteral("relation source \"hand\" is not manual, import:<format>, model:<name> or rule:<name>")
            << r2 << true;
        // Kept and said, not refused: a span relabelled after it was related; a label removed.
        QTest::newRow("labels not allowed")
            << QByteArray("\"to\": [\"source\"]") << QByteArray("\"to\": [\"claim\"]")
            << QStringLiteral("relation \"r1\": the schema does not allow \"attributed_to\" from a \"quote\" span to a "
                              "\"source\" span")
            << r1 << false;
        QTest::newRow("unknown end label")
            << QByteArray("[\"quote\", \"claim\"]") << QByteArray("[\"quote\", \"Claim\"]")
            << QStringLiteral("relation label \"attributed_to\": \"from\" label \"Claim\" is not in "
                              "the schema")
            << 10 << false;
    }

    void readerErrors()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, message);
        QFETCH(int, line);
        QFETCH(bool, isError);

        QByteArray json = m_canonical;
        QVERIFY2(json.contains(from), from.constData());
        json.replace(json.indexOf(from), from.size(), to);
        Diagnostics diagnostics;
        const auto sidecar = readBytes(json, diagnostics);
        QStringList all;
        for (const Diagnostic &d : std::as_const(diagnostics)) {
            all.append(d.toString());
        }
        QCOMPARE(bool(sidecar), !isError);
        const auto hit = std::find_if(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic &d) {
            return d.isError() == isError && d.message.contains(message);
        });
        QVERIFY2(hit != diagnostics.end(), qPrintable(all.join(u'\n')));
        QCOMPARE(hit->line, line);
        QVERIFY(hit->column > 0);
        const QString path = m_dir.filePath(QStringLiteral("relations.json"));
        QVERIFY(!ScholiastJson::validateStreaming(path, *m_document)); // never confirms what read() says of
        if (sidecar) {
            QCOMPARE(sidecar->relations.size(), 2); // a warning keeps every relation
        }
    }

    // Removing a span takes its relations; putting it back (undo) brings them back.
    void removingASpanTakesItsRelations()
    {
        AnnotationSet set;
        set.reset(
            {span(*m_document, "q1", 1, 13, "quote"), span(*m_document, "m", 15, 27, "source"),
             span(*m_document, "q2", 37, 46, "quote")},
            {Relation{QStringLiteral("r1"), QStringLiteral("attributed_to"), QStringLiteral("q1"), QStringLiteral("m")},
             Relation{QStringLiteral("r2"), QStringLiteral("attributed_to"), QStringLiteral("q2"), QStringLiteral("m")},
             Relation{QStringLiteral("r3"), QStringLiteral("attributed_to"), QStringLiteral("q2"),
                      QStringLiteral("nowhere")}});
        QCOMPARE(set.relations().size(), 2); // one to a span that is not there is not added
        QList<Relation> gone;
        const QList<Annotation> removed = set.remove({QStringLiteral("q1")}, &gone);
        QCOMPARE(gone.size(), 1);
        QCOMPARE(gone.first().id, QStringLiteral("r1"));
        QCOMPARE(set.relations().size(), 1);
        set.add(removed);
        set.addRelations(gone);
        QCOMPARE(set.relations().size(), 2);
        QCOMPARE(set.relationsOf(QStringLiteral("m")).size(), 2);
        // A relation's id is never a span's.
        const QStringList ids = set.addRelations({Relation{QStringLiteral("q1"), QStringLiteral("attributed_to"),
                                                           QStringLiteral("q1"), QStringLiteral("m")}});
        QVERIFY(!ids.first().isEmpty());
        QVERIFY(ids.first() != u"q1");
        QVERIFY(!set.contains(ids.first()));
        // The snapshot a worker saves from has them too.
        QCOMPARE(set.snapshot().relations().size(), 3);
    }
};

QTEST_GUILESS_MAIN(RelationsTest)
#include "relations_test.moc"
