// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: the functions keep no state between calls, so they may run on
// several threads at once on different data.
#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <bit>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
/// Eight units at a time: a unit at a time was most of a read's check, without the document,
/// that each text has end - start code points (5 % of `diff`, issue 17).
[[nodiscard]] inline qint64 codePointCount(QStringView text)
{
    const char16_t *p = text.utf16();
    const qsizetype n = text.size();
    qint64 lowSurrogates = 0;
    qsizetype i = 0;
#if defined(__SSE2__)
    // U+DC00-U+DFFF are the units whose top six bits are 110111. Each block's matches (-1 each)
    // are summed per 16-bit lane, at most 4096 blocks before the lanes are added up.
    const __m128i top = _mm_set1_epi16(short(0xFC00));
    const __m128i low = _mm_set1_epi16(short(0xDC00));
    while (i + 8 <= n) {
        __m128i lanes = _mm_setzero_si128();
        for (int blocks = 0; blocks < 4096 && i + 8 <= n; ++blocks, i += 8) {
            const __m128i units = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
            lanes = _mm_sub_epi16(lanes, _mm_cmpeq_epi16(_mm_and_si128(units, top), low));
        }
        const __m128i pairs = _mm_madd_epi16(lanes, _mm_set1_epi16(1)); // four 32-bit sums
        const __m128i halves = _mm_add_epi32(pairs, _mm_srli_si128(pairs, 8));
        lowSurrogates += _mm_cvtsi128_si32(_mm_add_epi32(halves, _mm_srli_si128(halves, 4)));
    }
#endif
    for (; i < n; ++i) {
        lowSurrogates += QChar::isLowSurrogate(p[i]) ? 1 : 0;
    }
    return n - lowSurrogates;
}

/// The set bits of a 16-bit mask (a block's matches): std::popcount without -mpopcnt is a call
/// into libgcc, 1 % of `validate` and 7 % of the writer (issue 17).
[[nodiscard]] constexpr int bitCount16(unsigned x)
{
    x = x - ((x >> 1) & 0x5555u);
    x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
    x = (x + (x >> 4)) & 0x0F0Fu;
    return int((x + (x >> 8)) & 0x1Fu);
}

/// Code points in UTF-8 text (continuation bytes do not start one). Sixteen bytes at a time: a
/// byte at a time was a third of the reader's walk over a spans-only read (`agree`, issue 17).
[[nodiscard]] inline qint64 codePointCountUtf8(QByteArrayView utf8)
{
    qint64 continuations = 0;
    qsizetype i = 0;
#if defined(__SSE2__)
    // 0x80-0xBF are, as signed bytes, the ones below -64. Each block's matches (-1 each) are
    // summed per byte lane, at most 255 blocks before the lanes are added up.
    const __m128i below = _mm_set1_epi8(-64);
    while (i + 16 <= utf8.size()) {
        __m128i lanes = _mm_setzero_si128();
        for (int blocks = 0; blocks < 255 && i + 16 <= utf8.size(); ++blocks, i += 16) {
            const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(utf8.data() + i));
            lanes = _mm_sub_epi8(lanes, _mm_cmplt_epi8(block, below));
        }
        const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
        continuations += _mm_cvtsi128_si32(sums) + _mm_cvtsi128_si32(_mm_srli_si128(sums, 8));
    }
#endif
    for (; i < utf8.size(); ++i) {
        continuations += (uchar(utf8[i]) & 0xC0) == 0x80 ? 1 : 0;
    }
    return utf8.size() - continuations;
}

/// In valid UTF-8 `[p, end)`, where `p` starts a code point: the start of the code point `count`
/// code points on, or `end` when there are fewer. Sixteen bytes at a time, as the sidecar's
/// writer steps over the document's bytes to each span's text and context (issue 17).
[[nodiscard]] inline const char *skipCodePointsUtf8(const char *p, const char *end, qint64 count)
{
    if (count <= 0) {
        return p;
    }
    // The stop is the (count + 1)-th byte that starts a code point, counted from p.
    qint64 toPass = count;
#if defined(__SSE2__)
    const __m128i below = _mm_set1_epi8(-64); // continuation bytes 0x80-0xBF, as signed bytes
    while (end - p >= 16) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        unsigned starts = ~unsigned(_mm_movemask_epi8(_mm_cmplt_epi8(block, below))) & 0xFFFFu;
        const int inBlock = bitCount16(starts);
        if (inBlock <= toPass) {
            toPass -= inBlock;
            p += 16;
            continue;
        }
        for (qint64 passed = 0; passed < toPass; ++passed) {
            starts &= starts - 1; // the lowest start passed
        }
        return p + std::countr_zero(starts);
    }
