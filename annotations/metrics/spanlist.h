// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: SpanList is a value type, reentrant: each copy may be used on any thread.
#pragma once

#include "annotation.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <vector>

namespace Scholiast::Metrics {

/// Spans as the span metrics read them (SpanScores, CodePointAgreement): each span's range and
/// label in 24 bytes, and a discontinuous span whole, for its fragments. A million spans of a
/// large sidecar are gathered here a batch at a time while the file is read, instead of being
/// held as Annotations (112 bytes and a string each) to the end (issue 17, `scholiast-cli agree`).
/// The spans keep the order they were appended in: a metric breaks ties by it, as by a list's.
class SpanList
{
public:
    struct Entry
    {
        qint64 start;
        qint64 end;
        int label; ///< index into labels()
        int discontinuous; ///< index into discontinuous(), or -1 for a contiguous span
    };

    SpanList() = default;
    explicit SpanList(const QList<Annotation> &spans);

    void append(const Annotation &span);
    void append(const QList<Annotation> &spans);
    void reserve(qsizetype spans) { m_entries.reserve(size_t(spans)); }
    void clear();

    [[nodiscard]] qsizetype size() const { return qsizetype(m_entries.size()); }
    [[nodiscard]] bool isEmpty() const { return m_entries.empty(); }
    [[nodiscard]] const std::vector<Entry> &entries() const { return m_entries; }
    /// The labels of the spans, in the order they first occur.
    [[nodiscard]] const QStringList &labels() const { return m_labels; }
    /// The discontinuous spans, as Entry::discontinuous numbers them.
    [[nodiscard]] const QList<Annotation> &discontinuous() const { return m_discontinuous; }

private:
    int labelIndex(const QString &label);

    std::vector<Entry> m_entries;
    QStringList m_labels;
    QHash<QString, int> m_labelIndex; // once there are too many labels for a linear scan (Detail::nameIndex)
    QList<Annotation> m_discontinuous;
    // The label strings seen last, held (so that their data cannot be freed and reused for
    // another label) and found by their data: a read interns labels, so a batch's spans share a
    // few strings, and a label is compared as text once per string, not once per span.
    struct Seen
    {
        QString label;
        int index = 0;
    };
    std::array<Seen, 8> m_seen{};
    size_t m_nextSeen = 0;
};

} // namespace Scholiast::Metrics
