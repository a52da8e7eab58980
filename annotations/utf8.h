// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: the functions keep no state between calls, so they may run on
// several threads at once on different data.
#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <bit>
#include <cstring>

namespace Scholiast {

/// UTF-8 to text, every character kept. QString::fromUtf8 drops a leading U+FEFF as a byte
/// order mark; inside a JSON string, a key or a CSV field it is a character like any other (ZERO
/// WIDTH NO-BREAK SPACE, e.g. where files with BOMs were joined), and dropping it moves offsets.
/// A document's own leading BOM is removed by Document, not here.
[[nodiscard]] inline QString textFromUtf8(QByteArrayView utf8)
{
    static constexpr QByteArrayView Bom("\xEF\xBB\xBF");
    qsizetype marks = 0;
    while (utf8.startsWith(Bom)) {
        utf8 = utf8.sliced(Bom.size());
        ++marks;
    }
    if (marks == 0) {
        return QString::fromUtf8(utf8);
    }
    return QString(marks, QChar(0xFEFF)) + QString::fromUtf8(utf8);
}

/// Code points in UTF-16 text (a surrogate pair is one): the unit every offset in a file counts.
[[nodiscard]] inline qint64 codePointCount(QStringView text)
{
    qint64 lowSurrogates = 0;
    for (const QChar c : text) {
        lowSurrogates += c.isLowSurrogate() ? 1 : 0;
    }
    return text.size() - lowSurrogates;
}

/// Code points in UTF-8 text (continuation bytes do not start one).
[[nodiscard]] inline qint64 codePointCountUtf8(QByteArrayView utf8)
{
    qint64 continuations = 0;
    for (const char c : utf8) {
        continuations += (uchar(c) & 0xC0) == 0x80 ? 1 : 0;
    }
    return utf8.size() - continuations;
}

/// Whether UTF-16 text and UTF-8 bytes hold the same characters, without decoding into a string:
/// the reader checks a million spans' texts against their document this way (issue 17).
[[nodiscard]] inline bool equalsUtf8(QStringView text, QByteArrayView utf8)
{
    qsizetype u = 0;
    qsizetype i = 0;
    const qsizetype n = utf8.size();
    while (i < n) {
        // Runs of ASCII sixteen at a time, on plain pointers so that the compiler vectorises them.
        const char16_t *units = text.utf16();
        const auto *bytes = reinterpret_cast<const uchar *>(utf8.data());
        while (i + 16 <= n && u + 16 <= text.size()) {
            quint64 words[2];
            std::memcpy(words, bytes + i, 16);
            if ((words[0] | words[1]) & 0x8080808080808080ULL) {
                break;
            }
            unsigned differ = 0;
            for (int k = 0; k < 16; ++k) {
                differ |= unsigned(units[u + k]) ^ unsigned(bytes[i + k]);
            }
            if (differ) {
                return false;
            }
            i += 16;
            u += 16;
        }
        // Then up to eight, as far as the first byte outside ASCII: text with such a character
        // every dozen or so (emoji, CJK) has few runs of sixteen, and taking one ASCII character
        // at a time before trying sixteen again cost more than the rest of the check.
        if (i + 8 <= n) {
            quint64 word;
            std::memcpy(&word, bytes + i, 8);
            const quint64 high = word & 0x8080808080808080ULL;
            // The first byte in memory is the word's lowest on a little-endian machine.
            const int ascii = !high                          ? 8
                : std::endian::native == std::endian::little ? std::countr_zero(high) / 8
                                                             : std::countl_zero(high) / 8;
            if (u + ascii > text.size()) {
                return false;
            }
            unsigned differ = 0;
            for (int k = 0; k < ascii; ++k) {
                differ |= unsigned(units[u + k]) ^ unsigned(bytes[i + k]);
            }
            if (differ) {
                return false;
            }
            i += ascii;
            u += ascii;
            if (ascii == 8) {
                continue;
            }
        }
        if (i >= n) {
            break;
        }
        const uchar b = uchar(utf8[i]);
        if (b < 0x80) { // the common case
            if (u >= text.size() || text[u].unicode() != b) {
                return false;
            }
            ++u;
            ++i;
            continue;
        }
        const int more = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : -1;
        if (more < 0 || i + more >= n) {
            return text.sliced(u) == textFromUtf8(utf8.sliced(i)); // not valid UTF-8: decoded as the reader would
        }
        char32_t cp = b & (0x3F >> more);
        bool wellFormed = true;
        for (int k = 1; k <= more; ++k) {
            wellFormed &= (uchar(utf8[i + k]) & 0xC0) == 0x80;
            cp = (cp << 6) | (uchar(utf8[i + k]) & 0x3F);
        }
        static constexpr char32_t Smallest[] = {0, 0x80, 0x800, 0x10000};
        if (!wellFormed || cp < Smallest[more] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return text.sliced(u) == textFromUtf8(utf8.sliced(i)); // not valid UTF-8: decoded as the reader would
        }
        i += more + 1;
        if (cp > 0xFFFF) {
            if (u + 1 >= text.size() || text[u] != QChar::highSurrogate(cp) || text[u + 1] != QChar::lowSurrogate(cp)) {
                return false;
            }
            u += 2;
        } else {
            if (u >= text.size() || text[u].unicode() != cp) {
                return false;
            }
            ++u;
        }
    }
    return u == text.size();
}

} // namespace Scholiast
