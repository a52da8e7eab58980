// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "cli.h"

#include "annotationset.h"
#include "documentlock.h"
#include "suggest/attribution.h"
#include "suggest/boilerplate.h"
#include "document.h"
#include "suggest/modelcommand.h"
#include "suggest/patterns.h"
#include "suggest/quotes.h"
#include "formats/scholiastjson.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <memory>
#include <optional>

// scholiast-cli suggest (issue 9, docs/SUGGEST.md): pending suggestions from rules or a model
// command, added to each document's sidecar or printed as JSON.
namespace Scholiast::Cli {

namespace {

struct Options
{
    QStringList with; // quotes, boilerplate or a rules file
    QString command; // a model command
    int timeoutSeconds = 60;
    int minDocuments = 3;
    bool json = false;
    QStringList documents;
};

std::optional<Options> parseOptions(const QStringList &arguments, QTextStream &err)
{
    Options options;
    auto usage = [&err](const QString &message) {
        err << "scholiast-cli suggest: " << message << "; see scholiast-cli --help\n";
        return std::nullopt;
    };
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        auto value = [&]() -> std::optional<QString> {
            if (i + 1 >= arguments.size()) {
                return std::nullopt;
            }
            return arguments.at(++i);
        };
        if (arg == u"--with" || arg == u"--command" || arg == u"--timeout" || arg == u"--min-documents") {
            const auto v = value();
            if (!v || v->isEmpty()) {
                return usage(arg + QStringLiteral(" needs a value"));
            }
            if (arg == u"--with") {
                options.with.append(*v);
            } else if (arg == u"--command") {
                if (!options.command.isEmpty()) {
                    return usage(QStringLiteral("only one --command"));
                }
                options.command = *v;
            } else {
                bool ok = false;
                const int n = v->toInt(&ok);
                if (!ok || n < 1) {
                    return usage(arg + QStringLiteral(" needs a positive whole number, not ") + *v);
                }
                (arg == u"--timeout" ? options.timeoutSeconds : options.minDocuments) = n;
            }
        } else if (arg == u"--json") {
            options.json = true;
        } else if (arg.startsWith(u'-') && arg.size() > 1) {
            return usage(QStringLiteral("unknown option ") + arg);
        } else {
            options.documents.append(arg);
        }
    }
    if (options.with.isEmpty() && options.command.isEmpty()) {
        return usage(QStringLiteral("expected --with quotes|boilerplate|RULES.json or --command CMD"));
    }
    if (options.documents.isEmpty()) {
        return usage(QStringLiteral("expected one or more documents"));
    }
    return options;
}

struct Input
{
    Document document;
    QString sidecarPath;
    ScholiastJson::Sidecar sidecar;
    QList<Annotation> suggestions;
    /// The quotes rule's attributions, when the labels have a relation for them.
    QList<Suggest::SuggestedRelation> relations;
    /// The sidecar's spans with the new suggestions, and the new relations placed on them.
    std::shared_ptr<AnnotationSet> spans;
    QList<Relation> newRelations;
    /// Held from reading the sidecar to writing it, so that two runs (or a run and the window)
    /// cannot both read the old spans and each write only its own (issue 14).
    std::shared_ptr<DocumentLock> lock;
};

void print(const Diagnostics &diagnostics, QTextStream &err)
{
    printDiagnostics(diagnostics, err);
}

} // namespace

