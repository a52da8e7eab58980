// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandpalette.h"

#include <QAction>
#include <QCoreApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Scholiast {

namespace {
QString plainText(const QAction *action)
{
    QString text = action->text();
    text.remove(u'&');
    return text;
}
} // namespace

CommandPalette::CommandPalette(QWidget *parent)
    : QDialog(parent, Qt::Popup | Qt::FramelessWindowHint)
    , m_filter(new QLineEdit)
    , m_list(new QListWidget)
{
    setObjectName(QStringLiteral("CommandPalette"));
    m_filter->setPlaceholderText(tr("Type a command or a label…"));
    m_filter->installEventFilter(this);
    m_list->setUniformItemSizes(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_filter);
    layout->addWidget(m_list);
    resize(520, 360);
    connect(m_filter, &QLineEdit::textChanged, this, &CommandPalette::refill);
    connect(m_filter, &QLineEdit::returnPressed, this, &CommandPalette::triggerCurrent);
    connect(m_list, &QListWidget::itemActivated, this, &CommandPalette::triggerCurrent);
}

CommandPalette::~CommandPalette() = default;

void CommandPalette::setActions(const QList<QAction *> &actions)
{
    m_actions.clear();
    for (QAction *action : actions) {
        m_actions.append(action);
    }
}

void CommandPalette::popup()
{
    if (QWidget *window = parentWidget()) {
        const QRect area = window->geometry();
        move(area.x() + (area.width() - width()) / 2, area.y() + 60);
    }
    m_filter->clear();
    refill();
    show();
    m_filter->setFocus();
}

void CommandPalette::setFilter(const QString &text)
{
    m_filter->setText(text);
}

QStringList CommandPalette::visibleEntries() const
{
    QStringList entries;
    for (int i = 0; i < m_list->count(); ++i) {
        entries.append(m_list->item(i)->data(Qt::UserRole + 1).toString());
    }
    return entries;
}

int CommandPalette::fuzzyScore(const QString &pattern, const QString &text)
{
    if (pattern.isEmpty()) {
        return 0;
    }
    int score = 0;
    int run = 0;
    qsizetype j = 0;
    for (qsizetype i = 0; i < text.size() && j < pattern.size(); ++i) {
        if (text.at(i).toCaseFolded() != pattern.at(j).toCaseFolded()) {
            run = 0;
            continue;
        }
        const bool wordStart = i == 0 || !text.at(i - 1).isLetterOrNumber();
        score += 1 + (wordStart ? 8 : 0) + run * 4;
        ++run;
        ++j;
    }
    return j == pattern.size() ? score : -1;
}

void CommandPalette::refill()
{
    m_list->clear();
    const QString pattern = m_filter->text().trimmed();
    struct Entry
    {
        int score;
        QAction *action;
    };
    QList<Entry> entries;
    for (const auto &pointer : std::as_const(m_actions)) {
        QAction *action = pointer.data();
        if (!action || !action->isEnabled() || action->isSeparator() || action->text().isEmpty()) {
            continue;
        }
        const int score = fuzzyScore(pattern, plainText(action));
        if (score >= 0) {
            entries.append({score, action});
        }
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.score > b.score; });
    for (const Entry &entry : std::as_const(entries)) {
        const QString shortcut = entry.action->shortcut().toString(QKeySequence::NativeText);
        auto *item = new QListWidgetItem(entry.action->icon(),
                                         shortcut.isEmpty()
                                             ? plainText(entry.action)
                                             : plainText(entry.action) + QStringLiteral("    (") + shortcut + u')');
        item->setData(Qt::UserRole, QVariant::fromValue(static_cast<QObject *>(entry.action)));
        item->setData(Qt::UserRole + 1, plainText(entry.action));
        m_list->addItem(item);
    }
    m_list->setCurrentRow(0);
}

void CommandPalette::triggerCurrent()
{
    QListWidgetItem *item = m_list->currentItem();
    auto *action = item ? qobject_cast<QAction *>(item->data(Qt::UserRole).value<QObject *>()) : nullptr;
    hide();
    if (action) {
        action->trigger();
    }
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up || key->key() == Qt::Key_PageDown
            || key->key() == Qt::Key_PageUp) {
            QCoreApplication::sendEvent(m_list, event);
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            hide();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace Scholiast
