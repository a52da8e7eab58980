// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "metrics_p.h"

#include <limits>

#include <algorithm>
#include <functional>
#include <tuple>

namespace Scholiast::Metrics::Detail {

namespace {

// Past this many labels a linear scan costs more than hashing the name.
constexpr int LinearScanLimit = 16;

bool inDocumentOrder(const Span &x, const Span &y)
{
    return std::tie(x.start, x.end, x.pieces, x.label, x.index) < std::tie(y.start, y.end, y.pieces, y.label, y.index);
}

} // namespace

int nameIndex(QStringList &names, QHash<QString, int> &hash, const QString &name)
{
    if (names.size() <= LinearScanLimit) {
        for (int i = 0; i < int(names.size()); ++i) {
            if (names.at(i) == name) {
                return i;
            }
        }
    } else if (const auto it = hash.constFind(name); it != hash.cend()) {
        return it.value();
    }
    const int index = int(names.size());
    names.append(name);
    if (names.size() > LinearScanLimit) {
        if (hash.isEmpty()) {
            for (int i = 0; i < int(names.size()); ++i) {
                hash.insert(names.at(i), i);
            }
        } else {
            hash.insert(name, index);
        }
    }
    return index;
}

int LabelIds::id(const QString &name)
{
    return nameIndex(m_names, m_hash, name);
}

std::vector<int> LabelIds::finish()
{
    std::vector<int> order(size_t(m_names.size()));
    for (size_t i = 0; i < order.size(); ++i) {
        order[i] = int(i);
    }
    std::sort(order.begin(), order.end(), [this](int x, int y) { return m_names.at(x) < m_names.at(y); });
    std::vector<int> newIds(order.size());
    QStringList sorted;
    sorted.reserve(m_names.size());
    for (size_t rank = 0; rank < order.size(); ++rank) {
        newIds[size_t(order[rank])] = int(rank);
        sorted.append(m_names.at(order[rank]));
    }
    m_names = sorted;
    m_hash.clear();
    if (m_names.size() > LinearScanLimit) {
        for (int i = 0; i < int(m_names.size()); ++i) {
            m_hash.insert(m_names.at(i), i);
        }
    }
    return newIds;
}

size_t piecesHash(const Annotation &a)
{
    size_t pieces = 0;
    if (a.isDiscontinuous()) {
        for (const Fragment &f : a.fragments()) {
            pieces = qHashMulti(pieces, f.start.value, f.end.value) | 1; // never 0
        }
    }
    return pieces;
}

std::vector<Span> toSpans(const QList<Annotation> &annotations, LabelIds &labels)
{
    std::vector<Span> spans;
    spans.reserve(size_t(annotations.size()));
    LabelIdCache labelIds(labels);
    for (qsizetype i = 0; i < annotations.size(); ++i) {
        const Annotation &a = annotations.at(i);
        spans.push_back({a.start.value, a.end.value, labelIds.id(a.label), i, piecesHash(a)});
    }
    return spans;
}

std::vector<Span> toSpans(const SpanList &list, LabelIds &labels)
{
    const std::vector<int> ids = labelIdsOf(list, labels);
    std::vector<Span> spans;
    spans.reserve(size_t(list.size()));
    const std::vector<SpanList::Entry> &entries = list.entries();
    for (size_t i = 0; i < entries.size(); ++i) {
        const SpanList::Entry &e = entries[i];
        const size_t pieces = e.discontinuous < 0 ? 0 : piecesHash(list.discontinuous().at(e.discontinuous));
        spans.push_back({e.start, e.end, ids[size_t(e.label)], qsizetype(i), pieces});
    }
    return spans;
}

std::vector<int> labelIdsOf(const SpanList &list, LabelIds &labels)
{
    std::vector<int> ids;
    ids.reserve(size_t(list.labels().size()));
    for (const QString &label : list.labels()) {
        ids.push_back(labels.id(label));
    }
    return ids;
}

namespace {

// Whether a list of contiguous spans is in document order, its labels numbered as `labels` says.
bool listInDocumentOrder(const SpanList &list, const std::vector<int> &labels)
{
    const std::vector<SpanList::Entry> &entries = list.entries();
    if (!list.discontinuous().isEmpty() || entries.size() > std::numeric_limits<quint32>::max()) {
        return false;
    }
    for (size_t i = 1; i < entries.size(); ++i) {
        const SpanList::Entry &x = entries[i - 1];
        const SpanList::Entry &y = entries[i];
        if (std::tie(y.start, y.end, labels[size_t(y.label)]) < std::tie(x.start, x.end, labels[size_t(x.label)])) {
            return false;
        }
    }
    return true;
}

} // namespace

std::optional<std::pair<std::vector<int>, std::vector<int>>> labelsInPlace(const SpanList &reference,
                                                                           const SpanList &candidate, LabelIds &ids)
{
    std::vector<int> referenceLabels = labelIdsOf(reference, ids);
    std::vector<int> candidateLabels = labelIdsOf(candidate, ids);
    const std::vector<int> newIds = ids.finish();
    for (std::vector<int> *labels : {&referenceLabels, &candidateLabels}) {
        for (int &label : *labels) {
            label = newIds[size_t(label)];
        }
    }
    if (!listInDocumentOrder(reference, referenceLabels) || !listInDocumentOrder(candidate, candidateLabels)) {
        return std::nullopt;
    }
    return std::pair(std::move(referenceLabels), std::move(candidateLabels));
}

void renumber(std::vector<Span> &spans, const std::vector<int> &newIds)
{
    for (Span &s : spans) {
        s.label = newIds[size_t(s.label)];
    }
    // Sidecars are written in document order already; only other inputs pay for the sort.
    if (!std::is_sorted(spans.begin(), spans.end(), inDocumentOrder)) {
        std::sort(spans.begin(), spans.end(), inDocumentOrder);
    }
}

void pairSameRange(const std::vector<Span> &reference, const std::vector<Span> &candidate, Pairs &exact,
                   Pairs &sameRange, std::vector<char> &referencePaired, std::vector<char> &candidatePaired)
{
    // Reserved, not grown: a million pairs grown by doubling were copied and their pages
    // touched twice over (a reservation costs no page until it is written).
    const size_t fewer = std::min(reference.size(), candidate.size());
    exact.reserve(exact.size() + fewer);
    const size_t exactBefore = exact.size();
    bool sameRangeReserved = false;
    pairSameRangeBy(
        reference, candidate, referencePaired, candidatePaired,
        [&exact](const Span &r, const Span &c) { exact.emplace_back(r.index, c.index); },
        [&](const Span &r, const Span &c) {
            if (!sameRangeReserved) {
                sameRange.reserve(sameRange.size() + fewer - (exact.size() - exactBefore));
                sameRangeReserved = true;
            }
            sameRange.emplace_back(r.index, c.index);
        });
}

bool spansOverlap(const Annotation &a, const Annotation &b)
{
    if (!b.isDiscontinuous()) {
        return a.overlaps(b.start, b.end);
    }
    const QList<Fragment> pieces = b.fragments();
    return std::any_of(pieces.cbegin(), pieces.cend(), [&a](const Fragment &f) { return a.overlaps(f.start, f.end); });
}

std::vector<std::pair<size_t, size_t>> kuhnMatching(const std::vector<std::vector<size_t>> &edges, size_t rightCount)
{
    std::vector<qsizetype> matchOfRight(rightCount, -1);
    std::vector<char> seen(rightCount, 0);
    const auto augment = [&](const auto &self, size_t l) -> bool {
        for (const size_t r : edges[l]) {
            if (seen[r]) {
                continue;
            }
            seen[r] = 1;
            if (matchOfRight[r] < 0 || self(self, size_t(matchOfRight[r]))) {
                matchOfRight[r] = qsizetype(l);
                return true;
            }
        }
        return false;
    };
    for (size_t l = 0; l < edges.size(); ++l) {
        if (!edges[l].empty()) {
            std::fill(seen.begin(), seen.end(), 0);
            augment(augment, l);
        }
    }
    std::vector<std::pair<size_t, size_t>> pairs;
    for (size_t r = 0; r < rightCount; ++r) {
        if (matchOfRight[r] >= 0) {
            pairs.emplace_back(size_t(matchOfRight[r]), r);
        }
    }
    return pairs;
}

namespace {

Pairs intervalMatching(const std::vector<Interval> &a, const std::vector<Interval> &b);

bool intervalsOverlap(const Interval &x, const Interval &y)
{
    if (!(x.start < y.end && y.start < x.end)) {
        return false;
    }
    if (x.pieces) {
        return y.pieces ? spansOverlap(*x.pieces, *y.pieces) : x.pieces->overlaps(CodePoint(y.start), CodePoint(y.end));
    }
    return !y.pieces || y.pieces->overlaps(CodePoint(x.start), CodePoint(x.end));
}

// A group of spans whose envelopes overlap one another, one of them discontinuous: the greedy
// of intervalMatching() needs intervals, so the group is matched as a general bipartite graph.
void matchGroup(const std::vector<Interval> &a, const std::vector<Interval> &b, Pairs &pairs)
{
    const bool pieces = std::any_of(a.begin(), a.end(), [](const Interval &i) { return i.pieces; })
        || std::any_of(b.begin(), b.end(), [](const Interval &i) { return i.pieces; });
    if (!pieces) {
        const Pairs found = intervalMatching(a, b);
        pairs.insert(pairs.end(), found.begin(), found.end());
        return;
    }
    std::vector<std::vector<size_t>> edges(a.size());
    for (size_t i = 0; i < a.size(); ++i) {
        for (size_t j = 0; j < b.size(); ++j) {
            if (intervalsOverlap(a[i], b[j])) {
                edges[i].push_back(j);
            }
        }
    }
    for (const auto &[i, j] : kuhnMatching(edges, b.size())) {
        pairs.emplace_back(a[i].index, b[j].index);
    }
}

} // namespace

Pairs maximumOverlapMatching(const std::vector<Interval> &a, const std::vector<Interval> &b)
{
    const auto discontinuous = [](const Interval &i) { return i.pieces != nullptr; };
    if (std::none_of(a.begin(), a.end(), discontinuous) && std::none_of(b.begin(), b.end(), discontinuous)) {
        return intervalMatching(a, b);
    }
    // Split into groups of overlapping envelopes (no edge joins two groups), each matched alone.
    Pairs pairs;
    std::vector<Interval> groupA;
    std::vector<Interval> groupB;
    qint64 groupEnd = 0;
    size_t i = 0;
    size_t j = 0;
    while (i < a.size() || j < b.size()) {
        const bool takeA = j >= b.size() || (i < a.size() && a[i].start <= b[j].start);
        const Interval &next = takeA ? a[i] : b[j];
        if ((!groupA.empty() || !groupB.empty()) && next.start >= groupEnd) {
            matchGroup(groupA, groupB, pairs);
            groupA.clear();
            groupB.clear();
        }
        groupEnd = groupA.empty() && groupB.empty() ? next.end : std::max(groupEnd, next.end);
        (takeA ? groupA : groupB).push_back(next);
        ++(takeA ? i : j);
    }
    matchGroup(groupA, groupB, pairs);
    return pairs;
}

namespace {

// An interval's place in the matching's order, (end, start, node), in one integer key when the
// offsets fit in 32 bits (always, for a document below 4 G code points) and in three otherwise.
struct WideEntry
{
    qint64 end;
    qint64 start;
    size_t node;
    WideEntry(const Interval &i, size_t n)
        : end(i.end)
        , start(i.start)
        , node(n)
    {
    }
    bool operator<(const WideEntry &o) const { return std::tie(end, start, node) < std::tie(o.end, o.start, o.node); }
    bool operator>(const WideEntry &o) const { return o < *this; }
};

struct PackedEntry
{
    quint64 key; // end, then start
    size_t node;
    static bool fits(const Interval &i)
    {
        return i.start >= 0 && i.start <= 0xFFFFFFFF && i.end >= 0 && i.end <= 0xFFFFFFFF;
    }
    PackedEntry(const Interval &i, size_t n)
        : key((quint64(i.end) << 32) | quint64(i.start))
        , node(n)
    {
    }
    bool operator<(const PackedEntry &o) const { return key < o.key || (key == o.key && node < o.node); }
    bool operator>(const PackedEntry &o) const { return o < *this; }
};

// Sorts `order`, which holds intervals in order of their starts: their ends are then mostly in
// order too (a span ends a little after the ones that start before it), so an insertion sort
// moves each a few places, O(n). Past a budget of moves it gives up for std::sort, and the
// result is the same (the order is total).
template <typename Entry> void sortAlmostSorted(std::vector<Entry> &order)
{
    size_t budget = 8 * order.size() + 64;
    for (size_t i = 1; i < order.size(); ++i) {
        if (!(order[i] < order[i - 1])) {
            continue;
        }
        const Entry moving = order[i];
        size_t j = i;
        do {
            order[j] = order[j - 1];
            --j;
        } while (j > 0 && moving < order[j - 1] && --budget > 0);
        order[j] = moving;
        if (budget == 0) {
            std::sort(order.begin(), order.end());
            return;
        }
    }
}

// Calls `pair(a index, b index)` for each pair of the matching.
// `Intervals` is a std::vector<Interval> or another list of them by index (PickedIntervals).
template <typename Entry, typename Intervals, typename OnPair>
void intervalMatchingBy(const Intervals &a, const Intervals &b, OnPair pair)
{
    const size_t na = a.size();
    const size_t nb = b.size();
    // Nodes 0..na-1 are a's intervals, na.. are b's; both sides come sorted by start and are
    // merged by start, which leaves the ends nearly sorted.
    std::vector<Entry> order;
    order.reserve(na + nb);
    for (size_t i = 0, j = 0; i < na || j < nb;) {
        if (j == nb || (i < na && a[i].start <= b[j].start)) {
            order.emplace_back(a[i], i);
            ++i;
        } else {
            order.emplace_back(b[j], na + j);
            ++j;
        }
    }
    sortAlmostSorted(order);

    std::vector<char> done(na + nb, 0);
    std::vector<char> matched(na + nb, 0);
    // Min-heaps (by end, then start) of the intervals of each side that start before the
    // current end: the candidates for the interval being processed.
    std::vector<Entry> heapA;
    std::vector<Entry> heapB;
    const auto push = [](std::vector<Entry> &heap, Entry e) {
        heap.push_back(e);
        std::push_heap(heap.begin(), heap.end(), std::greater<>());
    };
    const auto pop = [](std::vector<Entry> &heap) {
        std::pop_heap(heap.begin(), heap.end(), std::greater<>());
        heap.pop_back();
    };
    size_t ia = 0;
    size_t ib = 0;
    for (const Entry &x : order) {
        const qint64 xEnd = x.node < na ? a[x.node].end : b[x.node - na].end;
        while (ia < na && a[ia].start < xEnd) {
            push(heapA, Entry(a[ia], ia));
            ++ia;
        }
        while (ib < nb && b[ib].start < xEnd) {
            push(heapB, Entry(b[ib], na + ib));
            ++ib;
        }
        if (!matched[x.node]) {
            std::vector<Entry> &other = x.node < na ? heapB : heapA;
            // A processed interval left unmatched had no free neighbour then and has none later.
            while (!other.empty() && (matched[other.front().node] || done[other.front().node])) {
                pop(other);
            }
            // What is left starts before x ends and ends no earlier than x: it overlaps x.
            if (!other.empty()) {
                const size_t y = other.front().node;
                pop(other);
                matched[x.node] = 1;
                matched[y] = 1;
                if (x.node < na) {
                    pair(a[x.node].index, b[y - na].index);
                } else {
                    pair(a[y].index, b[x.node - na].index);
                }
            }
        }
        done[x.node] = 1;
    }
}

// The greedy matching for interval graphs: in order of (end, start), each interval takes the
// overlapping unmatched interval of the other side that ends first. Its order and its heaps
// were three quarters of SpanScores on a million spans a side, in 24-byte entries compared as
// three fields (issue 17): the keys are packed in one integer where they fit, and the order is
// sorted from the intervals' start order, which leaves it nearly sorted (SpanScores on the
// 1M-span pair: 462-465 ms before, 322-346 ms after, interleaved runs of the same machine).
template <typename Intervals, typename OnPair>
void intervalMatching(const Intervals &a, const Intervals &b, OnPair pair)
{
    if (a.size() == 0 || b.size() == 0) {
        return;
    }
    const auto packs = [](const Intervals &side) {
        for (size_t i = 0; i < side.size(); ++i) {
            if (!PackedEntry::fits(side[i])) {
                return false;
            }
        }
        return true;
    };
    if (packs(a) && packs(b)) {
        intervalMatchingBy<PackedEntry>(a, b, pair);
    } else {
        intervalMatchingBy<WideEntry>(a, b, pair);
    }
}

Pairs intervalMatching(const std::vector<Interval> &a, const std::vector<Interval> &b)
{
    Pairs pairs;
    pairs.reserve(std::min(a.size(), b.size())); // as in pairSameRange()
    intervalMatching(a, b, [&pairs](qsizetype i, qsizetype j) { pairs.emplace_back(i, j); });
    return pairs;
}

} // namespace

qsizetype maximumOverlapMatchingSize(const std::vector<Interval> &a, const std::vector<Interval> &b)
{
    const auto discontinuous = [](const Interval &i) { return i.pieces != nullptr; };
    if (std::any_of(a.begin(), a.end(), discontinuous) || std::any_of(b.begin(), b.end(), discontinuous)) {
        return qsizetype(maximumOverlapMatching(a, b).size());
    }
    qsizetype size = 0;
    intervalMatching(a, b, [&size](qsizetype, qsizetype) { ++size; });
    return size;
}

qsizetype maximumOverlapMatchingSize(const PickedIntervals &a, const PickedIntervals &b)
{
    qsizetype size = 0;
    intervalMatching(a, b, [&size](qsizetype, qsizetype) { ++size; });
    return size;
}

} // namespace Scholiast::Metrics::Detail
