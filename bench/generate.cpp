// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "generate.h"

#include "annotationset.h"
#include "document.h"
#include "labelschema.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace Scholiast::Bench {

namespace {

// Bump when the generators' output changes, so that stale cached inputs are not reused.
constexpr int GeneratorVersion = 3; // 3: no two spans share range and label (issue 13)

constexpr std::array<std::string_view, 96> Words = {"the",
                                                    "of",
                                                    "and",
                                                    "to",
                                                    "in",
                                                    "a",
                                                    "said",
                                                    "on",
                                                    "for",
                                                    "that",
                                                    "is",
                                                    "with",
                                                    "was",
                                                    "as",
                                                    "by",
                                                    "at",
                                                    "government",
                                                    "minister",
                                                    "president",
                                                    "officials",
                                                    "report",
                                                    "according",
                                                    "statement",
                                                    "election",
                                                    "economy",
                                                    "percent",
                                                    "market",
                                                    "billion",
                                                    "million",
                                                    "year",
                                                    "week",
                                                    "Tuesday",
                                                    "Monday",
                                                    "Reuters",
                                                    "spokesperson",
                                                    "parliament",
                                                    "budget",
                                                    "inflation",
                                                    "policy",
                                                    "agreement",
                                                    "talks",
                                                    "border",
                                                    "health",
                                                    "climate",
                                                    "energy",
                                                    "prices",
                                                    "workers",
                                                    "union",
                                                    "court",
                                                    "ruling",
                                                    "investigation",
                                                    "police",
                                                    "city",
                                                    "council",
                                                    "vote",
                                                    "campaign",
                                                    "support",
                                                    "opposition",
                                                    "leader",
                                                    "party",
                                                    "analysts",
                                                    "growth",
                                                    "bank",
                                                    "interest",
                                                    "rates",
                                                    "quarter",
                                                    "company",
                                                    "shares",
                                                    "trade",
                                                    "tariffs",
                                                    "exports",
                                                    "summit",
                                                    "crisis",
                                                    "residents",
                                                    "emergency",
                                                    "announced",
                                                    "expected",
                                                    "would",
                                                    "could",
                                                    "not",
                                                    "have",
                                                    "been",
                                                    "more",
                                                    "than",
                                                    "new",
                                                    "first",
                                                    "last",
                                                    "after",
                                                    "before",
                                                    "people",
                                                    "country",
                                                    "national",
                                                    "public",
                                                    "state",
                                                    "\xE2\x80\x9Cwe",
                                                    "said.\xE2\x80\x9D"}; // with curly quotes (3-byte BMP)

constexpr std::array<std::string_view, 12> CjkWords = {"中国", "政府", "经济",   "日本", "東京", "新聞",
                                                       "記者", "発表", "대통령", "시장", "北京", "会議"};

// Non-BMP: emoji, a mathematical letter and a CJK Extension B ideograph (4 bytes in UTF-8).
constexpr std::array<std::string_view, 10> Astral = {
    "\xF0\x9F\x98\x80", "\xF0\x9F\x8C\x8D", "\xF0\x9F\x93\x88", "\xF0\x9F\x94\xA5", "\xF0\x9F\x91\x8D",
    "\xF0\x9F\x9A\x80", "\xF0\x9F\x93\xB0", "\xF0\x9F\x97\xB3", "\xF0\x9D\x90\x80", "\xF0\xA0\x80\x8B"};

qint64 codePoints(std::string_view s)
{
    return std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "bench input generation failed: %s\n", qPrintable(message));
    std::exit(1);
}

bool saveFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
}

} // namespace

QByteArray generateDocument(qint64 bytes, quint64 seed, DocumentStats *stats)
{
    Random random(seed);
    DocumentStats s;
    std::string out;
    out.reserve(size_t(bytes + 256));
    while (qint64(out.size()) < bytes) {
        const qint64 target = random.between(60, 100);
        qint64 line = 0;
        for (;;) {
            std::string_view token;
            qint64 tokenCps;
            int kind = 0; // 0 word, 1 CJK, 2 astral
            // About 5% of code points non-BMP: emit one whenever the running share is below.
            if (double(s.astral) < 0.05 * double(s.codePoints + line) && random.chance(0.5)) {
                token = Astral[random.next() % Astral.size()];
                kind = 2;
            } else if (random.chance(0.03)) {
                token = CjkWords[random.next() % CjkWords.size()];
                kind = 1;
            } else {
                token = Words[random.next() % Words.size()];
            }
            tokenCps = codePoints(token);
            const qint64 needed = (line ? 1 : 0) + tokenCps;
            if (line + needed > target && line >= 60) {
                break;
            }
            if (line + needed > 100) {
                continue; // too long for this line: draw another token
            }
            if (line) {
                out += ' ';
            }
            out += token;
            line += needed;
            s.astral += kind == 2 ? 1 : 0;
            s.cjk += kind == 1 ? tokenCps : 0;
        }
        out += '\n';
        s.codePoints += line + 1;
        ++s.lines;
    }
    if (stats) {
        *stats = s;
    }
    return QByteArray(out.data(), qsizetype(out.size()));
}

