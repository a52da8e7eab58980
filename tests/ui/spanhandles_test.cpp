// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Resizing a span with the mouse and the keyboard (issue 18, items 5, 8 and 14): only from a grip
// shown on hover, snapped to words like a selection, one undo step per gesture.

#include "testhelpers.h"
#include "editing/annotationdocument.h"
#include "view/annotationview.h"
#include "mainwindow.h"

#include <QApplication>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace Scholiast;

namespace {

const QString Article = QStringLiteral("The mayor said the market will reopen in June. Critics said the budget was "
                                       "unrealistic.\nSubscribe for more stories.\n");

} // namespace

class SpanHandlesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void dragNearTheEdgeStartsASelection_data();
    void dragNearTheEdgeStartsASelection();
    void gripShowsOnHoverOnly();
    void gripDragResizesSnappedToWords();
    void eachDragIsOneUndoStep();
    void keysHeldTogetherAreOneUndoStep_data();
    void keysHeldTogetherAreOneUndoStep();
    void resizeInTextWithoutSpacesMovesByCharacter();

private:
    /// Opens `text` with a span over `word` labelled claim and current, the view focused.
    [[nodiscard]] bool openWithSpan(const QString &text, const QString &word);
    [[nodiscard]] const Annotation *span() const;
    [[nodiscard]] QString spanText() const { return span() ? span()->text() : QString(); }
    /// A point inside the text at a code point, on its line's middle.
    [[nodiscard]] QPoint pointAt(qint64 codePoint) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
    QString m_text;
    QString m_spanId;
};

void SpanHandlesTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setApplicationName(QStringLiteral("scholiast-test"));
    QApplication::setOrganizationName(QStringLiteral("Scholiast"));
    QSettings().setValue(QStringLiteral("annotator/name"), QStringLiteral("tester"));
}

void SpanHandlesTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_window = std::make_unique<MainWindow>();
    m_window->setRecoveryPolicy(MainWindow::RecoveryPolicy::Ignore);
    m_window->resize(1000, 700);
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void SpanHandlesTest::cleanup()
{
    if (m_window && m_window->document()) {
        m_window->document()->undoStack()->setClean();
    }
    m_window.reset();
    m_dir.reset();
}

