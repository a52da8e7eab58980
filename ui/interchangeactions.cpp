// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// File > Import Annotations and File > Export Annotations: the interchange formats of
// annotations/formats/interchange.h, for the open document. Kept apart from mainwindow.cpp,
// which only creates the actions.
#include "mainwindow.h"

#include "editing/annotationdocument.h"
#include "atomicfile.h"
#include "cli/cli.h"
#include "corpus/corpusdock.h"
#include "corpus/corpusmodel.h"
#include "exportdialog.h"
#include "filepolicy.h"
#include "formats/formatsniffer.h"
#include "formats/interchange.h"
#include "formats/writecheck.h"
#include "legenddock.h"
#include "review/reviewcontroller.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QRegularExpression>
#include <QTextStream>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QStatusBar>

namespace Scholiast {

namespace {
// The format a file's content says (issue 18: a doccano file defaulted to "jsonl" and gave 0
// spans), else its name suggests; the user confirms it.
QString guessFormat(const QString &path)
{
    if (QString sniffed = Interchange::sniffFormatOfFile(path); !sniffed.isEmpty()) {
        return sniffed;
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"ann" || QFileInfo(path).isDir()) {
        return QStringLiteral("brat");
    }
    if (suffix == u"csv") {
        return QStringLiteral("csv");
    }
    if (suffix == u"conll" || suffix == u"bio") {
        return QStringLiteral("conll");
    }
    if (suffix == u"jsonld") {
        return QStringLiteral("w3c");
    }
    if (suffix == u"json") {
        return QStringLiteral("label-studio");
    }
    return QStringLiteral("jsonl");
}

QStringList formatNames(bool reading)
{
    QStringList names;
    for (const Interchange::Format &format : Interchange::formats()) {
        if (reading ? bool(format.read) : bool(format.serialize || format.writeFolder)) {
            names.append(format.name);
        }
    }
    return names;
}

// The lines scholiast-cli export printed, back as diagnostics ("FILE:LINE:COL: warning: ...");
// other lines (the summary, what was left out) are kept as notes on the output.
Diagnostics parseCliLines(const QString &text, const QString &output, QString &summary)
{
    static const QRegularExpression line(QStringLiteral(R"(^(.+?)(?::(\d+))?(?::(\d+))?: (error|warning): (.*)$)"));
    Diagnostics diagnostics;
    for (const QString &l : text.split(u'\n', Qt::SkipEmptyParts)) {
        if (l.contains(u'\r')) {
            continue; // a progress line (drawn when standard error is a terminal)
        }
        const QRegularExpressionMatch m = line.match(l);
        if (!m.hasMatch()) {
            static const QRegularExpression leftOut(QStringLiteral(R"(^(\d+) spans not (\S+) left out)"));
            if (l.startsWith(output + QStringLiteral(": "))) {
                summary = l.mid(output.size() + 2);
            } else if (const QRegularExpressionMatch lm = leftOut.match(l); lm.hasMatch()) {
                diagnostics.append(Diagnostic::warning(
                    QFileInfo(output).fileName(),
                    MainWindow::tr("%n span(s) not %1 left out", nullptr, lm.captured(1).toInt()).arg(lm.captured(2))));
            } else {
                diagnostics.append(Diagnostic::warning(QFileInfo(output).fileName(), l));
            }
            continue;
        }
        Diagnostic d = m.captured(4) == u"error" ? Diagnostic::error(m.captured(1), m.captured(5))
                                                 : Diagnostic::warning(m.captured(1), m.captured(5));
        d.line = m.captured(2).toInt();
        d.column = m.captured(3).toInt();
        diagnostics.append(d);
    }
    return diagnostics;
}
} // namespace

qsizetype MainWindow::importAnnotations(const QString &path, const QString &formatName, bool quiet,
                                        const QString &layerName)
{
    const Interchange::Format *format = Interchange::findFormat(formatName);
    if (!m_document || !format || !format->read) {
        return -1;
    }
    const Document &open = m_document->document();
    Interchange::ReadOptions options;
    options.documentPath = open.path();
    Diagnostics diagnostics;
    const std::optional<Interchange::ReadResult> read = format->read(path, options, diagnostics);
    const Interchange::ReadResult result = read.value_or(Interchange::ReadResult());
    // The spans for the open document: the item of that name, or the only item when its text is
    // the document's. Anything else is refused rather than placed on the wrong text.
    const Interchange::Item *match = nullptr;
    for (const Interchange::Item &item : std::as_const(result.items)) {
        if (item.document.text() == open.text() && (item.name == open.fileName() || result.items.size() == 1)) {
            match = &item;
        }
    }
    if (read && !match) {
        diagnostics.append(
            Diagnostic::error(path, tr("no document in this file has the text of %1").arg(open.fileName())));
    }
    if (!read || !match || hasErrors(diagnostics)) {
        if (!quiet) {
            showDiagnostics(tr("Cannot Import"), tr("No annotations were imported from %1.").arg(path), diagnostics);
        }
        return -1;
    }
    if (!layerName.isEmpty()) {
        // A read-only layer to review against the editable spans (ui/reviewcontroller.h).
        m_reviewController->addLayer(layerName, match->spans, match->labels);
        return match->spans.size();
    }
    qsizetype relationsLeftOut = 0;
    const qsizetype added = m_document->importSpans(match->spans, format->name, match->relations,
                                                    match->labels.relationLabels(), &relationsLeftOut);
    if (relationsLeftOut > 0) {
        diagnostics.append(Diagnostic::warning(
            path, tr("%n relation(s) join a span that was not imported: left out", nullptr, int(relationsLeftOut))));
    }
    rebuildLabelActions();
    m_legend->setDocument(m_document);
    const qsizetype skipped = match->spans.size() - added;
    if (skipped > 0) {
        statusBar()->showMessage(tr("Imported %1 span(s) from %2; %3 exact duplicate(s) skipped")
                                     .arg(added)
                                     .arg(QFileInfo(path).fileName())
                                     .arg(skipped),
                                 8000);
    }
    if (added == 0) {
        // Nothing imported is never silent (issue 18): a file read in the wrong format reads as
        // no spans, so the format the content suggests is named.
        statusBar()->showMessage(tr("0 spans imported from %1").arg(QFileInfo(path).fileName()), 8000);
        const QString sniffed = Interchange::sniffFormatOfFile(path);
        if (!sniffed.isEmpty() && sniffed != format->name) {
            diagnostics.append(Diagnostic::warning(
                path, tr("the file looks like %1, not %2: import it again as %1").arg(sniffed, format->name)));
        } else if (skipped > 0) {
            diagnostics.append(Diagnostic::warning(
                path, tr("all %n span(s) of the file are here already (exact duplicates)", nullptr, int(skipped))));
        } else if (match->spans.isEmpty()) {
            diagnostics.append(Diagnostic::warning(path, tr("the file has no spans for %1").arg(open.fileName())));
        }
        if (!quiet) {
            showDiagnostics(tr("Nothing Imported"), tr("0 spans imported from %1.").arg(path), diagnostics);
        }
    } else {
        if (skipped == 0) {
            statusBar()->showMessage(
                tr("%n span(s) imported from %1", nullptr, int(added)).arg(QFileInfo(path).fileName()), 8000);
        }
        if (!quiet && !diagnostics.isEmpty()) {
            showDiagnostics(tr("Imported with Warnings"),
                            tr("%n span(s) imported from %1.", nullptr, int(added)).arg(path), diagnostics);
        }
    }
    return added;
}

bool MainWindow::exportAnnotations(const QString &path, const QString &formatName, bool quiet, const QString &statuses,
                                   std::optional<OffsetUnit> offsets)
{
    const Interchange::Format *format = Interchange::findFormat(formatName);
    if (!m_document || !format) {
        return false;
    }
    Interchange::Item item;
    item.name = m_document->document().fileName();
    item.document = m_document->document();
    item.documentPath = m_document->path();
    item.spans = m_document->spans()->toList();
    item.labels = m_document->labels();
    Diagnostics diagnostics;
    // Gold means accepted (docs/FORMAT.md §6.5), nothing is written broken ("What a format cannot
    // hold"): the same checks as scholiast-cli export. In the window a span that cannot be written is a warning.
    const auto filter = Interchange::StatusFilter::fromNames(statuses).value_or(Interchange::StatusFilter());
    QList<Interchange::Item> items{item};
    const qsizetype filtered = Interchange::filterByStatus(items, filter);
    if (filtered > 0) {
        diagnostics.append(
            Diagnostic::warning(path, tr("%n span(s) not %1 left out", nullptr, int(filtered)).arg(filter.names())));
    }
    const OffsetUnit unit = offsets.value_or(format->unit);
    Interchange::leaveOutUnwritable(items, *format, unit, true, diagnostics);
    item = items.front();
    bool written = false;
    // The export never replaces the open document or its sidecar (issue 14).
    FilePolicy::Protected inputs;
    inputs.addDocument(m_document->path());
    Interchange::WriteOptions options;
    options.protectedInputs = &inputs;
    options.offsets = offsets;
    if (format->writeFolder) {
        written = QDir().mkpath(path) && format->writeFolder({item}, path, options, diagnostics);
    } else if (format->serialize) {
        const auto bytes = format->serialize({item}, options, diagnostics);
        written = bytes && inputs.check(path, diagnostics) && writeFileAtomically(path, *bytes, diagnostics);
    }
    // What concerns the export as a whole is said of the file written, as scholiast-cli does.
    for (Diagnostic &d : diagnostics) {
        if (d.file.isEmpty()) {
            d.file = QFileInfo(path).fileName();
        }
    }
    if (!quiet && (!written || !diagnostics.isEmpty())) {
        showDiagnostics(written ? tr("Exported with Warnings") : tr("Cannot Export"),
                        written ? tr("Exported to %1; some things could not be kept.").arg(path)
                                : tr("Nothing was exported to %1.").arg(path),
                        diagnostics);
    }
    if (written) {
        statusBar()->showMessage(tr("Exported %n span(s) to %1 (%2)", nullptr, int(item.spans.size()))
                                     .arg(QFileInfo(path).fileName(), OffsetUnits::description(unit)),
                                 8000);
    }
    return written;
}

bool MainWindow::exportCorpus(const QString &folder, const QString &path, const QString &formatName, bool quiet,
                              const QString &statuses, std::optional<OffsetUnit> offsets)
{
    // The command line's export of a folder, so that the window and scholiast-cli write the same
    // bytes: every document with its own sidecar, read a batch at a time, one file (or brat's
    // folder) committed only when all is written.
    QStringList arguments{QStringLiteral("--to"),     formatName, QStringLiteral("-o"),          path,
                          QStringLiteral("--status"), statuses,   QStringLiteral("--allow-loss")};
    if (offsets) {
        arguments << QStringLiteral("--offsets") << OffsetUnits::name(*offsets);
    }
    arguments << folder;
    QString outText;
    QString errText;
    int code = 0;
    {
        QTextStream out(&outText);
        QTextStream err(&errText);
        QGuiApplication::setOverrideCursor(Qt::WaitCursor);
        code = Cli::exportSpans(arguments, out, err);
        QGuiApplication::restoreOverrideCursor();
    }
    QString summary;
    const Diagnostics diagnostics = parseCliLines(outText + u'\n' + errText, path, summary);
    const bool written = code == Cli::Ok;
    if (written) {
        statusBar()->showMessage(tr("Exported to %1: %2").arg(QFileInfo(path).fileName(), summary), 8000);
    }
    if (!quiet && (!written || !diagnostics.isEmpty())) {
        showDiagnostics(written ? tr("Exported with Warnings") : tr("Cannot Export"),
                        written
                            ? tr("Exported the corpus to %1 (%2); some things could not be kept.").arg(path, summary)
                            : tr("Nothing was exported to %1.").arg(path),
                        diagnostics);
    }
    return written;
}

void MainWindow::importAnnotationsInteractively(bool asLayer)
{
    if (!m_document) {
        return;
    }
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Import Annotations"), QFileInfo(m_document->path()).path(),
                                     tr("Annotation files (*.jsonl *.json *.jsonld *.ann *.csv);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    const QStringList names = formatNames(true);
    bool ok = false;
    const QString format =
        QInputDialog::getItem(this, tr("Import Annotations"), tr("Format of %1:").arg(QFileInfo(path).fileName()),
                              names, int(std::max<qsizetype>(0, names.indexOf(guessFormat(path)))), false, &ok);
    QString layer;
    if (ok && asLayer) {
        layer = QInputDialog::getText(this, tr("Import as Layer"), tr("Name of the new read-only layer:"),
                                      QLineEdit::Normal, QFileInfo(path).completeBaseName(), &ok)
                    .trimmed();
        ok = ok && !layer.isEmpty();
    }
    if (ok) {
        importAnnotations(path, format, false, layer);
    }
}

void MainWindow::exportAnnotationsInteractively()
{
    if (!m_document) {
        return;
    }
    const QString corpus = m_corpusDock->model()->folder();
    ExportDialog dialog(m_document->path(), corpus, m_corpusDock->model()->entries().size(), this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    const ExportDialog::Choice choice = dialog.choice();
    if (choice.format.isEmpty() || choice.path.isEmpty()) {
        return;
    }
    if (choice.wholeCorpus) {
        // The corpus is exported from the sidecars on disk: the open document's edits go first.
        if (m_document->isModified() && !m_readOnly && !save()) {
            return;
        }
        exportCorpus(corpus, QDir::fromNativeSeparators(choice.path), choice.format, false, choice.statuses,
                     choice.offsets);
        return;
    }
    exportAnnotations(QDir::fromNativeSeparators(choice.path), choice.format, false, choice.statuses, choice.offsets);
}

} // namespace Scholiast
