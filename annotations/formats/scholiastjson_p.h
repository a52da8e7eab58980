// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// What the sidecar's reader, salvage and writer share (scholiastjson*.cpp); not an API.
#pragma once

#include "annotation.h"
#include "diagnostic.h"
#include "salvage.h"
#include "scholiastjson.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace Scholiast::ScholiastJson {

// scholiastjsonsalvage.cpp, where each is described

QByteArray rawJsonValueAt(const char *data, qint64 size, qint64 at);
void giveUniqueIds(QList<Annotation> &spans);
bool hasRawControlInString(const QByteArray &json);
QString asWritten(const QJsonValue &value);
Annotation unplacedFromBytes(const QByteArray &raw, const QString &reason);
bool isJsonText(const QJsonValue &value);

// scholiastjsonreader.cpp

// What a read in salvage mode tells besides the sidecar.
struct SalvageState
{
    SalvageOptions options;
    bool refused = false;
    qsizetype duplicatesDropped = 0;
};

/// The strict read (salvage == nullptr) or the read of salvage mode, where a span's errors make
/// it an orphan. With `batchSpans` >= 0 (one batch of readInBatches, of that many span lines),
/// repeated ids and (range, label) pairs are not looked for, nor NUL bytes: the caller does,
/// across all the batches; the spans' list is made that long at once, in the room of
/// `spanStorage` when given (an empty list an earlier batch's spans were read into). With
/// `idHashes`, the spans' ids are checked but not kept: their hashes (bytesHash() of the
/// unescaped UTF-8) are appended there instead, one per span returned, in order.
std::optional<Sidecar> parseImpl(const QByteArray &json, const QString &path, Diagnostics &diagnostics,
                                 const Document *document, ReadOptions options, SalvageState *salvage,
                                 qsizetype batchSpans = -1, QList<Annotation> *spanStorage = nullptr,
                                 std::vector<size_t> *idHashes = nullptr);

// scholiastjsonstream.cpp

/// What readInBatches() made of a file: the sidecar read() would return, when every batch was
/// clean (nothing to report, not even a warning) and the file is laid out as serialize() writes
/// it; else nothing, and read() reads the file whole to say what is wrong.
struct BatchedRead
{
    std::optional<Sidecar> sidecar;
    bool cancelled = false; ///< options.progress said stop
};

/// read(), a batch of span lines at a time on two threads (issue 17: both cores for the million
/// spans of a large file, and no buffer the size of the file). `batchBytes` <= 0: the default.
BatchedRead readInBatches(const QString &path, const Document *document, const ReadOptions &options,
                          qsizetype batchBytes = 0);

/// Where readSpanTextBytes() put a span's id and text in its bytes.
struct SpanIdAndTextBytes
{
    qsizetype idAt = 0;
    qsizetype idSize = 0;
    qsizetype textAt = 0;
    qsizetype textSize = 0;
};

/// readSpanTexts() as UTF-8, for `diff`, which prints them so: each span's id and text,
/// unescaped, appended to `bytes`, and where they are in it. Two strings a span, for the fifth
/// of a million spans `diff` prints, were most of reading them back: their fresh memory (issue 17).
std::optional<std::vector<SpanIdAndTextBytes>> readSpanTextBytes(const QString &path, const QList<SpanPlace> &places,
                                                                 QByteArray &bytes, Diagnostics &diagnostics);

/// Where the writer takes a span's text and context from when it fits the document: as pays
/// (the document's UTF-8, made once, for many spans; each span's UTF-16 for few), or one of the
/// two whatever the count. The two give the same bytes; the tests hold them to it.
enum class DocumentText { AsPays, Utf16, Utf8 };
QByteArray serialize(const Sidecar &sidecar, DocumentText documentText);

} // namespace Scholiast::ScholiastJson
