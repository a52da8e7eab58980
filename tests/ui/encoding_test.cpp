// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 18 item 15: opening a document that is not UTF-8 offers a UTF-8 copy beside it, in an
// encoding the user confirms; the original is never written. Fixtures are bytes written here.
#include "editing/annotationdocument.h"
#include "encoding.h"
#include "encodingdialog.h"
#include "mainwindow.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

using namespace Scholiast;

namespace {
const QString French = QStringLiteral(
    "Le conseil municipal a voté mardi une hausse des tarifs du port. « Nous n’avions pas le choix », a déclaré "
    "la maire, qui évoque des coûts d’entretien élevés. Les pêcheurs prévoient une réunion à l’hôtel de ville.\n");
const QString Japanese =
    QStringLiteral("東京の市場は火曜日、上昇して取引を終えた。投資家は中央銀行の発表を前に慎重な姿勢を崩していない。"
                   "港湾地区の再開発計画について、市議会は来月にも結論を出す見通しだ。\n");

QByteArray windows1252(const QString &text)
{
    QByteArray out;
    for (const QChar c : text) {
        out += c == u'’' ? '\x92' : char(c.unicode());
    }
    return out;
}

QByteArray shiftJis()
{
    return QByteArray::fromHex(
        "938c8b9e82cc8e738fea82cd89ce976a93fa81418fe38fb882b582c48ee688f882f08f4982a682bd8142938a8e9189c682cd9286"
        "899b8be28d7382cc94ad955c82f0914f82c990548f6482c88e7090a882f095f682b582c482a282c882a281428d609870926e8be6"
        "82cc8dc48a4a94ad8c7689e682c982c282a282c481418e738b6389ef82cd97888c8e82c982e08c8b985f82f08f6f82b78ca992ca"
        "82b582be81420a");
}

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Runs `handle` on the next EncodingDialog, once, when it shows.
void onEncodingDialog(std::function<void(EncodingDialog *)> handle, bool *shown)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(5);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, handle, shown] {
        auto *dialog = qobject_cast<EncodingDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            return;
        }
        timer->stop();
        timer->deleteLater();
        *shown = true;
        handle(dialog);
    });
    timer->start();
}
} // namespace

class EncodingUiTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ScholiastTest"));
        QCoreApplication::setApplicationName(QStringLiteral("ui_encoding_test"));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_window = std::make_unique<MainWindow>();
        m_window->setRecoveryPolicy(MainWindow::RecoveryPolicy::Ignore);
        m_window->show();
    }

    void cleanup() { m_window.reset(); }

    // Windows-1252: named, proposed, confirmed; the copy is UTF-8 and opens; the original stays.
    void opensAUtf8CopyOfWindows1252()
    {
        const QString path = m_dir->filePath(QStringLiteral("port.txt"));
        QVERIFY(writeBytes(path, windows1252(French)));
        bool shown = false;
        onEncodingDialog(
            [](EncodingDialog *dialog) {
                if (Encoding::canDetect()) {
                    QVERIFY2(dialog->messageLabel()->text().contains(QStringLiteral("most likely <b>Windows-1252")),
                             qPrintable(dialog->messageLabel()->text()));
                    QCOMPARE(dialog->encoding(), QStringLiteral("WINDOWS-1252"));
                } else {
                    // Nothing is chosen for the user without a detection.
                    QVERIFY(!dialog->openButton()->isEnabled());
                    dialog->encodingBox()->setCurrentIndex(
                        dialog->encodingBox()->findData(QStringLiteral("WINDOWS-1252")));
                }
                QVERIFY2(dialog->messageLabel()->text().contains(QStringLiteral("port.utf8.txt")),
                         qPrintable(dialog->messageLabel()->text()));
                QVERIFY(dialog->preview()->toPlainText().contains(QStringLiteral("« Nous n’avions pas le choix »")));
                QTest::mouseClick(dialog->openButton(), Qt::LeftButton);
            },
            &shown);
        m_window->openFile(path);
        QVERIFY(shown);
        const QString copy = m_dir->filePath(QStringLiteral("port.utf8.txt"));
        QVERIFY(m_window->document());
        QCOMPARE(m_window->document()->path(), copy);
        QCOMPARE(m_window->document()->document().text(), French);
        QCOMPARE(readBytes(copy), French.toUtf8());
        QCOMPARE(readBytes(path), windows1252(French)); // never written
        QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("Windows-1252")));
    }

    // Shift-JIS read as Windows-1252 cannot decode: Open stays off until the right one is chosen.
    void wrongEncodingCannotBeConfirmed()
    {
        const QString path = m_dir->filePath(QStringLiteral("tokyo.txt"));
        QVERIFY(writeBytes(path, shiftJis()));
        // An earlier copy is kept: the new one takes the next name.
        const QString earlier = m_dir->filePath(QStringLiteral("tokyo.utf8.txt"));
        QVERIFY(writeBytes(earlier, QByteArray("an earlier copy\n")));
        bool shown = false;
        onEncodingDialog(
            [](EncodingDialog *dialog) {
                if (Encoding::canDetect()) {
                    QVERIFY2(QStringList({QStringLiteral("SHIFT_JIS"), QStringLiteral("CP932")})
                                 .contains(dialog->detected()),
                             qPrintable(dialog->detected()));
                }
                QComboBox *box = dialog->encodingBox();
                box->setCurrentIndex(box->findData(QStringLiteral("WINDOWS-1252")));
                QVERIFY(!dialog->openButton()->isEnabled());
                QVERIFY2(
                    dialog->preview()->toPlainText().contains(QStringLiteral("is not a character of WINDOWS-1252")),
                    qPrintable(dialog->preview()->toPlainText()));
                box->setCurrentIndex(box->findData(QStringLiteral("SHIFT_JIS")));
                QVERIFY(dialog->openButton()->isEnabled());
                QVERIFY(dialog->preview()->toPlainText().startsWith(QStringLiteral("東京の市場")));
                QTest::mouseClick(dialog->openButton(), Qt::LeftButton);
            },
            &shown);
        m_window->openFile(path);
        QVERIFY(shown);
        const QString copy = m_dir->filePath(QStringLiteral("tokyo.utf8-2.txt"));
        QVERIFY(m_window->document());
        QCOMPARE(m_window->document()->path(), copy);
        QCOMPARE(readBytes(copy), Japanese.toUtf8());
        QCOMPARE(readBytes(earlier), QByteArray("an earlier copy\n"));
        QCOMPARE(readBytes(path), shiftJis());
    }

    // Cancel: no copy, no document, and the status bar says why.
    void cancelMakesNoCopy()
    {
        const QString path = m_dir->filePath(QStringLiteral("port.txt"));
        QVERIFY(writeBytes(path, windows1252(French)));
        bool shown = false;
        onEncodingDialog([](EncodingDialog *dialog) { dialog->reject(); }, &shown);
        QVERIFY(!m_window->openFile(path));
        QVERIFY(shown);
        QVERIFY(!m_window->document());
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files), QStringList{QStringLiteral("port.txt")});
        QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("not UTF-8")));
    }
};

QTEST_MAIN(EncodingUiTest)
#include "encoding_test.moc"
