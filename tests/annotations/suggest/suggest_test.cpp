// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "suggest/attribution.h"
#include "suggest/boilerplate.h"
#include "suggest/patterns.h"
#include "suggest/quotes.h"

#include "annotationset.h"

#include <QSet>
#include <QTest>

using namespace Scholiast;

namespace {

// The texts of the spans, in file order; and every span's text is the document's text there.
QStringList texts(const Document &document, const QList<Annotation> &spans)
{
    QList<Annotation> sorted = spans;
    std::sort(sorted.begin(), sorted.end(), isBeforeInFileOrder);
    QStringList result;
    for (const Annotation &a : sorted) {
        if (document.slice(a.start, a.end).toString() != a.text()) {
            result.append(QStringLiteral("<offsets do not fit: %1-%2>").arg(a.start.value).arg(a.end.value));
        } else {
            result.append(a.text());
        }
    }
    return result;
}

} // namespace

class SuggestTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quotes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<int>("warnings");
        QTest::addColumn<qint64>("firstStart"); // code points; -1: not checked

        QTest::newRow("straight") << QStringLiteral("He said \"we will build it\" today.")
                                  << QStringList{QStringLiteral("we will build it")} << 0 << qint64(9);
        QTest::newRow("curly, attribution comma left out")
            << QStringLiteral("\u201CWe will build it,\u201D she said.")
            << QStringList{QStringLiteral("We will build it")} << 0 << qint64(1);
        QTest::newRow("curly, full stop kept") << QStringLiteral("She said: \u201CIt is done.\u201D")
                                               << QStringList{QStringLiteral("It is done.")} << 0 << qint64(-1);
        QTest::newRow("guillemets with spaces") << QStringLiteral("\u00AB\u00A0Nous partons\u00A0\u00BB, dit-il.")
                                                << QStringList{QStringLiteral("Nous partons")} << 0 << qint64(2);
        QTest::newRow("guillemets reversed") << QStringLiteral("Er sagte \u00BBWir gehen\u00AB heute.")
                                             << QStringList{QStringLiteral("Wir gehen")} << 0 << qint64(10);
        QTest::newRow("low-high German") << QStringLiteral("Sie sagte \u201EWir gehen\u201C heute.")
                                         << QStringList{QStringLiteral("Wir gehen")} << 0 << qint64(11);
        QTest::newRow("low-high Polish") << QStringLiteral("Powiedzia\u0142 \u201EIdziemy\u201D dzi\u015B.")
                                         << QStringList{QStringLiteral("Idziemy")} << 0 << qint64(-1);
        QTest::newRow("single guillemets")
            << QStringLiteral("Il dit \u2039oui\u203A.") << QStringList{QStringLiteral("oui")} << 0 << qint64(-1);
        QTest::newRow("CJK corner") << QStringLiteral("彼は「行きます」と言った。")
                                    << QStringList{QStringLiteral("行きます")} << 0 << qint64(3);
        QTest::newRow("CJK white corner nested")
            << QStringLiteral("「彼は『はい』と言った」")
            << QStringList{QStringLiteral("彼は『はい』と言った"), QStringLiteral("はい")} << 0 << qint64(1);
        QTest::newRow("single curly") << QStringLiteral("He said \u2018no way\u2019 to me.")
                                      << QStringList{QStringLiteral("no way")} << 0 << qint64(9);
        QTest::newRow("apostrophes only")
            << QStringLiteral("It\u2019s the players\u2019 union\u2019s call, don\u2019t worry, \u201990s style.")
            << QStringList{} << 0 << qint64(-1);
        QTest::newRow("single nested in double, apostrophe inside")
            << QStringLiteral("\u201CShe told me \u2018don\u2019t go\u2019 yesterday,\u201D he said.")
            << QStringList{QStringLiteral("She told me \u2018don\u2019t go\u2019 yesterday"),
                           QStringLiteral("don\u2019t go")}
            << 0 << qint64(1);
        QTest::newRow("straight nested in curly")
            << QStringLiteral("\u201CHe shouted \"stop\" twice.\u201D")
            << QStringList{QStringLiteral("He shouted \"stop\" twice."), QStringLiteral("stop")} << 0 << qint64(1);
        QTest::newRow("across paragraphs, reopened")
            << QStringLiteral("\u201CFirst part of the quote.\n\n\u201CSecond part,\u201D he said.")
            << QStringList{QStringLiteral("First part of the quote."), QStringLiteral("Second part")} << 0 << qint64(1);
        QTest::newRow("across three paragraphs, guillemets")
            << QStringLiteral("\u00AB Un.\n\n\u00AB Deux.\n\n\u00AB Trois. \u00BB")
            << QStringList{QStringLiteral("Un."), QStringLiteral("Deux."), QStringLiteral("Trois.")} << 0 << qint64(2);
        QTest::newRow("unclosed at paragraph end")
            << QStringLiteral("\u201CThis never closes.\n\nNext paragraph.") << QStringList{} << 1 << qint64(-1);
        QTest::newRow("closing mark alone")
            << QStringLiteral("This closes \u201D nothing.") << QStringList{} << 1 << qint64(-1);
        QTest::newRow("inch mark reported") << QStringLiteral("A 12\" screen.") << QStringList{} << 1 << qint64(-1);
        QTest::newRow("unclosed inner, outer kept")
            << QStringLiteral("\u201CHe said \u00ABnever, then left.\u201D")
            << QStringList{QStringLiteral("He said \u00ABnever, then left.")} << 1 << qint64(1);
        QTest::newRow("CRLF") << QStringLiteral("Line one\r\n\u201CQuoted text\u201D\r\nLine three")
                              << QStringList{QStringLiteral("Quoted text")} << 0 << qint64(11);
        QTest::newRow("CRLF across paragraphs")
            << QStringLiteral("\u201CPart one.\r\n\r\n\u201CPart two.\u201D")
            << QStringList{QStringLiteral("Part one."), QStringLiteral("Part two.")} << 0 << qint64(1);
        QTest::newRow("CR only") << QStringLiteral("Title\r\"Bring an umbrella,\" she said.\r")
                                 << QStringList{QStringLiteral("Bring an umbrella")} << 0 << qint64(7);
        QTest::newRow("hard-wrapped line kept open")
            << QStringLiteral("\u201CThis quote wraps\nonto the next line.\u201D")
            << QStringList{QStringLiteral("This quote wraps\nonto the next line.")} << 0 << qint64(1);
        // 🇰🇷 (2 code points) 👩‍💻 (3) space said space “ : the quote starts at code point 12
        QTest::newRow("emoji before the quote") << QStringLiteral(
            "\U0001F1F0\U0001F1F7\U0001F469\u200D\U0001F4BB said \u201Chello \U0001F600\u201D \U0001F600")
                                                << QStringList{QStringLiteral("hello \U0001F600")} << 0 << qint64(12);
        QTest::newRow("empty quotes") << QStringLiteral("It said \"\" and \u201C \u201D.") << QStringList{} << 0
                                      << qint64(-1);
    }

    void quotes()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QFETCH(int, warnings);
        QFETCH(qint64, firstStart);
        const Document document = Document::fromText(text, QStringLiteral("fixture.txt"));
        const Suggest::Result result = Suggest::suggestQuotes(document);
        QCOMPARE(texts(document, result.spans), expected);
        QCOMPARE(result.diagnostics.size(), warnings);
        for (const Diagnostic &d : result.diagnostics) {
            QVERIFY(!d.isError());
            QVERIFY2(d.line > 0 && d.column > 0, qPrintable(d.toString()));
            QVERIFY(d.toString().startsWith(QStringLiteral("fixture.txt:")));
            QVERIFY(d.message.contains(QStringLiteral("unbalanced quotation mark")));
        }
        if (firstStart >= 0) {
            QVERIFY(!result.spans.isEmpty());
            QCOMPARE(result.spans.first().start.value, firstStart);
        }
        for (const Annotation &a : result.spans) {
            QCOMPARE(a.status(), Annotation::Status::Pending);
            QCOMPARE(a.source(), QStringLiteral("rule:quotes"));
            QCOMPARE(a.label, QStringLiteral("quote"));
            QVERIFY(a.score().has_value());
            QVERIFY(Suggest::reason(a).startsWith(QStringLiteral("text ")));
        }
    }

    void unbalancedIsReportedAtItsPlace()
    {
        const Document document =
            Document::fromText(QStringLiteral("One.\n\U0001F600 Two \u201Cthree.\n\nFour."), QStringLiteral("a.txt"));
        const Suggest::Result result = Suggest::suggestQuotes(document);
        QCOMPARE(result.diagnostics.size(), 1);
        // line 2, column 7: the emoji counts as one code point
        QCOMPARE(
            result.diagnostics.first().toString(),
            QStringLiteral("a.txt:2:7: warning: unbalanced quotation mark \u201C: not closed before the end of the "
                           "paragraph; no suggestion made"));
    }

    void boilerplate_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<QStringList>("rules");

        auto row = [](const char *name, const QString &line, const QString &rule) {
            QTest::newRow(name) << line + QStringLiteral("\n\nThe council said the bridge will open in 2027.\n")
                                << QStringList{line.trimmed()} << QStringList{rule};
        };
        row("breadcrumb", QStringLiteral("Home > National"), QStringLiteral("breadcrumb"));
        row("breadcrumb guillemet", QStringLiteral("Accueil \u00BB Monde \u00BB Europe"), QStringLiteral("breadcrumb"));
        row("byline", QStringLiteral("By Jane Smith, Political Editor"), QStringLiteral("byline"));
        row("dateline", QStringLiteral("SEOUL, Monday 3 June 2024"), QStringLiteral("dateline"));
        row("updated", QStringLiteral("Last updated: 14 May 2024 07:42"), QStringLiteral("updated"));
        row("photo credit", QStringLiteral("Photo: AFP"), QStringLiteral("photo-credit"));
        row("agency credit line", QStringLiteral("[REUTERS/YONHAP]"), QStringLiteral("photo-credit"));
        row("share", QStringLiteral("Share this article"), QStringLiteral("prompt"));
        row("print", QStringLiteral("  Print  "), QStringLiteral("prompt"));
        row("login", QStringLiteral("Log in to comment"), QStringLiteral("prompt"));
        row("comments", QStringLiteral("Comments (12)"), QStringLiteral("prompt"));
        row("read more", QStringLiteral("Read more: Ferry timetable to be cut"), QStringLiteral("prompt"));
        row("copyright", QStringLiteral("\u00A9 2024 Daily Courier"), QStringLiteral("copyright"));
        row("rights", QStringLiteral("Daily Courier. All rights reserved."), QStringLiteral("copyright"));
        row("newsletter", QStringLiteral("Sign up for our morning newsletter"), QStringLiteral("newsletter"));
        row("credits", QStringLiteral("Reporting by Kim Ha-eun; Editing by Daniel Osei"), QStringLiteral("credits"));

        QTest::newRow("agency credit after a caption")
            << QStringLiteral("Traders watch the screens in Seoul. [REUTERS/YONHAP]\n")
            << QStringList{QStringLiteral("[REUTERS/YONHAP]")} << QStringList{QStringLiteral("agency-credit")};
        QTest::newRow("CRLF lines") << QStringLiteral("Home > Markets\r\n\r\nShare this article\r\nPrices rose.\r\n")
                                    << QStringList{QStringLiteral("Home > Markets"),
                                                   QStringLiteral("Share this article")}
                                    << QStringList{QStringLiteral("breadcrumb"), QStringLiteral("prompt")};
        QTest::newRow("emoji before") << QStringLiteral("\U0001F4F0 Daily news \U0001F600\nPrint\n")
                                      << QStringList{QStringLiteral("Print")} << QStringList{QStringLiteral("prompt")};
        QTest::newRow("prose is not furniture")
            << QStringLiteral("By 2050 the town will have doubled in size.\nShare prices fell sharply on Monday as "
                              "investors sold.\nBy Thursday, officials said, the road would reopen.\nThe council's "
                              "newsletter, printed monthly since 1987, reports that the bridge vote was close and that "
                              "residents on both quays have been following the debate with great interest for years.\n")
            << QStringList{} << QStringList{};
    }

    void boilerplate()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QFETCH(QStringList, rules);
        const Document document = Document::fromText(text, QStringLiteral("page.txt"));
        const Suggest::Result result = Suggest::suggestBoilerplate(document);
        QCOMPARE(texts(document, result.spans), expected);
        QStringList fired;
        for (const Annotation &a : result.spans) {
            QCOMPARE(a.source(), QStringLiteral("rule:boilerplate"));
            QCOMPARE(a.status(), Annotation::Status::Pending);
            QCOMPARE(a.label, QStringLiteral("boilerplate"));
            const QString reason = Suggest::reason(a);
            QVERIFY2(reason.startsWith(QStringLiteral("boilerplate rule ")), qPrintable(reason));
            fired.append(reason.section(u' ', 2, 2).chopped(1));
        }
        QCOMPARE(fired, rules);
    }

    void repeatedLinesAcrossCorpus()
    {
        QList<Document> corpus;
        for (int i = 0; i < 4; ++i) {
            QString text =
                QStringLiteral("Port Ardagh Chronicle weekly digest\n\nStory number %1 about the harbour.\n").arg(i);
            if (i < 2) {
                text += QStringLiteral("Only in two documents\n");
            }
            corpus.append(Document::fromText(text, QStringLiteral("d%1.txt").arg(i)));
        }
        Suggest::BoilerplateOptions options;
        options.repeatedLines = Suggest::repeatedLines(corpus, 3);
        options.corpusSize = corpus.size();
        QCOMPARE(options.repeatedLines.size(), 1);
        const Suggest::Result result = Suggest::suggestBoilerplate(corpus.at(2), options);
        QCOMPARE(texts(corpus.at(2), result.spans), QStringList{QStringLiteral("Port Ardagh Chronicle weekly digest")});
        QCOMPARE(Suggest::reason(result.spans.first()),
                 QStringLiteral("boilerplate rule repeated-line: the line occurs in 4 of 4 documents"));
        QVERIFY(Suggest::suggestBoilerplate(corpus.at(0)).spans.isEmpty()); // without the corpus
    }

    void patterns_data()
    {
        QTest::addColumn<QByteArray>("rules");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<QString>("source");

        QTest::newRow("words, case-insensitive, whole words")
            << QByteArray(R"({"rules": [{"label": "org", "words": ["Hanul", "Hanul Semiconductor"]}]})")
            << QStringList{QStringLiteral("Hanul Semiconductor"), QStringLiteral("hanul")}
            << QStringLiteral("rule:names");
        QTest::newRow("case-sensitive") << QByteArray(
            R"([{"label": "org", "words": ["Hanul"], "case_sensitive": true, "name": "firms"}])")
                                        << QStringList{QStringLiteral("Hanul")} << QStringLiteral("rule:firms");
        QTest::newRow("pattern") << QByteArray(
            R"({"rules": [{"label": "money", "pattern": "\\d+(\\.\\d+)? (trillion|billion) won"}]})")
                                 << QStringList{QStringLiteral("1.3 trillion won")} << QStringLiteral("rule:names");
        QTest::newRow("inside words when asked") << QByteArray(
            R"({"rules": [{"label": "part", "pattern": "Semi", "whole_word": false, "case_sensitive": true}]})")
                                                 << QStringList{QStringLiteral("Semi")} << QStringLiteral("rule:names");
        QTest::newRow("CJK word after emoji")
            << QByteArray(R"({"rules": [{"label": "org", "words": ["한울반도체"]}]})")
            << QStringList{QStringLiteral("한울반도체")} << QStringLiteral("rule:names");
    }

    void patterns()
    {
        QFETCH(QByteArray, rules);
        QFETCH(QStringList, expected);
        QFETCH(QString, source);
        Diagnostics diagnostics;
        const auto parsed = Suggest::PatternRules::parse(rules, QStringLiteral("/tmp/names.json"), diagnostics);
        QVERIFY2(parsed, diagnostics.isEmpty() ? "" : qPrintable(diagnostics.first().toString()));
        const Document document = Document::fromText(
            QStringLiteral(
                "\U0001F4C8 Hanul Semiconductor (한울반도체) gained; hanul and Hanuls are words; 1.3 trillion won."),
            QStringLiteral("n.txt"));
        const Suggest::Result result = Suggest::suggestPatterns(document, *parsed);
        QCOMPARE(texts(document, result.spans), expected);
        for (const Annotation &a : result.spans) {
            QCOMPARE(a.source(), source);
            QVERIFY(Suggest::reason(a).startsWith(QStringLiteral("rules file: ")));
        }
    }

    void badRules_data()
    {
        QTest::addColumn<QByteArray>("rules");
        QTest::addColumn<QString>("message");
        QTest::newRow("malformed") << QByteArray("{\"rules\": [\n  {\"label\": \"org\",, }]}")
                                   << QStringLiteral("r.json:2:");
        QTest::newRow("no label") << QByteArray("{\"rules\": [\n  {\"words\": [\"x\"]}]}")
                                  << QStringLiteral("r.json:2:3: error: rule 1: needs a \"label\"");
        QTest::newRow("invalid regex") << QByteArray("{\"rules\": [{\"label\": \"a\", \"pattern\": \"(unclosed\"}]}")
                                       << QStringLiteral("rule 1: invalid regular expression at character");
        QTest::newRow("unknown key") << QByteArray(
            "{\"rules\": [{\"label\": \"a\", \"words\": [\"x\"], \"case-sensitive\": true}]}")
                                     << QStringLiteral("rule 1: unknown key \"case-sensitive\"");
        QTest::newRow("both") << QByteArray("{\"rules\": [{\"label\": \"a\", \"words\": [\"x\"], \"pattern\": \"x\"}]}")
                              << QStringLiteral("either \"pattern\"");
        QTest::newRow("not rules") << QByteArray("{\"patterns\": []}") << QStringLiteral("needs a \"rules\" array");
    }

    void badRules()
    {
        QFETCH(QByteArray, rules);
        QFETCH(QString, message);
        Diagnostics diagnostics;
        QVERIFY(!Suggest::PatternRules::parse(rules, QStringLiteral("r.json"), diagnostics));
        QVERIFY(hasErrors(diagnostics));
        QVERIFY2(diagnostics.first().toString().contains(message), qPrintable(diagnostics.first().toString()));
    }

    void attribution_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("claims"); // texts of claim spans already in the document
        QTest::addColumn<QStringList>("expected"); // "from -> source", in file order of the from span

        QTest::newRow("said X after") << QStringLiteral("\u201CWe build,\u201D said Ana Lima, who chairs it.")
                                      << QStringList{} << QStringList{QStringLiteral("We build -> Ana Lima")};
        QTest::newRow("X said after, apposition")
            << QStringLiteral("\u201CWe are open,\u201D the minister, Tomasz Wi\u015Bniewski, said on Tuesday.")
            << QStringList{} << QStringList{QStringLiteral("We are open -> the minister, Tomasz Wi\u015Bniewski")};
        QTest::newRow("X said: before") << QStringLiteral("Ms Lima said: \u201COur street flooded \U0001F30A.\u201D")
                                        << QStringList{}
                                        << QStringList{QStringLiteral("Our street flooded \U0001F30A. -> Ms Lima")};
        QTest::newRow("X told reporters, before")
            << QStringLiteral("The mayor told reporters, \u201CIt opens in May.\u201D") << QStringList{}
            << QStringList{QStringLiteral("It opens in May. -> The mayor")};
        QTest::newRow("adverbial before the speaker")
            << QStringLiteral("In a statement, the council said: \u201CNo comment.\u201D") << QStringList{}
            << QStringList{QStringLiteral("No comment. -> the council")};
        QTest::newRow("interrupted quotation")
            << QStringLiteral("\u201CWe are open,\u201D Dr. Kim said on Tuesday, \u201Cto talks.\u201D")
            << QStringList{} << QStringList{QStringLiteral("We are open to talks. -> Dr. Kim")};
        QTest::newRow("follows in the paragraph")
            << QStringLiteral("\u201CLate,\u201D said Ana Lima. \u201CBut here.\u201D\n\n\u201CElsewhere.\u201D")
            << QStringList{}
            << QStringList{QStringLiteral("Late -> Ana Lima"), QStringLiteral("But here. -> Ana Lima")};
        QTest::newRow("a full stop ends it: the next sentence is not its attribution")
            << QStringLiteral("\u201CLate,\u201D she said. \u201CNow it works.\u201D The club said sales fell by "
                              "\u201Cnearly a third\u201D in 2025.")
            << QStringList{} << QStringList{QStringLiteral("Late -> she"), QStringLiteral("Now it works. -> she")};
        QTest::newRow("question then lower case")
            << QStringLiteral("\u201CWhy now?\u201D asked the mayor.") << QStringList{}
            << QStringList{QStringLiteral("Why now? -> the mayor")};
        QTest::newRow("according to after a quotation")
            << QStringLiteral("\u201CCosts doubled,\u201D according to the audit office.") << QStringList{}
            << QStringList{QStringLiteral("Costs doubled -> the audit office")};
        QTest::newRow("said on Tuesday names no one")
            << QStringLiteral("\u201CYes,\u201D said on Tuesday a note.") << QStringList{} << QStringList{};
        QTest::newRow("pronoun") << QStringLiteral("\u201CYes,\u201D she said.") << QStringList{}
                                 << QStringList{QStringLiteral("Yes -> she")};
        QTest::newRow("no attribution") << QStringLiteral("The sign read \u201COpen\u201D all day.") << QStringList{}
                                        << QStringList{};
        QTest::newRow("According to X, claim")
            << QStringLiteral("According to the national audit office, repairs cost \u20AC310\u00A0million.")
            << QStringList{QStringLiteral("repairs cost \u20AC310\u00A0million.")}
            << QStringList{QStringLiteral("repairs cost \u20AC310\u00A0million. -> the national audit office")};
        QTest::newRow("X said that claim")
            << QStringLiteral("The ministry said that the fund would pay for 14 walls.")
            << QStringList{QStringLiteral("the fund would pay for 14 walls.")}
            << QStringList{QStringLiteral("the fund would pay for 14 walls. -> The ministry")};
        QTest::newRow("claim, X said") << QStringLiteral("Prices will fall, the bank said.\r\n")
                                       << QStringList{QStringLiteral("Prices will fall")}
                                       << QStringList{QStringLiteral("Prices will fall -> the bank")};
        QTest::newRow("claim with no source")
            << QStringLiteral("Prices will fall.") << QStringList{QStringLiteral("Prices will fall.")} << QStringList{};
    }

    void attribution()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, claims);
        QFETCH(QStringList, expected);
        const Document document = Document::fromText(text, QStringLiteral("fixture.txt"));
        QList<Annotation> claimSpans;
        for (const QString &claim : claims) {
            const qsizetype at = text.indexOf(claim);
            QVERIFY(at >= 0);
            Annotation span(document.toCodePoint(Utf16Index(at)), document.toCodePoint(Utf16Index(at + claim.size())),
                            QStringLiteral("claim"));
            span.setText(claim);
            claimSpans.append(span);
        }
        const auto labels = Suggest::attributionLabels(LabelSchema::quoteAttributionSchema());
        QVERIFY(labels);
        QCOMPARE(labels->relation, QStringLiteral("attributed_to"));
        QCOMPARE(labels->source, QStringLiteral("source"));
        QCOMPARE(labels->claims, QStringList{QStringLiteral("claim")});
        Suggest::Result result = Suggest::suggestQuotes(document);
        const qsizetype quotes = result.spans.size();
        Suggest::suggestAttributions(document, *labels, claimSpans, result);

        // A span's text: for a quotation in two pieces, the pieces joined by a space.
        const auto textOf = [&](const Suggest::SpanKey &key) {
            for (const Annotation &a : std::as_const(result.spans)) {
                if (a.start == key.start && a.end == key.end && a.label == key.label) {
                    return a.text();
                }
            }
            return document.slice(key.start, key.end).toString();
        };
        QStringList relations;
        for (const Suggest::SuggestedRelation &r : std::as_const(result.relations)) {
            QCOMPARE(r.label, QStringLiteral("attributed_to"));
            QCOMPARE(r.to.label, QStringLiteral("source"));
            QVERIFY(!r.reason.isEmpty());
            relations.append(textOf(r.from) + QStringLiteral(" -> ") + textOf(r.to));
        }
        QCOMPARE(relations, expected);
        // Each source once, pending, from the quotes rule, its text the document's there.
        QSet<QString> sources;
        for (const Suggest::SuggestedRelation &r : std::as_const(result.relations)) {
            sources.insert(textOf(r.to));
        }
        const qsizetype joined = std::count_if(result.spans.begin(), result.spans.end(),
                                               [](const Annotation &a) { return a.isDiscontinuous(); });
        QCOMPARE(result.spans.size(), quotes - joined + sources.size());
        for (const Annotation &a : std::as_const(result.spans)) {
            QCOMPARE(a.isDiscontinuous() ? Annotation::fragmentsText(document, a.fragments())
                                         : document.slice(a.start, a.end).toString(),
                     a.text());
            QCOMPARE(a.status(), Annotation::Status::Pending);
            QCOMPARE(a.source(), QStringLiteral("rule:quotes"));
            if (a.label == u"source") {
                QVERIFY(Suggest::reason(a).startsWith(QStringLiteral("speaker: ")));
                QVERIFY(sources.contains(a.text()));
            }
        }
    }

    void attributionNeedsItsLabels()
    {
        // The default schema has no relation: the quotes rule adds no label the user did not choose.
        QVERIFY(!Suggest::attributionLabels(LabelSchema::defaultSchema()));
        LabelSchema schema = LabelSchema::quoteAttributionSchema();
        schema.setRelationLabels({{QStringLiteral("cites"), QString(), {QStringLiteral("claim")}, {}}});
        QVERIFY(!Suggest::attributionLabels(schema)); // no relation may start at a quote
    }

    void suggestedRelationsOntoASet()
    {
        const Document document =
            Document::fromText(QStringLiteral("\u201CYes,\u201D said Ana Lima. \u201CNo,\u201D said Ana Lima again."));
        Suggest::Result result = Suggest::suggestQuotes(document);
        Suggest::suggestAttributions(document, *Suggest::attributionLabels(LabelSchema::quoteAttributionSchema()), {},
                                     result);
        QCOMPARE(result.relations.size(), 2);
        AnnotationSet set;
        // The first quotation is already there, accepted: the relation goes to that span.
        Annotation accepted = result.spans.first();
        accepted.setStatus(Annotation::Status::Accepted);
        set.reset({accepted});
        set.add(Suggest::withoutDuplicates(result.spans, set.toList()));
        QCOMPARE(set.size(), 4); // two quotations and two "Ana Lima"
        const QList<Relation> placed = Suggest::relationsOnto(result.relations, set, QStringLiteral("rule:quotes"));
        QCOMPARE(placed.size(), 2);
        QCOMPARE(placed.first().from, set.sorted().front()->id);
        for (const Relation &r : placed) {
            QVERIFY(r.isPending());
            QCOMPARE(r.source, QStringLiteral("rule:quotes"));
            QVERIFY(!r.extraFields.value(u"reason").toString().isEmpty());
        }
        set.addRelations(placed);
        // A second run adds none; a relation whose end is not in the set is left out.
        QVERIFY(Suggest::relationsOnto(result.relations, set, QStringLiteral("rule:quotes")).isEmpty());
        AnnotationSet other;
        QVERIFY(Suggest::relationsOnto(result.relations, other, QStringLiteral("rule:quotes")).isEmpty());
    }

    void duplicatesAreNotAddedTwice()
    {
        const Document document =
            Document::fromText(QStringLiteral("\u201CYes,\u201D he said. \u201CYes,\u201D she said."));
        const QList<Annotation> first = Suggest::suggestQuotes(document).spans;
        QCOMPARE(first.size(), 2);
        QList<Annotation> existing{first.first()};
        existing.first().setStatus(Annotation::Status::Accepted);
        const QList<Annotation> again = Suggest::withoutDuplicates(first + first, existing);
        QCOMPARE(again.size(), 1);
        QCOMPARE(again.first().start.value, first.last().start.value);
    }
};

QTEST_GUILESS_MAIN(SuggestTest)
#include "suggest_test.moc"
