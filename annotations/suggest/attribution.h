// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: the functions keep no state between calls, so they may run on
// several threads at once on different data.
#pragma once

#include "labelschema.h"
#include "suggestion.h"

#include <optional>

namespace Scholiast::Suggest {

/// What the quotes rule needs to say who said it (docs/SUGGEST.md, "quotes: who said it").
struct AttributionLabels
{
    QString relation; ///< attributed_to
    QString source; ///< the span label a relation points to: source
    QString quote; ///< the label of the quotations: quote
    QStringList claims; ///< the other span labels a relation may start at: claim
};

/// The attribution labels of `schema`: its first relation label that may go from `quoteLabel`
/// to a span label of the schema other than it (the Quote Attribution preset: attributed_to,
/// from quote or claim to source). None when the schema has no such relation label: the quotes
/// rule then suggests quotations only, and never adds a label the user did not choose.
[[nodiscard]] std::optional<AttributionLabels> attributionLabels(const LabelSchema &schema,
                                                                 const QString &quoteLabel = QStringLiteral("quote"));

/// Adds to `result` pending `source` spans and `attributed_to` relations for the quotations in
/// `result.spans` (those labelled `labels.quote`) and for the `claims` (spans already in the
/// document with one of `labels.claims`), in the patterns of English news text: “…,” said X /
/// “…,” X said / X said: “…” / “…,” according to X / According to X, CLAIM / X said (that)
/// CLAIM. A quotation with no attribution of its own that follows an attributed one in the same
/// paragraph is given the same source, with a lower score. The same source range gives one span.
/// A quotation interrupted by its attribution (“We are open,” the minister said, “to talks.”)
/// becomes one quote suggestion in two pieces (docs/FORMAT.md §6.9), with one relation.
void suggestAttributions(const Document &document, const AttributionLabels &labels, const QList<Annotation> &claims,
                         Result &result);

} // namespace Scholiast::Suggest
