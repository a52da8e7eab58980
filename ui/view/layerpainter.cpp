// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "layerpainter.h"

#include "editing/annotationdocument.h"
#include "annotationset.h"
#include "editing/layerset.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>

namespace Scholiast {

using Metrics::ReviewKind;

namespace {
QString spanLine(const QString &role, const QString &layer, const Annotation &span)
{
    return QStringLiteral("%1 <i>(%2)</i>: <b>%3</b> %4–%5")
        .arg(role, layer.toHtmlEscaped(), span.label.toHtmlEscaped())
        .arg(span.start.value)
        .arg(span.end.value);
}
} // namespace

LayerPainter::LayerPainter(QObject *parent)
    : ViewOverlay(parent)
{
}

LayerPainter::~LayerPainter() = default;

void LayerPainter::setDocument(AnnotationDocument *document)
{
    m_document = document;
    m_current.reset();
    Q_EMIT changed();
}

void LayerPainter::setLayers(LayerSet *layers)
{
    if (m_layers) {
        disconnect(m_layers, nullptr, this, nullptr);
    }
    m_layers = layers;
    if (layers) {
        connect(layers, &LayerSet::layersChanged, this, &ViewOverlay::changed);
        connect(layers, &LayerSet::visibilityChanged, this, &ViewOverlay::changed);
    }
    Q_EMIT changed();
}

void LayerPainter::setReview(ReviewModel *review)
{
    if (m_review) {
        disconnect(m_review, nullptr, this, nullptr);
    }
    m_review = review;
    if (review) {
        connect(review, &ReviewModel::changed, this, &ViewOverlay::changed);
    }
    Q_EMIT changed();
}

void LayerPainter::setCurrentSpot(const std::optional<ReviewSpot> &spot)
{
    m_current = spot;
    Q_EMIT changed();
}

QColor LayerPainter::labelColor(const QString &label, const QString &layer) const
{
    // The document's colour first, so that a label looks the same in every layer.
    const Label *found = m_document ? m_document->labels().find(label) : nullptr;
    if (found) {
        return QColor(found->color);
    }
    if (m_layers) {
        const LabelSchema schema = m_layers->labels(layer);
        if (const Label *own = schema.find(label)) {
            return QColor(own->color);
        }
    }
    return QColor(0x60, 0x60, 0x60);
}

QString LayerPainter::layerName(const AnnotationSet *set) const
{
    if (m_document && set == m_document->spans()) {
        return tr("editable");
    }
    return m_layers ? m_layers->nameOf(set) : QString();
}

QColor LayerPainter::kindColor(ReviewKind kind)
{
    // Paul Tol's colour-blind safe schemes, apart from the default label colours.
    switch (kind) {
    case ReviewKind::ExactMatch:
        return QColor(0x11, 0x77, 0x33);
    case ReviewKind::LabelMismatch:
        return QColor(0xAA, 0x44, 0x99);
    case ReviewKind::BoundaryMismatch:
        return QColor(0x33, 0x22, 0x88);
    case ReviewKind::Missed:
        return QColor(0xCC, 0x33, 0x11);
    case ReviewKind::Spurious:
        return QColor(0xEE, 0x77, 0x33);
    }
    return Qt::black;
}

QString LayerPainter::kindTitle(ReviewKind kind)
{
    switch (kind) {
    case ReviewKind::ExactMatch:
        return tr("Exact match");
    case ReviewKind::LabelMismatch:
        return tr("Label mismatch");
    case ReviewKind::BoundaryMismatch:
        return tr("Boundary mismatch");
    case ReviewKind::Missed:
        return tr("Missed");
    case ReviewKind::Spurious:
        return tr("Spurious");
    }
    return QString();
}

QString LayerPainter::kindDescription(ReviewKind kind)
{
    switch (kind) {
    case ReviewKind::ExactMatch:
        return tr("same range, same label: thin frame");
    case ReviewKind::LabelMismatch:
        return tr("same range, other label: double frame, dots");
    case ReviewKind::BoundaryMismatch:
        return tr("same label, other ends: dashed frame, the difference cross-hatched");
    case ReviewKind::Missed:
        return tr("in the reference only: hatched");
    case ReviewKind::Spurious:
        return tr("in the candidate only: struck through, dotted frame");
    }
    return QString();
}

void LayerPainter::paintMark(QPainter &painter, ReviewKind kind, const std::vector<QRectF> &rects,
                             const std::vector<QRectF> &inner)
{
    const QColor color = kindColor(kind);
    // Hatching and dots lighter than the frames, so that the text under them stays readable.
    QColor light = color;
    light.setAlpha(110);
    painter.setBrush(Qt::NoBrush);
    switch (kind) {
    case ReviewKind::ExactMatch:
        painter.setPen(QPen(color, 1.5));
        for (const QRectF &r : rects) {
            painter.drawRect(r.adjusted(-1, 0, 1, 0));
        }
        break;
    case ReviewKind::LabelMismatch:
        for (const QRectF &r : rects) {
            painter.fillRect(r, QBrush(light, Qt::Dense6Pattern));
        }
        painter.setPen(QPen(color, 1.5));
        for (const QRectF &r : rects) {
            painter.drawRect(r.adjusted(-1, 0, 1, 0));
            painter.drawRect(r.adjusted(-4, -3, 4, 3));
        }
        break;
    case ReviewKind::BoundaryMismatch: {
        for (const QRectF &r : rects) {
            // Hatch the union, then clear the hatching where both spans agree.
            QPainterPath path;
            path.addRect(r);
            for (const QRectF &i : inner) {
                if (i.intersects(r)) {
                    QPainterPath both;
                    both.addRect(i.intersected(r));
                    path = path.subtracted(both);
                }
            }
            painter.fillPath(path, QBrush(light, Qt::DiagCrossPattern));
        }
        QPen pen(color, 2, Qt::DashLine);
        painter.setPen(pen);
        for (const QRectF &r : rects) {
            painter.drawRect(r.adjusted(-2, -2, 2, 2));
        }
        break;
    }
    case ReviewKind::Missed:
        for (const QRectF &r : rects) {
            painter.fillRect(r, QBrush(light, Qt::BDiagPattern));
        }
        painter.setPen(QPen(color, 2.5));
        for (const QRectF &r : rects) {
            painter.drawRect(r.adjusted(-2, -2, 2, 2));
        }
        break;
    case ReviewKind::Spurious:
        painter.setPen(QPen(QColor(color.red(), color.green(), color.blue(), 200), 1.5));
        for (const QRectF &r : rects) {
            const qreal y = r.center().y() + 1;
            painter.drawLine(QPointF(r.left(), y), QPointF(r.right(), y));
        }
        painter.setPen(QPen(color, 2, Qt::DotLine));
        for (const QRectF &r : rects) {
            painter.drawRect(r.adjusted(-2, -2, 2, 2));
        }
        break;
    }
}

void LayerPainter::paint(QPainter &painter, const OverlayGeometry &geometry)
{
    painter.save();
    const bool reviewing = m_review && m_review->isActive();
    if (m_layers) {
        int index = 0;
        for (const QString &name : m_layers->names()) {
            const AnnotationSet *set = m_layers->spans(name);
            if (!m_layers->isVisible(name)
                || (reviewing && (set == m_review->reference() || set == m_review->candidate()))) {
                continue;
            }
            // Each layer its own distance from the text, so that two layers' outlines stay apart.
            const qreal grow = 1.0 + (index++ % 3) * 2.5;
            painter.setBrush(Qt::NoBrush);
            for (const Annotation *span : set->overlapping(geometry.from(), geometry.to())) {
                painter.setPen(QPen(labelColor(span->label, name), 1.5));
                for (const QRectF &r : geometry.rects(span->start, span->end)) {
                    painter.drawRect(r.adjusted(-grow, -grow, grow, grow));
                }
            }
        }
    }
    if (reviewing) {
        for (const ReviewSpot &spot : m_review->classify(geometry.from(), geometry.to())) {
            std::vector<QRectF> inner;
            if (spot.kind == ReviewKind::BoundaryMismatch && spot.reference && spot.candidate) {
                const CodePoint start(std::max(spot.reference->start, spot.candidate->start));
                const CodePoint end(std::min(spot.reference->end, spot.candidate->end));
                inner = geometry.rects(start, end);
            }
            paintMark(painter, spot.kind, geometry.rects(spot.start, spot.end), inner);
        }
        if (m_current) {
            QPen pen(QColor(0x10, 0x10, 0x10), 2);
            painter.setPen(pen);
            painter.setBrush(Qt::NoBrush);
            for (const QRectF &r : geometry.rects(m_current->start, m_current->end)) {
                painter.drawRect(r.adjusted(-6, -5, 6, 5));
            }
            paintReadOnlyRelation(painter, geometry);
        }
    }
    painter.restore();
}

// The current relation disagreement of a read-only layer (its own arcs are the editable
// document's only): an arc in the kind's colour, dashed, from its first span to its second.
void LayerPainter::paintReadOnlyRelation(QPainter &painter, const OverlayGeometry &geometry) const
{
    const AnnotationSet *editable = m_document ? m_document->spans() : nullptr;
    const auto draw = [&](const std::optional<Relation> &relation, const AnnotationSet *set) {
        if (!relation || !set || set == editable) {
            return;
        }
        const Annotation *from = set->find(relation->from);
        const Annotation *to = set->find(relation->to);
        if (!from || !to) {
            return;
        }
        // Over each span's first piece, as the editable arcs are drawn.
        const auto anchor = [&geometry](const Annotation &span) -> std::optional<QPointF> {
            const CodePoint end = span.isDiscontinuous() ? span.fragments().constFirst().end : span.end;
            const std::vector<QRectF> rects = geometry.rects(span.start, end);
            if (rects.empty()) {
                return std::nullopt;
            }
            return QPointF(rects.front().center().x(), rects.front().top() - 6);
        };
        const auto a = anchor(*from);
        const auto b = anchor(*to);
        if (!a || !b) {
            return;
        }
        const QColor color = kindColor(m_current->kind);
        const QFontMetricsF metrics(painter.font());
        // Above both spans, but not above the viewport (where a first line's arc would vanish).
        const qreal top = std::max(std::min(a->y(), b->y()) - geometry.lineHeight() * 0.5, metrics.height() + 2);
        QPainterPath path(*a);
        path.cubicTo(QPointF(a->x(), top), QPointF(b->x(), top), *b);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(color, 2, Qt::DashLine));
        painter.drawPath(path);
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawPolygon(QPolygonF{*b, *b + QPointF(-4, -8), *b + QPointF(4, -8)});
        const QString text = relation->label + QStringLiteral(" (") + layerName(set) + u')';
        const qreal width = metrics.horizontalAdvance(text) + 8;
        const QRectF chip((a->x() + b->x()) / 2 - width / 2, std::max(top - metrics.height() / 2, 1.0), width,
                          metrics.height());
        painter.setBrush(QColor(255, 255, 255, 230));
        painter.setPen(QPen(color, 1));
        painter.drawRoundedRect(chip, 3, 3);
        painter.setPen(QColor(0x10, 0x10, 0x10));
        painter.drawText(chip, Qt::AlignCenter, text);
    };
    draw(m_current->referenceRelation, m_review->reference());
    draw(m_current->candidateRelation, m_review->candidate());
}

