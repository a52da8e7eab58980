// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: the functions keep no state between calls, so they may run on
// several threads at once on different data.
#pragma once

#include "annotation.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <string_view>

/// The optional fields of a span (docs/FORMAT.md §6.2): note, annotator, source, status, score,
/// created and modified, with their rules, read and written in one place for the sidecar and
/// every interchange format that carries them (JSONL datasets). `orphan` and unknown fields are
/// the sidecar's own business. Thread-safe: plain functions over their arguments.
namespace Scholiast::SpanFields {

/// A field's value as a JSON reader hands it over, before its rule is checked.
struct Value
{
    enum class Type : quint8 { Other, Bool, Number, String };
    Type type = Type::Other;
    bool boolean = false;
    double number = 0;
    QString string;
};

/// Whether `key` names one of the fields, compared unit by unit (a key that starts with U+FEFF is
/// another key: no decoder may drop it). `key` as UTF-16 or as the UTF-8 bytes of the file.
[[nodiscard]] bool isSpanField(QStringView key);
[[nodiscard]] bool isSpanField(std::string_view key);

/// Checks `value` against the rule of the field `key` and sets it on `span`. The message (no file
/// or position: the reader adds them) when the value breaks the rule; nothing is set then.
[[nodiscard]] std::optional<QString> set(QStringView key, const Value &value, Annotation &span);
[[nodiscard]] std::optional<QString> set(std::string_view key, const Value &value, Annotation &span);

/// Appends each field the span has as `, "key": value`, in the sidecar's order.
void append(QByteArray &out, const Annotation &span);

/// An instant as the files write it: UTC, ISO 8601, always with milliseconds
/// ("2026-05-14T07:42:00.000Z", "2026-05-14T07:42:00.250Z"), so that every time in a file has one
/// length (docs/FORMAT.md §6.2). The one formatter of times for every file Scholiast writes.
[[nodiscard]] QString timeToIso(const QDateTime &time);

/// `"text"` for a message, cut after `max` characters (never inside a surrogate pair), line
/// breaks shown as \n.
[[nodiscard]] QString quoted(QStringView text, qsizetype max = 40);

} // namespace Scholiast::SpanFields
