// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The text of a big document on screen before its annotations are read: opening a 50 MB
// document with a million spans paints its first screen once the text is decoded, and the spans
// appear when the sidecar has been read (docs/PERFORMANCE.md, "Annotator window").
#include "mainwindow.h"

#include "editing/annotationdocument.h"
#include "view/annotationview.h"

#include <QFileInfo>
#include <QScrollBar>
#include <QStatusBar>

namespace Scholiast {

void MainWindow::showPreview(Document document)
{
    // openFile() has asked about unsaved changes already: the previous document can go. While
    // the preview shows, there is no open document, so nothing can tag or save it.
    if (m_document) {
        setDocument(nullptr);
    }
    const QString name = document.fileName();
    m_preview = new AnnotationDocument(std::move(document), LabelSchema::defaultSchema(), {}, this);
    m_view->setDocument(m_preview);
    statusBar()->showMessage(tr("Reading the annotations of %1…").arg(name));
    Q_EMIT previewShown();
}

MainWindow::PreviewPlace MainWindow::previewPlace() const
{
    if (!m_preview) {
        return {};
    }
    return {m_preview->path(), m_view->verticalScrollBar()->value(), m_view->anchorPosition(),
            m_view->cursorPosition()};
}

void MainWindow::endPreview(const PreviewPlace &place)
{
    if (!m_preview) {
        return;
    }
    AnnotationDocument *preview = m_preview;
    m_preview = nullptr;
    if (m_document && m_document->path() == place.path) {
        // Where the reader was while the spans loaded, not back at the top.
        m_view->verticalScrollBar()->setValue(place.scroll);
        m_view->setSelection(place.anchor, place.cursor);
    } else if (m_view->document() == preview) {
        m_view->setDocument(m_document); // cancelled or failed: the preview goes
    }
    preview->deleteLater();
}

} // namespace Scholiast
