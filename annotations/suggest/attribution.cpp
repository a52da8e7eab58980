// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "attribution.h"

#include <QHash>

#include <algorithm>
#include <array>
#include <vector>

namespace Scholiast::Suggest {

namespace {

// How far an attribution clause may reach from its quotation, in UTF-16 units, and how many
// words a source may have: "the environment minister, Tomasz Wiśniewski" is six.
constexpr qsizetype ClauseReach = 200;
constexpr qsizetype MaxSourceWords = 10;
// Words after the verb of "X told reporters: “…”" before the quotation.
constexpr qsizetype MaxWordsAfterVerb = 4;

const std::array<QStringView, 47> SpeechVerbs{
    u"said",      u"says",      u"say",       u"told",     u"tells",        u"added",    u"adds",      u"asked",
    u"asks",      u"explained", u"explains",  u"warned",   u"warns",        u"argued",   u"argues",    u"insisted",
    u"insists",   u"stated",    u"states",    u"wrote",    u"writes",       u"noted",    u"notes",     u"replied",
    u"replies",   u"continued", u"claimed",   u"claims",   u"admitted",     u"admits",   u"announced", u"declared",
    u"recalled",  u"remarked",  u"suggested", u"urged",    u"acknowledged", u"conceded", u"confirmed", u"estimated",
    u"predicted", u"promised",  u"reported",  u"believes", u"posted",       u"tweeted",  u"commented"};

// Words that start what follows a speech verb when it is not its speaker ("said on Tuesday").
const std::array<QStringView, 16> NotSpeakers{u"on",   u"in",      u"at",    u"yesterday", u"today", u"last",
                                              u"this", u"earlier", u"later", u"during",    u"after", u"before",
                                              u"that", u"to",      u"when",  u"while"};

const std::array<QStringView, 9> Pronouns{u"he", u"she", u"they", u"it", u"i", u"we", u"you", u"him", u"her"};

// Leading adverbials dropped before a speaker: "In a statement, the mayor said: “…”".
const std::array<QStringView, 8> Adverbials{u"in", u"on", u"at", u"after", u"later", u"speaking", u"asked", u"earlier"};

// Abbreviations whose full stop ends no sentence ("Ms. Lima said").
const std::array<QStringView, 8> Abbreviations{u"mr", u"mrs", u"ms", u"dr", u"prof", u"st", u"sen", u"rep"};

template <size_t N> bool isOneOf(QStringView word, const std::array<QStringView, N> &list)
{
    return std::any_of(list.begin(), list.end(),
                       [word](QStringView w) { return word.compare(w, Qt::CaseInsensitive) == 0; });
}

bool isQuoteMark(QChar c)
{
    switch (c.unicode()) {
    case u'"':
    case u'\u201C':
    case u'\u201D':
    case u'\u201E':
    case u'\u00AB':
    case u'\u00BB':
    case u'\u2039':
    case u'\u203A':
    case u'\u300C':
    case u'\u300D':
    case u'\u300E':
    case u'\u300F':
    case u'\u2018':
    case u'\u201A':
        return true;
    default:
        return false; // ’ is also the apostrophe (residents’ group): it bounds nothing
    }
}

bool isLineBreak(QChar c)
{
    return c == u'\n' || c == u'\r' || c == QChar(0x2029) || c == QChar(0x2028);
}

struct Word
{
    qsizetype start; // UTF-16, into the document's text
    qsizetype end;
    QStringView bare; // without the punctuation around it: "Wiśniewski," -> "Wiśniewski"
    bool commaAfter;
};

// The words of text[from, to), split at white space.
std::vector<Word> wordsOf(QStringView text, qsizetype from, qsizetype to)
{
    std::vector<Word> words;
    qsizetype i = from;
    while (i < to) {
        while (i < to && text.at(i).isSpace()) {
            ++i;
        }
        const qsizetype start = i;
        while (i < to && !text.at(i).isSpace()) {
            ++i;
        }
        if (start == i) {
            break;
        }
        qsizetype b = start;
        qsizetype e = i;
        while (b < e && text.at(b).isPunct()) {
            ++b;
        }
        while (e > b && text.at(e - 1).isPunct()) {
            --e;
        }
        words.push_back(Word{start, i, text.mid(b, e - b), text.at(i - 1) == u','});
    }
    return words;
}

class Attributor
{
public:
    Attributor(const Document &document, const AttributionLabels &labels, Result &result)
        : m_document(document)
        , m_text(document.text())
        , m_labels(labels)
        , m_result(result)
    {
    }

