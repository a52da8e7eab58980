// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: the functions keep no state between calls, so they may run on
// several threads at once on different data.
#pragma once

#include "suggestion.h"

#include <QByteArray>
#include <QRegularExpression>

#include <optional>

namespace Scholiast::Suggest {

/// One rule of a rules file: spans of `label` wherever `regex` matches.
struct PatternRule
{
    QString name; ///< the source is `rule:<name>`
    QString label;
    QRegularExpression regex;
    double score = 1.0;
    QString description; ///< for the reason: `/…/` or `word list (3 words)`
};

/// A user's rules file (docs/SUGGEST.md, "Rules file"): JSON, `{"rules": [{"label", "pattern" or
/// "words", "case_sensitive", "whole_word", "name", "score"}]}` or just the array.
struct PatternRules
{
    QList<PatternRule> rules;

    /// Reads and checks a rules file; on any problem returns nothing and appends errors naming
    /// the file, line and column (malformed JSON, a missing label, an invalid regular expression
    /// with the place of the mistake, an unknown key).
    [[nodiscard]] static std::optional<PatternRules> read(const QString &path, Diagnostics &diagnostics);
    [[nodiscard]] static std::optional<PatternRules> parse(const QByteArray &json, const QString &path,
                                                           Diagnostics &diagnostics);
};

/// The `patterns` suggester: every non-empty match of every rule, pending, source `rule:<name>`.
[[nodiscard]] Result suggestPatterns(const Document &document, const PatternRules &rules);

} // namespace Scholiast::Suggest
