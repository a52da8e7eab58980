// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editing/annotationdocument.h"
#include "editing/layerset.h"
#include "editing/reviewmodel.h"
#include "viewoverlay.h"

#include <QColor>
#include <QPointer>

#include <optional>
#include <vector>

namespace Scholiast {

/// Paints read-only layers and review mode over the AnnotationView's text, from the painted
/// range only (each layer's interval index, ReviewModel::classify).
///
/// A visible layer's span is a thin outline in its label's colour, offset outward per layer, so
/// it reads apart from the editable spans' tints and underlines. In review mode each spot gets
/// one of five styles that differ in shape, not only colour (Okabe-Ito colours, which stay
/// apart with the common colour-vision deficiencies); the legend draws the same ones.
class LayerPainter : public ViewOverlay
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LayerPainter)

public:
    explicit LayerPainter(QObject *parent = nullptr);
    ~LayerPainter() override;

    void setDocument(AnnotationDocument *document);
    void setLayers(LayerSet *layers);
    void setReview(ReviewModel *review);
    /// The disagreement F8 is on, drawn with a heavy frame.
    void setCurrentSpot(const std::optional<ReviewSpot> &spot);
    /// The disagreement framed as current (review mode).
    [[nodiscard]] const std::optional<ReviewSpot> &currentSpot() const { return m_current; }

    void paint(QPainter &painter, const OverlayGeometry &geometry) override;
    [[nodiscard]] QString toolTip(CodePoint offset) const override;

    /// The colour and title of a review kind ("Label mismatch"), as in the legend.
    [[nodiscard]] static QColor kindColor(Metrics::ReviewKind kind);
    [[nodiscard]] static QString kindTitle(Metrics::ReviewKind kind);
    [[nodiscard]] static QString kindDescription(Metrics::ReviewKind kind);
    /// Draws a kind's mark over text rectangles. For a boundary mismatch, `inner` holds the
    /// rectangles of the part both spans cover; the rest is hatched.
    static void paintMark(QPainter &painter, Metrics::ReviewKind kind, const std::vector<QRectF> &rects,
                          const std::vector<QRectF> &inner = {});

private:
    [[nodiscard]] QColor labelColor(const QString &label, const QString &layer) const;
    [[nodiscard]] QString layerName(const AnnotationSet *set) const;
    void paintReadOnlyRelation(QPainter &painter, const OverlayGeometry &geometry) const;

    QPointer<AnnotationDocument> m_document;
    QPointer<LayerSet> m_layers;
    QPointer<ReviewModel> m_review;
    std::optional<ReviewSpot> m_current;
};

} // namespace Scholiast
