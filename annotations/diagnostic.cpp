// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "diagnostic.h"

#include <algorithm>

namespace Scholiast {

QString Diagnostic::toString() const
{
    QString place = file.isEmpty() ? QStringLiteral("<input>") : file;
    if (line > 0) {
        place += u':' + QString::number(line);
        if (column > 0) {
            place += u':' + QString::number(column);
        }
    }
    const QString kind = severity == Severity::Error ? QStringLiteral("error") : QStringLiteral("warning");
    return place + QStringLiteral(": ") + kind + QStringLiteral(": ") + message;
}

Diagnostic Diagnostic::error(const QString &file, const QString &message)
{
    Diagnostic d;
    d.severity = Severity::Error;
    d.file = file;
    d.message = message;
    return d;
}

Diagnostic Diagnostic::warning(const QString &file, const QString &message)
{
    Diagnostic d = error(file, message);
    d.severity = Severity::Warning;
    return d;
}

bool hasErrors(const Diagnostics &diagnostics)
{
    return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic &d) { return d.isError(); });
}

LineColumn lineColumnAtByte(const char *data, qint64 size, qint64 byteOffset)
{
    LineColumn at;
    const qint64 end = std::clamp<qint64>(byteOffset, 0, size);
    for (qint64 i = 0; i < end; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (c == '\n' || (c == '\r' && (i + 1 >= size || data[i + 1] != '\n'))) {
            ++at.line;
            at.column = 1;
        } else if ((c & 0xC0) != 0x80 && c != '\r') {
            ++at.column; // continuation bytes do not start a code point
        }
    }
    return at;
}

Diagnostic diagnosticAtByte(Diagnostic::Severity severity, const QString &file, const char *data, qint64 size,
                            qint64 byteOffset, const QString &message)
{
    Diagnostic d = Diagnostic::error(file, message);
    d.severity = severity;
    const LineColumn at = lineColumnAtByte(data, size, byteOffset);
    d.line = at.line;
    d.column = at.column;
    d.offset = byteOffset;
    d.unit = Diagnostic::OffsetUnit::Bytes;
    return d;
}

} // namespace Scholiast
