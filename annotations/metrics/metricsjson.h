// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: the functions keep no state between calls, so they may run on
// several threads at once on different data.
#pragma once

#include "relationscores.h"
#include "spanscores.h"

#include <QJsonObject>
#include <QJsonValue>

#include <optional>

namespace Scholiast::Metrics {

/// The JSON of the figures, as `scholiast-cli agree --json` prints them and the metrics dock
/// exports them (docs/METRICS.md): one writer, so the two never drift apart.

/// A ratio, or null when it is undefined (nothing to divide by).
[[nodiscard]] QJsonValue jsonNumber(std::optional<double> value);
/// reference, candidate, matched, precision, recall, f1.
[[nodiscard]] QJsonObject countsJson(const MatchCounts &counts);
/// precision, recall, f1.
[[nodiscard]] QJsonObject averagesJson(const Averages &averages);
/// Adds "micro", "macro", "confusion", "missed" and "spurious" for one reference and candidate.
void insertScoresJson(QJsonObject &result, const SpanScores &scores);
/// The "relations" object (docs/METRICS.md §2.7): "labels" (each with "exact" and "overlap"
/// counts), "micro", "macro", "missed", "spurious" and "mislabelled".
[[nodiscard]] QJsonObject relationScoresJson(const RelationScores &scores);

} // namespace Scholiast::Metrics
