// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Label names on the spans (issue 18, item 1): a tag above each visible span's first line, in
// rows that never cover the text or each other, an outer span's tag above the tags of the spans
// it contains; View > Span Labels turns them off and is remembered.

#include "editing/annotationdocument.h"
#include "view/annotationview.h"
#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <map>
#include <memory>

using namespace Scholiast;

namespace {
const QString Sample = QStringLiteral("harbour-bridge-vote.txt");
} // namespace

class SpanLabelsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void tagsShownForVisibleSpans();
    void tagsCoverNeitherTextNorEachOther_data();
    void tagsCoverNeitherTextNorEachOther();
    void nestedSpansGetDistinctLevels();
    void actionTurnsTagsOffAndIsRemembered();

private:
    /// The text lines painted now: the union of the caret rectangles of each line's positions.
    [[nodiscard]] std::vector<QRect> textLineRects() const;
    [[nodiscard]] CodePoint at(const QString &needle) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void SpanLabelsTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setApplicationName(QStringLiteral("scholiast-spanlabels-test"));
    QApplication::setOrganizationName(QStringLiteral("Scholiast"));
    QSettings().clear();
}

void SpanLabelsTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    for (const QString &name : {Sample, QString(Sample + QStringLiteral(".scholiast.json"))}) {
        QVERIFY(QFile::copy(QStringLiteral(SCHOLIAST_SAMPLES "/") + name, m_dir->filePath(name)));
    }
    m_window = std::make_unique<MainWindow>();
    m_window->setRecoveryPolicy(MainWindow::RecoveryPolicy::Ignore);
    m_window->resize(1000, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->openFile(m_dir->filePath(Sample)));
}

void SpanLabelsTest::cleanup()
{
    if (m_window && m_window->document()) {
        m_window->document()->undoStack()->setClean(); // no close prompt
    }
    m_window.reset();
    m_dir.reset();
    QSettings().clear();
}

CodePoint SpanLabelsTest::at(const QString &needle) const
{
    const Document &document = m_window->document()->document();
    const qsizetype index = document.text().indexOf(needle);
    return index < 0 ? CodePoint(-1) : document.toCodePoint(Utf16Index(index));
}

std::vector<QRect> SpanLabelsTest::textLineRects() const
{
    AnnotationView *view = m_window->view();
    const Document &document = m_window->document()->document();
    const qint64 length = document.length();
    std::map<int, QRect> lines; // by top
    for (qint64 p = 0; p < length; ++p) {
        const QRect caret = view->positionRect(CodePoint(p));
        if (caret.isNull() || caret.bottom() < 0 || caret.top() > view->viewport()->height()) {
            continue;
        }
        QRect &line = lines[caret.top()];
        line = line.isNull() ? caret : line.united(caret);
    }
    std::vector<QRect> rects;
    for (const auto &[top, rect] : lines) {
        rects.push_back(rect);
    }
    return rects;
}

void SpanLabelsTest::tagsShownForVisibleSpans()
{
    AnnotationView *view = m_window->view();
    QVERIFY(m_window->action(QStringLiteral("span_labels"))->isChecked());
    QVERIFY(view->labelTagsVisible());
    view->ensureVisible(CodePoint(0));
    const auto tags = view->labelTags();
    QVERIFY(!tags.empty());
    // The first spans of the sample are boilerplate lines at the top: each has its tag, named
    // after its label, on the screen, right above the first character.
    for (const QString &id : {QStringLiteral("s0001"), QStringLiteral("s0002"), QStringLiteral("s0003")}) {
        const auto tag = std::find_if(tags.begin(), tags.end(), [&](const auto &t) { return t.span == id; });
        QVERIFY2(tag != tags.end(), qPrintable(id));
        QCOMPARE(tag->label, QStringLiteral("boilerplate"));
        const Annotation *span = m_window->document()->spans()->find(id);
        const QRect start = view->positionRect(span->start);
        QVERIFY(tag->rect.bottom() < start.top());
        QVERIFY(start.top() - tag->rect.bottom() < view->fontMetrics().height() * 3);
        QVERIFY(view->viewport()->rect().intersects(tag->rect));
    }
    // Tags of spans off screen are not laid out.
    for (const auto &tag : tags) {
        const Annotation *span = m_window->document()->spans()->find(tag.span);
        QVERIFY(span);
        QVERIFY(!view->positionRect(span->start).isNull());
    }
    // What a user sees: the tag is painted in its label's colour.
    const QImage image = view->viewport()->grab().toImage();
    const qreal dpr = image.devicePixelRatio();
    const QRect rect = tags.front().rect;
    int coloured = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        for (int x = rect.left(); x <= rect.right(); ++x) {
            coloured += image.pixelColor(int(x * dpr), int(y * dpr)) == tags.front().color ? 1 : 0;
        }
    }
    QVERIFY2(coloured > rect.width() * rect.height() / 4, qPrintable(QString::number(coloured)));
}

void SpanLabelsTest::tagsCoverNeitherTextNorEachOther_data()
{
    QTest::addColumn<QString>("scrollTo");
    QTest::addColumn<int>("zoom");
    QTest::newRow("top") << QStringLiteral("Home > Local") << 100;
    QTest::newRow("nested claim and quote") << QStringLiteral("In a briefing note") << 100;
    QTest::newRow("nested, zoomed in") << QStringLiteral("In a briefing note") << 180;
    QTest::newRow("nested, zoomed out") << QStringLiteral("The West Quay Traders") << 60;
}

