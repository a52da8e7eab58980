// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "selectionhistory.h"

#include "editing/annotationdocument.h"
#include "annotationview.h"

#include <QUndoStack>

namespace Scholiast {

SelectionHistory::SelectionHistory(AnnotationView *view)
    : QObject(view)
    , m_view(view)
{
    connect(view, &AnnotationView::cursorPositionChanged, this, &SelectionHistory::onViewChanged);
    connect(view, &AnnotationView::selectionChanged, this, &SelectionHistory::onViewChanged);
    connect(view, &AnnotationView::currentSpanChanged, this, &SelectionHistory::onViewChanged);
}

void SelectionHistory::setDocument(AnnotationDocument *document)
{
    if (m_stack) {
        disconnect(m_stack, nullptr, this, nullptr);
    }
    if (m_document) {
        disconnect(m_document->spans(), nullptr, this, nullptr);
    }
    m_document = document;
    m_stack = document ? document->undoStack() : nullptr;
    m_steps.clear();
    m_index = 0;
    m_stepAwaitingAfter = -1;
    m_current = capture();
    if (!m_stack) {
        return;
    }
    m_index = m_stack->index();
    for (int i = 0; i < m_stack->count(); ++i) {
        m_steps.push_back({m_stack->command(i), {}, {}});
    }
    connect(m_stack, &QUndoStack::indexChanged, this, &SelectionHistory::onIndexChanged);
    // While spans are removed or reset, the view drops a current span that goes: that is not
    // where the user was, so it must not become the state "before" the step.
    const auto freeze = [this] {
        m_frozen = true;
        settle();
    };
    connect(document->spans(), &AnnotationSet::spansAboutToBeRemoved, this, freeze);
    connect(document->spans(), &AnnotationSet::aboutToReset, this, freeze);
}

void SelectionHistory::onViewChanged()
{
    if (!m_frozen && !m_restoring) {
        m_current = capture();
    }
    settle();
}

void SelectionHistory::settle()
{
    if (!m_settlePending) {
        m_settlePending = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_settlePending = false;
                m_frozen = false;
                m_current = capture();
                if (m_stepAwaitingAfter >= 0 && size_t(m_stepAwaitingAfter) < m_steps.size()) {
                    m_steps[size_t(m_stepAwaitingAfter)].after = m_current;
                }
                m_stepAwaitingAfter = -1;
            },
            Qt::QueuedConnection);
    }
}

void SelectionHistory::onIndexChanged(int index)
{
    const int count = m_stack->count();
    const int old = m_index;
    m_index = index;
    const bool pushed = index > 0 && index >= old
        && (size_t(index - 1) >= m_steps.size() || m_steps[size_t(index - 1)].command != m_stack->command(index - 1)
            || index == old);
    if (pushed) {
        // A new step (or one merged into the top step, a drag): whatever was above it is gone.
        m_steps.resize(size_t(count));
        Step &step = m_steps[size_t(index - 1)];
        if (step.command != m_stack->command(index - 1) || !step.before.known) {
            step = {m_stack->command(index - 1), m_current, {}};
        }
        m_stepAwaitingAfter = index - 1; // taken when the window is done with the step
        settle();
        return;
    }
    m_stepAwaitingAfter = -1;
    // Undo to `index` restores the state before the step at `index`; redo to `index` the state
    // after the step below it.
    const ViewState *state = nullptr;
    if (index < old && size_t(index) < m_steps.size()) {
        state = &m_steps[size_t(index)].before;
    } else if (index > old && index > 0 && size_t(index - 1) < m_steps.size()) {
        state = &m_steps[size_t(index - 1)].after;
    }
    if (state && state->known) {
        restore(*state);
    }
}

SelectionHistory::ViewState SelectionHistory::capture() const
{
    return {m_view->anchorPosition(), m_view->cursorPosition(), m_view->currentSpan(), true};
}

void SelectionHistory::restore(const ViewState &state)
{
    m_restoring = true;
    m_view->setSelection(state.anchor, state.cursor);
    // A span the undo removed is no longer there to be current.
    const AnnotationDocument *document = m_view->document();
    const bool exists = document && !state.currentSpan.isEmpty() && document->spans()->find(state.currentSpan);
    m_view->setCurrentSpan(exists ? state.currentSpan : QString());
    m_view->ensureVisible(state.cursor);
    m_restoring = false;
    m_current = state;
}

} // namespace Scholiast