#endif
    for (; p < end; ++p) {
        if ((uchar(*p) & 0xC0) != 0x80) {
            if (toPass == 0) {
                return p;
            }
            --toPass;
        }
    }
    return end;
}

/// In valid UTF-8 `[begin, p)`, where `p` starts a code point or is the end: the start of the
/// code point `count` code points before `p`, or `begin` when there are fewer.
[[nodiscard]] inline const char *backCodePointsUtf8(const char *begin, const char *p, qint64 count)
{
    qint64 toFind = count; // the toFind-th start before p is the answer
    if (toFind <= 0) {
        return p;
    }
#if defined(__SSE2__)
    const __m128i below = _mm_set1_epi8(-64);
    while (p - begin >= 16) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p - 16));
        unsigned starts = ~unsigned(_mm_movemask_epi8(_mm_cmplt_epi8(block, below))) & 0xFFFFu;
        const int inBlock = bitCount16(starts);
        if (inBlock < toFind) {
            toFind -= inBlock;
            p -= 16;
            continue;
        }
        for (qint64 found = 1; found < toFind; ++found) {
            starts &= ~(1u << (31 - std::countl_zero(starts))); // the highest start passed
        }
        return p - 16 + (31 - std::countl_zero(starts));
    }
#endif
    while (p > begin) {
        --p;
        if ((uchar(*p) & 0xC0) != 0x80 && --toFind == 0) {
            return p;
        }
    }
    return begin;
}

/// UTF-8 that is known valid (simdjson validated it), decoded to UTF-16 at `out` (room for as
/// many units as there are bytes); returns the end. Every character is kept, a leading U+FEFF
/// too. Qt's decoder checks every sequence again and takes the characters outside ASCII one at a
/// time through its slow path: 135 ms of a 50 MB document's load, where this takes a third of
/// that (issue 17).
[[nodiscard]] inline char16_t *decodeValidUtf8(const unsigned char *s, qint64 n, char16_t *out)
{
    qint64 i = 0;
    const auto decodeOther = [&] {
        const unsigned char b = s[i];
        if (b < 0xE0) {
            *out++ = char16_t(((b & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu));
            i += 2;
        } else if (b < 0xF0) {
            *out++ = char16_t(((b & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu));
            i += 3;
        } else {
            const char32_t cp =
                ((b & 0x07u) << 18) | ((s[i + 1] & 0x3Fu) << 12) | ((s[i + 2] & 0x3Fu) << 6) | (s[i + 3] & 0x3Fu);
            *out++ = QChar::highSurrogate(cp);
            *out++ = QChar::lowSurrogate(cp);
            i += 4;
        }
    };
#if defined(__SSE2__)
    // Sixteen bytes widened at once; only the ASCII before the first other byte is kept (the
    // units past it are written over next). Never past the end: fewer units than bytes so far.
    const __m128i zero = _mm_setzero_si128();
    while (i + 16 <= n) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s + i));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(out), _mm_unpacklo_epi8(block, zero));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(out + 8), _mm_unpackhi_epi8(block, zero));
        const unsigned other = unsigned(_mm_movemask_epi8(block));
        if (other == 0) {
            i += 16;
            out += 16;
            continue;
        }
        const int ascii = std::countr_zero(other);
        i += ascii;
        out += ascii;
        decodeOther();
    }
#endif
    while (i < n) {
        if (s[i] < 0x80) {
            *out++ = char16_t(s[i++]);
        } else {
            decodeOther();
        }
    }
    return out;
}

