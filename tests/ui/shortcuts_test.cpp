// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Keyboard (issue 18, item 11): F1 lists the shortcuts by menu and by stable name, with a
// filter; F6 / Shift+F6 cycle the focus through the text and the visible docks; no two actions
// share a key, and the span resize keys window managers take have alternatives.

#include "editing/annotationdocument.h"
#include "legenddock.h"
#include "mainwindow.h"
#include "shortcutsdialog.h"
#include "spanlistdock.h"
#include "testhelpers.h"
#include "view/annotationview.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

#include <memory>

using namespace Scholiast;

namespace {

const QString Article = QStringLiteral("Tram line to reach the airport by 2027\n\n"
                                       "The transport minister said the extension would open in two stages.\n"
                                       "Residents near the depot asked for quieter night works.\n");

QTreeWidgetItem *group(const QTreeWidget *tree, const QString &title)
{
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        if (tree->topLevelItem(i)->text(0) == title) {
            return tree->topLevelItem(i);
        }
    }
    return nullptr;
}

QStringList rows(const QTreeWidgetItem *group, bool visibleOnly = false)
{
    QStringList names;
    for (int i = 0; group && i < group->childCount(); ++i) {
        if (!visibleOnly || !group->child(i)->isHidden()) {
            names.append(group->child(i)->text(0));
        }
    }
    return names;
}

QString keysOf(const QTreeWidgetItem *group, const QString &name)
{
    for (int i = 0; group && i < group->childCount(); ++i) {
        if (group->child(i)->text(0) == name) {
            return group->child(i)->text(1);
        }
    }
    return QString();
}

// The pane holding the focus: the text view or a dock; nullptr when it is elsewhere.
QWidget *focusedPane(const MainWindow *window)
{
    QWidget *focus = QApplication::focusWidget();
    if (focus && focus == window->view()) {
        return focus;
    }
    for (QWidget *w = focus; w; w = w->parentWidget()) {
        if (auto *dock = qobject_cast<QDockWidget *>(w)) {
            return dock;
        }
    }
    return nullptr;
}

} // namespace

class ShortcutsTest : public QObject
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
        const QString path = m_dir->filePath(QStringLiteral("tram.txt"));
        QVERIFY(Testing::writeAll(path, Article.toUtf8()));
        m_window = std::make_unique<MainWindow>();
        m_window->setRecoveryPolicy(MainWindow::RecoveryPolicy::Ignore);
        m_window->resize(1100, 700);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QVERIFY(m_window->openFile(path));
    }
    void cleanup()
    {
        m_window.reset();
        m_dir.reset();
    }

    void shortcutsGroupedByMenuWithStableNames();
    void filterFindsByNameOrKey_data();
    void filterFindsByNameOrKey();
    void f6CyclesTextAndDocks();
    void noTwoActionsShareAKey();
    void spanResizeHasAlternativeKeys_data();
    void spanResizeHasAlternativeKeys();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void ShortcutsTest::shortcutsGroupedByMenuWithStableNames()
{
    // Undo and Redo say what they would do; F1 names them plainly.
    AnnotationDocument *document = m_window->document();
    const QString id = document->tag(CodePoint(40), CodePoint(62), QStringLiteral("claim"));
    QVERIFY(!id.isEmpty());
    m_window->view()->setCurrentSpan(id);
    m_window->applyLabel(QStringLiteral("quote"));
    document->undoStack()->undo();
    QVERIFY(m_window->action(QStringLiteral("undo"))->text().remove(u'&').startsWith(QStringLiteral("Undo Tag")));
    QVERIFY(m_window->action(QStringLiteral("redo"))->text().remove(u'&').startsWith(QStringLiteral("Redo Relabel")));

    ShortcutsDialog dialog(m_window->menuBar(), m_window->allActions(), m_window.get());
    const QTreeWidget *tree = dialog.tree();
    QStringList groups;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        groups.append(tree->topLevelItem(i)->text(0));
    }
    for (const QString &title : {QStringLiteral("File"), QStringLiteral("Edit"), QStringLiteral("View"),
                                 QStringLiteral("Annotate"), QStringLiteral("Help"), QStringLiteral("Text view")}) {
        QVERIFY2(groups.contains(title), qPrintable(groups.join(u',')));
    }
    const QTreeWidgetItem *edit = group(tree, QStringLiteral("Edit"));
    QVERIFY2(rows(edit).contains(QStringLiteral("Undo")), qPrintable(rows(edit).join(u',')));
    QVERIFY(rows(edit).contains(QStringLiteral("Redo")));
    QVERIFY(rows(edit).contains(QStringLiteral("Find")));
    QCOMPARE(keysOf(edit, QStringLiteral("Undo")), QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText));
    QVERIFY(rows(group(tree, QStringLiteral("Annotate"))).contains(QStringLiteral("Tag as quote")));
    QVERIFY(rows(group(tree, QStringLiteral("Help"))).contains(QStringLiteral("Keyboard Shortcuts")));
    // Every action once, by a name without mnemonics, ellipses or an undo step's text.
    QStringList all;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        all += rows(tree->topLevelItem(i));
    }
    for (const QString &name : std::as_const(all)) {
        QVERIFY2(!name.contains(u'&') && !name.endsWith(u'…') && !name.contains(QStringLiteral("Relabel")),
                 qPrintable(name));
    }
    QCOMPARE(all.count(QStringLiteral("Undo")), 1);
}

