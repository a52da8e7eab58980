// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "layoutcache_p.h"

#include "document.h"

#include <QFontDatabase>
#include <QFontInfo>
#include <QFontMetricsF>
#include <QTextBoundaryFinder>
#include <QTextOption>

#include <algorithm>
#include <cmath>

namespace Scholiast {

namespace {
// Paragraphs whose layouts are kept: a few screens' worth, whatever the document's size.
constexpr int CachedLayouts = 400;
// Units analysed past the bound, so that whether the bound itself is a boundary is known.
constexpr qint64 CutLookahead = 32;

// Where the piece of a long line that starts at `from` (a grapheme boundary: the line's start
// or an earlier cut) ends, within `bound` units: the last line-break opportunity in the bound's
// second half that is also a grapheme boundary, else the last grapheme boundary, else (one
// cluster longer than the bound) the last code point boundary.
qint64 cutAfter(const QString &text, qint64 from, qint64 lineEnd, qint64 bound)
{
    // Prose first, without the Unicode tables (they cost more than the rest of opening): after an
    // ASCII space or tab and before a character below U+0300, which neither extends a cluster
    // nor follows a cluster it could belong to, is a grapheme boundary and a break opportunity.
    for (qint64 p = from + bound; p >= from + bound / 2; --p) {
        const char16_t before = text.at(p - 1).unicode();
        const char16_t after = text.at(p).unicode();
        if ((before == u' ' || before == u'\t') && after < 0x300 && after != u' ' && after != u'\t') {
            return p;
        }
    }
    const QStringView window = QStringView(text).mid(from, std::min(lineEnd, from + bound + CutLookahead) - from);
    QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, window);
    QTextBoundaryFinder breaks(QTextBoundaryFinder::Line, window);
    breaks.setPosition(bound);
    for (qsizetype p = breaks.isAtBoundary() ? bound : breaks.toPreviousBoundary(); p >= bound / 2;
         p = breaks.toPreviousBoundary()) {
        graphemes.setPosition(p);
        if (graphemes.isAtBoundary()) {
            return from + p;
        }
    }
    graphemes.setPosition(bound);
    const qsizetype p = graphemes.isAtBoundary() ? bound : graphemes.toPreviousBoundary();
    if (p > 0) {
        return from + p;
    }
    return from + bound - (text.at(from + bound - 1).isHighSurrogate() ? 1 : 0);
}
// Whether a code point belongs to an emoji sequence: the pictographs, flags, skin tones and tags
// of the supplementary planes, and the joiner, variation selector 16 and keycap that glue them.
bool isEmoji(char32_t c)
{
    return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0xE0020 && c <= 0xE007F);
}

bool isEmojiGlue(char32_t c)
{
    return c == 0x200D || c == 0xFE0F || c == 0x20E3;
}
} // namespace

LayoutCache::LayoutCache()
    : m_layouts(CachedLayouts)
    , m_overFillLayouts(CachedLayouts)
{
    setDocument(nullptr);
}

void LayoutCache::setDocument(const Document *document)
{
    m_document = document;
    split();
}

void LayoutCache::setMaxBlockLength(qint64 length)
{
    m_maxBlockLength = std::max<qint64>(length, 16);
    split();
}

void LayoutCache::split()
{
    m_starts.clear();
    m_ends.clear();
    m_cutLines.clear();
    if (m_document) {
        const qint64 lines = m_document->lineCount();
        m_starts.reserve(size_t(lines));
        m_ends.reserve(size_t(lines));
        // Lines ascend: each bound is stepped to from the last, not searched for, and the line
        // ends come from the document's index, not from reading the text at each (a search and a
        // cache miss per line were 75 ms of opening a 50 MB document, issue 17).
        Document::Utf16Cursor starts(*m_document);
        Document::Utf16Cursor ends(*m_document);
        for (qint64 line = 1; line <= lines; ++line) {
            appendLine(starts.toUtf16(m_document->lineStart(line)).value,
                       ends.toUtf16(m_document->lineEnd(line)).value);
        }
    }
    if (m_starts.empty()) {
        m_starts.push_back(Utf16Index(0));
        m_ends.push_back(Utf16Index(0));
    }
    invalidate();
}

