// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: the functions keep no state between calls, so they may run on
// several threads at once on different data.
#pragma once

#include "annotation.h"
#include "diagnostic.h"
#include "document.h"
#include "offsets.h"
#include "relation.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace Scholiast {
class AnnotationSet;
}

namespace Scholiast::Suggest {

/// The extra span field that keeps why a suggester proposed a span (docs/SUGGEST.md,
/// "Suggestions in the sidecar"): `"reason": "text between “ and ”"`.
inline constexpr QStringView ReasonField = u"reason";

/// One end of a suggested relation: suggestions have no ids yet, so an end is named by the range
/// and label of its span (a suggestion of the same run, or a span already in the document).
struct SpanKey
{
    CodePoint start;
    CodePoint end;
    QString label;
    bool operator==(const SpanKey &) const = default;
};

/// A relation a suggester proposes (the quotes rule's `attributed_to`, docs/SUGGEST.md).
struct SuggestedRelation
{
    QString label;
    SpanKey from;
    SpanKey to;
    QString reason;
    bool operator==(const SuggestedRelation &) const = default;
};

/// What a suggester returns: pending spans and relations, and the problems it met (an
/// unbalanced quotation mark is a warning; a model command that fails is an error and comes
/// with no spans).
struct Result
{
    QList<Annotation> spans;
    QList<SuggestedRelation> relations;
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

/// The suggested relations as pending relations of `set`, after the suggested spans were added
/// to it: each end is the span of `set` with that range and label (an orphan never is). Left out:
/// a relation with an end `set` does not have, and one `set` has already (same label and ends).
/// The relations have no id (AnnotationSet gives them one), `source` as given, status pending,
/// and their reason as the extra field `reason`, as suggested spans have.
[[nodiscard]] QList<Relation> relationsOnto(const QList<SuggestedRelation> &suggested, const AnnotationSet &set,
                                            const QString &source);

/// [start, end) in UTF-16 with white space trimmed from both ends.
void trimWhiteSpace(QStringView text, qsizetype &start, qsizetype &end);

} // namespace Scholiast::Suggest
