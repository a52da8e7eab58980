// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the rule and model suggesters on the open document (issue 9, docs/SUGGEST.md) and accepts
// or rejects their suggestions.
#include "suggestioncontroller.h"

#include "editing/annotationdocument.h"
#include "view/annotationview.h"
#include "commands/spancommands.h"
#include "suggest/suggestion.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QInputDialog>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QUndoStack>

#include <algorithm>

namespace Scholiast {

namespace {
const QString ModelCommandKey = QStringLiteral("suggest/modelCommand");
const QString RulesFileKey = QStringLiteral("suggest/rulesFile");
} // namespace

SuggestionController::SuggestionController(AnnotationView *view, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_runner(new SuggestionRunner(this))
    , m_progress(new QProgressBar)
    , m_cancel(new QPushButton(tr("Cancel")))
{
    m_progress->setObjectName(QStringLiteral("suggest_progress"));
    m_cancel->setObjectName(QStringLiteral("suggest_cancel"));
    m_progress->setMaximumWidth(160);
    m_progress->hide();
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, m_runner, &SuggestionRunner::cancel);
    connect(m_runner, &SuggestionRunner::progress, this, [this](qint64 done, qint64 total) {
        m_progress->setRange(0, int(total));
        m_progress->setValue(int(done));
    });
    connect(m_runner, &SuggestionRunner::finished, this, &SuggestionController::finish);
}

void SuggestionController::setDocument(AnnotationDocument *document)
{
    m_document = document;
}

bool SuggestionController::run(SuggestionRunner::Kind kind, const QString &argument)
{
    AnnotationDocument *document = m_document;
    if (!document || document->isReadOnly() || m_runner->isRunning()) {
        return false;
    }
    SuggestionRunner::Request request;
    request.kind = kind;
    request.document = document->document();
    for (const Label &label : document->labels().labels()) {
        request.labels.append(label.name);
    }
    if (kind == SuggestionRunner::Kind::Quotes) {
        request.attribution = Suggest::attributionLabels(document->labels());
        if (request.attribution) {
            for (const Annotation *span : document->spans()->sorted()) {
                if (request.attribution->claims.contains(span->label)) {
                    request.claims.append(*span);
                }
            }
        }
    }
    request.rulesPath = argument;
    request.command = argument;
    if (!m_runner->start(request)) {
        return false;
    }
    m_running = SuggestionRunner::describe(request);
    m_runningPath = document->path();
    m_progress->setRange(0, 0); // busy until the first figure
    m_progress->show();
    m_cancel->show();
    Q_EMIT message(tr("Suggesting with %1…").arg(m_running), 0);
    return true;
}

void SuggestionController::finish(const QList<Annotation> &suggestions,
                                  const QList<Suggest::SuggestedRelation> &relations, const Diagnostics &diagnostics,
                                  bool cancelled)
{
    m_progress->hide();
    m_cancel->hide();
    AnnotationDocument *document = m_document;
    if (cancelled) {
        Q_EMIT message(tr("Suggesting with %1 was cancelled; nothing was added").arg(m_running), 5000);
        Q_EMIT runFinished(0);
        return;
    }
    if (hasErrors(diagnostics)) {
        QStringList lines;
        for (const Diagnostic &d : diagnostics) {
            lines.append(d.toString());
        }
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Suggest"),
                                    tr("%1 gave no suggestions; nothing was added.").arg(m_running), QMessageBox::Ok,
                                    m_view->window());
        box->setObjectName(QStringLiteral("suggest_error"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setInformativeText(lines.first());
        box->setDetailedText(lines.join(u'\n'));
        box->open();
        Q_EMIT runFinished(0);
        return;
    }
    if (!document || document->path() != m_runningPath) {
        Q_EMIT runFinished(0); // the document was closed meanwhile
        return;
    }
    const QList<Annotation> fresh = Suggest::withoutDuplicates(suggestions, document->spans()->toList());
    const QString source = QStringLiteral("rule:") + m_running;
    if (fresh.isEmpty() && Suggest::relationsOnto(relations, *document->spans(), source).isEmpty()) {
        Q_EMIT message(tr("%1: no new suggestions").arg(m_running), 5000);
        Q_EMIT runFinished(0);
        return;
    }
    // Spans first, so that the relations find their ends; one undo step for both.
    QUndoStack *stack = document->undoStack();
    const QString stepText = relations.isEmpty()
        ? tr("Suggest %n span(s) with %1", nullptr, int(fresh.size())).arg(m_running)
        : tr("Suggest %n span(s) and their relations with %1", nullptr, int(fresh.size())).arg(m_running);
    stack->beginMacro(stepText);
    const bool labelsKnown = std::all_of(fresh.begin(), fresh.end(),
                                         [&](const Annotation &a) { return document->labels().contains(a.label); });
    if (!fresh.isEmpty() && labelsKnown) {
        stack->push(new AddSpans(document->spans(), fresh, stepText));
    } else if (!fresh.isEmpty()) {
        document->importSpans(fresh, m_running); // adds the labels first
    }
    const QList<Relation> placed = Suggest::relationsOnto(relations, *document->spans(), source);
    if (!placed.isEmpty()) {
        stack->push(new AddRelations(document->spans(), placed,
                                     tr("Suggest %n relation(s) with %1", nullptr, int(placed.size())).arg(m_running)));
    }
    stack->endMacro();
    QString text = placed.isEmpty()
        ? tr("%n suggestion(s) from %1: A accepts, R rejects", nullptr, int(fresh.size())).arg(m_running)
        : tr("%n suggestion(s) from %1 and %2 relation(s) between them: A accepts, R rejects", nullptr,
             int(fresh.size()))
              .arg(m_running)
              .arg(placed.size());
    if (!diagnostics.isEmpty()) {
        text += tr(" (%n warning(s), e.g. %1)", nullptr, int(diagnostics.size())).arg(diagnostics.first().toString());
    }
    Q_EMIT message(text, 10000);
    Q_EMIT runFinished(fresh.size() + placed.size());
}

QString SuggestionController::currentSuggestion() const
{
    AnnotationDocument *document = m_document;
    if (!document) {
        return {};
    }
    const AnnotationSet *set = document->spans();
    const QString current = m_view->currentSpan();
    if (const Annotation *span = set->find(current); span && span->status() == Annotation::Status::Pending) {
        return current;
    }
    for (const Annotation *span = set->firstFrom(m_view->cursorPosition()); span; span = set->next(span->id)) {
        if (span->status() == Annotation::Status::Pending) {
            return span->id;
        }
    }
    return {};
}

void SuggestionController::goToNextSuggestion(const QString &after)
{
    const AnnotationSet *set = m_document->spans();
    const Annotation *span = set->find(after);
    for (span = span ? set->next(span->id) : nullptr; span; span = set->next(span->id)) {
        if (span->status() == Annotation::Status::Pending) {
            m_view->revealSpan(span->id);
            return;
        }
    }
}

bool SuggestionController::acceptCurrent()
{
    AnnotationDocument *document = m_document;
    const QString id = currentSuggestion();
    if (id.isEmpty() || document->isReadOnly()) {
        return false;
    }
    auto *command = new SetSpanStatus(document->spans(), {id}, Annotation::Status::Accepted);
    command->setText(tr("Accept suggestion"));
    pushAccepting(command, {id});
    goToNextSuggestion(id);
    return true;
}

bool SuggestionController::rejectCurrent()
{
    AnnotationDocument *document = m_document;
    const QString id = currentSuggestion();
    if (id.isEmpty() || document->isReadOnly()) {
        return false;
    }
    // The next one is found before the span goes.
    const Annotation *next = document->spans()->next(id);
    while (next && next->status() != Annotation::Status::Pending) {
        next = document->spans()->next(next->id);
    }
    const QString nextId = next ? next->id : QString();
    auto *command = new RemoveSpans(document->spans(), {id});
    command->setText(tr("Reject suggestion"));
    document->pushSpanEdit(command);
    if (!nextId.isEmpty()) {
        m_view->revealSpan(nextId);
    }
    return true;
}

QStringList SuggestionController::pendingSources() const
{
    QStringList sources;
    AnnotationDocument *document = m_document;
    if (document && document->spans()->count(Annotation::Status::Pending) > 0) {
        for (const Annotation *span : document->spans()->sorted()) {
            if (span->status() == Annotation::Status::Pending && !sources.contains(span->source())) {
                sources.append(span->source());
            }
        }
    }
    sources.sort();
    return sources;
}

qsizetype SuggestionController::acceptAll(const QString &source, double minScore)
{
    AnnotationDocument *document = m_document;
    if (!document || document->isReadOnly()) {
        return 0;
    }
    QStringList ids;
    for (const Annotation *span : document->spans()->sorted()) {
        if (span->status() == Annotation::Status::Pending && span->source() == source
            && span->score().value_or(0.0) >= minScore) {
            ids.append(span->id);
        }
    }
    if (ids.isEmpty()) {
        return 0;
    }
    auto *command = new SetSpanStatus(document->spans(), ids, Annotation::Status::Accepted);
    command->setText(
        tr("Accept %n suggestion(s) from %1 scoring %2 or more", nullptr, int(ids.size())).arg(source).arg(minScore));
    pushAccepting(command, ids);
    return ids.size();
}

void SuggestionController::pushAccepting(QUndoCommand *command, const QStringList &ids)
{
    AnnotationDocument *document = m_document;
    // A suggested relation is accepted with the last of its pending ends (docs/SUGGEST.md).
    const QStringList relations = AcceptRelations::settledBy(*document->spans(), ids);
    if (relations.isEmpty()) {
        document->pushSpanEdit(command);
        return;
    }
    QUndoStack *stack = document->undoStack();
    stack->beginMacro(command->text());
    document->pushSpanEdit(command);
    stack->push(new AcceptRelations(document->spans(), relations));
    stack->endMacro();
}

void SuggestionController::runRulesInteractively()
{
    QSettings settings;
    const QString path =
        QFileDialog::getOpenFileName(m_view->window(), tr("Rules File"), settings.value(RulesFileKey).toString(),
                                     tr("Rules files (*.json);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    settings.setValue(RulesFileKey, path);
    run(SuggestionRunner::Kind::Rules, path);
}

void SuggestionController::runModelInteractively()
{
    QSettings settings;
    bool ok = false;
    const QString command = QInputDialog::getText(
        m_view->window(), tr("Suggest with a Model"),
        tr("Command (reads one JSON line per document, writes one line of spans; see docs/SUGGEST.md):"),
        QLineEdit::Normal, settings.value(ModelCommandKey, QStringLiteral("python3 my_model.py")).toString(), &ok);
    if (!ok || command.trimmed().isEmpty()) {
        return;
    }
    settings.setValue(ModelCommandKey, command);
    run(SuggestionRunner::Kind::Model, command);
}

void SuggestionController::acceptAllInteractively()
{
    const QStringList sources = pendingSources();
    if (sources.isEmpty()) {
        Q_EMIT message(tr("No suggestions to accept"), 5000);
        return;
    }
    QDialog dialog(m_view->window());
    dialog.setWindowTitle(tr("Accept Suggestions"));
    auto *form = new QFormLayout(&dialog);
    auto *source = new QComboBox;
    source->addItems(sources);
    auto *score = new QDoubleSpinBox;
    score->setRange(0.0, 1.0);
    score->setSingleStep(0.05);
    score->setDecimals(2);
    score->setValue(0.9);
    form->addRow(tr("Suggester:"), source);
    form->addRow(tr("Score at least:"), score);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() == QDialog::Accepted) {
        const qsizetype n = acceptAll(source->currentText(), score->value());
        Q_EMIT message(tr("Accepted %n suggestion(s)", nullptr, int(n)), 5000);
    }
}

} // namespace Scholiast
