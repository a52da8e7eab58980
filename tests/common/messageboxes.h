// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Answering the window's modal message boxes from a GUI test.
#pragma once

#include <QAbstractButton>
#include <QApplication>
#include <QList>
#include <QMessageBox>
#include <QPointer>
#include <QTimer>

namespace Scholiast::Testing {

inline QList<QPointer<QTimer>> &pendingMessageBoxAnswers()
{
    static QList<QPointer<QTimer>> timers;
    return timers;
}

/// Answers the next modal message box with `button` (NoButton: accepts it), recording its text
/// and informative text; polls until one shows. Call cancelPendingMessageBoxAnswers() in the
/// test's cleanup(): an answer a test did not use must not answer a later test's dialog.
inline void answerNextMessageBox(QMessageBox::StandardButton button, QString *text = nullptr)
{
    auto *timer = new QTimer(qApp);
    pendingMessageBoxAnswers().append(timer);
    timer->setInterval(5);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, button, text] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) {
            return;
        }
        if (text) {
            *text = box->text() + u'\n' + box->informativeText();
        }
        timer->stop();
        timer->deleteLater();
        if (button == QMessageBox::NoButton) {
            box->accept();
        } else {
            box->button(button)->click();
        }
    });
    timer->start();
}

inline void cancelPendingMessageBoxAnswers()
{
    for (const QPointer<QTimer> &timer : std::as_const(pendingMessageBoxAnswers())) {
        delete timer.data();
    }
    pendingMessageBoxAnswers().clear();
}

} // namespace Scholiast::Testing
