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

/// How text is escaped on its way to UTF-8: as in a JSON string (json.dumps: \", \\, \n, \b,
/// \u001b), as in `diff`'s quoted texts (the same, but U+0008 and U+000C as \u0008 and \u000c),
/// or not at all.
enum class Escapes { Json, QuotedText, None };

// The raw forms of the above, for a writer that makes room for a whole line at once: each writes
// at `d` and returns the end of what it wrote.
/// Needs 2 + 6 * text.size() bytes.
char *writeString(char *d, QStringView text);
/// UTF-16 text as UTF-8, escaped in `style`, without quotes (a lone surrogate as U+FFFD). Needs
/// 6 * text.size() bytes.
char *writeUtf8(char *d, QStringView text, Escapes style);
/// writeString() for text that is valid UTF-8 already (`n` bytes at `p`, a span's text in the
/// document's bytes): the same bytes out. Reads up to `readableEnd` (at least p + n), sixteen
/// bytes at a time, and may write up to 16 bytes past its result: needs 18 + 6 * n bytes.
char *writeStringUtf8(char *d, const char *p, qsizetype n, const char *readableEnd);
/// Needs 20 bytes.
char *writeInteger(char *d, qint64 value);
/// Needs 4 + 46 * fragments.size() bytes.
char *writeFragments(char *d, const QList<Fragment> &fragments);

template <std::size_t N> inline char *writeLiteral(char *d, const char (&text)[N])
{
    std::memcpy(d, text, N - 1);
    return d + N - 1;
}

/// `, "key": `: N + 5 bytes.
template <std::size_t N> inline char *writeKey(char *d, const char (&key)[N])
{
    *d++ = ',';
    *d++ = ' ';
    *d++ = '"';
    std::memcpy(d, key, N - 1);
    d += N - 1;
    *d++ = '"';
    *d++ = ':';
    *d++ = ' ';
    return d;
}

/// `, "key": ` for a key given as a literal: one append, its length known at compile time.
template <std::size_t N> inline void appendKey(QByteArray &out, const char (&key)[N])
{
    const qsizetype at = out.size();
    out.resize(at + qsizetype(N) + 5); // ", \"" + key + "\": "
    writeKey(out.data() + at, key);
}

} // namespace Scholiast::Json
