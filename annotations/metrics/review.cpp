// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "review.h"

#include "metrics_p.h"

#include <algorithm>
#include <tuple>

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
    LabelIds ids;
    std::vector<Span> ref = toSpans(reference, ids);
    std::vector<Span> cand = toSpans(candidate, ids);
    const std::vector<int> newIds = ids.finish();
    renumber(ref, newIds);
    renumber(cand, newIds);

    // Stages 1 and 2: same range.
    Pairs exact;
    Pairs sameRange;
    std::vector<char> refPaired;
    std::vector<char> candPaired;
    pairSameRange(ref, cand, exact, sameRange, refPaired, candPaired);

    // Stage 3: a maximum matching of the remaining overlapping same-label spans, per label.
    const size_t labelCount = size_t(ids.size());
    std::vector<std::vector<Interval>> refByLabel(labelCount);
    std::vector<std::vector<Interval>> candByLabel(labelCount);
    for (const Span &s : ref) {
        if (!refPaired[size_t(s.index)]) {
            refByLabel[size_t(s.label)].push_back(
                {s.start, s.end, s.index, s.pieces ? &discontinuousAt(reference, s.index) : nullptr});
        }
    }
    for (const Span &s : cand) {
        if (!candPaired[size_t(s.index)]) {
            candByLabel[size_t(s.label)].push_back(
                {s.start, s.end, s.index, s.pieces ? &discontinuousAt(candidate, s.index) : nullptr});
        }
    }
    Pairs boundary;
    for (size_t l = 0; l < labelCount; ++l) {
        const Pairs pairs = maximumOverlapMatching(refByLabel[l], candByLabel[l]);
        boundary.insert(boundary.end(), pairs.begin(), pairs.end());
    }
    for (const auto &[r, c] : boundary) {
        refPaired[size_t(r)] = 1;
        candPaired[size_t(c)] = 1;
    }

    // The items are made and sorted in place: a list of sort keys copied into them after was
    // another 40 bytes a span of fresh memory, faulted in for `diff` on a million spans a side.
    Review review;
    std::vector<ReviewItem> &items = review.m_items;
    items.reserve(ref.size() + cand.size());
    const auto addPairs = [&](const Pairs &pairs, ReviewKind kind) {
        for (const auto &[r, c] : pairs) {
            const auto [referenceStart, referenceEnd] = rangeAt(reference, r);
            const auto [candidateStart, candidateEnd] = rangeAt(candidate, c);
            items.push_back({kind, CodePoint(std::min(referenceStart, candidateStart)),
                             CodePoint(std::max(referenceEnd, candidateEnd)), r, c});
        }
    };
    addPairs(exact, ReviewKind::ExactMatch);
    addPairs(sameRange, ReviewKind::LabelMismatch);
    addPairs(boundary, ReviewKind::BoundaryMismatch);
    for (const Span &s : ref) {
        if (!refPaired[size_t(s.index)]) {
            items.push_back({ReviewKind::Missed, CodePoint(s.start), CodePoint(s.end), s.index, -1});
        }
    }
    for (const Span &s : cand) {
        if (!candPaired[size_t(s.index)]) {
            items.push_back({ReviewKind::Spurious, CodePoint(s.start), CodePoint(s.end), -1, s.index});
        }
    }
    std::sort(items.begin(), items.end(), inReviewOrder);

    review.m_referenceKinds.assign(ref.size(), ReviewKind::Missed);
    review.m_candidateKinds.assign(cand.size(), ReviewKind::Spurious);
    for (qsizetype i = 0; i < qsizetype(items.size()); ++i) {
        const ReviewItem &item = items[size_t(i)];
        if (item.reference >= 0) {
            review.m_referenceKinds[size_t(item.reference)] = item.kind;
        }
        if (item.candidate >= 0) {
            review.m_candidateKinds[size_t(item.candidate)] = item.kind;
        }
        if (item.kind != ReviewKind::ExactMatch) {
            review.m_disagreements.push_back(i);
        }
        ++review.m_counts[size_t(item.kind)];
    }
    return review;
}

} // namespace Scholiast::Metrics
