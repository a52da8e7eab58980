// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// File > Close, Save Annotations As and Revert through the real window (issue 18 item 3).
#include "editing/annotationdocument.h"
#include "formats/scholiastjson.h"
#include "mainwindow.h"
#include "messageboxes.h"
#include "testhelpers.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace Scholiast;
using namespace Scholiast::Testing;

namespace {
const QByteArray Article = "Harbour council votes to rebuild the old swing bridge.\n"
                           "\"It carried us for a century,\" said the harbour master.\n";

qsizetype savedSpans(const QString &sidecar)
{
    Diagnostics diagnostics;
    const auto read = ScholiastJson::read(sidecar, diagnostics);
    return read ? read->annotations.size() : -1;
}
} // namespace

class FileBasicsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setApplicationName(QStringLiteral("scholiast-filebasics-test"));
        QApplication::setOrganizationName(QStringLiteral("ScholiastTest"));
        QSettings().setValue(QStringLiteral("annotator/name"), QStringLiteral("tester")); // not asked for here
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(QStringLiteral("bridge.txt"));
        QVERIFY(writeAll(m_path, Article));
        m_window = std::make_unique<MainWindow>();
        m_window->setRecoveryPolicy(MainWindow::RecoveryPolicy::Ignore);
        m_window->show();
        QVERIFY(m_window->openFile(m_path));
        QVERIFY(m_window->document());
    }

    void cleanup()
    {
        if (m_window && m_window->document()) {
            m_window->document()->undoStack()->setClean(); // no prompt when the window goes
        }
        cancelPendingMessageBoxAnswers();
        m_window.reset();
        m_dir.reset();
    }

    void closeAsksToSave_data()
    {
        QTest::addColumn<QMessageBox::StandardButton>("answer");
        QTest::addColumn<bool>("closed");
        QTest::addColumn<qsizetype>("onDisk"); // spans in the sidecar afterwards, -1: none written
        QTest::newRow("save") << QMessageBox::Save << true << qsizetype(1);
        QTest::newRow("discard") << QMessageBox::Discard << true << qsizetype(-1);
        QTest::newRow("cancel") << QMessageBox::Cancel << false << qsizetype(-1);
    }

    void closeAsksToSave()
    {
        QFETCH(QMessageBox::StandardButton, answer);
        QFETCH(bool, closed);
        QFETCH(qsizetype, onDisk);
        QVERIFY(!m_window->document()->tag(CodePoint(0), CodePoint(7), QStringLiteral("claim")).isEmpty());
        QString asked;
        answerNextMessageBox(answer, &asked);
        m_window->action(QStringLiteral("close_document"))->trigger();
        QVERIFY2(asked.contains(QStringLiteral("unsaved changes")), qPrintable(asked));
        QCOMPARE(m_window->document() == nullptr, closed);
        QCOMPARE(savedSpans(ScholiastJson::sidecarPath(m_path)), onDisk);
        if (!closed) {
            QVERIFY(m_window->document()->isModified());
            return;
        }
        QVERIFY(m_window->windowTitle().startsWith(QStringLiteral("No document")));
        QVERIFY(!m_window->action(QStringLiteral("save"))->isEnabled());
        QVERIFY(!m_window->action(QStringLiteral("close_document"))->isEnabled());
        // The lock went with it: another window edits the document.
        MainWindow other;
        other.setRecoveryPolicy(MainWindow::RecoveryPolicy::Ignore);
        QVERIFY(other.openFile(m_path));
        QVERIFY(!other.isReadOnly());
    }

    void closeUnmodifiedAsksNothing()
    {
        m_window->action(QStringLiteral("close_document"))->trigger(); // a question would block here
        QVERIFY(!m_window->document());
    }

    void saveAsWritesACopy()
    {
        QVERIFY(!m_window->document()->tag(CodePoint(0), CodePoint(7), QStringLiteral("claim")).isEmpty());
        const QString copy = m_dir->filePath(QStringLiteral("bridge.txt.tester.scholiast.json"));
        QVERIFY(m_window->saveAnnotationsAs(copy));
        QCOMPARE(savedSpans(copy), 1);
        Diagnostics diagnostics;
        const auto read = ScholiastJson::read(copy, diagnostics);
        QVERIFY(read);
        QCOMPARE(read->documentSha256, m_window->document()->document().sha256());
        QCOMPARE(read->annotations.constFirst().text(), QStringLiteral("Harbour"));
        // The document's own sidecar is untouched and its changes still unsaved.
        QVERIFY(!QFile::exists(ScholiastJson::sidecarPath(m_path)));
        QVERIFY(m_window->document()->isModified());
        // Save As onto the document's own sidecar is Save.
        QVERIFY(m_window->saveAnnotationsAs(ScholiastJson::sidecarPath(m_path)));
        QVERIFY(!m_window->document()->isModified());
        QCOMPARE(savedSpans(ScholiastJson::sidecarPath(m_path)), 1);
        // A file that cannot be written is said, and nothing changes.
        answerNextMessageBox(QMessageBox::Ok);
        QVERIFY(!m_window->saveAnnotationsAs(m_dir->filePath(QStringLiteral("no/such/folder/x.scholiast.json"))));
    }

    void revert_data()
    {
        QTest::addColumn<QMessageBox::StandardButton>("answer");
        QTest::addColumn<bool>("reverted");
        QTest::newRow("revert") << QMessageBox::Yes << true;
        QTest::newRow("cancel") << QMessageBox::Cancel << false;
    }

    void revert()
    {
        QFETCH(QMessageBox::StandardButton, answer);
        QFETCH(bool, reverted);
        QVERIFY(!m_window->document()->tag(CodePoint(0), CodePoint(7), QStringLiteral("claim")).isEmpty());
        QVERIFY(m_window->save());
        QVERIFY(!m_window->document()->tag(CodePoint(8), CodePoint(15), QStringLiteral("quote")).isEmpty());
        m_window->document()->remove({m_window->document()->spans()->sorted().front()->id});
        QCOMPARE(m_window->document()->undoStack()->count(), 3);
        QString asked;
        answerNextMessageBox(answer, &asked);
        m_window->action(QStringLiteral("revert"))->trigger();
        QVERIFY2(asked.contains(QStringLiteral("Revert bridge.txt")), qPrintable(asked));
        QCOMPARE(m_window->document()->isModified(), !reverted);
        QCOMPARE(m_window->document()->undoStack()->count(), reverted ? 0 : 3);
        const auto spans = m_window->document()->spans()->sorted();
        QCOMPARE(spans.size(), 1);
        QCOMPARE(spans.front()->label, reverted ? QStringLiteral("claim") : QStringLiteral("quote"));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
    QString m_path;
};

QTEST_MAIN(FileBasicsTest)
#include "filebasics_test.moc"
