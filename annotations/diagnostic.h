// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: value types, reentrant: each copy may be used on any thread.
#pragma once

#include <QList>
#include <QString>

namespace Scholiast {

/// One problem found in an input file, with the place it was found. Readers return these as
/// values; the CLI prints one per line and the UI shows the same text.
struct Diagnostic
{
    enum class Severity { Warning, Error };
    /// What `offset` counts, so that a message never leaves its unit implicit.
    enum class OffsetUnit { None, Bytes, CodePoints };

    Severity severity = Severity::Error;
    QString file;
    int line = 0; ///< 1-based; 0 when unknown
    int column = 0; ///< 1-based, in code points; 0 when unknown
    qint64 offset = -1;
    OffsetUnit unit = OffsetUnit::None;
    QString message;

    [[nodiscard]] bool isError() const { return severity == Severity::Error; }
    /// Compiler style: `file:line:column: error: message`.
    [[nodiscard]] QString toString() const;

    static Diagnostic error(const QString &file, const QString &message);
    static Diagnostic warning(const QString &file, const QString &message);
};

using Diagnostics = QList<Diagnostic>;

[[nodiscard]] bool hasErrors(const Diagnostics &diagnostics);

/// Line and column (1-based, column in code points) of a byte offset into UTF-8 data.
/// The one place that turns a parser's byte offset into a position a person can find.
struct LineColumn
{
    int line = 1;
    int column = 1;
};
[[nodiscard]] LineColumn lineColumnAtByte(const char *data, qint64 size, qint64 byteOffset);

/// A diagnostic at a byte offset of `data`, with its line and column filled in.
[[nodiscard]] Diagnostic diagnosticAtByte(Diagnostic::Severity severity, const QString &file, const char *data,
                                          qint64 size, qint64 byteOffset, const QString &message);

} // namespace Scholiast
