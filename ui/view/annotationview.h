// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editing/annotationdocument.h"
#include "colortheme.h"
#include "layoutcache_p.h"
#include "spanrenderer.h"
#include "viewoverlay.h"

#include <QAbstractScrollArea>
#include <QPointer>
#include <QRegularExpression>

#include <memory>
#include <vector>

namespace Scholiast {

class Annotation;
class CursorSelectionModel;
class SyntaxHighlighter;

/// The read-only prose view: word-wrapped text with spans painted as tinted backgrounds and one
/// underline per nesting level. Split as KTextEditor splits its view: the layout cache
/// (layoutcache_p.h) says where text is, the SpanRenderer paints the exposed paragraphs only,
/// the CursorSelectionModel keeps the caret and the selection, and this widget routes mouse,
/// keys and scrolling to them (KTextEditor's KateViewInternal).
///
/// Positions in its API are code points; UTF-16 indices stay inside (Document converts).
/// The view never changes the spans itself: resizing by mouse emits spanResizeRequested().
class AnnotationView : public QAbstractScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnnotationView)

public:
    enum class SpanEdge { Start, End };

    explicit AnnotationView(QWidget *parent = nullptr);
    ~AnnotationView() override;

    /// Shows a document (nullptr shows nothing). The view does not own it.
    void setDocument(AnnotationDocument *document);
    [[nodiscard]] AnnotationDocument *document() const { return m_document; }

    [[nodiscard]] CodePoint cursorPosition() const;
    [[nodiscard]] CodePoint anchorPosition() const;
    /// Moves the caret; with keepAnchor the selection extends to it.
    void setCursorPosition(CodePoint position, bool keepAnchor = false);
    [[nodiscard]] bool hasSelection() const;
    /// The selection, start <= end.
    [[nodiscard]] CodePointRange selection() const;
    /// The selection snapped to whole words when snapping is on (whitespace at its ends trimmed).
    [[nodiscard]] CodePointRange snappedSelection() const;
    void setSelection(CodePoint anchor, CodePoint cursor);
    void clearSelection();
    [[nodiscard]] QString selectedText() const;

    [[nodiscard]] bool snapToWords() const;
    void setSnapToWords(bool snap);
    /// The caret and the selection, in UTF-16 (cursorselectionmodel.h).
    [[nodiscard]] CursorSelectionModel *cursorModel() const { return m_cursor; }

    /// A gutter with each line's number (document lines, 1-based) left of the text.
    [[nodiscard]] bool lineNumbersVisible() const { return m_lineNumbersVisible; }
    void setLineNumbersVisible(bool visible);

    /// The span the user selected (clicked, cycled to), or an empty string.
    [[nodiscard]] QString currentSpan() const { return m_currentSpan; }
    /// Makes a span current without scrolling; revealSpan() also scrolls to it.
    void setCurrentSpan(const QString &id);
    void revealSpan(const QString &id);
    /// Tab / Shift+Tab: the next or previous visible span in document order.
    void selectAdjacentSpan(int direction);
    /// Alt+Down / Alt+Up: the next or previous of the spans overlapping the caret.
    void cycleSpansAtCursor(int direction);
    /// Asks to move one end of the current span by a word (or a character when not snapping).
    void requestResizeCurrentSpan(SpanEdge edge, int direction);
    /// The grip on one end of the current span, in viewport coordinates: a knob above the first
    /// line at the start, below the last line at the end. Empty while no span is current or the
    /// end is not painted. Drawn, and a drag from it resizes, only while the pointer is over
    /// the current span or a grip (handlesShown()).
    [[nodiscard]] QRect spanHandleRect(SpanEdge edge);
    [[nodiscard]] bool handlesShown() const { return m_handlesShown; }

    /// Each span's label name in a small tag above its first line (View > Span Labels); the
    /// lines get room above them for the tags while they are shown.
    void setLabelTagsVisible(bool visible);
    [[nodiscard]] bool labelTagsVisible() const { return m_renderer.labelTagsVisible(); }
    /// The tags drawn now, in viewport coordinates (spanrenderer.h), for tests.
    [[nodiscard]] std::vector<SpanRenderer::LabelTag> labelTags();

    /// The relations drawn now as arcs (spanrenderer.h), for tests.
    [[nodiscard]] std::vector<SpanRenderer::RelationArc> relationArcs();
    /// While a relation is being made: the span it starts at (a dashed arc runs from it to the
    /// current span); empty otherwise.
    void setRelationSource(const QString &id);
    [[nodiscard]] QString relationSource() const { return m_relationSource; }

    void setLabelVisible(const QString &label, bool visible);
    [[nodiscard]] bool isLabelVisible(const QString &label) const { return m_renderer.isLabelVisible(label); }

    /// Highlights matches of `pattern` in the painted text (an invalid or empty one: none).
    void setSearchPattern(const QRegularExpression &pattern);

    /// Something painted over the text (layers, review marks; viewoverlay.h); not owned.
    void setOverlay(ViewOverlay *overlay);
    [[nodiscard]] ViewOverlay *overlay() const;

    [[nodiscard]] int zoomPercent() const { return m_zoomPercent; }
    void setZoomPercent(int percent);
    void zoomIn() { setZoomPercent(m_zoomPercent + 10); }
    void zoomOut() { setZoomPercent(m_zoomPercent - 10); }
    void resetZoom() { setZoomPercent(100); }

    /// Scrolls so that the position is visible (centred when it was far away).
    void ensureVisible(CodePoint position);

    /// The caret rectangle of a position, in viewport coordinates (empty when not painted now).
    [[nodiscard]] QRect positionRect(CodePoint position);
    /// The position nearest to a point in viewport coordinates.
    [[nodiscard]] CodePoint positionAt(const QPoint &point);

    /// Syntax colouring (syntaxhighlighter.h): a KSyntaxHighlighting definition by name, or
    /// empty for plain text. setDocument() picks one from the file's name and first characters.
    void setSyntaxDefinition(const QString &name);
    [[nodiscard]] QString syntaxDefinition() const;
    /// The colours the view draws with (its palette follows); label colours are adapted to the
    /// background (ColorTheme::labelColor) and syntax colours come from the matching theme.
    void setColorTheme(const ColorTheme &theme);
    [[nodiscard]] const ColorTheme &colorTheme() const { return m_theme; }
    /// The character formats laid out for a paragraph (a document line, 0-based, unless a line
    /// longer than maxLayoutBlockLength() came before it), for tests.
    [[nodiscard]] QList<QTextLayout::FormatRange> paragraphFormats(qint64 paragraph);
    [[nodiscard]] const SyntaxHighlighter &syntaxHighlighter() const { return *m_syntax; }
    /// Lines longer than this many UTF-16 units are laid out in pieces (layoutcache_p.h); tests
    /// lower it to cut short lines. Scrolls to the top.
    void setMaxLayoutBlockLength(qint64 units);
    [[nodiscard]] qint64 maxLayoutBlockLength() const { return m_cache.maxBlockLength(); }

