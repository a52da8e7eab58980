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

struct Key
{
    CodePoint start;
    CodePoint end;
    ReviewKind kind;
    qsizetype reference;
    qsizetype candidate;
    bool operator<(const Key &o) const
    {
        return std::tie(start, end, kind, reference, candidate)
            < std::tie(o.start, o.end, o.kind, o.reference, o.candidate);
    }
};

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

    std::vector<Key> keys;
    keys.reserve(ref.size() + cand.size());
    const auto addPairs = [&](const Pairs &pairs, ReviewKind kind) {
        for (const auto &[r, c] : pairs) {
            const auto [referenceStart, referenceEnd] = rangeAt(reference, r);
            const auto [candidateStart, candidateEnd] = rangeAt(candidate, c);
            keys.push_back({CodePoint(std::min(referenceStart, candidateStart)),
                            CodePoint(std::max(referenceEnd, candidateEnd)), kind, r, c});
        }
    };
    addPairs(exact, ReviewKind::ExactMatch);
    addPairs(sameRange, ReviewKind::LabelMismatch);
    addPairs(boundary, ReviewKind::BoundaryMismatch);
    for (const Span &s : ref) {
        if (!refPaired[size_t(s.index)]) {
            keys.push_back({CodePoint(s.start), CodePoint(s.end), ReviewKind::Missed, s.index, -1});
        }
    }
    for (const Span &s : cand) {
        if (!candPaired[size_t(s.index)]) {
            keys.push_back({CodePoint(s.start), CodePoint(s.end), ReviewKind::Spurious, -1, s.index});
        }
    }
    std::sort(keys.begin(), keys.end());

    Review review;
    review.m_referenceKinds.assign(ref.size(), ReviewKind::Missed);
    review.m_candidateKinds.assign(cand.size(), ReviewKind::Spurious);
    review.m_items.reserve(keys.size());
    for (const Key &k : keys) {
        ReviewItem item;
        item.kind = k.kind;
        item.start = k.start;
        item.end = k.end;
        item.reference = k.reference;
        item.candidate = k.candidate;
        if (k.reference >= 0) {
            review.m_referenceKinds[size_t(k.reference)] = k.kind;
        }
        if (k.candidate >= 0) {
            review.m_candidateKinds[size_t(k.candidate)] = k.kind;
        }
        if (k.kind != ReviewKind::ExactMatch) {
            review.m_disagreements.push_back(qsizetype(review.m_items.size()));
        }
        ++review.m_counts[size_t(k.kind)];
        review.m_items.push_back(std::move(item));
    }
    return review;
}

} // namespace Scholiast::Metrics
