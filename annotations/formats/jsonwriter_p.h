#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QStringView>

namespace Scholiast::Json {

/// Appends `text` as a JSON string in UTF-8, escaped as Python's json.dumps(ensure_ascii=False)
/// does, so that files written by a researcher's script and by Scholiast agree byte for byte.
void appendString(QByteArray &out, QStringView text);
/// A double as Python's repr(float) writes it: the shortest digits that read back the same,
/// "1.0", "0.0001", "1e-05", "1e+16"; NaN and infinities, which JSON lacks, as null.
void appendDouble(QByteArray &out, double value);
/// A value kept from a file (unknown fields): compact, object keys sorted.
void appendValue(QByteArray &out, const QJsonValue &value);

/// `, "key": ` then the value.
inline void appendKey(QByteArray &out, const char *key)
{
    out.append(", \"");
    out.append(key);
    out.append("\": ");
}

} // namespace Scholiast::Json
