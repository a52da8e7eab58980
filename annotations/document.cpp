// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "document.h"

#include "encoding.h"
#include "logging_p.h"
#include "sha256.h"
#include "utf8.h"
#include "filepolicy.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <simdjson.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <future>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace Scholiast {

namespace {
constexpr qint64 HardMaxBytes = 0x7fffffffLL; // the indexes hold offsets in 32 bits
constexpr qint64 ByteCheckpointStride = 256; // code points between two byte checkpoints
constexpr qint64 ReadChunk = 8 * 1024 * 1024;

// A large buffer about to be written is backed by 2 MB pages where the kernel gives them on
// request (transparent huge pages in "madvise" mode): a 50 MB document's bytes and text are
// 150 MB of fresh memory, 37,000 faults in 4 kB pages.
void adviseHugePages(void *data, qint64 bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr quintptr HugePage = 2 * 1024 * 1024;
    const quintptr begin = (quintptr(data) + HugePage - 1) & ~(HugePage - 1);
    const quintptr end = (quintptr(data) + quintptr(bytes)) & ~(HugePage - 1);
    if (end > begin) {
        madvise(reinterpret_cast<void *>(begin), end - begin, MADV_HUGEPAGE); // advice: failing is fine
    }
#else
    Q_UNUSED(data);
    Q_UNUSED(bytes);
#endif
}

int utf8Width(char16_t unit)
{
    return unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3; // surrogate pairs are handled by the caller
}
} // namespace

// The code point offsets that need a lookup table: non-BMP code points (two UTF-16 units each),
// line starts, and a byte offset every ByteCheckpointStride code points.
struct Document::Index
{
    std::vector<quint32> astral; // code point offsets of non-BMP code points, ascending
    std::vector<quint32> lineStarts; // code point offset of each line's first code point
    std::vector<quint32> byteCheckpoints; // UTF-8 byte offset of code point k * stride
    std::vector<quint8> crlfBefore; // by line start: 1 when the line before it ends with CRLF
};

Document::Document()
    : m_index(std::make_shared<Index>(Index{{}, {0}, {0}, {0}}))
{
}

qint64 firstInvalidUtf8(const char *data, qint64 size)
{
    const auto *s = reinterpret_cast<const unsigned char *>(data);
    qint64 i = 0;
    while (i < size) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int need = 0;
        quint32 cp = 0;
        quint32 min = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1, cp = c & 0x1F, min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2, cp = c & 0x0F, min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3, cp = c & 0x07, min = 0x10000;
        } else {
            return i;
        }
        if (i + need >= size) {
            return i; // truncated sequence at the end
        }
        for (int k = 1; k <= need; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) {
                return i;
            }
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return i;
        }
        i += need + 1;
    }
    return -1;
}

void Document::buildIndex(const char *data, qint64 size, Index &index)
{
    const auto *s = reinterpret_cast<const unsigned char *>(data);
    index.lineStarts.assign(1, 0);
    index.crlfBefore.assign(1, 0);
    index.byteCheckpoints.assign(1, 0);
    quint32 cp = 0;
    qint64 i = 0;
#if defined(__SSE2__)
    // Sixteen bytes at a time: a code point starts at every byte but a continuation byte, and only
    // the few bytes that start an entry (a 4-byte lead, LF, CR) and the checkpoints are looked at
    // one by one (the byte loop below was 6 % of `validate`, issue 17).
    const __m128i belowLead = _mm_set1_epi8(char(0xC0)); // signed: 0x80-0xBF are the bytes below it
    const __m128i astralLead = _mm_set1_epi8(char(0xF0));
    const __m128i lineFeed = _mm_set1_epi8('\n');
    const __m128i carriageReturn = _mm_set1_epi8('\r');
    for (; i + 16 <= size; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s + i));
        const unsigned starts = ~unsigned(_mm_movemask_epi8(_mm_cmplt_epi8(v, belowLead))) & 0xFFFFu;
        const quint32 next = cp + quint32(bitCount16(starts));
        // At most one multiple of the stride among a block's (at most sixteen) code points.
        const quint32 checkpoint = cp == 0
            ? quint32(ByteCheckpointStride)
            : (cp + quint32(ByteCheckpointStride) - 1) / ByteCheckpointStride * ByteCheckpointStride;
        if (checkpoint < next) {
            unsigned bits = starts;
            for (quint32 r = checkpoint - cp; r > 0; --r) {
                bits &= bits - 1;
            }
            index.byteCheckpoints.push_back(quint32(i + std::countr_zero(bits)));
        }
        const __m128i special =
            _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, astralLead), v),
                         _mm_or_si128(_mm_cmpeq_epi8(v, lineFeed), _mm_cmpeq_epi8(v, carriageReturn)));
        for (unsigned bits = unsigned(_mm_movemask_epi8(special)); bits != 0; bits &= bits - 1) {
            const int j = std::countr_zero(bits);
            const quint32 at = cp + quint32(bitCount16(starts & ((1u << j) - 1)));
            const unsigned char c = s[i + j];
            if (c >= 0xF0) {
                index.astral.push_back(at);
            } else if (c == '\n' || i + j + 1 >= size || s[i + j + 1] != '\n') { // CRLF: the LF ends it
                index.lineStarts.push_back(at + 1);
                index.crlfBefore.push_back(c == '\n' && i + j > 0 && s[i + j - 1] == '\r');
            }
        }
        cp = next;
    }
