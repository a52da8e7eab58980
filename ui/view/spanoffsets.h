// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotation.h"
#include "document.h"
#include "offsets.h"

#include <utility>

namespace Scholiast {

/// Where the view reads a span's offsets: in code points, as the model keeps them, and in UTF-16
/// for Qt's text classes. One place, so that the view never does offset arithmetic on its own.
[[nodiscard]] inline std::pair<CodePoint, CodePoint> spanRange(const Annotation &span)
{
    return {span.start, span.end};
}

[[nodiscard]] inline std::pair<Utf16Index, Utf16Index> spanUtf16Range(const Document &document, const Annotation &span)
{
    const auto [start, end] = spanRange(span);
    return {document.toUtf16(start), document.toUtf16(end)};
}

} // namespace Scholiast
