// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotationview.h"

#include "annotation.h"
#include "syntaxhighlighter.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonObject>
#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QStyleHints>
#include <QTextLayout>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace Scholiast {

namespace {

constexpr int MinZoom = 50;
constexpr int MaxZoom = 300;
// Nesting levels that get their own underline; deeper spans share the last one.
constexpr int UnderlineLevels = 4;
constexpr int TintAlpha = 64;

bool isWordChar(const QString &text, qint64 i)
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

QString escapedHtml(const QString &text)
{
    return text.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>"));
}

} // namespace

AnnotationView::AnnotationView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_InputMethodEnabled, false);
    viewport()->setCursor(Qt::IBeamCursor);
    viewport()->setMouseTracking(true);
    viewport()->setAutoFillBackground(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    // A readable serif for prose when installed, the system font otherwise.
    m_baseFont = QApplication::font();
    const QStringList serifs{QStringLiteral("Noto Serif"), QStringLiteral("DejaVu Serif"), QStringLiteral("Liberation Serif")};
    const QStringList families = QFontDatabase::families();
    for (const QString &family : serifs) {
        if (families.contains(family)) {
            m_baseFont.setFamily(family);
            break;
        }
    }
    m_baseFont.setPointSizeF(std::max(11.0, QApplication::font().pointSizeF() * 1.2));
    setUpSyntax();
    updateFont();
}

AnnotationView::~AnnotationView() = default;

void AnnotationView::setDocument(AnnotationDocument *document)
{
    for (auto &connection : m_connections) {
        disconnect(connection);
    }
    m_document = document;
    m_cursor = m_anchor = 0;
    m_topParagraph = 0;
    m_topOffset = 0;
    m_preferredX = -1;
    m_currentSpan.clear();
    m_cache.setDocument(document ? &document->document() : nullptr);
    pickSyntaxForDocument();
    if (document) {
        AnnotationSet *set = document->spans();
        auto repaint = [this] { viewport()->update(); };
        m_connections[0] = connect(set, &AnnotationSet::spansAdded, this, repaint);
        m_connections[1] = connect(set, &AnnotationSet::spansRemoved, this, &AnnotationView::onSpansRemoved);
        m_connections[2] = connect(set, &AnnotationSet::spansChanged, this, repaint);
        m_connections[3] = connect(set, &AnnotationSet::wasReset, this, [this] {
            setCurrentSpan(QString());
            viewport()->update();
        });
    }
    updateGeometry();
    Q_EMIT cursorPositionChanged();
    Q_EMIT selectionChanged();
    Q_EMIT currentSpanChanged(QString());
}

void AnnotationView::onSpansRemoved(const QList<Annotation> &removed)
{
    for (const Annotation &span : removed) {
        if (span.id == m_currentSpan) {
            setCurrentSpan(QString());
            break;
        }
    }
    viewport()->update();
}

// --- offsets ---------------------------------------------------------------------------------

qint64 AnnotationView::toUtf16(CodePoint position) const
{
    return m_document ? m_document->document().toUtf16(position).value : 0;
}

CodePoint AnnotationView::toCodePoint(qint64 utf16) const
{
    return m_document ? m_document->document().toCodePoint(Utf16Index(utf16)) : CodePoint(0);
}

CodePoint AnnotationView::cursorPosition() const
{
    return toCodePoint(m_cursor);
}

CodePoint AnnotationView::anchorPosition() const
{
    return toCodePoint(m_anchor);
}

CodePointRange AnnotationView::selection() const
{
    return {toCodePoint(std::min(m_anchor, m_cursor)), toCodePoint(std::max(m_anchor, m_cursor))};
}

CodePointRange AnnotationView::snappedSelection() const
{
    if (!m_document || !m_snapToWords) {
        return selection();
    }
    const auto [from, to] = snapRange(m_document->document().text(), std::min(m_anchor, m_cursor),
                                      std::max(m_anchor, m_cursor));
    return {toCodePoint(from), toCodePoint(to)};
}

std::pair<qint64, qint64> AnnotationView::snapRange(const QString &text, qint64 from, qint64 to)
{
    while (from < to && text.at(from).isSpace()) {
        ++from;
    }
    while (to > from && text.at(to - 1).isSpace()) {
        --to;
    }
    if (from == to) {
        return {from, to};
    }
    while (from > 0 && isWordChar(text, from) && isWordChar(text, from - 1)) {
        --from;
    }
    while (to < text.size() && isWordChar(text, to - 1) && isWordChar(text, to)) {
        ++to;
    }
    return {from, to};
}

QString AnnotationView::selectedText() const
{
    if (!m_document) {
        return {};
    }
    const qint64 from = std::min(m_anchor, m_cursor);
    return m_document->document().text().mid(from, std::max(m_anchor, m_cursor) - from);
}

void AnnotationView::setCursorPosition(CodePoint position, bool keepAnchor)
{
    moveCursor(toUtf16(position), keepAnchor);
}

void AnnotationView::setSelection(CodePoint anchor, CodePoint cursor)
{
    m_anchor = toUtf16(anchor);
    moveCursor(toUtf16(cursor), true);
}

void AnnotationView::clearSelection()
{
    moveCursor(m_cursor, false);
}

void AnnotationView::moveCursor(qint64 utf16, bool keepAnchor)
{
    const qint64 size = m_document ? m_document->document().text().size() : 0;
    utf16 = std::clamp<qint64>(utf16, 0, size);
    if (m_document && !m_document->document().isBoundary(Utf16Index(utf16))) {
        --utf16; // never between the halves of a surrogate pair
    }
    const bool hadSelection = hasSelection();
    const qint64 oldAnchor = m_anchor;
    const bool moved = utf16 != m_cursor;
    m_cursor = utf16;
    if (!keepAnchor) {
        m_anchor = utf16;
    }
    viewport()->update();
    if (moved) {
        Q_EMIT cursorPositionChanged();
    }
    if (hadSelection != hasSelection() || (hasSelection() && (moved || oldAnchor != m_anchor))) {
        Q_EMIT selectionChanged();
    }
}