Q_SIGNALS:
    void syntaxDefinitionChanged(const QString &name);
    void cursorPositionChanged();
    void selectionChanged();
    void currentSpanChanged(const QString &id);
    /// A resize of span `id`; requests with the same `gesture` (one drag, or keys pressed while
    /// the modifiers stay held) are one undo step.
    void spanResizeRequested(const QString &id, Scholiast::CodePoint start, Scholiast::CodePoint end, quint64 gesture);
    void zoomChanged(int percent);
    /// A press on span `id`'s label tag: the window starts a relation from it (setRelationSource)
    /// when it may, and the drag that follows picks the span it goes to.
    void relationDragStarted(const QString &id);
    /// The tag's drag ended: over another span (then current), or not.
    void relationDragFinished(bool overSpan);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    enum class DragMode { None, Select, ResizeStart, ResizeEnd, Relate };

    void updateFont();
    void updateGeometry();
    void updateScrollBar();
    void scrollByPixels(qint64 dy);
    void normalizeTop();
    void jumpToY(qint64 y);
    [[nodiscard]] std::vector<VisibleParagraph> visibleParagraphs();
    [[nodiscard]] int textLeft() const;
    [[nodiscard]] int gutterWidth() const;
    /// Lays out a page above and a page below the visible one while the event loop is idle,
    /// so that scrolling by a page only paints.
    void prelayout();
    [[nodiscard]] Utf16Index hitTest(const QPoint &point);
    /// With `endOfRun`, a position where a line wraps is drawn at the end of the line before
    /// (where a span ending there ends), not at the start of the next.
    [[nodiscard]] QRect caretRect(Utf16Index position, bool endOfRun = false);
    void ensureVisibleUtf16(Utf16Index position);
    void moveCursor(Utf16Index position, bool keepAnchor);
    [[nodiscard]] Utf16Index cursorStep(Utf16Index position, int direction, QTextLayout::CursorMode mode);
    [[nodiscard]] Utf16Index edgeStep(Utf16Index position, int direction, SpanEdge edge);
    [[nodiscard]] Utf16Index verticalStep(Utf16Index position, int direction);
    [[nodiscard]] Utf16Index lineEdge(Utf16Index position, bool end);
    /// Whether a position past the end of a visual line stays before its last character.
    [[nodiscard]] bool staysBeforeLineEnd(qint64 paragraph, const QTextLine &line, int lineCount) const;
    [[nodiscard]] QColor labelColor(const QString &label) const;
    [[nodiscard]] std::vector<const Annotation *> visibleSpansAt(Utf16Index position) const;
    /// The grip under a point (with a margin of 2 px), when the grips are shown.
    [[nodiscard]] DragMode handleAt(const QPoint &point);
    /// Shows the grips while the pointer is over the current span or a grip, hides them else.
    void updateHandles(const QPoint &point);
    void paintHandles(QPainter &painter);
    [[nodiscard]] SpanRenderer::Frame renderFrame() const;
    void showSpanToolTip(const QPoint &point, const QPoint &globalPoint);
    void onSpansRemoved(const QList<Annotation> &removed);

    QPointer<AnnotationDocument> m_document;
    LayoutCache m_cache;
    QFont m_baseFont;
    int m_zoomPercent = 100;
    CursorSelectionModel *m_cursor;
    int m_preferredX = -1;
    qint64 m_topParagraph = 0;
    qint64 m_topOffset = 0; // pixels of m_topParagraph above the viewport
    bool m_updatingScrollBar = false;
    bool m_lineNumbersVisible = false;
    bool m_prelayoutPending = false;
    QString m_currentSpan;
    DragMode m_drag = DragMode::None;
    QPoint m_pressPoint;
    bool m_dragMoved = false;
    bool m_handlesShown = false;
    // Numbers the resize gestures: a new one at each mouse press, at each key that is not a
    // modifier, and when a modifier is released or focus leaves.
    quint64 m_resizeGesture = 1;
    QMetaObject::Connection m_connections[5];
    QString m_relationSource;
    // Syntax colouring and theme (defined in annotationviewsyntax.cpp).
    void setUpSyntax();
    void pickSyntaxForDocument();
    void setSyntaxSource();
    std::unique_ptr<SyntaxHighlighter> m_syntax;
    ColorTheme m_theme;
    SpanRenderer m_renderer{m_cache, m_theme};
};

} // namespace Scholiast
