// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// scholiast-cli export and import (issue 5): conversion between Scholiast sidecars and the
// interchange formats of annotations/formats/ (docs/FORMAT.md, "Interchange formats").
#include "cli.h"
#include "batches.h"

#include "annotationset.h"
#include "atomicfile.h"
#include "documentlock.h"
#include "filepolicy.h"
#include "formats/importwriter.h"
#include "formats/interchange.h"
#include "formats/jsonldataset.h"
#include "formats/scholiastjson.h"
#include "formats/writecheck.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryFile>
#include <QTextStream>

#include <unistd.h>

namespace Scholiast::Cli {

namespace {

using Interchange::Format;
using Interchange::Item;

const QString SidecarSuffix = QStringLiteral(".scholiast.json");

QString formatList()
{
    QString text = QStringLiteral("Formats (unit written by default):\n");
    for (const Format &f : Interchange::formats()) {
        text += QStringLiteral("  %1  %2\n").arg(f.name.leftJustified(13), f.title);
        if (!f.exportExample.isEmpty() && f.serialize) {
            text += QStringLiteral("      %1\n").arg(f.exportExample);
        } else if (!f.exportExample.isEmpty()) {
            text += QStringLiteral("      %1\n").arg(f.exportExample);
        }
        if (!f.importExample.isEmpty()) {
            text += QStringLiteral("      %1\n").arg(f.importExample);
        }
    }
    text += QStringLiteral("Offset units for --offsets: codepoint, utf16, utf8, grapheme, crlf, utf16-lf.\n");
    return text;
}

const char *const ExportUsage = R"(Usage: scholiast-cli export --to FORMAT [-o OUT] [--offsets UNIT] [--strict]
                            [--status LIST] [--allow-loss]
                            [--conll-columns 2 | --conll-style spacy] INPUTS...

Converts Scholiast annotations to FORMAT. INPUTS are documents (their DOC.scholiast.json beside
them), sidecars, folders (every document with a sidecar, recursively) or Scholiast JSONL datasets.
OUT is a file (standard output when left out) or, for brat, a folder. Only accepted spans are
written (a span without status is accepted); --status accepted,pending,rejected,conflict (or all) chooses
others, and a format that can carry the status keeps it. A span the format cannot hold (an
orphan, one the offset unit would move, white space only in brat) is an error naming it;
--allow-loss writes the rest. Conversions that lose data are reported with counts; --strict makes
them errors. CoNLL: --conll-columns 2 writes token TAB tag (doccano's CoNLL import),
--conll-style spacy adds -DOCSTART- lines for spaCy's `convert --converter ner`. W3C: --offsets
utf16 or utf16-lf (CRLF read as LF) for browser clients. Exit status: 0 written, 1 invalid input
or loss (nothing is written), 2 usage error.

)";

const char *const ImportUsage = R"(Usage: scholiast-cli import --from FORMAT [--out-dir DIR] [--offsets UNIT] [--strict]
                            [--document DOC] [--documents DIR] [--merge | --replace] INPUTS...

Reads annotations in FORMAT and writes DOC.scholiast.json sidecars (and the document text where
the format carries it) into DIR, or beside the documents a format refers to (brat .txt, W3C
target). Imported spans get source "import:FORMAT". The offset unit is detected from the span
texts the file carries and reported; --offsets forces one. An existing sidecar is kept unless
--merge (add the imported spans) or --replace is given. CSV names documents relative to its own
folder, or to --documents DIR. Exit status: 0 imported, 1 invalid input (nothing is written),
2 usage error.

)";

struct Options
{
    QString format;
    QString output;
    QString documentPath;
    QString documentsDir;
    QString conllStyle;
    std::optional<OffsetUnit> offsets;
    bool strict = false;
    bool allowLoss = false;
    Interchange::StatusFilter status;
    bool merge = false;
    bool replace = false;
    bool help = false;
    QStringList inputs;
};

// Parses the shared options; nullopt after printing a usage error.
std::optional<Options> parseOptions(const QString &command, const QStringList &arguments, QTextStream &err)
{
    Options o;
    const bool isExport = command == u"export";
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        QString arg = arguments.at(i);
        QString value;
        const qsizetype eq = arg.indexOf(u'=');
        if (arg.startsWith(QStringLiteral("--")) && eq > 0) {
            value = arg.mid(eq + 1);
            arg = arg.left(eq);
        }
        const auto next = [&]() -> std::optional<QString> {
            if (!value.isNull()) {
                return value;
            }
            if (i + 1 >= arguments.size()) {
                err << "scholiast-cli " << command << ": " << arg << " needs a value\n";
                return std::nullopt;
            }
            return arguments.at(++i);
        };
        if (arg == u"-h" || arg == u"--help" || arg == u"--formats") {
            o.help = true;
        } else if ((isExport && arg == u"--to") || (!isExport && arg == u"--from")) {
            const auto v = next();
            if (!v) {
                return std::nullopt;
            }
            o.format = *v;
        } else if ((isExport && (arg == u"-o" || arg == u"--output")) || (!isExport && arg == u"--out-dir")) {
            const auto v = next();
            if (!v) {
                return std::nullopt;
            }
            o.output = *v;
        } else if (arg == u"--offsets") {
            const auto v = next();
            if (!v) {
                return std::nullopt;
            }
            o.offsets = OffsetUnits::fromName(*v);
            if (!o.offsets) {
                err << "scholiast-cli " << command << ": unknown offset unit " << *v
                    << " (codepoint, utf16, utf8, grapheme, crlf, utf16-lf)\n";
                return std::nullopt;
            }
        } else if (!isExport && arg == u"--document") {
            const auto v = next();
            if (!v) {
                return std::nullopt;
            }
            o.documentPath = *v;
        } else if (!isExport && arg == u"--documents") {
            const auto v = next();
            if (!v) {
                return std::nullopt;
            }
            o.documentsDir = *v;
        } else if (isExport && (arg == u"--conll-columns" || arg == u"--conll-style")) {
            const auto v = next();
            if (!v) {
                return std::nullopt;
            }
            if (arg == u"--conll-columns" && *v == u"2") {
                o.conllStyle = QStringLiteral("doccano");
            } else if (arg == u"--conll-style" && (*v == u"spacy" || *v == u"doccano")) {
                o.conllStyle = *v;
            } else {
                err << "scholiast-cli export: " << arg << ' ' << *v
                    << " is not known (--conll-columns 2, --conll-style spacy or doccano)\n";
                return std::nullopt;
            }
        } else if (arg == u"--strict") {
            o.strict = true;
        } else if (isExport && arg == u"--allow-loss") {
            o.allowLoss = true;
        } else if (isExport && arg == u"--status") {
            const auto v = next();
            if (!v) {
                return std::nullopt;
            }
            const auto filter = Interchange::StatusFilter::fromNames(*v);
            if (!filter) {
                err << "scholiast-cli export: --status takes accepted, pending, rejected or all, comma separated; not "
                    << *v << '\n';
                return std::nullopt;
            }
            o.status = *filter;
        } else if (!isExport && arg == u"--merge") {
            o.merge = true;
        } else if (!isExport && arg == u"--replace") {
            o.replace = true;
        } else if (arg.startsWith(u'-') && arg.size() > 1) {
            err << "scholiast-cli " << command << ": unknown option " << arg << "; see scholiast-cli " << command
                << " --help\n";
            return std::nullopt;
        } else {
            o.inputs << arg;
        }
    }
    if (o.help) {
        return o;
    }
    if (o.format.isEmpty()) {
        err << "scholiast-cli " << command << ": " << (isExport ? "--to" : "--from")
            << " FORMAT is required; see scholiast-cli " << command << " --help\n";
        return std::nullopt;
    }
    if (o.inputs.isEmpty()) {
        err << "scholiast-cli " << command << ": no inputs; see scholiast-cli " << command << " --help\n";
        return std::nullopt;
    }
    if (o.merge && o.replace) {
        err << "scholiast-cli import: --merge and --replace exclude each other\n";
        return std::nullopt;
    }
    return o;
}

