// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "review.h"

#include "metrics_p.h"

#include <algorithm>
#include <tuple>
#include <type_traits>

namespace Scholiast::Metrics {

using namespace Detail;

QString reviewKindName(ReviewKind kind)
{
    switch (kind) {
    case ReviewKind::ExactMatch:
        return QStringLiteral("exact-match");
    case ReviewKind::LabelMismatch:
        return QStringLiteral("label-mismatch");
    case ReviewKind::BoundaryMismatch:
        return QStringLiteral("boundary-mismatch");
    case ReviewKind::Missed:
        return QStringLiteral("missed");
    case ReviewKind::Spurious:
        return QStringLiteral("spurious");
    }
    return QString();
}

namespace {

bool inReviewOrder(const ReviewItem &a, const ReviewItem &b)
{
    return std::tie(a.start, a.end, a.kind, a.reference, a.candidate)
        < std::tie(b.start, b.end, b.kind, b.reference, b.candidate);
}

} // namespace

Review Review::compare(const QList<Annotation> &reference, const QList<Annotation> &candidate)
{
    return compareLists(reference, candidate);
}

Review Review::compare(const SpanList &reference, const SpanList &candidate)
{
    return compareLists(reference, candidate);
}

template <typename List> Review Review::compareLists(const List &reference, const List &candidate)
{
    // The review of a pair from its spans in document order (std::vector<Span> or
    // SpanListSpans), labels numbered as LabelIds numbers them.
    const auto review = [&reference, &candidate](const auto &ref, const auto &cand, size_t labelCount) {
        Review result;
        std::vector<ReviewItem> &items = result.m_items;
        items.reserve(ref.size() + cand.size());
        const auto addPair = [&items](ReviewKind kind, const Span &r, const Span &c) {
            items.push_back(
                {kind, CodePoint(std::min(r.start, c.start)), CodePoint(std::max(r.end, c.end)), r.index, c.index});
        };
        // Stages 1 and 2: same range. The items are made as the pairs are found, and sorted in
        // place: pairs kept first, and sort keys copied into the items after, were fresh memory
        // faulted in for `diff` on a million spans a side.
        std::vector<char> refPaired;
        std::vector<char> candPaired;
        pairSameRangeBy(
            ref, cand, refPaired, candPaired,
            [&addPair](const Span &r, const Span &c) { addPair(ReviewKind::ExactMatch, r, c); },
            [&addPair](const Span &r, const Span &c) { addPair(ReviewKind::LabelMismatch, r, c); });
        const size_t exactAndSameRange = items.size();

        // Stage 3: a maximum matching of the remaining overlapping same-label spans, per label.
        std::vector<std::vector<Interval>> refByLabel(labelCount);
        std::vector<std::vector<Interval>> candByLabel(labelCount);
        for (size_t i = 0; i < ref.size(); ++i) {
            const Span s = ref[i];
            if (!refPaired[size_t(s.index)]) {
                refByLabel[size_t(s.label)].push_back(
                    {s.start, s.end, s.index, s.pieces ? &discontinuousAt(reference, s.index) : nullptr});
            }
        }
        for (size_t i = 0; i < cand.size(); ++i) {
            const Span s = cand[i];
            if (!candPaired[size_t(s.index)]) {
                candByLabel[size_t(s.label)].push_back(
                    {s.start, s.end, s.index, s.pieces ? &discontinuousAt(candidate, s.index) : nullptr});
            }
        }
        for (size_t l = 0; l < labelCount; ++l) {
            for (const auto &[r, c] : maximumOverlapMatching(refByLabel[l], candByLabel[l])) {
                refPaired[size_t(r)] = 1;
                candPaired[size_t(c)] = 1;
                const auto [referenceStart, referenceEnd] = rangeAt(reference, r);
                const auto [candidateStart, candidateEnd] = rangeAt(candidate, c);
                items.push_back({ReviewKind::BoundaryMismatch, CodePoint(std::min(referenceStart, candidateStart)),
                                 CodePoint(std::max(referenceEnd, candidateEnd)), r, c});
            }
        }
        for (size_t i = 0; i < ref.size(); ++i) {
            const Span s = ref[i];
            if (!refPaired[size_t(s.index)]) {
                items.push_back({ReviewKind::Missed, CodePoint(s.start), CodePoint(s.end), s.index, -1});
            }
        }
        for (size_t i = 0; i < cand.size(); ++i) {
            const Span s = cand[i];
            if (!candPaired[size_t(s.index)]) {
                items.push_back({ReviewKind::Spurious, CodePoint(s.start), CodePoint(s.end), -1, s.index});
            }
        }
        // The exact matches, most items, come in document order already: only the rest is
        // sorted, and merged with them (the order is total, so the result is std::sort's).
        const auto exactEnd = std::find_if(items.begin(), items.begin() + qsizetype(exactAndSameRange),
                                           [](const ReviewItem &item) { return item.kind != ReviewKind::ExactMatch; });
        if (std::is_sorted(items.begin(), exactEnd, inReviewOrder)) {
            std::sort(exactEnd, items.end(), inReviewOrder);
            std::inplace_merge(items.begin(), exactEnd, items.end(), inReviewOrder);
        } else {
            std::sort(items.begin(), items.end(), inReviewOrder);
        }

        result.m_referenceKinds.assign(ref.size(), ReviewKind::Missed);
        result.m_candidateKinds.assign(cand.size(), ReviewKind::Spurious);
        for (qsizetype i = 0; i < qsizetype(items.size()); ++i) {
            const ReviewItem &item = items[size_t(i)];
            if (item.reference >= 0) {
                result.m_referenceKinds[size_t(item.reference)] = item.kind;
            }
            if (item.candidate >= 0) {
                result.m_candidateKinds[size_t(item.candidate)] = item.kind;
            }
            if (item.kind != ReviewKind::ExactMatch) {
                result.m_disagreements.push_back(i);
            }
            ++result.m_counts[size_t(item.kind)];
        }
        return result;
    };

    if constexpr (std::is_same_v<List, SpanList>) {
        // A sidecar's spans, in document order as written: read where they are, not copied
        // into Spans of 40 bytes (issue 17), as SpanScores reads them.
        LabelIds ids;
        if (const auto labels = labelsInPlace(reference, candidate, ids)) {
            const auto &[refLabels, candLabels] = *labels;
            return review(SpanListSpans(reference, refLabels), SpanListSpans(candidate, candLabels),
                          size_t(ids.size()));
        }
    }
    LabelIds ids;
    const auto [ref, cand] = spansInOrder(reference, candidate, ids);
    return review(ref, cand, size_t(ids.size()));
}

} // namespace Scholiast::Metrics