// --- spans -----------------------------------------------------------------------------------

QColor AnnotationView::labelColor(const QString &label) const
{
    if (m_document) {
        if (const Label *l = m_document->labels().find(label)) {
            return m_theme.labelColor(QColor(l->color)); // a lighter variant on dark themes when needed
        }
    }
    return palette().color(QPalette::Mid);
}

void AnnotationView::setCurrentSpan(const QString &id)
{
    if (id == m_currentSpan) {
        return;
    }
    m_currentSpan = id;
    viewport()->update();
    Q_EMIT currentSpanChanged(id);
}

void AnnotationView::revealSpan(const QString &id)
{
    if (!m_document) {
        return;
    }
    if (const Annotation *span = m_document->spans()->find(id)) {
        const CodePoint start(span->start);
        setCurrentSpan(id);
        moveCursor(toUtf16(start), false);
        ensureVisible(start);
    }
}

void AnnotationView::selectAdjacentSpan(int direction)
{
    if (!m_document) {
        return;
    }
    const AnnotationSet *set = m_document->spans();
    const Annotation *span = nullptr;
    if (!m_currentSpan.isEmpty() && set->contains(m_currentSpan)) {
        span = direction > 0 ? set->next(m_currentSpan) : set->previous(m_currentSpan);
    } else {
        span = set->firstFrom(cursorPosition());
        if (span && direction < 0) {
            span = set->previous(span->id);
        } else if (!span && direction < 0) {
            const auto all = set->overlapping(CodePoint(0), CodePoint(m_document->document().length() + 1));
            span = all.empty() ? nullptr : all.back();
        }
    }
    // Skip hidden labels, but never walk further than the set is long.
    for (qsizetype guard = set->size(); span && !isLabelVisible(span->label) && guard > 0; --guard) {
        span = direction > 0 ? set->next(span->id) : set->previous(span->id);
    }
    if (span && isLabelVisible(span->label)) {
        revealSpan(span->id);
    }
}

std::vector<const Annotation *> AnnotationView::visibleSpansAt(qint64 utf16) const
{
    std::vector<const Annotation *> result;
    if (!m_document) {
        return result;
    }
    for (const Annotation *span : m_document->spans()->at(toCodePoint(utf16))) {
        if (!span->isOrphan() && isLabelVisible(span->label)) {
            result.push_back(span);
        }
    }
    // Innermost (shortest) first: that is the one a click means.
    std::stable_sort(result.begin(), result.end(),
                     [](const Annotation *a, const Annotation *b) { return a->length() < b->length(); });
    return result;
}

void AnnotationView::cycleSpansAtCursor(int direction)
{
    const auto spans = visibleSpansAt(m_cursor);
    if (spans.empty()) {
        return;
    }
    const auto it = std::find_if(spans.begin(), spans.end(), [this](const Annotation *s) { return s->id == m_currentSpan; });
    qsizetype index = 0;
    if (it != spans.end()) {
        const qsizetype n = qsizetype(spans.size());
        index = ((it - spans.begin()) + direction % n + n) % n;
    }
    setCurrentSpan(spans[size_t(index)]->id);
}

void AnnotationView::requestResizeCurrentSpan(SpanEdge edge, int direction)
{
    if (!m_document) {
        return;
    }
    const Annotation *span = m_document->spans()->find(m_currentSpan);
    if (!span) {
        return;
    }
    qint64 start = toUtf16(CodePoint(span->start));
    qint64 end = toUtf16(CodePoint(span->end));
    if (edge == SpanEdge::Start) {
        start = edgeStep(start, direction, edge);
    } else {
        end = edgeStep(end, direction, edge);
    }
    if (start < end) {
        Q_EMIT spanResizeRequested(m_currentSpan, toCodePoint(start), toCodePoint(end));
    }
}

qint64 AnnotationView::edgeStep(qint64 utf16, int direction, SpanEdge edge)
{
    if (!m_snapToWords) {
        return cursorStep(utf16, direction, QTextLayout::SkipCharacters);
    }
    // By whole words: an end moves to the end of a word, a start to the start of one.
    const QString &text = m_document->document().text();
    const qint64 size = text.size();
    qint64 p = utf16;
    auto space = [&](qint64 i) { return i >= 0 && i < size && text.at(i).isSpace(); };
    auto word = [&](qint64 i) { return isWordChar(text, i); };
    auto oneCharacter = [&](qint64 from, int step) { return cursorStep(from, step, QTextLayout::SkipCharacters); };
    const bool forward = direction > 0;
    if (edge == SpanEdge::End && forward) {
        while (space(p)) {
            ++p;
        }
        if (word(p)) {
            while (word(p)) {
                ++p;
            }
        } else if (p < size) {
            p = oneCharacter(p, 1);
        }
    } else if (edge == SpanEdge::End) {
        while (word(p - 1)) {
            --p;
        }
        if (p == utf16 && p > 0) {
            p = oneCharacter(p, -1);
        }
        while (space(p - 1)) {
            --p;
        }
    } else if (!forward) {
        while (space(p - 1)) {
            --p;
        }
        if (word(p - 1)) {
            while (word(p - 1)) {
                --p;
            }
        } else if (p > 0) {
            p = oneCharacter(p, -1);
        }
    } else {
        while (word(p)) {
            ++p;
        }
        if (p == utf16 && p < size) {
            p = oneCharacter(p, 1);
        }
        while (space(p)) {
            ++p;
        }
    }
    return p;
}

void AnnotationView::setLabelVisible(const QString &label, bool visible)
{
    if (visible) {
        m_hiddenLabels.remove(label);
    } else {
        m_hiddenLabels.insert(label);
    }
    viewport()->update();
}

