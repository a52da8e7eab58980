// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// scholiast-cli agree, diff and merge: annotators' sidecars compared and adjudicated
// (issue 6, docs/METRICS.md).

#include "cli.h"

#include "documentlock.h"
#include "filepolicy.h"

#include "codepointagreement.h"
#include "document.h"
#include "merge.h"
#include "review.h"
#include "scholiastjson.h"
#include "metricsjson.h"
#include "spanscores.h"
#include "writecheck.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <map>
#include <set>
#include <tuple>
#include <optional>
#include <thread>
#include <vector>

namespace Scholiast::Cli {

namespace {

using namespace Metrics;

const QString SidecarSuffix = QStringLiteral(".scholiast.json");

struct Input
{
    QString path; ///< the sidecar's path
    ScholiastJson::Sidecar sidecar;
};

// A sidecar (*.scholiast.json), read on its own, or a document, whose sidecar DOC.scholiast.json
// is read and checked against it. Problems go to `diagnostics`.
std::optional<Input> readInput(const QString &path, Diagnostics &diagnostics, ScholiastJson::ReadOptions options)
{
    if (path.endsWith(SidecarSuffix)) {
        auto sidecar = ScholiastJson::read(path, diagnostics, nullptr, options);
        if (!sidecar) {
            return std::nullopt;
        }
        return Input{path, std::move(*sidecar)};
    }
    const auto document = Document::load(path, diagnostics);
    if (!document) {
        return std::nullopt;
    }
    const QString sidecarPath = ScholiastJson::sidecarPath(path);
    auto sidecar = ScholiastJson::read(sidecarPath, diagnostics, &*document, options);
    if (!sidecar) {
        return std::nullopt;
    }
    return Input{sidecarPath, std::move(*sidecar)};
}

// Reads files in parallel (two big sidecars take half the time on two cores); diagnostics are
// printed in input order. Nothing when any input failed.
std::optional<std::vector<Input>> readInputs(const QStringList &paths, QTextStream &err,
                                            ScholiastJson::ReadOptions options)
{
    std::vector<std::optional<Input>> inputs(size_t(paths.size()));
    std::vector<Diagnostics> diagnostics(size_t(paths.size()));
    const size_t threads = std::max<size_t>(1, std::min<size_t>(size_t(paths.size()), std::thread::hardware_concurrency()));
    std::vector<std::thread> workers;
    for (size_t t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            for (size_t i = t; i < inputs.size(); i += threads) {
                inputs[i] = readInput(paths.at(qsizetype(i)), diagnostics[i], options);
            }
        });
    }
    for (std::thread &w : workers) {
        w.join();
    }
    bool ok = true;
    std::vector<Input> out;
    for (size_t i = 0; i < inputs.size(); ++i) {
        for (const Diagnostic &d : diagnostics[i]) {
            err << d.toString() << '\n';
        }
        if (inputs[i]) {
            out.push_back(std::move(*inputs[i]));
        } else {
            ok = false;
        }
    }
    if (!ok) {
        return std::nullopt;
    }
    return out;
}

// One document and each input's sidecar of it.
struct DocumentSet
{
    QString name;
    std::vector<Input> inputs;
};

