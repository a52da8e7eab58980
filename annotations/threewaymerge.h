// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: the functions keep no state between calls, so they may run on
// several threads at once on different data.
#pragma once

#include "formats/scholiastjson.h"

#include <QStringList>

namespace Scholiast::ThreeWayMerge {

/// What a span-level three-way merge made of two branches' versions of one sidecar
/// (docs/TEAMS.md): the merged sidecar, always valid, and what could not be merged cleanly.
struct Result
{
    ScholiastJson::Sidecar merged;
    /// Spans changed differently on both sides (or changed on one and removed on the other):
    /// each kept as its versions with status "conflict" and an `x-merge` field.
    qsizetype spanConflicts = 0;
    /// Labels, document fields and unknown top-level fields changed differently on both sides:
    /// ours is kept, the message says what theirs was.
    qsizetype otherConflicts = 0;
    /// Spans both sides added at the same range and label with nothing else different: kept once.
    qsizetype duplicatesMerged = 0;
    /// One line per conflict, for stderr.
    QStringList messages;

    [[nodiscard]] bool isClean() const { return spanConflicts == 0 && otherConflicts == 0; }
};

/// The key of the field a conflicting version carries: {"of": the span's id on both branches,
/// "side": "ours" or "theirs", "status": its status before the merge (absent when none),
/// "other": "changed" or "removed" (what the other branch did), "fields": what differs}.
inline constexpr const char *ConflictKey = "x-merge";

/// Merges by span id: a change on one side only is taken; the same change on both is taken once;
/// different changes to different fields of one span merge field by field; different changes
/// to the same field, or a change against a removal, keep every version as a conflict. `base`
/// may be empty (a sidecar both branches added).
[[nodiscard]] Result merge(const ScholiastJson::Sidecar &base, const ScholiastJson::Sidecar &ours,
                           const ScholiastJson::Sidecar &theirs);

/// A conflicting version resolved: its id and status as before the merge, the `x-merge` field
/// gone. A span that is no conflict comes back unchanged.
[[nodiscard]] Annotation resolved(const Annotation &version);
/// The id every version of a conflict shares in its `x-merge` field; empty for a span that is
/// no conflict version.
[[nodiscard]] QString conflictGroup(const Annotation &span);

} // namespace Scholiast::ThreeWayMerge
