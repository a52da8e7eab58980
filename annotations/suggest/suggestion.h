// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: the functions keep no state between calls, so they may run on
// several threads at once on different data.
#pragma once

#include "annotation.h"
#include "diagnostic.h"
#include "document.h"
#include "offsets.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace Scholiast::Suggest {

/// The extra span field that keeps why a suggester proposed a span (docs/SUGGEST.md,
/// "Suggestions in the sidecar"): `"reason": "text between “ and ”"`.
inline constexpr QStringView ReasonField = u"reason";

/// What a suggester returns: pending spans, and the problems it met (an unbalanced quotation
/// mark is a warning; a model command that fails is an error and comes with no spans).
struct Result
{
    QList<Annotation> spans;
    Diagnostics diagnostics;
};

/// Called with the documents done and the total; returning false cancels the run.
using Progress = std::function<bool(qint64 done, qint64 total)>;

/// A suggestion over [start, end) in UTF-16 indices of `document`'s text: status pending, the
/// given source (`rule:<name>` or `model:<name>`), score and reason, the covered text, no id.
[[nodiscard]] Annotation makeSuggestion(const Document &document, Utf16Index start, Utf16Index end,
                                        const QString &label, const QString &source, double score,
                                        const QString &reason);
/// The same at code point offsets (end exclusive); the caller has checked them.
[[nodiscard]] Annotation makeSuggestion(const Document &document, CodePoint start, CodePoint end, const QString &label,
                                        const QString &source, std::optional<double> score, const QString &reason);

/// The reason a suggester gave for a span; empty for spans not made by a suggester.
[[nodiscard]] QString reason(const Annotation &span);

/// `suggestions` without those equal to a span in `existing` or to an earlier suggestion (same
/// start, end and label): running a suggester twice adds nothing the second time.
[[nodiscard]] QList<Annotation> withoutDuplicates(const QList<Annotation> &suggestions,
                                                  const QList<Annotation> &existing);

/// [start, end) in UTF-16 with white space trimmed from both ends.
void trimWhiteSpace(QStringView text, qsizetype &start, qsizetype &end);

} // namespace Scholiast::Suggest
