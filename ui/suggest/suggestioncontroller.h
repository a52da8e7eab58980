// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editing/suggestionrunner.h"

#include <QObject>

QT_BEGIN_NAMESPACE
class QAction;
class QProgressBar;
class QPushButton;
QT_END_NAMESPACE

namespace Scholiast {

class MainWindow;

/// Annotate > Suggest (docs/SUGGEST.md): runs a suggester on the open document in the
/// background, adds its pending suggestions as one undo step, and accepts or rejects them.
/// A rejected suggestion is removed (undo brings it back); an accepted one keeps its source.
class SuggestionController : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SuggestionController)

public:
    explicit SuggestionController(MainWindow *window);

    /// Runs a suggester on the open document; false when none is open or a run is going on.
    bool run(SuggestionRunner::Kind kind, const QString &argument = QString());
    [[nodiscard]] SuggestionRunner *runner() const { return m_runner; }

    /// The current span when it is a suggestion, else the first suggestion from the caret on.
    [[nodiscard]] QString currentSuggestion() const;
    /// Accept / reject the current suggestion (one undo step each), then go to the next one.
    bool acceptCurrent();
    bool rejectCurrent();
    /// Accepts every pending span of `source` with a score of at least `minScore` as one undo
    /// step; returns how many.
    qsizetype acceptAll(const QString &source, double minScore);
    /// The sources of the pending spans in the open document, sorted.
    [[nodiscard]] QStringList pendingSources() const;

    /// Asks for the rules file, the command or the score, then acts (the menu's entries).
    void runRulesInteractively();
    void runModelInteractively();
    void acceptAllInteractively();

Q_SIGNALS:
    /// A run ended: how many suggestions were added (0 when cancelled or failed).
    void runFinished(qsizetype added);

private:
    void finish(const QList<Annotation> &suggestions, const Diagnostics &diagnostics, bool cancelled);
    void goToNextSuggestion(const QString &after);

    MainWindow *m_window;
    SuggestionRunner *m_runner;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QString m_running; // the suggester's name while it runs
    QString m_runningPath; // the document it runs on
};

} // namespace Scholiast
