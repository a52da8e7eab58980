// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testhelpers.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Scholiast::Testing;

// Issue 13, "never drop, duplicate or leak a span, whatever the input", from the command line:
// salvage and repair with backups, one span per range and label, accepted-only exports, and
// spans a format cannot hold reported instead of written broken. Drives the real scholiast-cli.
class IntegrityCliTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_case = 0;

    // A fresh folder holding a copy of the 24-span Seoul sample and its sidecar; returns the document.
    QString copySample()
    {
        const QString folder = m_dir.filePath(QStringLiteral("case%1").arg(++m_case));
        QDir().mkpath(folder);
        const QString name = QStringLiteral("seoul-market-report.txt");
        const QString document = folder + u'/' + name;
        QFile::copy(QStringLiteral(SCHOLIAST_SAMPLES "/") + name, document);
        QFile::copy(QStringLiteral(SCHOLIAST_SAMPLES "/") + name + QStringLiteral(".scholiast.json"),
                    document + QStringLiteral(".scholiast.json"));
        QFile::setPermissions(document + QStringLiteral(".scholiast.json"), QFile::ReadOwner | QFile::WriteOwner);
        return document;
    }

    // The span lines of a sidecar (the writer puts one per line), without the separating comma.
    static QList<QByteArray> spanLines(const QByteArray &json)
    {
        QList<QByteArray> lines;
        for (QByteArray line : json.split('\n')) {
            line = line.trimmed();
            if (line.endsWith(',')) {
                line.chop(1);
            }
            if (line.startsWith("{\"id\"") && line.endsWith('}')) {
                lines.append(line);
            }
        }
        return lines;
    }

    struct Counts
    {
        int placed = 0;
        int orphans = 0;
    };
    static Counts counts(const QByteArray &json)
    {
        Counts c;
        const QJsonArray spans = QJsonDocument::fromJson(json).object().value(QStringLiteral("annotations")).toArray();
        for (const QJsonValue &v : spans) {
            (v.toObject().value(QStringLiteral("orphan")).toBool() ? c.orphans : c.placed) += 1;
        }
        return c;
    }

    // A sidecar for `text` with the given spans (start, end, label, id), written by hand.
    static QByteArray sidecarFor(const QString &name, const QString &text,
                                 const QList<std::tuple<int, int, QString, QString>> &spans)
    {
        QJsonArray annotations;
        for (const auto &[start, end, label, id] : spans) {
            annotations.append(QJsonObject{{QStringLiteral("id"), id},
                                           {QStringLiteral("start"), start},
                                           {QStringLiteral("end"), end},
                                           {QStringLiteral("label"), label},
                                           {QStringLiteral("text"), text.mid(start, end - start)}});
        }
        const QJsonObject root{
            {QStringLiteral("format"), QStringLiteral("scholiast")},
            {QStringLiteral("version"), 1},
            {QStringLiteral("document"),
             QJsonObject{
                 {QStringLiteral("name"), name},
                 {QStringLiteral("sha256"),
                  QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex())},
                 {QStringLiteral("length"), text.size()}}},
            {QStringLiteral("annotations"), annotations}};
        return QJsonDocument(root).toJson();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Acceptance: 1 bad span of 24 -> 23 placed + 1 orphan, the bad span kept byte for byte.
    void repairKeepsEveryGoodSpanAndTheBadOneByteForByte_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("reason");
        QTest::newRow("end past the document")
            << QByteArray("\"end\": 27,") << QByteArray("\"end\": 99999,") << QStringLiteral("past the document");
        QTest::newRow("start not before end")
            << QByteArray("\"start\": 0, \"end\": 27,") << QByteArray("\"start\": 27, \"end\": 27,")
            << QStringLiteral("not before end");
        QTest::newRow("text differs, same SHA-256")
            << QByteArray("\"text\": \"Markets > Asia > Technology\"")
            << QByteArray("\"text\": \"Markets > Asia > Technologx\"") << QStringLiteral("differs from the document");
        QTest::newRow("unknown label") << QByteArray("\"label\": \"boilerplate\", \"text\": \"Markets")
                                       << QByteArray("\"label\": \"headline\", \"text\": \"Markets")
                                       << QStringLiteral("not in the schema");
        QTest::newRow("wrong field type")
            << QByteArray("\"end\": 27,") << QByteArray("\"end\": \"27\",") << QStringLiteral("must be a whole number");
    }

    void repairKeepsEveryGoodSpanAndTheBadOneByteForByte()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, reason);
        const QString document = copySample();
        const QString sidecar = document + QStringLiteral(".scholiast.json");
        QByteArray original = readAll(sidecar);
        QVERIFY(original.contains(from));
        original.replace(original.indexOf(from), from.size(), to);
        QVERIFY(writeAll(sidecar, original));
        const QByteArray badLine = spanLines(original).front();
        QCOMPARE(spanLines(original).size(), 24);

        Result r = run({QStringLiteral("validate"), document});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(reason), qPrintable(r.err));

        r = run({QStringLiteral("repair"), document});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("1 of 24 span(s) could not be placed")), qPrintable(r.out));
        QVERIFY2(r.out.contains(sidecar + QStringLiteral(".bak")), qPrintable(r.out));
        QCOMPARE(readAll(sidecar + QStringLiteral(".bak")), original);
        const QByteArray repaired = readAll(sidecar);
        QCOMPARE(counts(repaired).placed, 23);
        QCOMPARE(counts(repaired).orphans, 1);
        QVERIFY2(repaired.contains(badLine), repaired.constData()); // byte for byte
        QVERIFY(repaired.contains(reason.toUtf8()));
        r = run({QStringLiteral("validate"), document});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        // Saved again, the orphan is still there, unchanged.
        r = run({QStringLiteral("repair"), document});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("nothing to repair")));
        QCOMPARE(readAll(sidecar), repaired);
    }

    void reanchorAcceptsBadSpans()
    {
        const QString document = copySample();
        const QString sidecar = document + QStringLiteral(".scholiast.json");
        QByteArray original = readAll(sidecar);
        // The text is still in the document, but the offsets are off by 2: re-anchoring finds it.
        original.replace("\"start\": 106, \"end\": 141,", "\"start\": 108, \"end\": 143,");
        QVERIFY(writeAll(sidecar, original));
        QCOMPARE(run({QStringLiteral("validate"), document}).exitCode, 1);
        const Result r = run({QStringLiteral("reanchor"), document});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("kept in ") + sidecar + QStringLiteral(".bak")), qPrintable(r.err));
        QCOMPARE(readAll(sidecar + QStringLiteral(".bak")), original);
        const QByteArray repaired = readAll(sidecar);
        QCOMPARE(counts(repaired).placed, 24);
        QCOMPARE(counts(repaired).orphans, 0);
        QVERIFY(repaired.contains("\"id\": \"s0002\", \"start\": 106, \"end\": 141,"));
        QVERIFY(!repaired.contains("\"original\""));
        QCOMPARE(run({QStringLiteral("validate"), document}).exitCode, 0);
    }

    // A salvaged span placed again keeps what it had: a pending suggestion stays pending (it must
    // not become gold), its note and unknown fields stay. One whose field cannot be carried stays
    // an orphan, byte for byte.
    void placedAgainKeepsEveryField_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<bool>("placed");
        QTest::newRow("offsets moved") << QStringLiteral("offsets") << true;
        QTest::newRow("file truncated") << QStringLiteral("truncated") << true;
        QTest::newRow("a field of the wrong type") << QStringLiteral("type") << false;
        QTest::newRow("an unknown field with a lone surrogate") << QStringLiteral("surrogate") << false;
    }
    void placedAgainKeepsEveryField()
    {
        QFETCH(QString, damage);
        QFETCH(bool, placed);
        const QString document = copySample();
        const QString sidecar = document + QStringLiteral(".scholiast.json");
        QByteArray bytes = readAll(sidecar);
        const QByteArray before = "\"source\": \"manual\", \"status\": \"accepted\"},";
        const qsizetype at = bytes.indexOf(before, bytes.indexOf("{\"id\": \"s0002\""));
        QVERIFY(at > 0 && at < bytes.indexOf("{\"id\": \"s0003\""));
        bytes.replace(at, before.size(),
                      damage == u"type" ? QByteArray("\"source\": \"manual\", \"status\": 5},")
                          : damage == u"surrogate"
                          ? QByteArray("\"source\": \"manual\", \"status\": \"pending\", \"x_flag\": "
                                       "\"\\ud800\"},")
                          : QByteArray("\"source\": \"manual\", \"status\": \"pending\", \"note\": "
                                       "\"check\", \"x_flag\": [1, 2]},"));
        if (damage == u"offsets" || damage == u"surrogate") {
            bytes.replace("{\"id\": \"s0002\", \"start\": 106, \"end\": 141,",
                          "{\"id\": \"s0002\", \"start\": 108, \"end\": 143,");
        }
        if (damage == u"truncated") {
            bytes = bytes.left(bytes.indexOf("\"id\": \"s0015\"") + 40);
        }
        QVERIFY(writeAll(sidecar, bytes));
        const QByteArray line = [&] {
            for (const QByteArray &l : spanLines(bytes)) {
                if (l.startsWith("{\"id\": \"s0002\"")) {
                    return l;
                }
            }
            return QByteArray();
        }();
        QVERIFY(!line.isEmpty());

        const Result r = run({QStringLiteral("reanchor"), document});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QByteArray after = readAll(sidecar);
        QJsonObject span;
        for (const QJsonValue &v :
             QJsonDocument::fromJson(after).object().value(QStringLiteral("annotations")).toArray()) {
            if (v.toObject().value(QStringLiteral("id")) == QStringLiteral("s0002")) {
                span = v.toObject();
            }
        }
        QVERIFY2(!span.isEmpty(), after.constData());
        if (placed) {
            QVERIFY2(!span.value(QStringLiteral("orphan")).toBool(), after.constData());
            QCOMPARE(span.value(QStringLiteral("start")).toInteger(), 106);
            QCOMPARE(span.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
            QCOMPARE(span.value(QStringLiteral("note")).toString(), QStringLiteral("check"));
            QCOMPARE(span.value(QStringLiteral("x_flag")).toArray(), (QJsonArray{1, 2}));
            QVERIFY(!span.contains(QStringLiteral("original")));
            QCOMPARE(run({QStringLiteral("validate"), document}).exitCode, 0);
        } else {
            QVERIFY2(span.value(QStringLiteral("orphan")).toBool(), after.constData());
            QVERIFY2(after.contains(QByteArray(QByteArray("\"original\": ") + line)),
                     after.constData()); // byte for byte
        }
    }

    // Acceptance: a truncated sidecar recovers every complete line and leaves a .bak identical to
    // the original (numbered when a .bak is there already).
    void truncatedSidecarRecoversEveryCompleteLine()
    {
        const QString document = copySample();
        const QString sidecar = document + QStringLiteral(".scholiast.json");
        const QByteArray whole = readAll(sidecar);
        const QByteArray truncated = whole.left(whole.indexOf("\"id\": \"s0015\"") + 40); // inside span 15
        QVERIFY(writeAll(sidecar, truncated));
        const QList<QByteArray> complete = spanLines(truncated);
        QCOMPARE(complete.size(), 14);
        QVERIFY(writeAll(sidecar + QStringLiteral(".bak"), "an older backup"));

        const Result r = run({QStringLiteral("repair"), document});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("not valid JSON: 14 complete span line(s) recovered")),
                 qPrintable(r.out));
        const QString backup = sidecar + QStringLiteral(".1.bak");
        QVERIFY2(r.out.contains(backup), qPrintable(r.out));
        QCOMPARE(readAll(backup), truncated);
        QCOMPARE(readAll(sidecar + QStringLiteral(".bak")), QByteArray("an older backup"));
        const QByteArray repaired = readAll(sidecar);
        QCOMPARE(counts(repaired).orphans, 14);
        for (const QByteArray &line : complete) {
            QVERIFY2(repaired.contains(line), line.constData());
        }
        QVERIFY(repaired.contains("{\"name\": \"quote\", \"color\": \"#0072b2\", \"key\": \"2\"}")); // labels recovered
        QCOMPARE(run({QStringLiteral("validate"), document}).exitCode, 0);
        // Re-anchoring places them all again.
        const Result placed = run({QStringLiteral("reanchor"), document});
        QVERIFY2(placed.exitCode == 0, qPrintable(placed.err));
        QCOMPARE(counts(readAll(sidecar)).placed, 14);
        QCOMPARE(counts(readAll(sidecar)).orphans, 0);
    }

    void duplicatesAreErrorsAndRepairRemovesThem()
    {
        const QString document = copySample();
        const QString sidecar = document + QStringLiteral(".scholiast.json");
        QByteArray json = readAll(sidecar);
        const QByteArray line = spanLines(json).at(4);
        QByteArray twin = line;
        twin.replace("\"id\": \"s0005\"", "\"id\": \"s0005b\"");
        json.replace(line, QByteArray(line + ",\n  " + twin));
        QVERIFY(writeAll(sidecar, json));
        Result r = run({QStringLiteral("validate"), document});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("\"s0005b\"")) && r.err.contains(QStringLiteral("\"s0005\"")),
                 qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("same range 213-317 and label \"claim\"")));
        r = run({QStringLiteral("repair"), document});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("1 exact duplicate(s) removed")), qPrintable(r.out));
        QCOMPARE(counts(readAll(sidecar)).placed, 24);
        QCOMPARE(counts(readAll(sidecar)).orphans, 0);
        QCOMPARE(readAll(sidecar + QStringLiteral(".bak")), json);
        QCOMPARE(run({QStringLiteral("validate"), document}).exitCode, 0);

        // The same range with another label is two spans, allowed.
        json = readAll(sidecar);
        QByteArray other = spanLines(json).at(4);
        other.replace("\"id\": \"s0005\"", "\"id\": \"s0005q\"")
            .replace("\"label\": \"claim\"", "\"label\": \"quote\"");
        const QByteArray fifth = spanLines(json).at(4);
        json.replace(fifth, QByteArray(fifth + ",\n  " + other));
        QVERIFY(writeAll(sidecar, json));
        r = run({QStringLiteral("validate"), document});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void importingTwiceSkipsExactDuplicates()
    {
        const QString document = copySample();
        const QString folder = QFileInfo(document).path();
        const QString exported = folder + QStringLiteral("/spans.jsonl");
        Result r = run({QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("doccano"),
                        QStringLiteral("-o"), exported, document});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (int round = 0; round < 2; ++round) {
            r = run({QStringLiteral("import"), QStringLiteral("--from"), QStringLiteral("doccano"),
                     QStringLiteral("--merge"), QStringLiteral("--out-dir"), folder, exported});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QVERIFY2(r.out.contains(QStringLiteral("24 exact duplicates skipped")), qPrintable(r.out));
        }
        QCOMPARE(counts(readAll(document + QStringLiteral(".scholiast.json"))).placed, 24);
        QCOMPARE(run({QStringLiteral("validate"), document}).exitCode, 0);
        // A merge of a sidecar with itself writes each span once and says how many were repeated.
        const QString sidecar = document + QStringLiteral(".scholiast.json");
        r = run({QStringLiteral("merge"), QStringLiteral("--strategy"), QStringLiteral("union"),
                 folder + QStringLiteral("/merged.scholiast.json"), sidecar, sidecar});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("24 annotations merged"))
                     && r.out.contains(QStringLiteral("24 exact duplicates")),
                 qPrintable(r.out));
    }

    // Acceptance: an export after suggestions contains only accepted spans.
    void exportAfterSuggestionsIsAcceptedOnly()
    {
        const QString document = copySample();
        const QString folder = QFileInfo(document).path();
        {
            // Without the sample's quotes, so that the quote suggester has something to suggest.
            QJsonObject root = QJsonDocument::fromJson(readAll(document + QStringLiteral(".scholiast.json"))).object();
            QJsonArray kept;
            for (const QJsonValue &v : root.value(QStringLiteral("annotations")).toArray()) {
                if (v.toObject().value(QStringLiteral("label")).toString() != u"quote") {
                    kept.append(v);
                }
            }
            root.insert(QStringLiteral("annotations"), kept);
            QVERIFY(writeAll(document + QStringLiteral(".scholiast.json"), QJsonDocument(root).toJson()));
        }
        Result r = run({QStringLiteral("suggest"), QStringLiteral("--with"), QStringLiteral("quotes"), document});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray spans = QJsonDocument::fromJson(readAll(document + QStringLiteral(".scholiast.json")))
                                     .object()
                                     .value(QStringLiteral("annotations"))
                                     .toArray();
        int accepted = 0;
        int pending = 0;
        for (const QJsonValue &v : spans) {
            const QString status = v.toObject().value(QStringLiteral("status")).toString();
            (status == u"pending" ? pending : accepted) += status == u"rejected" ? 0 : 1;
        }
        QVERIFY(pending > 0);
        const auto exportedLabels = [&](const QStringList &extra) {
            const QString out = folder + QStringLiteral("/out.jsonl");
            const Result e = run(QStringList{QStringLiteral("export"), QStringLiteral("--to"),
                                             QStringLiteral("doccano"), QStringLiteral("-o"), out}
                                 + extra + QStringList{document});
            [&] { QVERIFY2(e.exitCode == 0, qPrintable(e.err)); }();
            const QJsonObject record = QJsonDocument::fromJson(readAll(out).trimmed()).object();
            return std::pair{qsizetype(record.value(QStringLiteral("label")).toArray().size()), e.err};
        };
        const auto [gold, message] = exportedLabels({});
        QCOMPARE(gold, qsizetype(accepted));
        QVERIFY2(message.contains(QStringLiteral("%1 spans not accepted left out").arg(pending)), qPrintable(message));
        QCOMPARE(exportedLabels({QStringLiteral("--status"), QStringLiteral("accepted,pending,rejected")}).first,
                 qsizetype(spans.size()));
        QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("doccano"),
                      QStringLiteral("--status"), QStringLiteral("gold"), document})
                     .exitCode,
                 2);

        // agree scores accepted spans: against a copy without the suggestions, all agree.
        QJsonObject goldSidecar =
            QJsonDocument::fromJson(readAll(document + QStringLiteral(".scholiast.json"))).object();
        QJsonArray acceptedSpans;
        for (const QJsonValue &v : goldSidecar.value(QStringLiteral("annotations")).toArray()) {
            if (v.toObject().value(QStringLiteral("status")).toString() != u"pending") {
                acceptedSpans.append(v);
            }
        }
        goldSidecar.insert(QStringLiteral("annotations"), acceptedSpans);
        const QString goldPath = folder + QStringLiteral("/goldSidecar.scholiast.json");
        QVERIFY(writeAll(goldPath, QJsonDocument(goldSidecar).toJson()));
        const auto alpha = [&](const QStringList &extra) {
            const Result a = run(QStringList{QStringLiteral("agree"), QStringLiteral("--json")} + extra
                                 + QStringList{goldPath, document + QStringLiteral(".scholiast.json")});
            return QJsonDocument::fromJson(a.out.toUtf8()).object().value(QStringLiteral("alpha")).toDouble(-1);
        };
        QCOMPARE(alpha({}), 1.0);
        QVERIFY(alpha({QStringLiteral("--status"), QStringLiteral("accepted,pending")}) < 1.0);
        r = run({QStringLiteral("diff"), goldPath, document + QStringLiteral(".scholiast.json")});
        QVERIFY2(r.out.trimmed().isEmpty() || !r.out.contains(QStringLiteral("spurious")),
                 qPrintable(r.out.left(1000)));
    }

    // Acceptance: a span of a line break only is reported, never written empty.
    void lineBreakOnlySpanIsReportedNotWrittenEmpty()
    {
        const QString folder = m_dir.filePath(QStringLiteral("linebreak"));
        QDir().mkpath(folder);
        const QString text = QStringLiteral("Title\n\nBody text here.\nMore.\n");
        const QString document = folder + QStringLiteral("/doc.txt");
        QVERIFY(writeAll(document, text.toUtf8()));
        QVERIFY(writeAll(document + QStringLiteral(".scholiast.json"),
                         sidecarFor(QStringLiteral("doc.txt"), text,
                                    {{0, 5, QStringLiteral("boilerplate"), QStringLiteral("a")},
                                     {5, 6, QStringLiteral("boilerplate"), QStringLiteral("b")},
                                     {7, 23, QStringLiteral("claim"), QStringLiteral("c")},
                                     {7, 24, QStringLiteral("quote"), QStringLiteral("d")}})));
        QVERIFY2(run({QStringLiteral("validate"), document}).exitCode == 0,
                 qPrintable(run({QStringLiteral("validate"), document}).err));
        const QString out = folder + QStringLiteral("/brat");
        Result r = run({QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("brat"), QStringLiteral("-o"),
                        out, document});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(
            r.err.contains(QStringLiteral("span b (5-6, boilerplate) not written to brat: brat cannot hold a span of "
                                          "white space or line breaks only")),
            qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(out + QStringLiteral("/doc.ann")));
        r = run({QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("brat"),
                 QStringLiteral("--allow-loss"), QStringLiteral("-o"), out, document});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("warning: span b (5-6, boilerplate)")));
        // Trimming is never silent: span c ends on a line break brat does not keep.
        QVERIFY2(r.err.contains(QStringLiteral("span c (7-23): brat does not keep the line break")), qPrintable(r.err));
        const QByteArray ann = readAll(out + QStringLiteral("/doc.ann"));
        const QList<QByteArray> lines = ann.trimmed().split('\n');
        int entities = 0;
        for (const QByteArray &line : lines) {
            if (line.startsWith('T')) {
                ++entities;
                QVERIFY2(!line.split('\t').value(2).isEmpty(), line.constData()); // never an empty text
            }
        }
        QCOMPARE(entities, 3);
    }

    void diffThatCannotBeWrittenFails_data()
    {
        QTest::addColumn<bool>("folders");
        QTest::newRow("one document: its lines go out as they are made") << false;
        QTest::newRow("folders: the lines wait until every document is read") << true;
    }

    // A full disk under standard output: `diff` says so and fails, never exit status 0 with its
    // lines lost (it printed nothing and succeeded before).
    void diffThatCannotBeWrittenFails()
    {
        QFETCH(bool, folders);
        const QString reference = copySample();
        const QString candidate = copySample();
        const QString sidecar = candidate + QStringLiteral(".scholiast.json");
        QByteArray bytes = readAll(sidecar);
        const QByteArray claim = "\"label\": \"claim\"";
        QVERIFY(bytes.contains(claim));
        QVERIFY(writeAll(sidecar, bytes.replace(claim, "\"label\": \"quote\"")));
        const QStringList arguments{QStringLiteral("diff"),
                                    folders ? QFileInfo(reference).path()
                                            : reference + QStringLiteral(".scholiast.json"),
                                    folders ? QFileInfo(candidate).path() : sidecar};
        const Result shown = run(arguments);
        QVERIFY2(shown.exitCode == 0, qPrintable(shown.err));
        QVERIFY(shown.out.contains(QStringLiteral("label-mismatch")));

        QProcess process;
        process.setStandardOutputFile(QStringLiteral("/dev/full"));
        process.start(qEnvironmentVariable("SCHOLIAST_CLI_UNDER_TEST", QStringLiteral(SCHOLIAST_CLI)), arguments);
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 1);
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(err.contains(QStringLiteral("standard output: error: cannot write")), qPrintable(err));
    }

    // A warning about the export as a whole names the output it concerns, not "<input>".
    void exportWarningsNameTheOutput_data()
    {
        QTest::addColumn<QString>("output");
        QTest::addColumn<QString>("named");
        QTest::newRow("a file") << QStringLiteral("gold.jsonl") << QStringLiteral("gold.jsonl");
        QTest::newRow("standard output") << QStringLiteral("-") << QStringLiteral("standard output");
    }
    void exportWarningsNameTheOutput()
    {
        QFETCH(QString, output);
        QFETCH(QString, named);
        const QString document = copySample(); // its spans carry annotator and source: doccano drops them
        const QString folder = QFileInfo(document).path();
        const QString target = output == u"-" ? output : folder + u'/' + output;
        const Result r = run({QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("doccano"),
                              QStringLiteral("-o"), target, document});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString expected =
            (output == u"-" ? named : target) + QStringLiteral(": warning: doccano has no place for these span fields");
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("<input>")), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(IntegrityCliTest)
#include "integrity_cli_test.moc"
