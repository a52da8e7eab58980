// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "relationscores.h"

#include "metrics_p.h"

#include <QHash>

#include <algorithm>
#include <compare>
#include <tuple>

namespace Scholiast::Metrics {

using namespace Detail;

namespace {

// A span as a relation's end: what exact matching compares (its fragments through `pieces`).
struct EndKey
{
    qint64 start = 0;
    qint64 end = 0;
    size_t pieces = 0;
    int label = 0;
    auto operator<=>(const EndKey &) const = default;
};

// A counted relation: its label as an integer and its ends as indexes into its layer's spans.
struct Counted
{
    int label;
    qsizetype from;
    qsizetype to;
    qsizetype index; ///< in the layer's relations
};

struct Layer
{
    const RelationLayer *source;
    std::vector<EndKey> ends; // by span index
    std::vector<Counted> relations;
};

Layer resolve(const RelationLayer &layer, LabelIds &spanLabels, LabelIds &relationLabels)
{
    Layer out{&layer, {}, {}};
    if (layer.relations.isEmpty()) {
        return out;
    }
    // toSpans() keeps the list's order until renumber(): spans[i].index == i.
    const std::vector<Span> spans = toSpans(layer.spans, spanLabels);
    out.ends.reserve(spans.size());
    QHash<QString, qsizetype> byId;
    byId.reserve(layer.spans.size());
    for (const Span &s : spans) {
        out.ends.push_back({s.start, s.end, s.pieces, s.label});
        byId.insert(layer.spans.at(s.index).id, s.index);
    }
    for (qsizetype i = 0; i < layer.relations.size(); ++i) {
        const Relation &r = layer.relations.at(i);
        const auto from = byId.constFind(r.from);
        const auto to = byId.constFind(r.to);
        if (from != byId.cend() && to != byId.cend()) {
            out.relations.push_back({relationLabels.id(r.label), from.value(), to.value(), i});
        }
    }
    return out;
}

// Whether two relations of the same label can match by overlap: each end overlaps the other's
// end and has its span label.
bool endsOverlap(const Layer &ref, const Counted &r, const Layer &cand, const Counted &c)
{
    const auto end = [](const Layer &layer, qsizetype span) -> const Annotation & {
        return layer.source->spans.at(span);
    };
    return ref.ends[size_t(r.from)].label == cand.ends[size_t(c.from)].label
        && ref.ends[size_t(r.to)].label == cand.ends[size_t(c.to)].label
        && spansOverlap(end(ref, r.from), end(cand, c.from)) && spansOverlap(end(ref, r.to), end(cand, c.to));
}

// A maximum matching by Kuhn's augmenting paths between `left` and `right` (positions into the
// layers' counted relations), edges by endsOverlap(). O(L·R) to build the graph and O(V·E) to
// match: relations of one label in one document are few (docs/METRICS.md §2.7).
Pairs maximumMatching(const Layer &ref, const std::vector<size_t> &left, const Layer &cand,
                      const std::vector<size_t> &right)
{
    std::vector<std::vector<size_t>> edges(left.size());
    for (size_t l = 0; l < left.size(); ++l) {
        for (size_t r = 0; r < right.size(); ++r) {
            if (endsOverlap(ref, ref.relations[left[l]], cand, cand.relations[right[r]])) {
                edges[l].push_back(r);
            }
        }
    }
    Pairs pairs;
    for (const auto &[l, r] : kuhnMatching(edges, right.size())) {
        pairs.emplace_back(qsizetype(left[l]), qsizetype(right[r]));
    }
    return pairs;
}

// Positions into `layer.relations` of the relations of each label, those `taken` left out.
std::vector<std::vector<size_t>> byLabel(const Layer &layer, int labelCount, const std::vector<char> *taken)
{
    std::vector<std::vector<size_t>> out{size_t(labelCount)};
    for (size_t i = 0; i < layer.relations.size(); ++i) {
        if (!taken || !(*taken)[i]) {
            out[size_t(layer.relations[i].label)].push_back(i);
        }
    }
    return out;
}

// The three stages of docs/METRICS.md §3.2, as positions into the layers' counted relations.
struct Classified
{
    Pairs exact;
    Pairs sameEnds;
    Pairs overlapping;
    std::vector<char> refPaired;
    std::vector<char> candPaired;
};

Classified classify(const Layer &ref, const Layer &cand, int labelCount)
{
    Classified out;
    out.refPaired.assign(ref.relations.size(), 0);
    out.candPaired.assign(cand.relations.size(), 0);
    const auto sortedBy = [](const Layer &layer, bool withLabel) {
        std::vector<size_t> order(layer.relations.size());
        for (size_t i = 0; i < order.size(); ++i) {
            order[i] = i;
        }
        std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
            const Counted &a = layer.relations[x];
            const Counted &b = layer.relations[y];
            return std::tuple(layer.ends[size_t(a.from)], layer.ends[size_t(a.to)], withLabel ? a.label : 0, a.index)
                < std::tuple(layer.ends[size_t(b.from)], layer.ends[size_t(b.to)], withLabel ? b.label : 0, b.index);
        });
        return order;
    };
    // Stages 1 and 2 walk both sides in the same order, pairing equal keys: the same ends and
    // label, then the same ends among what is left.
    const auto walk = [&](bool withLabel, Pairs &pairs) {
        const std::vector<size_t> a = sortedBy(ref, withLabel);
        const std::vector<size_t> b = sortedBy(cand, withLabel);
        size_t i = 0;
        size_t j = 0;
        while (i < a.size() && j < b.size()) {
            if (out.refPaired[a[i]]) {
                ++i;
                continue;
            }
            if (out.candPaired[b[j]]) {
                ++j;
                continue;
            }
            const Counted &r = ref.relations[a[i]];
            const Counted &c = cand.relations[b[j]];
            const auto rk = std::tuple(ref.ends[size_t(r.from)], ref.ends[size_t(r.to)], withLabel ? r.label : 0);
            const auto ck = std::tuple(cand.ends[size_t(c.from)], cand.ends[size_t(c.to)], withLabel ? c.label : 0);
            if (rk == ck) {
                pairs.emplace_back(qsizetype(a[i]), qsizetype(b[j]));
                out.refPaired[a[i]] = 1;
                out.candPaired[b[j]] = 1;
                ++i;
                ++j;
            } else if (rk < ck) {
                ++i;
            } else {
                ++j;
            }
        }
    };
    walk(true, out.exact);
    walk(false, out.sameEnds);
    const auto refLeft = byLabel(ref, labelCount, &out.refPaired);
    const auto candLeft = byLabel(cand, labelCount, &out.candPaired);
    for (size_t l = 0; l < size_t(labelCount); ++l) {
        for (const auto &[r, c] : maximumMatching(ref, refLeft[l], cand, candLeft[l])) {
            out.overlapping.emplace_back(r, c);
            out.refPaired[size_t(r)] = 1;
            out.candPaired[size_t(c)] = 1;
        }
    }
    return out;
}

} // namespace

