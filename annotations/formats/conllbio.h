// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: readers and writers keep no state between calls (simdjson's parser
// is one per thread), so files may be read and written on several threads at once, as the
// command line does a batch of documents at a time.
#pragma once

#include "interchange.h"

namespace Scholiast::ConllBio {

/// A token of the CoNLL BIO export: code points, end exclusive.
struct Token
{
    qint64 start = 0;
    qint64 end = 0;
};

/// The tokenizer of the export (docs/FORMAT.md, "CoNLL BIO"): grapheme clusters are the atoms;
/// a token is a run of word clusters (letters, digits, marks, connector punctuation, and the
/// apostrophes ' and U+2019 between two of them), or one cluster of anything else that is not
/// white space (punctuation, symbols, emoji with their ZWJ sequences). White space separates.
[[nodiscard]] std::vector<Token> tokenize(const Document &document);

/// One line per token, `TOKEN<TAB>START<TAB>END<TAB>TAG...` with one BIO tag column per label;
/// a blank line at each line break of the text; `# document:` and `# columns:` comment lines
/// and a blank line before each document. Overlapping spans of one label, and span edges that
/// fall inside a token, are reported with counts (errors under --strict).
[[nodiscard]] std::optional<QByteArray> serialize(const QList<Interchange::Item> &items,
                                                  const Interchange::WriteOptions &options, Diagnostics &diagnostics);

} // namespace Scholiast::ConllBio
