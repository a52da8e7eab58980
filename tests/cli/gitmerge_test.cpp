// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "document.h"
#include "formats/scholiastjson.h"
#include "testspans.h"
#include "threewaymerge.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Scholiast;

// Issue 20, "git as the team's shared store": two branches edit one sidecar, real git merges
// them through `scholiast-cli merge-driver` (registered by `scholiast-cli git-setup`), and the
// result is checked span by span: no invalid file, no lost span, every true conflict marked.
class GitMergeTest : public QObject
{
    Q_OBJECT

public:
    using Edit = std::function<void(QList<Annotation> &spans, LabelSchema &labels)>;
    using Check = std::function<void(const QList<Annotation> &spans, const LabelSchema &labels)>;
    struct Scenario
    {
        const char *name;
        Edit ours;
        Edit theirs;
        bool clean;
        Check check;
    };

private:
    QTemporaryDir m_dir;
    int m_case = 0;

    // A short news item with an emoji, CRLF line ends and Japanese, so that offsets are code points.
    static QString text()
    {
        return QStringLiteral("Harbour council votes 7-2 for the bridge \U0001F309.\r\n"
                              "Mayor Lee said: \u201CWe will build it by 2027.\u201D\r\n"
                              "\u6E2F\u6E7E\u306E\u6A4B\u306F2027\u5E74\u306B\u958B\u901A\u3059\u308B\u3002\r\n"
                              "Share this article\r\n");
    }

    // The span over the first occurrence of `needle`, offsets in code points.
    static Annotation span(const QString &needle, const QString &label, const QString &id)
    {
        const QString all = text();
        const qsizetype at = all.indexOf(needle);
        const qint64 start = QStringView(all).left(at).toUcs4().size();
        return Testing::withId(
            Testing::withText(Annotation(CodePoint(start), CodePoint(start + needle.toUcs4().size()), label), needle),
            id);
    }

    static QList<Annotation> baseSpans()
    {
        return {span(QStringLiteral("Harbour council votes 7-2 for the bridge"), QStringLiteral("claim"),
                     QStringLiteral("s1")),
                span(QStringLiteral("We will build it by 2027."), QStringLiteral("quote"), QStringLiteral("s2")),
                span(QStringLiteral("\u6E2F\u6E7E\u306E\u6A4B"), QStringLiteral("claim"), QStringLiteral("s3")),
                span(QStringLiteral("Share this article"), QStringLiteral("boilerplate"), QStringLiteral("s4"))};
    }

    static Annotation *find(QList<Annotation> &spans, const QString &id)
    {
        for (Annotation &a : spans) {
            if (a.id == id) {
                return &a;
            }
        }
        return nullptr;
    }

