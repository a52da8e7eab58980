// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Themes (issue 7): each label colour keeps a minimum contrast against each theme's background,
// View > Theme switches the whole window and is remembered, the version text, and the
// annotation source view. Runs with and without KSyntaxHighlighting.

#include "editing/annotationdocument.h"
#include "view/annotationview.h"
#include "view/colortheme.h"
#include "labelschema.h"
#include "mainwindow.h"
#include "view/syntaxhighlighter.h"
#include "versioninfo.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QFile>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QUndoStack>

#include <array>
#include <cmath>
#include <memory>

using namespace Scholiast;

Q_DECLARE_METATYPE(Scholiast::ColorTheme)

namespace {
const QString Fixture = QStringLiteral(SCHOLIAST_UI_TEST_DATA "/news-page.html");

/// CIE 1976 colour difference in L*a*b* (D65), from sRGB.
double deltaE(const QColor &a, const QColor &b)
{
    auto lab = [](const QColor &c) {
        auto linear = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        const double r = linear(c.redF());
        const double g = linear(c.greenF());
        const double bl = linear(c.blueF());
        const double x = (0.4124 * r + 0.3576 * g + 0.1805 * bl) / 0.95047;
        const double y = 0.2126 * r + 0.7152 * g + 0.0722 * bl;
        const double z = (0.0193 * r + 0.1192 * g + 0.9505 * bl) / 1.08883;
        auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0; };
        return std::array<double, 3>{116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
    };
    const auto la = lab(a);
    const auto lb = lab(b);
    return std::sqrt((la[0] - lb[0]) * (la[0] - lb[0]) + (la[1] - lb[1]) * (la[1] - lb[1])
                     + (la[2] - lb[2]) * (la[2] - lb[2]));
}

QList<std::pair<QString, ColorTheme>> allThemes()
{
    return {{QStringLiteral("light"), ColorTheme::light()},
            {QStringLiteral("dark"), ColorTheme::dark()},
            {QStringLiteral("built-in light"), ColorTheme::builtInLight()},
            {QStringLiteral("built-in dark"), ColorTheme::builtInDark()}};
}
} // namespace

class ThemeTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void contrastRatioMatchesWcag_data();
    void contrastRatioMatchesWcag();
    void labelColorsKeepContrast_data();
    void labelColorsKeepContrast();
    void labelColorsStayDistinct_data();
    void labelColorsStayDistinct();
    void textIsReadable_data();
    void textIsReadable();
    void selectionStandsApartFromFills_data();
    void selectionStandsApartFromFills();
    void fillsKeepContrast_data();
    void fillsKeepContrast();
    void syntaxColorsKeepHueOnFills_data();
    void syntaxColorsKeepHueOnFills();
    void viewPaintsFillsAndSelection_data();
    void viewPaintsFillsAndSelection();
    void switchingThemeRecolorsWindow_data();
    void switchingThemeRecolorsWindow();
    void themeChoiceIsRemembered();
    void versionNamesQtAndSyntaxHighlighting();
    void annotationSourceShowsSidecar();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
    QString m_path;
};

void ThemeTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setApplicationName(QStringLiteral("scholiast-theme-test"));
    QApplication::setOrganizationName(QStringLiteral("Scholiast"));
    QSettings().clear();
    QVERIFY(QFile::exists(Fixture));
}

void ThemeTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("news-page.html"));
    QVERIFY(QFile::copy(Fixture, m_path));
    m_window = std::make_unique<MainWindow>();
    m_window->setRecoveryPolicy(MainWindow::RecoveryPolicy::Ignore);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->openFile(m_path));
}

void ThemeTest::cleanup()
{
    if (m_window && m_window->document()) {
        m_window->document()->undoStack()->setClean(); // no close prompt
    }
    m_window.reset();
    m_dir.reset();
}

void ThemeTest::contrastRatioMatchesWcag_data()
{
    QTest::addColumn<QColor>("a");
    QTest::addColumn<QColor>("b");
    QTest::addColumn<double>("expected");
    QTest::newRow("black on white") << QColor(Qt::black) << QColor(Qt::white) << 21.0;
    QTest::newRow("same colour") << QColor(0x12, 0x34, 0x56) << QColor(0x12, 0x34, 0x56) << 1.0;
    // WebAIM's contrast checker gives 4.54 for #767676 on white, the lightest AA grey.
    QTest::newRow("grey 767676 on white") << QColor(0x76, 0x76, 0x76) << QColor(Qt::white) << 4.54;
}

void ThemeTest::contrastRatioMatchesWcag()
{
    QFETCH(QColor, a);
    QFETCH(QColor, b);
    QFETCH(double, expected);
    QVERIFY2(std::abs(ColorTheme::contrastRatio(a, b) - expected) < 0.01,
             qPrintable(QString::number(ColorTheme::contrastRatio(a, b))));
    QCOMPARE(ColorTheme::contrastRatio(a, b), ColorTheme::contrastRatio(b, a));
}

