// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QList>

QT_BEGIN_NAMESPACE
class QAction;
class QTableWidget;
QT_END_NAMESPACE

namespace Scholiast {

/// The keyboard shortcuts page (F1): every action with a shortcut, and the keys the text view
/// handles itself.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortcutsDialog)

public:
    explicit ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent = nullptr);
    ~ShortcutsDialog() override;

    [[nodiscard]] QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};

} // namespace Scholiast