// The documents an export input names: a document, a sidecar, a folder or a JSONL dataset.
QStringList documentsOf(const QString &input, bool &isDataset)
{
    isDataset = false;
    const QFileInfo info(input);
    if (info.isDir()) {
        QStringList documents;
        QDirIterator it(input, {QLatin1Char('*') + SidecarSuffix}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString sidecar = it.next();
            const QString document = sidecar.chopped(SidecarSuffix.size());
            if (QFileInfo(document).isFile()) {
                documents << document;
            }
        }
        documents.sort();
        return documents;
    }
    if (input.endsWith(SidecarSuffix)) {
        return {input.chopped(SidecarSuffix.size())};
    }
    if (info.suffix() == u"jsonl") {
        isDataset = true;
        return {input};
    }
    return {input};
}

std::optional<Item> loadItem(const QString &documentPath, const QString &name, const QString &format,
                             Diagnostics &diagnostics)
{
    auto document = Document::load(documentPath, diagnostics);
    if (!document) {
        return std::nullopt;
    }
    Item item;
    item.name = name;
    item.document = *document;
    item.documentPath = documentPath;
    const QString sidecarPath = ScholiastJson::sidecarPath(documentPath);
    if (!QFileInfo::exists(sidecarPath)) {
        item.labels = LabelSchema::defaultSchema();
        return item;
    }
    auto sidecar = ScholiastJson::read(sidecarPath, diagnostics, &*document);
    if (!sidecar) {
        return std::nullopt;
    }
    item.labels = sidecar->labels;
    item.spans = sidecar->annotations;
    item.relations = sidecar->relations;
    // Fields of a record imported from this very format go back out with it.
    const QJsonObject imported = sidecar->extraFields.value(Interchange::importKey()).toObject();
    if (imported.value(QStringLiteral("format")).toString() == format) {
        item.meta = imported.value(QStringLiteral("meta")).toObject();
    }
    return item;
}

} // namespace