void ThemeTest::labelColorsKeepContrast_data()
{
    QTest::addColumn<ColorTheme>("theme");
    QTest::addColumn<QColor>("label");
    for (const auto &[name, theme] : allThemes()) {
        for (const QString &color : LabelSchema::palette()) {
            QTest::addRow("%s %s", qPrintable(name), qPrintable(color)) << theme << QColor(color);
        }
    }
}

void ThemeTest::labelColorsKeepContrast()
{
    QFETCH(ColorTheme, theme);
    QFETCH(QColor, label);
    const QColor drawn = theme.labelColor(label);
    const double ratio = ColorTheme::contrastRatio(drawn, theme.background());
    QVERIFY2(ratio >= ColorTheme::MinimumLabelContrast,
             qPrintable(QStringLiteral("%1 drawn as %2 on %3: %4:1")
                            .arg(label.name(), drawn.name(), theme.background().name())
                            .arg(ratio, 0, 'f', 2)));
    // A colour that passes is drawn as it is: the legend and the sidecar name the same colour.
    if (ColorTheme::contrastRatio(label, theme.background()) >= ColorTheme::MinimumLabelContrast) {
        QCOMPARE(drawn.name(), label.name());
    }
}

void ThemeTest::labelColorsStayDistinct_data()
{
    QTest::addColumn<ColorTheme>("theme");
    for (const auto &[name, theme] : allThemes()) {
        QTest::newRow(qPrintable(name)) << theme;
    }
}

void ThemeTest::labelColorsStayDistinct()
{
    // Adapting a colour for contrast moves it towards black or white, closer to its neighbours
    // of similar hue (blue and sky blue): every pair of drawn colours keeps a CIE76 colour
    // difference of at least 15, well past "different at a glance" (about 10; 2.3 is the
    // smallest difference people notice side by side).
    QFETCH(ColorTheme, theme);
    const QList<QString> &palette = LabelSchema::palette();
    for (qsizetype i = 0; i < palette.size(); ++i) {
        for (qsizetype j = i + 1; j < palette.size(); ++j) {
            const QColor a = theme.labelColor(QColor(palette[i]));
            const QColor b = theme.labelColor(QColor(palette[j]));
            QVERIFY2(deltaE(a, b) >= 15.0,
                     qPrintable(QStringLiteral("%1 and %2 drawn as %3 and %4: %5")
                                    .arg(palette[i], palette[j], a.name(), b.name())
                                    .arg(deltaE(a, b), 0, 'f', 1)));
        }
    }
}

void ThemeTest::textIsReadable_data()
{
    labelColorsStayDistinct_data();
}

void ThemeTest::textIsReadable()
{
    // WCAG AA for body text: 4.5:1.
    QFETCH(ColorTheme, theme);
    QVERIFY(ColorTheme::contrastRatio(theme.text(), theme.background()) >= 4.5);
    QCOMPARE(theme.palette().color(QPalette::Base), theme.background());
    QCOMPARE(theme.palette().color(QPalette::Text), theme.text());
}

void ThemeTest::selectionStandsApartFromFills_data()
{
    labelColorsStayDistinct_data();
}

void ThemeTest::selectionStandsApartFromFills()
{
    // Issue 18, item 13: Breeze's selection blue was nearly the fill of a "quote" span (CIE76
    // 15 at most from it, and closer once blended). The selection keeps twice the distance the
    // label colours keep from each other, and its text stays readable.
    QFETCH(ColorTheme, theme);
    const QColor selection = theme.palette().color(QPalette::Highlight);
    QCOMPARE(selection, theme.selection());
    for (const QString &color : LabelSchema::palette()) {
        const QColor fill = theme.spanFill(theme.labelColor(QColor(color)));
        QVERIFY2(deltaE(selection, fill) >= 30.0,
                 qPrintable(QStringLiteral("selection %1 and the fill %2 of %3: %4")
                                .arg(selection.name(), fill.name(), color)
                                .arg(deltaE(selection, fill), 0, 'f', 1)));
    }
    QVERIFY(ColorTheme::contrastRatio(theme.text(), selection) >= 4.5);
}

void ThemeTest::fillsKeepContrast_data()
{
    labelColorsKeepContrast_data();
}

