// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "quotes.h"

#include <algorithm>
#include <vector>

namespace Scholiast::Suggest {

namespace {

constexpr char16_t Straight = u'"';
constexpr char16_t LeftDouble = u'\u201C'; // “
constexpr char16_t RightDouble = u'\u201D'; // ”
constexpr char16_t LowDouble = u'\u201E'; // „
constexpr char16_t LeftSingle = u'\u2018'; // ‘
constexpr char16_t RightSingle = u'\u2019'; // ’ (also the apostrophe)
constexpr char16_t LowSingle = u'\u201A'; // ‚
constexpr char16_t LeftGuillemet = u'\u00AB'; // «
constexpr char16_t RightGuillemet = u'\u00BB'; // »
constexpr char16_t LeftSingleGuillemet = u'\u2039'; // ‹
constexpr char16_t RightSingleGuillemet = u'\u203A'; // ›
constexpr char16_t CornerOpen = u'\u300C'; // 「
constexpr char16_t CornerClose = u'\u300D'; // 」
constexpr char16_t WhiteCornerOpen = u'\u300E'; // 『
constexpr char16_t WhiteCornerClose = u'\u300F'; // 』

struct Open
{
    qsizetype position; // UTF-16 index of the opening mark
    char16_t mark;
    int part = 1; // > 1 once reopened in a following paragraph
};

bool isLineBreak(QChar c)
{
    return c == u'\n' || c == u'\r';
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c.isMark();
}

// The marks that close a quotation opened with `open` (`, ”` for „ means both „“ and „”).
bool closes(char16_t open, char16_t close)
{
    switch (open) {
    case Straight:
        return close == Straight;
    case LeftDouble:
        return close == RightDouble;
    case RightDouble: // Swedish ”…”
        return close == RightDouble;
    case LowDouble:
        return close == LeftDouble || close == RightDouble;
    case LeftSingle:
        return close == RightSingle;
    case LowSingle:
        return close == LeftSingle || close == RightSingle;
    case LeftGuillemet:
        return close == RightGuillemet;
    case RightGuillemet:
        return close == LeftGuillemet;
    case LeftSingleGuillemet:
        return close == RightSingleGuillemet;
    case RightSingleGuillemet:
        return close == LeftSingleGuillemet;
    case CornerOpen:
        return close == CornerClose;
    case WhiteCornerOpen:
        return close == WhiteCornerClose;
    default:
        return false;
    }
}

double scoreFor(char16_t open)
{
    switch (open) {
    case Straight:
        return 0.9;
    case LeftSingle:
    case LowSingle:
    case LeftSingleGuillemet:
    case RightSingleGuillemet:
        return 0.8;
    default:
        return 0.95;
    }
}

class Scanner
{
public:
    Scanner(const Document &document, const QString &label)
        : m_document(document)
        , m_text(document.text())
        , m_label(label)
    {
    }

    Result run()
    {
        const qsizetype size = m_text.size();
        for (qsizetype i = 0; i < size; ++i) {
            const QChar c = m_text.at(i);
            if (isLineBreak(c)) {
                if (!m_stack.empty()) {
                    i = lineEnd(i);
                }
                continue;
            }
            const char16_t u = c.unicode();
            if (u < 0x80 && u != Straight) {
                continue; // the common case: plain ASCII
            }
            markAt(i, u);
        }
        while (!m_stack.empty()) {
            unclosed(m_stack.back(), QStringLiteral("before the end of the document"));
            m_stack.pop_back();
        }
        std::sort(m_result.spans.begin(), m_result.spans.end(), isBeforeInFileOrder);
        return std::move(m_result);
    }

private:
    [[nodiscard]] QChar before(qsizetype i) const { return i > 0 ? m_text.at(i - 1) : QChar(u' '); }
    [[nodiscard]] QChar after(qsizetype i) const { return i + 1 < m_text.size() ? m_text.at(i + 1) : QChar(u' '); }
    [[nodiscard]] bool opensHere(qsizetype i) const { return !after(i).isSpace(); }

    void markAt(qsizetype i, char16_t u)
    {
        const char16_t top = m_stack.empty() ? 0 : m_stack.back().mark;
        switch (u) {
        case Straight:
            if (top == Straight) {
                close(i, u);
            } else if (opensHere(i)) {
                open(i, u);
            } else if (!closeDeeper(i, u)) {
                stray(i, u);
            }
            break;
        case LeftDouble:
            if (top == LowDouble) {
                close(i, u);
            } else {
                open(i, u);
            }
            break;
        case RightDouble:
            if (closes(top, u)) {
                close(i, u);
            } else if (!closeDeeper(i, u)) {
                if (opensHere(i) && !isWordChar(before(i))) {
                    open(i, u);
                } else {
                    stray(i, u);
                }
            }
            break;
        case LowDouble:
        case CornerOpen:
        case WhiteCornerOpen:
            open(i, u);
            break;
        case CornerClose:
        case WhiteCornerClose:
            if (closes(top, u)) {
                close(i, u);
            } else if (!closeDeeper(i, u)) {
                stray(i, u);
            }
            break;
        case LeftGuillemet:
        case LeftSingleGuillemet:
        case RightGuillemet:
        case RightSingleGuillemet: {
            if (closes(top, u)) {
                close(i, u);
            } else if (closeDeeper(i, u)) {
                break;
            } else if ((u == LeftGuillemet || u == LeftSingleGuillemet) || opensHere(i)) {
                open(i, u); // « and ‹ open; » and › open only when text follows (»Text«)
            } else {
                stray(i, u);
            }
            break;
        }
        case LeftSingle:
            if (top == LowSingle) {
                close(i, u);
            } else if (!isWordChar(before(i)) && opensHere(i)) {
                open(i, u);
            }
            break;
        case RightSingle:
            // Closes an open ‘ only where it cannot be an apostrophe: not inside a word.
            if ((top == LeftSingle || top == LowSingle) && !before(i).isSpace() && !isWordChar(after(i))) {
                close(i, u);
            }
            break;
        case LowSingle:
            if (!isWordChar(before(i)) && isWordChar(after(i))) {
                open(i, u);
            }
            break;
        default:
            break;
        }
    }

