// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "suggest/modelcommand.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

using namespace Scholiast;

class ModelCommandTest : public QObject
{
    Q_OBJECT

private:
    static QString command(const char *script)
    {
        return QStringLiteral("%1 %2/%3")
            .arg(QStringLiteral(SCHOLIAST_PYTHON), QStringLiteral(SCHOLIAST_MODELS), QString::fromLatin1(script));
    }

    static QList<Suggest::ModelInput> inputs()
    {
        const QStringList labels{QStringLiteral("claim"), QStringLiteral("quote"), QStringLiteral("boilerplate")};
        return {
            {Document::fromText(QStringLiteral("The harbour bridge vote.\n"), QStringLiteral("plain.txt")),
             QStringLiteral("plain.txt"), labels},
            // flag (2 code points), ZWJ sequence (3), CRLF, then the words: UTF-16 indices differ
            {Document::fromText(QStringLiteral("\U0001F1F0\U0001F1F7 \U0001F469\u200D\U0001F4BB\r\nA bridge \U0001F309 "
                                               "and another bridge."),
                                QStringLiteral("emoji.txt")),
             QStringLiteral("emoji.txt"), labels},
        };
    }

private Q_SLOTS:
    void goodModelPlacesSpansAtCodePoints()
    {
        const auto in = inputs();
        Suggest::ModelOptions options;
        options.command = command("good.py");
        const Suggest::ModelResult result = Suggest::runModel(options, in);
        QVERIFY2(result.ok, result.diagnostics.isEmpty() ? "" : qPrintable(result.diagnostics.first().toString()));
        QCOMPARE(result.spans.size(), 2);
        QCOMPARE(result.spans.at(0).size(), 1);
        const QList<Annotation> &emoji = result.spans.at(1);
        // bridge at code points 10 and 31 (Python str indices); the emoji runs 0-2, 3-6, 17-18
        QStringList got;
        for (const Annotation &a : emoji) {
            got.append(QStringLiteral("%1-%2 %3 %4").arg(a.start.value).arg(a.end.value).arg(a.label, a.text()));
            QCOMPARE(in.at(1).document.slice(a.start, a.end).toString(), a.text());
            QCOMPARE(a.status(), Annotation::Status::Pending);
            QCOMPARE(a.source(), QStringLiteral("model:good"));
            QVERIFY(a.score().has_value());
        }
        QCOMPARE(got,
                 (QStringList{QStringLiteral("10-16 claim bridge"), QStringLiteral("31-37 claim bridge"),
                              QStringLiteral("0-2 quote \U0001F1F0\U0001F1F7"),
                              QStringLiteral("3-6 quote \U0001F469\u200D\U0001F4BB"),
                              QStringLiteral("17-18 quote \U0001F309")}));
        QCOMPARE(Suggest::reason(emoji.at(0)), QStringLiteral("model good"));
        QCOMPARE(Suggest::reason(emoji.at(2)), QStringLiteral("emoji run"));
    }

