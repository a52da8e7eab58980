#include "document.h"
#include "scholiastjson.h"

#include <QDir>
#include <QFile>
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

private Q_SLOTS:
    void initTestCase()
    {
        m_document = Document::fromText(QStringLiteral("A short \U0001F600 text.\n"), QStringLiteral("doc.txt"));
        ScholiastJson::Sidecar sidecar;
        sidecar.documentName = m_document->fileName();
        sidecar.documentSha256 = m_document->sha256();
        sidecar.documentLength = m_document->length();
        sidecar.labels = LabelSchema::defaultSchema();
        sidecar.annotations.append(Annotation(2, 7, QStringLiteral("claim"), QStringLiteral("short"), QStringLiteral("a")));
        m_good = ScholiastJson::serialize(sidecar);
        Diagnostics diagnostics;
        QVERIFY(ScholiastJson::parse(m_good, QStringLiteral("good.json"), diagnostics, &*m_document));
    }

    void sidecars_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        auto replaced = [this](const char *from, const QByteArray &to) {
            QByteArray json = m_good;
            return json.replace(from, to);
        };
        QTest::newRow("deeply nested") << QByteArray(200000, '[') << QStringLiteral("malformed JSON");
        QTest::newRow("deeply nested value") << replaced("\"id\": \"a\"", "\"x\": " + QByteArray(5000, '[') + QByteArray(5000, ']') + ", \"id\": \"a\"")
                                             << QStringLiteral("cannot be kept");
        QTest::newRow("huge number") << replaced("\"start\": 2", "\"start\": 1e400") << QStringLiteral("start");
        QTest::newRow("huge integer") << replaced("\"end\": 7", "\"end\": 123456789012345678901234567890") << QStringLiteral("end is out of range");
        QTest::newRow("int64 max end") << replaced("\"end\": 7", "\"end\": 9223372036854775807") << QStringLiteral("is past the document");
        QTest::newRow("int64 min start") << replaced("\"start\": 2", "\"start\": -9223372036854775808") << QStringLiteral("is negative");
        QTest::newRow("2 GB length claim") << replaced("\"length\": 16", "\"length\": 2147483648") << QStringLiteral("does not match the document");
        QTest::newRow("nul byte") << replaced("\"text\": \"short\"", QByteArray("\"text\": \"sh\0rt\"", 15)) << QStringLiteral("malformed JSON");
        QTest::newRow("escaped nul") << replaced("\"text\": \"short\"", "\"text\": \"sh\\u0000rt\"") << QStringLiteral("differs from the document");
        QTest::newRow("lone surrogate") << replaced("\"text\": \"short\"", "\"text\": \"\\udc00\"") << QStringLiteral("not a valid JSON string");
        QTest::newRow("overlong utf-8") << replaced("\"text\": \"short\"", "\"text\": \"\xC0\xAFshort\"") << QStringLiteral("malformed JSON");
        QTest::newRow("invalid utf-8") << replaced("\"text\": \"short\"", "\"text\": \"\xFFshort\"") << QStringLiteral("malformed JSON");
        QTest::newRow("empty file") << QByteArray() << QStringLiteral("malformed JSON");
        QTest::newRow("only whitespace") << QByteArray("   \n") << QStringLiteral("malformed JSON");
        QTest::newRow("wrong types everywhere") << QByteArray("{\"format\": 1, \"version\": \"1\", \"document\": [], \"labels\": {}, \"annotations\": 5}")
                                                << QStringLiteral("must be");
        QTest::newRow("million empty objects") << replaced("  {\"id\"", QByteArray("  {},").repeated(100000) + "\n  {\"id\"")
                                               << QStringLiteral("has no \"id\"");
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
