// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 20 point 4: `export`, `agree` and `diff` on a corpus folder read it a batch of documents at
// a time. What they write must be what the same commands write for the whole corpus at once:
// every format byte for byte across batch boundaries (a label first met in a late batch, task ids,
// separators, the W3C total), every loss counted once over the corpus, and a bad document in a
// late batch still writes nothing.
#include "document.h"
#include "formats/interchange.h"
#include "formats/scholiastjson.h"
#include "largesidecar.h"
#include "testhelpers.h"
#include "testspans.h"
#include "formats/writecheck.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Scholiast;
using namespace Scholiast::Testing;

namespace {

// Document n of the corpus: news-like lines, CRLF in every third, emoji and CJK.
QString documentText(int n)
{
    const QString eol = n % 3 == 0 ? QStringLiteral("\r\n") : QStringLiteral("\n");
    return QStringLiteral("Harbour bridge vote %1").arg(n) + eol
        + QStringLiteral("\u201cWe will open it in May,\u201d said the chair \U0001F309.") + eol
        + QStringLiteral("\u6e2f\u306e\u6a4b\u306f\u4e94\u6708\u306b\u958b\u901a\u3059\u308b\u3002") + eol
        + QStringLiteral("Share this article") + eol;
}

// Writes the corpus: `count` documents, the later ones in a subfolder, each with a sidecar whose
// spans exercise what formats count or drop. `annotator` b moves and relabels some spans.
void writeCorpus(const QString &folder, int count, const QString &annotator = QString())
{
    QDir().mkpath(folder + QStringLiteral("/sub"));
    for (int n = 0; n < count; ++n) {
        const QString name = QStringLiteral("doc%1.txt").arg(n, 3, 10, QLatin1Char('0'));
        const QString path = folder + (n >= 100 ? QStringLiteral("/sub/") : QStringLiteral("/")) + name;
        const QString text = documentText(n);
        QVERIFY(writeAll(path, text.toUtf8()));
        const Document document = Document::fromText(text, name);
        const auto span = [&](const QString &covered, const QString &label, const QString &id) {
            const qint64 at = document.toCodePoint(Utf16Index(text.indexOf(covered))).value;
            const qint64 length = QStringView(covered).toUcs4().size();
            return Testing::withId(Testing::withText(Annotation(CodePoint(at), CodePoint(at + length), label), covered),
                                   id);
        };
        ScholiastJson::Sidecar sidecar;
        sidecar.documentName = name;
        sidecar.documentSha256 = document.sha256();
        sidecar.documentLength = document.length();
        QList<Label> labels{{QStringLiteral("claim"), QStringLiteral("#1f77b4"), QStringLiteral("1")},
                            {QStringLiteral("quote"), QStringLiteral("#d62728"), QStringLiteral("2")},
                            {QStringLiteral("web boilerplate"), QStringLiteral("#7f7f7f"), QStringLiteral("3")}};
        if (n == 140) { // a label first met in the third batch: CoNLL's columns must hold it from the start
            labels.append({QStringLiteral("aside"), QStringLiteral("#2ca02c"), QStringLiteral("4")});
        }
        sidecar.labels = LabelSchema::fromLabels(labels);
        const bool b = annotator == u"b";
        sidecar.annotations.append(span(QStringLiteral("Harbour bridge vote"),
                                        b && n % 4 == 0 ? QStringLiteral("quote") : QStringLiteral("claim"),
                                        QStringLiteral("s1")));
        Annotation quote =
            span(b && n % 5 == 0 ? QStringLiteral("We will open it") : QStringLiteral("We will open it in May,"),
                 QStringLiteral("quote"), QStringLiteral("s2"));
        if (n % 2 == 0) {
            quote.setNote(QStringLiteral("the chair, on the record"));
        }
        if (n % 6 == 0) {
            quote.setAnnotator(QStringLiteral("ana"));
        }
        sidecar.annotations.append(quote);
        sidecar.annotations.append(
            span(QStringLiteral("Share this article"), QStringLiteral("web boilerplate"), QStringLiteral("s3")));
        if (n % 5 == 0) { // overlaps s2: doccano warns, one BIO column drops one
            sidecar.annotations.append(
                span(QStringLiteral("open it in May"), QStringLiteral("claim"), QStringLiteral("s4")));
        }
        if (n % 7 == 0) { // a suggestion nobody accepted: not gold
            Annotation pending = span(QStringLiteral("said the chair"), QStringLiteral("claim"), QStringLiteral("s5"));
            pending.setStatus(Annotation::Status::Pending);
            sidecar.annotations.append(pending);
        }
        if (n % 3 == 0 && n % 9 == 0) { // ends between CR and LF: W3C in utf16-lf widens it
            const QString covered = QStringLiteral("Harbour bridge vote %1\r").arg(n);
            sidecar.annotations.append(span(covered, QStringLiteral("claim"), QStringLiteral("s6")));
        }
        if (n == 140) {
            sidecar.annotations.append(
                span(QStringLiteral("said the chair"), QStringLiteral("aside"), QStringLiteral("s7")));
        }
        sidecar.document = document;
        Diagnostics diagnostics;
        QVERIFY(ScholiastJson::write(path + QStringLiteral(".scholiast.json"), sidecar, diagnostics));
    }
}

// What `export` writes for these documents when everything is held at once: the reference.
std::optional<QByteArray> exportWhole(const QString &folder, const Interchange::Format &format,
                                      const Interchange::WriteOptions &options, bool allowLoss,
                                      const QString &outFolder, Diagnostics &diagnostics)
{
    QStringList documents;
    QDirIterator it(folder, {QStringLiteral("*.scholiast.json")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        documents << it.next().chopped(int(qstrlen(".scholiast.json")));
    }
    documents.sort();
    QList<Interchange::Item> items;
    for (const QString &path : std::as_const(documents)) {
        Interchange::Item item;
        item.name = QDir(folder).relativeFilePath(path);
        item.document = *Document::load(path, diagnostics);
        item.documentPath = path;
        const auto sidecar = ScholiastJson::read(path + QStringLiteral(".scholiast.json"), diagnostics, &item.document);
        item.labels = sidecar->labels;
        item.spans = sidecar->annotations;
        items.append(item);
    }
    Interchange::filterByStatus(items, Interchange::StatusFilter());
    Interchange::leaveOutUnwritable(items, format, options.offsets.value_or(format.unit), allowLoss, diagnostics);
    if (format.writeFolder) {
        return format.writeFolder(items, outFolder, options, diagnostics) ? std::optional<QByteArray>(QByteArray())
                                                                          : std::nullopt;
    }
    return format.serialize(items, options, diagnostics);
}

} // namespace

class CorpusExportTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_corpus;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_corpus = m_dir.filePath(QStringLiteral("corpus"));
        writeCorpus(m_corpus, 150); // three batches of 64
    }

    void exportInPartsIsExportWhole_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QStringList>("extra");
        QTest::newRow("jsonl") << QStringLiteral("jsonl") << QStringList();
        QTest::newRow("doccano") << QStringLiteral("doccano") << QStringList();
        QTest::newRow("labelstudio") << QStringLiteral("labelstudio") << QStringList();
        QTest::newRow("spacy") << QStringLiteral("spacy") << QStringList();
        QTest::newRow("w3c") << QStringLiteral("w3c") << QStringList();
        // A span ending between CR and LF has no place in the LF text: left out with --allow-loss.
        QTest::newRow("w3c utf16-lf") << QStringLiteral("w3c")
                                      << QStringList{QStringLiteral("--offsets"), QStringLiteral("utf16-lf"),
                                                     QStringLiteral("--allow-loss")};
        QTest::newRow("conll") << QStringLiteral("conll") << QStringList();
        QTest::newRow("conll doccano") << QStringLiteral("conll")
                                       << QStringList{QStringLiteral("--conll-columns"), QStringLiteral("2")};
        QTest::newRow("conll spacy") << QStringLiteral("conll")
                                     << QStringList{QStringLiteral("--conll-style"), QStringLiteral("spacy")};
        QTest::newRow("csv") << QStringLiteral("csv") << QStringList();
        QTest::newRow("brat") << QStringLiteral("brat") << QStringList();
    }

    void exportInPartsIsExportWhole()
    {
        QFETCH(QString, format);
        QFETCH(QStringList, extra);
        const Interchange::Format *found = Interchange::findFormat(format);
        QVERIFY(found);
        const bool folder = bool(found->writeFolder);
        const QString tag = QString::fromUtf8(QTest::currentDataTag()).replace(u' ', u'-');
        const QString output =
            m_dir.filePath(QStringLiteral("out-") + tag + (folder ? QString() : QStringLiteral(".out")));
        const Result result = run(QStringList{QStringLiteral("export"), QStringLiteral("--to"), format} + extra
                                  + QStringList{QStringLiteral("-o"), output, m_corpus});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));

        Interchange::WriteOptions options;
        if (const qsizetype at = extra.indexOf(QStringLiteral("--offsets")); at >= 0) {
            options.offsets = OffsetUnits::fromName(extra.at(at + 1));
        }
        if (extra.contains(QStringLiteral("--conll-columns"))) {
            options.conllStyle = QStringLiteral("doccano");
        } else if (const qsizetype at = extra.indexOf(QStringLiteral("--conll-style")); at >= 0) {
            options.conllStyle = extra.at(at + 1);
        }
        const QString wholeOutput = m_dir.filePath(QStringLiteral("whole-") + tag);
        Diagnostics diagnostics;
        const auto whole = exportWhole(m_corpus, *found, options, extra.contains(QStringLiteral("--allow-loss")),
                                       wholeOutput, diagnostics);
        QVERIFY(whole);
        if (folder) {
            const auto filesIn = [](const QString &top) {
                QStringList files;
                QDirIterator it(top, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
                while (it.hasNext()) {
                    files << QDir(top).relativeFilePath(it.next());
                }
                files.sort();
                return files;
            };
            const QStringList files = filesIn(wholeOutput);
            QCOMPARE(filesIn(output), files);
            QCOMPARE(files.size(), 2 * 150 + 1); // .txt and .ann per document, annotation.conf
            for (const QString &name : std::as_const(files)) {
                QVERIFY2(readAll(output + u'/' + name) == readAll(wholeOutput + u'/' + name), qPrintable(name));
            }
        } else {
            const QByteArray parts = readAll(output);
            QCOMPARE(parts.size(), whole->size());
            QVERIFY(parts == *whole);
        }
        // Each loss is said once, with the count over the whole corpus; each span left out once.
        for (const Diagnostic &d : std::as_const(diagnostics)) {
            const QString said = d.file.isEmpty() || d.file == wholeOutput ? d.message : d.toString();
            QVERIFY2(result.err.count(said) == 1, qPrintable(said + QStringLiteral("\n---\n") + result.err));
        }
        QVERIFY(result.err.contains(QStringLiteral("22 spans not accepted left out"))); // n % 7 == 0 for n < 150
    }

    // The first two batches are fine, the third has a broken sidecar: nothing is written, the
    // old output stays as it was, and the error names the file.
    void badDocumentInALateBatchWritesNothing_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("jsonl to a file") << QStringLiteral("jsonl");
        QTest::newRow("jsonl to standard output") << QStringLiteral("-");
        QTest::newRow("brat") << QStringLiteral("brat");
    }

    void badDocumentInALateBatchWritesNothing()
    {
        QFETCH(QString, format);
        const QString corpus =
            m_dir.filePath(QStringLiteral("broken-") + QString::fromUtf8(QTest::currentDataTag()).replace(u' ', u'-'));
        writeCorpus(corpus, 150);
        const QString broken = corpus + QStringLiteral("/sub/doc140.txt.scholiast.json");
        QVERIFY(writeAll(broken, readAll(broken).left(200)));
        const QString output = corpus + QStringLiteral("-out");
        const bool toStdout = format == u"-";
        if (format == u"brat") {
            QVERIFY(QDir().mkpath(output));
        } else if (!toStdout) {
            QVERIFY(writeAll(output, "the old export\n"));
        }
        QStringList arguments{QStringLiteral("export"), QStringLiteral("--to"),
                              toStdout ? QStringLiteral("jsonl") : format};
        if (!toStdout) {
            arguments << QStringLiteral("-o") << output;
        }
        const Result result = run(arguments << corpus);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(broken + u':'), qPrintable(result.err));
        if (toStdout) {
            QVERIFY(result.outBytes.isEmpty());
        } else if (format == u"brat") {
            QCOMPARE(QDir(output).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
        } else {
            QCOMPARE(readAll(output), QByteArray("the old export\n"));
            QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("*.tmp")}, QDir::Files | QDir::Hidden),
                     QStringList());
        }
    }

    // agree and diff on two annotators' folders: the sums and lines of the documents one by one.
    void agreeAndDiffOnFolders()
    {
        const QString a = m_dir.filePath(QStringLiteral("annotator-a"));
        const QString b = m_dir.filePath(QStringLiteral("annotator-b"));
        writeCorpus(a + QStringLiteral("/docs"), 150);
        writeCorpus(b + QStringLiteral("/docs"), 150, QStringLiteral("b"));
        // agree compares flat folders of sidecars: gather each annotator's into one.
        for (const QString &who : {a, b}) {
            QDirIterator it(who + QStringLiteral("/docs"), {QStringLiteral("*.scholiast.json")}, QDir::Files,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                QVERIFY(QFile::copy(path, who + u'/' + QFileInfo(path).fileName()));
            }
        }
        const Result agree = run({QStringLiteral("agree"), QStringLiteral("--json"), a, b});
        QVERIFY2(agree.exitCode == 0, qPrintable(agree.err));
        const QJsonObject total = QJsonDocument::fromJson(agree.outBytes).object();
        QCOMPARE(total.value(u"documents").toInteger(), 150);
        qint64 matched = 0;
        qint64 reference = 0;
        QByteArray lines;
        for (int n = 0; n < 150; ++n) {
            const QString name = QStringLiteral("/doc%1.txt.scholiast.json").arg(n, 3, 10, QLatin1Char('0'));
            const Result one = run({QStringLiteral("agree"), QStringLiteral("--json"), a + name, b + name});
            QCOMPARE(one.exitCode, 0);
            const QJsonObject exact =
                QJsonDocument::fromJson(one.outBytes).object().value(u"micro").toObject().value(u"exact").toObject();
            matched += exact.value(u"matched").toInteger();
            reference += exact.value(u"reference").toInteger();
            const Result diff = run({QStringLiteral("diff"), a + name, b + name});
            for (const QByteArray &line : diff.outBytes.split('\n')) {
                if (!line.isEmpty()) {
                    lines += name.mid(1).chopped(int(qstrlen(".scholiast.json"))).toUtf8() + ": " + line + '\n';
                }
            }
        }
        const QJsonObject exact = total.value(u"micro").toObject().value(u"exact").toObject();
        QVERIFY(matched > 0 && matched < reference);
        QCOMPARE(exact.value(u"matched").toInteger(), matched);
        QCOMPARE(exact.value(u"reference").toInteger(), reference);
        const Result diff = run({QStringLiteral("diff"), a, b});
        QCOMPARE(diff.exitCode, 0);
        QCOMPARE(diff.outBytes, lines);

        // A sidecar of another text of one document, in the third batch: named, and no figures.
        const QString other = b + QStringLiteral("/doc141.txt.scholiast.json");
        QByteArray bytes = readAll(other);
        const qsizetype sha = bytes.indexOf("\"sha256\": \"") + 11;
        bytes[sha] = bytes[sha] == 'a' ? 'b' : 'a';
        QVERIFY(writeAll(other, bytes));
        const Result mismatch = run({QStringLiteral("agree"), a, b});
        QCOMPARE(mismatch.exitCode, 1);
        QVERIFY(mismatch.outBytes.isEmpty());
        QVERIFY2(mismatch.err.contains(other + QStringLiteral(": error: written for another text")),
                 qPrintable(mismatch.err));

        // A span the document does not hold, in the third batch (its header is fine): diff says
        // so and prints no line of the documents before it.
        QVERIFY(writeAll(other, readAll(a + QStringLiteral("/doc141.txt.scholiast.json"))));
        const QString broken = b + QStringLiteral("/doc142.txt.scholiast.json");
        QByteArray spans = readAll(broken);
        spans.replace("\"start\": 0, \"end\": ", "\"start\": 0, \"end\": 9");
        QVERIFY(writeAll(broken, spans));
        const Result late = run({QStringLiteral("diff"), a, b});
        QCOMPARE(late.exitCode, 1);
        QVERIFY2(late.err.contains(broken + u':'), qPrintable(late.err));
        QVERIFY(late.outBytes.isEmpty());
    }

    // One document's sidecars of 16 MB or more, each read in batches on both cores, are read in
    // turn and the smaller ones on threads beside them (issue 17): every order gives the figures
    // and lines of what the sidecars hold. `small` holds the first spans of `large`, `copy` all.
    void agreeAndDiffOnLargeSidecars_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("candidate");
        QTest::newRow("two large, in turn") << QStringLiteral("large") << QStringLiteral("copy");
        QTest::newRow("large, then a small one beside") << QStringLiteral("large") << QStringLiteral("small");
        QTest::newRow("small, then a large one") << QStringLiteral("small") << QStringLiteral("large");
        // One document's diff prints its lines as it makes them, once both sidecars are read: a
        // bad one prints its error and no line.
        QTest::newRow("large, then a broken one") << QStringLiteral("large") << QStringLiteral("broken");
        QTest::newRow("broken, then a large one") << QStringLiteral("broken") << QStringLiteral("large");
    }
    void agreeAndDiffOnLargeSidecars()
    {
        QFETCH(QString, reference);
        QFETCH(QString, candidate);
        const QString folder = m_dir.filePath(QStringLiteral("large"));
        const QString documentPath = folder + QStringLiteral("/article.txt");
        const QString sidecar = ScholiastJson::sidecarPath(documentPath);
        const auto path = [&](const QString &which) {
            return which == u"large" ? sidecar : folder + u'/' + which + QStringLiteral(".scholiast.json");
        };
        if (!QFileInfo::exists(sidecar)) {
            QVERIFY(QDir().mkpath(folder));
            const auto document = writeLargeSidecar(documentPath);
            QVERIFY(document);
            QVERIFY(QFile::copy(sidecar, path(QStringLiteral("copy"))));
            Diagnostics diagnostics;
            auto spans = ScholiastJson::read(sidecar, diagnostics, &*document);
            QVERIFY(spans);
            spans->annotations.resize(50);
            QVERIFY(ScholiastJson::write(path(QStringLiteral("small")), *spans, diagnostics));
            QByteArray broken = readAll(path(QStringLiteral("small")));
            QVERIFY(broken.contains("\"end\": "));
            QVERIFY(writeAll(path(QStringLiteral("broken")), broken.replace("\"end\": ", "\"end\": -")));
        }
        if (reference == u"broken" || candidate == u"broken") {
            for (const QString &command : {QStringLiteral("agree"), QStringLiteral("diff")}) {
                const Result r = run({command, path(reference), path(candidate)});
                QCOMPARE(r.exitCode, 1);
                QVERIFY2(r.outBytes.isEmpty(), r.outBytes.left(200).constData());
                QVERIFY2(r.err.contains(path(QStringLiteral("broken")) + u':'), qPrintable(r.err));
            }
            return;
        }
        QVERIFY(QFileInfo(sidecar).size() >= ScholiastJson::BatchedReadMinBytes);
        QVERIFY(QFileInfo(path(QStringLiteral("small"))).size() < ScholiastJson::BatchedReadMinBytes);
        Diagnostics diagnostics;
        const qint64 all = ScholiastJson::read(sidecar, diagnostics, nullptr, {.spansOnly = true})->annotations.size();
        const auto count = [&](const QString &which) { return which == u"small" ? 50 : all; };

        const Result agree = run({QStringLiteral("agree"), QStringLiteral("--json"), path(reference), path(candidate)});
        QVERIFY2(agree.exitCode == 0, qPrintable(agree.err));
        const QJsonObject exact =
            QJsonDocument::fromJson(agree.outBytes).object().value(u"micro").toObject().value(u"exact").toObject();
        QCOMPARE(exact.value(u"reference").toInteger(), count(reference));
        QCOMPARE(exact.value(u"candidate").toInteger(), count(candidate));
        QCOMPARE(exact.value(u"matched").toInteger(), 50 + (candidate == u"copy" ? all - 50 : 0));

        // diff: a line for each span only one side has, each missed or spurious as the sides go.
        const Result diff = run({QStringLiteral("diff"), path(reference), path(candidate)});
        QVERIFY2(diff.exitCode == 0, qPrintable(diff.err));
        const QList<QByteArray> lines = diff.outBytes.split('\n');
        const QByteArray kind = reference == u"small" ? "spurious " : "missed ";
        QCOMPARE(std::count_if(lines.begin(), lines.end(), [&](const QByteArray &l) { return l.startsWith(kind); }),
                 candidate == u"copy" ? 0 : all - 50);
        QCOMPARE(std::count_if(lines.begin(), lines.end(), [](const QByteArray &l) { return !l.isEmpty(); }),
                 candidate == u"copy" ? 0 : all - 50);
    }

    // `agree` takes a large sidecar's spans as they are read, reduced to ranges and labels and
    // filtered by status there; `diff` reads the spans without their texts and then the texts of
    // the spans it prints, from their lines (issue 17). Both write, byte for byte, what they write
    // for the same spans in a file laid out otherwise, which the batched read leaves to the whole
    // read and whose texts are read whole.
    void agreeAndDiffReadLargeSidecarsAsWholeOnes_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("variant");
        QTest::addColumn<int>("annotators");
        // Spans of every status, some of them discontinuous.
        QTest::newRow("accepted, by default") << QStringList() << QStringLiteral("statuses") << 2;
        QTest::newRow("every status") << QStringList{QStringLiteral("--status"), QStringLiteral("all")}
                                      << QStringLiteral("statuses") << 2;
        QTest::newRow("pending and rejected")
            << QStringList{QStringLiteral("--status=pending,rejected")} << QStringLiteral("statuses") << 2;
        QTest::newRow("three annotators") << QStringList() << QStringLiteral("statuses") << 3;
        // Relations find their ends by span id: the spans of such a file are kept whole.
        QTest::newRow("relations among the last spans") << QStringList() << QStringLiteral("relations") << 2;
        // The reference without relation labels is taken as it is read, the candidate kept whole.
        QTest::newRow("relations in the candidate only") << QStringList() << QStringLiteral("candidate relations") << 2;
    }
    void agreeAndDiffReadLargeSidecarsAsWholeOnes()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, variant);
        QFETCH(int, annotators);
        const QString folder = m_dir.filePath(QStringLiteral("agree-large-") + variant);
        const QString batched = folder + QStringLiteral("/batched");
        const QString whole = folder + QStringLiteral("/whole");
        const QStringList names{QStringLiteral("ref.scholiast.json"), QStringLiteral("cand.scholiast.json"),
                                QStringLiteral("third.scholiast.json")};
        if (!QFileInfo::exists(whole + u'/' + names.back())) {
            QVERIFY(QDir().mkpath(batched) && QDir().mkpath(whole));
            const QString documentPath = folder + QStringLiteral("/article.txt");
            const auto document = writeLargeSidecar(documentPath);
            QVERIFY(document);
            Diagnostics diagnostics;
            const auto read = ScholiastJson::read(ScholiastJson::sidecarPath(documentPath), diagnostics, &*document);
            QVERIFY(read);
            for (int n = 0; n < 3; ++n) {
                ScholiastJson::Sidecar sidecar = *read;
                sidecar.document = *document;
                QList<Annotation> spans;
                for (qsizetype k = 0; k < read->annotations.size(); ++k) {
                    Annotation a = read->annotations.at(k);
                    if ((k + n) % (7 + n) == 0) {
                        continue; // each annotator leaves out some
                    }
                    if (n > 0 && k % (3 + n) == 1 && a.end.value + 2 <= document->length()) {
                        a.end = CodePoint(a.end.value + 2); // and ends some spans elsewhere
                    }
                    const int status = int((k * (n + 1)) % 6);
                    a.setStatus(status == 1       ? Annotation::Status::Pending
                                    : status == 2 ? Annotation::Status::Rejected
                                    : status == 3 ? Annotation::Status::Accepted
                                                  : Annotation::Status::Unset);
                    if (k % (401 + n) == 0 && a.length() >= 8) {
                        a.setFragments({{a.start, CodePoint(a.start.value + 2)}, {CodePoint(a.end.value - 3), a.end}});
                    }
                    // Room for what is left out: the file stays large enough to be read in batches.
                    a.setNote(QStringLiteral("checked against the wire copy and then the print edition, %1").arg(k));
                    a.setTextFromDocument(*document);
                    spans.append(a);
                }
                // One span per range and label.
                std::sort(spans.begin(), spans.end(), [](const Annotation &x, const Annotation &y) {
                    return std::tie(x.start, x.end, x.label) < std::tie(y.start, y.end, y.label);
                });
                spans.erase(std::unique(spans.begin(), spans.end(),
                                        [](const Annotation &x, const Annotation &y) {
                                            return std::tie(x.start, x.end, x.label)
                                                == std::tie(y.start, y.end, y.label);
                                        }),
                            spans.end());
                if (variant == u"relations" || (variant == u"candidate relations" && n > 0)) {
                    QList<RelationLabel> labels{{QStringLiteral("said_by"), QStringLiteral("#336699")}};
                    sidecar.labels.setRelationLabels(labels);
                    // One relation, in the last batch with its ends: more relation lines are cut
                    // like span lines, and the file is left to the whole read.
                    const qsizetype last = spans.size() - 1 - n;
                    sidecar.relations.append(
                        {QStringLiteral("r1"), QStringLiteral("said_by"), spans.at(last).id, spans.at(last - 1).id});
                }
                sidecar.annotations = spans;
                const QString path = batched + u'/' + names.at(n);
                QVERIFY(ScholiastJson::write(path, sidecar, diagnostics));
                QVERIFY(QFileInfo(path).size() >= ScholiastJson::BatchedReadMinBytes);
                // Another layout of the same JSON, which the batched read does not confirm.
                QByteArray bytes = readAll(path);
                QVERIFY(bytes.contains("\n \"annotations\": [\n"));
                QVERIFY(writeAll(whole + u'/' + names.at(n),
                                 bytes.replace("\n \"annotations\": [\n", "\n \"annotations\":  [\n")));
            }
        }
        // The batched files' spans are taken as they are read, the others' are not.
        struct Counter : ScholiastJson::SpanReceiver
        {
            qsizetype taken = 0;
            void take(QList<Annotation> &&spans) override { taken += spans.size(); }
            void withdraw() override { taken = 0; }
        };
        for (const QString &dir : {batched, whole}) {
            Counter counter;
            Diagnostics diagnostics;
            QVERIFY(ScholiastJson::read(dir + u'/' + names.front(), diagnostics, nullptr,
                                        {.spansOnly = true, .spanReceiver = &counter}));
            // A file with relations is read whole today, its relation lines being no span lines.
            QCOMPARE(counter.taken > 0, dir == batched && variant != u"relations");
        }
        // The table as text once; the rest as JSON, which holds every figure.
        for (const bool json : {false, true}) {
            if (!json && (!options.isEmpty() || annotators > 2)) {
                continue;
            }
            QStringList arguments{QStringLiteral("agree")};
            if (json) {
                arguments.append(QStringLiteral("--json"));
            }
            arguments += options;
            arguments += names.mid(0, annotators);
            const Result fromBatched = run(arguments, batched);
            QVERIFY2(fromBatched.exitCode == 0, qPrintable(fromBatched.err));
            const Result fromWhole = run(arguments, whole);
            QVERIFY2(fromWhole.exitCode == 0, qPrintable(fromWhole.err));
            QVERIFY(fromBatched.outBytes.size() > 400);
            QCOMPARE(fromBatched.outBytes, fromWhole.outBytes);
            if (variant == u"relations") {
                QVERIFY2(fromBatched.outBytes.contains("said_by"), fromBatched.outBytes.constData());
            }
        }
        if (annotators == 2) {
            QStringList arguments{QStringLiteral("diff")};
            arguments += options;
            arguments += names.mid(0, 2);
            const Result fromBatched = run(arguments, batched);
            QVERIFY2(fromBatched.exitCode == 0, qPrintable(fromBatched.err));
            const Result fromWhole = run(arguments, whole);
            QVERIFY2(fromWhole.exitCode == 0, qPrintable(fromWhole.err));
            // Texts with CRLF, curly quotes, emoji and Hangul, and the fragments' texts joined.
            QVERIFY(fromBatched.outBytes.count('\n') > 1000);
            QVERIFY(fromBatched.outBytes.contains("\\r\\n"));
            QVERIFY(fromBatched.outBytes.contains("\xF0\x9F\x98\x80"));
            QCOMPARE(fromBatched.outBytes, fromWhole.outBytes);
            if (variant != u"statuses") {
                QVERIFY2(fromBatched.outBytes.contains("relation-"), fromBatched.outBytes.constData());
            }
            // Each side shows the text of the span with its id, as the whole read gives it.
            QHash<QString, QString> textsById[2];
            for (int side = 0; side < 2; ++side) {
                Diagnostics diagnostics;
                const auto read = ScholiastJson::read(batched + u'/' + names.at(side), diagnostics);
                QVERIFY(read);
                for (const Annotation &a : read->annotations) {
                    textsById[side].insert(a.id, a.text());
                }
            }
            static const QRegularExpression sideShown(
                QStringLiteral("(reference|candidate) (\\S+) \\S+ \\d+-\\d+ (\"(?:[^\"\\\\]|\\\\.)*\")"));
            qsizetype shown = 0;
            for (auto match = sideShown.globalMatch(QString::fromUtf8(fromBatched.outBytes)); match.hasNext();
                 ++shown) {
                const QRegularExpressionMatch m = match.next();
                const QJsonArray quoted = QJsonDocument::fromJson((u'[' + m.captured(3) + u']').toUtf8()).array();
                QCOMPARE(quoted.size(), 1);
                const int side = m.captured(1) == u"reference" ? 0 : 1;
                QCOMPARE(quoted.first().toString(),
                         textsById[side].value(m.captured(2), QStringLiteral("(no such id)")));
            }
            QVERIFY(shown > 1000);
        }
    }

    // The pairing reads each sidecar's header as the full reader does: a SHA-256 in capitals is
    // the same text, a name that starts with U+FEFF is another document, an escaped key is its
    // letters.
    void pairingReadsHeadersAsTheReaderDoes()
    {
        const QString a = m_dir.filePath(QStringLiteral("pair-a"));
        const QString b = m_dir.filePath(QStringLiteral("pair-b"));
        writeCorpus(a + QStringLiteral("/docs"), 2);
        for (const QString &who : {a, b}) {
            QVERIFY(QDir().mkpath(who));
            for (int n = 0; n < 2; ++n) {
                const QString name = QStringLiteral("/doc%1.txt.scholiast.json").arg(n, 3, 10, QLatin1Char('0'));
                QByteArray bytes = readAll(a + QStringLiteral("/docs") + name);
                if (who == b && n == 0) {
                    const qsizetype sha = bytes.indexOf("\"sha256\": \"") + 11;
                    bytes.replace(sha, 64, bytes.mid(sha, 64).toUpper());
                    bytes.replace("{\"name\": \"quote\"", "{\"\\u006eame\": \"quote\"");
                }
                if (n == 1) { // the same text under a name with a leading ZERO WIDTH NO-BREAK SPACE
                    QVERIFY(writeAll(who + QStringLiteral("/bom") + name.mid(1),
                                     QByteArray(bytes).replace("\"name\": \"doc001.txt\"",
                                                               "\"name\": \"\xEF\xBB\xBF"
                                                               "doc001.txt\"")));
                }
                QVERIFY(writeAll(who + name, bytes));
            }
        }
        const Result agree = run({QStringLiteral("agree"), QStringLiteral("--json"), a, b});
        QVERIFY2(agree.exitCode == 0, qPrintable(agree.err));
        QCOMPARE(QJsonDocument::fromJson(agree.outBytes).object().value(u"documents").toInteger(), 3);
        // CoNLL's columns from the headers: the escaped key names the label "quote".
        const QString folder = m_dir.filePath(QStringLiteral("pair-export"));
        writeCorpus(folder, 1);
        const QString sidecar = folder + QStringLiteral("/doc000.txt.scholiast.json");
        QVERIFY(writeAll(sidecar, readAll(sidecar).replace("{\"name\": \"quote\"", "{\"\\u006eame\": \"quote\"")));
        const Result columns = run({QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("conll"), folder});
        QVERIFY2(columns.exitCode == 0, qPrintable(columns.err));
        QVERIFY2(columns.out.contains(QStringLiteral("# columns: token start end claim quote web boilerplate\n")),
                 qPrintable(columns.out.left(300)));
    }
};

QTEST_GUILESS_MAIN(CorpusExportTest)
#include "corpusexport_test.moc"