void ShortcutsTest::filterFindsByNameOrKey_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("row");
    QTest::addColumn<QStringList>("hiddenGroups");
    QTest::newRow("by name") << QStringLiteral("zoom") << QStringLiteral("View") << QStringLiteral("Zoom In")
                             << QStringList{QStringLiteral("File"), QStringLiteral("Edit")};
    QTest::newRow("by key") << QStringLiteral("F6") << QStringLiteral("View") << QStringLiteral("Focus Next Pane")
                            << QStringList{QStringLiteral("File"), QStringLiteral("Annotate")};
    QTest::newRow("a view key") << QStringLiteral("double") << QStringLiteral("Text view")
                                << QStringLiteral("Select a word") << QStringList{QStringLiteral("View")};
}

void ShortcutsTest::filterFindsByNameOrKey()
{
    QFETCH(QString, filter);
    QFETCH(QString, group);
    QFETCH(QString, row);
    QFETCH(QStringList, hiddenGroups);
    ShortcutsDialog dialog(m_window->menuBar(), m_window->allActions(), m_window.get());
    dialog.show();
    QTest::keyClicks(dialog.filter(), filter);
    const QTreeWidget *tree = dialog.tree();
    const QTreeWidgetItem *shown = ::group(tree, group);
    QVERIFY(shown && !shown->isHidden());
    QVERIFY2(rows(shown, true).contains(row), qPrintable(rows(shown, true).join(u',')));
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *g = tree->topLevelItem(i);
        for (int r = 0; r < g->childCount(); ++r) {
            const QTreeWidgetItem *item = g->child(r);
            if (!item->isHidden()) {
                QVERIFY2(item->text(0).contains(filter, Qt::CaseInsensitive)
                             || item->text(1).contains(filter, Qt::CaseInsensitive),
                         qPrintable(item->text(0)));
            }
        }
    }
    for (const QString &title : std::as_const(hiddenGroups)) {
        QVERIFY2(::group(tree, title)->isHidden(), qPrintable(title));
    }
    dialog.setFilter(QString());
    QVERIFY(!::group(tree, QStringLiteral("File"))->isHidden());
    QCOMPARE(rows(::group(tree, QStringLiteral("Edit")), true), rows(::group(tree, QStringLiteral("Edit"))));
}