void AnnotationView::setSearchPattern(const QRegularExpression &pattern)
{
    m_searchPattern = pattern;
    viewport()->update();
}

// --- geometry and scrolling ------------------------------------------------------------------

void AnnotationView::setZoomPercent(int percent)
{
    percent = std::clamp(percent, MinZoom, MaxZoom);
    if (percent == m_zoomPercent) {
        return;
    }
    m_zoomPercent = percent;
    updateFont();
    Q_EMIT zoomChanged(percent);
}

void AnnotationView::updateFont()
{
    QFont font = m_baseFont;
    font.setPointSizeF(m_baseFont.pointSizeF() * m_zoomPercent / 100.0);
    m_cache.setFont(font);
    updateGeometry();
}

int AnnotationView::textLeft() const
{
    // Centre a column of comfortable reading width; keep a margin (and the gutter) on narrow windows.
    const int margin = std::max(12, viewport()->width() / 40) + gutterWidth();
    return std::max(margin, (viewport()->width() - m_cache.width()) / 2);
}

int AnnotationView::gutterWidth() const
{
    if (!m_lineNumbersVisible || !m_document) {
        return 0;
    }
    const qint64 lines = std::max<qint64>(1, m_cache.paragraphCount());
    const int digits = int(QString::number(lines).size());
    return QFontMetrics(m_cache.font()).horizontalAdvance(QString(digits, u'9')) + 16;
}

void AnnotationView::setLineNumbersVisible(bool visible)
{
    if (m_lineNumbersVisible != visible) {
        m_lineNumbersVisible = visible;
        updateGeometry();
    }
}

void AnnotationView::paintLineNumber(QPainter &painter, const VisibleParagraph &visible)
{
    QTextLayout *layout = m_cache.layout(visible.paragraph);
    const QTextLine first = layout->lineCount() > 0 ? layout->lineAt(0) : QTextLine();
    const int top = visible.y + (first.isValid() ? int(first.y()) : m_cache.textTop());
    const int height = first.isValid() ? int(first.height()) : m_cache.lineHeight();
    const QRect rect(textLeft() - gutterWidth(), top, gutterWidth() - 10, height);
    painter.setFont(m_cache.font());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(rect, Qt::AlignRight | Qt::AlignVCenter, QString::number(visible.paragraph + 1));
}

void AnnotationView::updateGeometry()
{
    const int margin = std::max(12, viewport()->width() / 40) + gutterWidth();
    const int readable = int(QFontMetricsF(QFont(m_baseFont)).averageCharWidth() * 110 * m_zoomPercent / 100.0);
    m_cache.setWidth(std::min(viewport()->width() - 2 * margin, readable));
    normalizeTop();
    updateScrollBar();
    viewport()->update();
}

void AnnotationView::updateScrollBar()
{
    QScrollBar *bar = verticalScrollBar();
    const qint64 height = viewport()->height();
    const qint64 maximum = std::clamp<qint64>(m_cache.totalHeight() - height, 0, std::numeric_limits<int>::max());
    const qint64 value = std::clamp<qint64>(m_cache.y(m_topParagraph) + m_topOffset, 0, maximum);
    m_updatingScrollBar = true;
    bar->setRange(0, int(maximum));
    bar->setPageStep(int(height));
    bar->setSingleStep(m_cache.lineHeight());
    bar->setValue(int(value));
    m_updatingScrollBar = false;
}

void AnnotationView::scrollContentsBy(int, int)
{
    if (m_updatingScrollBar) {
        return;
    }
    const qint64 target = verticalScrollBar()->value();
    const qint64 current = m_cache.y(m_topParagraph) + m_topOffset;
    const qint64 delta = target - current;
    if (std::abs(delta) <= 3 * qint64(viewport()->height())) {
        scrollByPixels(delta); // small steps walk exact heights: no jump when estimates refine
    } else {
        jumpToY(target);
    }
}

void AnnotationView::jumpToY(qint64 y)
{
    m_topParagraph = m_cache.paragraphAtY(y);
    m_topOffset = std::max<qint64>(0, y - m_cache.y(m_topParagraph));
    m_topOffset = std::min<qint64>(m_topOffset, m_cache.knownHeight(m_topParagraph) - 1);
    normalizeTop();
    updateScrollBar();
    viewport()->update();
}

void AnnotationView::scrollByPixels(qint64 dy)
{
    m_topOffset += dy;
    normalizeTop();
    updateScrollBar();
    viewport()->update();
}

void AnnotationView::normalizeTop()
{
    const qint64 count = m_cache.paragraphCount();
    m_topParagraph = std::clamp<qint64>(m_topParagraph, 0, count - 1);
    while (m_topOffset < 0 && m_topParagraph > 0) {
        --m_topParagraph;
        m_topOffset += m_cache.height(m_topParagraph);
    }
    m_topOffset = std::max<qint64>(m_topOffset, 0);
    while (m_topParagraph < count - 1 && m_topOffset >= m_cache.height(m_topParagraph)) {
        m_topOffset -= m_cache.height(m_topParagraph);
        ++m_topParagraph;
    }
    // Do not scroll past the end: the last paragraph's bottom stays at the viewport's bottom.
    const qint64 viewHeight = viewport()->height();
    qint64 below = m_cache.height(m_topParagraph) - m_topOffset;
    for (qint64 p = m_topParagraph + 1; below < viewHeight && p < count; ++p) {
        below += m_cache.height(p);
    }
    if (below < viewHeight) {
        m_topOffset -= viewHeight - below;
        while (m_topOffset < 0 && m_topParagraph > 0) {
            --m_topParagraph;
            m_topOffset += m_cache.height(m_topParagraph);
        }
        m_topOffset = std::max<qint64>(m_topOffset, 0);
    }
}

