// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "formats/offsetunits.h"

#include <QDialog>

#include <optional>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
QT_END_NAMESPACE

namespace Scholiast {

/// File > Export Annotations (issue 18 item 4): every writable format with a line saying what it
/// is and the unit its offsets count, which spans to write (accepted only by default: gold means
/// accepted, docs/FORMAT.md §6.5), the offset unit where the format offers a choice, the open
/// document or the whole corpus, and where to write. It only asks; the window exports.
class ExportDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportDialog)

public:
    struct Choice
    {
        QString format; ///< Interchange::Format::name
        QString statuses; ///< for StatusFilter::fromNames: "accepted", "accepted,pending", ...
        std::optional<OffsetUnit> offsets; ///< set when the format offers a choice
        bool wholeCorpus = false;
        QString path; ///< a file, or a folder for formats made of several files
    };

    /// `documentPath`: the open document; `corpusFolder`: the open corpus, empty when none
    /// (the whole-corpus choice is then disabled); `corpusSize`: its number of documents.
    ExportDialog(const QString &documentPath, const QString &corpusFolder, qsizetype corpusSize,
                 QWidget *parent = nullptr);
    ~ExportDialog() override;

    [[nodiscard]] Choice choice() const;
    /// Selects a format by name (as a click in the list does).
    void setFormat(const QString &name);

    [[nodiscard]] QTreeWidget *formatList() const { return m_formats; }
    [[nodiscard]] QComboBox *statusBox() const { return m_status; }
    [[nodiscard]] QComboBox *unitBox() const { return m_unit; }
    [[nodiscard]] QCheckBox *wholeCorpusBox() const { return m_wholeCorpus; }
    [[nodiscard]] QLineEdit *pathEdit() const { return m_path; }
    [[nodiscard]] QPushButton *exportButton() const { return m_export; }

    /// The one-line description of a format in the list, and its offsets as the list says them.
    [[nodiscard]] static QString describe(const QString &format);
    [[nodiscard]] static QString unitText(const QString &format);

private:
    void formatChanged();
    void updateDestination();
    void browse();
    [[nodiscard]] bool writesFolder() const;

    QString m_documentPath;
    QString m_corpusFolder;
    QTreeWidget *m_formats;
    QComboBox *m_status;
    QComboBox *m_unit;
    QLabel *m_unitNote;
    QCheckBox *m_wholeCorpus;
    QLineEdit *m_path;
    QLabel *m_pathLabel;
    QPushButton *m_export;
    bool m_pathEdited = false; // the user typed or chose a path: format changes keep it
};

} // namespace Scholiast
