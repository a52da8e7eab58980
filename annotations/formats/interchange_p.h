// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#pragma once

#include "interchange.h"
#include "jsontree_p.h"

#include <deque>

namespace Scholiast::Interchange {

/// Scholiast's optional span fields in JSON (note, annotator, source, status, score, created,
/// modified), read and written the same way by every JSON format that keeps them.
/// Returns true when `key` is one of them (problems are appended as errors).
bool readOptionalField(QStringView key, const Json::Node &value, Annotation &span, const Json::Source &source,
                       Diagnostics &diagnostics);
/// `, "note": ...` for each optional field set, in the sidecar's order, then the extra fields.
void appendOptionalFields(QByteArray &out, const Annotation &span);

/// Whether errors were appended since the list had `size` entries.
[[nodiscard]] inline bool hasErrorsSince(const Diagnostics &diagnostics, qsizetype size)
{
    return hasErrors(diagnostics.mid(size));
}

/// The place of a JSON value, for RawSpan::place.
[[nodiscard]] Diagnostic placeOf(const Json::Source &source, const Json::Node &node);

/// Documents read from one file and the converters their spans refer to.
struct ReadState
{
    QList<Item> items;
    std::deque<OffsetConverter> converters; // stable addresses for RawSpan::converter
    std::vector<RawSpan> raw;
    int add(Item item)
    {
        items.append(std::move(item));
        converters.emplace_back(items.back().document);
        return int(items.size() - 1);
    }
    /// Places the spans (placeSpans) and moves the items into the result; false on errors.
    bool finish(const QList<OffsetUnit> &candidates, const ReadOptions &options, const QString &file,
                const QString &formatName, ReadResult &result, Diagnostics &diagnostics, const UnitPolicy &policy = {});
};

} // namespace Scholiast::Interchange
