// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// validateStreaming(): the strict read a batch of spans at a time, for `scholiast-cli validate`
// on files too large to hold (issue 17).
//
// Each batch is given to the strict reader as a sidecar of its own (the file's head, the batch's
// span lines, the closing brackets), so every check on a span is the reader's own, not a copy of
// it. What the reader cannot see across batches (the commas between them, duplicate ids, two
// spans with one range and label) is checked here. Whenever anything is not exactly as the
// writer lays it out, or any batch has anything to report, the answer is "read it whole", and
// read() finds and places the problem: this path only ever confirms that a file is valid.
#include "scholiastjson.h"
#include "scholiastjson_p.h"
#include "utf8.h"

#include "document.h"
#include "filepolicy.h"
#include "idindex.h"

#include <QFile>
#include <QHashFunctions>

#include <simdjson.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <atomic>
#include <functional>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace Scholiast::ScholiastJson {

namespace {

constexpr qsizetype ChunkBytes = 64 * 1024; // read at a time for the head
constexpr qsizetype ReadPastCut = 64 * 1024; // read past a batch's size to find the line end to cut at
// Of span lines per batch, by default: small enough that a batch and its structural index stay in
// a core's cache between the parser's two passes (`agree` with 2 MB batches: 1.65-1.92 s CPU;
// with 1 MB: 1.56-1.78 s; 512 kB and 256 kB no better; issue 17).
constexpr qsizetype BatchBytes = 1024 * 1024;
constexpr qsizetype MaxHeadBytes = 16 * 1024 * 1024; // a head this long is no head Scholiast wrote
constexpr qsizetype MaxLineBytes = 256 * 1024 * 1024;
constexpr size_t HashSeed = 0x5c401a57;
constexpr QByteArrayView BatchTail = " ]\n}\n"; // after a batch's span lines, as after the file's

// The file's head a line at a time (next()), then its span lines a run at a time
// (appendLines()).
class LineReader
{
public:
    explicit LineReader(QFile &file, qint64 cap)
        : m_file(file)
        , m_cap(cap)
    {
    }
    /// False at the end of the file, on a read error, or for a line too long to be a span's.
    bool next(QByteArrayView &line)
    {
        for (;;) {
            const char *begin = m_buffer.constData() + m_pos;
            const qsizetype available = m_buffer.size() - m_pos;
            if (const void *nl = std::memchr(begin, '\n', size_t(available))) {
                const qsizetype length = static_cast<const char *>(nl) - begin;
                line = QByteArrayView(begin, length);
                m_pos += length + 1;
                return true;
            }
            if (m_atEnd) {
                m_unterminated = available > 0;
                return false;
            }
            if (!fill()) {
                return false;
            }
        }
    }
    /// Appends to `to` whole lines, each with its '\n', of at least `atLeast` bytes together, or
    /// the rest of the file. The file is read straight into `to`, a little past `atLeast`, and
    /// only what follows the cut waits here for the next call: the span lines are copied once,
    /// by the kernel (copying them again from a buffer of their own was 3-8 % of `validate`,
    /// issue 17). False, with nothing appended, at the end of the file, on a read error, for a
    /// line too long, and for a last line without its '\n'.
    bool appendLines(qsizetype atLeast, QByteArray &to)
    {
        const qsizetype start = to.size();
        to.append(QByteArrayView(m_buffer).sliced(m_pos)); // what the last read brought past its cut
        m_buffer.truncate(0);
        m_pos = 0;
        qsizetype searched = start + atLeast - 1; // the cut is the first '\n' from here
        for (;;) {
            if (to.size() > searched) {
                if (const void *nl = std::memchr(to.constData() + searched, '\n', size_t(to.size() - searched))) {
                    const qsizetype cut = static_cast<const char *>(nl) - to.constData() + 1;
                    m_buffer.append(QByteArrayView(to).sliced(cut));
                    to.truncate(cut);
                    return true;
                }
                searched = to.size();
            }
            if (m_atEnd) {
                if (to.size() == start) {
                    return false;
                }
                if (!to.endsWith('\n')) {
                    m_unterminated = true;
                    to.truncate(start);
                    return false;
                }
                return true;
            }
            if (to.size() - start > atLeast + MaxLineBytes) {
                m_failed = true;
                to.truncate(start);
                return false;
            }
            // Up to `atLeast` and a little more, in which the line being read most likely ends.
            const qsizetype past = std::min(ReadPastCut, std::max<qsizetype>(atLeast, 256));
            const qsizetype want = std::max<qsizetype>(start + atLeast - to.size(), 0) + past;
            const qsizetype old = to.size();
            to.resize(old + want);
            const qint64 got = m_file.read(to.data() + old, want);
            to.resize(old + std::max<qint64>(got, 0));
            if (got < 0) {
                m_failed = true;
                to.truncate(start);
                return false;
            }
            m_read += got;
            if (m_read > m_cap) {
                m_failed = true; // grew past the cap while read
                to.truncate(start);
                return false;
            }
            m_atEnd = got == 0;
        }
    }
    [[nodiscard]] qint64 bytesRead() const { return m_read; }
    /// Whether the whole file was read, ending with a '\n'.
    bool endedCleanly() const { return m_atEnd && !m_failed && !m_unterminated; }

private:
    // Reads the next chunk after what is left of the buffer, moved to its start: the buffer
    // keeps its room (QByteArray::remove(0, n) would move its start instead, and the resize
    // below reallocate it every time).
    bool fill()
    {
        const qsizetype rest = m_buffer.size() - m_pos;
        if (m_pos > 0) {
            std::memmove(m_buffer.data(), m_buffer.constData() + m_pos, size_t(rest));
            m_buffer.resize(rest);
            m_pos = 0;
        }
        if (m_buffer.size() > MaxLineBytes) {
            m_failed = true;
            return false;
        }
        const qsizetype old = m_buffer.size();
        m_buffer.resize(old + ChunkBytes);
        const qint64 got = m_file.read(m_buffer.data() + old, ChunkBytes);
        if (got < 0) {
            m_failed = true;
            return false;
        }
        m_buffer.resize(old + got);
        m_read += got;
        if (m_read > m_cap) {
            m_failed = true; // grew past the cap while read
            return false;
        }
        m_atEnd = got == 0;
        return true;
    }