int suggest(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const auto options = parseOptions(arguments, err);
    if (!options) {
        return Usage;
    }

    // Everything is read and checked before anything is written.
    Diagnostics diagnostics;
    std::optional<Suggest::PatternRules> rules;
    bool quotes = false;
    bool boilerplate = false;
    for (const QString &with : options->with) {
        if (with == u"quotes") {
            quotes = true;
        } else if (with == u"boilerplate") {
            boilerplate = true;
        } else if (with.endsWith(u".json", Qt::CaseInsensitive) || QFileInfo::exists(with)) {
            auto read = Suggest::PatternRules::read(with, diagnostics);
            if (!read) {
                print(diagnostics, err);
                return Invalid;
            }
            if (!rules) {
                rules.emplace();
            }
            rules->rules.append(read->rules);
        } else {
            err << "scholiast-cli suggest: --with takes quotes, boilerplate or a rules file (.json), not " << with
                << '\n';
            return Usage;
        }
    }

    QList<Input> inputs;
    bool failed = false;
    for (const QString &path : options->documents) {
        Diagnostics docDiagnostics;
        auto document = Document::load(path, docDiagnostics);
        if (!document) {
            print(docDiagnostics, err);
            failed = true;
            continue;
        }
        Input input{*document, ScholiastJson::sidecarPath(path), {}, {}, {}, nullptr, {}, nullptr};
        if (!options->json) {
            input.lock = std::make_shared<DocumentLock>();
            if (!input.lock->lockForWriting(input.sidecarPath, docDiagnostics)) {
                print(docDiagnostics, err);
                failed = true;
                continue;
            }
        }
        if (QFileInfo::exists(input.sidecarPath)) {
            auto sidecar = ScholiastJson::read(input.sidecarPath, docDiagnostics, &*document);
            print(docDiagnostics, err);
            if (!sidecar) {
                failed = true;
                continue;
            }
            if (sidecar->documentSha256.compare(document->sha256(), Qt::CaseInsensitive) != 0) {
                err << input.sidecarPath << ": error: the document has changed since these annotations were saved; "
                    << "run scholiast-cli reanchor " << path << " first\n";
                failed = true;
                continue;
            }
            input.sidecar = std::move(*sidecar);
        } else {
            input.sidecar.labels = LabelSchema::defaultSchema();
        }
        inputs.append(std::move(input));
    }
    if (failed) {
        return Invalid;
    }

    Suggest::BoilerplateOptions boilerplateOptions;
    if (boilerplate && inputs.size() >= options->minDocuments) {
        QList<Document> corpus;
        for (const Input &input : std::as_const(inputs)) {
            corpus.append(input.document);
        }
        boilerplateOptions.repeatedLines = Suggest::repeatedLines(corpus, options->minDocuments);
        boilerplateOptions.corpusSize = corpus.size();
    }
    Diagnostics warnings;
    for (Input &input : inputs) {
        if (quotes) {
            Suggest::Result r = Suggest::suggestQuotes(input.document);
            // Who said it, when the labels have a relation for it (the Quote Attribution preset).
            if (const auto attribution = Suggest::attributionLabels(input.sidecar.labels)) {
                Suggest::suggestAttributions(input.document, *attribution, input.sidecar.annotations, r);
            }
            input.suggestions.append(r.spans);
            input.relations.append(r.relations);
            warnings.append(r.diagnostics);
        }
        if (boilerplate) {
            Suggest::Result r = Suggest::suggestBoilerplate(input.document, boilerplateOptions);
            input.suggestions.append(r.spans);
            warnings.append(r.diagnostics);
        }
        if (rules) {
            Suggest::Result r = Suggest::suggestPatterns(input.document, *rules);
            input.suggestions.append(r.spans);
            warnings.append(r.diagnostics);
        }
    }
    if (!options->command.isEmpty()) {
        QList<Suggest::ModelInput> modelInputs;
        for (const Input &input : std::as_const(inputs)) {
            QStringList labels;
            for (const Label &label : input.sidecar.labels.labels()) {
                labels.append(label.name);
            }
            modelInputs.append(Suggest::ModelInput{input.document, input.document.path(), labels});
        }
        Suggest::ModelOptions modelOptions;
        modelOptions.command = options->command;
        modelOptions.timeoutMs = options->timeoutSeconds * 1000;
        const Suggest::ModelResult result = Suggest::runModel(modelOptions, modelInputs);
        print(result.diagnostics, err);
        if (!result.ok) {
            err << "scholiast-cli suggest: nothing was written\n";
            return Invalid;
        }
        for (qsizetype i = 0; i < inputs.size(); ++i) {
            inputs[i].suggestions.append(result.spans.at(i));
        }
    }
    print(warnings, err);

    for (Input &input : inputs) {
        const qsizetype found = input.suggestions.size();
        input.suggestions = Suggest::withoutDuplicates(input.suggestions, input.sidecar.annotations);
        std::sort(input.suggestions.begin(), input.suggestions.end(), isBeforeInFileOrder);
        input.spans = std::make_shared<AnnotationSet>();
        input.spans->reset(input.sidecar.annotations, input.sidecar.relations);
        input.spans->add(input.suggestions);
        input.newRelations = Suggest::relationsOnto(input.relations, *input.spans, QStringLiteral("rule:quotes"));
        if (!options->json) {
            out << input.document.path() << ": " << input.suggestions.size() << " suggestions added";
            if (found > input.suggestions.size()) {
                out << " (" << found - input.suggestions.size() << " already there)";
            }
            if (!input.newRelations.isEmpty()) {
                out << ", " << input.newRelations.size()
                    << (input.newRelations.size() == 1 ? " relation" : " relations");
            }
            out << '\n';
        }
    }

    if (options->json) {
        QJsonArray array;
        for (const Input &input : std::as_const(inputs)) {
            for (const Annotation &s : input.suggestions) {
                QJsonObject o{{QStringLiteral("document"), input.document.path()},
                              {QStringLiteral("start"), s.start.value},
                              {QStringLiteral("end"), s.end.value},
                              {QStringLiteral("label"), s.label},
                              {QStringLiteral("text"), s.text()},
                              {QStringLiteral("source"), s.source()},
                              {QStringLiteral("reason"), Suggest::reason(s)}};
                o.insert(QStringLiteral("score"), s.score() ? QJsonValue(*s.score()) : QJsonValue());
                array.append(o);
            }
            // A suggested relation names its ends by range and label: suggestions have no ids.
            const auto end = [&input](const QString &id) {
                const Annotation *span = input.spans->find(id);
                return QJsonObject{{QStringLiteral("start"), span->start.value},
                                   {QStringLiteral("end"), span->end.value},
                                   {QStringLiteral("label"), span->label},
                                   {QStringLiteral("text"), span->text()}};
            };
            for (const Relation &r : input.newRelations) {
                array.append(QJsonObject{{QStringLiteral("document"), input.document.path()},
                                         {QStringLiteral("relation"), r.label},
                                         {QStringLiteral("from"), end(r.from)},
                                         {QStringLiteral("to"), end(r.to)},
                                         {QStringLiteral("source"), r.source},
                                         {QStringLiteral("reason"), r.extraFields.value(u"reason")}});
            }
        }
        out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return Ok;
    }

    for (Input &input : inputs) {
        if (input.suggestions.isEmpty() && input.newRelations.isEmpty() && QFileInfo::exists(input.sidecarPath)) {
            continue; // nothing new: the sidecar stays byte for byte as it was
        }
        LabelSchema labels = input.sidecar.labels;
        for (const Annotation &s : std::as_const(input.suggestions)) {
            if (!labels.contains(s.label)) {
                labels.add(Label{s.label, QString(), QString()});
                err << input.sidecarPath << ": warning: label \"" << s.label << "\" added to the labels\n";
            }
        }
        AnnotationSet &spans = *input.spans;
        spans.addRelations(input.newRelations);
        ScholiastJson::Sidecar sidecar = ScholiastJson::makeSidecar(input.document, labels, spans);
        sidecar.extraFields = input.sidecar.extraFields;
        sidecar.documentExtraFields = input.sidecar.documentExtraFields;
        Diagnostics written;
        if (!ScholiastJson::write(input.sidecarPath, sidecar, written)) {
            print(written, err);
            return Invalid;
        }
    }
    return Ok;
}

} // namespace Scholiast::Cli
