// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the sidecar reader, alone and against a small document, then the writer on
// whatever it accepted (docs/RELIABILITY.md, "Fuzzing").
#include "document.h"
#include "formats/scholiastjson.h"

#include <cstddef>
#include <cstdint>

using namespace Scholiast;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const Document document = Document::fromText(
        QStringLiteral("Home > News\r\nThe mayor said \u201Cfine\u201D \U0001F600.\n"), QStringLiteral("doc.txt"));
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    Diagnostics diagnostics;
    if (const auto alone = ScholiastJson::parse(json, QStringLiteral("fuzz.json"), diagnostics)) {
        // What was accepted must write, and read back to the same bytes.
        const QByteArray written = ScholiastJson::serialize(*alone);
        Diagnostics again;
        const auto reread = ScholiastJson::parse(written, QStringLiteral("fuzz.json"), again);
        if (!reread || ScholiastJson::serialize(*reread) != written) {
            __builtin_trap();
        }
    }
    (void)ScholiastJson::parse(json, QStringLiteral("fuzz.json"), diagnostics, &document);
    for (const Diagnostic &d : std::as_const(diagnostics)) {
        (void)d.toString();
    }
    return 0;
}
