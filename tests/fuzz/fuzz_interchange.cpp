// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: every interchange reader on the same bytes (jsonl, doccano, Label Studio,
// spaCy, W3C, CSV as files; brat as an .ann beside a fixed .txt), and every writer on whatever
// a reader accepted.
#include "formats/interchange.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>

using namespace Scholiast;

namespace {
void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(bytes);
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QTemporaryDir dir;
    static const QString documentPath = [] {
        const QString path = dir.filePath(QStringLiteral("doc.txt"));
        writeBytes(path,
                   QByteArray("Home > News\r\nThe mayor said \xE2\x80\x9C"
                              "fine\xE2\x80\x9D \xF0\x9F\x98\x80.\n"));
        return path;
    }();
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString input = dir.filePath(QStringLiteral("input"));
    writeBytes(input, bytes);
    writeBytes(dir.filePath(QStringLiteral("doc.ann")), bytes);

    for (const Interchange::Format &format : Interchange::formats()) {
        if (!format.read) {
            continue;
        }
        Interchange::ReadOptions options;
        options.documentPath = documentPath;
        Diagnostics diagnostics;
        const QString path = format.name == u"brat" ? dir.filePath(QStringLiteral("doc.ann")) : input;
        const auto result = format.read(path, options, diagnostics);
        if (!result) {
            continue;
        }
        for (const Interchange::Format &writer : Interchange::formats()) {
            if (writer.serialize) {
                Diagnostics ignored;
                (void)writer.serialize(result->items, {}, ignored);
            }
        }
    }
    return 0;
}
