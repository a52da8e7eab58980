// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: AnnotationSet is a QObject of one thread, changed only there. Its const
// queries change nothing and may run on other threads while no change is made. A Snapshot is an
// immutable value: it may be read on any thread, whatever happens to the set meanwhile.
#pragma once

#include "annotation.h"
#include "idindex.h"
#include "relation.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>

#include <array>
#include <memory>
#include <vector>

namespace Scholiast {

/// The spans of one document, with an interval index: "spans overlapping [a, b)" costs
/// O(log n + k). Overlapping and nested spans are allowed. Spans are referred to by id.
///
/// Pointers returned by queries stay valid until the next change to the set.
///
/// The spans are held in fixed-size blocks shared copy-on-write with snapshots: snapshot() costs
/// one pointer per block, and the next change copies only the blocks it touches (issue 17).
class AnnotationSet : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnnotationSet)

    static constexpr quint32 BlockShift = 10;
    static constexpr quint32 BlockSize = 1U << BlockShift;
    struct Block
    {
        std::array<Annotation, BlockSize> spans;
    };

public:
    /// The spans of a set at one moment: an immutable value, cheap to take and to copy, that
    /// shares the set's storage until the set changes. Reentrant and safe to read on any thread
    /// while the set goes on changing on its own (save and autosave write one on a worker).
    class Snapshot
    {
    public:
        Snapshot() = default;

        [[nodiscard]] qsizetype size() const { return m_data ? m_data->size : 0; }
        [[nodiscard]] bool isEmpty() const { return size() == 0; }
        /// Every span, ordered by (start, end, label, id) as AnnotationSet::sorted(): O(n log n).
        /// The pointers stay valid while this snapshot, or a copy of it, lives.
        [[nodiscard]] std::vector<const Annotation *> sorted() const;
        /// Copies of every span, in the same order.
        [[nodiscard]] QList<Annotation> toList() const;
        /// The relations, in the order the set holds them.
        [[nodiscard]] QList<Relation> relations() const { return m_data ? m_data->relations : QList<Relation>(); }

    private:
        friend class AnnotationSet;
        struct Data
        {
            std::vector<std::shared_ptr<const Block>> blocks;
            std::vector<bool> alive;
            qsizetype size = 0;
            QList<Relation> relations;
        };
        std::shared_ptr<const Data> m_data;
    };

    explicit AnnotationSet(QObject *parent = nullptr);
    ~AnnotationSet() override;

    [[nodiscard]] qsizetype size() const { return m_idToSlot.size(); }
    [[nodiscard]] bool isEmpty() const { return m_idToSlot.isEmpty(); }
    [[nodiscard]] bool contains(const QString &id) const { return slotOf(id) != IdIndex::None; }
    /// The span with this id, or nullptr.
    [[nodiscard]] const Annotation *find(const QString &id) const;

    /// Adds spans; a span with an empty id, or an id already in the set, gets a new unique id.
    /// Returns the ids, in the order given, and emits spansAdded once.
    QStringList add(const QList<Annotation> &spans);
    QString add(const Annotation &span);
    /// Removes spans by id (unknown ids are ignored), and with them every relation that starts
    /// or ends at one, which go to `removedRelations` when given (to be added back on undo);
    /// emits spansAboutToBeRemoved, then spansRemoved with the removed values. Returns the
    /// removed spans.
    QList<Annotation> remove(const QStringList &ids, QList<Relation> *removedRelations = nullptr);
    /// Replaces spans that have the same id (unknown ids are ignored); emits spansChanged with
    /// the values before the change.
    void update(const QList<Annotation> &spans);
    /// Replaces every span and relation at once (loading a file); emits aboutToReset and reset.
    /// Relations whose ends are not among `spans` are left out, as addRelations() does.
    void reset(const QList<Annotation> &spans, const QList<Relation> &relations = {});
    /// The same, moving the spans out of `spans` when no other list shares them; `spans` is left
    /// empty.
    void reset(QList<Annotation> &&spans, const QList<Relation> &relations = {});
    void clear() { reset({}); }
    /// reset() in steps, for spans that arrive in batches while a file is read (issue 17: the
    /// window's loader fills the set as the sidecar is read, not after). beginFilling() emits
    /// aboutToReset and empties the set; fill() adds a batch as reset() adds spans, moving them
    /// out of a list no other shares, and emits nothing; endFilling() indexes the spans, adds the
    /// relations and emits wasReset. Nothing else is called on the set in between.
    void beginFilling();
    /// Room for about `spans` spans in all while filling: a size hint (a read's estimate from the
    /// file's size), so that the id table and the index are not grown and copied step by step.
    void reserveForFilling(qsizetype spans);
    /// Returns how many of the batch's spans had an id the set held already (they get new ids,
    /// as with reset()): a read that hands spans over leaves finding repeated ids to the set.
    qsizetype fill(QList<Annotation> &&spans);
    void endFilling(const QList<Relation> &relations = {});

    /// Spans with start < `end` and `start` < span end, ordered by (start, end, id).
    [[nodiscard]] std::vector<const Annotation *> overlapping(CodePoint start, CodePoint end) const;
    /// Spans that contain the code point at `offset`.
    [[nodiscard]] std::vector<const Annotation *> at(CodePoint offset) const { return overlapping(offset, offset + 1); }
    /// Every span, ordered by (start, end, label, id): the order files are written in.
    [[nodiscard]] std::vector<const Annotation *> sorted() const;
    [[nodiscard]] QList<Annotation> toList() const;
    /// The spans as they are now, to read elsewhere (a worker thread) while the set changes:
    /// O(n / 1024) here, the sorting and copying left to whoever reads it.
    [[nodiscard]] Snapshot snapshot() const;
    /// The span after / before `id` in (start, end, id) order, or nullptr at either end.
    [[nodiscard]] const Annotation *next(const QString &id) const;
    [[nodiscard]] const Annotation *previous(const QString &id) const;
    /// The first span at or after the code point `offset`, in (start, end, id) order.
    [[nodiscard]] const Annotation *firstFrom(CodePoint offset) const;

    /// The relations between the spans (docs/FORMAT.md §6.8), in the order they were added.
    [[nodiscard]] const QList<Relation> &relations() const { return m_relations; }
    [[nodiscard]] const Relation *findRelation(const QString &id) const;
    /// The relations that start or end at the span `spanId`.
    [[nodiscard]] QList<Relation> relationsOf(const QString &spanId) const;
    /// Where in relations() the relations that start or end at `spanId` are, in ascending order.
    [[nodiscard]] QList<qsizetype> relationPositionsOf(const QString &spanId) const;
    /// Adds relations; one with an empty id, or an id a span or relation has, gets a new unique
    /// id. A relation whose ends are not both spans of the set is not added (its id is returned
    /// empty). Returns the ids in the order given; emits relationsChanged once.
    QStringList addRelations(const QList<Relation> &relations);
    /// Removes relations by id (unknown ids are ignored); returns them, emits relationsChanged.
    QList<Relation> removeRelations(const QStringList &ids);
    /// Replaces relations that have the same id (unknown ids are ignored); emits relationsChanged.
    void updateRelations(const QList<Relation> &relations);

    /// A short id not used in the set, by a span or a relation.
    [[nodiscard]] QString uniqueId() const;

    /// How many spans have this status (Unset for a span without one): O(1), kept up to date on
    /// every change, so that a count after an edit never walks the set (issue 17).
    [[nodiscard]] qsizetype count(Annotation::Status status) const { return m_statusCounts[size_t(status)]; }
    /// How many spans have this label: O(1), kept up to date on every change.
    [[nodiscard]] qsizetype countOfLabel(const QString &label) const { return m_labelCounts.value(label); }
    /// Every label some span has, with how many have it (no label with none).
    [[nodiscard]] const QHash<QString, qsizetype> &labelCounts() const { return m_labelCounts; }

