// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Does every span need its 32 code points of context (issue 17)? Re-anchoring on edited documents
// with the context Scholiast writes today (every span), with context only where the span's text
// is not unique in the document, and with none; and what each costs in sidecar bytes
// (docs/PERFORMANCE.md, "Context: every span, or only where the text repeats").
//
// The document is news-like and generated here: articles of sentences, quotes, and the web
// boilerplate that repeats in every article. It is kept as a structure (articles, paragraphs,
// sentences, each sentence with an id) so that after an edit the right place of every span is
// known exactly, not guessed: the truth the outcomes are scored against.
//
//   context_reanchor [articles]      (default 300: about 0.5 MB, 7,000 spans)
//   WHY=1 context_reanchor ...       also prints every span placed in the wrong place
#include "document.h"
#include "formats/scholiastjson.h"
#include "generate.h"
#include "labelschema.h"
#include "reliability/reanchor.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>

#include <cstdio>
#include <functional>
#include <optional>
#include <vector>

using namespace Scholiast;

namespace {

const QStringList Words = {
    QStringLiteral("minister"), QStringLiteral("council"),  QStringLiteral("budget"),   QStringLiteral("harbour"),
    QStringLiteral("election"), QStringLiteral("farmers"),  QStringLiteral("prices"),   QStringLiteral("rose"),
    QStringLiteral("fell"),     QStringLiteral("sharply"),  QStringLiteral("on"),       QStringLiteral("Monday"),
    QStringLiteral("the"),      QStringLiteral("a"),        QStringLiteral("new"),      QStringLiteral("report"),
    QStringLiteral("said"),     QStringLiteral("that"),     QStringLiteral("water"),    QStringLiteral("rail"),
    QStringLiteral("strike"),   QStringLiteral("talks"),    QStringLiteral("in"),       QStringLiteral("Zürich"),
    QStringLiteral("Kraków"),   QStringLiteral("서울"),     QStringLiteral("東京"),     QStringLiteral("exports"),
    QStringLiteral("grew"),     QStringLiteral("by"),       QStringLiteral("percent"),  QStringLiteral("after"),
    QStringLiteral("weeks"),    QStringLiteral("of"),       QStringLiteral("rain"),     QStringLiteral("court"),
    QStringLiteral("ruled"),    QStringLiteral("against"),  QStringLiteral("plan"),     QStringLiteral("to"),
    QStringLiteral("close"),    QStringLiteral("hospital"), QStringLiteral("wards"),    QStringLiteral("schools"),
    QStringLiteral("opened"),   QStringLiteral("late"),     QStringLiteral("ferry"),    QStringLiteral("routes"),
    QStringLiteral("wind"),     QStringLiteral("farm"),     QStringLiteral("approved"), QStringLiteral("\u00A0km"),
    QStringLiteral("mayor"),    QStringLiteral("📈"),
};
const QStringList Names = {QStringLiteral("Ana Ruiz"), QStringLiteral("Kim Min-ji"), QStringLiteral("Olu Bello"),
                           QStringLiteral("Jan Nowak"), QStringLiteral("Lea Weber")};
// The lines a page repeats around every article: what a boilerplate label is for, and text that
// is never unique.
const QStringList Boilerplate = {
    QStringLiteral("Share this article"),
    QStringLiteral("Sign up for our morning newsletter"),
    QStringLiteral("Advertisement"),
    QStringLiteral("Read more: the week in pictures"),
    QStringLiteral("© 2026 The Example Courier. All rights reserved."),
};

struct Sentence
{
    int id; // the same in a copy of it: a copy is told apart by `copy`
    QString text;
    bool boilerplate = false;
    bool copy = false;
    int editedFrom = -1; // where a word was replaced (code points into the text), else -1
    int editedTo = -1;
};
using Paragraph = QList<Sentence>;
using Article = QList<Paragraph>;
using Corpus = QList<Article>;

struct SpanTruth
{
    int sentence; // id
    qint64 offset; // code points into the sentence
    qint64 length;
    QString label;
};

qint64 codePoints(QStringView s)
{
    qint64 n = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        n += s[i].isLowSurrogate() ? 0 : 1;
    }
    return n;
}

