// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "reanchor.h"

#include "document.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <vector>

namespace Scholiast::Reanchor {

namespace {

constexpr qint64 FoldWindow = 8192; // code points searched on each side of where a span was
constexpr qint64 MaxOccurrences = 4096; // copies of a text weighed against each other
constexpr qint64 MinFuzzyLength = 4; // shorter texts match by chance

// Text with the differences that do not change what it says taken out: each code point in its
// canonical decomposition (NFC and NFD compare equal), every run of white space, line ends
// included, as one space. `source` gives the code point each folded UTF-16 unit came from.
struct Folded
{
    QString text;
    std::vector<qint64> source;
};

Folded fold(QStringView text, qint64 firstCodePoint)
{
    Folded out;
    out.text.reserve(text.size());
    out.source.reserve(size_t(text.size()));
    qint64 cp = firstCodePoint;
    for (qsizetype i = 0; i < text.size(); ++cp) {
        char32_t c = text.at(i).unicode();
        qsizetype units = 1;
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
            units = 2;
        }
        i += units;
        if (QChar::isSpace(c)) {
            if (!out.text.endsWith(u' ')) {
                out.text.append(u' ');
                out.source.push_back(cp);
            }
            continue;
        }
        if (c < 0xC0) {
            out.text.append(QChar(c));
            out.source.push_back(cp);
            continue;
        }
        const QString decomposed = QString::fromUcs4(&c, 1).normalized(QString::NormalizationForm_D);
        out.text.append(decomposed);
        out.source.insert(out.source.end(), size_t(decomposed.size()), cp);
    }
    return out;
}

// Code points the stored context shares with the document around a candidate place.
qint64 contextAgreement(const Document &doc, const Annotation &span, qint64 start, qint64 end)
{
    const QString prefix = span.prefix();
    const QString suffix = span.suffix();
    const QStringView before = doc.slice(CodePoint(start - Annotation::ContextLength), CodePoint(start));
    const QStringView after = doc.slice(CodePoint(end), CodePoint(end + Annotation::ContextLength));
    qint64 agree = 0;
    for (qsizetype i = 1;
         i <= std::min(prefix.size(), before.size()) && prefix.at(prefix.size() - i) == before.at(before.size() - i);
         ++i) {
        ++agree;
    }
    for (qsizetype i = 0; i < std::min(suffix.size(), after.size()) && suffix.at(i) == after.at(i); ++i) {
        ++agree;
    }
    return agree;
}

struct Candidate
{
    qint64 start = -1;
    qint64 end = -1;
    int edits = 0;
};

// Sellers' approximate substring search: the substring of `text` at most `maxEdits` edits from
// `pattern` that is best by edits plus distance from `near` (a UTF-16 index), a pattern's length
// of distance weighing as much as one edit: a span edited in place beats a copy further away.
std::optional<Candidate> closestSubstring(QStringView pattern, QStringView text, int maxEdits, qsizetype near)
{
    const qsizetype m = pattern.size();
    std::vector<int> cost(size_t(m + 1));
    std::vector<qsizetype> from(size_t(m + 1)); // where the substring ending here starts
    std::iota(cost.begin(), cost.end(), 0);
    std::fill(from.begin(), from.end(), 0);
    std::optional<Candidate> best;
    for (qsizetype j = 1; j <= text.size(); ++j) {
        int diagonal = cost[0];
        qsizetype diagonalFrom = from[0];
        cost[0] = 0; // a match may start anywhere
        from[0] = j;
        for (qsizetype i = 1; i <= m; ++i) {
            const int substitute = diagonal + (pattern.at(i - 1) == text.at(j - 1) ? 0 : 1);
            const int remove = cost[size_t(i)] + 1;
            const int insert = cost[size_t(i - 1)] + 1;
            diagonal = cost[size_t(i)];
            const qsizetype diagonalFromBefore = diagonalFrom;
            diagonalFrom = from[size_t(i)];
            if (substitute <= remove && substitute <= insert) {
                cost[size_t(i)] = substitute;
                from[size_t(i)] = diagonalFromBefore;
            } else if (insert <= remove) {
                cost[size_t(i)] = insert;
                from[size_t(i)] = from[size_t(i - 1)];
            } else {
                cost[size_t(i)] = remove;
            }
        }
        const int edits = cost[size_t(m)];
        if (edits > maxEdits) {
            continue;
        }
        const qsizetype start = from[size_t(m)];
        const auto weight = [&](int e, qsizetype s) { return double(e) + double(std::abs(s - near)) / double(m); };
        if (!best || weight(edits, start) < weight(best->edits, best->start)) {
            best = Candidate{start, j, edits};
        }
    }
    return best;
}

class Placer
{
public:
    explicit Placer(const Document &doc)
        : m_doc(doc)
    {
    }

