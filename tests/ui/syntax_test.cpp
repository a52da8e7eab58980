// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Syntax colouring (issue 7), built and run only with KSyntaxHighlighting: an HTML news page
// opens with its tags coloured from the theme underneath a span that stays drawn, a comment's
// state carries over lines, the theme recolours the tags, and a far jump in a long document
// highlights a bounded number of lines.

#include "editing/annotationdocument.h"
#include "view/annotationview.h"
#include "view/colortheme.h"
#include "mainwindow.h"
#include "view/syntaxhighlighter.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/Theme>

#include <QApplication>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QUndoStack>

#include <memory>

using namespace Scholiast;
namespace KSH = KSyntaxHighlighting;

namespace {
const QString Fixture = QStringLiteral(SCHOLIAST_UI_TEST_DATA "/news-page.html");

// Lines of the fixture (0-based paragraphs of the view).
constexpr qint64 NavLine = 8; // "  <nav class=..."
constexpr qint64 CommentEndLine = 10; // the second line of a two-line comment
constexpr qint64 QuoteLine = 17; // "    <blockquote><p>“The keepers ..."

KSH::Repository &repository()
{
    static KSH::Repository repo;
    return repo;
}

KSH::Format htmlFormat(const QString &formatName)
{
    const auto formats = repository().definitionForName(QStringLiteral("HTML")).formats();
    for (const KSH::Format &format : formats) {
        if (format.name() == formatName) {
            return format;
        }
    }
    return {};
}

KSH::Theme theme(bool dark)
{
    return repository().defaultTheme(dark ? KSH::Repository::DarkTheme : KSH::Repository::LightTheme);
}

/// The colour the theme gives a format of the HTML definition ("Element", "Comment"), or an
/// invalid colour when it keeps the text colour (Breeze draws elements bold in the text colour).
QColor htmlColor(const QString &formatName, bool dark)
{
    const KSH::Format format = htmlFormat(formatName);
    return format.isValid() && format.hasTextColor(theme(dark)) ? format.textColor(theme(dark)) : QColor();
}

/// Whether the format range covering `offset` is bold.
bool boldAt(const QList<QTextLayout::FormatRange> &formats, int offset)
{
    for (const QTextLayout::FormatRange &range : formats) {
        if (offset >= range.start && offset < range.start + range.length) {
            return range.format.fontWeight() == QFont::Bold;
        }
    }
    return false;
}

/// The foreground of the format range covering `offset` in a paragraph, or an invalid colour.
QColor colorAt(const QList<QTextLayout::FormatRange> &formats, int offset)
{
    for (const QTextLayout::FormatRange &range : formats) {
        if (offset >= range.start && offset < range.start + range.length
            && range.format.hasProperty(QTextFormat::ForegroundBrush)) {
            return range.format.foreground().color();
        }
    }
    return {};
}

int colorDistance(const QColor &a, const QColor &b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue());
}
} // namespace

class SyntaxTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void definitionFromNameOrContent_data();
    void definitionFromNameOrContent();
    void themesComeFromSyntaxHighlighting();
    void tagsColouredFromTheme_data();
    void tagsColouredFromTheme();
    void commentStateCarriesOverLines();
    void spanStaysDrawnOverColouredTags_data();
    void spanStaysDrawnOverColouredTags();
    void syntaxMenuOverrides();
    void farJumpHighlightsBoundedLines();

private:
    void open(const QString &path);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
    QString m_path;
};

void SyntaxTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setApplicationName(QStringLiteral("scholiast-syntax-test"));
    QApplication::setOrganizationName(QStringLiteral("Scholiast"));
    QSettings().clear();
    QVERIFY(SyntaxHighlighter::isAvailable());
    QVERIFY(QFile::exists(Fixture));
    QVERIFY(htmlFormat(QStringLiteral("Element")).isValid());
    QVERIFY(htmlColor(QStringLiteral("Comment"), false).isValid());
    QVERIFY(htmlColor(QStringLiteral("Attribute"), false).isValid());
    QVERIFY(htmlColor(QStringLiteral("Value"), false).isValid());
}

void SyntaxTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("news-page.html"));
    QVERIFY(QFile::copy(Fixture, m_path));
    m_window = std::make_unique<MainWindow>();
    m_window->setRecoveryPolicy(MainWindow::RecoveryPolicy::Ignore);
    m_window->setThemeChoice(ColorTheme::Choice::Light, false);
    m_window->resize(1100, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void SyntaxTest::cleanup()
{
    if (m_window && m_window->document()) {
        m_window->document()->undoStack()->setClean();
    }
    m_window.reset();
    m_dir.reset();
}

void SyntaxTest::open(const QString &path)
{
    QVERIFY(m_window->openFile(path));
    QTRY_VERIFY(m_window->document() && m_window->document()->path() == path);
}

void SyntaxTest::definitionFromNameOrContent_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("definition");
    QTest::newRow("html by name") << QStringLiteral("news-page.html") << QStringLiteral("HTML");
    QTest::newRow("html by content, no extension") << QStringLiteral("news-page") << QStringLiteral("HTML");
    QTest::newRow("sidecar is JSON") << QStringLiteral("saved.scholiast.json") << QStringLiteral("JSON");
}

void SyntaxTest::definitionFromNameOrContent()
{
    QFETCH(QString, name);
    QFETCH(QString, definition);
    const QString path = m_dir->filePath(name);
    if (!QFile::exists(path)) {
        QVERIFY(QFile::copy(name.endsWith(u".json")
                                ? QStringLiteral(SCHOLIAST_SAMPLES "/harbour-bridge-vote.txt.scholiast.json")
                                : Fixture,
                            path));
    }
    open(path);
    QCOMPARE(m_window->view()->syntaxDefinition(), definition);
}

void SyntaxTest::themesComeFromSyntaxHighlighting()
{
    const KSH::Theme light = repository().defaultTheme(KSH::Repository::LightTheme);
    const KSH::Theme dark = repository().defaultTheme(KSH::Repository::DarkTheme);
    QCOMPARE(ColorTheme::light().background(), QColor::fromRgba(light.editorColor(KSH::Theme::BackgroundColor)));
    QCOMPARE(ColorTheme::dark().background(), QColor::fromRgba(dark.editorColor(KSH::Theme::BackgroundColor)));
    QCOMPARE(ColorTheme::dark().text(), QColor::fromRgba(dark.textColor(KSH::Theme::Normal)));
    QVERIFY(ColorTheme::dark().isDark());
}

void SyntaxTest::tagsColouredFromTheme_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void SyntaxTest::tagsColouredFromTheme()
{
    QFETCH(bool, dark);
    open(m_path);
    m_window->setThemeChoice(dark ? ColorTheme::Choice::Dark : ColorTheme::Choice::Light, false);
    AnnotationView *view = m_window->view();
    QCOMPARE(view->syntaxDefinition(), QStringLiteral("HTML"));
    const QList<QTextLayout::FormatRange> formats = view->paragraphFormats(NavLine);
    QVERIFY(!formats.isEmpty());
    // "  <nav class=\"site-nav\">": the element name at offset 3 (Breeze draws elements in the
    // text colour, bold), the attribute at 7 and its value at 14 in their own colours; the word
    // "Home" (text content) plain.
    QCOMPARE(colorAt(formats, 3), htmlColor(QStringLiteral("Element"), dark));
    QCOMPARE(boldAt(formats, 3), htmlFormat(QStringLiteral("Element")).isBold(theme(dark)));
    QCOMPARE(colorAt(formats, 7), htmlColor(QStringLiteral("Attribute"), dark));
    QCOMPARE(colorAt(formats, 14), htmlColor(QStringLiteral("Value"), dark));
    QVERIFY(htmlColor(QStringLiteral("Value"), dark) != view->colorTheme().text());
    const int home = int(QStringLiteral("  <nav class=\"site-nav\"><a href=\"/\">").size());
    QVERIFY(!colorAt(formats, home).isValid() || colorAt(formats, home) == view->colorTheme().text());
    // No format paints a background: the span tints underneath must stay visible.
    for (const QTextLayout::FormatRange &range : formats) {
        QVERIFY(!range.format.hasProperty(QTextFormat::BackgroundBrush));
    }
}

