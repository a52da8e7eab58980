// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "document.h"
#include "sha256.h"
#include "utf8.h"

#include <QCryptographicHash>
#include <QFile>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <vector>

using namespace Scholiast;

// Offsets are checked against an independent model of the text: its code points as UCS-4, from
// which the UTF-16 and UTF-8 positions of every code point are computed one by one.
class DocumentTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeFile(const QByteArray &bytes)
    {
        static int counter = 0;
        const QString path = m_dir.filePath(QStringLiteral("doc%1.txt").arg(++counter));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
            qFatal("cannot write test file");
        }
        return path;
    }

private Q_SLOTS:
    void offsets_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qint64>("length");
        QTest::addColumn<qint64>("lines");

        QTest::newRow("ascii") << QByteArray("The council voted.\nIt passed.") << 29LL << 2LL;
        QTest::newRow("accented latin") << QByteArray("Zo\xC3\xAB \xC3\x93 Briain said caf\xC3\xA9") << 22LL << 1LL;
        QTest::newRow("cjk") << QByteArray("\xE6\x9D\xB1\xE4\xBA\xAC\xE9\x8A\x80\xE8\xA1\x8C reported") << 13LL << 1LL;
        QTest::newRow("hangul") << QByteArray("\xEC\x84\x9C\xEC\x9A\xB8 \xEC\x8B\x9C\xEC\x9E\xA5") << 5LL << 1LL;
        QTest::newRow("emoji") << QByteArray("ok \xF0\x9F\x98\x80 then \xF0\x9F\x8C\x89.") << 12LL << 1LL;
        // woman technologist: U+1F469 U+200D U+1F4BB, three code points, five UTF-16 units
        QTest::newRow("zwj sequence") << QByteArray("a\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB"
                                                    "b")
                                      << 5LL << 1LL;
        QTest::newRow("flag") << QByteArray("\xF0\x9F\x87\xB0\xF0\x9F\x87\xB7 Korea") << 8LL << 1LL;
        QTest::newRow("skin tone") << QByteArray("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD!") << 3LL << 1LL;
        QTest::newRow("combining marks") << QByteArray("cafe\xCC\x81 na\xCC\x88ive") << 12LL << 1LL;
        QTest::newRow("no-break space") << QByteArray("41\xC2\xA0million") << 10LL << 1LL;
        QTest::newRow("crlf") << QByteArray("one\r\ntwo\r\n\xF0\x9F\x98\x80three") << 16LL << 3LL;
        QTest::newRow("cr only") << QByteArray("one\rtwo\rthree") << 13LL << 3LL;
        QTest::newRow("mixed endings") << QByteArray("a\nb\r\nc\rd") << 8LL << 4LL;
        QTest::newRow("bom") << QByteArray("\xEF\xBB\xBFhello") << 5LL << 1LL;
        QTest::newRow("empty") << QByteArray() << 0LL << 1LL;
        // Only the first BOM is a signature; a second one is U+FEFF text, as in Python.
        QTest::newRow("two boms") << QByteArray("\xEF\xBB\xBF\xEF\xBB\xBFhi") << 3LL << 1LL;
        QTest::newRow("trailing newline") << QByteArray("end\n") << 4LL << 2LL;
        QTest::newRow("astral at end") << QByteArray("x\xF0\x9F\x98\x80") << 2LL << 1LL;
        // A length that is a multiple of the byte-checkpoint stride (256): the end has a checkpoint
        // too (fuzz_document read past the checkpoints at toUtf8(length)).
        QTest::newRow("256 code points") << QByteArray(256, 'a') << 256LL << 1LL;
        QTest::newRow("512 code points, emoji") << QByteArray("\xF0\x9F\x98\x80").repeated(512) << 512LL << 1LL;
        // The index is built sixteen bytes at a time (issue 17): line ends, lone CRs, characters of
        // every width, and CRLFs at every place in and across those blocks, over many checkpoints.
        const auto mixed = [](QList<QByteArray> pieces, int count, quint32 seed) {
            QByteArray bytes;
            qint64 codePoints = 0;
            for (int k = 0; k < count; ++k) {
                seed = seed * 1103515245u + 12345u;
                const QByteArray &piece = pieces.at(int((seed >> 16) % quint32(pieces.size())));
                bytes += piece;
                codePoints += Scholiast::codePointCountUtf8(piece);
            }
            const qint64 lines = 1 + bytes.count('\n') + bytes.count('\r') - bytes.count("\r\n");
            return std::tuple{bytes, codePoints, lines};
        };
        const QList<QByteArray> everyKind{
            "a", "bc", "\r\n", "\r", "\n", "\xC3\xA9", "\xE6\x9D\xB1", "\xF0\x9F\x98\x80", " word ", "\xC2\xA0"};
        for (const quint32 seed : {1u, 2u, 3u}) {
            const auto [bytes, codePoints, lines] = mixed(everyKind, 3000, seed);
            QTest::addRow("every kind mixed, seed %u", seed) << bytes << codePoints << lines;
        }
        const auto [sparse, sparseCodePoints, sparseLines] =
            mixed({"abcdefghijklmno", "p", "\r\n", "\xF0\x9F\x98\x80", "xyz"}, 2000, 7);
        QTest::newRow("mostly ascii") << sparse << sparseCodePoints << sparseLines;
        for (const int at : {14, 15, 16, 31}) {
            QByteArray crlf = QByteArray(at, 'a') + "\r\n" + QByteArray(20, 'b') + "\r";
            QTest::addRow("CRLF at byte %d, a lone CR at the end", at) << crlf << qint64(at + 23) << 3LL;
        }
    }

    void offsets()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qint64, length);
        QFETCH(qint64, lines);

        Diagnostics diagnostics;
        const auto doc = Document::load(writeFile(bytes), diagnostics);
        QVERIFY2(doc, qPrintable(diagnostics.value(0).toString()));
        QVERIFY(diagnostics.isEmpty());
        QCOMPARE(doc->length(), length);
        QCOMPARE(doc->lineCount(), lines);

        const bool bom = bytes.startsWith("\xEF\xBB\xBF");
        const QByteArray utf8 = bom ? bytes.mid(3) : bytes;
        QCOMPARE(doc->hadByteOrderMark(), bom);
        QCOMPARE(doc->utf8Length(), utf8.size());
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
        const QString decoded = decoder.decode(utf8);
        QCOMPARE(doc->text(), decoded); // the document's own decoder against Qt's
        const QList<uint> ucs4 = decoded.toUcs4();
        QCOMPARE(qint64(ucs4.size()), length);

        qint64 utf16 = 0;
        qint64 byte = 0;
        qint64 line = 1;
        qint64 column = 1;
        for (qint64 cp = 0; cp <= length; ++cp) {
            QCOMPARE(doc->toUtf16(CodePoint(cp)).value, utf16);
            QCOMPARE(doc->toCodePoint(Utf16Index(utf16)).value, cp);
            QVERIFY(doc->isBoundary(Utf16Index(utf16)));
            QCOMPARE(doc->toUtf8(CodePoint(cp)).value, byte);
            QCOMPARE(doc->toCodePoint(Utf8Byte(byte)).value, cp);
            QVERIFY(doc->isBoundary(Utf8Byte(byte)));
            const LineColumn at = doc->lineColumn(CodePoint(cp));
            QCOMPARE(at.line, line);
            QCOMPARE(at.column, column);
            if (cp == length) {
                break;
            }
            const uint c = ucs4.at(cp);
            const int units = c > 0xFFFF ? 2 : 1;
            const int width = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            if (units == 2) {
                // Inside a surrogate pair: not a boundary, floors to the pair's code point.
                QVERIFY(!doc->isBoundary(Utf16Index(utf16 + 1)));
                QCOMPARE(doc->toCodePoint(Utf16Index(utf16 + 1)).value, cp);
            }
            for (int k = 1; k < width; ++k) {
                QVERIFY(!doc->isBoundary(Utf8Byte(byte + k)));
                QCOMPARE(doc->toCodePoint(Utf8Byte(byte + k)).value, cp);
            }
            const bool lineBreak = c == '\n' || (c == '\r' && (cp + 1 >= length || ucs4.at(cp + 1) != '\n'));
            if (lineBreak) {
                const bool crlf = c == '\n' && cp > 0 && ucs4.at(cp - 1) == '\r';
                QCOMPARE(doc->lineEnd(line).value, crlf ? cp - 1 : cp);
                ++line;
                column = 1;
                QCOMPARE(doc->lineStart(line).value, cp + 1);
            } else {
                ++column;
            }
            QCOMPARE(doc->slice(CodePoint(cp), CodePoint(cp + 1)).toUcs4().value(0), c);
            utf16 += units;
            byte += width;
        }
    }

    // Where each line's text ends, from the index (the view splits a document into lines by it):
    // the last line's at the length, a line number out of range answers as the nearest line.
    void lineEndsAtTheLineBreak_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QList<qint64>>("ends");
        QTest::newRow("empty") << QByteArray() << QList<qint64>{0};
        QTest::newRow("one line") << QByteArray("abc") << QList<qint64>{3};
        QTest::newRow("LF at the end") << QByteArray("abc\n") << QList<qint64>{3, 4};
        QTest::newRow("CRLF at the end") << QByteArray("abc\r\n") << QList<qint64>{3, 5};
        QTest::newRow("every line end") << QByteArray("a\nbb\r\n\r\rc\xF0\x9F\x98\x80\r\n\nd")
                                        << QList<qint64>{1, 4, 6, 7, 10, 12, 14};
        QTest::newRow("CRLF at byte 15 and 16")
            << QByteArray(15, 'x') + "\r\n" + QByteArray(16, 'y') + "\r\nz" << QList<qint64>{15, 33, 36};
    }
    void lineEndsAtTheLineBreak()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QList<qint64>, ends);
        Diagnostics diagnostics;
        const auto doc = Document::fromUtf8(bytes, QStringLiteral("lines.txt"), diagnostics, {});
        QVERIFY(doc);
        QCOMPARE(doc->lineCount(), qint64(ends.size()));
        for (qint64 line = 1; line <= doc->lineCount(); ++line) {
            QCOMPARE(doc->lineEnd(line).value, ends.at(line - 1));
        }
        QCOMPARE(doc->lineEnd(0).value, ends.first());
        QCOMPARE(doc->lineEnd(doc->lineCount() + 1).value, ends.last());
        QCOMPARE(Document().lineEnd(1).value, 0);
    }

    void longDocumentWithManyAstralCharacters()
    {
        // Crosses many byte checkpoints and has astral characters throughout.
        QByteArray bytes;
        QList<uint> model;
        for (int i = 0; i < 20000; ++i) {
            if (i % 7 == 0) {
                bytes += "\xF0\x9F\x98\x80";
                model.append(0x1F600);
            } else if (i % 11 == 0) {
                bytes += "\xE2\x80\x94";
                model.append(0x2014);
            } else if (i % 13 == 0) {
                bytes += "\r\n";
                model.append('\r');
                model.append('\n');
            } else {
                bytes += char('a' + i % 26);
                model.append(uint('a' + i % 26));
            }
        }
        Diagnostics diagnostics;
        const auto doc = Document::fromUtf8(bytes, QStringLiteral("long.txt"), diagnostics, {});
        QVERIFY(doc);
        QCOMPARE(doc->length(), qint64(model.size()));
        qint64 utf16 = 0;
        qint64 byte = 0;
        for (qint64 cp = 0; cp < model.size(); ++cp) {
            if (cp % 97 == 0) {
                QCOMPARE(doc->toUtf16(CodePoint(cp)).value, utf16);
                QCOMPARE(doc->toCodePoint(Utf16Index(utf16)).value, cp);
                QCOMPARE(doc->toUtf8(CodePoint(cp)).value, byte);
                QCOMPARE(doc->toCodePoint(Utf8Byte(byte)).value, cp);
            }
            const uint c = model.at(cp);
            utf16 += c > 0xFFFF ? 2 : 1;
            byte += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        }
    }

    // The writer's cursor steps from its last answer (issue 17): whatever the order of the offsets
    // asked, and however many characters outside the BMP lie between two of them, it answers as
    // toUtf16() does.
    void utf16CursorAnswersAsToUtf16_data()
    {
        QTest::addColumn<QString>("order");
        QTest::newRow("forward by one") << QStringLiteral("forward");
        QTest::newRow("forward in strides") << QStringLiteral("strides");
        QTest::newRow("backward") << QStringLiteral("backward");
        QTest::newRow("to and fro") << QStringLiteral("jumps");
        QTest::newRow("spans and their context") << QStringLiteral("spans");
    }

    void utf16CursorAnswersAsToUtf16()
    {
        QFETCH(QString, order);
        // Runs of emoji of every length up to 12 between runs of plain text, and CJK, CRLF.
        QString text;
        for (int run = 0; run < 40; ++run) {
            text += QStringLiteral("ab\u6771 \r\n").repeated(run % 3);
            for (int k = 0; k < run % 13; ++k) {
                text += QStringLiteral("\U0001F600");
            }
        }
        const Document doc = Document::fromText(text, QStringLiteral("runs.txt"));
        const qint64 length = doc.length();
        QList<qint64> offsets;
        if (order == u"forward") {
            for (qint64 cp = -2; cp <= length + 2; ++cp) {
                offsets.append(cp);
            }
        } else if (order == u"strides") {
            for (qint64 stride = 1; stride < 40; stride += 6) {
                for (qint64 cp = 0; cp <= length; cp += stride) {
                    offsets.append(cp);
                }
            }
        } else if (order == u"backward") {
            for (qint64 cp = length + 1; cp >= -1; --cp) {
                offsets.append(cp);
            }
        } else if (order == u"jumps") {
            for (qint64 k = 0; k < 400; ++k) {
                offsets.append((k * 7919) % (length + 1));
            }
        } else {
            for (qint64 start = 0; start < length; start += 5) {
                offsets << start << start + 11 << start - 32 << start + 11 + 32;
            }
        }
        Document::Utf16Cursor cursor(doc);
        for (const qint64 cp : offsets) {
            QCOMPARE(cursor.toUtf16(CodePoint(cp)).value, doc.toUtf16(CodePoint(cp)).value);
        }
    }

    void sha256IsOfTheFileBytes()
    {
        const QByteArray bytes("\xEF\xBB\xBFhello\r\n");
        Diagnostics diagnostics;
        const auto doc = Document::load(writeFile(bytes), diagnostics);
        QVERIFY(doc);
        QCOMPARE(doc->sha256(),
                 QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
        QCOMPARE(doc->text(), QStringLiteral("hello\r\n"));
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");

        QTest::newRow("invalid byte") << QByteArray("ab\ncd\xC3(x") << QStringLiteral("invalid UTF-8 at byte offset 5")
                                      << 2 << 3;
        QTest::newRow("overlong slash") << QByteArray("a\xC0\xAF") << QStringLiteral("invalid UTF-8 at byte offset 1")
                                        << 1 << 2;
        QTest::newRow("overlong 3 byte") << QByteArray("\xE0\x80\xAF")
                                         << QStringLiteral("invalid UTF-8 at byte offset 0") << 1 << 1;
        QTest::newRow("encoded surrogate")
            << QByteArray("ok\xED\xA0\x80") << QStringLiteral("invalid UTF-8 at byte offset 2") << 1 << 3;
        QTest::newRow("past U+10FFFF") << QByteArray("\xF4\x90\x80\x80")
                                       << QStringLiteral("invalid UTF-8 at byte offset 0") << 1 << 1;
        QTest::newRow("truncated at end")
            << QByteArray("abc\xE2\x80") << QStringLiteral("invalid UTF-8 at byte offset 3") << 1 << 4;
        QTest::newRow("lone continuation")
            << QByteArray("\x80") << QStringLiteral("invalid UTF-8 at byte offset 0") << 1 << 1;
        QTest::newRow("latin-1 file") << QByteArray("caf\xE9 au lait")
                                      << QStringLiteral("invalid UTF-8 at byte offset 3") << 1 << 4;
        QTest::newRow("nul byte") << QByteArray("text\0more", 9) << QStringLiteral("NUL byte at byte offset 4") << 1
                                  << 5;
        QTest::newRow("utf-16 file") << QByteArray("\xFF\xFEh\0i\0", 6) << QStringLiteral("NUL byte at byte offset 3")
                                     << 1 << 4;
    }

    void rejects()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        QFETCH(int, line);
        QFETCH(int, column);

        const QString path = writeFile(bytes);
        Diagnostics diagnostics;
        QVERIFY(!Document::load(path, diagnostics));
        QCOMPARE(diagnostics.size(), 1);
        const Diagnostic &d = diagnostics.first();
        QVERIFY(d.isError());
        QCOMPARE(d.file, path);
        QVERIFY2(d.message.contains(message), qPrintable(d.message));
        QCOMPARE(d.line, line);
        QCOMPARE(d.column, column);
        QVERIFY(d.toString().startsWith(path + u':' + QString::number(line) + u':' + QString::number(column)
                                        + QStringLiteral(": error: ")));
    }

    void rejectsFilesOverTheCap()
    {
        Document::LoadOptions options;
        options.maxBytes = 10;
        Diagnostics diagnostics;
        QVERIFY(!Document::load(writeFile(QByteArray(11, 'x')), diagnostics, options));
        QVERIFY(diagnostics.value(0).message.contains(QStringLiteral("larger than the limit of 10 bytes")));
        diagnostics.clear();
        QVERIFY(Document::load(writeFile(QByteArray(10, 'x')), diagnostics, options));
    }

    void rejectsMissingFilesAndFolders()
    {
        Diagnostics diagnostics;
        QVERIFY(!Document::load(m_dir.filePath(QStringLiteral("missing.txt")), diagnostics));
        QVERIFY(diagnostics.value(0).message.startsWith(QStringLiteral("cannot open")));
        diagnostics.clear();
        QVERIFY(!Document::load(m_dir.path(), diagnostics));
        QVERIFY(diagnostics.value(0).message.contains(QStringLiteral("folder")));
    }

    void progressCanCancel()
    {
        Document::LoadOptions options;
        options.progress = [](qint64, qint64) { return false; };
        Diagnostics diagnostics;
        QVERIFY(!Document::load(writeFile(QByteArray("some text")), diagnostics, options));
        QVERIFY(diagnostics.value(0).message.contains(QStringLiteral("cancelled")));
    }

    // The document's fingerprint: OpenSSL's SHA-256 where built with it, the same digest as Qt's
    // for every length around the 64-byte blocks and its padding, whole or fed in pieces.
    void sha256IsQtsSha256_data()
    {
        QTest::addColumn<qsizetype>("length");
        QTest::addColumn<qsizetype>("piece");
        for (const qsizetype length : {0, 1, 3, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 3 * 1024 * 1024 + 7}) {
            QList<qsizetype> pieces{7, 64};
            if (length <= 1000) {
                pieces.prepend(1);
            }
            if (!pieces.contains(length + 1)) {
                pieces.append(length + 1); // whole
            }
            for (const qsizetype piece : pieces) {
                QTest::addRow("%lld bytes in pieces of %lld", qlonglong(length), qlonglong(piece)) << length << piece;
            }
        }
    }
    void sha256IsQtsSha256()
    {
        QFETCH(qsizetype, length);
        QFETCH(qsizetype, piece);
        QByteArray bytes(length, Qt::Uninitialized);
        quint32 x = 2463534242u;
        for (char &b : bytes) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            b = char(x);
        }
        const QByteArray expected = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
        QCOMPARE(Scholiast::Sha256::hash(bytes), expected);
        QCOMPARE(Scholiast::Sha256::hexHash(bytes), QString::fromLatin1(expected.toHex()));
        Scholiast::Sha256 pieces;
        for (qsizetype at = 0; at < length; at += piece) {
            pieces.addData(QByteArrayView(bytes).sliced(at, std::min(piece, length - at)));
        }
        QCOMPARE(pieces.result(), expected);
        if (length == 0 && piece == 1) {
            qInfo("SHA-256 by %s", Scholiast::Sha256::backend());
            // FIPS 180-2's first example, known without Qt.
            QCOMPARE(Scholiast::Sha256::hexHash("abc"),
                     QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        }
    }

    // The sidecar reader checks a span's UTF-8 text against the document's UTF-16 with this.
    void equalsUtf8_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("utf8");
        QTest::addColumn<bool>("equal");
        QTest::newRow("empty") << QString() << QByteArray() << true;
        QTest::newRow("ascii") << QStringLiteral("said") << QByteArray("said") << true;
        QTest::newRow("ascii differs") << QStringLiteral("said") << QByteArray("sad!") << false;
        QTest::newRow("utf-8 longer") << QStringLiteral("sa") << QByteArray("said") << false;
        // Long enough for the sixteen-at-a-time comparison, with the difference past it.
        QTest::newRow("long ascii") << QStringLiteral("The ministry said on Tuesday that the talks")
                                    << QByteArray("The ministry said on Tuesday that the talks") << true;
        QTest::newRow("long ascii differs late") << QStringLiteral("The ministry said on Tuesday that the talks")
                                                 << QByteArray("The ministry said on Tuesday that the tales") << false;
        QTest::newRow("long ascii differs in the first sixteen")
            << QStringLiteral("The ministry said on Tuesday") << QByteArray("The ministrY said on Tuesday") << false;
        QTest::newRow("long ascii then emoji")
            << QStringLiteral("The ministry said on Tuesday \U0001F600 ok")
            << QByteArray("The ministry said on Tuesday \xF0\x9F\x98\x80 ok") << true;
        QTest::newRow("utf-8 shorter") << QStringLiteral("said") << QByteArray("sa") << false;
        // ASCII runs shorter than eight between other characters: compared up to the first byte
        // outside ASCII, then that character.
        QTest::newRow("runs of one to seven between emoji") << QStringLiteral("a🚀bc🌍def🚀ghij東klmnoépqrstu🌍vwxyzab.")
                                                            << QByteArray("a\xF0\x9F\x9A\x80"
                                                                          "bc\xF0\x9F\x8C\x8D"
                                                                          "def\xF0\x9F\x9A\x80"
                                                                          "ghij\xE6\x9D\xB1"
                                                                          "klmno\xC3\xA9"
                                                                          "pqrstu\xF0\x9F\x8C\x8D"
                                                                          "vwxyzab.")
                                                            << true;
        QTest::newRow("differs in a run of five before an emoji")
            << QStringLiteral("abcde🚀 and more text") << QByteArray("abXde\xF0\x9F\x9A\x80 and more text") << false;
        QTest::newRow("text ends inside a run of ASCII")
            << QStringLiteral("abc") << QByteArray("abcdef\xC3\xA9xyzuvw") << false;
        QTest::newRow("a run of five, then an emoji that differs")
            << QStringLiteral("abcde🚀 and more text") << QByteArray("abcde\xF0\x9F\x9A\x81 and more text") << false;
        QTest::newRow("no-break space, curly quotes") << QStringLiteral("\u00A0\u201Cfine\u201D")
                                                      << QByteArray("\xC2\xA0\xE2\x80\x9C"
                                                                    "fine\xE2\x80\x9D")
                                                      << true;
        QTest::newRow("CJK and Hangul") << QStringLiteral("東京 서울") << QByteArray("東京 서울") << true;
        QTest::newRow("emoji") << QStringLiteral("a\U0001F600b")
                               << QByteArray("a\xF0\x9F\x98\x80"
                                             "b")
                               << true;
        QTest::newRow("emoji differs in the last byte")
            << QStringLiteral("\U0001F600") << QByteArray("\xF0\x9F\x98\x81") << false;
        QTest::newRow("emoji against one half")
            << QStringLiteral("\U0001F600").left(1) << QByteArray("\xF0\x9F\x98\x80") << false;
        QTest::newRow("leading U+FEFF is a character")
            << QStringLiteral("\uFEFFx") << QByteArray("\xEF\xBB\xBFx") << true;
        // Never from the reader, which gets valid UTF-8 from simdjson; decoded as Qt decodes it.
        QTest::newRow("truncated sequence") << textFromUtf8("a\xE2\x80") << QByteArray("a\xE2\x80") << true;
        QTest::newRow("stray continuation byte") << QStringLiteral("a") << QByteArray("a\x80") << false;
        QTest::newRow("lead byte without its continuation") << textFromUtf8("\xC3"
                                                                            "A")
                                                            << QByteArray("\xC3"
                                                                          "A")
                                                            << true; // not "\u00C1"
        QTest::newRow("overlong slash") << textFromUtf8("\xC0\xAF") << QByteArray("\xC0\xAF") << true;
        QTest::newRow("encoded surrogate") << textFromUtf8("\xED\xA0\x80") << QByteArray("\xED\xA0\x80") << true;
        QTest::newRow("past U+10FFFF") << textFromUtf8("\xF4\x90\x80\x80") << QByteArray("\xF4\x90\x80\x80") << true;
        QTest::newRow("invalid is not the character it resembles") << QStringLiteral("\u00C1")
                                                                   << QByteArray("\xC3"
                                                                                 "A")
                                                                   << false;
    }
    // Counted sixteen bytes at a time, lanes summed every 255 blocks (issue 17): every length, from
    // every start, across those sums, as Qt's decoder counts.
    void codePointCountUtf8CountsEveryLength_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("ascii")
            << QStringLiteral("The ministry said on Tuesday that talks would resume. ").repeated(170);
        QTest::newRow("mixed") << QStringLiteral("¿parliament 😀 talks 📰 그리고 東京 café\u00A0“we” ").repeated(150);
        QTest::newRow("no ascii") << QStringLiteral("東京서울🌍éü“”").repeated(400);
    }
    void codePointCountUtf8CountsEveryLength()
    {
        QFETCH(QString, text);
        const QByteArray utf8 = text.toUtf8();
        QVERIFY(utf8.size() > 2 * 255 * 16); // past two sums of the lanes
        const auto boundary = [&utf8](qsizetype at) { return at == utf8.size() || (uchar(utf8[at]) & 0xC0) != 0x80; };
        for (qsizetype from = 0; from < 40; ++from) {
            if (!boundary(from)) {
                continue;
            }
            for (qsizetype to = from; to <= utf8.size(); to += to < from + 64 ? 1 : 37) {
                if (!boundary(to)) {
                    continue;
                }
                const QByteArrayView piece = QByteArrayView(utf8).sliced(from, to - from);
                QCOMPARE(Scholiast::codePointCountUtf8(piece), qint64(QString::fromUtf8(piece).toUcs4().size()));
            }
        }
    }
    // Counted eight units at a time, lanes summed every 4096 blocks (issue 17): every length,
    // from every start, across those sums, lone surrogates counted as the one code point each is.
    void codePointCountCountsEveryLength_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("ascii") << QStringLiteral("The ministry said on Tuesday. ").repeated(2300);
        QTest::newRow("an emoji every few") << QStringLiteral("talks 😀 東京 🌍📈 café ").repeated(3200);
        QTest::newRow("only emoji") << QStringLiteral("😀🌍📈𝐀").repeated(8300);
        const char16_t lone[] = {0xDC00, u'a', 0xD800, 0xDFFF, 0xDBFF, 0xE000, 0xDBFF, u'x'};
        QTest::newRow("lone surrogates") << QString::fromUtf16(lone, std::size(lone)).repeated(9000);
    }
    void codePointCountCountsEveryLength()
    {
        QFETCH(QString, text);
        QVERIFY(text.size() > 2 * 4096 * 8); // past two sums of the lanes
        const auto reference = [](QStringView piece) {
            qint64 count = 0;
            for (qsizetype i = 0; i < piece.size(); ++i) {
                count += QChar::isLowSurrogate(piece[i].unicode()) ? 0 : 1;
            }
            return count;
        };
        for (qsizetype from = 0; from < 20; ++from) {
            for (qsizetype to = from; to <= text.size(); to += to < from + 40 ? 1 : 997) {
                const QStringView piece = QStringView(text).sliced(from, to - from);
                QCOMPARE(Scholiast::codePointCount(piece), reference(piece));
            }
            const QStringView rest = QStringView(text).sliced(from);
            QCOMPARE(Scholiast::codePointCount(rest), reference(rest));
        }
    }
    // The writer steps over the document's bytes sixteen at a time (issue 17): from every code
    // point, every count forward and back, including past either end, lands where a walk one
    // code point at a time lands.
    void skipAndBackCodePointsUtf8_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("ascii") << QStringLiteral("The ministry said on Tuesday that talks would resume. ").repeated(2);
        QTest::newRow("mixed") << QStringLiteral("¿parliament 😀 talks 📰 그리고 東京 café\u00A0“we”\r\n").repeated(2);
        QTest::newRow("no ascii") << QStringLiteral("東京서울🌍éü“”").repeated(6);
        QTest::newRow("short") << QStringLiteral("a😀b");
        QTest::newRow("empty") << QString();
    }
    void skipAndBackCodePointsUtf8()
    {
        QFETCH(QString, text);
        const QByteArray utf8 = text.toUtf8();
        std::vector<qsizetype> starts; // where each code point starts, then the end
        for (qsizetype i = 0; i < utf8.size(); ++i) {
            if ((uchar(utf8[i]) & 0xC0) != 0x80) {
                starts.push_back(i);
            }
        }
        starts.push_back(utf8.size());
        const qint64 codePoints = qint64(starts.size()) - 1;
        const char *begin = utf8.constData();
        const char *end = begin + utf8.size();
        for (qint64 from = 0; from <= codePoints; ++from) {
            const char *at = begin + starts[size_t(from)];
            for (qint64 count = 0; count <= codePoints + 2; ++count) {
                const qint64 forward = std::min(from + count, codePoints);
                QCOMPARE(Scholiast::skipCodePointsUtf8(at, end, count) - begin, starts[size_t(forward)]);
                const qint64 back = std::max<qint64>(from - count, 0);
                QCOMPARE(Scholiast::backCodePointsUtf8(begin, at, count) - begin, starts[size_t(back)]);
            }
        }
    }
    // The check looks at sixteen bytes at a time (issue 17): in long texts of every mix, a change
    // to any one character, or one character more or less at either end, is found.
    void equalsUtf8FindsEveryDifference_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("ascii")
            << QStringLiteral("The ministry said on Tuesday that the talks would resume. ").repeated(3);
        QTest::newRow("an emoji every dozen")
            << QStringLiteral("parliament 😀 talks 📰 that exports campaign 𝐀 not Reuters 시장 🌍 announced ").repeated(3);
        QTest::newRow("runs of every length")
            << QStringLiteral("a🚀bc🌍def🚀ghij東klmnoépqrstu🌍vwxyzab.\r\nABCDEFGHIJKLMNOPQRS T").repeated(4);
        QTest::newRow("no ascii") << QStringLiteral("東京서울🌍éü“”").repeated(12);
    }
    void equalsUtf8FindsEveryDifference()
    {
        QFETCH(QString, text);
        QVERIFY(Scholiast::equalsUtf8(text, text.toUtf8()));
        const QList<uint> ucs4 = text.toUcs4();
        const std::u32string characters(ucs4.cbegin(), ucs4.cend());
        for (qsizetype k = 0; k < qsizetype(characters.size()); ++k) {
            for (const uint other : {uint('Z'), uint(0xE9), uint(0x6771), uint(0x1F600)}) {
                if (characters[size_t(k)] == other) {
                    continue;
                }
                std::u32string changed = characters;
                changed[size_t(k)] = char32_t(other);
                const QString changedText = QString::fromUcs4(changed.data(), qsizetype(changed.size()));
                QVERIFY2(!Scholiast::equalsUtf8(changedText, text.toUtf8()), qPrintable(QString::number(k)));
                QVERIFY2(!Scholiast::equalsUtf8(text, changedText.toUtf8()), qPrintable(QString::number(k)));
            }
        }
        const QString shorter = QString::fromUcs4(characters.data(), qsizetype(characters.size()) - 1);
        const QString later = QString::fromUcs4(characters.data() + 1, qsizetype(characters.size()) - 1);
        for (const QString &part : {shorter, later}) {
            QVERIFY(!Scholiast::equalsUtf8(part, text.toUtf8()));
            QVERIFY(!Scholiast::equalsUtf8(text, part.toUtf8()));
        }
        // Bytes that are not UTF-8 past the first blocks: compared as decoded.
        for (const QByteArray &bad : {QByteArray("\xC3"
                                                 "A"),
                                      QByteArray("\x80"), QByteArray("\xED\xA0\x80"), QByteArray("\xF0\x9F")}) {
            const QByteArray bytes = text.toUtf8() + bad + text.toUtf8();
            QVERIFY(Scholiast::equalsUtf8(textFromUtf8(bytes), bytes));
            QVERIFY(!Scholiast::equalsUtf8(QString(text + text), bytes));
        }
    }

    void equalsUtf8()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, utf8);
        QFETCH(bool, equal);
        QCOMPARE(Scholiast::equalsUtf8(text, utf8), equal);
        if (equal) {
            QCOMPARE(text, textFromUtf8(utf8)); // the same verdict as decoding first
        }
    }

    void fromText()
    {
        const Document doc = Document::fromText(QStringLiteral("a\U0001F600b"), QStringLiteral("x.txt"));
        QCOMPARE(doc.length(), 3);
        QCOMPARE(doc.fileName(), QStringLiteral("x.txt"));
        QCOMPARE(doc.slice(CodePoint(1), CodePoint(2)).toString(), QStringLiteral("\U0001F600"));
    }
};

QTEST_GUILESS_MAIN(DocumentTest)
#include "document_test.moc"