class Generator
{
public:
    // Sentences an edit adds take ids from `firstId` on, apart from the original's.
    explicit Generator(quint64 seed, int firstId = 0)
        : m_random(seed)
        , m_nextId(firstId)
    {
    }
    Bench::Random &random() { return m_random; }

    QString word() { return Words[m_random.between(0, Words.size() - 1)]; }
    QString words(int n)
    {
        QStringList out;
        for (int i = 0; i < n; ++i) {
            out << word();
        }
        return out.join(u' ');
    }
    Sentence sentence()
    {
        QString text;
        if (m_random.chance(0.3)) {
            text = QStringLiteral("\u201C%1,\u201D said %2.")
                       .arg(words(int(m_random.between(5, 12))), Names[m_random.between(0, Names.size() - 1)]);
        } else {
            text = words(int(m_random.between(6, 18)));
            text[0] = text[0].toUpper();
            text += u'.';
        }
        return Sentence{m_nextId++, text};
    }
    Sentence boilerplate(int which) { return Sentence{m_nextId++, Boilerplate[which], true}; }
    Paragraph paragraph()
    {
        Paragraph p;
        const int n = int(m_random.between(2, 6));
        for (int i = 0; i < n; ++i) {
            p << sentence();
        }
        return p;
    }
    Article article()
    {
        Article a;
        a << Paragraph{Sentence{m_nextId++, words(int(m_random.between(4, 8))).toUpper()}}; // headline
        a << Paragraph{boilerplate(0)};
        const int n = int(m_random.between(3, 8));
        for (int i = 0; i < n; ++i) {
            a << paragraph();
            if (i == 1) {
                a << Paragraph{boilerplate(2)};
            }
        }
        a << Paragraph{boilerplate(1)} << Paragraph{boilerplate(3)} << Paragraph{boilerplate(4)};
        return a;
    }

private:
    Bench::Random m_random;
    int m_nextId;
};

// Where each sentence was put when the corpus was written out (its original, not a copy).
struct Rendered
{
    QString text;
    QHash<int, qint64> start; // sentence id -> code point offset
};

Rendered render(const Corpus &corpus)
{
    Rendered out;
    qint64 at = 0;
    const auto add = [&](const QString &s) {
        out.text += s;
        at += codePoints(s);
    };
    for (qsizetype a = 0; a < corpus.size(); ++a) {
        if (a > 0) {
            add(QStringLiteral("\n\n"));
        }
        for (qsizetype p = 0; p < corpus[a].size(); ++p) {
            if (p > 0) {
                add(QStringLiteral("\n"));
            }
            for (qsizetype s = 0; s < corpus[a][p].size(); ++s) {
                if (s > 0) {
                    add(QStringLiteral(" "));
                }
                const Sentence &sentence = corpus[a][p][s];
                if (!sentence.copy) {
                    out.start.insert(sentence.id, at);
                }
                add(sentence.text);
            }
        }
    }
    return out;
}

// The spans an annotator would make: claims (whole sentences), quotes (the words inside the
// quotation marks), boilerplate lines, and short names of things ("Monday", "budget").
std::vector<SpanTruth> annotate(const Corpus &corpus, Bench::Random &random)
{
    std::vector<SpanTruth> spans;
    for (const Article &article : corpus) {
        for (const Paragraph &paragraph : article) {
            for (const Sentence &s : paragraph) {
                const qint64 length = codePoints(s.text);
                if (s.boilerplate) {
                    if (random.chance(0.8)) {
                        spans.push_back({s.id, 0, length, QStringLiteral("boilerplate")});
                    }
                    continue;
                }
                if (s.text.startsWith(u'\u201C')) {
                    const qsizetype close = s.text.indexOf(u'\u201D');
                    spans.push_back(
                        {s.id, 1, codePoints(QStringView(s.text).mid(1, close - 2)), QStringLiteral("quote")});
                } else if (random.chance(0.4)) {
                    spans.push_back({s.id, 0, length, QStringLiteral("claim")});
                }
                if (random.chance(0.3)) {
                    const QStringList words = s.text.split(u' ');
                    const qsizetype w = random.between(0, words.size() - 1);
                    qsizetype from = 0;
                    for (qsizetype i = 0; i < w; ++i) {
                        from += words[i].size() + 1;
                    }
                    const QString word = words[w].endsWith(u'.') ? words[w].chopped(1) : words[w];
                    if (!word.isEmpty() && !word.contains(u'\u201C') && !word.contains(u'\u201D')) {
                        spans.push_back({s.id, codePoints(QStringView(s.text).left(from)), codePoints(word),
                                         QStringLiteral("entity")});
                    }
                }
            }
        }
    }
    return spans;
}

