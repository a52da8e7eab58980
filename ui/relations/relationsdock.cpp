// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "relationsdock.h"

#include "commands/spancommands.h"
#include "editing/annotationdocument.h"
#include "elidetext.h"

#include <QAction>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace Scholiast {

namespace {
enum Column { LabelColumn, FromColumn, ToColumn };
constexpr int RelationRole = Qt::UserRole;
constexpr int FromRole = Qt::UserRole + 1;
constexpr int ToRole = Qt::UserRole + 2;
constexpr int PendingRole = Qt::UserRole + 3;
constexpr qsizetype ShownCharacters = 60;

QString spanText(const Annotation *span)
{
    if (!span) {
        return {};
    }
    return QStringLiteral("%1 “%2”").arg(span->label, elideAtWord(span->text().simplified(), ShownCharacters));
}
} // namespace

RelationsDock::RelationsDock(QWidget *parent)
    : QDockWidget(tr("Relations"), parent)
    , m_filter(new QLineEdit)
    , m_list(new QTreeWidget)
    , m_empty(new QLabel)
{
    setObjectName(QStringLiteral("RelationsDock"));
    m_filter->setPlaceholderText(tr("Filter by label or text"));
    m_filter->setClearButtonEnabled(true);
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Relation"), tr("From"), tr("To")});
    m_list->setRootIsDecorated(false);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setUniformRowHeights(true);
    m_list->header()->setSectionResizeMode(LabelColumn, QHeaderView::ResizeToContents);
    m_empty->setWordWrap(true);
    m_empty->setText(tr("No relations. Select a span, press R, Tab to the span it relates to and press Enter."));
    auto *body = new QWidget;
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_empty);
    setWidget(body);

    connect(m_filter, &QLineEdit::textChanged, this, &RelationsDock::rebuild);
    // A click on the "To" column shows the second span; anywhere else the first.
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item, int column) {
        Q_EMIT spanRequested(item->data(0, column == ToColumn ? ToRole : FromRole).toString());
    });
    // Delete in the list (the key itself, not a second shortcut for the window's Delete Span).
    auto *remove = new QAction(tr("Remove Relation"), m_list);
    m_list->addAction(remove);
    m_list->installEventFilter(this);
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(remove, &QAction::triggered, this, &RelationsDock::removeSelected);
    auto *accept = new QAction(tr("Accept Relation"), m_list);
    accept->setObjectName(QStringLiteral("accept_relation"));
    m_list->addAction(accept);
    connect(accept, &QAction::triggered, this, &RelationsDock::acceptSelected);
    rebuild();
}

RelationsDock::~RelationsDock() = default;

bool RelationsDock::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->matches(QKeySequence::Delete)) {
        removeSelected();
        return true;
    }
    return QDockWidget::eventFilter(watched, event);
}

void RelationsDock::setDocument(AnnotationDocument *document)
{
    if (m_document) {
        disconnect(m_document->spans(), nullptr, this, nullptr);
    }
    m_document = document;
    if (document) {
        // A relabelled or resized span changes what its row says; spans come and go with undo.
        for (auto signal : {&AnnotationSet::relationsChanged, &AnnotationSet::wasReset}) {
            connect(document->spans(), signal, this, &RelationsDock::rebuild);
        }
        connect(document->spans(), &AnnotationSet::spansChanged, this, [this](const QList<Annotation> &before) {
            for (const Annotation &span : before) {
                if (!m_document->spans()->relationsOf(span.id).isEmpty()) {
                    rebuild();
                    return;
                }
            }
        });
    }
    rebuild();
}

void RelationsDock::rebuild()
{
    m_list->clear();
    const bool any = m_document && !m_document->spans()->relations().isEmpty();
    m_empty->setVisible(!any);
    if (!any) {
        return;
    }
    const QString filter = m_filter->text().trimmed();
    const AnnotationSet &spans = *m_document->spans();
    QList<QTreeWidgetItem *> items;
    for (const Relation &relation : spans.relations()) {
        const QString from = spanText(spans.find(relation.from));
        const QString to = spanText(spans.find(relation.to));
        if (!filter.isEmpty() && !relation.label.contains(filter, Qt::CaseInsensitive)
            && !from.contains(filter, Qt::CaseInsensitive) && !to.contains(filter, Qt::CaseInsensitive)) {
            continue;
        }
        auto *item = new QTreeWidgetItem(
            {relation.isPending() ? tr("%1 (suggested)").arg(relation.label) : relation.label, from, to});
        if (relation.isPending()) {
            // Why the suggester proposed it, and how to settle it.
            QFont font = item->font(LabelColumn);
            font.setItalic(true);
            item->setFont(LabelColumn, font);
            item->setToolTip(LabelColumn,
                             tr("Suggested by %1: %2. Accept Relation keeps it; accepting its pending "
                                "spans accepts it too; Delete removes it.")
                                 .arg(relation.source, relation.extraFields.value(u"reason").toString()));
        }
        item->setData(0, PendingRole, relation.isPending());
        item->setData(0, RelationRole, relation.id);
        item->setData(0, FromRole, relation.from);
        item->setData(0, ToRole, relation.to);
        if (const RelationLabel *label = m_document->labels().findRelationLabel(relation.label)) {
            item->setForeground(LabelColumn, QColor(label->color));
        }
        items.append(item);
    }
    m_list->addTopLevelItems(items);
}

void RelationsDock::acceptSelected()
{
    if (!m_document || m_document->isReadOnly()) {
        return;
    }
    QStringList ids;
    for (const QTreeWidgetItem *item : m_list->selectedItems()) {
        if (item->data(0, PendingRole).toBool()) {
            ids.append(item->data(0, RelationRole).toString());
        }
    }
    if (!ids.isEmpty()) {
        m_document->undoStack()->push(new AcceptRelations(m_document->spans(), ids));
    }
}

void RelationsDock::removeSelected()
{
    if (!m_document) {
        return;
    }
    QStringList ids;
    for (const QTreeWidgetItem *item : m_list->selectedItems()) {
        ids.append(item->data(0, RelationRole).toString());
    }
    m_document->removeRelations(ids);
}

} // namespace Scholiast