// The inputs, all files or all folders, as documents each input has a sidecar of: folders are
// matched by the document name their sidecars record. Returns nothing after printing why, with
// the exit code in `code`.
std::optional<std::vector<DocumentSet>> collect(const QString &command, const QStringList &paths, QTextStream &err,
                                                int &code, ScholiastJson::ReadOptions options = {})
{
    int folders = 0;
    for (const QString &path : paths) {
        folders += QFileInfo(path).isDir() ? 1 : 0;
    }
    if (folders != 0 && folders != paths.size()) {
        err << "scholiast-cli " << command << ": give only files or only folders\n";
        code = Usage;
        return std::nullopt;
    }
    code = Invalid;
    std::vector<DocumentSet> sets;
    if (folders == 0) {
        auto inputs = readInputs(paths, err, options);
        if (!inputs) {
            return std::nullopt;
        }
        DocumentSet set{inputs->front().sidecar.documentName, std::move(*inputs)};
        sets.push_back(std::move(set));
    } else {
        QStringList files;
        std::vector<qsizetype> folderOf;
        for (qsizetype f = 0; f < paths.size(); ++f) {
            const QDir dir(paths.at(f));
            const QStringList names = dir.entryList({u'*' + SidecarSuffix}, QDir::Files, QDir::Name);
            for (const QString &name : names) {
                files.append(dir.filePath(name));
                folderOf.push_back(f);
            }
        }
        auto inputs = readInputs(files, err, options);
        if (!inputs) {
            return std::nullopt;
        }
        // document name -> one input per folder
        std::map<QString, std::vector<std::optional<Input>>> byName;
        bool ok = true;
        for (size_t i = 0; i < inputs->size(); ++i) {
            Input &input = (*inputs)[i];
            auto &slots = byName[input.sidecar.documentName];
            slots.resize(size_t(paths.size()));
            auto &slot = slots[size_t(folderOf[i])];
            if (slot) {
                err << input.path << ": error: " << paths.at(folderOf[i]) << " has two sidecars for document \""
                    << input.sidecar.documentName << "\": " << slot->path << " and " << input.path << '\n';
                ok = false;
                continue;
            }
            slot = std::move(input);
        }
        if (!ok) {
            return std::nullopt;
        }
        for (auto &[name, slots] : byName) {
            QStringList missing;
            for (size_t f = 0; f < slots.size(); ++f) {
                if (!slots[f]) {
                    missing.append(paths.at(qsizetype(f)));
                }
            }
            if (!missing.isEmpty()) {
                err << "scholiast-cli " << command << ": warning: document \"" << name << "\" skipped: no sidecar in "
                    << missing.join(QStringLiteral(", ")) << '\n';
                continue;
            }
            DocumentSet set{name, {}};
            for (auto &slot : slots) {
                set.inputs.push_back(std::move(*slot));
            }
            sets.push_back(std::move(set));
        }
        if (sets.empty()) {
            err << "scholiast-cli " << command << ": no document has a sidecar in every folder\n";
            return std::nullopt;
        }
    }
    // Offsets only compare between sidecars of the same text.
    bool same = true;
    for (const DocumentSet &set : sets) {
        const Input &first = set.inputs.front();
        for (const Input &other : set.inputs) {
            if (other.sidecar.documentSha256 != first.sidecar.documentSha256
                || other.sidecar.documentLength != first.sidecar.documentLength) {
                err << other.path << ": error: written for another text of the document than " << first.path
                    << " (document \"" << other.sidecar.documentName << "\", SHA-256 " << other.sidecar.documentSha256
                    << " vs " << first.sidecar.documentSha256 << ")\n";
                same = false;
            }
        }
    }
    if (!same) {
        return std::nullopt;
    }
    code = Ok;
    return sets;
}

// Splits --json / --strategy from the positional arguments; nothing after a usage error.
struct Arguments
{
    QStringList positional;
    bool json = false;
    QString strategy;
    /// Gold means accepted (docs/FORMAT.md §6.5): only accepted spans are scored unless asked.
    Interchange::StatusFilter status;
};

// Leaves out of every input the spans the status filter does not choose.
void applyStatus(std::vector<DocumentSet> &sets, const Interchange::StatusFilter &status)
{
    for (DocumentSet &set : sets) {
        for (Input &input : set.inputs) {
            Interchange::filterByStatus(input.sidecar.annotations, status);
        }
    }
}

std::optional<Arguments> parseArguments(const QString &command, const QStringList &arguments, bool allowJson,
                                        bool allowStrategy, QTextStream &err)
{
    Arguments out;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (allowJson && arg == u"--json") {
            out.json = true;
        } else if (allowStrategy && arg == u"--strategy" && i + 1 < arguments.size()) {
            out.strategy = arguments.at(++i);
        } else if (allowStrategy && arg.startsWith(u"--strategy=")) {
            out.strategy = arg.mid(11);
        } else if (command != u"merge" && (arg == u"--status" || arg.startsWith(u"--status="))) {
            const QString value = arg.contains(u'=') ? arg.section(u'=', 1) : arguments.value(++i);
            const auto filter = Interchange::StatusFilter::fromNames(value);
            if (!filter) {
                err << "scholiast-cli " << command << ": --status takes accepted, pending, rejected or all\n";
                return std::nullopt;
            }
            out.status = *filter;
        } else if (arg.startsWith(u'-') && arg.size() > 1) {
            err << "scholiast-cli " << command << ": unknown option " << arg << '\n';
            return std::nullopt;
        } else {
            out.positional.append(arg);
        }
    }
    return out;
}

