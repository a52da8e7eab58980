// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editing/suggestionrunner.h"

#include <QObject>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QAction;
class QUndoCommand;
class QProgressBar;
class QPushButton;
QT_END_NAMESPACE

namespace Scholiast {

class AnnotationDocument;
class AnnotationView;

/// Annotate > Suggest (docs/SUGGEST.md): runs a suggester on the open document in the
/// background, adds its pending suggestions as one undo step, and accepts or rejects them.
/// A rejected suggestion is removed (undo brings it back); an accepted one keeps its source.
/// It works on the document given to setDocument() and the view's caret and current span; it
/// reports through message() and shows its progress in two widgets the window places.
class SuggestionController : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SuggestionController)

public:
    /// `view` gives the caret and the current span, and parents the dialogs.
    explicit SuggestionController(AnnotationView *view, QObject *parent = nullptr);

    /// The document suggestions are made for and decided in (nullptr: none).
    void setDocument(AnnotationDocument *document);
    [[nodiscard]] AnnotationDocument *document() const { return m_document; }
    /// A run's progress and its cancel button, hidden while idle; the window shows them in its
    /// status bar (which then owns them).
    [[nodiscard]] QProgressBar *progressBar() const { return m_progress; }
    [[nodiscard]] QPushButton *cancelButton() const { return m_cancel; }

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
    /// A line for the status bar, shown for `timeout` milliseconds (0: until replaced).
    void message(const QString &text, int timeout);

private:
    // Pushes `command`, which accepts the spans `ids`, with the relations that accepting them settles.
    void pushAccepting(QUndoCommand *command, const QStringList &ids);
    void finish(const QList<Annotation> &suggestions, const QList<Suggest::SuggestedRelation> &relations,
                const Diagnostics &diagnostics, bool cancelled);
    void goToNextSuggestion(const QString &after);

    AnnotationView *m_view;
    QPointer<AnnotationDocument> m_document;
    SuggestionRunner *m_runner;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QString m_running; // the suggester's name while it runs
    QString m_runningPath; // the document it runs on
};

} // namespace Scholiast