std::vector<AnnotationView::VisibleParagraph> AnnotationView::visibleParagraphs()
{
    std::vector<VisibleParagraph> result;
    if (!m_document) {
        return result;
    }
    const qint64 count = m_cache.paragraphCount();
    qint64 y = -m_topOffset;
    for (qint64 p = m_topParagraph; p < count && y < viewport()->height(); ++p) {
        result.push_back({p, int(y)});
        y += m_cache.height(p);
    }
    return result;
}

void AnnotationView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateGeometry();
}

void AnnotationView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        viewport()->update();
    }
}

void AnnotationView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        if (event->angleDelta().y() > 0) {
            zoomIn();
        } else if (event->angleDelta().y() < 0) {
            zoomOut();
        }
        event->accept();
        return;
    }
    const QPoint pixels = event->pixelDelta();
    const qint64 dy = !pixels.isNull() ? -pixels.y()
                                       : -qint64(event->angleDelta().y()) * 3 * m_cache.lineHeight() / 120;
    scrollByPixels(dy);
    event->accept();
}

void AnnotationView::ensureVisible(CodePoint position)
{
    ensureVisibleUtf16(toUtf16(position));
}

void AnnotationView::ensureVisibleUtf16(qint64 utf16)
{
    if (!m_document) {
        return;
    }
    const qint64 paragraph = m_cache.paragraphAt(utf16);
    QTextLayout *layout = m_cache.layout(paragraph);
    const QTextLine line = layout->lineForTextPosition(int(utf16 - m_cache.start(paragraph)));
    const qint64 lineTop = line.isValid() ? line.lineNumber() * qint64(m_cache.lineHeight()) : 0;
    const qint64 lineHeight = m_cache.lineHeight();
    const qint64 viewHeight = viewport()->height();
    const auto visible = visibleParagraphs();
    const auto it = std::find_if(visible.begin(), visible.end(),
                                 [paragraph](const VisibleParagraph &v) { return v.paragraph == paragraph; });
    if (it != visible.end()) {
        const qint64 y = it->y + lineTop;
        if (y >= 0 && y + lineHeight <= viewHeight) {
            return;
        }
        // Just above or below: scroll the least that shows it.
        m_topParagraph = paragraph;
        m_topOffset = y < 0 ? lineTop : lineTop + lineHeight - viewHeight;
    } else {
        const bool adjacentAbove = !visible.empty() && paragraph == visible.front().paragraph - 1;
        const bool adjacentBelow = !visible.empty() && paragraph == visible.back().paragraph + 1;
        m_topParagraph = paragraph;
        m_topOffset = adjacentAbove ? lineTop
            : adjacentBelow         ? lineTop + lineHeight - viewHeight
                                    : lineTop - viewHeight / 3; // far away: show it in context
    }
    normalizeTop();
    updateScrollBar();
    viewport()->update();
}

// --- hit testing -----------------------------------------------------------------------------

qint64 AnnotationView::hitTest(const QPoint &point)
{
    const auto visible = visibleParagraphs();
    if (visible.empty()) {
        return 0;
    }
    if (point.y() < visible.front().y) {
        return m_cache.start(visible.front().paragraph);
    }
    const VisibleParagraph *target = &visible.back();
    for (const VisibleParagraph &v : visible) {
        if (point.y() < v.y + m_cache.height(v.paragraph)) {
            target = &v;
            break;
        }
    }
    QTextLayout *layout = m_cache.layout(target->paragraph);
    const int count = layout->lineCount();
    if (count == 0) {
        return m_cache.start(target->paragraph);
    }
    const int index = std::clamp((point.y() - target->y) / m_cache.lineHeight(), 0, count - 1);
    const QTextLine line = layout->lineAt(index);
    int position = line.xToCursor(point.x() - textLeft(), QTextLine::CursorBetweenCharacters);
    // Clicking past the end of a wrapped line lands before its trailing space, not on the next line.
    const int lineEnd = line.textStart() + line.textLength();
    if (index + 1 < count && position >= lineEnd && lineEnd > line.textStart()) {
        position = lineEnd - 1;
    }
    return m_cache.start(target->paragraph) + position;
}

CodePoint AnnotationView::positionAt(const QPoint &point)
{
    return toCodePoint(hitTest(point));
}

QRect AnnotationView::caretRect(qint64 utf16)
{
    if (!m_document) {
        return {};
    }
    const qint64 paragraph = m_cache.paragraphAt(utf16);
    for (const VisibleParagraph &v : visibleParagraphs()) {
        if (v.paragraph != paragraph) {
            continue;
        }
        QTextLayout *layout = m_cache.layout(paragraph);
        const int position = int(utf16 - m_cache.start(paragraph));
        const QTextLine line = layout->lineForTextPosition(position);
        if (!line.isValid()) {
            return QRect(textLeft(), v.y + m_cache.textTop(), 2, QFontMetrics(layout->font()).height());
        }
        const int x = int(line.cursorToX(position));
        return QRect(textLeft() + x, v.y + int(line.y()), 2, int(line.height()));
    }
    return {};
}

QRect AnnotationView::positionRect(CodePoint position)
{
    return caretRect(toUtf16(position));
}

// --- painting --------------------------------------------------------------------------------