void ThemeTest::fillsKeepContrast()
{
    // Issue 18, item 13: a tint of 25 % on a dark background was barely visible. On dark themes a
    // span's fill keeps the 3:1 of the label colours against the background, and the text over
    // it keeps 4.5:1 against the fill on every theme.
    QFETCH(ColorTheme, theme);
    QFETCH(QColor, label);
    const QColor fill = theme.spanFill(theme.labelColor(label));
    const QString what =
        QStringLiteral("%1 filled as %2 on %3").arg(label.name(), fill.name(), theme.background().name());
    if (theme.isDark()) {
        QVERIFY2(ColorTheme::contrastRatio(fill, theme.background()) >= ColorTheme::MinimumLabelContrast,
                 qPrintable(what));
    } else {
        QVERIFY2(fill != theme.background(), qPrintable(what));
    }
    QVERIFY2(ColorTheme::contrastRatio(theme.textOnFill(), fill) >= 4.5, qPrintable(what));
}

void ThemeTest::syntaxColorsKeepHueOnFills_data()
{
    labelColorsKeepContrast_data();
}

void ThemeTest::syntaxColorsKeepHueOnFills()
{
    // The Debian 13 run of ui_syntax_test: white text over dark fills had turned the syntax
    // colours of tags inside a span white. A syntax colour keeps its hue over the fills, lightened
    // only as far as the brightest fill needs: one colour per token serves every label.
    QFETCH(ColorTheme, theme);
    QFETCH(QColor, label);
    if (!theme.isDark()) {
        QSKIP("light themes tint their fills and draw the syntax colours over them as they are");
    }
    const QColor fill = theme.spanFill(theme.labelColor(label));
    // Breeze Dark's and Breeze Light's value, keyword and comment colours, and a pure primary.
    for (const char *name : {"#f44f4f", "#27ae60", "#3daee9", "#7a7c7d", "#b08000", "#0000ff"}) {
        const QColor syntax(QString::fromLatin1(name));
        const QColor drawn = theme.syntaxOverFills(syntax); // one colour for every label's fill
        const QString what =
            QStringLiteral("%1 on the fill %2 drawn as %3").arg(syntax.name(), fill.name(), drawn.name());
        QVERIFY2(ColorTheme::contrastRatio(drawn, fill) >= ColorTheme::MinimumLabelContrast, qPrintable(what));
        if (drawn != syntax && drawn != theme.textOnFill() && syntax.hslSaturation() > 60) {
            QVERIFY2(std::abs(drawn.hslHue() - syntax.hslHue()) <= 12, qPrintable(what));
        }
    }
}

void ThemeTest::viewPaintsFillsAndSelection_data()
{
    switchingThemeRecolorsWindow_data();
}

void ThemeTest::viewPaintsFillsAndSelection()
{
    // What a user sees: the span's fill and the selection are painted in the theme's colours.
    QFETCH(QString, action);
    QFETCH(bool, dark);
    m_window->action(action)->trigger();
    const ColorTheme theme = dark ? ColorTheme::dark() : ColorTheme::light();
    AnnotationView *view = m_window->view();
    const QString id = m_window->document()->tag(CodePoint(904), CodePoint(1000), QStringLiteral("quote"));
    QVERIFY(!id.isEmpty());
    view->setSelection(CodePoint(1100), CodePoint(1180));
    view->setFocus();
    QTRY_VERIFY(view->hasFocus());
    view->ensureVisible(CodePoint(904));
    const QImage image = view->viewport()->grab().toImage();
    const qreal dpr = image.devicePixelRatio();
    auto count = [&](CodePoint at, const QColor &color) {
        const QRect start = view->positionRect(at);
        int found = 0;
        for (int y = start.top(); y <= start.bottom(); ++y) {
            for (int x = start.left(); x < start.left() + 60; ++x) {
                found += image.pixelColor(int(x * dpr), int(y * dpr)) == color ? 1 : 0;
            }
        }
        return found;
    };
    const QColor fill =
        theme.spanFill(theme.labelColor(QColor(m_window->document()->labels().find(QStringLiteral("quote"))->color)));
    QVERIFY2(count(CodePoint(906), fill) > 100, qPrintable(fill.name()));
    QVERIFY2(count(CodePoint(1102), theme.selection()) > 100, qPrintable(theme.selection().name()));
}

void ThemeTest::switchingThemeRecolorsWindow_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<bool>("dark");
    QTest::newRow("dark") << QStringLiteral("theme_dark") << true;
    QTest::newRow("light") << QStringLiteral("theme_light") << false;
}

