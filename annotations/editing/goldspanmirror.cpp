// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "goldspanmirror.h"

#include "annotationset.h"
#include "formats/writecheck.h"

#include <QSet>

#include <algorithm>

namespace Scholiast {

qsizetype GoldSpanMirror::Snapshot::size() const
{
    qsizetype n = 0;
    for (const auto &chunk : m_chunks) {
        n += qsizetype(chunk->size());
    }
    return n;
}

QList<Annotation> GoldSpanMirror::Snapshot::spans() const
{
    QList<Annotation> out;
    out.reserve(size());
    for (const auto &chunk : m_chunks) {
        for (const Record &r : *chunk) {
            out.append(Annotation(CodePoint(r.start), CodePoint(r.end), m_labels.at(r.label)));
            if (r.pieces > 0) {
                out.back().setFragments(m_pieces.at(r.pieces));
            }
        }
    }
    return out;
}

bool GoldSpanMirror::isGold(const Annotation &span)
{
    return Interchange::StatusFilter().includes(span);
}

QList<Annotation> GoldSpanMirror::relationEnds(const AnnotationSet &set)
{
    QList<Annotation> ends;
    QSet<QString> seen;
    for (const Relation &relation : set.relations()) {
        if (relation.isPending()) {
            continue;
        }
        for (const QString &id : {relation.from, relation.to}) {
            const Annotation *span = set.find(id);
            if (span && isGold(*span) && !seen.contains(id)) {
                seen.insert(id);
                ends.append(*span);
            }
        }
    }
    return ends;
}

QList<Relation> GoldSpanMirror::goldRelations(const AnnotationSet &set)
{
    QList<Relation> gold = set.relations();
    gold.removeIf([](const Relation &relation) { return relation.isPending(); });
    return gold;
}

GoldSpanMirror::Record GoldSpanMirror::record(const Annotation &span)
{
    int pieces = 0;
    if (span.isDiscontinuous()) {
        const QList<Fragment> fragments = span.fragments();
        std::vector<std::pair<qint64, qint64>> key;
        key.reserve(size_t(fragments.size()));
        for (const Fragment &f : fragments) {
            key.emplace_back(f.start.value, f.end.value);
        }
        const auto [at, added] = m_piecesIndex.try_emplace(std::move(key), int(m_pieces.size()));
        if (added) {
            m_pieces.append(fragments);
        }
        pieces = at->second;
    }
    const auto it = m_labelIndex.constFind(span.label);
    if (it != m_labelIndex.constEnd()) {
        return {span.start.value, span.end.value, *it, pieces};
    }
    const int label = int(m_labels.size());
    m_labels.append(span.label);
    m_labelIndex.insert(span.label, label);
    return {span.start.value, span.end.value, label, pieces};
}

void GoldSpanMirror::reset(const AnnotationSet &spans)
{
    clear();
    Chunk records;
    records.reserve(size_t(spans.size()));
    for (const Annotation *span : spans.sorted()) {
        if (isGold(*span)) {
            records.push_back(record(*span));
        }
    }
    // File order sorts labels by name, the mirror by index: equal ranges may need reordering.
    std::sort(records.begin(), records.end());
    for (size_t i = 0; i < records.size(); i += ChunkSize) {
        const size_t end = std::min(records.size(), i + ChunkSize);
        m_chunks.push_back(
            std::make_shared<const Chunk>(records.begin() + qsizetype(i), records.begin() + qsizetype(end)));
    }
    m_size = qsizetype(records.size());
}

void GoldSpanMirror::clear()
{
    m_chunks.clear();
    m_labels.clear();
    m_labelIndex.clear();
    m_pieces = {QList<Fragment>()};
    m_piecesIndex.clear();
    m_size = 0;
}

size_t GoldSpanMirror::chunkFor(const Record &r) const
{
    const auto it =
        std::lower_bound(m_chunks.begin(), m_chunks.end(), r,
                         [](const std::shared_ptr<const Chunk> &c, const Record &value) { return c->back() < value; });
    return it == m_chunks.end() ? m_chunks.size() - 1 : size_t(it - m_chunks.begin());
}

void GoldSpanMirror::insert(const Annotation &span)
{
    if (!isGold(span)) {
        return;
    }
    const Record r = record(span);
    ++m_size;
    if (m_chunks.empty()) {
        m_chunks.push_back(std::make_shared<const Chunk>(Chunk{r}));
        return;
    }
    const size_t index = chunkFor(r);
    Chunk chunk = *m_chunks[index]; // snapshots keep the old one
    chunk.insert(std::lower_bound(chunk.begin(), chunk.end(), r), r);
    if (chunk.size() < 2 * ChunkSize) {
        m_chunks[index] = std::make_shared<const Chunk>(std::move(chunk));
        return;
    }
    const auto middle = chunk.begin() + qsizetype(ChunkSize);
    m_chunks[index] = std::make_shared<const Chunk>(chunk.begin(), middle);
    m_chunks.insert(m_chunks.begin() + qsizetype(index) + 1, std::make_shared<const Chunk>(middle, chunk.end()));
}

bool GoldSpanMirror::erase(const Annotation &span)
{
    if (!isGold(span)) {
        return true;
    }
    if (m_chunks.empty()) {
        return false;
    }
    const Record r = record(span);
    const size_t index = chunkFor(r);
    Chunk chunk = *m_chunks[index];
    const auto it = std::lower_bound(chunk.begin(), chunk.end(), r);
    if (it == chunk.end() || *it != r) {
        return false;
    }
    chunk.erase(it);
    --m_size;
    if (chunk.empty()) {
        m_chunks.erase(m_chunks.begin() + qsizetype(index));
    } else {
        m_chunks[index] = std::make_shared<const Chunk>(std::move(chunk));
    }
    return true;
}

GoldSpanMirror::Snapshot GoldSpanMirror::snapshot() const
{
    Snapshot snapshot;
    snapshot.m_chunks = m_chunks;
    snapshot.m_labels = m_labels;
    snapshot.m_pieces = m_pieces;
    return snapshot;
}

} // namespace Scholiast