// --- The edits --------------------------------------------------------------------------------

// A place for a paragraph among an article's own: after its headline and top line, before the
// three lines of its footer.
qsizetype bodyPlace(const Article &article, Generator &g)
{
    return g.random().between(2, article.size() - 3);
}

void replaceWords(Corpus &corpus, Generator &g, double p)
{
    for (Article &article : corpus) {
        for (Paragraph &paragraph : article) {
            for (Sentence &s : paragraph) {
                if (s.boilerplate || !g.random().chance(p)) {
                    continue;
                }
                // A word for another of the same length: the sentence keeps its length, so the
                // spans around the change keep their offsets within it.
                const QStringList words = s.text.split(u' ');
                const qsizetype w = g.random().between(0, words.size() - 1);
                const QString &old = words[w];
                if (old.contains(u'\u201C') || old.contains(u'\u201D') || old.endsWith(u'.')) {
                    continue;
                }
                const auto sameLength = [&old](const QString &other) {
                    return other.size() == old.size() && codePoints(other) == codePoints(old);
                };
                QString replacement;
                for (int tries = 0; tries < 40 && !sameLength(replacement); ++tries) {
                    replacement = g.word();
                }
                if (!sameLength(replacement) || replacement == old) {
                    continue;
                }
                qsizetype from = 0;
                for (qsizetype i = 0; i < w; ++i) {
                    from += words[i].size() + 1;
                }
                s.text.replace(from, replacement.size(), replacement);
                s.editedFrom = int(codePoints(QStringView(s.text).left(from)));
                s.editedTo = s.editedFrom + int(codePoints(replacement));
            }
        }
    }
}

void insertSentences(Corpus &corpus, Generator &g, double p)
{
    for (Article &article : corpus) {
        for (Paragraph &paragraph : article) {
            if (paragraph.constFirst().boilerplate || !g.random().chance(p)) {
                continue;
            }
            paragraph.insert(g.random().between(0, paragraph.size()), g.sentence());
        }
        if (g.random().chance(p)) {
            article.insert(bodyPlace(article, g), g.paragraph());
        }
    }
}

void deleteParts(Corpus &corpus, Generator &g, double p)
{
    for (Article &article : corpus) {
        for (qsizetype i = article.size() - 1; i >= 1; --i) {
            Paragraph &paragraph = article[i];
            if (paragraph.constFirst().boilerplate) {
                continue;
            }
            if (g.random().chance(p)) {
                article.removeAt(i);
                continue;
            }
            for (qsizetype s = paragraph.size() - 1; s >= 0 && paragraph.size() > 1; --s) {
                if (g.random().chance(p)) {
                    paragraph.removeAt(s);
                }
            }
        }
    }
}

void moveParagraphs(Corpus &corpus, Generator &g, double p)
{
    std::vector<Paragraph> moving;
    for (Article &article : corpus) {
        for (qsizetype i = article.size() - 1; i >= 2; --i) {
            if (!article[i].constFirst().boilerplate && g.random().chance(p)) {
                moving.push_back(article.takeAt(i));
            }
        }
    }
    for (Paragraph &paragraph : moving) {
        Article &to = corpus[g.random().between(0, corpus.size() - 1)];
        to.insert(bodyPlace(to, g), paragraph);
    }
}

