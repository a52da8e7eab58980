// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 17: a line longer than the layout bound is laid out in pieces (layoutcache_p.h). With
// the bound lowered to 64 units, a one-line document is several pieces; across the first cut
// the caret, a mouse selection, a span's painting and hit testing, and find stay exact.

#include "document.h"
#include "editing/annotationdocument.h"
#include "labelschema.h"
#include "view/annotationview.h"
#include "view/findbar.h"
#include "view/layoutcache_p.h"

#include <QImage>
#include <QStandardPaths>
#include <QTest>
#include <QTextBoundaryFinder>

#include <memory>

using namespace Scholiast;

namespace {
constexpr qint64 Bound = 64;
} // namespace

class LongLineTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void caretCrossesCut_data() { rows(); }
    void caretCrossesCut();
    void dragSelectsAcrossCut_data() { rows(); }
    void dragSelectsAcrossCut();
    void spanAcrossCut_data() { rows(); }
    void spanAcrossCut();
    void findAcrossCut_data() { rows(); }
    void findAcrossCut();
    void endReachesTheCut_data() { rows(); }
    void endReachesTheCut();

private:
    static void rows();
    /// Opens `unit` repeated as one line; m_cut is the first cut in code points.
    void open(const QString &unit);
    [[nodiscard]] QPoint pointBefore(CodePoint position);
    /// The grapheme boundary `steps` clusters after (or before, when negative) a boundary.
    [[nodiscard]] CodePoint graphemes(CodePoint from, int steps) const;
    [[nodiscard]] static bool differs(const QImage &a, const QImage &b, const QRect &rect);

    std::unique_ptr<AnnotationDocument> m_document;
    std::unique_ptr<AnnotationView> m_view;
    QString m_text;
    CodePoint m_cut;
};

void LongLineTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void LongLineTest::rows()
{
    QTest::addColumn<QString>("unit");
    QTest::newRow("prose") << QStringLiteral("the word and ");
    // No spaces: the cuts fall between ideographs and emoji, at grapheme boundaries.
    QTest::newRow("cjk and emoji") << QStringLiteral("漢字😀かな👩‍👩‍👧");
    QTest::newRow("emoji only") << QStringLiteral("😀");
}

void LongLineTest::init()
{
    m_view = std::make_unique<AnnotationView>();
    m_view->resize(700, 400);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void LongLineTest::cleanup()
{
    m_view.reset();
    m_document.reset();
}

void LongLineTest::open(const QString &unit)
{
    m_text = unit.repeated(4 * Bound / unit.size() + 1); // a few pieces
    m_document = std::make_unique<AnnotationDocument>(Document::fromText(m_text), LabelSchema::defaultSchema(),
                                                      QList<Annotation>());
    m_view->setDocument(m_document.get());
    m_view->setMaxLayoutBlockLength(Bound);
    m_view->setSnapToWords(false);
    // The same cuts as the view's: a cache over the same text with the same bound.
    LayoutCache cache;
    cache.setMaxBlockLength(Bound);
    cache.setDocument(&m_document->document());
    QVERIFY(cache.paragraphCount() > 2);
    m_cut = m_document->document().toCodePoint(cache.end(0));
    QVERIFY(m_cut.value > 2);
    m_view->ensureVisible(m_cut);
}

// A point on the caret line of `position`, just right of its caret: the position itself when
// clicked.
QPoint LongLineTest::pointBefore(CodePoint position)
{
    const QRect rect = m_view->positionRect(position);
    return QPoint(rect.left() + 1, rect.center().y());
}

CodePoint LongLineTest::graphemes(CodePoint from, int steps) const
{
    const Document &document = m_document->document();
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, m_text);
    finder.setPosition(document.toUtf16(from).value);
    for (; steps > 0; --steps) {
        finder.toNextBoundary();
    }
    for (; steps < 0; ++steps) {
        finder.toPreviousBoundary();
    }
    return document.toCodePoint(Utf16Index(finder.position()));
}

bool LongLineTest::differs(const QImage &a, const QImage &b, const QRect &rect)
{
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        for (int x = rect.left(); x <= rect.right(); ++x) {
            if (a.pixel(x, y) != b.pixel(x, y)) {
                return true;
            }
        }
    }
    return false;
}

