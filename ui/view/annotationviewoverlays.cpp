// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The AnnotationView's side of ViewOverlay (viewoverlay.h): where a range of code points is
// on screen, for the painted paragraphs only. Kept apart from annotationview.cpp, which calls
// paintOverlay() once per paint.
#include "annotationview.h"

#include <QPainter>
#include <QTextLayout>

#include <algorithm>

namespace Scholiast {

void AnnotationView::setOverlay(ViewOverlay *overlay)
{
    m_overlay = overlay;
    viewport()->update();
}

ViewOverlay *AnnotationView::overlay() const
{
    return m_overlay;
}

void AnnotationView::paintOverlay(QPainter &painter, const std::vector<VisibleParagraph> &visible, qint64 from, qint64 to)
{
    if (!m_overlay || !m_document || visible.empty()) {
        return;
    }
    const Document &document = m_document->document();
    const int left = textLeft();
    const auto rects = [&](qint64 start, qint64 end) {
        std::vector<QRectF> out;
        const qint64 a16 = document.toUtf16(CodePoint(std::max(start, from))).value;
        const qint64 b16 = document.toUtf16(CodePoint(std::min(end, to))).value;
        if (a16 >= b16) {
            return out;
        }
        // The first painted paragraph that ends at or after the range's start.
        auto it = std::lower_bound(visible.begin(), visible.end(), a16,
                                   [this](const VisibleParagraph &v, qint64 p) { return m_cache.end(v.paragraph) < p; });
        for (; it != visible.end() && m_cache.start(it->paragraph) < b16; ++it) {
            QTextLayout *layout = m_cache.layout(it->paragraph);
            const qint64 base = m_cache.start(it->paragraph);
            const qint64 from16 = std::max<qint64>(a16 - base, 0);
            const qint64 to16 = std::min<qint64>(b16 - base, m_cache.end(it->paragraph) - base);
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

} // namespace Scholiast