    QFile &m_file;
    qint64 m_cap;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qint64 m_read = 0;
    bool m_atEnd = false;
    bool m_failed = false;
    bool m_unterminated = false;
};

struct RangeLabel
{
    qint64 start;
    qint64 end;
    size_t label; // hashed
};

// The check of ranges across batches. The writer writes spans sorted by range and label, so
// equal ones are neighbours in file order, and the runs of one range are all there is to check,
// a batch at a time as they are read. A file in another order is not the writer's layout: the
// whole read settles it.
class RangeRuns
{
public:
    /// False when a range and label may repeat, or the ranges are out of order.
    bool walk(const std::vector<RangeLabel> &batch)
    {
        for (const RangeLabel &r : batch) {
            const std::pair range(r.start, r.end);
            if (range < m_run) {
                return false;
            }
            if (range != m_run) {
                if (!closeRun()) {
                    return false;
                }
                m_run = range;
            }
            m_labels.push_back(r.label);
        }
        return true;
    }
    bool finish() { return closeRun(); }

private:
    bool closeRun()
    {
        bool unique = true;
        if (m_labels.size() > 1) {
            std::sort(m_labels.begin(), m_labels.end());
            unique = std::adjacent_find(m_labels.begin(), m_labels.end()) == m_labels.end();
        }
        m_labels.clear();
        return unique;
    }
    std::pair<qint64, qint64> m_run{-1, -1};
    std::vector<size_t> m_labels; // the labels of the run of one range
};

// What the batches found, gathered from the threads that read them.
struct Findings
{
    explicit Findings(bool keep)
        : keepSidecars(keep)
    {
    }
    const bool keepSidecars; // read: each batch's spans, in order; validate: only the checks
    std::mutex mutex;
    std::atomic<bool> clean = true;
    qsizetype annotations = 0;
    // The ids' hashes, unless the receiver finds repeated ids itself (the window's set: 16 MB
    // fewer at the end of a read of a million spans, when the set is full, and no sort).
    bool hashIds = true;
    // The ids hashed from their bytes by the reader, not made strings and hashed here: when the
    // spans' ids are not kept (`validate`), or go to a receiver that takes none (`agree`).
    bool idsFromBytes = false;
    std::vector<size_t> idHashes;
    // By batch, until walked: the placed, not conflicting spans (set once the batch is read).
    std::vector<std::optional<std::vector<RangeLabel>>> rangeLabels;
    std::vector<std::optional<Sidecar>> sidecars; // by batch
    // read() without a receiver: the spans of the batches walked so far, joined in file order as
    // they are walked, so that each batch's list is handed back for another batch.
    QList<Annotation> joined;
    // Emptied lists of batches whose spans were taken, with their room: the next batches' spans
    // are read into them (a batch's list faulted in afresh each time was a sixth of the page
    // faults of a window's open, issue 17).
    std::vector<QList<Annotation>> spareLists;
    // Taken in file order by advance(), on the thread that cuts the batches.
    size_t walked = 0;
    size_t delivered = 0; // batches whose spans went to the receiver (read() with one)
    // For the receiver's size hint: the file's size and the bytes of span lines in the first batch.
    qint64 fileBytes = 0;
    qint64 firstBatchBytes = 0;
    RangeRuns runs;
};

// Takes the batches read so far in file order, each once it and every batch before it are read:
// checks their ranges after those before (and frees them), and hands their spans to the
// receiver when there is one. On the thread that cuts the batches, between them.
void advance(Findings &findings, SpanReceiver *receiver)
{
    for (;;) {
        std::vector<RangeLabel> ranges;
        QList<Annotation> spans;
        {
            const std::lock_guard lock(findings.mutex);
            const size_t next = findings.walked;
            if (!findings.clean.load() || next >= findings.rangeLabels.size() || !findings.rangeLabels[next]) {
                return;
            }
            ranges = std::exchange(*findings.rangeLabels[next], {});
            if (findings.keepSidecars) {
                spans = std::exchange(findings.sidecars[next]->annotations, {}); // the sidecar stays: its head
            }
            ++findings.walked;
        }
        if (!findings.runs.walk(ranges)) {
            findings.clean.store(false);
            return;
        }
        // No more than a span per 48 bytes, however short the first batch's lines.
        const auto expected = [&findings, &spans] {
            const double estimate =
                double(spans.size()) * double(findings.fileBytes) / double(findings.firstBatchBytes);
            return qsizetype(std::min(estimate, double(findings.fileBytes / 48)));
        };
        const auto handBack = [&findings, &spans] {
            spans.clear(); // keeps the room, when the list is ours alone
            if (spans.capacity() > 0) {
                const std::lock_guard lock(findings.mutex);
                findings.spareLists.push_back(std::move(spans));
            }
        };
        if (!receiver && !spans.isEmpty()) {
            if (findings.joined.isEmpty() && findings.firstBatchBytes > 0) {
                findings.joined.reserve(expected());
            }
            findings.joined.append(std::move(spans)); // moves the spans, the list stays
            handBack();
        }
        if (receiver) {
            if (findings.delivered == 0 && findings.firstBatchBytes > 0) {
                receiver->expect(expected());
            }
            ++findings.delivered;
            receiver->take(std::move(spans));
            handBack();
            if (!findings.hashIds && receiver->repeatedId()) {
                findings.clean.store(false);
                return;
            }
        }
    }
}

// The '\n's in bytes, sixteen bytes at a time; -1 when a byte is NUL, which is no JSON (the
// reader does not look for it in a batch).
qsizetype countLineEnds(QByteArrayView bytes)
{
    qsizetype count = 0;
    qsizetype i = 0;
#if defined(__SSE2__)
    const __m128i lineFeed = _mm_set1_epi8('\n');
    const __m128i zero = _mm_setzero_si128();
    __m128i nul = zero;
    for (; i + 16 <= bytes.size(); i += 16) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(bytes.data() + i));
        nul = _mm_or_si128(nul, _mm_cmpeq_epi8(block, zero));
        count += bitCount16(unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(block, lineFeed))));
    }
    if (_mm_movemask_epi8(nul) != 0) {
        return -1;
    }