    void run(const QList<Annotation> &claims)
    {
        struct Quotation
        {
            qsizetype start; // UTF-16 [start, end) of the quote span
            qsizetype end;
            qsizetype index; // in m_result.spans
        };
        std::vector<Quotation> quotations;
        for (qsizetype i = 0; i < m_result.spans.size(); ++i) {
            const Annotation &span = m_result.spans.at(i);
            if (span.label == m_labels.quote && !span.isDiscontinuous()) {
                quotations.push_back({m_document.toUtf16(span.start).value, m_document.toUtf16(span.end).value, i});
            }
        }
        std::sort(quotations.begin(), quotations.end(),
                  [](const Quotation &a, const Quotation &b) { return a.start < b.start; });
        std::optional<Source> previous;
        qsizetype previousEnd = -1;
        std::vector<qsizetype> joinedAway;
        for (size_t q = 0; q < quotations.size(); ++q) {
            const qsizetype start = quotations[q].start;
            qsizetype end = quotations[q].end;
            const qsizetype open = openingMark(start);
            qsizetype close = closingMark(end);
            if (open < 0 || close < 0) {
                continue; // not a quotation between marks (a model's or a user's quote span)
            }
            std::optional<Source> source;
            if (attributionMayFollow(end, close)) {
                source = after(close + 1, QStringLiteral("the quotation"));
            }
            // “We are open,” the minister said, “to talks.”: the attribution ends with a comma at
            // the next quotation's opening mark, which goes on with the same words: one span in
            // two pieces (docs/FORMAT.md §6.9).
            if (source && q + 1 < quotations.size()) {
                const Quotation &next = quotations[q + 1];
                const qsizetype nextOpen = openingMark(next.start);
                const qsizetype nextClose = closingMark(next.end);
                if (nextOpen >= 0 && nextClose >= 0 && clauseEnd(close + 1) == nextOpen && commaBefore(nextOpen)) {
                    join(quotations[q].index, next.index);
                    joinedAway.push_back(next.index);
                    end = next.end;
                    close = nextClose;
                    ++q;
                }
            }
            if (!source) {
                source = before(open);
            }
            if (!source && previous && previousEnd >= 0 && !hasLineBreak(previousEnd, open) && startsSentence(open)) {
                source = previous;
                source->score = std::min(source->score, 0.6);
                source->reason = QStringLiteral("no attribution of its own; follows a quotation of the same "
                                                "paragraph attributed to “%1”")
                                     .arg(m_text.mid(source->start, source->end - source->start));
            }
            if (source) {
                relate(start, end, m_labels.quote, *source);
                previous = source;
                previousEnd = close + 1;
            }
        }
        std::sort(joinedAway.begin(), joinedAway.end(), std::greater<>());
        for (const qsizetype index : joinedAway) {
            m_result.spans.removeAt(index);
        }
        for (const Annotation &claim : claims) {
            if (!claim.isOrphan() && !claim.isDiscontinuous() && m_labels.claims.contains(claim.label)) {
                attributeClaim(claim);
            }
        }
    }

private:
    struct Source
    {
        qsizetype start;
        qsizetype end;
        double score;
        QString reason;
    };

    [[nodiscard]] bool hasLineBreak(qsizetype from, qsizetype to) const
    {
        for (qsizetype i = from; i < to; ++i) {
            if (isLineBreak(m_text.at(i))) {
                return true;
            }
        }
        return false;
    }

    // “…,” said X: a quotation that ends its sentence with a full stop (“…coffee.” The association
    // said…) is followed by another sentence; after ? or ! only a lower-case word continues it
    // (“Why?” she asked).
    [[nodiscard]] bool attributionMayFollow(qsizetype end, qsizetype close) const
    {
        const QChar last = end > 0 ? m_text.at(end - 1) : QChar();
        if (last == u'.' || last == u'\u2026') {
            return false;
        }
        if (last == u'?' || last == u'!') {
            qsizetype i = close + 1;
            while (i < m_text.size() && m_text.at(i).isSpace() && !isLineBreak(m_text.at(i))) {
                ++i;
            }
            return i < m_text.size() && m_text.at(i).isLower();
        }
        return true;
    }