void RelationScores::addLabels(const QStringList &labels)
{
    for (const QString &label : labels) {
        m_labels[label];
    }
}

void RelationScores::add(const RelationLayer &reference, const RelationLayer &candidate)
{
    LabelIds spanLabels;
    LabelIds relationLabels;
    const Layer ref = resolve(reference, spanLabels, relationLabels);
    const Layer cand = resolve(candidate, spanLabels, relationLabels);
    const int labelCount = relationLabels.size();
    if (labelCount == 0) {
        return;
    }
    const Classified classified = classify(ref, cand, labelCount);
    const auto refAll = byLabel(ref, labelCount, nullptr);
    const auto candAll = byLabel(cand, labelCount, nullptr);
    std::vector<qint64> exact(size_t(labelCount), 0);
    for (const auto &[r, c] : classified.exact) {
        ++exact[size_t(ref.relations[size_t(r)].label)];
    }
    for (size_t l = 0; l < size_t(labelCount); ++l) {
        LabelScores &scores = m_labels[relationLabels.names().at(qsizetype(l))];
        const MatchCounts counts{qint64(refAll[l].size()), qint64(candAll[l].size()), exact[l]};
        scores.exact += counts;
        scores.overlap += MatchCounts{counts.reference, counts.candidate,
                                      qint64(maximumMatching(ref, refAll[l], cand, candAll[l]).size())};
    }
    const auto name = [&](const Layer &layer, qsizetype i) -> const QString & {
        return relationLabels.names().at(layer.relations[size_t(i)].label);
    };
    for (const auto &[r, c] : classified.sameEnds) {
        ++m_mislabelled[name(ref, r)];
    }
    for (size_t i = 0; i < classified.refPaired.size(); ++i) {
        if (!classified.refPaired[i]) {
            ++m_missed[name(ref, qsizetype(i))];
        }
    }
    for (size_t i = 0; i < classified.candPaired.size(); ++i) {
        if (!classified.candPaired[i]) {
            ++m_spurious[name(cand, qsizetype(i))];
        }
    }
}

