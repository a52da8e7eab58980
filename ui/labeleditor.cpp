// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "labeleditor.h"

#include "editing/annotationdocument.h"
#include "formats/labelschemafile.h"

#include <QColorDialog>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Scholiast {

namespace {
constexpr int OriginalNameRole = Qt::UserRole;
constexpr int ExtraFieldsRole = Qt::UserRole + 1;

QIcon swatch(const QColor &color)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    if (color.isValid()) {
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setBrush(color);
        painter.setPen(color.darker(140));
        painter.drawRoundedRect(QRectF(1.5, 1.5, 13, 13), 3, 3);
    }
    return QIcon(pixmap);
}

QString cellText(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}
} // namespace

LabelEditor::LabelEditor(AnnotationDocument *document, const ColorTheme &theme, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_theme(theme)
    , m_table(new QTableWidget(0, 3))
    , m_addButton(new QPushButton(tr("&Add Label")))
    , m_upButton(new QPushButton(tr("Move &Up")))
    , m_downButton(new QPushButton(tr("Move &Down")))
    , m_colorButton(new QPushButton(tr("&Colour…")))
    , m_folderButton(new QPushButton(tr("Save as &Folder Schema")))
    , m_problems(new QLabel)
    , m_contrast(new QLabel)
    , m_saved(new QLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel))
{
    setObjectName(QStringLiteral("LabelEditor"));
    setWindowTitle(tr("Labels"));
    m_table->setObjectName(QStringLiteral("LabelTable"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Colour"), tr("Key")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(ColorColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(KeyColumn, QHeaderView::ResizeToContents);
    m_addButton->setObjectName(QStringLiteral("AddLabelButton"));
    m_upButton->setObjectName(QStringLiteral("MoveUpButton"));
    m_downButton->setObjectName(QStringLiteral("MoveDownButton"));
    m_colorButton->setObjectName(QStringLiteral("ColorButton"));
    m_folderButton->setObjectName(QStringLiteral("SaveFolderSchemaButton"));
    m_folderButton->setToolTip(tr("Write these labels to %1 in the document's folder: documents there without "
                                  "annotations start with them")
                                   .arg(LabelSchemaFile::fileName()));
    m_problems->setObjectName(QStringLiteral("LabelProblems"));
    m_contrast->setObjectName(QStringLiteral("ContrastWarnings"));
    m_saved->setObjectName(QStringLiteral("FolderSchemaStatus"));
    for (QLabel *label : {m_problems, m_contrast, m_saved}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->hide();
    }
    QPalette problemPalette = m_problems->palette();
    problemPalette.setColor(QPalette::WindowText, QColor(0xB0, 0x1E, 0x1E));
    m_problems->setPalette(problemPalette);

    auto *side = new QVBoxLayout;
    for (QPushButton *button : {m_addButton, m_upButton, m_downButton, m_colorButton}) {
        button->setAutoDefault(false);
        side->addWidget(button);
    }
    side->addStretch(1);
    auto *top = new QHBoxLayout;
    top->addWidget(m_table, 1);
    top->addLayout(side);
    auto *bottom = new QHBoxLayout;
    m_folderButton->setAutoDefault(false);
    bottom->addWidget(m_folderButton);
    bottom->addStretch(1);
    bottom->addWidget(m_buttons);
    auto *layout = new QVBoxLayout(this);
    auto *hint = new QLabel(tr("Double-click a cell to edit it. Renaming a label relabels all its spans; "
                               "Apply and OK are each one undo step."));
    hint->setWordWrap(true);
    layout->addWidget(hint);
    layout->addLayout(top, 1);
    layout->addWidget(m_problems);
    layout->addWidget(m_contrast);
    layout->addWidget(m_saved);
    layout->addLayout(bottom);

    if (document) {
        m_populating = true;
        for (const Label &label : document->labels().labels()) {
            addRow(label, label.name);
        }
        m_populating = false;
    }
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_populating) {
            validate();
        }
    });
    connect(m_table, &QTableWidget::currentCellChanged, this, &LabelEditor::validate);
    connect(m_addButton, &QPushButton::clicked, this, &LabelEditor::addLabel);
    connect(m_upButton, &QPushButton::clicked, this, [this] { moveCurrentRow(-1); });
    connect(m_downButton, &QPushButton::clicked, this, [this] { moveCurrentRow(1); });
    connect(m_colorButton, &QPushButton::clicked, this, &LabelEditor::chooseColor);
    connect(m_folderButton, &QPushButton::clicked, this, &LabelEditor::saveAsFolderSchema);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &LabelEditor::apply);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (apply()) {
            accept();
        }
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (m_table->rowCount() > 0) {
        m_table->setCurrentCell(0, NameColumn);
    }
    validate();
    resize(sizeHint().expandedTo(QSize(480, 360)));
}

