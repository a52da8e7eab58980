// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "document.h"
#include "annotationset.h"
#include "formats/salvage.h"
#include "formats/scholiastjson.h"
#include "testspans.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Scholiast;

// Hostile and broken input: each gets a clear error naming the file, and nothing crashes or
// hangs (docs/RELIABILITY.md, "Hostile input").
class HostileTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::optional<Document> m_document;
    QByteArray m_good;
    QByteArray m_three; // three spans, for damage to one of several

private Q_SLOTS:
    void initTestCase()
    {
        m_document = Document::fromText(QStringLiteral("A short \U0001F600 text.\n"), QStringLiteral("doc.txt"));
        ScholiastJson::Sidecar sidecar;
        sidecar.documentName = m_document->fileName();
        sidecar.documentSha256 = m_document->sha256();
        sidecar.documentLength = m_document->length();
        sidecar.labels = LabelSchema::defaultSchema();
        sidecar.annotations.append(Testing::withId(
            Testing::withText(Annotation(CodePoint(2), CodePoint(7), QStringLiteral("claim")), QStringLiteral("short")),
            QStringLiteral("a")));
        m_good = ScholiastJson::serialize(sidecar);
        Diagnostics diagnostics;
        QVERIFY(ScholiastJson::parse(m_good, QStringLiteral("good.json"), diagnostics, &*m_document));
        sidecar.annotations.prepend(Testing::withId(
            Testing::withText(Annotation(CodePoint(0), CodePoint(1), QStringLiteral("claim")), QStringLiteral("A")),
            QStringLiteral("z")));
        sidecar.annotations.append(
            Testing::withId(Testing::withText(Annotation(CodePoint(8), CodePoint(9), QStringLiteral("quote")),
                                              QStringLiteral("\U0001F600")),
                            QStringLiteral("c")));
        sidecar.document = *m_document;
        m_three = ScholiastJson::serialize(sidecar);
        QVERIFY(ScholiastJson::parse(m_three, QStringLiteral("three.json"), diagnostics, &*m_document));
    }

    void sidecars_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("spans"); // how many span records the file holds, damaged or not
        auto replaced = [this](const char *from, const QByteArray &to) {
            QByteArray json = m_good;
            return json.replace(from, to);
        };
        QTest::newRow("deeply nested") << QByteArray(200000, '[') << QStringLiteral("malformed JSON") << 0;
        QTest::newRow("deeply nested value")
            << replaced("\"id\": \"a\"", "\"x\": " + QByteArray(5000, '[') + QByteArray(5000, ']') + ", \"id\": \"a\"")
            << QStringLiteral("cannot be kept") << 1;
        QTest::newRow("huge number") << replaced("\"start\": 2", "\"start\": 1e400") << QStringLiteral("start") << 1;
        QTest::newRow("huge integer") << replaced("\"end\": 7", "\"end\": 123456789012345678901234567890")
                                      << QStringLiteral("end is out of range") << 1;
        QTest::newRow("int64 max end") << replaced("\"end\": 7", "\"end\": 9223372036854775807")
                                       << QStringLiteral("is past the document") << 1;
        QTest::newRow("int64 min start") << replaced("\"start\": 2", "\"start\": -9223372036854775808")
                                         << QStringLiteral("is negative") << 1;
        QTest::newRow("2 GB length claim") << replaced("\"length\": 16", "\"length\": 2147483648")
                                           << QStringLiteral("does not match the document") << 1;
        QTest::newRow("nul byte") << replaced("\"text\": \"short\"", QByteArray("\"text\": \"sh\0rt\"", 15))
                                  << QStringLiteral("malformed JSON") << 1;
        QTest::newRow("escaped nul") << replaced("\"text\": \"short\"", "\"text\": \"sh\\u0000rt\"")
                                     << QStringLiteral("differs from the document") << 1;
        QTest::newRow("lone surrogate") << replaced("\"text\": \"short\"", "\"text\": \"\\udc00\"")
                                        << QStringLiteral("not a valid JSON string") << 1;
        QTest::newRow("overlong utf-8") << replaced("\"text\": \"short\"", "\"text\": \"\xC0\xAFshort\"")
                                        << QStringLiteral("malformed JSON") << 1;
        QTest::newRow("invalid utf-8") << replaced("\"text\": \"short\"", "\"text\": \"\xFFshort\"")
                                       << QStringLiteral("malformed JSON") << 1;
        QTest::newRow("empty file") << QByteArray() << QStringLiteral("malformed JSON") << 0;
        QTest::newRow("only whitespace") << QByteArray("   \n") << QStringLiteral("malformed JSON") << 0;
        QTest::newRow("wrong types everywhere")
            << QByteArray("{\"format\": 1, \"version\": \"1\", \"document\": [], \"labels\": {}, \"annotations\": 5}")
            << QStringLiteral("must be") << 0;
        QTest::newRow("million empty objects")
            << replaced("  {\"id\"", QByteArray("  {},").repeated(100000) + "\n  {\"id\"")
            << QStringLiteral("has no \"id\"") << 100001;
    }

    void sidecars()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const QString path = m_dir.filePath(QStringLiteral("hostile.json"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(json);
        }
        Diagnostics diagnostics;
        QVERIFY(!ScholiastJson::read(path, diagnostics, &*m_document));
        QVERIFY(hasErrors(diagnostics));
        QVERIFY(diagnostics.size() <= 202); // capped: a hostile file cannot flood the user
        QStringList all;
        for (const Diagnostic &d : std::as_const(diagnostics)) {
            QCOMPARE(d.file, path);
            all.append(d.toString());
        }
        QVERIFY2(all.join(u'\n').contains(message), qPrintable(all.join(u'\n').left(2000)));
    }

    // Issue 13: no path from opening a file to saving it loses a span. Every hostile sidecar
    // above, and damage to one span of several, goes through open (strict, then salvage, as the
    // window and scholiast-cli repair do), save and reopen; what was there (the count of span
    // records) is what is there, placed + orphaned, and each orphan keeps its bytes.
    void salvageLosesNothing_data()
    {
        sidecars_data();
        const auto three = [this](const char *from, const QByteArray &to) {
            QByteArray json = m_three;
            return json.replace(from, to);
        };
        QTest::newRow("truncated inside the last span")
            << m_three.left(m_three.indexOf("\"id\": \"c\"") + 20) << QString() << 2;
        QTest::newRow("truncated after a span line")
            << m_three.left(m_three.indexOf("\"id\": \"c\"") - 2) << QString() << 2;
        QTest::newRow("one unknown label of three")
            << three("\"label\": \"quote\"", "\"label\": \"headline\"") << QString() << 3;
        QTest::newRow("one text that differs of three")
            << three("\"text\": \"A\"", "\"text\": \"B\"") << QString() << 3;
        QTest::newRow("one wrong type of three") << three("\"start\": 8", "\"start\": [8]") << QString() << 3;
        QTest::newRow("exact duplicate") << three("\"id\": \"z\", \"start\": 0, \"end\": 1",
                                                  "\"id\": \"z\", \"start\": 2, \"end\": 7, \"label\": \"claim\", "
                                                  "\"text\": \"short\"}, {\"id\": \"y\", \"start\": 0, \"end\": 1")
                                         << QString() << 4;
        QTest::newRow("duplicate ids") << three("\"id\": \"z\"", "\"id\": \"a\"") << QString() << 3;
        QTest::newRow("byte order mark") << "\xEF\xBB\xBF" + m_three << QString() << 3;
    }

    void salvageLosesNothing()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, spans);
        const QString path = m_dir.filePath(QStringLiteral("salvage.json"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(json);
        }
        // Open.
        Diagnostics diagnostics;
        ScholiastJson::Sidecar opened;
        if (auto strict = ScholiastJson::read(path, diagnostics, &*m_document)) {
            opened = *strict;
        } else {
            auto salvaged = ScholiastJson::salvageFile(path, diagnostics, *m_document);
            QVERIFY(salvaged);
            QVERIFY(!salvaged->summary().isEmpty());
            opened = salvaged->sidecar;
        }
        QCOMPARE(opened.annotations.size(), qsizetype(spans));
        // Save, as the window does (spans through an AnnotationSet), then reopen strictly.
        AnnotationSet set;
        set.reset(opened.annotations);
        QCOMPARE(set.size(), qsizetype(spans)); // ids are unique: nothing renamed away
        ScholiastJson::Sidecar saving = ScholiastJson::makeSidecar(*m_document, opened.labels, set);
        saving.extraFields = opened.extraFields;
        Diagnostics written;
        QVERIFY(ScholiastJson::write(path, saving, written));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray saved = file.readAll();
        Diagnostics again;
        const auto reopened = ScholiastJson::read(path, again, &*m_document);
        QStringList problems;
        for (const Diagnostic &d : std::as_const(again)) {
            problems.append(d.toString());
        }
        QVERIFY2(reopened, qPrintable(problems.join(u'\n').left(2000)));
        QVERIFY2(!hasErrors(again), qPrintable(problems.join(u'\n').left(2000)));
        QCOMPARE(reopened->annotations.size(), opened.annotations.size());
        QHash<QString, Annotation> byId;
        for (const Annotation &a : std::as_const(reopened->annotations)) {
            byId.insert(a.id, a);
        }
        const auto originalOf = [](const Annotation &a) {
            QString original = a.extraFields().value(QLatin1String(ScholiastJson::OriginalField)).toString();
            if (original.startsWith(u'"')) { // kept as a JSON string: what it says
                original = QJsonDocument::fromJson("[" + original.toUtf8() + "]").array().at(0).toString();
            }
            return original;
        };
        for (const Annotation &before : std::as_const(opened.annotations)) {
            QVERIFY2(byId.contains(before.id), qPrintable(before.id));
            const Annotation &after = byId.value(before.id);
            QCOMPARE(after.start, before.start);
            QCOMPARE(after.end, before.end);
            QCOMPARE(after.label, before.label);
            QCOMPARE(after.text(), before.text());
            QCOMPARE(after.isOrphan(), before.isOrphan());
            QCOMPARE(ScholiastJson::isUnplaced(after), ScholiastJson::isUnplaced(before));
            if (ScholiastJson::isUnplaced(before)) {
                QVERIFY(!ScholiastJson::unplacedReason(after).isEmpty());
                QCOMPARE(originalOf(after), originalOf(before));
                const QByteArray bytes =
                    before.extraFields().value(QLatin1String(ScholiastJson::OriginalField)).toString().toUtf8();
                if (QJsonDocument::fromJson("[" + bytes + "]").isArray()) {
                    QVERIFY2(saved.contains(bytes), bytes.left(200).constData()); // byte for byte
                }
                QVERIFY(json.contains(originalOf(before).toUtf8())
                        || originalOf(before).contains(QChar::ReplacementCharacter)
                        || originalOf(before).contains(QChar(0)));
            }
        }
        // A second save is the same file: nothing drifts.
        AnnotationSet reset;
        reset.reset(reopened->annotations);
        ScholiastJson::Sidecar second = ScholiastJson::makeSidecar(*m_document, reopened->labels, reset);
        second.extraFields = reopened->extraFields;
        QCOMPARE(ScholiastJson::serialize(second), saved);
    }

    void hugeDocumentIsRefusedBeforeReading()
    {
        // A 1 GB single-line document (sparse: nothing is written) is over the default cap.
        const QString path = m_dir.filePath(QStringLiteral("huge.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(1024LL * 1024 * 1024));
        file.close();
        Diagnostics diagnostics;
        QVERIFY(!Document::load(path, diagnostics));
        QVERIFY(diagnostics.value(0).message.contains(QStringLiteral("larger than the limit")));
        QFile::remove(path);
    }

    void symlinkedDocumentIsRead()
    {
        // Documents the user opens may be links; what matters is that the text is the target's.
        const QString target = m_dir.filePath(QStringLiteral("target.txt"));
        QFile file(target);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("linked text");
        file.close();
        const QString link = m_dir.filePath(QStringLiteral("link.txt"));
        QVERIFY(QFile::link(target, link));
        Diagnostics diagnostics;
        const auto doc = Document::load(link, diagnostics);
        QVERIFY(doc);
        QCOMPARE(doc->text(), QStringLiteral("linked text"));
        QVERIFY(QFile::remove(link));
        QVERIFY(QFile::link(m_dir.filePath(QStringLiteral("missing")), link));
        QVERIFY(!Document::load(link, diagnostics));
    }
};

QTEST_GUILESS_MAIN(HostileTest)
#include "hostile_test.moc"
