// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Annotate > Labels… and a folder's shared label schema (issue 18 item 2).
#include "mainwindow.h"

#include "editing/annotationdocument.h"
#include "formats/labelschemafile.h"
#include "labeleditor.h"
#include "view/annotationview.h"
#include "view/findbar.h"

#include <QAction>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <utility>

namespace Scholiast {

void MainWindow::createLabelActions()
{
    QAction *labels = addAction(QStringLiteral("edit_labels"), tr("&Labels…"));
    labels->setToolTip(tr("Add, rename, recolour and reorder the labels and set their keys"));
    connect(labels, &QAction::triggered, this, &MainWindow::openLabelEditor);

    // A strip under the banner offering the folder's shared labels: the user decides, nothing
    // is applied silently.
    m_sharedLabelsBar = new QWidget;
    m_sharedLabelsBar->setObjectName(QStringLiteral("SharedLabelsBar"));
    m_sharedLabelsBar->setAutoFillBackground(true);
    QPalette palette = m_sharedLabelsBar->palette();
    palette.setColor(QPalette::Window, QColor(0xE3, 0xEE, 0xFA));
    palette.setColor(QPalette::WindowText, QColor(0x10, 0x2A, 0x43));
    m_sharedLabelsBar->setPalette(palette);
    m_sharedLabelsText = new QLabel;
    m_sharedLabelsText->setWordWrap(true);
    m_sharedLabelsText->setTextFormat(Qt::PlainText);
    m_sharedLabelsUse = new QPushButton(tr("Use Shared Labels"));
    m_sharedLabelsUse->setObjectName(QStringLiteral("UseSharedLabelsButton"));
    auto *dismiss = new QPushButton(tr("Keep This Document's"));
    dismiss->setObjectName(QStringLiteral("KeepDocumentLabelsButton"));
    auto *layout = new QHBoxLayout(m_sharedLabelsBar);
    layout->setContentsMargins(10, 4, 6, 4);
    layout->addWidget(m_sharedLabelsText, 1);
    layout->addWidget(m_sharedLabelsUse);
    layout->addWidget(dismiss);
    m_sharedLabelsBar->hide();
    if (auto *central = qobject_cast<QVBoxLayout *>(centralWidget()->layout())) {
        central->insertWidget(1, m_sharedLabelsBar); // under the banner, above the text
    }
    connect(dismiss, &QPushButton::clicked, m_sharedLabelsBar, &QWidget::hide);
    connect(m_sharedLabelsUse, &QPushButton::clicked, this, [this] {
        m_sharedLabelsBar->hide();
        if (!m_document) {
            return;
        }
        Diagnostics diagnostics;
        const auto shared = LabelSchemaFile::read(LabelSchemaFile::pathFor(m_document->path()), diagnostics);
        if (!shared) {
            return;
        }
        // The shared labels in their order, then the document's own that the schema lacks, so
        // that no span loses its label.
        LabelSchema merged = *shared;
        for (const Label &label : m_document->labels().labels()) {
            if (!merged.contains(label.name)) {
                Label kept = label;
                if (merged.findByKey(kept.key)) {
                    kept.key.clear();
                }
                merged.add(kept);
            }
        }
        m_document->editLabels(merged);
    });
}

void MainWindow::openLabelEditor()
{
    if (!m_document) {
        return;
    }
    LabelEditor editor(m_document, m_view->colorTheme(), this);
    editor.exec();
}

LabelSchema MainWindow::startingLabels(const QString &documentPath)
{
    // A document not annotated yet starts with its folder's shared labels (docs/FORMAT.md §20).
    const QString path = LabelSchemaFile::pathFor(documentPath);
    if (!QFileInfo::exists(path)) {
        return LabelSchema::defaultSchema();
    }
    Diagnostics diagnostics;
    if (const auto shared = LabelSchemaFile::read(path, diagnostics); shared && !shared->isEmpty()) {
        return *shared;
    }
    m_sharedLabelsProblem =
        diagnostics.isEmpty() ? tr("%1 has no labels.").arg(path) : diagnostics.constFirst().toString();
    return LabelSchema::defaultSchema();
}

void MainWindow::offerSharedLabels()
{
    m_sharedLabelsBar->hide();
    if (!m_document) {
        return;
    }
    if (!m_sharedLabelsProblem.isEmpty()) {
        m_sharedLabelsText->setText(tr("The folder's shared labels could not be read, so the default labels are "
                                       "used: %1")
                                        .arg(std::exchange(m_sharedLabelsProblem, QString())));
        m_sharedLabelsUse->hide();
        m_sharedLabelsBar->show();
        return;
    }
    const QString path = LabelSchemaFile::pathFor(m_document->path());
    if (m_readOnly || !QFileInfo::exists(path)) {
        return;
    }
    Diagnostics diagnostics;
    const auto shared = LabelSchemaFile::read(path, diagnostics);
    if (!shared) {
        m_sharedLabelsText->setText(tr("The folder's shared labels could not be read: %1")
                                        .arg(diagnostics.isEmpty() ? path : diagnostics.constFirst().toString()));
        m_sharedLabelsUse->hide();
        m_sharedLabelsBar->show();
        return;
    }
    if (*shared == m_document->labels()) {
        return;
    }
    m_sharedLabelsText->setText(
        tr("This document's labels differ from the folder's shared labels (%1).").arg(LabelSchemaFile::fileName()));
    m_sharedLabelsUse->show();
    m_sharedLabelsBar->show();
}

void MainWindow::followLabels()
{
    // The labels changed (the editor, an import, the shared schema): everything that shows them.
    rebuildLabelActions();
    updateReliabilityActions();
    m_findBar->setDocument(m_document);
    m_view->viewport()->update();
}

} // namespace Scholiast
