// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "legenddock.h"

#include "editing/annotationdocument.h"

#include <QHeaderView>
#include <QPainter>
#include <QPixmap>
#include <QTreeWidget>

namespace Scholiast {

namespace {
enum Column { NameColumn, KeyColumn, CountColumn, PendingColumn };

QIcon swatch(const QColor &color)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(color);
    painter.setPen(color.darker(140));
    painter.drawRoundedRect(QRectF(1.5, 1.5, 13, 13), 3, 3);
    return QIcon(pixmap);
}
} // namespace

LegendDock::LegendDock(QWidget *parent)
    : QDockWidget(tr("Labels"), parent)
    , m_tree(new QTreeWidget)
{
    setObjectName(QStringLiteral("LegendDock"));
    m_tree->setRootIsDecorated(false);
    m_tree->setColumnCount(4);
    m_tree->setHeaderLabels({tr("Label"), tr("Key"), tr("Accepted"), tr("Pending")});
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(KeyColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(CountColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(PendingColumn, QHeaderView::ResizeToContents);
    m_tree->setToolTip(tr("Click a label to hide or show its spans"));
    setWidget(m_tree);
    // A click anywhere on the row toggles; the check box shows the state.
    connect(m_tree, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item, int column) {
        if (column != NameColumn) {
            item->setCheckState(NameColumn, item->checkState(NameColumn) == Qt::Checked ? Qt::Unchecked : Qt::Checked);
        }
    });
    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item, int column) {
        if (column == NameColumn) {
            Q_EMIT labelVisibilityChanged(item->data(NameColumn, Qt::UserRole).toString(),
                                          item->checkState(NameColumn) == Qt::Checked);
        }
    });
}

LegendDock::~LegendDock() = default;

void LegendDock::setDocument(AnnotationDocument *document)
{
    for (const auto &connection : std::as_const(m_connections)) {
        disconnect(connection);
    }
    m_connections.clear();
    m_document = document;
    if (document) {
        const AnnotationSet *set = document->spans();
        m_connections = {
            connect(set, &AnnotationSet::spansAdded, this,
                    [this](const QStringList &ids) {
                        for (const QString &id : ids) {
                            if (const Annotation *span = m_document->spans()->find(id)) {
                                adjust(*span, 1);
                            }
                        }
                        updateCounts();
                    }),
            connect(set, &AnnotationSet::spansRemoved, this,
                    [this](const QList<Annotation> &removed) {
                        for (const Annotation &span : removed) {
                            adjust(span, -1);
                        }
                        updateCounts();
                    }),
            connect(set, &AnnotationSet::spansChanged, this,
                    [this](const QList<Annotation> &before) {
                        for (const Annotation &old : before) {
                            adjust(old, -1);
                            if (const Annotation *span = m_document->spans()->find(old.id)) {
                                adjust(*span, 1);
                            }
                        }
                        updateCounts();
                    }),
            connect(set, &AnnotationSet::wasReset, this,
                    [this] {
                        recount();
                        updateCounts();
                    }),
            // Renamed, recoloured, reordered, new labels (the label editor).
            connect(document, &AnnotationDocument::labelsChanged, this,
                    [this] {
                        // Labels the view hides stay hidden, and their rows say so.
                        QSet<QString> hidden;
                        for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
                            if (m_tree->topLevelItem(i)->checkState(NameColumn) != Qt::Checked) {
                                hidden.insert(m_tree->topLevelItem(i)->data(NameColumn, Qt::UserRole).toString());
                            }
                        }
                        recount();
                        rebuild(hidden);
                    }),
        };
    }
    recount();
    rebuild();
}

void LegendDock::adjust(const Annotation &span, qsizetype delta)
{
    m_counts[span.label] += delta;
    if (span.isOrphan()) {
        return;
    }
    if (span.status() == Annotation::Status::Pending) {
        m_pending[span.label] += delta;
    } else if (span.status() != Annotation::Status::Rejected && span.status() != Annotation::Status::Conflict) {
        m_accepted[span.label] += delta; // no status is accepted (docs/FORMAT.md §6.5)
    }
}

void LegendDock::recount()
{
    m_counts.clear();
    m_accepted.clear();
    m_pending.clear();
    if (m_document) {
        for (const Annotation *span : m_document->spans()->sorted()) {
            adjust(*span, 1);
        }
    }
}

void LegendDock::rebuild(const QSet<QString> &hidden)
{
    const QSignalBlocker blocker(m_tree);
    m_tree->clear();
    if (!m_document) {
        return;
    }
    for (const Label &label : m_document->labels().labels()) {
        auto *item = new QTreeWidgetItem(m_tree);
        item->setText(NameColumn, label.name);
        item->setData(NameColumn, Qt::UserRole, label.name);
        item->setIcon(NameColumn, swatch(QColor(label.color)));
        item->setCheckState(NameColumn, hidden.contains(label.name) ? Qt::Unchecked : Qt::Checked);
        item->setText(KeyColumn, label.key);
        item->setTextAlignment(KeyColumn, Qt::AlignCenter);
        item->setTextAlignment(CountColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(PendingColumn, Qt::AlignRight | Qt::AlignVCenter);
    }
    updateCounts();
}

void LegendDock::updateCounts()
{
    const QSignalBlocker blocker(m_tree);
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_tree->topLevelItem(i);
        const QString label = item->data(NameColumn, Qt::UserRole).toString();
        item->setText(CountColumn, QString::number(m_accepted.value(label)));
        const qsizetype pending = m_pending.value(label);
        item->setText(PendingColumn, pending > 0 ? QString::number(pending) : QString());
    }
}

bool LegendDock::isLabelVisible(const QString &label) const
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_tree->topLevelItem(i);
        if (item->data(NameColumn, Qt::UserRole).toString() == label) {
            return item->checkState(NameColumn) == Qt::Checked;
        }
    }
    return true;
}

void LegendDock::setLabelVisible(const QString &label, bool visible)
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_tree->topLevelItem(i);
        if (item->data(NameColumn, Qt::UserRole).toString() == label) {
            item->setCheckState(NameColumn, visible ? Qt::Checked : Qt::Unchecked);
        }
    }
}

} // namespace Scholiast
