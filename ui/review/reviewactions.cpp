// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Layers and review mode in the window: the actions, the Review menu, View > Layers and the
// review dock, wired to the ReviewController. Kept apart from mainwindow.cpp, which calls
// createReviewActions() once.
#include "mainwindow.h"

#include "editing/annotationdocument.h"
#include "view/annotationview.h"
#include "view/layerpainter.h"
#include "reviewcontroller.h"
#include "reviewdock.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>

namespace Scholiast {

void MainWindow::createReviewActions()
{
    m_reviewController = new ReviewController(m_view, this);
    m_view->setOverlay(m_reviewController->painter());

    QAction *importLayer = addAction(QStringLiteral("import_layer"), tr("Import as &Layer…"));
    connect(importLayer, &QAction::triggered, this, [this] { importAnnotationsInteractively(true); });

    QAction *review =
        addAction(QStringLiteral("review_mode"), tr("&Review Mode"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R));
    review->setCheckable(true);
    review->setToolTip(tr("Compare a candidate layer with a reference layer"));
    QAction *next = addAction(QStringLiteral("next_disagreement"), tr("&Next Disagreement"), QKeySequence(Qt::Key_F8));
    QAction *previous = addAction(QStringLiteral("previous_disagreement"), tr("&Previous Disagreement"),
                                  QKeySequence(Qt::SHIFT | Qt::Key_F8));
    QAction *accept = addAction(QStringLiteral("accept_candidate"), tr("&Accept Candidate"),
                                QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_A));
    QAction *keep = addAction(QStringLiteral("keep_reference"), tr("&Keep Reference"),
                              QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_K));
    QAction *fix =
        addAction(QStringLiteral("fix_by_hand"), tr("&Fix by Hand"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_F));

    m_reviewDock = new ReviewDock(m_reviewController, {previous, next, accept, keep, fix}, this);
    addDockWidget(Qt::RightDockWidgetArea, m_reviewDock);
    m_reviewDock->hide();

    const auto start = [this] {
        if (!m_reviewController->startReview(m_reviewDock->referenceChoice(), m_reviewDock->candidateChoice())) {
            statusBar()->showMessage(tr("Choose a reference and a candidate layer"), 4000);
        }
    };
    connect(review, &QAction::toggled, this, [this, start](bool on) {
        if (on) {
            m_reviewDock->show();
            start();
        } else {
            m_reviewController->stopReview();
        }
    });
    connect(m_reviewDock, &ReviewDock::choiceChanged, this, [this, start] {
        if (m_reviewController->isReviewing()) {
            start();
        }
    });
    connect(next, &QAction::triggered, this, [this] { m_reviewController->step(1); });
    connect(previous, &QAction::triggered, this, [this] { m_reviewController->step(-1); });
    connect(accept, &QAction::triggered, this,
            [this] { m_reviewController->decide(ReviewDecision::Decision::AcceptCandidate); });
    connect(keep, &QAction::triggered, this,
            [this] { m_reviewController->decide(ReviewDecision::Decision::KeepReference); });
    connect(fix, &QAction::triggered, this, [this] { m_reviewController->decide(ReviewDecision::Decision::Fix); });
    connect(m_reviewController, &ReviewController::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 5000); });
    connect(m_reviewController->painter(), &ViewOverlay::changed, m_view->viewport(), qOverload<>(&QWidget::update));

    const auto updateReviewActions = [this, review, next, previous, accept, keep, fix, importLayer] {
        const bool open = m_document;
        const bool reviewing = m_reviewController->isReviewing();
        const bool current = reviewing && m_reviewController->currentSpot().has_value();
        importLayer->setEnabled(open);
        review->setEnabled(open);
        {
            const QSignalBlocker blocker(review);
            review->setChecked(reviewing);
        }
        next->setEnabled(reviewing);
        previous->setEnabled(reviewing);
        for (QAction *action : {accept, keep, fix}) {
            action->setEnabled(current);
        }
    };
    connect(m_reviewController, &ReviewController::reviewChanged, this, updateReviewActions);
    connect(m_reviewController, &ReviewController::currentSpotChanged, this, updateReviewActions);
    connect(this, &MainWindow::documentOpened, this, updateReviewActions);
    updateReviewActions();

    // Menus: File > Import as Layer, View > Layers, and a Review menu before Help.
    QMenu *fileMenu = nullptr;
    QMenu *viewMenu = nullptr;
    QAction *helpMenu = nullptr;
    for (QAction *action : menuBar()->actions()) {
        if (!action->menu()) {
            continue;
        }
        if (action->menu()->actions().contains(this->action(QStringLiteral("import_annotations")))) {
            fileMenu = action->menu();
        } else if (action->menu()->actions().contains(this->action(QStringLiteral("zoom_in")))) {
            viewMenu = action->menu();
        } else if (action->menu()->actions().contains(this->action(QStringLiteral("about")))) {
            helpMenu = action;
        }
    }
    if (fileMenu) {
        QAction *after = this->action(QStringLiteral("import_annotations"));
        const QList<QAction *> items = fileMenu->actions();
        const qsizetype at = items.indexOf(after);
        fileMenu->insertAction(items.value(at + 1), importLayer);
    }
    auto *layersMenu = new QMenu(tr("&Layers"), this);
    layersMenu->setObjectName(QStringLiteral("LayersMenu"));
    if (viewMenu) {
        viewMenu->addSeparator();
        viewMenu->addMenu(layersMenu);
        viewMenu->addAction(m_reviewDock->toggleViewAction());
    }
    const auto rebuildLayers = [this, layersMenu] {
        layersMenu->clear();
        LayerSet *layers = m_reviewController->layers();
        const QStringList names = layers->names();
        for (const QString &name : names) {
            // Alt+1..9 do not exist elsewhere; the menu's mnemonics reach each layer by keyboard.
            QAction *toggle = layersMenu->addAction(
                names.size() <= 9 ? QStringLiteral("&%1 %2").arg(names.indexOf(name) + 1).arg(name) : name);
            toggle->setObjectName(QStringLiteral("layer_") + name);
            toggle->setCheckable(true);
            toggle->setChecked(layers->isVisible(name));
            connect(toggle, &QAction::toggled, layers, [layers, name](bool on) { layers->setVisible(name, on); });
        }
        if (names.isEmpty()) {
            layersMenu->addAction(tr("No layers: add <document>.<name>.scholiast.json or use File > Import as Layer"))
                ->setEnabled(false);
        }
    };
    connect(m_reviewController->layers(), &LayerSet::layersChanged, this, rebuildLayers);
    rebuildLayers();

    auto *reviewMenu = new QMenu(tr("Re&view"), this);
    reviewMenu->addAction(review);
    reviewMenu->addSeparator();
    reviewMenu->addAction(next);
    reviewMenu->addAction(previous);
    reviewMenu->addSeparator();
    reviewMenu->addAction(accept);
    reviewMenu->addAction(keep);
    reviewMenu->addAction(fix);
    reviewMenu->addSeparator();
    reviewMenu->addAction(m_reviewDock->toggleViewAction());
    if (helpMenu) {
        menuBar()->insertMenu(helpMenu, reviewMenu);
    } else {
        menuBar()->addMenu(reviewMenu);
    }
}

void MainWindow::addLoadedLayers(std::vector<LayerFile> layers, const Diagnostics &problems)
{
    m_reviewController->addLayers(std::move(layers));
    if (problems.isEmpty()) {
        return;
    }
    // A layer that cannot be read is left out; the document is open all the same.
    QStringList lines;
    for (const Diagnostic &d : problems) {
        lines.append(d.toString().toHtmlEscaped());
    }
    const QString text = tr("<b>Problems in the annotation layers beside the document.</b> A layer with errors is "
                            "left out; the document is open all the same.<br>%1")
                             .arg(lines.mid(0, 6).join(QStringLiteral("<br>")));
    const QString shown = bannerText();
    showBanner(shown.isEmpty() ? text : shown + QStringLiteral("<br>") + text);
}

ReviewController *MainWindow::reviewController() const
{
    return m_reviewController;
}

ReviewDock *MainWindow::reviewDock() const
{
    return m_reviewDock;
}

} // namespace Scholiast
