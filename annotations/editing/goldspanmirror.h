// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: a GoldSpanMirror belongs to one thread (the GUI thread in the window). A
// Snapshot is immutable: copies of it may be read on any thread while the mirror goes on changing.
#pragma once

#include "annotation.h"
#include "relation.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace Scholiast {

class AnnotationSet;

/// What the metrics read of the open document's spans, kept up to date edit by edit so that a
/// computation can start from a snapshot that costs O(n / ChunkSize) to take instead of copying
/// and sorting every span on the GUI thread (issue 17). Holds only gold spans (docs/FORMAT.md
/// §6.5: accepted, or without a status), as start, end, label and a discontinuous span's
/// fragments: the metrics need no more.
///
/// The records are sorted and cut into chunks shared with snapshots; a change copies the one
/// chunk it touches (O(ChunkSize + n / ChunkSize)), never the whole set.
class GoldSpanMirror
{
public:
    static constexpr size_t ChunkSize = 1024;

    struct Record
    {
        qint64 start;
        qint64 end;
        int label; // index in the mirror's label names
        int pieces; // 0, or the index of a discontinuous span's fragments in the mirror's list
        friend auto operator<=>(const Record &, const Record &) = default;
    };
    using Chunk = std::vector<Record>;

    /// The gold spans at one moment.
    class Snapshot
    {
    public:
        [[nodiscard]] qsizetype size() const;
        /// The spans as the metrics take them: start, end, label and fragments only, ordered by
        /// (start, end, label), no ids.
        [[nodiscard]] QList<Annotation> spans() const;

    private:
        friend class GoldSpanMirror;
        std::vector<std::shared_ptr<const Chunk>> m_chunks;
        QStringList m_labels;
        QList<QList<Fragment>> m_pieces;
    };

    /// Replaces everything with the gold spans of `spans`: O(n log n), for a new document or a reset.
    void reset(const AnnotationSet &spans);
    void clear();
    /// Adds or removes one span; spans that are not gold are ignored.
    void insert(const Annotation &span);
    /// False when the span, being gold, was not held: the mirror no longer follows the set.
    [[nodiscard]] bool erase(const Annotation &span);
    [[nodiscard]] qsizetype size() const { return m_size; }
    [[nodiscard]] Snapshot snapshot() const;
    /// Whether the mirror holds this span: accepted, or without a status.
    [[nodiscard]] static bool isGold(const Annotation &span);
    /// The gold spans the relations of `set` join, each once, with their ids: what the relation
    /// metrics need of a set beside the mirror's snapshot, which has no ids. O(relations).
    [[nodiscard]] static QList<Annotation> relationEnds(const AnnotationSet &set);
    /// The relations of `set` that are gold: not pending suggestions (docs/FORMAT.md §6.8).
    [[nodiscard]] static QList<Relation> goldRelations(const AnnotationSet &set);

private:
    [[nodiscard]] Record record(const Annotation &span);
    // The first chunk whose last record is not less than `r` (or the last chunk).
    [[nodiscard]] size_t chunkFor(const Record &r) const;

    std::vector<std::shared_ptr<const Chunk>> m_chunks; // each sorted and non-empty, in order
    QStringList m_labels;
    QHash<QString, int> m_labelIndex;
    // Discontinuous spans' fragments, each list once; index 0 is the contiguous spans' none.
    QList<QList<Fragment>> m_pieces{QList<Fragment>()};
    std::map<std::vector<std::pair<qint64, qint64>>, int> m_piecesIndex;
    qsizetype m_size = 0;
};

} // namespace Scholiast
