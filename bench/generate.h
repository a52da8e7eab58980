// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Deterministic inputs for the benchmarks in bench/ (STYLE.md section 9: big inputs are
// generated at run time, never committed). The same seed gives the same bytes on every machine:
// the generators use their own SplitMix64, not <random>'s distributions.

#include "annotation.h"
#include "formats/scholiastjson.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Scholiast::Bench {

inline constexpr quint64 DefaultSeed = 0x5C401A57ULL;
inline constexpr qint64 DocumentBytes = 50LL * 1000 * 1000;
inline constexpr qsizetype SpanCount = 1'000'000;

/// SplitMix64: small, fast and the same everywhere.
class Random
{
public:
    explicit Random(quint64 seed)
        : m_state(seed)
    {
    }
    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    /// Uniform in [lo, hi].
    qint64 between(qint64 lo, qint64 hi) { return lo + qint64(next() % quint64(hi - lo + 1)); }
    /// True with probability `p`.
    bool chance(double p) { return double(next() >> 11) * 0x1.0p-53 < p; }

private:
    quint64 m_state;
};

struct DocumentStats
{
    qint64 codePoints = 0;
    qint64 astral = 0; ///< non-BMP code points
    qint64 cjk = 0;
    qint64 lines = 0;
};

/// A news-like UTF-8 text of about `bytes` bytes: LF-terminated lines of 60-100 code points,
/// English words, some CJK words, and emoji for about 5% of the code points (non-BMP).
[[nodiscard]] QByteArray generateDocument(qint64 bytes = DocumentBytes, quint64 seed = DefaultSeed,
                                          DocumentStats *stats = nullptr);

/// `count` spans over `utf8` (labels claim/quote/boilerplate, 5-200 code points, many
/// overlapping), each with the correct `text` and a unique 12-hex-digit id, in start order.
[[nodiscard]] QList<Annotation> generateSpans(const QByteArray &utf8, qsizetype count = SpanCount,
                                              quint64 seed = DefaultSeed + 1);

/// The ids of `count` spans taken evenly across `spans` (a bulk removal or acceptance).
[[nodiscard]] QStringList spreadIds(const QList<Annotation> &spans, qsizetype count);

/// The sidecar Scholiast would save for `utf8` saved as `documentName` holding
/// generateSpans(utf8, count): made by ScholiastJson::makeSidecar, so with each span's context.
[[nodiscard]] ScholiastJson::Sidecar generateSidecar(const QByteArray &utf8, const QString &documentName,
                                                     qsizetype count = SpanCount, quint64 seed = DefaultSeed + 1);

struct Files
{
    QString document; ///< the 50 MB text
    QString sidecar; ///< its 1,000,000-span `.scholiast.json`
};

/// The folder the big inputs go to: $SCHOLIAST_BENCH_DIR, else <temp>/scholiast-bench-<version>.
[[nodiscard]] QString inputDirectory();

/// Generates the document and its sidecar into inputDirectory() unless they are already there
/// (a run reuses the files of an earlier run: generation takes a few seconds). Aborts on error.
[[nodiscard]] Files ensureFiles(bool verbose = true);

} // namespace Scholiast::Bench