int exportSpans(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const auto options = parseOptions(QStringLiteral("export"), arguments, err);
    if (!options) {
        return Usage;
    }
    if (options->help) {
        out << ExportUsage << formatList();
        return Ok;
    }
    const Format *format = Interchange::findFormat(options->format);
    if (!format || (!format->serialize && !format->writeFolder)) {
        err << "scholiast-cli export: unknown format " << options->format << "; see scholiast-cli export --help\n";
        return Usage;
    }
    if (options->offsets && !format->writableUnits.contains(*options->offsets)) {
        err << "scholiast-cli export: " << format->name << " is written in " << OffsetUnits::description(format->unit)
            << "; --offsets " << OffsetUnits::name(*options->offsets) << " does not apply\n";
        return Usage;
    }
    if (!options->conllStyle.isEmpty() && format->name != u"conll") {
        err << "scholiast-cli export: --conll-columns and --conll-style apply to --to conll only\n";
        return Usage;
    }
    if (format->writeFolder && options->output.isEmpty()) {
        err << "scholiast-cli export: " << format->name << " writes several files: give a folder with -o\n";
        return Usage;
    }

    // Every input, read before anything is written: a bad input writes nothing.
    Diagnostics diagnostics;
    // What concerns the export as a whole (fields a format drops, spans it leaves out) is said of
    // the output it concerns, not of a nameless "<input>".
    const QString outputName =
        options->output.isEmpty() || options->output == u"-" ? QStringLiteral("standard output") : options->output;
    const auto report = [&] {
        for (Diagnostic &d : diagnostics) {
            if (d.file.isEmpty()) {
                d.file = outputName;
            }
        }
        printDiagnostics(diagnostics, err);
    };
    // Datasets are one file each and read whole; documents are listed here and read a batch at a
    // time below, so that memory holds one batch of a corpus of any size.
    QList<Item> datasetItems;
    QStringList documents;
    for (const QString &input : options->inputs) {
        if (!QFileInfo::exists(input)) {
            diagnostics.append(Diagnostic::error(input, QStringLiteral("no such file or folder")));
            continue;
        }
        bool dataset = false;
        const QStringList found = documentsOf(input, dataset);
        if (dataset) {
            if (const auto result = JsonlDataset::read(input, {}, diagnostics)) {
                datasetItems.append(result->items);
            }
            continue;
        }
        if (found.isEmpty()) {
            diagnostics.append(Diagnostic::warning(input, QStringLiteral("no documents with sidecars in this folder")));
        }
        documents.append(found);
    }
    if (hasErrors(diagnostics)) {
        report();
        return Invalid;
    }
    // No output replaces an input (issue 14): the documents, their sidecars, the datasets.
    FilePolicy::Protected inputs;
    for (const QString &input : options->inputs) {
        if (!QFileInfo(input).isDir()) {
            inputs.add(input);
        }
    }
    for (const QString &document : std::as_const(documents)) {
        inputs.addDocument(document);
    }
    const bool toStandardOutput = options->output.isEmpty() || options->output == u"-";
    if (!format->writeFolder && !toStandardOutput
        && (!inputs.check(options->output, diagnostics) || !FilePolicy::checkOutput(options->output, diagnostics))) {
        report();
        return Invalid;
    }
    // Where the parts go: a file put in place only when all is written (an error anywhere writes
    // nothing); for standard output a temporary file, copied out at the end for the same reason;
    // brat's files staged beside their destinations and renamed together.
    std::optional<AtomicWriter> file;
    QTemporaryFile buffer;
    FilePolicy::StagedWrite staged(&inputs);
    if (format->writeFolder) {
        if (!QDir().mkpath(options->output)) {
            diagnostics.append(Diagnostic::error(options->output, QStringLiteral("cannot create the folder")));
            report();
            return Invalid;
        }
    } else if (toStandardOutput) {
        if (!buffer.open()) {
            diagnostics.append(
                Diagnostic::error(buffer.fileName(), QStringLiteral("cannot write: ") + buffer.errorString()));
            report();
            return Invalid;
        }
    } else if (!file.emplace(options->output).open(diagnostics)) {
        report();
        return Invalid;
    }

    Interchange::WriteOptions writeOptions;
    writeOptions.offsets = options->offsets;
    writeOptions.strict = options->strict;
    writeOptions.conllStyle = options->conllStyle;
    writeOptions.protectedInputs = &inputs;
    Interchange::Stream stream;
    stream.staged = &staged;
    writeOptions.stream = &stream;
    const OffsetUnit unit = options->offsets.value_or(format->unit);
    const qsizetype count = datasetItems.size() + documents.size();
    // Documents found in a folder are named by their path inside it, so names stay unique.
    const auto nameOf = [&](const QString &path) {
        QString name = QFileInfo(path).fileName();
        for (const QString &input : options->inputs) {
            if (QFileInfo(input).isDir() && path.startsWith(QDir(input).path() + u'/')) {
                name = QDir(input).relativeFilePath(path);
            }
        }
        return name;
    };
    // CoNLL names a column per label in every document's header: every label of the corpus must
    // be known before the first part, gathered from the schemas alone.
    if (format->name == u"conll" && options->conllStyle.isEmpty()) {
        ProgressLine progress(QStringLiteral("export: labels"), count, err);
        inBatches<QStringList>(
            count, progress,
            [&](qsizetype i) {
                if (i >= datasetItems.size()) {
                    const QString sidecar = ScholiastJson::sidecarPath(documents.at(i - datasetItems.size()));
                    if (const auto header = ScholiastJson::readDocumentHeader(sidecar)) {
                        return header->labels;
                    }
                }
                const LabelSchema schema = i < datasetItems.size()
                    ? Interchange::schemaFor(datasetItems.at(i).labels, datasetItems.at(i).spans)
                    : LabelSchema::defaultSchema();
                QStringList names;
                for (const Label &label : schema.labels()) {
                    names.append(label.name);
                }
                return names;
            },
            [&](qsizetype, const QStringList &names) {
                for (const QString &name : names) {
                    if (!stream.labels.contains(name)) {
                        stream.labels.append(name);
                    }
                }
            });
    }

    // CSV's fragments and relations columns are in the header only when the corpus uses version 2
    // (docs/FORMAT.md §18): spans-only exports stay byte for byte what they were.
    if (format->name == u"csv") {
        ProgressLine progress(QStringLiteral("export: columns"), count, err);
        inBatches<bool>(
            count, progress,
            [&](qsizetype i) {
                if (i < datasetItems.size()) {
                    const Item &item = datasetItems.at(i);
                    return !item.relations.isEmpty()
                        || std::any_of(item.spans.begin(), item.spans.end(),
                                       [](const Annotation &a) { return a.isDiscontinuous(); });
                }
                const auto header = ScholiastJson::readDocumentHeader(
                    ScholiastJson::sidecarPath(documents.at(i - datasetItems.size())));
                return header && header->version >= 2;
            },
            [&](qsizetype, bool uses) { stream.version2Columns = stream.version2Columns || uses; });
    }

    struct Loaded
    {
        std::optional<Item> item;
        Diagnostics diagnostics;
    };
    QList<Item> batch;
    qsizetype itemCount = 0;
    qint64 spans = 0;
    qsizetype filtered = 0;
    bool failed = false;
    // One part of the output from the items read so far; nothing once anything failed (the
    // rest is still read, so that every problem is said at once).
    const auto writePart = [&](bool last) {
        failed = failed || hasErrors(diagnostics);
        if (failed) {
            batch.clear();
            return;
        }
        // Gold means accepted (docs/FORMAT.md §6.5): unreviewed suggestions stay out unless asked for.
        filtered += Interchange::filterByStatus(batch, options->status);
        // Every span is checked before a writer sees it (docs/FORMAT.md, "What a format cannot hold").
        Interchange::leaveOutUnwritable(batch, *format, unit, options->allowLoss, diagnostics);
        if (hasErrors(diagnostics)) {
            failed = true;
            batch.clear();
            return;
        }
        for (const Item &item : std::as_const(batch)) {
            spans += item.spans.size();
        }
        stream.last = last;
        if (format->writeFolder) {
            failed = !format->writeFolder(batch, options->output, writeOptions, diagnostics);
        } else if (const auto bytes = format->serialize(batch, writeOptions, diagnostics)) {
            if (file) {
                failed = !file->write(*bytes, diagnostics);
            } else if (buffer.write(*bytes) != bytes->size()) {
                diagnostics.append(
                    Diagnostic::error(buffer.fileName(), QStringLiteral("cannot write: ") + buffer.errorString()));
                failed = true;
            }
            stream.bytesBefore += bytes->size();
        } else {
            failed = true;
        }
        failed = failed || hasErrors(diagnostics);
        itemCount += batch.size();
        stream.itemsBefore += batch.size();
        stream.first = false;
        batch.clear();
    };
    ProgressLine progress(QStringLiteral("export"), count, err);
    qsizetype taken = 0;
    inBatches<Loaded>(
        count, progress,
        [&](qsizetype i) {
            Loaded loaded;
            if (i < datasetItems.size()) {
                loaded.item = std::move(datasetItems[i]);
            } else {
                const QString &path = documents.at(i - datasetItems.size());
                loaded.item = loadItem(path, nameOf(path), format->name, loaded.diagnostics);
            }
            return loaded;
        },
        [&](qsizetype, Loaded &loaded) {
            diagnostics.append(loaded.diagnostics);
            if (loaded.item) {
                batch.append(std::move(*loaded.item));
            }
            if (++taken % BatchSize == 0 || taken == count) {
                writePart(taken == count);
            }
        });
    if (count == 0) {
        writePart(true); // the empty output of the format ("[]" for Label Studio)
    }
    if (filtered > 0) {
        err << filtered << " spans not " << options->status.names()
            << " left out (--status accepted,pending,rejected includes them)\n";
    }
    if (!failed && !stream.losses.report(diagnostics, options->strict)) {
        failed = true;
    }
    QTextStream &summary = options->output.isEmpty() ? err : out;
    if (failed) {
        report();
        return Invalid; // the writers, file and staged files left unfinished remove their temporaries
    }
    if (format->writeFolder) {
        if (!staged.commit(diagnostics)) {
            report();
            return Invalid;
        }
    } else if (file) {
        if (!file->commit(diagnostics)) {
            report();
            return Invalid;
        }
    } else {
        out.flush();
        if (!buffer.flush() || !buffer.seek(0)) {
            diagnostics.append(
                Diagnostic::error(buffer.fileName(), QStringLiteral("cannot write: ") + buffer.errorString()));
            report();
            return Invalid;
        }
        QFile stdoutFile;
        if (stdoutFile.open(stdout, QIODevice::WriteOnly)) {
            bool written = true;
            while (written && !buffer.atEnd()) {
                const QByteArray chunk = buffer.read(1 << 20);
                written = !chunk.isEmpty() && stdoutFile.write(chunk) == chunk.size();
            }
            if (!written || !stdoutFile.flush()) {
                diagnostics.append(
                    Diagnostic::error(outputName, QStringLiteral("cannot write: ") + stdoutFile.errorString()));
                report();
                return Invalid;
            }
        } else {
            out << QString::fromUtf8(buffer.readAll()); // not a real stdout (tests): through the stream
        }
    }
    report();
    summary << outputName << ": " << itemCount << " documents, " << spans << " spans written as " << format->name
            << " (" << OffsetUnits::description(unit) << ")\n";
    return Ok;
}