QJsonValue number(std::optional<double> value)
{
    return jsonNumber(value);
}

QString figure(std::optional<double> value)
{
    return value ? QString::number(*value, 'f', 3) : QStringLiteral("-");
}

QString countsRow(const MatchCounts &c)
{
    return QString::number(c.matched).rightJustified(7) + u' ' + figure(c.precision()).rightJustified(6) + u' '
        + figure(c.recall()).rightJustified(6) + u' ' + figure(c.f1()).rightJustified(6);
}

QString averagesRow(const Averages &a)
{
    return QString(7, u' ') + u' ' + figure(a.precision).rightJustified(6) + u' ' + figure(a.recall).rightJustified(6)
        + u' ' + figure(a.f1).rightJustified(6);
}

// The text of a span for one line of output: quoted, with line breaks and quotes escaped.
QString quotedText(const QString &text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += u'"';
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'"':
            out += QStringLiteral("\\\"");
            break;
        case u'\\':
            out += QStringLiteral("\\\\");
            break;
        case u'\n':
            out += QStringLiteral("\\n");
            break;
        case u'\r':
            out += QStringLiteral("\\r");
            break;
        case u'\t':
            out += QStringLiteral("\\t");
            break;
        default:
            if (c.unicode() < 0x20) {
                out += QStringLiteral("\\u%1").arg(int(c.unicode()), 4, 16, QLatin1Char('0'));
            } else {
                out += c;
            }
        }
    }
    out += u'"';
    return out;
}

QString side(const char *which, const Annotation &a)
{
    return QLatin1String(which) + u' ' + a.id + u' ' + a.label + u' ' + QString::number(a.start) + u'-'
        + QString::number(a.end) + u' ' + quotedText(a.text);
}

// Labels of every input's schema, so that unused labels are reported too.
QStringList schemaLabels(const std::vector<DocumentSet> &sets)
{
    QStringList names;
    for (const DocumentSet &set : sets) {
        for (const Input &input : set.inputs) {
            for (const Label &label : input.sidecar.labels.labels()) {
                if (!names.contains(label.name)) {
                    names.append(label.name);
                }
            }
        }
    }
    return names;
}

// `<doc>.<annotator>.scholiast.json` -> annotator; empty for `<doc>.scholiast.json`.
QString annotatorOf(const Input &input)
{
    QString stem = QFileInfo(input.path).fileName();
    stem.chop(SidecarSuffix.size());
    const QString prefix = input.sidecar.documentName + u'.';
    if (stem.startsWith(prefix) && stem.size() > prefix.size()) {
        return stem.mid(prefix.size());
    }
    return QString();
}

} // namespace