#endif
    for (; i < size; ++i) {
        const unsigned char c = s[i];
        if ((c & 0xC0) == 0x80) {
            continue; // continuation byte: not a new code point
        }
        if (cp % ByteCheckpointStride == 0 && cp != 0) {
            index.byteCheckpoints.push_back(quint32(i));
        }
        if (c >= 0xF0) {
            index.astral.push_back(cp);
        } else if (c == '\n') {
            index.lineStarts.push_back(cp + 1);
            index.crlfBefore.push_back(i > 0 && s[i - 1] == '\r');
        } else if (c == '\r' && (i + 1 >= size || s[i + 1] != '\n')) {
            index.lineStarts.push_back(cp + 1);
            index.crlfBefore.push_back(0);
        }
        ++cp;
    }
    // The end gets a checkpoint too when the length is a multiple of the stride: toUtf8(length)
    // reads checkpoint length / stride (found by fuzz_document).
    if (cp % ByteCheckpointStride == 0 && cp != 0) {
        index.byteCheckpoints.push_back(quint32(size));
    }
}

std::optional<Document> Document::load(const QString &path, Diagnostics &diagnostics)
{
    return load(path, diagnostics, LoadOptions());
}

std::optional<Document> Document::load(const QString &path, Diagnostics &diagnostics, const LoadOptions &options)
{
    QFile file(path);
    if (QFileInfo(path).isDir()) {
        diagnostics.append(Diagnostic::error(path, QStringLiteral("is a folder, not a text file")));
        return std::nullopt;
    }
    // A FIFO blocks and a device reads forever or as empty: refused by type, before opening.
    if (!FilePolicy::checkInput(path, FilePolicy::Input::Document, diagnostics)) {
        return std::nullopt;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        diagnostics.append(Diagnostic::error(path, QStringLiteral("cannot open: ") + file.errorString()));
        return std::nullopt;
    }
    const qint64 size = file.size();
    const qint64 cap = std::min(options.maxBytes, HardMaxBytes);
    if (size > cap) {
        diagnostics.append(Diagnostic::error(
            path, QStringLiteral("is %1 bytes, larger than the limit of %2 bytes").arg(size).arg(cap)));
        return std::nullopt;
    }
    QByteArray bytes;
    bytes.resize(size);
    adviseHugePages(bytes.data(), size);
    qint64 done = 0;
    while (done < size) {
        const qint64 n = file.read(bytes.data() + done, std::min(ReadChunk, size - done));
        if (n <= 0) {
            diagnostics.append(Diagnostic::error(path, QStringLiteral("read failed: ") + file.errorString()));
            return std::nullopt;
        }
        done += n;
        if (options.progress && !options.progress(done, size)) {
            diagnostics.append(Diagnostic::error(path, QStringLiteral("loading cancelled")));
            return std::nullopt;
        }
    }
    QElapsedTimer timer;
    timer.start();
    auto document = fromUtf8(bytes, path, diagnostics, options);
    if (document) {
        qCDebug(lcAnnotations) << "read" << path << size << "bytes," << document->length() << "code points in"
                               << timer.elapsed() << "ms";
    }
    return document;
}