void ThemeTest::switchingThemeRecolorsWindow()
{
    QFETCH(QString, action);
    QFETCH(bool, dark);
    QAction *trigger = m_window->action(action);
    QVERIFY(trigger);
    trigger->trigger();
    QVERIFY(trigger->isChecked());
    const ColorTheme expected = dark ? ColorTheme::dark() : ColorTheme::light();
    AnnotationView *view = m_window->view();
    QCOMPARE(view->colorTheme(), expected);
    QCOMPARE(view->palette().color(QPalette::Base), expected.background());
    QCOMPARE(QApplication::palette().color(QPalette::Window).lightness() < 128, dark);
    QTRY_COMPARE(m_window->palette().color(QPalette::Window), QApplication::palette().color(QPalette::Window));

    // What a user sees: the view's background, and each span drawn in its label's colour as
    // adapted to the theme (its underline is a solid bar of that colour).
    const QString id = m_window->document()->tag(CodePoint(904), CodePoint(1000), QStringLiteral("quote"));
    QVERIFY(!id.isEmpty());
    view->ensureVisible(CodePoint(904));
    const QImage image = view->viewport()->grab().toImage();
    QCOMPARE(image.pixelColor(view->viewport()->width() - 2, 2), expected.background());
    const QColor drawn =
        expected.labelColor(QColor(m_window->document()->labels().find(QStringLiteral("quote"))->color));
    const QRect start = view->positionRect(CodePoint(904));
    QVERIFY(!start.isNull());
    int found = 0;
    const qreal dpr = image.devicePixelRatio();
    for (int y = start.top(); y < start.bottom() + start.height(); ++y) {
        for (int x = start.left(); x < start.left() + 60; ++x) {
            found += image.pixelColor(int(x * dpr), int(y * dpr)) == drawn ? 1 : 0;
        }
    }
    QVERIFY2(found > 20, qPrintable(QStringLiteral("%1 pixels of %2").arg(found).arg(drawn.name())));
}

void ThemeTest::themeChoiceIsRemembered()
{
    m_window->action(QStringLiteral("theme_dark"))->trigger();
    QCOMPARE(QSettings().value(QStringLiteral("view/theme")).toString(), QStringLiteral("dark"));
    m_window->document()->undoStack()->setClean();
    m_window = std::make_unique<MainWindow>();
    QCOMPARE(m_window->themeChoice(), ColorTheme::Choice::Dark);
    QVERIFY(m_window->view()->colorTheme().isDark());
    QVERIFY(m_window->action(QStringLiteral("theme_dark"))->isChecked());

    m_window->action(QStringLiteral("theme_system"))->trigger();
    QCOMPARE(QSettings().value(QStringLiteral("view/theme")).toString(), QStringLiteral("system"));
    QCOMPARE(m_window->view()->colorTheme().isDark(), ColorTheme::systemPrefersDark());
    // --theme (remember = false) applies without changing the kept choice.
    m_window->setThemeChoice(ColorTheme::Choice::Dark, false);
    QVERIFY(m_window->view()->colorTheme().isDark());
    QCOMPARE(QSettings().value(QStringLiteral("view/theme")).toString(), QStringLiteral("system"));
}

void ThemeTest::versionNamesQtAndSyntaxHighlighting()
{
    const QStringList lines = versionInfo().split(u'\n');
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0], QStringLiteral("Scholiast " SCHOLIAST_VERSION));
    QVERIFY(lines[1].startsWith(QStringLiteral("Qt ") + QString::fromLatin1(qVersion())));
    if (SyntaxHighlighter::isAvailable()) {
        QVERIFY2(QRegularExpression(QStringLiteral("^KSyntaxHighlighting 6\\.\\d+\\.\\d+$")).match(lines[2]).hasMatch(),
                 qPrintable(lines[2]));
    } else {
        QCOMPARE(lines[2], QStringLiteral("KSyntaxHighlighting: not built in"));
        // Without it the view stays plain and the Syntax menu says why.
        QVERIFY(m_window->view()->syntaxDefinition().isEmpty());
        QVERIFY(m_window->view()->paragraphFormats(10).isEmpty());
    }
}

void ThemeTest::annotationSourceShowsSidecar()
{
    m_window->document()->tag(CodePoint(904), CodePoint(1000), QStringLiteral("claim"));
    m_window->action(QStringLiteral("annotation_source"))->trigger();
    QDialog *dialog = m_window->findChild<QDialog *>(QStringLiteral("AnnotationSource"));
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto *text = dialog->findChild<QPlainTextEdit *>(QStringLiteral("AnnotationSourceText"));
    QVERIFY(text);
    QVERIFY(text->isReadOnly());
    const QString json = text->toPlainText();
    QVERIFY(json.contains(QStringLiteral("\"annotations\"")));
    QVERIFY(json.contains(QStringLiteral("The trust said the conversion")));
    if (SyntaxHighlighter::isAvailable()) {
        // Highlighted as JSON: the keys carry a colour format.
        QTRY_VERIFY(!text->document()->findBlockByNumber(1).layout()->formats().isEmpty());
    }
    dialog->close();
}

QTEST_MAIN(ThemeTest)
#include "theme_test.moc"
