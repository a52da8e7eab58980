// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "annotationset.h"

#include <QRandomGenerator>
#include <QSet>
#include <QSignalBlocker>

#include <algorithm>
#include <atomic>
#include <deque>
#include <mutex>
#include <numeric>
#include <thread>

namespace Scholiast {

namespace {
// Spans added since the last rebuild are scanned linearly; past this many the index is rebuilt
// (an O(n) merge), so a query never scans more than this and a rebuild is rare while tagging.
constexpr size_t MaxPending = 4096;

constexpr auto byStart = [](const auto &a, const auto &b) {
    return a.start < b.start || (a.start == b.start && a.end < b.end);
};

// The live spans in file order, from the set or from a snapshot of it.
template <typename Blocks>
std::vector<const Annotation *> liveSpansInFileOrder(const Blocks &blocks, const std::vector<bool> &alive,
                                                     qsizetype size, quint32 blockShift)
{
    std::vector<const Annotation *> result;
    result.reserve(size_t(size));
    const size_t mask = (size_t(1) << blockShift) - 1;
    for (size_t i = 0; i < alive.size(); ++i) {
        if (alive[i]) {
            result.push_back(&blocks[i >> blockShift]->spans[i & mask]);
        }
    }
    sortInFileOrder(result);
    return result;
}
} // namespace

// Makes the blocks a fill will need ahead of its spans, on a thread of its own. A block's first
// touch (112 kB of fresh memory, faulted in by the kernel) was 70 % of filling a set with a large
// file's million spans, on the thread that also cuts the file into batches for the two threads
// that parse them, and so the longest part of a window's open (issue 17).
class AnnotationSet::BlockMaker
{
public:
    explicit BlockMaker(size_t count)
        : m_count(count)
        , m_thread([this] { run(); })
    {
    }
    ~BlockMaker()
    {
        m_claimed.store(m_count); // stops the thread at its next block
        m_thread.join();
    }
    Q_DISABLE_COPY_MOVE(BlockMaker)

    /// A block made ahead, or a new one when none is ready.
    std::shared_ptr<Block> take()
    {
        {
            const std::lock_guard lock(m_mutex);
            if (!m_made.empty()) {
                std::shared_ptr<Block> block = std::move(m_made.front());
                m_made.pop_front();
                return block;
            }
        }
        m_claimed.fetch_add(1); // one fewer for the thread to make
        return std::make_shared<Block>();
    }

private:
    void run()
    {
        while (m_claimed.fetch_add(1) < m_count) {
            std::shared_ptr<Block> block = std::make_shared<Block>();
            const std::lock_guard lock(m_mutex);
            m_made.push_back(std::move(block));
        }
    }

