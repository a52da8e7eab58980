// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// File > Close, Save Annotations As and Revert (issue 18 item 3).
#include "mainwindow.h"

#include "editing/annotationdocument.h"
#include "editing/filemonitor.h"
#include "editing/sidecarlock.h"
#include "formats/scholiastjson.h"
#include "reliability/autosaver.h"
#include "reliability/banner.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QUndoStack>

namespace Scholiast {

void MainWindow::createFileActions()
{
    connect(addAction(QStringLiteral("close_document"), tr("&Close"), QKeySequence::Close), &QAction::triggered, this,
            &MainWindow::closeDocument);
    QAction *saveAs = addAction(QStringLiteral("save_annotations_as"), tr("Save Annotations &As…"),
                                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    saveAs->setToolTip(tr("Write a copy of the annotations to another file; the document keeps its own sidecar"));
    connect(saveAs, &QAction::triggered, this, [this] {
        if (!m_document) {
            return;
        }
        // A name beside the document that opens as a layer (DOC.NAME.scholiast.json) is the
        // likely use: a version to review or to hand on.
        const QString name = annotatorName().isEmpty() ? QStringLiteral("copy") : annotatorName();
        const QString suggested = m_document->path() + u'.' + name + QStringLiteral(".scholiast.json");
        const QString path = QFileDialog::getSaveFileName(this, tr("Save Annotations As"), suggested,
                                                          tr("Scholiast annotations (*.scholiast.json)"));
        if (!path.isEmpty()) {
            saveAnnotationsAs(path);
        }
    });
    connect(addAction(QStringLiteral("revert"), tr("Re&vert")), &QAction::triggered, this, &MainWindow::revert);
}

bool MainWindow::closeDocument()
{
    if (isLoading()) {
        cancelLoading();
    }
    if (!m_document) {
        return true;
    }
    if (!maybeSave()) {
        return false;
    }
    m_autoSaver->clear(); // closed on purpose: nothing to recover
    m_fileMonitor->stop();
    m_lock->unlock();
    m_banner->hide();
    m_readOnly = false;
    m_sidecarUnreadable = m_sidecarSalvaged = false;
    setDocument(nullptr);
    applyReadOnly();
    offerSharedLabels(); // hides the offer of the document's folder
    statusBar()->showMessage(tr("Closed the document"), 3000);
    return true;
}

bool MainWindow::saveAnnotationsAs(const QString &path)
{
    if (!m_document) {
        return false;
    }
    // The open document's own sidecar is the one Save writes and Open reads beside the text, so
    // a copy elsewhere leaves it, and the unsaved state, as they are.
    if (QFileInfo(path).absoluteFilePath() == QFileInfo(m_document->sidecarPath()).absoluteFilePath()) {
        return save();
    }
    Diagnostics diagnostics;
    if (!m_document->writeCopy(path, diagnostics)) {
        showDiagnostics(tr("Cannot Save"), tr("The annotations could not be written to %1.").arg(path), diagnostics);
        return false;
    }
    statusBar()->showMessage(tr("Saved a copy of the annotations to %1").arg(path), 5000);
    return true;
}

bool MainWindow::revert()
{
    if (!m_document) {
        return false;
    }
    if (m_document->isModified()) {
        QMessageBox box(QMessageBox::Warning, tr("Revert"),
                        tr("Revert %1 to the annotations saved on disk?").arg(QFileInfo(m_document->path()).fileName()),
                        QMessageBox::Yes | QMessageBox::Cancel, this);
        box.setInformativeText(tr("Your unsaved changes and the undo history are lost."));
        box.button(QMessageBox::Yes)->setText(tr("&Revert"));
        box.setDefaultButton(QMessageBox::Cancel);
        if (box.exec() != QMessageBox::Yes) {
            return false;
        }
    }
    return reloadSidecar();
}

} // namespace Scholiast
