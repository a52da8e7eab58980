// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The window's relations (issue 19): R on a span, Tab to the span it relates to, Enter; the
// Relations dock; the quote attribution labels; deleting a span that has relations.
#include "mainwindow.h"

#include "editing/annotationdocument.h"
#include "relations/relationsdock.h"
#include "view/annotationview.h"

#include <QAbstractButton>
#include <QAction>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>

namespace Scholiast {

void MainWindow::createRelationActions()
{
    m_relationsDock = new RelationsDock(this);
    addDockWidget(Qt::RightDockWidgetArea, m_relationsDock);
    m_relationsDock->hide();
    QAction *toggle = m_relationsDock->toggleViewAction();
    toggle->setObjectName(QStringLiteral("relations_dock"));
    m_actions.insert(toggle->objectName(), toggle);
    connect(m_relationsDock, &RelationsDock::spanRequested, this, [this](const QString &id) {
        m_view->revealSpan(id);
        m_view->setFocus();
    });
    // A document with relations opens with its list in view.
    connect(this, &MainWindow::documentOpened, this, [this] {
        if (m_document && !m_document->spans()->relations().isEmpty() && m_relationsDock->isHidden()) {
            m_relationsDock->show();
        }
    });

    QAction *cancel = addAction(QStringLiteral("cancel_relation"), tr("Cancel Relation"), QKeySequence(Qt::Key_Escape),
                                Qt::WidgetShortcut);
    cancel->setEnabled(false); // Escape is the view's own key otherwise
    connect(cancel, &QAction::triggered, this, &MainWindow::cancelRelating);

    // A quote interrupted by "he said" is one span in pieces (docs/FORMAT.md §6.9): click the
    // span, select the next piece, press +. With the cursor in a piece, - takes it out again.
    QAction *fragment = addAction(QStringLiteral("add_fragment"), tr("Add Selection as &Fragment of Span"),
                                  QKeySequence(Qt::Key_Plus), Qt::WidgetShortcut);
    fragment->setToolTip(tr("Make the selected text another piece of the current span (a quote interrupted by "
                            "its attribution is one span in two pieces)"));
    connect(fragment, &QAction::triggered, this, [this] {
        const QString id = m_view->currentSpan();
        if (!m_document || id.isEmpty() || !m_view->hasSelection()) {
            statusBar()->showMessage(tr("Click a span, select the text to add to it, then press +"), 4000);
            return;
        }
        const auto [start, end] = m_view->snappedSelection();
        if (m_document->addFragment(id, start, end)) {
            m_view->clearSelection();
            m_view->setCurrentSpan(id);
        }
    });
    QAction *unfragment = addAction(QStringLiteral("remove_fragment"), tr("Remove Fragment of Span at Cursor"),
                                    QKeySequence(Qt::Key_Minus), Qt::WidgetShortcut);
    connect(unfragment, &QAction::triggered, this, [this] {
        const QString id = m_view->currentSpan();
        if (!m_document || id.isEmpty() || !m_document->removeFragment(id, m_view->cursorPosition())) {
            statusBar()->showMessage(tr("Put the cursor in a piece of a span in pieces to remove that piece"), 4000);
        }
    });
    m_annotateMenu->addSeparator();
    m_annotateMenu->addAction(fragment);
    m_annotateMenu->addAction(unfragment);

    QAction *preset = addAction(QStringLiteral("quote_attribution_labels"), tr("Add &Quote Attribution Labels"));
    preset->setToolTip(tr("Add the label source and the relation attributed_to (from a quote or a claim to its "
                          "source) to this document's labels"));
    connect(preset, &QAction::triggered, this, &MainWindow::addQuoteAttributionLabels);
    m_annotateMenu->addSeparator();
    m_annotateMenu->addAction(preset);
    m_annotateMenu->addAction(toggle);
}

bool MainWindow::startRelating()
{
    if (!m_document || m_document->isReadOnly() || m_document->labels().relationLabels().isEmpty()) {
        return false;
    }
    const Annotation *from = m_document->spans()->find(m_view->currentSpan());
    if (!from || from->status() == Annotation::Status::Pending || from->status() == Annotation::Status::Conflict) {
        return false; // R rejects a suggestion or drops a conflict's version there
    }
    m_view->setRelationSource(from->id);
    action(QStringLiteral("cancel_relation"))->setEnabled(true);
    statusBar()->showMessage(tr("Relate the %1 span to…: Tab or a click picks the span, Enter relates, Escape "
                                "cancels")
                                 .arg(from->label));
    return true;
}

void MainWindow::finishRelating()
{
    const QString from = m_view->relationSource();
    const QString to = m_view->currentSpan();
    cancelRelating();
    const Annotation *fromSpan = m_document ? m_document->spans()->find(from) : nullptr;
    const Annotation *toSpan = m_document ? m_document->spans()->find(to) : nullptr;
    if (!fromSpan || !toSpan || from == to) {
        statusBar()->showMessage(tr("No relation made: pick another span than the first"), 8000);
        return;
    }
    // The first relation label of the schema that allows these two labels.
    for (const RelationLabel &label : m_document->labels().relationLabels()) {
        if (label.allows(fromSpan->label, toSpan->label)) {
            if (m_document->relate(from, to, label.name).isEmpty()) {
                statusBar()->showMessage(tr("These spans are related as %1 already").arg(label.name), 8000);
            } else {
                statusBar()->showMessage(tr("Related %1 to %2 as %3").arg(fromSpan->label, toSpan->label, label.name),
                                         8000);
                if (m_relationsDock->isHidden()) {
                    m_relationsDock->show();
                }
            }
            return;
        }
    }
    statusBar()->showMessage(
        tr("No relation label goes from a %1 span to a %2 span").arg(fromSpan->label, toSpan->label), 8000);
}

void MainWindow::cancelRelating()
{
    m_view->setRelationSource(QString());
    action(QStringLiteral("cancel_relation"))->setEnabled(false);
    statusBar()->clearMessage();
}

void MainWindow::addQuoteAttributionLabels()
{
    if (!m_document || m_document->isReadOnly()) {
        return;
    }
    // The labels the document has, plus those of the preset it lacks, in one undo step.
    LabelSchema labels = m_document->labels();
    const LabelSchema preset = LabelSchema::quoteAttributionSchema();
    for (const Label &label : preset.labels()) {
        if (!labels.contains(label.name)) {
            labels.add(Label{label.name, QString(), labels.findByKey(label.key) ? QString() : label.key});
        }
    }
    QList<RelationLabel> relationLabels = labels.relationLabels();
    for (const RelationLabel &label : preset.relationLabels()) {
        if (!labels.findRelationLabel(label.name)) {
            relationLabels.append(label);
        }
    }
    labels.setRelationLabels(relationLabels);
    m_document->editLabels(labels);
    statusBar()->showMessage(tr("Labels for quote attribution added: tag the speaker as source, then R on a quote "
                                "or claim, Tab to its source, Enter"),
                             15000);
}

bool MainWindow::confirmRemovingRelations(const QStringList &spanIds)
{
    qsizetype count = 0;
    for (const Relation &relation : m_document->spans()->relations()) {
        count += (spanIds.contains(relation.from) || spanIds.contains(relation.to)) ? 1 : 0;
    }
    if (count == 0) {
        return true;
    }
    QMessageBox box(QMessageBox::Question, tr("Remove Span"),
                    count == 1 ? tr("This span has a relation. Remove it with the span?")
                               : tr("This span has %1 relations. Remove them with it?").arg(count),
                    QMessageBox::Yes | QMessageBox::Cancel, this);
    box.setInformativeText(tr("Undo brings back the span and its relations together."));
    box.button(QMessageBox::Yes)->setText(tr("Remove Span and Relations"));
    box.setDefaultButton(QMessageBox::Yes);
    return box.exec() == QMessageBox::Yes;
}

} // namespace Scholiast
