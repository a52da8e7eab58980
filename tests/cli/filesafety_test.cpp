// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 14, "File safety": every write stays where it was asked to go, every input is bounded.
// Each test reproduces one item of the "What happens today" through the real
// scholiast-cli (or the library call the window makes), and failed on the main it was filed against.
#include "corpus.h"
#include "documentlock.h"

#include "testhelpers.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <memory>

using namespace Scholiast;

using namespace Scholiast::Testing;

class FileSafetyTest : public QObject
{
    Q_OBJECT

private:
    static bool write(const QString &path, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
    }

    /// A JSONL dataset record: a document named `id` with one span on its first word.
    static QByteArray record(const QString &id, const QString &text)
    {
        const qsizetype space = text.indexOf(u' ');
        const QJsonObject span{{QStringLiteral("start"), 0},
                               {QStringLiteral("end"), space > 0 ? space : text.size()},
                               {QStringLiteral("label"), QStringLiteral("claim")}};
        return QJsonDocument(QJsonObject{{QStringLiteral("id"), id},
                                         {QStringLiteral("text"), text},
                                         {QStringLiteral("spans"), QJsonArray{span}}})
                   .toJson(QJsonDocument::Compact)
            + '\n';
    }

    /// A document with its sidecar (one span), made by `import --from jsonl` into `folder`.
    static QString annotated(const QString &folder, const QString &name, const QString &text)
    {
        const QString dataset = folder + QStringLiteral("/.make-") + name + QStringLiteral(".jsonl");
        if (!write(dataset, record(name, text))) {
            return {};
        }
        const Result r = run({QStringLiteral("import"), QStringLiteral("--from"), QStringLiteral("jsonl"),
                              QStringLiteral("--out-dir"), folder, dataset});
        QFile::remove(dataset);
        return r.exitCode == 0 ? folder + u'/' + name : QString();
    }

    static QStringList filesIn(const QString &folder)
    {
        return QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    }

