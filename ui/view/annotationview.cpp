// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotationview.h"

#include "annotation.h"
#include "cursorselectionmodel.h"
#include "spanoffsets.h"
#include "syntaxhighlighter.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonObject>
#include <QKeyEvent>
#include <QPainter>
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
// Rows of label tags above each line: a span and one nested in it (or tags of neighbouring short
// spans that would overlap side by side); a third row would space every line out for the rare
// line that needs it.
constexpr int LabelTagRows = 2;

QString escapedHtml(const QString &text)
{
    return text.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>"));
}

} // namespace

AnnotationView::AnnotationView(QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_cursor(new CursorSelectionModel(this))
{
    connect(m_cursor, &CursorSelectionModel::cursorPositionChanged, this, &AnnotationView::cursorPositionChanged);
    connect(m_cursor, &CursorSelectionModel::selectionChanged, this, &AnnotationView::selectionChanged);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_InputMethodEnabled, false);
    viewport()->setCursor(Qt::IBeamCursor);
    viewport()->setMouseTracking(true);
    viewport()->setAutoFillBackground(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    // A readable serif for prose when installed, the system font otherwise.
    m_baseFont = QApplication::font();
    const QStringList serifs{QStringLiteral("Noto Serif"), QStringLiteral("DejaVu Serif"),
                             QStringLiteral("Liberation Serif")};
    const QStringList families = QFontDatabase::families();
    for (const QString &family : serifs) {
        if (families.contains(family)) {
            m_baseFont.setFamily(family);
            break;
        }
    }
    m_baseFont.setPointSizeF(std::max(11.0, QApplication::font().pointSizeF() * 1.2));
    m_renderer.setLabelTagsVisible(true);
    m_cache.setTagRows(LabelTagRows);
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
    m_cursor->reset(document);
    m_topParagraph = 0;
    m_topOffset = 0;
    m_preferredX = -1;
    m_currentSpan.clear();
    m_relationSource.clear();
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
        m_connections[4] = connect(set, &AnnotationSet::relationsChanged, this, repaint);
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

CodePoint AnnotationView::cursorPosition() const
{
    return m_cursor->cursorPosition();
}

CodePoint AnnotationView::anchorPosition() const
{
    return m_cursor->anchorPosition();
}

bool AnnotationView::hasSelection() const
{
    return m_cursor->hasSelection();
}

CodePointRange AnnotationView::selection() const
{
    return m_cursor->selection();
}

CodePointRange AnnotationView::snappedSelection() const
{
    return m_cursor->snappedSelection();
}

QString AnnotationView::selectedText() const
{
    return m_cursor->selectedText();
}

bool AnnotationView::snapToWords() const
{
    return m_cursor->snapToWords();
}

void AnnotationView::setSnapToWords(bool snap)
{
    m_cursor->setSnapToWords(snap);
}

void AnnotationView::setCursorPosition(CodePoint position, bool keepAnchor)
{
    moveCursor(m_cursor->toUtf16(position), keepAnchor);
}

void AnnotationView::setSelection(CodePoint anchor, CodePoint cursor)
{
    m_cursor->select(m_cursor->toUtf16(anchor), m_cursor->toUtf16(cursor));
    viewport()->update();
}

void AnnotationView::clearSelection()
{
    moveCursor(m_cursor->cursor(), false);
}

void AnnotationView::moveCursor(Utf16Index position, bool keepAnchor)
{
    m_cursor->moveCursor(position, keepAnchor);
    viewport()->update();
}

// --- spans -----------------------------------------------------------------------------------

QColor AnnotationView::labelColor(const QString &label) const
{
    return m_renderer.labelColor(m_document, label, palette().color(QPalette::Mid));
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
        const CodePoint start = spanRange(*span).first;
        setCurrentSpan(id);
        moveCursor(m_cursor->toUtf16(start), false);
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

std::vector<const Annotation *> AnnotationView::visibleSpansAt(Utf16Index position) const
{
    std::vector<const Annotation *> result;
    if (!m_document) {
        return result;
    }
    for (const Annotation *span : m_document->spans()->at(m_cursor->toCodePoint(position))) {
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
    const auto spans = visibleSpansAt(m_cursor->cursor());
    if (spans.empty()) {
        return;
    }
    const auto it =
        std::find_if(spans.begin(), spans.end(), [this](const Annotation *s) { return s->id == m_currentSpan; });
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
    auto [start, end] = spanUtf16Range(m_document->document(), *span);
    if (edge == SpanEdge::Start) {
        start = edgeStep(start, direction, edge);
    } else {
        end = edgeStep(end, direction, edge);
    }
    if (start < end) {
        Q_EMIT spanResizeRequested(m_currentSpan, m_cursor->toCodePoint(start), m_cursor->toCodePoint(end),
                                   m_resizeGesture);
    }
}

Utf16Index AnnotationView::edgeStep(Utf16Index position, int direction, SpanEdge edge)
{
    if (!m_cursor->snapToWords()) {
        return cursorStep(position, direction, QTextLayout::SkipCharacters);
    }
    return m_cursor->wordEdgeStep(position, direction, edge == SpanEdge::End, [this](Utf16Index from, int step) {
        return cursorStep(from, step, QTextLayout::SkipCharacters);
    });
}

void AnnotationView::setLabelVisible(const QString &label, bool visible)
{
    m_renderer.setLabelVisible(label, visible);
    viewport()->update();
}

void AnnotationView::setOverlay(ViewOverlay *overlay)
{
    m_renderer.setOverlay(overlay);
    viewport()->update();
}

ViewOverlay *AnnotationView::overlay() const
{
    return m_renderer.overlay();
}

void AnnotationView::setSearchPattern(const QRegularExpression &pattern)
{
    m_renderer.setSearchPattern(pattern);
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
    const qint64 lines = std::max<qint64>(1, m_cache.lineCount());
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

std::vector<VisibleParagraph> AnnotationView::visibleParagraphs()
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
    const qint64 dy =
        !pixels.isNull() ? -pixels.y() : -qint64(event->angleDelta().y()) * 3 * m_cache.lineHeight() / 120;
    scrollByPixels(dy);
    event->accept();
}

void AnnotationView::ensureVisible(CodePoint position)
{
    ensureVisibleUtf16(m_cursor->toUtf16(position));
}

void AnnotationView::ensureVisibleUtf16(Utf16Index position)
{
    if (!m_document) {
        return;
    }
    const qint64 paragraph = m_cache.paragraphAt(position);
    QTextLayout *layout = m_cache.layout(paragraph);
    const QTextLine line = layout->lineForTextPosition(int(position - m_cache.start(paragraph)));
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

Utf16Index AnnotationView::hitTest(const QPoint &point)
{
    const auto visible = visibleParagraphs();
    if (visible.empty()) {
        return Utf16Index(0);
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
    // Clicking past the end of a wrapped line lands before its trailing space, not on the next line
    // (the end of a piece of a long line is the next piece's start: on the next line too).
    const int lineEnd = line.textStart() + line.textLength();
    const bool wrapped = staysBeforeLineEnd(target->paragraph, line, count);
    if (wrapped && position >= lineEnd && lineEnd > line.textStart()) {
        position = lineEnd - 1;
    }
    return m_cache.start(target->paragraph) + position;
}

CodePoint AnnotationView::positionAt(const QPoint &point)
{
    return m_cursor->toCodePoint(hitTest(point));
}

QRect AnnotationView::caretRect(Utf16Index position16, bool endOfRun)
{
    if (!m_document) {
        return {};
    }
    const qint64 paragraph = m_cache.paragraphAt(position16);
    for (const VisibleParagraph &v : visibleParagraphs()) {
        if (v.paragraph != paragraph) {
            continue;
        }
        QTextLayout *layout = m_cache.layout(paragraph);
        const int position = int(position16 - m_cache.start(paragraph));
        const QTextLine line = layout->lineForTextPosition(position);
        if (!line.isValid()) {
            return QRect(textLeft(), v.y + m_cache.textTop(), 2, QFontMetrics(layout->font()).height());
        }
        if (endOfRun && line.lineNumber() > 0 && line.textStart() == position) {
            const QTextLine before = layout->lineAt(line.lineNumber() - 1);
            const int x = int(before.cursorToX(position));
            return QRect(textLeft() + x, v.y + int(before.y()), 2, int(before.height()));
        }
        const int x = int(line.cursorToX(position));
        return QRect(textLeft() + x, v.y + int(line.y()), 2, int(line.height()));
    }
    return {};
}

QRect AnnotationView::positionRect(CodePoint position)
{
    return caretRect(m_cursor->toUtf16(position));
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
    m_renderer.paint(painter, visible, renderFrame());
    paintHandles(painter);
    // Painting made the painted paragraphs' heights exact; keep the scroll bar in step.
    updateScrollBar();
    if (!m_prelayoutPending) {
        m_prelayoutPending = true;
        QMetaObject::invokeMethod(this, &AnnotationView::prelayout, Qt::QueuedConnection);
    }
}

SpanRenderer::Frame AnnotationView::renderFrame() const
{
    SpanRenderer::Frame frame;
    frame.document = m_document;
    frame.palette = palette();
    frame.focused = hasFocus();
    frame.textLeft = textLeft();
    frame.gutterWidth = m_lineNumbersVisible ? gutterWidth() : 0;
    frame.cursor = m_cursor->cursor();
    frame.anchor = m_cursor->anchor();
    frame.currentSpan = m_currentSpan;
    frame.relationSource = m_relationSource;
    return frame;
}

void AnnotationView::setLabelTagsVisible(bool visible)
{
    if (visible == m_renderer.labelTagsVisible()) {
        return;
    }
    // Keep the top line in place: the heights change, so scroll by paragraph, not by pixels.
    m_renderer.setLabelTagsVisible(visible);
    m_cache.setTagRows(visible ? LabelTagRows : 0);
    m_topOffset = 0;
    updateGeometry();
}

std::vector<SpanRenderer::LabelTag> AnnotationView::labelTags()
{
    if (!m_document) {
        return {};
    }
    return m_renderer.labelTags(visibleParagraphs(), renderFrame());
}

std::vector<SpanRenderer::RelationArc> AnnotationView::relationArcs()
{
    if (!m_document) {
        return {};
    }
    return m_renderer.relationArcs(visibleParagraphs(), renderFrame());
}

void AnnotationView::setRelationSource(const QString &id)
{
    if (id != m_relationSource) {
        m_relationSource = id;
        viewport()->update();
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

// --- keyboard --------------------------------------------------------------------------------

Utf16Index AnnotationView::cursorStep(Utf16Index position, int direction, QTextLayout::CursorMode mode)
{
    const qint64 paragraph = m_cache.paragraphAt(position);
    const Utf16Index start = m_cache.start(paragraph);
    const Utf16Index end = m_cache.end(paragraph);
    if (direction < 0) {
        if (position <= start && paragraph > 0 && m_cache.continues(paragraph - 1)) {
            // The start of a piece of a long line: one step back in the piece before.
            const qint64 previous = paragraph - 1;
            return m_cache.start(previous)
                + m_cache.layout(previous)->previousCursorPosition(int(m_cache.length(previous)), mode);
        }
        if (position <= start) {
            return paragraph > 0 ? m_cache.end(paragraph - 1) : Utf16Index(0);
        }
        return start + m_cache.layout(paragraph)->previousCursorPosition(int(position - start), mode);
    }
    if (position >= end) {
        return paragraph + 1 < m_cache.paragraphCount() ? m_cache.start(paragraph + 1) : end;
    }
    return start + m_cache.layout(paragraph)->nextCursorPosition(int(position - start), mode);
}

Utf16Index AnnotationView::verticalStep(Utf16Index from, int direction)
{
    qint64 paragraph = m_cache.paragraphAt(from);
    QTextLayout *layout = m_cache.layout(paragraph);
    const int position = int(from - m_cache.start(paragraph));
    QTextLine line = layout->lineForTextPosition(position);
    if (!line.isValid()) {
        return from;
    }
    if (m_preferredX < 0) {
        m_preferredX = int(line.cursorToX(position));
    }
    int target = line.lineNumber() + direction;
    if (target < 0) {
        if (paragraph == 0) {
            return Utf16Index(0);
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
    const bool wrapped = staysBeforeLineEnd(paragraph, next, layout->lineCount());
    if (wrapped && result >= lineEnd && lineEnd > next.textStart()) {
        result = lineEnd - 1;
    }
    return m_cache.start(paragraph) + result;
}

bool AnnotationView::staysBeforeLineEnd(qint64 paragraph, const QTextLine &line, int lineCount) const
{
    if (line.lineNumber() + 1 < lineCount) {
        return true; // wrapped inside the block, at a space as a rule
    }
    if (!m_cache.continues(paragraph)) {
        return false;
    }
    // The last line of a piece of a long line: a piece cut after a space ends like a wrapped line;
    // one cut inside a word, between CJK characters or after an emoji ends where the next piece
    // starts, and stepping back would leave its last character out of End and Shift+End.
    const Utf16Index end = m_cache.start(paragraph) + line.textStart() + line.textLength();
    return end.value > 0 && m_document->document().text().at(end.value - 1).isSpace();
}

Utf16Index AnnotationView::lineEdge(Utf16Index from, bool end)
{
    const qint64 paragraph = m_cache.paragraphAt(from);
    QTextLayout *layout = m_cache.layout(paragraph);
    const Utf16Index start = m_cache.start(paragraph);
    const QTextLine line = layout->lineForTextPosition(int(from - start));
    if (!line.isValid()) {
        return from;
    }
    if (!end) {
        return start + line.textStart();
    }
    Utf16Index position = start + line.textStart() + line.textLength();
    const bool wrapped = staysBeforeLineEnd(paragraph, line, layout->lineCount());
    if (wrapped && position > start + line.textStart()) {
        position = position - 1; // stay on this visual line, before the space it wrapped at
    }
    return position;
}

namespace {
bool isModifierKey(int key)
{
    return key == Qt::Key_Shift || key == Qt::Key_Control || key == Qt::Key_Alt || key == Qt::Key_Meta
        || key == Qt::Key_AltGr;
}
} // namespace

void AnnotationView::keyReleaseEvent(QKeyEvent *event)
{
    // Keys pressed while the modifiers stay held are one resize; letting go of one ends it.
    if (isModifierKey(event->key())) {
        ++m_resizeGesture;
    }
    QAbstractScrollArea::keyReleaseEvent(event);
}

void AnnotationView::keyPressEvent(QKeyEvent *event)
{
    if (!isModifierKey(event->key())) {
        ++m_resizeGesture;
    }
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
        m_cursor->selectAll();
        viewport()->update();
        return;
    }
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    const bool control = event->modifiers() & Qt::ControlModifier;
    const auto mode = control ? QTextLayout::SkipWords : QTextLayout::SkipCharacters;
    const Utf16Index cursor = m_cursor->cursor();
    Utf16Index target = cursor;
    bool vertical = false;
    switch (event->key()) {
    case Qt::Key_Left:
        target = (!shift && hasSelection() && !control) ? m_cursor->selectionStart() : cursorStep(cursor, -1, mode);
        break;
    case Qt::Key_Right:
        target = (!shift && hasSelection() && !control) ? m_cursor->selectionEnd() : cursorStep(cursor, 1, mode);
        break;
    case Qt::Key_Up:
        target = verticalStep(cursor, -1);
        vertical = true;
        break;
    case Qt::Key_Down:
        target = verticalStep(cursor, 1);
        vertical = true;
        break;
    case Qt::Key_Home:
        target = control ? Utf16Index(0) : lineEdge(cursor, false);
        break;
    case Qt::Key_End:
        target = control ? Utf16Index(m_document->document().text().size()) : lineEdge(cursor, true);
        break;
    case Qt::Key_PageUp:
    case Qt::Key_PageDown: {
        const QRect caret = caretRect(cursor);
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
    ensureVisibleUtf16(m_cursor->cursor());
    event->accept();
}

// --- mouse -----------------------------------------------------------------------------------

QRect AnnotationView::spanHandleRect(SpanEdge edge)
{
    if (!m_document || m_currentSpan.isEmpty()) {
        return {};
    }
    const Annotation *span = m_document->spans()->find(m_currentSpan);
    if (!span) {
        return {};
    }
    const auto [start, end] = spanUtf16Range(m_document->document(), *span);
    const QRect caret = edge == SpanEdge::Start ? caretRect(start) : caretRect(end, true);
    if (caret.isNull()) {
        return {};
    }
    // Odd, so that the knob centres on the caret line; large enough to hit at any zoom.
    const int size = std::max(9, m_cache.lineHeight() / 3) | 1;
    const int x = caret.left() + caret.width() / 2 - size / 2;
    const int y = edge == SpanEdge::Start ? caret.top() - size : caret.bottom() + 1;
    return QRect(x, y, size, size);
}

AnnotationView::DragMode AnnotationView::handleAt(const QPoint &point)
{
    if (!m_handlesShown) {
        return DragMode::None;
    }
    for (const auto &[edge, mode] :
         {std::pair{SpanEdge::Start, DragMode::ResizeStart}, std::pair{SpanEdge::End, DragMode::ResizeEnd}}) {
        const QRect rect = spanHandleRect(edge);
        if (!rect.isNull() && rect.adjusted(-2, -2, 2, 2).contains(point)) {
            return mode;
        }
    }
    return DragMode::None;
}

void AnnotationView::updateHandles(const QPoint &point)
{
    bool shown = false;
    if (m_document && !m_currentSpan.isEmpty()) {
        if (const Annotation *span = m_document->spans()->find(m_currentSpan)) {
            const auto [start, end] = spanUtf16Range(m_document->document(), *span);
            const Utf16Index at = hitTest(point);
            const QRect caret = caretRect(at);
            // Over the span's text: the nearest position is inside it and the point is on that
            // line (hitTest answers for points beside a line too).
            const bool onText =
                at >= start && at < end && !caret.isNull() && caret.top() <= point.y() && point.y() <= caret.bottom();
            shown = onText;
            if (!shown) {
                for (SpanEdge edge : {SpanEdge::Start, SpanEdge::End}) {
                    const QRect rect = spanHandleRect(edge);
                    shown = shown || (!rect.isNull() && rect.adjusted(-2, -2, 2, 2).contains(point));
                }
            }
        }
    }
    if (shown != m_handlesShown) {
        m_handlesShown = shown;
        viewport()->update();
    }
}

void AnnotationView::paintHandles(QPainter &painter)
{
    if (!m_handlesShown || !m_document || m_currentSpan.isEmpty()) {
        return;
    }
    const Annotation *span = m_document->spans()->find(m_currentSpan);
    if (!span) {
        return;
    }
    const QColor fill = labelColor(span->label);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    for (SpanEdge edge : {SpanEdge::Start, SpanEdge::End}) {
        const QRect knob = spanHandleRect(edge);
        if (knob.isNull()) {
            continue;
        }
        // A stem along the span's edge from the knob through the line, as text editors on touch
        // screens draw selection grips.
        const QRect caret = edge == SpanEdge::Start
            ? caretRect(spanUtf16Range(m_document->document(), *span).first)
            : caretRect(spanUtf16Range(m_document->document(), *span).second, true);
        painter.fillRect(QRect(knob.center().x() - 1, caret.top(), 2, caret.height()), palette().color(QPalette::Text));
        painter.setPen(QPen(palette().color(QPalette::Base), 1.5));
        painter.setBrush(fill);
        painter.drawEllipse(QRectF(knob).adjusted(0.5, 0.5, -0.5, -0.5));
    }
    painter.restore();
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
    ++m_resizeGesture; // a new drag is a new undo step
    updateHandles(m_pressPoint);
    m_drag = handleAt(m_pressPoint);
    if (m_drag != DragMode::None) {
        return;
    }
    // A span's label tag is where a relation is dragged from (as brat drags from its boxes).
    if (labelTagsVisible()) {
        for (const SpanRenderer::LabelTag &tag : labelTags()) {
            if (tag.rect.contains(m_pressPoint)) {
                setCurrentSpan(tag.span);
                Q_EMIT relationDragStarted(tag.span);
                m_drag = m_relationSource == tag.span ? DragMode::Relate : DragMode::None;
                return;
            }
        }
    }
    m_drag = DragMode::Select;
    moveCursor(hitTest(m_pressPoint), event->modifiers() & Qt::ShiftModifier);
}

void AnnotationView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint point = event->position().toPoint();
    if (m_drag == DragMode::None) {
        updateHandles(point);
        viewport()->setCursor(handleAt(point) != DragMode::None ? Qt::SizeHorCursor : Qt::IBeamCursor);
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
    const Utf16Index position = hitTest(clamped);
    if (m_drag == DragMode::Select) {
        moveCursor(position, true);
        return;
    }
    if (m_drag == DragMode::Relate) {
        // The span under the pointer becomes current: the dashed arc previews the relation.
        const auto under = visibleSpansAt(position);
        setCurrentSpan(under.empty() ? m_relationSource : under.front()->id);
        return;
    }
    const Annotation *span = m_document ? m_document->spans()->find(m_currentSpan) : nullptr;
    if (!span || !m_dragMoved) {
        return;
    }
    const auto [spanStart, spanEnd] = spanRange(*span);
    CodePoint start = spanStart;
    CodePoint end = spanEnd;
    const bool movingEnd = m_drag == DragMode::ResizeEnd;
    (movingEnd ? end : start) = m_cursor->toCodePoint(m_cursor->snapEdge(position, movingEnd));
    if (start < end && (start != spanStart || end != spanEnd)) {
        Q_EMIT spanResizeRequested(m_currentSpan, start, end, m_resizeGesture);
    }
}

void AnnotationView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_drag == DragMode::None) {
        QAbstractScrollArea::mouseReleaseEvent(event);
        return;
    }
    const DragMode drag = std::exchange(m_drag, DragMode::None);
    if (drag == DragMode::Relate) {
        const auto under = visibleSpansAt(hitTest(event->position().toPoint()));
        const bool over = m_dragMoved && !under.empty() && under.front()->id != m_relationSource;
        if (over) {
            setCurrentSpan(under.front()->id);
        }
        Q_EMIT relationDragFinished(over);
        return;
    }
    if (drag != DragMode::Select) {
        ++m_resizeGesture;
        updateHandles(event->position().toPoint());
        return;
    }
    if (!m_dragMoved && !hasSelection()) {
        // A click: select the innermost span under it (or none).
        const auto under = visibleSpansAt(hitTest(event->position().toPoint()));
        setCurrentSpan(under.empty() ? QString() : under.front()->id);
        updateHandles(event->position().toPoint());
        return;
    }
    // Show the selection that a label key would tag.
    m_cursor->snapSelection();
    viewport()->update();
}

void AnnotationView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (!m_document || event->button() != Qt::LeftButton) {
        return;
    }
    m_cursor->selectWordAt(hitTest(event->position().toPoint()));
    viewport()->update();
}

void AnnotationView::focusInEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusInEvent(event);
    viewport()->update();
}

void AnnotationView::focusOutEvent(QFocusEvent *event)
{
    ++m_resizeGesture; // modifiers released elsewhere are never seen here
    QAbstractScrollArea::focusOutEvent(event);
    viewport()->update();
}

bool AnnotationView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::Leave && m_handlesShown && m_drag == DragMode::None) {
        m_handlesShown = false;
        viewport()->update();
    }
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
    ViewOverlay *painter = m_renderer.overlay();
    const QString overlay = painter ? painter->toolTip(m_cursor->toCodePoint(hitTest(point))) : QString();
    if (spans.empty() && overlay.isEmpty()) {
        QToolTip::hideText();
        return;
    }
    QString html = overlay;
    for (const Annotation *span : spans) {
        if (!html.isEmpty()) {
            html += QStringLiteral("<hr>");
        }
        const auto [start, end] = spanRange(*span);
        html += QStringLiteral("<span style=\"background:%1\">&nbsp;&nbsp;&nbsp;</span> <b>%2</b> &nbsp;%3–%4")
                    .arg(labelColor(span->label).name(), span->label.toHtmlEscaped())
                    .arg(start.value)
                    .arg(end.value);
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
                : tr("the other branch changed %1")
                      .arg(info.value(u"fields").toVariant().toStringList().join(QStringLiteral(", ")));
            html += QStringLiteral("<br><b>")
                + tr("Merge conflict, %1 version: %2").arg(side.toHtmlEscaped(), other.toHtmlEscaped())
                + QStringLiteral("</b><br><i>")
                + tr("A keeps this version, R drops it; Ctrl+F8 goes to the next conflict") + QStringLiteral("</i>");
        }
        if (span->score()) {
            html += QStringLiteral("<br>") + tr("Score: %1").arg(*span->score());
        }
        if (const QString why = span->hasDetails() ? span->extraFields().value(u"reason").toString() : QString();
            !why.isEmpty()) {
            html += QStringLiteral("<br>") + tr("Why: %1").arg(why.toHtmlEscaped());
        }
    }
    QToolTip::showText(globalPoint, html, viewport());
}

} // namespace Scholiast
