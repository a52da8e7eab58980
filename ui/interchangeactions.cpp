// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// File > Import Annotations and File > Export Annotations: the interchange formats of
// annotations/formats/interchange.h, for the open document. Kept apart from mainwindow.cpp,
// which only creates the actions.
#include "mainwindow.h"

#include "editing/annotationdocument.h"
#include "atomicfile.h"
#include "filepolicy.h"
#include "formats/interchange.h"
#include "formats/writecheck.h"
#include "legenddock.h"
#include "review/reviewcontroller.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QStatusBar>

namespace Scholiast {

namespace {
// The format a file name suggests (the user confirms it).
QString guessFormat(const QString &path)
{
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
    const qsizetype added = m_document->importSpans(match->spans, format->name);
    rebuildLabelActions();
    m_legend->setDocument(m_document);
    if (const qsizetype skipped = match->spans.size() - added; skipped > 0) {
        statusBar()->showMessage(tr("Imported %1 span(s) from %2; %3 exact duplicate(s) skipped")
                                     .arg(added)
                                     .arg(QFileInfo(path).fileName())
                                     .arg(skipped),
                                 8000);
    }
    if (!quiet && !diagnostics.isEmpty()) {
        showDiagnostics(tr("Imported with Warnings"), tr("%n span(s) imported from %1.", nullptr, int(added)).arg(path),
                        diagnostics);
    }
    return added;
}

bool MainWindow::exportAnnotations(const QString &path, const QString &formatName, bool quiet, const QString &statuses)
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
    Interchange::leaveOutUnwritable(items, *format, format->unit, true, diagnostics);
    item = items.front();
    bool written = false;
    // The export never replaces the open document or its sidecar (issue 14).
    FilePolicy::Protected inputs;
    inputs.addDocument(m_document->path());
    Interchange::WriteOptions options;
    options.protectedInputs = &inputs;
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
    const QStringList names = formatNames(false);
    bool ok = false;
    const QString formatName =
        QInputDialog::getItem(this, tr("Export Annotations"), tr("Format:"), names, 0, false, &ok);
    const Interchange::Format *format = Interchange::findFormat(formatName);
    if (!ok || !format) {
        return;
    }
    // Gold means accepted: the default writes accepted spans only (docs/FORMAT.md §6.5).
    const QStringList choices{tr("Accepted spans only"), tr("Accepted and pending spans"),
                              tr("All spans (accepted, pending, rejected)")};
    const QStringList statuses{QStringLiteral("accepted"), QStringLiteral("accepted,pending"),
                               QStringLiteral("accepted,pending,rejected")};
    const QString choice =
        QInputDialog::getItem(this, tr("Export Annotations"), tr("Spans to write:"), choices, 0, false, &ok);
    if (!ok) {
        return;
    }
    const QString base = QFileInfo(m_document->path()).path() + u'/' + QFileInfo(m_document->path()).completeBaseName();
    const QString path = format->writeFolder
        ? QFileDialog::getExistingDirectory(this, tr("Export to Folder"), QFileInfo(m_document->path()).path())
        : QFileDialog::getSaveFileName(this, tr("Export Annotations"), base + u'.' + format->name);
    if (!path.isEmpty()) {
        exportAnnotations(path, format->name, false, statuses.value(choices.indexOf(choice), statuses.front()));
    }
}

} // namespace Scholiast
