// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QList>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QAction;
class QLineEdit;
class QListWidget;
QT_END_NAMESPACE

namespace Scholiast {

/// The command palette (Ctrl+Shift+P): a fuzzy filter over the window's actions, the labels'
/// "Tag as" actions included; Enter triggers the chosen one.
class CommandPalette : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandPalette)

public:
    explicit CommandPalette(QWidget *parent = nullptr);
    ~CommandPalette() override;

    void setActions(const QList<QAction *> &actions);
    /// Shows the palette with an empty filter over the enabled actions.
    void popup();
    void setFilter(const QString &text);
    [[nodiscard]] QStringList visibleEntries() const;

    /// A fuzzy match score: every character of `pattern` in order in `text` (case-insensitive),
    /// higher for matches at word starts and in runs; -1 when not a match.
    [[nodiscard]] static int fuzzyScore(const QString &pattern, const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refill();
    void triggerCurrent();

    QList<QPointer<QAction>> m_actions;
    QLineEdit *m_filter;
    QListWidget *m_list;
};

} // namespace Scholiast
