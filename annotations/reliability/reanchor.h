// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: the functions keep no state between calls, so they may run on
// several threads at once on different data.
#pragma once

#include "annotation.h"

#include <QList>

namespace Scholiast {

class Document;

/// Re-attaches spans to a document that changed since they were saved (docs/FORMAT.md §6,
/// docs/RELIABILITY.md). Every span comes back: placed, or kept as an orphan.
namespace Reanchor {

enum class Outcome {
    Exact, ///< the stored text is still at the stored offsets
    Moved, ///< the stored text was found elsewhere (context and distance pick among copies)
    Fuzzy, ///< text that differs a little: other Unicode normalisation, white space or line
           ///< ends, or a few edits (bounded edit distance near where the span was)
    Orphaned, ///< not found: kept with its last offsets and text, marked orphan
};
inline constexpr int OutcomeCount = 4;
[[nodiscard]] QString outcomeName(Outcome outcome);

struct Placement
{
    Outcome outcome = Outcome::Orphaned;
    double score = 0; ///< 1 for exact and moved; 1 - edits / length for fuzzy; 0 for orphans
};

/// How many spans had each outcome.
struct Counts
{
    qsizetype exact = 0;
    qsizetype moved = 0;
    qsizetype fuzzy = 0;
    qsizetype orphaned = 0;

    [[nodiscard]] qsizetype of(Outcome outcome) const;
    void add(Outcome outcome);
    [[nodiscard]] qsizetype total() const { return exact + moved + fuzzy + orphaned; }
    bool operator==(const Counts &) const = default;
};

struct Result
{
    QList<Annotation> spans; ///< in the order given; orphans have isOrphan()
    QList<Placement> placements; ///< one per span
    Counts counts;
};

/// Places each span in `document`. Spans are values: nothing is changed in place.
[[nodiscard]] Result reanchor(const QList<Annotation> &spans, const Document &document);

} // namespace Reanchor
} // namespace Scholiast
