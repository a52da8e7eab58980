// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The view's geometry: paragraphs without their terminators, and the height index that maps
// y to paragraphs as estimates become exact.

#include "document.h"
#include "view/layoutcache_p.h"

#include <QFont>
#include <QFontInfo>
#include <QGlyphRun>
#include <QRawFont>
#include <QTest>
#include <QTextBoundaryFinder>
#include <QTextLayout>

using namespace Scholiast;

class LayoutCacheTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void paragraphs_data();
    void paragraphs();
    void heightIndex();
    void cutLongLines_data();
    void cutLongLines();
    void cutLinesAmongShortOnes();
    void emojiKeepLineHeight_data();
    void emojiKeepLineHeight();
    void blankLinesWithoutTagRows_data();
    void blankLinesWithoutTagRows();
};

void LayoutCacheTest::paragraphs_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<qint64>>("starts");
    QTest::addColumn<QList<qint64>>("ends");
    QTest::newRow("lf") << QStringLiteral("ab\ncd") << QList<qint64>{0, 3} << QList<qint64>{2, 5};
    QTest::newRow("crlf") << QStringLiteral("ab\r\ncd\r\n") << QList<qint64>{0, 4, 8} << QList<qint64>{2, 6, 8};
    QTest::newRow("cr") << QStringLiteral("a\rb") << QList<qint64>{0, 2} << QList<qint64>{1, 3};
    // Surrogate pairs count two UTF-16 units: the cache speaks UTF-16 for QTextLayout.
    QTest::newRow("emoji") << QStringLiteral("😀x\r\n🇰🇷") << QList<qint64>{0, 5} << QList<qint64>{3, 9};
    QTest::newRow("empty") << QString() << QList<qint64>{0} << QList<qint64>{0};
}

void LayoutCacheTest::paragraphs()
{
    QFETCH(QString, text);
    QFETCH(QList<qint64>, starts);
    QFETCH(QList<qint64>, ends);
    const Document document = Document::fromText(text);
    LayoutCache cache;
    cache.setFont(QFont());
    cache.setWidth(300);
    cache.setDocument(&document);
    QCOMPARE(cache.paragraphCount(), starts.size());
    for (qsizetype p = 0; p < starts.size(); ++p) {
        QCOMPARE(cache.start(p).value, starts[p]);
        QCOMPARE(cache.end(p).value, ends[p]);
        QCOMPARE(cache.paragraphAt(Utf16Index(starts[p])), p);
        QCOMPARE(cache.layout(p)->text(), text.mid(starts[p], ends[p] - starts[p]));
    }
}

void LayoutCacheTest::heightIndex()
{
    QString text;
    for (int i = 0; i < 500; ++i) {
        text += QString(i % 7 * 40 + 1, u'w').replace(u'w', QStringLiteral("w ")) + u'\n';
    }
    const Document document = Document::fromText(text);
    LayoutCache cache;
    cache.setFont(QFont());
    cache.setWidth(200);
    cache.setDocument(&document);
    auto check = [&] {
        qint64 y = 0;
        for (qint64 p = 0; p < cache.paragraphCount(); ++p) {
            QCOMPARE(cache.y(p), y);
            QCOMPARE(cache.paragraphAtY(y), p);
            QCOMPARE(cache.paragraphAtY(y + cache.knownHeight(p) - 1), p);
            y += cache.knownHeight(p);
        }
        QCOMPARE(cache.totalHeight(), y);
    };
    check();
    // Laying out some paragraphs makes their heights exact; the index follows.
    for (qint64 p = 0; p < cache.paragraphCount(); p += 3) {
        const int exact = cache.height(p);
        QCOMPARE(exact, cache.layout(p)->lineCount() * cache.lineHeight());
        QCOMPARE(cache.knownHeight(p), exact);
    }
    check();
    cache.setWidth(400);
    check();
}

// Issue 17: a line longer than the bound is laid out in pieces of at most the bound, cut after
// a space when there is one, never inside a surrogate pair or a grapheme cluster.
void LayoutCacheTest::cutLongLines_data()
{
    QTest::addColumn<QString>("unit");
    QTest::addColumn<qint64>("bound");
    QTest::addColumn<bool>("atSpaces");
    QTest::newRow("prose") << QStringLiteral("word and more ") << qint64(40) << true;
    QTest::newRow("prose, small bound") << QStringLiteral("government said ") << qint64(16) << true;
    QTest::newRow("cjk") << QStringLiteral("漢字仮名交じり文") << qint64(17) << false;
    QTest::newRow("emoji") << QStringLiteral("😀") << qint64(17) << false;
    QTest::newRow("flags") << QStringLiteral("🇰🇷") << qint64(18) << false;
    QTest::newRow("zwj family") << QStringLiteral("👩‍👩‍👧") << qint64(19) << false;
    QTest::newRow("combining marks") << QStringLiteral("e\u0301\u0323") << qint64(16) << false;
    QTest::newRow("space then mark") << QStringLiteral("a \u0301") << qint64(16) << false;
    QTest::newRow("mixed") << QStringLiteral("ab 😀 漢字 🇰🇷x ") << qint64(24) << true;
}

