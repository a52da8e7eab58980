#include "offsetunits.h"

#include "document.h"

#include <QTextBoundaryFinder>

#include <algorithm>
#include <map>

namespace Scholiast {

namespace OffsetUnits {

QString name(OffsetUnit unit)
{
    switch (unit) {
    case OffsetUnit::CodePoints: return QStringLiteral("codepoint");
    case OffsetUnit::Utf16Units: return QStringLiteral("utf16");
    case OffsetUnit::Utf8Bytes: return QStringLiteral("utf8");
    case OffsetUnit::Graphemes: return QStringLiteral("grapheme");
    case OffsetUnit::CrlfCollapsed: return QStringLiteral("crlf");
    }
    return QString();
}

QString description(OffsetUnit unit)
{
    switch (unit) {
    case OffsetUnit::CodePoints: return QStringLiteral("code points");
    case OffsetUnit::Utf16Units: return QStringLiteral("UTF-16 code units");
    case OffsetUnit::Utf8Bytes: return QStringLiteral("UTF-8 bytes");
    case OffsetUnit::Graphemes: return QStringLiteral("grapheme clusters");
    case OffsetUnit::CrlfCollapsed: return QStringLiteral("code points with CRLF counted as one");
    }
    return QString();
}

std::optional<OffsetUnit> fromName(QStringView text)
{
    for (OffsetUnit unit : all()) {
        if (text.compare(name(unit), Qt::CaseInsensitive) == 0) {
            return unit;
        }
    }
    if (text.compare(u"utf-16", Qt::CaseInsensitive) == 0) {
        return OffsetUnit::Utf16Units;
    }
    if (text.compare(u"utf-8", Qt::CaseInsensitive) == 0 || text.compare(u"byte", Qt::CaseInsensitive) == 0) {
        return OffsetUnit::Utf8Bytes;
    }
    return std::nullopt;
}

const QList<OffsetUnit> &all()
{
    static const QList<OffsetUnit> units{OffsetUnit::CodePoints, OffsetUnit::Utf16Units, OffsetUnit::Utf8Bytes,
                                         OffsetUnit::Graphemes, OffsetUnit::CrlfCollapsed};
    return units;
}

} // namespace OffsetUnits

struct OffsetConverter::Tables
{
    bool haveGraphemes = false;
    bool haveCrlfs = false;
    std::vector<quint32> graphemes; // code point offset of each grapheme boundary, 0 and length included
    std::vector<quint32> crlfs;     // code point offset of each CR that is followed by LF
};

OffsetConverter::OffsetConverter(const Document &document)
    : m_document(std::make_shared<const Document>(document))
    , m_tables(std::make_shared<Tables>())
{
}

const Document &OffsetConverter::document() const
{
    return *m_document;
}

const std::vector<quint32> &OffsetConverter::graphemes() const
{
    if (!m_tables->haveGraphemes) {
        const QString &text = m_document->text();
        std::vector<quint32> &out = m_tables->graphemes;
        qint64 cp = 0;
        qsizetype previous = 0;
        for (const qsizetype at : graphemeBoundaries(text)) {
            for (qsizetype i = previous; i < at; ++i) {
                cp += text.at(i).isLowSurrogate() ? 0 : 1;
            }
            previous = at;
            out.push_back(quint32(cp));
        }
        m_tables->haveGraphemes = true;
    }
    return m_tables->graphemes;
}

const std::vector<quint32> &OffsetConverter::crlfs() const
{
    if (!m_tables->haveCrlfs) {
        const QString &text = m_document->text();
        qint64 cp = 0;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text.at(i);
            if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
                m_tables->crlfs.push_back(quint32(cp));
            }
            cp += c.isLowSurrogate() ? 0 : 1;
        }
        m_tables->haveCrlfs = true;
    }
    return m_tables->crlfs;
}

qint64 OffsetConverter::length(OffsetUnit unit) const
{
    switch (unit) {
    case OffsetUnit::CodePoints: return m_document->length();
    case OffsetUnit::Utf16Units: return m_document->text().size();
    case OffsetUnit::Utf8Bytes: return m_document->utf8Length();
    case OffsetUnit::Graphemes: return qint64(graphemes().size()) - 1;
    case OffsetUnit::CrlfCollapsed: return m_document->length() - qint64(crlfs().size());
    }
    return 0;
}

