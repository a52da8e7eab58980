// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: SpanScores is an accumulator, used by one thread at a time.
#pragma once

#include "annotation.h"
#include "spanlist.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

namespace Scholiast::Metrics {

/// One instance behind the confusion table (SpanScores::confusion(), missed(), spurious()) of one
/// document: a same-range pair, a missed reference span or a spurious candidate span, as indexes
/// into the lists compared; -1 for the side that has no span.
struct ConfusionInstance
{
    qsizetype reference = -1;
    qsizetype candidate = -1;
};

/// The instances SpanScores::add() counts in the confusion table for these two lists, paired as
/// it pairs them, in document order (the start, then the end, of the span the instance has on
/// the reference side, else on the candidate side).
[[nodiscard]] std::vector<ConfusionInstance> confusionInstances(const QList<Annotation> &reference,
                                                                const QList<Annotation> &candidate);

/// Spans on each side and the pairs matched one-to-one between them (docs/METRICS.md §2).
struct MatchCounts
{
    qint64 reference = 0; ///< spans in the reference
    qint64 candidate = 0; ///< spans in the candidate
    qint64 matched = 0; ///< matched pairs

    /// matched / candidate; nothing when the candidate has no span.
    [[nodiscard]] std::optional<double> precision() const;
    /// matched / reference; nothing when the reference has no span.
    [[nodiscard]] std::optional<double> recall() const;
    /// 2 matched / (reference + candidate); nothing when both are empty.
    [[nodiscard]] std::optional<double> f1() const;

    MatchCounts &operator+=(const MatchCounts &other);
    bool operator==(const MatchCounts &) const = default;
};

/// Unweighted means over labels (docs/METRICS.md §2.4).
struct Averages
{
    std::optional<double> precision;
    std::optional<double> recall;
    std::optional<double> f1;
};

struct LabelScores
{
    MatchCounts exact; ///< same start, end and label
    MatchCounts overlap; ///< same label, overlapping, maximum one-to-one matching
};

/// The macro average of `which` over `labels` (docs/METRICS.md §2.4): a label the candidate
/// (reference) never uses has precision (recall) 0, labels no span uses are left out.
[[nodiscard]] Averages macroAverage(const std::map<QString, LabelScores> &labels, MatchCounts LabelScores::*which);
/// The micro total of `which` over `labels`: counts summed (docs/METRICS.md §2.4).
[[nodiscard]] MatchCounts microTotal(const std::map<QString, LabelScores> &labels, MatchCounts LabelScores::*which);

/// Precision, recall and F1 of a candidate's spans against a reference's, per label, and the
/// confusion table of same-range spans (docs/METRICS.md §2). An accumulator: add() each document
/// of a corpus; counts are summed, so the corpus figures are micro-averaged over documents.
class SpanScores
{
public:
    /// Compares one document's spans. Offsets are code points; the order of the lists does not
    /// matter. Every span counts, whatever its status.
    void add(const QList<Annotation> &reference, const QList<Annotation> &candidate);
    /// The same over spans reduced to their ranges and labels: the same scores as the lists they
    /// were made from.
    void add(const SpanList &reference, const SpanList &candidate);
    /// Reports these labels even when no span uses them (the schema's labels).
    void addLabels(const QStringList &labels);

    /// Every label seen, by name.
    [[nodiscard]] const std::map<QString, LabelScores> &labels() const { return m_labels; }
    [[nodiscard]] MatchCounts microExact() const;
    [[nodiscard]] MatchCounts microOverlap() const;
    /// Means over the labels that have a span on either side.
    [[nodiscard]] Averages macroExact() const;
    [[nodiscard]] Averages macroOverlap() const;

    /// reference label -> candidate label -> number of same-range pairs; the diagonal holds the
    /// exact matches. Only non-zero cells are present.
    [[nodiscard]] const std::map<QString, std::map<QString, qint64>> &confusion() const { return m_confusion; }
    /// Reference spans without a same-range candidate span, per label.
    [[nodiscard]] const std::map<QString, qint64> &missed() const { return m_missed; }
    /// Candidate spans without a same-range reference span, per label.
    [[nodiscard]] const std::map<QString, qint64> &spurious() const { return m_spurious; }

private:
    template <typename List> void addLists(const List &reference, const List &candidate);

    std::map<QString, LabelScores> m_labels;
    std::map<QString, std::map<QString, qint64>> m_confusion;
    std::map<QString, qint64> m_missed;
    std::map<QString, qint64> m_spurious;
};

} // namespace Scholiast::Metrics