QList<Annotation> generateSpans(const QByteArray &utf8, qsizetype count, quint64 seed)
{
    const char *data = utf8.constData();
    const qint64 size = utf8.size();
    const qint64 total = codePoints(std::string_view(data, size_t(size)));
    if (total < 10) {
        return {};
    }
    Random random(seed);
    std::vector<qint64> starts(static_cast<size_t>(count));
    for (qint64 &start : starts) {
        start = random.between(0, total - 6);
    }
    std::sort(starts.begin(), starts.end());

    const QString labels[] = {QStringLiteral("claim"), QStringLiteral("quote"), QStringLiteral("boilerplate")};
    const auto isLead = [data](qint64 byte) { return (static_cast<unsigned char>(data[byte]) & 0xC0) != 0x80; };
    QList<Annotation> spans;
    spans.reserve(count);
    qint64 cp = 0; // code point at byte `byte`
    qint64 byte = 0;
    for (qsizetype i = 0; i < count; ++i) {
        const qint64 start = starts[size_t(i)];
        while (cp < start) {
            ++byte;
            while (byte < size && !isLead(byte)) {
                ++byte;
            }
            ++cp;
        }
        qint64 length = std::min(random.between(5, 200), total - start);
        const QString &label = labels[random.next() % 3];
        // One span per range and label (docs/FORMAT.md): starts are sorted, so a twin can only be
        // among the spans just made with this start; a longer or shorter one takes its place.
        const auto taken = [&](qint64 l) {
            for (qsizetype k = spans.size() - 1; k >= 0 && spans[k].start.value == start; --k) {
                if (spans[k].end.value == start + l && spans[k].label == label) {
                    return true;
                }
            }
            return false;
        };
        for (qint64 step = 1; taken(length); ++step) {
            length = (step % 2 && start + length + step <= total) ? length + step : std::max<qint64>(1, length - step);
        }
        qint64 endByte = byte;
        for (qint64 k = 0; k < length; ++k) {
            ++endByte;
            while (endByte < size && !isLead(endByte)) {
                ++endByte;
            }
        }
        // A bijection of the index on 48 bits: unique ids that look random.
        quint64 x = (quint64(i) + 1) * 0x9E3779B97F4A7C15ULL & 0xFFFFFFFFFFFFULL;
        x ^= x >> 24;
        const QString id = QStringLiteral("%1").arg(x, 12, 16, QLatin1Char('0'));
        Annotation span(CodePoint(start), CodePoint(start + length), label);
        span.setText(QString::fromUtf8(data + byte, endByte - byte));
        span.id = id;
        spans.append(span);
    }
    return spans;
}

ScholiastJson::Sidecar generateSidecar(const QByteArray &utf8, const QString &documentName, qsizetype count,
                                       quint64 seed)
{
    // As Scholiast saves it: makeSidecar() adds each span's context (prefix and suffix).
    Diagnostics diagnostics;
    const auto document = Document::fromUtf8(utf8, documentName, diagnostics, Document::LoadOptions());
    if (!document) {
        fail(QStringLiteral("the generated document does not load"));
    }
    AnnotationSet spans;
    spans.reset(generateSpans(utf8, count, seed));
    return ScholiastJson::makeSidecar(*document, LabelSchema::defaultSchema(), spans);
}

QStringList spreadIds(const QList<Annotation> &spans, qsizetype count)
{
    QStringList ids;
    const qsizetype step = std::max<qsizetype>(1, spans.size() / count);
    for (qsizetype i = 0; i < spans.size() && ids.size() < count; i += step) {
        ids.append(spans[i].id);
    }
    return ids;
}

QString inputDirectory()
{
    const QString dir = qEnvironmentVariable("SCHOLIAST_BENCH_DIR");
    return dir.isEmpty() ? QDir::tempPath() + QStringLiteral("/scholiast-bench-%1").arg(GeneratorVersion) : dir;
}

Files ensureFiles(bool verbose)
{
    const QString dir = inputDirectory();
    if (!QDir().mkpath(dir)) {
        fail(QStringLiteral("cannot create %1").arg(dir));
    }
    Files files{dir + QStringLiteral("/news-50MB.txt"), QString()};
    files.sidecar = ScholiastJson::sidecarPath(files.document);
    if (QFileInfo::exists(files.document) && QFileInfo::exists(files.sidecar)) {
        return files;
    }
    if (verbose) {
        std::fprintf(stderr, "generating bench inputs in %s ...\n", qPrintable(dir));
    }
    DocumentStats stats;
    const QByteArray text = generateDocument(DocumentBytes, DefaultSeed, &stats);
    if (verbose) {
        std::fprintf(stderr, "  document: %lld bytes, %lld code points, %.2f%% non-BMP, %lld CJK, %lld lines\n",
                     qint64(text.size()), stats.codePoints, 100.0 * double(stats.astral) / double(stats.codePoints),
                     stats.cjk, stats.lines);
    }
    // The sidecar first: the document's presence marks a complete pair.
    const ScholiastJson::Sidecar sidecar = generateSidecar(text, QFileInfo(files.document).fileName());
    Diagnostics diagnostics;
    if (!ScholiastJson::write(files.sidecar, sidecar, diagnostics)) {
        fail(QStringLiteral("cannot write %1").arg(files.sidecar));
    }
    if (!saveFile(files.document, text)) {
        fail(QStringLiteral("cannot write %1").arg(files.document));
    }
    if (verbose) {
        std::fprintf(stderr, "  sidecar: %lld spans, %lld bytes\n", qint64(sidecar.annotations.size()),
                     QFileInfo(files.sidecar).size());
    }
    return files;
}

} // namespace Scholiast::Bench
