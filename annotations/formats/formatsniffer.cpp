// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "formatsniffer.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Scholiast::Interchange {

namespace {
// The keys of one JSONL record name its format; nothing when the line is not a JSON object.
QString sniffRecord(const QByteArray &line)
{
    QJsonParseError error{};
    const QJsonDocument json = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !json.isObject()) {
        return {};
    }
    const QJsonObject record = json.object();
    if (record.contains(u"@context") || record.value(u"type").toString() == u"Annotation") {
        return QStringLiteral("w3c");
    }
    if (record.contains(u"data") && (record.contains(u"annotations") || record.contains(u"predictions"))) {
        return QStringLiteral("label-studio");
    }
    if (!record.value(u"text").isString()) {
        return {};
    }
    if (record.value(u"label").isArray() || record.value(u"entities").isArray()) {
        return QStringLiteral("doccano");
    }
    if (record.value(u"spans").isArray()) {
        // The dataset writes a sha256 and an id on every span; spaCy and Prodigy write neither
        // (Prodigy's own keys: "tokens", "_input_hash", "answer").
        const QJsonArray spans = record.value(u"spans").toArray();
        const bool spansHaveIds = !spans.isEmpty() && spans.first().toObject().contains(u"id");
        if (record.value(u"meta").toObject().contains(u"sha256")
            || (record.value(u"id").isString() && spansHaveIds && !record.contains(u"tokens"))) {
            return QStringLiteral("jsonl");
        }
        return QStringLiteral("spacy");
    }
    return {};
}
} // namespace

QString sniffFormat(const QByteArray &head)
{
    QByteArray text = head;
    if (text.startsWith("\xEF\xBB\xBF")) {
        text.remove(0, 3);
    }
    const QByteArray trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return {};
    }
    if (trimmed.startsWith('[')) {
        // A whole JSON file whose end may be past the head: its first keys tell.
        static const QRegularExpression labelStudio(QStringLiteral(R"re("(data|annotations|predictions)"\s*:)re"));
        static const QRegularExpression w3c(QStringLiteral(R"("@context"|"TextPositionSelector"|"TextQuoteSelector")"));
        const QString start = QString::fromUtf8(trimmed.left(64 * 1024));
        if (start.contains(w3c)) {
            return QStringLiteral("w3c");
        }
        if (start.contains(labelStudio)) {
            return QStringLiteral("label-studio");
        }
        return {};
    }
    if (trimmed.startsWith('{')) {
        const qsizetype newline = trimmed.indexOf('\n');
        // JSONL: the first line is a whole record.
        if (newline > 0) {
            if (QString format = sniffRecord(trimmed.left(newline)); !format.isEmpty()) {
                return format;
            }
        }
        // One JSON object over several lines (W3C's AnnotationPage), or a single-line JSONL file.
        if (QString format = sniffRecord(trimmed); !format.isEmpty()) {
            return format;
        }
        static const QRegularExpression w3c(QStringLiteral(R"("@context"|"TextPositionSelector")"));
        if (QString::fromUtf8(trimmed.left(64 * 1024)).contains(w3c)) {
            return QStringLiteral("w3c");
        }
        return {};
    }
    const qsizetype lineEnd = trimmed.indexOf('\n');
    const QString firstLine = QString::fromUtf8(lineEnd < 0 ? trimmed : trimmed.left(lineEnd)).trimmed();
    // brat: T1<TAB>label 0 5<TAB>text (docs/FORMAT.md, brat standoff); also its #, R, A, N lines.
    static const QRegularExpression brat(QStringLiteral(R"(^[TRAEMN#]\d+\t\S+( \d+ \d+)?)"));
    if (brat.match(firstLine).hasMatch()) {
        return QStringLiteral("brat");
    }
    // CSV: the header names its columns (annotations/formats/csvformat.cpp).
    QStringList columns = firstLine.split(u',');
    for (QString &column : columns) {
        column = column.trimmed().remove(u'"').toLower();
    }
    if (columns.contains(u"start") && columns.contains(u"end") && columns.contains(u"label")) {
        return QStringLiteral("csv");
    }
    return {};
}

QString sniffFormatOfFile(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        return QStringLiteral("brat");
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QByteArray head = file.peek(64 * 1024);
    if (head.trimmed().startsWith('{') && !head.contains('\n')) {
        head = file.readLine(); // a JSONL record holds its whole document: read the line
    }
    return sniffFormat(head);
}

} // namespace Scholiast::Interchange
