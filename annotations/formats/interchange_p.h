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

/// What every JSON reader starts from: the file (readFile: a regular file under the import cap)
/// with its positions, parsed as JSON Lines records or as one document.
struct JsonInput
{
    enum class Layout { Lines, Document };
    Json::Source source;
    std::vector<Json::Node> records; ///< Lines: one per record (Json::records); Document: the one value
    /// An error at a value's line and column.
    [[nodiscard]] Diagnostic at(const Json::Node &node, const QString &message) const
    {
        return source.at(node.offset, message);
    }
};
/// Reads and parses a JSON reader's input. Nothing when the file cannot be read or is malformed,
/// with the problem (at its line and column) in `diagnostics`.
[[nodiscard]] std::optional<JsonInput> readJson(const QString &path, JsonInput::Layout layout,
                                                Diagnostics &diagnostics);

/// What a record without a usable "text" is told; an empty message skips that check.
struct TextRecordMessages
{
    QString notObject; ///< the record is not a JSON object (empty: read as one without "text")
    QString missing; ///< it has no "text"
    QString notString; ///< its "text" is not a string
};
/// A record's "text" string, or nullptr after an error at the record.
[[nodiscard]] const Json::Node *recordText(const JsonInput &input, const Json::Node &record,
                                           const TextRecordMessages &messages, Diagnostics &diagnostics);

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
    /// The same for a reader of one file: what it read, or nothing on errors.
    std::optional<ReadResult> finish(const QList<OffsetUnit> &candidates, const ReadOptions &options,
                                     const QString &file, const QString &formatName, Diagnostics &diagnostics,
                                     const UnitPolicy &policy = {});
};

} // namespace Scholiast::Interchange
