// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "labelschema.h"
#include "view/colortheme.h"

#include <QDialog>
#include <QHash>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTableWidget;
QT_END_NAMESPACE

namespace Scholiast {

class AnnotationDocument;

/// Annotate > Labels…: adds, renames, recolours and reorders the open document's labels and
/// sets their keys. Apply and OK each make every edit since the last one undo step
/// (AnnotationDocument::editLabels); a rename relabels the label's spans in that step. Colours
/// are checked for contrast as the view does (ColorTheme::MinimumLabelContrast); names and keys
/// must be unique. The labels can be saved as the folder's shared schema (labels.scholiast.json).
class LabelEditor : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LabelEditor)

public:
    enum Column { NameColumn, ColorColumn, KeyColumn };

    /// `theme`: the one the view draws with, whose background the colours are checked against.
    LabelEditor(AnnotationDocument *document, const ColorTheme &theme, QWidget *parent = nullptr);
    ~LabelEditor() override;

    [[nodiscard]] QTableWidget *table() const { return m_table; }
    /// The labels as edited, in the table's order (valid only when problems() is empty).
    [[nodiscard]] LabelSchema editedLabels() const;
    /// Old name to new name for every renamed label.
    [[nodiscard]] QHash<QString, QString> renames() const;
    /// What keeps the labels from being applied (a name or key given twice, ...), one per line.
    [[nodiscard]] QStringList problems() const;
    /// Colours with too little contrast on the theme's background; a warning, not a problem.
    [[nodiscard]] QStringList contrastWarnings() const;

    /// Pushes the edits as one undo step; false when they are not valid.
    bool apply();
    /// Writes the labels as edited to the document folder's labels.scholiast.json; false after
    /// showing why it could not be written.
    bool saveAsFolderSchema();

private:
    void addRow(const Label &label, const QString &original);
    void addLabel();
    void moveCurrentRow(int step);
    void chooseColor();
    void validate();
    void updateSwatches();
    void swapRows(int a, int b);

    QPointer<AnnotationDocument> m_document;
    ColorTheme m_theme;
    QTableWidget *m_table;
    QPushButton *m_addButton;
    QPushButton *m_upButton;
    QPushButton *m_downButton;
    QPushButton *m_colorButton;
    QPushButton *m_folderButton;
    QLabel *m_problems;
    QLabel *m_contrast;
    QLabel *m_saved;
    QDialogButtonBox *m_buttons;
    bool m_populating = false; // filling the table: no validation per cell
};

} // namespace Scholiast
