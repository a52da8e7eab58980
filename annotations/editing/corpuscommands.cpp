// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "corpuscommands.h"

#include "annotationdocument.h"

#include <QCoreApplication>

#include <utility>

namespace Scholiast {

SetCorpusStatus::SetCorpusStatus(AnnotationDocument *document, Corpus::Status status)
    : m_document(document)
    , m_fields(document->sidecarFields())
{
    m_fields.insert(Corpus::statusKey(), Corpus::statusName(status));
    setText(QCoreApplication::translate("SetCorpusStatus", "Mark document as %1")
                .arg(Corpus::statusTitle(status).toLower()));
}

void SetCorpusStatus::swap()
{
    if (m_document) {
        const QJsonObject next = std::exchange(m_fields, m_document->sidecarFields());
        m_document->setSidecarFields(next);
    }
}

} // namespace Scholiast