#endif
    for (; i < bytes.size(); ++i) {
        if (bytes[i] == '\0') {
            return -1;
        }
        count += bytes[i] == '\n' ? 1 : 0;
    }
    return count;
}

// `spanLines` is where the batch's span lines start (after the file's head); they end where
// the batch's closing lines start.
void checkBatch(qsizetype index, const QByteArray &batch, qsizetype spanLines, const QString &path,
                const Document *document, const ReadOptions &options, Findings &findings)
{
    if (!findings.clean.load()) {
        return; // another batch has something to say: the whole read will say it
    }
    // One span per line, as the writer lays them out: a batch cut elsewhere than between spans
    // is no JSON, and one that is JSON with other lines (the array closed early and something
    // after it) has more lines than spans. (A NUL byte counts -1; the file's head has none.)
    const qsizetype lines =
        countLineEnds(QByteArrayView(batch).sliced(spanLines, batch.size() - spanLines - BatchTail.size()));
    Diagnostics diagnostics;
    QList<Annotation> storage;
    if (findings.keepSidecars) {
        const std::lock_guard lock(findings.mutex);
        if (!findings.spareLists.empty()) {
            storage = std::move(findings.spareLists.back());
            findings.spareLists.pop_back();
        }
    }
    // Repeated ids and (range, label) pairs are looked for across every batch, this one's too.
    std::vector<size_t> ids; // a hash per span line, made by the reader or below
    if (findings.hashIds && lines > 0) {
        ids.reserve(size_t(lines));
    }
    auto sidecar = lines < 0 ? std::nullopt
                             : parseImpl(batch, path, diagnostics, document, options, nullptr, lines, &storage,
                                         findings.idsFromBytes ? &ids : nullptr);
    const bool clean = sidecar && diagnostics.isEmpty() && lines == sidecar->annotations.size()
        && (!findings.idsFromBytes || ids.size() == size_t(lines));
    std::vector<RangeLabel> ranges;
    if (clean) {
        ranges.reserve(size_t(sidecar->annotations.size()));
        // The reader interns labels: a batch's spans share a few strings, each hashed once.
        std::vector<std::pair<const QChar *, size_t>> labelHashes;
        const auto labelHash = [&labelHashes](const QString &label) {
            for (const auto &[data, hash] : labelHashes) {
                if (data == label.constData()) {
                    return hash;
                }
            }
            const size_t hash = qHash(label, HashSeed);
            if (labelHashes.size() < 16) {
                labelHashes.emplace_back(label.constData(), hash);
            }
            return hash;
        };
        for (const Annotation &a : sidecar->annotations) {
            // Equal hashes only send the file to the whole read, which says what repeats.
            if (findings.hashIds && !findings.idsFromBytes) {
                ids.push_back(size_t(idHash(a.id)));
            }
            // As the reader's own check (docs/FORMAT.md §8.5): the versions of a merge conflict
            // may share a range and label, orphans are not placed.
            if (!a.isOrphan() && a.status() != Annotation::Status::Conflict) {
                ranges.push_back(RangeLabel{a.start.value, a.end.value, labelHash(a.label)});
            }
        }
    }
    const std::lock_guard lock(findings.mutex);
    if (!clean) {
        findings.clean.store(false);
        return;
    }
    findings.annotations += sidecar->annotations.size();
    if (findings.idHashes.capacity() == 0 && !ids.empty()) {
        // Room for the whole file's, as this batch's lines say (no more than a span per 48
        // bytes): grown by doubling, a million hashes were copied twice over (issue 17).
        const qint64 lineBytes = std::max<qint64>(1, batch.size() - spanLines - BatchTail.size());
        const double estimate = 1.05 * double(ids.size()) * double(findings.fileBytes) / double(lineBytes);
        findings.idHashes.reserve(size_t(std::min(estimate, double(findings.fileBytes / 48))) + ids.size());
    }
    findings.idHashes.insert(findings.idHashes.end(), ids.begin(), ids.end());
    if (findings.rangeLabels.size() <= size_t(index)) {
        findings.rangeLabels.resize(size_t(index) + 1);
    }
    findings.rangeLabels[size_t(index)] = std::move(ranges);
    if (findings.keepSidecars) {
        if (findings.sidecars.size() <= size_t(index)) {
            findings.sidecars.resize(size_t(index) + 1);
        }
        findings.sidecars[size_t(index)] = std::move(sidecar);
    }
}

