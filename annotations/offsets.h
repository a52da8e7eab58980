// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: value types, reentrant: each copy may be used on any thread.
#pragma once

#include <QtGlobal>

#include <compare>

namespace Scholiast {

/// An offset in one unit. The units never mix: converting between them is Document's job
/// (docs/FORMAT.md, "Offsets"). Only the operations that make sense within one unit exist.
template <typename Unit> struct Offset
{
    qint64 value = 0;

    constexpr Offset() = default;
    constexpr explicit Offset(qint64 v)
        : value(v)
    {
    }
    constexpr auto operator<=>(const Offset &) const = default;
    constexpr Offset operator+(qint64 n) const { return Offset(value + n); }
    constexpr Offset operator-(qint64 n) const { return Offset(value - n); }
    constexpr qint64 operator-(Offset other) const { return value - other.value; }
    constexpr Offset &operator+=(qint64 n)
    {
        value += n;
        return *this;
    }
    constexpr Offset &operator-=(qint64 n)
    {
        value -= n;
        return *this;
    }
};

/// A Unicode code point offset: the unit of every Scholiast file and of the model.
using CodePoint = Offset<struct CodePointUnit>;
/// A UTF-16 code unit index: what QString and Qt's text classes count. Only ui/ and formats
/// that count UTF-16 (doccano, old Label Studio) use it.
using Utf16Index = Offset<struct Utf16Unit>;
/// A byte offset into the UTF-8 text (after the BOM, if any was removed).
using Utf8Byte = Offset<struct Utf8ByteUnit>;

// An offset costs what the integer costs: Annotation and the interval index hold millions.
static_assert(sizeof(CodePoint) == sizeof(qint64));

} // namespace Scholiast
