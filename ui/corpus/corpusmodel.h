// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "corpus.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QString>

#include <map>

namespace Scholiast {

/// The documents of a corpus folder (annotations/corpus.h) as a table: name, status, spans, spans
/// per label. The folder is listed at once; each document's sidecar is read on a pool thread and
/// its row filled in when the summary arrives, so a large corpus never blocks the window.
class CorpusModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CorpusModel)

public:
    enum Column { NameColumn, StatusColumn, SpansColumn, LabelsColumn, ColumnCount };
    /// LabelCountsRole: per label a QVariantList {name, count, colour}, for the chips delegate.
    enum Role { DocumentPathRole = Qt::UserRole + 1, StatusRole, LabelCountsRole };

    explicit CorpusModel(QObject *parent = nullptr);
    ~CorpusModel() override;

    /// Lists the folder's documents and starts reading their sidecars in the background.
    void setFolder(const QString &folder);
    [[nodiscard]] QString folder() const { return m_folder; }
    /// Reads every sidecar again (after a save, or when files changed).
    void rescan();
    /// Reads one document's sidecar again, in the background.
    void rescanDocument(const QString &documentPath);

    [[nodiscard]] bool isScanning() const { return m_pending > 0; }
    [[nodiscard]] const QList<Corpus::Entry> &entries() const { return m_entries; }
    /// Row of a document, or -1.
    [[nodiscard]] int rowOf(const QString &documentPath) const;
    [[nodiscard]] QString documentPath(int row) const;

    /// The open document's row is shown in bold and follows its in-memory state (setOpenState).
    void setOpenDocument(const QString &documentPath);
    /// The open document's status and spans per label, from memory (unsaved changes included).
    void setOpenState(Corpus::Status status, const std::map<QString, qint64> &labelCounts,
                      const std::map<QString, QString> &labelColors);

    [[nodiscard]] int doneCount() const;
    [[nodiscard]] int inProgressCount() const;
    /// "7 of 12 done · 3 in progress".
    [[nodiscard]] QString progressText() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// Every summary asked for has arrived.
    void scanFinished();
    /// A row's status or counts changed (progress to update).
    void progressChanged();

private:
    void summarizeInBackground(QList<Corpus::Entry> entries);
    void applySummary(quint64 generation, const Corpus::Entry &entry);

    QString m_folder;
    QString m_openDocument;
    QList<Corpus::Entry> m_entries;
    QHash<QString, int> m_rows; // document path -> row: summaries of a large corpus find their row in O(1)
    quint64 m_generation = 0; // summaries of an older folder are dropped
    int m_pending = 0;
};

} // namespace Scholiast
