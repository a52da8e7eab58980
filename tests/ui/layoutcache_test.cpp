// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The view's geometry: paragraphs without their terminators, and the height index that maps
// y to paragraphs as estimates become exact.

#include "document.h"
#include "view/layoutcache_p.h"

#include <QFont>
#include <QTest>

using namespace Scholiast;

class LayoutCacheTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void paragraphs_data();
    void paragraphs();
    void heightIndex();
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

QTEST_MAIN(LayoutCacheTest)
#include "layoutcache_test.moc"
