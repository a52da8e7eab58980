// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "interchange.h"

#include "filepolicy.h"

#include "atomicfile.h"
#include "brat.h"
#include "conllbio.h"
#include "csvformat.h"
#include "doccano.h"
#include "jsonldataset.h"
#include "labelstudio.h"
#include "spacyjsonl.h"
#include "spanfields.h"
#include "webannotation.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <map>

namespace Scholiast::Interchange {

QString importSource(const QString &formatName)
{
    return QStringLiteral("import:") + formatName;
}

bool reportLoss(Diagnostics &diagnostics, const QString &file, bool strict, const QString &message)
{
    if (strict) {
        diagnostics.append(Diagnostic::error(file, message + QStringLiteral(" (--strict)")));
        return false;
    }
    diagnostics.append(Diagnostic::warning(file, message));
    return true;
}

void LossTally::add(const QString &file, qint64 count, const std::function<QString(qint64)> &message, bool lossy)
{
    const QString key = message(0);
    for (Entry &entry : m_entries) {
        if (entry.file == file && entry.key == key) {
            entry.count += count;
            return;
        }
    }
    m_entries.push_back(Entry{file, key, count, message, lossy});
}

void LossTally::addDroppedFields(const QList<Item> &items, const QStringList &kept, const QString &format)
{
    m_fieldsFormat = format;
    for (const Item &item : items) {
        if (!kept.contains(QStringLiteral("relations"))) {
            m_relations += item.relations.size();
        }
        for (const Annotation &a : item.spans) {
            if (!a.hasDetails()) {
                continue;
            }
            const auto count = [&](const char *field, bool present) {
                if (present && !kept.contains(QLatin1String(field))) {
                    ++m_fields[QLatin1String(field)];
                }
            };
            count("note", !a.note().isEmpty());
            count("annotator", !a.annotator().isEmpty());
            count("source", !a.source().isEmpty());
            count("status", a.status() != Annotation::Status::Unset);
            count("score", a.score().has_value());
            count("created", a.created().isValid());
            count("modified", a.modified().isValid());
            count("orphan", a.isOrphan());
            const QJsonObject extra = a.extraFields();
            for (auto it = extra.begin(); it != extra.end(); ++it) {
                if (!kept.contains(it.key()) && !kept.contains(QStringLiteral("*"))) {
                    ++m_fields[it.key()];
                }
            }
        }
    }
}

void addRelation(Item &item, const Relation &relation)
{
    if (!item.labels.findRelationLabel(relation.label)) {
        QList<RelationLabel> labels = item.labels.relationLabels();
        labels.append(RelationLabel{relation.label, QString()});
        item.labels.setRelationLabels(labels);
    }
    item.relations.append(relation);
}

bool addRelationBetweenSpans(Item &item, const Relation &relation, const std::function<void(const QString &)> &missing)
{
    bool found = true;
    for (const QString *end : {&relation.from, &relation.to}) {
        if (std::none_of(item.spans.cbegin(), item.spans.cend(), [end](const Annotation &a) { return a.id == *end; })) {
            missing(*end);
            found = false;
        }
    }
    if (found) {
        addRelation(item, relation);
    }
    return found;
}

QList<Item> withContiguousSpans(const QList<Item> &items, LossTally &losses, const QString &format)
{
    qint64 split = 0;
    QList<Item> result = items;
    for (Item &item : result) {
        if (std::none_of(item.spans.cbegin(), item.spans.cend(),
                         [](const Annotation &a) { return a.isDiscontinuous(); })) {
            continue;
        }
        QList<Annotation> spans;
        QHash<QString, QString> firstPiece;
        for (const Annotation &a : std::as_const(item.spans)) {
            if (!a.isDiscontinuous()) {
                spans.append(a);
                continue;
            }
            ++split;
            const QList<Fragment> fragments = a.fragments();
            for (qsizetype i = 0; i < fragments.size(); ++i) {
                Annotation piece = a;
                piece.setFragments({fragments[i]});
                piece.setText(item.document.slice(fragments[i].start, fragments[i].end).toString());
                piece.id = a.id + u'.' + QString::number(i + 1);
                spans.append(piece);
            }
            firstPiece.insert(a.id, a.id + QStringLiteral(".1"));
        }
        item.spans = spans;
        for (Relation &relation : item.relations) {
            relation.from = firstPiece.value(relation.from, relation.from);
            relation.to = firstPiece.value(relation.to, relation.to);
        }
    }
    losses.add(QString(), split, [format](qint64 n) {
        return QStringLiteral("%1 has no discontinuous spans: %2 written as one span per fragment")
            .arg(format, n == 1 ? QStringLiteral("1 span") : QStringLiteral("%1 spans").arg(n));
    });
    return result;
}

bool LossTally::report(Diagnostics &diagnostics, bool strict) const
{
    bool ok = true;
    if (!m_fields.empty()) {
        QStringList parts;
        for (const auto &[field, n] : m_fields) {
            parts << (n == 1 ? QStringLiteral("%1 (1 span)").arg(field)
                             : QStringLiteral("%1 (%2 spans)").arg(field).arg(n));
        }
        ok &= reportLoss(diagnostics, QString(), strict,
                         QStringLiteral("%1 has no place for these span fields, which are not written: %2")
                             .arg(m_fieldsFormat, parts.join(QStringLiteral(", "))));
    }
    if (m_relations > 0) {
        ok &= reportLoss(diagnostics, QString(), strict,
                         QStringLiteral("%1 has no place for relations: %2 not written")
                             .arg(m_fieldsFormat)
                             .arg(m_relations == 1 ? QStringLiteral("1 relation")
                                                   : QStringLiteral("%1 relations").arg(m_relations)));
    }
    for (const Entry &entry : m_entries) {
        if (entry.count == 0) {
            continue;
        }
        if (entry.lossy) {
            ok &= reportLoss(diagnostics, entry.file, strict, entry.message(entry.count));
        } else {
            diagnostics.append(Diagnostic::warning(entry.file, entry.message(entry.count)));
        }
    }
    return ok;
}

std::optional<QByteArray> finishWrite(QByteArray bytes, const Stream &stream, const WriteOptions &options,
                                      Diagnostics &diagnostics)
{
    if (!options.stream && !stream.losses.report(diagnostics, options.strict)) {
        return std::nullopt;
    }
    return bytes;
}

LabelSchema schemaFor(const LabelSchema &labels, const QList<Annotation> &spans)
{
    LabelSchema schema = labels;
    for (const Annotation &a : spans) {
        if (!schema.contains(a.label)) {
            schema.add(Label{a.label, QString(), QString()});
        }
    }
    return schema;
}

Annotation importedSpan(const Document &document, CodePoint start, CodePoint end, const QString &label,
                        const QString &formatName)
{
    Annotation a(start, end, label);
    a.setText(document.slice(start, end).toString());
    a.setSource(importSource(formatName));
    return a;
}

Item itemFromText(const QString &name, const QString &text)
{
    Item item;
    item.name = name;
    item.document = Document::fromText(text, name);
    return item;
}

bool writeFile(const QString &path, const QByteArray &bytes, Diagnostics &diagnostics)
{
    return writeFileAtomically(path, bytes, diagnostics);
}

std::optional<QByteArray> readFile(const QString &path, Diagnostics &diagnostics)
{
    // Regular files only, under the import cap (issue 14): /dev/zero or a FIFO is refused.
    return FilePolicy::readInput(path, FilePolicy::Input::Import, diagnostics);
}

QString documentFileName(const QString &id, const QString &fallback)
{
    QString name = id.trimmed();
    static const QRegularExpression unsafe(QStringLiteral("[/\\\\:*?\"<>|\\x00-\\x1f]"));
    name.replace(unsafe, QStringLiteral("_"));
    if (name.isEmpty() || name == u"." || name == u"..") {
        name = fallback;
    }
    if (QFileInfo(name).suffix().isEmpty()) {
        name += QStringLiteral(".txt");
    }
    return name;
}

namespace {

// The document text with each CRLF read as LF, and where each of its UTF-16 indices is in the
// document (one more entry for the end): quotes from a browser's DOM text have LF line breaks.
struct LfView
{
    QString text;
    std::vector<qsizetype> toDocument;
    explicit LfView(const QString &document)
    {
        text.reserve(document.size());
        toDocument.reserve(size_t(document.size()) + 1);
        for (qsizetype i = 0; i < document.size(); ++i) {
            toDocument.push_back(i);
            if (document.at(i) == u'\r' && i + 1 < document.size() && document.at(i + 1) == u'\n') {
                ++i;
                text += u'\n';
            } else {
                text += document.at(i);
            }
        }
        toDocument.push_back(document.size());
    }
};

QString lfOnly(const QString &text)
{
    QString out = text;
    out.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    return out;
}

struct Candidate
{
    qsizetype start; // in the view
    qsizetype end;
    int errors;
    qsizetype context; // characters of prefix and suffix that agree
};

qsizetype contextScore(const QString &view, qsizetype start, qsizetype end, const QString &prefix,
                       const QString &suffix)
{
    qsizetype score = 0;
    for (qsizetype k = 1; k <= prefix.size() && start - k >= 0 && view.at(start - k) == prefix.at(prefix.size() - k);
         ++k) {
        ++score;
    }
    for (qsizetype k = 0; k < suffix.size() && end + k < view.size() && view.at(end + k) == suffix.at(k); ++k) {
        ++score;
    }
    return score;
}

// Approximate matches of `pattern` in `text` with at most `maxErrors` edits (Sellers' algorithm, as
// approx-string-match, which Hypothesis uses); each with its fewest errors and leftmost start.
std::vector<Candidate> approximateMatches(const QString &text, const QString &pattern, int maxErrors)
{
    const qsizetype m = pattern.size();
    std::vector<int> cost(size_t(m) + 1);
    std::vector<qsizetype> from(size_t(m) + 1);
    for (qsizetype i = 0; i <= m; ++i) {
        cost[size_t(i)] = int(i);
        from[size_t(i)] = 0;
    }
    std::vector<Candidate> out;
    for (qsizetype j = 1; j <= text.size(); ++j) {
        int diagonal = cost[0];
        qsizetype diagonalFrom = from[0];
        cost[0] = 0;
        from[0] = j; // a match may start anywhere
        for (qsizetype i = 1; i <= m; ++i) {
            const int substitute = diagonal + (pattern.at(i - 1) == text.at(j - 1) ? 0 : 1);
            const int skipText = cost[size_t(i)] + 1;
            const int skipPattern = cost[size_t(i - 1)] + 1;
            diagonal = cost[size_t(i)];
            const qsizetype oldFrom = from[size_t(i)];
            if (substitute <= skipText && substitute <= skipPattern) {
                cost[size_t(i)] = substitute;
                from[size_t(i)] = diagonalFrom;
            } else if (skipText <= skipPattern) {
                cost[size_t(i)] = skipText;
                from[size_t(i)] = oldFrom;
            } else {
                cost[size_t(i)] = skipPattern;
                from[size_t(i)] = from[size_t(i - 1)];
            }
            diagonalFrom = oldFrom;
        }
        if (cost[size_t(m)] <= maxErrors) {
            out.push_back(Candidate{from[size_t(m)], j, cost[size_t(m)], 0});
        }
    }
    return out;
}

std::optional<std::pair<qint64, qint64>> anchorQuoteIn(const Document &document, const LfView &view,
                                                       const QString &exact, const QString &prefix,
                                                       const QString &suffix, std::optional<qint64> hint, QString *why);

} // namespace

std::optional<std::pair<qint64, qint64>> anchorQuote(const Document &document, const QString &exact,
                                                     const QString &prefix, const QString &suffix,
                                                     std::optional<qint64> hint, QString *why)
{
    return anchorQuoteIn(document, LfView(document.text()), exact, prefix, suffix, hint, why);
}

namespace {

std::optional<std::pair<qint64, qint64>> anchorQuoteIn(const Document &document, const LfView &view,
                                                       const QString &exact, const QString &prefix,
                                                       const QString &suffix, std::optional<qint64> hint, QString *why)
{
    const auto fail = [why](const QString &message) -> std::optional<std::pair<qint64, qint64>> {
        if (why) {
            *why = message;
        }
        return std::nullopt;
    };
    if (exact.isEmpty()) {
        return fail(QStringLiteral("the quote is empty"));
    }
    const QString quote = lfOnly(exact);
    const QString before = lfOnly(prefix);
    const QString after = lfOnly(suffix);
    std::vector<Candidate> candidates;
    constexpr qsizetype MaxOccurrences = 100000;
    for (qsizetype at = view.text.indexOf(quote); at >= 0 && qsizetype(candidates.size()) < MaxOccurrences;
         at = view.text.indexOf(quote, at + 1)) {
        candidates.push_back(Candidate{at, at + quote.size(), 0, 0});
    }
    if (candidates.empty()) {
        // Bounded as Hypothesis bounds it: quotes up to 256 characters, half of them may differ.
        constexpr qsizetype MaxQuote = 256;
        constexpr qint64 MaxWork = 50'000'000; // pattern length x text length
        const int maxErrors = int(std::min<qsizetype>(quote.size(), MaxQuote) / 2);
        if (quote.size() > MaxQuote || maxErrors == 0 || qint64(quote.size()) * view.text.size() > MaxWork) {
            return fail(QStringLiteral("the quote %1 is not in the document").arg(visibleText(exact)));
        }
        candidates = approximateMatches(view.text, quote, maxErrors);
        if (candidates.empty()) {
            return fail(QStringLiteral("neither the quote %1 nor a text within %2 edits of it is in the document")
                            .arg(visibleText(exact))
                            .arg(maxErrors));
        }
    }
    qsizetype hintAt = -1;
    if (hint && *hint >= 0 && *hint <= document.length()) {
        const qsizetype u = document.toUtf16(CodePoint(*hint)).value;
        hintAt = std::lower_bound(view.toDocument.begin(), view.toDocument.end(), u) - view.toDocument.begin();
    }
    for (Candidate &c : candidates) {
        c.context = contextScore(view.text, c.start, c.end, before, after);
    }
    const auto better = [&](const Candidate &a, const Candidate &b) {
        if (a.errors != b.errors) {
            return a.errors < b.errors;
        }
        if (a.context != b.context) {
            return a.context > b.context;
        }
        if (hintAt >= 0) {
            return std::abs(a.start - hintAt) < std::abs(b.start - hintAt);
        }
        return false;
    };
    const auto best = std::min_element(candidates.begin(), candidates.end(), better);
    for (const Candidate &c : candidates) {
        // Another match as good elsewhere (overlapping ones are the same place found twice).
        const bool overlaps = c.start < best->end && best->start < c.end;
        if (&c != &*best && !overlaps && !better(*best, c) && !better(c, *best)) {
            return fail(QStringLiteral("the quote %1 occurs more than once with equally good prefix and suffix")
                            .arg(visibleText(exact)));
        }
    }
    qsizetype start = view.toDocument[size_t(best->start)];
    qsizetype end = view.toDocument[size_t(best->end)];
    const QString &text = document.text();
    if (start < text.size() && text.at(start).isLowSurrogate()) {
        --start; // an approximate match never splits a character
    }
    if (end < text.size() && text.at(end).isLowSurrogate()) {
        ++end;
    }
    if (start >= end) {
        return fail(QStringLiteral("the quote %1 matches no text").arg(visibleText(exact)));
    }
    return std::pair<qint64, qint64>{document.toCodePoint(Utf16Index(start)).value,
                                     document.toCodePoint(Utf16Index(end)).value};
}

} // namespace

bool placeSpans(std::vector<RawSpan> &raw, QList<Item> &items, const QList<OffsetUnit> &candidates,
                const ReadOptions &options, const QString &file, const QString &formatName, QStringList &unitNotes,
                Diagnostics &diagnostics, const UnitPolicy &policy)
{
    std::vector<SpanEvidence> evidence;
    std::vector<qsizetype> evidenceOf(raw.size(), -1);
    for (size_t i = 0; i < raw.size(); ++i) {
        const RawSpan &r = raw[i];
        if (r.text && !r.inCodePoints && !r.ranges.empty()) {
            evidenceOf[i] = qsizetype(evidence.size());
            SpanEvidence e{r.converter, r.ranges, *r.text, r.joiner, r.place, r.escapedLineBreaks};
            evidence.push_back(std::move(e));
        }
    }
    const auto choice = chooseUnit(evidence, candidates, options.offsets, file, diagnostics, policy);
    if (!choice) {
        return false;
    }
    unitNotes << QStringLiteral("%1: offsets read as %2").arg(file, choice->explanation);
    // Spans that fit no unit: anchored by their quote, or left out and reported by name.
    QStringList byQuote;
    QStringList leftOut;
    std::map<const OffsetConverter *, LfView> views; // one LF view per document, built on first use
    const auto nameOf = [](const RawSpan &r) {
        if (!r.what.isEmpty()) {
            return r.what;
        }
        return r.span.id.isEmpty() ? QStringLiteral("a span labelled \"%1\"").arg(r.span.label)
                                   : QStringLiteral("span %1").arg(r.span.id);
    };
    for (size_t i = 0; i < raw.size(); ++i) {
        RawSpan &r = raw[i];
        const QString misfit = evidenceOf[i] >= 0 && size_t(evidenceOf[i]) < choice->misfits.size()
            ? choice->misfits[size_t(evidenceOf[i])]
            : QString();
        const bool noPosition = r.quoteFallback && r.ranges.empty();
        if (misfit.isEmpty() && !noPosition) {
            continue;
        }
        QString why = misfit;
        if (r.quoteFallback && r.text) {
            std::optional<qint64> hint;
            if (!r.ranges.empty()) {
                hint = r.converter->toCodePoint(choice->unit, r.ranges.front().first);
            }
            QString quoteWhy;
            auto view = views.find(r.converter);
            if (view == views.end()) {
                view = views.emplace(r.converter, LfView(r.converter->document().text())).first;
            }
            if (const auto anchored = anchorQuoteIn(r.converter->document(), view->second, *r.text, r.prefix, r.suffix,
                                                    hint, &quoteWhy)) {
                r.ranges = {*anchored};
                r.inCodePoints = true;
                byQuote << nameOf(r);
                continue;
            }
            why = why.isEmpty() ? quoteWhy : why + QStringLiteral("; by its quote: ") + quoteWhy;
        }
        Diagnostic d = r.place;
        d.severity = options.strict ? Diagnostic::Severity::Error : Diagnostic::Severity::Warning;
        if (d.file.isEmpty()) {
            d.file = file;
        }
        d.message = QStringLiteral("%1 (label %2) is not imported: %3%4")
                        .arg(nameOf(r), r.span.label, why, options.strict ? QStringLiteral(" (--strict)") : QString());
        diagnostics.append(d);
        leftOut << nameOf(r);
        r.ranges.clear();
    }
    if (!leftOut.isEmpty()) {
        if (options.strict) {
            return false;
        }
        diagnostics.append(Diagnostic::warning(
            file,
            QStringLiteral("%1 of %2 spans could not be placed and were left out (named above); the other %3 are "
                           "imported")
                .arg(leftOut.size())
                .arg(raw.size())
                .arg(qsizetype(raw.size()) - leftOut.size())));
    }
    if (!byQuote.isEmpty()) {
        const qsizetype shown = std::min<qsizetype>(byQuote.size(), 10);
        unitNotes << QStringLiteral("%1: %2 annotations placed by their TextQuoteSelector (no offset unit places their "
                                    "TextPositionSelector, or they have none): %3%4")
                         .arg(file)
                         .arg(byQuote.size())
                         .arg(byQuote.mid(0, shown).join(QStringLiteral(", ")),
                              byQuote.size() > shown ? QStringLiteral(", …") : QString());
    }
    bool ok = true;
    std::vector<std::pair<int, Annotation>> placed;
    placed.reserve(raw.size());
    for (RawSpan &r : raw) {
        if (r.ranges.empty()) {
            continue; // left out above
        }
        const auto error = [&](const QString &message) {
            Diagnostic d = r.place;
            d.severity = Diagnostic::Severity::Error;
            d.message = message;
            if (policy.perSpan) {
                // One span never rejects the file: it is named and left out (--strict: an error).
                d.message = QStringLiteral("%1 is not imported: %2").arg(nameOf(r), message);
                if (!options.strict) {
                    d.severity = Diagnostic::Severity::Warning;
                }
            }
            if (d.file.isEmpty()) {
                d.file = file;
            }
            diagnostics.append(d);
            ok &= d.severity != Diagnostic::Severity::Error;
        };
        std::vector<std::pair<qint64, qint64>> ranges;
        const OffsetUnit unit = r.inCodePoints ? OffsetUnit::CodePoints : choice->unit;
        for (const auto &[start, end] : r.ranges) {
            const auto a = r.converter->toCodePoint(unit, start);
            const auto b = r.converter->toCodePoint(unit, end);
            if (!a || !b) {
                error(QStringLiteral("span %1-%2 (label %3) is outside the document or not on a boundary in %4 (the "
                                     "document has %5)")
                          .arg(start)
                          .arg(end)
                          .arg(r.span.label, OffsetUnits::description(unit))
                          .arg(r.converter->length(unit)));
                break;
            }
            if (*a >= *b) {
                error(QStringLiteral("span %1-%2 (label %3): start is not before end")
                          .arg(start)
                          .arg(end)
                          .arg(r.span.label));
                break;
            }
            ranges.emplace_back(*a, *b);
        }
        if (ranges.size() != r.ranges.size()) {
            continue;
        }
        if (r.mergeAcrossLineBreaks) {
            const Document &doc = r.converter->document();
            std::vector<std::pair<qint64, qint64>> merged{ranges.front()};
            for (size_t i = 1; i < ranges.size(); ++i) {
                const QStringView gap = doc.slice(CodePoint(merged.back().second), CodePoint(ranges[i].first));
                const bool lineBreaks = ranges[i].first >= merged.back().second && !gap.isEmpty()
                    && std::all_of(gap.begin(), gap.end(), [](QChar c) { return c == u'\n' || c == u'\r'; });
                if (lineBreaks) {
                    merged.back().second = ranges[i].second;
                } else {
                    merged.push_back(ranges[i]);
                }
            }
            ranges = std::move(merged);
        }
        if (r.span.label.isEmpty()) {
            error(QStringLiteral("span %1-%2 has no label").arg(r.ranges.front().first).arg(r.ranges.front().second));
            continue;
        }
        // A discontinuous span is one span of fragments (docs/FORMAT.md §6.9): in order, and
        // ranges that overlap or touch are one fragment.
        std::sort(ranges.begin(), ranges.end());
        QList<Fragment> fragments;
        for (const auto &[from, to] : ranges) {
            if (!fragments.isEmpty() && CodePoint(from) <= fragments.last().end) {
                fragments.last().end = std::max(fragments.last().end, CodePoint(to));
            } else {
                fragments.append(Fragment{CodePoint(from), CodePoint(to)});
            }
        }
        Annotation a = r.span;
        a.setFragments(fragments);
        a.setText(Annotation::fragmentsText(r.converter->document(), fragments));
        if (!a.source().isEmpty() && a.source() != importSource(formatName)) {
            // Imported spans are marked as such; where they came from before is kept.
            QJsonObject extra = a.extraFields();
            extra.insert(QStringLiteral("original_source"), a.source());
            a.setExtraFields(extra);
        }
        a.setSource(importSource(formatName));
        placed.emplace_back(r.item, std::move(a));
    }
    if (!ok) {
        return false;
    }
    for (auto &[item, span] : placed) {
        items[item].spans.append(std::move(span));
    }
    for (Item &item : items) {
        item.labels = schemaFor(item.labels, item.spans);
    }
    return true;
}

const QList<Format> &formats()
{
    using U = OffsetUnit;
    static const QList<Format> list{
        {QStringLiteral("jsonl"),
         QStringLiteral("Scholiast JSONL dataset: one document per line with its spans (code points)"),
         QStringLiteral("scholiast-cli export --to jsonl -o gold.jsonl corpus/"),
         QStringLiteral("scholiast-cli import --from jsonl --out-dir corpus/ gold.jsonl"),
         U::CodePoints,
         {U::CodePoints},
         JsonlDataset::read,
         JsonlDataset::serialize,
         nullptr},
        {QStringLiteral("doccano"),
         QStringLiteral("doccano JSONL, \"label\" or \"entities\" form (UTF-16 code units)"),
         QStringLiteral("scholiast-cli export --to doccano [--offsets grapheme] -o doccano.jsonl article.txt"),
         QStringLiteral("scholiast-cli import --from doccano --out-dir corpus/ admin.jsonl"),
         U::Utf16Units,
         {U::Utf16Units, U::CodePoints, U::Graphemes},
         Doccano::read,
         Doccano::serialize,
         nullptr},
        {QStringLiteral("brat"),
         QStringLiteral("brat standoff: .txt (the document byte for byte) + .ann + annotation.conf (code points)"),
         QStringLiteral("scholiast-cli export --to brat -o brat-out/ corpus/"),
         QStringLiteral("scholiast-cli import --from brat --out-dir corpus/ brat-data/"),
         U::CodePoints,
         {U::CodePoints},
         Brat::read,
         nullptr,
         Brat::writeFolder},
        {QStringLiteral("label-studio"),
         QStringLiteral("Label Studio JSON task export (code points)"),
         QStringLiteral("scholiast-cli export --to label-studio -o tasks.json corpus/"),
         QStringLiteral("scholiast-cli import --from label-studio --out-dir corpus/ export.json"),
         U::CodePoints,
         {U::CodePoints, U::Utf16Units},
         LabelStudio::read,
         LabelStudio::serialize,
         nullptr},
        {QStringLiteral("spacy"),
         QStringLiteral("spaCy / Prodigy JSONL with \"spans\" (code points)"),
         QStringLiteral("scholiast-cli export --to spacy -o train.jsonl corpus/"),
         QStringLiteral("scholiast-cli import --from spacy --out-dir corpus/ predictions.jsonl"),
         U::CodePoints,
         {U::CodePoints},
         SpacyJsonl::read,
         SpacyJsonl::serialize,
         nullptr},
        {QStringLiteral("w3c"),
         QStringLiteral("W3C Web Annotation JSON-LD, TextPositionSelector + TextQuoteSelector"),
         QStringLiteral("scholiast-cli export --to w3c [--offsets utf16|utf16-lf] -o annotations.jsonld article.txt"),
         QStringLiteral("scholiast-cli import --from w3c --document article.txt annotations.jsonld"),
         U::CodePoints,
         {U::CodePoints, U::Utf16Units, U::Utf16Lf},
         WebAnnotation::read,
         WebAnnotation::serialize,
         nullptr},
        {QStringLiteral("conll"),
         QStringLiteral("CoNLL BIO, one token per line, one tag column per label (export only)"),
         QStringLiteral(
             "scholiast-cli export --to conll [--conll-columns 2 | --conll-style spacy] -o train.bio corpus/"),
         QString(),
         U::CodePoints,
         {U::CodePoints},
         nullptr,
         ConllBio::serialize,
         nullptr},
        {QStringLiteral("csv"),
         QStringLiteral("CSV, one row per span (code points)"),
         QStringLiteral("scholiast-cli export --to csv -o spans.csv corpus/"),
         QStringLiteral("scholiast-cli import --from csv [--documents DIR] spans.csv"),
         U::CodePoints,
         {U::CodePoints},
         Csv::read,
         Csv::serialize,
         nullptr},
    };
    return list;
}

const Format *findFormat(QStringView name)
{
    for (const Format &format : formats()) {
        if (format.name.compare(name, Qt::CaseInsensitive) == 0) {
            return &format;
        }
    }
    if (name.compare(u"labelstudio", Qt::CaseInsensitive) == 0) {
        return findFormat(u"label-studio");
    }
    if (name.compare(u"prodigy", Qt::CaseInsensitive) == 0) {
        return findFormat(u"spacy");
    }
    if (name.compare(u"bio", Qt::CaseInsensitive) == 0) {
        return findFormat(u"conll");
    }
    return nullptr;
}

} // namespace Scholiast::Interchange

