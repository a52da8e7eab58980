// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: decoding a document and the offset maps, checked against each other.
#include "document.h"

#include <cstddef>
#include <cstdint>

using namespace Scholiast;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    Diagnostics diagnostics;
    const auto doc = Document::fromUtf8(bytes, QStringLiteral("fuzz.txt"), diagnostics, {});
    if (!doc) {
        return 0;
    }
    // Every code point maps to UTF-16 and bytes and back; line and column stay in range.
    for (qint64 cp = 0; cp <= doc->length(); cp += 1 + cp / 64) {
        const Utf16Index u = doc->toUtf16(CodePoint(cp));
        const Utf8Byte b = doc->toUtf8(CodePoint(cp));
        if (doc->toCodePoint(u).value != cp || doc->toCodePoint(b).value != cp || !doc->isBoundary(u)
            || !doc->isBoundary(b)) {
            __builtin_trap();
        }
        const LineColumn at = doc->lineColumn(CodePoint(cp));
        if (at.line < 1 || at.line > doc->lineCount() || at.column < 1) {
            __builtin_trap();
        }
    }
    if (doc->toUtf16(CodePoint(doc->length())).value != doc->text().size()) {
        __builtin_trap();
    }
    return 0;
}
