// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The find bar (issue 18, item 10): opening it leaves the docks where they are, it counts the
// matches ("2 of 3", "No matches") and says when a search wraps around the document.

#include "editing/annotationdocument.h"
#include "mainwindow.h"
#include "testhelpers.h"
#include "view/annotationview.h"
#include "view/findbar.h"

#include <QApplication>
#include <QDockWidget>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Scholiast;

namespace {

const QString Article =
    QStringLiteral("Ferry fares to rise in April\n\n"
                   "The island ferry will cost two euros more from April, the operator said on Monday.\n"
                   "Commuters who take the early ferry every day can buy a monthly pass instead.\n"
                   "The council has asked for a review of the night ferry timetable.\n");

QList<QRect> dockGeometries(const MainWindow *window)
{
    QList<QRect> geometries;
    const auto docks = window->findChildren<QDockWidget *>();
    for (const QDockWidget *dock : docks) {
        if (dock->isVisible()) {
            geometries.append(dock->geometry());
        }
    }
    return geometries;
}

} // namespace

class FindBarTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setApplicationName(QStringLiteral("scholiast-test"));
        QApplication::setOrganizationName(QStringLiteral("Scholiast"));
        QSettings().setValue(QStringLiteral("annotator/name"), QStringLiteral("tester"));
    }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(QStringLiteral("ferry.txt"));
        QVERIFY(Testing::writeAll(m_path, Article.toUtf8()));
    }
    void cleanup()
    {
        m_window.reset();
        m_dir.reset();
    }

    void openingKeepsTheDocks_data();
    void openingKeepsTheDocks();
    void countsAndSaysWhenItWraps();

private:
    [[nodiscard]] bool open(int width)
    {
        m_window = std::make_unique<MainWindow>();
        m_window->setRecoveryPolicy(MainWindow::RecoveryPolicy::Ignore);
        m_window->resize(width, 700);
        m_window->show();
        m_window->activateWindow();
        return QTest::qWaitForWindowActive(m_window.get()) && m_window->openFile(m_path);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<MainWindow> m_window;
};

void FindBarTest::openingKeepsTheDocks_data()
{
    QTest::addColumn<int>("width");
    QTest::newRow("wide window") << 1280;
    QTest::newRow("1000 px") << 1000;
    QTest::newRow("narrow window") << 800;
}

void FindBarTest::openingKeepsTheDocks()
{
    QFETCH(int, width);
    QVERIFY(open(width));
    AnnotationView *view = m_window->view();
    QApplication::processEvents();
    const QList<QRect> before = dockGeometries(m_window.get());
    QVERIFY(!before.isEmpty());
    const QRect central = m_window->centralWidget()->geometry();
    const int viewHeight = view->height();

    QTest::keyClick(view, Qt::Key_F, Qt::ControlModifier);
    FindBar *bar = m_window->findBar();
    QTRY_VERIFY(bar->isVisible());
    QTRY_VERIFY(view->height() < viewHeight); // laid out: the bar takes its rows from the text
    QApplication::processEvents();
    QCOMPARE(dockGeometries(m_window.get()), before);
    QCOMPARE(m_window->centralWidget()->geometry(), central);
    // Nothing of the bar is cut off, in one row or two.
    const auto children = bar->findChildren<QWidget *>(Qt::FindDirectChildrenOnly);
    for (const QWidget *child : children) {
        if (child->isVisible()) {
            QVERIFY2(bar->rect().contains(child->geometry()), child->metaObject()->className());
        }
    }
    QVERIFY(bar->findChild<QLineEdit *>()->width() >= 100);

    // Closing gives the text its height back, the docks still in place.
    QTest::keyClick(bar->findChild<QLineEdit *>(), Qt::Key_Escape);
    QTRY_COMPARE(view->height(), viewHeight);
    QCOMPARE(dockGeometries(m_window.get()), before);
}

void FindBarTest::countsAndSaysWhenItWraps()
{
    QVERIFY(open(1000));
    AnnotationView *view = m_window->view();
    QTest::keyClick(view, Qt::Key_F, Qt::ControlModifier);
    FindBar *bar = m_window->findBar();
    QTRY_VERIFY(bar->isVisible());
    bar->setSearchText(QStringLiteral("ferry"));
    QCOMPARE(bar->statusText(), QStringLiteral("4 match(es)"));
    bar->setWholeWords(true);
    bar->setCaseSensitive(true);
    QCOMPARE(bar->statusText(), QStringLiteral("3 match(es)")); // not "Ferry"

    view->setCursorPosition(CodePoint(0));
    const QString steps[] = {QStringLiteral("1 of 3"), QStringLiteral("2 of 3"), QStringLiteral("3 of 3"),
                             QStringLiteral("1 of 3 · Wrapped to the top")};
    for (const QString &expected : steps) {
        QVERIFY(bar->findNext(1));
        QCOMPARE(bar->statusText(), expected);
        QCOMPARE(view->selectedText(), QStringLiteral("ferry"));
    }
    QVERIFY(bar->findNext(-1));
    QCOMPARE(bar->statusText(), QStringLiteral("3 of 3 · Wrapped to the bottom"));
    QVERIFY(bar->findNext(-1));
    QCOMPARE(bar->statusText(), QStringLiteral("2 of 3"));
    // F3 from the window says the same.
    QTest::keyClick(view, Qt::Key_F3);
    QCOMPARE(bar->statusText(), QStringLiteral("3 of 3"));

    bar->setSearchText(QStringLiteral("zeppelin"));
    QCOMPARE(bar->statusText(), QStringLiteral("No matches"));
    QVERIFY(!bar->findNext(1));
    QCOMPARE(bar->statusText(), QStringLiteral("No matches"));
}

QTEST_MAIN(FindBarTest)
#include "findbar_test.moc"