/// The character at `p[i]`, a unit from U+0080 up (with the next unit when the two are a
/// surrogate pair), as UTF-8 at `d`, which it advances; a lone surrogate as U+FFFD, as
/// QTextStream writes it. Returns the index of the next unit. For the writers that escape ASCII
/// their own way (the sidecar's JSON, `diff`'s quoted texts).
inline qsizetype encodeUtf8(const char16_t *p, qsizetype i, qsizetype n, char *&d)
{
    const char16_t c = p[i];
    if (c < 0x800) {
        *d++ = char(0xC0 | (c >> 6));
        *d++ = char(0x80 | (c & 0x3F));
    } else if (QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(p[i + 1])) {
        const char32_t u = QChar::surrogateToUcs4(c, p[++i]);
        *d++ = char(0xF0 | (u >> 18));
        *d++ = char(0x80 | ((u >> 12) & 0x3F));
        *d++ = char(0x80 | ((u >> 6) & 0x3F));
        *d++ = char(0x80 | (u & 0x3F));
    } else if (QChar::isSurrogate(c)) {
        *d++ = char(0xEF);
        *d++ = char(0xBF);
        *d++ = char(0xBD);
    } else {
        *d++ = char(0xE0 | (c >> 12));
        *d++ = char(0x80 | ((c >> 6) & 0x3F));
        *d++ = char(0x80 | (c & 0x3F));
    }
    return i + 1;
}

/// Whether UTF-16 text and UTF-8 bytes hold the same characters, without decoding into a string:
/// the reader checks a million spans' texts against their document this way (issue 17).
[[nodiscard]] inline bool equalsUtf8(QStringView text, QByteArrayView utf8)
{
    const char16_t *units = text.utf16();
    const auto *bytes = reinterpret_cast<const uchar *>(utf8.data());
    const qsizetype unitCount = text.size();
    const qsizetype n = utf8.size();
    qsizetype u = 0;
    qsizetype i = 0;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
#endif
    while (i < n) {
#if defined(__SSE2__)
        // Sixteen bytes at a time: the ASCII up to the first other byte is compared in one go,
        // then that character on its own. Text with an emoji or a CJK character every dozen
        // characters has few all-ASCII blocks, and comparing its short runs a character at a
        // time was most of the check (issue 17).
        if (i + 16 <= n && u + 16 <= unitCount) {
            const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(bytes + i));
            const unsigned other = unsigned(_mm_movemask_epi8(block));
            const int ascii = other == 0 ? 16 : std::countr_zero(other);
            const __m128i low = _mm_cmpeq_epi16(_mm_unpacklo_epi8(block, zero),
                                                _mm_loadu_si128(reinterpret_cast<const __m128i *>(units + u)));
            const __m128i high = _mm_cmpeq_epi16(_mm_unpackhi_epi8(block, zero),
                                                 _mm_loadu_si128(reinterpret_cast<const __m128i *>(units + u + 8)));
            // Two mask bits per unit; only the units of the ASCII run count.
            const quint32 same = quint32(_mm_movemask_epi8(low)) | (quint32(_mm_movemask_epi8(high)) << 16);
            const quint32 wanted = ascii == 16 ? 0xFFFFFFFFu : (quint32(1) << (2 * ascii)) - 1;
            if ((same & wanted) != wanted) {
                return false;
            }
            i += ascii;
            u += ascii;
            if (ascii == 16) {
                continue;
            }
        }
#endif
        if (bytes[i] < 0x80) { // the last bytes (after a block, bytes[i] is not ASCII)
            if (u >= unitCount || units[u] != bytes[i]) {
                return false;
            }
            ++u;
            ++i;
            continue;
        }
        // A character outside ASCII at byte i. Bytes that are not UTF-8 are compared as the
        // reader would decode them (never from the reader, which gets valid UTF-8 from simdjson).
        const uchar b = bytes[i];
        const int more = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : -1;
        if (more < 0 || i + more >= n) {
            return text.sliced(u) == textFromUtf8(utf8.sliced(i));
        }
        char32_t cp = b & (0x3F >> more);
        bool wellFormed = true;
        for (int k = 1; k <= more; ++k) {
            wellFormed &= (bytes[i + k] & 0xC0) == 0x80;
            cp = (cp << 6) | (bytes[i + k] & 0x3F);
        }
        static constexpr char32_t Smallest[] = {0, 0x80, 0x800, 0x10000};
        if (!wellFormed || cp < Smallest[more] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return text.sliced(u) == textFromUtf8(utf8.sliced(i));
        }
        if (cp > 0xFFFF) {
            if (u + 1 >= unitCount || units[u] != QChar::highSurrogate(cp) || units[u + 1] != QChar::lowSurrogate(cp)) {
                return false;
            }
            u += 2;
        } else {
            if (u >= unitCount || units[u] != cp) {
                return false;
            }
            ++u;
        }
        i += more + 1;
    }
    return u == unitCount;
}

} // namespace Scholiast
