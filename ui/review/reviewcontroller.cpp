// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "reviewcontroller.h"

#include "editing/annotationdocument.h"
#include "view/annotationview.h"
#include "view/layerpainter.h"

#include <QSettings>
#include <QUndoStack>

namespace Scholiast {

ReviewController::ReviewController(AnnotationView *view, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_layers(new LayerSet(this))
    , m_model(new ReviewModel(this))
    , m_painter(new LayerPainter(this))
{
    m_painter->setLayers(m_layers);
    m_painter->setReview(m_model);
    connect(m_layers, &LayerSet::layersChanged, this, &ReviewController::reviewChanged);
}

ReviewController::~ReviewController() = default;

void ReviewController::setDocument(AnnotationDocument *document)
{
    stopReview();
    m_layers->clear();
    m_document = document;
    m_painter->setDocument(document);
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
    m_model->setSources(ref, cand);
    setCurrent(std::nullopt);
    Q_EMIT reviewChanged();
    return true;
}

void ReviewController::stopReview()
{
    if (!m_reviewing) {
        return;
    }
    m_reviewing = false;
    m_model->setSources(nullptr, nullptr);
    setCurrent(std::nullopt);
    Q_EMIT reviewChanged();
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
    const qint64 length = m_document->document().length();
    const auto next = m_model->adjacentDisagreement(m_current, m_view->cursorPosition(), direction, length);
    if (!next) {
        Q_EMIT message(direction > 0 ? tr("No disagreement after this one") : tr("No disagreement before this one"));
        return false;
    }
    setCurrent(next);
    m_view->setCursorPosition(next->start);
    // The editable span of this disagreement becomes current, ready for a label key or a resize.
    QString id;
    if (m_model->reference() == m_document->spans() && next->reference) {
        id = next->reference->id;
    } else if (m_model->candidate() == m_document->spans() && next->candidate) {
        id = next->candidate->id;
    }
    m_view->setCurrentSpan(id);
    m_view->ensureVisible(next->start);
    return true;
}

bool ReviewController::decide(ReviewDecision::Decision decision)
{
    if (!isReviewing() || !m_document || !m_current) {
        Q_EMIT message(tr("Press F8 to go to a disagreement first"));
        return false;
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
    m_document->undoStack()->push(command);
    const QString id = command->resultId();
    m_view->setCurrentSpan(id);
    if (decision == ReviewDecision::Decision::Fix) {
        Q_EMIT message(
            tr("Adjust the span: Alt+Shift+arrows (or Alt+[ ], Ctrl+[ ]) move its ends, a label key relabels it"));
    }
    return true;
}

} // namespace Scholiast