    // Whether the quotation opened at `open` starts a sentence (not “nearly a third” inside one).
    [[nodiscard]] bool startsSentence(qsizetype open) const
    {
        qsizetype i = open;
        while (i > 0 && m_text.at(i - 1).isSpace() && !isLineBreak(m_text.at(i - 1))) {
            --i;
        }
        if (i == 0 || isLineBreak(m_text.at(i - 1))) {
            return true;
        }
        const QChar c = m_text.at(i - 1);
        return c == u'.' || c == u'!' || c == u'?' || isQuoteMark(c) || c == u'\u2019';
    }

    [[nodiscard]] bool commaBefore(qsizetype at) const
    {
        qsizetype i = at;
        while (i > 0 && m_text.at(i - 1).isSpace() && !isLineBreak(m_text.at(i - 1))) {
            --i;
        }
        return i > 0 && m_text.at(i - 1) == u',';
    }

    // Makes the quote suggestion at `first` one span of it and the one at `second`.
    void join(qsizetype first, qsizetype second)
    {
        const Annotation &a = m_result.spans.at(first);
        const Annotation &b = m_result.spans.at(second);
        const QList<Fragment> pieces{Fragment{a.start, a.end}, Fragment{b.start, b.end}};
        std::optional<double> score = a.score();
        if (b.score() && (!score || *b.score() < *score)) {
            score = b.score();
        }
        Annotation joined = makeSuggestion(m_document, a.start, b.end, a.label, a.source(), score,
                                           reason(a) + QStringLiteral(", in two pieces around its attribution"));
        joined.setFragments(pieces);
        joined.setText(Annotation::fragmentsText(m_document, pieces));
        m_result.spans[first] = joined;
    }

    // The quotation mark before a quote span's first character (white space between), or -1.
    [[nodiscard]] qsizetype openingMark(qsizetype start) const
    {
        qsizetype i = start - 1;
        while (i >= 0 && m_text.at(i).isSpace() && !isLineBreak(m_text.at(i))) {
            --i;
        }
        return i >= 0 && isQuoteMark(m_text.at(i)) ? i : -1;
    }

    // The closing mark after a quote span: its end, then white space and the attribution comma the
    // quotes rule leaves out ("…late,” said), or -1.
    [[nodiscard]] qsizetype closingMark(qsizetype end) const
    {
        qsizetype i = end;
        while (i < m_text.size() && (m_text.at(i) == u',' || (m_text.at(i).isSpace() && !isLineBreak(m_text.at(i))))) {
            ++i;
        }
        return i < m_text.size() && (isQuoteMark(m_text.at(i)) || m_text.at(i) == u'\u2019') ? i : -1;
    }

    [[nodiscard]] bool endsSentence(qsizetype i) const
    {
        const QChar c = m_text.at(i);
        if (c == u'!' || c == u'?' || c == u';') {
            return true;
        }
        if (c != u'.') {
            return false;
        }
        qsizetype b = i;
        while (b > 0 && m_text.at(b - 1).isLetter()) {
            --b;
        }
        const QStringView word = QStringView(m_text).mid(b, i - b);
        return !(isOneOf(word, Abbreviations) || (word.size() == 1 && word.at(0).isUpper()));
    }

    // Where the clause from `from` ends: at a quotation mark, a line break, a colon or the end of
    // a sentence, or ClauseReach later.
    [[nodiscard]] qsizetype clauseEnd(qsizetype from) const
    {
        const qsizetype limit = std::min(m_text.size(), from + ClauseReach);
        qsizetype i = from;
        while (i < limit && !isQuoteMark(m_text.at(i)) && !isLineBreak(m_text.at(i)) && m_text.at(i) != u':'
               && !endsSentence(i)) {
            ++i;
        }
        return i;
    }

