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
        // A lone surrogate cannot be written as UTF-8; \u escaping keeps it visible and valid JSON.
        const bool loneSurrogate = (QChar::isHighSurrogate(c) && (i + 1 >= n || !QChar::isLowSurrogate(p[i + 1])))
            || (QChar::isLowSurrogate(c) && (i == 0 || !QChar::isHighSurrogate(p[i - 1])));
        if (!escape && !control && !loneSurrogate) {
            continue;
        }
        flushPlain(i);
        plainFrom = i + 1;
        if (escape) {
            out.append(escape);
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
    QByteArray number = QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
    if (!number.contains('.') && !number.contains('e') && !number.contains("inf") && !number.contains("nan")) {
        number.append(".0");
    }
    out.append(number);
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