// A paragraph quoted again in another article: every text in it is no longer unique.
void copyParagraphs(Corpus &corpus, Generator &g, double p)
{
    std::vector<Paragraph> copies;
    for (const Article &article : corpus) {
        for (qsizetype i = 2; i < article.size(); ++i) {
            if (!article[i].constFirst().boilerplate && g.random().chance(p)) {
                Paragraph copy = article[i];
                for (Sentence &s : copy) {
                    s.copy = true;
                }
                copies.push_back(copy);
            }
        }
    }
    for (const Paragraph &paragraph : copies) {
        Article &to = corpus[g.random().between(0, corpus.size() - 1)];
        to.insert(bodyPlace(to, g), paragraph);
    }
}

// A site redesign: one more boilerplate line in every article, the footer's order changed.
void changeBoilerplate(Corpus &corpus, Generator &g)
{
    for (Article &article : corpus) {
        article.insert(2, Paragraph{g.boilerplate(3)});
        std::swap(article[article.size() - 1], article[article.size() - 3]);
    }
}

struct Scenario
{
    const char *name;
    std::function<void(Corpus &, Generator &)> edit;
};

// --- Scoring ----------------------------------------------------------------------------------

enum class Context { Every, WhereRepeated, None };

struct Score
{
    qsizetype right = 0; // placed where the truth says, or orphaned when its text is gone
    qsizetype wrong = 0; // placed elsewhere, or placed when its text is gone
    qsizetype orphaned = 0; // orphaned while its text is still there
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int articles = argc > 1 ? std::atoi(argv[1]) : 300;

    Generator generator(Bench::DefaultSeed);
    Corpus original;
    for (int i = 0; i < articles; ++i) {
        original << generator.article();
    }
    const Rendered before = render(original);
    const Document document = Document::fromText(before.text, QStringLiteral("news.txt"));
    Bench::Random spanRandom(Bench::DefaultSeed + 1);
    const std::vector<SpanTruth> truths = annotate(original, spanRandom);

    // The spans as saved, with each context policy.
    QList<Annotation> spans[3];
    qsizetype repeated = 0;
    for (const SpanTruth &t : truths) {
        const qint64 start = before.start.value(t.sentence) + t.offset;
        Annotation a(CodePoint(start), CodePoint(start + t.length), t.label);
        a.id = QString::number(qsizetype(spans[0].size()));
        a.setTextFromDocument(document);
        const QString text = a.text();
        const qsizetype first = before.text.indexOf(text);
        const bool unique = before.text.indexOf(text, first + 1) < 0;
        repeated += unique ? 0 : 1;
        const QString prefix =
            document.slice(CodePoint(std::max<qint64>(0, start - Annotation::ContextLength)), CodePoint(start))
                .toString();
        const QString suffix =
            document
                .slice(CodePoint(start + t.length),
                       CodePoint(std::min(document.length(), start + t.length + Annotation::ContextLength)))
                .toString();
        for (int c = 0; c < 3; ++c) {
            Annotation copy = a;
            copy.setText(text);
            if (c == int(Context::Every) || (c == int(Context::WhereRepeated) && !unique)) {
                copy.setContext(prefix, suffix);
            }
            spans[c].append(copy);
        }
    }

    // What each policy writes: the sidecar without its document, so that the context written is
    // the context held (as for a span that no longer fits).
    qsizetype bytes[3];
    for (int c = 0; c < 3; ++c) {
        ScholiastJson::Sidecar sidecar;
        sidecar.documentName = QStringLiteral("news.txt");
        sidecar.documentSha256 = QString::fromLatin1(QByteArray(64, '0'));
        sidecar.documentLength = document.length();
        sidecar.labels = LabelSchema::defaultSchema();
        sidecar.annotations = spans[c];
        bytes[c] = ScholiastJson::serialize(sidecar).size();
    }
    std::printf("document: %d articles, %lld code points; %zu spans, %lld (%.1f %%) with a text that repeats\n",
                articles, qlonglong(document.length()), truths.size(), qlonglong(repeated),
                100.0 * double(repeated) / double(truths.size()));
    std::printf("sidecar bytes: context on every span %lld; only where the text repeats %lld (%.1f %%); none "
                "%lld (%.1f %%)\n\n",
                qlonglong(bytes[0]), qlonglong(bytes[1]), 100.0 * double(bytes[1]) / double(bytes[0]),
                qlonglong(bytes[2]), 100.0 * double(bytes[2]) / double(bytes[0]));