    // Where the clause that ends at `to` starts, the same bounds looked for backwards.
    [[nodiscard]] qsizetype clauseStart(qsizetype to) const
    {
        const qsizetype limit = std::max<qsizetype>(0, to - ClauseReach);
        qsizetype i = to;
        while (i > limit) {
            const QChar c = m_text.at(i - 1);
            if (isQuoteMark(c) || c == u'\u2019' || isLineBreak(c) || c == u':' || endsSentence(i - 1)) {
                break;
            }
            --i;
        }
        return i;
    }

    [[nodiscard]] std::optional<Source> sourceOf(const std::vector<Word> &words, size_t first, size_t last,
                                                 double score, const QString &pattern) const
    {
        if (first >= last || last - first > size_t(MaxSourceWords)) {
            return std::nullopt;
        }
        qsizetype start = words[first].start;
        qsizetype end = words[last - 1].end;
        while (start < end && m_text.at(start).isPunct() && !isQuoteMark(m_text.at(start))) {
            ++start;
        }
        while (end > start && (m_text.at(end - 1) == u',' || m_text.at(end - 1) == u'.')
               && !(m_text.at(end - 1) == u'.' && !endsSentence(end - 1))) {
            --end;
        }
        if (start >= end || !m_text.at(start).isLetterOrNumber()) {
            return std::nullopt;
        }
        const bool pronoun = last - first == 1 && isOneOf(words[first].bare, Pronouns);
        QString reason = pattern;
        if (pronoun) {
            reason += QStringLiteral(" (a pronoun: who it is stands elsewhere)");
        }
        return Source{start, end, pronoun ? std::min(score, 0.5) : score, reason};
    }

    // What follows a closing mark, or a claim: “…,” said X / “…,” X said / “…,” according to X.
    [[nodiscard]] std::optional<Source> after(qsizetype from, const QString &what) const
    {
        const qsizetype to = clauseEnd(from);
        const std::vector<Word> words = wordsOf(m_text, from, to);
        if (words.empty()) {
            return std::nullopt;
        }
        if (isOneOf(words[0].bare, SpeechVerbs)) {
            if (words.size() < 2 || isOneOf(words[1].bare, NotSpeakers)) {
                return std::nullopt;
            }
            size_t last = 1;
            while (last < words.size() && !words[last - 1].commaAfter) {
                ++last;
            }
            return sourceOf(words, 1, last, 0.85,
                            QStringLiteral("“%1 X” after %2").arg(words[0].bare.toString(), what));
        }
        if (words.size() > 2 && words[0].bare.compare(u"according", Qt::CaseInsensitive) == 0
            && words[1].bare.compare(u"to", Qt::CaseInsensitive) == 0) {
            size_t last = 3;
            while (last < words.size() && !words[last - 1].commaAfter) {
                ++last;
            }
            return sourceOf(words, 2, last, 0.8, QStringLiteral("“according to X” after %1").arg(what));
        }
        for (size_t k = 1; k < words.size() && k <= size_t(MaxSourceWords); ++k) {
            if (isOneOf(words[k].bare, SpeechVerbs)) {
                return sourceOf(words, 0, k, 0.8, QStringLiteral("“X %1” after %2").arg(words[k].bare, what));
            }
        }
        return std::nullopt;
    }

    // What precedes an opening mark: X said: “…” / X told reporters, “…”.
    [[nodiscard]] std::optional<Source> before(qsizetype open) const
    {
        qsizetype j = open;
        while (j > 0 && m_text.at(j - 1).isSpace() && !isLineBreak(m_text.at(j - 1))) {
            --j;
        }
        if (j == 0 || (m_text.at(j - 1) != u':' && m_text.at(j - 1) != u',')) {
            return std::nullopt;
        }
        const qsizetype to = j - 1;
        const std::vector<Word> words = wordsOf(m_text, clauseStart(to), to);
        for (size_t k = words.size(); k-- > 0;) {
            if (words.size() - 1 - k > size_t(MaxWordsAfterVerb)) {
                break;
            }
            if (isOneOf(words[k].bare, SpeechVerbs)) {
                size_t first = 0;
                // "In a statement, the mayor said:" speaks through "the mayor".
                if (isOneOf(words[0].bare, Adverbials)) {
                    for (size_t w = 0; w + 1 < k; ++w) {
                        if (words[w].commaAfter) {
                            first = w + 1;
                            break;
                        }
                    }
                }
                return sourceOf(words, first, k, 0.85,
                                QStringLiteral("“X %1” before the quotation").arg(words[k].bare));
            }
        }
        return std::nullopt;
    }

