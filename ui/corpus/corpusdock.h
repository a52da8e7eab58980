// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "corpus.h"

#include <QDockWidget>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QProgressBar;
class QTableView;
class QToolButton;
QT_END_NAMESPACE

namespace Scholiast {

class CorpusModel;

/// The corpus navigator: the documents of the open corpus with status, spans and spans per
/// label, the overall progress, and a status selector for the selected document. Activating a
/// row asks to open its document; the window does the opening and saving.
class CorpusDock : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CorpusDock)

public:
    explicit CorpusDock(QWidget *parent = nullptr);
    ~CorpusDock() override;

    [[nodiscard]] CorpusModel *model() const { return m_model; }
    [[nodiscard]] QTableView *tableView() const { return m_table; }
    [[nodiscard]] QComboBox *statusBox() const { return m_status; }
    [[nodiscard]] QString progressText() const;

    /// Marks the open document's row and selects it.
    void setOpenDocument(const QString &documentPath);
    /// The selected document (the open one unless the user selected another row).
    [[nodiscard]] QString selectedDocument() const;

Q_SIGNALS:
    void documentActivated(const QString &documentPath);
    void statusChangeRequested(const QString &documentPath, Corpus::Status status);
    void adjacentRequested(int step);

private:
    void updateProgress();
    void updateStatusBox();

    CorpusModel *m_model;
    QTableView *m_table;
    QLabel *m_progressLabel;
    QProgressBar *m_progress;
    QComboBox *m_status;
    QToolButton *m_previous;
    QToolButton *m_next;
    bool m_updatingStatusBox = false; // set while the box follows the selection
};

} // namespace Scholiast
