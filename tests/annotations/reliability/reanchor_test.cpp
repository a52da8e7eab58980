// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testhelpers.h"
#include "annotationset.h"
#include "document.h"
#include "reliability/reanchor.h"
#include "formats/scholiastjson.h"
#include "testspans.h"

#include <QTest>

using namespace Scholiast;

namespace {
// Spans as a saved sidecar holds them: text and context from the original document.
QList<Annotation> savedSpans(const Document &doc, const QList<std::pair<QString, QString>> &phrases)
{
    AnnotationSet set;
    for (const auto &[phrase, label] : phrases) {
        const qsizetype at = Testing::indexOrFail(doc.text(), phrase);
        const qint64 start = doc.toCodePoint(Utf16Index(at)).value;
        const qint64 end = doc.toCodePoint(Utf16Index(at + phrase.size())).value;
        set.add(Testing::withText(Annotation(CodePoint(start), CodePoint(end), label), phrase));
    }
    // Through the file, without the document: the context comes back as the file holds it.
    Diagnostics diagnostics;
    const QByteArray saved =
        ScholiastJson::serialize(ScholiastJson::makeSidecar(doc, LabelSchema::defaultSchema(), set));
    return ScholiastJson::parse(saved, QStringLiteral("a.txt.scholiast.json"), diagnostics)->annotations;
}

const QString Original = QStringLiteral("Home > World\n"
                                        "The minister said the plan is \u201Cfully funded\u201D and safe. \U0001F600\n"
                                        "Critics said the plan is not fully funded at all.\n"
                                        "Caf\u00E9 owners were unconvinced by the minister.\n"
                                        "\u00A9 2026 Example Times\n");
} // namespace

class ReanchorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void outcomes_data()
    {
        QTest::addColumn<QString>("changed");
        QTest::addColumn<int>("exact");
        QTest::addColumn<int>("moved");
        QTest::addColumn<int>("fuzzy");
        QTest::addColumn<int>("orphaned");

        QString s;
        QTest::newRow("unchanged") << Original << 5 << 0 << 0 << 0;
        QTest::newRow("insert before all") << QStringLiteral("BREAKING \U0001F6A8\n") + Original << 0 << 5 << 0 << 0;
        s = Original;
        QTest::newRow("insert after all") << s + QStringLiteral("Related: more news\n") << 5 << 0 << 0 << 0;
        s = Original;
        s.replace(QStringLiteral("Critics said"), QStringLiteral("Opposition critics said"));
        QTest::newRow("insert between") << s << 3 << 1 << 1 << 0; // the edited span is fuzzy
        s = Original;
        s.remove(QStringLiteral("Home > World\n"));
        QTest::newRow("delete before") << s << 0 << 4 << 0 << 1;
        s = Original;
        s.replace(QStringLiteral("fully funded\u201D"), QStringLiteral("fuly funded\u201D"));
        QTest::newRow("edit inside span") << s << 1 << 2 << 2 << 0;
        s = Original;
        s.replace(u'\n', QStringLiteral("\r\n"));
        QTest::newRow("lf to crlf") << s << 1 << 4 << 0 << 0;
        QTest::newRow("nfd") << Original.normalized(QString::NormalizationForm_D) << 4 << 0 << 1
                             << 0; // only "Café" changes
        QTest::newRow("replaced") << QStringLiteral("An unrelated text about gardening and tomatoes.\n") << 0 << 0 << 0
                                  << 5;
    }

    void outcomes()
    {
        QFETCH(QString, changed);
        QFETCH(int, exact);
        QFETCH(int, moved);
        QFETCH(int, fuzzy);
        QFETCH(int, orphaned);

        const Document before = Document::fromText(Original, QStringLiteral("a.txt"));
        const QList<Annotation> spans = savedSpans(
            before,
            {
                {QStringLiteral("Home > World"), QStringLiteral("boilerplate")},
                {QStringLiteral("fully funded"), QStringLiteral("quote")},
                {QStringLiteral("The minister said the plan is \u201Cfully funded\u201D and safe."),
                 QStringLiteral("claim")},
                {QStringLiteral("Critics said the plan is not fully funded at all."), QStringLiteral("claim")},
                {QStringLiteral("Caf\u00E9 owners were unconvinced"), QStringLiteral("claim")},
            });
        const Document after = Document::fromText(changed, QStringLiteral("a.txt"));
        const Reanchor::Result result = Reanchor::reanchor(spans, after);

        QStringList outcomes;
        for (qsizetype i = 0; i < spans.size(); ++i) {
            outcomes.append(spans[i].text().left(12) + u'=' + Reanchor::outcomeName(result.placements[i].outcome));
        }
        const QString seen = outcomes.join(QStringLiteral(", "));
        QCOMPARE(result.spans.size(), spans.size()); // never a span lost
        QVERIFY2(result.counts.exact == exact && result.counts.moved == moved && result.counts.fuzzy == fuzzy
                     && result.counts.orphaned == orphaned,
                 qPrintable(seen));
        for (qsizetype i = 0; i < result.spans.size(); ++i) {
            const Annotation &a = result.spans[i];
            QCOMPARE(a.id, spans[i].id);
            QCOMPARE(a.label, spans[i].label);
            if (result.placements[i].outcome == Reanchor::Outcome::Orphaned) {
                QVERIFY(a.isOrphan());
                QCOMPARE(a.text(), spans[i].text()); // kept as it was
                continue;
            }
            QVERIFY(!a.isOrphan());
            QCOMPARE(after.slice(a.start, a.end).toString(), a.text());
            if (result.placements[i].outcome != Reanchor::Outcome::Fuzzy) {
                QCOMPARE(a.text(), spans[i].text());
            } else {
                QVERIFY(result.placements[i].score > 0.5);
            }
        }
    }

    void contextPicksAmongCopies()
    {
        // "fully funded" appears twice; the quoted one is the span. After an edit in front,
        // the context, not the first match, decides.
        const Document before = Document::fromText(Original, QStringLiteral("a.txt"));
        const QList<Annotation> spans =
            savedSpans(before, {{QStringLiteral("not fully funded"), QStringLiteral("claim")}});
        QString s = Original;
        s.prepend(QStringLiteral("Update: the budget is not fully funded, officials admit.\n"));
        const Document after = Document::fromText(s, QStringLiteral("a.txt"));
        const auto result = Reanchor::reanchor(spans, after);
        QCOMPARE(result.placements[0].outcome, Reanchor::Outcome::Moved);
        QCOMPARE(result.spans[0].start.value, spans[0].start.value + 57);
    }

    void orphansSurviveASaveAndAreNotErrors()
    {
        const Document before = Document::fromText(Original, QStringLiteral("a.txt"));
        const QList<Annotation> spans =
            savedSpans(before, {{QStringLiteral("Home > World"), QStringLiteral("boilerplate")}});
        const Document after =
            Document::fromText(QStringLiteral("Something else entirely.\n"), QStringLiteral("a.txt"));
        const auto result = Reanchor::reanchor(spans, after);
        AnnotationSet set;
        set.reset(result.spans);
        const QByteArray json =
            ScholiastJson::serialize(ScholiastJson::makeSidecar(after, LabelSchema::defaultSchema(), set));
        QVERIFY(json.contains("\"orphan\": true"));
        QVERIFY(json.contains("\"prefix\"") || json.contains("\"suffix\"")); // its context is kept
        Diagnostics diagnostics;
        const auto reread = ScholiastJson::parse(json, QStringLiteral("a.txt.scholiast.json"), diagnostics, &after);
        QVERIFY2(reread, qPrintable(diagnostics.value(0).toString()));
        QVERIFY(reread->annotations.value(0).isOrphan());
        QCOMPARE(reread->annotations.value(0).text(), QStringLiteral("Home > World"));
    }
};

QTEST_GUILESS_MAIN(ReanchorTest)
#include "reanchor_test.moc"