    QTemporaryDir m_dir;
    int m_count = 0;

private Q_SLOTS:
    // 1. A file of deeply nested brackets crashed the interchange readers (SIGSEGV).
    void deepNestingIsAnError_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("file");
        QTest::newRow("jsonl") << "jsonl"
                               << "deep.jsonl";
        QTest::newRow("doccano") << "doccano"
                                 << "deep.jsonl";
        QTest::newRow("label studio") << "label-studio"
                                      << "deep.json";
        QTest::newRow("w3c") << "w3c"
                             << "deep.jsonld";
        QTest::newRow("spacy") << "spacy"
                               << "deep.jsonl";
    }
    void deepNestingIsAnError()
    {
        QFETCH(QString, format);
        QFETCH(QString, file);
        const QString folder = m_dir.filePath(QStringLiteral("deep-") + format);
        const QString path = folder + u'/' + file;
        QVERIFY(write(path, "{\"text\": " + QByteArray(34500, '[') + QByteArray(34500, ']') + "}\n"));
        // With a 1 MiB stack (8 MiB is Linux's default for a main thread; threads and sanitizer
        // builds have less room) the recursive tree builder crashed at once.
        const Result r = run({QStringLiteral("import"), QStringLiteral("--from"), format, QStringLiteral("--out-dir"),
                              folder + QStringLiteral("/out"), path},
                             QString(), QProcessEnvironment::systemEnvironment(), 1024 * 1024);
        QVERIFY(r.finished);
        QVERIFY2(!r.crashed, qPrintable(r.err));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(file + QStringLiteral(":1:")) && r.err.contains(QStringLiteral("nest deeper than 256")),
                 qPrintable(r.err));
        QVERIFY(filesIn(folder + QStringLiteral("/out")).isEmpty());
    }

    // 1. The same for the window's corpus opening (scholiast --corpus x.jsonl).
    void deepNestingInACorpusDataset()
    {
        const QString path = m_dir.filePath(QStringLiteral("deep-corpus/set.jsonl"));
        QVERIFY(write(path, "{\"text\": " + QByteArray(34500, '[') + QByteArray(34500, ']') + "}\n"));
        Diagnostics diagnostics;
        bool unpacked = true;
        // On a thread with a 1 MiB stack, where the recursive tree builder crashed (a sanitizer
        // build crashes so with the default stack, its frames being larger).
        std::unique_ptr<QThread> thread(
            QThread::create([&] { unpacked = bool(Corpus::unpackDataset(path, diagnostics)); }));
        thread->setStackSize(1024 * 1024);
        thread->start();
        QVERIFY(thread->wait());
        QVERIFY(!unpacked);
        QVERIFY(!diagnostics.isEmpty());
        QVERIFY2(diagnostics.first().toString().contains(QStringLiteral("nest deeper")),
                 qPrintable(diagnostics.first().toString()));
        QVERIFY(!QFileInfo::exists(Corpus::datasetFolder(path)));
    }

    // 2. Outputs overwrote inputs.
    void bratExportIntoTheDocumentsFolder()
    {
        const QString folder = m_dir.filePath(QStringLiteral("brat-here"));
        const QString document =
            annotated(folder, QStringLiteral("article.txt"), QStringLiteral("Harbour vote\r\ntoday.\r\n"));
        QVERIFY(!document.isEmpty());
        const QByteArray before = readAll(document);
        const QByteArray sidecar = readAll(document + QStringLiteral(".scholiast.json"));
        const Result r = run({QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("brat"),
                              QStringLiteral("-o"), QStringLiteral("."), QStringLiteral("article.txt")},
                             folder);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("is one of this command's inputs")), qPrintable(r.err));
        QCOMPARE(readAll(document), before);
        QCOMPARE(readAll(document + QStringLiteral(".scholiast.json")), sidecar);
        QVERIFY(!QFileInfo::exists(folder + QStringLiteral("/article.ann"))); // all or nothing
    }

    void outputOntoAnInput_data()
    {
        QTest::addColumn<QStringList>("arguments"); // DOC stands for the document's path
        QTest::addColumn<QString>("replaced"); // the file that must stay as it was
        QTest::newRow("merge OUT = the document") << QStringList{QStringLiteral("merge"),
                                                                 QStringLiteral("--strategy"),
                                                                 QStringLiteral("union"),
                                                                 QStringLiteral("DOC"),
                                                                 QStringLiteral("DOC.scholiast.json"),
                                                                 QStringLiteral("DOC.alice.scholiast.json")}
                                                  << QStringLiteral("DOC");
        QTest::newRow("merge OUT = an input sidecar")
            << QStringList{QStringLiteral("merge"), QStringLiteral("--strategy"),
                           QStringLiteral("union"), QStringLiteral("DOC.alice.scholiast.json"),
                           QStringLiteral("DOC"),   QStringLiteral("DOC.alice.scholiast.json")}
            << QStringLiteral("DOC.alice.scholiast.json");
        QTest::newRow("export -o the input's sidecar") << QStringList{QStringLiteral("export"),
                                                                      QStringLiteral("--to"),
                                                                      QStringLiteral("jsonl"),
                                                                      QStringLiteral("-o"),
                                                                      QStringLiteral("DOC.scholiast.json"),
                                                                      QStringLiteral("DOC")}
                                                       << QStringLiteral("DOC.scholiast.json");
        QTest::newRow("export -o the input document")
            << QStringList{QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("doccano"),
                           QStringLiteral("-o"),     QStringLiteral("DOC"),  QStringLiteral("DOC")}
            << QStringLiteral("DOC");
    }
    void outputOntoAnInput()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, replaced);
        const QString folder =
            m_dir.filePath(QStringLiteral("onto-") + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'));
        const QString document = annotated(folder, QStringLiteral("doc.txt"), QStringLiteral("Ferry fares rise.\n"));
        QVERIFY(!document.isEmpty());
        QVERIFY(QFile::copy(document + QStringLiteral(".scholiast.json"),
                            document + QStringLiteral(".alice.scholiast.json")));
        for (QString &a : arguments) {
            a.replace(QStringLiteral("DOC"), document);
        }
        replaced.replace(QStringLiteral("DOC"), document);
        const QByteArray before = readAll(replaced);
        const Result r = run(arguments);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("is one of this command's inputs")), qPrintable(r.err));
        QCOMPARE(readAll(replaced), before);
    }

    // 2. Dataset ids a.txt and a.txt.scholiast.json: one record's document would be the other's sidecar.
    void collidingDatasetIds()
    {
        const QString folder = m_dir.filePath(QStringLiteral("collide"));
        const QString dataset = folder + QStringLiteral("/set.jsonl");
        QVERIFY(write(dataset,
                      record(QStringLiteral("a.txt"), QStringLiteral("First text."))
                          + record(QStringLiteral("a.txt.scholiast.json"), QStringLiteral("Second text."))));
        const Result r = run({QStringLiteral("import"), QStringLiteral("--from"), QStringLiteral("jsonl"),
                              QStringLiteral("--out-dir"), folder + QStringLiteral("/out"), dataset});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("two outputs would be written to this one file")), qPrintable(r.err));
        QVERIFY2(filesIn(folder + QStringLiteral("/out")).isEmpty(),
                 qPrintable(filesIn(folder + QStringLiteral("/out")).join(u' ')));

        // The window's corpus unpacking goes the same way: an error, no corpus folder.
        Diagnostics diagnostics;
        QVERIFY(!Corpus::unpackDataset(dataset, diagnostics));
        QVERIFY(!QFileInfo::exists(Corpus::datasetFolder(dataset)));
    }

    // 3. Paths named inside a file left the folder.
    void csvDocumentOutsideTheFolder_data()
    {
        QTest::addColumn<QString>("documentColumn");
        QTest::addColumn<bool>("outDir");
        QTest::newRow("../victim/x.txt, --replace beside it") << "../victim/x.txt" << false;
        QTest::newRow("absolute path, --out-dir") << "VICTIM" << true;
    }
    void csvDocumentOutsideTheFolder()
    {
        QFETCH(QString, documentColumn);
        QFETCH(bool, outDir);
        const QString root = m_dir.filePath(QStringLiteral("csv-") + QString::number(outDir));
        const QString victim =
            annotated(root + QStringLiteral("/victim"), QStringLiteral("x.txt"), QStringLiteral("Victim text here.\n"));
        QVERIFY(!victim.isEmpty());
        const QByteArray sidecar = readAll(victim + QStringLiteral(".scholiast.json"));
        documentColumn.replace(QStringLiteral("VICTIM"), victim);
        const QString csv = root + QStringLiteral("/work/in.csv");
        QVERIFY(write(csv, "document,start,end,label\n" + documentColumn.toUtf8() + ",0,6,claim\n"));
        QStringList arguments{QStringLiteral("import"), QStringLiteral("--from"), QStringLiteral("csv"),
                              QStringLiteral("--replace")};
        if (outDir) {
            arguments << QStringLiteral("--out-dir") << root + QStringLiteral("/work/out");
        }
        const Result r = run(arguments << csv);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("in.csv:2:"))
                     && r.err.contains(QStringLiteral("give the document with --document")),
                 qPrintable(r.err));
        QCOMPARE(readAll(victim + QStringLiteral(".scholiast.json")), sidecar);
        QVERIFY(filesIn(root + QStringLiteral("/work/out")).isEmpty());
    }

    void w3cFileSourceOutsideTheFolder()
    {
        const QString root = m_dir.filePath(QStringLiteral("w3c"));
        const QString victim = root + QStringLiteral("/victim/x.txt");
        QVERIFY(write(victim, "Victim text here.\n"));
        const QString file = root + QStringLiteral("/work/a.jsonld");
        const QJsonObject annotation{
            {QStringLiteral("@context"), QStringLiteral("http://www.w3.org/ns/anno.jsonld")},
            {QStringLiteral("id"), QStringLiteral("urn:example:a1")},
            {QStringLiteral("type"), QStringLiteral("Annotation")},
            {QStringLiteral("body"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("TextualBody")},
                         {QStringLiteral("purpose"), QStringLiteral("tagging")},
                         {QStringLiteral("value"), QStringLiteral("claim")}}},
            {QStringLiteral("target"),
             QJsonObject{{QStringLiteral("source"), QString(QStringLiteral("file://") + victim)},
                         {QStringLiteral("selector"),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("TextPositionSelector")},
                                      {QStringLiteral("start"), 0},
                                      {QStringLiteral("end"), 6}}}}}};
        QVERIFY(write(file, QJsonDocument(annotation).toJson()));
        const Result r = run({QStringLiteral("import"), QStringLiteral("--from"), QStringLiteral("w3c"), file});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("leaves the folder")), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(victim + QStringLiteral(".scholiast.json")));
    }

    void danglingSymlinkInTheOutputFolder()
    {
        const QString root = m_dir.filePath(QStringLiteral("dangling"));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/out")));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/outside")));
        const QString target = root + QStringLiteral("/outside/a.txt");
        QVERIFY(QFile::link(target, root + QStringLiteral("/out/a.txt")));
        const QString dataset = root + QStringLiteral("/set.jsonl");
        QVERIFY(write(dataset, record(QStringLiteral("a.txt"), QStringLiteral("Some text."))));
        const Result r = run({QStringLiteral("import"), QStringLiteral("--from"), QStringLiteral("jsonl"),
                              QStringLiteral("--out-dir"), root + QStringLiteral("/out"), dataset});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("symbolic link")), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(target));
        QVERIFY(filesIn(root + QStringLiteral("/outside")).isEmpty());
    }

    void writesDoNotFollowSymlinks()
    {
        const QString root = m_dir.filePath(QStringLiteral("follow"));
        const QString document = annotated(root, QStringLiteral("doc.txt"), QStringLiteral("Ferry fares rise.\n"));
        QVERIFY(!document.isEmpty());
        const QString elsewhere = root + QStringLiteral("/elsewhere.txt");
        QVERIFY(write(elsewhere, "not to be replaced\n"));
        QVERIFY(QFile::link(elsewhere, root + QStringLiteral("/out.jsonl")));
        const Result r = run({QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("jsonl"),
                              QStringLiteral("-o"), root + QStringLiteral("/out.jsonl"), document});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("is a symbolic link")), qPrintable(r.err));
        QCOMPARE(readAll(elsewhere), QByteArray("not to be replaced\n"));
    }

    // 4. Unbounded inputs: devices and FIFOs are refused by type, files over a cap by size.
    void devicesAndFifosAreRefused_data()
    {
        QTest::addColumn<QStringList>("arguments"); // FIFO stands for a named pipe's path
        QTest::addColumn<QString>("message");
        QTest::newRow("import /dev/zero")
            << QStringList{QStringLiteral("import"),    QStringLiteral("--from"), QStringLiteral("jsonl"),
                           QStringLiteral("--out-dir"), QStringLiteral("OUT"),    QStringLiteral("/dev/zero")}
            << "is a character device";
        QTest::newRow("validate /dev/null")
            << QStringList{QStringLiteral("validate"), QStringLiteral("/dev/null")} << "is a character device";
        QTest::newRow("FIFO as document")
            << QStringList{QStringLiteral("validate"), QStringLiteral("FIFO")} << "is a FIFO";
        QTest::newRow("FIFO as sidecar") << QStringList{QStringLiteral("validate"), QStringLiteral("DOC"),
                                                        QStringLiteral("FIFO")}
                                         << "is a FIFO";
        QTest::newRow("FIFO as import file")
            << QStringList{QStringLiteral("import"),    QStringLiteral("--from"), QStringLiteral("doccano"),
                           QStringLiteral("--out-dir"), QStringLiteral("OUT"),    QStringLiteral("FIFO")}
            << "is a FIFO";
    }
    void devicesAndFifosAreRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const QString folder = m_dir.filePath(QStringLiteral("fifo-%1").arg(++m_count));
        QVERIFY(QDir().mkpath(folder));
        const QString fifo = folder + QStringLiteral("/pipe.txt");
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        const QString document = folder + QStringLiteral("/doc.txt");
        QVERIFY(write(document, "Plain text.\n"));
        for (QString &a : arguments) {
            a.replace(QStringLiteral("FIFO"), fifo)
                .replace(QStringLiteral("DOC"), document)
                .replace(QStringLiteral("OUT"), folder + QStringLiteral("/out"));
        }
        const Result r = run(arguments);
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(QStringLiteral("/dev/null.scholiast.json")));
    }

    void sizeCaps_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("command");
        QTest::newRow("sidecar") << "SCHOLIAST_MAX_SIDECAR_BYTES"
                                 << "validate";
        QTest::newRow("import file") << "SCHOLIAST_MAX_IMPORT_BYTES"
                                     << "import";
    }
    void sizeCaps()
    {
        QFETCH(QString, variable);
        QFETCH(QString, command);
        const QString folder = m_dir.filePath(QStringLiteral("caps-") + command);
        const QString document = annotated(folder, QStringLiteral("doc.txt"), QStringLiteral("Ferry fares rise.\n"));
        QVERIFY(!document.isEmpty());
        const QString dataset = folder + QStringLiteral("/set.jsonl");
        QVERIFY(write(dataset, record(QStringLiteral("b.txt"), QStringLiteral("Some other text to import."))));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(variable, QStringLiteral("40"));
        const Result r = command == u"validate"
            ? run({QStringLiteral("validate"), document}, QString(), environment)
            : run({QStringLiteral("import"), QStringLiteral("--from"), QStringLiteral("jsonl"),
                   QStringLiteral("--out-dir"), folder + QStringLiteral("/out"), dataset},
                  QString(), environment);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("larger than the limit of 40 bytes")), qPrintable(r.err));
    }

    // 5. Line and column were worked out from the start of the file for every span: 200,000
    // spans on one line never finished within CTest's timeout. Not a timing threshold: the
    // import must simply end.
    void manySpansOnOneLine()
    {
        const QString folder = m_dir.filePath(QStringLiteral("many"));
        constexpr int Spans = 200000;
        QByteArray line =
            "{\"id\": \"many.txt\", \"text\": \"" + QByteArray("ab ").repeated(Spans) + "\", \"spans\": [";
        for (int i = 0; i < Spans; ++i) {
            line += (i ? ", " : "") + QByteArray("{\"start\": ") + QByteArray::number(3 * i)
                + ", \"end\": " + QByteArray::number(3 * i + 2) + ", \"label\": \"x\"}";
        }
        line += "]}\n";
        QVERIFY(write(folder + QStringLiteral("/many.jsonl"), line));
        const Result r =
            run({QStringLiteral("import"), QStringLiteral("--from"), QStringLiteral("jsonl"),
                 QStringLiteral("--out-dir"), folder + QStringLiteral("/out"), folder + QStringLiteral("/many.jsonl")});
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("200000 spans imported")), qPrintable(r.out));
    }

    // 6. The command line honours the window's lock.
    void commandsHonourTheLock_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("suggest") << "suggest";
        QTest::newRow("reanchor") << "reanchor";
        QTest::newRow("import --replace") << "import";
        QTest::newRow("merge") << "merge";
    }
    void commandsHonourTheLock()
    {
        QFETCH(QString, command);
        const QString folder = m_dir.filePath(QStringLiteral("locked-") + command);
        const QString document =
            annotated(folder, QStringLiteral("doc.txt"), QStringLiteral("She said \"no\" today.\n"));
        QVERIFY(!document.isEmpty());
        const QString sidecar = document + QStringLiteral(".scholiast.json");
        const QByteArray before = readAll(sidecar);
        QLockFile held(DocumentLock::lockPath(sidecar)); // as the window holds it: this live process
        QVERIFY(held.tryLock(0));
        QStringList arguments;
        if (command == u"suggest") {
            arguments = {QStringLiteral("suggest"), QStringLiteral("--with"), QStringLiteral("quotes"), document};
        } else if (command == u"reanchor") {
            arguments = {QStringLiteral("reanchor"), document};
        } else if (command == u"import") {
            QVERIFY(write(folder + QStringLiteral("/set.jsonl"),
                          record(QStringLiteral("doc.txt"), QStringLiteral("She said \"no\" today.\n"))));
            arguments = {QStringLiteral("import"),
                         QStringLiteral("--from"),
                         QStringLiteral("jsonl"),
                         QStringLiteral("--replace"),
                         QStringLiteral("--out-dir"),
                         folder,
                         folder + QStringLiteral("/set.jsonl")};
        } else {
            QVERIFY(QFile::copy(sidecar, document + QStringLiteral(".a.scholiast.json")));
            QVERIFY(QFile::copy(sidecar, document + QStringLiteral(".b.scholiast.json")));
            arguments = {QStringLiteral("merge"),
                         QStringLiteral("--strategy"),
                         QStringLiteral("union"),
                         sidecar,
                         document + QStringLiteral(".a.scholiast.json"),
                         document + QStringLiteral(".b.scholiast.json")};
        }
        const Result r = run(arguments);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("is locked by process %1").arg(QCoreApplication::applicationPid())),
                 qPrintable(r.err));
        QCOMPARE(readAll(sidecar), before);
        held.unlock();
        const Result again = run(arguments);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY(!QFileInfo::exists(DocumentLock::lockPath(sidecar))); // released when done
    }

    void leftOverLockFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray() << 0 << "";
        QTest::newRow("not a lock record") << QByteArray("lock\n") << 0 << "";
        QTest::newRow("a process that is gone")
            << QByteArray("2147483000\nscholiast\n") + QSysInfo::machineHostName().toUtf8() + '\n'
            << 0 << "";
        QTest::newRow("another host") << QByteArray("4242\nscholiast\nfar-away.invalid\n") << 1
                                      << "is locked by process 4242 (scholiast) on host far-away.invalid";
    }
    void leftOverLockFiles()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const QString folder = m_dir.filePath(QStringLiteral("leftover-%1").arg(++m_count));
        const QString document =
            annotated(folder, QStringLiteral("doc.txt"), QStringLiteral("She said \"no\" today.\n"));
        QVERIFY(!document.isEmpty());
        const QString lock = DocumentLock::lockPath(document + QStringLiteral(".scholiast.json"));
        QVERIFY(write(lock, content));
        const Result r = run({QStringLiteral("suggest"), QStringLiteral("--with"), QStringLiteral("quotes"), document});
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        if (exitCode == 1) {
            QCOMPARE(readAll(lock), content); // another host's lock is never removed silently
            QVERIFY2(r.err.contains(QStringLiteral("delete ") + lock), qPrintable(r.err));
        }
    }

    // 7. A write failure part-way left a partial import behind.
    void failedImportWritesNothing()
    {
        const QString folder = m_dir.filePath(QStringLiteral("partial"));
        const QString dataset = folder + QStringLiteral("/set.jsonl");
        QVERIFY(write(dataset,
                      record(QStringLiteral("a.txt"), QStringLiteral("First text."))
                          + record(QStringLiteral("b.txt"), QStringLiteral("Second text."))));
        QVERIFY(QDir().mkpath(folder + QStringLiteral("/out/b.txt.scholiast.json"))); // a folder in the way
        const Result r =
            run({QStringLiteral("import"), QStringLiteral("--from"), QStringLiteral("jsonl"),
                 QStringLiteral("--replace"), QStringLiteral("--out-dir"), folder + QStringLiteral("/out"), dataset});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("b.txt.scholiast.json")), qPrintable(r.err));
        QCOMPARE(filesIn(folder + QStringLiteral("/out")), QStringList());
    }

    // 7 and issue 15 point 2: an import never overwrites a document whose bytes differ, not even
    // with --replace (killing it between its two writes paired a new document with the old sidecar).
    void importNeverOverwritesADifferentDocument()
    {
        const QString folder = m_dir.filePath(QStringLiteral("never-overwrite"));
        const QString document =
            annotated(folder, QStringLiteral("a.txt"), QStringLiteral("Line one.\r\nLine two.\r\n"));
        QVERIFY(!document.isEmpty());
        const QByteArray text = readAll(document);
        const QByteArray sidecar = readAll(document + QStringLiteral(".scholiast.json"));
        const QString dataset = folder + QStringLiteral("/lf.jsonl");
        QVERIFY(write(dataset, record(QStringLiteral("a.txt"), QStringLiteral("Line one.\nLine two.\n"))));
        const Result r = run({QStringLiteral("import"), QStringLiteral("--from"), QStringLiteral("jsonl"),
                              QStringLiteral("--replace"), QStringLiteral("--out-dir"), folder, dataset});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(document) && r.err.contains(dataset)
                     && r.err.contains(QStringLiteral("never overwrites a document")),
                 qPrintable(r.err));
        QCOMPARE(readAll(document), text);
        QCOMPARE(readAll(document + QStringLiteral(".scholiast.json")), sidecar);
    }

    // 7. A kill between the renames of a staged import: the sidecar goes first, so a document
    // never stands beside a sidecar made for other text.
    void killBetweenTheWritesOfAnImport()
    {
        const QString folder = m_dir.filePath(QStringLiteral("killed"));
        const QString dataset = folder + QStringLiteral("/set.jsonl");
        QVERIFY(write(dataset, record(QStringLiteral("a.txt"), QStringLiteral("New text."))));
        const QString old =
            annotated(folder + QStringLiteral("/old"), QStringLiteral("a.txt"), QStringLiteral("Old text."));
        QVERIFY(!old.isEmpty());
        QVERIFY(QDir().mkpath(folder + QStringLiteral("/out")));
        QVERIFY(
            QFile::copy(old + QStringLiteral(".scholiast.json"), folder + QStringLiteral("/out/a.txt.scholiast.json")));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("SCHOLIAST_TEST_STOP_AFTER_RENAMES"), QStringLiteral("1"));
        const Result r =
            run({QStringLiteral("import"), QStringLiteral("--from"), QStringLiteral("jsonl"),
                 QStringLiteral("--replace"), QStringLiteral("--out-dir"), folder + QStringLiteral("/out"), dataset},
                QString(), environment);
        QVERIFY(r.finished);
        // Whatever is on disk validates: the new sidecar and no document yet, or both new.
        const QString document = folder + QStringLiteral("/out/a.txt");
        if (QFileInfo::exists(document)) {
            const Result v = run({QStringLiteral("validate"), document});
            QVERIFY2(v.exitCode == 0 && !v.err.contains(QStringLiteral("changed")), qPrintable(v.err));
        }
        QVERIFY(filesIn(folder + QStringLiteral("/out")).filter(QStringLiteral(".tmp")).size() <= 1);
    }

    // 7. A lone surrogate in an unknown field became U+FFFD on rewrite.
    void loneSurrogateInAnUnknownField()
    {
        const QString folder = m_dir.filePath(QStringLiteral("surrogate"));
        const QString document = annotated(folder, QStringLiteral("doc.txt"), QStringLiteral("Ferry fares rise.\n"));
        QVERIFY(!document.isEmpty());
        const QString sidecar = document + QStringLiteral(".scholiast.json");
        QByteArray bytes = readAll(sidecar);
        bytes.replace("\"annotations\": [", "\"x_note\": \"a\\ud800b\",\n \"annotations\": [");
        QVERIFY(write(sidecar, bytes));
        const Result r = run({QStringLiteral("reanchor"), document});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("\"x_note\" cannot be kept"))
                     && r.err.contains(QStringLiteral("surrogate")),
                 qPrintable(r.err));
        QCOMPARE(readAll(sidecar), bytes);
    }

    // 7. A raw NUL in a sidecar was reported without line and column.
    void nulInASidecarHasItsPlace()
    {
        const QString folder = m_dir.filePath(QStringLiteral("nul"));
        const QString document = annotated(folder, QStringLiteral("doc.txt"), QStringLiteral("Ferry fares rise.\n"));
        QVERIFY(!document.isEmpty());
        const QString sidecar = document + QStringLiteral(".scholiast.json");
        QByteArray bytes = readAll(sidecar);
        const qsizetype at = bytes.indexOf("\"labels\"");
        bytes.insert(at, '\0');
        QVERIFY(write(sidecar, bytes));
        const int line = int(bytes.left(at).count('\n')) + 1;
        const int column = int(at - bytes.lastIndexOf('\n', at - 1));
        const Result r = run({QStringLiteral("validate"), document});
        QCOMPARE(r.exitCode, 1);
        const QString expected =
            QStringLiteral("%1:%2:%3: error: malformed JSON: a NUL byte").arg(sidecar).arg(line).arg(column);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err + QStringLiteral(" / expected ") + expected));
    }

    // 7. The unpacked corpus folder was created 0700.
    void unpackedCorpusFolderIsNotPrivate()
    {
        const QString dataset = m_dir.filePath(QStringLiteral("perm/set.jsonl"));
        QVERIFY(write(dataset, record(QStringLiteral("a.txt"), QStringLiteral("Some text."))));
        const mode_t old = ::umask(022);
        Diagnostics diagnostics;
        const auto folder = Corpus::unpackDataset(dataset, diagnostics);
        ::umask(old);
        QVERIFY(folder);
        const QFile::Permissions permissions = QFileInfo(*folder).permissions();
        QVERIFY(permissions.testFlag(QFileDevice::ReadGroup));
        QVERIFY(permissions.testFlag(QFileDevice::ExeOther));
        QVERIFY(QFileInfo::exists(*folder + QStringLiteral("/a.txt.scholiast.json")));
        QVERIFY(QFileInfo(*folder + QStringLiteral("/a.txt")).permissions().testFlag(QFileDevice::ReadOther));
    }
};

QTEST_GUILESS_MAIN(FileSafetyTest)
#include "filesafety_test.moc"
