// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "document.h"
#include "formats/offsetunits.h"

#include <QTest>

using namespace Scholiast;

Q_DECLARE_METATYPE(Scholiast::OffsetUnit)

class OffsetUnitsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void convert_data();
    void convert();
    void notABoundary_data();
    void notABoundary();
    void detect_data();
    void detect();
    void names();
};

// Text: "a😀b" + CRLF + "é" as e + U+0301, then the ZWJ family 👨‍👩‍👧, then "z".
static QString sample()
{
    return QStringLiteral("a\U0001F600b\r\ne\u0301\U0001F468\u200D\U0001F469\u200D\U0001F467z");
}

void OffsetUnitsTest::convert_data()
{
    QTest::addColumn<OffsetUnit>("unit");
    QTest::addColumn<qint64>("codePoint");
    QTest::addColumn<qint64>("offset");
    // code points: a0 😀1 b2 CR3 LF4 e5 ◌́6 👨7 ZWJ8 👩9 ZWJ10 👧11 z12 end13
    QTest::newRow("cp identity") << OffsetUnit::CodePoints << qint64(12) << qint64(12);
    QTest::newRow("utf16 after emoji") << OffsetUnit::Utf16Units << qint64(2) << qint64(3);
    QTest::newRow("utf16 after family") << OffsetUnit::Utf16Units << qint64(12) << qint64(16);
    QTest::newRow("utf8 after emoji") << OffsetUnit::Utf8Bytes << qint64(2) << qint64(5);
    QTest::newRow("utf8 after combining") << OffsetUnit::Utf8Bytes << qint64(7) << qint64(11);
    QTest::newRow("utf8 end") << OffsetUnit::Utf8Bytes << qint64(13) << qint64(30);
    QTest::newRow("grapheme after CRLF") << OffsetUnit::Graphemes << qint64(5) << qint64(4);
    QTest::newRow("grapheme after e+accent") << OffsetUnit::Graphemes << qint64(7) << qint64(5);
    QTest::newRow("grapheme after family") << OffsetUnit::Graphemes << qint64(12) << qint64(6);
    QTest::newRow("crlf before CR") << OffsetUnit::CrlfCollapsed << qint64(3) << qint64(3);
    QTest::newRow("crlf after LF") << OffsetUnit::CrlfCollapsed << qint64(5) << qint64(4);
    QTest::newRow("crlf end") << OffsetUnit::CrlfCollapsed << qint64(13) << qint64(12);
    // issue 15: UTF-16 over the LF text a browser makes of a CRLF file
    QTest::newRow("utf16-lf after emoji") << OffsetUnit::Utf16Lf << qint64(2) << qint64(3);
    QTest::newRow("utf16-lf before CR") << OffsetUnit::Utf16Lf << qint64(3) << qint64(4);
    QTest::newRow("utf16-lf after LF") << OffsetUnit::Utf16Lf << qint64(5) << qint64(5);
    QTest::newRow("utf16-lf end") << OffsetUnit::Utf16Lf << qint64(13) << qint64(16);
}

void OffsetUnitsTest::convert()
{
    QFETCH(OffsetUnit, unit);
    QFETCH(qint64, codePoint);
    QFETCH(qint64, offset);
    const OffsetConverter converter(Document::fromText(sample()));
    QCOMPARE(converter.fromCodePoint(unit, codePoint), std::optional<qint64>(offset));
    QCOMPARE(converter.toCodePoint(unit, offset), std::optional<qint64>(codePoint));
}

void OffsetUnitsTest::notABoundary_data()
{
    QTest::addColumn<OffsetUnit>("unit");
    QTest::addColumn<qint64>("offset"); // not valid in the unit (toCodePoint)
    QTest::addColumn<qint64>("codePoint"); // not representable in the unit (fromCodePoint)
    QTest::newRow("utf16 inside surrogate pair") << OffsetUnit::Utf16Units << qint64(2) << qint64(-1);
    QTest::newRow("utf8 inside sequence") << OffsetUnit::Utf8Bytes << qint64(3) << qint64(-1);
    QTest::newRow("grapheme inside cluster") << OffsetUnit::Graphemes << qint64(99) << qint64(6);
    QTest::newRow("crlf between CR and LF") << OffsetUnit::CrlfCollapsed << qint64(99) << qint64(4);
    QTest::newRow("utf16-lf inside surrogate pair, between CR and LF") << OffsetUnit::Utf16Lf << qint64(2) << qint64(4);
    QTest::newRow("past the end") << OffsetUnit::CodePoints << qint64(14) << qint64(14);
}