    static QList<Annotation> withId(const QList<Annotation> &spans, const QString &id)
    {
        QList<Annotation> found;
        for (const Annotation &a : spans) {
            if (a.id == id || ThreeWayMerge::conflictGroup(a) == id) {
                found.append(a);
            }
        }
        return found;
    }

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    static Run run(const QString &program, const QStringList &arguments, const QString &folder)
    {
        QProcess process;
        process.setWorkingDirectory(folder);
        process.start(program, arguments);
        if (!process.waitForFinished(120000)) {
            return {};
        }
        return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    static Run git(const QString &folder, const QStringList &arguments)
    {
        return run(QStringLiteral("git"), arguments, folder);
    }

    static void writeSidecar(const QString &folder, const QList<Annotation> &spans, const LabelSchema &labels)
    {
        const Document document = Document::fromText(text(), QStringLiteral("bridge.txt"));
        ScholiastJson::Sidecar sidecar;
        sidecar.documentName = QStringLiteral("bridge.txt");
        sidecar.documentSha256 = document.sha256();
        sidecar.documentLength = document.length();
        sidecar.labels = labels;
        sidecar.annotations = spans;
        sidecar.document = document;
        Diagnostics diagnostics;
        QVERIFY(ScholiastJson::write(QDir(folder).filePath(QStringLiteral("bridge.txt.scholiast.json")), sidecar,
                                     diagnostics));
    }

    static std::optional<ScholiastJson::Sidecar> readSidecar(const QString &folder)
    {
        Diagnostics diagnostics;
        return ScholiastJson::read(QDir(folder).filePath(QStringLiteral("bridge.txt.scholiast.json")), diagnostics);
    }

    // Commits `edit` of the sidecar now checked out in `folder` on the current branch.
    static void commitEdit(const QString &folder, const Edit &edit, const QString &message)
    {
        auto sidecar = readSidecar(folder);
        QVERIFY(sidecar);
        edit(sidecar->annotations, sidecar->labels);
        writeSidecar(folder, sidecar->annotations, sidecar->labels);
        QCOMPARE(git(folder, {QStringLiteral("commit"), QStringLiteral("-qam"), message}).exitCode, 0);
    }

    static const QList<Scenario> &scenarios();

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty()) {
            QSKIP("git is not installed (tools/debian-packages.txt lists it)");
        }
    }

    void twoBranchesOneMerge_data()
    {
        QTest::addColumn<int>("scenario");
        for (int i = 0; i < scenarios().size(); ++i) {
            QTest::newRow(scenarios().at(i).name) << i;
        }
    }

    void twoBranchesOneMerge()
    {
        QFETCH(int, scenario);
        const Scenario &s = scenarios().at(scenario);
        const QString folder = m_dir.filePath(QStringLiteral("repo%1").arg(++m_case));
        QVERIFY(QDir().mkpath(folder));
        QCOMPARE(
            git(folder, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")})
                .exitCode,
            0);
        git(folder, {QStringLiteral("config"), QStringLiteral("user.name"), QStringLiteral("Test")});
        git(folder, {QStringLiteral("config"), QStringLiteral("user.email"), QStringLiteral("test@example.org")});
        const Run setup = run(QStringLiteral(SCHOLIAST_CLI), {QStringLiteral("git-setup"), folder}, folder);
        QVERIFY2(setup.exitCode == 0, qPrintable(setup.err));
        QVERIFY(setup.out.contains(u"added *.scholiast.json merge=scholiast"));

        QFile document(QDir(folder).filePath(QStringLiteral("bridge.txt")));
        QVERIFY(document.open(QIODevice::WriteOnly));
        document.write(text().toUtf8());
        document.close();
        writeSidecar(folder, baseSpans(), LabelSchema::defaultSchema());
        git(folder, {QStringLiteral("add"), QStringLiteral(".")});
        QCOMPARE(git(folder, {QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("base")}).exitCode, 0);

        git(folder, {QStringLiteral("checkout"), QStringLiteral("-qb"), QStringLiteral("theirs")});
        commitEdit(folder, s.theirs, QStringLiteral("theirs"));
        git(folder, {QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("main")});
        commitEdit(folder, s.ours, QStringLiteral("ours"));

        const Run merge = git(folder, {QStringLiteral("merge"), QStringLiteral("--no-edit"), QStringLiteral("theirs")});
        QCOMPARE(merge.exitCode == 0, s.clean);
        if (!s.clean) {
            QVERIFY2(merge.out.contains(u"CONFLICT") || merge.err.contains(u"CONFLICT"),
                     qPrintable(merge.out + merge.err));
        }
        // Whatever git says, the file is a valid sidecar of the document, as the window reads it.
        const Run validate =
            run(QStringLiteral(SCHOLIAST_CLI),
                {QStringLiteral("validate"), QDir(folder).filePath(QStringLiteral("bridge.txt"))}, folder);
        QVERIFY2(validate.exitCode == 0, qPrintable(validate.out + validate.err));
        const auto merged = readSidecar(folder);
        QVERIFY(merged);
        s.check(merged->annotations, merged->labels);
    }

    // The window and the CLI resolve a conflict the same way: a version back to its id and status.
    void resolvedVersionIsTheSpanAgain()
    {
        Annotation ours =
            span(QStringLiteral("Share this article"), QStringLiteral("boilerplate"), QStringLiteral("s4"));
        ours.setStatus(Annotation::Status::Pending);
        Annotation theirs = ours;
        theirs.label = QStringLiteral("claim");
        ScholiastJson::Sidecar base;
        base.documentSha256 = QStringLiteral("00");
        base.labels = LabelSchema::defaultSchema();
        base.annotations = {span(QStringLiteral("Share this article"), QStringLiteral("quote"), QStringLiteral("s4"))};
        base.annotations.first().setStatus(Annotation::Status::Pending);
        ScholiastJson::Sidecar oursSide = base;
        oursSide.annotations = {ours};
        ScholiastJson::Sidecar theirsSide = base;
        theirsSide.annotations = {theirs};
        const auto result = ThreeWayMerge::merge(base, oursSide, theirsSide);
        QCOMPARE(result.spanConflicts, 1);
        QCOMPARE(result.merged.annotations.size(), 2);
        for (const Annotation &version : result.merged.annotations) {
            QCOMPARE(version.status(), Annotation::Status::Conflict);
            QCOMPARE(ThreeWayMerge::conflictGroup(version), QStringLiteral("s4"));
            const Annotation back = ThreeWayMerge::resolved(version);
            QCOMPARE(back.id, QStringLiteral("s4"));
            QCOMPARE(back.status(), Annotation::Status::Pending);
            QVERIFY(!back.extraFields().contains(QLatin1String(ThreeWayMerge::ConflictKey)));
            QCOMPARE(back,
                     version.extraFields().value(u"x-merge").toObject().value(u"side").toString() == u"ours" ? ours
                                                                                                             : theirs);
        }
    }

    // Relations (issue 19) merge by id three ways; one whose span the merge removed is left out
    // and said as a conflict, never written dangling (the file would not read back).
    void relationsMergeByIdThreeWays_data()
    {
        QTest::addColumn<QList<Relation>>("ours");
        QTest::addColumn<QList<Relation>>("theirs");
        QTest::addColumn<bool>("theirsRemovesS1");
        QTest::addColumn<QStringList>("merged"); // "id:from>to"
        QTest::addColumn<int>("conflicts");

        const auto r = [](const char *id, const char *from, const char *to) {
            return Relation{QString::fromLatin1(id), QStringLiteral("attributed_to"), QString::fromLatin1(from),
                            QString::fromLatin1(to)};
        };
        const Relation base = r("r1", "s2", "s1");
        QTest::newRow("both add") << QList<Relation>{base, r("r2", "s2", "s3")}
                                  << QList<Relation>{base, r("r3", "s4", "s3")} << false
                                  << QStringList{QStringLiteral("r1:s2>s1"), QStringLiteral("r2:s2>s3"),
                                                 QStringLiteral("r3:s4>s3")}
                                  << 0;
        QTest::newRow("theirs removes") << QList<Relation>{base} << QList<Relation>{} << false << QStringList{} << 0;
        QTest::newRow("theirs changes") << QList<Relation>{base} << QList<Relation>{r("r1", "s2", "s3")} << false
                                        << QStringList{QStringLiteral("r1:s2>s3")} << 0;
        QTest::newRow("both change") << QList<Relation>{r("r1", "s2", "s4")} << QList<Relation>{r("r1", "s2", "s3")}
                                     << false << QStringList{QStringLiteral("r1:s2>s4")} << 1;
        QTest::newRow("ours changes, theirs removes") << QList<Relation>{r("r1", "s2", "s4")} << QList<Relation>{}
                                                      << false << QStringList{QStringLiteral("r1:s2>s4")} << 1;
        QTest::newRow("span removed under a new relation")
            << QList<Relation>{base, r("r2", "s3", "s1")} << QList<Relation>{} << true << QStringList{} << 1;
    }

    void relationsMergeByIdThreeWays()
    {
        QFETCH(QList<Relation>, ours);
        QFETCH(QList<Relation>, theirs);
        QFETCH(bool, theirsRemovesS1);
        QFETCH(QStringList, merged);
        QFETCH(int, conflicts);

        ScholiastJson::Sidecar base;
        base.documentSha256 = QStringLiteral("00");
        base.labels = LabelSchema::quoteAttributionSchema();
        base.annotations = baseSpans();
        base.relations = {Relation{QStringLiteral("r1"), QStringLiteral("attributed_to"), QStringLiteral("s2"),
                                   QStringLiteral("s1")}};
        ScholiastJson::Sidecar oursSide = base;
        oursSide.relations = ours;
        ScholiastJson::Sidecar theirsSide = base;
        theirsSide.relations = theirs;
        if (theirsRemovesS1) {
            theirsSide.annotations.removeFirst();
        }
        const auto result = ThreeWayMerge::merge(base, oursSide, theirsSide);
        QStringList got;
        for (const Relation &relation : result.merged.relations) {
            got << relation.id + u':' + relation.from + u'>' + relation.to;
        }
        got.sort();
        QCOMPARE(got, merged);
        QCOMPARE(result.otherConflicts, conflicts);
        QCOMPARE(result.merged.labels.relationLabels(), base.labels.relationLabels());
    }

    // A label's unknown fields (issue 16: kept on a round trip) merge key by key like the rest:
    // one branch's new field and the other's changed field both arrive; a field changed
    // differently on both keeps ours and says so.
    void labelFieldsMergeKeyByKey()
    {
        ScholiastJson::Sidecar base;
        base.documentSha256 = QStringLiteral("00");
        QList<Label> labels = LabelSchema::defaultSchema().labels();
        labels[1].extraFields =
            QJsonObject{{QStringLiteral("layer"), QStringLiteral("Quote")}, {QStringLiteral("order"), 2}};
        base.labels = LabelSchema::fromLabels(labels);
        ScholiastJson::Sidecar ours = base;
        ScholiastJson::Sidecar theirs = base;
        labels[1].extraFields = QJsonObject{{QStringLiteral("layer"), QStringLiteral("Quote")},
                                            {QStringLiteral("order"), 5},
                                            {QStringLiteral("hint"), QStringLiteral("Q")}};
        ours.labels = LabelSchema::fromLabels(labels);
        labels[1].extraFields =
            QJsonObject{{QStringLiteral("layer"), QStringLiteral("DirectQuote")}, {QStringLiteral("order"), 7}};
        theirs.labels = LabelSchema::fromLabels(labels);
        const auto result = ThreeWayMerge::merge(base, ours, theirs);
        const Label *quote = result.merged.labels.find(QStringLiteral("quote"));
        QVERIFY(quote);
        QCOMPARE(quote->extraFields.value(u"layer").toString(), QStringLiteral("DirectQuote")); // theirs changed it
        QCOMPARE(quote->extraFields.value(u"hint").toString(), QStringLiteral("Q")); // ours added it
        QCOMPARE(quote->extraFields.value(u"order").toInt(), 5); // both: ours kept
        QVERIFY2(result.messages.join(u'\n').contains(
                     QStringLiteral("label \"quote\": field \"order\" changed differently")),
                 qPrintable(result.messages.join(u'\n')));
    }
};

