// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: undo commands change their AnnotationSet, so they are pushed, undone and
// redone on the thread the set lives in.
#pragma once

#include "annotation.h"

#include <QDateTime>
#include <QString>
#include <QUndoCommand>

#include <optional>

namespace Scholiast {

class AnnotationSet;

/// Who decided a review disagreement and when, and between which layers (docs/FORMAT.md,
/// "Review decisions").
struct ReviewProvenance
{
    QString annotator; ///< empty when no annotator name is set
    QDateTime time; ///< UTC
    QString referenceLayer; ///< "" for the editable layer
    QString candidateLayer;
    QString kind; ///< Metrics::reviewKindName() of the disagreement
};

/// One review decision on a disagreement between a reference span and a candidate span (either
/// may be missing), as one undo step on the editable spans:
///
/// - AcceptCandidate: the editable layer ends up with the candidate span (or without the reference
///   span when the candidate has none);
/// - KeepReference: the editable layer ends up with the reference span (or without the candidate
///   span);
/// - Fix: the editable layer keeps (or gets a copy of) the span of this disagreement, to be
///   adjusted by hand afterwards.
///
/// The span the decision leaves gets `modified`, `annotator` (when a name is set) and the extra
/// field `x-review`; unknown fields are kept. A removed span carries nothing.
class ReviewDecision : public QUndoCommand
{
public:
    enum class Decision { AcceptCandidate, KeepReference, Fix };
    /// Which of the two compared layers is the editable one.
    enum class EditableRole { Reference, Candidate, Neither };

    ReviewDecision(AnnotationSet *editable, EditableRole role, const std::optional<Annotation> &reference,
                   const std::optional<Annotation> &candidate, Decision decision, const ReviewProvenance &provenance,
                   QUndoCommand *parent = nullptr);

    /// False when the decision changes nothing in the editable layer (e.g. keeping the reference
    /// against a spurious candidate span of a read-only layer); do not push it then.
    [[nodiscard]] bool changesSomething() const { return childCount() > 0; }
    /// The id of the editable span the decision leaves, empty when it removed one. Valid after redo().
    [[nodiscard]] QString resultId() const;

    [[nodiscard]] static QString decisionName(Decision decision);

private:
    QString m_resultId;
    const QUndoCommand *m_add = nullptr;
};

} // namespace Scholiast
