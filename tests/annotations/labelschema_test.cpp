// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "labelschema.h"

#include <QTest>

#include <cmath>

using namespace Scholiast;

namespace {
// WCAG 2 relative luminance and contrast ratio.
double luminance(const QString &hex)
{
    auto channel = [&](int i) {
        const double c = hex.mid(1 + 2 * i, 2).toInt(nullptr, 16) / 255.0;
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

double contrast(const QString &a, const QString &b)
{
    const double x = luminance(a);
    const double y = luminance(b);
    return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}
} // namespace

class LabelSchemaTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultSchema()
    {
        const LabelSchema schema = LabelSchema::defaultSchema();
        QCOMPARE(schema.size(), 3);
        QCOMPARE(schema.findByKey(QStringLiteral("1"))->name, QStringLiteral("claim"));
        QCOMPARE(schema.findByKey(QStringLiteral("2"))->name, QStringLiteral("quote"));
        QCOMPARE(schema.findByKey(QStringLiteral("3"))->name, QStringLiteral("boilerplate"));
    }

    void defaultColoursReadOnLightAndDark_data()
    {
        QTest::addColumn<QString>("background");
        QTest::newRow("white") << QStringLiteral("#ffffff");
        QTest::newRow("light grey") << QStringLiteral("#f5f5f5");
        QTest::newRow("near black") << QStringLiteral("#1e1e1e");
    }

    void defaultColoursReadOnLightAndDark()
    {
        QFETCH(QString, background);
        const LabelSchema schema = LabelSchema::defaultSchema();
        for (const Label &label : schema.labels()) {
            QVERIFY2(contrast(label.color, background) >= 3.0,
                     qPrintable(label.name + QStringLiteral(" on ") + background));
        }
        // The labels differ from each other in lightness or hue enough to tell apart.
        QVERIFY(schema.labels().at(0).color != schema.labels().at(1).color);
    }

    void addingLabels()
    {
        LabelSchema schema = LabelSchema::defaultSchema();
        QVERIFY(schema.add({QStringLiteral("date"), QString(), QString()}));
        const Label *date = schema.find(QStringLiteral("date"));
        QCOMPARE(date->key, QStringLiteral("4"));
        QVERIFY(!date->color.isEmpty());
        for (const Label &other : schema.labels()) {
            QVERIFY(other.name == date->name || other.color != date->color);
        }
        QVERIFY(!schema.add({QStringLiteral("date"), QString(), QString()}));
        QVERIFY(!schema.add({QString(), QString(), QString()}));
        QVERIFY(schema.add({QStringLiteral("person"), QStringLiteral("#123456"), QStringLiteral("1")}));
        QVERIFY(schema.find(QStringLiteral("person"))->key.isEmpty()); // key 1 is claim's
        QVERIFY(schema.remove(QStringLiteral("person")));
        QVERIFY(!schema.contains(QStringLiteral("person")));
    }
};

QTEST_GUILESS_MAIN(LabelSchemaTest)
#include "labelschema_test.moc"
