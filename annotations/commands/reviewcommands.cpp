// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "reviewcommands.h"

#include "annotationset.h"
#include "formats/spanfields.h"
#include "spancommands.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace Scholiast {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ReviewCommands", text);
}

bool sameSpan(const Annotation &a, const Annotation &b)
{
    return a.start == b.start && a.end == b.end && a.label == b.label;
}

// The editable span equal (range and label) to `span`, or nullptr.
const Annotation *findEqual(const AnnotationSet *set, const Annotation &span)
{
    for (const Annotation *a : set->overlapping(span.start, span.end)) {
        if (sameSpan(*a, span)) {
            return a;
        }
    }
    return nullptr;
}

void stamp(Annotation &span, ReviewDecision::Decision decision, const ReviewProvenance &provenance)
{
    span.setModified(provenance.time);
    if (!provenance.annotator.isEmpty()) {
        span.setAnnotator(provenance.annotator);
    }
    QJsonObject review;
    review.insert(QStringLiteral("decision"), ReviewDecision::decisionName(decision));
    review.insert(QStringLiteral("kind"), provenance.kind);
    review.insert(QStringLiteral("reference"), provenance.referenceLayer);
    review.insert(QStringLiteral("candidate"), provenance.candidateLayer);
    if (!provenance.annotator.isEmpty()) {
        review.insert(QStringLiteral("by"), provenance.annotator);
    }
    review.insert(QStringLiteral("at"), SpanFields::timeToIso(provenance.time));
    QJsonObject extra = span.extraFields();
    extra.insert(QStringLiteral("x-review"), review);
    span.setExtraFields(extra);
}
} // namespace

QString ReviewDecision::decisionName(Decision decision)
{
    switch (decision) {
    case Decision::AcceptCandidate:
        return QStringLiteral("accept-candidate");
    case Decision::KeepReference:
        return QStringLiteral("keep-reference");
    case Decision::Fix:
        return QStringLiteral("fix");
    }
    return QString();
}

ReviewDecision::ReviewDecision(AnnotationSet *editable, EditableRole role, const std::optional<Annotation> &reference,
                               const std::optional<Annotation> &candidate, Decision decision,
                               const ReviewProvenance &provenance, QUndoCommand *parent)
    : QUndoCommand(parent)
{
    switch (decision) {
    case Decision::AcceptCandidate:
        setText(tr("Accept candidate span"));
        break;
    case Decision::KeepReference:
        setText(tr("Keep reference span"));
        break;
    case Decision::Fix:
        setText(tr("Fix span by hand"));
        break;
    }
    std::optional<Annotation> target;
    std::optional<Annotation> other;
    if (decision == Decision::AcceptCandidate) {
        target = candidate;
        other = reference;
    } else if (decision == Decision::KeepReference) {
        target = reference;
        other = candidate;
    } else {
        // Fixing starts from the editable layer's own span when it has one.
        const bool fromReference = role == EditableRole::Reference ? bool(reference) : !candidate;
        target = fromReference ? reference : candidate;
        other = fromReference ? candidate : reference;
    }

    // The editable span this disagreement is about.
    const Annotation *mine = nullptr;
    if (role == EditableRole::Reference && reference) {
        mine = editable->find(reference->id);
    } else if (role == EditableRole::Candidate && candidate) {
        mine = editable->find(candidate->id);
    } else if (role == EditableRole::Neither) {
        mine = target ? findEqual(editable, *target) : nullptr;
        if (!mine && other) {
            mine = findEqual(editable, *other);
        }
    }

    if (!target) {
        if (mine) {
            m_resultId.clear();
            new RemoveSpans(editable, {mine->id}, this);
        }
        return;
    }
    Annotation result = mine ? *mine : *target;
    if (decision != Decision::Fix || !mine) {
        result.start = target->start;
        result.end = target->end;
        result.label = target->label;
        result.setText(target->text());
    }
    stamp(result, decision, provenance);
    if (mine) {
        m_resultId = mine->id;
        new ChangeSpans(editable, {result}, text(), this);
    } else {
        if (editable->contains(result.id)) {
            result.id.clear(); // the set gives it a fresh one
        }
        m_add = new AddSpans(editable, {result}, text(), this);
    }
}

QString ReviewDecision::resultId() const
{
    if (m_add) {
        return static_cast<const AddSpans *>(m_add)->ids().value(0);
    }
    return m_resultId;
}

} // namespace Scholiast
