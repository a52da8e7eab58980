// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// A corpus folder's shared label schema, labels.scholiast.json (docs/FORMAT.md §20; issue 18).
#include "formats/labelschemafile.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Scholiast;

class LabelSchemaFileTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripIsByteIdentical()
    {
        const QByteArray bytes =
            "{\"format\": \"scholiast-labels\", \"version\": 1,\n"
            " \"labels\": [\n"
            "  {\"name\": \"claim\", \"color\": \"#d55e00\", \"key\": \"1\"},\n"
            "  {\"name\": \"Zitat\", \"color\": \"#0072b2\", \"key\": \"z\", \"x-note\": \"kept\"},\n"
            "  {\"name\": \"出典\", \"color\": \"#009e73\", \"key\": \"3\"}\n"
            " ]\n}\n";
        Diagnostics diagnostics;
        const auto schema = LabelSchemaFile::parse(bytes, QStringLiteral("labels.scholiast.json"), diagnostics);
        QVERIFY2(schema, qPrintable(diagnostics.isEmpty() ? QString() : diagnostics.constFirst().toString()));
        QCOMPARE(schema->size(), 3);
        QCOMPARE(schema->labels().at(2).name, QStringLiteral("出典"));
        QCOMPARE(LabelSchemaFile::serialize(*schema), bytes);

        QTemporaryDir dir;
        const QString path = LabelSchemaFile::pathFor(dir.filePath(QStringLiteral("article.txt")));
        QCOMPARE(path, dir.filePath(QStringLiteral("labels.scholiast.json")));
        QVERIFY(LabelSchemaFile::write(path, *schema, diagnostics));
        const auto again = LabelSchemaFile::read(path, diagnostics);
        QVERIFY(again);
        QCOMPARE(*again, *schema);
    }

    void missingColoursAndKeysAreFilled()
    {
        Diagnostics diagnostics;
        const auto schema = LabelSchemaFile::parse(R"({"labels": [{"name": "person"}, {"name": "place", "key": "1"}]})",
                                                   QStringLiteral("labels.scholiast.json"), diagnostics);
        QVERIFY(schema);
        QVERIFY(Label::isColor(schema->labels().at(0).color));
        QCOMPARE(schema->labels().at(1).key, QStringLiteral("1"));
        QVERIFY(!schema->labels().at(0).key.isEmpty());
        QVERIFY(schema->labels().at(0).key != QStringLiteral("1"));
    }

    void errorsNameFileAndPosition_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::newRow("malformed") << QByteArray("{\"labels\": [\n  {\"name\": \"a\",}\n]}")
                                   << QStringLiteral("labels.scholiast.json:2:");
        QTest::newRow("not an object") << QByteArray("[]")
                                       << QStringLiteral("labels.scholiast.json:1:1: error: a label schema must be a "
                                                         "JSON object");
        QTest::newRow("no labels") << QByteArray("{\"format\": \"scholiast-labels\"}")
                                   << QStringLiteral("labels.scholiast.json:1:1: error: \"labels\" must be an array");
        QTest::newRow("nameless") << QByteArray("{\"labels\": [\n  {\"color\": \"#d55e00\"}\n]}")
                                  << QStringLiteral("labels.scholiast.json:2:3: error: a label has no name");
        QTest::newRow("twice") << QByteArray("{\"labels\": [\n  {\"name\": \"a\"},\n  {\"name\": \"a\"}\n]}")
                               << QStringLiteral("labels.scholiast.json:3:3: error: label \"a\" is defined twice");
        QTest::newRow("key twice")
            << QByteArray(
                   "{\"labels\": [\n  {\"name\": \"a\", \"key\": \"1\"},\n  {\"name\": \"b\", \"key\": \"1\"}\n]}")
            << QStringLiteral(
                   "labels.scholiast.json:3:24: error: label \"b\": key \"1\" is already used by label \"a\"");
        QTest::newRow("bad colour")
            << QByteArray("{\"labels\": [{\"name\": \"a\", \"color\": \"red\"}]}")
            << QStringLiteral(
                   "labels.scholiast.json:1:36: error: label \"a\": color \"red\" is not of the form #rrggbb");
        QTest::newRow("not a string") << QByteArray("{\"labels\": [{\"name\": 3}]}")
                                      << QStringLiteral(
                                             "labels.scholiast.json:1:22: error: label name must be a string");
        QTest::newRow("another format")
            << QByteArray("{\"format\": \"scholiast\", \"labels\": []}")
            << QStringLiteral("labels.scholiast.json:1:12: error: \"format\" must be \"scholiast-labels\"");
    }

    void errorsNameFileAndPosition()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        Diagnostics diagnostics;
        QVERIFY(!LabelSchemaFile::parse(bytes, QStringLiteral("labels.scholiast.json"), diagnostics));
        QVERIFY(!diagnostics.isEmpty());
        const QString first = diagnostics.constFirst().toString();
        QVERIFY2(first.startsWith(message), qPrintable(first));
    }

    void unreadableFileIsAnError()
    {
        Diagnostics diagnostics;
        QVERIFY(!LabelSchemaFile::read(QStringLiteral("/nonexistent/labels.scholiast.json"), diagnostics));
        QCOMPARE(diagnostics.size(), 1);
        QVERIFY(diagnostics.constFirst().toString().startsWith(QStringLiteral("/nonexistent/labels.scholiast.json")));
    }
};

QTEST_GUILESS_MAIN(LabelSchemaFileTest)
#include "labelschemafile_test.moc"
