// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// scholiast-cli agree, diff and merge: annotators' sidecars compared and adjudicated
// (issue 6, docs/METRICS.md).

#include "cli.h"
#include "batches.h"

#include "documentlock.h"
#include "filepolicy.h"

#include "metrics/codepointagreement.h"
#include "document.h"
#include "metrics/merge.h"
#include "metrics/relationscores.h"
#include "metrics/review.h"
#include "formats/scholiastjson.h"
#include "formats/scholiastjson_p.h"
#include "metrics/metricsjson.h"
#include "metrics/spanlist.h"
#include "metrics/spanscores.h"
#include "formats/jsonwriter_p.h"
#include "formats/writecheck.h"
#include "utf8.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFileDevice>
#include <QTemporaryFile>
#include <QTextStream>

#include <charconv>
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

// Spans as `agree` and `diff` read them: those a status filter chooses, as the metrics read
// them, and for `diff` the place of each among its file's spans, by which its id and text are
// read when it is printed.
struct ChosenSpans
{
    SpanList spans;
    std::vector<qsizetype> places;

    /// Appends the spans of `list` that `status` chooses; `firstPlace` is the place of its first
    /// span in the file. Places only `withPlaces`.
    void append(const QList<Annotation> &list, qsizetype firstPlace, const Interchange::StatusFilter &status,
                bool withPlaces)
    {
        for (qsizetype i = 0; i < list.size(); ++i) {
            const Annotation &span = list.at(i);
            if (status.includes(span)) {
                spans.append(span);
                if (withPlaces) {
                    places.push_back(firstPlace + i);
                }
            }
        }
    }
};

struct Input
{
    QString path; ///< the sidecar's path
    ScholiastJson::Sidecar sidecar;
    /// A large sidecar's spans as `agree` and `diff` read them (InputMode::spanList): those the
    /// status filter chooses, taken while the file was read; `sidecar.annotations` holds the
    /// spans that followed them, unfiltered yet.
    std::optional<ChosenSpans> spans;
    /// How many of the file's spans precede `sidecar.annotations`: those taken while it was read.
    qsizetype spansBefore = 0;
};

// How readInput() reads a sidecar, beyond its ReadOptions.
struct InputMode
{
    /// `agree` and `diff`: the spans of a sidecar large enough to be read in batches go to
    /// Input::spans as they are read, those this filter chooses (SpanListReceiver).
    const Interchange::StatusFilter *spanList = nullptr;
    /// `diff`: the ids and texts are read afterwards, those of the spans printed, by each span's
    /// place in the file (ScholiastJson::readSpanTexts()), which ChosenSpans keeps. A sidecar
    /// read on its own is read without them (ReadOptions::spansOnly); beside its document, a
    /// span's text is checked against it and costs nothing (a share of the document's).
    bool textsLater = false;
};

// Takes the spans of a sidecar read in batches into a SpanList as they are read, those a status
// filter chooses: `agree` needs each span's range and label only, `diff` its place in the file
// too, and a million Annotations joined into one list and freed at the end were a fifth of their
// time (issue 17). Neither takes ids: a million id strings made and freed were a tenth of `agree`
// and more of `diff`, which reads the ids of the spans it prints with their texts. A file that may
// have relations (it has relation labels) keeps its spans whole: a relation's ends are found by
// span id.
class SpanListReceiver final : public ScholiastJson::SpanReceiver
{
public:
    SpanListReceiver(const Interchange::StatusFilter &status, bool withPlaces)
        : m_status(status)
        , m_withPlaces(withPlaces)
    {
    }
    void begin(const ScholiastJson::Sidecar &head) override { m_whole = !head.labels.relationLabels().isEmpty(); }
    [[nodiscard]] bool takesIds() const override { return m_whole; }
    void take(QList<Annotation> &&spans) override
    {
        if (m_whole) {
            m_annotations.append(spans);
            return;
        }
        // Not moved from: the reader clears the list and reads its next batch into its room.
        m_chosen.append(spans, m_taken, m_status, m_withPlaces);
        m_taken += spans.size();
    }
    void expect(qsizetype spans) override
    {
        if (m_whole) {
            m_annotations.reserve(spans);
            return;
        }
        m_chosen.spans.reserve(spans);
        if (m_withPlaces) {
            m_chosen.places.reserve(size_t(spans));
        }
    }
    void withdraw() override
    {
        m_chosen = ChosenSpans();
        m_taken = 0;
        m_annotations.clear();
    }
    // The spans taken go to `input`: into Input::spans, or before the sidecar's own when whole.
    void give(Input &input)
    {
        if (m_whole) {
            m_annotations.append(std::move(input.sidecar.annotations));
            input.sidecar.annotations = std::move(m_annotations);
        } else {
            input.spans = std::move(m_chosen);
            input.spansBefore = m_taken;
        }
    }

private:
    const Interchange::StatusFilter &m_status;
    const bool m_withPlaces;
    bool m_whole = false;
    ChosenSpans m_chosen;
    qsizetype m_taken = 0; // spans taken, those the filter leaves out too
    QList<Annotation> m_annotations;
};