int agree(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const auto args = parseArguments(QStringLiteral("agree"), arguments, true, false, err);
    if (!args) {
        return Usage;
    }
    if (args->positional.size() < 2) {
        err << "scholiast-cli agree: expected REFERENCE CANDIDATE [MORE...]; see scholiast-cli --help\n";
        return Usage;
    }
    int code = Ok;
    // Agreement needs offsets and labels only: a spans-only read keeps no text (it is still checked).
    auto sets = collect(QStringLiteral("agree"), args->positional, err, code, ScholiastJson::ReadOptions{.spansOnly = true});
    if (!sets) {
        return code;
    }
    applyStatus(*sets, args->status);
    const int m = int(args->positional.size());
    const QStringList schema = schemaLabels(*sets);

    // Span scores for every pair (the first pair is reference/candidate), and the code point
    // agreement, computed side by side.
    std::vector<std::pair<int, int>> pairs;
    for (int a = 0; a < m; ++a) {
        for (int b = a + 1; b < m; ++b) {
            pairs.emplace_back(a, b);
        }
    }
    std::vector<SpanScores> scores(pairs.size());
    CodePointAgreement agreement(m);
    agreement.addLabels(schema);
    scores.front().addLabels(schema);
    qint64 units = 0;
    std::thread spanThread([&] {
        for (const DocumentSet &set : *sets) {
            for (size_t p = 0; p < pairs.size(); ++p) {
                scores[p].add(set.inputs[size_t(pairs[p].first)].sidecar.annotations,
                              set.inputs[size_t(pairs[p].second)].sidecar.annotations);
            }
        }
    });
    for (const DocumentSet &set : *sets) {
        QList<QList<Annotation>> layers;
        for (const Input &input : set.inputs) {
            layers.append(input.sidecar.annotations);
        }
        agreement.add(set.inputs.front().sidecar.documentLength, layers);
        units += set.inputs.front().sidecar.documentLength;
    }
    spanThread.join();

    const QStringList labels = agreement.labels();
    if (args->json) {
        QJsonObject result{{QStringLiteral("inputs"), QJsonArray::fromStringList(args->positional)},
                           {QStringLiteral("reference"), args->positional.front()},
                           {QStringLiteral("documents"), qint64(sets->size())},
                           {QStringLiteral("units"), units},
                           {QStringLiteral("alpha"), number(agreement.alpha())}};
        QJsonObject perLabel;
        for (const QString &label : labels) {
            QJsonObject entry{{QStringLiteral("alpha"), number(agreement.alpha(label))}};
            if (m == 2) {
                const LabelScores s = scores.front().labels().count(label) ? scores.front().labels().at(label) : LabelScores();
                entry.insert(QStringLiteral("reference"), s.exact.reference);
                entry.insert(QStringLiteral("candidate"), s.exact.candidate);
                entry.insert(QStringLiteral("exact"), countsJson(s.exact));
                entry.insert(QStringLiteral("overlap"), countsJson(s.overlap));
                entry.insert(QStringLiteral("kappa"), number(agreement.kappa(label)));
            }
            perLabel.insert(label, entry);
        }
        result.insert(QStringLiteral("labels"), perLabel);
        if (m == 2) {
            insertScoresJson(result, scores.front());
        }
        QJsonArray pairwise;
        for (size_t p = 0; p < pairs.size(); ++p) {
            pairwise.append(QJsonObject{{QStringLiteral("a"), args->positional.at(pairs[p].first)},
                                        {QStringLiteral("b"), args->positional.at(pairs[p].second)},
                                        {QStringLiteral("exact_f1"), number(scores[p].microExact().f1())},
                                        {QStringLiteral("overlap_f1"), number(scores[p].microOverlap().f1())}});
        }
        result.insert(QStringLiteral("pairwise"), pairwise);
        out << QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented));
        return Ok;
    }

    qsizetype width = 5;
    for (const QString &label : labels) {
        width = std::max(width, label.size());
    }
    out << "reference " << args->positional.front() << "; " << sets->size()
        << (sets->size() == 1 ? " document, " : " documents, ") << units << " code points\n";
    if (m == 2) {
        const SpanScores &s = scores.front();
        out << "candidate " << args->positional.at(1) << "\n\n";
        out << QString(width, u' ') << "    ref   cand |   exact      P      R     F1 | overlap      P      R     F1 |  kappa  alpha\n";
        for (const QString &label : labels) {
            const LabelScores l = s.labels().count(label) ? s.labels().at(label) : LabelScores();
            out << label.leftJustified(width) << ' ' << QString::number(l.exact.reference).rightJustified(6) << ' '
                << QString::number(l.exact.candidate).rightJustified(6) << " | " << countsRow(l.exact) << " | "
                << countsRow(l.overlap) << " | " << figure(agreement.kappa(label)).rightJustified(6) << ' '
                << figure(agreement.alpha(label)).rightJustified(6) << '\n';
        }
        const MatchCounts microExact = s.microExact();
        out << QStringLiteral("micro").leftJustified(width) << ' ' << QString::number(microExact.reference).rightJustified(6)
            << ' ' << QString::number(microExact.candidate).rightJustified(6) << " | " << countsRow(microExact) << " | "
            << countsRow(s.microOverlap()) << " |\n";
        out << QStringLiteral("macro").leftJustified(width) << QString(14, u' ') << " | " << averagesRow(s.macroExact())
            << " | " << averagesRow(s.macroOverlap()) << " |\n";

        out << "\nsame-range pairs (rows: reference label, columns: candidate label)\n";
        QStringList columns = labels;
        qsizetype cell = 7;
        for (const QString &label : labels) {
            cell = std::max(cell, label.size());
        }
        out << QString(width, u' ');
        for (const QString &c : columns) {
            out << ' ' << c.rightJustified(cell);
        }
        out << ' ' << QStringLiteral("missed").rightJustified(cell) << '\n';
        for (const QString &row : labels) {
            out << row.leftJustified(width);
            const auto r = s.confusion().find(row);
            for (const QString &c : columns) {
                qint64 n = 0;
                if (r != s.confusion().end()) {
                    const auto it = r->second.find(c);
                    n = it == r->second.end() ? 0 : it->second;
                }
                out << ' ' << QString::number(n).rightJustified(cell);
            }
            const auto missed = s.missed().find(row);
            out << ' ' << QString::number(missed == s.missed().end() ? 0 : missed->second).rightJustified(cell) << '\n';
        }
        out << QStringLiteral("spurious").leftJustified(width);
        for (const QString &c : columns) {
            const auto it = s.spurious().find(c);
            out << ' ' << QString::number(it == s.spurious().end() ? 0 : it->second).rightJustified(cell);
        }
        out << '\n';
    } else {
        out << "\npairwise F1          exact  overlap\n";
        for (size_t p = 0; p < pairs.size(); ++p) {
            out << args->positional.at(pairs[p].first) << " / " << args->positional.at(pairs[p].second) << ": "
                << figure(scores[p].microExact().f1()) << "  " << figure(scores[p].microOverlap().f1()) << '\n';
        }
        out << "\nalpha per label\n";
        for (const QString &label : labels) {
            out << label.leftJustified(width) << ' ' << figure(agreement.alpha(label)).rightJustified(6) << '\n';
        }
    }
    out << "\nKrippendorff's alpha over all labels (" << m << " annotators): " << figure(agreement.alpha()) << '\n';
    return Ok;
}

