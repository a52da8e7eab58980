// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Annotate > Suggest (issue 9, docs/SUGGEST.md) and the merge conflict actions: the menu entries
// over SuggestionController and ConflictController. Kept apart from mainwindow.cpp, which only
// calls createSuggestActions().
#include "mainwindow.h"

#include "editing/annotationdocument.h"
#include "view/annotationview.h"
#include "review/conflictcontroller.h"
#include "suggestioncontroller.h"

#include <QAction>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>

namespace Scholiast {

void MainWindow::createSuggestActions()
{
    auto *controller = new SuggestionController(m_view, this);
    controller->setObjectName(QStringLiteral("suggestion_controller"));
    m_suggestions = controller;
    statusBar()->addPermanentWidget(controller->progressBar());
    statusBar()->addPermanentWidget(controller->cancelButton());
    connect(controller, &SuggestionController::message, this,
            [this](const QString &text, int timeout) { statusBar()->showMessage(text, timeout); });
    QMenu *menu = m_annotateMenu->addMenu(tr("Su&ggest"));
    menu->setObjectName(QStringLiteral("suggest_menu"));
    const auto add = [&](const char *name, const QString &text, auto &&slot) {
        QAction *a = addAction(QString::fromLatin1(name), text);
        connect(a, &QAction::triggered, controller, slot);
        menu->addAction(a);
        return a;
    };
    QList<QAction *> needDocument{
        add("suggest_quotes", tr("&Quotes"), [controller] { controller->run(SuggestionRunner::Kind::Quotes); }),
        add("suggest_boilerplate", tr("&Boilerplate"),
            [controller] { controller->run(SuggestionRunner::Kind::Boilerplate); }),
        add("suggest_rules", tr("&Rules File…"), [controller] { controller->runRulesInteractively(); }),
        add("suggest_model", tr("&Model Command…"), [controller] { controller->runModelInteractively(); }),
    };
    menu->addSeparator();
    // Merge conflicts (docs/TEAMS.md) are decided with the same two keys as suggestions.
    auto *conflicts = new ConflictController(m_view, this);
    conflicts->setObjectName(QStringLiteral("conflict_controller"));
    m_conflicts = conflicts;
    connect(conflicts, &ConflictController::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 10000); });
    // The current span decides which: a conflict version, else the suggestion from the caret on,
    // else the conflict from the caret on.
    const auto onConflict = [this, controller, conflicts] {
        return conflicts->isConflict(m_view->currentSpan())
            || (controller->currentSuggestion().isEmpty() && !conflicts->currentConflict().isEmpty());
    };
    // A and R are plain letters: only while the text view has the focus.
    QAction *accept = addAction(QStringLiteral("accept_suggestion"), tr("&Accept Suggestion / Keep Version"),
                                QKeySequence(Qt::Key_A), Qt::WidgetShortcut);
    connect(accept, &QAction::triggered, controller, [controller, conflicts, onConflict] {
        onConflict() ? conflicts->keepCurrent() : controller->acceptCurrent();
    });
    QAction *reject =
        addAction(QStringLiteral("reject_suggestion"), tr("R&eject Suggestion / Drop Version / Relate Span"),
                  QKeySequence(Qt::Key_R), Qt::WidgetShortcut);
    // On a span that is neither a suggestion nor a conflict's version, R starts a relation
    // (ui/relations/relationactions.cpp), when the labels have relations.
    connect(reject, &QAction::triggered, controller, [this, controller, conflicts, onConflict] {
        if (onConflict()) {
            conflicts->dropCurrent();
        } else if (!startRelating()) {
            controller->rejectCurrent();
        }
    });
    QAction *nextConflict = addAction(QStringLiteral("next_merge_conflict"), tr("Next &Merge Conflict"),
                                      QKeySequence(Qt::CTRL | Qt::Key_F8));
    connect(nextConflict, &QAction::triggered, conflicts, [conflicts] { conflicts->next(); });
    m_annotateMenu->addAction(nextConflict);
    connect(this, &MainWindow::documentOpened, conflicts, [this, conflicts] {
        if (const qsizetype n = conflicts->count(); n > 0) {
            statusBar()->showMessage(tr("%n merge conflict(s) from git: Annotate > Next Merge Conflict (Ctrl+F8); A "
                                        "keeps a version, R drops it",
                                        nullptr, int(n)),
                                     30000);
        }
    });
    QAction *acceptAll =
        addAction(QStringLiteral("accept_all_suggestions"), tr("Accept All of a Suggester &Above Score…"));
    connect(acceptAll, &QAction::triggered, controller, [controller] { controller->acceptAllInteractively(); });
    menu->addActions({accept, reject, acceptAll});
    needDocument << accept << reject << acceptAll << nextConflict;

    const auto update = [this, controller, needDocument] {
        const bool open = m_document && !m_document->isReadOnly();
        for (QAction *a : needDocument) {
            a->setEnabled(open && !controller->runner()->isRunning());
        }
    };
    connect(this, &MainWindow::documentOpened, controller, update);
    connect(controller, &SuggestionController::runFinished, controller, update);
    connect(controller->runner(), &SuggestionRunner::progress, controller, update);
    update();
}

} // namespace Scholiast