// The sidecar an input names: itself, or a document's DOC.scholiast.json.
QString sidecarOfInput(const QString &path)
{
    return path.endsWith(SidecarSuffix) ? path : ScholiastJson::sidecarPath(path);
}

// A sidecar (*.scholiast.json), read on its own, or a document, whose sidecar DOC.scholiast.json
// is read and checked against it. Problems go to `diagnostics`.
std::optional<Input> readInput(const QString &path, Diagnostics &diagnostics, ScholiastJson::ReadOptions options,
                               const InputMode &mode)
{
    const QString sidecarPath = sidecarOfInput(path);
    std::optional<SpanListReceiver> receiver;
    if (mode.spanList) {
        options.spanReceiver = &receiver.emplace(*mode.spanList, mode.textsLater);
    }
    if (mode.textsLater && path.endsWith(SidecarSuffix)) {
        options.spansOnly = true;
    }
    std::optional<Document> document;
    if (!path.endsWith(SidecarSuffix)) {
        document = Document::load(path, diagnostics);
        if (!document) {
            return std::nullopt;
        }
    }
    auto sidecar = ScholiastJson::read(sidecarPath, diagnostics, document ? &*document : nullptr, options);
    if (!sidecar) {
        return std::nullopt;
    }
    Input input{sidecarPath, std::move(*sidecar), {}, 0};
    if (receiver) {
        receiver->give(input);
    }
    return input;
}

// Offsets only compare between sidecars of the same text: the same SHA-256 (in either case, as
// FORMAT.md allows) and length. Nothing when they are; else the error line, naming both files.
std::optional<QString> anotherText(const QString &path, const QString &sha256, qint64 length, const QString &firstPath,
                                   const QString &firstSha256, qint64 firstLength, const QString &name)
{
    if (sha256.compare(firstSha256, Qt::CaseInsensitive) == 0 && length == firstLength) {
        return std::nullopt;
    }
    return QStringLiteral(
               "%1: error: written for another text of the document than %2 (document \"%3\", SHA-256 %4 vs %5)\n")
        .arg(path, firstPath, name, sha256, firstSha256);
}

// One document and each input's sidecar of it, read.
struct DocumentSet
{
    QString name;
    std::vector<Input> inputs;
};

// One document and the paths of each input's sidecar of it, in input order: what a corpus
// command reads together, one batch of documents at a time.
struct DocumentPlan
{
    QString name;
    QStringList paths;
};

// The inputs, all files or all folders, as documents each input has a sidecar of: folders are
// matched by the document name their sidecars record, read from each sidecar's "document" object
// alone (the spans are read later, a batch of documents at a time). Returns nothing after
// printing why, with the exit code in `code`.
std::optional<std::vector<DocumentPlan>> plan(const QString &command, const QStringList &paths, QTextStream &err,
                                              int &code)
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
    if (folders == 0) {
        return std::vector<DocumentPlan>{{QString(), paths}};
    }
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
    struct Header
    {
        std::optional<ScholiastJson::DocumentHeader> header;
        QString problems; // when there is no header: what the full read says
    };
    // document name -> per folder: the sidecar's index in `files`
    std::map<QString, std::vector<qsizetype>> byName;
    std::map<qsizetype, ScholiastJson::DocumentHeader> headers; // by index in `files`
    bool ok = true;
    ProgressLine progress(command + QStringLiteral(": pairing"), files.size(), err, QStringLiteral("sidecars"));
    inBatches<Header>(
        files.size(), progress,
        [&](qsizetype i) {
            Header h{ScholiastJson::readDocumentHeader(files.at(i)), QString()};
            if (!h.header) {
                Diagnostics diagnostics;
                (void)ScholiastJson::read(files.at(i), diagnostics);
                h.problems += diagnosticsText(diagnostics);
                if (h.problems.isEmpty()) {
                    h.problems = files.at(i) + QStringLiteral(": error: no document named in \"document\"\n");
                }
            }
            return h;
        },
        [&](qsizetype i, const Header &h) {
            if (!h.header) {
                err << h.problems;
                ok = false;
                return;
            }
            const QString &name = h.header->name;
            auto &slots = byName[name];
            slots.resize(size_t(paths.size()), -1);
            qsizetype &slot = slots[size_t(folderOf[size_t(i)])];
            const QString &folder = paths.at(folderOf[size_t(i)]);
            if (slot >= 0) {
                err << files.at(i) << ": error: " << folder << " has two sidecars for document \"" << name
                    << "\": " << files.at(slot) << " and " << files.at(i) << '\n';
                ok = false;
                return;
            }
            slot = i;
            headers.emplace(i, *h.header);
        });
    if (!ok) {
        return std::nullopt;
    }
    std::vector<DocumentPlan> plans;
    for (const auto &[name, slots] : byName) {
        QStringList missing;
        DocumentPlan plan{name, {}};
        for (size_t f = 0; f < slots.size(); ++f) {
            if (slots[f] < 0) {
                missing.append(paths.at(qsizetype(f)));
            } else {
                plan.paths.append(files.at(slots[f]));
            }
        }
        if (!missing.isEmpty()) {
            err << "scholiast-cli " << command << ": warning: document \"" << name << "\" skipped: no sidecar in "
                << missing.join(QStringLiteral(", ")) << '\n';
            continue;
        }
        // Offsets only compare between sidecars of the same text (a SHA-256 in either case).
        const ScholiastJson::DocumentHeader &first = headers.at(slots.front());
        bool same = true;
        for (size_t f = 1; f < slots.size(); ++f) {
            const ScholiastJson::DocumentHeader &other = headers.at(slots[f]);
            if (const auto error = anotherText(files.at(slots[f]), other.sha256, other.length, files.at(slots.front()),
                                               first.sha256, first.length, name)) {
                err << *error;
                same = false;
            }
        }
        if (!same) {
            ok = false;
            continue;
        }
        plans.push_back(std::move(plan));
    }
    if (!ok) {
        return std::nullopt;
    }
    if (plans.empty()) {
        err << "scholiast-cli " << command << ": no document has a sidecar in every folder\n";
        return std::nullopt;
    }
    code = Ok;
    return plans;
}