MatchCounts RelationScores::microExact() const
{
    return microTotal(m_labels, &LabelScores::exact);
}

MatchCounts RelationScores::microOverlap() const
{
    return microTotal(m_labels, &LabelScores::overlap);
}

Averages RelationScores::macroExact() const
{
    return macroAverage(m_labels, &LabelScores::exact);
}

Averages RelationScores::macroOverlap() const
{
    return macroAverage(m_labels, &LabelScores::overlap);
}

RelationReview RelationReview::compare(const RelationLayer &reference, const RelationLayer &candidate)
{
    LabelIds spanLabels;
    LabelIds relationLabels;
    const Layer ref = resolve(reference, spanLabels, relationLabels);
    const Layer cand = resolve(candidate, spanLabels, relationLabels);
    const Classified classified = classify(ref, cand, relationLabels.size());

    std::vector<RelationReviewItem> items;
    const auto place = [](const Layer &layer, qsizetype i, RelationReviewItem &item) {
        const Counted &r = layer.relations[size_t(i)];
        const Annotation &from = layer.source->spans.at(r.from);
        const Annotation &to = layer.source->spans.at(r.to);
        const CodePoint start = std::min(from.start, to.start);
        const CodePoint end = std::max(from.end, to.end);
        item.start = item.reference >= 0 || item.candidate >= 0 ? std::min(item.start, start) : start;
        item.end = std::max(item.end, end);
    };
    const auto addPairs = [&](const Pairs &pairs, ReviewKind kind) {
        for (const auto &[r, c] : pairs) {
            RelationReviewItem item;
            item.kind = kind;
            place(ref, r, item);
            item.reference = ref.relations[size_t(r)].index;
            place(cand, c, item);
            item.candidate = cand.relations[size_t(c)].index;
            items.push_back(item);
        }
    };
    addPairs(classified.exact, ReviewKind::ExactMatch);
    addPairs(classified.sameEnds, ReviewKind::LabelMismatch);
    addPairs(classified.overlapping, ReviewKind::BoundaryMismatch);
    // The rest: missed (reference) and spurious (candidate).
    const auto addUnpaired = [&](const Layer &layer, const std::vector<char> &paired, ReviewKind kind,
                                 qsizetype RelationReviewItem::*index) {
        for (size_t i = 0; i < paired.size(); ++i) {
            if (!paired[i]) {
                RelationReviewItem item;
                item.kind = kind;
                place(layer, qsizetype(i), item);
                item.*index = layer.relations[i].index;
                items.push_back(item);
            }
        }
    };
    addUnpaired(ref, classified.refPaired, ReviewKind::Missed, &RelationReviewItem::reference);
    addUnpaired(cand, classified.candPaired, ReviewKind::Spurious, &RelationReviewItem::candidate);
    std::sort(items.begin(), items.end(), [](const RelationReviewItem &a, const RelationReviewItem &b) {
        return std::tie(a.start, a.end, a.kind, a.reference, a.candidate)
            < std::tie(b.start, b.end, b.kind, b.reference, b.candidate);
    });
    RelationReview review;
    review.m_items = std::move(items);
    for (size_t i = 0; i < review.m_items.size(); ++i) {
        const ReviewKind kind = review.m_items[i].kind;
        ++review.m_counts[size_t(kind)];
        if (kind != ReviewKind::ExactMatch) {
            review.m_disagreements.push_back(qsizetype(i));
        }
    }
    return review;
}

} // namespace Scholiast::Metrics