// Two threads read the batches, a few waiting at most: the file is never held whole.
class BatchQueue
{
public:
    using Check = std::function<void(qsizetype index, const QByteArray &batch)>;
    explicit BatchQueue(const Check &check)
    {
        for (int i = 0; i < 2; ++i) {
            m_workers.emplace_back([this, check] {
                for (;;) {
                    std::pair<qsizetype, QByteArray> batch;
                    {
                        std::unique_lock lock(m_mutex);
                        m_ready.wait(lock, [this] { return !m_batches.empty() || m_closed; });
                        if (m_batches.empty()) {
                            return;
                        }
                        batch = std::move(m_batches.front());
                        m_batches.pop_front();
                    }
                    m_room.notify_one();
                    check(batch.first, batch.second);
                    batch.second.truncate(0); // keeps its room
                    // Every buffer is kept: no more are ever made than are out at once (two
                    // queued, two being read, one being filled). Dropping the fifth when the
                    // cutting thread was slow (it fills the window's set too) made it allocate
                    // and fault in a new one soon after: 11 buffers for one open, not 5.
                    const std::lock_guard lock(m_mutex);
                    m_spare.push_back(std::move(batch.second));
                }
            });
        }
    }
    ~BatchQueue() { finish(); }
    /// A buffer a checked batch was in, or an empty one: the batches' megabytes are written once
    /// and reused, not faulted in afresh for every batch (the kernel's page faults were a fifth of
    /// the read).
    QByteArray spare()
    {
        const std::lock_guard lock(m_mutex);
        if (m_spare.empty()) {
            return QByteArray();
        }
        QByteArray buffer = std::move(m_spare.back());
        m_spare.pop_back();
        return buffer;
    }
    void push(QByteArray batch)
    {
        std::unique_lock lock(m_mutex);
        m_room.wait(lock, [this] { return m_batches.size() < 2; });
        m_batches.emplace_back(m_pushed++, std::move(batch));
        lock.unlock();
        m_ready.notify_one();
    }
    void finish()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_closed = true;
        }
        m_ready.notify_all();
        for (std::thread &worker : m_workers) {
            if (worker.joinable()) {
                worker.join();
            }
        }
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::condition_variable m_room;
    std::deque<std::pair<qsizetype, QByteArray>> m_batches;
    std::vector<QByteArray> m_spare;
    qsizetype m_pushed = 0;
    bool m_closed = false;
    std::vector<std::thread> m_workers;
};