void AnnotationView::paintEvent(QPaintEvent *event)
{
    QPainter painter(viewport());
    painter.fillRect(event->rect(), palette().color(QPalette::Base));
    if (!m_document) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(viewport()->rect(), Qt::AlignCenter,
                         tr("Open a document with Ctrl+O, or drop a text file here."));
        return;
    }
    const auto visible = visibleParagraphs();
    if (visible.empty()) {
        return;
    }
    const Document &document = m_document->document();
    const qint64 from = document.toCodePoint(Utf16Index(m_cache.start(visible.front().paragraph))).value;
    const qint64 to = document.toCodePoint(Utf16Index(m_cache.end(visible.back().paragraph))).value + 1;

    // Only the spans of the painted range; nesting depth is assigned within it, outer spans first.
    std::vector<const Annotation *> found = m_document->spans()->overlapping(CodePoint(from), CodePoint(to));
    // Orphans keep offsets into the old text: listed in their dock, never painted.
    std::erase_if(found, [this](const Annotation *a) { return a->isOrphan() || !isLabelVisible(a->label); });
    std::stable_sort(found.begin(), found.end(), [](const Annotation *a, const Annotation *b) {
        return a->start != b->start ? a->start < b->start : a->end > b->end;
    });
    std::vector<PaintedSpan> spans;
    spans.reserve(found.size());
    std::vector<qint64> levelEnds;
    for (const Annotation *span : found) {
        auto level = std::find_if(levelEnds.begin(), levelEnds.end(), [span](qint64 end) { return end <= span->start.value; });
        if (level == levelEnds.end()) {
            levelEnds.push_back(span->end.value);
            level = levelEnds.end() - 1;
        } else {
            *level = span->end.value;
        }
        spans.push_back({span, document.toUtf16(CodePoint(span->start)).value, document.toUtf16(CodePoint(span->end)).value,
                         int(level - levelEnds.begin()), labelColor(span->label)});
    }
    for (const VisibleParagraph &v : visible) {
        paintParagraph(painter, v, spans);
        if (m_lineNumbersVisible) {
            paintLineNumber(painter, v);
        }
    }
    paintOverlay(painter, visible, from, to); // layers and review marks (annotationviewoverlays.cpp)
    // Painting made the painted paragraphs' heights exact; keep the scroll bar in step.
    updateScrollBar();
    if (!m_prelayoutPending) {
        m_prelayoutPending = true;
        QMetaObject::invokeMethod(this, &AnnotationView::prelayout, Qt::QueuedConnection);
    }
}

void AnnotationView::prelayout()
{
    m_prelayoutPending = false;
    const auto visible = visibleParagraphs();
    if (visible.empty()) {
        return;
    }
    const qint64 page = viewport()->height();
    const qint64 count = m_cache.paragraphCount();
    qint64 height = 0;
    for (qint64 p = visible.back().paragraph + 1; p < count && height < page; ++p) {
        height += m_cache.height(p); // lays the paragraph out and keeps it in the cache
    }
    height = 0;
    for (qint64 p = visible.front().paragraph - 1; p >= 0 && height < page; --p) {
        height += m_cache.height(p);
    }
    // Exact heights above the top moved the top's y: the place is (paragraph, offset), so the
    // view does not move, but the scroll bar must follow.
    updateScrollBar();
}

