// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "offsetunits.h"

#include "document.h"
#include "utf8.h"

#include <QTextBoundaryFinder>

#include <algorithm>
#include <map>

namespace Scholiast {

namespace OffsetUnits {

QString name(OffsetUnit unit)
{
    switch (unit) {
    case OffsetUnit::CodePoints:
        return QStringLiteral("codepoint");
    case OffsetUnit::Utf16Units:
        return QStringLiteral("utf16");
    case OffsetUnit::Utf8Bytes:
        return QStringLiteral("utf8");
    case OffsetUnit::Graphemes:
        return QStringLiteral("grapheme");
    case OffsetUnit::CrlfCollapsed:
        return QStringLiteral("crlf");
    case OffsetUnit::Utf16Lf:
        return QStringLiteral("utf16-lf");
    }
    return QString();
}

QString description(OffsetUnit unit)
{
    switch (unit) {
    case OffsetUnit::CodePoints:
        return QStringLiteral("code points");
    case OffsetUnit::Utf16Units:
        return QStringLiteral("UTF-16 code units");
    case OffsetUnit::Utf8Bytes:
        return QStringLiteral("UTF-8 bytes");
    case OffsetUnit::Graphemes:
        return QStringLiteral("grapheme clusters");
    case OffsetUnit::CrlfCollapsed:
        return QStringLiteral("code points with CRLF counted as one");
    case OffsetUnit::Utf16Lf:
        return QStringLiteral("UTF-16 code units over the text with CRLF read as LF (a browser's DOM text)");
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
    static const QList<OffsetUnit> units{OffsetUnit::CodePoints, OffsetUnit::Utf16Units,    OffsetUnit::Utf8Bytes,
                                         OffsetUnit::Graphemes,  OffsetUnit::CrlfCollapsed, OffsetUnit::Utf16Lf};
    return units;
}

} // namespace OffsetUnits

struct OffsetConverter::Tables
{
    bool haveGraphemes = false;
    bool haveCrlfs = false;
    std::vector<quint32> graphemes; // code point offset of each grapheme boundary, 0 and length included
    std::vector<quint32> crlfs; // code point offset of each CR that is followed by LF
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
            cp += codePointCount(QStringView(text).sliced(previous, at - previous));
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
    case OffsetUnit::CodePoints:
        return m_document->length();
    case OffsetUnit::Utf16Units:
        return m_document->text().size();
    case OffsetUnit::Utf8Bytes:
        return m_document->utf8Length();
    case OffsetUnit::Graphemes:
        return qint64(graphemes().size()) - 1;
    case OffsetUnit::CrlfCollapsed:
        return m_document->length() - qint64(crlfs().size());
    case OffsetUnit::Utf16Lf:
        return m_document->text().size() - qint64(crlfs().size());
    }
    return 0;
}

qint64 OffsetConverter::utf16Lf(qint64 codePoint) const
{
    // CRLFs whose LF ends before the code point each count one less.
    const auto &table = crlfs();
    const auto before =
        std::lower_bound(table.begin(), table.end(), quint32(std::max<qint64>(codePoint - 1, 0))) - table.begin();
    return m_document->toUtf16(CodePoint(codePoint)).value - before;
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
    case OffsetUnit::Utf16Lf: {
        // The last code point whose offset is not past `offset`; it must land on it exactly.
        qint64 lo = 0;
        qint64 hi = m_document->length();
        while (lo < hi) {
            const qint64 mid = (lo + hi + 1) / 2;
            if (utf16Lf(mid) <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if (utf16Lf(lo) != offset || !fromCodePoint(OffsetUnit::CrlfCollapsed, lo)) {
            return std::nullopt;
        }
        return lo;
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
        const auto before =
            std::lower_bound(table.begin(), table.end(), quint32(std::max<qint64>(codePoint - 1, 0))) - table.begin();
        return codePoint - before;
    }
    case OffsetUnit::Utf16Lf:
        if (!fromCodePoint(OffsetUnit::CrlfCollapsed, codePoint)) {
            return std::nullopt; // between CR and LF
        }
        return utf16Lf(codePoint);
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
    if (unit == OffsetUnit::CrlfCollapsed || unit == OffsetUnit::Utf16Lf) {
        text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    }
    return text;
}

QString visibleText(QStringView text)
{
    const QStringView cut = text.size() > 40 ? text.left(40) : text;
    QString s;
    s.reserve(cut.size() + 8);
    for (const QChar c : cut) {
        switch (c.unicode()) {
        case u'\n':
            s += QStringLiteral("\\n");
            break;
        case u'\r':
            s += QStringLiteral("\\r");
            break;
        case u'\t':
            s += QStringLiteral("\\t");
            break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.unicode() == 0x2028 || c.unicode() == 0x2029) {
                s += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            } else {
                s += c;
            }
        }
    }
    if (cut.size() < text.size()) {
        s += QStringLiteral("…");
    }
    return u'"' + s + u'"';
}

namespace {

QString shown(QStringView text)
{
    return visibleText(text);
}

// Label Studio's frontend writes each line break of a region's text as a backslash and "n".
QString withLineBreaks(const QString &escaped)
{
    QString text = escaped;
    text.replace(QStringLiteral("\\n"), QStringLiteral("\n"));
    return text;
}

bool sameText(const SpanEvidence &span, const QString &actual)
{
    if (actual == span.text) {
        return true;
    }
    if (!span.escapedLineBreaks) {
        return false;
    }
    QString lf = actual;
    lf.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    const QString unescaped = withLineBreaks(span.text);
    return unescaped == actual || unescaped == lf;
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
    if (!sameText(span, actual)) {
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

std::optional<UnitChoice> chooseUnit(const std::vector<SpanEvidence> &evidence, const QList<OffsetUnit> &candidates,
                                     std::optional<OffsetUnit> forced, const QString &file, Diagnostics &diagnostics,
                                     const UnitPolicy &policy)
{
    Q_ASSERT(!candidates.isEmpty());
    if (forced) {
        UnitChoice choice{*forced, OffsetUnits::description(*forced) + QStringLiteral(" (given with --offsets)"), {}};
        int bad = 0;
        for (const SpanEvidence &span : evidence) {
            const QString why = misfit(*span.converter, *forced, span);
            if (policy.perSpan) {
                choice.misfits.push_back(
                    why.isEmpty() ? why : why + QStringLiteral(" (--offsets %1)").arg(OffsetUnits::name(*forced)));
                continue;
            }
            if (!why.isEmpty() && ++bad <= MaxListed) {
                diagnostics.append(
                    at(span, file, why + QStringLiteral(" (--offsets %1)").arg(OffsetUnits::name(*forced))));
            }
        }
        if (bad > MaxListed) {
            diagnostics.append(Diagnostic::error(file,
                                                 QStringLiteral("%1 more spans do not match their text in %2")
                                                     .arg(bad - MaxListed)
                                                     .arg(OffsetUnits::description(*forced))));
        }
        if (bad) {
            return std::nullopt;
        }
        return choice;
    }
    if (evidence.empty()) {
        return UnitChoice{candidates.first(),
                          OffsetUnits::description(candidates.first())
                              + QStringLiteral(" (the format's convention; the file carries no span text to check)"),
                          {}};
    }

    // For each unit, where it puts each span (nothing where the span's text does not match).
    using Ranges = std::vector<std::pair<qint64, qint64>>;
    std::map<int, std::vector<std::optional<Ranges>>> placements;
    std::map<int, qsizetype> fitCount;
    qsizetype best = 0;
    for (OffsetUnit unit : candidates) {
        std::vector<std::optional<Ranges>> placed;
        placed.reserve(evidence.size());
        qsizetype fits = 0;
        for (const SpanEvidence &span : evidence) {
            auto ranges = convert(*span.converter, unit, span);
            if (!ranges || !sameText(span, joinedText(span.converter->document(), unit, *ranges, span.joiner))) {
                placed.emplace_back(std::nullopt);
                if (!policy.perSpan) {
                    break; // every span must fit: this unit is out
                }
                continue;
            }
            ++fits;
            placed.emplace_back(std::move(*ranges));
        }
        fitCount[int(unit)] = fits;
        best = std::max(best, fits);
        placements[int(unit)] = std::move(placed);
    }
    const qsizetype needed = policy.perSpan ? best : qsizetype(evidence.size());
    QList<OffsetUnit> fitting;
    for (OffsetUnit unit : candidates) {
        if (needed > 0 && fitCount[int(unit)] == needed) {
            fitting.append(unit);
        }
    }
    if (fitting.isEmpty() && policy.perSpan) {
        // No span fits any unit: every one is a misfit under the format's convention.
        UnitChoice choice{candidates.first(),
                          OffsetUnits::description(candidates.first())
                              + QStringLiteral(" (the format's convention; no span's text matches in any unit)"),
                          {}};
        for (const SpanEvidence &span : evidence) {
            choice.misfits.push_back(misfit(*span.converter, candidates.first(), span));
        }
        return choice;
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
            file,
            QStringLiteral("no offset unit makes every span's text match the document (tried %1; %2 of %3 spans "
                           "differ in %4); nothing was imported from this file")
                .arg(tried.join(QStringLiteral(", ")))
                .arg(bad)
                .arg(evidence.size())
                .arg(OffsetUnits::description(convention))));
        return std::nullopt;
    }
    // Units that place every span identically are the same reading of the file.
    OffsetUnit chosen = fitting.first();
    QList<OffsetUnit> distinct;
    for (OffsetUnit unit : fitting) {
        if (placements[int(unit)] != placements[int(fitting.first())]) {
            distinct.append(unit);
        }
    }
    QString preferredNote;
    if (!distinct.isEmpty() && policy.preferred && fitting.contains(*policy.preferred)) {
        // Several readings fit; the format's own reader settles it (brat: the file as it is).
        chosen = *policy.preferred;
        QStringList others;
        for (OffsetUnit unit : fitting) {
            if (placements[int(unit)] != placements[int(chosen)]) {
                others
                    << QStringLiteral("%1 (--offsets %2)").arg(OffsetUnits::description(unit), OffsetUnits::name(unit));
            }
        }
        preferredNote = QStringLiteral("; the span texts also match as %1, which places them differently: read as %2, "
                                       "as the format's own reader counts")
                            .arg(others.join(QStringLiteral(", ")), OffsetUnits::description(chosen));
        distinct.clear();
    }
    if (!distinct.isEmpty()) {
        diagnostics.append(Diagnostic::error(
            file,
            QStringLiteral("the offset unit is ambiguous: span texts match both in %1 and in %2, which place the "
                           "spans differently; choose one with --offsets %3 or --offsets %4")
                .arg(OffsetUnits::description(fitting.first()), OffsetUnits::description(distinct.first()),
                     OffsetUnits::name(fitting.first()), OffsetUnits::name(distinct.first()))));
        return std::nullopt;
    }
    QString explanation = OffsetUnits::description(chosen);
    QStringList same;
    for (OffsetUnit unit : fitting) {
        if (unit != chosen && placements[int(unit)] == placements[int(chosen)]) {
            same << OffsetUnits::description(unit);
        }
    }
    if (!preferredNote.isEmpty()) {
        explanation += QStringLiteral(" (detected") + preferredNote + u')';
    } else if (fitting.size() == candidates.size()) {
        explanation += QStringLiteral(" (detected; every unit agrees on this file)");
    } else if (fitting.size() == 1) {
        explanation += QStringLiteral(" (detected: the only unit under which every span's text matches)");
    } else {
        explanation += QStringLiteral(" (detected; the same as %1 on this file)").arg(same.join(QStringLiteral(", ")));
    }
    if (policy.perSpan && needed < qsizetype(evidence.size())) {
        explanation += QStringLiteral("; %1 of %2 spans match in it").arg(needed).arg(evidence.size());
    }
    if (chosen != candidates.first() && preferredNote.isEmpty()) {
        Diagnostic note = Diagnostic::warning(
            file,
            QStringLiteral("offsets are %1, not %2 as the format's convention says: read as %1 (every span's "
                           "text matches only so); use --offsets to override")
                .arg(OffsetUnits::description(chosen), OffsetUnits::description(candidates.first())));
        diagnostics.append(note);
    }
    UnitChoice choice{chosen, explanation, {}};
    if (policy.perSpan) {
        for (size_t i = 0; i < evidence.size(); ++i) {
            choice.misfits.push_back(placements[int(chosen)][i] ? QString()
                                                                : misfit(*evidence[i].converter, chosen, evidence[i]));
        }
    }
    return choice;
}

} // namespace Scholiast
