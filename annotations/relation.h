// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: value types, reentrant: each copy may be used on any thread.
#pragma once

#include "annotation.h"

#include <QJsonObject>
#include <QString>

namespace Scholiast {

/// A labelled, directed link between two spans of one document ("this quote is attributed_to
/// that source"), referring to them by id (docs/FORMAT.md §6.8). Relation ids share the
/// document's id space with span ids: no relation has a span's id.
struct Relation
{
    QString id;
    QString label;
    QString from; ///< the id of the span the relation starts at
    QString to; ///< the id of the span it points to
    /// Fields this version does not know, kept as read so that a round trip loses nothing.
    QJsonObject extraFields = {};
    /// Who made it, with a span's `source` rules: `rule:quotes` for a suggested relation; empty
    /// when the file does not say (docs/FORMAT.md §6.8).
    QString source = {};
    /// Unset and Accepted are gold; Pending is a suggestion nobody has accepted yet, left out of
    /// exports and scores as a pending span is (§6.5).
    Annotation::Status status = Annotation::Status::Unset;

    [[nodiscard]] bool isPending() const { return status == Annotation::Status::Pending; }

    [[nodiscard]] bool touches(const QString &spanId) const { return from == spanId || to == spanId; }
    bool operator==(const Relation &) const = default;
};

} // namespace Scholiast