    // According to X, CLAIM / X said (that) CLAIM / CLAIM, according to X / CLAIM, X said.
    void attributeClaim(const Annotation &claim)
    {
        const qsizetype start = m_document.toUtf16(claim.start).value;
        const qsizetype end = m_document.toUtf16(claim.end).value;
        const qsizetype from = clauseStart(start);
        const std::vector<Word> words = wordsOf(m_text, from, start);
        std::optional<Source> source;
        if (words.size() > 2 && words[0].bare.compare(u"according", Qt::CaseInsensitive) == 0
            && words[1].bare.compare(u"to", Qt::CaseInsensitive) == 0 && words.back().commaAfter) {
            source = sourceOf(words, 2, words.size(), 0.8, QStringLiteral("“according to X” before the claim"));
        } else if (!words.empty()) {
            size_t verb = words.size() - 1;
            if (words[verb].bare.compare(u"that", Qt::CaseInsensitive) == 0 && verb > 0) {
                --verb;
            }
            if (verb > 0 && isOneOf(words[verb].bare, SpeechVerbs)) {
                source =
                    sourceOf(words, 0, verb, 0.75, QStringLiteral("“X %1” before the claim").arg(words[verb].bare));
            }
        }
        if (!source && end < m_text.size() && !endsSentence(end - 1)) {
            qsizetype i = end;
            while (i < m_text.size() && (m_text.at(i) == u',' || m_text.at(i) == u' ')) {
                ++i;
            }
            if (i > end && m_text.at(end) == u',') {
                source = after(i, QStringLiteral("the claim"));
            }
        }
        if (source) {
            relate(start, end, claim.label, *source);
        }
    }

    void relate(qsizetype start, qsizetype end, const QString &label, const Source &source)
    {
        const CodePoint sourceStart = m_document.toCodePoint(Utf16Index(source.start));
        const CodePoint sourceEnd = m_document.toCodePoint(Utf16Index(source.end));
        const SpanKey to{sourceStart, sourceEnd, m_labels.source};
        const auto key = std::pair(source.start, source.end);
        if (!m_sources.contains(key)) {
            m_sources.insert(key, m_result.spans.size());
            m_result.spans.append(makeSuggestion(m_document, Utf16Index(source.start), Utf16Index(source.end),
                                                 m_labels.source, QStringLiteral("rule:quotes"), source.score,
                                                 QStringLiteral("speaker: ") + source.reason));
        }
        const SpanKey from{m_document.toCodePoint(Utf16Index(start)), m_document.toCodePoint(Utf16Index(end)), label};
        SuggestedRelation relation{m_labels.relation, from, to, source.reason};
        if (!m_result.relations.contains(relation)) {
            m_result.relations.append(relation);
        }
    }

    const Document &m_document;
    const QString &m_text;
    const AttributionLabels &m_labels;
    Result &m_result;
    QHash<std::pair<qsizetype, qsizetype>, qsizetype> m_sources;
};

} // namespace

std::optional<AttributionLabels> attributionLabels(const LabelSchema &schema, const QString &quoteLabel)
{
    for (const RelationLabel &relation : schema.relationLabels()) {
        if (!relation.from.isEmpty() && !relation.from.contains(quoteLabel)) {
            continue;
        }
        for (const Label &label : schema.labels()) {
            if (label.name != quoteLabel && !relation.to.isEmpty() && relation.to.contains(label.name)) {
                AttributionLabels labels{relation.name, label.name, quoteLabel, {}};
                for (const QString &from : relation.from) {
                    if (from != quoteLabel && from != label.name && schema.contains(from)) {
                        labels.claims.append(from);
                    }
                }
                return labels;
            }
        }
    }
    return std::nullopt;
}

void suggestAttributions(const Document &document, const AttributionLabels &labels, const QList<Annotation> &claims,
                         Result &result)
{
    Attributor(document, labels, result).run(claims);
    std::sort(result.spans.begin(), result.spans.end(), isBeforeInFileOrder);
}

} // namespace Scholiast::Suggest
