// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "conllbio.h"

#include "utf8.h"

#include <algorithm>

namespace Scholiast::ConllBio {

using namespace Interchange;

namespace {

enum class Kind { Space, LineBreak, Word, Apostrophe, Other };

Kind kindOf(char32_t c)
{
    if (c == U'\n' || c == U'\r' || c == 0x2028 || c == 0x2029 || c == 0x0B || c == 0x0C || c == 0x85) {
        return Kind::LineBreak;
    }
    if (QChar::isSpace(c)) {
        return Kind::Space;
    }
    if (c == U'\'' || c == 0x2019) {
        return Kind::Apostrophe;
    }
    switch (QChar::category(c)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
    case QChar::Number_Other:
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
    case QChar::Punctuation_Connector:
        return Kind::Word;
    default:
        return Kind::Other;
    }
}

struct Cluster
{
    qint64 start; // code points
    qint64 end;
    Kind kind;
};

std::vector<Cluster> clusters(const Document &document)
{
    const QString &text = document.text();
    std::vector<Cluster> out;
    qsizetype from = 0;
    qint64 cp = 0;
    for (const qsizetype at : graphemeBoundaries(text)) {
        if (at == from) {
            continue;
        }
        const qint64 n = codePointCount(QStringView(text).sliced(from, at - from));
        const char32_t first = QChar::isHighSurrogate(text.at(from).unicode()) && from + 1 < text.size()
            ? QChar::surrogateToUcs4(text.at(from), text.at(from + 1))
            : text.at(from).unicode();
        out.push_back(Cluster{cp, cp + n, kindOf(first)});
        cp += n;
        from = at;
    }
    return out;
}

// Tokens plus, for each, whether a line break came before it (a sentence boundary).
std::vector<std::pair<Token, bool>> tokensWithBreaks(const Document &document)
{
    const auto cs = clusters(document);
    std::vector<std::pair<Token, bool>> out;
    bool pendingBreak = false;
    bool inWord = false;
    for (size_t i = 0; i < cs.size(); ++i) {
        const Cluster &c = cs[i];
        Kind kind = c.kind;
        if (kind == Kind::Apostrophe) {
            // An apostrophe between two word clusters belongs to the word: don't, Valley’s
            const bool joins = inWord && i + 1 < cs.size() && cs[i + 1].kind == Kind::Word;
            kind = joins ? Kind::Word : Kind::Other;
        }
        if (kind == Kind::Space || kind == Kind::LineBreak) {
            pendingBreak |= kind == Kind::LineBreak;
            inWord = false;
            continue;
        }
        if (kind == Kind::Word && inWord) {
            out.back().first.end = c.end;
            continue;
        }
        out.push_back({Token{c.start, c.end}, pendingBreak && !out.empty()});
        pendingBreak = false;
        inWord = kind == Kind::Word;
    }
    return out;
}

} // namespace

std::vector<Token> tokenize(const Document &document)
{
    std::vector<Token> out;
    for (const auto &[token, lineBreak] : tokensWithBreaks(document)) {
        Q_UNUSED(lineBreak)
        out.push_back(token);
    }
    return out;
}

std::optional<QByteArray> serialize(const QList<Item> &givenItems, const WriteOptions &options,
                                    Diagnostics &diagnostics)
{
    // "doccano" and "spacy" write one tag column (token TAB tag), as their CoNLL readers require;
    // the default one column per label, with offsets.
    const bool oneColumn = options.conllStyle == u"doccano" || options.conllStyle == u"spacy";
    const bool spacy = options.conllStyle == u"spacy";
    Stream alone; // the whole output in this one call
    Stream &stream = options.stream ? *options.stream : alone;
    const QList<Item> items = withContiguousSpans(givenItems, stream.losses, QStringLiteral("CoNLL BIO"));
    stream.losses.addDroppedFields(items, {}, QStringLiteral("CoNLL BIO"));
    // A corpus written in parts has its columns gathered by the caller first: every document's
    // header then names the same columns, as when it is written whole.
    QStringList &labels = stream.labels;
    for (const Item &item : items) {
        const LabelSchema schema = schemaFor(item.labels, item.spans);
        for (const Label &label : schema.labels()) {
            if (!labels.contains(label.name)) {
                labels << label.name;
            }
        }
    }
    qint64 overlapping = 0;
    qint64 widened = 0;
    qint64 empty = 0;
    QByteArray out;
    for (const Item &item : items) {
        const auto tokens = tokensWithBreaks(item.document);
        // tags[label][token]: 0 outside, 1 begin, 2 inside
        std::vector<std::vector<quint8>> tags(size_t(labels.size()), std::vector<quint8>(tokens.size(), 0));
        std::vector<quint8> merged(tokens.size(), 0); // one column: 0 outside, else 1 + label index
        for (const Annotation *a : sortedInFileOrder(item.spans)) {
            auto &column = oneColumn ? merged : tags[size_t(labels.indexOf(a->label))];
            // Tokens overlapping the span: binary search on the token starts and ends.
            const auto first = std::partition_point(tokens.begin(), tokens.end(),
                                                    [&](const auto &t) { return t.first.end <= a->start.value; });
            const auto last =
                std::partition_point(first, tokens.end(), [&](const auto &t) { return t.first.start < a->end.value; });
            if (first == last) {
                ++empty;
                continue;
            }
            const size_t from = size_t(first - tokens.begin());
            const size_t to = size_t(last - tokens.begin());
            if (std::any_of(column.begin() + qsizetype(from), column.begin() + qsizetype(to),
                            [](quint8 t) { return t != 0; })) {
                ++overlapping; // one BIO column holds one span per token
                continue;
            }
            if (first->first.start != a->start.value || (last - 1)->first.end != a->end.value) {
                ++widened;
            }
            column[from] = 1;
            for (size_t t = from + 1; t < to; ++t) {
                column[t] = 2;
            }
            if (oneColumn) {
                for (size_t t = from; t < to; ++t) {
                    tags[size_t(labels.indexOf(a->label))][t] = column[t];
                }
            }
        }
        if (oneColumn) {
            const QString &text = item.document.text();
            if (spacy) {
                out.append("-DOCSTART- -X- O O\n"); // spaCy's document delimiter; no comment lines
            } else if (stream.bytesBefore > 0 || !out.isEmpty()) {
                out.append('\n'); // doccano: one example per blank-line-separated block
            }
            bool sentenceOpen = false;
            for (size_t t = 0; t < tokens.size(); ++t) {
                const auto &[token, lineBreak] = tokens[t];
                QByteArray tag = "O";
                for (qsizetype l = 0; l < labels.size(); ++l) {
                    if (const quint8 v = tags[size_t(l)][t]) {
                        tag = (v == 1 ? "B-" : "I-") + labels[l].toUtf8();
                    }
                }
                // spaCy: a sentence per line of the text, blank-line separated, except inside a span
                // (spaCy reads the tags of each sentence apart and would cut the entity in two).
                if (spacy && (t == 0 || (lineBreak && !tag.startsWith("I-")))) {
                    out.append('\n');
                }
                sentenceOpen = true;
                const qint64 u0 = item.document.toUtf16(CodePoint(token.start)).value;
                const qint64 u1 = item.document.toUtf16(CodePoint(token.end)).value;
                out.append(QStringView(text).mid(u0, u1 - u0).toUtf8());
                out.append('\t' + tag + '\n');
            }
            if (spacy && sentenceOpen) {
                out.append('\n');
            }
            continue;
        }
        if (stream.bytesBefore > 0 || !out.isEmpty()) {
            out.append('\n');
        }
        out.append("# document: " + item.name.toUtf8() + "\n# columns: token start end");
        for (const QString &label : labels) {
            out.append(' ' + label.toUtf8());
        }
        out.append('\n');
        const QString &text = item.document.text();
        for (size_t t = 0; t < tokens.size(); ++t) {
            const auto &[token, lineBreak] = tokens[t];
            if (lineBreak) {
                out.append('\n');
            }
            const qint64 u0 = item.document.toUtf16(CodePoint(token.start)).value;
            const qint64 u1 = item.document.toUtf16(CodePoint(token.end)).value;
            out.append(QStringView(text).mid(u0, u1 - u0).toUtf8());
            out.append('\t' + QByteArray::number(token.start) + '\t' + QByteArray::number(token.end));
            for (qsizetype l = 0; l < labels.size(); ++l) {
                const quint8 tag = tags[size_t(l)][t];
                out.append(tag == 0 ? QByteArray("\tO") : (tag == 1 ? "\tB-" : "\tI-") + labels[l].toUtf8());
            }
            out.append('\n');
        }
    }
    stream.losses.add(QString(), overlapping, [oneColumn](qint64 n) {
        return oneColumn ? QStringLiteral("%1 spans overlap an earlier span and are not in the BIO output (one tag "
                                          "column: one span per token)")
                               .arg(n)
                         : QStringLiteral("%1 spans overlap an earlier span of the same label and are not in the BIO "
                                          "output (each label has its own column; one span per token in it)")
                               .arg(n);
    });
    stream.losses.add(QString(), widened, [](qint64 n) {
        return QStringLiteral("%1 spans start or end inside a token and were widened to whole tokens").arg(n);
    });
    stream.losses.add(QString(), empty, [](qint64 n) {
        return QStringLiteral("%1 spans cover only white space and have no token to tag").arg(n);
    });
    return finishWrite(std::move(out), stream, options, diagnostics);
}

} // namespace Scholiast::ConllBio
