// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "sha256.h"

#include <QString>

#ifdef SCHOLIAST_HAVE_OPENSSL
#include <openssl/evp.h>
#else
#include <QCryptographicHash>
#endif

namespace Scholiast {

#ifdef SCHOLIAST_HAVE_OPENSSL
struct Sha256::State
{
    State()
        : context(EVP_MD_CTX_new())
    {
        // Fails only when out of memory, which Qt's containers do not survive either.
        Q_CHECK_PTR(context);
        const int ok = EVP_DigestInit_ex(context, EVP_sha256(), nullptr);
        Q_ASSERT(ok == 1);
        Q_UNUSED(ok);
    }
    ~State() { EVP_MD_CTX_free(context); }
    State(const State &) = delete;
    State &operator=(const State &) = delete;

    void add(QByteArrayView bytes)
    {
        if (!bytes.isEmpty()) {
            EVP_DigestUpdate(context, bytes.data(), size_t(bytes.size()));
        }
    }
    QByteArray finish()
    {
        QByteArray digest(EVP_MAX_MD_SIZE, Qt::Uninitialized);
        unsigned int length = 0;
        EVP_DigestFinal_ex(context, reinterpret_cast<unsigned char *>(digest.data()), &length);
        digest.truncate(qsizetype(length));
        return digest;
    }

    EVP_MD_CTX *context;
};
#else
struct Sha256::State
{
    void add(QByteArrayView bytes) { hash.addData(bytes); }
    QByteArray finish() { return hash.result(); }

    QCryptographicHash hash{QCryptographicHash::Sha256};
};
#endif

Sha256::Sha256()
    : m_state(std::make_unique<State>())
{
}

Sha256::~Sha256() = default;

void Sha256::addData(QByteArrayView bytes)
{
    m_state->add(bytes);
}

QByteArray Sha256::result()
{
    return m_state->finish();
}

QByteArray Sha256::hash(QByteArrayView bytes)
{
    Sha256 sha;
    sha.addData(bytes);
    return sha.result();
}

QString Sha256::hexHash(QByteArrayView bytes)
{
    return QString::fromLatin1(hash(bytes).toHex());
}

const char *Sha256::backend()
{
#ifdef SCHOLIAST_HAVE_OPENSSL
    return "OpenSSL";
#else
    return "Qt";
#endif
}

} // namespace Scholiast