std::optional<qint64> OffsetConverter::toCodePoint(OffsetUnit unit, qint64 offset) const
{
    if (offset < 0 || offset > length(unit)) {
        return std::nullopt;
    }
    switch (unit) {
    case OffsetUnit::CodePoints:
        return offset;
    case OffsetUnit::Utf16Units:
        if (!m_document->isBoundary(Utf16Index(offset))) {
            return std::nullopt;
        }
        return m_document->toCodePoint(Utf16Index(offset)).value;
    case OffsetUnit::Utf8Bytes:
        if (!m_document->isBoundary(Utf8Byte(offset))) {
            return std::nullopt;
        }
        return m_document->toCodePoint(Utf8Byte(offset)).value;
    case OffsetUnit::Graphemes:
        return qint64(graphemes()[size_t(offset)]);
    case OffsetUnit::CrlfCollapsed: {
        // CRLF i sits at collapsed position crlfs[i] - i; those before `offset` each add one.
        const auto &table = crlfs();
        qint64 lo = 0;
        qint64 hi = qint64(table.size());
        while (lo < hi) {
            const qint64 mid = (lo + hi) / 2;
            if (qint64(table[size_t(mid)]) - mid < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return offset + lo;
    }
    }
    return std::nullopt;
}

std::optional<qint64> OffsetConverter::fromCodePoint(OffsetUnit unit, qint64 codePoint) const
{
    if (codePoint < 0 || codePoint > m_document->length()) {
        return std::nullopt;
    }
    switch (unit) {
    case OffsetUnit::CodePoints:
        return codePoint;
    case OffsetUnit::Utf16Units:
        return m_document->toUtf16(CodePoint(codePoint)).value;
    case OffsetUnit::Utf8Bytes:
        return m_document->toUtf8(CodePoint(codePoint)).value;
    case OffsetUnit::Graphemes: {
        const auto &table = graphemes();
        const auto it = std::lower_bound(table.begin(), table.end(), quint32(codePoint));
        if (it == table.end() || *it != quint32(codePoint)) {
            return std::nullopt;
        }
        return qint64(it - table.begin());
    }
    case OffsetUnit::CrlfCollapsed: {
        const auto &table = crlfs();
        if (codePoint > 0 && std::binary_search(table.begin(), table.end(), quint32(codePoint - 1))) {
            return std::nullopt; // between CR and LF
        }
        // CRLFs that end before the code point each count one less.
        const auto before = std::lower_bound(table.begin(), table.end(), quint32(std::max<qint64>(codePoint - 1, 0)))
            - table.begin();
        return codePoint - before;
    }
    }
    return std::nullopt;
}

qint64 OffsetConverter::fromCodePointRounded(OffsetUnit unit, qint64 codePoint, bool roundUp) const
{
    codePoint = std::clamp<qint64>(codePoint, 0, m_document->length());
    for (qint64 cp = codePoint; cp >= 0 && cp <= m_document->length(); cp += roundUp ? 1 : -1) {
        if (const auto converted = fromCodePoint(unit, cp)) {
            return *converted;
        }
    }
    return roundUp ? length(unit) : 0;
}

std::vector<qsizetype> graphemeBoundaries(const QString &text)
{
    std::vector<qsizetype> out{0};
    const auto isRegionalIndicator = [&text](qsizetype at) {
        return at + 1 < text.size() && text.at(at).isHighSurrogate()
            && QChar::surrogateToUcs4(text.at(at), text.at(at + 1)) >= 0x1F1E6
            && QChar::surrogateToUcs4(text.at(at), text.at(at + 1)) <= 0x1F1FF;
    };
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    int indicators = 0; // regional indicators in the run so far
    for (qsizetype at = finder.toNextBoundary(); at != -1; at = finder.toNextBoundary()) {
        if (at == 0) {
            continue;
        }
        const qsizetype from = out.back();
        // A cluster that is one regional indicator: the second of a pair joins the first.
        const bool single = at - from == 2 && isRegionalIndicator(from);
        if (single && indicators % 2 == 1) {
            out.back() = at;
            ++indicators;
            continue;
        }
        indicators = single ? indicators + 1 : 0;
        out.push_back(at);
    }
    if (out.back() != text.size()) {
        out.push_back(text.size());
    }
    return out;
}

QString textAs(const Document &document, OffsetUnit unit, qint64 start, qint64 end)
{
    QString text = document.slice(CodePoint(start), CodePoint(end)).toString();
    if (unit == OffsetUnit::CrlfCollapsed) {
        text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    }
    return text;
}

namespace {

QString shown(QStringView text)
{
    QString s = text.size() > 40 ? text.left(40).toString() + QStringLiteral("…") : text.toString();
    s.replace(u'\n', QStringLiteral("\\n"));
    s.replace(u'\r', QStringLiteral("\\r"));
    return u'"' + s + u'"';
}

// The code point ranges of one span under a unit, or nothing when an offset does not convert.
std::optional<std::vector<std::pair<qint64, qint64>>> convert(const OffsetConverter &converter, OffsetUnit unit,
                                                               const SpanEvidence &span)
{
    std::vector<std::pair<qint64, qint64>> out;
    out.reserve(span.ranges.size());
    for (const auto &[start, end] : span.ranges) {
        const auto a = converter.toCodePoint(unit, start);
        const auto b = converter.toCodePoint(unit, end);
        if (!a || !b || *a > *b) {
            return std::nullopt;
        }
        out.emplace_back(*a, *b);
    }
    return out;
}

QString joinedText(const Document &document, OffsetUnit unit, const std::vector<std::pair<qint64, qint64>> &ranges,
                   const QString &joiner)
{
    QString text;
    for (size_t i = 0; i < ranges.size(); ++i) {
        if (i) {
            text += joiner;
        }
        text += textAs(document, unit, ranges[i].first, ranges[i].second);
    }
    return text;
}

// Why a span does not fit under a unit, or an empty string when it does.
QString misfit(const OffsetConverter &converter, OffsetUnit unit, const SpanEvidence &span)
{
    const auto ranges = convert(converter, unit, span);
    if (!ranges) {
        QStringList parts;
        for (const auto &[start, end] : span.ranges) {
            parts << QStringLiteral("%1-%2").arg(start).arg(end);
        }
        return QStringLiteral("offsets %1 are not inside the document or not on a boundary in %2 (the document has %3)")
            .arg(parts.join(u';'), OffsetUnits::description(unit))
            .arg(converter.length(unit));
    }
    const QString actual = joinedText(converter.document(), unit, *ranges, span.joiner);
    if (actual != span.text) {
        return QStringLiteral("text %1 differs from the document, which has %2 there in %3")
            .arg(shown(span.text), shown(actual), OffsetUnits::description(unit));
    }
    return QString();
}

Diagnostic at(const SpanEvidence &span, const QString &file, const QString &message)
{
    Diagnostic d = span.place;
    d.severity = Diagnostic::Severity::Error;
    if (d.file.isEmpty()) {
        d.file = file;
    }
    d.message = message;
    return d;
}

constexpr int MaxListed = 10; // misfits listed one by one; the rest are counted

} // namespace

std::optional<UnitChoice> chooseUnit(const std::vector<SpanEvidence> &evidence,
                                     const QList<OffsetUnit> &candidates, std::optional<OffsetUnit> forced,
                                     const QString &file, Diagnostics &diagnostics)
{
    Q_ASSERT(!candidates.isEmpty());
    if (forced) {
        int bad = 0;
        for (const SpanEvidence &span : evidence) {
            const QString why = misfit(*span.converter, *forced, span);
            if (!why.isEmpty() && ++bad <= MaxListed) {
                diagnostics.append(at(span, file, why + QStringLiteral(" (--offsets %1)").arg(OffsetUnits::name(*forced))));
            }
        }
        if (bad > MaxListed) {
            diagnostics.append(Diagnostic::error(file, QStringLiteral("%1 more spans do not match their text in %2")
                                                           .arg(bad - MaxListed)
                                                           .arg(OffsetUnits::description(*forced))));
        }
        if (bad) {
            return std::nullopt;
        }
        return UnitChoice{*forced, OffsetUnits::description(*forced) + QStringLiteral(" (given with --offsets)")};
    }
    if (evidence.empty()) {
        return UnitChoice{candidates.first(), OffsetUnits::description(candidates.first())
                                                  + QStringLiteral(" (the format's convention; the file carries no span text to check)")};
    }

    // The units under which every span fits, with where they put the spans.
    QList<OffsetUnit> fitting;
    std::map<int, std::vector<std::vector<std::pair<qint64, qint64>>>> placements;
    for (OffsetUnit unit : candidates) {
        std::vector<std::vector<std::pair<qint64, qint64>>> placed;
        placed.reserve(evidence.size());
        bool fits = true;
        for (const SpanEvidence &span : evidence) {
            const auto ranges = convert(*span.converter, unit, span);
            if (!ranges || joinedText(span.converter->document(), unit, *ranges, span.joiner) != span.text) {
                fits = false;
                break;
            }
            placed.push_back(std::move(*ranges));
        }
        if (fits) {
            fitting.append(unit);
            placements[int(unit)] = std::move(placed);
        }
    }
    if (fitting.isEmpty()) {
        const OffsetUnit convention = candidates.first();
        int bad = 0;
        for (const SpanEvidence &span : evidence) {
            const QString why = misfit(*span.converter, convention, span);
            if (!why.isEmpty() && ++bad <= MaxListed) {
                diagnostics.append(at(span, file, why));
            }
        }
        QStringList tried;
        for (OffsetUnit unit : candidates) {
            tried << OffsetUnits::description(unit);
        }
        diagnostics.append(Diagnostic::error(
            file, QStringLiteral("no offset unit makes every span's text match the document (tried %1; %2 of %3 spans "
                                 "differ in %4); nothing was imported from this file")
                      .arg(tried.join(QStringLiteral(", ")))
                      .arg(bad)
                      .arg(evidence.size())
                      .arg(OffsetUnits::description(convention))));
        return std::nullopt;
    }
    // Units that place every span identically are the same reading of the file.
    QList<OffsetUnit> distinct;
    for (OffsetUnit unit : fitting) {
        if (placements[int(unit)] != placements[int(fitting.first())]) {
            distinct.append(unit);
        }
    }
    if (!distinct.isEmpty()) {
        diagnostics.append(Diagnostic::error(
            file, QStringLiteral("the offset unit is ambiguous: span texts match both in %1 and in %2, which place the "
                                 "spans differently; choose one with --offsets %3 or --offsets %4")
                      .arg(OffsetUnits::description(fitting.first()), OffsetUnits::description(distinct.first()),
                           OffsetUnits::name(fitting.first()), OffsetUnits::name(distinct.first()))));
        return std::nullopt;
    }
    const OffsetUnit chosen = fitting.first();
    QString explanation = OffsetUnits::description(chosen);
    if (fitting.size() == candidates.size()) {
        explanation += QStringLiteral(" (detected; every unit agrees on this file)");
    } else if (fitting.size() == 1) {
        explanation += QStringLiteral(" (detected: the only unit under which every span's text matches)");
    } else {
        QStringList same;
        for (OffsetUnit unit : fitting.mid(1)) {
            same << OffsetUnits::description(unit);
        }
        explanation += QStringLiteral(" (detected; the same as %1 on this file)").arg(same.join(QStringLiteral(", ")));
    }
    if (chosen != candidates.first()) {
        Diagnostic note = Diagnostic::warning(
            file, QStringLiteral("offsets are %1, not %2 as the format's convention says: read as %1 (every span's "
                                 "text matches only so); use --offsets to override")
                      .arg(OffsetUnits::description(chosen), OffsetUnits::description(candidates.first())));
        diagnostics.append(note);
    }
    return UnitChoice{chosen, explanation};
}

} // namespace Scholiast