LabelEditor::~LabelEditor() = default;

void LabelEditor::addRow(const Label &label, const QString &original)
{
    const QSignalBlocker blocker(m_table);
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *name = new QTableWidgetItem(label.name);
    name->setData(OriginalNameRole, original);
    name->setData(ExtraFieldsRole, label.extraFields);
    m_table->setItem(row, NameColumn, name);
    m_table->setItem(row, ColorColumn, new QTableWidgetItem(label.color));
    m_table->setItem(row, KeyColumn, new QTableWidgetItem(label.key));
}

void LabelEditor::addLabel()
{
    // A fresh name and the next unused colour and digit, as LabelSchema::add gives them.
    LabelSchema current = LabelSchema::fromLabels({});
    for (int row = 0; row < m_table->rowCount(); ++row) {
        current.add({cellText(m_table, row, NameColumn), cellText(m_table, row, ColorColumn),
                     cellText(m_table, row, KeyColumn)});
    }
    QString name = tr("label");
    for (int n = 2; current.contains(name); ++n) {
        name = tr("label %1").arg(n);
    }
    current.add({name, QString(), QString()});
    addRow(current.labels().constLast(), QString());
    const int row = m_table->rowCount() - 1;
    m_table->setCurrentCell(row, NameColumn);
    m_table->editItem(m_table->item(row, NameColumn)); // typing names it
    validate();
}

void LabelEditor::swapRows(int a, int b)
{
    const QSignalBlocker blocker(m_table);
    for (int column = 0; column < m_table->columnCount(); ++column) {
        QTableWidgetItem *first = m_table->takeItem(a, column);
        QTableWidgetItem *second = m_table->takeItem(b, column);
        m_table->setItem(a, column, second);
        m_table->setItem(b, column, first);
    }
}

void LabelEditor::moveCurrentRow(int step)
{
    const int row = m_table->currentRow();
    const int target = row + step;
    if (row < 0 || target < 0 || target >= m_table->rowCount()) {
        return;
    }
    swapRows(row, target);
    m_table->setCurrentCell(target, m_table->currentColumn() < 0 ? NameColumn : m_table->currentColumn());
    validate();
}

void LabelEditor::chooseColor()
{
    const int row = m_table->currentRow();
    if (row < 0) {
        return;
    }
    const QColor chosen = QColorDialog::getColor(QColor(cellText(m_table, row, ColorColumn)), this,
                                                 tr("Colour of %1").arg(cellText(m_table, row, NameColumn)));
    if (chosen.isValid()) {
        m_table->item(row, ColorColumn)->setText(chosen.name(QColor::HexRgb));
    }
}

LabelSchema LabelEditor::editedLabels() const
{
    QList<Label> labels;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        Label label{cellText(m_table, row, NameColumn), cellText(m_table, row, ColorColumn).toLower(),
                    cellText(m_table, row, KeyColumn)};
        label.extraFields = m_table->item(row, NameColumn)->data(ExtraFieldsRole).toJsonObject();
        labels.append(label);
    }
    return LabelSchema::fromLabels(labels);
}

QHash<QString, QString> LabelEditor::renames() const
{
    QHash<QString, QString> renames;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString original = m_table->item(row, NameColumn)->data(OriginalNameRole).toString();
        const QString name = cellText(m_table, row, NameColumn);
        if (!original.isEmpty() && original != name) {
            renames.insert(original, name);
        }
    }
    return renames;
}

