// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>

QT_BEGIN_NAMESPACE
class QDockWidget;
class QMainWindow;
class QWidget;
QT_END_NAMESPACE

namespace Scholiast::PaneFocus {

/// The visible docks of `window` in reading order (top to bottom, then left to right); a dock
/// tabbed behind another is not visible.
[[nodiscard]] QList<QDockWidget *> visibleDocks(const QMainWindow *window);

/// F6 (direction 1) and Shift+F6 (-1): moves the focus from the pane holding it to the next
/// one, cyclically, the central area (where `text` takes the focus) first and then the visible
/// docks. A dock gets the focus back where it last had it, else its first focusable widget.
void cycle(QMainWindow *window, QWidget *text, int direction);

} // namespace Scholiast::PaneFocus
