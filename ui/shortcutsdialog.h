// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QList>

QT_BEGIN_NAMESPACE
class QAction;
class QLineEdit;
class QMenuBar;
class QTreeWidget;
QT_END_NAMESPACE

namespace Scholiast {

/// The keyboard shortcuts page (F1): every action with a shortcut, grouped by the menu it is
/// in, by its stable name, with a filter; then the keys the text view handles itself.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortcutsDialog)

public:
    /// `menuBar` gives the groups, in its order; `actions` with a shortcut in none of its menus
    /// are listed under "Other".
    ShortcutsDialog(const QMenuBar *menuBar, const QList<QAction *> &actions, QWidget *parent = nullptr);
    ~ShortcutsDialog() override;

    /// One row per action under one top-level item per group.
    [[nodiscard]] QTreeWidget *tree() const { return m_tree; }
    [[nodiscard]] QLineEdit *filter() const { return m_filter; }
    /// Shows the rows whose name or keys contain `text` (case-insensitive), and their groups.
    void setFilter(const QString &text);

    /// The name an action is listed by: the one set with setStableName(), else its text
    /// without the mnemonic and the trailing ellipsis.
    [[nodiscard]] static QString actionName(const QAction *action);
    /// Names an action whose text changes as it is used (Undo says what it undoes).
    static void setStableName(QAction *action, const QString &name);

private:
    QLineEdit *m_filter;
    QTreeWidget *m_tree;
};

} // namespace Scholiast