    void failuresNameTheDocumentAndLine_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<int>("timeoutMs");
        QTest::addColumn<QString>("message");
        QTest::newRow("crash")
            << QStringLiteral("crash.py") << 60000
            << QStringLiteral("emoji.txt: error: model command \"%1\", output line 2: no answer for this document: "
                              "the command exited with status 3 after answering 1 of 2 documents; its error "
                              "output ends: model: out of memory (simulated)");
        // The timeout is kept short here so that the test does not wait; it is not a measurement.
        QTest::newRow("hang") << QStringLiteral("hang.py") << 1500
                              << QStringLiteral(
                                     "plain.txt: error: model command \"%1\", output line 1: no answer for this "
                                     "document within 1.5 s; the command was stopped");
        QTest::newRow("garbage") << QStringLiteral("garbage.py") << 60000
                                 << QStringLiteral("plain.txt: error: model command \"%1\", output line 1: not JSON (");
        QTest::newRow("out of range") << QStringLiteral("outofrange.py") << 60000
                                      << QStringLiteral(
                                             "plain.txt: error: model command \"%1\", output line 1: span 2: end 30 is "
                                             "past the document (25 code points)");
        QTest::newRow("unknown label") << QStringLiteral("unknownlabel.py") << 60000
                                       << QStringLiteral(
                                              "plain.txt: error: model command \"%1\", output line 1: span 1: label "
                                              "\"ORG\" is not one of the labels sent (claim, quote, boilerplate)");
        QTest::newRow("no such program") << QStringLiteral("/nonexistent/model") << 60000
                                         << QStringLiteral("plain.txt: error: model command \"%1\", cannot start: ");
    }

    void failuresNameTheDocumentAndLine()
    {
        QFETCH(QString, script);
        QFETCH(int, timeoutMs);
        QFETCH(QString, message);
        Suggest::ModelOptions options;
        options.command = script.startsWith(u'/') ? script : command(qPrintable(script));
        options.timeoutMs = timeoutMs;
        const Suggest::ModelResult result = Suggest::runModel(options, inputs());
        QVERIFY(!result.ok);
        QVERIFY(result.spans.isEmpty()); // nothing at all, not even the documents answered well
        QVERIFY(!result.diagnostics.isEmpty());
        const QString expected = message.arg(options.command);
        QVERIFY2(result.diagnostics.first().toString().startsWith(expected),
                 qPrintable(result.diagnostics.first().toString()));
    }

    void cancel()
    {
        Suggest::ModelOptions options;
        options.command = command("hang.py");
        int calls = 0;
        const Suggest::ModelResult result =
            Suggest::runModel(options, inputs(), [&calls](qint64, qint64) { return ++calls < 3; });
        QVERIFY(result.cancelled);
        QVERIFY(!result.ok);
        QVERIFY(result.spans.isEmpty());
    }

    // Issue 14: what a model prints after its last answer, and its error output, were kept whole
    // in memory (8 GB within 30 s); now the output is dropped and the error output's end kept.
    void floodedOutputIsNotKept_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<bool>("ok");
        QTest::newRow("output and error output") << QStringLiteral("both") << true;
        QTest::newRow("error output, then a failure") << QStringLiteral("stderr") << false;
    }
    void floodedOutputIsNotKept()
    {
        QFETCH(QString, mode);
        QFETCH(bool, ok);
        rusage before{};
        ::getrusage(RUSAGE_SELF, &before);
        Suggest::ModelOptions options;
        options.command = command("flood.py") + u' ' + mode;
        const Suggest::ModelResult result = Suggest::runModel(options, inputs());
        rusage after{};
        ::getrusage(RUSAGE_SELF, &after);
        QCOMPARE(result.ok, ok);
        // 300 MiB went through each pipe; what stayed in memory is far less (ru_maxrss is in KiB).
        // Not under AddressSanitizer: it holds freed memory in quarantine (256 MiB by default), so
        // the resident size measures the sanitizer, not what was kept; the native build checks it.
#ifndef __SANITIZE_ADDRESS__
        QVERIFY2(after.ru_maxrss - before.ru_maxrss < 150 * 1024,
                 qPrintable(QString::number(after.ru_maxrss - before.ru_maxrss)));
#endif
        if (!ok) {
            const QString message = result.diagnostics.first().toString();
            QVERIFY2(message.contains(QStringLiteral("the last words of the model")), qPrintable(message.left(300)));
            QVERIFY(message.size() < 2000);
        }
    }

    // Issue 14: a 3-million-character reason went into the sidecar whole.
    void longReasonIsCut()
    {
        Suggest::ModelOptions options;
        options.command = command("longreason.py");
        const Suggest::ModelResult result = Suggest::runModel(options, inputs());
        QVERIFY(result.ok);
        QCOMPARE(result.spans.first().size(), 1);
        const QString reason = Suggest::reason(result.spans.first().first());
        QCOMPARE(reason.size(), 2001);
        QVERIFY(reason.endsWith(u'\u2026'));
        QVERIFY(!result.diagnostics.isEmpty());
        QVERIFY2(result.diagnostics.first().toString().contains(
                     QStringLiteral("1 reasons longer than 2000 characters were cut")),
                 qPrintable(result.diagnostics.first().toString()));
    }

    // Issue 14: after a timeout only the direct child was killed; what it started ran on.
    void timeoutKillsTheWholeProcessGroup()
    {
        QTemporaryDir dir;
        const QString pidFile = dir.filePath(QStringLiteral("child.pid"));
        Suggest::ModelOptions options;
        options.command = command("spawner.py") + u' ' + pidFile;
        options.timeoutMs = 5000; // only for the model to start its child; not a measurement
        const Suggest::ModelResult result = Suggest::runModel(options, inputs());
        QVERIFY(!result.ok);
        QFile file(pidFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const qint64 pid = file.readAll().trimmed().toLongLong();
        QVERIFY(pid > 0);
        const auto running = [pid] {
            QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
            if (!stat.open(QIODevice::ReadOnly)) {
                return false;
            }
            const QByteArray line = stat.readAll();
            const qsizetype close = line.lastIndexOf(')');
            return close > 0 && line.mid(close + 2, 1) != "Z"; // a zombie has stopped running
        };
        QTRY_VERIFY(!running());
    }

    void modelName_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("name");
        QTest::newRow("script") << QStringLiteral("python3 models/my_model.py") << QStringLiteral("my_model");
        QTest::newRow("options") << QStringLiteral("python3 ner.py --threshold 0.5 -v") << QStringLiteral("0");
        QTest::newRow("quoted") << QStringLiteral("python3 \"my models/claim finder.py\"")
                                << QStringLiteral("claim finder");
        QTest::newRow("program") << QStringLiteral("/usr/local/bin/tagger") << QStringLiteral("tagger");
    }

    void modelName()
    {
        QFETCH(QString, command);
        QFETCH(QString, name);
        QCOMPARE(Suggest::modelName(command), name);
    }
};

QTEST_GUILESS_MAIN(ModelCommandTest)
#include "modelcommand_test.moc"
