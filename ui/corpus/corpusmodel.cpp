// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "corpusmodel.h"

#include <QCoreApplication>
#include <QFont>
#include <QPointer>
#include <QThreadPool>

#include <utility>

namespace Scholiast {

CorpusModel::CorpusModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

CorpusModel::~CorpusModel() = default;

void CorpusModel::setFolder(const QString &folder)
{
    beginResetModel();
    m_folder = folder;
    m_entries = Corpus::listDocuments(folder);
    m_rows.clear();
    for (int row = 0; row < m_entries.size(); ++row) {
        m_rows.insert(m_entries.at(row).documentPath, row);
    }
    ++m_generation;
    m_pending = 0;
    endResetModel();
    Q_EMIT progressChanged();
    rescan();
}

void CorpusModel::rescan()
{
    summarizeInBackground(m_entries);
}

void CorpusModel::rescanDocument(const QString &documentPath)
{
    const int row = rowOf(documentPath);
    if (row >= 0) {
        summarizeInBackground({m_entries.at(row)});
    }
}

void CorpusModel::summarizeInBackground(QList<Corpus::Entry> entries)
{
    if (entries.isEmpty()) {
        Q_EMIT scanFinished();
        return;
    }
    m_pending += int(entries.size());
    const quint64 generation = m_generation;
    QPointer<CorpusModel> self(this);
    // One task reads them in order: the rows fill in from the top, and the disk is read linearly.
    QThreadPool::globalInstance()->start([self, generation, entries = std::move(entries)]() mutable {
        for (Corpus::Entry &entry : entries) {
            Corpus::summarize(entry);
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, generation, entry] {
                    if (self) {
                        self->applySummary(generation, entry);
                    }
                },
                Qt::QueuedConnection);
        }
    });
}

void CorpusModel::applySummary(quint64 generation, const Corpus::Entry &entry)
{
    if (generation != m_generation) {
        return;
    }
    const int row = rowOf(entry.documentPath);
    if (row >= 0) {
        Corpus::Entry &slot = m_entries[row];
        // The open document's status and counts come from memory, not from its file.
        const bool open = entry.documentPath == m_openDocument && slot.summarized;
        const Corpus::Status status = slot.status;
        const auto counts = slot.labelCounts;
        const auto colors = slot.labelColors;
        const qint64 spans = slot.spans;
        slot = entry;
        if (open) {
            slot.status = status;
            slot.labelCounts = counts;
            slot.labelColors = colors;
            slot.spans = spans;
        }
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        Q_EMIT progressChanged();
    }
    if (--m_pending == 0) {
        Q_EMIT scanFinished();
    }
}

int CorpusModel::rowOf(const QString &documentPath) const
{
    return m_rows.value(documentPath, -1);
}

QString CorpusModel::documentPath(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row).documentPath : QString();
}

void CorpusModel::setOpenDocument(const QString &documentPath)
{
    const int before = rowOf(m_openDocument);
    const QString previous = std::exchange(m_openDocument, documentPath);
    if (before >= 0 && previous != documentPath) {
        // Its row showed the state in memory; the file says what was kept (unsaved edits discarded).
        rescanDocument(previous);
    }
    const int after = rowOf(documentPath);
    for (const int row : {before, after}) {
        if (row >= 0) {
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
}

void CorpusModel::setOpenState(Corpus::Status status, const std::map<QString, qint64> &labelCounts,
                               const std::map<QString, QString> &labelColors)
{
    const int row = rowOf(m_openDocument);
    if (row < 0) {
        return;
    }
    Corpus::Entry &entry = m_entries[row];
    entry.status = status;
    entry.labelCounts = labelCounts;
    entry.labelColors = labelColors;
    entry.spans = 0;
    for (const auto &[label, n] : labelCounts) {
        entry.spans += n;
    }
    entry.summarized = true;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    Q_EMIT progressChanged();
}

int CorpusModel::doneCount() const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(),
                             [](const Corpus::Entry &e) { return e.status == Corpus::Status::Done; }));
}

int CorpusModel::inProgressCount() const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(),
                             [](const Corpus::Entry &e) { return e.status == Corpus::Status::InProgress; }));
}

QString CorpusModel::progressText() const
{
    QString text = tr("%1 of %2 done").arg(doneCount()).arg(m_entries.size());
    if (const int inProgress = inProgressCount()) {
        text += tr(" · %1 in progress").arg(inProgress);
    }
    return text;
}

int CorpusModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int CorpusModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CorpusModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const Corpus::Entry &entry = m_entries.at(index.row());
    switch (role) {
    case DocumentPathRole:
        return entry.documentPath;
    case StatusRole:
        return int(entry.status);
    case LabelCountsRole: {
        QVariantList chips;
        for (const auto &[label, n] : entry.labelCounts) {
            const auto color = entry.labelColors.find(label);
            chips.append(
                QVariant(QVariantList{label, n, color == entry.labelColors.end() ? QString() : color->second}));
        }
        return chips;
    }
    case Qt::FontRole:
        if (entry.documentPath == m_openDocument) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::ToolTipRole:
        if (!entry.problem.isEmpty()) {
            return entry.problem;
        }
        if (index.column() == LabelsColumn && !entry.labelCounts.empty()) {
            QStringList lines;
            for (const auto &[label, n] : entry.labelCounts) {
                lines.append(QStringLiteral("%1: %2").arg(label).arg(n));
            }
            return lines.join(u'\n');
        }
        if (!entry.layers.isEmpty()) {
            return tr("%1\nLayers: %2").arg(entry.documentPath, entry.layers.join(QStringLiteral(", ")));
        }
        return entry.documentPath;
    case Qt::TextAlignmentRole:
        return index.column() == SpansColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case NameColumn:
        return entry.name;
    case StatusColumn:
        return entry.summarized ? Corpus::statusTitle(entry.status) : QStringLiteral("…");
    case SpansColumn:
        if (!entry.problem.isEmpty()) {
            return tr("unreadable");
        }
        return entry.summarized ? QVariant(entry.spans) : QVariant(QStringLiteral("…"));
    case LabelsColumn: {
        QStringList parts;
        for (const auto &[label, n] : entry.labelCounts) {
            parts.append(QStringLiteral("%1 %2").arg(label).arg(n));
        }
        return parts.join(QStringLiteral(" · "));
    }
    default:
        return {};
    }
}

QVariant CorpusModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Document");
    case StatusColumn:
        return tr("Status");
    case SpansColumn:
        return tr("Spans");
    case LabelsColumn:
        return tr("Per label");
    default:
        return {};
    }
}

} // namespace Scholiast