void LayoutCacheTest::cutLongLines()
{
    QFETCH(QString, unit);
    QFETCH(qint64, bound);
    QFETCH(bool, atSpaces);
    const QString text = unit.repeated(40);
    const Document document = Document::fromText(text);
    LayoutCache cache;
    cache.setFont(QFont());
    cache.setWidth(300);
    cache.setMaxBlockLength(bound);
    cache.setDocument(&document);
    QVERIFY(cache.paragraphCount() > 1);
    QCOMPARE(cache.lineCount(), 1);
    QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, text);
    QCOMPARE(cache.start(0).value, 0);
    QCOMPARE(cache.end(cache.paragraphCount() - 1).value, text.size());
    for (qint64 p = 0; p < cache.paragraphCount(); ++p) {
        QVERIFY(cache.length(p) > 0);
        QVERIFY2(cache.length(p) <= bound, qPrintable(QString::number(cache.length(p))));
        QCOMPARE(cache.lineOf(p), 0);
        QCOMPARE(cache.isLineStart(p), p == 0);
        QCOMPARE(cache.continues(p), p + 1 < cache.paragraphCount());
        QCOMPARE(cache.firstOfLine(p), 0);
        QCOMPARE(cache.lastOfLine(p), cache.paragraphCount() - 1);
        QCOMPARE(cache.layout(p)->text(), text.mid(cache.start(p).value, cache.length(p)));
        QCOMPARE(cache.paragraphAt(cache.start(p)), p);
        if (p + 1 < cache.paragraphCount()) {
            const qint64 cut = cache.end(p).value;
            QCOMPARE(cache.start(p + 1).value, cut);
            graphemes.setPosition(cut);
            QVERIFY2(graphemes.isAtBoundary(), qPrintable(QStringLiteral("cut at %1").arg(cut)));
            if (atSpaces) {
                QCOMPARE(text.at(cut - 1), u' ');
            }
        }
    }
}

void LayoutCacheTest::cutLinesAmongShortOnes()
{
    const QString longLine = QStringLiteral("one two three ").repeated(10);
    const QString text =
        QStringLiteral("a\n") + longLine + QStringLiteral("\r\nb\n") + longLine + QStringLiteral("\nc");
    const Document document = Document::fromText(text);
    LayoutCache cache;
    cache.setFont(QFont());
    cache.setWidth(300);
    cache.setDocument(&document);
    QCOMPARE(cache.paragraphCount(), 5); // the default bound cuts nothing here
    cache.setMaxBlockLength(32);
    QCOMPARE(cache.lineCount(), 5);
    QList<qint64> lines;
    QList<bool> starts;
    for (qint64 p = 0; p < cache.paragraphCount(); ++p) {
        lines.append(cache.lineOf(p));
        starts.append(cache.isLineStart(p));
        QCOMPARE(cache.isLineStart(p), cache.firstOfLine(p) == p);
        QCOMPARE(cache.continues(p), cache.lastOfLine(p) != p);
    }
    const qint64 pieces = 5; // 140 units cut after the space at 32, 64, 96 and 128
    QCOMPARE(cache.paragraphCount(), 3 + 2 * pieces);
    QCOMPARE(lines.first(), 0);
    QCOMPARE(lines.last(), 4);
    QCOMPARE(lines.count(1), pieces);
    QCOMPARE(lines.count(3), pieces);
    QCOMPARE(lines.count(2), 1);
    QCOMPARE(starts.count(true), 5);
    // Terminators stay out of the last piece; the short lines keep their offsets.
    QCOMPARE(cache.end(pieces).value, 2 + longLine.size());
    QCOMPARE(cache.start(pieces + 1).value, 2 + longLine.size() + 2);
    QCOMPARE(cache.end(cache.paragraphCount() - 2).value, text.size() - 2);
}

void LayoutCacheTest::emojiKeepLineHeight_data()
{
    QTest::addColumn<QString>("family");
    QTest::addColumn<qreal>("points");
    // Whatever the installed fonts (the view asks for Noto Serif, DejaVu Serif or Liberation
    // Serif); the CJK one has a short descent, where a taller emoji would grow the line.
    for (const char *family : {"DejaVu Serif", "Noto Sans CJK JP", "Liberation Serif"}) {
        for (const qreal points : {9.0, 13.2, 24.0}) {
            QTest::addRow("%s %g pt", family, points) << QString::fromLatin1(family) << points;
        }
    }
}

