// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: one Sha256 per thread; the static hash() may run on several at once.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

namespace Scholiast {

/// SHA-256, the document's fingerprint in every sidecar. With OpenSSL's libcrypto where the build
/// found it (its SHA extension and AVX2 code: a 50 MB document in 0.03 s here), else Qt's portable
/// code (0.35 s for the same document, a quarter of `validate`'s time, issue 17).
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void addData(QByteArrayView bytes);
    /// The 32 bytes of the digest; the hash is finished and takes no more data.
    [[nodiscard]] QByteArray result();

    [[nodiscard]] static QByteArray hash(QByteArrayView bytes);
    /// Lowercase hexadecimal, as a sidecar's "sha256" holds it.
    [[nodiscard]] static QString hexHash(QByteArrayView bytes);
    /// What computes the hash: "OpenSSL" or "Qt" (the test names it).
    [[nodiscard]] static const char *backend();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace Scholiast