std::optional<Document> Document::fromUtf8(const QByteArray &bytes, const QString &path, Diagnostics &diagnostics,
                                           const LoadOptions &options)
{
    const qint64 cap = std::min(options.maxBytes, HardMaxBytes);
    if (bytes.size() > cap) {
        diagnostics.append(Diagnostic::error(
            path, QStringLiteral("is %1 bytes, larger than the limit of %2 bytes").arg(bytes.size()).arg(cap)));
        return std::nullopt;
    }
    // The hash runs on the other core while this one validates the bytes.
    auto sha = std::async(std::launch::async, [&bytes] { return Sha256::hexHash(bytes); });

    const bool bom = bytes.startsWith("\xEF\xBB\xBF");
    const char *data = bytes.constData() + (bom ? 3 : 0);
    const qint64 size = bytes.size() - (bom ? 3 : 0);

    if (const void *nul = std::memchr(data, 0, size_t(size))) {
        const qint64 at = static_cast<const char *>(nul) - bytes.constData();
        diagnostics.append(diagnosticAtByte(Diagnostic::Severity::Error, path, bytes.constData(), bytes.size(), at,
                                            QStringLiteral("NUL byte at byte offset %1: this looks like a binary "
                                                           "file, not text")
                                                .arg(at)));
        return std::nullopt;
    }
    if (!simdjson::validate_utf8(data, size_t(size))) {
        const qint64 at = firstInvalidUtf8(data, size) + (bom ? 3 : 0);
        QString message = QStringLiteral("invalid UTF-8 at byte offset %1 (byte 0x%2)")
                              .arg(at)
                              .arg(quint8(bytes.at(at)), 2, 16, QLatin1Char('0'));
        // Named, never decoded by the guess: the window offers a UTF-8 copy in an encoding the
        // user confirms (issue 18).
        if (const QString encoding = Encoding::detect(bytes); !encoding.isEmpty()) {
            message += QStringLiteral("; the file is most likely %1, not UTF-8").arg(encoding);
        }
        diagnostics.append(
            diagnosticAtByte(Diagnostic::Severity::Error, path, bytes.constData(), bytes.size(), at, message));
        return std::nullopt;
    }

    // Valid UTF-8: indexed on a thread of its own (beside the hash) while this one decodes it
    // (issue 17: the document's load comes before any span can be read).
    auto index = std::make_shared<Index>();
    auto indexed = std::async(std::launch::async, [&index, data, size] { buildIndex(data, size, *index); });

    Document doc;
    doc.m_path = path;
    // One BOM was removed above; a second one is text (U+FEFF), as for Python's utf-8-sig.
    doc.m_text = QString(size, Qt::Uninitialized);
    char16_t *begin = reinterpret_cast<char16_t *>(doc.m_text.data());
    adviseHugePages(begin, size * qint64(sizeof(char16_t)));
    doc.m_text.truncate(decodeValidUtf8(reinterpret_cast<const unsigned char *>(data), size, begin) - begin);
    indexed.get();
    doc.m_utf8Length = size;
    doc.m_length = doc.m_text.size() - qint64(index->astral.size());
    doc.m_hadBom = bom;
    doc.m_index = std::move(index);
    doc.m_sha256 = sha.get();
    if (options.progress) {
        options.progress(bytes.size(), bytes.size());
    }
    return doc;
}

Document Document::fromText(const QString &text, const QString &name)
{
    Diagnostics ignored;
    // The text as given, every character kept: a leading U+FEFF is a character here, so the bytes
    // get a BOM before it, which loading removes again (and a file written from toFileBytes() has).
    const QByteArray utf8 =
        (text.startsWith(QChar(0xFEFF)) ? QByteArray("\xEF\xBB\xBF") : QByteArray()) + text.toUtf8();
    // Text from a QString is valid UTF-8 except for lone surrogates, which toUtf8() replaces.
    LoadOptions options;
    options.maxBytes = HardMaxBytes;
    auto doc = fromUtf8(utf8, name, ignored, options);
    if (!doc) {
        QByteArray cleaned = utf8;
        cleaned.replace('\0', ' ');
        doc = fromUtf8(cleaned, name, ignored, options);
    }
    Q_ASSERT(doc);
    return doc ? *doc : Document();
}

