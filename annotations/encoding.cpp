// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "encoding.h"

#include <QFileInfo>
#include <QHash>

#include <algorithm>
#include <cerrno>
#include <iconv.h>

#ifdef SCHOLIAST_HAVE_UCHARDET
#include <uchardet/uchardet.h>
#endif

namespace Scholiast::Encoding {

namespace {
// What old corpora come in (issue 18): Western and Central European, Cyrillic, Japanese,
// Chinese, Korean code pages, as iconv names them.
const QStringList Known{
    QStringLiteral("WINDOWS-1252"), QStringLiteral("ISO-8859-1"), QStringLiteral("ISO-8859-15"),
    QStringLiteral("WINDOWS-1250"), QStringLiteral("ISO-8859-2"), QStringLiteral("WINDOWS-1251"),
    QStringLiteral("KOI8-R"),       QStringLiteral("SHIFT_JIS"),  QStringLiteral("CP932"),
    QStringLiteral("EUC-JP"),       QStringLiteral("GB18030"),    QStringLiteral("BIG5"),
    QStringLiteral("EUC-KR"),       QStringLiteral("MACINTOSH"),
};
constexpr qsizetype DetectBytes = 4 * 1024 * 1024;
} // namespace

bool canDetect()
{
#ifdef SCHOLIAST_HAVE_UCHARDET
    return true;
#else
    return false;
#endif
}

QString detect(const QByteArray &bytes)
{
#ifdef SCHOLIAST_HAVE_UCHARDET
    uchardet_t detector = uchardet_new();
    const qsizetype size = std::min(bytes.size(), DetectBytes);
    QString name;
    if (uchardet_handle_data(detector, bytes.constData(), size_t(size)) == 0) {
        uchardet_data_end(detector);
        name = QString::fromLatin1(uchardet_get_charset(detector)).toUpper();
    }
    uchardet_delete(detector);
    if (name == u"ASCII" || name == u"UTF-8") {
        return {}; // not what the bytes are, since they are not UTF-8: no answer
    }
    return name;
#else
    Q_UNUSED(bytes)
    return {};
#endif
}

QStringList choices(const QString &first)
{
    QStringList list = Known;
    if (!first.isEmpty()) {
        list.removeAll(first.toUpper());
        list.prepend(first.toUpper());
    }
    return list;
}

QString displayName(const QString &encoding)
{
    static const QHash<QString, QString> names{
        {QStringLiteral("WINDOWS-1252"), QStringLiteral("Windows-1252 (Western European)")},
        {QStringLiteral("ISO-8859-1"), QStringLiteral("ISO-8859-1 / Latin-1 (Western European)")},
        {QStringLiteral("ISO-8859-15"), QStringLiteral("ISO-8859-15 / Latin-9 (Western European, €)")},
        {QStringLiteral("WINDOWS-1250"), QStringLiteral("Windows-1250 (Central European)")},
        {QStringLiteral("ISO-8859-2"), QStringLiteral("ISO-8859-2 / Latin-2 (Central European)")},
        {QStringLiteral("WINDOWS-1251"), QStringLiteral("Windows-1251 (Cyrillic)")},
        {QStringLiteral("KOI8-R"), QStringLiteral("KOI8-R (Russian)")},
        {QStringLiteral("SHIFT_JIS"), QStringLiteral("Shift-JIS (Japanese)")},
        {QStringLiteral("CP932"), QStringLiteral("CP932 / Windows-31J (Japanese)")},
        {QStringLiteral("EUC-JP"), QStringLiteral("EUC-JP (Japanese)")},
        {QStringLiteral("GB18030"), QStringLiteral("GB18030 (Chinese, simplified)")},
        {QStringLiteral("BIG5"), QStringLiteral("Big5 (Chinese, traditional)")},
        {QStringLiteral("EUC-KR"), QStringLiteral("EUC-KR (Korean)")},
        {QStringLiteral("MACINTOSH"), QStringLiteral("Mac OS Roman")},
    };
    return names.value(encoding.toUpper(), encoding);
}

std::optional<QString> decode(const QByteArray &bytes, const QString &encoding, const QString &path,
                              Diagnostics &diagnostics)
{
    const QByteArray from = encoding.toLatin1();
    iconv_t converter = iconv_open("UTF-8", from.constData());
    if (converter == reinterpret_cast<iconv_t>(-1)) {
        diagnostics.append(Diagnostic::error(path, QStringLiteral("unknown encoding %1").arg(encoding)));
        return std::nullopt;
    }
    QByteArray out;
    out.resize(bytes.size() * 2 + 64);
    char *in = const_cast<char *>(bytes.constData()); // iconv's signature; the input is not written
    size_t inLeft = size_t(bytes.size());
    size_t done = 0;
    bool ok = true;
    // The input, then a flush of the converter's state (nullptr input).
    for (bool flushing = false;;) {
        char *next = out.data() + done;
        size_t outLeft = size_t(out.size()) - done;
        const size_t result = flushing ? iconv(converter, nullptr, nullptr, &next, &outLeft)
                                       : iconv(converter, &in, &inLeft, &next, &outLeft);
        done = size_t(next - out.data());
        if (result != size_t(-1)) {
            if (flushing) {
                break;
            }
            flushing = true;
            continue;
        }
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        // EILSEQ: not a character of the encoding; EINVAL: cut short at the end.
        const qint64 at = in - bytes.constData();
        diagnostics.append(
            diagnosticAtByte(Diagnostic::Severity::Error, path, bytes.constData(), bytes.size(), at,
                             QStringLiteral("byte 0x%1 at byte offset %2 is not a character of %3")
                                 .arg(quint8(bytes.at(std::min<qint64>(at, bytes.size() - 1))), 2, 16, QLatin1Char('0'))
                                 .arg(at)
                                 .arg(encoding)));
        ok = false;
        break;
    }
    iconv_close(converter);
    if (!ok) {
        return std::nullopt;
    }
    out.resize(qsizetype(done));
    return QString::fromUtf8(out);
}

QString copyPath(const QString &path)
{
    const QFileInfo info(path);
    const QString suffix = info.suffix().isEmpty() ? QStringLiteral("txt") : info.suffix();
    const QString base = info.absolutePath() + u'/' + info.completeBaseName() + QStringLiteral(".utf8");
    QString candidate = base + u'.' + suffix;
    for (int n = 2; QFileInfo::exists(candidate); ++n) {
        candidate = base + u'-' + QString::number(n) + u'.' + suffix;
    }
    return candidate;
}

} // namespace Scholiast::Encoding
