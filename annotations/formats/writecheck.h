// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: the functions keep no state between calls, so they may run on
// several threads at once on different data.
#pragma once

#include "annotationset.h"
#include "interchange.h"

#include <QList>
#include <QString>

#include <optional>

namespace Scholiast::Interchange {

/// Which spans an export writes or a comparison scores (docs/FORMAT.md §6.5, "Gold means
/// accepted"): accepted spans only by default, a span without `status` counting as accepted.
struct StatusFilter
{
    bool accepted = true;
    bool pending = false;
    bool rejected = false;
    /// The versions of an unresolved merge conflict (docs/TEAMS.md): never gold.
    bool conflict = false;

    /// "accepted,pending,rejected,conflict" (any of them, comma separated; "all" for the four).
    [[nodiscard]] static std::optional<StatusFilter> fromNames(QStringView names);
    [[nodiscard]] static StatusFilter all() { return {true, true, true, true}; }
    [[nodiscard]] bool includes(const Annotation &span) const;
    /// A relation by its own status (a suggested one is pending); its ends are not looked at.
    [[nodiscard]] bool includes(const Relation &relation) const;
    [[nodiscard]] bool includesEverything() const { return accepted && pending && rejected && conflict; }
    /// "accepted", "accepted,pending", ...
    [[nodiscard]] QString names() const;
};

/// Removes the spans the filter leaves out; returns how many. Of the items' relations, those the
/// filter leaves out and those with an end that was removed go too (not counted).
qsizetype filterByStatus(QList<Item> &items, const StatusFilter &filter);
qsizetype filterByStatus(QList<Annotation> &spans, const StatusFilter &filter);
/// Removes the relations the filter leaves out by their own status or by an end not in `spans`.
void filterRelationsByStatus(QList<Relation> &relations, const QList<Annotation> &spans, const StatusFilter &filter);

/// Removes from `incoming` every span with the same start, end and label as a placed span of
/// `existing` or an earlier one of `incoming` (docs/FORMAT.md §8.5: one span per range and
/// label); imports and merges report the count. Returns how many were removed.
qsizetype removeExactDuplicates(const QList<Annotation> &existing, QList<Annotation> &incoming);

/// An import's relations (between the spans of `read`, by the ids the file gave them) onto the
/// spans of `set` after `added` were added as `addedIds` (AnnotationSet::add may give new ids): a
/// span that was not added, being an exact duplicate of one in the set, is that span. Relations
/// with an end that is neither are left out and counted in `leftOut`.
QList<Relation> relationsOntoSet(const QList<Relation> &relations, const QList<Annotation> &read,
                                 const QList<Annotation> &added, const QStringList &addedIds, const AnnotationSet &set,
                                 qsizetype &leftOut);

/// Checks every span before a writer sees it (docs/FORMAT.md, "What a format cannot hold"): an orphan, a span whose
/// text is not the document's, a span the conversion to `unit` would move, and for brat a span of white space or line
/// breaks only are removed, each reported with its id, offsets and reason: an error, or a warning with `allowLoss`. A
/// span whose boundary a format trims (brat: a leading or trailing line break) gets a warning. Returns how many were
/// left out.
qsizetype leaveOutUnwritable(QList<Item> &items, const Format &format, OffsetUnit unit, bool allowLoss,
                             Diagnostics &diagnostics);

} // namespace Scholiast::Interchange
