// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "spanscores.h"

#include "metrics_p.h"

#include <algorithm>
#include <tuple>
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

namespace {

std::vector<int> labelOfIndex(const std::vector<Span> &spans)
{
    std::vector<int> labels(spans.size());
    for (const Span &s : spans) {
        labels[size_t(s.index)] = s.label;
    }
    return labels;
}

} // namespace

std::vector<ConfusionInstance> confusionInstances(const QList<Annotation> &reference,
                                                  const QList<Annotation> &candidate)
{
    LabelIds ids;
    std::vector<Span> ref = toSpans(reference, ids);
    std::vector<Span> cand = toSpans(candidate, ids);
    const std::vector<int> newIds = ids.finish();
    renumber(ref, newIds);
    renumber(cand, newIds);
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

template <typename List> void SpanScores::addLists(const List &reference, const List &candidate)
{
    LabelIds ids;
    std::vector<Span> ref = toSpans(reference, ids);
    std::vector<Span> cand = toSpans(candidate, ids);
    const std::vector<int> newIds = ids.finish();
    renumber(ref, newIds);
    renumber(cand, newIds);
    const QStringList &names = ids.names();
    const size_t labelCount = size_t(names.size());

    std::vector<LabelScores> scores(labelCount);
    std::vector<std::vector<Interval>> refByLabel(labelCount);
    std::vector<std::vector<Interval>> candByLabel(labelCount);
    for (const Span &s : ref) {
        ++scores[size_t(s.label)].exact.reference;
    }
    for (const Span &s : cand) {
        ++scores[size_t(s.label)].exact.candidate;
    }
    for (size_t l = 0; l < labelCount; ++l) {
        refByLabel[l].reserve(size_t(scores[l].exact.reference));
        candByLabel[l].reserve(size_t(scores[l].exact.candidate));
    }
    for (const Span &s : ref) {
        refByLabel[size_t(s.label)].push_back(
            {s.start, s.end, s.index, s.pieces ? &discontinuousAt(reference, s.index) : nullptr});
    }
    for (const Span &s : cand) {
        candByLabel[size_t(s.label)].push_back(
            {s.start, s.end, s.index, s.pieces ? &discontinuousAt(candidate, s.index) : nullptr});
    }

    Pairs exact;
    Pairs sameRange;
    std::vector<char> refPaired;
    std::vector<char> candPaired;
    pairSameRange(ref, cand, exact, sameRange, refPaired, candPaired);
    const std::vector<int> refLabel = labelOfIndex(ref);
    const std::vector<int> candLabel = labelOfIndex(cand);
    std::vector<qint64> confusion(labelCount * labelCount, 0);
    for (const auto &[r, c] : exact) {
        ++scores[size_t(refLabel[size_t(r)])].exact.matched;
        ++confusion[size_t(refLabel[size_t(r)]) * labelCount + size_t(candLabel[size_t(c)])];
    }
    for (const auto &[r, c] : sameRange) {
        ++confusion[size_t(refLabel[size_t(r)]) * labelCount + size_t(candLabel[size_t(c)])];
    }
    std::vector<qint64> missed(labelCount, 0);
    std::vector<qint64> spurious(labelCount, 0);
    for (size_t i = 0; i < refPaired.size(); ++i) {
        missed[size_t(refLabel[i])] += refPaired[i] ? 0 : 1;
    }
    for (size_t i = 0; i < candPaired.size(); ++i) {
        spurious[size_t(candLabel[i])] += candPaired[i] ? 0 : 1;
    }

    for (size_t l = 0; l < labelCount; ++l) {
        LabelScores &s = scores[l];
        s.overlap.reference = s.exact.reference;
        s.overlap.candidate = s.exact.candidate;
        s.overlap.matched = qint64(maximumOverlapMatching(refByLabel[l], candByLabel[l]).size());

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
