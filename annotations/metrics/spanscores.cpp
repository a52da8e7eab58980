// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "spanscores.h"

#include "metrics_p.h"

#include <algorithm>
#include <tuple>
#include <type_traits>
#include <vector>

namespace Scholiast::Metrics {

using namespace Detail;

std::optional<double> MatchCounts::precision() const
{
    if (candidate == 0) {
        return std::nullopt;
    }
    return double(matched) / double(candidate);
}

std::optional<double> MatchCounts::recall() const
{
    if (reference == 0) {
        return std::nullopt;
    }
    return double(matched) / double(reference);
}

std::optional<double> MatchCounts::f1() const
{
    if (reference + candidate == 0) {
        return std::nullopt;
    }
    return 2.0 * double(matched) / double(reference + candidate);
}

MatchCounts &MatchCounts::operator+=(const MatchCounts &other)
{
    reference += other.reference;
    candidate += other.candidate;
    matched += other.matched;
    return *this;
}

MatchCounts microTotal(const std::map<QString, LabelScores> &labels, MatchCounts LabelScores::*which)
{
    MatchCounts total;
    for (const auto &entry : labels) {
        total += entry.second.*which;
    }
    return total;
}

// As scikit-learn's zero_division=0.
Averages macroAverage(const std::map<QString, LabelScores> &labels, MatchCounts LabelScores::*which)
{
    double p = 0;
    double r = 0;
    double f = 0;
    int n = 0;
    for (const auto &entry : labels) {
        const MatchCounts &c = entry.second.*which;
        if (c.reference + c.candidate == 0) {
            continue;
        }
        p += c.precision().value_or(0.0);
        r += c.recall().value_or(0.0);
        f += c.f1().value_or(0.0);
        ++n;
    }
    if (n == 0) {
        return {};
    }
    return {p / n, r / n, f / n};
}

std::vector<ConfusionInstance> confusionInstances(const QList<Annotation> &reference,
                                                  const QList<Annotation> &candidate)
{
    LabelIds ids;
    const auto [ref, cand] = spansInOrder(reference, candidate, ids);
    Pairs exact;
    Pairs sameRange;
    std::vector<char> refPaired;
    std::vector<char> candPaired;
    pairSameRange(ref, cand, exact, sameRange, refPaired, candPaired);
    std::vector<ConfusionInstance> instances;
    instances.reserve(exact.size() + sameRange.size() + refPaired.size() + candPaired.size());
    for (const Pairs *pairs : {&exact, &sameRange}) {
        for (const auto &[r, c] : *pairs) {
            instances.push_back({r, c});
        }
    }
    for (size_t i = 0; i < refPaired.size(); ++i) {
        if (!refPaired[i]) {
            instances.push_back({qsizetype(i), -1});
        }
    }
    for (size_t i = 0; i < candPaired.size(); ++i) {
        if (!candPaired[i]) {
            instances.push_back({-1, qsizetype(i)});
        }
    }
    const auto place = [&](const ConfusionInstance &i) {
        const Annotation &a = i.reference >= 0 ? reference.at(i.reference) : candidate.at(i.candidate);
        return std::tuple(a.start, a.end, i.reference < 0, i.reference, i.candidate);
    };
    std::sort(instances.begin(), instances.end(),
              [&](const ConfusionInstance &a, const ConfusionInstance &b) { return place(a) < place(b); });
    return instances;
}

void SpanScores::addLabels(const QStringList &labels)
{
    for (const QString &label : labels) {
        m_labels[label];
    }
}

void SpanScores::add(const QList<Annotation> &reference, const QList<Annotation> &candidate)
{
    addLists(reference, candidate);
}

void SpanScores::add(const SpanList &reference, const SpanList &candidate)
{
    addLists(reference, candidate);
}

namespace {

// Each label's spans of such a list, by their positions in it, which `positions` holds.
std::vector<PickedIntervals> pickedByLabel(const SpanList &list, const std::vector<int> &labels, size_t labelCount,
                                           std::vector<quint32> &positions)
{
    const std::vector<SpanList::Entry> &entries = list.entries();
    std::vector<size_t> starts(labelCount + 1, 0);
    for (const SpanList::Entry &e : entries) {
        ++starts[size_t(labels[size_t(e.label)]) + 1];
    }
    for (size_t l = 1; l <= labelCount; ++l) {
        starts[l] += starts[l - 1];
    }
    positions.resize(entries.size());
    std::vector<size_t> next(starts.begin(), starts.end() - 1);
    for (size_t i = 0; i < entries.size(); ++i) {
        positions[next[size_t(labels[size_t(entries[i].label)])]++] = quint32(i);
    }
    std::vector<PickedIntervals> picked(labelCount);
    for (size_t l = 0; l < labelCount; ++l) {
        picked[l] = {entries.data(), positions.data() + starts[l], starts[l + 1] - starts[l]};
    }
    return picked;
}

} // namespace

template <typename List> void SpanScores::addLists(const List &reference, const List &candidate)
{
    // Scores a pair from its spans in document order (std::vector<Span> or SpanListSpans) and
    // each label's spans as intervals in order of start (std::vector<Interval> or
    // PickedIntervals), labels numbered as `names`.
    const auto tally = [this](const QStringList &names, const auto &ref, const auto &cand, const auto &refByLabel,
                              const auto &candByLabel) {
        const size_t labelCount = size_t(names.size());
        std::vector<LabelScores> scores(labelCount);
        for (size_t l = 0; l < labelCount; ++l) {
            scores[l].exact.reference = qint64(refByLabel[l].size());
            scores[l].exact.candidate = qint64(candByLabel[l].size());
        }
        // Counted as they are found: a metric that keeps no pair makes none (issue 17).
        std::vector<qint64> confusion(labelCount * labelCount, 0);
        std::vector<char> refPaired;
        std::vector<char> candPaired;
        pairSameRangeBy(
            ref, cand, refPaired, candPaired,
            [&](const Span &r, const Span &c) {
                ++scores[size_t(r.label)].exact.matched;
                ++confusion[size_t(r.label) * labelCount + size_t(c.label)];
            },
            [&](const Span &r, const Span &c) { ++confusion[size_t(r.label) * labelCount + size_t(c.label)]; });
        std::vector<qint64> missed(labelCount, 0);
        std::vector<qint64> spurious(labelCount, 0);
        for (size_t i = 0; i < ref.size(); ++i) {
            const Span s = ref[i];
            missed[size_t(s.label)] += refPaired[size_t(s.index)] ? 0 : 1;
        }
        for (size_t i = 0; i < cand.size(); ++i) {
            const Span s = cand[i];
            spurious[size_t(s.label)] += candPaired[size_t(s.index)] ? 0 : 1;
        }

        for (size_t l = 0; l < labelCount; ++l) {
            LabelScores &s = scores[l];
            s.overlap.reference = s.exact.reference;
            s.overlap.candidate = s.exact.candidate;
            s.overlap.matched = qint64(maximumOverlapMatchingSize(refByLabel[l], candByLabel[l]));

            const QString &name = names.at(qsizetype(l));
            LabelScores &total = m_labels[name];
            total.exact += s.exact;
            total.overlap += s.overlap;
            for (size_t k = 0; k < labelCount; ++k) {
                if (const qint64 n = confusion[l * labelCount + k]) {
                    m_confusion[name][names.at(qsizetype(k))] += n;
                }
            }
            if (missed[l]) {
                m_missed[name] += missed[l];
            }
            if (spurious[l]) {
                m_spurious[name] += spurious[l];
            }
        }
    };

    if constexpr (std::is_same_v<List, SpanList>) {
        // A sidecar's spans, in document order as written: read where they are, not copied
        // into Spans and again into each label's Intervals, 72 bytes a span a side whose pages
        // were a fifth of `agree` (issue 17).
        LabelIds ids;
        if (const auto labels = labelsInPlace(reference, candidate, ids)) {
            const auto &[refLabels, candLabels] = *labels;
            const size_t labelCount = size_t(ids.size());
            std::vector<quint32> refPositions;
            std::vector<quint32> candPositions;
            tally(ids.names(), SpanListSpans(reference, refLabels), SpanListSpans(candidate, candLabels),
                  pickedByLabel(reference, refLabels, labelCount, refPositions),
                  pickedByLabel(candidate, candLabels, labelCount, candPositions));
            return;
        }
    }

    LabelIds ids;
    const auto [ref, cand] = spansInOrder(reference, candidate, ids);
    const size_t labelCount = size_t(ids.size());
    std::vector<std::vector<Interval>> refByLabel(labelCount);
    std::vector<std::vector<Interval>> candByLabel(labelCount);
    std::vector<size_t> refCounts(labelCount, 0);
    std::vector<size_t> candCounts(labelCount, 0);
    for (const Span &s : ref) {
        ++refCounts[size_t(s.label)];
    }
    for (const Span &s : cand) {
        ++candCounts[size_t(s.label)];
    }
    for (size_t l = 0; l < labelCount; ++l) {
        refByLabel[l].reserve(refCounts[l]);
        candByLabel[l].reserve(candCounts[l]);
    }
    for (const Span &s : ref) {
        refByLabel[size_t(s.label)].push_back(
            {s.start, s.end, s.index, s.pieces ? &discontinuousAt(reference, s.index) : nullptr});
    }
    for (const Span &s : cand) {
        candByLabel[size_t(s.label)].push_back(
            {s.start, s.end, s.index, s.pieces ? &discontinuousAt(candidate, s.index) : nullptr});
    }
    tally(ids.names(), ref, cand, refByLabel, candByLabel);
}

MatchCounts SpanScores::microExact() const
{
    return microTotal(m_labels, &LabelScores::exact);
}

MatchCounts SpanScores::microOverlap() const
{
    return microTotal(m_labels, &LabelScores::overlap);
}

Averages SpanScores::macroExact() const
{
    return macroAverage(m_labels, &LabelScores::exact);
}

Averages SpanScores::macroOverlap() const
{
    return macroAverage(m_labels, &LabelScores::overlap);
}

} // namespace Scholiast::Metrics