// Whether a hash occurs twice: an LSD radix sort, a few times faster than std::sort on the
// million hashes of a large file, which are read after every batch is done.
bool hasRepeatedHash(std::vector<size_t> &hashes)
{
    std::vector<size_t> buffer(hashes.size());
    for (int shift = 0; shift < 64; shift += 16) {
        std::vector<size_t> counts(size_t(1) << 16, 0);
        for (const size_t h : hashes) {
            ++counts[(h >> shift) & 0xffff];
        }
        size_t at = 0;
        for (size_t &c : counts) {
            at += std::exchange(c, at);
        }
        for (const size_t h : hashes) {
            buffer[counts[(h >> shift) & 0xffff]++] = h;
        }
        hashes.swap(buffer);
    }
    return std::adjacent_find(hashes.begin(), hashes.end()) != hashes.end();
}

enum class Split { Confirmed, NotConfirmed, Cancelled };

// The head: every line up to the one that opens the spans, as the writer lays it out, each with
// its '\n'. False for a file laid out otherwise.
bool readHead(LineReader &lines, QByteArray &head)
{
    QByteArrayView line;
    for (;;) {
        if (!lines.next(line) || head.size() > MaxHeadBytes) {
            return false;
        }
        head.append(line);
        head.append('\n');
        if (line == " \"annotations\": [") {
            return true;
        }
        if (line.contains('\0')) {
            return false;
        }
    }
}

