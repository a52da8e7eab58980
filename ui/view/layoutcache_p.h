// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "offsets.h"

#include <QCache>
#include <QFont>
#include <QTextLayout>

#include <functional>
#include <vector>

namespace Scholiast {

class Document;

/// The geometry of the text view, kept apart from the painter (KTextEditor's KateLayoutCache).
///
/// A paragraph is one layout block: a line of the document without its line terminator, or,
/// for a line longer than maxBlockLength() UTF-16 units, one piece of it (issue 17: a 20 MB line
/// laid out as one QTextLayout takes seconds and hundreds of megabytes). A long line is cut at
/// the last line-break opportunity in the second half of the bound (after a space, between two
/// ideographs), else at the last grapheme boundary, never inside a surrogate pair or a grapheme
/// cluster; the pieces' offsets are exact UTF-16 indices into the document like a line's, so
/// a position between two pieces belongs to the second (paragraphAt()).
///
/// Each paragraph's height starts as an estimate from its length and becomes exact once it has
/// been laid out; a Fenwick tree over the heights gives "y of paragraph p" and "paragraph at y"
/// in O(log n), so that nothing lays out the whole document. Layouts of recently painted
/// paragraphs are cached.
class LayoutCache
{
public:
    LayoutCache();

    void setDocument(const Document *document);
    void setFont(const QFont &font);
    [[nodiscard]] const QFont &font() const { return m_font; }
    /// The wrap width in pixels.
    void setWidth(int width);
    [[nodiscard]] int width() const { return m_width; }

    /// Lines longer than this are laid out in pieces of at most this many UTF-16 units.
    static constexpr qint64 DefaultMaxBlockLength = 4096;
    /// Sets the bound (at least 16; tests lower it) and cuts the document's lines again.
    void setMaxBlockLength(qint64 length);
    [[nodiscard]] qint64 maxBlockLength() const { return m_maxBlockLength; }

    [[nodiscard]] qint64 paragraphCount() const { return qint64(m_starts.size()); }
    /// The document's lines (a line cut into pieces counts once).
    [[nodiscard]] qint64 lineCount() const;
    /// The document line (0-based) a paragraph is in.
    [[nodiscard]] qint64 lineOf(qint64 paragraph) const;
    /// Whether the paragraph begins its line (false for the second and later pieces of a line).
    [[nodiscard]] bool isLineStart(qint64 paragraph) const;
    /// Whether the paragraph's line goes on in the next paragraph (its end is no line end).
    [[nodiscard]] bool continues(qint64 paragraph) const;
    /// The first and the last paragraph of the paragraph's line.
    [[nodiscard]] qint64 firstOfLine(qint64 paragraph) const;
    [[nodiscard]] qint64 lastOfLine(qint64 paragraph) const;
    /// The paragraph's first character.
    [[nodiscard]] Utf16Index start(qint64 paragraph) const { return m_starts[size_t(paragraph)]; }
    /// Just past the paragraph's last character (before its line terminator; the next piece's
    /// start when the line continues).
    [[nodiscard]] Utf16Index end(qint64 paragraph) const { return m_ends[size_t(paragraph)]; }
    /// The paragraph's length in UTF-16 code units, terminator excluded.
    [[nodiscard]] qint64 length(qint64 paragraph) const { return end(paragraph) - start(paragraph); }
    /// The paragraph containing a position (a terminator belongs to the paragraph it ends).
    [[nodiscard]] qint64 paragraphAt(Utf16Index position) const;

    /// The paragraph's layout, laid out now if needed (which makes its height exact). The
    /// pointer is valid until the next call to layout().
    QTextLayout *layout(qint64 paragraph);
    /// The paragraph laid out as layout() lays it out, each syntax colour through `recolor`:
    /// what the view draws over span fills on dark themes (ColorTheme::syntaxOverFills()), in one
    /// pass, clipped to the fills. Cached like layout(); `recolor` must stay the same until the
    /// cache is invalidated (a theme change sets the formatter again). Calls layout(paragraph),
    /// so a pointer from layout() stays valid only for this same paragraph.
    QTextLayout *overFillLayout(qint64 paragraph, const std::function<QColor(const QColor &)> &recolor);
    /// Exact height (lays the paragraph out).
    int height(qint64 paragraph);
    /// Current height: exact when laid out, otherwise estimated.
    [[nodiscard]] int knownHeight(qint64 paragraph) const { return m_heights[size_t(paragraph)]; }
    /// y of the paragraph's top edge from the document's top, from current heights.
    [[nodiscard]] qint64 y(qint64 paragraph) const;
    [[nodiscard]] qint64 totalHeight() const { return y(paragraphCount()); }
    /// The paragraph whose current extent contains `y` (clamped).
    [[nodiscard]] qint64 paragraphAtY(qint64 y) const;