    Placement place(Annotation &span);
    // A discontinuous span whose gaps changed: each piece found on its own, in order.
    [[nodiscard]] std::optional<QList<Fragment>> placePiecesApart(const Annotation &span,
                                                                  const std::vector<qint64> &deltas) const;

private:
    bool fits(const Annotation &span, qint64 start) const
    {
        const qint64 end = start + (span.end - span.start);
        return start >= 0 && end <= m_doc.length() && m_doc.slice(CodePoint(start), CodePoint(end)) == span.textView();
    }
    std::optional<Candidate> findCopy(const Annotation &span, qint64 expected, qint64 &agreement) const;
    std::optional<Candidate> findFolded(const Annotation &span, qint64 expected, double &score) const;

    const Document &m_doc;
    qint64 m_delta = 0; // how far the last placed span moved: the next one likely moved as much
};

std::optional<Candidate> Placer::findCopy(const Annotation &span, qint64 expected, qint64 &agreement) const
{
    if (span.text().isEmpty()) {
        return std::nullopt;
    }
    const QString &text = m_doc.text();
    const qint64 length = span.end - span.start;
    std::optional<Candidate> best;
    qint64 bestAgreement = -1;
    qint64 seen = 0;
    for (qsizetype at = text.indexOf(span.text()); at >= 0 && seen < MaxOccurrences;
         at = text.indexOf(span.text(), at + 1), ++seen) {
        const qint64 start = m_doc.toCodePoint(Utf16Index(at)).value;
        const qint64 agree = contextAgreement(m_doc, span, start, start + length);
        if (!best || agree > bestAgreement
            || (agree == bestAgreement && std::abs(start - expected) < std::abs(best->start - expected))) {
            best = Candidate{start, start + length, 0};
            bestAgreement = agree;
        }
    }
    agreement = std::max<qint64>(0, bestAgreement);
    return best;
}

std::optional<Candidate> Placer::findFolded(const Annotation &span, qint64 expected, double &score) const
{
    const Folded pattern = fold(span.text(), 0);
    if (pattern.text.isEmpty()) {
        return std::nullopt;
    }
    const qint64 length = span.end - span.start;
    const qint64 from = std::max<qint64>(0, expected - FoldWindow - length);
    const qint64 to = std::min(m_doc.length(), expected + length + FoldWindow);
    const Folded window = fold(m_doc.slice(CodePoint(from), CodePoint(to)), from);
    if (window.text.isEmpty()) {
        return std::nullopt;
    }
    const auto toCodePoints = [&](qsizetype foldedStart, qsizetype foldedEnd) {
        return Candidate{window.source[size_t(foldedStart)], window.source[size_t(foldedEnd - 1)] + 1, 0};
    };
    // A copy of the folded text where the span was first, then the best within a few edits.
    qsizetype nearest = -1;
    for (qsizetype at = window.text.indexOf(pattern.text); at >= 0; at = window.text.indexOf(pattern.text, at + 1)) {
        if (nearest < 0
            || std::abs(window.source[size_t(at)] - expected) < std::abs(window.source[size_t(nearest)] - expected)) {
            nearest = at;
        }
    }
    if (nearest >= 0 && std::abs(window.source[size_t(nearest)] - expected) <= length) {
        score = 1.0;
        return toCodePoints(nearest, nearest + pattern.text.size());
    }
    if (pattern.text.size() < MinFuzzyLength) {
        if (nearest >= 0) {
            score = 1.0;
            return toCodePoints(nearest, nearest + pattern.text.size());
        }
        return std::nullopt;
    }
    const int maxEdits = std::max(1, int(pattern.text.size() / 5));
    const auto nearIndex =
        qsizetype(std::lower_bound(window.source.begin(), window.source.end(), expected) - window.source.begin());
    const auto found = closestSubstring(pattern.text, window.text, maxEdits, nearIndex);
    if (!found || found->end <= found->start) {
        return std::nullopt;
    }
    score = 1.0 - double(found->edits) / double(pattern.text.size());
    return toCodePoints(found->start, found->end);
}

std::optional<QList<Fragment>> Placer::placePiecesApart(const Annotation &span, const std::vector<qint64> &deltas) const
{
    const QList<Fragment> fragments = span.fragments();
    // Each piece's text: the span's text is the pieces joined by one space.
    QStringList texts;
    const QStringView text = span.textView();
    qsizetype units = 0;
    for (const Fragment &f : fragments) {
        const qsizetype from = units;
        for (qint64 n = 0; n < f.end - f.start && units < text.size(); ++n) {
            units += text.at(units).isHighSurrogate() && units + 1 < text.size() ? 2 : 1;
        }
        texts.append(text.mid(from, units - from).toString());
        ++units; // the space between two pieces
    }
    const QString &documentText = m_doc.text();
    for (const qint64 delta : deltas) {
        QList<Fragment> placed;
        const CodePoint firstStart = fragments.constFirst().start + delta;
        if (firstStart < CodePoint(0) || firstStart > CodePoint(m_doc.length())) {
            continue;
        }
        qsizetype at = m_doc.toUtf16(firstStart).value;
        for (qsizetype i = 0; i < fragments.size(); ++i) {
            if (i > 0) {
                const qint64 gap = fragments[i].start - fragments[i - 1].end;
                const qint64 reach = gap + gap / 2 + 16;
                const qsizetype found = documentText.indexOf(texts.at(i), at);
                if (found < 0 || m_doc.toCodePoint(Utf16Index(found)) - placed.constLast().end > reach) {
                    break;
                }
                at = found;
            } else if (QStringView(documentText).mid(at, texts.at(0).size()) != texts.at(0)) {
                break;
            }
            const CodePoint start = m_doc.toCodePoint(Utf16Index(at));
            const CodePoint end = m_doc.toCodePoint(Utf16Index(at + texts.at(i).size()));
            if (!placed.isEmpty() && start <= placed.constLast().end) {
                break; // touching pieces would be one piece
            }
            placed.append(Fragment{start, end});
            at += texts.at(i).size();
        }
        if (placed.size() == fragments.size()) {
            return placed;
        }
    }
    return std::nullopt;
}

Placement Placer::place(Annotation &span)
{
    if (span.isDiscontinuous()) {
        // Its pieces are placed together, at the same distances from each other; anything else
        // is an orphan to place by hand (docs/FORMAT.md §6.9).
        const auto fitsShifted = [&](qint64 delta) {
            QList<Fragment> fragments = span.fragments();
            for (Fragment &f : fragments) {
                f.start += delta;
                f.end += delta;
            }
            return fragments.constFirst().start >= CodePoint(0)
                && fragments.constLast().end <= CodePoint(m_doc.length())
                && Annotation::fragmentsText(m_doc, fragments) == span.textView();
        };
        // Where they were, moved as far as the span before, or where a copy of the first piece
        // starts (the nearest such place where every piece fits).
        std::vector<qint64> deltas{0, m_delta};
        const Fragment first = span.fragments().constFirst();
        const qsizetype firstUnits = [&] {
            // The first piece's text in UTF-16 units: its code points counted from the span's text.
            qsizetype units = 0;
            const QStringView text = span.textView();
            for (qint64 n = 0; n < first.end - first.start && units < text.size(); ++n) {
                units += text.at(units).isHighSurrogate() && units + 1 < text.size() ? 2 : 1;
            }
            return units;
        }();
        const QString pieceText = span.textView().first(firstUnits).toString();
        qint64 seen = 0;
        for (qsizetype at = m_doc.text().indexOf(pieceText); at >= 0 && seen < MaxOccurrences;
             at = m_doc.text().indexOf(pieceText, at + 1), ++seen) {
            deltas.push_back(m_doc.toCodePoint(Utf16Index(at)).value - first.start.value);
        }
        const qint64 expected = m_delta;
        std::stable_sort(deltas.begin() + 2, deltas.end(),
                         [&](qint64 a, qint64 b) { return std::abs(a - expected) < std::abs(b - expected); });
        for (const qint64 delta : deltas) {
            if (fitsShifted(delta)) {
                m_delta = delta;
                span.shift(delta);
                span.setTextFromDocument(m_doc);
                span.setOrphan(false);
                span.setContext(QString(), QString());
                return Placement{delta == 0 ? Outcome::Exact : Outcome::Moved, 1.0};
            }
        }
        // The text between the pieces changed ("the minister said" became "the minister added"):
        // each piece is found on its own, in order, the first after the piece before, across a
        // gap at most half as long again as it was (plus a little). Same texts: moved.
        if (const auto pieces = placePiecesApart(span, deltas)) {
            m_delta = pieces->constFirst().start - span.fragments().constFirst().start;
            span.setFragments(*pieces);
            span.setTextFromDocument(m_doc);
            span.setOrphan(false);
            span.setContext(QString(), QString());
            return Placement{Outcome::Moved, 1.0};
        }
        span.setOrphan(true);
        return Placement{Outcome::Orphaned, 0.0};
    }
    const qint64 length = span.end - span.start;
    const auto settle = [&](qint64 start, qint64 end, Outcome outcome, double score) {
        const QStringView placed = m_doc.slice(CodePoint(start), CodePoint(end));
        if (outcome == Outcome::Fuzzy && placed == span.textView()) {
            // Found through folding, but the very same text: it only moved.
            outcome = start == span.start.value ? Outcome::Exact : Outcome::Moved;
        }
        m_delta = start - span.start.value;
        span.start = CodePoint(start);
        span.end = CodePoint(end);
        span.setText(placed.toString());
        span.setOrphan(false);
        span.setContext(QString(), QString()); // the writer takes it from the new document
        return Placement{outcome, score};
    };
    if (length > 0 && fits(span, span.start.value)) {
        return settle(span.start.value, span.end.value, Outcome::Exact, 1.0);
    }
    const qint64 expected = span.start.value + m_delta;
    if (length > 0 && m_delta != 0 && fits(span, expected)) {
        return settle(expected, expected + length, Outcome::Moved, 1.0);
    }
    // A copy of the text elsewhere wins when its surroundings agree with the stored context;
    // otherwise a close variant where the span was is the better guess (the span was edited, and
    // the copy is another sentence that happens to say the same words).
    qint64 agreement = 0;
    const auto copy = findCopy(span, expected, agreement);
    const qint64 context = span.prefix().size() + span.suffix().size();
    if (copy && (context == 0 || 2 * agreement >= context)) {
        return settle(copy->start, copy->end, Outcome::Moved, 1.0);
    }
    double score = 0;
    if (const auto near = findFolded(span, expected, score)) {
        return settle(near->start, near->end, Outcome::Fuzzy, score);
    }
    if (copy) {
        return settle(copy->start, copy->end, Outcome::Moved, 1.0);
    }
    span.setOrphan(true);
    return Placement{Outcome::Orphaned, 0.0};
}

} // namespace