bool SpanHandlesTest::openWithSpan(const QString &text, const QString &word)
{
    m_text = text;
    const QString path = m_dir->filePath(QStringLiteral("article.txt"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0) {
        return false;
    }
    file.close();
    if (!m_window->openFile(path) || !m_window->document()) {
        return false;
    }
    AnnotationView *view = m_window->view();
    view->setFocus();
    if (!QTest::qWaitFor([view] { return view->hasFocus(); })) {
        return false;
    }
    const qsizetype at = text.indexOf(word);
    const qint64 start = qint64(text.left(at).toUcs4().size());
    const qint64 end = start + qint64(word.toUcs4().size());
    m_spanId = m_window->document()->tag(CodePoint(start), CodePoint(end), QStringLiteral("claim"));
    view->setCurrentSpan(m_spanId);
    view->clearSelection();
    return !m_spanId.isEmpty() && view->currentSpan() == m_spanId;
}

const Annotation *SpanHandlesTest::span() const
{
    return m_window->document()->spans()->find(m_spanId);
}

QPoint SpanHandlesTest::pointAt(qint64 codePoint) const
{
    const QRect caret = m_window->view()->positionRect(CodePoint(codePoint));
    return QPoint(caret.left() + 1, caret.center().y());
}

void SpanHandlesTest::dragNearTheEdgeStartsASelection_data()
{
    QTest::addColumn<int>("dx"); // from the span's end, in pixels
    QTest::newRow("3 px after the end") << 3;
    QTest::newRow("2 px before the end") << -2;
}

// A drag that starts next to the current span's edge, not on its grip, selects text: it neither
// resizes the span nor leaves it to be relabelled by the next key (on main it resized).
void SpanHandlesTest::dragNearTheEdgeStartsASelection()
{
    QFETCH(int, dx);
    QVERIFY(openWithSpan(Article, QStringLiteral("Critics")));
    AnnotationView *view = m_window->view();
    QWidget *viewport = view->viewport();
    const qint64 end = span()->end.value;
    const QPoint from = pointAt(end) + QPoint(dx, 0);
    const QPoint to = pointAt(m_text.indexOf(QStringLiteral("budget")) + 6);
    QTest::mouseMove(viewport, from);
    QTest::mousePress(viewport, Qt::LeftButton, {}, from);
    QTest::mouseMove(viewport, to);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
    QCOMPARE(spanText(), QStringLiteral("Critics"));
    QVERIFY(view->hasSelection());
    QTest::keyClick(view, Qt::Key_2); // tags the selection; the span keeps its label
    QCOMPARE(span()->label, QStringLiteral("claim"));
    QCOMPARE(m_window->document()->spans()->size(), 2);
}

void SpanHandlesTest::gripShowsOnHoverOnly()
{
    QVERIFY(openWithSpan(Article, QStringLiteral("Critics")));
    AnnotationView *view = m_window->view();
    QWidget *viewport = view->viewport();
    const QRect end = view->spanHandleRect(AnnotationView::SpanEdge::End);
    const QRect start = view->spanHandleRect(AnnotationView::SpanEdge::Start);
    QVERIFY(!end.isNull() && !start.isNull());
    // The grips sit outside the line: above it at the start, below it at the end.
    const QRect line = view->positionRect(span()->start);
    QVERIFY(start.bottom() < line.top() + 1);
    QVERIFY(end.top() >= line.bottom());
    QTest::mouseMove(viewport, pointAt(2)); // elsewhere: no grips
    QVERIFY(!view->handlesShown());
    QTest::mouseMove(viewport, pointAt(span()->start.value + 3)); // over the span
    QVERIFY(view->handlesShown());
    QTest::mouseMove(viewport, end.center()); // on to the grip: still shown
    QVERIFY(view->handlesShown());
    QTest::mouseMove(viewport, pointAt(m_text.indexOf(QStringLiteral("budget"))));
    QVERIFY(!view->handlesShown());
}

// A drag from the end grip to the middle of a later word ends the span at that word's end.
void SpanHandlesTest::gripDragResizesSnappedToWords()
{
    QVERIFY(openWithSpan(Article, QStringLiteral("Critics")));
    AnnotationView *view = m_window->view();
    QWidget *viewport = view->viewport();
    QTest::mouseMove(viewport, pointAt(span()->start.value + 2));
    const QPoint grip = view->spanHandleRect(AnnotationView::SpanEdge::End).center();
    QTest::mouseMove(viewport, grip);
    QTest::mousePress(viewport, Qt::LeftButton, {}, grip);
    QTest::mouseMove(viewport, pointAt(m_text.indexOf(QStringLiteral("budget")) + 3));
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, pointAt(m_text.indexOf(QStringLiteral("budget")) + 3));
    QCOMPARE(spanText(), QStringLiteral("Critics said the budget"));
    QVERIFY(!view->hasSelection());

    // And the start grip back to the middle of an earlier word.
    QTest::mouseMove(viewport, pointAt(span()->start.value + 2));
    const QPoint startGrip = view->spanHandleRect(AnnotationView::SpanEdge::Start).center();
    QTest::mouseMove(viewport, startGrip);
    QTest::mousePress(viewport, Qt::LeftButton, {}, startGrip);
    const QPoint june = pointAt(m_text.indexOf(QStringLiteral("June")) + 2);
    QTest::mouseMove(viewport, june);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, june);
    QCOMPARE(spanText(), QStringLiteral("June. Critics said the budget"));
}