void OffsetUnitsTest::notABoundary()
{
    QFETCH(OffsetUnit, unit);
    QFETCH(qint64, offset);
    QFETCH(qint64, codePoint);
    const OffsetConverter converter(Document::fromText(sample()));
    QCOMPARE(converter.toCodePoint(unit, offset), std::nullopt);
    if (codePoint >= 0) {
        QCOMPARE(converter.fromCodePoint(unit, codePoint), std::nullopt);
        // Writers round outwards to the unit's edges.
        QVERIFY(converter.fromCodePointRounded(unit, codePoint, false)
                    < converter.fromCodePointRounded(unit, codePoint, true)
                || codePoint > converter.document().length());
    }
}

void OffsetUnitsTest::detect_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<QString>("spanText");
    QTest::addColumn<QString>("expected"); // unit name, or "error"
    const QString text = sample();
    QTest::newRow("code points") << text << qint64(2) << qint64(3) << QStringLiteral("b")
                                 << QStringLiteral("codepoint");
    QTest::newRow("utf16") << text << qint64(3) << qint64(4) << QStringLiteral("b") << QStringLiteral("utf16");
    QTest::newRow("utf8") << text << qint64(5) << qint64(6) << QStringLiteral("b") << QStringLiteral("utf8");
    QTest::newRow("graphemes") << text << qint64(5) << qint64(6)
                               << QStringLiteral("\U0001F468\u200D\U0001F469\u200D\U0001F467")
                               << QStringLiteral("grapheme");
    QTest::newRow("crlf collapsed") << text << qint64(4) << qint64(6) << QStringLiteral("e\u0301")
                                    << QStringLiteral("crlf");
    QTest::newRow("utf16 over LF (issue 15)")
        << text << qint64(7) << qint64(15) << QStringLiteral("\U0001F468\u200D\U0001F469\u200D\U0001F467")
        << QStringLiteral("utf16-lf");
    QTest::newRow("none fits") << text << qint64(0) << qint64(1) << QStringLiteral("x") << QStringLiteral("error");
    QTest::newRow("ambiguous") << QStringLiteral("\U0001F600aaaa") << qint64(2) << qint64(3) << QStringLiteral("a")
                               << QStringLiteral("error");
    QTest::newRow("ascii: all agree") << QStringLiteral("plain text") << qint64(6) << qint64(10)
                                      << QStringLiteral("text") << QStringLiteral("codepoint");
}

void OffsetUnitsTest::detect()
{
    QFETCH(QString, text);
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(QString, spanText);
    QFETCH(QString, expected);
    const OffsetConverter converter(Document::fromText(text));
    SpanEvidence evidence;
    evidence.converter = &converter;
    evidence.ranges = {{start, end}};
    evidence.text = spanText;
    Diagnostics diagnostics;
    const auto choice = chooseUnit({evidence}, OffsetUnits::all(), std::nullopt, QStringLiteral("f"), diagnostics);
    if (expected == u"error") {
        QVERIFY(!choice);
        QVERIFY(hasErrors(diagnostics));
        return;
    }
    QVERIFY2(choice, qPrintable(diagnostics.value(0).toString()));
    QCOMPARE(OffsetUnits::name(choice->unit), expected);
    QVERIFY(!hasErrors(diagnostics));
    // Forcing another unit checks every span under it instead.
    Diagnostics forcedDiagnostics;
    const OffsetUnit other = choice->unit == OffsetUnit::CodePoints ? OffsetUnit::Utf8Bytes : OffsetUnit::CodePoints;
    const auto forced = chooseUnit({evidence}, OffsetUnits::all(), other, QStringLiteral("f"), forcedDiagnostics);
    if (!forced) {
        QVERIFY(hasErrors(forcedDiagnostics));
    }
}

void OffsetUnitsTest::names()
{
    for (OffsetUnit unit : OffsetUnits::all()) {
        QCOMPARE(OffsetUnits::fromName(OffsetUnits::name(unit)), std::optional<OffsetUnit>(unit));
    }
    QCOMPARE(OffsetUnits::fromName(u"UTF-16"), std::optional<OffsetUnit>(OffsetUnit::Utf16Units));
    QCOMPARE(OffsetUnits::fromName(u"furlongs"), std::nullopt);
}

QTEST_GUILESS_MAIN(OffsetUnitsTest)
#include "offsetunits_test.moc"
