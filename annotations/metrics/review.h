// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: the functions keep no state between calls, so they may run on
// several threads at once on different data.
#pragma once

#include "annotation.h"
#include "spanlist.h"

#include <QList>
#include <QString>

#include <array>
#include <vector>

namespace Scholiast::Metrics {

/// How a span compares with the other layer (docs/METRICS.md §3).
enum class ReviewKind {
    ExactMatch, ///< a reference and a candidate span with the same start, end and label
    LabelMismatch, ///< the same start and end, other labels
    BoundaryMismatch, ///< the same label, overlapping, other start or end
    Missed, ///< a reference span with no partner
    Spurious, ///< a candidate span with no partner
};
inline constexpr int ReviewKindCount = 5;

/// "exact-match", "label-mismatch", "boundary-mismatch", "missed", "spurious".
[[nodiscard]] QString reviewKindName(ReviewKind kind);

/// One classified pair, or one unpaired span.
struct ReviewItem
{
    ReviewKind kind = ReviewKind::ExactMatch;
    CodePoint start; ///< the smallest start of the spans involved
    CodePoint end; ///< exclusive: the largest end of the spans involved
    qsizetype reference = -1; ///< index in the reference list; -1 for Spurious
    qsizetype candidate = -1; ///< index in the candidate list; -1 for Missed
    // No copies of the spans' ids: the indices reach them. Two strings an item were more than
    // half of an item's bytes, and `diff` on a million spans a side makes two million items.
};

/// Every span of a reference layer and a candidate layer classified into exactly one
/// ReviewKind, in document order: what review mode shows and steps through.
class Review
{
public:
    /// Pairs exact matches first, then same-range spans with other labels, then a maximum
    /// matching of overlapping same-label spans; the rest are missed or spurious
    /// (docs/METRICS.md §3). O(n log n) in the number of spans.
    [[nodiscard]] static Review compare(const QList<Annotation> &reference, const QList<Annotation> &candidate);
    /// The same from spans as the metrics read them (`scholiast-cli diff` on large sidecars):
    /// the indices are those of the SpanLists.
    [[nodiscard]] static Review compare(const SpanList &reference, const SpanList &candidate);

    /// Ordered by (start, end, kind, reference index, candidate index).
    [[nodiscard]] const std::vector<ReviewItem> &items() const { return m_items; }
    /// Positions in items() of everything but exact matches, in document order.
    [[nodiscard]] const std::vector<qsizetype> &disagreements() const { return m_disagreements; }
    /// The class of a span, by its index in the list given to compare().
    [[nodiscard]] ReviewKind referenceKind(qsizetype index) const { return m_referenceKinds[size_t(index)]; }
    [[nodiscard]] ReviewKind candidateKind(qsizetype index) const { return m_candidateKinds[size_t(index)]; }
    /// Items of a kind (a pair counts once).
    [[nodiscard]] qsizetype count(ReviewKind kind) const { return m_counts[size_t(kind)]; }

private:
    template <typename List> static Review compareLists(const List &reference, const List &candidate);

    std::vector<ReviewItem> m_items;
    std::vector<qsizetype> m_disagreements;
    std::vector<ReviewKind> m_referenceKinds;
    std::vector<ReviewKind> m_candidateKinds;
    std::array<qsizetype, ReviewKindCount> m_counts{};
};

} // namespace Scholiast::Metrics
