// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "spanlist.h"

namespace Scholiast::Metrics {

namespace {

// Past this many labels a linear scan costs more than hashing the name.
constexpr qsizetype LinearScanLimit = 16;

} // namespace

SpanList::SpanList(const QList<Annotation> &spans)
{
    append(spans);
}

void SpanList::append(const Annotation &span)
{
    int discontinuous = -1;
    if (span.isDiscontinuous()) {
        discontinuous = int(m_discontinuous.size());
        m_discontinuous.append(span);
    }
    m_entries.push_back({span.start.value, span.end.value, labelIndex(span.label), discontinuous});
}

void SpanList::append(const QList<Annotation> &spans)
{
    m_entries.reserve(m_entries.size() + size_t(spans.size()));
    for (const Annotation &span : spans) {
        append(span);
    }
}

void SpanList::clear()
{
    *this = SpanList();
}

int SpanList::labelIndex(const QString &label)
{
    for (const Seen &s : m_seen) {
        if (s.label.constData() == label.constData() && s.label.size() == label.size() && !s.label.isNull()) {
            return s.index;
        }
    }
    int index = -1;
    if (m_labels.size() <= LinearScanLimit) {
        index = int(m_labels.indexOf(label));
    } else {
        index = m_labelIndex.value(label, -1);
    }
    if (index < 0) {
        index = int(m_labels.size());
        m_labels.append(label);
        if (m_labels.size() > LinearScanLimit) {
            if (m_labelIndex.isEmpty()) {
                for (int i = 0; i < int(m_labels.size()); ++i) {
                    m_labelIndex.insert(m_labels.at(i), i);
                }
            } else {
                m_labelIndex.insert(label, index);
            }
        }
    }
    m_seen[m_nextSeen++ % m_seen.size()] = {label, index};
    return index;
}

} // namespace Scholiast::Metrics