    void open(qsizetype i, char16_t mark) { m_stack.push_back(Open{i, mark}); }

    void close(qsizetype i, char16_t mark)
    {
        const Open o = m_stack.back();
        m_stack.pop_back();
        emitSpan(o, i, QString(QChar(mark)), false);
    }

    // A closing mark for a quotation below the innermost one: the inner ones were never closed.
    bool closeDeeper(qsizetype i, char16_t mark)
    {
        for (auto it = m_stack.rbegin(); it != m_stack.rend(); ++it) {
            if (closes(it->mark, mark)) {
                while (!closes(m_stack.back().mark, mark)) {
                    unclosed(m_stack.back(),
                             QStringLiteral("before the closing %1 of the quotation around it").arg(QChar(mark)));
                    m_stack.pop_back();
                }
                close(i, mark);
                return true;
            }
        }
        return false;
    }

    void emitSpan(const Open &o, qsizetype closeAt, const QString &closeMark, bool continues)
    {
        qsizetype start = o.position + 1;
        qsizetype end = closeAt;
        trimWhiteSpace(m_text, start, end);
        // The comma before a closing mark belongs to the attribution ("…next year,” she said).
        if (!continues && end > start && m_text.at(end - 1) == u',') {
            --end;
            trimWhiteSpace(m_text, start, end);
        }
        if (start >= end) {
            return;
        }
        QString reason = continues ? QStringLiteral("text after %1, continued in the next paragraph").arg(QChar(o.mark))
                                   : QStringLiteral("text between %1 and %2").arg(QChar(o.mark), closeMark);
        if (o.part > 1) {
            reason += QStringLiteral(" (part %1 of a quotation over several paragraphs)").arg(o.part);
        }
        if (m_stack.size() > (continues ? 1u : 0u)) {
            reason += QStringLiteral(" (nested in another quotation)");
        }
        m_result.spans.append(makeSuggestion(m_document, Utf16Index(start), Utf16Index(end), m_label,
                                             QStringLiteral("rule:quotes"), scoreFor(o.mark), reason));
    }

    Diagnostic warningAt(qsizetype utf16, const QString &message) const
    {
        const CodePoint at = m_document.toCodePoint(Utf16Index(utf16));
        const LineColumn lc = m_document.lineColumn(at);
        Diagnostic d = Diagnostic::warning(m_document.path(), message);
        d.line = lc.line;
        d.column = lc.column;
        d.offset = at.value;
        d.unit = Diagnostic::OffsetUnit::CodePoints;
        return d;
    }

    void unclosed(const Open &o, const QString &where)
    {
        m_result.diagnostics.append(
            warningAt(o.position,
                      QStringLiteral("unbalanced quotation mark %1: not closed %2; no suggestion made")
                          .arg(QChar(o.mark), where)));
    }

    void stray(qsizetype i, char16_t mark)
    {
        m_result.diagnostics.append(
            warningAt(i,
                      QStringLiteral("unbalanced quotation mark %1: closes no open quotation; no suggestion made")
                          .arg(QChar(mark))));
    }

    // At a line break with quotations open: a quotation reopened at the start of the next
    // paragraph continues; one left open at a paragraph end is reported; a line that ends inside
    // a paragraph (hard-wrapped text) keeps it open. Returns where scanning goes on.
    qsizetype lineEnd(qsizetype i)
    {
        const qsizetype size = m_text.size();
        qsizetype j = i;
        int breaks = 0;
        while (j < size && m_text.at(j).isSpace()) {
            if (m_text.at(j) == u'\n' || (m_text.at(j) == u'\r' && (j + 1 >= size || m_text.at(j + 1) != u'\n'))) {
                ++breaks;
            }
            ++j;
        }
        const bool paragraphEnds = breaks > 1 || j >= size;
        Open &outer = m_stack.front();
        const bool reopened = j < size && m_text.at(j) == QChar(outer.mark);
        if (reopened) {
            while (m_stack.size() > 1) {
                unclosed(m_stack.back(), QStringLiteral("before the end of the paragraph"));
                m_stack.pop_back();
            }
            emitSpan(outer, i, QString(), true);
            outer.position = j;
            ++outer.part;
            return j;
        }
        if (paragraphEnds) {
            while (!m_stack.empty()) {
                unclosed(m_stack.back(), QStringLiteral("before the end of the paragraph"));
                m_stack.pop_back();
            }
            return j - 1;
        }
        return i;
    }

    const Document &m_document;
    const QString &m_text;
    QString m_label;
    std::vector<Open> m_stack;
    Result m_result;
};

} // namespace

Result suggestQuotes(const Document &document, const QString &label)
{
    return Scanner(document, label).run();
}

} // namespace Scholiast::Suggest