// Cuts the file into batches of whole span lines and has every one read by checkBatch; checks
// what no batch can see. Confirmed: every batch was clean and nothing repeats across them.
Split readBatches(const QString &path, const Document *document, const ReadOptions &options, qsizetype batchBytes,
                  Findings &findings)
{
    Diagnostics ignored; // read() says it again, in full, when the answer is nothing
    if (!FilePolicy::checkInput(path, FilePolicy::Input::Sidecar, ignored)) {
        return Split::NotConfirmed;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Split::NotConfirmed;
    }
    const qint64 fileBytes = file.size();
    findings.fileBytes = fileBytes;
    findings.hashIds = !(options.spanReceiver && options.spanReceiver->findsRepeatedIds());
    LineReader lines(file, FilePolicy::sizeCap(FilePolicy::Input::Sidecar));
    QByteArray head;
    if (!readHead(lines, head)) {
        return Split::NotConfirmed;
    }
    // After the queue: a batch takes a buffer a checked one was in.
    std::optional<BatchQueue> queue;
    const auto startBatch = [&] {
        QByteArray batch = queue ? queue->spare() : QByteArray();
        batch.reserve(head.size() + batchBytes + ReadPastCut + BatchTail.size()
                      + qsizetype(simdjson::SIMDJSON_PADDING));
        batch.append(head);
        return batch;
    };
    const auto endBatch = [&](QByteArray &batch) {
        if (batch.endsWith(",\n")) { // the last span of a batch but not of the file
            batch.chop(2);
            batch.append('\n');
        }
        batch.append(BatchTail);
    };
    // The batches' reads report nothing: the progress is the file's, read here.
    ReadOptions batchOptions = options;
    batchOptions.progress = nullptr;
    batchOptions.spanReceiver = nullptr; // the batches' spans go to it from here, in order
    // The receiver has the file's head before any batch is read: whether it takes the spans'
    // ids may depend on it (a file with relation labels may have relations, joined by span id).
    if (options.spanReceiver) {
        QByteArray headOnly = head;
        headOnly.append(BatchTail);
        Diagnostics found;
        const auto headSidecar = parseImpl(headOnly, path, found, document, batchOptions, nullptr, 0);
        if (!headSidecar || !found.isEmpty()) {
            return Split::NotConfirmed;
        }
        options.spanReceiver->begin(*headSidecar);
    }
    findings.idsFromBytes =
        findings.hashIds && (!findings.keepSidecars || (options.spanReceiver && !options.spanReceiver->takesIds()));

    // Leaving early: the batches still queued are dropped unread.
    const auto abandon = [&findings](Split split) {
        findings.clean.store(false);
        return split;
    };
    queue.emplace([&](qsizetype index, const QByteArray &batch) {
        checkBatch(index, batch, head.size(), path, document, batchOptions, findings);
    });
    // The span lines are cut into batches at line ends, each batch ending with a span and its
    // comma; the reader checks everything between the cuts, here the commas at them and the
    // file's end are checked (a span line, " ]", "}"). A '\n' is never inside a JSON string, so
    // a cut anywhere but between two spans leaves a batch that is not JSON, which the reader
    // refuses.
    constexpr QByteArrayView Comma = "},\n";
    constexpr QByteArrayView Close = "\n ]\n}\n";
    QByteArray batch = startBatch();
    bool cut = false; // a batch was cut before this one: its last span has a comma
    int uncut = 0; // runs in a row that end other than with a span and its comma
    while (lines.appendLines(batchBytes, batch)) {
        if (!batch.endsWith(Comma)) {
            // As the writer lays it out, only the last span, " ]" and "}" end without one: the
            // rest of the file goes into this batch. More such runs are another layout, which
            // the whole read judges.
            if (++uncut > 3) {
                return abandon(Split::NotConfirmed);
            }
            continue;
        }
        uncut = 0;
        if (findings.firstBatchBytes == 0) {
            findings.firstBatchBytes = batch.size() - head.size();
        }
        endBatch(batch);
        queue->push(std::move(batch));
        cut = true;
        advance(findings, options.spanReceiver);
        batch = startBatch();
        if (!findings.clean.load()) {
            return Split::NotConfirmed; // no need to read on: the whole read follows
        }
        if (options.progress && !options.progress(lines.bytesRead(), fileBytes)) {
            return abandon(Split::Cancelled);
        }
    }
    // The last batch: its spans, the last without a comma, then the file's end. With no span of
    // its own after a cut batch, the last span of that batch had a comma too many.
    const bool spans = batch.size() > head.size() + Close.size() - 1;
    if (!lines.endedCleanly() || !QByteArrayView(batch).sliced(head.size() - 1).endsWith(Close)
        || (spans && !batch.chopped(Close.size()).endsWith('}')) || (!spans && cut)) {
        return abandon(Split::NotConfirmed);
    }
    batch.chop(Close.size() - 1); // the '\n' after the last span stays
    batch.append(BatchTail);
    queue->push(std::move(batch)); // also when empty: the head is checked with no spans
    queue->finish();
    advance(findings, options.spanReceiver); // the batches read after the last was cut
    // Across batches: an id used twice, or two spans with one range and label. Equal hashes are
    // only a suspicion, which the whole read settles.
    if (!findings.clean.load() || findings.walked != findings.rangeLabels.size() || !findings.runs.finish()
        || (findings.hashIds ? hasRepeatedHash(findings.idHashes) : options.spanReceiver->repeatedId())) {
        return Split::NotConfirmed;
    }
    return Split::Confirmed;
}

} // namespace

