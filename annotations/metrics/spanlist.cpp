// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "spanlist.h"

#include "metrics_p.h"

namespace Scholiast::Metrics {

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
    const int index = Detail::nameIndex(m_labels, m_labelIndex, label);
    m_seen[m_nextSeen++ % m_seen.size()] = {label, index};
    return index;
}

} // namespace Scholiast::Metrics
