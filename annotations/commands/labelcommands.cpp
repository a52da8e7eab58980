// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "labelcommands.h"

#include "annotationset.h"
#include "spancommands.h"

#include <QCoreApplication>
#include <QDateTime>

#include <utility>

namespace Scholiast {

EditLabels::EditLabels(AnnotationSet *set, SchemaSetter setSchema, LabelSchema before, LabelSchema after,
                       const QHash<QString, QString> &renames, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_setSchema(std::move(setSchema))
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(QCoreApplication::translate("LabelCommands", "Edit labels"));
    QList<Annotation> relabelled;
    if (!renames.isEmpty()) {
        // A rename is rare and touches every span of the label: one walk over the spans is fine.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const Annotation *span : set->sorted()) {
            const auto to = renames.constFind(span->label);
            if (to != renames.constEnd() && *to != span->label) {
                Annotation copy = *span;
                copy.label = *to;
                copy.setModified(now);
                relabelled.append(copy);
            }
        }
    }
    m_relabelled = relabelled.size();
    if (!relabelled.isEmpty()) {
        // A child: QUndoCommand's own redo() and undo() run it after (before) the schema swap.
        new ChangeSpans(set, relabelled, text(), this);
    }
}

void EditLabels::redo()
{
    // The schema first, so that the relabelled spans find their label when announced.
    m_setSchema(m_after);
    QUndoCommand::redo();
}

void EditLabels::undo()
{
    m_setSchema(m_before);
    QUndoCommand::undo();
}

} // namespace Scholiast