QByteArray Document::toFileBytes() const
{
    return (m_hadBom ? QByteArray("\xEF\xBB\xBF") : QByteArray()) + m_text.toUtf8();
}

QString Document::fileName() const
{
    return QFileInfo(m_path).fileName();
}

Utf16Index Document::toUtf16(CodePoint offset) const
{
    const qint64 cp = std::clamp<qint64>(offset.value, 0, m_length);
    const auto &astral = m_index->astral;
    const auto before = std::lower_bound(astral.begin(), astral.end(), quint64(cp)) - astral.begin();
    return Utf16Index(cp + before);
}

Document::Utf16Cursor::Utf16Cursor(const Document &document)
    : m_astral(document.m_index->astral.data())
    , m_astralCount(document.m_index->astral.size())
    , m_length(document.m_length)
{
}

Utf16Index Document::Utf16Cursor::toUtf16(CodePoint offset)
{
    const qint64 cp = std::clamp<qint64>(offset.value, 0, m_length);
    // m_astralBefore counts the entries below the last offset; this offset's count is a few
    // entries on, or back, or, far away (the first call), found by a search.
    size_t before = m_astralBefore;
    constexpr size_t Near = 16;
    if (before + Near < m_astralCount && m_astral[before + Near] < cp) {
        before =
            size_t(std::lower_bound(m_astral + before + Near + 1, m_astral + m_astralCount, quint64(cp)) - m_astral);
        m_astralBefore = before;
        return Utf16Index(cp + qint64(before));
    }
#if defined(__SSE2__)
    // Forward four entries at a time, without a branch per entry: they are sorted, so those
    // below cp come first. (Signed compares: every entry is below m_length.)
    if (m_length <= std::numeric_limits<qint32>::max()) {
        const __m128i limit = _mm_set1_epi32(qint32(cp));
        while (before + 4 <= m_astralCount) {
            const __m128i entries = _mm_loadu_si128(reinterpret_cast<const __m128i *>(m_astral + before));
            const unsigned below = unsigned(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmplt_epi32(entries, limit))));
            before += size_t(std::countr_one(below)); // 0b0000, 0b0001, 0b0011, 0b0111 or 0b1111
            if (below != 0xF) {
                break;
            }
        }
    }
#endif
    for (int step = 0; step < int(Near); ++step) {
        if (before < m_astralCount && m_astral[before] < cp) {
            ++before;
        } else if (before > 0 && m_astral[before - 1] >= cp) {
            --before;
        } else {
            m_astralBefore = before;
            return Utf16Index(cp + qint64(before));
        }
    }
    m_astralBefore = size_t(std::lower_bound(m_astral, m_astral + m_astralCount, quint64(cp)) - m_astral);
    return Utf16Index(cp + qint64(m_astralBefore));
}

