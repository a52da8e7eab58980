// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "codepointagreement.h"

#include "metrics_p.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <optional>
#include <unordered_map>
#include <vector>

namespace Scholiast::Metrics {

using namespace Detail;

namespace {

struct Range
{
    qint64 start;
    qint64 end;
};
using Coverage = std::vector<Range>; // disjoint, not touching, sorted

// Adds [from, to) to a coverage whose ranges start at or before `from`: clipped to the document
// [0, length), merged with the last range when it overlaps or touches it.
void addRange(Coverage &c, qint64 from, qint64 to, qint64 length)
{
    const qint64 start = std::max<qint64>(from, 0);
    const qint64 end = std::min(to, length);
    if (start >= end) {
        return;
    }
    if (!c.empty() && start <= c.back().end) {
        c.back().end = std::max(c.back().end, end);
    } else {
        c.push_back({start, end});
    }
}

// Per label, the code points covered by any span of the label: spans in document order. A
// discontinuous span covers its fragments only (docs/FORMAT.md §6.9): its gap is nobody's.
template <typename List>
std::vector<Coverage> coverage(const std::vector<Span> &spans, const List &annotations, int labelCount, qint64 length)
{
    std::vector<Coverage> out(static_cast<size_t>(labelCount));
    std::vector<Coverage> pieces; // per label, the fragments, merged in at the end
    for (const Span &s : spans) {
        if (s.pieces) {
            pieces.resize(out.size());
            for (const Fragment &f : discontinuousAt(annotations, s.index).fragments()) {
                pieces[size_t(s.label)].push_back({f.start.value, f.end.value});
            }
            continue;
        }
        addRange(out[size_t(s.label)], s.start, s.end, length);
    }
    for (size_t l = 0; l < pieces.size(); ++l) {
        if (pieces[l].empty()) {
            continue;
        }
        Coverage all = std::move(out[l]);
        all.insert(all.end(), pieces[l].begin(), pieces[l].end());
        std::sort(all.begin(), all.end(), [](const Range &a, const Range &b) { return a.start < b.start; });
        out[l].clear();
        for (const Range &r : all) {
            addRange(out[l], r.start, r.end, length);
        }
    }
    return out;
}

// coverage() straight from a list in order of its spans' starts, as a sidecar holds them: no
// array of spans made, renumbered and checked for its order, for a pass that needs each span's
// start, end and label once (issue 17: two such arrays of a million spans were a sixth of
// `agree`'s agreement, most of it the first touch of each span and of the array). Indexed by the
// ids `labels` gives (before finish()), and possibly shorter than their final count. Nothing
// when a start goes back or a span is discontinuous: the caller takes the general path, which
// gives the same coverage.
std::optional<std::vector<Coverage>> coverageInStartOrder(const QList<Annotation> &annotations, LabelIds &labels,
                                                          qint64 length)
{
    std::vector<Coverage> out;
    LabelIdCache labelIds(labels);
    qint64 lastStart = std::numeric_limits<qint64>::min();
    for (const Annotation &a : annotations) {
        if (a.start.value < lastStart || a.isDiscontinuous()) {
            return std::nullopt;
        }
        lastStart = a.start.value;
        const size_t label = size_t(labelIds.id(a.label));
        if (label >= out.size()) {
            out.resize(label + 1);
        }
        // Starts in order make the same ranges whatever the order of equal starts.
        addRange(out[label], a.start.value, a.end.value, length);
    }
    return out;
}

// The same for a SpanList, whose labels are looked up once each, not once per span.
std::optional<std::vector<Coverage>> coverageInStartOrder(const SpanList &list, LabelIds &labels, qint64 length)
{
    const std::vector<int> ids = labelIdsOf(list, labels);
    std::vector<Coverage> out;
    qint64 lastStart = std::numeric_limits<qint64>::min();
    for (const SpanList::Entry &e : list.entries()) {
        if (e.start < lastStart || e.discontinuous >= 0) {
            return std::nullopt;
        }
        lastStart = e.start;
        const auto label = size_t(ids[size_t(e.label)]);
        if (label >= out.size()) {
            out.resize(label + 1);
        }
        addRange(out[label], e.start, e.end, length);
    }
    return out;
}

// Walks the boundaries of several coverages in position order: toggle(list, entering) at each
// boundary, segment(from, to) for each stretch of [0, length) between two boundaries. The cost
// is that of the boundaries, whatever the length.
template <typename Toggle, typename Segment>
void sweep(const std::vector<const Coverage *> &lists, qint64 length, Toggle &&toggle, Segment &&segment)
{
    struct Cursor
    {
        qint64 pos;
        size_t list;
        size_t boundary; // 2i: start of interval i, 2i + 1: its end
        bool operator>(const Cursor &o) const { return pos > o.pos || (pos == o.pos && list > o.list); }
    };
    std::vector<Cursor> heap;
    for (size_t i = 0; i < lists.size(); ++i) {
        if (!lists[i]->empty()) {
            heap.push_back({lists[i]->front().start, i, 0});
        }
    }
    std::make_heap(heap.begin(), heap.end(), std::greater<>());
    qint64 pos = 0;
    while (!heap.empty()) {
        const qint64 p = heap.front().pos;
        if (p > pos) {
            segment(pos, p);
            pos = p;
        }
        while (!heap.empty() && heap.front().pos == p) {
            std::pop_heap(heap.begin(), heap.end(), std::greater<>());
            Cursor &c = heap.back();
            toggle(c.list, c.boundary % 2 == 0);
            const Coverage &v = *lists[c.list];
            if (++c.boundary < 2 * v.size()) {
                const Range &r = v[c.boundary / 2];
                c.pos = c.boundary % 2 ? r.end : r.start;
                std::push_heap(heap.begin(), heap.end(), std::greater<>());
            } else {
                heap.pop_back();
            }
        }
    }
    if (pos < length) {
        segment(pos, length);
    }
}

// Label sets to small integers.
class Categories
{
public:
    explicit Categories(size_t words)
        : m_words(words)
    {
    }
    int id(const quint64 *mask)
    {
        if (m_words == 1) {
            const auto [it, added] = m_single.try_emplace(mask[0], int(m_masks.size()));
            if (added) {
                m_masks.emplace_back(mask, mask + 1);
            }
            return it->second;
        }
        std::vector<quint64> key(mask, mask + m_words);
        const auto [it, added] = m_multi.try_emplace(key, int(m_masks.size()));
        if (added) {
            m_masks.push_back(std::move(key));
        }
        return it->second;
    }
    [[nodiscard]] const std::vector<std::vector<quint64>> &masks() const { return m_masks; }

private:
    size_t m_words;
    std::unordered_map<quint64, int> m_single;
    std::map<std::vector<quint64>, int> m_multi;
    std::vector<std::vector<quint64>> m_masks;
};

} // namespace

CodePointAgreement::CodePointAgreement(int annotators)
    : m_annotators(annotators)
{
    Q_ASSERT(annotators >= 2);
}

void CodePointAgreement::addLabels(const QStringList &labels)
{
    for (const QString &label : labels) {
        m_labels[label];
    }
}

QStringList CodePointAgreement::labels() const
{
    QStringList names;
    for (const auto &entry : m_labels) {
        names.append(entry.first);
    }
    return names;
}

CodePointAgreement::LabelCounts CodePointAgreement::counts(const QString &label) const
{
    const auto it = m_labels.find(label);
    return it == m_labels.end() ? LabelCounts() : it->second;
}

void CodePointAgreement::add(qint64 length, const QList<QList<Annotation>> &annotations)
{
    addLists(length, annotations);
}

void CodePointAgreement::add(qint64 length, std::span<const SpanList> annotations)
{
    addLists(length, annotations);
}

template <typename Lists> void CodePointAgreement::addLists(qint64 length, const Lists &annotations)
{
    Q_ASSERT(qsizetype(annotations.size()) == m_annotators);
    length = std::max<qint64>(length, 0);
    m_units += length;
    const size_t m = size_t(m_annotators);

    LabelIds ids;
    std::vector<std::vector<Coverage>> covered; // [annotator][label]
    for (const auto &list : annotations) {
        auto inOrder = coverageInStartOrder(list, ids, length);
        if (!inOrder) {
            covered.clear();
            break;
        }
        covered.push_back(std::move(*inOrder));
    }
    if (!covered.empty()) {
        const std::vector<int> newIds = ids.finish();
        for (std::vector<Coverage> &byOldId : covered) {
            std::vector<Coverage> byId(newIds.size());
            for (size_t old = 0; old < byOldId.size(); ++old) {
                byId[size_t(newIds[old])] = std::move(byOldId[old]);
            }
            byOldId = std::move(byId);
        }
    } else {
        ids = LabelIds();
        std::vector<std::vector<Span>> spans;
        for (const auto &list : annotations) {
            spans.push_back(toSpans(list, ids));
        }
        const std::vector<int> newIds = ids.finish();
        size_t a = 0;
        for (const auto &list : annotations) {
            renumber(spans[a], newIds);
            covered.push_back(coverage(spans[a], list, ids.size(), length));
            ++a;
        }
    }
    const int labelCount = ids.size();

    // Per label: how many annotators cover each stretch.
    for (int l = 0; l < labelCount; ++l) {
        std::vector<const Coverage *> lists;
        for (size_t a = 0; a < m; ++a) {
            lists.push_back(&covered[a][size_t(l)]);
        }
        std::vector<char> inside(m, 0);
        int k = 0;
        LabelCounts c;
        sweep(
            lists, length,
            [&](size_t list, bool entering) {
                inside[list] = entering;
                k += entering ? 1 : -1;
            },
            [&](qint64 from, qint64 to) {
                const qint64 len = to - from;
                c.covered += len * k;
                c.disagreement += len * 2 * k * (qint64(m) - k);
                if (m == 2 && inside[0] && inside[1]) {
                    c.both += len;
                } else if (m == 2 && inside[0]) {
                    c.firstOnly += len;
                } else if (m == 2 && inside[1]) {
                    c.secondOnly += len;
                }
            });
        LabelCounts &total = m_labels[ids.names().at(l)];
        total.both += c.both;
        total.firstOnly += c.firstOnly;
        total.secondOnly += c.secondOnly;
        total.covered += c.covered;
        total.disagreement += c.disagreement;
    }

    // All labels at once: each annotator's value is the set of labels covering the code point.
    const size_t words = std::max<size_t>(1, (size_t(labelCount) + 63) / 64);
    std::vector<quint64> masks(m * words, 0);
    std::vector<char> dirty(m, 1);
    std::vector<int> category(m, 0);
    std::vector<qint64> categoryUnits;
    Categories categories(words);
    std::vector<const Coverage *> lists;
    for (size_t a = 0; a < m; ++a) {
        for (int l = 0; l < labelCount; ++l) {
            lists.push_back(&covered[a][size_t(l)]);
        }
    }
    qint64 disagreement = 0;
    sweep(
        lists, length,
        [&](size_t list, bool) {
            const size_t a = list / size_t(labelCount);
            const size_t l = list % size_t(labelCount);
            masks[a * words + l / 64] ^= quint64(1) << (l % 64);
            dirty[a] = 1;
        },
        [&](qint64 from, qint64 to) {
            const qint64 len = to - from;
            for (size_t a = 0; a < m; ++a) {
                if (dirty[a]) {
                    category[a] = categories.id(&masks[a * words]);
                    dirty[a] = 0;
                    if (size_t(category[a]) >= categoryUnits.size()) {
                        categoryUnits.resize(size_t(category[a]) + 1, 0);
                    }
                }
                categoryUnits[size_t(category[a])] += len;
            }
            // sum over values c of n_c^2 = sum over annotators of how many share its value
            qint64 same = 0;
            for (size_t a = 0; a < m; ++a) {
                for (size_t b = 0; b < m; ++b) {
                    same += category[a] == category[b] ? 1 : 0;
                }
            }
            disagreement += len * (qint64(m * m) - same);
        });
    m_disagreement += disagreement;
    for (size_t id = 0; id < categoryUnits.size(); ++id) {
        QStringList names;
        const std::vector<quint64> &mask = categories.masks()[id];
        for (int l = 0; l < labelCount; ++l) {
            if (mask[size_t(l) / 64] >> (size_t(l) % 64) & 1) {
                names.append(ids.names().at(l)); // ids are in name order: the set is sorted
            }
        }
        m_categories[names] += categoryUnits[id];
    }
}

std::optional<double> CodePointAgreement::kappa(const QString &label) const
{
    if (m_annotators != 2) {
        return std::nullopt;
    }
    const LabelCounts c = counts(label);
    // Cohen's kappa from the 2x2 table: 2 (ad - bc) / ((a + b)(b + d) + (a + c)(c + d)).
    const long double a = c.both;
    const long double b = c.firstOnly;
    const long double cc = c.secondOnly;
    const long double d = static_cast<long double>(m_units) - a - b - cc;
    const long double denominator = (a + b) * (b + d) + (a + cc) * (cc + d);
    if (denominator == 0) {
        return std::nullopt;
    }
    return double(2 * (a * d - b * cc) / denominator);
}

std::optional<double> CodePointAgreement::alpha(const QString &label) const
{
    const LabelCounts c = counts(label);
    // alpha = 1 - (n - 1) D_o' / ((m - 1)(n^2 - sum_c n_c^2)); for two values the last factor is
    // 2 n_in n_out (docs/METRICS.md §4.2).
    const long double n = static_cast<long double>(m_units) * m_annotators;
    const long double in = c.covered;
    const long double out = n - in;
    const long double denominator = (m_annotators - 1) * 2 * in * out;
    if (denominator == 0) {
        return std::nullopt;
    }
    return double(1 - (n - 1) * static_cast<long double>(c.disagreement) / denominator);
}

std::optional<double> CodePointAgreement::alpha() const
{
    const long double n = static_cast<long double>(m_units) * m_annotators;
    long double squares = 0;
    for (const auto &entry : m_categories) {
        squares += static_cast<long double>(entry.second) * static_cast<long double>(entry.second);
    }
    const long double denominator = (m_annotators - 1) * (n * n - squares);
    if (denominator == 0) {
        return std::nullopt;
    }
    return double(1 - (n - 1) * static_cast<long double>(m_disagreement) / denominator);
}

} // namespace Scholiast::Metrics
