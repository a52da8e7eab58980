// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 18 item 4: File > Import defaulted to "jsonl" for a doccano file and imported 0 spans
// without a word. The format is now told from the content.
#include "formats/formatsniffer.h"
#include "formats/interchange.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Scholiast;

class FormatSnifferTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sniff_data();
    void sniff();
    void writersOutput_data();
    void writersOutput();
    void files();
};

void FormatSnifferTest::sniff_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QString>("format");
    const auto row = [](const char *name, const char *head, const char *format) {
        QTest::newRow(name) << QByteArray(head) << QString::fromLatin1(format);
    };
    row("doccano label",
        R"({"text": "Rain in Oslo", "label": [[8, 12, "place"]]})"
        "\n",
        "doccano");
    row("doccano entities",
        R"({"id": 3, "text": "Rain in Oslo", "entities": [{"id": 0, "start_offset": 8, "end_offset": 12, "label": "place"}]})"
        "\n",
        "doccano");
    row("doccano one line, no newline", R"({"text": "Rain", "label": []})", "doccano");
    row("spacy",
        R"({"text": "Rain in Oslo", "spans": [{"start": 8, "end": 12, "label": "place"}]})"
        "\n",
        "spacy");
    row("prodigy",
        R"({"text": "Rain", "spans": [], "tokens": [{"text": "Rain", "start": 0, "end": 4, "id": 0}], "_input_hash": 1, "answer": "accept"})"
        "\n",
        "spacy");
    row("scholiast dataset",
        R"({"id": "oslo.txt", "text": "Rain in Oslo", "spans": [{"id": "a1", "start": 8, "end": 12, "label": "place", "text": "Oslo"}], "meta": {"sha256": "ab", "length": 12}})"
        "\n",
        "jsonl");
    row("label studio", "[\n {\n  \"id\": 1,\n  \"data\": {\n   \"text\": \"Rain in Oslo\"\n  },\n  \"annotations\": [",
        "label-studio");
    row("w3c page",
        "{\n \"@context\": \"http://www.w3.org/ns/anno.jsonld\",\n \"type\": \"AnnotationPage\",\n \"items\": [",
        "w3c");
    row("w3c array", "[{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"type\": \"Annotation\"", "w3c");
    row("brat", "T1\tplace 8 12\tOslo\nT2\tperson 0 3\tAna\n", "brat");
    row("brat note first", "#1\tAnnotatorNotes T1\tcapital\n", "brat");
    row("csv", "document,start,end,label,text,id\noslo.txt,8,12,place,Oslo,a1\n", "csv");
    row("csv quoted", "\"document\",\"start\",\"end\",\"label\"\n", "csv");
    row("bom", "\xEF\xBB\xBFT1\tplace 8 12\tOslo\n", "brat");
    row("empty", "", "");
    row("plain text", "Rain fell in Oslo on Monday.\n", "");
    row("json of something else",
        R"({"name": "x"})"
        "\n",
        "");
    row("broken json", "{\"text\": \n", "");
}

void FormatSnifferTest::sniff()
{
    QFETCH(QByteArray, head);
    QFETCH(QString, format);
    QCOMPARE(Interchange::sniffFormat(head), format);
}

// What each of our writers writes is recognised as that format.
void FormatSnifferTest::writersOutput_data()
{
    QTest::addColumn<QString>("format");
    for (const Interchange::Format &format : Interchange::formats()) {
        if (format.read && format.serialize) {
            QTest::newRow(qPrintable(format.name)) << format.name;
        }
    }
}

void FormatSnifferTest::writersOutput()
{
    QFETCH(QString, format);
    Interchange::Item item = Interchange::itemFromText(QStringLiteral("oslo.txt"), QStringLiteral("Rain in Oslo.\n"));
    item.spans.append(Interchange::importedSpan(item.document, CodePoint(8), CodePoint(12), QStringLiteral("place"),
                                                QStringLiteral("test")));
    item.labels = Interchange::schemaFor(item.labels, item.spans);
    Diagnostics diagnostics;
    const auto bytes = Interchange::findFormat(format)->serialize({item}, {}, diagnostics);
    QVERIFY(bytes);
    QCOMPARE(Interchange::sniffFormat(*bytes), format);
}

void FormatSnifferTest::files()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCOMPARE(Interchange::sniffFormatOfFile(dir.path()), QStringLiteral("brat"));
    // A JSONL record longer than the first read: the whole line is read.
    QFile file(dir.filePath(QStringLiteral("admin.jsonl")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"text": ")" + QByteArray(200 * 1024, 'a')
               + R"(", "label": [[0, 4, "place"]]})"
                 "\n");
    file.close();
    QCOMPARE(Interchange::sniffFormatOfFile(file.fileName()), QStringLiteral("doccano"));
    QCOMPARE(Interchange::sniffFormatOfFile(dir.filePath(QStringLiteral("missing.jsonl"))), QString());
}

QTEST_GUILESS_MAIN(FormatSnifferTest)
#include "formatsniffer_test.moc"
