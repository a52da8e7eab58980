// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "reviewmodel.h"

#include "annotationset.h"
#include "formats/writecheck.h"
#include "goldspanmirror.h"
#include "metrics/relationscores.h"

#include <algorithm>

namespace Scholiast {

namespace {
// The first stretch F8 classifies, in code points; it doubles until a disagreement is found.
constexpr qint64 FirstStretch = 4096;

// A span's place in overlapping()'s order, (start, end, id); a missing span first.
int compareSpans(const std::optional<Annotation> &a, const std::optional<Annotation> &b)
{
    if (!a || !b) {
        return int(bool(a)) - int(bool(b));
    }
    if (a->start != b->start) {
        return a->start < b->start ? -1 : 1;
    }
    if (a->end != b->end) {
        return a->end < b->end ? -1 : 1;
    }
    return a->id.compare(b->id);
}
} // namespace

bool ReviewSpot::isBefore(const ReviewSpot &other) const
{
    // Metrics::Review's item order for spans given in (start, end, id) order.
    if (start != other.start) {
        return start < other.start;
    }
    if (end != other.end) {
        return end < other.end;
    }
    if (kind != other.kind) {
        return int(kind) < int(other.kind);
    }
    if (isRelation() != other.isRelation()) {
        return !isRelation();
    }
    if (const int c = compareSpans(reference, other.reference); c != 0) {
        return c < 0;
    }
    if (const int c = compareSpans(candidate, other.candidate); c != 0) {
        return c < 0;
    }
    const auto id = [](const std::optional<Relation> &r) { return r ? r->id : QString(); };
    if (const int c = id(referenceRelation).compare(id(other.referenceRelation)); c != 0) {
        return c < 0;
    }
    return id(candidateRelation) < id(other.candidateRelation);
}

ReviewModel::ReviewModel(QObject *parent)
    : QObject(parent)
{
}

ReviewModel::~ReviewModel() = default;

void ReviewModel::setSources(AnnotationSet *reference, AnnotationSet *candidate)
{
    for (const auto &connection : m_connections) {
        disconnect(connection);
    }
    m_connections.clear();
    m_reference = reference;
    m_candidate = candidate;
    for (AnnotationSet *set : {reference, candidate}) {
        if (!set || (set == candidate && candidate == reference && !m_connections.empty())) {
            continue; // null, or the same set on both sides
        }
        const auto emitChanged = [this] { Q_EMIT changed(); };
        m_connections.push_back(connect(set, &AnnotationSet::spansAdded, this, emitChanged));
        m_connections.push_back(connect(set, &AnnotationSet::spansRemoved, this, emitChanged));
        m_connections.push_back(connect(set, &AnnotationSet::spansChanged, this, emitChanged));
        m_connections.push_back(connect(set, &AnnotationSet::wasReset, this, emitChanged));
        m_connections.push_back(connect(set, &AnnotationSet::relationsChanged, this, emitChanged));
        m_connections.push_back(connect(set, &QObject::destroyed, this, [this] { setSources(nullptr, nullptr); }));
    }
    Q_EMIT changed();
}

std::pair<CodePoint, CodePoint> ReviewModel::closedRange(CodePoint from, CodePoint to) const
{
    // Widen until no span of either layer crosses an end: the overlap groups inside are whole.
    // Each round asks only for the stretches just added; the spans in between were seen.
    CodePoint newLo = from;
    CodePoint newHi = to;
    const auto widen = [&](CodePoint a, CodePoint b) {
        if (a >= b) {
            return;
        }
        for (const AnnotationSet *set : {m_reference.data(), m_candidate.data()}) {
            for (const Annotation *span : set->overlapping(a, b)) {
                newLo = std::min(newLo, span->start);
                newHi = std::max(newHi, span->end);
            }
        }
    };
    widen(from, to);
    CodePoint lo = from;
    CodePoint hi = to;
    while (newLo < lo || newHi > hi) {
        const CodePoint oldLo = lo;
        const CodePoint oldHi = hi;
        lo = newLo;
        hi = newHi;
        widen(lo, oldLo);
        widen(oldHi, hi);
    }
    return {lo, hi};
}

ReviewModel::Window ReviewModel::compareRange(CodePoint from, CodePoint to) const
{
    Window window;
    const auto [lo, hi] = closedRange(from, to);
    // overlapping() gives (start, end, id) order, so the items' order is ReviewSpot::isBefore's.
    // Gold means accepted (docs/FORMAT.md §6.5): pending suggestions and rejected spans are not
    // scored, and orphans have no place to compare.
    const Interchange::StatusFilter gold;
    for (const Annotation *a : m_reference->overlapping(lo, hi)) {
        if (gold.includes(*a) && !a->isOrphan()) {
            window.reference.append(*a);
        }
    }
    for (const Annotation *a : m_candidate->overlapping(lo, hi)) {
        if (gold.includes(*a) && !a->isOrphan()) {
            window.candidate.append(*a);
        }
    }
    window.review = Metrics::Review::compare(window.reference, window.candidate);
    return window;
}

ReviewSpot ReviewModel::Window::spot(const Metrics::ReviewItem &item) const
{
    ReviewSpot spot;
    spot.kind = item.kind;
    spot.start = item.start;
    spot.end = item.end;
    if (item.reference >= 0) {
        spot.reference = reference.at(item.reference);
    }
    if (item.candidate >= 0) {
        spot.candidate = candidate.at(item.candidate);
    }
    return spot;
}

std::vector<ReviewSpot> ReviewModel::classify(CodePoint from, CodePoint to) const
{
    std::vector<ReviewSpot> spots;
    if (!isActive() || from >= to) {
        return spots;
    }
    const Window window = compareRange(from, to);
    spots.reserve(window.review.items().size());
    for (const Metrics::ReviewItem &item : window.review.items()) {
        if (item.end <= from || item.start >= to) {
            continue;
        }
        spots.push_back(window.spot(item));
    }
    std::sort(spots.begin(), spots.end(), [](const ReviewSpot &a, const ReviewSpot &b) { return a.isBefore(b); });
    return spots;
}

std::optional<ReviewSpot> ReviewModel::adjacentDisagreement(const std::optional<ReviewSpot> &current,
                                                            CodePoint position, int direction, qint64 length) const
{
    if (!isActive()) {
        return std::nullopt;
    }
    // Spots starting inside the classified stretch are complete there; only those are taken.
    const auto after = [&](const ReviewSpot &s) { return current ? current->isBefore(s) : s.start >= position; };
    const auto before = [&](const ReviewSpot &s) { return current ? s.isBefore(*current) : s.start < position; };
    qint64 stretch = FirstStretch;
    if (direction > 0) {
        CodePoint lo = current ? current->start : position;
        while (lo < CodePoint(length)) {
            const CodePoint hi = std::min(CodePoint(length), lo + stretch);
            const Window window = compareRange(lo, hi);
            for (const qsizetype i : window.review.disagreements()) {
                const Metrics::ReviewItem &item = window.review.items()[size_t(i)];
                if (item.start >= lo && item.start < hi) {
                    ReviewSpot s = window.spot(item);
                    if (after(s)) {
                        return s; // items come in document order
                    }
                }
            }
            lo = hi;
            stretch *= 2;
        }
        return std::nullopt;
    }
    CodePoint hi = std::min(CodePoint(length), (current ? current->start : position) + 1);
    while (hi > CodePoint(0)) {
        const CodePoint lo = std::max(CodePoint(0), hi - stretch);
        const Window window = compareRange(lo, hi);
        const auto &disagreements = window.review.disagreements();
        for (auto it = disagreements.rbegin(); it != disagreements.rend(); ++it) {
            const Metrics::ReviewItem &item = window.review.items()[size_t(*it)];
            if (item.start >= lo && item.start < hi) {
                ReviewSpot s = window.spot(item);
                if (before(s)) {
                    return s; // the last one before, in document order
                }
            }
        }
        hi = lo;
        stretch *= 2;
    }
    return std::nullopt;
}

std::vector<ReviewSpot> ReviewModel::relationDisagreements() const
{
    std::vector<ReviewSpot> spots;
    if (!isActive() || (m_reference->relations().isEmpty() && m_candidate->relations().isEmpty())) {
        return spots;
    }
    // Each side's gold spans that its relations join: a relation to a pending suggestion or a
    // rejected span is not compared, as in the metrics; nor one to an orphan, as review has no
    // place for it.
    const auto endsOf = [](const AnnotationSet &set) {
        QList<Annotation> ends = GoldSpanMirror::relationEnds(set);
        ends.removeIf([](const Annotation &span) { return span.isOrphan(); });
        return ends;
    };
    const QList<Annotation> referenceEnds = endsOf(*m_reference);
    const QList<Annotation> candidateEnds = endsOf(*m_candidate);
    const QList<Relation> referenceRelations = GoldSpanMirror::goldRelations(*m_reference);
    const QList<Relation> candidateRelations = GoldSpanMirror::goldRelations(*m_candidate);
    const Metrics::RelationReview review =
        Metrics::RelationReview::compare({referenceEnds, referenceRelations}, {candidateEnds, candidateRelations});
    for (const qsizetype i : review.disagreements()) {
        const Metrics::RelationReviewItem &item = review.items()[size_t(i)];
        ReviewSpot spot;
        spot.kind = item.kind;
        spot.start = item.start;
        spot.end = item.end;
        if (item.candidate >= 0) {
            spot.candidateRelation = candidateRelations.at(item.candidate);
            spot.candidateEnds = {m_candidate->find(spot.candidateRelation->from)->text(),
                                  m_candidate->find(spot.candidateRelation->to)->text()};
        }
        if (item.reference >= 0) {
            spot.referenceRelation = referenceRelations.at(item.reference);
            spot.referenceEnds = {m_reference->find(spot.referenceRelation->from)->text(),
                                  m_reference->find(spot.referenceRelation->to)->text()};
        }
        spots.push_back(std::move(spot));
    }
    std::sort(spots.begin(), spots.end(), [](const ReviewSpot &a, const ReviewSpot &b) { return a.isBefore(b); });
    return spots;
}

} // namespace Scholiast
