// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// AnnotationSet's slots by span id: a part of its layout, installed with it, not an API of its own.
#pragma once

#include <QStringView>

#include <bit>
#include <cstdint>
#include <cstring>
#include <vector>

namespace Scholiast {

/// A 64-bit hash of `n` bytes: a few multiplies per eight bytes, where qHash's AES rounds cost
/// several times more, and a large file's million ids are hashed on every read (issue 17). Like
/// the qHash with a fixed seed it replaces, the same in every process.
[[nodiscard]] inline quint64 bytesHash(const void *data, size_t n)
{
    const auto *bytes = static_cast<const unsigned char *>(data);
    quint64 h = 0x5c401a57 ^ (n * 0x9E3779B97F4A7C15ULL);
    const auto mix = [&h](quint64 word) {
        h = (h ^ word) * 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 31;
    };
    for (; n >= 8; n -= 8, bytes += 8) {
        quint64 word;
        std::memcpy(&word, bytes, 8);
        mix(word);
    }
    // The last bytes gathered in a register: copied into a word in memory, byte by byte, and
    // read back whole, they stalled the load behind the stores (perf put 6 % of `agree` there).
    quint64 tail = 0;
    for (size_t i = 0; i < n; ++i) {
        tail |= quint64(bytes[i]) << (8 * i);
    }
    mix(tail);
    h ^= h >> 29;
    h *= 0x94D049BB133111EBULL;
    return h ^ (h >> 32);
}

/// The hash of a span id, as its UTF-16 bytes.
[[nodiscard]] inline quint64 idHash(QStringView id)
{
    return bytesHash(id.utf16(), size_t(id.size()) * sizeof(char16_t));
}

/// Slot numbers by id: open addressing with linear probing over (hash, slot) pairs, 8 bytes a
/// bucket. The id itself is not held: it is the span's, in its slot, read through `IdOf`
/// (`QStringView(quint32 slot)`). A probe compares 32 hash bits before it compares strings, so an
/// insert costs one cache miss, not the string compares and node of a QHash<QString> (issue 17:
/// those were most of filling a set with a million spans).
class IdIndex
{
public:
    static constexpr quint32 None = ~quint32(0);

    [[nodiscard]] qsizetype size() const { return m_size; }
    [[nodiscard]] bool isEmpty() const { return m_size == 0; }

    void clear()
    {
        m_buckets.clear();
        m_buckets.shrink_to_fit();
        m_size = 0;
        m_shift = 32;
    }

    /// Room for `count` ids without growing.
    void reserve(qsizetype count) { growTo(size_t(count)); }

    /// The slot of `id`, or None.
    template <typename IdOf> [[nodiscard]] quint32 find(QStringView id, const IdOf &idOf) const
    {
        if (m_size == 0) {
            return None;
        }
        const quint32 hash = hashOf(id);
        for (size_t i = home(hash);; i = next(i)) {
            const Bucket &b = m_buckets[i];
            if (b.slot == None) {
                return None;
            }
            if (b.hash == hash && idOf(b.slot) == id) {
                return b.slot;
            }
        }
    }

    /// Brings the bucket where a search for `id` starts into the cache. A caller entering many
    /// ids asks for the bucket of one a few ahead, so that the cache misses of a table larger than
    /// the cache overlap instead of each insert waiting on its own (filling a set with a million
    /// spans waited 0.25 s on them, 11 % of opening the window, issue 17).
    void prefetch(QStringView id) const
    {
        if (!m_buckets.empty()) {
            __builtin_prefetch(m_buckets.data() + home(hashOf(id)));
        }
    }

    /// Maps `id` to `slot` unless `id` is there already: returns None when inserted, else the
    /// slot that has the id. The slot's span need not hold `id` yet.
    template <typename IdOf> quint32 insert(QStringView id, quint32 slot, const IdOf &idOf)
    {
        growTo(size_t(m_size) + 1);
        const quint32 hash = hashOf(id);
        for (size_t i = home(hash);; i = next(i)) {
            Bucket &b = m_buckets[i];
            if (b.slot == None) {
                b = Bucket{hash, slot};
                ++m_size;
                return None;
            }
            if (b.hash == hash && idOf(b.slot) == id) {
                return b.slot;
            }
        }
    }

    /// Removes `id`; the slot that had it must still hold it. Backward-shift deletion: no
    /// tombstones, so lookups never slow down after many removals.
    template <typename IdOf> bool erase(QStringView id, const IdOf &idOf)
    {
        if (m_size == 0) {
            return false;
        }
        const quint32 hash = hashOf(id);
        size_t hole = home(hash);
        for (;; hole = next(hole)) {
            const Bucket &b = m_buckets[hole];
            if (b.slot == None) {
                return false;
            }
            if (b.hash == hash && idOf(b.slot) == id) {
                break;
            }
        }
        for (size_t i = next(hole);; i = next(i)) {
            Bucket &b = m_buckets[i];
            if (b.slot == None) {
                break;
            }
            // The entry at i may fill the hole when its home is not cyclically within (hole, i].
            const size_t h = home(b.hash);
            const bool stays = hole <= i ? (hole < h && h <= i) : (hole < h || h <= i);
            if (!stays) {
                m_buckets[hole] = b;
                hole = i;
            }
        }
        m_buckets[hole] = Bucket{};
        --m_size;
        return true;
    }

private:
    struct Bucket
    {
        quint32 hash = 0;
        quint32 slot = None;
    };

    static quint32 hashOf(QStringView id)
    {
        const quint64 h = idHash(id);
        return quint32(h) ^ quint32(h >> 32);
    }
    // Fibonacci hashing of the stored 32 bits: growing needs no string.
    [[nodiscard]] size_t home(quint32 hash) const { return size_t(quint32(hash * 0x9E3779B9U) >> m_shift); }
    [[nodiscard]] size_t next(size_t i) const { return (i + 1) & (m_buckets.size() - 1); }

    // At most half full.
    void growTo(size_t count)
    {
        if (count * 2 <= m_buckets.size()) {
            return;
        }
        const size_t buckets = std::bit_ceil(std::max<size_t>(16, count * 2));
        std::vector<Bucket> old;
        old.swap(m_buckets);
        m_buckets.assign(buckets, Bucket{});
        m_shift = 32 - std::countr_zero(buckets);
        for (const Bucket &b : old) {
            if (b.slot != None) {
                size_t i = home(b.hash);
                while (m_buckets[i].slot != None) {
                    i = next(i);
                }
                m_buckets[i] = b;
            }
        }
    }

    std::vector<Bucket> m_buckets;
    qsizetype m_size = 0;
    int m_shift = 32;
};

} // namespace Scholiast
