// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "panefocus.h"

#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>

#include <algorithm>

namespace Scholiast::PaneFocus {

namespace {

bool accepts(const QWidget *widget)
{
    return widget->isVisible() && widget->isEnabled() && (widget->focusPolicy() & Qt::TabFocus);
}

// Where the focus goes in a dock: where it was last, else the first widget Tab would reach.
QWidget *focusTarget(QDockWidget *dock)
{
    QWidget *content = dock->widget();
    if (!content) {
        return dock;
    }
    if (QWidget *last = content->focusWidget(); last && accepts(last) && content->isAncestorOf(last)) {
        return last;
    }
    if (accepts(content)) {
        return content;
    }
    for (QWidget *next = content->nextInFocusChain(); next && next != content; next = next->nextInFocusChain()) {
        if (content->isAncestorOf(next) && accepts(next)) {
            return next;
        }
    }
    return content;
}

} // namespace

QList<QDockWidget *> visibleDocks(const QMainWindow *window)
{
    QList<QDockWidget *> docks;
    const auto all = window->findChildren<QDockWidget *>();
    for (QDockWidget *dock : all) {
        if (dock->isVisible()) {
            docks.append(dock);
        }
    }
    std::stable_sort(docks.begin(), docks.end(), [](const QDockWidget *a, const QDockWidget *b) {
        const QPoint pa = a->mapToGlobal(QPoint(0, 0));
        const QPoint pb = b->mapToGlobal(QPoint(0, 0));
        return pa.y() != pb.y() ? pa.y() < pb.y() : pa.x() < pb.x();
    });
    return docks;
}

void cycle(QMainWindow *window, QWidget *text, int direction)
{
    const QList<QDockWidget *> docks = visibleDocks(window);
    const int panes = int(docks.size()) + 1; // the central area is pane 0
    int current = 0;
    if (const QWidget *focus = QApplication::focusWidget()) {
        for (int i = 0; i < docks.size(); ++i) {
            if (docks[i] == focus || docks[i]->isAncestorOf(focus)) {
                current = i + 1;
            }
        }
    }
    const int next = ((current + direction) % panes + panes) % panes;
    if (next == 0) {
        text->setFocus(Qt::OtherFocusReason);
    } else {
        QDockWidget *dock = docks[next - 1];
        dock->raise();
        focusTarget(dock)->setFocus(Qt::OtherFocusReason);
    }
}

} // namespace Scholiast::PaneFocus