    /// Height of one visual line, tint and underlines included.
    [[nodiscard]] int lineHeight() const { return m_lineHeight; }
    /// Vertical offset of the text within a visual line (room for the span underlines below,
    /// and for the label tags when they are shown).
    [[nodiscard]] int textTop() const { return m_textTop; }

    /// Rows of label tags above each visual line (0: none); changes the line height, so it
    /// forgets every layout.
    void setTagRows(int rows);
    [[nodiscard]] int tagRows() const { return m_tagRows; }
    /// The pixels the tag rows take above a line (0 without them). An empty paragraph (a blank
    /// line) has none: a span never starts there but by covering the line break itself, and
    /// such a span goes without a tag, so blank lines between paragraphs stay blank lines.
    [[nodiscard]] int tagBand() const { return m_tagBand; }
    /// The height of an empty paragraph: one line without the tag rows.
    [[nodiscard]] int emptyLineHeight() const { return m_lineHeight - m_tagBand; }
    /// The font of the label tags: the text's, smaller.
    [[nodiscard]] const QFont &tagFont() const { return m_tagFont; }
    /// Height of one row of tags, including the pixel between rows.
    [[nodiscard]] int tagRowHeight() const { return m_tagRowHeight; }
    /// Pixels between the lowest row of tags and the text below it.
    static constexpr int TagGap = 3;

    /// The pixel size colour emoji are drawn at: as large as fits the text font's ascent and
    /// descent, so that a line with an emoji is as high as one without (0: the font's own).
    [[nodiscard]] int emojiPixelSize() const { return m_emojiPixelSize; }

    /// Forgets every layout (the text's spans do not affect layout, so span edits never call it).
    void invalidate();

    /// Character formats (syntax colouring) for a paragraph, applied when it is laid out, that
    /// is only for the paragraphs painted or measured. Setting one forgets every layout.
    using Formatter = std::function<QList<QTextLayout::FormatRange>(qint64 paragraph)>;
    void setFormatter(Formatter formatter);

private:
    /// A line cut into the paragraphs first..last; `extraBefore` counts the pieces beyond the
    /// first of every earlier cut line, so that paragraph - extra gives the line.
    struct CutLine
    {
        qint64 first;
        qint64 last;
        qint64 extraBefore;
    };

    void split();
    void appendLine(qint64 start, qint64 end);
    [[nodiscard]] const CutLine *cutLineAtOrBefore(qint64 paragraph) const;
    void rebuildHeights();
    [[nodiscard]] int estimate(qint64 paragraph) const;
    void setHeight(qint64 paragraph, int height);
    void updateLineMetrics();
    void updateEmojiFont();
    /// The emoji format over each emoji sequence of a paragraph's text.
    [[nodiscard]] QList<QTextLayout::FormatRange> emojiFormats(QStringView text) const;

    const Document *m_document = nullptr;
    QFont m_font;
    int m_width = 400;
    int m_lineHeight = 20;
    int m_textTop = 2;
    int m_tagBand = 0;
    int m_textHeight = 16;
    QFont m_tagFont;
    int m_tagRows = 0;
    int m_tagRowHeight = 12;
    QString m_emojiFamily; // empty: the text font draws emoji itself, or none was found
    int m_emojiPixelSize = 0;
    double m_averageCharWidth = 8.0;
    std::vector<Utf16Index> m_starts;
    std::vector<Utf16Index> m_ends;
    std::vector<CutLine> m_cutLines; // sorted; empty unless a line is longer than the bound
    qint64 m_maxBlockLength = DefaultMaxBlockLength;
    std::vector<int> m_heights;
    std::vector<qint64> m_tree; // Fenwick tree over m_heights, 1-based
    std::vector<bool> m_exact;
    // A new layout of a paragraph's text with `formats`, laid out; its height in `height` if given.
    [[nodiscard]] QTextLayout *makeLayout(const QString &text, const QList<QTextLayout::FormatRange> &formats,
                                          int *height) const;

    QCache<qint64, QTextLayout> m_layouts;
    QCache<qint64, QTextLayout> m_overFillLayouts;
    Formatter m_formatter;
};

} // namespace Scholiast