std::optional<qsizetype> validateStreaming(const QString &path, const Document &document)
{
    Findings findings(false);
    if (readBatches(path, &document, ReadOptions{}, BatchBytes, findings) != Split::Confirmed) {
        return std::nullopt;
    }
    return findings.annotations;
}

BatchedRead readInBatches(const QString &path, const Document *document, const ReadOptions &options,
                          qsizetype batchBytes)
{
    BatchedRead result;
    Findings findings(true);
    const Split split = readBatches(path, document, options, batchBytes > 0 ? batchBytes : BatchBytes, findings);
    result.cancelled = split == Split::Cancelled;
    if (split != Split::Confirmed || findings.sidecars.empty()
        || !std::all_of(findings.sidecars.begin(), findings.sidecars.end(),
                        [](const std::optional<Sidecar> &s) { return s.has_value(); })) {
        if (findings.delivered > 0) {
            options.spanReceiver->withdraw();
        }
        return result;
    }
    // The head is the same in every batch: the first batch's is the file's. The spans were
    // joined as the batches were walked (advance()), or went to the receiver.
    Sidecar sidecar = std::move(*findings.sidecars.front());
    sidecar.annotations = std::move(findings.joined);
    result.sidecar = std::move(sidecar);
    return result;
}

namespace {

// Hands `span(id, text)` the unescaped UTF-8 of each span's id and text, from the spans' own
// lines; false when the file is not laid out as the writer lays it out (readHead(), then a line
// per span in order) or the lines are not those spans.
template <typename OnSpan> bool spanTextsFromLines(const QString &path, const QList<SpanPlace> &places, OnSpan span)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return false;
    }
    LineReader lines(file, FilePolicy::sizeCap(FilePolicy::Input::Sidecar));
    QByteArray head;
    if (!readHead(lines, head)) {
        return false;
    }
    QByteArrayView line;
    simdjson::dom::parser parser;
    std::vector<char> padded; // a line with simdjson's padding after it
    qsizetype next = 0; // the span on the next line
    for (const SpanPlace &place : places) {
        if (place.index < next) {
            return false; // not ascending
        }
        for (; next <= place.index; ++next) {
            if (!lines.next(line)) {
                return false;
            }
        }
        if (line.endsWith(',')) {
            line.chop(1);
        }
        padded.resize(size_t(line.size()) + simdjson::SIMDJSON_PADDING);
        std::memcpy(padded.data(), line.data(), size_t(line.size()));
        // A line that is not one whole object fails here: another layout, read whole below.
        simdjson::dom::object object;
        std::string_view id;
        std::string_view text;
        std::string_view label;
        int64_t start = 0;
        int64_t end = 0;
        if (parser.parse(padded.data(), size_t(line.size()), false).get(object) || object["id"].get(id)
            || object["text"].get(text) || object["start"].get(start) || object["end"].get(end)
            || object["label"].get(label) || start != place.start || end != place.end
            || !equalsUtf8(place.label, QByteArrayView(label.data(), qsizetype(label.size())))) {
            return false;
        }
        span(id, text);
    }
    return true;
}

