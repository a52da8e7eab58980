// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: the functions keep no state between calls, so they may run on
// several threads at once on different data.
#pragma once

#include "annotation.h"
#include "relation.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace Scholiast::Metrics {

/// How several annotators' spans of one document are adjudicated (docs/METRICS.md §5).
enum class MergeStrategy {
    Union, ///< every span any input has; alternatives are kept side by side and reported
    ReferenceWins, ///< inputs in priority order: a span that an earlier input contradicts is dropped
    Majority, ///< the spans more than half of the inputs have
};

[[nodiscard]] std::optional<MergeStrategy> mergeStrategyFromName(QStringView name);

struct MergeInput
{
    QString name; ///< names the input in conflicts, e.g. the annotator or the file name
    QString annotator; ///< recorded on merged spans that have none; may be empty
    QList<Annotation> annotations;
    /// Its relations between those spans (docs/FORMAT.md §6.8).
    QList<Relation> relations = {};
};

/// Something the inputs disagree about and the strategy decided: never resolved silently.
struct MergeConflict
{
    CodePoint start; ///< the range of the spans involved
    CodePoint end;
    QString message; ///< one line, e.g. `claim 10-20 (bob) contradicts claim 10-18 (ana): dropped`
};

struct MergeResult
{
    QList<Annotation> annotations; ///< the merged spans, in document order
    /// The merged relations, between the merged spans' ids (docs/METRICS.md §5).
    QList<Relation> relations;
    QList<MergeConflict> conflicts; ///< in document order
    /// Spans that one input holds twice (same start, end and label): kept once, reported.
    QStringList duplicates;
};

/// Merges the inputs' spans. Spans are the same when start, end and label are; a merged span is
/// the first input's copy, its id made unique (`<id>-<name>`) when an earlier one took it.
/// Two distinct spans are alternatives when they overlap with the same range and other labels,
/// or the same label and another range, and some input has each without the other.
/// Relations are merged between the merged spans, by their two spans and label, with the same
/// strategy: union keeps each, majority those more than half of the inputs have, reference-wins
/// the earliest input's label for a pair of spans. One whose span was not kept is dropped and
/// reported, as is one the strategy drops.
[[nodiscard]] MergeResult merge(MergeStrategy strategy, const QList<MergeInput> &inputs);

} // namespace Scholiast::Metrics
