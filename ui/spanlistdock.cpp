// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "spanlistdock.h"

#include "editing/annotationdocument.h"
#include "spanlistmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QScopedValueRollback>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace Scholiast {

SpanListDock::SpanListDock(QWidget *parent)
    : QDockWidget(tr("Spans"), parent)
    , m_model(new SpanListModel(this))
    , m_proxy(new SpanFilterModel(this))
    , m_labelFilter(new QComboBox)
    , m_textFilter(new QLineEdit)
    , m_table(new QTableView)
{
    setObjectName(QStringLiteral("SpanListDock"));
    m_proxy->setSourceModel(m_model);
    m_textFilter->setPlaceholderText(tr("Filter text…"));
    m_textFilter->setClearButtonEnabled(true);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // document order until the user sorts
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    fitOffsetColumns();
    m_table->setColumnWidth(SpanListModel::LabelColumn, 110);
    m_table->setColumnWidth(SpanListModel::StatusColumn, 76);
    m_table->setColumnWidth(SpanListModel::TextColumn, 260);

    auto *filters = new QHBoxLayout;
    filters->setContentsMargins(0, 0, 0, 0);
    filters->addWidget(m_labelFilter);
    filters->addWidget(m_textFilter, 1);
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filters);
    layout->addWidget(m_table);
    setWidget(content);

    connect(m_labelFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setLabelFilter(m_labelFilter->currentData().toString()); });
    connect(m_textFilter, &QLineEdit::textChanged, m_proxy, &SpanFilterModel::setTextFilter);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SpanListDock::onCurrentRowChanged);
    connect(m_table, &QTableView::clicked, this, [this] { onCurrentRowChanged(); });
    // A bulk removal resets the model (SpanListModel::MaxRemovalRuns): the current row survives it
    // when its span does.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_currentBeforeReset = currentSpan(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (!m_currentBeforeReset.isEmpty()) {
            setCurrentSpan(std::exchange(m_currentBeforeReset, QString()));
        }
    });
}

SpanListDock::~SpanListDock() = default;

void SpanListDock::setDocument(AnnotationDocument *document)
{
    if (m_document) {
        disconnect(m_document->spans(), nullptr, this, nullptr);
        disconnect(m_document, nullptr, this, nullptr);
    }
    m_document = document;
    if (document) {
        // Connected before the model's own handlers, so that the hold covers the selection
        // model moving the current row away from a removed span.
        connect(document->spans(), &AnnotationSet::spansAboutToBeRemoved, this, [this] { m_updatingSelection = true; });
        connect(document->spans(), &AnnotationSet::aboutToReset, this, [this] { m_updatingSelection = true; });
    }
    m_model->setDocument(document);
    if (document) {
        connect(document->spans(), &AnnotationSet::spansRemoved, this, [this] { m_updatingSelection = false; });
        connect(document->spans(), &AnnotationSet::wasReset, this, [this] { m_updatingSelection = false; });
        // New, renamed or recoloured labels (the label editor): the filter and the swatches.
        connect(document, &AnnotationDocument::labelsChanged, this, [this] {
            updateLabelFilter();
            m_table->viewport()->update();
        });
    }
    updateLabelFilter();
    fitOffsetColumns();
}

void SpanListDock::fitOffsetColumns()
{
    // No offset is larger than the document's length; every digit is as wide as "8" in most
    // fonts, but take the widest to be sure. The margins are the ones the item delegate elides
    // within (QCommonStyle: the focus frame margin plus one on each side), plus the header's
    // sort indicator, since the header text must fit too.
    const qint64 largest = m_document ? m_document->document().length() : 0;
    const QFontMetrics metrics = m_table->fontMetrics();
    int digit = 0;
    for (char c = '0'; c <= '9'; ++c) {
        digit = std::max(digit, metrics.horizontalAdvance(QLatin1Char(c)));
    }
    const int digits = int(QString::number(std::max<qint64>(largest, 99999)).size());
    const int margin = 2 * (m_table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_table) + 1) + 4;
    for (const int column : {int(SpanListModel::StartColumn), int(SpanListModel::EndColumn)}) {
        const int header = m_table->horizontalHeader()->sectionSizeHint(column);
        m_table->setColumnWidth(column, std::max(digit * digits + margin, header));
    }
}

void SpanListDock::updateLabelFilter()
{
    const QSignalBlocker blocker(m_labelFilter);
    m_labelFilter->clear();
    m_labelFilter->addItem(tr("All labels"), QString());
    if (m_document) {
        for (const Label &label : m_document->labels().labels()) {
            m_labelFilter->addItem(label.name, label.name);
        }
    }
    m_proxy->setLabelFilter(QString());
}

void SpanListDock::onCurrentRowChanged()
{
    if (m_updatingSelection) {
        return;
    }
    const QString id = currentSpan();
    if (!id.isEmpty()) {
        Q_EMIT spanActivated(id);
    }
}

QString SpanListDock::currentSpan() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.data(SpanListModel::IdRole).toString() : QString();
}

void SpanListDock::setCurrentSpan(const QString &id)
{
    const QScopedValueRollback<bool> guard(m_updatingSelection, true);
    const int row = id.isEmpty() ? -1 : m_model->rowOf(id);
    const QModelIndex index = row < 0 ? QModelIndex() : m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) {
        m_table->selectionModel()->clear();
        return;
    }
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

} // namespace Scholiast
