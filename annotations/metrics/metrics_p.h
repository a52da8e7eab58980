// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#pragma once

// Internals shared by the metrics (docs/METRICS.md): spans reduced to integers, the pairing of
// same-range spans and the maximum overlap matching.

#include "annotation.h"
#include "spanlist.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

namespace Scholiast::Metrics::Detail {

/// The index of `name` in `names`, where it is appended when absent; `hash` finds it once there
/// are too many names for a linear scan (it is filled then, and kept up to date).
int nameIndex(QStringList &names, QHash<QString, int> &hash, const QString &name);

/// Label names to small integers; after finish(), ids follow name order (UTF-16, as
/// docs/FORMAT.md §7.2 orders labels), so sorting by id sorts by name.
class LabelIds
{
public:
    int id(const QString &name);
    /// Renumbers in name order; returns old id -> new id.
    std::vector<int> finish();
    [[nodiscard]] const QStringList &names() const { return m_names; }
    [[nodiscard]] int size() const { return int(m_names.size()); }

private:
    QStringList m_names;
    QHash<QString, int> m_hash; // used once there are too many labels for a linear scan
};

/// LabelIds for the spans of a read, which interns labels: the spans of a batch share one string
/// per label, so the ids of the strings seen last are kept by their data, and a label is
/// compared as text once per string, not once per span (a linear scan of QString compares was a
/// quarter of toSpans()).
class LabelIdCache
{
public:
    explicit LabelIdCache(LabelIds &ids)
        : m_ids(ids)
    {
    }
    int id(const QString &label)
    {
        for (const Seen &s : m_seen) {
            if (s.data == label.constData() && s.size == label.size() && s.data) {
                return s.id;
            }
        }
        const int id = m_ids.id(label);
        m_seen[m_next++ % m_seen.size()] = {label.constData(), label.size(), id};
        return id;
    }

private:
    struct Seen
    {
        const QChar *data = nullptr;
        qsizetype size = 0;
        int id = 0;
    };
    LabelIds &m_ids;
    std::array<Seen, 8> m_seen{};
    size_t m_next = 0;
};

/// A span as the metrics see it: `index` is its position in the list it came from.
struct Span
{
    qint64 start;
    qint64 end;
    int label;
    qsizetype index;
    /// 0 for a contiguous span; for a discontinuous one, a hash of its fragments, so that only
    /// the same pieces match exactly (docs/FORMAT.md §6.9).
    size_t pieces = 0;
};

/// 0 for a contiguous span; for a discontinuous one, a hash of its fragments (never 0).
[[nodiscard]] size_t piecesHash(const Annotation &a);

/// Spans in document order: (start, end, label, index). Labels get ids from `labels`.
[[nodiscard]] std::vector<Span> toSpans(const QList<Annotation> &annotations, LabelIds &labels);
[[nodiscard]] std::vector<Span> toSpans(const SpanList &spans, LabelIds &labels);
/// The id `labels` gives each of a SpanList's labels, by its index in SpanList::labels().
[[nodiscard]] std::vector<int> labelIdsOf(const SpanList &list, LabelIds &labels);
/// The span at `index` of a list, when it is discontinuous (Span::pieces is not 0).
[[nodiscard]] inline const Annotation &discontinuousAt(const QList<Annotation> &annotations, qsizetype index)
{
    return annotations.at(index);
}
[[nodiscard]] inline const Annotation &discontinuousAt(const SpanList &spans, qsizetype index)
{
    return spans.discontinuous().at(spans.entries()[size_t(index)].discontinuous);
}
/// The start and end of the span at `index` of a list.
[[nodiscard]] inline std::pair<qint64, qint64> rangeAt(const QList<Annotation> &annotations, qsizetype index)
{
    const Annotation &a = annotations.at(index);
    return {a.start.value, a.end.value};
}
[[nodiscard]] inline std::pair<qint64, qint64> rangeAt(const SpanList &spans, qsizetype index)
{
    const SpanList::Entry &e = spans.entries()[size_t(index)];
    return {e.start, e.end};
}
/// For two lists that can be read in place (SpanListSpans: no discontinuous span, each in
/// document order as a sidecar writes them), the LabelIds id of each list's labels, by index in
/// SpanList::labels(), with `ids` finished; std::nullopt for lists that must be copied into Spans
/// and sorted (toSpans(), renumber()), with a new LabelIds.
[[nodiscard]] std::optional<std::pair<std::vector<int>, std::vector<int>>>
labelsInPlace(const SpanList &reference, const SpanList &candidate, LabelIds &ids);
/// Applies LabelIds::finish()'s renumbering and sorts in document order.
void renumber(std::vector<Span> &spans, const std::vector<int> &newIds);

using Pairs = std::vector<std::pair<qsizetype, qsizetype>>; // (reference index, candidate index)

/// Stages 1 and 2 of docs/METRICS.md §3: `exact` pairs spans with the same start, end and label,
/// then `sameRange` pairs the rest that have the same start and end (necessarily other labels).
/// Both walk the spans in document order, so the k-th of equal spans pairs with the k-th.
/// `referencePaired` / `candidatePaired` (indexed by Span::index) are set for paired spans.
void pairSameRange(const std::vector<Span> &reference, const std::vector<Span> &candidate, Pairs &exact,
                   Pairs &sameRange, std::vector<char> &referencePaired, std::vector<char> &candidatePaired);

/// pairSameRange() with each pair handed over as it is found, `exact(r, c)` and then
/// `sameRange(r, c)`, instead of kept in Pairs: SpanScores counts them, Review makes its items.
/// `Spans` is a std::vector<Span> or SpanListSpans.
template <typename Spans, typename OnExact, typename OnSameRange>
void pairSameRangeBy(const Spans &reference, const Spans &candidate, std::vector<char> &referencePaired,
                     std::vector<char> &candidatePaired, OnExact exact, OnSameRange sameRange)
{
    referencePaired.assign(reference.size(), 0);
    candidatePaired.assign(candidate.size(), 0);
    // One step of a merge of the two lists in document order: equal keys (start, end, pieces, and
    // the label when `withLabel`) pair, else the lesser side moves on.
    const auto step = [&](size_t &i, size_t &j, bool withLabel, auto &pair) {
        const Span &r = reference[i];
        const Span &c = candidate[j];
        const auto rk = std::tuple(r.start, r.end, r.pieces, withLabel ? r.label : 0);
        const auto ck = std::tuple(c.start, c.end, c.pieces, withLabel ? c.label : 0);
        if (rk == ck) {
            pair(r, c);
            referencePaired[size_t(r.index)] = 1;
            candidatePaired[size_t(c.index)] = 1;
            ++i;
            ++j;
        } else if (rk < ck) {
            ++i;
        } else {
            ++j;
        }
    };
    size_t i = 0;
    size_t j = 0;
    while (i < reference.size() && j < candidate.size()) {
        step(i, j, true, exact);
    }

    // Stage 2 over what is left, still in document order.
    i = 0;
    j = 0;
    while (true) {
        while (i < reference.size() && referencePaired[size_t(reference[i].index)]) {
            ++i;
        }
        while (j < candidate.size() && candidatePaired[size_t(candidate[j].index)]) {
            ++j;
        }
        if (i == reference.size() || j == candidate.size()) {
            break;
        }
        step(i, j, false, sameRange);
    }
}

/// Both lists' spans in document order (toSpans(), then renumber()), labels numbered by `ids`.
template <typename List>
[[nodiscard]] std::pair<std::vector<Span>, std::vector<Span>> spansInOrder(const List &reference, const List &candidate,
                                                                           LabelIds &ids)
{
    std::vector<Span> ref = toSpans(reference, ids);
    std::vector<Span> cand = toSpans(candidate, ids);
    const std::vector<int> newIds = ids.finish();
    renumber(ref, newIds);
    renumber(cand, newIds);
    return {std::move(ref), std::move(cand)};
}

struct Interval
{
    qint64 start;
    qint64 end;
    qsizetype index;
    /// The span itself when it is discontinuous (docs/FORMAT.md §6.9): it overlaps another only
    /// where a fragment does. Null for a contiguous span.
    const Annotation *pieces = nullptr;
};

/// Whether some text of `a` is text of `b`: for discontinuous spans, whether a fragment of one
/// overlaps a fragment of the other (a gap overlaps nothing).
[[nodiscard]] bool spansOverlap(const Annotation &a, const Annotation &b);

/// A maximum bipartite matching by Kuhn's augmenting paths: `edges[l]` lists the right nodes
/// left node `l` may pair with. Returns (left, right) pairs. O(V·E): for small groups only.
[[nodiscard]] std::vector<std::pair<size_t, size_t>> kuhnMatching(const std::vector<std::vector<size_t>> &edges,
                                                                  size_t rightCount);

/// A maximum matching between `a` and `b` where an edge joins two intervals that overlap
/// (docs/METRICS.md §2.2): repeatedly take the remaining interval that ends first and match it
/// with the overlapping unmatched interval of the other side that ends first. O(n log n).
/// Where a discontinuous span is among them, the group of spans whose envelopes overlap it is
/// matched by kuhnMatching() instead, by their fragments. `a` and `b` must be sorted by start.
/// Returns (a index, b index) pairs.
[[nodiscard]] Pairs maximumOverlapMatching(const std::vector<Interval> &a, const std::vector<Interval> &b);
/// The number of pairs of maximumOverlapMatching(), without making them (SpanScores counts).
[[nodiscard]] qsizetype maximumOverlapMatchingSize(const std::vector<Interval> &a, const std::vector<Interval> &b);

/// Contiguous spans of a SpanList picked by their positions in it, in order of start: a side of
/// the matching read from the list in place, not copied into Intervals (32 bytes a span).
struct PickedIntervals
{
    const SpanList::Entry *entries = nullptr;
    const quint32 *positions = nullptr;
    size_t count = 0;
    [[nodiscard]] size_t size() const { return count; }
    [[nodiscard]] Interval operator[](size_t i) const
    {
        const SpanList::Entry &e = entries[positions[i]];
        return {e.start, e.end, qsizetype(positions[i]), nullptr};
    }
};
/// maximumOverlapMatchingSize() of contiguous spans.
[[nodiscard]] qsizetype maximumOverlapMatchingSize(const PickedIntervals &a, const PickedIntervals &b);

/// The spans of a SpanList with no discontinuous span, as Spans made when read (`labels` maps
/// the list's label indices to LabelIds ids): pairSameRangeBy() reads the list in place, not a
/// copy of 40 bytes a span, when the list is in document order already (labelsInPlace()).
class SpanListSpans
{
public:
    SpanListSpans(const SpanList &list, const std::vector<int> &labels)
        : m_entries(list.entries().data())
        , m_count(list.entries().size())
        , m_labels(labels.data())
    {
        Q_ASSERT(list.discontinuous().isEmpty());
    }
    [[nodiscard]] size_t size() const { return m_count; }
    [[nodiscard]] Span operator[](size_t i) const
    {
        const SpanList::Entry &e = m_entries[i];
        return {e.start, e.end, m_labels[e.label], qsizetype(i), 0};
    }

private:
    const SpanList::Entry *m_entries;
    size_t m_count;
    const int *m_labels;
};

} // namespace Scholiast::Metrics::Detail
