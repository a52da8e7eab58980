// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "offsets.h"

#include <QObject>
#include <QRectF>
#include <QString>

#include <functional>
#include <vector>

QT_BEGIN_NAMESPACE
class QPainter;
QT_END_NAMESPACE

namespace Scholiast {

/// Where text is on screen while the AnnotationView paints: the rectangles of a range of code
/// points, one per visual line piece, for the painted paragraphs only.
class OverlayGeometry
{
public:
    using RectsFunction = std::function<std::vector<QRectF>(CodePoint start, CodePoint end)>;
    OverlayGeometry(CodePoint from, CodePoint to, int lineHeight, RectsFunction rects)
        : m_from(from)
        , m_to(to)
        , m_lineHeight(lineHeight)
        , m_rects(std::move(rects))
    {
    }

    /// The painted range, end exclusive.
    [[nodiscard]] CodePoint from() const { return m_from; }
    [[nodiscard]] CodePoint to() const { return m_to; }
    [[nodiscard]] int lineHeight() const { return m_lineHeight; }
    /// Rectangles of [start, end) on the painted lines, in viewport coordinates.
    [[nodiscard]] std::vector<QRectF> rects(CodePoint start, CodePoint end) const { return m_rects(start, end); }

private:
    CodePoint m_from;
    CodePoint m_to;
    int m_lineHeight;
    RectsFunction m_rects;
};

/// Something painted over the AnnotationView's text (read-only layers, review marks), asked
/// once per paint for the painted range only. The view does not own it.
class ViewOverlay : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ViewOverlay)

public:
    explicit ViewOverlay(QObject *parent = nullptr)
        : QObject(parent)
    {
    }
    ~ViewOverlay() override = default;

    virtual void paint(QPainter &painter, const OverlayGeometry &geometry) = 0;
    /// Rich text for the tool tip at a position, empty for none.
    [[nodiscard]] virtual QString toolTip(CodePoint offset) const = 0;

Q_SIGNALS:
    /// What the overlay paints has changed.
    void changed();
};

} // namespace Scholiast
