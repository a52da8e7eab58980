// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 18 item 15: a document in Latin-1, Windows-1252 or Shift-JIS was refused with no way
// forward. The fixtures are written here, as bytes, from text in this file.
#include "document.h"
#include "encoding.h"

#include <QFile>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

using namespace Scholiast;

namespace {
const QString French = QStringLiteral(
    "Le conseil municipal a voté mardi une hausse des tarifs du port. « Nous n’avions pas le choix », a déclaré "
    "la maire, qui évoque des coûts d’entretien élevés. Les pêcheurs, inquiets, prévoient une réunion à l’hôtel "
    "de ville jeudi soir ; ils craignent que la hausse de 12 € par mois ne pèse sur les petites entreprises.\n");
const QString FrenchLatin1 = QStringLiteral(
    "Le conseil municipal a voté mardi une hausse des tarifs du port. « Nous n'avions pas le choix », a déclaré "
    "la maire, qui évoque des coûts d'entretien élevés. Les pêcheurs, inquiets, prévoient une réunion à l'hôtel "
    "de ville jeudi soir ; ils craignent que la hausse ne pèse sur les petites entreprises.\n");
const QString Japanese =
    QStringLiteral("東京の市場は火曜日、上昇して取引を終えた。投資家は中央銀行の発表を前に慎重な姿勢を崩していない。"
                   "港湾地区の再開発計画について、市議会は来月にも結論を出す見通しだ。\n");

// Windows-1252 bytes of `text` (Latin-1 plus the C1 range's typographic characters): Qt 6.4
// has no Windows-1252 encoder, and the fixture must not depend on the code under test.
QByteArray windows1252(const QString &text)
{
    QByteArray out;
    for (const QChar c : text) {
        if (c == u'€') {
            out += '\x80';
        } else if (c == u'’') {
            out += '\x92';
        } else {
            Q_ASSERT(c.unicode() < 0x100);
            out += char(c.unicode());
        }
    }
    return out;
}

QByteArray latin1(const QString &text)
{
    return text.toLatin1();
}

// Shift-JIS bytes of the Japanese fixture, written out so that the fixture does not come from
// the decoder under test.
QByteArray shiftJis()
{
    return QByteArray::fromHex(
        "938c8b9e82cc8e738fea82cd89ce976a93fa81418fe38fb882b582c48ee688f882f08f4982a682bd8142938a8e9189c682cd9286"
        "899b8be28d7382cc94ad955c82f0914f82c990548f6482c88e7090a882f095f682b582c482a282c882a281428d609870926e8be6"
        "82cc8dc48a4a94ad8c7689e682c982c282a282c481418e738b6389ef82cd97888c8e82c982e08c8b985f82f08f6f82b78ca992ca"
        "82b582be81420a");
}
} // namespace

class EncodingTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtureIsShiftJis()
    {
        // The hand-written bytes are the Japanese text (checked with iconv, the decoder used).
        Diagnostics diagnostics;
        QCOMPARE(Encoding::decode(shiftJis(), QStringLiteral("SHIFT_JIS"), QString(), diagnostics).value_or(QString()),
                 Japanese);
    }

    void detects_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("windows-1252") << windows1252(French) << QStringList{QStringLiteral("WINDOWS-1252")};
        QTest::newRow("latin-1") << latin1(FrenchLatin1)
                                 << QStringList{QStringLiteral("ISO-8859-1"), QStringLiteral("WINDOWS-1252")};
        QTest::newRow("shift-jis") << shiftJis() << QStringList{QStringLiteral("SHIFT_JIS"), QStringLiteral("CP932")};
        QTest::newRow("utf-8 is no answer") << French.toUtf8() << QStringList{QString()};
        QTest::newRow("ascii is no answer") << QByteArray("Plain news text.\n") << QStringList{QString()};
    }

    void detects()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, expected);
        if (!Encoding::canDetect()) {
            QCOMPARE(Encoding::detect(bytes), QString()); // built without uchardet: names nothing
            QSKIP("built without uchardet (SCHOLIAST_WITH_UCHARDET)");
        }
        const QString detected = Encoding::detect(bytes);
        QVERIFY2(expected.contains(detected), qPrintable(detected));
    }

    void decodes_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<QString>("text");
        QTest::newRow("windows-1252") << windows1252(French) << QStringLiteral("WINDOWS-1252") << French;
        QTest::newRow("latin-1") << latin1(FrenchLatin1) << QStringLiteral("ISO-8859-1") << FrenchLatin1;
        QTest::newRow("shift-jis") << shiftJis() << QStringLiteral("SHIFT_JIS") << Japanese;
        QTest::newRow("empty") << QByteArray() << QStringLiteral("WINDOWS-1252") << QString();
    }

    void decodes()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, encoding);
        QFETCH(QString, text);
        Diagnostics diagnostics;
        const auto decoded = Encoding::decode(bytes, encoding, QStringLiteral("news.txt"), diagnostics);
        QVERIFY2(decoded, diagnostics.isEmpty() ? "" : qPrintable(diagnostics.first().toString()));
        QCOMPARE(*decoded, text);
    }

    // A byte the chosen encoding has no character for is an error naming its place.
    void refusesBytesTheEncodingLacks_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<QString>("message");
        QTest::newRow("0x81 in windows-1252") << QByteArray("ab\ncd\x81z") << QStringLiteral("WINDOWS-1252")
                                              << QStringLiteral("news.txt:2:3: error: byte 0x81 at byte offset 5");
        QTest::newRow("cut shift-jis") << QByteArray("ab\x93") << QStringLiteral("SHIFT_JIS")
                                       << QStringLiteral("news.txt:1:3: error: byte 0x93 at byte offset 2");
        QTest::newRow("unknown encoding") << QByteArray("ab") << QStringLiteral("NO-SUCH-ENCODING")
                                          << QStringLiteral("news.txt: error: unknown encoding NO-SUCH-ENCODING");
    }

    void refusesBytesTheEncodingLacks()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, encoding);
        QFETCH(QString, message);
        Diagnostics diagnostics;
        QVERIFY(!Encoding::decode(bytes, encoding, QStringLiteral("news.txt"), diagnostics));
        QCOMPARE(diagnostics.size(), 1);
        QVERIFY2(diagnostics.first().toString().startsWith(message), qPrintable(diagnostics.first().toString()));
    }

    // The loader's error names the likely encoding (and still the first bad byte).
    void loaderNamesTheEncoding()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("port.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(windows1252(French));
        file.close();
        Diagnostics diagnostics;
        QVERIFY(!Document::load(path, diagnostics));
        QCOMPARE(diagnostics.size(), 1);
        const QString message = diagnostics.first().message;
        QVERIFY2(message.startsWith(QStringLiteral("invalid UTF-8 at byte offset 26 (byte 0xe9)")),
                 qPrintable(message));
        if (Encoding::canDetect()) {
            QVERIFY2(message.endsWith(QStringLiteral("; the file is most likely WINDOWS-1252, not UTF-8")),
                     qPrintable(message));
        } else {
            QVERIFY(!message.contains(QStringLiteral("most likely")));
        }
    }

    void copyPathIsBesideAndNew()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("port.txt"));
        QCOMPARE(Encoding::copyPath(path), dir.filePath(QStringLiteral("port.utf8.txt")));
        QFile taken(dir.filePath(QStringLiteral("port.utf8.txt")));
        QVERIFY(taken.open(QIODevice::WriteOnly));
        taken.close();
        QCOMPARE(Encoding::copyPath(path), dir.filePath(QStringLiteral("port.utf8-2.txt")));
        QCOMPARE(Encoding::copyPath(dir.filePath(QStringLiteral("minutes"))),
                 dir.filePath(QStringLiteral("minutes.utf8.txt")));
        QCOMPARE(Encoding::copyPath(dir.filePath(QStringLiteral("notes.md"))),
                 dir.filePath(QStringLiteral("notes.utf8.md")));
    }

    void choicesPutTheDetectedFirst()
    {
        const QStringList list = Encoding::choices(QStringLiteral("shift_jis"));
        QCOMPARE(list.first(), QStringLiteral("SHIFT_JIS"));
        QCOMPARE(list.count(QStringLiteral("SHIFT_JIS")), 1);
        QVERIFY(Encoding::choices().contains(QStringLiteral("WINDOWS-1252")));
    }
};

QTEST_GUILESS_MAIN(EncodingTest)
#include "encoding_test.moc"
