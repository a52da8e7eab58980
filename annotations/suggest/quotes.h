// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: the functions keep no state between calls, so they may run on
// several threads at once on different data.
#pragma once

#include "suggestion.h"

namespace Scholiast::Suggest {

/// The `quotes` suggester (docs/SUGGEST.md, "quotes"): the words inside paired quotation marks,
/// marks excluded, white space and an attribution comma before the closing mark trimmed.
/// Pairs straight `"`, curly `“ ”`, low-high `„ “` and `„ ”`, guillemets `« »`, `» «`, `‹ ›`,
/// `› ‹`, CJK `「 」` and `『 』`, and single curly `‘ ’` (and `‚ ‘`) only where they pair
/// unambiguously: a `’` inside a word or after no opening `‘` is an apostrophe. Nested quotations
/// each give a span. A quotation that runs over a paragraph break and is reopened at the start of
/// the next paragraph gives one span per paragraph. A mark that does not pair is reported as a
/// warning at its place, and no span is guessed for it.
///
/// Spans have status pending, source `rule:quotes`, the label `label`, a score and a reason.
[[nodiscard]] Result suggestQuotes(const Document &document, const QString &label = QStringLiteral("quote"));

} // namespace Scholiast::Suggest