void LayoutCache::appendLine(qint64 start, qint64 end)
{
    if (end - start <= m_maxBlockLength) {
        m_starts.push_back(Utf16Index(start));
        m_ends.push_back(Utf16Index(end));
        return;
    }
    const QString &text = m_document->text();
    CutLine cut{qint64(m_starts.size()), 0, 0};
    if (!m_cutLines.empty()) {
        const CutLine &previous = m_cutLines.back();
        cut.extraBefore = previous.extraBefore + previous.last - previous.first;
    }
    while (end - start > m_maxBlockLength) {
        const qint64 pieceEnd = cutAfter(text, start, end, m_maxBlockLength);
        m_starts.push_back(Utf16Index(start));
        m_ends.push_back(Utf16Index(pieceEnd));
        start = pieceEnd;
    }
    m_starts.push_back(Utf16Index(start));
    m_ends.push_back(Utf16Index(end));
    cut.last = qint64(m_starts.size()) - 1;
    m_cutLines.push_back(cut);
}

const LayoutCache::CutLine *LayoutCache::cutLineAtOrBefore(qint64 paragraph) const
{
    const auto it = std::upper_bound(m_cutLines.begin(), m_cutLines.end(), paragraph,
                                     [](qint64 p, const CutLine &cut) { return p < cut.first; });
    return it == m_cutLines.begin() ? nullptr : &*(it - 1);
}

qint64 LayoutCache::lineCount() const
{
    if (m_cutLines.empty()) {
        return paragraphCount();
    }
    const CutLine &last = m_cutLines.back();
    return paragraphCount() - (last.extraBefore + last.last - last.first);
}

qint64 LayoutCache::lineOf(qint64 paragraph) const
{
    const CutLine *cut = cutLineAtOrBefore(paragraph);
    if (!cut) {
        return paragraph;
    }
    if (paragraph <= cut->last) {
        return cut->first - cut->extraBefore;
    }
    return paragraph - cut->extraBefore - (cut->last - cut->first);
}

bool LayoutCache::isLineStart(qint64 paragraph) const
{
    const CutLine *cut = cutLineAtOrBefore(paragraph);
    return !cut || paragraph == cut->first || paragraph > cut->last;
}

bool LayoutCache::continues(qint64 paragraph) const
{
    const CutLine *cut = cutLineAtOrBefore(paragraph);
    return cut && paragraph < cut->last;
}

qint64 LayoutCache::firstOfLine(qint64 paragraph) const
{
    const CutLine *cut = cutLineAtOrBefore(paragraph);
    return cut && paragraph <= cut->last ? cut->first : paragraph;
}

qint64 LayoutCache::lastOfLine(qint64 paragraph) const
{
    const CutLine *cut = cutLineAtOrBefore(paragraph);
    return cut && paragraph <= cut->last ? cut->last : paragraph;
}

void LayoutCache::setFont(const QFont &font)
{
    m_font = font;
    const QFontMetricsF metrics(font);
    m_averageCharWidth = std::max(1.0, metrics.averageCharWidth());
    m_textHeight = int(std::ceil(metrics.height()));
    // Tags are small but readable: 80 % of the text.
    m_tagFont = font;
    if (font.pointSizeF() > 0) {
        m_tagFont.setPointSizeF(std::max(7.0, font.pointSizeF() * 0.8));
    } else {
        m_tagFont.setPixelSize(std::max(9, int(font.pixelSize() * 0.8)));
    }
    m_tagRowHeight = int(std::ceil(QFontMetricsF(m_tagFont).height())) + 3;
    updateEmojiFont();
    updateLineMetrics();
}

void LayoutCache::updateEmojiFont()
{
    // Left to fallback, an emoji is drawn at the text's pixel size, where a colour font's glyph
    // is about 80 % as tall as the letters, or by a text font's monochrome glyph: the emoji
    // sequences get the colour font, at the largest size that keeps within the text font's ascent
    // and descent (so that the line keeps its height).
    static const QString family = [] {
        const QStringList families = QFontDatabase::families();
        for (const char *preferred : {"Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", "Twemoji"}) {
            if (families.contains(QString::fromLatin1(preferred))) {
                return QString::fromLatin1(preferred);
            }
        }
        for (const QString &name : families) {
            if (name.contains(u"emoji", Qt::CaseInsensitive)) {
                return name;
            }
        }
        return QString();
    }();
    m_emojiFamily = family;
    m_emojiPixelSize = 0;
    if (family.isEmpty()) {
        return;
    }
    QFont emoji(family);
    emoji.setPixelSize(std::max(1, QFontInfo(m_font).pixelSize()));
    const QFontMetricsF emojiMetrics(emoji);
    const QFontMetricsF metrics(m_font);
    if (emojiMetrics.ascent() <= 0 || emojiMetrics.descent() <= 0) {
        m_emojiFamily.clear();
        return;
    }
    const double scale = std::min(metrics.ascent() / emojiMetrics.ascent(), metrics.descent() / emojiMetrics.descent());
    m_emojiPixelSize = int(std::floor(emoji.pixelSize() * scale));
}