void SpanHandlesTest::eachDragIsOneUndoStep()
{
    QVERIFY(openWithSpan(Article, QStringLiteral("Critics")));
    AnnotationView *view = m_window->view();
    QWidget *viewport = view->viewport();
    QUndoStack *stack = m_window->document()->undoStack();
    const int before = stack->count();
    for (const QString &word : {QStringLiteral("said"), QStringLiteral("budget")}) {
        QTest::mouseMove(viewport, pointAt(span()->start.value + 2));
        const QPoint grip = view->spanHandleRect(AnnotationView::SpanEdge::End).center();
        QTest::mouseMove(viewport, grip);
        QTest::mousePress(viewport, Qt::LeftButton, {}, grip);
        // Several moves in one drag.
        const qint64 at = m_text.indexOf(word, m_text.indexOf(QStringLiteral("Critics")));
        QTest::mouseMove(viewport, pointAt(at - 2));
        QTest::mouseMove(viewport, pointAt(at + 1));
        QTest::mouseMove(viewport, pointAt(at + 2));
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, pointAt(at + 2));
    }
    QCOMPARE(spanText(), QStringLiteral("Critics said the budget"));
    QCOMPARE(stack->count(), before + 2);
    stack->undo();
    QCOMPARE(spanText(), QStringLiteral("Critics said"));
    stack->undo();
    QCOMPARE(spanText(), QStringLiteral("Critics"));
}

void SpanHandlesTest::keysHeldTogetherAreOneUndoStep_data()
{
    QTest::addColumn<bool>("held"); // the modifiers stay down between the two presses
    QTest::addColumn<int>("steps");
    QTest::newRow("modifiers held") << true << 1;
    QTest::newRow("modifiers released between") << false << 2;
}

void SpanHandlesTest::keysHeldTogetherAreOneUndoStep()
{
    QFETCH(bool, held);
    QFETCH(int, steps);
    QVERIFY(openWithSpan(Article, QStringLiteral("Critics")));
    AnnotationView *view = m_window->view();
    QUndoStack *stack = m_window->document()->undoStack();
    const int before = stack->count();
    const auto modifiers = Qt::AltModifier | Qt::ShiftModifier;
    if (held) {
        QTest::keyPress(view, Qt::Key_Right, modifiers);
        QTest::keyPress(view, Qt::Key_Right, modifiers);
        QTest::keyRelease(view, Qt::Key_Right, modifiers);
    } else {
        QTest::keyClick(view, Qt::Key_Right, modifiers);
        QTest::keyClick(view, Qt::Key_Right, modifiers);
    }
    QCOMPARE(spanText(), QStringLiteral("Critics said the"));
    QCOMPARE(stack->count(), before + steps);
    // After the modifiers went up, a new press is a new step.
    QTest::keyClick(view, Qt::Key_Right, modifiers);
    QCOMPARE(stack->count(), before + steps + 1);
}

// In Japanese, where words are not separated, an end moves by one character (it moved past the
// whole run of Han and kana before).
void SpanHandlesTest::resizeInTextWithoutSpacesMovesByCharacter()
{
    QVERIFY(openWithSpan(QStringLiteral("今日、東京都は晴れです。\n"), QStringLiteral("東京")));
    AnnotationView *view = m_window->view();
    QTest::keyClick(view, Qt::Key_Right, Qt::AltModifier | Qt::ShiftModifier);
    QCOMPARE(spanText(), QStringLiteral("東京都"));
    QTest::keyClick(view, Qt::Key_Left, Qt::AltModifier | Qt::ShiftModifier);
    QCOMPARE(spanText(), QStringLiteral("東京"));

    // A mouse selection over 東京都 selects 東京都, not the whole run up to the 。
    const qint64 from = m_text.indexOf(QStringLiteral("東"));
    view->setCurrentSpan(QString());
    QWidget *viewport = view->viewport();
    QTest::mousePress(viewport, Qt::LeftButton, {}, pointAt(from));
    QTest::mouseMove(viewport, pointAt(from + 3));
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, pointAt(from + 3));
    QCOMPARE(view->selectedText(), QStringLiteral("東京都"));
}

QTEST_MAIN(SpanHandlesTest)
#include "spanhandles_test.moc"