void SyntaxTest::commentStateCarriesOverLines()
{
    open(m_path);
    AnnotationView *view = m_window->view();
    // The line has no "<!--" of its own: it is a comment because the line above opened one.
    QCOMPARE(colorAt(view->paragraphFormats(CommentEndLine), 8), htmlColor(QStringLiteral("Comment"), false));
    QCOMPARE(colorAt(view->paragraphFormats(CommentEndLine + 1), 7), htmlColor(QStringLiteral("Attribute"), false));
}

void SyntaxTest::spanStaysDrawnOverColouredTags_data()
{
    tagsColouredFromTheme_data();
}

void SyntaxTest::spanStaysDrawnOverColouredTags()
{
    QFETCH(bool, dark);
    open(m_path);
    m_window->setThemeChoice(dark ? ColorTheme::Choice::Dark : ColorTheme::Choice::Light, false);
    AnnotationView *view = m_window->view();
    const QString text = m_window->document()->document().text();
    const qint64 start = text.indexOf(QStringLiteral("<nav"));
    const qint64 end = text.indexOf(QStringLiteral("</nav>")) + 6;
    QVERIFY(start > 0 && end > start);
    // The fixture is all BMP: UTF-16 indices are code points.
    const QString id = m_window->document()->tag(CodePoint(start), CodePoint(end), QStringLiteral("boilerplate"));
    QVERIFY(!id.isEmpty());
    view->ensureVisible(CodePoint(start));
    const QImage image = view->viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);

    // Under the tags: the span's underline, a solid bar of the label's colour for this theme.
    const QColor label = view->colorTheme().labelColor(
        QColor(m_window->document()->labels().find(QStringLiteral("boilerplate"))->color));
    // The attribute value "\"site-nav\"" inside the tag.
    const qint64 value = start + 11;
    const QRect first = view->positionRect(CodePoint(value));
    const QRect afterTag = view->positionRect(CodePoint(value + 10));
    QVERIFY(!first.isNull() && !afterTag.isNull());
    int underline = 0;
    int tagInk = 0;
    const QColor valueColor = htmlColor(QStringLiteral("Value"), dark);
    // On a dark theme the span's fill is bright (3:1 against the background): the value's colour
    // is lightened there only as far as legibility needs, and keeps its hue.
    const QColor element = view->colorTheme().syntaxOverFills(valueColor);
    QVERIFY(ColorTheme::contrastRatio(element, view->colorTheme().spanFill(label)) >= ColorTheme::MinimumLabelContrast);
    if (element != valueColor) {
        QVERIFY2(std::abs(element.hslHue() - valueColor.hslHue()) <= 12 && element.hslSaturation() > 60,
                 qPrintable(QStringLiteral("%1 drawn as %2").arg(valueColor.name(), element.name())));
    }
    for (int y = first.top(); y < first.bottom() + first.height(); ++y) {
        for (int x = first.left() + 1; x < afterTag.left(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            underline += pixel == label ? 1 : 0;
            tagInk += (y <= first.bottom() && colorDistance(pixel, element) < 60) ? 1 : 0;
        }
    }
    QVERIFY2(underline > 20, qPrintable(QStringLiteral("%1 underline pixels of %2").arg(underline).arg(label.name())));
    // The value's letters are drawn in the theme's colour for values (lightened on dark fills), over the tint.
    QVERIFY2(tagInk > 5, qPrintable(QStringLiteral("%1 pixels near %2").arg(tagInk).arg(element.name())));
    if (element != valueColor) {
        // Every value on the span's first line is lightened, not only the first: QTextLayout
        // skipped text-only ranges next to one drawn before, which kept every other token dim.
        int rawInk = 0;
        for (int y = first.top(); y <= first.bottom(); ++y) {
            for (int x = first.left(); x < image.width(); ++x) {
                rawInk += colorDistance(image.pixelColor(x, y), valueColor) < 40 ? 1 : 0;
            }
        }
        QVERIFY2(rawInk == 0, qPrintable(QStringLiteral("%1 pixels near %2").arg(rawInk).arg(valueColor.name())));
    }
    QCOMPARE(colorAt(view->paragraphFormats(NavLine), 14), valueColor);
    QCOMPARE(colorAt(view->paragraphFormats(QuoteLine), 5), htmlColor(QStringLiteral("Element"), dark));
    QCOMPARE(boldAt(view->paragraphFormats(QuoteLine), 5), htmlFormat(QStringLiteral("Element")).isBold(theme(dark)));
}

