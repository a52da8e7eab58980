// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editing/annotationdocument.h"
#include "offsets.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <utility>

namespace Scholiast {

/// The AnnotationView's caret and selection (KTextEditor keeps them apart from its renderer and
/// its input widget too): a caret and an anchor in UTF-16, the units of the view's layouts,
/// never between the halves of a surrogate pair, and the word snapping a label key tags with.
/// No painting, no layout: what depends on lines on screen is the view's.
class CursorSelectionModel : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CursorSelectionModel)

public:
    explicit CursorSelectionModel(QObject *parent = nullptr);

    /// The document positions count in (nullptr: an empty text). Puts caret and anchor at the
    /// start without signals: the view announces the new document itself.
    void reset(AnnotationDocument *document);

    [[nodiscard]] Utf16Index cursor() const { return m_cursor; }
    [[nodiscard]] Utf16Index anchor() const { return m_anchor; }
    [[nodiscard]] bool hasSelection() const { return m_anchor != m_cursor; }
    [[nodiscard]] Utf16Index selectionStart() const { return std::min(m_anchor, m_cursor); }
    [[nodiscard]] Utf16Index selectionEnd() const { return std::max(m_anchor, m_cursor); }

    [[nodiscard]] CodePoint cursorPosition() const { return toCodePoint(m_cursor); }
    [[nodiscard]] CodePoint anchorPosition() const { return toCodePoint(m_anchor); }
    /// The selection, start <= end.
    [[nodiscard]] CodePointRange selection() const;
    /// The selection snapped to whole words when snapping is on (whitespace at its ends trimmed).
    [[nodiscard]] CodePointRange snappedSelection() const;
    [[nodiscard]] QString selectedText() const;

    [[nodiscard]] bool snapToWords() const { return m_snapToWords; }
    void setSnapToWords(bool snap) { m_snapToWords = snap; }

    /// Moves the caret (clamped to the text); with keepAnchor the selection extends to it.
    void moveCursor(Utf16Index position, bool keepAnchor);
    /// Selects from `anchor` to `cursor`.
    void select(Utf16Index anchor, Utf16Index cursor);
    void selectAll();
    /// Selects the word at a position (a double click).
    void selectWordAt(Utf16Index position);
    /// After a mouse selection: shows the selection a label key would tag, snapped to words
    /// when snapping is on, keeping its direction.
    void snapSelection();

    [[nodiscard]] Utf16Index toUtf16(CodePoint position) const;
    [[nodiscard]] CodePoint toCodePoint(Utf16Index position) const;

    /// Trims whitespace at the ends of [from, to) and extends each end that falls inside a
    /// word to the word's boundary.
    [[nodiscard]] static std::pair<Utf16Index, Utf16Index> snapRange(const QString &text, Utf16Index from,
                                                                     Utf16Index to);
    /// Letters, digits, marks, '_', and an apostrophe between two of them.
    [[nodiscard]] static bool isWordChar(const QString &text, qint64 i);
    /// Whether units i - 1 and i belong to one word, so that no selection edge snaps between
    /// them: the halves of a surrogate pair, a combining mark and its base, and two word
    /// characters, except in scripts written without spaces (Han, kana, Thai, Khmer, ...), where
    /// a word is not marked in the text and each character (grapheme cluster) stands alone.
    [[nodiscard]] static bool isInsideWord(const QString &text, qint64 i);
    /// A span edge dragged to `position` with the mouse, snapped like a selection when snapping
    /// is on: a start moves back to its word's start, an end (`end`) on to its word's end.
    [[nodiscard]] Utf16Index snapEdge(Utf16Index position, bool end) const;
    /// Where a span's start or end (`end`) moves by one word in `direction`: an end to the end of
    /// a word, a start to the start of one. `oneCharacter` steps one character as the layout does.
    [[nodiscard]] Utf16Index wordEdgeStep(Utf16Index position, int direction, bool end,
                                          const std::function<Utf16Index(Utf16Index, int)> &oneCharacter) const;

Q_SIGNALS:
    void cursorPositionChanged();
    void selectionChanged();

private:
    [[nodiscard]] const QString &text() const;

    QPointer<AnnotationDocument> m_document;
    Utf16Index m_cursor;
    Utf16Index m_anchor;
    bool m_snapToWords = true;
};

} // namespace Scholiast
