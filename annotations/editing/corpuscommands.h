// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: undo commands change their AnnotationSet, so they are pushed, undone and
// redone on the thread the set lives in.
#pragma once

#include "corpus.h"

#include <QJsonObject>
#include <QPointer>
#include <QUndoCommand>

namespace Scholiast {

class AnnotationDocument;

/// Sets the open document's corpus status (the sidecar's top-level `corpus_status`, docs/FORMAT.md
/// §19) as one undo step; saved with the spans. Undo and redo are the same swap.
class SetCorpusStatus : public QUndoCommand
{
public:
    SetCorpusStatus(AnnotationDocument *document, Corpus::Status status);

    void undo() override { swap(); }
    void redo() override { swap(); }

private:
    void swap();

    QPointer<AnnotationDocument> m_document;
    QJsonObject m_fields; // the sidecar fields to put in place on the next swap
};

} // namespace Scholiast
