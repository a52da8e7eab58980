// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The corpus scanner (annotations/corpus.h): which files are documents, what a summary reads
// from a sidecar, the status field, and JSONL datasets opened as corpus folders.
#include "annotationset.h"
#include "corpus.h"
#include "document.h"
#include "formats/scholiastjson.h"
#include "testspans.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Scholiast;

namespace {
void writeText(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

// A sidecar for the document at `path` with spans (start, end, label) and top-level fields.
void writeSidecar(const QString &documentPath, const QString &sidecarPath,
                  const QList<std::tuple<qint64, qint64, QString>> &spans, const QJsonObject &fields = {})
{
    Diagnostics diagnostics;
    const auto document = Document::load(documentPath, diagnostics);
    QVERIFY(document);
    AnnotationSet set;
    for (const auto &[start, end, label] : spans) {
        set.add(Testing::withText(Annotation(CodePoint(start), CodePoint(end), label),
                                  document->slice(CodePoint(start), CodePoint(end)).toString()));
    }
    ScholiastJson::Sidecar sidecar = ScholiastJson::makeSidecar(*document, LabelSchema::defaultSchema(), set);
    sidecar.extraFields = fields;
    QVERIFY(ScholiastJson::write(sidecarPath, sidecar, diagnostics));
}
} // namespace

class CorpusTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("status"); // -1: unknown
        QTest::newRow("new") << QStringLiteral("new") << int(Corpus::Status::New);
        QTest::newRow("in-progress") << QStringLiteral("in-progress") << int(Corpus::Status::InProgress);
        QTest::newRow("done") << QStringLiteral("done") << int(Corpus::Status::Done);
        QTest::newRow("case matters") << QStringLiteral("Done") << -1;
        QTest::newRow("span status is not one") << QStringLiteral("accepted") << -1;
    }
    void statusNames()
    {
        QFETCH(QString, name);
        QFETCH(int, status);
        const auto parsed = Corpus::statusFromName(name);
        QCOMPARE(parsed ? int(*parsed) : -1, status);
        if (parsed) {
            QCOMPARE(Corpus::statusName(*parsed), name);
        }
        // Unknown values read as New rather than failing the sidecar.
        const QJsonObject fields{{Corpus::statusKey(), name}};
        QCOMPARE(int(Corpus::statusOf(fields)), status < 0 ? int(Corpus::Status::New) : status);
    }

    void listsDocuments()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        writeText(root + QStringLiteral("/b-notes.md"), "# Notes\n");
        writeText(root + QStringLiteral("/a-news.txt"), "Mayor Kim said the bridge opens in May.\n");
        writeText(root + QStringLiteral("/c-data.dat"), "Tokyo 東京 report\r\n");
        writeSidecar(root + QStringLiteral("/c-data.dat"), root + QStringLiteral("/c-data.dat.scholiast.json"), {});
        writeText(root + QStringLiteral("/d-image.bin"), "\x01\x02"); // no sidecar, not text: not a document
        writeText(root + QStringLiteral("/sub/e-feed.txt"), "Share this article\n");
        writeText(root + QStringLiteral("/.git/HEAD.txt"), "ref\n");
        writeText(root + QStringLiteral("/.hidden.txt"), "x\n");

        QStringList names;
        for (const Corpus::Entry &entry : Corpus::listDocuments(root)) {
            names.append(entry.name);
            QVERIFY(QFileInfo(entry.documentPath).isAbsolute());
            QVERIFY(!entry.summarized);
        }
        QCOMPARE(names,
                 (QStringList{QStringLiteral("a-news.txt"), QStringLiteral("b-notes.md"), QStringLiteral("c-data.dat"),
                              QStringLiteral("sub/e-feed.txt")}));
    }

    void summarizesSidecarAndLayers()
    {
        QTemporaryDir dir;
        const QString doc = dir.filePath(QStringLiteral("a-news.txt"));
        writeText(doc, "Mayor Kim said: \"We will build it.\" Share this article\n");
        writeSidecar(doc, doc + QStringLiteral(".scholiast.json"),
                     {{0, 35, QStringLiteral("claim")},
                      {16, 35, QStringLiteral("quote")},
                      {36, 54, QStringLiteral("boilerplate")},
                      {17, 34, QStringLiteral("quote")}},
                     QJsonObject{{Corpus::statusKey(), QStringLiteral("in-progress")}});
        writeSidecar(doc, doc + QStringLiteral(".gold.scholiast.json"), {{0, 35, QStringLiteral("claim")}});
        writeSidecar(doc, doc + QStringLiteral(".model-2.scholiast.json"), {});
        // The sidecar of another document whose name starts with this one's is not a layer.
        writeText(doc + QStringLiteral(".b.txt"), "other\n");
        writeSidecar(doc + QStringLiteral(".b.txt"), doc + QStringLiteral(".b.txt.scholiast.json"), {});

        Corpus::Entry entry;
        entry.documentPath = doc;
        Corpus::summarize(entry);
        QVERIFY(entry.summarized);
        QVERIFY(entry.hasSidecar);
        QVERIFY(entry.problem.isEmpty());
        QCOMPARE(int(entry.status), int(Corpus::Status::InProgress));
        QCOMPARE(entry.spans, 4);
        QCOMPARE(entry.labelCounts.at(QStringLiteral("quote")), 2);
        QCOMPARE(entry.labelCounts.at(QStringLiteral("claim")), 1);
        QCOMPARE(entry.labelCounts.at(QStringLiteral("boilerplate")), 1);
        QCOMPARE(entry.layers, (QStringList{QStringLiteral("gold"), QStringLiteral("model-2")}));
        QCOMPARE(Corpus::layerPath(doc, QStringLiteral("gold")), doc + QStringLiteral(".gold.scholiast.json"));
        QCOMPARE(Corpus::layerPath(doc, QString()), doc + QStringLiteral(".scholiast.json"));
    }

    void unreadableSidecarIsReported()
    {
        QTemporaryDir dir;
        const QString doc = dir.filePath(QStringLiteral("broken.txt"));
        writeText(doc, "text\n");
        writeText(doc + QStringLiteral(".scholiast.json"), "{\"format\": \"scholiast\", \n\"version\": 1,,}");
        Corpus::Entry entry;
        entry.documentPath = doc;
        Corpus::summarize(entry);
        QVERIFY(entry.summarized);
        QVERIFY2(entry.problem.contains(QStringLiteral("broken.txt.scholiast.json:")), qPrintable(entry.problem));
        QCOMPARE(entry.spans, 0);
    }

    void writesStatusKeepingEverythingElse()
    {
        QTemporaryDir dir;
        const QString doc = dir.filePath(QStringLiteral("a-news.txt"));
        writeText(doc, "Mayor Kim 👩‍💼 said it.\r\nShare this article\r\n");
        writeSidecar(doc, doc + QStringLiteral(".scholiast.json"),
                     {{0, 13, QStringLiteral("claim")}}, // 10 + 3 code points
                     QJsonObject{{QStringLiteral("project"), QStringLiteral("city-hall")}});
        Diagnostics diagnostics;
        QVERIFY(Corpus::writeStatus(doc, Corpus::Status::Done, diagnostics));
        const auto sidecar = ScholiastJson::read(doc + QStringLiteral(".scholiast.json"), diagnostics);
        QVERIFY(sidecar);
        QCOMPARE(sidecar->extraFields.value(QStringLiteral("project")).toString(), QStringLiteral("city-hall"));
        QCOMPARE(sidecar->extraFields.value(Corpus::statusKey()).toString(), QStringLiteral("done"));
        QCOMPARE(sidecar->annotations.size(), 1);
        QCOMPARE(sidecar->annotations.front().text(), QStringLiteral("Mayor Kim 👩‍💼"));

        // A document without a sidecar gets one holding only the status.
        const QString fresh = dir.filePath(QStringLiteral("b-fresh.txt"));
        writeText(fresh, "새 문서\n");
        QVERIFY(Corpus::writeStatus(fresh, Corpus::Status::InProgress, diagnostics));
        const auto created = ScholiastJson::read(fresh + QStringLiteral(".scholiast.json"), diagnostics);
        QVERIFY(created);
        QCOMPARE(int(Corpus::statusOf(created->extraFields)), int(Corpus::Status::InProgress));
        QVERIFY(created->annotations.isEmpty());
        QVERIFY(!hasErrors(diagnostics));
    }

    void refusesToOverwriteAnUnreadableSidecar()
    {
        QTemporaryDir dir;
        const QString doc = dir.filePath(QStringLiteral("broken.txt"));
        writeText(doc, "text\n");
        const QByteArray bad = "{\"format\": \"scholiast\"";
        writeText(doc + QStringLiteral(".scholiast.json"), bad);
        Diagnostics diagnostics;
        QVERIFY(!Corpus::writeStatus(doc, Corpus::Status::Done, diagnostics));
        QVERIFY(hasErrors(diagnostics));
        QFile file(doc + QStringLiteral(".scholiast.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), bad);
    }

    void unpacksJsonlDatasetOnce()
    {
        QTemporaryDir dir;
        const QString dataset = dir.filePath(QStringLiteral("gold.jsonl"));
        writeText(dataset,
                  "{\"id\": \"seoul-1.txt\", \"text\": \"Seoul 서울 market rose 2%.\\r\\nShare\", \"spans\": "
                  "[{\"id\": \"s1\", \"start\": 0, \"end\": 8, \"label\": \"claim\", \"text\": \"Seoul 서울\"}], "
                  "\"meta\": {}}\n"
                  "{\"id\": \"emoji-2\", \"text\": \"Nice 😀 day\", \"spans\": [], \"meta\": {}}\n");
        Diagnostics diagnostics;
        const auto folder = Corpus::unpackDataset(dataset, diagnostics);
        QVERIFY2(folder, qPrintable(diagnostics.value(0).toString()));
        QCOMPARE(*folder, Corpus::datasetFolder(dataset));
        QCOMPARE(*folder, dir.filePath(QStringLiteral("gold.jsonl.corpus")));
        const QList<Corpus::Entry> entries = Corpus::listDocuments(*folder);
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0).name, QStringLiteral("emoji-2.txt"));
        QCOMPARE(entries.at(1).name, QStringLiteral("seoul-1.txt"));
        Corpus::Entry seoul = entries.at(1);
        Corpus::summarize(seoul);
        QCOMPARE(seoul.spans, 1);
        // No staging folder is left behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot),
                 QStringList{QStringLiteral("gold.jsonl.corpus")});

        // Later the folder is the storage: work done there is not replaced by the dataset.
        QVERIFY(Corpus::writeStatus(seoul.documentPath, Corpus::Status::Done, diagnostics));
        QVERIFY(Corpus::unpackDataset(dataset, diagnostics));
        Corpus::summarize(seoul);
        QCOMPARE(int(seoul.status), int(Corpus::Status::Done));
    }

    void badDatasetWritesNothing()
    {
        QTemporaryDir dir;
        const QString dataset = dir.filePath(QStringLiteral("bad.jsonl"));
        writeText(dataset, "{\"id\": \"a\", \"text\": \"abc\", \"spans\": []}\n{\"id\": \"b\", \"text\": \n");
        Diagnostics diagnostics;
        QVERIFY(!Corpus::unpackDataset(dataset, diagnostics));
        QVERIFY(hasErrors(diagnostics));
        QVERIFY2(diagnostics.front().toString().contains(QStringLiteral("bad.jsonl:2")),
                 qPrintable(diagnostics.front().toString()));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot), QStringList());
    }
};

QTEST_GUILESS_MAIN(CorpusTest)
#include "corpus_test.moc"