// Reads the planned documents a batch at a time on every core and hands each, read, to `take` in
// plan order; memory holds one batch. Problems are printed as they are found; returns false when
// any input could not be read or its sidecars are of different texts (take has then not been
// given that document; the caller reports nothing).
template <typename Take>
bool readDocuments(const QString &command, const std::vector<DocumentPlan> &plans, ScholiastJson::ReadOptions options,
                   QTextStream &err, Take take, const InputMode &mode = {})
{
    struct Read
    {
        std::optional<DocumentSet> set;
        QString problems;
    };
    bool ok = true;
    ProgressLine progress(command, qsizetype(plans.size()), err);
    inBatches<Read>(
        qsizetype(plans.size()), progress,
        [&](qsizetype p) {
            const DocumentPlan &plan = plans[size_t(p)];
            Read read;
            DocumentSet set{plan.name, {}};
            std::vector<std::optional<Input>> inputs(size_t(plan.paths.size()));
            std::vector<Diagnostics> diagnostics(size_t(plan.paths.size()));
            const auto readOne = [&](size_t i) {
                inputs[i] = readInput(plan.paths.at(qsizetype(i)), diagnostics[i], options, mode);
            };
            if (plans.size() == 1) {
                // One document's sidecars side by side too, except those read in batches, which
                // have both cores to themselves already: two of those side by side put six
                // threads on two cores and cost more CPU for no shorter wall time (agree on two
                // 1M-span sidecars: 1.92-1.98 s user side by side, 1.69-1.76 s in turn, 1.35 s
                // wall either way). They are read in turn, the smaller ones on threads beside them.
                std::vector<size_t> inTurn;
                std::vector<size_t> beside;
                for (size_t i = 0; i < inputs.size(); ++i) {
                    const bool batched = QFileInfo(sidecarOfInput(plan.paths.at(qsizetype(i)))).size()
                        >= ScholiastJson::BatchedReadMinBytes;
                    (batched ? inTurn : beside).push_back(i);
                }
                if (inTurn.empty() && !beside.empty()) {
                    inTurn.push_back(beside.front()); // this thread reads one of them
                    beside.erase(beside.begin());
                }
                std::vector<std::thread> workers;
                for (const size_t i : beside) {
                    workers.emplace_back(readOne, i);
                }
                for (const size_t i : inTurn) {
                    readOne(i);
                }
                for (std::thread &w : workers) {
                    w.join();
                }
            } else {
                for (size_t i = 0; i < inputs.size(); ++i) {
                    readOne(i);
                }
            }
            bool complete = true;
            for (size_t i = 0; i < inputs.size(); ++i) {
                read.problems += diagnosticsText(diagnostics[i]);
                if (inputs[i]) {
                    set.inputs.push_back(std::move(*inputs[i]));
                } else {
                    complete = false;
                }
            }
            if (!complete) {
                return read;
            }
            // Offsets only compare between sidecars of the same text.
            const Input &first = set.inputs.front();
            for (const Input &other : set.inputs) {
                if (const auto error = anotherText(
                        other.path, other.sidecar.documentSha256, other.sidecar.documentLength, first.path,
                        first.sidecar.documentSha256, first.sidecar.documentLength, other.sidecar.documentName)) {
                    read.problems += *error;
                    complete = false;
                }
            }
            if (complete) {
                if (set.name.isEmpty()) {
                    set.name = first.sidecar.documentName;
                }
                read.set = std::move(set);
            }
            return read;
        },
        [&](qsizetype, Read &read) {
            err << read.problems;
            if (!read.set) {
                ok = false;
            } else if (ok) {
                take(*read.set);
            }
        });
    return ok;
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
void applyStatus(DocumentSet &set, const Interchange::StatusFilter &status)
{
    for (Input &input : set.inputs) {
        Interchange::filterByStatus(input.sidecar.annotations, status);
        Interchange::filterRelationsByStatus(input.sidecar.relations, input.sidecar.annotations, status);
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

// "title  ref  cand | exact P R F1 | overlap P R F1": the start of a row of a scores table.
QString scoresRow(const QString &title, qsizetype width, const MatchCounts &exact, const MatchCounts &overlap)
{
    return title.leftJustified(width) + u' ' + QString::number(exact.reference).rightJustified(6) + u' '
        + QString::number(exact.candidate).rightJustified(6) + QStringLiteral(" | ") + countsRow(exact)
        + QStringLiteral(" | ") + countsRow(overlap);
}

// The micro and macro rows that end a scores table (span labels or relation labels).
template <typename Scores> void printMicroMacroRows(const Scores &s, qsizetype width, QTextStream &out)
{
    out << scoresRow(QStringLiteral("micro"), width, s.microExact(), s.microOverlap()) << " |\n";
    out << QStringLiteral("macro").leftJustified(width) << QString(14, u' ') << " | " << averagesRow(s.macroExact())
        << " | " << averagesRow(s.macroOverlap()) << " |\n";
}

// UTF-16 as UTF-8 at the end of `out`, a lone surrogate as U+FFFD, as QTextStream writes it.
// With `quoted`: in double quotes, line breaks, tabs, quotes, backslashes and the other control
// characters escaped (\n, \", \u001b). `diff` writes its lines this way, straight into bytes:
// a QString per part and a QTextStream for the line were 1.1 s of a diff of a million spans
// (issue 17). The sidecar's writer's encoder, with its escapes.
void appendUtf8(QByteArray &out, QStringView text, bool quoted = false)
{
    const qsizetype at = out.size();
    out.resize(at + 2 + 6 * text.size());
    char *d = out.data() + at;
    if (quoted) {
        *d++ = '"';
    }
    d = Json::writeUtf8(d, text, quoted ? Json::Escapes::QuotedText : Json::Escapes::None);
    if (quoted) {
        *d++ = '"';
    }
    out.resize(d - out.constData());
}

void appendNumber(QByteArray &out, qint64 value)
{
    char digits[24];
    out.append(digits, std::to_chars(digits, digits + sizeof(digits), value).ptr - digits);
}

// One side of a diff: the spans taken while the file was read (InputMode::spanList), then those
// that followed them.
ChosenSpans diffSide(Input &input, const Interchange::StatusFilter &status)
{
    ChosenSpans side = input.spans ? std::move(*input.spans) : ChosenSpans();
    input.spans.reset();
    side.append(input.sidecar.annotations, input.spansBefore, status, true);
    return side;
}

// The ids and texts of the spans `diff` prints, read once the lines are known
// (InputMode::textsLater): decoding a million texts to print a fifth of them was a third of
// `diff` (issue 17).
class PrintedTexts
{
public:
    PrintedTexts(const QString &path, const ChosenSpans &side)
        : m_path(path)
        , m_side(side)
    {
    }
    /// The span at `index` of the side is to be printed.
    void want(qsizetype index) { m_wanted.push_back(index); }
    bool read(Diagnostics &diagnostics)
    {
        std::sort(m_wanted.begin(), m_wanted.end());
        m_wanted.erase(std::unique(m_wanted.begin(), m_wanted.end()), m_wanted.end());
        QList<ScholiastJson::SpanPlace> places;
        places.reserve(qsizetype(m_wanted.size()));
        const SpanList &spans = m_side.spans;
        for (const qsizetype index : m_wanted) {
            const SpanList::Entry &span = spans.entries()[size_t(index)];
            places.append({m_side.places[size_t(index)], span.start, span.end, spans.labels().at(span.label)});
        }
        auto read = ScholiastJson::readSpanTextBytes(m_path, places, m_bytes, diagnostics);
        if (read) {
            m_spans = std::move(*read);
        }
        return read.has_value();
    }
    /// The id and text of the span at `index` of the side, made when printed: kept as the file's
    /// UTF-8 until then, not as two strings a span (ScholiastJson::readSpanTextBytes()).
    [[nodiscard]] ScholiastJson::SpanIdAndText span(qsizetype index) const
    {
        const auto it = std::lower_bound(m_wanted.begin(), m_wanted.end(), index);
        Q_ASSERT(it != m_wanted.end() && *it == index);
        const ScholiastJson::SpanIdAndTextBytes &span = m_spans[size_t(it - m_wanted.begin())];
        const QByteArrayView bytes(m_bytes);
        return {textFromUtf8(bytes.sliced(span.idAt, span.idSize)),
                textFromUtf8(bytes.sliced(span.textAt, span.textSize))};
    }

private:
    const QString &m_path;
    const ChosenSpans &m_side;
    std::vector<qsizetype> m_wanted; // ascending, once read
    QByteArray m_bytes; // the ids and texts of m_wanted, one after the other
    std::vector<ScholiastJson::SpanIdAndTextBytes> m_spans; // of m_wanted, where in m_bytes
};

// "reference r12 claim 40-52 \"the text\"": one side of a disagreement.
void appendSide(QByteArray &out, const char *which, const ChosenSpans &side, qsizetype index,
                const ScholiastJson::SpanIdAndText &read)
{
    const SpanList::Entry &span = side.spans.entries()[size_t(index)];
    out.append(which);
    out.append(' ');
    appendUtf8(out, read.id);
    out.append(' ');
    appendUtf8(out, side.spans.labels().at(span.label));
    out.append(' ');
    appendNumber(out, span.start);
    out.append('-');
    appendNumber(out, span.end);
    out.append(' ');
    appendUtf8(out, read.text, true);
}

// "reference R1 attributed_to T1 12-40 -> T3 50-62": a relation and the ranges of its ends.
QString relationSide(const char *which, const Relation &relation, const QList<Annotation> &spans,
                     const QHash<QString, qsizetype> &spanById)
{
    const auto end = [&](const QString &id) -> QString {
        const auto it = spanById.constFind(id);
        if (it == spanById.cend()) {
            return id;
        }
        const Annotation &a = spans.at(it.value());
        return id + u' ' + QString::number(a.start.value) + u'-' + QString::number(a.end.value);
    };
    return QLatin1String(which) + u' ' + relation.id + u' ' + relation.label + u' ' + end(relation.from)
        + QStringLiteral(" -> ") + end(relation.to);
}

// The relation table of docs/METRICS.md §2.7: per relation label, then micro and macro, and
// the review counts.
void printRelationScores(const RelationScores &s, QTextStream &out)
{
    qsizetype width = 9;
    for (const auto &entry : s.labels()) {
        width = std::max(width, entry.first.size());
    }
    const auto count = [](const std::map<QString, qint64> &counts, const QString &label) {
        const auto it = counts.find(label);
        return QString::number(it == counts.end() ? 0 : it->second).rightJustified(7);
    };
    out << '\n'
        << QStringLiteral("relations").leftJustified(width)
        << "    ref   cand |   exact      P      R     F1 | overlap      P      R     F1 | mislab  missed  spurious\n";
    for (const auto &[label, l] : s.labels()) {
        out << scoresRow(label, width, l.exact, l.overlap) << " | " << count(s.mislabelled(), label) << ' '
            << count(s.missed(), label) << "   " << count(s.spurious(), label) << '\n';
    }
    printMicroMacroRows(s, width, out);
}

// Labels of every input's schema, so that unused labels are reported too.
QStringList schemaLabels(const DocumentSet &set)
{
    QStringList names;
    for (const Input &input : set.inputs) {
        for (const Label &label : input.sidecar.labels.labels()) {
            names.append(label.name);
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
    const auto plans = plan(QStringLiteral("agree"), args->positional, err, code);
    if (!plans) {
        return code;
    }
    const int m = int(args->positional.size());

    // Span scores for every pair (the first pair is reference/candidate), and the code point
    // agreement, each document added as it is read.
    std::vector<std::pair<int, int>> pairs;
    for (int a = 0; a < m; ++a) {
        for (int b = a + 1; b < m; ++b) {
            pairs.emplace_back(a, b);
        }
    }
    std::vector<SpanScores> scores(pairs.size());
    // Relations are scored only when some input has them or declares their labels, so that
    // spans-only output stays as it was.
    std::vector<RelationScores> relationScores(pairs.size());
    bool withRelations = false;
    CodePointAgreement agreement(m);
    qint64 units = 0;
    qsizetype documents = 0;
    const auto add = [&](DocumentSet &set) {
        applyStatus(set, args->status);
        const QStringList schema = schemaLabels(set);
        agreement.addLabels(schema);
        scores.front().addLabels(schema);
        for (const Input &input : set.inputs) {
            withRelations =
                withRelations || !input.sidecar.relations.isEmpty() || !input.sidecar.labels.relationLabels().isEmpty();
            for (const RelationLabel &label : input.sidecar.labels.relationLabels()) {
                relationScores.front().addLabels({label.name});
            }
        }
        // Each input's spans as the metrics read them: those taken while a large file was read,
        // then the rest. (A file with relations, version 2, has them all in its sidecar.)
        qsizetype spans = 0;
        std::vector<SpanList> layers;
        for (Input &input : set.inputs) {
            SpanList layer = input.spans ? std::move(input.spans->spans) : SpanList();
            layer.append(input.sidecar.annotations);
            spans += layer.size();
            layers.push_back(std::move(layer));
        }
        const auto addScores = [&] {
            for (size_t p = 0; p < pairs.size(); ++p) {
                const ScholiastJson::Sidecar &a = set.inputs[size_t(pairs[p].first)].sidecar;
                const ScholiastJson::Sidecar &b = set.inputs[size_t(pairs[p].second)].sidecar;
                scores[p].add(layers[size_t(pairs[p].first)], layers[size_t(pairs[p].second)]);
                relationScores[p].add({a.annotations, a.relations}, {b.annotations, b.relations});
            }
        };
        // The two halves side by side where a thread pays for itself (a big document).
        std::optional<std::thread> spanThread;
        if (spans > 20'000) {
            spanThread.emplace(addScores);
        } else {
            addScores();
        }
        agreement.add(set.inputs.front().sidecar.documentLength, layers);
        if (spanThread) {
            spanThread->join();
        }
        units += set.inputs.front().sidecar.documentLength;
        ++documents;
    };
    // Agreement needs offsets and labels only: a spans-only read keeps no text (it is still checked).
    if (!readDocuments(QStringLiteral("agree"), *plans, ScholiastJson::ReadOptions{.spansOnly = true}, err, add,
                       {.spanList = &args->status, .textsLater = false})) {
        return Invalid;
    }

    const QStringList labels = agreement.labels();
    if (args->json) {
        QJsonObject result{{QStringLiteral("inputs"), QJsonArray::fromStringList(args->positional)},
                           {QStringLiteral("reference"), args->positional.front()},
                           {QStringLiteral("documents"), qint64(documents)},
                           {QStringLiteral("units"), units},
                           {QStringLiteral("alpha"), number(agreement.alpha())}};
        QJsonObject perLabel;
        for (const QString &label : labels) {
            QJsonObject entry{{QStringLiteral("alpha"), number(agreement.alpha(label))}};
            if (m == 2) {
                const LabelScores s =
                    scores.front().labels().count(label) ? scores.front().labels().at(label) : LabelScores();
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
            if (withRelations) {
                result.insert(QStringLiteral("relations"), relationScoresJson(relationScores.front()));
            }
        }
        QJsonArray pairwise;
        for (size_t p = 0; p < pairs.size(); ++p) {
            QJsonObject pair{{QStringLiteral("a"), args->positional.at(pairs[p].first)},
                             {QStringLiteral("b"), args->positional.at(pairs[p].second)},
                             {QStringLiteral("exact_f1"), number(scores[p].microExact().f1())},
                             {QStringLiteral("overlap_f1"), number(scores[p].microOverlap().f1())}};
            if (withRelations) {
                pair.insert(QStringLiteral("relation_exact_f1"), number(relationScores[p].microExact().f1()));
                pair.insert(QStringLiteral("relation_overlap_f1"), number(relationScores[p].microOverlap().f1()));
            }
            pairwise.append(pair);
        }
        result.insert(QStringLiteral("pairwise"), pairwise);
        out << QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented));
        return Ok;
    }

    qsizetype width = 5;
    for (const QString &label : labels) {
        width = std::max(width, label.size());
    }
    out << "reference " << args->positional.front() << "; " << documents
        << (documents == 1 ? " document, " : " documents, ") << units << " code points\n";
    if (m == 2) {
        const SpanScores &s = scores.front();
        out << "candidate " << args->positional.at(1) << "\n\n";
        out << QString(width, u' ')
            << "    ref   cand |   exact      P      R     F1 | overlap      P      R     F1 |  kappa  alpha\n";
        for (const QString &label : labels) {
            const LabelScores l = s.labels().count(label) ? s.labels().at(label) : LabelScores();
            out << scoresRow(label, width, l.exact, l.overlap) << " | "
                << figure(agreement.kappa(label)).rightJustified(6) << ' '
                << figure(agreement.alpha(label)).rightJustified(6) << '\n';
        }
        printMicroMacroRows(s, width, out);

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
        if (withRelations) {
            printRelationScores(relationScores.front(), out);
        }
    } else {
        out << "\npairwise F1          exact  overlap\n";
        for (size_t p = 0; p < pairs.size(); ++p) {
            out << args->positional.at(pairs[p].first) << " / " << args->positional.at(pairs[p].second) << ": "
                << figure(scores[p].microExact().f1()) << "  " << figure(scores[p].microOverlap().f1());
            if (withRelations) {
                out << "  relations " << figure(relationScores[p].microExact().f1()) << "  "
                    << figure(relationScores[p].microOverlap().f1());
            }
            out << '\n';
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
    const auto plans = plan(QStringLiteral("diff"), args->positional, err, code);
    if (!plans) {
        return code;
    }
    const bool prefix = QFileInfo(args->positional.front()).isDir();
    // The bytes go to a file or a terminal as they are; a stream over a string (the tests) or in
    // another encoding takes them as text.
    QIODevice *const device = out.device();
    const bool asBytes = device && out.encoding() == QStringConverter::Utf8 && !out.generateByteOrderMark();
    // The lines of several documents wait in a temporary file and are printed only when every
    // document was read: a bad sidecar in the last batch prints its error and no half a diff. One
    // document's lines start once both its sidecars are read, when nothing can fail any more:
    // they go out as they are made (61 MB on a million spans a side, written and read back for
    // nothing).
    const bool direct = plans->size() == 1 && asBytes;
    QTemporaryFile buffer;
    if (!direct && !buffer.open()) {
        err << buffer.fileName() << ": error: cannot write: " << buffer.errorString() << '\n';
        return Invalid;
    }
    if (direct) {
        out.flush();
    }
    // UTF-8, a megabyte or so at a time.
    QByteArray lines;
    bool written = true;
    const auto handOver = [&](qsizetype atLeast) {
        if (lines.size() >= atLeast && !lines.isEmpty()) {
            written = written && (direct ? device : static_cast<QIODevice *>(&buffer))->write(lines) == lines.size();
            lines.resize(0); // keeps the room
        }
    };
    // The lines show the text of each span they show, never its context.
    bool textsRead = true;
    const auto printLines = [&](DocumentSet &set) {
        if (!textsRead) {
            return; // a document before could not be printed: nothing more is
        }
        const ChosenSpans reference = diffSide(set.inputs[0], args->status);
        const ChosenSpans candidate = diffSide(set.inputs[1], args->status);
        const Review review = Review::compare(reference.spans, candidate.spans);
        PrintedTexts referenceTexts(set.inputs[0].path, reference);
        PrintedTexts candidateTexts(set.inputs[1].path, candidate);
        for (const qsizetype i : review.disagreements()) {
            const ReviewItem &item = review.items()[size_t(i)];
            if (item.reference >= 0) {
                referenceTexts.want(item.reference);
            }
            if (item.candidate >= 0) {
                candidateTexts.want(item.candidate);
            }
        }
        // The two files side by side: reading the printed spans' lines back was a sixth of
        // `diff`'s wall time on two 1M-span sidecars, read in turn.
        Diagnostics referenceProblems;
        bool referenceRead = false;
        std::thread referenceReader([&] { referenceRead = referenceTexts.read(referenceProblems); });
        Diagnostics candidateProblems;
        const bool candidateRead = candidateTexts.read(candidateProblems);
        referenceReader.join();
        if (!referenceRead || !candidateRead) {
            err << diagnosticsText(referenceProblems) << diagnosticsText(candidateProblems);
            textsRead = false;
            return;
        }
        const auto startLine = [&](const QString &kind, CodePoint start, CodePoint end) {
            if (prefix) {
                appendUtf8(lines, set.name);
                lines.append(": ");
            }
            appendUtf8(lines, kind);
            lines.append(' ');
            appendNumber(lines, start.value);
            lines.append('-');
            appendNumber(lines, end.value);
        };
        for (const qsizetype i : review.disagreements()) {
            const ReviewItem &item = review.items()[size_t(i)];
            startLine(reviewKindName(item.kind), item.start, item.end);
            if (item.reference >= 0) {
                lines.append("  ");
                appendSide(lines, "reference", reference, item.reference, referenceTexts.span(item.reference));
            }
            if (item.candidate >= 0) {
                lines.append("  ");
                appendSide(lines, "candidate", candidate, item.candidate, candidateTexts.span(item.candidate));
            }
            lines.append('\n');
            handOver(1 << 20);
        }
        const QList<Relation> &referenceRelations = set.inputs[0].sidecar.relations;
        const QList<Relation> &candidateRelations = set.inputs[1].sidecar.relations;
        if (referenceRelations.isEmpty() && candidateRelations.isEmpty()) {
            return;
        }
        // A file with relations has relation labels, and the spans of such a file are kept whole
        // (SpanListReceiver). A file whose spans were taken has no relations, and the relation
        // review looks at no span of a side without relations.
        applyStatus(set, args->status);
        const QList<Annotation> &referenceSpans = set.inputs[0].sidecar.annotations;
        const QList<Annotation> &candidateSpans = set.inputs[1].sidecar.annotations;
        const RelationReview relations =
            RelationReview::compare({referenceSpans, referenceRelations}, {candidateSpans, candidateRelations});
        const auto byId = [](const QList<Annotation> &spans) {
            QHash<QString, qsizetype> ids;
            for (qsizetype i = 0; i < spans.size(); ++i) {
                ids.insert(spans.at(i).id, i);
            }
            return ids;
        };
        const QHash<QString, qsizetype> referenceIds = byId(referenceSpans);
        const QHash<QString, qsizetype> candidateIds = byId(candidateSpans);
        for (const qsizetype i : relations.disagreements()) {
            const RelationReviewItem &item = relations.items()[size_t(i)];
            startLine(QStringLiteral("relation-") + reviewKindName(item.kind), item.start, item.end);
            if (item.reference >= 0) {
                lines.append("  ");
                appendUtf8(
                    lines,
                    relationSide("reference", referenceRelations.at(item.reference), referenceSpans, referenceIds));
            }
            if (item.candidate >= 0) {
                lines.append("  ");
                appendUtf8(
                    lines,
                    relationSide("candidate", candidateRelations.at(item.candidate), candidateSpans, candidateIds));
            }
            lines.append('\n');
            handOver(1 << 20);
        }
    };
    const bool ok = readDocuments(QStringLiteral("diff"), *plans, ScholiastJson::ReadOptions{.keepContext = false}, err,
                                  printLines, {.spanList = &args->status, .textsLater = true})
        && textsRead;
    // A full disk or a closed output is an error, named as `export` names it: never a diff cut
    // short with exit status 0.
    const auto outputWritten = [&](bool allWritten) {
        auto *const file = qobject_cast<QFileDevice *>(device);
        if (allWritten && (!file || file->flush())) {
            return Ok;
        }
        err << "standard output: error: cannot write: " << device->errorString() << '\n';
        return Invalid;
    };
    handOver(0);
    if (!ok) {
        return Invalid;
    }
    if (direct) {
        return outputWritten(written);
    }
    if (!written || !buffer.flush() || !buffer.seek(0)) {
        err << buffer.fileName() << ": error: cannot write: " << buffer.errorString() << '\n';
        return Invalid;
    }
    if (asBytes) {
        out.flush();
        bool copied = true;
        while (copied && !buffer.atEnd()) {
            const QByteArray part = buffer.read(1 << 20);
            copied = device->write(part) == part.size();
        }
        return outputWritten(copied);
    }
    QTextStream in(&buffer);
    while (!in.atEnd()) {
        out << in.read(1 << 20);
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
        printDiagnostics(refused, err);
        return Invalid;
    }
    int code = Ok;
    const auto plans = plan(QStringLiteral("merge"), inputPaths, err, code);
    if (!plans) {
        return code;
    }
    std::vector<Input> inputs;
    if (!readDocuments(QStringLiteral("merge"), *plans, {}, err,
                       [&](DocumentSet &set) { inputs = std::move(set.inputs); })) {
        return Invalid;
    }

    QList<MergeInput> layers;
    for (const Input &input : inputs) {
        const QString annotator = annotatorOf(input);
        layers.append({annotator.isEmpty() ? input.path : annotator, annotator, input.sidecar.annotations,
                       input.sidecar.relations});
    }
    const MergeResult merged = Metrics::merge(*strategy, layers);
    for (const QString &duplicate : merged.duplicates) {
        err << outPath << ": warning: " << duplicate << '\n';
    }
    for (const MergeConflict &conflict : merged.conflicts) {
        err << outPath << ": conflict at " << conflict.start.value << '-' << conflict.end.value << ": "
            << conflict.message << '\n';
    }

    ScholiastJson::Sidecar result = inputs.front().sidecar;
    for (const Input &input : inputs) {
        for (const Label &label : input.sidecar.labels.labels()) {
            if (!result.labels.contains(label.name)) {
                result.labels.add(label);
            }
        }
    }
    QList<RelationLabel> relationLabels = result.labels.relationLabels();
    for (const Input &input : inputs) {
        for (const RelationLabel &label : input.sidecar.labels.relationLabels()) {
            if (!result.labels.findRelationLabel(label.name)) {
                relationLabels.append(label);
            }
        }
    }
    result.labels.setRelationLabels(relationLabels);
    result.annotations = merged.annotations;
    result.relations = merged.relations; // between the merged spans (docs/METRICS.md §5)
    Diagnostics diagnostics;
    if (!ScholiastJson::write(outPath, result, diagnostics)) {
        printDiagnostics(diagnostics, err);
        return Invalid;
    }
    // One span per range and label (docs/FORMAT.md §8.5): spans the inputs share are written once.
    std::set<std::tuple<CodePoint, CodePoint, QString>> distinct;
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
        << args->strategy << "), " << merged.conflicts.size()
        << (merged.conflicts.size() == 1 ? " conflict" : " conflicts") << ", " << (placed - qsizetype(distinct.size()))
        << " exact duplicates written once\n";
    return merged.conflicts.isEmpty() ? Ok : Invalid;
}

} // namespace Scholiast::Cli