    const std::vector<Scenario> scenarios = {
        {"words replaced (5 % of sentences)", [](Corpus &c, Generator &g) { replaceWords(c, g, 0.05); }},
        {"sentences and paragraphs inserted", [](Corpus &c, Generator &g) { insertSentences(c, g, 0.15); }},
        {"sentences and paragraphs deleted", [](Corpus &c, Generator &g) { deleteParts(c, g, 0.05); }},
        {"paragraphs moved (3 %)", [](Corpus &c, Generator &g) { moveParagraphs(c, g, 0.03); }},
        {"paragraphs quoted again elsewhere (3 %)", [](Corpus &c, Generator &g) { copyParagraphs(c, g, 0.03); }},
        {"boilerplate redesigned", [](Corpus &c, Generator &g) { changeBoilerplate(c, g); }},
        {"all of the above",
         [](Corpus &c, Generator &g) {
             replaceWords(c, g, 0.05);
             insertSentences(c, g, 0.15);
             deleteParts(c, g, 0.05);
             moveParagraphs(c, g, 0.03);
             copyParagraphs(c, g, 0.03);
             changeBoilerplate(c, g);
         }},
    };
    const char *policyNames[3] = {"every span", "where repeated", "none"};
    std::printf("| edit | context | right | wrong place | orphaned, text still there | re-anchor time |\n");
    std::printf("|---|---|---|---|---|---|\n");
    for (const Scenario &scenario : scenarios) {
        Corpus edited = original;
        Generator editing(Bench::DefaultSeed + 7, 1 << 30);
        scenario.edit(edited, editing);
        const Rendered after = render(edited);
        const Document changed = Document::fromText(after.text, QStringLiteral("news.txt"));
        // The truth: where each sentence's original now is, and whether the span's words changed.
        QHash<int, const Sentence *> sentences;
        for (const Article &article : edited) {
            for (const Paragraph &paragraph : article) {
                for (const Sentence &s : paragraph) {
                    if (!s.copy) {
                        sentences.insert(s.id, &s);
                    }
                }
            }
        }
        for (int c = 0; c < 3; ++c) {
            QElapsedTimer timer;
            timer.start();
            const Reanchor::Result result = Reanchor::reanchor(spans[c], changed);
            const qint64 ms = timer.elapsed();
            Score score;
            for (size_t i = 0; i < truths.size(); ++i) {
                const SpanTruth &t = truths[i];
                const Annotation &placed = result.spans[qsizetype(i)];
                const Sentence *s = sentences.value(t.sentence);
                if (!s) {
                    (placed.isOrphan() ? score.right : score.wrong) += 1;
                    continue;
                }
                if (placed.isOrphan()) {
                    ++score.orphaned;
                    continue;
                }
                const qint64 sentenceStart = after.start.value(t.sentence);
                const bool touched =
                    s->editedFrom >= 0 && s->editedFrom < t.offset + t.length && t.offset < s->editedTo;
                const bool right = touched
                    ? placed.start.value < sentenceStart + codePoints(s->text) && sentenceStart < placed.end.value
                    : placed.start.value == sentenceStart + t.offset;
                (right ? score.right : score.wrong) += 1;
                if (!right && qEnvironmentVariableIsSet("WHY")) {
                    std::printf("  WRONG %s c%d %s %s exp %lld got %lld outcome %s text [%s] touched %d\n",
                                scenario.name, c, qPrintable(t.label), qPrintable(placed.id),
                                qlonglong(sentenceStart + t.offset), qlonglong(placed.start.value),
                                qPrintable(Reanchor::outcomeName(result.placements[qsizetype(i)].outcome)),
                                qPrintable(spans[c][qsizetype(i)].text()), int(touched));
                }
            }
            const double n = double(truths.size());
            std::printf("| %s | %s | %.2f %% | %lld (%.2f %%) | %lld (%.2f %%) | %lld ms |\n", scenario.name,
                        policyNames[c], 100.0 * double(score.right) / n, qlonglong(score.wrong),
                        100.0 * double(score.wrong) / n, qlonglong(score.orphaned), 100.0 * double(score.orphaned) / n,
                        qlonglong(ms));
        }
    }
    return 0;
}
