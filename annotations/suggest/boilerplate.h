// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: the functions keep no state between calls, so they may run on
// several threads at once on different data.
#pragma once

#include "suggestion.h"

#include <QHash>

namespace Scholiast::Suggest {

/// Options of the `boilerplate` suggester.
struct BoilerplateOptions
{
    QString label = QStringLiteral("boilerplate");
    /// Lines (white space simplified) repeated across a corpus, with the number of documents each
    /// occurs in: from repeatedLines(). Empty: the across-corpus rule does not fire.
    QHash<QString, int> repeatedLines;
    /// The number of documents repeatedLines() looked at, for the reason.
    qsizetype corpusSize = 0;
};

/// The `boilerplate` suggester (docs/SUGGEST.md, "boilerplate"): whole lines of web page
/// furniture in extracted text: breadcrumb trails, bylines, credit lines and datelines, photo
/// credits, share / print / login / comment prompts, copyright and newsletter lines, and lines
/// repeated across the corpus. A bracketed agency credit (`[REUTERS/YONHAP]`) inside another
/// line is tagged by itself. Each span covers the line without its line break and surrounding
/// white space; its reason names the rule that fired. Source `rule:boilerplate`.
[[nodiscard]] Result suggestBoilerplate(const Document &document, const BoilerplateOptions &options = {});

/// The lines (white space simplified, 3 to 300 characters) that occur in at least `minDocuments`
/// of `documents`, with the number of documents each occurs in.
[[nodiscard]] QHash<QString, int> repeatedLines(const QList<Document> &documents, int minDocuments);

} // namespace Scholiast::Suggest