int diff(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const auto args = parseArguments(QStringLiteral("diff"), arguments, false, false, err);
    if (!args) {
        return Usage;
    }
    if (args->positional.size() != 2) {
        err << "scholiast-cli diff: expected REFERENCE CANDIDATE; see scholiast-cli --help\n";
        return Usage;
    }
    int code = Ok;
    auto sets = collect(QStringLiteral("diff"), args->positional, err, code);
    if (!sets) {
        return code;
    }
    applyStatus(*sets, args->status);
    const bool prefix = QFileInfo(args->positional.front()).isDir();
    for (const DocumentSet &set : *sets) {
        const QList<Annotation> &reference = set.inputs[0].sidecar.annotations;
        const QList<Annotation> &candidate = set.inputs[1].sidecar.annotations;
        const Review review = Review::compare(reference, candidate);
        QString line;
        for (const qsizetype i : review.disagreements()) {
            const ReviewItem &item = review.items()[size_t(i)];
            line.clear();
            if (prefix) {
                line += set.name + QStringLiteral(": ");
            }
            line += reviewKindName(item.kind) + u' ' + QString::number(item.start) + u'-' + QString::number(item.end);
            if (item.reference >= 0) {
                line += QStringLiteral("  ") + side("reference", reference.at(item.reference));
            }
            if (item.candidate >= 0) {
                line += QStringLiteral("  ") + side("candidate", candidate.at(item.candidate));
            }
            line += u'\n';
            out << line;
        }
    }
    return Ok;
}

