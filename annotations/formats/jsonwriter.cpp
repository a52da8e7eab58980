// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "jsonwriter_p.h"

#include "utf8.h"

#include <QCborValue>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <bit>
#include <charconv>
#include <cmath>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace Scholiast::Json {

namespace {
// A control character (below U+0020) escaped at `d`: as json.dumps writes it, or, in `diff`'s
// quoted texts, with U+0008 and U+000C as \u0008 and \u000c (a reader of a diff line need not
// know JSON's short forms).
template <Escapes Style> Q_ALWAYS_INLINE char *writeControl(char *d, unsigned c)
{
    static const char hex[] = "0123456789abcdef";
    *d++ = '\\';
    switch (c) {
    case '\n':
        *d++ = 'n';
        return d;
    case '\r':
        *d++ = 'r';
        return d;
    case '\t':
        *d++ = 't';
        return d;
    case '\b':
        if constexpr (Style == Escapes::Json) {
            *d++ = 'b';
            return d;
        }
        break;
    case '\f':
        if constexpr (Style == Escapes::Json) {
            *d++ = 'f';
            return d;
        }
        break;
    default:
        break;
    }
    *d++ = 'u';
    *d++ = '0';
    *d++ = '0';
    *d++ = hex[c >> 4];
    *d++ = hex[c & 0xF];
    return d;
}

// One UTF-16 unit (two for a surrogate pair) as UTF-8 at `d`, escaped in Style; returns the
// index of the next unit.
template <Escapes Style> Q_ALWAYS_INLINE qsizetype encodeUnit(const char16_t *p, qsizetype i, qsizetype n, char *&d)
{
    const char16_t c = p[i];
    if (c >= 0x80) {
        return encodeUtf8(p, i, n, d);
    }
    if constexpr (Style != Escapes::None) {
        if (c < 0x20) {
            d = writeControl<Style>(d, c);
            return i + 1;
        }
        if (c == u'"' || c == u'\\') {
            *d++ = '\\';
        }
    }
    *d++ = char(c);
    return i + 1;
}

#if defined(__SSE2__)
// The units of a block that cannot be copied as one byte each in Style.
template <Escapes Style> Q_ALWAYS_INLINE unsigned specialUnits(__m128i units)
{
    // Signed compares: a unit from 0x8000 up is negative, so "below a space" (or zero) as well.
    __m128i special = _mm_cmpgt_epi16(units, _mm_set1_epi16(0x7F));
    if constexpr (Style == Escapes::None) {
        special = _mm_or_si128(special, _mm_cmplt_epi16(units, _mm_setzero_si128()));
    } else {
        special = _mm_or_si128(
            _mm_or_si128(special, _mm_cmplt_epi16(units, _mm_set1_epi16(0x20))),
            _mm_or_si128(_mm_cmpeq_epi16(units, _mm_set1_epi16('"')), _mm_cmpeq_epi16(units, _mm_set1_epi16('\\'))));
    }
    return unsigned(_mm_movemask_epi8(special));
}
#endif

template <Escapes Style> char *writeUtf8Impl(char *d, QStringView text)
{
    const char16_t *p = text.utf16();
    const qsizetype n = text.size();
    qsizetype i = 0;
#if defined(__SSE2__)
    // Most text is ASCII that needs no escape: eight units at a time, narrowed to eight bytes.
    while (i + 8 <= n) {
        const __m128i units = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
        const unsigned mask = specialUnits<Style>(units);
        _mm_storel_epi64(reinterpret_cast<__m128i *>(d), _mm_packus_epi16(units, units));
        if (mask == 0) {
            d += 8;
            i += 8;
            continue;
        }
        // The plain units before the first special one are written; that one goes the long way.
        const int plain = std::countr_zero(mask) / 2;
        d += plain;
        i = encodeUnit<Style>(p, i + plain, n, d);
    }
    // The last units, fewer than eight: when the eight units that end the text are all plain,
    // they are written over the bytes of those already written, which were plain too (one byte
    // each). Ids and the ends of texts went a unit at a time here.
    if (i < n && n >= 8) {
        const __m128i units = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + n - 8));
        if (specialUnits<Style>(units) == 0) {
            d -= 8 - (n - i);
            _mm_storel_epi64(reinterpret_cast<__m128i *>(d), _mm_packus_epi16(units, units));
            d += 8;
            i = n;
        }
    }
#endif
    while (i < n) {
        i = encodeUnit<Style>(p, i, n, d);
    }
    return d;
}
} // namespace

char *writeUtf8(char *d, QStringView text, Escapes style)
{
    switch (style) {
    case Escapes::Json:
        return writeUtf8Impl<Escapes::Json>(d, text);
    case Escapes::QuotedText:
        return writeUtf8Impl<Escapes::QuotedText>(d, text);
    case Escapes::None:
        break;
    }
    return writeUtf8Impl<Escapes::None>(d, text);
}

void appendString(QByteArray &out, QStringView text)
{
    // UTF-16 to escaped UTF-8 straight into `out`: at most 6 bytes per unit (\u00XX).
    const qsizetype at = out.size();
    out.resize(at + 2 + 6 * text.size());
    char *d = writeString(out.data() + at, text);
    out.resize(d - out.constData());
}

char *writeString(char *d, QStringView text)
{
    *d++ = '"';
    d = writeUtf8Impl<Escapes::Json>(d, text);
    *d++ = '"';
    return d;
}