QList<QTextLayout::FormatRange> LayoutCache::emojiFormats(QStringView text) const
{
    QList<QTextLayout::FormatRange> ranges;
    if (m_emojiFamily.isEmpty() || m_emojiPixelSize <= 0) {
        return ranges;
    }
    QTextCharFormat format;
    format.setFontFamilies(QStringList{m_emojiFamily});
    format.setProperty(QTextFormat::FontPixelSize, m_emojiPixelSize);
    qsizetype runStart = -1;
    for (qsizetype i = 0; i < text.size();) {
        const char32_t c = text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()
            ? QChar::surrogateToUcs4(text.at(i), text.at(i + 1))
            : text.at(i).unicode();
        const qsizetype width = c > 0xFFFF ? 2 : 1;
        const bool emoji = isEmoji(c) || (runStart >= 0 && isEmojiGlue(c));
        if (emoji && runStart < 0) {
            runStart = i;
        } else if (!emoji && runStart >= 0) {
            ranges.append({int(runStart), int(i - runStart), format});
            runStart = -1;
        }
        i += width;
    }
    if (runStart >= 0) {
        ranges.append({int(runStart), int(text.size() - runStart), format});
    }
    return ranges;
}

void LayoutCache::setTagRows(int rows)
{
    rows = std::max(rows, 0);
    if (rows != m_tagRows) {
        m_tagRows = rows;
        updateLineMetrics();
    }
}

void LayoutCache::updateLineMetrics()
{
    // Room below the text for the underlines of three nested spans, and air between lines; the
    // tags' rows go between the air and the text.
    m_tagBand = m_tagRows > 0 ? m_tagRows * m_tagRowHeight + TagGap : 0;
    m_textTop = std::max(2, m_textHeight / 8) + m_tagBand;
    m_lineHeight = m_textHeight + m_textTop + std::max(10, m_textHeight / 2);
    invalidate();
}

void LayoutCache::setWidth(int width)
{
    width = std::max(width, 40);
    if (width != m_width) {
        m_width = width;
        invalidate();
    }
}

qint64 LayoutCache::paragraphAt(Utf16Index position) const
{
    const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), position);
    return std::max<qint64>(0, (it - m_starts.begin()) - 1);
}

void LayoutCache::invalidate()
{
    m_layouts.clear();
    m_overFillLayouts.clear();
    rebuildHeights();
}

int LayoutCache::estimate(qint64 paragraph) const
{
    const double length = double(end(paragraph) - start(paragraph));
    if (length == 0) {
        return emptyLineHeight();
    }
    const qint64 lines = std::max<qint64>(1, qint64(std::ceil(length * m_averageCharWidth * 1.08 / m_width)));
    return int(std::min<qint64>(lines * m_lineHeight, 1 << 30));
}

void LayoutCache::rebuildHeights()
{
    const size_t n = m_starts.size();
    m_heights.resize(n);
    m_exact.assign(n, false);
    m_tree.assign(n + 1, 0);
    for (size_t i = 0; i < n; ++i) {
        m_heights[i] = estimate(qint64(i));
        m_tree[i + 1] += m_heights[i];
        const size_t parent = (i + 1) + ((i + 1) & (~(i + 1) + 1));
        if (parent <= n) {
            m_tree[parent] += m_tree[i + 1];
        }
    }
}

void LayoutCache::setHeight(qint64 paragraph, int height)
{
    const qint64 delta = height - m_heights[size_t(paragraph)];
    m_heights[size_t(paragraph)] = height;
    m_exact[size_t(paragraph)] = true;
    if (delta == 0) {
        return;
    }
    for (size_t i = size_t(paragraph) + 1; i < m_tree.size(); i += i & (~i + 1)) {
        m_tree[i] += delta;
    }
}

