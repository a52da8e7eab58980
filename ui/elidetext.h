// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Scholiast {

/// A span's text for one line of a dock: line breaks and runs of spaces become one space, and a
/// text longer than `maxLength` (UTF-16 units, "…" included) is cut at the last word boundary
/// that fits and ends with "…"; a single word longer than half of that is cut between grapheme
/// clusters instead, never inside one.
[[nodiscard]] QString elideAtWord(const QString &text, qsizetype maxLength);

} // namespace Scholiast