QString outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Exact:
        return QStringLiteral("exact");
    case Outcome::Moved:
        return QStringLiteral("moved");
    case Outcome::Fuzzy:
        return QStringLiteral("fuzzy");
    case Outcome::Orphaned:
        break;
    }
    return QStringLiteral("orphaned");
}

qsizetype Counts::of(Outcome outcome) const
{
    switch (outcome) {
    case Outcome::Exact:
        return exact;
    case Outcome::Moved:
        return moved;
    case Outcome::Fuzzy:
        return fuzzy;
    case Outcome::Orphaned:
        break;
    }
    return orphaned;
}

void Counts::add(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Exact:
        ++exact;
        return;
    case Outcome::Moved:
        ++moved;
        return;
    case Outcome::Fuzzy:
        ++fuzzy;
        return;
    case Outcome::Orphaned:
        break;
    }
    ++orphaned;
}

Result reanchor(const QList<Annotation> &spans, const Document &document)
{
    // In document order, so that each span starts looking where its predecessor moved to.
    std::vector<qsizetype> order(size_t(spans.size()));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        return std::pair(spans[a].start, spans[a].end) < std::pair(spans[b].start, spans[b].end);
    });
    Result result;
    result.spans = spans;
    result.placements.resize(spans.size());
    Placer placer(document);
    for (qsizetype i : order) {
        const Placement p = placer.place(result.spans[i]);
        result.placements[i] = p;
        result.counts.add(p.outcome);
    }
    return result;
}

} // namespace Scholiast::Reanchor
