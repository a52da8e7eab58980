// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "jsonwriter_p.h"

#include <QCborValue>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <charconv>
#include <cmath>

namespace Scholiast::Json {

void appendString(QByteArray &out, QStringView text)
{
    // UTF-16 to escaped UTF-8 straight into `out`: at most 6 bytes per unit (\u00XX).
    static const char hex[] = "0123456789abcdef";
    const char16_t *p = text.utf16();
    const qsizetype n = text.size();
    const qsizetype at = out.size();
    out.resize(at + 2 + 6 * n);
    char *d = out.data() + at;
    *d++ = '"';
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = p[i];
        if (c >= 0x20 && c < 0x80) {
            if (c == u'"' || c == u'\\') {
                *d++ = '\\';
            }
            *d++ = char(c);
        } else if (c < 0x20) {
            *d++ = '\\';
            switch (c) {
            case u'\n':
                *d++ = 'n';
                break;
            case u'\r':
                *d++ = 'r';
                break;
            case u'\t':
                *d++ = 't';
                break;
            case u'\b':
                *d++ = 'b';
                break;
            case u'\f':
                *d++ = 'f';
                break;
            default:
                *d++ = 'u';
                *d++ = '0';
                *d++ = '0';
                *d++ = hex[c >> 4];
                *d++ = hex[c & 0xF];
            }
        } else if (c < 0x800) {
            *d++ = char(0xC0 | (c >> 6));
            *d++ = char(0x80 | (c & 0x3F));
        } else if (QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(p[i + 1])) {
            const char32_t u = QChar::surrogateToUcs4(c, p[++i]);
            *d++ = char(0xF0 | (u >> 18));
            *d++ = char(0x80 | ((u >> 12) & 0x3F));
            *d++ = char(0x80 | ((u >> 6) & 0x3F));
            *d++ = char(0x80 | (u & 0x3F));
        } else if (QChar::isSurrogate(c)) {
            // A lone surrogate cannot be written as UTF-8, and readers refuse it escaped: U+FFFD.
            *d++ = char(0xEF);
            *d++ = char(0xBF);
            *d++ = char(0xBD);
        } else {
            *d++ = char(0xE0 | (c >> 12));
            *d++ = char(0x80 | ((c >> 6) & 0x3F));
            *d++ = char(0x80 | (c & 0x3F));
        }
    }
    *d++ = '"';
    out.resize(d - out.constData());
}

void appendFragments(QByteArray &out, const QList<Fragment> &fragments)
{
    out.append('[');
    for (qsizetype i = 0; i < fragments.size(); ++i) {
        out.append(i ? ", [" : "[");
        appendInteger(out, fragments[i].start.value);
        out.append(", ");
        appendInteger(out, fragments[i].end.value);
        out.append(']');
    }
    out.append(']');
}

void appendInteger(QByteArray &out, qint64 value)
{
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr - buffer);
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
