// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testhelpers.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QSet>
#include <QTest>

using namespace Scholiast::Testing;

// Drives the real scholiast-cli binary, as a user or a script would.
class CliTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static QString samplePath(const QString &name) { return QStringLiteral(SCHOLIAST_SAMPLES "/") + name; }

private Q_SLOTS:
    void validatesEverySample_data()
    {
        QTest::addColumn<QString>("document");
        const QDir dir(QStringLiteral(SCHOLIAST_SAMPLES));
        for (const QString &name : dir.entryList({QStringLiteral("*.txt")}, QDir::Files)) {
            QTest::newRow(qPrintable(name)) << dir.filePath(name);
        }
    }

    void validatesEverySample()
    {
        QFETCH(QString, document);
        const Result r = run({QStringLiteral("validate"), document});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        QVERIFY(r.out.contains(QStringLiteral(": valid, ")));
    }

    void rejectsBrokenVariants_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("message");

        // From the first annotation line of the harbour sample (line 8): see the fixture.
        QTest::newRow("malformed json") << QStringLiteral("\"annotations\": [") << QStringLiteral("\"annotations\": [[")
                                        << QStringLiteral("error: malformed JSON");
        QTest::newRow("missing field") << QStringLiteral("\"label\": \"boilerplate\", ") << QString()
                                       << QStringLiteral("has no \"label\"");
        QTest::newRow("offset outside") << QStringLiteral("\"end\": 24,") << QStringLiteral("\"end\": 99999,")
                                        << QStringLiteral("end 99999 is past the document (4825 code points)");
        QTest::newRow("start not before end")
            << QStringLiteral("\"start\": 0, \"end\": 24") << QStringLiteral("\"start\": 24, \"end\": 24")
            << QStringLiteral("start 24 is not before end 24");
        QTest::newRow("text differs") << QStringLiteral("\"text\": \"Home > Local > Transport\"")
                                      << QStringLiteral("\"text\": \"Home > Local > Transit\"")
                                      << QStringLiteral("differs from the document at 0-24");
        QTest::newRow("unknown label") << QStringLiteral("\"label\": \"boilerplate\", \"text\": \"Home")
                                       << QStringLiteral("\"label\": \"nav\", \"text\": \"Home")
                                       << QStringLiteral("label \"nav\" is not in the schema");
        QTest::newRow("wrong document") << QStringLiteral("\"name\": \"harbour-bridge-vote.txt\", \"sha256\": \"")
                                        << QStringLiteral("\"name\": \"other.txt\", \"sha256\": \"")
                                        << QStringLiteral("written for document \"other.txt\"");
    }

    void rejectsBrokenVariants()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, message);

        const QString document = samplePath(QStringLiteral("harbour-bridge-vote.txt"));
        QString json = QString::fromUtf8(readAll(document + QStringLiteral(".scholiast.json")));
        const qsizetype at = json.indexOf(from);
        QVERIFY2(at >= 0, qPrintable(from));
        json.replace(at, from.size(), to);
        if (to.contains(QStringLiteral("other.txt"))) {
            // Another document altogether: another name and another hash.
            json.replace(json.indexOf(QStringLiteral("\"sha256\": \"")) + 11, 64, QString(64, u'0'));
        }
        const QString broken = m_dir.filePath(QStringLiteral("broken.json"));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(json.toUtf8());
        file.close();

        const Result r = run({QStringLiteral("validate"), document, broken});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        // One line per problem, naming the file and the place.
        const QStringList lines = r.err.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(!lines.isEmpty());
        const QRegularExpression place(u'^' + QRegularExpression::escape(broken)
                                       + QStringLiteral(":\\d+:\\d+: (error|warning): "));
        for (const QString &line : lines) {
            QVERIFY2(place.match(line).hasMatch(), qPrintable(line));
        }
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void rejectsBadDocuments_data()
    {
        QTest::addColumn<QString>("document");
        QTest::addColumn<QString>("message");
        QTest::newRow("invalid utf-8") << QStringLiteral(SCHOLIAST_TEST_DATA "/invalid-utf8.txt")
                                       << QStringLiteral(
                                              "invalid-utf8.txt:3:9: error: invalid UTF-8 at byte offset 80");
        QTest::newRow("binary") << QStringLiteral(SCHOLIAST_TEST_DATA "/binary.bin")
                                << QStringLiteral("NUL byte at byte offset 5");
        QTest::newRow("missing") << QStringLiteral(SCHOLIAST_TEST_DATA "/no-such-file.txt")
                                 << QStringLiteral("cannot open");
    }

    void rejectsBadDocuments()
    {
        QFETCH(QString, document);
        QFETCH(QString, message);
        const Result r = run({QStringLiteral("validate"), document});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void statsMatchTheSidecar_data() { validatesEverySample_data(); }

    void statsMatchTheSidecar()
    {
        QFETCH(QString, document);
        const Result r = run({QStringLiteral("stats"), document, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject stats = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonObject sidecar =
            QJsonDocument::fromJson(readAll(document + QStringLiteral(".scholiast.json"))).object();
        QMap<QString, int> counts;
        // Covered code points, counted one by one: a span in pieces covers its pieces only.
        QMap<QString, QSet<int>> covered;
        const QJsonArray spans = sidecar.value(QStringLiteral("annotations")).toArray();
        for (const QJsonValue &span : spans) {
            const QJsonObject o = span.toObject();
            const QString label = o.value(QStringLiteral("label")).toString();
            ++counts[label];
            QJsonArray pieces = o.value(QStringLiteral("fragments")).toArray();
            if (pieces.isEmpty()) {
                pieces.append(QJsonArray{o.value(QStringLiteral("start")), o.value(QStringLiteral("end"))});
            }
            for (const QJsonValue &piece : pieces) {
                for (int c = piece.toArray().at(0).toInt(); c < piece.toArray().at(1).toInt(); ++c) {
                    covered[label].insert(c);
                }
            }
        }
        QCOMPARE(stats.value(QStringLiteral("annotations")).toInt(), spans.size());
        const QJsonObject labels = stats.value(QStringLiteral("labels")).toObject();
        QCOMPARE(labels.size(), sidecar.value(QStringLiteral("labels")).toArray().size());
        for (auto it = counts.begin(); it != counts.end(); ++it) {
            QCOMPARE(labels.value(it.key()).toObject().value(QStringLiteral("count")).toInt(), it.value());
            QCOMPARE(labels.value(it.key()).toObject().value(QStringLiteral("covered")).toInt(),
                     int(covered.value(it.key()).size()));
        }
        QCOMPARE(stats.value(QStringLiteral("length")).toInt(),
                 sidecar.value(QStringLiteral("document")).toObject().value(QStringLiteral("length")).toInt());
    }

    // Issue 20: validate and stats over a corpus folder, document by document, the same figures
    // as per document; a broken sidecar is named and makes the exit status 1.
    void corpusFolder_data()
    {
        QTest::addColumn<bool>("breakOne");
        QTest::newRow("every sidecar valid") << false;
        QTest::newRow("one sidecar cut short") << true;
    }

    void corpusFolder()
    {
        QFETCH(bool, breakOne);
        // A name with a space and letters outside ASCII: a folder makes the CLI start itself again
        // (app/cli.cpp, huge pages), with the same arguments.
        const QString folder = m_dir.filePath(breakOne ? QStringLiteral("corpus broken \u6771\u4EAC")
                                                       : QStringLiteral("corpus Fr\u00FCh"));
        const QStringList samples =
            QDir(QStringLiteral(SCHOLIAST_SAMPLES)).entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name);
        QCOMPARE(samples.size(), 4);
        for (qsizetype i = 0; i < samples.size(); ++i) {
            const QString into = i == 0 ? folder : folder + QStringLiteral("/sub");
            QVERIFY(QDir().mkpath(into));
            for (const QString &name : {samples.at(i), QString(samples.at(i) + QStringLiteral(".scholiast.json"))}) {
                QVERIFY(QFile::copy(samplePath(name), into + u'/' + name));
            }
        }
        QString broken;
        if (breakOne) {
            broken = folder + QStringLiteral("/sub/") + samples.at(2) + QStringLiteral(".scholiast.json");
            const QByteArray bytes = readAll(broken);
            QFile file(broken);
            QVERIFY(file.setPermissions(file.permissions() | QFileDevice::WriteOwner));
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(bytes.left(bytes.size() / 2));
        }
        const Result validate = run({QStringLiteral("validate"), folder});
        QCOMPARE(validate.exitCode, breakOne ? 1 : 0);
        QVERIFY2(validate.out.contains(QStringLiteral(": %1 of %2 annotated documents valid")
                                           .arg(samples.size() - (breakOne ? 1 : 0))
                                           .arg(samples.size())),
                 qPrintable(validate.out));
        QVERIFY(!validate.err.contains(u'\r')); // no progress line when stderr is no terminal
        if (breakOne) {
            QVERIFY2(validate.err.contains(broken + u':'), qPrintable(validate.err));
        } else {
            QVERIFY(validate.err.isEmpty());
        }
        // The totals are the sums of the documents' own stats.
        qint64 annotations = 0;
        QMap<QString, qint64> counts;
        for (qsizetype i = 0; i < samples.size(); ++i) {
            if (breakOne && i == 2) {
                continue;
            }
            const Result one = run({QStringLiteral("stats"), samplePath(samples.at(i)), QStringLiteral("--json")});
            const QJsonObject stats = QJsonDocument::fromJson(one.out.toUtf8()).object();
            annotations += stats.value(u"annotations").toInteger();
            const QJsonObject labels = stats.value(u"labels").toObject();
            for (auto it = labels.begin(); it != labels.end(); ++it) {
                counts[it.key()] += it.value().toObject().value(u"count").toInteger();
            }
        }
        const Result stats = run({QStringLiteral("stats"), folder, QStringLiteral("--json")});
        QCOMPARE(stats.exitCode, breakOne ? 1 : 0);
        // Started once only (GLIBC_TUNABLES set already): the same output, errors and exit code.
        QProcessEnvironment startedOnce = QProcessEnvironment::systemEnvironment();
        startedOnce.insert(QStringLiteral("GLIBC_TUNABLES"), QString());
        const std::pair<QStringList, const Result *> runs[] = {
            {{QStringLiteral("validate"), folder}, &validate},
            {{QStringLiteral("stats"), folder, QStringLiteral("--json")}, &stats}};
        for (const auto &[arguments, again] : runs) {
            const Result once = run(arguments, QString(), startedOnce);
            QCOMPARE(once.exitCode, again->exitCode);
            QCOMPARE(once.outBytes, again->outBytes);
            QCOMPARE(once.err, again->err);
        }
        const QJsonObject total = QJsonDocument::fromJson(stats.out.toUtf8()).object();
        QCOMPARE(total.value(u"documents").toInteger(), samples.size() - (breakOne ? 1 : 0));
        QCOMPARE(total.value(u"annotations").toInteger(), annotations);
        const QJsonObject labels = total.value(u"labels").toObject();
        for (auto it = counts.begin(); it != counts.end(); ++it) {
            QCOMPARE(labels.value(it.key()).toObject().value(u"count").toInteger(), it.value());
        }
    }

    void reanchorRepairsEditedSamples_data()
    {
        QTest::addColumn<QString>("sample");
        QTest::addColumn<QString>("edit");
        const QStringList edits{QStringLiteral("prepend"), QStringLiteral("crlf"), QStringLiteral("nfd"),
                                QStringLiteral("delete-first-line")};
        const QDir dir(QStringLiteral(SCHOLIAST_SAMPLES));
        for (const QString &name : dir.entryList({QStringLiteral("*.txt")}, QDir::Files)) {
            for (const QString &edit : edits) {
                QTest::newRow(qPrintable(name + u' ' + edit)) << name << edit;
            }
        }
    }

    void reanchorRepairsEditedSamples()
    {
        QFETCH(QString, sample);
        QFETCH(QString, edit);
        const QString folder = m_dir.filePath(sample + u'-' + edit);
        QVERIFY(QDir().mkpath(folder));
        const QString document = folder + u'/' + sample;
        const QString sidecar = document + QStringLiteral(".scholiast.json");
        QVERIFY(QFile::copy(samplePath(sample) + QStringLiteral(".scholiast.json"), sidecar));
        QFile::setPermissions(sidecar, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QByteArray bytes = readAll(samplePath(sample));
        const bool bom = bytes.startsWith("\xEF\xBB\xBF");
        QString text = QString::fromUtf8(bom ? bytes.mid(3) : bytes);
        if (edit == u"prepend") {
            text.prepend(QStringLiteral("UPDATE \U0001F4E2: this story was corrected.\n\n"));
        } else if (edit == u"crlf") {
            text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
            text.replace(u'\n', QStringLiteral("\r\n"));
        } else if (edit == u"nfd") {
            text = text.normalized(QString::NormalizationForm_D);
        } else {
            text.remove(0, text.indexOf(u'\n') + 1);
        }
        QFile file(document);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write((bom ? QByteArray("\xEF\xBB\xBF") : QByteArray()) + text.toUtf8());
        file.close();

        const int spans = int(
            QJsonDocument::fromJson(readAll(sidecar)).object().value(QStringLiteral("annotations")).toArray().size());
        const Result r = run({QStringLiteral("reanchor"), document, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject report = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonObject counts = report.value(QStringLiteral("counts")).toObject();
        int total = 0;
        for (const QString &k :
             {QStringLiteral("exact"), QStringLiteral("moved"), QStringLiteral("fuzzy"), QStringLiteral("orphaned")}) {
            total += counts.value(k).toInt();
        }
        QCOMPARE(total, spans); // every span accounted for
        // The first line of each sample is boilerplate of its own: deleting it orphans that span.
        QCOMPARE(counts.value(QStringLiteral("orphaned")).toInt(), edit == u"delete-first-line" ? 1 : 0);
        QCOMPARE(int(QJsonDocument::fromJson(readAll(sidecar))
                         .object()
                         .value(QStringLiteral("annotations"))
                         .toArray()
                         .size()),
                 spans);
        // The repaired sidecar is valid for the edited document, with nothing to warn about.
        const Result v = run({QStringLiteral("validate"), document});
        QCOMPARE(v.exitCode, 0);
        QVERIFY2(v.err.isEmpty(), qPrintable(v.err));
    }

    void usage_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("output");
        QTest::newRow("no arguments") << QStringList() << 2 << QString();
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << 2 << QString();
        QTest::newRow("validate without doc") << QStringList{QStringLiteral("validate")} << 2 << QString();
        QTest::newRow("too many") << QStringList{QStringLiteral("validate"), QStringLiteral("a"), QStringLiteral("b"),
                                                 QStringLiteral("c")}
                                  << 2 << QString();
        QTest::newRow("unknown option") << QStringList{QStringLiteral("stats"), QStringLiteral("--xml"),
                                                       QStringLiteral("a")}
                                        << 2 << QString();
        QTest::newRow("help") << QStringList{QStringLiteral("--help")} << 0 << QStringLiteral("validate DOC [SIDECAR]");
        QTest::newRow("command help") << QStringList{QStringLiteral("stats"), QStringLiteral("--help")} << 0
                                      << QStringLiteral("stats DOC");
        QTest::newRow("version") << QStringList{QStringLiteral("--version")} << 0 << QStringLiteral("scholiast-cli ");
    }

    void usage()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, output);
        const Result r = run(arguments);
        QCOMPARE(r.exitCode, exitCode);
        if (exitCode == 2) {
            QVERIFY(!r.err.isEmpty());
        } else {
            QVERIFY(r.out.contains(output));
        }
    }
};

QTEST_GUILESS_MAIN(CliTest)
#include "cli_test.moc"