QStringList LabelEditor::problems() const
{
    QStringList problems;
    QHash<QString, QString> keys; // key -> label
    QSet<QString> names;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString name = cellText(m_table, row, NameColumn);
        const QString color = cellText(m_table, row, ColorColumn);
        const QString key = cellText(m_table, row, KeyColumn);
        if (name.isEmpty()) {
            problems.append(tr("Row %1 has no name.").arg(row + 1));
        } else if (names.contains(name)) {
            problems.append(tr("The name “%1” is used twice.").arg(name));
        }
        names.insert(name);
        if (!Label::isColor(color)) {
            problems.append(tr("“%1”: the colour “%2” is not of the form #rrggbb.").arg(name, color));
        }
        if (key.size() > 1) {
            problems.append(tr("“%1”: the key “%2” must be a single character.").arg(name, key));
        } else if (!key.isEmpty()) {
            if (const auto other = keys.constFind(key.toLower()); other != keys.constEnd()) {
                problems.append(tr("The key “%1” is used by “%2” and “%3”.").arg(key, *other, name));
            }
            keys.insert(key.toLower(), name);
        }
    }
    return problems;
}

QStringList LabelEditor::contrastWarnings() const
{
    // The check the view makes when it draws (ColorTheme::labelColor): such a colour is shown
    // adjusted, so the user learns it here rather than wondering at the view.
    QStringList warnings;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString color = cellText(m_table, row, ColorColumn);
        if (!Label::isColor(color)) {
            continue;
        }
        const double ratio = ColorTheme::contrastRatio(QColor(color), m_theme.background());
        if (ratio < ColorTheme::MinimumLabelContrast) {
            warnings.append(tr("“%1”: %2 has a contrast of %3:1 on the %4 background (%5:1 is needed); the view "
                               "draws it %6.")
                                .arg(cellText(m_table, row, NameColumn), color.toLower(),
                                     QString::number(ratio, 'f', 1), m_theme.isDark() ? tr("dark") : tr("light"),
                                     QString::number(ColorTheme::MinimumLabelContrast, 'f', 0),
                                     m_theme.isDark() ? tr("lighter") : tr("darker")));
        }
    }
    return warnings;
}

void LabelEditor::updateSwatches()
{
    const QSignalBlocker blocker(m_table);
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (QTableWidgetItem *item = m_table->item(row, ColorColumn)) {
            const QString color = item->text().trimmed();
            item->setIcon(swatch(Label::isColor(color) ? QColor(color) : QColor()));
        }
    }
}

void LabelEditor::validate()
{
    updateSwatches();
    const QStringList problems = this->problems();
    m_problems->setText(problems.join(u'\n'));
    m_problems->setVisible(!problems.isEmpty());
    const QStringList warnings = contrastWarnings();
    m_contrast->setText(warnings.join(u'\n'));
    m_contrast->setVisible(!warnings.isEmpty());
    const bool valid = problems.isEmpty();
    const bool editable = m_document && !m_document->isReadOnly();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
    m_buttons->button(QDialogButtonBox::Apply)->setEnabled(valid && editable);
    m_folderButton->setEnabled(valid && m_document);
    const int row = m_table->currentRow();
    m_upButton->setEnabled(row > 0);
    m_downButton->setEnabled(row >= 0 && row + 1 < m_table->rowCount());
    m_colorButton->setEnabled(row >= 0);
}

bool LabelEditor::apply()
{
    if (!m_document || !problems().isEmpty()) {
        return false;
    }
    m_document->editLabels(editedLabels(), renames());
    // The next Apply is a step of its own, from the names as they are now.
    const QSignalBlocker blocker(m_table);
    for (int row = 0; row < m_table->rowCount(); ++row) {
        m_table->item(row, NameColumn)->setData(OriginalNameRole, cellText(m_table, row, NameColumn));
    }
    return true;
}

bool LabelEditor::saveAsFolderSchema()
{
    if (!m_document || !problems().isEmpty()) {
        return false;
    }
    const QString path = LabelSchemaFile::pathFor(m_document->path());
    Diagnostics diagnostics;
    if (!LabelSchemaFile::write(path, editedLabels(), diagnostics)) {
        QStringList lines;
        for (const Diagnostic &d : std::as_const(diagnostics)) {
            lines.append(d.toString());
        }
        QMessageBox::warning(this, tr("Cannot Save the Folder Schema"), lines.join(u'\n'));
        return false;
    }
    m_saved->setText(tr("Saved as %1: documents of this folder without annotations start with these labels.")
                         .arg(QFileInfo(path).fileName()));
    m_saved->show();
    return true;
}

} // namespace Scholiast
