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
/// A paragraph is one line of the document without its line terminator. Each paragraph's height
/// starts as an estimate from its length and becomes exact once it has been laid out; a Fenwick
/// tree over the heights gives "y of paragraph p" and "paragraph at y" in O(log n), so that
/// nothing lays out the whole document. Layouts of recently painted paragraphs are cached.
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

    [[nodiscard]] qint64 paragraphCount() const { return qint64(m_starts.size()); }
    /// The paragraph's first character.
    [[nodiscard]] Utf16Index start(qint64 paragraph) const { return m_starts[size_t(paragraph)]; }
    /// Just past the paragraph's last character (before its line terminator).
    [[nodiscard]] Utf16Index end(qint64 paragraph) const { return m_ends[size_t(paragraph)]; }
    /// The paragraph's length in UTF-16 code units, terminator excluded.
    [[nodiscard]] qint64 length(qint64 paragraph) const { return end(paragraph) - start(paragraph); }
    /// The paragraph containing a position (a terminator belongs to the paragraph it ends).
    [[nodiscard]] qint64 paragraphAt(Utf16Index position) const;

    /// The paragraph's layout, laid out now if needed (which makes its height exact). The
    /// pointer is valid until the next call to layout().
    QTextLayout *layout(qint64 paragraph);
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
    /// Vertical offset of the text within a visual line (room for the span underlines below).
    [[nodiscard]] int textTop() const { return m_textTop; }

    /// Forgets every layout (the text's spans do not affect layout, so span edits never call it).
    void invalidate();

    /// Character formats (syntax colouring) for a paragraph, applied when it is laid out, that
    /// is only for the paragraphs painted or measured. Setting one forgets every layout.
    using Formatter = std::function<QList<QTextLayout::FormatRange>(qint64 paragraph)>;
    void setFormatter(Formatter formatter);

private:
    void rebuildHeights();
    [[nodiscard]] int estimate(qint64 paragraph) const;
    void setHeight(qint64 paragraph, int height);

    const Document *m_document = nullptr;
    QFont m_font;
    int m_width = 400;
    int m_lineHeight = 20;
    int m_textTop = 2;
    double m_averageCharWidth = 8.0;
    std::vector<Utf16Index> m_starts;
    std::vector<Utf16Index> m_ends;
    std::vector<int> m_heights;
    std::vector<qint64> m_tree; // Fenwick tree over m_heights, 1-based
    std::vector<bool> m_exact;
    QCache<qint64, QTextLayout> m_layouts;
    Formatter m_formatter;
};

} // namespace Scholiast