int importSpans(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const auto options = parseOptions(QStringLiteral("import"), arguments, err);
    if (!options) {
        return Usage;
    }
    if (options->help) {
        out << ImportUsage << formatList();
        return Ok;
    }
    const Format *format = Interchange::findFormat(options->format);
    if (!format || !format->read) {
        err << "scholiast-cli import: unknown format " << options->format << " or one that cannot be imported; see "
            << "scholiast-cli import --help\n";
        return Usage;
    }
    Interchange::ReadOptions readOptions;
    readOptions.offsets = options->offsets;
    readOptions.strict = options->strict;
    readOptions.documentPath = options->documentPath;
    readOptions.documentsDir = options->documentsDir;

    Diagnostics diagnostics;
    Interchange::ReadResult result;
    QStringList sourceOf; // the input file each item was read from, for messages
    {
        ProgressLine progress(QStringLiteral("import"), options->inputs.size(), err, QStringLiteral("files"));
        for (const QString &input : options->inputs) {
            if (QFileInfo(input).isDir() && format->name != u"brat") {
                diagnostics.append(
                    Diagnostic::error(input, QStringLiteral("is a folder; %1 input is a file").arg(format->name)));
            } else {
                if (auto read = format->read(input, readOptions, diagnostics)) {
                    result.items.append(std::move(read->items));
                    result.unitNotes.append(read->unitNotes);
                }
            }
            while (sourceOf.size() < result.items.size()) {
                sourceOf.append(input);
            }
            progress.step();
        }
    }
    if (hasErrors(diagnostics)) {
        printDiagnostics(diagnostics, err);
        return Invalid;
    }

    Interchange::ImportTarget target;
    target.formatName = format->name;
    target.outDir = options->output;
    target.merge = options->merge;
    target.replace = options->replace;
    std::optional<QList<Interchange::ImportedSidecar>> reports;
    {
        ProgressLine progress(QStringLiteral("import: sidecars"), result.items.size(), err);
        reports = Interchange::writeImported(result, sourceOf, options->inputs, target, diagnostics,
                                             [&progress] { progress.step(); });
    }
    printDiagnostics(diagnostics, err);
    if (!reports) {
        err << "scholiast-cli import: nothing was written\n";
        return Invalid;
    }
    for (const QString &note : result.unitNotes) {
        out << note << '\n';
    }
    for (const Interchange::ImportedSidecar &report : *reports) {
        out << report.sidecarPath << ": " << report.imported << " spans imported from " << format->name;
        if (report.duplicatesSkipped > 0) {
            out << ", " << report.duplicatesSkipped << " exact duplicates skipped";
        }
        out << '\n';
    }
    return Ok;
}

} // namespace Scholiast::Cli
