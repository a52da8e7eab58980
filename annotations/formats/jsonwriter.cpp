#include "jsonwriter_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

namespace Scholiast::Json {

void appendString(QByteArray &out, QStringView text)
{
    static const char hex[] = "0123456789abcdef";
    out.append('"');
    const char16_t *p = text.utf16();
    const qsizetype n = text.size();
    qsizetype plainFrom = 0;
    auto flushPlain = [&](qsizetype to) {
        if (to > plainFrom) {
            out.append(QStringView(p + plainFrom, to - plainFrom).toUtf8());
        }
    };
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = p[i];
        const char *escape = nullptr;
        switch (c) {
        case u'"': escape = "\\\""; break;
        case u'\\': escape = "\\\\"; break;
        case u'\n': escape = "\\n"; break;
        case u'\r': escape = "\\r"; break;
        case u'\t': escape = "\\t"; break;
        case u'\b': escape = "\\b"; break;
        case u'\f': escape = "\\f"; break;
        default: break;
        }
        const bool control = c < 0x20;
        // A lone surrogate cannot be written as UTF-8, and readers refuse it escaped: it becomes U+FFFD.
        const bool loneSurrogate = (QChar::isHighSurrogate(c) && (i + 1 >= n || !QChar::isLowSurrogate(p[i + 1])))
            || (QChar::isLowSurrogate(c) && (i == 0 || !QChar::isHighSurrogate(p[i - 1])));
        if (!escape && !control && !loneSurrogate) {
            continue;
        }
        flushPlain(i);
        plainFrom = i + 1;
        if (escape) {
            out.append(escape);
        } else if (loneSurrogate) {
            out.append("\xEF\xBF\xBD");
        } else {
            const char u[] = {'\\', 'u', hex[(c >> 12) & 0xF], hex[(c >> 8) & 0xF], hex[(c >> 4) & 0xF], hex[c & 0xF]};
            out.append(u, sizeof u);
        }
    }
    flushPlain(n);
    out.append('"');
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
