// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: CodePointAgreement is an accumulator, used by one thread at a time.
#pragma once

#include "annotation.h"
#include "spanlist.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <span>

namespace Scholiast::Metrics {

/// Agreement between annotators over code points (docs/METRICS.md §4): per-label Cohen's kappa
/// (two annotators), and Krippendorff's alpha, nominal, for any number of annotators, both over
/// all labels at once (a code point's value is the set of labels covering it) and per label.
///
/// An accumulator: add() each document of a corpus; the units of all documents are pooled.
/// Runs in O(n log n) in the number of spans, independent of the document's length: it sweeps
/// the span boundaries and weighs each stretch between two boundaries by its length.
class CodePointAgreement
{
public:
    /// Counts for one label over the pooled code points.
    struct LabelCounts
    {
        qint64 both = 0; ///< two annotators: code points covered in both
        qint64 firstOnly = 0; ///< two annotators: covered by the first only
        qint64 secondOnly = 0; ///< two annotators: covered by the second only
        qint64 covered = 0; ///< summed over annotators: code points covered
        qint64 disagreement = 0; ///< summed over code points: 2 k (m - k), k annotators of m covering it
    };

    /// `annotators` is at least 2.
    explicit CodePointAgreement(int annotators);

    /// Reports these labels even when no span uses them (the schemas' labels).
    void addLabels(const QStringList &labels);
    /// Adds one document of `length` code points: one span list per annotator, in the same
    /// order for every document. Spans are clipped to [0, length).
    void add(qint64 length, const QList<QList<Annotation>> &annotations);
    /// The same over spans reduced to their ranges and labels.
    void add(qint64 length, std::span<const SpanList> annotations);

    [[nodiscard]] int annotatorCount() const { return m_annotators; }
    /// Code points added so far (each annotator codes each of them).
    [[nodiscard]] qint64 units() const { return m_units; }
    [[nodiscard]] QStringList labels() const;
    /// Zero counts for an unknown label.
    [[nodiscard]] LabelCounts counts(const QString &label) const;

    /// Cohen's kappa of the two annotators for one label; nothing with other than two
    /// annotators, or when it is undefined (expected agreement 1: both annotators put every code
    /// point on the same side, e.g. neither uses the label).
    [[nodiscard]] std::optional<double> kappa(const QString &label) const;
    /// Krippendorff's alpha for "in / not in" one label; nothing when every code point has the
    /// same value for every annotator.
    [[nodiscard]] std::optional<double> alpha(const QString &label) const;
    /// Krippendorff's alpha over all labels: a code point's value is the set of labels that
    /// cover it (the empty set included); nothing when only one value occurs at all.
    [[nodiscard]] std::optional<double> alpha() const;

private:
    template <typename Lists> void addLists(qint64 length, const Lists &annotations);

    int m_annotators;
    qint64 m_units = 0;
    std::map<QString, LabelCounts> m_labels;
    qint64 m_disagreement = 0; // sum over code points of m^2 - sum_c n_uc^2
    std::map<QStringList, qint64> m_categories; // label set -> (code point, annotator) pairs
};

} // namespace Scholiast::Metrics
