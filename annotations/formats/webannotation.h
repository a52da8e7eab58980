// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: readers and writers keep no state between calls (simdjson's parser
// is one per thread), so files may be read and written on several threads at once, as the
// command line does a batch of documents at a time.
#pragma once

#include "interchange.h"

namespace Scholiast::WebAnnotation {

/// W3C Web Annotation JSON-LD: TextPositionSelector (code points) + TextQuoteSelector.
/// docs/FORMAT.md, "Interchange formats". Readers append what they read to `result` and return
/// false, adding nothing, when the file has errors; writers return nothing on errors.
[[nodiscard]] bool read(const QString &path, const Interchange::ReadOptions &options, Interchange::ReadResult &result,
                        Diagnostics &diagnostics);
[[nodiscard]] std::optional<QByteArray> serialize(const QList<Interchange::Item> &items,
                                                  const Interchange::WriteOptions &options, Diagnostics &diagnostics);

} // namespace Scholiast::WebAnnotation
