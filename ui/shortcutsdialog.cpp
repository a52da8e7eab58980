// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <functional>

namespace Scholiast {

namespace {

const char *const StableNameProperty = "scholiastStableName";

QString keysText(const QAction *action)
{
    QStringList keys;
    for (const QKeySequence &shortcut : action->shortcuts()) {
        keys.append(shortcut.toString(QKeySequence::NativeText));
    }
    return keys.join(QStringLiteral(", "));
}

QString plainTitle(QString title)
{
    return title.remove(u'&');
}

} // namespace

QString ShortcutsDialog::actionName(const QAction *action)
{
    const QString stable = action->property(StableNameProperty).toString();
    if (!stable.isEmpty()) {
        return stable;
    }
    QString text = plainTitle(action->text());
    if (text.endsWith(u'…')) {
        text.chop(1);
    } else if (text.endsWith(QStringLiteral("..."))) {
        text.chop(3);
    }
    return text;
}

void ShortcutsDialog::setStableName(QAction *action, const QString &name)
{
    action->setProperty(StableNameProperty, plainTitle(name));
}

ShortcutsDialog::ShortcutsDialog(const QMenuBar *menuBar, const QList<QAction *> &actions, QWidget *parent)
    : QDialog(parent)
    , m_filter(new QLineEdit)
    , m_tree(new QTreeWidget)
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    setObjectName(QStringLiteral("ShortcutsDialog"));
    m_filter->setObjectName(QStringLiteral("ShortcutsFilter"));
    m_filter->setPlaceholderText(tr("Filter by action or key"));
    m_filter->setClearButtonEnabled(true);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Action"), tr("Keys")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::NoSelection);

    QSet<const QAction *> listed;
    const auto addGroup = [this](const QString &title) {
        auto *group = new QTreeWidgetItem(m_tree, {title});
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
        group->setFirstColumnSpanned(true);
        group->setFlags(Qt::ItemIsEnabled);
        return group;
    };
    const auto addRow = [](QTreeWidgetItem *group, const QString &name, const QString &keys) {
        new QTreeWidgetItem(group, {name, keys});
    };
    // An action in several menus (or a submenu) is listed once, under the first.
    const std::function<void(const QMenu *, QTreeWidgetItem *)> addMenu = [&](const QMenu *menu,
                                                                              QTreeWidgetItem *group) {
        const auto entries = menu->actions();
        for (const QAction *action : entries) {
            if (action->menu()) {
                addMenu(action->menu(), group);
            } else if (!action->isSeparator() && !action->shortcuts().isEmpty() && !listed.contains(action)) {
                listed.insert(action);
                addRow(group, actionName(action), keysText(action));
            }
        }
    };
    if (menuBar) {
        const auto menus = menuBar->actions();
        for (const QAction *entry : menus) {
            if (entry->menu()) {
                QTreeWidgetItem *group = addGroup(plainTitle(entry->text()));
                addMenu(entry->menu(), group);
                if (group->childCount() == 0) {
                    delete group;
                }
            }
        }
    }
    QTreeWidgetItem *other = addGroup(tr("Other"));
    for (const QAction *action : actions) {
        if (action && !action->shortcuts().isEmpty() && !listed.contains(action)) {
            listed.insert(action);
            addRow(other, actionName(action), keysText(action));
        }
    }
    if (other->childCount() == 0) {
        delete other;
    }
    // Keys the text view handles without an action.
    const std::pair<const char *, const char *> viewKeys[] = {
        {QT_TR_NOOP("Move the caret"), QT_TR_NOOP("Arrow keys")},
        {QT_TR_NOOP("Move the caret by a word"), QT_TR_NOOP("Ctrl+Left, Ctrl+Right")},
        {QT_TR_NOOP("Extend the selection"), QT_TR_NOOP("Shift+arrow keys")},
        {QT_TR_NOOP("Select text"), QT_TR_NOOP("Shift+click, drag")},
        {QT_TR_NOOP("Select a word"), QT_TR_NOOP("Double-click")},
        {QT_TR_NOOP("Select the span (the innermost one under the pointer)"), QT_TR_NOOP("Click a span")},
        {QT_TR_NOOP("Resize the span"), QT_TR_NOOP("Drag a handle of the selected span (shown on hover)")},
        {QT_TR_NOOP("Start or end of the line"), QT_TR_NOOP("Home, End")},
        {QT_TR_NOOP("Start or end of the document"), QT_TR_NOOP("Ctrl+Home, Ctrl+End")},
        {QT_TR_NOOP("Scroll by a page"), QT_TR_NOOP("Page Up, Page Down")},
        {QT_TR_NOOP("Select all"), QT_TR_NOOP("Ctrl+A")},
        {QT_TR_NOOP("Copy the selected text"), QT_TR_NOOP("Ctrl+C")},
        {QT_TR_NOOP("Zoom"), QT_TR_NOOP("Ctrl+wheel")},
        {QT_TR_NOOP("Clear the selection, then the selected span"), QT_TR_NOOP("Escape")},
    };
    QTreeWidgetItem *view = addGroup(tr("Text view"));
    for (const auto &[what, keys] : viewKeys) {
        addRow(view, tr(what), tr(keys));
    }
    m_tree->expandAll();
    m_tree->header()->setStretchLastSection(true);
    m_tree->resizeColumnToContents(0);
    connect(m_filter, &QLineEdit::textChanged, this, &ShortcutsDialog::setFilter);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree);
    layout->addWidget(buttons);
    m_filter->setFocus();
    resize(640, 600);
}

ShortcutsDialog::~ShortcutsDialog() = default;

void ShortcutsDialog::setFilter(const QString &text)
{
    if (m_filter->text() != text) {
        m_filter->setText(text); // comes back here through textChanged
        return;
    }
    const QString needle = text.trimmed();
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_tree->topLevelItem(g);
        int shown = 0;
        for (int r = 0; r < group->childCount(); ++r) {
            QTreeWidgetItem *row = group->child(r);
            const bool match = needle.isEmpty() || row->text(0).contains(needle, Qt::CaseInsensitive)
                || row->text(1).contains(needle, Qt::CaseInsensitive);
            row->setHidden(!match);
            shown += match ? 1 : 0;
        }
        group->setHidden(shown == 0);
    }
}

} // namespace Scholiast
