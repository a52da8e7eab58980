// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// P/R/F1, confusion, kappa and alpha against figures computed by hand (docs/METRICS.md), review
// classification of overlapping and nested spans, the overlap matching against a brute-force
// maximum matching, the merge strategies, and relation scores and review (§2.7, §3.2).

#include "cli/cli.h"
#include "metrics/codepointagreement.h"
#include "metrics/merge.h"
#include "metrics/metrics_p.h"
#include "metrics/relationscores.h"
#include "metrics/review.h"
#include "formats/scholiastjson.h"
#include "metrics/spanlist.h"
#include "metrics/spanscores.h"
#include "testspans.h"

#include <QBuffer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QSet>
#include <QTest>
#include <QTextStream>

#include <cmath>
#include <functional>
#include <optional>
#include <queue>
#include <tuple>
#include <vector>

using namespace Scholiast;
using namespace Scholiast::Metrics;

Q_DECLARE_METATYPE(std::optional<double>)

namespace {

// Every figure of a code-point agreement, as text: alpha, then each label's counts, kappa and alpha.
QString agreementFigures(const CodePointAgreement &agreement)
{
    QStringList out{QStringLiteral("alpha %1").arg(agreement.alpha().value_or(-9), 0, 'g', 17)};
    for (const QString &label : agreement.labels()) {
        const CodePointAgreement::LabelCounts c = agreement.counts(label);
        out.append(QStringLiteral("%1: both %2 first %3 second %4 covered %5 disagreement %6 kappa %7 alpha %8")
                       .arg(label)
                       .arg(c.both)
                       .arg(c.firstOnly)
                       .arg(c.secondOnly)
                       .arg(c.covered)
                       .arg(c.disagreement)
                       .arg(agreement.kappa(label).value_or(-9), 0, 'g', 17)
                       .arg(agreement.alpha(label).value_or(-9), 0, 'g', 17));
    }
    return out.join(u'\n');
}

// The greedy overlap matching of intervals as docs/METRICS.md §2.2 states it, written plainly:
// in order of (end, start, side and index), each interval takes the unmatched interval of the
// other side that has started, has not ended before it, and ends first.
Metrics::Detail::Pairs plainIntervalMatching(const std::vector<Metrics::Detail::Interval> &a,
                                             const std::vector<Metrics::Detail::Interval> &b)
{
    using Key = std::tuple<qint64, qint64, size_t>; // end, start, node (a's, then b's)
    const size_t na = a.size();
    std::vector<Key> order;
    for (size_t i = 0; i < na; ++i) {
        order.emplace_back(a[i].end, a[i].start, i);
    }
    for (size_t j = 0; j < b.size(); ++j) {
        order.emplace_back(b[j].end, b[j].start, na + j);
    }
    std::sort(order.begin(), order.end());
    std::vector<char> done(order.size(), 0);
    std::vector<char> matched(order.size(), 0);
    std::priority_queue<Key, std::vector<Key>, std::greater<>> started[2];
    size_t next[2] = {0, 0};
    Metrics::Detail::Pairs pairs;
    for (const auto &[end, start, node] : order) {
        for (int side = 0; side < 2; ++side) {
            const auto &intervals = side == 0 ? a : b;
            for (; next[side] < intervals.size() && intervals[next[side]].start < end; ++next[side]) {
                const auto &i = intervals[next[side]];
                started[side].emplace(i.end, i.start, side == 0 ? next[side] : na + next[side]);
            }
        }
        if (!matched[node]) {
            auto &other = started[node < na ? 1 : 0];
            while (!other.empty() && (matched[std::get<2>(other.top())] || done[std::get<2>(other.top())])) {
                other.pop();
            }
            if (!other.empty()) {
                const size_t y = std::get<2>(other.top());
                other.pop();
                matched[node] = matched[y] = 1;
                pairs.emplace_back(node < na ? a[node].index : a[y].index,
                                   node < na ? b[y - na].index : b[node - na].index);
            }
        }
        done[node] = 1;
    }
    return pairs;
}

// "claim 0 10, quote 5 8": spans with ids r0, r1... (or c0, c1... for the candidate). A fourth
// field gives a discontinuous span's fragments: "quote 0 12 0-5+8-12".
QList<Annotation> spans(const QString &text, QChar prefix)
{
    QList<Annotation> out;
    const QStringList items = text.split(u',', Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const QStringList f = item.trimmed().split(u' ');
        Annotation a(CodePoint(f.at(1).toLongLong()), CodePoint(f.at(2).toLongLong()), f.at(0));
        if (f.size() > 3) {
            QList<Fragment> fragments;
            for (const QString &piece : f.at(3).split(u'+')) {
                const QStringList range = piece.split(u'-');
                fragments.append({CodePoint(range.at(0).toLongLong()), CodePoint(range.at(1).toLongLong())});
            }
            a.setFragments(fragments);
        }
        out.append(Testing::withId(a, prefix + QString::number(out.size())));
    }
    return out;
}

// "attributed_to 0 1": a relation from the layer's span 0 to its span 1, ids rR0, rR1... (or
// cR0... for the candidate). "attributed_to 0 9" points at a span the layer does not have.
QList<Relation> relationList(const QString &text, QChar prefix)
{
    QList<Relation> out;
    const QStringList items = text.split(u',', Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const QStringList f = item.trimmed().split(u' ');
        out.append(
            {prefix + QStringLiteral("R") + QString::number(out.size()), f.at(0), prefix + f.at(1), prefix + f.at(2)});
    }
    return out;
}

// The fixture of docs/METRICS.md §6, on a 100-code-point document:
//   reference  claim 0-10, claim 20-30, quote 5-8, boilerplate 40-50
//   candidate  claim 0-10 (exact), claim 22-30 (boundary), claim 5-8 (label), quote 60-65 (spurious)
QList<Annotation> fixtureReference()
{
    return spans(QStringLiteral("claim 0 10, claim 20 30, quote 5 8, boilerplate 40 50"), u'r');
}
QList<Annotation> fixtureCandidate()
{
    return spans(QStringLiteral("claim 0 10, claim 22 30, claim 5 8, quote 60 65"), u'c');
}

bool near(std::optional<double> actual, std::optional<double> expected)
{
    if (!actual || !expected) {
        return !actual && !expected;
    }
    return std::abs(*actual - *expected) < 1e-9;
}

// Kuhn's augmenting paths over the explicit overlap graph: slow, obviously right.
int bruteForceMatching(const QList<Annotation> &a, const QList<Annotation> &b)
{
    std::vector<int> matchOfB(size_t(b.size()), -1);
    std::function<bool(int, std::vector<char> &)> augment = [&](int i, std::vector<char> &seen) {
        for (int j = 0; j < b.size(); ++j) {
            if (!seen[size_t(j)] && a.at(i).overlaps(b.at(j).start, b.at(j).end)) {
                seen[size_t(j)] = 1;
                if (matchOfB[size_t(j)] < 0 || augment(matchOfB[size_t(j)], seen)) {
                    matchOfB[size_t(j)] = i;
                    return true;
                }
            }
        }
        return false;
    };
    int matched = 0;
    for (int i = 0; i < a.size(); ++i) {
        std::vector<char> seen(size_t(b.size()), 0);
        matched += augment(i, seen) ? 1 : 0;
    }
    return matched;
}

} // namespace

class MetricsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void perLabelScores_data()
    {
        QTest::addColumn<QString>("label");
        QTest::addColumn<bool>("overlap");
        QTest::addColumn<qint64>("matched");
        QTest::addColumn<std::optional<double>>("precision");
        QTest::addColumn<std::optional<double>>("recall");
        QTest::addColumn<std::optional<double>>("f1");
        const std::optional<double> none;
        // claim: reference 2 (0-10, 20-30), candidate 3 (0-10, 22-30, 5-8).
        //   exact: 0-10 only -> P 1/3, R 1/2, F1 2*1/(2+3) = 0.4
        QTest::newRow("claim exact") << QStringLiteral("claim") << false << qint64(1) << std::optional(1.0 / 3)
                                     << std::optional(0.5) << std::optional(0.4);
        //   overlap: edges 0-10/0-10, 0-10/5-8, 20-30/22-30; a maximum matching has 2 pairs
        //   -> P 2/3, R 2/2, F1 2*2/5 = 0.8
        QTest::newRow("claim overlap") << QStringLiteral("claim") << true << qint64(2) << std::optional(2.0 / 3)
                                       << std::optional(1.0) << std::optional(0.8);
        // quote: reference 5-8, candidate 60-65: nothing matches -> 0, 0, 0
        QTest::newRow("quote exact") << QStringLiteral("quote") << false << qint64(0) << std::optional(0.0)
                                     << std::optional(0.0) << std::optional(0.0);
        QTest::newRow("quote overlap") << QStringLiteral("quote") << true << qint64(0) << std::optional(0.0)
                                       << std::optional(0.0) << std::optional(0.0);
        // boilerplate: reference 1, candidate 0 -> P undefined (0/0), R 0/1, F1 0/(1+0) = 0
        QTest::newRow("boilerplate exact")
            << QStringLiteral("boilerplate") << false << qint64(0) << none << std::optional(0.0) << std::optional(0.0);
        // a schema label no span uses: everything undefined
        QTest::newRow("unused label") << QStringLiteral("note") << false << qint64(0) << none << none << none;
    }

    void perLabelScores()
    {
        QFETCH(QString, label);
        QFETCH(bool, overlap);
        QFETCH(qint64, matched);
        QFETCH(std::optional<double>, precision);
        QFETCH(std::optional<double>, recall);
        QFETCH(std::optional<double>, f1);
        SpanScores scores;
        scores.addLabels({QStringLiteral("note")});
        scores.add(fixtureReference(), fixtureCandidate());
        QVERIFY(scores.labels().count(label));
        const LabelScores &s = scores.labels().at(label);
        const MatchCounts &c = overlap ? s.overlap : s.exact;
        QCOMPARE(c.matched, matched);
        QVERIFY2(near(c.precision(), precision), qPrintable(QString::number(c.precision().value_or(-1))));
        QVERIFY2(near(c.recall(), recall), qPrintable(QString::number(c.recall().value_or(-1))));
        QVERIFY2(near(c.f1(), f1), qPrintable(QString::number(c.f1().value_or(-1))));
    }

    // Labels are told apart by their text: toSpans keeps the ids of the last few label strings by
    // their data (issue 17), and must still count a copy of a label's text as that label, with
    // more labels than it keeps.
    void labelsAreTakenByTextNotByString()
    {
        constexpr int Labels = 12;
        QStringList shared;
        for (int l = 0; l < Labels; ++l) {
            shared << QStringLiteral("label %1").arg(l);
        }
        const auto copyOf = [](const QString &text) { return QString(text.constData(), text.size()); };
        QList<Annotation> reference;
        QList<Annotation> candidate;
        for (int i = 0; i < 10 * Labels; ++i) {
            const QString &label = shared.at((i * 5) % Labels);
            Annotation a(CodePoint(i * 10), CodePoint(i * 10 + 5), i % 2 ? label : copyOf(label));
            reference.append(Testing::withId(a, QStringLiteral("r%1").arg(i)));
            a.label = copyOf(label);
            candidate.append(Testing::withId(a, QStringLiteral("c%1").arg(i)));
        }
        SpanScores scores;
        scores.add(reference, candidate);
        QCOMPARE(int(scores.labels().size()), Labels);
        for (const QString &label : shared) {
            QCOMPARE(scores.labels().at(label).exact, (MatchCounts{10, 10, 10}));
        }
        const Review review = Review::compare(reference, candidate);
        QVERIFY(review.disagreements().empty());
        CodePointAgreement agreement(2);
        agreement.add(10 * Labels * 10, {reference, candidate});
        QCOMPARE(agreement.labels().size(), Labels);
        QVERIFY(near(agreement.alpha(), 1.0));
    }

    // The overlap matching sorts its order from the intervals' start order and packs its keys
    // (issue 17): the same pairs, in the same order, as the plain greedy, for spans of every
    // shape, a span across the whole document (its order is far from sorted) and offsets past
    // 32 bits (the unpacked keys).
    void overlapMatchingIsThePlainGreedy_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<qint64>("longest");
        QTest::addColumn<qint64>("base");
        QTest::addColumn<bool>("wholeDocument");
        QTest::addColumn<qint64>("gap"); // at most, from one start to the next
        QTest::newRow("short, dense") << 3000 << qint64(12) << qint64(0) << false << qint64(40);
        QTest::newRow("sentences") << 3000 << qint64(150) << qint64(0) << false << qint64(40);
        QTest::newRow("paragraphs over sentences") << 2000 << qint64(2000) << qint64(0) << false << qint64(40);
        QTest::newRow("one span over everything") << 3000 << qint64(60) << qint64(0) << true << qint64(40);
        QTest::newRow("past 32 bits") << 3000 << qint64(150) << (qint64(1) << 33) << false << qint64(40);
        QTest::newRow("the same ranges many times") << 3000 << qint64(3) << qint64(0) << false << qint64(2);
        QTest::newRow("few") << 3 << qint64(5) << qint64(0) << false << qint64(3);
    }
    void overlapMatchingIsThePlainGreedy()
    {
        QFETCH(int, count);
        QFETCH(qint64, longest);
        QFETCH(qint64, base);
        QFETCH(bool, wholeDocument);
        QFETCH(qint64, gap);
        QRandomGenerator random(17);
        const auto side = [&] {
            std::vector<Metrics::Detail::Interval> intervals;
            qint64 start = base;
            for (int k = 0; k < count; ++k) {
                start += random.bounded(qint64(0), gap);
                intervals.push_back({start, start + 1 + random.bounded(qint64(0), longest), qsizetype(k)});
            }
            if (wholeDocument) {
                intervals.insert(intervals.begin(), {base, start + longest + 1, qsizetype(count)});
            }
            return intervals;
        };
        const auto a = side();
        const auto b = side();
        const Metrics::Detail::Pairs expected = plainIntervalMatching(a, b);
        QVERIFY(expected.size() > size_t(count) / 4);
        QCOMPARE(Metrics::Detail::maximumOverlapMatching(a, b), expected);
        QCOMPARE(Metrics::Detail::maximumOverlapMatching(b, a), plainIntervalMatching(b, a));
    }

    void averages()
    {
        SpanScores scores;
        scores.addLabels({QStringLiteral("note")});
        scores.add(fixtureReference(), fixtureCandidate());
        // micro: 4 reference, 4 candidate spans; exact 1 -> 0.25 each; overlap 2 -> 0.5 each
        QCOMPARE(scores.microExact(), (MatchCounts{4, 4, 1}));
        QVERIFY(near(scores.microExact().f1(), 0.25));
        QCOMPARE(scores.microOverlap(), (MatchCounts{4, 4, 2}));
        QVERIFY(near(scores.microOverlap().precision(), 0.5));
        // macro over claim, quote, boilerplate ("note" has no span; boilerplate's undefined P is 0):
        //   exact   P (1/3 + 0 + 0)/3 = 1/9, R (1/2 + 0 + 0)/3 = 1/6, F1 (0.4 + 0 + 0)/3
        //   overlap P (2/3 + 0 + 0)/3 = 2/9, R (1 + 0 + 0)/3 = 1/3,   F1 (0.8 + 0 + 0)/3
        QVERIFY(near(scores.macroExact().precision, 1.0 / 9));
        QVERIFY(near(scores.macroExact().recall, 1.0 / 6));
        QVERIFY(near(scores.macroExact().f1, 0.4 / 3));
        QVERIFY(near(scores.macroOverlap().precision, 2.0 / 9));
        QVERIFY(near(scores.macroOverlap().recall, 1.0 / 3));
        QVERIFY(near(scores.macroOverlap().f1, 0.8 / 3));
        QVERIFY(!SpanScores().macroExact().f1);
    }

    void confusion()
    {
        SpanScores scores;
        scores.add(fixtureReference(), fixtureCandidate());
        // same range: 0-10 claim/claim, 5-8 quote/claim; no partner: claim 20-30, boilerplate
        // 40-50 (missed); claim 22-30, quote 60-65 (spurious)
        const std::map<QString, std::map<QString, qint64>> expected{
            {QStringLiteral("claim"), {{QStringLiteral("claim"), 1}}},
            {QStringLiteral("quote"), {{QStringLiteral("claim"), 1}}}};
        QCOMPARE(scores.confusion(), expected);
        QCOMPARE(scores.missed(),
                 (std::map<QString, qint64>{{QStringLiteral("claim"), 1}, {QStringLiteral("boilerplate"), 1}}));
        QCOMPARE(scores.spurious(),
                 (std::map<QString, qint64>{{QStringLiteral("claim"), 1}, {QStringLiteral("quote"), 1}}));
    }

    void codePoints_data()
    {
        QTest::addColumn<QString>("label");
        QTest::addColumn<std::optional<double>>("kappa");
        QTest::addColumn<std::optional<double>>("alpha");
        // 100 code points. kappa = 2(ad - bc) / ((a+b)(b+d) + (a+c)(c+d)), a both, b reference
        // only, c candidate only, d neither.
        // claim: reference covers 0-10, 20-30 (20); candidate 0-10, 22-30 (18; 5-8 is inside 0-10)
        //   a 18, b 2, c 0, d 80: 2*1440 / (20*82 + 18*80) = 2880/3080 = 72/77
        //   alpha: n = 200, covered 38, not 162; disagreeing units 2 (20-22), each 2k(m-k) = 2
        //   -> 1 - 199*4 / (2*38*162) = 1 - 796/12312
        QTest::newRow("claim") << QStringLiteral("claim") << std::optional(72.0 / 77)
                               << std::optional(1 - 796.0 / 12312);
        // quote: reference 5-8 (3), candidate 60-65 (5): a 0, b 3, c 5, d 92
        //   2(0 - 15) / (3*95 + 5*97) = -30/770; alpha: covered 8, not 192, 8 disagreeing units
        //   -> 1 - 199*16 / (2*8*192)
        QTest::newRow("quote") << QStringLiteral("quote") << std::optional(-30.0 / 770)
                               << std::optional(1 - 199.0 * 16 / (2 * 8 * 192));
        // boilerplate: reference 40-50, candidate none: a 0, b 10, c 0, d 90 -> 2(0-0)/(10*100) = 0
        //   alpha: covered 10, not 190, 10 disagreeing -> 1 - 199*20/(2*10*190)
        QTest::newRow("boilerplate") << QStringLiteral("boilerplate") << std::optional(0.0)
                                     << std::optional(1 - 199.0 * 20 / (2 * 10 * 190));
        // absent in both: expected agreement 1, kappa and alpha undefined
        QTest::newRow("absent") << QStringLiteral("note") << std::optional<double>() << std::optional<double>();
    }

    void codePoints()
    {
        QFETCH(QString, label);
        QFETCH(std::optional<double>, kappa);
        QFETCH(std::optional<double>, alpha);
        CodePointAgreement agreement(2);
        agreement.addLabels({QStringLiteral("note")});
        agreement.add(100, {fixtureReference(), fixtureCandidate()});
        QCOMPARE(agreement.units(), qint64(100));
        QVERIFY2(near(agreement.kappa(label), kappa), qPrintable(QString::number(agreement.kappa(label).value_or(-9))));
        QVERIFY2(near(agreement.alpha(label), alpha), qPrintable(QString::number(agreement.alpha(label).value_or(-9))));
    }

    // The agreement of lists in order of their starts (as sidecars hold them: the coverage is
    // made straight from the spans) is that of the same lists in any other order (made from the
    // sorted span arrays), for every label and over all labels, with two annotators and three.
    void codePointAgreementIsTheSameInAnyOrder_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<qint64>("length");
        QTest::newRow("nested and overlapping") << QStringLiteral("claim 0 10, claim 5 20, quote 7 9, claim 30 40")
                                                << QStringLiteral("claim 0 12, quote 6 30") << qint64(100);
        QTest::newRow("equal starts, other ends") << QStringLiteral("claim 5 10, claim 5 30, claim 5 7")
                                                  << QStringLiteral("claim 5 8, quote 5 6") << qint64(40);
        QTest::newRow("touching") << QStringLiteral("claim 0 5, claim 5 10, quote 10 12")
                                  << QStringLiteral("claim 0 10") << qint64(20);
        QTest::newRow("before and past the document") << QStringLiteral("claim -3 4, quote 90 120, quote 130 140")
                                                      << QStringLiteral("quote 95 100, claim 0 2") << qint64(100);
        QTest::newRow("a label only the second has")
            << QStringLiteral("claim 0 5, claim 7 9") << QStringLiteral("boilerplate 2 9, claim 0 5, aside 1 2")
            << qint64(10);
        QTest::newRow("discontinuous") << QStringLiteral("quote 0 20 0-5+15-20, claim 3 4")
                                       << QStringLiteral("quote 0 20, claim 2 6") << qint64(30);
        QTest::newRow("one side empty") << QString() << QStringLiteral("claim 1 2, claim 4 8") << qint64(10);
    }
    void codePointAgreementIsTheSameInAnyOrder()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(qint64, length);
        const auto byStart = [](QList<Annotation> list) {
            std::stable_sort(list.begin(), list.end(),
                             [](const Annotation &x, const Annotation &y) { return x.start < y.start; });
            return list;
        };
        const auto reversed = [&](const QList<Annotation> &list) {
            QList<Annotation> out = byStart(list);
            std::reverse(out.begin(), out.end());
            return out;
        };
        const QList<Annotation> a = spans(first, u'a');
        const QList<Annotation> b = spans(second, u'b');
        const QList<QList<QList<Annotation>>> orders{
            {byStart(a), byStart(b)}, {reversed(a), reversed(b)}, {byStart(a), reversed(b)}, {reversed(a), byStart(b)}};
        const auto figures = [&](const QList<QList<Annotation>> &layers) {
            CodePointAgreement agreement(int(layers.size()));
            agreement.add(length, layers);
            return agreementFigures(agreement);
        };
        const QString expected = figures(orders.front());
        QVERIFY(expected.contains(u"covered"));
        for (const QList<QList<Annotation>> &layers : orders) {
            QCOMPARE(figures(layers), expected);
            QCOMPARE(figures(layers + QList<QList<Annotation>>{layers.front()}),
                     figures(orders.front() + QList<QList<Annotation>>{orders.front().front()}));
        }
    }

    // A SpanList (what `agree` gathers while it reads a large sidecar, issue 17) scores as the
    // list it was made from: every figure of both metrics, in any order, with discontinuous spans
    // and with more labels than a linear scan looks through.
    void spanListsScoreAndReviewAsTheirLists_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<qint64>("length");
        QTest::newRow("nested and overlapping") << QStringLiteral("claim 0 10, claim 5 20, quote 7 9, claim 30 40")
                                                << QStringLiteral("claim 0 12, quote 6 30, claim 30 40") << qint64(100);
        QTest::newRow("same ranges, other labels") << QStringLiteral("claim 5 10, quote 5 10, claim 5 7")
                                                   << QStringLiteral("quote 5 10, aside 5 10, claim 5 8") << qint64(40);
        QTest::newRow("discontinuous") << QStringLiteral("quote 0 20 0-5+15-20, claim 3 4, quote 0 20")
                                       << QStringLiteral("quote 0 20 0-5+15-20, quote 0 20, claim 2 6") << qint64(30);
        QTest::newRow("one side empty") << QString() << QStringLiteral("claim 1 2, claim 4 8") << qint64(10);
        // In document order as a sidecar writes them, which SpanScores reads in place.
        QTest::newRow("in document order, repeated")
            << QStringLiteral("claim 0 5, claim 0 5, quote 0 5, claim 2 9, quote 3 4, quote 3 4, claim 12 14")
            << QStringLiteral("claim 0 5, quote 0 5, quote 0 5, aside 2 9, quote 3 8, claim 13 20") << qint64(30);
        QTest::newRow("in document order, disagreements first")
            << QStringLiteral("quote 0 2, claim 3 9, claim 10 12, quote 20 25")
            << QStringLiteral("claim 4 9, aside 5 6, claim 10 12, quote 20 25") << qint64(30);
        QTest::newRow("in order of range, labels not by name")
            << QStringLiteral("quote 0 5, claim 0 5, claim 6 8") << QStringLiteral("claim 0 5, quote 0 5, claim 7 9")
            << qint64(10);
        QString many;
        QString manyOther;
        for (int l = 0; l < 40; ++l) { // past the linear scan of 16 labels
            many += QStringLiteral("label%1 %2 %3, ").arg(l % 23).arg(l * 3).arg(l * 3 + 5);
            manyOther += QStringLiteral("label%1 %2 %3, ").arg((l * 7) % 29).arg(l * 3 + l % 2).arg(l * 3 + 4);
        }
        many.chop(2);
        manyOther.chop(2);
        QTest::newRow("many labels") << many << manyOther << qint64(200);
    }
    void spanListsScoreAndReviewAsTheirLists()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(qint64, length);
        const auto scoresText = [](const SpanScores &s) {
            QStringList out;
            for (const auto &[label, l] : s.labels()) {
                out.append(QStringLiteral("%1 %2/%3/%4 %5/%6/%7")
                               .arg(label)
                               .arg(l.exact.reference)
                               .arg(l.exact.candidate)
                               .arg(l.exact.matched)
                               .arg(l.overlap.reference)
                               .arg(l.overlap.candidate)
                               .arg(l.overlap.matched));
            }
            for (const auto &[row, columns] : s.confusion()) {
                for (const auto &[column, n] : columns) {
                    out.append(QStringLiteral("%1>%2 %3").arg(row, column).arg(n));
                }
            }
            for (const auto &[label, n] : s.missed()) {
                out.append(QStringLiteral("missed %1 %2").arg(label).arg(n));
            }
            for (const auto &[label, n] : s.spurious()) {
                out.append(QStringLiteral("spurious %1 %2").arg(label).arg(n));
            }
            return out.join(u'\n');
        };
        QList<Annotation> a = spans(first, u'a');
        QList<Annotation> b = spans(second, u'b');
        for (int order = 0; order < 2; ++order) {
            if (order == 1) {
                std::reverse(a.begin(), a.end());
            }
            SpanScores fromLists;
            fromLists.add(a, b);
            SpanScores fromSpanLists;
            fromSpanLists.add(SpanList(a), SpanList(b));
            QVERIFY(!scoresText(fromLists).isEmpty());
            QCOMPARE(scoresText(fromSpanLists), scoresText(fromLists));
            QCOMPARE(SpanList(a).size(), a.size());
            const auto reviewText = [](const Review &review) {
                QStringList out;
                for (const ReviewItem &item : review.items()) {
                    out.append(QStringLiteral("%1 %2-%3 %4 %5")
                                   .arg(reviewKindName(item.kind))
                                   .arg(item.start.value)
                                   .arg(item.end.value)
                                   .arg(item.reference)
                                   .arg(item.candidate));
                }
                for (const qsizetype i : review.disagreements()) {
                    out.append(QString::number(i));
                }
                return out.join(u'\n');
            };
            QVERIFY(!reviewText(Review::compare(a, b)).isEmpty());
            QCOMPARE(reviewText(Review::compare(SpanList(a), SpanList(b))), reviewText(Review::compare(a, b)));
            const std::vector<ReviewItem> items = Review::compare(SpanList(a), SpanList(b)).items();
            QVERIFY(std::is_sorted(items.begin(), items.end(), [](const ReviewItem &x, const ReviewItem &y) {
                return std::tie(x.start, x.end, x.kind, x.reference, x.candidate)
                    < std::tie(y.start, y.end, y.kind, y.reference, y.candidate);
            }));

            for (const int annotators : {2, 3}) {
                QList<QList<Annotation>> lists{a, b, b};
                lists.resize(annotators);
                std::vector<SpanList> spanLists;
                for (const QList<Annotation> &list : lists) {
                    spanLists.emplace_back(list);
                }
                CodePointAgreement fromListsAgreement(annotators);
                fromListsAgreement.add(length, lists);
                CodePointAgreement fromSpanListsAgreement(annotators);
                fromSpanListsAgreement.add(length, spanLists);
                QCOMPARE(agreementFigures(fromSpanListsAgreement), agreementFigures(fromListsAgreement));
            }
        }
    }

    // A SpanList finds a span's label by the data of its string while it holds that string: a
    // label freed and another made where it was is still told apart by its text.
    void spanListLabelsOfReusedStrings()
    {
        SpanList list;
        const QStringList names{QStringLiteral("claim"), QStringLiteral("quote"), QStringLiteral("aside")};
        for (int k = 0; k < 60; ++k) {
            // A string of its own each time, freed after the append: malloc may give the next
            // one the same address.
            const QString label = QString::fromUtf8(names.at(k % 3).toUtf8());
            list.append(Annotation(CodePoint(k), CodePoint(k + 1), label));
        }
        QCOMPARE(list.labels(), names);
        for (int k = 0; k < 60; ++k) {
            QCOMPARE(list.labels().at(list.entries()[size_t(k)].label), names.at(k % 3));
        }
    }

    void alphaOverAllLabels()
    {
        // Values are label sets. Reference: {claim} 0-5, 8-10, 20-30; {claim, quote} 5-8;
        // {boilerplate} 40-50; {} elsewhere. Candidate: {claim} 0-10, 22-30; {quote} 60-65.
        // Disagreeing code points: 5-8, 20-22, 40-50, 60-65 = 20, each m^2 - sum n_c^2 = 4 - 2 = 2.
        // Pooled value counts: {claim} 17+18 = 35, {claim,quote} 3, {} 70+77 = 147,
        // {boilerplate} 10, {quote} 5; sum of squares 22968; n = 200.
        // alpha = 1 - (n-1) * 40 / (n^2 - 22968) = 1 - 7960/17032 (NLTK: 0.5326444340065759)
        CodePointAgreement agreement(2);
        agreement.add(100, {fixtureReference(), fixtureCandidate()});
        QVERIFY(near(agreement.alpha(), 1 - 7960.0 / 17032));
        // Pooling documents: the same pair twice gives the same figure.
        agreement.add(100, {fixtureReference(), fixtureCandidate()});
        QVERIFY(near(agreement.alpha(), 1 - (399.0 * 80) / (400.0 * 400 - 4 * 22968)));
        // Perfect agreement of three annotators.
        CodePointAgreement three(3);
        three.add(100, {fixtureReference(), fixtureReference(), fixtureReference()});
        QVERIFY(near(three.alpha(), 1.0));
        QVERIFY(!three.kappa(QStringLiteral("claim")));
        // Nothing annotated anywhere: one value only, alpha undefined.
        CodePointAgreement empty(2);
        empty.add(50, {{}, {}});
        QVERIFY(!empty.alpha());
    }

    void review_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("candidate");
        QTest::addColumn<QString>("expected"); // every item, in document order

        QTest::newRow("nested, one exact one boundary")
            << QStringLiteral("claim 0 100, quote 10 20") << QStringLiteral("claim 0 100, quote 12 20")
            << QStringLiteral("exact-match 0-100 r0 c0; boundary-mismatch 10-20 r1 c1");
        QTest::newRow("same range wins over overlap")
            << QStringLiteral("claim 0 10") << QStringLiteral("quote 0 10, claim 0 9")
            << QStringLiteral("spurious 0-9 - c1; label-mismatch 0-10 r0 c0");
        QTest::newRow("exact wins over boundary")
            << QStringLiteral("claim 0 10") << QStringLiteral("claim 2 8, claim 0 10")
            << QStringLiteral("exact-match 0-10 r0 c1; spurious 2-8 - c0");
        QTest::newRow("maximum matching, not first come")
            // 0-10 overlaps both candidates, 9-12 only 5-10: pairing 0-10 with 5-10 would leave two
            << QStringLiteral("claim 0 10, claim 9 12") << QStringLiteral("claim 5 10, claim 0 3")
            << QStringLiteral("boundary-mismatch 0-10 r0 c1; boundary-mismatch 5-12 r1 c0");
        QTest::newRow("overlap of other labels is not a match")
            << QStringLiteral("claim 0 10") << QStringLiteral("quote 5 15")
            << QStringLiteral("missed 0-10 r0 -; spurious 5-15 - c0");
        QTest::newRow("duplicates pair one to one")
            << QStringLiteral("claim 0 5, claim 0 5") << QStringLiteral("claim 0 5")
            << QStringLiteral("exact-match 0-5 r0 c0; missed 0-5 r1 -");
        QTest::newRow("nested same label, both sides")
            << QStringLiteral("claim 0 50, claim 10 20") << QStringLiteral("claim 0 48, claim 10 21")
            << QStringLiteral("boundary-mismatch 0-50 r0 c0; boundary-mismatch 10-21 r1 c1");
        QTest::newRow("two labels on one range")
            << QStringLiteral("claim 0 10, quote 0 10") << QStringLiteral("boilerplate 0 10, quote 0 10")
            << QStringLiteral("exact-match 0-10 r1 c1; label-mismatch 0-10 r0 c0");
        QTest::newRow("empty candidate") << QStringLiteral("quote 3 4") << QString()
                                         << QStringLiteral("missed 3-4 r0 -");
    }

    void review()
    {
        QFETCH(QString, reference);
        QFETCH(QString, candidate);
        QFETCH(QString, expected);
        const QList<Annotation> ref = spans(reference, u'r');
        const QList<Annotation> cand = spans(candidate, u'c');
        const Review r = Review::compare(ref, cand);
        QStringList items;
        for (const ReviewItem &item : r.items()) {
            items.append(QStringLiteral("%1 %2-%3 %4 %5")
                             .arg(reviewKindName(item.kind))
                             .arg(item.start.value)
                             .arg(item.end.value)
                             .arg(item.reference < 0 ? QStringLiteral("-") : ref.at(item.reference).id,
                                  item.candidate < 0 ? QStringLiteral("-") : cand.at(item.candidate).id));
        }
        QCOMPARE(items.join(QStringLiteral("; ")), expected);
        // Every span has exactly one class.
        qsizetype refSeen = 0;
        qsizetype candSeen = 0;
        for (const ReviewItem &item : r.items()) {
            refSeen += item.reference >= 0 ? 1 : 0;
            candSeen += item.candidate >= 0 ? 1 : 0;
            if (item.reference >= 0) {
                QCOMPARE(r.referenceKind(item.reference), item.kind);
            }
        }
        QCOMPARE(refSeen, ref.size());
        QCOMPARE(candSeen, cand.size());
        QCOMPARE(qsizetype(r.disagreements().size()), r.items().size() - r.count(ReviewKind::ExactMatch));
    }

    void overlapMatchingIsMaximum()
    {
        // Random interval sets, dense and sparse, against Kuhn's algorithm.
        QRandomGenerator random(6);
        for (int round = 0; round < 400; ++round) {
            const int span = 10 + int(random.bounded(200));
            const auto make = [&](QChar prefix) {
                QList<Annotation> list;
                const int n = int(random.bounded(12));
                for (int i = 0; i < n; ++i) {
                    const qint64 start = random.bounded(span);
                    const qint64 end = start + 1 + random.bounded(1 + int(random.bounded(40)));
                    list.append(Testing::withId(Annotation(CodePoint(start), CodePoint(end), QStringLiteral("x")),
                                                prefix + QString::number(i)));
                }
                return list;
            };
            const QList<Annotation> a = make(u'r');
            const QList<Annotation> b = make(u'c');
            SpanScores scores;
            scores.add(a, b);
            const qint64 matched = scores.labels().empty() ? 0 : scores.labels().begin()->second.overlap.matched;
            QCOMPARE(matched, qint64(bruteForceMatching(a, b)));
            // The review's pairs are valid: one to one, and each pair overlaps.
            const Review r = Review::compare(a, b);
            for (const ReviewItem &item : r.items()) {
                if (item.reference >= 0 && item.candidate >= 0) {
                    QVERIFY(a.at(item.reference).overlaps(b.at(item.candidate).start, b.at(item.candidate).end));
                }
            }
        }
    }

    void relationScores_data()
    {
        QTest::addColumn<QString>("referenceSpans");
        QTest::addColumn<QString>("referenceRelations");
        QTest::addColumn<QString>("candidateSpans");
        QTest::addColumn<QString>("candidateRelations");
        QTest::addColumn<QString>("expected"); // every review item, in document order
        // attributed_to: reference and candidate counted, matched exactly, matched by overlap
        QTest::addColumn<QList<qint64>>("counts");

        const QString quoteAndSource = QStringLiteral("quote 0 10, source 20 25");
        const QString attributed = QStringLiteral("attributed_to 0 1");
        QTest::newRow("exact") << quoteAndSource << attributed << quoteAndSource << attributed
                               << QStringLiteral("exact-match 0-25 rR0 cR0") << QList<qint64>{1, 1, 1, 1};
        QTest::newRow("same ends, other label")
            << quoteAndSource << attributed << quoteAndSource << QStringLiteral("said_by 0 1")
            << QStringLiteral("label-mismatch 0-25 rR0 cR0") << QList<qint64>{1, 0, 0, 0};
        QTest::newRow("an end's boundary differs")
            << quoteAndSource << attributed << QStringLiteral("quote 0 9, source 19 25") << attributed
            << QStringLiteral("boundary-mismatch 0-25 rR0 cR0") << QList<qint64>{1, 1, 0, 1};
        QTest::newRow("an end of another span label")
            << quoteAndSource << attributed << QStringLiteral("quote 0 10, claim 20 25") << attributed
            << QStringLiteral("missed 0-25 rR0 -; spurious 0-25 - cR0") << QList<qint64>{1, 1, 0, 0};
        QTest::newRow("the other direction")
            << QStringLiteral("quote 0 10, quote 20 25") << attributed << QStringLiteral("quote 0 10, quote 20 25")
            << QStringLiteral("attributed_to 1 0") << QStringLiteral("missed 0-25 rR0 -; spurious 0-25 - cR0")
            << QList<qint64>{1, 1, 0, 0};
        QTest::newRow("an end left out is not counted")
            << quoteAndSource << attributed << QStringLiteral("quote 0 10") << QStringLiteral("attributed_to 0 9")
            << QStringLiteral("missed 0-25 rR0 -") << QList<qint64>{1, 0, 0, 0};
        QTest::newRow("fragments: the same pieces match exactly")
            << QStringLiteral("quote 0 12 0-5+8-12, source 20 25") << attributed
            << QStringLiteral("quote 0 12 0-5+8-12, source 20 25") << attributed
            << QStringLiteral("exact-match 0-25 rR0 cR0") << QList<qint64>{1, 1, 1, 1};
        QTest::newRow("fragments: other pieces overlap")
            << QStringLiteral("quote 0 12 0-5+8-12, source 20 25") << attributed
            << QStringLiteral("quote 0 12, source 20 25") << attributed
            << QStringLiteral("boundary-mismatch 0-25 rR0 cR0") << QList<qint64>{1, 1, 0, 1};
        QTest::newRow("fragments: the gap is not the span")
            // The candidate's source sits in the reference quote's gap: no overlap.
            << QStringLiteral("quote 0 12 0-5+8-12, source 20 25") << QStringLiteral("attributed_to 1 0")
            << QStringLiteral("quote 6 7, source 20 25") << QStringLiteral("attributed_to 1 0")
            << QStringLiteral("missed 0-25 rR0 -; spurious 6-25 - cR0") << QList<qint64>{1, 1, 0, 0};
        QTest::newRow("maximum matching, not first come")
            // rR0 overlaps both candidates, rR1 only cR0: pairing rR0 with cR0 would leave one.
            << QStringLiteral("quote 0 10, source 20 30, source 40 50")
            << QStringLiteral("attributed_to 0 1, attributed_to 0 2")
            << QStringLiteral("quote 0 10, source 28 45, source 20 22")
            << QStringLiteral("attributed_to 0 1, attributed_to 0 2")
            << QStringLiteral("boundary-mismatch 0-30 rR0 cR1; boundary-mismatch 0-50 rR1 cR0")
            << QList<qint64>{2, 2, 0, 2};
        QTest::newRow("no candidate relations") << quoteAndSource << attributed << quoteAndSource << QString()
                                                << QStringLiteral("missed 0-25 rR0 -") << QList<qint64>{1, 0, 0, 0};
    }

    void relationScores()
    {
        QFETCH(QString, referenceSpans);
        QFETCH(QString, referenceRelations);
        QFETCH(QString, candidateSpans);
        QFETCH(QString, candidateRelations);
        QFETCH(QString, expected);
        QFETCH(QList<qint64>, counts);
        const QList<Annotation> refSpans = spans(referenceSpans, u'r');
        const QList<Relation> refRelations = relationList(referenceRelations, u'r');
        const QList<Annotation> candSpans = spans(candidateSpans, u'c');
        const QList<Relation> candRelations = relationList(candidateRelations, u'c');
        const RelationLayer reference{refSpans, refRelations};
        const RelationLayer candidate{candSpans, candRelations};

        const RelationReview review = RelationReview::compare(reference, candidate);
        QStringList items;
        for (const RelationReviewItem &item : review.items()) {
            items.append(QStringLiteral("%1 %2-%3 %4 %5")
                             .arg(reviewKindName(item.kind))
                             .arg(item.start.value)
                             .arg(item.end.value)
                             .arg(item.reference >= 0 ? refRelations.at(item.reference).id : QStringLiteral("-"),
                                  item.candidate >= 0 ? candRelations.at(item.candidate).id : QStringLiteral("-")));
        }
        QCOMPARE(items.join(QStringLiteral("; ")), expected);
        QCOMPARE(qsizetype(review.disagreements().size()),
                 qsizetype(review.items().size()) - review.count(ReviewKind::ExactMatch));

        RelationScores scores;
        scores.add(reference, candidate);
        const LabelScores attributedTo = scores.labels().at(QStringLiteral("attributed_to"));
        QCOMPARE(attributedTo.exact.reference, counts.at(0));
        QCOMPARE(attributedTo.exact.candidate, counts.at(1));
        QCOMPARE(attributedTo.exact.matched, counts.at(2));
        QCOMPARE(attributedTo.overlap.matched, counts.at(3));
        // The review's counts and the scores' agree.
        const auto at = [](const std::map<QString, qint64> &m) {
            const auto it = m.find(QStringLiteral("attributed_to"));
            return it == m.end() ? 0 : it->second;
        };
        QCOMPARE(at(scores.missed()), qint64(review.count(ReviewKind::Missed)));
        QCOMPARE(at(scores.mislabelled()), qint64(review.count(ReviewKind::LabelMismatch)));
    }

    void relationAverages()
    {
        // Two documents, two labels: attributed_to 1 of 2 exact (P = R = 0.5), said_by 0 of 1
        // (P undefined with no candidate, R = 0); part_of declared and unused, left out of macro.
        const QList<Annotation> s = spans(QStringLiteral("quote 0 10, source 20 25, source 30 35"), u'r');
        const QList<Annotation> c = spans(QStringLiteral("quote 0 10, source 20 25, source 30 35"), u'c');
        const QList<Relation> ref1 = relationList(QStringLiteral("attributed_to 0 1, said_by 2 0"), u'r');
        const QList<Relation> cand1 = relationList(QStringLiteral("attributed_to 0 1"), u'c');
        const QList<Relation> ref2 = relationList(QStringLiteral("attributed_to 0 2"), u'r');
        const QList<Relation> cand2 = relationList(QStringLiteral("attributed_to 0 1"), u'c');
        RelationScores scores;
        scores.addLabels({QStringLiteral("part_of")});
        scores.add({s, ref1}, {c, cand1});
        scores.add({s, ref2}, {c, cand2});
        QCOMPARE(scores.labels().size(), size_t(3));
        const MatchCounts micro = scores.microExact();
        QCOMPARE(micro.reference, 3);
        QCOMPARE(micro.candidate, 2);
        QCOMPARE(micro.matched, 1);
        QVERIFY(near(micro.f1(), 2.0 * (1.0 / 2) * (1.0 / 3) / (1.0 / 2 + 1.0 / 3)));
        const Averages macro = scores.macroExact();
        QVERIFY(near(macro.precision, (0.5 + 0.0) / 2));
        QVERIFY(near(macro.recall, (0.5 + 0.0) / 2));
        QCOMPARE(scores.missed().at(QStringLiteral("said_by")), 1);
        QCOMPARE(scores.spurious().at(QStringLiteral("attributed_to")), 1);
    }

    void merge_data()
    {
        QTest::addColumn<QString>("strategy");
        QTest::addColumn<QString>("expected"); // the merged spans
        QTest::addColumn<int>("conflicts");
        // ana: claim 0-10, quote 20-30; bob: claim 0-12, quote 20-30; cat: claim 0-10,
        // boilerplate 40-45. claim 0-10 (ana, cat) and claim 0-12 (bob) are alternatives.
        QTest::newRow("union")
            << QStringLiteral("union")
            << QStringLiteral(
                   "claim 0-10 r0 ana, claim 0-12 r0-bob bob, quote 20-30 r1 ana, boilerplate 40-45 r1-cat cat")
            << 1;
        QTest::newRow("reference-wins") << QStringLiteral(
            "reference-wins") << QStringLiteral("claim 0-10 r0 ana, quote 20-30 r1 ana, boilerplate 40-45 r1-cat cat")
                                        << 1;
        // 3 inputs: kept with 2 or 3; claim 0-12 and boilerplate have 1
        QTest::newRow("majority") << QStringLiteral("majority")
                                  << QStringLiteral("claim 0-10 r0 ana, quote 20-30 r1 ana") << 2;
    }

    void merge()
    {
        QFETCH(QString, strategy);
        QFETCH(QString, expected);
        QFETCH(int, conflicts);
        const QList<MergeInput> inputs{
            {QStringLiteral("ana"), QStringLiteral("ana"), spans(QStringLiteral("claim 0 10, quote 20 30"), u'r')},
            {QStringLiteral("bob"), QStringLiteral("bob"), spans(QStringLiteral("claim 0 12, quote 20 30"), u'r')},
            {QStringLiteral("cat"), QStringLiteral("cat"),
             spans(QStringLiteral("claim 0 10, boilerplate 40 45"), u'r')}};
        const MergeResult result = Metrics::merge(*mergeStrategyFromName(strategy), inputs);
        QStringList merged;
        for (const Annotation &a : result.annotations) {
            merged.append(QStringLiteral("%1 %2-%3 %4 %5")
                              .arg(a.label)
                              .arg(a.start.value)
                              .arg(a.end.value)
                              .arg(a.id, a.annotator()));
        }
        QCOMPARE(merged.join(QStringLiteral(", ")), expected);
        QCOMPARE(result.conflicts.size(), conflicts);
    }

    // Relations are merged between the merged spans with the same strategy (docs/METRICS.md §5).
    void mergeRelations_data()
    {
        QTest::addColumn<QString>("strategy");
        QTest::addColumn<QStringList>("expected"); // label from-range to-range
        QTest::addColumn<int>("conflicts");
        // ana and bob: quote 0-10 attributed_to source 20-25; bob: said_by source 30-35;
        // cat: cites source 30-35 (the same pair of spans as bob's said_by, another label).
        QTest::newRow("union") << QStringLiteral("union")
                               << QStringList{QStringLiteral("attributed_to 0-10 20-25"),
                                              QStringLiteral("cites 0-10 30-35"), QStringLiteral("said_by 0-10 30-35")}
                               << 0;
        QTest::newRow("reference-wins") << QStringLiteral("reference-wins")
                                        << QStringList{QStringLiteral("attributed_to 0-10 20-25"),
                                                       QStringLiteral("said_by 0-10 30-35")}
                                        << 1;
        QTest::newRow("majority") << QStringLiteral("majority")
                                  << QStringList{QStringLiteral("attributed_to 0-10 20-25")} << 2;
    }

    void mergeRelations()
    {
        QFETCH(QString, strategy);
        QFETCH(QStringList, expected);
        QFETCH(int, conflicts);
        const QList<Annotation> three = spans(QStringLiteral("quote 0 10, source 20 25, source 30 35"), u'r');
        const QList<MergeInput> inputs{{QStringLiteral("ana"), QStringLiteral("ana"), three,
                                        relationList(QStringLiteral("attributed_to 0 1"), u'r')},
                                       {QStringLiteral("bob"), QStringLiteral("bob"), three,
                                        relationList(QStringLiteral("attributed_to 0 1, said_by 0 2"), u'r')},
                                       {QStringLiteral("cat"), QStringLiteral("cat"),
                                        spans(QStringLiteral("quote 0 10, source 30 35"), u'r'),
                                        relationList(QStringLiteral("cites 0 1"), u'r')}};
        const MergeResult result = Metrics::merge(*mergeStrategyFromName(strategy), inputs);
        QCOMPARE(result.annotations.size(), 3);
        QSet<QString> ids;
        for (const Annotation &a : result.annotations) {
            ids.insert(a.id);
        }
        const auto range = [&](const QString &id) {
            for (const Annotation &a : result.annotations) {
                if (a.id == id) {
                    return QStringLiteral("%1-%2").arg(a.start.value).arg(a.end.value);
                }
            }
            return QStringLiteral("(no span %1)").arg(id);
        };
        QStringList merged;
        for (const Relation &r : result.relations) {
            merged.append(QStringLiteral("%1 %2 %3").arg(r.label, range(r.from), range(r.to)));
            QVERIFY2(!ids.contains(r.id), qPrintable(r.id)); // one space of ids (docs/FORMAT.md §6.8)
            ids.insert(r.id);
        }
        merged.sort();
        QCOMPARE(merged, expected);
        QCOMPARE(result.conflicts.size(), conflicts);
        for (const MergeConflict &c : result.conflicts) {
            QVERIFY2(c.message.startsWith(QStringLiteral("relation ")), qPrintable(c.message));
        }
    }

    // Two quotes with the same ends in other pieces are two spans, alternatives of each other.
    void mergeKeepsPiecesApart()
    {
        const auto inPieces = [](qint64 a, qint64 b, qint64 c, qint64 d) {
            Annotation quote;
            quote.id = QStringLiteral("q");
            quote.label = QStringLiteral("quote");
            quote.setFragments({Fragment{CodePoint(a), CodePoint(b)}, Fragment{CodePoint(c), CodePoint(d)}});
            return quote;
        };
        const QList<MergeInput> inputs{{QStringLiteral("ana"), QString(), {inPieces(0, 5, 10, 15)}},
                                       {QStringLiteral("bob"), QString(), {inPieces(0, 3, 12, 15)}},
                                       {QStringLiteral("cat"), QString(), {inPieces(0, 5, 10, 15)}}};
        const MergeResult union_ = Metrics::merge(MergeStrategy::Union, inputs);
        QCOMPARE(union_.annotations.size(), 2);
        QCOMPARE(union_.conflicts.size(), 1); // one pair of alternatives, said once
        const MergeResult majority = Metrics::merge(MergeStrategy::Majority, inputs);
        QCOMPARE(majority.annotations.size(), 1);
        QCOMPARE(majority.annotations.first().fragments().last().start, CodePoint(10));
    }

    // A relation whose span the strategy drops goes too, and says so.
    void mergeDropsARelationWithItsSpan()
    {
        const QList<MergeInput> inputs{{QStringLiteral("ana"), QString(),
                                        spans(QStringLiteral("quote 0 10, source 20 25"), u'r'),
                                        relationList(QStringLiteral("attributed_to 0 1"), u'r')},
                                       {QStringLiteral("bob"), QString(), spans(QStringLiteral("quote 0 10"), u'r')},
                                       {QStringLiteral("cat"), QString(), spans(QStringLiteral("quote 0 10"), u'r')}};
        const MergeResult result = Metrics::merge(MergeStrategy::Majority, inputs);
        QCOMPARE(result.annotations.size(), 1);
        QVERIFY(result.relations.isEmpty());
        QVERIFY(std::any_of(result.conflicts.begin(), result.conflicts.end(), [](const MergeConflict &c) {
            return c.message.contains(QStringLiteral("a span of it was dropped"));
        }));
    }

    // diff writes its lines as UTF-8 bytes (issue 17): a span's text quoted with its line breaks,
    // tabs, quotes, backslashes and other control characters escaped, everything else as it is,
    // the same to a file or terminal as to a stream over a string.
    void diffQuotesSpanTexts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("ascii, longer than a block") << QStringLiteral("The council approved the budget on Monday.");
        QTest::newRow("quotes and backslashes") << QStringLiteral("she said \"no\" to C:\\data\\ and \"yes\"");
        QTest::newRow("line ends and tabs") << QStringLiteral("one\r\ntwo\tthree\nfour");
        QTest::newRow("other control characters") << QStringLiteral("bell\u0007back\u0008feed\u000c esc\u001b.");
        QTest::newRow("beyond ascii") << QStringLiteral("Zürich 東京 서울 🌍📈 caf\u00E9\u00A0km \u201Cquoted\u201D");
        QTest::newRow("ascii runs between others") << QStringLiteral("abcdefgh🌍ijklmnop\"qrstuvwx\nyz0123456789é");
    }
    void diffQuotesSpanTexts()
    {
        QFETCH(QString, text);
        const auto quoted = [](const QString &t) -> QString {
            QString out = QStringLiteral("\"");
            for (const QChar c : t) {
                if (c == u'"' || c == u'\\') {
                    out += u'\\';
                    out += c;
                } else if (c == u'\n') {
                    out += QStringLiteral("\\n");
                } else if (c == u'\r') {
                    out += QStringLiteral("\\r");
                } else if (c == u'\t') {
                    out += QStringLiteral("\\t");
                } else if (c.unicode() < 0x20) {
                    out += QStringLiteral("\\u00") + QString::number(c.unicode(), 16).rightJustified(2, u'0');
                } else {
                    out += c;
                }
            }
            out += u'"';
            return out;
        };
        QTemporaryDir dir;
        const qint64 length = QStringView(text).toUcs4().size();
        const auto write = [&](const QString &name, const QString &label, const QString &id) {
            ScholiastJson::Sidecar s;
            s.documentName = QStringLiteral("doc.txt");
            s.documentSha256 = QString(64, u'0');
            s.documentLength = length;
            s.labels = LabelSchema::defaultSchema();
            Annotation a(CodePoint(0), CodePoint(length), label);
            a.setText(text);
            s.annotations = {Testing::withId(a, id)};
            Diagnostics d;
            QVERIFY2(ScholiastJson::write(dir.filePath(name), s, d), qPrintable(d.value(0).toString()));
        };
        write(QStringLiteral("doc.txt.ana.scholiast.json"), QStringLiteral("claim"), QStringLiteral("r1"));
        write(QStringLiteral("doc.txt.bob.scholiast.json"), QStringLiteral("quote"), QStringLiteral("c1"));
        const QStringList args{QStringLiteral("diff"), dir.filePath(QStringLiteral("doc.txt.ana.scholiast.json")),
                               dir.filePath(QStringLiteral("doc.txt.bob.scholiast.json"))};
        const QString expected =
            QStringLiteral("label-mismatch 0-%1  reference r1 claim 0-%1 %2  candidate c1 quote 0-%1 %2\n")
                .arg(length)
                .arg(quoted(text));
        QString err;
        QTextStream e(&err);
        QString out;
        QTextStream toString(&out);
        QCOMPARE(Cli::run(args, toString, e), 0);
        toString.flush();
        QCOMPARE(out, expected);
        QBuffer bytes;
        QVERIFY(bytes.open(QIODevice::WriteOnly));
        QTextStream toDevice(&bytes);
        QCOMPARE(Cli::run(args, toDevice, e), 0);
        toDevice.flush();
        QCOMPARE(bytes.data(), expected.toUtf8());
    }

    void cliDiffAndMerge()
    {
        QTemporaryDir dir;
        const auto write = [&](const QString &name, const QList<Annotation> &annotations) {
            ScholiastJson::Sidecar s;
            s.documentName = QStringLiteral("doc.txt");
            s.documentSha256 = QString(64, u'0');
            s.documentLength = 100;
            s.labels = LabelSchema::defaultSchema();
            s.annotations = annotations;
            for (Annotation &a : s.annotations) {
                a.setText(QString(a.end.value - a.start.value, u'x'));
            }
            Diagnostics d;
            QVERIFY(ScholiastJson::write(dir.filePath(name), s, d));
        };
        write(QStringLiteral("doc.txt.ana.scholiast.json"), fixtureReference());
        write(QStringLiteral("doc.txt.bob.scholiast.json"), fixtureCandidate());
        const auto run = [](const QStringList &args, QString &out, QString &err) {
            QTextStream o(&out);
            QTextStream e(&err);
            const int code = Cli::run(args, o, e);
            o.flush();
            e.flush();
            return code;
        };
        QString out;
        QString err;
        QCOMPARE(run({QStringLiteral("diff"), dir.filePath(QStringLiteral("doc.txt.ana.scholiast.json")),
                      dir.filePath(QStringLiteral("doc.txt.bob.scholiast.json"))},
                     out, err),
                 0);
        const QStringList lines = out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines.at(0).startsWith(
            QStringLiteral("label-mismatch 5-8  reference r2 quote 5-8 \"xxx\"  candidate c2 claim 5-8")));
        QVERIFY(lines.at(1).startsWith(QStringLiteral("boundary-mismatch 20-30  reference r1 claim 20-30")));
        QVERIFY(lines.at(2).startsWith(QStringLiteral("missed 40-50  reference r3 boilerplate 40-50")));
        QVERIFY(lines.at(3).startsWith(QStringLiteral("spurious 60-65  candidate c3 quote 60-65")));

        out.clear();
        err.clear();
        const QString merged = dir.filePath(QStringLiteral("doc.txt.scholiast.json"));
        QCOMPARE(run({QStringLiteral("merge"), QStringLiteral("--strategy"), QStringLiteral("reference-wins"), merged,
                      dir.filePath(QStringLiteral("doc.txt.ana.scholiast.json")),
                      dir.filePath(QStringLiteral("doc.txt.bob.scholiast.json"))},
                     out, err),
                 1);
        QVERIFY2(
            err.contains(QStringLiteral("conflict at 20-30: claim 22-30 (bob) contradicts claim 20-30 (ana): dropped")),
            qPrintable(err));
        Diagnostics d;
        const auto result = ScholiastJson::read(merged, d);
        QVERIFY(result);
        // ana's four spans, plus bob's quote 60-65 (contradicts nothing); bob's claim 5-8 is a
        // label alternative of ana's quote 5-8 and is dropped.
        QCOMPARE(result->annotations.size(), 5);
        QCOMPARE(run({QStringLiteral("merge"), merged, merged, merged}, out, err), 2);
    }
};

QTEST_GUILESS_MAIN(MetricsTest)
#include "metrics_test.moc"
