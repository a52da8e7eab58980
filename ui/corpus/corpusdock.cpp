// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "corpusdock.h"

#include "corpusmodel.h"

#include <QApplication>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QProgressBar>
#include <QScopedValueRollback>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace Scholiast {

namespace {
// Spans per label as chips in the labels' colours ("■ 14"), the names in the tooltip: a corpus
// row stays narrow however long the label names are.
class LabelChipsDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem base = option;
        initStyleOption(&base, index);
        base.text.clear();
        QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &base, painter, base.widget);
        const QVariantList chips = index.data(CorpusModel::LabelCountsRole).toList();
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const QFontMetrics metrics(option.font);
        const int height = metrics.height();
        int x = option.rect.left() + 4;
        const int y = option.rect.center().y() - height / 2;
        for (const QVariant &chip : chips) {
            const QVariantList parts = chip.toList();
            const QString count = parts.value(1).toString();
            const QColor color(parts.value(2).toString());
            const int width = metrics.horizontalAdvance(count) + 10;
            if (x + width > option.rect.right()) {
                break;
            }
            const QRect box(x, y, width, height);
            painter->setPen(color.isValid() ? color.darker(140) : option.palette.color(QPalette::Mid));
            painter->setBrush(color.isValid() ? color : option.palette.color(QPalette::Button));
            painter->drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
            painter->setPen(color.isValid() && color.lightness() < 150 ? Qt::white : Qt::black);
            painter->drawText(box, Qt::AlignCenter, count);
            x += width + 4;
        }
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const QFontMetrics metrics(option.font);
        int width = 8;
        for (const QVariant &chip : index.data(CorpusModel::LabelCountsRole).toList()) {
            width += metrics.horizontalAdvance(chip.toList().value(1).toString()) + 14;
        }
        return QSize(width, metrics.height() + 6);
    }
};
} // namespace

CorpusDock::CorpusDock(QWidget *parent)
    : QDockWidget(tr("Corpus"), parent)
    , m_model(new CorpusModel(this))
    , m_table(new QTableView)
    , m_progressLabel(new QLabel)
    , m_progress(new QProgressBar)
    , m_status(new QComboBox)
    , m_previous(new QToolButton)
    , m_next(new QToolButton)
{
    setObjectName(QStringLiteral("CorpusDock"));
    m_table->setObjectName(QStringLiteral("CorpusTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(CorpusModel::NameColumn, QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(CorpusModel::StatusColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(CorpusModel::SpansColumn, QHeaderView::ResizeToContents);
    m_table->setColumnWidth(CorpusModel::NameColumn, 158);
    m_table->setItemDelegateForColumn(CorpusModel::LabelsColumn, new LabelChipsDelegate(m_table));
    m_table->setToolTip(
        tr("Double-click or press Enter to open a document; Ctrl+PgDown / Ctrl+PgUp for the next / previous"));

    m_progress->setObjectName(QStringLiteral("CorpusProgress"));
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_progressLabel->setObjectName(QStringLiteral("CorpusProgressLabel"));

    m_status->setObjectName(QStringLiteral("CorpusStatus"));
    for (const Corpus::Status status : {Corpus::Status::New, Corpus::Status::InProgress, Corpus::Status::Done}) {
        m_status->addItem(Corpus::statusTitle(status), int(status));
    }
    m_status->setToolTip(tr("The status of the selected document, kept in its sidecar"));
    m_previous->setText(tr("◀ Previous"));
    m_previous->setToolTip(tr("Save and open the previous document (Ctrl+PgUp)"));
    m_next->setText(tr("Next ▶"));
    m_next->setToolTip(tr("Save and open the next document (Ctrl+PgDown)"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(new QLabel(tr("Status:")));
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_previous);
    buttons->addWidget(m_next);

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_progressLabel);
    layout->addWidget(m_progress);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    setWidget(content);

    connect(m_table, &QTableView::activated, this,
            [this](const QModelIndex &index) { Q_EMIT documentActivated(m_model->documentPath(index.row())); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &CorpusDock::updateStatusBox);
    connect(m_status, &QComboBox::activated, this, [this](int index) {
        if (m_updatingStatusBox || selectedDocument().isEmpty()) {
            return;
        }
        Q_EMIT statusChangeRequested(selectedDocument(), Corpus::Status(m_status->itemData(index).toInt()));
    });
    connect(m_previous, &QToolButton::clicked, this, [this] { Q_EMIT adjacentRequested(-1); });
    connect(m_next, &QToolButton::clicked, this, [this] { Q_EMIT adjacentRequested(1); });
    connect(m_model, &CorpusModel::progressChanged, this, &CorpusDock::updateProgress);
    connect(m_model, &CorpusModel::progressChanged, this, &CorpusDock::updateStatusBox);
    connect(m_model, &CorpusModel::modelReset, this, &CorpusDock::updateProgress);
    updateProgress();
}

CorpusDock::~CorpusDock() = default;

QString CorpusDock::progressText() const
{
    return m_progressLabel->text();
}

void CorpusDock::setOpenDocument(const QString &documentPath)
{
    m_model->setOpenDocument(documentPath);
    const int row = m_model->rowOf(documentPath);
    if (row >= 0) {
        m_table->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(m_model->index(row, 0));
    }
    updateStatusBox();
}

QString CorpusDock::selectedDocument() const
{
    return m_model->documentPath(m_table->selectionModel()->currentIndex().row());
}

void CorpusDock::updateProgress()
{
    const int total = int(m_model->entries().size());
    if (m_model->folder().isEmpty()) {
        m_progressLabel->setText(tr("No corpus open (File ▸ Open Corpus…)"));
    } else {
        m_progressLabel->setText(
            tr("<b>%1</b> — %2").arg(QFileInfo(m_model->folder()).fileName().toHtmlEscaped(), m_model->progressText()));
    }
    m_progress->setRange(0, std::max(1, total));
    m_progress->setValue(m_model->doneCount());
    m_previous->setEnabled(total > 1);
    m_next->setEnabled(total > 1);
}

void CorpusDock::updateStatusBox()
{
    const QScopedValueRollback<bool> guard(m_updatingStatusBox, true);
    const int row = m_table->selectionModel()->currentIndex().row();
    m_status->setEnabled(row >= 0);
    if (row >= 0 && row < m_model->entries().size()) {
        m_status->setCurrentIndex(m_status->findData(int(m_model->entries().at(row).status)));
    }
}

} // namespace Scholiast