const QList<GitMergeTest::Scenario> &GitMergeTest::scenarios()
{
    const auto relabel = [](const QString &id, const QString &label) {
        return [id, label](QList<Annotation> &spans, LabelSchema &) { find(spans, id)->label = label; };
    };
    const auto note = [](const QString &id, const QString &text) {
        return [id, text](QList<Annotation> &spans, LabelSchema &) { find(spans, id)->setNote(text); };
    };
    const auto remove = [](const QString &id) {
        return [id](QList<Annotation> &spans, LabelSchema &) {
            spans.removeIf([&id](const Annotation &a) { return a.id == id; });
        };
    };
    const auto add = [](const Annotation &a) {
        return [a](QList<Annotation> &spans, LabelSchema &) { spans.append(a); };
    };
    static const QList<Scenario> table{
        {"relabel one span, note another", relabel(QStringLiteral("s1"), QStringLiteral("quote")),
         note(QStringLiteral("s2"), QStringLiteral("checked against the minutes")), true,
         [](const QList<Annotation> &spans, const LabelSchema &) {
             QCOMPARE(spans.size(), 4);
             QCOMPARE(withId(spans, QStringLiteral("s1")).value(0).label, QStringLiteral("quote"));
             QCOMPARE(withId(spans, QStringLiteral("s2")).value(0).note(),
                      QStringLiteral("checked against the minutes"));
         }},
        {"both add spans", add(span(QStringLiteral("Mayor Lee"), QStringLiteral("claim"), QStringLiteral("a1"))),
         add(span(QStringLiteral("2027\u5E74"), QStringLiteral("claim"), QStringLiteral("b1"))), true,
         [](const QList<Annotation> &spans, const LabelSchema &) {
             QCOMPARE(spans.size(), 6);
             QCOMPARE(withId(spans, QStringLiteral("a1")).size(), 1);
             QCOMPARE(withId(spans, QStringLiteral("b1")).value(0).text(), QStringLiteral("2027\u5E74"));
         }},
        {"remove one, resize another", remove(QStringLiteral("s3")),
         [](QList<Annotation> &spans, LabelSchema &) {
             Annotation *a = find(spans, QStringLiteral("s2"));
             *a = span(QStringLiteral("We will build it"), a->label, a->id);
         },
         true,
         [](const QList<Annotation> &spans, const LabelSchema &) {
             QCOMPARE(spans.size(), 3);
             QVERIFY(withId(spans, QStringLiteral("s3")).isEmpty());
             QCOMPARE(withId(spans, QStringLiteral("s2")).value(0).text(), QStringLiteral("We will build it"));
         }},
        {"one span resized and noted",
         [](QList<Annotation> &spans, LabelSchema &) {
             Annotation *a = find(spans, QStringLiteral("s2"));
             *a = span(QStringLiteral("\u201CWe will build it by 2027.\u201D"), a->label, a->id);
         },
         note(QStringLiteral("s2"), QStringLiteral("direct speech")), true,
         [](const QList<Annotation> &spans, const LabelSchema &) {
             const Annotation a = withId(spans, QStringLiteral("s2")).value(0);
             QCOMPARE(a.text(), QStringLiteral("\u201CWe will build it by 2027.\u201D"));
             QCOMPARE(a.note(), QStringLiteral("direct speech"));
             QCOMPARE(a.status(), Annotation::Status::Unset);
         }},
        {"the same span relabelled apart", relabel(QStringLiteral("s4"), QStringLiteral("claim")),
         relabel(QStringLiteral("s4"), QStringLiteral("quote")), false,
         [](const QList<Annotation> &spans, const LabelSchema &) {
             QCOMPARE(spans.size(), 5);
             const QList<Annotation> versions = withId(spans, QStringLiteral("s4"));
             QCOMPARE(versions.size(), 2);
             QStringList labels;
             for (const Annotation &v : versions) {
                 QCOMPARE(v.status(), Annotation::Status::Conflict);
                 labels.append(v.label);
             }
             labels.sort();
             QCOMPARE(labels, (QStringList{QStringLiteral("claim"), QStringLiteral("quote")}));
         }},
        {"noted here, removed there", note(QStringLiteral("s1"), QStringLiteral("too broad?")),
         remove(QStringLiteral("s1")), false,
         [](const QList<Annotation> &spans, const LabelSchema &) {
             QCOMPARE(spans.size(), 4);
             const QList<Annotation> versions = withId(spans, QStringLiteral("s1"));
             QCOMPARE(versions.size(), 1);
             QCOMPARE(versions.first().status(), Annotation::Status::Conflict);
             QCOMPARE(versions.first().note(), QStringLiteral("too broad?"));
             QCOMPARE(versions.first().extraFields().value(u"x-merge").toObject().value(u"other").toString(),
                      QStringLiteral("removed"));
         }},
        {"both tag the same words",
         add(span(QStringLiteral("Mayor Lee"), QStringLiteral("claim"), QStringLiteral("a1"))),
         add(span(QStringLiteral("Mayor Lee"), QStringLiteral("claim"), QStringLiteral("b1"))), true,
         [](const QList<Annotation> &spans, const LabelSchema &) {
             QCOMPARE(spans.size(), 5); // one span per range and label
             QCOMPARE(withId(spans, QStringLiteral("a1")).size() + withId(spans, QStringLiteral("b1")).size(), 1);
         }},
        {"both add labels",
         [](QList<Annotation> &spans, LabelSchema &labels) {
             labels.add({QStringLiteral("source"), QString(), QStringLiteral("4")});
             spans.append(span(QStringLiteral("Mayor Lee"), QStringLiteral("source"), QStringLiteral("a1")));
         },
         [](QList<Annotation> &, LabelSchema &labels) {
             labels.add({QStringLiteral("aside"), QString(), QStringLiteral("4")});
         },
         true,
         [](const QList<Annotation> &spans, const LabelSchema &labels) {
             QCOMPARE(spans.size(), 5);
             QVERIFY(labels.contains(QStringLiteral("source")));
             QVERIFY(labels.contains(QStringLiteral("aside")));
             QCOMPARE(labels.find(QStringLiteral("source"))->key, QStringLiteral("4"));
             QVERIFY(labels.find(QStringLiteral("aside"))->key != QStringLiteral("4"));
         }},
    };
    return table;
}

QTEST_GUILESS_MAIN(GitMergeTest)
#include "gitmerge_test.moc"
