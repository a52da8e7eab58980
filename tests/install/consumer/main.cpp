// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Opens a document and its sidecar through the installed library, tags a span with undo, and
// writes the spans to another file: what a script or a binding would do without a window.
#include <Scholiast/document.h>
#include <Scholiast/editing/annotationdocument.h>
#include <Scholiast/formats/scholiastjson.h>

#include <QCoreApplication>
#include <QTextStream>
#include <QUndoStack>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (argc != 3) {
        err << "usage: consumer DOCUMENT COPY\n";
        return 2;
    }
    using namespace Scholiast;
    Diagnostics diagnostics;
    auto document = Document::load(QString::fromLocal8Bit(argv[1]), diagnostics);
    if (!document) {
        err << "cannot open the document\n";
        return 1;
    }
    auto sidecar = ScholiastJson::read(ScholiastJson::sidecarPath(document->path()), diagnostics, &*document);
    if (!sidecar || sidecar->labels.labels().isEmpty()) {
        err << "cannot read the sidecar\n";
        return 1;
    }
    const QString label = sidecar->labels.labels().first().name;
    AnnotationDocument open(*document, sidecar->labels, sidecar->annotations);
    const qsizetype before = open.spans()->size();
    const QString id = open.tag(CodePoint(0), CodePoint(4), label);
    const qsizetype tagged = open.spans()->size();
    open.undoStack()->undo();
    if (id.isEmpty() || !open.writeCopy(QString::fromLocal8Bit(argv[2]), diagnostics)) {
        err << "cannot tag or write\n";
        return 1;
    }
    out << "spans " << before << ", tagged " << tagged << ", after undo " << open.spans()->size() << '\n';
    return 0;
}
