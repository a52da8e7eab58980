// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// A document and a sidecar of over 16 MB beside it, which read() takes a batch of spans at a time
// (issue 17): for the tests of the batched read and of the loader that fills a set from it.
#pragma once

#include "annotationset.h"
#include "document.h"
#include "formats/scholiastjson.h"
#include "labelschema.h"
#include "testhelpers.h"

#include <QFileInfo>
#include <QStringList>

#include <optional>

namespace Scholiast::Testing {

/// Writes `documentPath` (4,000 CRLF lines of news text with curly quotes, an emoji, Hangul, CJK and
/// a no-break space) and its sidecar: a span every three code points, of every label, every
/// seventh with a note that needs escapes. Returns the document, or nothing when a file could not
/// be written or the sidecar is too small for the batched read.
[[nodiscard]] inline std::optional<Document> writeLargeSidecar(const QString &documentPath)
{
    QString text;
    for (int i = 0; i < 4000; ++i) {
        text += QStringLiteral("Para %1: \u201CWe will build it,\u201D said the mayor. \U0001F600 \uD55C\uAD6D "
                               "\u6771\u4EAC\u00A0now.\r\n")
                    .arg(i);
    }
    if (!writeAll(documentPath, text.toUtf8())) {
        return std::nullopt;
    }
    Diagnostics diagnostics;
    auto document = Document::load(documentPath, diagnostics);
    if (!document) {
        return std::nullopt;
    }
    QList<Annotation> list;
    const QStringList labels{QStringLiteral("claim"), QStringLiteral("quote"), QStringLiteral("boilerplate")};
    for (qint64 start = 0, k = 0; start + 40 <= document->length(); start += 3, ++k) {
        Annotation a(CodePoint(start), CodePoint(start + 5 + k % 31), labels.at(k % 3));
        a.setTextFromDocument(*document);
        if (k % 7 == 0) {
            a.setNote(QStringLiteral("checked \"%1\"\t").arg(k));
        }
        list.append(a);
    }
    AnnotationSet spans;
    spans.reset(list);
    const QString sidecar = ScholiastJson::sidecarPath(documentPath);
    if (!ScholiastJson::write(sidecar, ScholiastJson::makeSidecar(*document, LabelSchema::defaultSchema(), spans),
                              diagnostics)
        || QFileInfo(sidecar).size() <= 16 * 1024 * 1024) {
        return std::nullopt;
    }
    return document;
}

} // namespace Scholiast::Testing