    const size_t m_count;
    std::atomic<size_t> m_claimed = 0; // blocks made or being made, here or by take()
    std::mutex m_mutex;
    std::deque<std::shared_ptr<Block>> m_made;
    std::thread m_thread; // last: started once the rest is there
};

AnnotationSet::AnnotationSet(QObject *parent)
    : QObject(parent)
{
}

AnnotationSet::~AnnotationSet() = default;

const Annotation *AnnotationSet::find(const QString &id) const
{
    const quint32 slot = slotOf(id);
    return slot == IdIndex::None ? nullptr : &spanAt(slot);
}

Annotation &AnnotationSet::mutableSpanAt(quint32 slot)
{
    std::shared_ptr<Block> &block = m_blocks[slot >> BlockShift];
    if (block.use_count() != 1) {
        block = std::make_shared<Block>(*block); // a snapshot keeps the old one
    } else {
        // The last snapshot that held this block may have let it go on another thread: see its
        // reads before writing here (use_count() is a relaxed load).
        std::atomic_thread_fence(std::memory_order_acquire);
    }
    return block->spans[slot & (BlockSize - 1)];
}

QString AnnotationSet::uniqueId() const
{
    // 48 random bits: unique across annotators who label the same document apart and merge later.
    for (;;) {
        const quint64 bits = QRandomGenerator::global()->generate64() & 0xffffffffffffULL;
        QString id = QStringLiteral("%1").arg(bits, 12, 16, QLatin1Char('0'));
        if (!contains(id) && !findRelation(id)) {
            return id;
        }
    }
}

quint32 AnnotationSet::store(Annotation span, bool countLabel, bool *idTaken)
{
    quint32 slot;
    if (!m_freeSlots.empty()) {
        slot = m_freeSlots.back();
        m_freeSlots.pop_back();
        m_alive[slot] = true;
    } else {
        slot = m_slotCount++;
        if ((slot & (BlockSize - 1)) == 0) {
            m_blocks.push_back(m_blockMaker ? m_blockMaker->take() : std::make_shared<Block>());
        }
        m_alive.push_back(true);
    }
    // One probe in the common case, an id not in the set yet (a million of them are most of a
    // reset's time). The new slot is not read while its id is entered: it holds no span yet.
    if (span.id.isEmpty() || m_idToSlot.insert(span.id, slot, idAt()) != IdIndex::None) {
        if (idTaken && !span.id.isEmpty()) {
            *idTaken = true;
        }
        span.id = uniqueId(); // none, or taken: the span gets a new id
        m_idToSlot.insert(span.id, slot, idAt());
    }
    Annotation &stored = mutableSpanAt(slot);
    stored = std::move(span);
    if (countLabel) {
        countSpan(stored, 1);
    } else {
        m_statusCounts[size_t(stored.status())] += 1;
    }
    return slot;
}

void AnnotationSet::countSpan(const Annotation &span, qsizetype delta)
{
    m_statusCounts[size_t(span.status())] += delta;
    countLabel(span.label, delta);
}

void AnnotationSet::countLabel(const QString &label, qsizetype delta)
{
    auto it = m_labelCounts.find(label);
    if (it == m_labelCounts.end()) {
        m_labelCounts.insert(label, delta);
    } else if ((*it += delta) == 0) {
        m_labelCounts.erase(it); // labelCounts() names only labels in use
    }
}

void AnnotationSet::release(quint32 slot)
{
    countSpan(spanAt(slot), -1);
    m_idToSlot.erase(spanAt(slot).id, idAt());
    m_alive[slot] = false;
    mutableSpanAt(slot) = Annotation();
    m_deadSlots.push_back(slot);
}

void AnnotationSet::scheduleIndex(quint32 slot)
{
    const Annotation &a = spanAt(slot);
    m_pending.push_back(Entry{a.start.value, a.end.value, a.end.value, slot});
}

QStringList AnnotationSet::add(const QList<Annotation> &spans)
{
    QStringList ids;
    ids.reserve(spans.size());
    for (const Annotation &span : spans) {
        const quint32 slot = store(span);
        scheduleIndex(slot);
        ids.append(spanAt(slot).id);
    }
    if (m_pending.size() > MaxPending) {
        rebuildIndex();
    }
    if (!ids.isEmpty()) {
        Q_EMIT spansAdded(ids);
    }
    return ids;
}

QString AnnotationSet::add(const Annotation &span)
{
    return add(QList<Annotation>{span}).value(0);
}

QList<Annotation> AnnotationSet::remove(const QStringList &ids, QList<Relation> *removedRelations)
{
    // Each id once, in the order given; a set, not QStringList::contains, so that removing tens
    // of thousands of spans (reject all, undo an import) stays linear (issue 17).
    QStringList present;
    QSet<QString> seen;
    seen.reserve(ids.size());
    for (const QString &id : ids) {
        if (contains(id) && !seen.contains(id)) {
            seen.insert(id);
            present.append(id);
        }
    }
    if (present.isEmpty()) {
        return {};
    }
    // A relation never outlives either of its spans: it goes first, to come back on undo.
    QStringList touching;
    if (!m_relations.isEmpty()) {
        ensureRelationIndex();
        QList<qsizetype> positions;
        for (const QString &id : std::as_const(present)) {
            const auto [first, last] = m_relationsBySpan.equal_range(id);
            positions.append(QList<qsizetype>(first, last));
        }
        std::sort(positions.begin(), positions.end());
        positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
        for (const qsizetype position : std::as_const(positions)) {
            touching.append(m_relations.at(position).id);
        }
    }
    if (!touching.isEmpty()) {
        QList<Relation> gone = removeRelations(touching);
        if (removedRelations) {
            *removedRelations = std::move(gone);
        }
    }
    Q_EMIT spansAboutToBeRemoved(present);
    QList<Annotation> removed;
    removed.reserve(present.size());
    for (const QString &id : std::as_const(present)) {
        const quint32 slot = slotOf(id);
        removed.append(spanAt(slot));
        release(slot);
    }
    if (m_deadSlots.size() > std::max(MaxPending, m_tree.size() / 8)) {
        rebuildIndex();
    }
    Q_EMIT spansRemoved(removed);
    return removed;
}

void AnnotationSet::update(const QList<Annotation> &spans)
{
    QList<Annotation> before;
    for (const Annotation &span : spans) {
        const quint32 slot = slotOf(span.id);
        if (slot == IdIndex::None) {
            continue;
        }
        before.append(spanAt(slot));
        if (spanAt(slot).start == span.start && spanAt(slot).end == span.end) {
            countSpan(spanAt(slot), -1);
            mutableSpanAt(slot) = span;
            countSpan(span, 1);
        } else {
            // Index entries are immutable: a moved span takes a new slot and the old one dies.
            release(slot);
            scheduleIndex(store(span));
        }
    }
    if (m_pending.size() > MaxPending || m_deadSlots.size() > std::max(MaxPending, m_tree.size() / 8)) {
        rebuildIndex();
    }
    if (!before.isEmpty()) {
        Q_EMIT spansChanged(before);
    }
}

void AnnotationSet::reset(const QList<Annotation> &spans, const QList<Relation> &relations)
{
    reset(QList<Annotation>(spans), relations); // shared, not copied: the spans are copied one by one
}

void AnnotationSet::reset(QList<Annotation> &&spans, const QList<Relation> &relations)
{
    // A copy first (a shallow one): `relations` may be this set's own, which is cleared below.
    const QList<Relation> newRelations = relations;
    beginFilling();
    reserveForFilling(spans.size());
    fill(std::move(spans));
    endFilling(newRelations);
}

void AnnotationSet::reserveForFilling(qsizetype spans)
{
    // Past a few hundred blocks (a few hundred thousand spans), making them pays for a thread.
    constexpr size_t BlocksForAMaker = 256;
    const size_t blocks = size_t(std::max<qsizetype>(spans, 0) + BlockSize - 1) / BlockSize;
    if (!m_blockMaker && blocks >= m_blocks.size() + BlocksForAMaker) {
        m_blockMaker = std::make_unique<BlockMaker>(blocks - m_blocks.size());
    }
    m_blocks.reserve(blocks);
    m_alive.reserve(size_t(spans));
    m_idToSlot.reserve(spans);
    m_pending.reserve(size_t(spans));
}

void AnnotationSet::beginFilling()
{
    Q_EMIT aboutToReset();
    m_blockMaker.reset(); // a fill withdrawn (the file read whole after all) may have started one
    m_blocks.clear(); // a snapshot keeps the blocks it shares
    m_slotCount = 0;
    m_alive.clear();
    m_freeSlots.clear();
    m_deadSlots.clear();
    m_idToSlot.clear();
    m_tree.clear();
    m_pending.clear();
    m_statusCounts = {};
    m_labelCounts.clear();
    m_relations.clear();
    dropRelationIndex();
}

qsizetype AnnotationSet::fill(QList<Annotation> &&spans)
{
    // Labels are counted by their string, a batch at a time: a read interns them, so a batch's
    // spans share a few strings, and a hash lookup per span cost more than storing the span.
    std::vector<std::pair<QString, qsizetype>> labels;
    const auto tally = [this, &labels](quint32 slot) {
        const QString &label = spanAt(slot).label;
        for (auto &[known, count] : labels) {
            if (known.constData() == label.constData() && known.size() == label.size()) {
                ++count;
                return;
            }
        }
        if (labels.size() < 16) {
            labels.emplace_back(label, 1);
        } else {
            countLabel(label, 1); // strings not shared: counted one by one
        }
    };
    qsizetype repeated = 0;
    // The id table's bucket of the span a few ahead is fetched while this one is stored.
    constexpr qsizetype Ahead = 16;
    const qsizetype spanCount = spans.size();
    const bool ours = spans.isDetached();
    for (qsizetype i = 0; i < spanCount; ++i) {
        if (i + Ahead < spanCount) {
            m_idToSlot.prefetch(std::as_const(spans)[i + Ahead].id);
        }
        // A list that is ours alone has its spans moved in, not copied and then freed with it
        // (a million reference counts up and down when a file is opened).
        bool idTaken = false;
        const quint32 slot =
            ours ? store(std::move(spans[i]), false, &idTaken) : store(std::as_const(spans)[i], false, &idTaken);
        repeated += idTaken ? 1 : 0;
        tally(slot);
        scheduleIndex(slot);
    }
    for (const auto &[label, count] : labels) {
        countLabel(label, count);
    }
    spans.clear();
    return repeated;
}

void AnnotationSet::endFilling(const QList<Relation> &relations)
{
    m_blockMaker.reset(); // with the blocks made for spans the size hint foresaw and did not come
    rebuildIndex();
    {
        const QSignalBlocker quiet(this); // wasReset() says it
        addRelations(relations);
    }
    Q_EMIT wasReset();
}

void AnnotationSet::rebuildIndex()
{
    // Merge the sorted tree (minus dead entries) with the sorted pending entries: O(n + p log p).
    std::erase_if(m_tree, [this](const Entry &e) { return !m_alive[e.slot]; });
    std::erase_if(m_pending, [this](const Entry &e) { return !m_alive[e.slot]; });
    if (!std::is_sorted(m_pending.begin(), m_pending.end(), byStart)) {
        std::sort(m_pending.begin(), m_pending.end(), byStart);
    }
    if (m_tree.empty()) {
        // After a reset: the pending entries are the index, taken as they are (no copy, and no
        // merge buffer of the million entries of a large file).
        m_tree.swap(m_pending);
    } else {
        const size_t middle = m_tree.size();
        m_tree.insert(m_tree.end(), m_pending.begin(), m_pending.end());
        std::inplace_merge(m_tree.begin(), m_tree.begin() + qptrdiff(middle), m_tree.end(), byStart);
    }
    m_pending.clear();
    if (m_pending.capacity() > 2 * MaxPending) {
        m_pending.shrink_to_fit(); // after a reset, the million entries it held on the way in
    }
    m_freeSlots.insert(m_freeSlots.end(), m_deadSlots.begin(), m_deadSlots.end());
    m_deadSlots.clear();

    // The implicit interval tree of Heng Li's cgranges: node i at level k (the number of
    // trailing one bits) has children i -/+ 2^(k-1); maxEnd is the largest end below it.
    const size_t n = m_tree.size();
    m_treeLevels = -1;
    if (n == 0) {
        return;
    }
    size_t lastIndex = 0;
    qint64 last = 0;
    for (size_t i = 0; i < n; i += 2) {
        lastIndex = i;
        last = m_tree[i].maxEnd = m_tree[i].end;
    }
    int k = 1;
    for (; (size_t(1) << k) <= n; ++k) {
        const size_t x = size_t(1) << (k - 1);
        const size_t first = (x << 1) - 1;
        const size_t step = x << 2;
        for (size_t i = first; i < n; i += step) {
            const qint64 left = m_tree[i - x].maxEnd;
            const qint64 right = i + x < n ? m_tree[i + x].maxEnd : last;
            m_tree[i].maxEnd = std::max({m_tree[i].end, left, right});
        }
        lastIndex = ((lastIndex >> k) & 1) ? lastIndex - x : lastIndex + x;
        if (lastIndex < n && m_tree[lastIndex].maxEnd > last) {
            last = m_tree[lastIndex].maxEnd;
        }
    }
    m_treeLevels = k - 1;
}

void AnnotationSet::collect(qint64 start, qint64 end, std::vector<quint32> &out) const
{
    const size_t n = m_tree.size();
    if (m_treeLevels >= 0) {
        struct Frame
        {
            int level;
            size_t node;
            bool leftDone;
        };
        Frame stack[64];
        int top = 0;
        stack[top++] = Frame{m_treeLevels, (size_t(1) << m_treeLevels) - 1, false};
        while (top > 0) {
            const Frame z = stack[--top];
            if (z.level <= 3) {
                // A small subtree: scan it in order.
                const size_t from = z.node >> z.level << z.level;
                const size_t to = std::min(n, from + (size_t(1) << (z.level + 1)) - 1);
                for (size_t i = from; i < to && m_tree[i].start < end; ++i) {
                    if (start < m_tree[i].end) {
                        out.push_back(m_tree[i].slot);
                    }
                }
            } else if (!z.leftDone) {
                const size_t left = z.node - (size_t(1) << (z.level - 1));
                stack[top++] = Frame{z.level, z.node, true};
                if (left >= n || m_tree[left].maxEnd > start) {
                    stack[top++] = Frame{z.level - 1, left, false};
                }
            } else if (z.node < n && m_tree[z.node].start < end) {
                if (start < m_tree[z.node].end) {
                    out.push_back(m_tree[z.node].slot);
                }
                stack[top++] = Frame{z.level - 1, z.node + (size_t(1) << (z.level - 1)), false};
            }
        }
    }
    for (const Entry &e : m_pending) {
        if (e.start < end && start < e.end) {
            out.push_back(e.slot);
        }
    }
}

bool AnnotationSet::lessInOrder(quint32 a, quint32 b) const
{
    const Annotation &x = spanAt(a);
    const Annotation &y = spanAt(b);
    if (x.start != y.start) {
        return x.start < y.start;
    }
    if (x.end != y.end) {
        return x.end < y.end;
    }
    return x.id < y.id;
}

std::vector<const Annotation *> AnnotationSet::overlapping(CodePoint start, CodePoint end) const
{
    std::vector<quint32> slots;
    collect(start.value, end.value, slots);
    // The index holds a discontinuous span from its start to its end: a gap overlaps nothing.
    std::erase_if(slots, [&](quint32 s) { return !m_alive[s] || !spanAt(s).overlaps(start, end); });
    std::sort(slots.begin(), slots.end(), [this](quint32 a, quint32 b) { return lessInOrder(a, b); });
    std::vector<const Annotation *> result;
    result.reserve(slots.size());
    for (quint32 s : slots) {
        result.push_back(&spanAt(s));
    }
    return result;
}

std::vector<const Annotation *> AnnotationSet::sorted() const
{
    return liveSpansInFileOrder(m_blocks, m_alive, size(), BlockShift);
}

void AnnotationSet::indexRelation(qsizetype position) const
{
    const Relation &relation = m_relations.at(position);
    m_relationById.insert(relation.id, position);
    m_relationsBySpan.insert(relation.from, position);
    if (relation.to != relation.from) {
        m_relationsBySpan.insert(relation.to, position);
    }
}

void AnnotationSet::ensureRelationIndex() const
{
    if (m_relationIndexValid) {
        return;
    }
    m_relationById.clear();
    m_relationsBySpan.clear();
    m_relationById.reserve(m_relations.size());
    m_relationsBySpan.reserve(2 * m_relations.size());
    for (qsizetype position = 0; position < m_relations.size(); ++position) {
        indexRelation(position);
    }
    m_relationIndexValid = true;
}

const Relation *AnnotationSet::findRelation(const QString &id) const
{
    if (m_relations.isEmpty()) {
        return nullptr;
    }
    ensureRelationIndex();
    const auto it = m_relationById.constFind(id);
    return it == m_relationById.constEnd() ? nullptr : &m_relations.at(*it);
}

QList<qsizetype> AnnotationSet::relationPositionsOf(const QString &spanId) const
{
    if (m_relations.isEmpty()) {
        return {};
    }
    ensureRelationIndex();
    const auto [first, last] = m_relationsBySpan.equal_range(spanId);
    QList<qsizetype> positions(first, last);
    std::sort(positions.begin(), positions.end());
    return positions;
}

QList<Relation> AnnotationSet::relationsOf(const QString &spanId) const
{
    QList<Relation> result;
    for (const qsizetype position : relationPositionsOf(spanId)) {
        result.append(m_relations.at(position));
    }
    return result;
}

QStringList AnnotationSet::addRelations(const QList<Relation> &relations)
{
    QStringList ids;
    ids.reserve(relations.size());
    bool added = false;
    ensureRelationIndex(); // kept up to date below: one lookup per relation, not a scan
    for (Relation relation : relations) {
        if (!contains(relation.from) || !contains(relation.to)) {
            ids.append(QString());
            continue;
        }
        if (const Relation *held = findRelation(relation.id); held && *held == relation) {
            ids.append(relation.id); // already here: adding it again changes nothing
            continue;
        }
        if (relation.id.isEmpty() || contains(relation.id) || findRelation(relation.id)) {
            relation.id = uniqueId();
        }
        ids.append(relation.id);
        m_relations.append(std::move(relation));
        indexRelation(m_relations.size() - 1);
        added = true;
    }
    if (added) {
        Q_EMIT relationsChanged();
    }
    return ids;
}

QList<Relation> AnnotationSet::removeRelations(const QStringList &ids)
{
    const QSet<QString> wanted(ids.begin(), ids.end());
    QList<Relation> removed;
    QList<Relation> kept;
    for (Relation &relation : m_relations) {
        (wanted.contains(relation.id) ? removed : kept).append(std::move(relation));
    }
    m_relations = std::move(kept);
    dropRelationIndex();
    if (!removed.isEmpty()) {
        Q_EMIT relationsChanged();
    }
    return removed;
}

void AnnotationSet::updateRelations(const QList<Relation> &relations)
{
    bool changed = false;
    for (const Relation &relation : relations) {
        const Relation *found = findRelation(relation.id);
        if (found && *found != relation) {
            m_relations[found - m_relations.constData()] = relation;
            dropRelationIndex(); // its ends may have changed
            changed = true;
        }
    }
    if (changed) {
        Q_EMIT relationsChanged();
    }
}

AnnotationSet::Snapshot AnnotationSet::snapshot() const
{
    auto data = std::make_shared<Snapshot::Data>();
    data->blocks.assign(m_blocks.begin(), m_blocks.end());
    data->alive = m_alive;
    data->size = size();
    data->relations = m_relations;
    Snapshot result;
    result.m_data = std::move(data);
    return result;
}

std::vector<const Annotation *> AnnotationSet::Snapshot::sorted() const
{
    if (!m_data) {
        return {};
    }
    return liveSpansInFileOrder(m_data->blocks, m_data->alive, m_data->size, BlockShift);
}

QList<Annotation> AnnotationSet::Snapshot::toList() const
{
    QList<Annotation> list;
    list.reserve(size());
    for (const Annotation *a : sorted()) {
        list.append(*a);
    }
    return list;
}

QList<Annotation> AnnotationSet::toList() const
{
    QList<Annotation> list;
    list.reserve(size());
    for (const Annotation *a : sorted()) {
        list.append(*a);
    }
    return list;
}

const Annotation *AnnotationSet::firstFrom(CodePoint offset) const
{
    // The first live entry with start >= offset in the tree, then any pending one before it.
    const auto it = std::lower_bound(m_tree.begin(), m_tree.end(), offset.value,
                                     [](const Entry &e, qint64 value) { return e.start < value; });
    std::optional<quint32> best;
    auto consider = [&](quint32 slot) {
        if (m_alive[slot] && spanAt(slot).start >= offset && (!best || lessInOrder(slot, *best))) {
            best = slot;
        }
    };
    for (auto i = it; i != m_tree.end(); ++i) {
        if (best && i->start > spanAt(*best).start.value) {
            break;
        }
        consider(i->slot);
    }
    for (const Entry &e : m_pending) {
        consider(e.slot);
    }
    return best ? &spanAt(*best) : nullptr;
}

const Annotation *AnnotationSet::next(const QString &id) const
{
    const quint32 self = slotOf(id);
    if (self == IdIndex::None) {
        return nullptr;
    }
    const qint64 from = spanAt(self).start.value;
    const auto it = std::lower_bound(m_tree.begin(), m_tree.end(), from,
                                     [](const Entry &e, qint64 value) { return e.start < value; });
    std::optional<quint32> best;
    auto consider = [&](quint32 slot) {
        if (m_alive[slot] && lessInOrder(self, slot) && (!best || lessInOrder(slot, *best))) {
            best = slot;
        }
    };
    for (auto i = it; i != m_tree.end(); ++i) {
        if (best && i->start > spanAt(*best).start.value) {
            break;
        }
        consider(i->slot);
    }
    for (const Entry &e : m_pending) {
        consider(e.slot);
    }
    return best ? &spanAt(*best) : nullptr;
}

const Annotation *AnnotationSet::previous(const QString &id) const
{
    const quint32 self = slotOf(id);
    if (self == IdIndex::None) {
        return nullptr;
    }
    const qint64 from = spanAt(self).start.value;
    auto it = std::upper_bound(m_tree.begin(), m_tree.end(), from,
                               [](qint64 value, const Entry &e) { return value < e.start; });
    std::optional<quint32> best;
    auto consider = [&](quint32 slot) {
        if (m_alive[slot] && lessInOrder(slot, self) && (!best || lessInOrder(*best, slot))) {
            best = slot;
        }
    };
    while (it != m_tree.begin()) {
        --it;
        if (best && it->start < spanAt(*best).start.value) {
            break;
        }
        consider(it->slot);
    }
    for (const Entry &e : m_pending) {
        consider(e.slot);
    }
    return best ? &spanAt(*best) : nullptr;
}

} // namespace Scholiast