void AnnotationView::paintParagraph(QPainter &painter, const VisibleParagraph &visible,
                                    const std::vector<PaintedSpan> &spans)
{
    QTextLayout *layout = m_cache.layout(visible.paragraph);
    const qint64 paragraphStart = m_cache.start(visible.paragraph);
    const qint64 paragraphLength = m_cache.end(visible.paragraph) - paragraphStart;
    const QPointF origin(textLeft(), visible.y);
    const qreal spaceWidth = QFontMetricsF(layout->font()).horizontalAdvance(u' ');

    // Calls f(rect, line) for each visual line piece of [from, to), paragraph-relative UTF-16.
    auto forEachPiece = [&](qint64 from, qint64 to, bool continues, auto &&f) {
        const int count = layout->lineCount();
        for (int i = 0; i < count; ++i) {
            const QTextLine line = layout->lineAt(i);
            const qint64 lineStart = line.textStart();
            const qint64 lineEnd = lineStart + line.textLength();
            const qint64 a = std::max(from, lineStart);
            const qint64 b = std::min(to, lineEnd);
            const bool last = i == count - 1;
            if (a > b || (a == b && !(continues && last && a == lineEnd))) {
                continue;
            }
            qreal x1 = line.cursorToX(int(a));
            qreal x2 = line.cursorToX(int(b));
            if (x1 > x2) {
                std::swap(x1, x2);
            }
            if (continues && last && to > lineEnd) {
                x2 += spaceWidth; // the span runs on past the line break
            }
            f(QRectF(origin.x() + x1, origin.y() + line.y(), x2 - x1, line.height()), line);
        }
    };

    struct Piece
    {
        qint64 from;
        qint64 to;
        bool continues;
    };
    auto clip = [&](qint64 start, qint64 end) -> std::optional<Piece> {
        const qint64 from = std::max<qint64>(start - paragraphStart, 0);
        const qint64 to = std::min<qint64>(end - paragraphStart, paragraphLength);
        const bool continues = end - paragraphStart > paragraphLength;
        if (from > paragraphLength || end <= paragraphStart || (from >= to && !continues)) {
            return std::nullopt;
        }
        return Piece{from, to, continues};
    };

    // 1. tints
    painter.setPen(Qt::NoPen);
    for (const PaintedSpan &span : spans) {
        if (span.span->status() == Annotation::Status::Pending || span.span->status() == Annotation::Status::Conflict) {
            continue; // a suggestion or a merge conflict is outlined, not filled (step 5)
        }
        if (const auto piece = clip(span.start, span.end)) {
            QColor tint = span.color;
            tint.setAlpha(TintAlpha);
            // Nested spans get a shorter band, so the outer span's colour still frames them.
            const qreal inset = std::min(span.depth, UnderlineLevels - 1) * std::max(2.0, m_cache.lineHeight() / 10.0);
            forEachPiece(piece->from, piece->to, piece->continues, [&](const QRectF &r, const QTextLine &) {
                painter.fillRect(r.adjusted(0, inset - 1, 0, 1 - inset), tint);
            });
        }
    }
    // 2. search matches in this paragraph
    if (m_searchPattern.isValid() && !m_searchPattern.pattern().isEmpty()) {
        const QColor fill(255, 214, 0, 110);
        const QColor edge(196, 120, 0);
        auto it = m_searchPattern.globalMatch(layout->text());
        while (it.hasNext()) {
            const auto match = it.next();
            if (match.capturedLength() == 0) {
                continue;
            }
            forEachPiece(match.capturedStart(), match.capturedEnd(), false, [&](const QRectF &r, const QTextLine &) {
                painter.fillRect(r, fill);
                painter.setPen(QPen(edge, 1));
                painter.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5));
                painter.setPen(Qt::NoPen);
            });
        }
    }
    // 3. selection
    if (hasSelection()) {
        if (const auto piece = clip(std::min(m_anchor, m_cursor), std::max(m_anchor, m_cursor))) {
            QColor highlight = palette().color(QPalette::Highlight);
            highlight.setAlpha(hasFocus() ? 120 : 70);
            forEachPiece(piece->from, piece->to, piece->continues,
                         [&](const QRectF &r, const QTextLine &) { painter.fillRect(r, highlight); });
        }
    }
    // 4. text
    painter.setPen(palette().color(QPalette::Text));
    layout->draw(&painter, origin);
    // 5. one underline per nesting level, and ticks at span ends, in the label's colour
    const qreal thickness = std::max(2.0, m_cache.lineHeight() / 14.0);
    for (const PaintedSpan &span : spans) {
        const auto piece = clip(span.start, span.end);
        if (!piece) {
            continue;
        }
        if (span.span->status() == Annotation::Status::Pending) {
            // A suggestion (docs/SUGGEST.md): a dashed outline in the label's colour, no fill.
            painter.setBrush(Qt::NoBrush);
            painter.setPen(QPen(span.color, std::max(1.5, thickness * 0.75), Qt::DashLine));
            forEachPiece(piece->from, piece->to, piece->continues,
                         [&](const QRectF &r, const QTextLine &) { painter.drawRect(r.adjusted(0, 0, 0, 1)); });
            continue;
        }
        if (span.span->status() == Annotation::Status::Conflict) {
            // A merge conflict version (docs/TEAMS.md): dash-dot outline in the label's colour
            // over a red zigzag, the mark editors give what needs fixing.
            painter.setBrush(Qt::NoBrush);
            painter.setPen(QPen(span.color, std::max(1.5, thickness * 0.75), Qt::DashDotLine));
            const QPen zigzag(QColor(0xd0, 0x1c, 0x1c), std::max(1.0, thickness * 0.6));
            forEachPiece(piece->from, piece->to, piece->continues, [&](const QRectF &r, const QTextLine &) {
                painter.drawRect(r.adjusted(0, 0, 0, 1));
                const qreal step = std::max(2.0, thickness * 1.5);
                QPainterPath path(QPointF(r.left(), r.bottom() + 2));
                int k = 0;
                for (qreal x = r.left() + step; x <= r.right(); x += step) {
                    path.lineTo(x, r.bottom() + 2 + ((++k % 2) ? step : 0));
                }
                painter.save();
                painter.setPen(zigzag);
                painter.drawPath(path);
                painter.restore();
            });
            continue;
        }
        const int depth = std::min(span.depth, UnderlineLevels - 1);
        forEachPiece(piece->from, piece->to, piece->continues, [&](const QRectF &r, const QTextLine &) {
            const qreal y = r.bottom() + 1 + depth * (thickness + 1);
            painter.fillRect(QRectF(r.left(), y, r.width(), thickness), span.color);
        });
        // Ticks show where spans of one label meet.
        if (span.start >= paragraphStart && span.start - paragraphStart <= paragraphLength) {
            forEachPiece(piece->from, piece->from, true, [&](const QRectF &r, const QTextLine &) {
                painter.fillRect(QRectF(r.left() - 1, r.top(), 1.5, r.height() + 1 + depth * (thickness + 1) + thickness), span.color);
            });
        }
        if (span.end - paragraphStart <= paragraphLength && span.end > paragraphStart) {
            forEachPiece(piece->to, piece->to, true, [&](const QRectF &r, const QTextLine &) {
                painter.fillRect(QRectF(r.right() - 0.5, r.top(), 1.5, r.height() + 1 + depth * (thickness + 1) + thickness), span.color);
            });
        }
    }
    // 6. the current span's outline
    for (const PaintedSpan &span : spans) {
        if (span.span->id != m_currentSpan) {
            continue;
        }
        if (const auto piece = clip(span.start, span.end)) {
            painter.setBrush(Qt::NoBrush);
            painter.setPen(QPen(m_theme.isDark() ? span.color.lighter(140) : span.color.darker(160), 2));
            forEachPiece(piece->from, piece->to, piece->continues,
                         [&](const QRectF &r, const QTextLine &) { painter.drawRect(r.adjusted(-2, -2, 2, 2)); });
        }
    }
    // 7. caret
    if (m_cursor >= paragraphStart && m_cursor <= paragraphStart + paragraphLength) {
        const int position = int(m_cursor - paragraphStart);
        const QTextLine line = layout->lineForTextPosition(position);
        const QColor caret = palette().color(hasFocus() ? QPalette::Text : QPalette::Mid);
        if (line.isValid()) {
            painter.fillRect(QRectF(origin.x() + line.cursorToX(position) - 1, origin.y() + line.y(), 2, line.height()), caret);
        } else {
            painter.fillRect(QRectF(origin.x() - 1, origin.y() + m_cache.textTop(), 2, QFontMetrics(layout->font()).height()), caret);
        }
    }
}

// --- keyboard --------------------------------------------------------------------------------

qint64 AnnotationView::cursorStep(qint64 utf16, int direction, QTextLayout::CursorMode mode)
{
    const qint64 paragraph = m_cache.paragraphAt(utf16);
    const qint64 start = m_cache.start(paragraph);
    const qint64 end = m_cache.end(paragraph);
    if (direction < 0) {
        if (utf16 <= start) {
            return paragraph > 0 ? m_cache.end(paragraph - 1) : 0;
        }
        return start + m_cache.layout(paragraph)->previousCursorPosition(int(utf16 - start), mode);
    }
    if (utf16 >= end) {
        return paragraph + 1 < m_cache.paragraphCount() ? m_cache.start(paragraph + 1) : end;
    }
    return start + m_cache.layout(paragraph)->nextCursorPosition(int(utf16 - start), mode);
}

