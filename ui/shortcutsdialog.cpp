// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Scholiast {

ShortcutsDialog::ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget)
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    setObjectName(QStringLiteral("ShortcutsDialog"));
    QList<std::pair<QString, QString>> rows;
    for (const QAction *action : actions) {
        const QList<QKeySequence> shortcuts = action->shortcuts();
        if (shortcuts.isEmpty()) {
            continue;
        }
        QStringList keys;
        for (const QKeySequence &shortcut : shortcuts) {
            keys.append(shortcut.toString(QKeySequence::NativeText));
        }
        QString text = action->text();
        text.remove(u'&');
        rows.append({keys.join(QStringLiteral(", ")), text});
    }
    // Keys the text view handles without an action.
    const std::pair<const char *, const char *> viewKeys[] = {
        {QT_TR_NOOP("Arrow keys"), QT_TR_NOOP("Move the caret")},
        {QT_TR_NOOP("Ctrl+Left, Ctrl+Right"), QT_TR_NOOP("Move the caret by a word")},
        {QT_TR_NOOP("Shift+arrow keys"), QT_TR_NOOP("Extend the selection")},
        {QT_TR_NOOP("Shift+click, drag"), QT_TR_NOOP("Select text")},
        {QT_TR_NOOP("Double-click"), QT_TR_NOOP("Select a word")},
        {QT_TR_NOOP("Click a span"), QT_TR_NOOP("Select the span (the innermost one under the pointer)")},
        {QT_TR_NOOP("Drag an end of the selected span"), QT_TR_NOOP("Resize the span")},
        {QT_TR_NOOP("Home, End"), QT_TR_NOOP("Start or end of the line")},
        {QT_TR_NOOP("Ctrl+Home, Ctrl+End"), QT_TR_NOOP("Start or end of the document")},
        {QT_TR_NOOP("Page Up, Page Down"), QT_TR_NOOP("Scroll by a page")},
        {QT_TR_NOOP("Ctrl+A"), QT_TR_NOOP("Select all")},
        {QT_TR_NOOP("Ctrl+C"), QT_TR_NOOP("Copy the selected text")},
        {QT_TR_NOOP("Ctrl+wheel"), QT_TR_NOOP("Zoom")},
        {QT_TR_NOOP("Escape"), QT_TR_NOOP("Clear the selection, then the selected span")},
    };
    for (const auto &[keys, what] : viewKeys) {
        rows.append({tr(keys), tr(what)});
    }
    m_table->setColumnCount(2);
    m_table->setRowCount(int(rows.size()));
    m_table->setHorizontalHeaderLabels({tr("Keys"), tr("Action")});
    for (int row = 0; row < rows.size(); ++row) {
        m_table->setItem(row, 0, new QTableWidgetItem(rows[row].first));
        m_table->setItem(row, 1, new QTableWidgetItem(rows[row].second));
    }
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->resizeColumnToContents(0);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    resize(620, 560);
}

ShortcutsDialog::~ShortcutsDialog() = default;

} // namespace Scholiast
