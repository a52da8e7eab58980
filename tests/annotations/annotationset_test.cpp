// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotationset.h"
#include "document.h"
#include "reliability/reanchor.h"
#include "testspans.h"

#include <QFuture>
#include <QRandomGenerator>
#include <QSet>
#include <QtConcurrent/QtConcurrentRun>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <array>
#include <atomic>
#include <map>
#include <type_traits>

using namespace Scholiast;

// An offset is its own type: neither a bare integer nor another unit stands for a code point.
static_assert(!std::is_convertible_v<qint64, CodePoint>);
static_assert(!std::is_constructible_v<CodePoint, Utf16Index>);
static_assert(!std::is_convertible_v<CodePoint, qint64>);
// A span is made from two code points and a label; its text and id are set by name, so two
// strings are never told apart by position.
static_assert(std::is_constructible_v<Annotation, CodePoint, CodePoint, QString>);
static_assert(!std::is_constructible_v<Annotation, qint64, qint64, QString>);
static_assert(!std::is_constructible_v<Annotation, CodePoint, CodePoint, QString, QString>);
static_assert(!std::is_constructible_v<Annotation, CodePoint, CodePoint, QString, QString, QString>);

namespace {
QStringList idsOf(const std::vector<const Annotation *> &spans)
{
    QStringList ids;
    for (const Annotation *a : spans) {
        ids.append(a->id);
    }
    return ids;
}

// The reference: every span checked one by one, in (start, end, id) order.
QStringList bruteForce(const std::map<QString, Annotation> &spans, qint64 start, qint64 end)
{
    std::vector<const Annotation *> hits;
    for (const auto &[id, a] : spans) {
        if (a.start.value < end && start < a.end.value) {
            hits.push_back(&a);
        }
    }
    std::sort(hits.begin(), hits.end(), [](const Annotation *x, const Annotation *y) {
        return std::tie(x->start.value, x->end.value, x->id) < std::tie(y->start.value, y->end.value, y->id);
    });
    return idsOf(hits);
}
} // namespace

class AnnotationSetTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void constructorSetsWhatItNames()
    {
        const Annotation span(CodePoint(3), CodePoint(8), QStringLiteral("claim"));
        QVERIFY(span.start == CodePoint(3));
        QVERIFY(span.end == CodePoint(8));
        QCOMPARE(span.length(), 5);
        QCOMPARE(span.label, QStringLiteral("claim"));
        QVERIFY(span.text().isEmpty());
        QVERIFY(span.id.isEmpty());
        QVERIFY(!span.hasDetails());
        QVERIFY(span.overlaps(CodePoint(7), CodePoint(9)));
        QVERIFY(!span.overlaps(CodePoint(8), CodePoint(9)));
    }

    // A shared text is a snapshot of the document's, equal to the same text held as a string,
    // and setText() takes the span back to a string of its own.
    void textSharedFromTheDocumentIsAValue()
    {
        static_assert(std::is_const_v<decltype(std::declval<Annotation>().text())>,
                      "text() returns a const copy: span.text().chop(1) must not compile");
        Annotation shared(CodePoint(2), CodePoint(4), QStringLiteral("quote"));
        {
            const Document doc = Document::fromText(QStringLiteral("a\U0001F600東京b"));
            shared.setTextFromDocument(doc);
        }
        QVERIFY(shared.textIsShared());
        QCOMPARE(shared.text(), QStringLiteral("東京"));
        Annotation own = shared;
        own.setText(QStringLiteral("東京"));
        QVERIFY(!own.textIsShared());
        QVERIFY(own == shared);
        own.setText(QStringLiteral("京東"));
        QVERIFY(!(own == shared));
        Annotation copy = shared;
        copy.start = CodePoint(3); // offsets change, the text stays as it was taken
        QCOMPARE(copy.text(), QStringLiteral("東京"));
        Annotation moved = std::move(copy);
        QCOMPARE(moved.text(), QStringLiteral("東京"));
        QVERIFY(copy.text().isEmpty()); // NOLINT(bugprone-use-after-move): no range into a text it gave away
        copy = std::move(moved);
        QCOMPARE(copy.text(), QStringLiteral("東京"));
        QVERIFY(moved.textView().isEmpty()); // NOLINT(bugprone-use-after-move)
    }

    void reanchorCountsNameEachOutcome_data()
    {
        QTest::addColumn<int>("outcome");
        QTest::addColumn<QList<qsizetype>>("expected"); // exact, moved, fuzzy, orphaned
        QTest::newRow("exact") << int(Reanchor::Outcome::Exact) << QList<qsizetype>{1, 0, 0, 0};
        QTest::newRow("moved") << int(Reanchor::Outcome::Moved) << QList<qsizetype>{0, 1, 0, 0};
        QTest::newRow("fuzzy") << int(Reanchor::Outcome::Fuzzy) << QList<qsizetype>{0, 0, 1, 0};
        QTest::newRow("orphaned") << int(Reanchor::Outcome::Orphaned) << QList<qsizetype>{0, 0, 0, 1};
    }

    void reanchorCountsNameEachOutcome()
    {
        QFETCH(int, outcome);
        QFETCH(QList<qsizetype>, expected);
        const auto which = Reanchor::Outcome(outcome);
        QCOMPARE(Reanchor::outcomeName(which), QString::fromLatin1(QTest::currentDataTag()));
        Reanchor::Counts counts;
        counts.add(which);
        counts.add(which);
        QCOMPARE((QList<qsizetype>{counts.exact, counts.moved, counts.fuzzy, counts.orphaned}),
                 (QList<qsizetype>{2 * expected[0], 2 * expected[1], 2 * expected[2], 2 * expected[3]}));
        QCOMPARE(counts.of(which), 2);
        QCOMPARE(counts.total(), 2);
    }

    void overlappingMatchesBruteForce_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("spanCount");
        QTest::addColumn<int>("documentLength");
        QTest::addColumn<int>("maxLength");

        QTest::newRow("empty") << 1u << 0 << 100 << 10;
        QTest::newRow("one") << 2u << 1 << 100 << 10;
        QTest::newRow("small dense") << 3u << 50 << 200 << 40;
        QTest::newRow("nested long spans") << 4u << 300 << 1000 << 1000;
        QTest::newRow("many short") << 5u << 3000 << 100000 << 20;
        QTest::newRow("past the pending limit") << 6u << 9000 << 50000 << 300;
        QTest::newRow("power of two") << 7u << 1024 << 5000 << 50;
    }

    void overlappingMatchesBruteForce()
    {
        QFETCH(quint32, seed);
        QFETCH(int, spanCount);
        QFETCH(int, documentLength);
        QFETCH(int, maxLength);

        QRandomGenerator random(seed);
        AnnotationSet set;
        std::map<QString, Annotation> reference;
        auto randomSpan = [&] {
            const qint64 start = random.bounded(documentLength);
            const qint64 end = std::min<qint64>(documentLength, start + 1 + random.bounded(maxLength));
            return Annotation(CodePoint(start), CodePoint(end), QStringLiteral("claim"));
        };
        auto check = [&] {
            for (int q = 0; q < 60; ++q) {
                const qint64 a = random.bounded(documentLength + 10) - 5;
                const qint64 b = a + random.bounded(q % 3 == 0 ? 1 : maxLength * 2 + 1);
                QCOMPARE(idsOf(set.overlapping(CodePoint(a), CodePoint(b))), bruteForce(reference, a, b));
            }
        };

        // Half at once (the loaded file), then one by one (tagging), removals and moves.
        QList<Annotation> initial;
        for (int i = 0; i < spanCount / 2; ++i) {
            initial.append(randomSpan());
        }
        set.reset(initial);
        for (const Annotation &a : set.toList()) {
            reference[a.id] = a;
        }
        check();
        for (int i = spanCount / 2; i < spanCount; ++i) {
            const QString id = set.add(randomSpan());
            reference[id] = *set.find(id);
        }
        QCOMPARE(set.size(), qsizetype(reference.size()));
        check();
        QStringList toRemove;
        for (const auto &[id, a] : reference) {
            if (random.bounded(4) == 0) {
                toRemove.append(id);
            }
        }
        set.remove(toRemove);
        for (const QString &id : toRemove) {
            reference.erase(id);
        }
        check();
        QList<Annotation> moved;
        for (const auto &[id, a] : reference) {
            if (random.bounded(5) == 0) {
                Annotation m = randomSpan();
                m.id = id;
                moved.append(m);
            }
        }
        set.update(moved);
        for (const Annotation &m : moved) {
            reference[m.id] = m;
        }
        check();
        QCOMPARE(set.size(), qsizetype(reference.size()));
    }

    void idLookupsFollowEveryChange_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("pool");
        QTest::newRow("few ids, many collisions") << 11U << 40;
        QTest::newRow("grows past several sizes") << 12U << 5000;
        QTest::newRow("removals wrap around the table") << 13U << 700;
    }

    // The id index (open addressing, backward-shift removal) against a plain map, through adds
    // with taken and empty ids, removals, re-adds of removed ids, moves and resets.
    void idLookupsFollowEveryChange()
    {
        QFETCH(quint32, seed);
        QFETCH(int, pool);
        QRandomGenerator random(seed);
        AnnotationSet set;
        std::map<QString, Annotation> reference;
        const auto poolId = [&] { return QStringLiteral("s%1").arg(random.bounded(pool)); };
        const auto randomSpan = [&] {
            const qint64 start = random.bounded(10000);
            Annotation a(CodePoint(start), CodePoint(start + 1 + random.bounded(30)), QStringLiteral("claim"));
            a.id = random.bounded(10) == 0 ? QString() : poolId();
            return a;
        };
        const auto check = [&] {
            QCOMPARE(set.size(), qsizetype(reference.size()));
            for (const auto &[id, a] : reference) {
                const Annotation *found = set.find(id);
                QVERIFY2(found, qPrintable(id));
                QVERIFY(*found == a);
            }
            for (int i = 0; i < pool; ++i) {
                const QString id = QStringLiteral("s%1").arg(i);
                QCOMPARE(set.contains(id), reference.count(id) == 1);
            }
        };
        for (int round = 0; round < 12; ++round) {
            if (round % 5 == 0) {
                QList<Annotation> initial;
                for (int i = 0; i < pool / 2; ++i) {
                    initial.append(randomSpan());
                }
                set.reset(initial);
                reference.clear();
                for (const Annotation &a : set.toList()) {
                    reference[a.id] = a;
                }
                check();
                if (QTest::currentTestFailed()) {
                    return;
                }
            }
            QList<Annotation> added;
            for (int i = 0; i < pool / 3; ++i) {
                added.append(randomSpan());
            }
            const QStringList ids = set.add(added);
            for (const QString &id : ids) {
                QVERIFY(!reference.count(id)); // a taken id was replaced by a new one
                reference[id] = *set.find(id);
            }
            check();
            QStringList gone;
            for (const auto &[id, a] : reference) {
                if (random.bounded(3) == 0) {
                    gone.append(id);
                }
            }
            set.remove(gone);
            for (const QString &id : std::as_const(gone)) {
                reference.erase(id);
            }
            check();
            QList<Annotation> moved;
            for (const auto &[id, a] : reference) {
                if (random.bounded(4) == 0) {
                    Annotation m = randomSpan();
                    m.id = id;
                    moved.append(m);
                }
            }
            set.update(moved);
            for (const Annotation &m : std::as_const(moved)) {
                reference[m.id] = m;
            }
            check();
            if (QTest::currentTestFailed()) {
                return;
            }
        }
    }

    void resetMovesOrCopiesTheSameSpans_data()
    {
        QTest::addColumn<bool>("shared");
        QTest::newRow("a list of its own: moved in") << false;
        QTest::newRow("a list shared with another: copied") << true;
    }

    void resetMovesOrCopiesTheSameSpans()
    {
        QFETCH(bool, shared);
        QList<Annotation> spans;
        for (int i = 0; i < 3000; ++i) {
            Annotation a(CodePoint(i), CodePoint(i + 1 + i % 7),
                         i % 2 ? QStringLiteral("claim") : QStringLiteral("quote"));
            a.id = QStringLiteral("s%1").arg(i);
            if (i % 5 == 0) {
                a.setNote(QStringLiteral("note %1").arg(i));
            }
            spans.append(a);
        }
        spans.append(spans.first()); // a taken id: a new one is made, as for any reset
        const QList<Annotation> expected = spans;
        QList<Annotation> given = shared ? expected : QList<Annotation>(expected.begin(), expected.end());
        AnnotationSet set;
        set.reset(std::move(given));
        QVERIFY(given.isEmpty());
        QCOMPARE(set.size(), expected.size());
        for (qsizetype i = 0; i + 1 < expected.size(); ++i) {
            const Annotation *found = set.find(expected.at(i).id);
            QVERIFY(found);
            QVERIFY(*found == expected.at(i));
        }
        QCOMPARE(expected.first().id, QStringLiteral("s0")); // a shared list is left as it was
        QCOMPARE(expected.last().note(), QStringLiteral("note 0"));
    }

    // The loader fills a set a batch at a time while the sidecar is read (issue 17): the set it
    // ends with is the one reset() makes of all the spans at once, whatever the batches, and a
    // withdrawal (beginFilling() again) leaves nothing of what came before. A size hint of
    // hundreds of thousands of spans has the blocks made ahead on a thread of their own: the
    // same set, whether the hint was right, too large or too small.
    void fillingInBatchesIsReset_data()
    {
        QTest::addColumn<int>("spanCount");
        QTest::addColumn<int>("batchSize");
        QTest::addColumn<bool>("withdrawnFirst");
        QTest::addColumn<int>("hint"); // reserveForFilling()'s, when not -1
        QTest::newRow("one span a batch") << 2500 << 1 << false << -1;
        QTest::newRow("batches of 700") << 2500 << 700 << false << -1;
        QTest::newRow("one batch") << 2500 << 100000 << false << -1;
        QTest::newRow("batches of 700 after a withdrawal") << 2500 << 700 << true << -1;
        QTest::newRow("blocks made ahead, as many as hinted") << 270000 << 9000 << false << 270000;
        QTest::newRow("blocks made ahead, fewer spans than hinted") << 270000 << 9000 << false << 540000;
        QTest::newRow("blocks made ahead, more spans than hinted") << 270000 << 9000 << false << 264000;
        QTest::newRow("blocks made ahead, then withdrawn") << 270000 << 9000 << true << 270000;
    }

    void fillingInBatchesIsReset()
    {
        QFETCH(int, spanCount);
        QFETCH(int, batchSize);
        QFETCH(bool, withdrawnFirst);
        QFETCH(int, hint);
        QList<Annotation> spans;
        for (int i = 0; i < spanCount; ++i) {
            Annotation a(CodePoint(i % 900), CodePoint(i % 900 + 1 + i % 11),
                         i % 3 ? QStringLiteral("claim") : QStringLiteral("quote"));
            a.id = QStringLiteral("s%1").arg(i);
            if (i % 4 == 0) {
                a.setStatus(Annotation::Status::Pending);
            }
            spans.append(a);
        }
        spans.append(spans.at(17)); // a taken id: a new one is made, as reset() does
        Relation r;
        r.id = QStringLiteral("r");
        r.label = QStringLiteral("supports");
        r.from = QStringLiteral("s1");
        r.to = QStringLiteral("s2");

        AnnotationSet whole;
        whole.reset(spans, {r});
        AnnotationSet filled;
        QSignalSpy aboutToReset(&filled, &AnnotationSet::aboutToReset);
        QSignalSpy wasReset(&filled, &AnnotationSet::wasReset);
        QSignalSpy added(&filled, &AnnotationSet::spansAdded);
        filled.beginFilling();
        if (hint >= 0) {
            filled.reserveForFilling(hint);
        }
        if (withdrawnFirst) {
            filled.fill(spans.mid(0, 1200));
            filled.beginFilling();
        }
        for (qsizetype at = 0; at < spans.size(); at += batchSize) {
            filled.fill(spans.mid(at, batchSize));
        }
        filled.endFilling({r});
        QCOMPARE(aboutToReset.size(), withdrawnFirst ? 2 : 1);
        QCOMPARE(wasReset.size(), 1);
        QCOMPARE(added.size(), 0);

        QCOMPARE(filled.size(), whole.size());
        // In file order, but for the span given a new id (a random one, so each set's differs).
        QSet<QString> givenIds;
        for (const Annotation &span : std::as_const(spans)) {
            givenIds.insert(span.id);
        }
        const auto given = [&givenIds](const AnnotationSet &set) {
            QList<Annotation> out;
            for (const Annotation *span : set.sorted()) {
                if (givenIds.contains(span->id)) {
                    out.append(*span);
                }
            }
            return out;
        };
        QCOMPARE(given(filled).size(), spans.size() - 1);
        QVERIFY(given(filled) == given(whole));
        for (const Annotation &span : std::as_const(spans).first(spans.size() - 1)) {
            const Annotation *found = filled.find(span.id);
            QVERIFY(found);
            QVERIFY(*found == span);
        }
        QCOMPARE(idsOf(filled.overlapping(CodePoint(100), CodePoint(140))),
                 idsOf(whole.overlapping(CodePoint(100), CodePoint(140))));
        QCOMPARE(filled.count(Annotation::Status::Pending), whole.count(Annotation::Status::Pending));
        QCOMPARE(filled.labelCounts(), whole.labelCounts());
        QCOMPARE(filled.relations().size(), 1);
        QCOMPARE(filled.relationsOf(QStringLiteral("s2")).size(), 1);
    }

    // fill() counts labels by their string a batch at a time (issue 17): shared strings or a
    // string per span, few labels or more than it tallies, the counts are the spans'.
    void fillCountsEveryLabel_data()
    {
        QTest::addColumn<int>("labels");
        QTest::addColumn<bool>("shared");
        QTest::newRow("three labels, strings shared") << 3 << true;
        QTest::newRow("three labels, a string per span") << 3 << false;
        QTest::newRow("twenty labels, strings shared") << 20 << true;
        QTest::newRow("twenty labels, a string per span") << 20 << false;
    }

    void fillCountsEveryLabel()
    {
        QFETCH(int, labels);
        QFETCH(bool, shared);
        QStringList names;
        for (int k = 0; k < labels; ++k) {
            names.append(QStringLiteral("label-%1").arg(k));
        }
        QList<Annotation> spans;
        QHash<QString, qsizetype> expected;
        for (int i = 0; i < 2000; ++i) {
            const int k = (i * 7 + i / 13) % labels;
            const QString label = shared ? names.at(k) : QStringLiteral("label-%1").arg(k);
            spans.append(
                Testing::withId(Annotation(CodePoint(i), CodePoint(i + 3), label), QStringLiteral("s%1").arg(i)));
            ++expected[label];
        }
        AnnotationSet set;
        set.beginFilling();
        for (qsizetype at = 0; at < spans.size(); at += 300) {
            set.fill(spans.mid(at, 300));
        }
        set.endFilling({});
        QCOMPARE(set.labelCounts(), expected);
        for (const QString &name : std::as_const(names)) {
            QCOMPARE(set.countOfLabel(name), expected.value(name));
        }
    }

    // reset() may be given the set's own relations (found by review: they were cleared before
    // they were read).
    void resetWithItsOwnRelationsKeepsThem()
    {
        AnnotationSet set;
        Annotation a(CodePoint(0), CodePoint(3), QStringLiteral("claim"));
        a.id = QStringLiteral("a");
        Annotation b(CodePoint(5), CodePoint(9), QStringLiteral("quote"));
        b.id = QStringLiteral("b");
        Relation r;
        r.id = QStringLiteral("r");
        r.label = QStringLiteral("supports");
        r.from = QStringLiteral("b");
        r.to = QStringLiteral("a");
        set.reset({a, b}, {r});
        QCOMPARE(set.relations().size(), 1);
        set.reset(set.toList(), set.relations());
        QCOMPARE(set.relations().size(), 1);
        QCOMPARE(set.relations().first().id, QStringLiteral("r"));
        QCOMPARE(set.relationsOf(QStringLiteral("a")).size(), 1);
    }

    void orderAndNavigation()
    {
        AnnotationSet set;
        set.reset(
            {Testing::withId(Annotation(CodePoint(10), CodePoint(20), QStringLiteral("quote")), QStringLiteral("b")),
             Testing::withId(Annotation(CodePoint(10), CodePoint(20), QStringLiteral("claim")), QStringLiteral("a")),
             Testing::withId(Annotation(CodePoint(0), CodePoint(50), QStringLiteral("claim")), QStringLiteral("outer")),
             Testing::withId(Annotation(CodePoint(30), CodePoint(35), QStringLiteral("claim")), QStringLiteral("c"))});
        set.add(Testing::withId(Annotation(CodePoint(10), CodePoint(15), QStringLiteral("claim")),
                                QStringLiteral("pending")));
        // File order: start, end, label, id.
        QCOMPARE(idsOf(set.sorted()),
                 (QStringList{QStringLiteral("outer"), QStringLiteral("pending"), QStringLiteral("a"),
                              QStringLiteral("b"), QStringLiteral("c")}));
        // Tab order: start, end, id.
        QStringList forward{QStringLiteral("outer")};
        for (const Annotation *a = set.next(QStringLiteral("outer")); a; a = set.next(a->id)) {
            forward.append(a->id);
        }
        QCOMPARE(forward,
                 (QStringList{QStringLiteral("outer"), QStringLiteral("pending"), QStringLiteral("a"),
                              QStringLiteral("b"), QStringLiteral("c")}));
        QStringList backward{QStringLiteral("c")};
        for (const Annotation *a = set.previous(QStringLiteral("c")); a; a = set.previous(a->id)) {
            backward.append(a->id);
        }
        std::reverse(backward.begin(), backward.end());
        QCOMPARE(backward, forward);
        QCOMPARE(set.firstFrom(CodePoint(11))->id, QStringLiteral("c"));
        QCOMPARE(set.firstFrom(CodePoint(10))->id, QStringLiteral("pending"));
        QVERIFY(!set.firstFrom(CodePoint(31)));
        QCOMPARE(idsOf(set.at(CodePoint(12))),
                 (QStringList{QStringLiteral("outer"), QStringLiteral("pending"), QStringLiteral("a"),
                              QStringLiteral("b")}));
        QVERIFY(set.at(CodePoint(20)).size() == 1);
    }

    // sortInFileOrder keeps the spans that are in order and merges the others in (issue 17):
    // whatever is out of place, and however much, it gives what a sort gives.
    void sortInFileOrderIsASort_data()
    {
        QTest::addColumn<QString>("arrangement");
        for (const char *arrangement :
             {"in order", "one late span first", "one early span last", "two out of place side by side",
              "every tenth out of place", "reversed", "shuffled", "ties on start and end"}) {
            QTest::newRow(arrangement) << QString::fromLatin1(arrangement);
        }
    }

    void sortInFileOrderIsASort()
    {
        QFETCH(QString, arrangement);
        const QStringList labels{QStringLiteral("quote"), QStringLiteral("claim"), QStringLiteral("boilerplate")};
        QList<Annotation> spans;
        for (int i = 0; i < 500; ++i) {
            const bool ties = arrangement == u"ties on start and end";
            const qint64 start = ties ? i / 9 : i * 3;
            spans.append(Testing::withId(
                Annotation(CodePoint(start), CodePoint(start + 4 + (ties ? 0 : i % 5)), labels.at(i % 3)),
                QStringLiteral("s%1").arg(ties ? 499 - i : i)));
        }
        std::vector<const Annotation *> order;
        for (const Annotation &a : spans) {
            order.push_back(&a);
        }
        std::vector<const Annotation *> expected = order;
        std::sort(expected.begin(), expected.end(),
                  [](const Annotation *a, const Annotation *b) { return isBeforeInFileOrder(*a, *b); });
        if (arrangement == u"one late span first") {
            std::rotate(order.begin(), order.begin() + 300, order.begin() + 301);
        } else if (arrangement == u"one early span last") {
            std::rotate(order.begin() + 20, order.begin() + 21, order.end());
        } else if (arrangement == u"two out of place side by side") {
            std::rotate(order.begin() + 10, order.begin() + 400, order.begin() + 402);
        } else if (arrangement == u"every tenth out of place") {
            for (size_t i = 0; i + 7 < order.size(); i += 10) {
                std::swap(order[i], order[i + 7]);
            }
        } else if (arrangement == u"reversed") {
            std::reverse(order.begin(), order.end());
        } else if (arrangement == u"shuffled") {
            std::shuffle(order.begin(), order.end(), *QRandomGenerator::global());
        }
        sortInFileOrder(order);
        QCOMPARE(order, expected);
    }

    void idsAreUniqueAndKept()
    {
        AnnotationSet set;
        const QString given = set.add(
            Testing::withId(Annotation(CodePoint(0), CodePoint(1), QStringLiteral("claim")), QStringLiteral("mine")));
        QCOMPARE(given, QStringLiteral("mine"));
        const QString clash = set.add(
            Testing::withId(Annotation(CodePoint(0), CodePoint(1), QStringLiteral("claim")), QStringLiteral("mine")));
        QVERIFY(clash != QStringLiteral("mine"));
        QSet<QString> ids{given, clash};
        for (int i = 0; i < 1000; ++i) {
            ids.insert(set.add(Annotation(CodePoint(i), CodePoint(i + 1), QStringLiteral("quote"))));
        }
        QCOMPARE(ids.size(), 1002);
        QCOMPARE(set.size(), 1002);
    }

    void signalsCarryWhatChanged()
    {
        AnnotationSet set;
        QSignalSpy added(&set, &AnnotationSet::spansAdded);
        QSignalSpy aboutToRemove(&set, &AnnotationSet::spansAboutToBeRemoved);
        QSignalSpy removed(&set, &AnnotationSet::spansRemoved);
        QSignalSpy changed(&set, &AnnotationSet::spansChanged);
        QSignalSpy reset(&set, &AnnotationSet::wasReset);

        const QStringList ids = set.add({Annotation(CodePoint(0), CodePoint(5), QStringLiteral("claim")),
                                         Annotation(CodePoint(3), CodePoint(9), QStringLiteral("quote"))});
        QCOMPARE(added.size(), 1);
        QCOMPARE(added.at(0).at(0).toStringList(), ids);

        Annotation relabelled = *set.find(ids.at(0));
        relabelled.label = QStringLiteral("boilerplate");
        set.update({relabelled});
        QCOMPARE(changed.size(), 1);
        const auto before = changed.at(0).at(0).value<QList<Annotation>>();
        QCOMPARE(before.value(0).label, QStringLiteral("claim"));
        QCOMPARE(set.find(ids.at(0))->label, QStringLiteral("boilerplate"));

        const QList<Annotation> gone = set.remove({ids.at(1), QStringLiteral("unknown")});
        QCOMPARE(aboutToRemove.size(), 1);
        QCOMPARE(aboutToRemove.at(0).at(0).toStringList(), QStringList{ids.at(1)});
        QCOMPARE(removed.size(), 1);
        QCOMPARE(gone.size(), 1);
        QCOMPARE(gone.at(0).start.value, 3);
        QVERIFY(!set.contains(ids.at(1)));

        set.remove({QStringLiteral("unknown")});
        QCOMPARE(removed.size(), 1); // nothing removed, nothing said

        set.clear();
        QCOMPARE(reset.size(), 1);
        QVERIFY(set.isEmpty());
        QVERIFY(set.overlapping(CodePoint(0), CodePoint(100)).empty());
    }

    // Issue 17: removing many spans at once was quadratic in the ids given (a list searched per
    // id). The behaviour kept: each id once, in the order given, unknown ones ignored.
    void removeTakesEachIdOnceInTheOrderGiven_data()
    {
        QTest::addColumn<int>("count");
        QTest::newRow("a few") << 5;
        QTest::newRow("thousands") << 20000;
    }
    void removeTakesEachIdOnceInTheOrderGiven()
    {
        QFETCH(int, count);
        AnnotationSet set;
        QList<Annotation> spans;
        for (int i = 0; i < count; ++i) {
            spans.append(Annotation(CodePoint(i), CodePoint(i + 3), QStringLiteral("claim")));
        }
        const QStringList ids = set.add(spans);
        QStringList asked;
        for (int i = count - 1; i >= 0; i -= 2) { // every other span, backwards, each asked twice
            asked << ids.at(i) << QStringLiteral("unknown") << ids.at(i);
        }
        QSignalSpy aboutToRemove(&set, &AnnotationSet::spansAboutToBeRemoved);
        const QList<Annotation> gone = set.remove(asked);
        QStringList expected;
        for (int i = count - 1; i >= 0; i -= 2) {
            expected << ids.at(i);
        }
        QCOMPARE(aboutToRemove.at(0).at(0).toStringList(), expected);
        QCOMPARE(gone.size(), expected.size());
        QCOMPARE(gone.first().id, expected.first());
        QCOMPARE(set.size(), count - expected.size());
    }

    // Issue 17: the per-status and per-label counts follow every change (add, remove, update in
    // place and moved, reset), checked against counting the spans one by one after each step.
    void countsFollowEveryChange_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("steps");
        QTest::addColumn<int>("batch");

        QTest::newRow("one span at a time") << 11u << 300 << 1;
        QTest::newRow("small batches") << 12u << 200 << 20;
        QTest::newRow("past the pending limit") << 13u << 30 << 3000;
    }
    void countsFollowEveryChange()
    {
        QFETCH(quint32, seed);
        QFETCH(int, steps);
        QFETCH(int, batch);

        const QStringList labels{QStringLiteral("claim"), QStringLiteral("quote"), QStringLiteral("aside")};
        constexpr int statusCount = 5;
        QRandomGenerator random(seed);
        auto randomSpan = [&] {
            const qint64 start = random.bounded(10000);
            Annotation span(CodePoint(start), CodePoint(start + 1 + random.bounded(30)),
                            labels.at(random.bounded(int(labels.size()))));
            if (random.bounded(3) != 0) {
                span.setStatus(Annotation::Status(random.bounded(statusCount)));
            }
            return span;
        };
        auto randomSpans = [&] {
            QList<Annotation> spans;
            for (int i = 1 + random.bounded(batch); i > 0; --i) {
                spans.append(randomSpan());
            }
            return spans;
        };
        AnnotationSet set;
        for (int step = 0; step < steps; ++step) {
            const std::vector<const Annotation *> all = set.sorted();
            switch (random.bounded(step % 50 == 49 ? 4 : 3)) {
            case 0:
                set.add(randomSpans());
                break;
            case 1: {
                QStringList ids;
                for (const Annotation *span : all) {
                    if (random.bounded(std::max(2, int(all.size()) / batch)) == 0) {
                        ids.append(span->id);
                    }
                }
                set.remove(ids);
                break;
            }
            case 2: {
                QList<Annotation> changed;
                for (const Annotation *span : all) {
                    if (random.bounded(std::max(2, int(all.size()) / batch)) == 0) {
                        Annotation other = random.bounded(2) == 0 ? *span : randomSpan(); // in place, or moved
                        other.id = span->id;
                        other.label = labels.at(random.bounded(int(labels.size())));
                        other.setStatus(Annotation::Status(random.bounded(statusCount)));
                        changed.append(other);
                    }
                }
                set.update(changed);
                break;
            }
            default:
                set.reset(random.bounded(4) == 0 ? QList<Annotation>() : randomSpans());
            }

            std::array<qsizetype, statusCount> byStatus{};
            QHash<QString, qsizetype> byLabel;
            for (const Annotation *span : set.sorted()) {
                ++byStatus[size_t(span->status())];
                ++byLabel[span->label];
            }
            for (int status = 0; status < statusCount; ++status) {
                QCOMPARE(set.count(Annotation::Status(status)), byStatus[size_t(status)]);
            }
            for (const QString &label : labels) {
                QCOMPARE(set.countOfLabel(label), byLabel.value(label));
            }
            QCOMPARE(set.countOfLabel(QStringLiteral("unknown")), 0);
            QCOMPARE(set.labelCounts(), byLabel);
        }
    }

    // Issue 17: a snapshot is a value. Whatever happens to the set afterwards, to spans in the
    // same block as others or not, the snapshot keeps the spans it was taken with, and the set
    // shows the change.
    void snapshotIsUnchangedByLaterChanges_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<int>("spanCount");

        for (const int spanCount : {5, 3000}) { // one block, and spans in three blocks
            const char *blocks = spanCount < 1024 ? "one block" : "three blocks";
            for (const char *change :
                 {"add", "remove", "remove all", "update in place", "move", "reset", "clear", "add after remove"}) {
                QTest::addRow("%s, %s", change, blocks) << QString::fromLatin1(change) << spanCount;
            }
        }
    }
    void snapshotIsUnchangedByLaterChanges()
    {
        QFETCH(QString, change);
        QFETCH(int, spanCount);

        AnnotationSet set;
        QList<Annotation> spans;
        for (int i = 0; i < spanCount; ++i) {
            Annotation span(CodePoint(i % 97), CodePoint(i % 97 + 1 + i % 13), QStringLiteral("claim"));
            span.setNote(QStringLiteral("note %1").arg(i));
            spans.append(span);
        }
        set.reset(spans);
        set.add(Annotation(CodePoint(5), CodePoint(9), QStringLiteral("quote"))); // in the index's pending part
        const QList<Annotation> before = set.toList();
        const AnnotationSet::Snapshot snapshot = set.snapshot();
        const std::vector<const Annotation *> held = snapshot.sorted();
        const AnnotationSet::Snapshot copy = snapshot; // NOLINT(performance-unnecessary-copy-initialization)

        const QString first = before.first().id;
        const QString last = before.last().id;
        if (change == u"add") {
            set.add(Annotation(CodePoint(2), CodePoint(3), QStringLiteral("aside")));
        } else if (change == u"remove") {
            set.remove({first, last});
        } else if (change == u"remove all") {
            QStringList ids;
            for (const Annotation &span : before) {
                ids.append(span.id);
            }
            set.remove(ids);
        } else if (change == u"update in place" || change == u"move") {
            QList<Annotation> changed;
            for (const Annotation &span : before) {
                Annotation other = span;
                other.label = QStringLiteral("aside");
                other.setNote(QStringLiteral("changed"));
                if (change == u"move") {
                    other.start = other.start + 100;
                    other.end = other.end + 100;
                }
                changed.append(other);
            }
            set.update(changed);
        } else if (change == u"reset") {
            set.reset({Annotation(CodePoint(0), CodePoint(1), QStringLiteral("aside"))});
        } else if (change == u"clear") {
            set.clear();
        } else if (change == u"add after remove") {
            set.remove({first}); // frees a slot in the first block, which the next add takes
            set.add({Annotation(CodePoint(1), CodePoint(2), QStringLiteral("aside")),
                     Annotation(CodePoint(3), CodePoint(4), QStringLiteral("aside"))});
        }
        QVERIFY(set.toList() != before);

        QCOMPARE(snapshot.size(), before.size());
        QCOMPARE(snapshot.toList(), before);
        QCOMPARE(copy.toList(), before);
        QCOMPARE(held.size(), size_t(before.size()));
        for (size_t i = 0; i < held.size(); ++i) {
            QCOMPARE(*held[i], before.at(qsizetype(i))); // the pointers taken before the change
        }
        // A snapshot taken now has the change.
        QCOMPARE(set.snapshot().toList(), set.toList());
    }

    void snapshotOfAnEmptySet()
    {
        AnnotationSet set;
        QVERIFY(set.snapshot().isEmpty());
        QVERIFY(set.snapshot().toList().isEmpty());
        QVERIFY(AnnotationSet::Snapshot().sorted().empty());
    }

    // Issue 17: autosave reads a snapshot on a worker while the GUI thread edits the set. The
    // worker reads it again and again while every kind of change is made; it must always read
    // exactly the spans at the time the snapshot was taken.
    void snapshotReadOnAnotherThreadWhileTheSetChanges()
    {
        AnnotationSet set;
        QList<Annotation> spans;
        for (int i = 0; i < 5000; ++i) {
            Annotation span(CodePoint(i), CodePoint(i + 1 + i % 7), QStringLiteral("claim"));
            span.setText(QStringLiteral("text %1").arg(i));
            span.setStatus(Annotation::Status::Pending);
            spans.append(span);
        }
        set.reset(spans);
        const QList<Annotation> expected = set.toList();
        const AnnotationSet::Snapshot snapshot = set.snapshot();

        std::atomic<bool> editing = true;
        QFuture<int> reader = QtConcurrent::run([snapshot, expected, &editing] {
            int mismatches = 0;
            int reads = 0;
            while (editing.load() || reads < 2) {
                mismatches += snapshot.toList() == expected ? 0 : 1;
                ++reads;
            }
            return mismatches;
        });

        QRandomGenerator random(17);
        for (int round = 0; round < 200; ++round) {
            const QList<Annotation> now = set.toList();
            QList<Annotation> changed;
            QStringList removed;
            for (const Annotation &span : now) {
                const quint32 dice = random.bounded(50);
                if (dice == 0) {
                    removed.append(span.id);
                } else if (dice == 1) {
                    Annotation other = span;
                    other.setStatus(Annotation::Status::Accepted);
                    other.setText(QStringLiteral("changed"));
                    other.end = other.end + 1;
                    changed.append(other);
                } else if (dice == 2) {
                    Annotation other = span;
                    other.label = QStringLiteral("quote");
                    changed.append(other);
                }
            }
            set.update(changed);
            set.remove(removed);
            set.add(Annotation(CodePoint(random.bounded(5000)), CodePoint(5001), QStringLiteral("aside")));
            if (round % 50 == 49) {
                set.reset(spans.mid(random.bounded(100)));
            }
        }
        editing = false;
        QCOMPARE(reader.result(), 0);
        QCOMPARE(snapshot.toList(), expected);
    }
    // The relation lookups (findRelation, relationsOf, relationPositionsOf) are indexed; after any
    // sequence of changes they answer what a scan of relations() answers.
    void relationLookupsFollowEveryChange_data()
    {
        QTest::addColumn<quint32>("seed");
        for (const quint32 seed : {1U, 2U, 3U, 41U}) {
            QTest::addRow("seed %u", seed) << seed;
        }
    }
    void relationLookupsFollowEveryChange()
    {
        QFETCH(quint32, seed);
        QRandomGenerator random(seed);
        AnnotationSet set;
        QList<Annotation> spans;
        for (int i = 0; i < 40; ++i) {
            Annotation span(CodePoint(i * 3), CodePoint(i * 3 + 2), QStringLiteral("claim"));
            span.id = QStringLiteral("s%1").arg(i);
            spans.append(span);
        }
        set.reset(spans);
        const auto spanId = [&random] { return QStringLiteral("s%1").arg(random.bounded(45)); }; // some unknown
        const auto check = [&set](int round) {
            QHash<QString, QList<qsizetype>> bySpan;
            for (qsizetype i = 0; i < set.relations().size(); ++i) {
                const Relation &relation = set.relations().at(i);
                const Relation *found = set.findRelation(relation.id);
                if (!found || found != &set.relations().at(i)) {
                    qWarning() << "round" << round << "relation" << relation.id << "not found where it is";
                    return false;
                }
                bySpan[relation.from].append(i);
                if (relation.to != relation.from) {
                    bySpan[relation.to].append(i);
                }
            }
            for (int i = 0; i < 45; ++i) {
                const QString id = QStringLiteral("s%1").arg(i);
                if (set.relationPositionsOf(id) != bySpan.value(id)) {
                    qWarning() << "round" << round << "span" << id << set.relationPositionsOf(id) << bySpan.value(id);
                    return false;
                }
                if (set.relationsOf(id).size() != bySpan.value(id).size()) {
                    return false;
                }
            }
            return !set.findRelation(QStringLiteral("no such relation"));
        };
        for (int round = 0; round < 300; ++round) {
            switch (random.bounded(6)) {
            case 0:
            case 1: {
                QList<Relation> added;
                for (int k = 0; k < 3; ++k) {
                    // Some ids taken (by a span or a relation), some given twice, some empty.
                    const QString id =
                        random.bounded(3) == 0 ? QString() : QStringLiteral("r%1").arg(random.bounded(30));
                    added.append(Relation{id, QStringLiteral("supports"), spanId(), spanId()});
                }
                set.addRelations(added);
                break;
            }
            case 2: {
                set.removeRelations({QStringLiteral("r%1").arg(random.bounded(30)),
                                     set.relations().isEmpty()
                                         ? QString()
                                         : set.relations().at(random.bounded(set.relations().size())).id});
                break;
            }
            case 3: {
                if (!set.relations().isEmpty()) {
                    Relation changed = set.relations().at(random.bounded(set.relations().size()));
                    changed.to = set.find(QStringLiteral("s3")) ? QStringLiteral("s3") : changed.to;
                    changed.label = QStringLiteral("attributed_to");
                    set.updateRelations({changed});
                }
                break;
            }
            case 4: {
                const QString gone = spanId();
                const Annotation *held = set.find(gone);
                const Annotation back = held ? *held : Annotation();
                QList<Relation> removedRelations;
                set.remove({gone}, &removedRelations);
                for (const Relation &relation : std::as_const(removedRelations)) {
                    QVERIFY(relation.touches(gone));
                }
                if (held && random.bounded(2) == 0) {
                    set.add(back);
                    set.addRelations(removedRelations);
                }
                break;
            }
            default:
                if (round % 50 == 0) {
                    const QList<Relation> kept = set.relations();
                    set.reset(spans, kept);
                }
                break;
            }
            QVERIFY2(check(round), qPrintable(QStringLiteral("round %1").arg(round)));
        }
    }
};

QTEST_GUILESS_MAIN(AnnotationSetTest)
#include "annotationset_test.moc"