qint64 AnnotationView::verticalStep(qint64 utf16, int direction)
{
    qint64 paragraph = m_cache.paragraphAt(utf16);
    QTextLayout *layout = m_cache.layout(paragraph);
    const int position = int(utf16 - m_cache.start(paragraph));
    QTextLine line = layout->lineForTextPosition(position);
    if (!line.isValid()) {
        return utf16;
    }
    if (m_preferredX < 0) {
        m_preferredX = int(line.cursorToX(position));
    }
    int target = line.lineNumber() + direction;
    if (target < 0) {
        if (paragraph == 0) {
            return 0;
        }
        --paragraph;
        layout = m_cache.layout(paragraph);
        target = layout->lineCount() - 1;
    } else if (target >= layout->lineCount()) {
        if (paragraph + 1 >= m_cache.paragraphCount()) {
            return m_cache.end(paragraph);
        }
        ++paragraph;
        layout = m_cache.layout(paragraph);
        target = 0;
    }
    if (layout->lineCount() == 0) {
        return m_cache.start(paragraph);
    }
    const QTextLine next = layout->lineAt(target);
    int result = next.xToCursor(m_preferredX, QTextLine::CursorBetweenCharacters);
    const int lineEnd = next.textStart() + next.textLength();
    if (target + 1 < layout->lineCount() && result >= lineEnd && lineEnd > next.textStart()) {
        result = lineEnd - 1;
    }
    return m_cache.start(paragraph) + result;
}

qint64 AnnotationView::lineEdge(qint64 utf16, bool end)
{
    const qint64 paragraph = m_cache.paragraphAt(utf16);
    QTextLayout *layout = m_cache.layout(paragraph);
    const qint64 start = m_cache.start(paragraph);
    const QTextLine line = layout->lineForTextPosition(int(utf16 - start));
    if (!line.isValid()) {
        return utf16;
    }
    if (!end) {
        return start + line.textStart();
    }
    qint64 position = start + line.textStart() + line.textLength();
    if (line.lineNumber() + 1 < layout->lineCount() && position > start + line.textStart()) {
        --position; // stay on this visual line, before the space it wrapped at
    }
    return position;
}

void AnnotationView::keyPressEvent(QKeyEvent *event)
{
    if (!m_document) {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    if (event == QKeySequence::Copy) {
        if (hasSelection()) {
            QApplication::clipboard()->setText(selectedText());
        }
        return;
    }
    if (event == QKeySequence::SelectAll) {
        m_anchor = 0;
        moveCursor(m_document->document().text().size(), true);
        return;
    }
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    const bool control = event->modifiers() & Qt::ControlModifier;
    const auto mode = control ? QTextLayout::SkipWords : QTextLayout::SkipCharacters;
    qint64 target = m_cursor;
    bool vertical = false;
    switch (event->key()) {
    case Qt::Key_Left:
        target = (!shift && hasSelection() && !control) ? std::min(m_anchor, m_cursor) : cursorStep(m_cursor, -1, mode);
        break;
    case Qt::Key_Right:
        target = (!shift && hasSelection() && !control) ? std::max(m_anchor, m_cursor) : cursorStep(m_cursor, 1, mode);
        break;
    case Qt::Key_Up:
        target = verticalStep(m_cursor, -1);
        vertical = true;
        break;
    case Qt::Key_Down:
        target = verticalStep(m_cursor, 1);
        vertical = true;
        break;
    case Qt::Key_Home:
        target = control ? 0 : lineEdge(m_cursor, false);
        break;
    case Qt::Key_End:
        target = control ? m_document->document().text().size() : lineEdge(m_cursor, true);
        break;
    case Qt::Key_PageUp:
    case Qt::Key_PageDown: {
        const QRect caret = caretRect(m_cursor);
        const int page = std::max(m_cache.lineHeight(), viewport()->height() - m_cache.lineHeight());
        scrollByPixels(event->key() == Qt::Key_PageUp ? -page : page);
        const QPoint point = caret.isNull() ? QPoint(textLeft(), viewport()->height() / 2) : caret.center();
        target = hitTest(point);
        vertical = true;
        break;
    }
    case Qt::Key_Escape:
        if (hasSelection()) {
            clearSelection();
        } else {
            setCurrentSpan(QString());
        }
        return;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    if (!vertical) {
        m_preferredX = -1;
    }
    moveCursor(target, shift);
    ensureVisibleUtf16(m_cursor);
    event->accept();
}

// --- mouse -----------------------------------------------------------------------------------

AnnotationView::DragMode AnnotationView::edgeAt(const QPoint &point)
{
    if (!m_document || m_currentSpan.isEmpty()) {
        return DragMode::None;
    }
    const Annotation *span = m_document->spans()->find(m_currentSpan);
    if (!span) {
        return DragMode::None;
    }
    const int tolerance = std::max(4, m_cache.lineHeight() / 5);
    for (const auto &[offset, mode] : {std::pair{span->start, DragMode::ResizeStart}, std::pair{span->end, DragMode::ResizeEnd}}) {
        const QRect rect = caretRect(toUtf16(CodePoint(offset)));
        if (!rect.isNull() && rect.adjusted(-tolerance, 0, tolerance, 0).contains(point)) {
            return mode;
        }
    }
    return DragMode::None;
}

void AnnotationView::mousePressEvent(QMouseEvent *event)
{
    if (!m_document || event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    m_pressPoint = event->position().toPoint();
    m_dragMoved = false;
    m_preferredX = -1;
    m_drag = edgeAt(m_pressPoint);
    if (m_drag != DragMode::None) {
        return;
    }
    m_drag = DragMode::Select;
    moveCursor(hitTest(m_pressPoint), event->modifiers() & Qt::ShiftModifier);
}

void AnnotationView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint point = event->position().toPoint();
    if (m_drag == DragMode::None) {
        viewport()->setCursor(edgeAt(point) != DragMode::None ? Qt::SizeHorCursor : Qt::IBeamCursor);
        return;
    }
    if ((point - m_pressPoint).manhattanLength() >= QApplication::startDragDistance()) {
        m_dragMoved = true;
    }
    // Dragging past the top or bottom edge scrolls.
    if (point.y() < 0) {
        scrollByPixels(point.y());
    } else if (point.y() > viewport()->height()) {
        scrollByPixels(point.y() - viewport()->height());
    }
    const QPoint clamped(point.x(), std::clamp(point.y(), 0, viewport()->height() - 1));
    const qint64 position = hitTest(clamped);
    if (m_drag == DragMode::Select) {
        moveCursor(position, true);
        return;
    }
    const Annotation *span = m_document ? m_document->spans()->find(m_currentSpan) : nullptr;
    if (!span || !m_dragMoved) {
        return;
    }
    CodePoint start(span->start);
    CodePoint end(span->end);
    (m_drag == DragMode::ResizeStart ? start : end) = toCodePoint(position);
    if (start < end && (start != span->start || end != span->end)) {
        Q_EMIT spanResizeRequested(m_currentSpan, start, end);
    }
}

void AnnotationView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_drag == DragMode::None) {
        QAbstractScrollArea::mouseReleaseEvent(event);
        return;
    }
    const DragMode drag = std::exchange(m_drag, DragMode::None);
    if (drag != DragMode::Select) {
        return;
    }
    if (!m_dragMoved && !hasSelection()) {
        // A click: select the innermost span under it (or none).
        const auto spans = visibleSpansAt(m_cursor);
        const qint64 position = hitTest(event->position().toPoint());
        const auto under = visibleSpansAt(position);
        Q_UNUSED(spans);
        setCurrentSpan(under.empty() ? QString() : under.front()->id);
        return;
    }
    if (m_snapToWords && hasSelection()) {
        // Show the selection that a label key would tag.
        const bool forward = m_cursor > m_anchor;
        const auto [from, to] = snapRange(m_document->document().text(), std::min(m_anchor, m_cursor),
                                          std::max(m_anchor, m_cursor));
        m_anchor = forward ? from : to;
        moveCursor(forward ? to : from, true);
        Q_EMIT selectionChanged();
    }
}

