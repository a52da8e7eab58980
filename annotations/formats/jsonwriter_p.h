// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#pragma once

#include "annotation.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringView>

#include <cstddef>
#include <cstring>

namespace Scholiast::Json {

/// Appends `text` as a JSON string in UTF-8, escaped as Python's json.dumps(ensure_ascii=False)
/// does, so that files written by a researcher's script and by Scholiast agree byte for byte.
void appendString(QByteArray &out, QStringView text);
void appendInteger(QByteArray &out, qint64 value);
/// `[[start, end], [start, end]]`: a discontinuous span's fragments (docs/FORMAT.md §6.9).
void appendFragments(QByteArray &out, const QList<Fragment> &fragments);
/// A double as Python's repr(float) writes it: the shortest digits that read back the same,
/// "1.0", "0.0001", "1e-05", "1e+16"; NaN and infinities, which JSON lacks, as null.
void appendDouble(QByteArray &out, double value);
/// A value kept from a file (unknown fields): compact, object keys sorted.
void appendValue(QByteArray &out, const QJsonValue &value);
/// `, "key": ` for a key known only at run time (an unknown field's).
void appendMemberKey(QByteArray &out, QStringView key);
/// `, "key": value`: one member of an object being written, after its first.
void appendMember(QByteArray &out, QStringView key, const QJsonValue &value);
/// Every member of `fields` as `, "key": value`, in key order: the unknown fields a writer keeps.
void appendMembers(QByteArray &out, const QJsonObject &fields);

/// `, "key": ` for a key given as a literal: one append, its length known at compile time.
template <std::size_t N> inline void appendKey(QByteArray &out, const char (&key)[N])
{
    const qsizetype at = out.size();
    out.resize(at + qsizetype(N) + 5); // ", \"" + key + "\": "
    char *d = out.data() + at;
    *d++ = ',';
    *d++ = ' ';
    *d++ = '"';
    std::memcpy(d, key, N - 1);
    d += N - 1;
    *d++ = '"';
    *d++ = ':';
    *d++ = ' ';
}

} // namespace Scholiast::Json
