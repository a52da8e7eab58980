// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testhelpers.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Scholiast::Testing;

// scholiast-cli suggest (issue 9), driven as a user or a script would.
class SuggestCliTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static QJsonArray spansOf(const QString &sidecar)
    {
        return QJsonDocument::fromJson(readAll(sidecar)).object().value(QStringLiteral("annotations")).toArray();
    }

    // A copy of a sample document (and its sidecar when asked) in its own folder.
    QString copySample(const QString &name, const QString &folder, bool withSidecar)
    {
        const QString dir = m_dir.filePath(folder);
        QDir().mkpath(dir);
        const QString document = dir + u'/' + name;
        QFile::copy(QStringLiteral(SCHOLIAST_SAMPLES "/") + name, document);
        if (withSidecar) {
            QFile::copy(QStringLiteral(SCHOLIAST_SAMPLES "/") + name + QStringLiteral(".scholiast.json"),
                        document + QStringLiteral(".scholiast.json"));
            QFile::setPermissions(document + QStringLiteral(".scholiast.json"),
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
        return document;
    }

    static QString model(const char *script)
    {
        return QStringLiteral("%1 %2/%3")
            .arg(QStringLiteral(SCHOLIAST_PYTHON), QStringLiteral(SCHOLIAST_MODELS), QString::fromLatin1(script));
    }

private Q_SLOTS:
    void findsEveryQuotationInTheSamples_data()
    {
        QTest::addColumn<QString>("sample");
        QTest::addColumn<QString>("with");
        QTest::addColumn<QString>("label");
        for (const QString &name :
             QDir(QStringLiteral(SCHOLIAST_SAMPLES)).entryList({QStringLiteral("*.txt")}, QDir::Files)) {
            QTest::newRow(qPrintable(name + QStringLiteral(" quotes")))
                << name << QStringLiteral("quotes") << QStringLiteral("quote");
            QTest::newRow(qPrintable(name + QStringLiteral(" boilerplate")))
                << name << QStringLiteral("boilerplate") << QStringLiteral("boilerplate");
        }
    }

    // Recall and precision 1 against the samples' hand-made sidecars (docs/SUGGEST.md).
    void findsEveryQuotationInTheSamples()
    {
        QFETCH(QString, sample);
        QFETCH(QString, with);
        QFETCH(QString, label);
        const QString document = copySample(sample, QStringLiteral("recall-") + with, false);
        const Result r =
            run({QStringLiteral("suggest"), QStringLiteral("--with"), with, QStringLiteral("--json"), document});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        QSet<QString> suggested;
        for (const QJsonValue &v : QJsonDocument::fromJson(r.out.toUtf8()).array()) {
            const QJsonObject o = v.toObject();
            QCOMPARE(o.value(QStringLiteral("document")).toString(), document);
            QCOMPARE(o.value(QStringLiteral("label")).toString(), label);
            QVERIFY(!o.value(QStringLiteral("reason")).toString().isEmpty());
            QVERIFY(o.value(QStringLiteral("source")).toString().startsWith(QStringLiteral("rule:")));
            suggested.insert(QStringLiteral("%1-%2")
                                 .arg(o.value(QStringLiteral("start")).toInt())
                                 .arg(o.value(QStringLiteral("end")).toInt()));
        }
        QSet<QString> gold;
        for (const QJsonValue &v :
             spansOf(QStringLiteral(SCHOLIAST_SAMPLES "/") + sample + QStringLiteral(".scholiast.json"))) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("label")).toString() != label) {
                continue;
            }
            // Without the attribution labels the rule gives a quotation in two pieces as two spans.
            const QJsonArray pieces = o.value(QStringLiteral("fragments")).toArray();
            if (pieces.isEmpty()) {
                gold.insert(QStringLiteral("%1-%2 %3")
                                .arg(o.value(QStringLiteral("start")).toInt())
                                .arg(o.value(QStringLiteral("end")).toInt())
                                .arg(o.value(QStringLiteral("text")).toString()));
            }
            for (const QJsonValue &piece : pieces) {
                gold.insert(QStringLiteral("%1-%2 (a piece)")
                                .arg(piece.toArray().at(0).toInt())
                                .arg(piece.toArray().at(1).toInt()));
            }
        }
        QStringList missed;
        for (const QString &g : std::as_const(gold)) {
            if (!suggested.contains(g.section(u' ', 0, 0))) {
                missed.append(g);
            }
        }
        QVERIFY2(missed.isEmpty(), qPrintable(missed.join(u'\n')));
        QCOMPARE(suggested.size(), gold.size()); // nothing spurious either
    }

    void addsPendingSpansAndKeepsExistingOnes()
    {
        const QString document = copySample(QStringLiteral("harbour-bridge-vote.txt"), QStringLiteral("write"), true);
        const QString sidecar = document + QStringLiteral(".scholiast.json");
        const QJsonArray before = spansOf(sidecar);
        // The sample already has every quote and boilerplate line: a rules file adds new spans.
        const QString rules = m_dir.filePath(QStringLiteral("names.json"));
        QFile file(rules);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"rules": [{"label": "place", "words": ["Port Ardagh", "West Quay"], "case_sensitive": true}]})");
        file.close();
        Result r = run({QStringLiteral("suggest"), QStringLiteral("--with"), QStringLiteral("quotes"),
                        QStringLiteral("--with"), rules, document});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral(": 7 suggestions added (14 already there)")), qPrintable(r.out + r.err));
        QVERIFY(r.err.contains(QStringLiteral("warning: label \"place\" added to the labels")));
        const QJsonArray after = spansOf(sidecar);
        QCOMPARE(after.size(), before.size() + 7);
        for (const QJsonValue &v : before) {
            QVERIFY(after.contains(v)); // every existing span kept exactly
        }
        int pending = 0;
        for (const QJsonValue &v : after) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("status")).toString() == u"pending") {
                ++pending;
                QCOMPARE(o.value(QStringLiteral("source")).toString(), QStringLiteral("rule:names"));
                QVERIFY(o.value(QStringLiteral("reason"))
                            .toString()
                            .startsWith(QStringLiteral("rules file: names matched word list")));
            }
        }
        QCOMPARE(pending, 7);
        QCOMPARE(run({QStringLiteral("validate"), document}).exitCode, 0);

        // A second run adds nothing and leaves the file byte for byte as it was.
        const QByteArray bytes = readAll(sidecar);
        r = run({QStringLiteral("suggest"), QStringLiteral("--with"), rules, document});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral(": 0 suggestions added (7 already there)")));
        QCOMPARE(readAll(sidecar), bytes);
    }

    // Acceptance: a model script's spans land at exact code points after emoji.
    void modelCommandOffsetsAreCodePoints()
    {
        const QString dir = m_dir.filePath(QStringLiteral("model"));
        QDir().mkpath(dir);
        const QString document = dir + QStringLiteral("/emoji.txt");
        QFile file(document);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral(
                       "\U0001F1F0\U0001F1F7 Market note \U0001F469\u200D\U0001F4BB\r\nThe harbour bridge \U0001F309 "
                       "vote: \u201Cthe bridge\u201D.\r\n")
                       .toUtf8());
        file.close();
        const Result r = run({QStringLiteral("suggest"), QStringLiteral("--command"), model("good.py"), document});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        const QJsonArray spans = spansOf(document + QStringLiteral(".scholiast.json"));
        QStringList got;
        for (const QJsonValue &v : spans) {
            const QJsonObject o = v.toObject();
            got.append(QStringLiteral("%1-%2 %3")
                           .arg(o.value(QStringLiteral("start")).toInt())
                           .arg(o.value(QStringLiteral("end")).toInt())
                           .arg(o.value(QStringLiteral("text")).toString()));
            QCOMPARE(o.value(QStringLiteral("source")).toString(), QStringLiteral("model:good"));
            QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
        }
        // Python: text.find("bridge") == 32 and 52 (str indices are code points; UTF-16 would say 35, 55)
        QCOMPARE(got,
                 (QStringList{QStringLiteral("0-2 \U0001F1F0\U0001F1F7"),
                              QStringLiteral("15-18 \U0001F469\u200D\U0001F4BB"), QStringLiteral("32-38 bridge"),
                              QStringLiteral("39-40 \U0001F309"), QStringLiteral("52-58 bridge")}));
        QCOMPARE(run({QStringLiteral("validate"), document}).exitCode, 0);
    }

    void failingModelWritesNothing_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("message");
        QTest::newRow("crash") << QStringLiteral("crash.py") << QStringLiteral("exited with status 3");
        QTest::newRow("garbage") << QStringLiteral("garbage.py") << QStringLiteral("output line 1: not JSON");
        QTest::newRow("out of range") << QStringLiteral("outofrange.py") << QStringLiteral("is past the document");
        QTest::newRow("hang") << QStringLiteral("hang.py") << QStringLiteral("no answer for this document within 1 s");
    }

    void failingModelWritesNothing()
    {
        QFETCH(QString, script);
        QFETCH(QString, message);
        const QString folder = QStringLiteral("fail-") + script;
        const QString a = copySample(QStringLiteral("seoul-market-report.txt"), folder, true);
        const QString b = copySample(QStringLiteral("climate-panel-bom.txt"), folder, false);
        const QByteArray before = readAll(a + QStringLiteral(".scholiast.json"));
        const Result r = run({QStringLiteral("suggest"), QStringLiteral("--timeout"), QStringLiteral("1"),
                              QStringLiteral("--command"), model(qPrintable(script)), a, b});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("nothing was written")));
        QVERIFY(r.err.contains(QStringLiteral("seoul-market-report.txt: error:"))
                || r.err.contains(QStringLiteral("climate-panel-bom.txt: error:")));
        QCOMPARE(readAll(a + QStringLiteral(".scholiast.json")), before);
        QVERIFY(!QFile::exists(b + QStringLiteral(".scholiast.json")));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("no suggester") << QStringList{QStringLiteral("suggest"), QStringLiteral("a.txt")} << 2;
        QTest::newRow("no document") << QStringList{QStringLiteral("suggest"), QStringLiteral("--with"),
                                                    QStringLiteral("quotes")}
                                     << 2;
        QTest::newRow("unknown suggester") << QStringList{QStringLiteral("suggest"), QStringLiteral("--with"),
                                                          QStringLiteral("nouns"), QStringLiteral("a.txt")}
                                           << 2;
        QTest::newRow("missing document") << QStringList{QStringLiteral("suggest"), QStringLiteral("--with"),
                                                         QStringLiteral("quotes"), QStringLiteral("/nonexistent/a.txt")}
                                          << 1;
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        const Result r = run(arguments);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY(!r.err.isEmpty());
    }

    // `agree GOLD SUGGESTIONS` measures a suggester (docs/SUGGEST.md).
    // Issue 19, point 7: with the Quote Attribution labels the quotes rule says who said it. On
    // the bundled sample, its suggestions (the quote in two pieces, sources and relations) are
    // the hand-made ones exactly.
    void attributesTheSampleQuotations()
    {
        const QString document = copySample(QStringLiteral("flood-fund-quotes.txt"), QStringLiteral("attrib"), true);
        const QString sidecar = document + QStringLiteral(".scholiast.json");
        const QString gold = QStringLiteral(SCHOLIAST_SAMPLES "/flood-fund-quotes.txt.scholiast.json");
        // The claims and the labels stay; quotations, sources and relations go.
        QJsonObject root = QJsonDocument::fromJson(readAll(sidecar)).object();
        QJsonArray kept;
        for (const QJsonValue &v : root.value(QStringLiteral("annotations")).toArray()) {
            const QString label = v.toObject().value(QStringLiteral("label")).toString();
            if (label != u"quote" && label != u"source") {
                kept.append(v);
            }
        }
        root.insert(QStringLiteral("annotations"), kept);
        root.insert(QStringLiteral("relations"), QJsonArray());
        QVERIFY(writeAll(sidecar, QJsonDocument(root).toJson()));

        Result r = run({QStringLiteral("suggest"), QStringLiteral("--with"), QStringLiteral("quotes"), document});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral(": 9 suggestions added, 6 relations")), qPrintable(r.out + r.err));
        QCOMPARE(run({QStringLiteral("validate"), document}).exitCode, 0);
        const QJsonArray relations =
            QJsonDocument::fromJson(readAll(sidecar)).object().value(QStringLiteral("relations")).toArray();
        QCOMPARE(relations.size(), 6);
        for (const QJsonValue &v : relations) {
            QCOMPARE(v.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
            QCOMPARE(v.toObject().value(QStringLiteral("source")).toString(), QStringLiteral("rule:quotes"));
        }

        // Gold means accepted: scored as they are, the suggestions are not there yet...
        r = run({QStringLiteral("agree"), QStringLiteral("--json"), gold, sidecar});
        QCOMPARE(r.exitCode, 0);
        QJsonObject scores = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(scores.value(u"relations")
                     .toObject()
                     .value(u"micro")
                     .toObject()
                     .value(u"exact")
                     .toObject()
                     .value(u"candidate"),
                 0);
        // ...and taken as accepted, sources and relations match the hand-made ones exactly.
        r = run({QStringLiteral("agree"), QStringLiteral("--json"), QStringLiteral("--status"),
                 QStringLiteral("accepted,pending"), gold, sidecar});
        QCOMPARE(r.exitCode, 0);
        scores = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonObject relationScores =
            scores.value(u"relations").toObject().value(u"micro").toObject().value(u"exact").toObject();
        QCOMPARE(relationScores.value(u"reference").toInt(), 6);
        QCOMPARE(relationScores.value(u"f1").toDouble(), 1.0);
        const QJsonObject sources =
            scores.value(u"labels").toObject().value(u"source").toObject().value(u"exact").toObject();
        QCOMPARE(sources.value(u"reference").toInt(), 5);
        QCOMPARE(sources.value(u"f1").toDouble(), 1.0);

        // A second run adds nothing and leaves the file byte for byte as it was.
        const QByteArray bytes = readAll(sidecar);
        r = run({QStringLiteral("suggest"), QStringLiteral("--with"), QStringLiteral("quotes"), document});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral(": 0 suggestions added (9 already there)\n")), qPrintable(r.out));
        QCOMPARE(readAll(sidecar), bytes);

        // Exports: the gold dataset has no pending relation; asked for, they say they are pending.
        const QString out = m_dir.filePath(QStringLiteral("attrib.jsonl"));
        r = run({QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("jsonl"), QStringLiteral("-o"), out,
                 document});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!readAll(out).contains("\"relations\""));
        r = run({QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("jsonl"), QStringLiteral("--status"),
                 QStringLiteral("all"), QStringLiteral("-o"), out, document});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray exported =
            QJsonDocument::fromJson(readAll(out)).object().value(QStringLiteral("relations")).toArray();
        QCOMPARE(exported.size(), 6);
        QCOMPARE(exported.first().toObject().value(u"status").toString(), QStringLiteral("pending"));
    }

    void agreeMeasuresASuggester()
    {
        const QString document = copySample(QStringLiteral("seoul-market-report.txt"), QStringLiteral("agree"), false);
        QCOMPARE(
            run({QStringLiteral("suggest"), QStringLiteral("--with"), QStringLiteral("quotes"), document}).exitCode, 0);
        const Result r = run({QStringLiteral("agree"), QStringLiteral("--json"),
                              QStringLiteral(SCHOLIAST_SAMPLES "/seoul-market-report.txt.scholiast.json"),
                              document + QStringLiteral(".scholiast.json")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("\"quote\"")), qPrintable(r.out));
    }
};

QTEST_GUILESS_MAIN(SuggestCliTest)
#include "suggest_cli_test.moc"
