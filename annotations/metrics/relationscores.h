// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: RelationScores is an accumulator, used by one thread at a time;
// RelationReview::compare() keeps no state between calls.
#pragma once

#include "annotation.h"
#include "relation.h"
#include "review.h"
#include "spanscores.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <map>
#include <vector>

namespace Scholiast::Metrics {

/// One layer's spans and the relations between them, as the relation metrics read them.
struct RelationLayer
{
    const QList<Annotation> &spans;
    const QList<Relation> &relations;
};

/// Precision, recall and F1 of a candidate's relations against a reference's, per relation label
/// (docs/METRICS.md §2.7). A relation matches exactly when its label is the same and both its
/// ends match exactly as spans do (same fragments and label); by overlap when its label is the
/// same and each end overlaps the other's with the same span label. An accumulator, like
/// SpanScores: add() each document; counts are summed over documents.
class RelationScores
{
public:
    /// Compares one document's relations. A relation one of whose ends is not in its layer (left
    /// out by a status filter) is not counted.
    void add(const RelationLayer &reference, const RelationLayer &candidate);
    /// Reports these relation labels even when no relation uses them (the schema's).
    void addLabels(const QStringList &labels);

    [[nodiscard]] const std::map<QString, LabelScores> &labels() const { return m_labels; }
    [[nodiscard]] MatchCounts microExact() const;
    [[nodiscard]] MatchCounts microOverlap() const;
    [[nodiscard]] Averages macroExact() const;
    [[nodiscard]] Averages macroOverlap() const;
    /// Reference relations with no partner in review (RelationReview), per label.
    [[nodiscard]] const std::map<QString, qint64> &missed() const { return m_missed; }
    /// Candidate relations with no partner, per label.
    [[nodiscard]] const std::map<QString, qint64> &spurious() const { return m_spurious; }
    /// Reference relations whose ends a candidate relation of another label joins, per the
    /// reference's label.
    [[nodiscard]] const std::map<QString, qint64> &mislabelled() const { return m_mislabelled; }

private:
    std::map<QString, LabelScores> m_labels;
    std::map<QString, qint64> m_missed;
    std::map<QString, qint64> m_spurious;
    std::map<QString, qint64> m_mislabelled;
};

/// One classified pair of relations, or one unpaired relation.
struct RelationReviewItem
{
    ReviewKind kind = ReviewKind::ExactMatch;
    CodePoint start; ///< the smallest start of the ends involved
    CodePoint end; ///< the largest end of the ends involved
    qsizetype reference = -1; ///< index in the reference's relations; -1 for Spurious
    qsizetype candidate = -1; ///< index in the candidate's relations; -1 for Missed
};

/// Every counted relation of two layers classified into one ReviewKind (docs/METRICS.md §3.2):
/// exact matches first, then the same ends with another label (LabelMismatch: mislabelled),
/// then a maximum matching of same-label relations whose ends overlap (BoundaryMismatch); the
/// rest are missed or spurious. Items are in document order, as Review's.
class RelationReview
{
public:
    [[nodiscard]] static RelationReview compare(const RelationLayer &reference, const RelationLayer &candidate);

    [[nodiscard]] const std::vector<RelationReviewItem> &items() const { return m_items; }
    /// Positions in items() of everything but exact matches.
    [[nodiscard]] const std::vector<qsizetype> &disagreements() const { return m_disagreements; }
    [[nodiscard]] qsizetype count(ReviewKind kind) const { return m_counts[size_t(kind)]; }

private:
    std::vector<RelationReviewItem> m_items;
    std::vector<qsizetype> m_disagreements;
    std::array<qsizetype, ReviewKindCount> m_counts{};
};

} // namespace Scholiast::Metrics