Q_SIGNALS:
    void spansAdded(const QStringList &ids);
    void spansAboutToBeRemoved(const QStringList &ids);
    void spansRemoved(const QList<Annotation> &removed);
    void spansChanged(const QList<Annotation> &before);
    void aboutToReset();
    void wasReset();
    /// Relations were added, removed or changed (also when spans they join were removed).
    void relationsChanged();

private:
    // Raw code point values: the index is private, and the conversion happens at the API.
    struct Entry
    {
        qint64 start;
        qint64 end;
        qint64 maxEnd; // the largest end in this node's subtree of the implicit tree
        quint32 slot;
    };

    /// Without `countLabel`, the caller counts the span's label (fill(), a batch at a time).
    /// `idTaken`, when given, is set when the span's id was another span's.
    quint32 store(Annotation span, bool countLabel = true, bool *idTaken = nullptr);
    void release(quint32 slot);
    void scheduleIndex(quint32 slot);
    void rebuildIndex();
    void collect(qint64 start, qint64 end, std::vector<quint32> &out) const;
    [[nodiscard]] bool lessInOrder(quint32 a, quint32 b) const;
    void countSpan(const Annotation &span, qsizetype delta);
    void countLabel(const QString &label, qsizetype delta);
    [[nodiscard]] const Annotation &spanAt(quint32 slot) const
    {
        return m_blocks[slot >> BlockShift]->spans[slot & (BlockSize - 1)];
    }
    [[nodiscard]] Annotation &mutableSpanAt(quint32 slot);
    [[nodiscard]] auto idAt() const
    {
        return [this](quint32 slot) { return QStringView(spanAt(slot).id); };
    }
    /// The slot of the span with this id, or IdIndex::None.
    [[nodiscard]] quint32 slotOf(const QString &id) const { return m_idToSlot.find(id, idAt()); }
    class BlockMaker;
    // While a large set is filled (reserveForFilling()): the blocks it will need, made ahead on a
    // thread of its own.
    std::unique_ptr<BlockMaker> m_blockMaker;

    // Slot i is m_blocks[i / BlockSize]->spans[i % BlockSize]; a block a snapshot shares is
    // copied before it is changed (mutableSpanAt).
    std::vector<std::shared_ptr<Block>> m_blocks;
    quint32 m_slotCount = 0;
    std::vector<bool> m_alive;
    std::vector<quint32> m_freeSlots; // dead slots no index entry refers to any more
    std::vector<quint32> m_deadSlots; // dead slots the index may still refer to
    IdIndex m_idToSlot;
    std::vector<Entry> m_tree; // sorted by start: an implicit augmented interval tree
    int m_treeLevels = -1;
    std::vector<Entry> m_pending; // added since the last rebuild, scanned linearly
    std::array<qsizetype, 5> m_statusCounts{}; // by Annotation::Status
    QHash<QString, qsizetype> m_labelCounts;
    void indexRelation(qsizetype position) const;
    void ensureRelationIndex() const;
    void dropRelationIndex() const { m_relationIndexValid = false; }

    QList<Relation> m_relations;
    // Where each relation is in m_relations, by its id and by the ids of its two spans: built on
    // the first lookup after a change, so that a page of arcs or an edit does not scan them all.
    mutable QHash<QString, qsizetype> m_relationById;
    mutable QMultiHash<QString, qsizetype> m_relationsBySpan;
    mutable bool m_relationIndexValid = false;
};

} // namespace Scholiast
