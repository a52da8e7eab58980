// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: one run per object; runs of different objects may overlap.
#pragma once

#include "suggestion.h"

#include <QStringList>

namespace Scholiast::Suggest {

/// One document sent to a model command.
struct ModelInput
{
    Document document;
    QString id; ///< echoed back by the model; the CLI uses the path as given
    QStringList labels; ///< the labels the model may use
};

struct ModelOptions
{
    /// A command line, split as a shell would split words (QProcess::splitCommand), not run by
    /// a shell: `python3 my_model.py --threshold 0.5`.
    QString command;
    /// The longest wait for the answer to one document, in milliseconds.
    int timeoutMs = 60'000;
    /// The `<name>` of the source `model:<name>`; empty: modelName(command).
    QString name;
};

/// What a model command returned: one list of pending spans per input, in input order.
struct ModelResult
{
    QList<QList<Annotation>> spans;
    Diagnostics diagnostics;
    bool ok = false;
    bool cancelled = false;
};

/// Runs a model command over documents (docs/SUGGEST.md, "Model commands"): writes one JSON line
/// `{"id", "text", "labels"}` per document to its standard input, closes it, and reads one line
/// `{"id", "spans": [{"start", "end", "label", "score", "reason"}]}` per document from its standard
/// output, offsets in code points, end exclusive. A command that cannot start, crashes, exits
/// with a failure status, gives no answer within the timeout, prints something that is not such
/// a line, answers for another id, or returns a span outside the text or with an unknown label
/// gives errors naming the document and the output line, and `ok` false: no spans at all.
/// `progress` is called with the documents answered; returning false stops the command.
[[nodiscard]] ModelResult runModel(const ModelOptions &options, const QList<ModelInput> &inputs,
                                   const Progress &progress = {});

/// `python3 models/my_model.py --x` -> `my_model`: the base name of the last argument that is
/// not an option, or of the program.
[[nodiscard]] QString modelName(const QString &command);

} // namespace Scholiast::Suggest
