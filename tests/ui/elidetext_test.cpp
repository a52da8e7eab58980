// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// elideAtWord(): span texts in the review dock are cut at a word boundary with "…", never
// mid-word nor inside a character (issue 18 item 7).
#include "elidetext.h"

#include <QTest>

using namespace Scholiast;

class ElideTextTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void elide_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("maxLength");
        QTest::addColumn<QString>("expected");
        QTest::newRow("fits") << QStringLiteral("Harbour vote") << 20 << QStringLiteral("Harbour vote");
        QTest::newRow("exactly fits") << QStringLiteral("Harbour vote") << 12 << QStringLiteral("Harbour vote");
        QTest::newRow("at a word") << QStringLiteral("the council said the bridge costs 41 million euros") << 30
                                   << QStringLiteral("the council said the bridge…");
        QTest::newRow("punctuation dropped")
            << QStringLiteral("We will build it, said the mayor") << 19 << QStringLiteral("We will build it…");
        QTest::newRow("line breaks become spaces")
            << QStringLiteral("Share this\r\narticle now") << 40 << QStringLiteral("Share this article now");
        QTest::newRow("one long word") << QStringLiteral("Donaudampfschifffahrtsgesellschaft") << 10
                                       << QStringLiteral("Donaudamp…");
        // A flag is two code points, four UTF-16 units: never split.
        QTest::newRow("emoji kept whole") << QStringLiteral("🇰🇷🇰🇷🇰🇷🇰🇷") << 7 << QStringLiteral("🇰🇷…");
        QTest::newRow("no spaces") << QStringLiteral("東京都は晴れです。明日も晴れ") << 6
                                   << QStringLiteral("東京都は晴…");
    }

    void elide()
    {
        QFETCH(QString, text);
        QFETCH(int, maxLength);
        QFETCH(QString, expected);
        const QString elided = elideAtWord(text, maxLength);
        QCOMPARE(elided, expected);
        QVERIFY(elided.size() <= maxLength);
    }
};

QTEST_GUILESS_MAIN(ElideTextTest)
#include "elidetext_test.moc"
