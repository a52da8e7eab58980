// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace Scholiast {

// Each module logs through its own category (STYLE.md §7, as KSyntaxHighlighting's
// kf.syntaxhighlighting). Debug messages (what was read or written, how big, how long) are off
// unless asked for:  QT_LOGGING_RULES="scholiast.*.debug=true" scholiast article.txt
// Errors are never only logged: they are values (Diagnostic) shown to the user.
Q_DECLARE_LOGGING_CATEGORY(lcAnnotations) ///< scholiast.annotations: documents, corpora, file safety
Q_DECLARE_LOGGING_CATEGORY(lcFormats) ///< scholiast.formats: the sidecar and interchange files
Q_DECLARE_LOGGING_CATEGORY(lcCli) ///< scholiast.cli: the command line's commands

} // namespace Scholiast