void LayoutCacheTest::emojiKeepLineHeight()
{
    // Issue 18, item 13: colour emoji were drawn small (at the text's pixel size the colour
    // font's glyphs are about 80 % as tall as the letters), and a line's height must not change
    // when it holds one.
    QFETCH(QString, family);
    QFETCH(qreal, points);
    QFont font(family);
    font.setPointSizeF(points);
    const Document document = Document::fromText(QStringLiteral(
        "The mayor said the market will reopen.\n"
        "The mayor \U0001F600 said the \U0001F1F0\U0001F1F7 market \U0001F469\u200D\U0001F4BC will reopen.\n"));
    LayoutCache cache;
    cache.setFont(font);
    cache.setWidth(2000);
    cache.setDocument(&document);
    const QTextLine plain = cache.layout(0)->lineAt(0);
    const qreal plainHeight = plain.height();
    const qreal plainAscent = plain.ascent();
    QTextLayout *withEmoji = cache.layout(1);
    QCOMPARE(withEmoji->lineCount(), 1);
    QCOMPARE(withEmoji->lineAt(0).height(), plainHeight);
    QCOMPARE(withEmoji->lineAt(0).ascent(), plainAscent);
    QCOMPARE(cache.height(1), cache.height(0));
    // The emoji are drawn larger than the text's pixel size, as large as the line allows.
    const qreal textPixels = QFontInfo(font).pixelSize();
    int emojiRuns = 0;
    for (const QGlyphRun &run : withEmoji->glyphRuns()) {
        if (!run.rawFont().familyName().contains(u"emoji", Qt::CaseInsensitive)) {
            continue; // the text, and the spaces a fallback font may draw
        }
        ++emojiRuns;
        QVERIFY2(run.rawFont().pixelSize() > textPixels,
                 qPrintable(QStringLiteral("%1 at %2 px, text at %3 px")
                                .arg(run.rawFont().familyName())
                                .arg(run.rawFont().pixelSize())
                                .arg(textPixels)));
    }
    if (emojiRuns == 0) {
        QSKIP("no colour emoji font installed");
    }
}

QTEST_MAIN(LayoutCacheTest)
void LayoutCacheTest::blankLinesWithoutTagRows_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<bool>>("blank");
    QTest::newRow("lf") << QStringLiteral("Headline\n\nBody text.\n") << QList<bool>{false, true, false, true};
    QTest::newRow("crlf") << QStringLiteral("Headline\r\n\r\nBody text.") << QList<bool>{false, true, false};
    QTest::newRow("space is not blank") << QStringLiteral("a\n \nb") << QList<bool>{false, false, false};
}

// The issue 18 walk-through: with span labels on, the two rows of tags above every line made a
// blank line between paragraphs as tall as three lines of text. A blank line has no tag rows
// (no span's tag can stand there), laid out and estimated alike; a line with text keeps them.
void LayoutCacheTest::blankLinesWithoutTagRows()
{
    QFETCH(QString, text);
    QFETCH(QList<bool>, blank);
    const Document document = Document::fromText(text);
    LayoutCache cache;
    cache.setFont(QFont());
    cache.setWidth(400);
    cache.setDocument(&document);
    cache.setTagRows(2);
    QVERIFY(cache.tagBand() > 0);
    QCOMPARE(cache.emptyLineHeight(), cache.lineHeight() - cache.tagBand());
    QCOMPARE(cache.paragraphCount(), blank.size());
    for (qsizetype p = 0; p < blank.size(); ++p) {
        const int expected = blank[p] ? cache.emptyLineHeight() : cache.lineHeight();
        QCOMPARE(cache.knownHeight(p), expected); // the estimate, before any layout
        QCOMPARE(cache.height(p), expected);
        const QTextLine line = cache.layout(p)->lineAt(0);
        QVERIFY(line.isValid());
        // The text (or the caret of a blank line) sits at the same distance above the underlines.
        QCOMPARE(int(line.y()), cache.textTop() - (blank[p] ? cache.tagBand() : 0));
        QVERIFY(line.y() + line.height() <= expected);
    }
    cache.setTagRows(0);
    QCOMPARE(cache.tagBand(), 0);
    for (qsizetype p = 0; p < blank.size(); ++p) {
        QCOMPARE(cache.height(p), cache.lineHeight());
    }
}

#include "layoutcache_test.moc"
