// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "layoutcache_p.h"
#include "offsets.h"
#include "viewoverlay.h"

#include <QColor>
#include <QRect>
#include <QPalette>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>
#include <QString>

#include <optional>
#include <vector>

QT_BEGIN_NAMESPACE
class QPainter;
QT_END_NAMESPACE

namespace Scholiast {

class Annotation;
class AnnotationDocument;
class ColorTheme;

/// A paragraph on screen: its number and its top edge in viewport coordinates.
struct VisibleParagraph
{
    qint64 paragraph;
    int y;
};

/// Paints the AnnotationView's visible paragraphs (KTextEditor's KateRenderer): span tints and
/// underlines by nesting depth, suggestions and merge conflicts, search matches, the selection,
/// the text, the current span's outline, the caret, line numbers and the overlay. It asks the
/// interval index for the painted range only. What to paint besides the text (hidden labels,
/// the search pattern, the overlay) is kept here; the view keeps where it is.
class SpanRenderer
{
public:
    /// What one paint needs from the view.
    struct Frame
    {
        const AnnotationDocument *document = nullptr;
        QPalette palette;
        bool focused = false;
        int textLeft = 0;
        int gutterWidth = 0; // 0: no line numbers
        Utf16Index cursor;
        Utf16Index anchor;
        QString currentSpan;
        /// While a relation is being made (R, then Tab to the target): the span it starts at; an
        /// arc from it to the current span previews the relation.
        QString relationSource;
    };

    /// A label's name drawn above the first line of a span, in viewport coordinates. Level 0 is
    /// the row next to the text; a span's tag is above the tags of the spans it contains.
    struct LabelTag
    {
        QString span;
        QString label;
        QRect rect;
        int level;
        QColor color;
    };

    /// A relation drawn as an arc above the text, from its first span to its second (as brat
    /// draws them), in viewport coordinates. `relation` is empty for the preview arc.
    struct RelationArc
    {
        QString relation;
        QString label;
        QPointF from;
        QPointF to;
        qreal top; ///< the arc's highest point
        QRectF labelRect;
        QColor color;
        bool pending = false; ///< a suggestion nobody has accepted: dotted, as pending spans are
    };

    /// Both are the view's and outlive the renderer.
    SpanRenderer(LayoutCache &cache, const ColorTheme &theme);

    void paint(QPainter &painter, const std::vector<VisibleParagraph> &visible, const Frame &frame);

    void setLabelVisible(const QString &label, bool visible);
    [[nodiscard]] bool isLabelVisible(const QString &label) const { return !m_hiddenLabels.contains(label); }
    void setSearchPattern(const QRegularExpression &pattern) { m_searchPattern = pattern; }
    void setOverlay(ViewOverlay *overlay) { m_overlay = overlay; }
    [[nodiscard]] ViewOverlay *overlay() const { return m_overlay; }

    /// Label tags above the spans (the cache's tag rows make room for them).
    void setLabelTagsVisible(bool visible) { m_labelTagsVisible = visible; }
    [[nodiscard]] bool labelTagsVisible() const { return m_labelTagsVisible; }
    /// The tags of the spans that start in the visible paragraphs, as paint() draws them.
    [[nodiscard]] std::vector<LabelTag> labelTags(const std::vector<VisibleParagraph> &visible, const Frame &frame);

    /// The arcs of the relations whose spans both start in the visible paragraphs, as paint()
    /// draws them, and the preview arc while a relation is being made.
    [[nodiscard]] std::vector<RelationArc> relationArcs(const std::vector<VisibleParagraph> &visible,
                                                        const Frame &frame) const;

    /// A label's colour as painted: adapted to the theme's background, `fallback` when unknown.
    [[nodiscard]] QColor labelColor(const AnnotationDocument *document, const QString &label,
                                    const QColor &fallback) const;

private:
    /// One span, or one fragment of a discontinuous span (docs/FORMAT.md §6.9).
    struct PaintedSpan
    {
        const Annotation *span;
        Utf16Index start;
        Utf16Index end;
        int depth;
        QColor color;
        bool firstPiece = true; ///< carries the label tag
        Utf16Index nextPiece{-1}; ///< where the span's next fragment starts: a thin connector to it
    };

    /// The spans overlapping the visible paragraphs, sorted by start (outer first at one start),
    /// with their nesting depth within that range.
    [[nodiscard]] std::vector<PaintedSpan> paintedSpans(const std::vector<VisibleParagraph> &visible,
                                                        const Frame &frame) const;
    [[nodiscard]] std::vector<LabelTag> layOutTags(const std::vector<VisibleParagraph> &visible,
                                                   const std::vector<PaintedSpan> &spans, const Frame &frame);
    void paintTags(QPainter &painter, const std::vector<LabelTag> &tags) const;
    void paintRelations(QPainter &painter, const std::vector<RelationArc> &arcs) const;
    /// The top centre of the span's first line on screen; nothing when it does not start in a
    /// visible paragraph.
    [[nodiscard]] std::optional<QPointF>
    spanAnchor(const Annotation &span, const std::vector<VisibleParagraph> &visible, const Frame &frame) const;
    void paintParagraph(QPainter &painter, const VisibleParagraph &visible, const std::vector<PaintedSpan> &spans,
                        const Frame &frame);
    void paintLineNumber(QPainter &painter, const VisibleParagraph &visible, const Frame &frame);
    void paintOverlay(QPainter &painter, const std::vector<VisibleParagraph> &visible, CodePoint from, CodePoint to,
                      const Frame &frame);

    LayoutCache &m_cache;
    const ColorTheme &m_theme;
    QSet<QString> m_hiddenLabels;
    bool m_labelTagsVisible = false;
    QRegularExpression m_searchPattern;
    QPointer<ViewOverlay> m_overlay;
};

} // namespace Scholiast