void SpanLabelsTest::tagsCoverNeitherTextNorEachOther()
{
    QFETCH(QString, scrollTo);
    QFETCH(int, zoom);
    AnnotationDocument *document = m_window->document();
    // Crowd the lines: short spans side by side and three levels of nesting.
    const CodePoint briefing = at(QStringLiteral("In a briefing note"));
    QVERIFY(!document->tag(briefing, briefing + 18, QStringLiteral("quote")).isEmpty());
    QVERIFY(!document->tag(briefing + 5, briefing + 13, QStringLiteral("boilerplate")).isEmpty());
    const CodePoint traders = at(QStringLiteral("West Quay Traders"));
    for (int i = 0; i < 3; ++i) {
        QVERIFY(!document->tag(traders + 5 * i, traders + 5 * i + 4, QStringLiteral("boilerplate")).isEmpty());
    }
    AnnotationView *view = m_window->view();
    view->setZoomPercent(zoom);
    view->ensureVisible(at(scrollTo));
    const auto tags = view->labelTags();
    QVERIFY(tags.size() >= 3);
    const std::vector<QRect> lines = textLineRects();
    QVERIFY(lines.size() >= 3);
    for (size_t i = 0; i < tags.size(); ++i) {
        QVERIFY(!tags[i].rect.isEmpty());
        for (size_t j = i + 1; j < tags.size(); ++j) {
            QVERIFY2(!tags[i].rect.intersects(tags[j].rect),
                     qPrintable(QStringLiteral("%1 and %2 overlap").arg(tags[i].span, tags[j].span)));
        }
        for (const QRect &line : lines) {
            QVERIFY2(!tags[i].rect.intersects(line), qPrintable(tags[i].span + QStringLiteral(" covers text")));
        }
    }
}

void SpanLabelsTest::nestedSpansGetDistinctLevels()
{
    AnnotationDocument *document = m_window->document();
    AnnotationView *view = m_window->view();
    // s0016 (a claim) holds s0017 (a quote) further on its first line; a quote added where the
    // claim starts competes for the same place.
    const CodePoint briefing = at(QStringLiteral("In a briefing note"));
    const QString claim = QStringLiteral("s0016");
    QCOMPARE(document->spans()->find(claim)->start, briefing);
    const QString quote = document->tag(briefing, briefing + 18, QStringLiteral("quote"));
    QVERIFY(!quote.isEmpty());
    view->ensureVisible(briefing);
    auto tagsById = [view] {
        std::map<QString, SpanRenderer::LabelTag> byId;
        for (const auto &tag : view->labelTags()) {
            byId[tag.span] = tag;
        }
        return byId;
    };
    auto byId = tagsById();
    QVERIFY(byId.count(claim));
    QVERIFY(byId.count(quote));
    QVERIFY(byId.count(QStringLiteral("s0017")));
    // Inner next to the text, the enclosing span one row higher.
    QCOMPARE(byId[quote].level, 0);
    QCOMPARE(byId[QStringLiteral("s0017")].level, 0);
    QCOMPARE(byId[claim].level, 1);
    QVERIFY(byId[claim].rect.bottom() < byId[quote].rect.top());
    QCOMPARE(byId[claim].rect.left(), byId[quote].rect.left());

    // A third level: the word gets the row next to the text, the quote the one above, and the
    // claim, with no row left above them, no tag (rather than one over another).
    const QString word = document->tag(briefing + 5, briefing + 13, QStringLiteral("boilerplate"));
    QVERIFY(!word.isEmpty());
    byId = tagsById();
    QVERIFY(byId.count(word));
    QCOMPARE(byId[word].level, 0);
    QCOMPARE(byId[quote].level, 1);
    QVERIFY(!byId.count(claim));
}

void SpanLabelsTest::actionTurnsTagsOffAndIsRemembered()
{
    AnnotationView *view = m_window->view();
    view->ensureVisible(CodePoint(0));
    QVERIFY(!view->labelTags().empty());
    const QRect before = view->positionRect(CodePoint(0));
    QAction *action = m_window->action(QStringLiteral("span_labels"));
    QVERIFY(action);
    action->trigger();
    QVERIFY(!action->isChecked());
    QVERIFY(!view->labelTagsVisible());
    QVERIFY(view->labelTags().empty());
    // The lines lose the room they had for tags.
    QVERIFY(view->positionRect(CodePoint(0)).top() < before.top());
    QCOMPARE(QSettings().value(QStringLiteral("view/spanLabels")).toBool(), false);

    m_window->document()->undoStack()->setClean();
    m_window = std::make_unique<MainWindow>();
    QVERIFY(!m_window->action(QStringLiteral("span_labels"))->isChecked());
    QVERIFY(!m_window->view()->labelTagsVisible());
    m_window->action(QStringLiteral("span_labels"))->trigger();
    QVERIFY(m_window->view()->labelTagsVisible());
    QCOMPARE(QSettings().value(QStringLiteral("view/spanLabels")).toBool(), true);
}

QTEST_MAIN(SpanLabelsTest)
#include "spanlabels_test.moc"
