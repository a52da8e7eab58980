// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Spans written inline in tests: the covered text and the id are set by name, never by position.
#pragma once

#include "annotation.h"

namespace Scholiast::Testing {

[[nodiscard]] inline Annotation withText(Annotation span, const QString &text)
{
    span.setText(text);
    return span;
}

[[nodiscard]] inline Annotation withId(Annotation span, const QString &id)
{
    span.id = id;
    return span;
}

} // namespace Scholiast::Testing
