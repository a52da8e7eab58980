// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "spanrenderer.h"

#include "editing/annotationdocument.h"
#include "colortheme.h"
#include "spanoffsets.h"

#include <QPainter>
#include <QPainterPath>
#include <QSet>
#include <QTextLayout>

#include <algorithm>
#include <cmath>
#include <optional>

namespace Scholiast {

namespace {
// Nesting levels that get their own underline; deeper spans share the last one.
constexpr int UnderlineLevels = 4;
// Tags laid out on one visual line at most: a bound on the work of a pathological line where
// thousands of spans start (each tag looks at the ones placed before it).
constexpr size_t MaxTagsPerLine = 64;
// How far around a piece of a long line search matches are looked for, so that a match across
// the pieces' edge is found in both pieces (layoutcache_p.h).
constexpr qint64 SearchOverlap = 1024;
} // namespace

SpanRenderer::SpanRenderer(LayoutCache &cache, const ColorTheme &theme)
    : m_cache(cache)
    , m_theme(theme)
{
}

void SpanRenderer::setLabelVisible(const QString &label, bool visible)
{
    if (visible) {
        m_hiddenLabels.remove(label);
    } else {
        m_hiddenLabels.insert(label);
    }
}

QColor SpanRenderer::labelColor(const AnnotationDocument *document, const QString &label, const QColor &fallback) const
{
    if (document) {
        if (const Label *l = document->labels().find(label)) {
            return m_theme.labelColor(QColor(l->color)); // a lighter variant on dark themes when needed
        }
    }
    return fallback;
}

std::vector<SpanRenderer::PaintedSpan> SpanRenderer::paintedSpans(const std::vector<VisibleParagraph> &visible,
                                                                  const Frame &frame) const
{
    const Document &document = frame.document->document();
    const CodePoint from = document.toCodePoint(m_cache.start(visible.front().paragraph));
    const CodePoint to = document.toCodePoint(m_cache.end(visible.back().paragraph)) + 1;

    // Only the spans of the painted range; nesting depth is assigned within it, outer spans first.
    std::vector<const Annotation *> found = frame.document->spans()->overlapping(from, to);
    // Orphans keep offsets into the old text: listed in their dock, never painted.
    std::erase_if(found, [this](const Annotation *a) { return a->isOrphan() || !isLabelVisible(a->label); });
    std::stable_sort(found.begin(), found.end(), [](const Annotation *a, const Annotation *b) {
        const auto [aStart, aEnd] = spanRange(*a);
        const auto [bStart, bEnd] = spanRange(*b);
        return aStart != bStart ? aStart < bStart : aEnd > bEnd;
    });
    std::vector<PaintedSpan> spans;
    spans.reserve(found.size());
    std::vector<CodePoint> levelEnds;
    const QColor fallback = frame.palette.color(QPalette::Mid);
    for (const Annotation *span : found) {
        const auto [start, end] = spanRange(*span);
        auto level =
            std::find_if(levelEnds.begin(), levelEnds.end(), [start](CodePoint levelEnd) { return levelEnd <= start; });
        if (level == levelEnds.end()) {
            levelEnds.push_back(end);
            level = levelEnds.end() - 1;
        } else {
            *level = end;
        }
        const QColor color = labelColor(frame.document, span->label, fallback);
        if (span->isDiscontinuous()) {
            // One piece per fragment, joined by a connector over the gaps.
            const QList<Fragment> fragments = span->fragments();
            for (qsizetype i = 0; i < fragments.size(); ++i) {
                const Utf16Index next =
                    i + 1 < fragments.size() ? document.toUtf16(fragments[i + 1].start) : Utf16Index(-1);
                spans.push_back({span, document.toUtf16(fragments[i].start), document.toUtf16(fragments[i].end),
                                 int(level - levelEnds.begin()), color, i == 0, next});
            }
            continue;
        }
        const auto [start16, end16] = spanUtf16Range(document, *span);
        spans.push_back({span, start16, end16, int(level - levelEnds.begin()), color});
    }
    if (std::any_of(found.begin(), found.end(), [](const Annotation *a) { return a->isDiscontinuous(); })) {
        std::stable_sort(spans.begin(), spans.end(),
                         [](const PaintedSpan &a, const PaintedSpan &b) { return a.start < b.start; });
    }
    return spans;
}

void SpanRenderer::paint(QPainter &painter, const std::vector<VisibleParagraph> &visible, const Frame &frame)
{
    if (!frame.document || visible.empty()) {
        return;
    }
    const std::vector<PaintedSpan> spans = paintedSpans(visible, frame);
    for (const VisibleParagraph &v : visible) {
        paintParagraph(painter, v, spans, frame);
        if (frame.gutterWidth > 0) {
            paintLineNumber(painter, v, frame);
        }
    }
    if (m_labelTagsVisible) {
        paintTags(painter, layOutTags(visible, spans, frame));
    }
    paintRelations(painter, relationArcs(visible, frame));
    const Document &document = frame.document->document();
    const CodePoint from = document.toCodePoint(m_cache.start(visible.front().paragraph));
    const CodePoint to = document.toCodePoint(m_cache.end(visible.back().paragraph)) + 1;
    paintOverlay(painter, visible, from, to, frame); // layers and review marks
}

std::vector<SpanRenderer::LabelTag> SpanRenderer::labelTags(const std::vector<VisibleParagraph> &visible,
                                                            const Frame &frame)
{
    if (!m_labelTagsVisible || !frame.document || visible.empty()) {
        return {};
    }
    return layOutTags(visible, paintedSpans(visible, frame), frame);
}

// Each visual line has tagRows() rows of tags above its text (layoutcache_p.h). A span's tag
// goes above its first line, at its start, in the lowest row that is free there and above the
// tags of the spans it contains (as brat stacks its labels), so that a tag never covers text or
// another tag; a tag with no such row left is not drawn (the span keeps its colour and tooltip).
std::vector<SpanRenderer::LabelTag> SpanRenderer::layOutTags(const std::vector<VisibleParagraph> &visible,
                                                             const std::vector<PaintedSpan> &spans, const Frame &frame)
{
    std::vector<LabelTag> tags;
    const int rows = m_cache.tagRows();
    if (rows <= 0) {
        return tags;
    }
    const QFontMetricsF metrics(m_cache.tagFont());
    const int rowHeight = m_cache.tagRowHeight();
    const qreal padding = std::max(2.0, metrics.averageCharWidth() / 2);
    const int right = frame.textLeft + m_cache.width();
    struct Candidate
    {
        const PaintedSpan *span;
        QRect rect; // row 0
    };
    std::vector<Candidate> line;
    std::vector<int> placedRows;
    auto layOutLine = [&] {
        // Inner spans first: an outer span's tag then goes above theirs.
        std::stable_sort(line.begin(), line.end(), [](const Candidate &a, const Candidate &b) {
            return a.span->end - a.span->start < b.span->end - b.span->start;
        });
        const size_t first = tags.size();
        placedRows.clear();
        for (const Candidate &c : line) {
            int row = 0;
            for (size_t i = first; i < tags.size(); ++i) {
                const PaintedSpan *inner = line[i - first].span;
                if (inner->start >= c.span->start && inner->end <= c.span->end) {
                    row = std::max(row, placedRows[i - first] + 1);
                }
            }
            for (; row < rows; ++row) {
                const QRect rect = c.rect.translated(0, -row * rowHeight);
                const bool free = std::none_of(tags.begin() + qsizetype(first), tags.end(),
                                               [&](const LabelTag &t) { return t.rect.intersects(rect); });
                if (free) {
                    break;
                }
            }
            // Keeps `line` and `tags` index for index; a tag with no row is dropped below.
            placedRows.push_back(row);
            tags.push_back({c.span->span->id, c.span->span->label,
                            row < rows ? c.rect.translated(0, -row * rowHeight) : QRect(), row, c.span->color});
        }
        tags.erase(std::remove_if(tags.begin() + qsizetype(first), tags.end(),
                                  [rows](const LabelTag &t) { return t.level >= rows; }),
                   tags.end());
        line.clear();
    };
    for (const VisibleParagraph &v : visible) {
        const Utf16Index paragraphStart = m_cache.start(v.paragraph);
        const Utf16Index paragraphEnd = m_cache.end(v.paragraph);
        auto it = std::lower_bound(spans.begin(), spans.end(), paragraphStart,
                                   [](const PaintedSpan &s, Utf16Index p) { return s.start < p; });
        if (it == spans.end() || it->start >= paragraphEnd) {
            continue;
        }
        QTextLayout *layout = m_cache.layout(v.paragraph);
        int current = -1;
        int lineTop = 0;
        for (; it != spans.end() && it->start < paragraphEnd; ++it) {
            if (!it->firstPiece) {
                continue; // one tag per span, on its first fragment
            }
            const int position = int(it->start - paragraphStart);
            const QTextLine textLine = layout->lineForTextPosition(position);
            if (!textLine.isValid()) {
                continue;
            }
            if (textLine.lineNumber() != current) {
                if (!line.empty()) {
                    layOutLine();
                }
                current = textLine.lineNumber();
                // The row's text top, whatever the fonts of this line (a fallback font's may be taller).
                lineTop = v.y + current * m_cache.lineHeight() + m_cache.textTop();
            }
            if (line.size() >= MaxTagsPerLine) {
                continue;
            }
            const int width = int(std::ceil(metrics.horizontalAdvance(it->span->label) + 2 * padding));
            int x = frame.textLeft + int(std::floor(textLine.cursorToX(position)));
            x = std::max(frame.textLeft, std::min(x, right - width));
            const int top = lineTop - LayoutCache::TagGap - rowHeight + 1;
            line.push_back({&*it, QRect(x, top, width, rowHeight - 1)});
        }
        if (!line.empty()) {
            layOutLine();
        }
    }
    return tags;
}

void SpanRenderer::paintTags(QPainter &painter, const std::vector<LabelTag> &tags) const
{
    if (tags.empty()) {
        return;
    }
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setFont(m_cache.tagFont());
    const QColor dark = m_theme.isDark() ? m_theme.background() : m_theme.text();
    const QColor light = m_theme.isDark() ? m_theme.text() : m_theme.background();
    for (const LabelTag &tag : tags) {
        // A chip of the label's colour, its name in whichever of the theme's text and background
        // colours reads better on it.
        const QColor ink =
            ColorTheme::contrastRatio(dark, tag.color) >= ColorTheme::contrastRatio(light, tag.color) ? dark : light;
        painter.setPen(Qt::NoPen);
        painter.setBrush(tag.color);
        painter.drawRoundedRect(QRectF(tag.rect), 3, 3);
        painter.setPen(ink);
        painter.drawText(tag.rect, Qt::AlignCenter, tag.label);
    }
    painter.restore();
}

std::optional<QPointF> SpanRenderer::spanAnchor(const Annotation &span, const std::vector<VisibleParagraph> &visible,
                                                const Frame &frame) const
{
    const Document &document = frame.document->document();
    if (span.isOrphan() || span.start < CodePoint(0) || span.end > CodePoint(document.length())) {
        return std::nullopt;
    }
    const Utf16Index start = document.toUtf16(span.start);
    // Over the first piece of a span in pieces (where its tag is), not over the gap.
    const Utf16Index end = document.toUtf16(span.isDiscontinuous() ? span.fragments().constFirst().end : span.end);
    for (const VisibleParagraph &v : visible) {
        const Utf16Index paragraphStart = m_cache.start(v.paragraph);
        if (start < paragraphStart || start >= m_cache.end(v.paragraph)) {
            continue;
        }
        QTextLayout *layout = m_cache.layout(v.paragraph);
        const int position = int(start - paragraphStart);
        const QTextLine line = layout->lineForTextPosition(position);
        if (!line.isValid()) {
            return std::nullopt;
        }
        const int lineEnd = line.textStart() + line.textLength();
        const int endPosition = int(std::min<qsizetype>(end - paragraphStart, lineEnd));
        const qreal x1 = line.cursorToX(position);
        const qreal x2 = line.cursorToX(endPosition);
        qreal top = v.y + line.lineNumber() * m_cache.lineHeight() + m_cache.textTop();
        if (m_cache.tagRows() > 0) {
            top -= LayoutCache::TagGap + m_cache.tagRowHeight(); // above the span's own tag
        }
        return QPointF(frame.textLeft + (x1 + x2) / 2, top);
    }
    return std::nullopt;
}

std::vector<SpanRenderer::RelationArc> SpanRenderer::relationArcs(const std::vector<VisibleParagraph> &visible,
                                                                  const Frame &frame) const
{
    std::vector<RelationArc> arcs;
    if (!frame.document || visible.empty()) {
        return arcs;
    }
    const AnnotationSet &spans = *frame.document->spans();
    const LabelSchema &labels = frame.document->labels();
    // Above the tags when they are shown, else into the gap above the line; higher for a longer
    // arc, so that nested arcs do not run along one another.
    const qreal lift =
        m_cache.tagRows() > 1 ? (m_cache.tagRows() - 1) * m_cache.tagRowHeight() : m_cache.lineHeight() * 0.45;
    const QFontMetricsF metrics(m_cache.tagFont());
    const auto arcFor = [&](const QString &id, const QString &label, const Annotation &from, const Annotation &to,
                            const QColor &color, bool pending) {
        const auto a = spanAnchor(from, visible, frame);
        const auto b = spanAnchor(to, visible, frame);
        if (!a || !b) {
            return;
        }
        RelationArc arc{id, label, *a, *b, 0, {}, color, pending};
        const qreal span = std::abs(b->x() - a->x()) + std::abs(b->y() - a->y());
        arc.top = std::min(a->y(), b->y()) - lift - std::min(span / 40, qreal(m_cache.lineHeight()));
        const qreal width = metrics.horizontalAdvance(label) + 6;
        const qreal height = metrics.height();
        arc.labelRect = QRectF((a->x() + b->x()) / 2 - width / 2, arc.top - height / 2 + 2, width, height);
        arcs.push_back(arc);
    };
    // An arc is drawn when both its spans start on screen: only the relations of those spans are
    // looked at, in the set's order (which decides whose label lifts), not every relation.
    std::vector<qsizetype> onScreen;
    if (!spans.relations().isEmpty()) {
        const Document &document = frame.document->document();
        const CodePoint first = document.toCodePoint(m_cache.start(visible.front().paragraph));
        const CodePoint last = document.toCodePoint(m_cache.end(visible.back().paragraph)) + 1;
        QSet<QString> startsOnScreen;
        std::vector<const Annotation *> found = spans.overlapping(first, last);
        for (const Annotation *span : found) {
            if (span->start >= first) {
                startsOnScreen.insert(span->id);
            }
        }
        for (const Annotation *span : found) {
            if (span->start < first) {
                continue;
            }
            for (const qsizetype position : spans.relationPositionsOf(span->id)) {
                const Relation &relation = spans.relations().at(position);
                if (relation.from == span->id && startsOnScreen.contains(relation.to)) {
                    onScreen.push_back(position);
                }
            }
        }
        std::sort(onScreen.begin(), onScreen.end());
        onScreen.erase(std::unique(onScreen.begin(), onScreen.end()), onScreen.end());
    }
    for (const qsizetype position : onScreen) {
        const Relation &relation = spans.relations().at(position);
        const Annotation *from = spans.find(relation.from);
        const Annotation *to = spans.find(relation.to);
        if (!from || !to || !isLabelVisible(from->label) || !isLabelVisible(to->label)) {
            continue;
        }
        const RelationLabel *label = labels.findRelationLabel(relation.label);
        arcFor(relation.id, relation.label, *from, *to, label ? QColor(label->color) : m_theme.text(),
               relation.isPending());
    }
    if (!frame.relationSource.isEmpty() && frame.relationSource != frame.currentSpan) {
        const Annotation *from = spans.find(frame.relationSource);
        const Annotation *to = spans.find(frame.currentSpan);
        if (from && to) {
            // What Enter would make: the first relation label that allows these two labels.
            QString name = QStringLiteral("✗");
            for (const RelationLabel &label : labels.relationLabels()) {
                if (label.allows(from->label, to->label)) {
                    name = label.name + QStringLiteral(" ?");
                    break;
                }
            }
            arcFor(QString(), name, *from, *to, m_theme.text(), false);
        }
    }
    // Two arcs over one stretch of text would put their labels on top of each other: a label that
    // meets an earlier one lifts its arc a label higher (a few times at most; arcs on screen are few).
    for (size_t i = 1; i < arcs.size(); ++i) {
        RelationArc &arc = arcs[i];
        for (int tries = 0; tries < 4; ++tries) {
            const bool meets = std::any_of(arcs.begin(), arcs.begin() + qsizetype(i), [&arc](const RelationArc &other) {
                return other.labelRect.adjusted(-2, -1, 2, 1).intersects(arc.labelRect);
            });
            if (!meets) {
                break;
            }
            const qreal step = arc.labelRect.height() + 2;
            arc.top -= step;
            arc.labelRect.translate(0, -step);
        }
    }
    return arcs;
}

void SpanRenderer::paintRelations(QPainter &painter, const std::vector<RelationArc> &arcs) const
{
    if (arcs.empty()) {
        return;
    }
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setFont(m_cache.tagFont());
    for (const RelationArc &arc : arcs) {
        QPainterPath path(arc.from);
        path.cubicTo(QPointF(arc.from.x(), arc.top), QPointF(arc.to.x(), arc.top), arc.to);
        QPen pen(arc.color, 1.5);
        if (arc.relation.isEmpty()) {
            pen.setStyle(Qt::DashLine); // the preview of a relation being made
        } else if (arc.pending) {
            pen.setStyle(Qt::DotLine); // a suggestion, as a pending span's dotted frame
        }
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
        // The arrowhead at the second span: the direction of the relation.
        const QPointF tip = arc.to;
        painter.setPen(Qt::NoPen);
        painter.setBrush(arc.color);
        painter.drawPolygon(QPolygonF{tip, tip + QPointF(-3.5, -7), tip + QPointF(3.5, -7)});
        // The label on a chip at the top, in the theme's background so that it reads over text.
        painter.setBrush(m_theme.background());
        painter.setPen(QPen(arc.color, 1));
        painter.drawRoundedRect(arc.labelRect, 3, 3);
        painter.setPen(m_theme.text());
        painter.drawText(arc.labelRect, Qt::AlignCenter, arc.label);
    }
    painter.restore();
}

void SpanRenderer::paintLineNumber(QPainter &painter, const VisibleParagraph &visible, const Frame &frame)
{
    if (!m_cache.isLineStart(visible.paragraph)) {
        return; // the second or a later piece of a long line: numbered on its first
    }
    QTextLayout *layout = m_cache.layout(visible.paragraph);
    const QTextLine first = layout->lineCount() > 0 ? layout->lineAt(0) : QTextLine();
    const int top = visible.y + (first.isValid() ? int(first.y()) : m_cache.textTop());
    const int height = first.isValid() ? int(first.height()) : m_cache.lineHeight();
    const QRect rect(frame.textLeft - frame.gutterWidth, top, frame.gutterWidth - 10, height);
    painter.setFont(m_cache.font());
    painter.setPen(frame.palette.color(QPalette::PlaceholderText));
    painter.drawText(rect, Qt::AlignRight | Qt::AlignVCenter, QString::number(m_cache.lineOf(visible.paragraph) + 1));
}

// The overlay's side (viewoverlay.h): where a range of code points is on screen, for the
// painted paragraphs only.
void SpanRenderer::paintOverlay(QPainter &painter, const std::vector<VisibleParagraph> &visible, CodePoint from,
                                CodePoint to, const Frame &frame)
{
    if (!m_overlay || !frame.document || visible.empty()) {
        return;
    }
    const Document &document = frame.document->document();
    const int left = frame.textLeft;
    const auto rects = [&](CodePoint start, CodePoint end) {
        std::vector<QRectF> out;
        const Utf16Index a16 = document.toUtf16(std::max(start, from));
        const Utf16Index b16 = document.toUtf16(std::min(end, to));
        if (a16 >= b16) {
            return out;
        }
        // The first painted paragraph that ends at or after the range's start.
        auto it =
            std::lower_bound(visible.begin(), visible.end(), a16,
                             [this](const VisibleParagraph &v, Utf16Index p) { return m_cache.end(v.paragraph) < p; });
        for (; it != visible.end() && m_cache.start(it->paragraph) < b16; ++it) {
            QTextLayout *layout = m_cache.layout(it->paragraph);
            const Utf16Index base = m_cache.start(it->paragraph);
            const qint64 from16 = std::max<qint64>(a16 - base, 0);
            const qint64 to16 = std::min<qint64>(b16 - base, m_cache.length(it->paragraph));
            for (int i = 0; i < layout->lineCount(); ++i) {
                const QTextLine line = layout->lineAt(i);
                const qint64 lineStart = line.textStart();
                const qint64 lineEnd = lineStart + line.textLength();
                const qint64 x = std::max(from16, lineStart);
                const qint64 y = std::min(to16, lineEnd);
                if (x >= y) {
                    continue;
                }
                qreal x1 = line.cursorToX(int(x));
                qreal x2 = line.cursorToX(int(y));
                if (x1 > x2) {
                    std::swap(x1, x2);
                }
                out.emplace_back(left + x1, it->y + line.y(), x2 - x1, line.height());
            }
        }
        return out;
    };
    const OverlayGeometry geometry(from, to, m_cache.lineHeight(), rects);
    m_overlay->paint(painter, geometry);
}

void SpanRenderer::paintParagraph(QPainter &painter, const VisibleParagraph &visible,
                                  const std::vector<PaintedSpan> &spans, const Frame &frame)
{
    QTextLayout *layout = m_cache.layout(visible.paragraph);
    const Utf16Index paragraphStart = m_cache.start(visible.paragraph);
    const qint64 paragraphLength = m_cache.length(visible.paragraph);
    const QPointF origin(frame.textLeft, visible.y);
    const qreal spaceWidth = QFontMetricsF(layout->font()).horizontalAdvance(u' ');
    // A piece of a long line ends where the next begins, not at a line break (layoutcache_p.h).
    const bool continuedLine = m_cache.continues(visible.paragraph);

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
    auto clip = [&](Utf16Index start, Utf16Index end) -> std::optional<Piece> {
        const qint64 from = std::max<qint64>(start - paragraphStart, 0);
        const qint64 to = std::min<qint64>(end - paragraphStart, paragraphLength);
        const bool continues = !continuedLine && end - paragraphStart > paragraphLength;
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
            const QColor tint = m_theme.spanFill(span.color); // opaque: colortheme.h
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
        auto paintMatch = [&](qint64 from, qint64 to) {
            forEachPiece(from, to, false, [&](const QRectF &r, const QTextLine &) {
                painter.fillRect(r, fill);
                painter.setPen(QPen(edge, 1));
                painter.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5));
                painter.setPen(Qt::NoPen);
            });
        };
        if (m_cache.isLineStart(visible.paragraph) && !continuedLine) {
            auto it = m_searchPattern.globalMatch(layout->text());
            while (it.hasNext()) {
                const auto match = it.next();
                if (match.capturedLength() > 0) {
                    paintMatch(match.capturedStart(), match.capturedEnd());
                }
            }
        } else {
            // A piece of a long line: search its line from a little before the piece (so that ^
            // and lookbehinds see the line) to a little past it, and clip to the piece.
            const QString &text = frame.document->document().text();
            const qint64 lineStart = m_cache.start(m_cache.firstOfLine(visible.paragraph)).value;
            const qint64 lineEnd = m_cache.end(m_cache.lastOfLine(visible.paragraph)).value;
            qint64 from = std::max(lineStart, paragraphStart.value - SearchOverlap);
            qint64 to = std::min(lineEnd, paragraphStart.value + paragraphLength + SearchOverlap);
            if (from > lineStart && text.at(from).isLowSurrogate()) {
                --from; // whole code points only: PCRE2 rejects a subject cut inside a pair
            }
            if (to < lineEnd && text.at(to - 1).isHighSurrogate()) {
                ++to;
            }
            const QStringView subject = QStringView(text).mid(lineStart, to - lineStart);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
            auto it = m_searchPattern.globalMatchView(subject, from - lineStart);
#else
            auto it = m_searchPattern.globalMatch(subject, from - lineStart);
#endif
            const qint64 base = paragraphStart.value - lineStart;
            while (it.hasNext()) {
                const auto match = it.next();
                const qint64 start = match.capturedStart() - base;
                const qint64 end = match.capturedEnd() - base;
                if (start >= paragraphLength) {
                    break;
                }
                if (match.capturedLength() > 0 && end > 0) {
                    paintMatch(std::max<qint64>(start, 0), std::min(end, paragraphLength));
                }
            }
        }
    }
    // 3. selection
    if (frame.anchor != frame.cursor) {
        if (const auto piece = clip(std::min(frame.anchor, frame.cursor), std::max(frame.anchor, frame.cursor))) {
            // Opaque, so that it never blends into a span's fill of similar hue (colortheme.h).
            const QColor base = frame.palette.color(QPalette::Base);
            const QColor selection = frame.palette.color(QPalette::Highlight);
            const QColor highlight = frame.focused
                ? selection
                : QColor::fromRgbF((selection.redF() + base.redF()) / 2, (selection.greenF() + base.greenF()) / 2,
                                   (selection.blueF() + base.blueF()) / 2);
            forEachPiece(piece->from, piece->to, piece->continues,
                         [&](const QRectF &r, const QTextLine &) { painter.fillRect(r, highlight); });
        }
    }
    // 4. text
    painter.setPen(frame.palette.color(QPalette::Text));
    QRegion fills;
    if (m_theme.textOnFill() != frame.palette.color(QPalette::Text)) {
        // The theme's text would be too dim on these fills (a dark theme's): drawn lighter there.
        for (const PaintedSpan &span : spans) {
            const auto status = span.span->status();
            if (status == Annotation::Status::Pending || status == Annotation::Status::Conflict) {
                continue;
            }
            if (const auto piece = clip(span.start, span.end); piece && piece->to > piece->from) {
                forEachPiece(piece->from, piece->to, false,
                             [&](const QRectF &r, const QTextLine &) { fills += r.toAlignedRect(); });
            }
        }
    }
    if (fills.isEmpty()) {
        layout->draw(&painter, origin);
    } else {
        // Twice, each clipped: outside the fills as it is, over them from a copy of the layout
        // whose syntax colours are lightened as far as the fills need (tags keep their hue) and
        // whose plain text takes the pen. Not as selections of one draw(): QTextLayout::draw()
        // intersects each selection with a path of all drawn before it, quadratic in them (a page
        // of HTML in one span took 25 ms, a long line of it 1.7 s).
        const QRect everywhere = painter.hasClipping()
            ? painter.clipBoundingRect().toAlignedRect()
            : QRect(QPoint(-(1 << 24), -(1 << 24)), QPoint(1 << 24, 1 << 24));
        painter.save();
        painter.setClipRegion(QRegion(everywhere) - fills, Qt::IntersectClip);
        layout->draw(&painter, origin);
        painter.restore();
        QTextLayout *over = m_cache.overFillLayout(
            visible.paragraph, [this](const QColor &color) { return m_theme.syntaxOverFills(color); });
        painter.save();
        painter.setClipRegion(fills, Qt::IntersectClip);
        painter.setPen(m_theme.textOnFill());
        over->draw(&painter, origin);
        painter.restore();
    }
    // 5. one underline per nesting level, and ticks at span ends, in the label's colour
    const qreal thickness = std::max(2.0, m_cache.lineHeight() / 14.0);
    // A discontinuous span's gaps: a thin dotted line at its underline, from piece to piece.
    for (const PaintedSpan &span : spans) {
        if (span.nextPiece <= span.end) {
            continue;
        }
        if (const auto gap = clip(span.end, span.nextPiece)) {
            const int depth = std::min(span.depth, UnderlineLevels - 1);
            painter.setPen(QPen(span.color, 1.0, Qt::DotLine));
            forEachPiece(gap->from, gap->to, gap->continues, [&](const QRectF &r, const QTextLine &) {
                const qreal y = r.bottom() + 1 + depth * (thickness + 1) + thickness / 2;
                painter.drawLine(QPointF(r.left(), y), QPointF(r.right(), y));
            });
            painter.setPen(Qt::NoPen);
        }
    }
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
                painter.fillRect(
                    QRectF(r.left() - 1, r.top(), 1.5, r.height() + 1 + depth * (thickness + 1) + thickness),
                    span.color);
            });
        }
        if (span.end - paragraphStart <= paragraphLength && span.end > paragraphStart) {
            forEachPiece(piece->to, piece->to, true, [&](const QRectF &r, const QTextLine &) {
                painter.fillRect(
                    QRectF(r.right() - 0.5, r.top(), 1.5, r.height() + 1 + depth * (thickness + 1) + thickness),
                    span.color);
            });
        }
    }
    // 6. the current span's outline
    for (const PaintedSpan &span : spans) {
        if (span.span->id != frame.currentSpan) {
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
    // At the edge between two pieces of a line the caret is the second piece's.
    const Utf16Index paragraphEnd = paragraphStart + paragraphLength;
    if (frame.cursor >= paragraphStart
        && (frame.cursor < paragraphEnd || (frame.cursor == paragraphEnd && !continuedLine))) {
        const int position = int(frame.cursor - paragraphStart);
        const QTextLine line = layout->lineForTextPosition(position);
        const QColor caret = frame.palette.color(frame.focused ? QPalette::Text : QPalette::Mid);
        if (line.isValid()) {
            painter.fillRect(QRectF(origin.x() + line.cursorToX(position) - 1, origin.y() + line.y(), 2, line.height()),
                             caret);
        } else {
            painter.fillRect(
                QRectF(origin.x() - 1, origin.y() + m_cache.textTop(), 2, QFontMetrics(layout->font()).height()),
                caret);
        }
    }
}

} // namespace Scholiast