void SyntaxTest::syntaxMenuOverrides()
{
    open(m_path);
    AnnotationView *view = m_window->view();
    QVERIFY(!view->paragraphFormats(NavLine).isEmpty());
    // View > Syntax > None shows plain text; picking a definition again colours it.
    auto *none = m_window->findChild<QAction *>(QStringLiteral("syntax_none"));
    QVERIFY(none);
    none->trigger();
    QVERIFY(view->syntaxDefinition().isEmpty());
    QVERIFY(view->paragraphFormats(NavLine).isEmpty());
    QVERIFY(none->isChecked());
    view->setSyntaxDefinition(QStringLiteral("XML"));
    QCOMPARE(view->syntaxDefinition(), QStringLiteral("XML"));
    QVERIFY(!none->isChecked());
    QVERIFY(!view->paragraphFormats(NavLine).isEmpty());
    // The menu lists definitions by section.
    QVERIFY(SyntaxHighlighter::definitions().size() > 100);
}

void SyntaxTest::farJumpHighlightsBoundedLines()
{
    // 120,000 lines of markup: jumping near the end highlights a warm-up and the screen, not
    // every line above it; scrolling from the top fills exact checkpoints as it goes.
    const QString path = m_dir->filePath(QStringLiteral("long.html"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray body = "<html><body>\n";
        for (int i = 0; i < 120000; ++i) {
            body += "<p class=\"row\">Row " + QByteArray::number(i) + " of the long page</p>\n";
        }
        body += "</body></html>\n";
        file.write(body);
    }
    open(path);
    AnnotationView *view = m_window->view();
    QCOMPARE(view->syntaxDefinition(), QStringLiteral("HTML"));
    view->viewport()->grab();
    const qint64 atTop = view->syntaxHighlighter().highlightedLines();
    QVERIFY(atTop > 0);
    const QString text = m_window->document()->document().text();
    const qint64 far = text.indexOf(QStringLiteral("Row 110000 "));
    view->setCursorPosition(CodePoint(far));
    view->ensureVisible(CodePoint(far));
    view->viewport()->grab();
    const qint64 jumped = view->syntaxHighlighter().highlightedLines() - atTop;
    QVERIFY2(jumped > 0 && jumped < 2000, qPrintable(QString::number(jumped)));
    const QList<QTextLayout::FormatRange> formats = view->paragraphFormats(110001);
    QCOMPARE(colorAt(formats, 3), htmlColor(QStringLiteral("Attribute"), false)); // "<p class="

    // Back to the top and down a few pages: the exact checkpoints extend.
    view->setCursorPosition(CodePoint(0));
    view->ensureVisible(CodePoint(0));
    const qint64 below = text.indexOf(QStringLiteral("Row 2000 "));
    view->ensureVisible(CodePoint(below));
    view->viewport()->grab();
    QVERIFY2(view->syntaxHighlighter().checkpointCount() >= 2000 / SyntaxHighlighter::CheckpointInterval,
             qPrintable(QString::number(view->syntaxHighlighter().checkpointCount())));
}

QTEST_MAIN(SyntaxTest)
#include "syntax_test.moc"