CodePoint Document::toCodePoint(Utf16Index index) const
{
    const qint64 u = std::clamp<qint64>(index.value, 0, m_text.size());
    // Pairs that start before u; astral[i] + i is the UTF-16 index of pair i, strictly ascending.
    const auto &astral = m_index->astral;
    qint64 lo = 0;
    qint64 hi = qint64(astral.size());
    while (lo < hi) {
        const qint64 mid = (lo + hi) / 2;
        if (qint64(astral[size_t(mid)]) + mid < u) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return CodePoint(u - lo);
}

bool Document::isBoundary(Utf16Index index) const
{
    if (index.value <= 0 || index.value >= m_text.size()) {
        return index.value == 0 || index.value == m_text.size();
    }
    return !m_text.at(index.value).isLowSurrogate();
}

Utf8Byte Document::toUtf8(CodePoint offset) const
{
    const qint64 cp = std::clamp<qint64>(offset.value, 0, m_length);
    const qint64 k = cp / ByteCheckpointStride;
    qint64 bytes = m_index->byteCheckpoints[size_t(k)];
    qint64 u = toUtf16(CodePoint(k * ByteCheckpointStride)).value;
    for (qint64 c = k * ByteCheckpointStride; c < cp; ++c) {
        const char16_t unit = m_text.at(u).unicode();
        if (QChar::isHighSurrogate(unit)) {
            bytes += 4;
            u += 2;
        } else {
            bytes += utf8Width(unit);
            u += 1;
        }
    }
    return Utf8Byte(bytes);
}

CodePoint Document::toCodePoint(Utf8Byte offset) const
{
    const qint64 target = std::clamp<qint64>(offset.value, 0, m_utf8Length);
    const auto &points = m_index->byteCheckpoints;
    const auto k = qint64(std::upper_bound(points.begin(), points.end(), quint64(target)) - points.begin()) - 1;
    qint64 cp = k * ByteCheckpointStride;
    qint64 bytes = points[size_t(k)];
    qint64 u = toUtf16(CodePoint(cp)).value;
    while (cp < m_length) {
        const char16_t unit = m_text.at(u).unicode();
        const int width = QChar::isHighSurrogate(unit) ? 4 : utf8Width(unit);
        if (bytes + width > target) {
            break;
        }
        bytes += width;
        u += width == 4 ? 2 : 1;
        ++cp;
    }
    return CodePoint(cp);
}

bool Document::isBoundary(Utf8Byte offset) const
{
    if (offset.value < 0 || offset.value > m_utf8Length) {
        return false;
    }
    return toUtf8(toCodePoint(offset)) == offset;
}

QStringView Document::slice(CodePoint start, CodePoint end) const
{
    const qint64 a = toUtf16(start).value;
    const qint64 b = toUtf16(std::max(start, end)).value;
    return QStringView(m_text).mid(a, b - a);
}

QStringView Document::codePointsBefore(Utf16Index at, qint64 count) const
{
    const qsizetype end = std::clamp<qsizetype>(at.value, 0, m_text.size());
    qsizetype start = end;
    for (qint64 n = 0; n < count && start > 0; ++n) {
        start -=
            (start >= 2 && m_text.at(start - 1).isLowSurrogate() && m_text.at(start - 2).isHighSurrogate()) ? 2 : 1;
    }
    return QStringView(m_text).mid(start, end - start);
}

QStringView Document::codePointsAfter(Utf16Index at, qint64 count) const
{
    const qsizetype start = std::clamp<qsizetype>(at.value, 0, m_text.size());
    qsizetype end = start;
    for (qint64 n = 0; n < count && end < m_text.size(); ++n) {
        end += (end + 1 < m_text.size() && m_text.at(end).isHighSurrogate() && m_text.at(end + 1).isLowSurrogate()) ? 2
                                                                                                                    : 1;
    }
    return QStringView(m_text).mid(start, end - start);
}

qint64 Document::lineCount() const
{
    return qint64(m_index->lineStarts.size());
}

LineColumn Document::lineColumn(CodePoint offset) const
{
    const qint64 cp = std::clamp<qint64>(offset.value, 0, m_length);
    const auto &starts = m_index->lineStarts;
    const auto line = std::upper_bound(starts.begin(), starts.end(), quint64(cp)) - starts.begin();
    return LineColumn{int(line), int(cp - starts[size_t(line - 1)] + 1)};
}

CodePoint Document::lineStart(qint64 line) const
{
    const auto &starts = m_index->lineStarts;
    const qint64 i = std::clamp<qint64>(line - 1, 0, qint64(starts.size()) - 1);
    return CodePoint(starts[size_t(i)]);
}

CodePoint Document::lineEnd(qint64 line) const
{
    const auto &starts = m_index->lineStarts;
    const qint64 next = std::clamp<qint64>(line, 1, qint64(starts.size())); // the next line's, 0-based
    if (next == qint64(starts.size())) {
        return CodePoint(m_length); // the last line ends with the text
    }
    return CodePoint(qint64(starts[size_t(next)]) - (m_index->crlfBefore[size_t(next)] ? 2 : 1));
}

} // namespace Scholiast