void LongLineTest::caretCrossesCut()
{
    QFETCH(QString, unit);
    open(unit);
    const CodePoint cut = m_cut;
    m_view->setCursorPosition(cut - 1);
    QTest::keyClick(m_view.get(), Qt::Key_Right);
    // A cut is a grapheme boundary; a caret step is one grapheme, one code point here except
    // inside the ZWJ family.
    const qint64 cut16 = m_document->document().toUtf16(cut).value;
    QCOMPARE(m_view->cursorPosition().value, cut.value);
    QTest::keyClick(m_view.get(), Qt::Key_Left);
    QVERIFY(m_view->cursorPosition() < cut);
    const CodePoint back = m_view->cursorPosition();
    QTest::keyClick(m_view.get(), Qt::Key_Right);
    QCOMPARE(m_view->cursorPosition(), cut);
    QTest::keyClick(m_view.get(), Qt::Key_Right);
    QVERIFY(m_view->cursorPosition() > cut);
    QTest::keyClick(m_view.get(), Qt::Key_Left);
    QCOMPARE(m_view->cursorPosition(), cut);
    // Across the cut by one code point where the characters are single code points.
    if (!m_text.mid(cut16 - 2, 4).contains(QChar(0x200D))) {
        QCOMPARE(back.value, cut.value - 1);
    }
    // Shift+Right across it selects exactly the code points passed.
    m_view->setCursorPosition(back);
    QTest::keyClick(m_view.get(), Qt::Key_Right, Qt::ShiftModifier);
    QTest::keyClick(m_view.get(), Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(m_view->selection(), (CodePointRange{back, graphemes(cut, 1)}));
}

// End on a piece's last line goes to the cut, where the next piece starts, unless the piece was
// cut after a space: then it stays before the space, as on a wrapped line. Stepping back
// unconditionally left the piece's last character out of Shift+End.
void LongLineTest::endReachesTheCut()
{
    QFETCH(QString, unit);
    open(unit);
    const CodePoint start = graphemes(m_cut, -1);
    const qint64 cut16 = m_document->document().toUtf16(m_cut).value;
    const CodePoint expected = m_text.at(cut16 - 1).isSpace() ? m_cut - 1 : m_cut;
    m_view->setCursorPosition(start);
    QTest::keyClick(m_view.get(), Qt::Key_End, Qt::ShiftModifier);
    QCOMPARE(m_view->selection(), (CodePointRange{start, expected}));
    m_view->setCursorPosition(start);
    QTest::keyClick(m_view.get(), Qt::Key_End);
    QCOMPARE(m_view->cursorPosition(), expected);
}

void LongLineTest::dragSelectsAcrossCut()
{
    QFETCH(QString, unit);
    open(unit);
    const CodePoint from = graphemes(m_cut, -1);
    const CodePoint to = graphemes(m_cut, 1);
    QVERIFY(!m_view->positionRect(from).isNull());
    QVERIFY(!m_view->positionRect(to).isNull());
    // The two sides of the cut are on different visual lines.
    QVERIFY(m_view->positionRect(from).top() < m_view->positionRect(m_cut).top());
    QCOMPARE(m_view->positionAt(pointBefore(from)), from);
    QCOMPARE(m_view->positionAt(pointBefore(m_cut)), m_cut);
    QCOMPARE(m_view->positionAt(pointBefore(to)), to);
    QWidget *viewport = m_view->viewport();
    QTest::mousePress(viewport, Qt::LeftButton, {}, pointBefore(from));
    QTest::mouseMove(viewport, pointBefore(to));
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, pointBefore(to));
    QCOMPARE(m_view->selection(), (CodePointRange{from, to}));
    const Document &document = m_document->document();
    const qint64 a = document.toUtf16(from).value;
    const qint64 b = document.toUtf16(to).value;
    QCOMPARE(m_view->selectedText(), m_text.mid(a, b - a));
}

void LongLineTest::spanAcrossCut()
{
    QFETCH(QString, unit);
    open(unit);
    const CodePoint start = graphemes(m_cut, -2);
    const CodePoint end = graphemes(m_cut, 2);
    const QImage plain = m_view->viewport()->grab().toImage();
    const QString id = m_document->tag(start, end, QStringLiteral("claim"));
    QVERIFY(!id.isEmpty());
    const QImage tagged = m_view->viewport()->grab().toImage();
    // Painted on both sides: the tint and underline under the character before the cut and the
    // one after it (one line height down covers the underlines).
    for (const CodePoint position : {graphemes(m_cut, -1), m_cut}) {
        const QRect caret = m_view->positionRect(position);
        const QRect glyph(caret.left() + 1, caret.top(), 3, caret.height() + 8);
        QVERIFY2(differs(plain, tagged, glyph), qPrintable(QStringLiteral("at %1").arg(position.value)));
    }
    // Outside the span nothing changed.
    const QRect outside = m_view->positionRect(graphemes(end, 2));
    QVERIFY(!differs(plain, tagged, QRect(outside.left() + 1, outside.top(), 3, outside.height())));
    // A click on either side finds the span.
    for (const CodePoint position : {graphemes(m_cut, -1), m_cut}) {
        m_view->setCurrentSpan(QString());
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, pointBefore(position));
        QCOMPARE(m_view->currentSpan(), id);
    }
}

void LongLineTest::findAcrossCut()
{
    QFETCH(QString, unit);
    open(unit);
    const Document &document = m_document->document();
    const CodePoint start = graphemes(m_cut, -2);
    const CodePoint end = graphemes(m_cut, 2);
    const qint64 a = document.toUtf16(start).value;
    const qint64 b = document.toUtf16(end).value;
    FindBar bar(m_view.get());
    bar.setDocument(m_document.get());
    bar.setSearchText(m_text.mid(a, b - a));
    m_view->setCursorPosition(start);
    QVERIFY(bar.findNext(1));
    QCOMPARE(m_view->selection(), (CodePointRange{start, end}));
    // The view highlights the match on both sides of the cut.
    m_view->setCursorPosition(CodePoint(0));
    m_view->setSearchPattern(QRegularExpression());
    m_view->ensureVisible(m_cut);
    const QImage plain = m_view->viewport()->grab().toImage();
    m_view->setSearchPattern(bar.pattern());
    const QImage found = m_view->viewport()->grab().toImage();
    for (const CodePoint position : {graphemes(m_cut, -1), m_cut}) {
        const QRect caret = m_view->positionRect(position);
        QVERIFY2(differs(plain, found, QRect(caret.left() + 1, caret.top(), 3, caret.height())),
                 qPrintable(QStringLiteral("at %1").arg(position.value)));
    }
}

QTEST_MAIN(LongLineTest)
#include "longline_test.moc"