qint64 LayoutCache::y(qint64 paragraph) const
{
    qint64 sum = 0;
    for (size_t i = size_t(std::clamp<qint64>(paragraph, 0, paragraphCount())); i > 0; i -= i & (~i + 1)) {
        sum += m_tree[i];
    }
    return sum;
}

qint64 LayoutCache::paragraphAtY(qint64 y) const
{
    if (y <= 0) {
        return 0;
    }
    // Fenwick descent: the largest prefix whose sum is <= y.
    size_t pos = 0;
    size_t step = 1;
    while (step * 2 < m_tree.size()) {
        step *= 2;
    }
    qint64 remaining = y;
    for (; step > 0; step /= 2) {
        if (pos + step < m_tree.size() && m_tree[pos + step] <= remaining) {
            pos += step;
            remaining -= m_tree[pos];
        }
    }
    return std::min<qint64>(qint64(pos), paragraphCount() - 1);
}

QTextLayout *LayoutCache::layout(qint64 paragraph)
{
    if (QTextLayout *cached = m_layouts.object(paragraph)) {
        return cached;
    }
    QList<QTextLayout::FormatRange> formats = m_formatter ? m_formatter(paragraph) : QList<QTextLayout::FormatRange>();
    const QString text = m_document ? m_document->text().mid(start(paragraph).value, length(paragraph)) : QString();
    formats.append(emojiFormats(text));
    int height = 0;
    QTextLayout *layout = makeLayout(text, formats, &height);
    setHeight(paragraph, height);
    m_layouts.insert(paragraph, layout);
    return layout;
}

QTextLayout *LayoutCache::overFillLayout(qint64 paragraph, const std::function<QColor(const QColor &)> &recolor)
{
    if (QTextLayout *cached = m_overFillLayouts.object(paragraph)) {
        return cached;
    }
    // The formats of layout() (the syntax is not highlighted twice), colours mapped: the same
    // items, so the same line breaks and glyph positions.
    const QTextLayout *base = this->layout(paragraph);
    QList<QTextLayout::FormatRange> formats = base->formats();
    for (QTextLayout::FormatRange &range : formats) {
        if (range.format.hasProperty(QTextFormat::ForegroundBrush)) {
            range.format.setForeground(recolor(range.format.foreground().color()));
        }
    }
    QTextLayout *layout = makeLayout(base->text(), formats, nullptr);
    m_overFillLayouts.insert(paragraph, layout);
    return layout;
}

QTextLayout *LayoutCache::makeLayout(const QString &text, const QList<QTextLayout::FormatRange> &formats,
                                     int *height) const
{
    auto *layout = new QTextLayout(text, m_font);
    layout->setCacheEnabled(true);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    option.setTabStopDistance(4 * m_averageCharWidth * 2);
    layout->setTextOption(option);
    if (!formats.isEmpty()) {
        layout->setFormats(formats); // before laying out: formats split the text's items
    }
    // A blank line goes without the rows of tags (tagBand()).
    const int band = layout->text().isEmpty() ? m_tagBand : 0;
    layout->beginLayout();
    int lines = 0;
    for (QTextLine line = layout->createLine(); line.isValid(); line = layout->createLine()) {
        line.setLineWidth(m_width);
        line.setPosition(QPointF(0, lines * m_lineHeight + m_textTop - band));
        ++lines;
    }
    layout->endLayout();
    if (height) {
        *height = std::max(1, lines) * m_lineHeight - band;
    }
    return layout;
}

void LayoutCache::setFormatter(Formatter formatter)
{
    // Only the layouts go: heights stay (formats change colours and weights, hardly ever the
    // number of lines, and laying a paragraph out again corrects its height), so that switching
    // the syntax or the theme does not walk every paragraph of a 50 MB document.
    m_formatter = std::move(formatter);
    m_layouts.clear();
    m_overFillLayouts.clear();
}

int LayoutCache::height(qint64 paragraph)
{
    if (!m_exact[size_t(paragraph)]) {
        layout(paragraph);
    }
    return m_heights[size_t(paragraph)];
}

} // namespace Scholiast
