// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// A document that is not UTF-8 (issue 18 item 15): instead of a dead end, the window offers a
// UTF-8 copy beside it in an encoding the user confirms (ui/encodingdialog.h).
#include "mainwindow.h"

#include "atomicfile.h"
#include "editing/annotationdocument.h"
#include "encoding.h"
#include "encodingdialog.h"

#include <QFile>
#include <QFileInfo>
#include <QStatusBar>

namespace Scholiast {

bool MainWindow::offerUtf8Copy(const QString &path, const Diagnostics &problems)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return false;
    }
    const QByteArray bytes = file.readAll();
    // Text in another encoding: not UTF-8, and no NUL byte (a binary file, or UTF-16, which the
    // loader refuses for its NULs).
    if (bytes.contains('\0') || QString::fromUtf8(bytes).toUtf8() == bytes) {
        return false;
    }
    QString problem;
    for (const Diagnostic &d : problems) {
        problem += d.toString() + u'\n';
    }
    EncodingDialog dialog(path, bytes, problem.trimmed(), this);
    if (dialog.exec() != QDialog::Accepted || dialog.encoding().isEmpty()) {
        statusBar()->showMessage(tr("%1 was not opened: it is not UTF-8").arg(QFileInfo(path).fileName()), 8000);
        return true;
    }
    Diagnostics diagnostics;
    const auto text = Encoding::decode(bytes, dialog.encoding(), path, diagnostics);
    const QString copy = dialog.copyPath();
    // copyPath() never names an existing file: the original and earlier copies stay as they are.
    if (!text || QFileInfo::exists(copy) || !writeFileAtomically(copy, text->toUtf8(), diagnostics)) {
        if (QFileInfo::exists(copy) && text) {
            diagnostics.append(Diagnostic::error(copy, tr("exists already; nothing was written")));
        }
        showDiagnostics(tr("Cannot Make a UTF-8 Copy"), tr("No copy of %1 was made.").arg(path), diagnostics);
        return true;
    }
    if (openFile(copy)) {
        statusBar()->showMessage(
            tr("Opened %1: a UTF-8 copy of %2 read as %3")
                .arg(QFileInfo(copy).fileName(), QFileInfo(path).fileName(), Encoding::displayName(dialog.encoding())),
            10000);
    }
    return true;
}

} // namespace Scholiast