QString LayerPainter::toolTip(CodePoint offset) const
{
    QStringList parts;
    const bool reviewing = m_review && m_review->isActive();
    if (m_layers) {
        for (const QString &name : m_layers->names()) {
            const AnnotationSet *set = m_layers->spans(name);
            if (!m_layers->isVisible(name)
                || (reviewing && (set == m_review->reference() || set == m_review->candidate()))) {
                continue;
            }
            for (const Annotation *span : set->at(offset)) {
                parts.append(spanLine(tr("Layer"), name, *span));
            }
        }
    }
    if (reviewing) {
        for (const ReviewSpot &spot : m_review->classify(offset, offset + 1)) {
            QString html = QStringLiteral("<span style=\"color:%1\">■</span> <b>%2</b>")
                               .arg(kindColor(spot.kind).name(), kindTitle(spot.kind));
            if (spot.reference) {
                html += QStringLiteral("<br>")
                    + spanLine(tr("Reference"), layerName(m_review->reference()), *spot.reference);
            }
            if (spot.candidate) {
                html += QStringLiteral("<br>")
                    + spanLine(tr("Candidate"), layerName(m_review->candidate()), *spot.candidate);
            }
            parts.append(html);
        }
    }
    return parts.join(QStringLiteral("<hr>"));
}

} // namespace Scholiast