// The file read whole, when its lines could not be read alone: `span(annotation)` for each
// span asked, or false, with the error, when a span is no longer the one read before.
template <typename OnSpan>
bool spanTextsFromWholeRead(const QString &path, const QList<SpanPlace> &places, Diagnostics &diagnostics, OnSpan span)
{
    const auto changed = [&] {
        diagnostics.append(Diagnostic::error(
            path, QStringLiteral("changed while it was read: its spans are no longer those read before")));
        return false;
    };
    Diagnostics problems;
    const auto sidecar = read(path, problems, nullptr, ReadOptions{.keepContext = false});
    if (!sidecar) {
        return changed();
    }
    for (const SpanPlace &place : places) {
        if (place.index >= sidecar->annotations.size()) {
            return changed();
        }
        const Annotation &a = sidecar->annotations.at(place.index);
        if (a.start.value != place.start || a.end.value != place.end || a.label != place.label) {
            return changed();
        }
        span(a);
    }
    return true;
}

} // namespace

std::optional<QList<SpanIdAndText>> readSpanTexts(const QString &path, const QList<SpanPlace> &places,
                                                  Diagnostics &diagnostics)
{
    QList<SpanIdAndText> spans;
    if (places.isEmpty()) {
        return spans;
    }
    spans.reserve(places.size());
    const auto fromBytes = [](std::string_view bytes) {
        return textFromUtf8(QByteArrayView(bytes.data(), qsizetype(bytes.size())));
    };
    if (spanTextsFromLines(path, places, [&](std::string_view id, std::string_view text) {
            spans.append({fromBytes(id), fromBytes(text)});
        })) {
        return spans;
    }
    spans.clear();
    if (!spanTextsFromWholeRead(path, places, diagnostics, [&spans](const Annotation &a) {
            spans.append({a.id, a.text()});
        })) {
        return std::nullopt;
    }
    return spans;
}

std::optional<std::vector<SpanIdAndTextBytes>> readSpanTextBytes(const QString &path, const QList<SpanPlace> &places,
                                                                 QByteArray &bytes, Diagnostics &diagnostics)
{
    std::vector<SpanIdAndTextBytes> spans;
    if (places.isEmpty()) {
        return spans;
    }
    spans.reserve(size_t(places.size()));
    const qsizetype first = bytes.size();
    bytes.reserve(first + 128 * places.size()); // a span's id and text, about; pages only as written
    const auto add = [&](QByteArrayView id, QByteArrayView text) {
        SpanIdAndTextBytes span;
        span.idAt = bytes.size();
        span.idSize = id.size();
        bytes.append(id);
        span.textAt = bytes.size();
        span.textSize = text.size();
        bytes.append(text);
        spans.push_back(span);
    };
    if (spanTextsFromLines(path, places, [&](std::string_view id, std::string_view text) {
            add(QByteArrayView(id.data(), qsizetype(id.size())), QByteArrayView(text.data(), qsizetype(text.size())));
        })) {
        return spans;
    }
    spans.clear();
    bytes.truncate(first);
    if (!spanTextsFromWholeRead(path, places, diagnostics,
                                [&add](const Annotation &a) { add(a.id.toUtf8(), a.text().toUtf8()); })) {
        return std::nullopt;
    }
    return spans;
}

} // namespace Scholiast::ScholiastJson
