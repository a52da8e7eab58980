// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: undo commands change their AnnotationSet, so they are pushed, undone and
// redone on the thread the set lives in.
#pragma once

#include "labelschema.h"

#include <QHash>
#include <QUndoCommand>

#include <functional>

namespace Scholiast {

class AnnotationSet;

/// Edits a document's labels as one undo step ("Edit labels"): the schema becomes `after`
/// (labels added, recoloured, reordered, keys changed) and every span of a renamed label takes
/// the new name. Undo puts both back.
class EditLabels : public QUndoCommand
{
public:
    /// Puts a schema in place in whatever holds it (the open document), announcing the change.
    using SchemaSetter = std::function<void(const LabelSchema &)>;

    /// `renames` maps old names to new ones (labels of `before` to labels of `after`); a chain
    /// or a swap (a to b and b to a) is fine, each span is relabelled once from what it was.
    EditLabels(AnnotationSet *set, SchemaSetter setSchema, LabelSchema before, LabelSchema after,
               const QHash<QString, QString> &renames, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

    /// How many spans a rename relabels.
    [[nodiscard]] qsizetype relabelledSpans() const { return m_relabelled; }

private:
    SchemaSetter m_setSchema;
    LabelSchema m_before;
    LabelSchema m_after;
    qsizetype m_relabelled = 0;
};

} // namespace Scholiast