int merge(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const auto args = parseArguments(QStringLiteral("merge"), arguments, false, true, err);
    if (!args) {
        return Usage;
    }
    const auto strategy = mergeStrategyFromName(args->strategy);
    if (!strategy) {
        err << "scholiast-cli merge: expected --strategy union, reference-wins or majority; see scholiast-cli --help\n";
        return Usage;
    }
    if (args->positional.size() < 3) {
        err << "scholiast-cli merge: expected OUT INPUT INPUT [MORE...]; see scholiast-cli --help\n";
        return Usage;
    }
    const QString outPath = args->positional.front();
    const QStringList inputPaths = args->positional.mid(1);
    for (const QString &path : inputPaths) {
        if (QFileInfo(path).isDir()) {
            err << "scholiast-cli merge: " << path << " is a folder; merge takes one document's sidecars\n";
            return Usage;
        }
    }
    // The output never replaces an input: not a document, not a sidecar read (issue 14).
    FilePolicy::Protected protectedInputs;
    for (const QString &path : inputPaths) {
        protectedInputs.add(path);
        if (path.endsWith(SidecarSuffix)) {
            // The document of a sidecar, and of a layer <doc>.<name>.scholiast.json.
            const QString stem = path.chopped(SidecarSuffix.size());
            protectedInputs.add(stem);
            if (const qsizetype dot = stem.lastIndexOf(u'.'); dot > stem.lastIndexOf(u'/') + 1) {
                protectedInputs.add(stem.left(dot));
            }
        } else {
            protectedInputs.add(ScholiastJson::sidecarPath(path));
        }
    }
    Diagnostics refused;
    DocumentLock lock;
    if (!protectedInputs.check(outPath, refused) || !FilePolicy::checkOutput(outPath, refused)
        || !lock.lockForWriting(outPath, refused)) {
        for (const Diagnostic &d : refused) {
            err << d.toString() << '\n';
        }
        return Invalid;
    }
    int code = Ok;
    const auto sets = collect(QStringLiteral("merge"), inputPaths, err, code);
    if (!sets) {
        return code;
    }
    const std::vector<Input> &inputs = sets->front().inputs;

    QList<MergeInput> layers;
    for (const Input &input : inputs) {
        const QString annotator = annotatorOf(input);
        layers.append({annotator.isEmpty() ? input.path : annotator, annotator, input.sidecar.annotations});
    }
    const MergeResult merged = Metrics::merge(*strategy, layers);
    for (const QString &duplicate : merged.duplicates) {
        err << outPath << ": warning: " << duplicate << '\n';
    }
    for (const MergeConflict &conflict : merged.conflicts) {
        err << outPath << ": conflict at " << conflict.start << '-' << conflict.end << ": " << conflict.message << '\n';
    }

    ScholiastJson::Sidecar result = inputs.front().sidecar;
    for (const Input &input : inputs) {
        for (const Label &label : input.sidecar.labels.labels()) {
            if (!result.labels.contains(label.name)) {
                result.labels.add(label);
            }
        }
    }
    result.annotations = merged.annotations;
    Diagnostics diagnostics;
    if (!ScholiastJson::write(outPath, result, diagnostics)) {
        for (const Diagnostic &d : diagnostics) {
            err << d.toString() << '\n';
        }
        return Invalid;
    }
    // One span per range and label (docs/FORMAT.md §8.5): spans the inputs share are written once.
    std::set<std::tuple<qint64, qint64, QString>> distinct;
    qsizetype placed = 0;
    for (const Input &input : inputs) {
        for (const Annotation &a : input.sidecar.annotations) {
            if (!a.isOrphan()) {
                ++placed;
                distinct.emplace(a.start, a.end, a.label);
            }
        }
    }
    out << outPath << ": " << merged.annotations.size() << " annotations merged from " << inputs.size() << " inputs ("
        << args->strategy << "), " << merged.conflicts.size() << (merged.conflicts.size() == 1 ? " conflict" : " conflicts")
        << ", " << (placed - qsizetype(distinct.size())) << " exact duplicates written once\n";
    return merged.conflicts.isEmpty() ? Ok : Invalid;
}

} // namespace Scholiast::Cli