void AnnotationView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (!m_document || event->button() != Qt::LeftButton) {
        return;
    }
    const qint64 position = hitTest(event->position().toPoint());
    const auto [from, to] = snapRange(m_document->document().text(), position, std::min<qint64>(position + 1, m_document->document().text().size()));
    m_anchor = from;
    moveCursor(to, true);
}

void AnnotationView::focusInEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusInEvent(event);
    viewport()->update();
}

void AnnotationView::focusOutEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusOutEvent(event);
    viewport()->update();
}

bool AnnotationView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        showSpanToolTip(help->pos(), help->globalPos());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void AnnotationView::showSpanToolTip(const QPoint &point, const QPoint &globalPoint)
{
    if (!m_document) {
        return;
    }
    const auto spans = visibleSpansAt(hitTest(point));
    const QString overlay = m_overlay ? m_overlay->toolTip(toCodePoint(hitTest(point)).value) : QString();
    if (spans.empty() && overlay.isEmpty()) {
        QToolTip::hideText();
        return;
    }
    QString html = overlay;
    for (const Annotation *span : spans) {
        if (!html.isEmpty()) {
            html += QStringLiteral("<hr>");
        }
        html += QStringLiteral("<span style=\"background:%1\">&nbsp;&nbsp;&nbsp;</span> <b>%2</b> &nbsp;%3–%4")
                    .arg(labelColor(span->label).name(), span->label.toHtmlEscaped())
                    .arg(span->start.value)
                    .arg(span->end.value);
        if (!span->note().isEmpty()) {
            html += QStringLiteral("<br>") + tr("Note: %1").arg(escapedHtml(span->note()));
        }
        if (!span->annotator().isEmpty()) {
            html += QStringLiteral("<br>") + tr("Annotator: %1").arg(span->annotator().toHtmlEscaped());
        }
        if (!span->source().isEmpty()) {
            html += QStringLiteral("<br>") + tr("Source: %1").arg(span->source().toHtmlEscaped());
        }
        if (span->status() == Annotation::Status::Pending) {
            html += QStringLiteral("<br><i>") + tr("Suggestion: A accepts, R rejects") + QStringLiteral("</i>");
        }
        if (span->status() == Annotation::Status::Conflict) {
            const QJsonObject info = span->extraFields().value(u"x-merge").toObject();
            const QString side = info.value(u"side").toString();
            const QString other = info.value(u"other").toString() == u"removed"
                                      ? tr("the other branch removed this span")
                                      : tr("the other branch changed %1").arg(info.value(u"fields").toVariant().toStringList().join(QStringLiteral(", ")));
            html += QStringLiteral("<br><b>") + tr("Merge conflict, %1 version: %2").arg(side.toHtmlEscaped(), other.toHtmlEscaped())
                + QStringLiteral("</b><br><i>") + tr("A keeps this version, R drops it; Ctrl+F8 goes to the next conflict")
                + QStringLiteral("</i>");
        }
        if (span->score()) {
            html += QStringLiteral("<br>") + tr("Score: %1").arg(*span->score());
        }
        if (const QString why = span->hasDetails() ? span->extraFields().value(u"reason").toString() : QString(); !why.isEmpty()) {
            html += QStringLiteral("<br>") + tr("Why: %1").arg(why.toHtmlEscaped());
        }
    }
    QToolTip::showText(globalPoint, html, viewport());
}

} // namespace Scholiast
