// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "orphansdock.h"

#include "editing/annotationdocument.h"
#include "formats/salvage.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Scholiast {

namespace {
enum Column { LabelColumn, TextColumn, OffsetsColumn, ReasonColumn };
constexpr int IdRole = Qt::UserRole;
} // namespace

OrphansDock::OrphansDock(QWidget *parent)
    : QDockWidget(tr("Orphaned Spans"), parent)
    , m_hint(new QLabel)
    , m_list(new QTreeWidget)
    , m_place(new QPushButton(tr("&Place at Selection")))
{
    setObjectName(QStringLiteral("OrphansDock"));
    m_hint->setWordWrap(true);
    m_hint->setText(tr("Spans that could not be placed: their text was not found in the changed document, or "
                       "the file held them in a form that cannot be read (see Why). They are kept and saved "
                       "unchanged. Select the text in the document, pick a span here and press Place at Selection."));
    m_list->setObjectName(QStringLiteral("OrphansList"));
    m_list->setColumnCount(4);
    m_list->setHeaderLabels({tr("Label"), tr("Stored text"), tr("Old offsets"), tr("Why")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(TextColumn, QHeaderView::Stretch);
    m_list->setColumnWidth(LabelColumn, 110);
    m_list->setColumnWidth(OffsetsColumn, 110);
    m_list->setColumnWidth(ReasonColumn, 300);
    m_place->setObjectName(QStringLiteral("PlaceOrphanButton"));
    m_place->setToolTip(tr("Attach the selected orphan to the text selected in the document (one undo step)"));

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addStretch(1);
    buttons->addWidget(m_place);
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_hint);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    setWidget(content);

    connect(m_list, &QTreeWidget::currentItemChanged, this, &OrphansDock::updateButton);
    connect(m_place, &QPushButton::clicked, this, [this] {
        const QString id = currentOrphan();
        if (!id.isEmpty()) {
            Q_EMIT placeRequested(id);
        }
    });
    updateButton();
}

OrphansDock::~OrphansDock() = default;

void OrphansDock::setDocument(AnnotationDocument *document)
{
    if (m_document) {
        disconnect(m_document->spans(), nullptr, this, nullptr);
    }
    m_document = document;
    if (document) {
        const AnnotationSet *set = document->spans();
        connect(set, &AnnotationSet::spansAdded, this, &OrphansDock::check);
        connect(set, &AnnotationSet::spansChanged, this, [this](const QList<Annotation> &before) {
            QStringList ids;
            for (const Annotation &a : before) {
                ids.append(a.id);
            }
            check(ids);
        });
        connect(set, &AnnotationSet::spansRemoved, this, [this](const QList<Annotation> &removed) {
            QStringList ids;
            for (const Annotation &a : removed) {
                ids.append(a.id);
            }
            check(ids);
        });
        connect(set, &AnnotationSet::wasReset, this, &OrphansDock::rescan);
    }
    rescan();
}

void OrphansDock::setSelectionAvailable(bool available)
{
    m_selectionAvailable = available;
    updateButton();
}

void OrphansDock::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    updateButton();
}

QString OrphansDock::currentOrphan() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(LabelColumn, IdRole).toString() : QString();
}

void OrphansDock::setCurrentOrphan(const QString &id)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        if (m_list->topLevelItem(i)->data(LabelColumn, IdRole).toString() == id) {
            m_list->setCurrentItem(m_list->topLevelItem(i));
            return;
        }
    }
}

void OrphansDock::check(const QStringList &ids)
{
    const qsizetype before = m_orphans.size();
    bool changed = false;
    for (const QString &id : ids) {
        const Annotation *span = m_document ? m_document->spans()->find(id) : nullptr;
        if (span && span->isOrphan()) {
            changed = true; // its values may have changed too
            m_orphans.insert(id);
        } else if (m_orphans.remove(id)) {
            changed = true;
        }
    }
    if (changed) {
        rebuild();
    }
    if (m_orphans.size() != before) {
        Q_EMIT countChanged(m_orphans.size());
    }
}

void OrphansDock::rescan()
{
    const qsizetype before = m_orphans.size();
    m_orphans.clear();
    if (m_document) {
        for (const Annotation *span : m_document->spans()->sorted()) {
            if (span->isOrphan()) {
                m_orphans.insert(span->id);
            }
        }
    }
    rebuild();
    if (m_orphans.size() != before) {
        Q_EMIT countChanged(m_orphans.size());
    }
}

void OrphansDock::rebuild()
{
    const QString current = currentOrphan();
    std::vector<const Annotation *> spans;
    for (const QString &id : std::as_const(m_orphans)) {
        if (const Annotation *span = m_document ? m_document->spans()->find(id) : nullptr) {
            spans.push_back(span);
        }
    }
    std::sort(spans.begin(), spans.end(),
              [](const Annotation *a, const Annotation *b) { return isBeforeInFileOrder(*a, *b); });
    m_list->clear();
    for (const Annotation *span : spans) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(LabelColumn, span->label);
        item->setData(LabelColumn, IdRole, span->id);
        QString text = span->text();
        text.replace(u'\n', u' ').replace(u'\r', u' ');
        item->setText(TextColumn, text);
        item->setToolTip(TextColumn, span->text());
        item->setText(OffsetsColumn, tr("%1–%2").arg(span->start.value).arg(span->end.value));
        QString reason = ScholiastJson::unplacedReason(*span);
        item->setToolTip(ReasonColumn, reason);
        static const QRegularExpression which(QStringLiteral("^annotation (\"[^\"]*\"|[0-9]+):? "));
        reason.remove(which); // the row is the span already: the reason alone reads better
        item->setText(ReasonColumn, reason.isEmpty() ? tr("not found in the changed text") : reason);
        if (span->id == current) {
            m_list->setCurrentItem(item);
        }
    }
    if (!m_list->currentItem() && m_list->topLevelItemCount() > 0) {
        m_list->setCurrentItem(m_list->topLevelItem(0));
    }
    setWindowTitle(m_orphans.isEmpty() ? tr("Orphaned Spans") : tr("Orphaned Spans (%1)").arg(m_orphans.size()));
    updateButton();
}

void OrphansDock::updateButton()
{
    m_place->setEnabled(!m_readOnly && m_selectionAvailable && m_list->currentItem());
}

} // namespace Scholiast
