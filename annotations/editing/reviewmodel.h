// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: QObjects of the thread that made them (the GUI thread in the window); call
// them from that thread only.
#pragma once

#include "annotation.h"
#include "annotationset.h"
#include "metrics/review.h"
#include "relation.h"

#include <QObject>
#include <QPointer>

#include <optional>
#include <vector>

namespace Scholiast {

/// One classified pair or unpaired span of review mode, with copies of the spans involved.
struct ReviewSpot
{
    Metrics::ReviewKind kind = Metrics::ReviewKind::ExactMatch;
    CodePoint start; ///< the smallest start of the spans involved
    CodePoint end; ///< exclusive: the largest end
    std::optional<Annotation> reference;
    std::optional<Annotation> candidate;
    /// A relation's spot (docs/METRICS.md §3.2) has these instead of spans; start and end then
    /// run over the ends of the relations involved.
    std::optional<Relation> referenceRelation;
    std::optional<Relation> candidateRelation;
    /// The texts of a relation's two spans (from, to), on each side it is on.
    std::pair<QString, QString> referenceEnds;
    std::pair<QString, QString> candidateEnds;

    [[nodiscard]] bool isDisagreement() const { return kind != Metrics::ReviewKind::ExactMatch; }
    [[nodiscard]] bool isRelation() const { return referenceRelation || candidateRelation; }
    /// Document order: (start, end, kind), spans before relations, then the reference span's and
    /// the candidate span's (start, end, id), then the relations' ids.
    [[nodiscard]] bool isBefore(const ReviewSpot &other) const;
    [[nodiscard]] bool sameAs(const ReviewSpot &other) const { return !isBefore(other) && !other.isBefore(*this); }
};

/// Review mode's classification of a reference layer against a candidate layer
/// (Metrics::Review, docs/METRICS.md §3), computed only where it is asked for: the painted range,
/// or the stretch F8 walks through. Spans are grouped by overlap, so a range is widened to the
/// nearest points no span of either layer crosses; the pairs inside it are then exactly those
/// a comparison of the whole document gives. Nothing walks every span unless F8 must.
class ReviewModel : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewModel)

public:
    explicit ReviewModel(QObject *parent = nullptr);
    ~ReviewModel() override;

    /// Compares `candidate` against `reference`; two nulls turn review off. Neither is owned.
    void setSources(AnnotationSet *reference, AnnotationSet *candidate);
    [[nodiscard]] bool isActive() const { return m_reference && m_candidate; }
    [[nodiscard]] AnnotationSet *reference() const { return m_reference; }
    [[nodiscard]] AnnotationSet *candidate() const { return m_candidate; }

    /// Every spot touching [from, to) (code points), in document order.
    [[nodiscard]] std::vector<ReviewSpot> classify(CodePoint from, CodePoint to) const;
    /// The disagreement after (`direction` > 0) or before `current` in document order; without
    /// one, the first starting at or after (the last starting before) `position`. `length` is
    /// the document's, in code points. Nothing when there is none that way.
    [[nodiscard]] std::optional<ReviewSpot> adjacentDisagreement(const std::optional<ReviewSpot> &current,
                                                                 CodePoint position, int direction,
                                                                 qint64 length) const;
    /// The relation disagreements of the two layers (Metrics::RelationReview, docs/METRICS.md
    /// §3.2), in document order: missed, spurious, mislabelled and those whose ends differ.
    /// Relations are few; each call compares them all.
    [[nodiscard]] std::vector<ReviewSpot> relationDisagreements() const;

Q_SIGNALS:
    /// The sources changed, or spans in one of them did.
    void changed();

private:
    // The comparison of a closed range: the spans of both layers in it and their classes.
    struct Window
    {
        QList<Annotation> reference;
        QList<Annotation> candidate;
        Metrics::Review review;
        [[nodiscard]] ReviewSpot spot(const Metrics::ReviewItem &item) const;
    };
    [[nodiscard]] std::pair<CodePoint, CodePoint> closedRange(CodePoint from, CodePoint to) const;
    [[nodiscard]] Window compareRange(CodePoint from, CodePoint to) const;

    QPointer<AnnotationSet> m_reference;
    QPointer<AnnotationSet> m_candidate;
    std::vector<QMetaObject::Connection> m_connections;
};

} // namespace Scholiast
