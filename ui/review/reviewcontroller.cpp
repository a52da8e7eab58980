// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "reviewcontroller.h"

#include "editing/annotationdocument.h"
#include "view/annotationview.h"
#include "view/layerpainter.h"

#include <QSet>
#include <QSettings>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>

namespace Scholiast {

namespace {
// Calls `f` on the stack's first `end` commands and on their children (a decision that started a
// new corpus document is in a macro with the status change) until it returns true; true then.
template <typename F> bool forEachCommand(const QUndoStack *stack, int end, F &&f)
{
    for (int i = 0; i < end; ++i) {
        const QUndoCommand *command = stack->command(i);
        if (f(command)) {
            return true;
        }
        for (int c = 0; c < command->childCount(); ++c) {
            if (f(command->child(c))) {
                return true;
            }
        }
    }
    return false;
}
} // namespace

ReviewController::ReviewController(AnnotationView *view, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_layers(new LayerSet(this))
    , m_model(new ReviewModel(this))
    , m_painter(new LayerPainter(this))
    , m_entriesTimer(new QTimer(this))
{
    m_painter->setLayers(m_layers);
    m_painter->setReview(m_model);
    connect(m_layers, &LayerSet::layersChanged, this, &ReviewController::reviewChanged);
    // Edits come in bursts (tag all, a drag): the list follows once they are done.
    m_entriesTimer->setSingleShot(true);
    m_entriesTimer->setInterval(0);
    connect(m_entriesTimer, &QTimer::timeout, this, &ReviewController::followCurrent);
    connect(m_model, &ReviewModel::changed, this, &ReviewController::invalidateEntries);
}

ReviewController::~ReviewController() = default;

void ReviewController::setDocument(AnnotationDocument *document)
{
    stopReview();
    m_layers->clear();
    for (const auto &connection : std::as_const(m_stackConnections)) {
        disconnect(connection);
    }
    m_stackConnections.clear();
    m_decided.clear();
    m_document = document;
    m_painter->setDocument(document);
    if (document) {
        QUndoStack *stack = document->undoStack();
        m_stackConnections << connect(stack, &QUndoStack::indexChanged, this, [this, stack] {
            // A command dropped from the stack (a new step after an undo) never comes back; its
            // address may be reused by a later command, so its record goes now.
            QSet<const QUndoCommand *> alive;
            forEachCommand(stack, stack->count(), [&alive](const QUndoCommand *command) {
                alive.insert(command);
                return false;
            });
            std::erase_if(m_decided, [&alive](const Decided &d) { return !alive.contains(d.command); });
            invalidateEntries();
        });
    }
}

void ReviewController::addLayers(std::vector<LayerFile> files)
{
    m_layers->addLayers(std::move(files));
}

QString ReviewController::addLayer(const QString &name, const QList<Annotation> &spans, const LabelSchema &labels)
{
    return m_layers->addLayer(name, spans, labels);
}

QStringList ReviewController::sources() const
{
    return QStringList{QString()} + m_layers->names();
}

AnnotationSet *ReviewController::source(const QString &name) const
{
    if (name.isEmpty()) {
        return m_document ? m_document->spans() : nullptr;
    }
    return m_layers->spans(name);
}

bool ReviewController::startReview(const QString &reference, const QString &candidate)
{
    AnnotationSet *ref = source(reference);
    AnnotationSet *cand = source(candidate);
    if (!ref || !cand) {
        return false;
    }
    m_reference = reference;
    m_candidate = candidate;
    m_reviewing = true;
    m_decided.clear(); // decisions are this review's: other layers, other items
    m_model->setSources(ref, cand);
    setCurrent(std::nullopt);
    Q_EMIT reviewChanged();
    followCurrent();
    return true;
}

void ReviewController::stopReview()
{
    if (!m_reviewing) {
        return;
    }
    m_reviewing = false;
    m_decided.clear();
    m_model->setSources(nullptr, nullptr);
    setCurrent(std::nullopt);
    Q_EMIT reviewChanged();
    followCurrent();
}

bool ReviewController::isReviewing() const
{
    return m_reviewing && m_model->isActive();
}

void ReviewController::setCurrent(const std::optional<ReviewSpot> &spot)
{
    m_current = spot;
    m_painter->setCurrentSpot(spot);
    Q_EMIT currentSpotChanged();
}

bool ReviewController::step(int direction)
{
    if (!isReviewing() || !m_document) {
        return false;
    }
    // The open disagreements only: a decided one is visited from the list.
    const QList<ReviewEntry> &all = entries();
    const CodePoint position = m_view->cursorPosition();
    const auto after = [&](const ReviewSpot &s) { return m_current ? m_current->isBefore(s) : s.start >= position; };
    const auto before = [&](const ReviewSpot &s) { return m_current ? s.isBefore(*m_current) : s.start < position; };
    int found = -1;
    if (direction > 0) {
        for (int i = 0; i < all.size() && found < 0; ++i) {
            if (!all.at(i).resolved && after(all.at(i).spot)) {
                found = i;
            }
        }
    } else {
        for (int i = int(all.size()) - 1; i >= 0 && found < 0; --i) {
            if (!all.at(i).resolved && before(all.at(i).spot)) {
                found = i;
            }
        }
    }
    if (found < 0) {
        Q_EMIT message(direction > 0 ? tr("No disagreement after this one") : tr("No disagreement before this one"));
        return false;
    }
    show(all.at(found).spot);
    return true;
}

void ReviewController::show(const ReviewSpot &spot)
{
    setCurrent(spot);
    m_view->setCursorPosition(spot.start);
    // The editable span of this disagreement becomes current, ready for a label key or a resize.
    QString id;
    if (m_model->reference() == m_document->spans() && spot.reference) {
        id = spot.reference->id;
    } else if (m_model->candidate() == m_document->spans() && spot.candidate) {
        id = spot.candidate->id;
    } else if (m_model->reference() == m_document->spans() && spot.referenceRelation) {
        id = spot.referenceRelation->from; // a relation: the span it starts from
    } else if (m_model->candidate() == m_document->spans() && spot.candidateRelation) {
        id = spot.candidateRelation->from;
    }
    m_view->setCurrentSpan(id);
    m_view->ensureVisible(spot.start);
}

bool ReviewController::goTo(int index)
{
    if (!isReviewing() || !m_document || index < 0 || index >= entries().size()) {
        return false;
    }
    show(entries().at(index).spot);
    return true;
}

bool ReviewController::decide(ReviewDecision::Decision decision)
{
    if (!isReviewing() || !m_document || !m_current) {
        Q_EMIT message(tr("Press F8 to go to a disagreement first"));
        return false;
    }
    if (m_current->isRelation()) {
        return decideRelation(decision);
    }
    AnnotationSet *editable = m_document->spans();
    const auto role = m_model->reference() == editable ? ReviewDecision::EditableRole::Reference
        : m_model->candidate() == editable             ? ReviewDecision::EditableRole::Candidate
                                                       : ReviewDecision::EditableRole::Neither;
    ReviewProvenance provenance;
    provenance.annotator = QSettings().value(QLatin1String(AnnotatorKey)).toString().trimmed();
    provenance.time = QDateTime::currentDateTimeUtc();
    provenance.referenceLayer = m_reference;
    provenance.candidateLayer = m_candidate;
    provenance.kind = Metrics::reviewKindName(m_current->kind);
    auto *command =
        new ReviewDecision(editable, role, m_current->reference, m_current->candidate, decision, provenance);
    if (!command->changesSomething()) {
        delete command;
        Q_EMIT message(tr("Nothing to change: the editable layer already agrees"));
        return false;
    }
    Decided decided{*m_current, decision, command, {}, {}};
    if (m_current->reference) {
        decided.referenceIds.append(m_current->reference->id);
    }
    if (m_current->candidate) {
        decided.candidateIds.append(m_current->candidate->id);
    }
    m_document->pushSpanEdit(command);
    const QString id = command->resultId();
    if (!id.isEmpty() && role == ReviewDecision::EditableRole::Reference) {
        decided.referenceIds.append(id);
    } else if (!id.isEmpty() && role == ReviewDecision::EditableRole::Candidate) {
        decided.candidateIds.append(id);
    }
    m_decided.push_back(decided);
    m_entriesTimer->stop();
    m_entriesValid = false;
    const QList<ReviewEntry> &all = entries();
    int at = -1;
    for (int i = 0; i < all.size() && at < 0; ++i) {
        if (all.at(i).resolved && covers(decided, all.at(i).spot)) {
            at = i;
        }
    }
    if (decision == ReviewDecision::Decision::Fix) {
        // Stays on the span to adjust; the frame follows it.
        setCurrent(at >= 0 ? all.at(at).spot : decided.spot);
        m_view->setCurrentSpan(id);
        Q_EMIT entriesChanged();
        Q_EMIT message(
            tr("Adjust the span: Alt+Shift+arrows (or Alt+[ ], Ctrl+[ ]) move its ends, a label key relabels it"));
        return true;
    }
    // On to the next open disagreement, else back to the last one before; none left: done.
    int next = -1;
    for (int i = at + 1; i < all.size() && next < 0; ++i) {
        if (!all.at(i).resolved) {
            next = i;
        }
    }
    for (int i = at - 1; i >= 0 && next < 0; --i) {
        if (!all.at(i).resolved) {
            next = i;
        }
    }
    if (next >= 0) {
        show(all.at(next).spot);
    } else {
        setCurrent(at >= 0 ? all.at(at).spot : decided.spot);
        m_view->setCurrentSpan(id);
        Q_EMIT message(tr("All %n disagreement(s) are resolved", nullptr, int(all.size())));
    }
    Q_EMIT entriesChanged();
    return true;
}

// A relation disagreement (docs/METRICS.md §3.2): the editable side is made what the other says
// (Accept: the candidate's relation; Keep: the reference's), removing its own relation and
// relating its spans at the other relation's ends, one undo step. Its spans must agree first.
bool ReviewController::decideRelation(ReviewDecision::Decision decision)
{
    AnnotationSet *editable = m_document->spans();
    const bool editableIsReference = m_model->reference() == editable;
    const bool editableIsCandidate = m_model->candidate() == editable;
    if (decision == ReviewDecision::Decision::Fix || (!editableIsReference && !editableIsCandidate)) {
        Q_EMIT message(tr("A relation is fixed in the text: R on a span relates it, the Relations dock removes one"));
        return false;
    }
    const bool toCandidate = decision == ReviewDecision::Decision::AcceptCandidate;
    if (toCandidate == editableIsCandidate) {
        Q_EMIT message(tr("Nothing to change: the editable layer already agrees"));
        return false;
    }
    if (m_current->kind == Metrics::ReviewKind::BoundaryMismatch) {
        Q_EMIT message(tr("Decide the spans at its ends first: the relation follows them"));
        return false;
    }
    const std::optional<Relation> own =
        editableIsReference ? m_current->referenceRelation : m_current->candidateRelation;
    const std::optional<Relation> other =
        editableIsReference ? m_current->candidateRelation : m_current->referenceRelation;
    const AnnotationSet *otherSet = editableIsReference ? m_model->candidate() : m_model->reference();
    QString from;
    QString to;
    if (other) {
        // The editable spans at the other relation's ends: the same range, pieces and label.
        const auto match = [&](const QString &id) -> const Annotation * {
            const Annotation *span = otherSet->find(id);
            if (!span) {
                return nullptr;
            }
            for (const Annotation *a : editable->overlapping(span->start, span->end)) {
                if (a->start == span->start && a->end == span->end && a->label == span->label
                    && a->fragments() == span->fragments()) {
                    return a;
                }
            }
            return nullptr;
        };
        const Annotation *fromSpan = match(other->from);
        const Annotation *toSpan = match(other->to);
        if (!fromSpan || !toSpan) {
            Q_EMIT message(tr("Its spans are not in the editable layer: decide them first"));
            return false;
        }
        const RelationLabel *label = m_document->labels().findRelationLabel(other->label);
        if (!label || !label->allows(fromSpan->label, toSpan->label)) {
            Q_EMIT message(tr("This document's labels have no relation “%1” from %2 to %3: add it first")
                               .arg(other->label, fromSpan->label, toSpan->label));
            return false;
        }
        from = fromSpan->id;
        to = toSpan->id;
    }
    QUndoStack *stack = m_document->undoStack();
    stack->beginMacro(toCandidate ? tr("Accept the candidate's relation") : tr("Keep the reference's relation"));
    if (own) {
        m_document->removeRelations({own->id});
    }
    if (other) {
        (void)m_document->relate(from, to, other->label);
    }
    stack->endMacro();
    m_entriesTimer->stop();
    m_entriesValid = false;
    // On to the next open disagreement, else the last one before.
    if (!step(1) && !step(-1)) {
        setCurrent(std::nullopt);
        Q_EMIT message(tr("No disagreement left"));
    }
    Q_EMIT entriesChanged();
    return true;
}

const QList<ReviewEntry> &ReviewController::entries() const
{
    updateEntries();
    return m_entries;
}

int ReviewController::currentIndex() const
{
    if (!m_current) {
        return -1;
    }
    const QList<ReviewEntry> &all = entries();
    for (int i = 0; i < all.size(); ++i) {
        if (all.at(i).spot.sameAs(*m_current)) {
            return i;
        }
    }
    return -1;
}

bool ReviewController::isApplied(const QUndoCommand *command) const
{
    const QUndoStack *stack = m_document ? m_document->undoStack() : nullptr;
    return stack
        && forEachCommand(stack, stack->index(), [command](const QUndoCommand *applied) { return applied == command; });
}

bool ReviewController::covers(const Decided &decided, const ReviewSpot &spot)
{
    return (spot.reference && decided.referenceIds.contains(spot.reference->id))
        || (spot.candidate && decided.candidateIds.contains(spot.candidate->id));
}

void ReviewController::invalidateEntries()
{
    m_entriesValid = false;
    if (m_reviewing) {
        m_entriesTimer->start();
    }
}

void ReviewController::updateEntries() const
{
    if (m_entriesValid) {
        return;
    }
    m_entriesValid = true;
    m_entries.clear();
    if (!isReviewing() || !m_document) {
        return;
    }
    std::vector<const Decided *> applied;
    for (const Decided &d : m_decided) {
        if (isApplied(d.command)) {
            applied.push_back(&d);
        }
    }
    QSet<const Decided *> shown;
    const CodePoint length(m_document->document().length());
    for (const ReviewSpot &spot : m_model->classify(CodePoint(0), length)) {
        if (!spot.isDisagreement()) {
            continue;
        }
        ReviewEntry entry{spot};
        // The latest decision about these spans wins.
        for (auto it = applied.rbegin(); it != applied.rend(); ++it) {
            if (covers(**it, spot)) {
                entry.resolved = true;
                entry.decision = (*it)->decision;
                shown.insert(*it);
                break;
            }
        }
        m_entries.append(entry);
    }
    // Relation disagreements (docs/METRICS.md §3.2), open until the relations agree.
    for (ReviewSpot &spot : m_model->relationDisagreements()) {
        m_entries.append(ReviewEntry{std::move(spot)});
    }
    // Decided and agreeing now: the disagreement as it was, marked resolved.
    for (auto it = applied.rbegin(); it != applied.rend(); ++it) {
        const Decided *d = *it;
        const bool listed = shown.contains(d)
            || std::any_of(m_entries.cbegin(), m_entries.cend(),
                           [d](const ReviewEntry &e) { return e.spot.sameAs(d->spot); });
        if (!listed) {
            m_entries.append(ReviewEntry{d->spot, true, d->decision});
        }
    }
    std::stable_sort(m_entries.begin(), m_entries.end(),
                     [](const ReviewEntry &a, const ReviewEntry &b) { return a.spot.isBefore(b.spot); });
}

void ReviewController::followCurrent()
{
    m_entriesTimer->stop();
    const QList<ReviewEntry> &all = entries();
    if (m_current) {
        // The current spot as it is now: the same, or the row about the same spans; gone, none.
        std::optional<ReviewSpot> now;
        Decided same{*m_current, ReviewDecision::Decision::AcceptCandidate, nullptr, {}, {}};
        if (m_current->reference) {
            same.referenceIds.append(m_current->reference->id);
        }
        if (m_current->candidate) {
            same.candidateIds.append(m_current->candidate->id);
        }
        for (const ReviewEntry &entry : all) {
            if (entry.spot.sameAs(*m_current)) {
                now = entry.spot;
                break;
            }
            if (!now && covers(same, entry.spot)) {
                now = entry.spot;
            }
        }
        if (!now || !now->sameAs(*m_current)) {
            setCurrent(now);
        }
    }
    Q_EMIT entriesChanged();
}

} // namespace Scholiast