#include "interchange_p.h"
#include "jsonwriter_p.h"

namespace Scholiast::Interchange {

bool readOptionalField(QStringView key, const Json::Node &value, Annotation &span, const Json::Source &source,
                       Diagnostics &diagnostics)
{
    if (!SpanFields::isSpanField(key)) {
        return false;
    }
    SpanFields::Value v;
    if (value.isString()) {
        v.type = SpanFields::Value::Type::String;
        v.string = value.string;
    } else if (value.isNumber()) {
        v.type = SpanFields::Value::Type::Number;
        v.number = value.number;
    } else if (value.type == Json::Node::Type::Bool) {
        v.type = SpanFields::Value::Type::Bool;
        v.boolean = value.boolean;
    }
    if (const auto why = SpanFields::set(key, v, span)) {
        diagnostics.append(source.at(value.offset, *why));
    }
    return true;
}

void appendOptionalFields(QByteArray &out, const Annotation &a)
{
    using namespace Json;
    if (!a.hasDetails()) {
        return;
    }
    SpanFields::append(out, a);
    appendMembers(out, a.extraFields());
}

std::optional<JsonInput> readJson(const QString &path, JsonInput::Layout layout, Diagnostics &diagnostics)
{
    const auto bytes = readFile(path, diagnostics);
    if (!bytes) {
        return std::nullopt;
    }
    JsonInput input{Json::Source(*bytes, path), {}};
    if (layout == JsonInput::Layout::Lines) {
        auto records = Json::records(input.source, diagnostics);
        if (!records) {
            return std::nullopt;
        }
        input.records = std::move(*records);
    } else {
        auto root = input.source.parse(diagnostics);
        if (!root) {
            return std::nullopt;
        }
        input.records.push_back(std::move(*root));
    }
    return input;
}

const Json::Node *recordText(const JsonInput &input, const Json::Node &record, const TextRecordMessages &messages,
                             Diagnostics &diagnostics)
{
    if (!messages.notObject.isEmpty() && !record.isObject()) {
        diagnostics.append(input.at(record, messages.notObject));
        return nullptr;
    }
    const Json::Node *text = record.get(u"text");
    if (!text || !text->isString()) {
        diagnostics.append(input.at(record, text ? messages.notString : messages.missing));
        return nullptr;
    }
    return text;
}

Diagnostic placeOf(const Json::Source &source, const Json::Node &node)
{
    return source.at(node.offset, QString());
}

bool ReadState::finish(const QList<OffsetUnit> &candidates, const ReadOptions &options, const QString &file,
                       const QString &formatName, ReadResult &result, Diagnostics &diagnostics,
                       const UnitPolicy &policy)
{
    if (!placeSpans(raw, items, candidates, options, file, formatName, result.unitNotes, diagnostics, policy)) {
        return false;
    }
    result.items.append(items);
    return true;
}

std::optional<ReadResult> ReadState::finish(const QList<OffsetUnit> &candidates, const ReadOptions &options,
                                            const QString &file, const QString &formatName, Diagnostics &diagnostics,
                                            const UnitPolicy &policy)
{
    ReadResult result;
    if (!finish(candidates, options, file, formatName, result, diagnostics, policy)) {
        return std::nullopt;
    }
    return result;
}

} // namespace Scholiast::Interchange
