// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "offsets.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <vector>

QT_BEGIN_NAMESPACE
class QUndoCommand;
class QUndoStack;
QT_END_NAMESPACE

namespace Scholiast {

class AnnotationDocument;
class AnnotationView;

/// Makes undo and redo put the selection back (STYLE §5, as KTextEditor's undo groups keep cursor
/// and selection): for each step on the document's undo stack it keeps the view's selection and
/// current span from just before the step and from when the step was done (the event loop's next
/// turn, after the window has moved the caret); undo restores the first, redo the second. The
/// commands themselves stay free of view state.
class SelectionHistory : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SelectionHistory)

public:
    explicit SelectionHistory(AnnotationView *view);

    /// Follows a document's undo stack (nullptr: none); forgets what it knew of the last one.
    void setDocument(AnnotationDocument *document);

private:
    struct ViewState
    {
        CodePoint anchor{0};
        CodePoint cursor{0};
        QString currentSpan;
        bool known = false;
    };
    struct Step
    {
        const QUndoCommand *command = nullptr;
        ViewState before;
        ViewState after;
    };

    void onViewChanged();
    void onIndexChanged(int index);
    void settle();
    [[nodiscard]] ViewState capture() const;
    void restore(const ViewState &state);

    AnnotationView *m_view;
    QPointer<AnnotationDocument> m_document;
    QPointer<QUndoStack> m_stack;
    std::vector<Step> m_steps; // m_steps[i]: the command at stack index i
    int m_index = 0;
    ViewState m_current; // the view as the user left it, updated as it changes
    int m_stepAwaitingAfter = -1;
    bool m_settlePending = false;
    bool m_frozen = false; // inside a change of the spans: the view's echoes are not the user's
    bool m_restoring = false;
};

} // namespace Scholiast
