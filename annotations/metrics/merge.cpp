// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "merge.h"

#include "metrics_p.h"

#include <QHash>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <map>
#include <tuple>
#include <vector>

namespace Scholiast::Metrics {

std::optional<MergeStrategy> mergeStrategyFromName(QStringView name)
{
    if (name == u"union") {
        return MergeStrategy::Union;
    }
    if (name == u"reference-wins") {
        return MergeStrategy::ReferenceWins;
    }
    if (name == u"majority") {
        return MergeStrategy::Majority;
    }
    return std::nullopt;
}

namespace {

// One distinct span (start, end, label) and the inputs that have it.
struct Group
{
    qint64 start;
    qint64 end;
    QString label;
    std::vector<int> inputs; // ascending, unique
    qsizetype index; // of the span in inputs[0]'s list
    size_t pieces = 0; // 0, or for a span in pieces a hash of them: other pieces, another span
};

bool hasInput(const Group &g, int input)
{
    return std::binary_search(g.inputs.begin(), g.inputs.end(), input);
}

// Some input has g without h.
bool hasWithout(const Group &g, const Group &h)
{
    return std::any_of(g.inputs.begin(), g.inputs.end(), [&](int i) { return !hasInput(h, i); });
}

bool alternatives(const Group &g, const Group &h)
{
    const bool overlap = g.start < h.end && h.start < g.end;
    const bool sameRange = g.start == h.start && g.end == h.end && g.pieces == h.pieces;
    const bool sameLabel = g.label == h.label;
    if (!overlap || sameRange == sameLabel) { // sameRange && sameLabel is one group
        return false;
    }
    return hasWithout(g, h) && hasWithout(h, g);
}

QString describe(const Group &g, const QList<MergeInput> &inputs)
{
    QStringList who;
    for (int i : g.inputs) {
        who.append(inputs.at(i).name);
    }
    return QStringLiteral("%1 %2-%3 (%4)").arg(g.label).arg(g.start).arg(g.end).arg(who.join(QStringLiteral(", ")));
}

// The relations between the merged spans: each input's relation by its two spans' groups and
// its label; kept as the strategy says, its first input's copy, its id made unique.
void mergeRelations(MergeStrategy strategy, const QList<MergeInput> &inputs, const std::vector<Group> &groups,
                    const std::vector<std::vector<qsizetype>> &groupOf, const std::vector<QString> &mergedId,
                    QSet<QString> &ids, MergeResult &result)
{
    const int k = int(inputs.size());
    struct Support
    {
        std::vector<int> inputs; // ascending, unique
        int input; // the first input that has it, and its relation there
        qsizetype relation;
    };
    std::map<std::tuple<qsizetype, qsizetype, QString>, Support> keys;
    for (int i = 0; i < k; ++i) {
        const MergeInput &input = inputs.at(i);
        if (input.relations.isEmpty()) {
            continue;
        }
        QHash<QString, qsizetype> indexOf;
        for (qsizetype j = 0; j < input.annotations.size(); ++j) {
            indexOf.insert(input.annotations.at(j).id, j);
        }
        for (qsizetype r = 0; r < input.relations.size(); ++r) {
            const Relation &relation = input.relations.at(r);
            const qsizetype from = indexOf.value(relation.from, -1);
            const qsizetype to = indexOf.value(relation.to, -1);
            if (from < 0 || to < 0) {
                continue; // a relation to no span of its file: the reader has said so
            }
            const auto key =
                std::tuple(groupOf[size_t(i)][size_t(from)], groupOf[size_t(i)][size_t(to)], relation.label);
            auto found = keys.find(key);
            if (found == keys.end()) {
                keys.emplace(key, Support{{i}, i, r});
            } else if (found->second.inputs.back() != i) {
                found->second.inputs.push_back(i);
            }
        }
    }
    const auto describeRelation = [&](const std::tuple<qsizetype, qsizetype, QString> &key, const Support &support) {
        QStringList who;
        for (int i : support.inputs) {
            who.append(inputs.at(i).name);
        }
        const Group &from = groups[size_t(std::get<0>(key))];
        const Group &to = groups[size_t(std::get<1>(key))];
        return QStringLiteral("relation %1 from %2 %3-%4 to %5 %6-%7 (%8)")
            .arg(std::get<2>(key), from.label)
            .arg(from.start)
            .arg(from.end)
            .arg(to.label)
            .arg(to.start)
            .arg(to.end)
            .arg(who.join(QStringLiteral(", ")));
    };
    const auto conflict = [&](const std::tuple<qsizetype, qsizetype, QString> &key, const QString &message) {
        const Group &from = groups[size_t(std::get<0>(key))];
        const Group &to = groups[size_t(std::get<1>(key))];
        result.conflicts.append(
            {CodePoint(std::min(from.start, to.start)), CodePoint(std::max(from.end, to.end)), message});
    };
    // reference-wins: the earliest input's label for a pair of spans.
    std::map<std::pair<qsizetype, qsizetype>, int> firstLabelInput;
    for (const auto &[key, support] : keys) {
        const auto pair = std::pair(std::get<0>(key), std::get<1>(key));
        auto found = firstLabelInput.find(pair);
        if (found == firstLabelInput.end() || support.inputs.front() < found->second) {
            firstLabelInput[pair] = support.inputs.front();
        }
    }
    QSet<QString> relationIds;
    for (const auto &[key, support] : keys) {
        const qsizetype from = std::get<0>(key);
        const qsizetype to = std::get<1>(key);
        if (mergedId[size_t(from)].isEmpty() || mergedId[size_t(to)].isEmpty()) {
            conflict(key, describeRelation(key, support) + QStringLiteral(": a span of it was dropped: dropped"));
            continue;
        }
        if (strategy == MergeStrategy::Majority && 2 * qsizetype(support.inputs.size()) <= k) {
            conflict(key,
                     QStringLiteral("%1 is in %2 of %3 inputs, not a majority: dropped")
                         .arg(describeRelation(key, support))
                         .arg(support.inputs.size())
                         .arg(k));
            continue;
        }
        if (strategy == MergeStrategy::ReferenceWins && firstLabelInput.at({from, to}) < support.inputs.front()) {
            conflict(key,
                     QStringLiteral("%1 contradicts the label of an earlier input for the same spans: dropped")
                         .arg(describeRelation(key, support)));
            continue;
        }
        Relation relation = inputs.at(support.input).relations.at(support.relation);
        relation.from = mergedId[size_t(from)];
        relation.to = mergedId[size_t(to)];
        if (ids.contains(relation.id) || relationIds.contains(relation.id)) {
            const QString base = relation.id + u'-' + inputs.at(support.input).name;
            relation.id = base;
            for (int n = 2; ids.contains(relation.id) || relationIds.contains(relation.id); ++n) {
                relation.id = base + u'-' + QString::number(n);
            }
        }
        relationIds.insert(relation.id);
        result.relations.append(relation);
    }
    std::stable_sort(result.conflicts.begin(), result.conflicts.end(),
                     [](const MergeConflict &x, const MergeConflict &y) {
                         return std::tie(x.start, x.end) < std::tie(y.start, y.end);
                     });
}

} // namespace

MergeResult merge(MergeStrategy strategy, const QList<MergeInput> &inputs)
{
    MergeResult result;
    const int k = int(inputs.size());

    struct Entry
    {
        qint64 start;
        qint64 end;
        const QString *label;
        int input;
        qsizetype index;
        size_t pieces;
    };
    std::vector<Entry> entries;
    for (int i = 0; i < k; ++i) {
        const QList<Annotation> &list = inputs.at(i).annotations;
        for (qsizetype j = 0; j < list.size(); ++j) {
            entries.push_back({list.at(j).start.value, list.at(j).end.value, &list.at(j).label, i, j,
                               Detail::piecesHash(list.at(j))});
        }
    }
    std::sort(entries.begin(), entries.end(), [](const Entry &x, const Entry &y) {
        return std::tie(x.start, x.end, *x.label, x.pieces, x.input, x.index)
            < std::tie(y.start, y.end, *y.label, y.pieces, y.input, y.index);
    });

    std::vector<Group> groups;
    // For the relations: the group of each input's span (input, index in its list).
    std::vector<std::vector<qsizetype>> groupOf(static_cast<size_t>(k));
    for (int i = 0; i < k; ++i) {
        groupOf[size_t(i)].assign(size_t(inputs.at(i).annotations.size()), -1);
    }
    for (size_t e = 0; e < entries.size(); ++e) {
        const Entry &x = entries[e];
        groupOf[size_t(x.input)][size_t(x.index)] = e > 0
                && std::tie(x.start, x.end, *x.label, x.pieces)
                    == std::tie(entries[e - 1].start, entries[e - 1].end, *entries[e - 1].label, entries[e - 1].pieces)
            ? qsizetype(groups.size()) - 1
            : qsizetype(groups.size());
        if (e > 0
            && std::tie(x.start, x.end, *x.label, x.pieces)
                == std::tie(entries[e - 1].start, entries[e - 1].end, *entries[e - 1].label, entries[e - 1].pieces)) {
            Group &g = groups.back();
            if (g.inputs.back() == x.input) {
                result.duplicates.append(QStringLiteral("%1: %2 %3-%4 is there twice (ids %5, %6); merged as one")
                                             .arg(inputs.at(x.input).name, *x.label)
                                             .arg(x.start)
                                             .arg(x.end)
                                             .arg(inputs.at(x.input).annotations.at(entries[e - 1].index).id,
                                                  inputs.at(x.input).annotations.at(x.index).id));
            } else {
                g.inputs.push_back(x.input);
            }
            continue;
        }
        groups.push_back({x.start, x.end, *x.label, {x.input}, x.index, x.pieces});
    }

    // Alternatives: same range (adjacent groups) or same label and overlapping (an active list
    // per label, swept by start).
    std::vector<std::vector<size_t>> neighbours(groups.size());
    std::vector<std::pair<size_t, size_t>> pairs;
    std::map<QString, std::vector<size_t>> active;
    for (size_t g = 0; g < groups.size(); ++g) {
        const Group &x = groups[g];
        for (size_t h = g; h-- > 0 && groups[h].start == x.start && groups[h].end == x.end;) {
            // Same label (spans in other pieces) is the sweep's below.
            if (groups[h].label != x.label && alternatives(groups[h], x)) {
                pairs.emplace_back(h, g);
            }
        }
        std::vector<size_t> &open = active[x.label];
        open.erase(std::remove_if(open.begin(), open.end(), [&](size_t h) { return groups[h].end <= x.start; }),
                   open.end());
        for (size_t h : open) {
            if (alternatives(groups[h], x)) {
                pairs.emplace_back(h, g);
            }
        }
        open.push_back(g);
    }
    for (const auto &[g, h] : pairs) {
        neighbours[g].push_back(h);
        neighbours[h].push_back(g);
    }

    std::vector<char> kept(groups.size(), 0);
    switch (strategy) {
    case MergeStrategy::Union:
        std::fill(kept.begin(), kept.end(), 1);
        for (const auto &[g, h] : pairs) {
            const Group &x = groups[g];
            const Group &y = groups[h];
            result.conflicts.append({CodePoint(std::min(x.start, y.start)), CodePoint(std::max(x.end, y.end)),
                                     QStringLiteral("%1 and %2 are alternatives: both kept")
                                         .arg(describe(x, inputs), describe(y, inputs))});
        }
        break;
    case MergeStrategy::ReferenceWins: {
        // By the first input that has the span: a span is dropped when a kept alternative comes
        // from an earlier input.
        std::vector<size_t> order(groups.size());
        for (size_t g = 0; g < order.size(); ++g) {
            order[g] = g;
        }
        std::stable_sort(order.begin(), order.end(),
                         [&](size_t x, size_t y) { return groups[x].inputs.front() < groups[y].inputs.front(); });
        for (size_t g : order) {
            const Group &x = groups[g];
            const size_t *winner = nullptr;
            for (const size_t &h : neighbours[g]) {
                if (kept[h] && groups[h].inputs.front() < x.inputs.front()) {
                    winner = &h;
                    break;
                }
            }
            if (winner) {
                const Group &y = groups[*winner];
                result.conflicts.append(
                    {CodePoint(std::min(x.start, y.start)), CodePoint(std::max(x.end, y.end)),
                     QStringLiteral("%1 contradicts %2: dropped").arg(describe(x, inputs), describe(y, inputs))});
            } else {
                kept[g] = 1;
            }
        }
        break;
    }
    case MergeStrategy::Majority:
        for (size_t g = 0; g < groups.size(); ++g) {
            const Group &x = groups[g];
            const qsizetype support = qsizetype(x.inputs.size());
            if (2 * support > k) {
                kept[g] = 1;
            } else {
                result.conflicts.append({CodePoint(x.start), CodePoint(x.end),
                                         QStringLiteral("%1 is in %2 of %3 inputs, not a majority: dropped")
                                             .arg(describe(x, inputs))
                                             .arg(support)
                                             .arg(k)});
            }
        }
        break;
    }
    std::stable_sort(result.conflicts.begin(), result.conflicts.end(),
                     [](const MergeConflict &x, const MergeConflict &y) {
                         return std::tie(x.start, x.end) < std::tie(y.start, y.end);
                     });

    QSet<QString> ids;
    std::vector<QString> mergedId(groups.size());
    for (size_t g = 0; g < groups.size(); ++g) {
        if (!kept[g]) {
            continue;
        }
        const MergeInput &input = inputs.at(groups[g].inputs.front());
        Annotation span = input.annotations.at(groups[g].index);
        if (span.annotator().isEmpty() && !input.annotator.isEmpty()) {
            span.setAnnotator(input.annotator);
        }
        if (ids.contains(span.id)) {
            const QString base = span.id + u'-' + input.name;
            span.id = base;
            for (int n = 2; ids.contains(span.id); ++n) {
                span.id = base + u'-' + QString::number(n);
            }
        }
        ids.insert(span.id);
        mergedId[g] = span.id;
        result.annotations.append(std::move(span));
    }
    mergeRelations(strategy, inputs, groups, groupOf, mergedId, ids, result);
    return result;
}

} // namespace Scholiast::Metrics