void ShortcutsTest::f6CyclesTextAndDocks()
{
    QVERIFY(m_window->spanListDock()->isVisible());
    QVERIFY(m_window->legendDock()->isVisible());
    QList<QDockWidget *> docks;
    const auto all = m_window->findChildren<QDockWidget *>();
    for (QDockWidget *dock : all) {
        if (dock->isVisible()) {
            docks.append(dock);
        }
    }
    QWidget *text = m_window->view();
    text->setFocus();
    QTRY_COMPARE(focusedPane(m_window.get()), text);

    // Forward: each visible dock once, then the text again.
    QList<QWidget *> visited;
    for (int i = 0; i < docks.size(); ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
        QWidget *pane = focusedPane(m_window.get());
        QVERIFY(pane && pane != text);
        QVERIFY(docks.contains(static_cast<QDockWidget *>(pane)));
        QVERIFY(!visited.contains(pane));
        visited.append(pane);
    }
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
    QCOMPARE(QApplication::focusWidget(), text);

    // Backward: the same panes in reverse.
    for (qsizetype i = visited.size() - 1; i >= 0; --i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6, Qt::ShiftModifier);
        QCOMPARE(focusedPane(m_window.get()), visited.at(i));
    }
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6, Qt::ShiftModifier);
    QCOMPARE(QApplication::focusWidget(), m_window->view());

    // A hidden dock is skipped.
    m_window->legendDock()->hide();
    QTest::keyClick(text, Qt::Key_F6);
    QVERIFY(focusedPane(m_window.get()) != m_window->legendDock());
    QVERIFY(focusedPane(m_window.get()) != text);
    QVERIFY(focusedPane(m_window.get()) != nullptr);
}

void ShortcutsTest::noTwoActionsShareAKey()
{
    // Every action of the window, the docks' and the view's included, with the labels' keys.
    const auto actions = m_window->findChildren<QAction *>();
    QHash<QString, QString> owner;
    int shortcuts = 0;
    for (const QAction *action : actions) {
        for (const QKeySequence &key : action->shortcuts()) {
            const QString text = key.toString(QKeySequence::PortableText);
            const QString name = action->objectName().isEmpty() ? action->text() : action->objectName();
            QVERIFY2(!owner.contains(text) || owner.value(text) == name,
                     qPrintable(QStringLiteral("%1 is both %2 and %3").arg(text, owner.value(text), name)));
            owner.insert(text, name);
            ++shortcuts;
        }
    }
    QVERIFY(shortcuts > 30);
    QCOMPARE(owner.value(QStringLiteral("F6")), QStringLiteral("focus_next_pane"));
    QCOMPARE(owner.value(QStringLiteral("Shift+F6")), QStringLiteral("focus_previous_pane"));
}

void ShortcutsTest::spanResizeHasAlternativeKeys_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QKeySequence>("alternative");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    // The span is "transport minister" (44-62); its ends move by a word.
    QTest::newRow("end right") << QStringLiteral("span_end_right") << QKeySequence(Qt::CTRL | Qt::Key_BracketRight)
                               << qint64(44) << qint64(67);
    QTest::newRow("end left") << QStringLiteral("span_end_left") << QKeySequence(Qt::CTRL | Qt::Key_BracketLeft)
                              << qint64(44) << qint64(53);
    QTest::newRow("start left") << QStringLiteral("span_start_left") << QKeySequence(Qt::ALT | Qt::Key_BracketLeft)
                                << qint64(40) << qint64(62);
    QTest::newRow("start right") << QStringLiteral("span_start_right") << QKeySequence(Qt::ALT | Qt::Key_BracketRight)
                                 << qint64(54) << qint64(62);
}

void ShortcutsTest::spanResizeHasAlternativeKeys()
{
    QFETCH(QString, action);
    QFETCH(QKeySequence, alternative);
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QAction *resize = m_window->action(action);
    QVERIFY(resize);
    QCOMPARE(resize->shortcuts().size(), 2);
    QCOMPARE(resize->shortcuts().at(0)[0].keyboardModifiers(), Qt::AltModifier | Qt::ShiftModifier);
    QCOMPARE(resize->shortcuts().at(1), alternative);

    const QString text = m_window->document()->document().text();
    QCOMPARE(text.mid(44, 18), QStringLiteral("transport minister"));
    const QString id = m_window->document()->tag(CodePoint(44), CodePoint(62), QStringLiteral("claim"));
    AnnotationView *view = m_window->view();
    view->setCurrentSpan(id);
    view->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), view);
    QTest::keySequence(view, alternative);
    const Annotation *span = m_window->document()->spans()->find(id);
    QVERIFY(span);
    QCOMPARE(span->start.value, start);
    QCOMPARE(span->end.value, end);
}

QTEST_MAIN(ShortcutsTest)
#include "shortcuts_test.moc"