char *writeStringUtf8(char *d, const char *p, qsizetype n, const char *readableEnd)
{
    const char *const end = p + n;
    *d++ = '"';
#if defined(__SSE2__)
    // Sixteen bytes at a time: bytes from 0x80 up are copied as they are, so only control
    // characters, '"' and '\\' stop the copy. Bytes past the string are read (up to
    // readableEnd) but count as a stop; the sixteen written are written over next.
    const __m128i control = _mm_set1_epi8(0x1F);
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    while (p < end && readableEnd - p >= 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i special =
            _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(bytes, control), bytes),
                         _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)));
        unsigned mask = unsigned(_mm_movemask_epi8(special));
        if (const qsizetype left = end - p; left < 16) {
            mask |= ~0u << left;
        }
        _mm_storeu_si128(reinterpret_cast<__m128i *>(d), bytes);
        if (mask == 0) {
            d += 16;
            p += 16;
            continue;
        }
        const int plain = std::countr_zero(mask);
        d += plain;
        p += plain;
        if (p == end) {
            break;
        }
        const auto c = uchar(*p++);
        if (c < 0x20) {
            d = writeControl<Escapes::Json>(d, c);
        } else {
            *d++ = '\\';
            *d++ = char(c);
        }
    }
#else
    Q_UNUSED(readableEnd);
#endif
    for (; p < end; ++p) {
        const auto c = uchar(*p);
        if (c < 0x20) {
            d = writeControl<Escapes::Json>(d, c);
        } else {
            if (c == '"' || c == '\\') {
                *d++ = '\\';
            }
            *d++ = char(c);
        }
    }
    *d++ = '"';
    return d;
}

void appendFragments(QByteArray &out, const QList<Fragment> &fragments)
{
    const qsizetype at = out.size();
    out.resize(at + 4 + 46 * fragments.size());
    char *d = writeFragments(out.data() + at, fragments);
    out.resize(d - out.constData());
}

char *writeFragments(char *d, const QList<Fragment> &fragments)
{
    *d++ = '[';
    for (qsizetype i = 0; i < fragments.size(); ++i) {
        d = i ? writeLiteral(d, ", [") : writeLiteral(d, "[");
        d = writeInteger(d, fragments[i].start.value);
        d = writeLiteral(d, ", ");
        d = writeInteger(d, fragments[i].end.value);
        *d++ = ']';
    }
    *d++ = ']';
    return d;
}

void appendInteger(QByteArray &out, qint64 value)
{
    char buffer[24];
    out.append(buffer, writeInteger(buffer, value) - buffer);
}

char *writeInteger(char *d, qint64 value)
{
    return std::to_chars(d, d + 20, value).ptr;
}

void appendDouble(QByteArray &out, double value)
{
    if (!std::isfinite(value)) {
        out.append("null"); // JSON has no NaN or infinity
        return;
    }
    // Python's float repr: the shortest digits that round-trip, fixed notation for decimal
    // exponents -4..15 (integral values end in ".0"), otherwise d.ddde+XX.
    const QByteArray scientific = QByteArray::number(value, 'e', QLocale::FloatingPointShortest);
    const qsizetype e = scientific.indexOf('e');
    QByteArray digits = scientific.left(e);
    const int exponent = scientific.mid(e + 1).toInt();
    const bool negative = std::signbit(value);
    if (digits.startsWith('-')) {
        digits.remove(0, 1);
    }
    digits.replace(".", "");
    if (negative) {
        out.append('-');
    }
    if (exponent >= -4 && exponent < 16) {
        if (exponent < 0) {
            out.append("0.");
            out.append(QByteArray(-exponent - 1, '0'));
            out.append(digits);
        } else if (digits.size() <= exponent + 1) {
            out.append(digits);
            out.append(QByteArray(exponent + 1 - digits.size(), '0'));
            out.append(".0");
        } else {
            out.append(digits.left(exponent + 1));
            out.append('.');
            out.append(digits.mid(exponent + 1));
        }
        return;
    }
    out.append(digits.left(1));
    if (digits.size() > 1) {
        out.append('.');
        out.append(digits.mid(1));
    }
    out.append(exponent < 0 ? "e-" : "e+");
    const QByteArray magnitude = QByteArray::number(std::abs(exponent));
    out.append(magnitude.size() < 2 ? "0" + magnitude : magnitude);
}

void appendMemberKey(QByteArray &out, QStringView key)
{
    out.append(", ");
    appendString(out, key);
    out.append(": ");
}

void appendMember(QByteArray &out, QStringView key, const QJsonValue &value)
{
    appendMemberKey(out, key);
    appendValue(out, value);
}

void appendMembers(QByteArray &out, const QJsonObject &fields)
{
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        appendMember(out, it.key(), it.value());
    }
}

void appendValue(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out.append("null");
        break;
    case QJsonValue::Bool:
        out.append(value.toBool() ? "true" : "false");
        break;
    case QJsonValue::Double: {
        // A whole number read as one (Qt holds it as a 64-bit integer) is written digit for digit:
        // as a double, one above 2^53 would come back rounded.
        if (const QCborValue held = QCborValue::fromJsonValue(value); held.isInteger()) {
            out.append(QByteArray::number(held.toInteger()));
            break;
        }
        const double d = value.toDouble();
        if (d == std::floor(d) && std::abs(d) < 9007199254740992.0) {
            out.append(QByteArray::number(qint64(d)));
        } else {
            appendDouble(out, d);
        }
        break;
    }
    case QJsonValue::String:
        appendString(out, value.toString());
        break;
    case QJsonValue::Array: {
        out.append('[');
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i) {
                out.append(", ");
            }
            appendValue(out, array.at(i));
        }
        out.append(']');
        break;
    }
    case QJsonValue::Object: {
        out.append('{');
        const QJsonObject object = value.toObject();
        bool first = true;
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            appendString(out, it.key());
            out.append(": ");
            appendValue(out, it.value());
        }
        out.append('}');
        break;
    }
    }
}

} // namespace Scholiast::Json
