// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cursorselectionmodel.h"

#include <algorithm>

namespace Scholiast {

CursorSelectionModel::CursorSelectionModel(QObject *parent)
    : QObject(parent)
{
}

void CursorSelectionModel::reset(AnnotationDocument *document)
{
    m_document = document;
    m_cursor = m_anchor = Utf16Index(0);
}

const QString &CursorSelectionModel::text() const
{
    static const QString empty;
    return m_document ? m_document->document().text() : empty;
}

Utf16Index CursorSelectionModel::toUtf16(CodePoint position) const
{
    return m_document ? m_document->document().toUtf16(position) : Utf16Index(0);
}

CodePoint CursorSelectionModel::toCodePoint(Utf16Index position) const
{
    return m_document ? m_document->document().toCodePoint(position) : CodePoint(0);
}

CodePointRange CursorSelectionModel::selection() const
{
    return {toCodePoint(selectionStart()), toCodePoint(selectionEnd())};
}

CodePointRange CursorSelectionModel::snappedSelection() const
{
    if (!m_document || !m_snapToWords) {
        return selection();
    }
    const auto [from, to] = snapRange(text(), selectionStart(), selectionEnd());
    return {toCodePoint(from), toCodePoint(to)};
}

QString CursorSelectionModel::selectedText() const
{
    if (!m_document) {
        return {};
    }
    return text().mid(selectionStart().value, selectionEnd() - selectionStart());
}

void CursorSelectionModel::moveCursor(Utf16Index position, bool keepAnchor)
{
    position = std::clamp(position, Utf16Index(0), Utf16Index(text().size()));
    if (m_document && !m_document->document().isBoundary(position)) {
        position = position - 1; // never between the halves of a surrogate pair
    }
    const bool hadSelection = hasSelection();
    const Utf16Index oldAnchor = m_anchor;
    const bool moved = position != m_cursor;
    m_cursor = position;
    if (!keepAnchor) {
        m_anchor = position;
    }
    if (moved) {
        Q_EMIT cursorPositionChanged();
    }
    if (hadSelection != hasSelection() || (hasSelection() && (moved || oldAnchor != m_anchor))) {
        Q_EMIT selectionChanged();
    }
}

void CursorSelectionModel::select(Utf16Index anchor, Utf16Index cursor)
{
    m_anchor = anchor;
    moveCursor(cursor, true);
}

void CursorSelectionModel::selectAll()
{
    select(Utf16Index(0), Utf16Index(text().size()));
}

void CursorSelectionModel::selectWordAt(Utf16Index position)
{
    const auto [from, to] = snapRange(text(), position, std::min(position + 1, Utf16Index(text().size())));
    select(from, to);
}

void CursorSelectionModel::snapSelection()
{
    if (!m_snapToWords || !hasSelection()) {
        return;
    }
    const bool forward = m_cursor > m_anchor;
    const auto [from, to] = snapRange(text(), selectionStart(), selectionEnd());
    select(forward ? from : to, forward ? to : from);
    Q_EMIT selectionChanged();
}

bool CursorSelectionModel::isWordChar(const QString &text, qint64 i)
{
    if (i < 0 || i >= text.size()) {
        return false;
    }
    const QChar c = text.at(i);
    char32_t ucs = c.unicode();
    if (c.isHighSurrogate() && i + 1 < text.size()) {
        ucs = QChar::surrogateToUcs4(c, text.at(i + 1));
    } else if (c.isLowSurrogate() && i > 0) {
        ucs = QChar::surrogateToUcs4(text.at(i - 1), c);
    }
    if (QChar::isLetterOrNumber(ucs) || QChar::isMark(ucs) || ucs == U'_') {
        return true;
    }
    // An apostrophe inside a word ("don't", "O’Brien") belongs to it.
    if (ucs == U'\'' || ucs == U'\u2019') {
        return i > 0 && i + 1 < text.size() && text.at(i - 1).isLetterOrNumber() && text.at(i + 1).isLetterOrNumber();
    }
    return false;
}

namespace {
char32_t codePointAt(const QString &text, qint64 i)
{
    const QChar c = text.at(i);
    if (c.isHighSurrogate() && i + 1 < text.size()) {
        return QChar::surrogateToUcs4(c, text.at(i + 1));
    }
    if (c.isLowSurrogate() && i > 0) {
        return QChar::surrogateToUcs4(text.at(i - 1), c);
    }
    return c.unicode();
}

// Scripts whose words are not separated by spaces: a word edge there needs a dictionary, so a
// selection edge stays where the user put it, on a character.
bool writtenWithoutSpaces(char32_t ucs)
{
    switch (QChar::script(ucs)) {
    case QChar::Script_Han:
    case QChar::Script_Hiragana:
    case QChar::Script_Katakana:
    case QChar::Script_Bopomofo:
    case QChar::Script_Yi:
    case QChar::Script_Thai:
    case QChar::Script_Lao:
    case QChar::Script_Khmer:
    case QChar::Script_Myanmar:
    case QChar::Script_Tibetan:
    case QChar::Script_TaiTham:
    case QChar::Script_NewTaiLue:
    case QChar::Script_TaiLe:
    case QChar::Script_Javanese:
    case QChar::Script_Balinese:
        return true;
    default:
        return false;
    }
}
} // namespace

bool CursorSelectionModel::isInsideWord(const QString &text, qint64 i)
{
    if (i <= 0 || i >= text.size()) {
        return false;
    }
    if (text.at(i).isLowSurrogate() && text.at(i - 1).isHighSurrogate()) {
        return true;
    }
    if (!isWordChar(text, i - 1) || !isWordChar(text, i)) {
        return false;
    }
    const char32_t after = codePointAt(text, i);
    if (QChar::isMark(after)) {
        return true; // a combining mark stays with its base, in every script
    }
    return !writtenWithoutSpaces(codePointAt(text, i - 1)) && !writtenWithoutSpaces(after);
}

Utf16Index CursorSelectionModel::snapEdge(Utf16Index position, bool end) const
{
    const QString &text = this->text();
    qint64 p = std::clamp<qint64>(position.value, 0, text.size());
    if (!m_snapToWords) {
        if (p > 0 && p < text.size() && text.at(p).isLowSurrogate()) {
            --p;
        }
        return Utf16Index(p);
    }
    while (isInsideWord(text, p)) {
        p += end ? 1 : -1;
    }
    return Utf16Index(p);
}

std::pair<Utf16Index, Utf16Index> CursorSelectionModel::snapRange(const QString &text, Utf16Index start,
                                                                  Utf16Index stop)
{
    qint64 from = start.value;
    qint64 to = stop.value;
    while (from < to && text.at(from).isSpace()) {
        ++from;
    }
    while (to > from && text.at(to - 1).isSpace()) {
        --to;
    }
    if (from == to) {
        return {Utf16Index(from), Utf16Index(to)};
    }
    while (isInsideWord(text, from)) {
        --from;
    }
    while (isInsideWord(text, to)) {
        ++to;
    }
    return {Utf16Index(from), Utf16Index(to)};
}

Utf16Index CursorSelectionModel::wordEdgeStep(Utf16Index position, int direction, bool end,
                                              const std::function<Utf16Index(Utf16Index, int)> &oneCharacter) const
{
    const QString &text = this->text();
    const qint64 size = text.size();
    const qint64 origin = position.value;
    qint64 p = origin;
    auto space = [&](qint64 i) { return i >= 0 && i < size && text.at(i).isSpace(); };
    auto word = [&](qint64 i) { return isWordChar(text, i); };
    auto step = [&](qint64 from, int by) { return oneCharacter(Utf16Index(from), by).value; };
    // Past the word that starts at p (forward) or ends at p (back); in scripts without spaces
    // a "word" is one character.
    auto wordAfter = [&](qint64 at) {
        do {
            ++at;
        } while (isInsideWord(text, at));
        return at;
    };
    auto wordBefore = [&](qint64 at) {
        do {
            --at;
        } while (isInsideWord(text, at));
        return at;
    };
    const bool forward = direction > 0;
    if (end && forward) {
        while (space(p)) {
            ++p;
        }
        if (word(p)) {
            p = wordAfter(p);
        } else if (p < size) {
            p = step(p, 1);
        }
    } else if (end) {
        if (word(p - 1)) {
            p = wordBefore(p);
        } else if (p > 0) {
            p = step(p, -1);
        }
        while (space(p - 1)) {
            --p;
        }
    } else if (!forward) {
        while (space(p - 1)) {
            --p;
        }
        if (word(p - 1)) {
            p = wordBefore(p);
        } else if (p > 0) {
            p = step(p, -1);
        }
    } else {
        if (word(p)) {
            p = wordAfter(p);
        } else if (p < size) {
            p = step(p, 1);
        }
        while (space(p)) {
            ++p;
        }
    }
    return Utf16Index(p);
}

} // namespace Scholiast
