// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Writes a sidecar for a document with Scholiast's own writer: a span for every word (runs of
// non-space characters, found in Qt's UTF-16 and converted by Document) and one for every line,
// so that the Python test can check each offset the way a training script reads them.
#include "annotationset.h"
#include "document.h"
#include "formats/scholiastjson.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QTextStream>

using namespace Scholiast;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTextStream err(stderr);
    if (args.size() != 3) {
        err << "usage: make_test_sidecar DOCUMENT OUT.json\n";
        return 2;
    }
    Diagnostics diagnostics;
    const auto doc = Document::load(args.at(1), diagnostics);
    if (!doc) {
        err << diagnostics.value(0).toString() << '\n';
        return 1;
    }
    QList<Annotation> spans;
    // Unicode white space, as Python's \s (a no-break space separates words).
    static const QRegularExpression word(QStringLiteral("\\S+"), QRegularExpression::UseUnicodePropertiesOption);
    for (auto it = word.globalMatch(doc->text()); it.hasNext();) {
        const auto match = it.next();
        const CodePoint start = doc->toCodePoint(Utf16Index(match.capturedStart()));
        const CodePoint end = doc->toCodePoint(Utf16Index(match.capturedEnd()));
        Annotation claim(start, end, QStringLiteral("claim"));
        claim.setText(match.captured());
        spans.append(claim);
    }
    for (qint64 line = 1; line <= doc->lineCount(); ++line) {
        const CodePoint start = doc->lineStart(line);
        const CodePoint next = line < doc->lineCount() ? doc->lineStart(line + 1) : CodePoint(doc->length());
        if (next > start) {
            Annotation boilerplate(start, next, QStringLiteral("boilerplate"));
            boilerplate.setText(doc->slice(start, next).toString());
            spans.append(boilerplate);
        }
    }
    AnnotationSet set;
    set.reset(spans);
    if (!ScholiastJson::write(args.at(2), ScholiastJson::makeSidecar(*doc, LabelSchema::defaultSchema(), set),
                              diagnostics)) {
        err << diagnostics.value(0).toString() << '\n';
        return 1;
    }
    return 0;
}
