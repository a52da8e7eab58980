// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// `validate FOLDER` and `stats FOLDER` (issue 20): a corpus read document by document, in batches
// on every core, memory bounded by a batch whatever the corpus size, progress on a terminal.
#include "cli.h"

#include "corpus.h"
#include "document.h"
#include "scholiastjson.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

#include <unistd.h>

namespace Scholiast::Cli {

namespace {

// "validate: 45% (4500 of 10000 documents), about 12 s left", redrawn in place at most five
// times a second, only when stderr is a terminal (a log or a pipe gets no control characters).
class ProgressLine
{
public:
    ProgressLine(const char *command, qsizetype total, QTextStream &err)
        : m_command(command)
        , m_total(total)
        , m_err(err)
        , m_shown(isatty(STDERR_FILENO) == 1 && total > 0)
    {
        m_clock.start();
    }

    void update(qsizetype done)
    {
        if (!m_shown || (m_lastDraw >= 0 && m_clock.elapsed() - m_lastDraw < 200 && done < m_total)) {
            return;
        }
        m_lastDraw = m_clock.elapsed();
        QString line = QStringLiteral("%1: %2% (%3 of %4 documents)")
                           .arg(QLatin1String(m_command))
                           .arg(done * 100 / m_total)
                           .arg(done)
                           .arg(m_total);
        if (done > 0 && done < m_total) {
            const qint64 left = m_clock.elapsed() * (m_total - done) / done / 1000;
            line += QStringLiteral(", about %1 s left").arg(left);
        }
        m_err << '\r' << line.leftJustified(m_width) << Qt::flush;
        m_width = std::max(m_width, line.size());
    }

    void finish()
    {
        if (m_shown && m_lastDraw >= 0) {
            m_err << '\r' << QString(m_width, u' ') << '\r' << Qt::flush;
        }
    }

private:
    const char *m_command;
    qsizetype m_total;
    QTextStream &m_err;
    bool m_shown;
    QElapsedTimer m_clock;
    qint64 m_lastDraw = -1;
    qsizetype m_width = 0;
};

// Runs `work` on every entry, a batch at a time on every core, and hands each result to `take`
// in corpus order: what is held at once is one batch of results, not the corpus.
template<typename Result, typename Work, typename Take>
void forEachDocument(const QList<Corpus::Entry> &entries, ProgressLine &progress, Work work, Take take)
{
    constexpr qsizetype Batch = 64;
    const unsigned threads = std::max(1U, std::thread::hardware_concurrency());
    std::vector<Result> results;
    for (qsizetype first = 0; first < entries.size(); first += Batch) {
        const qsizetype count = std::min(Batch, entries.size() - first);
        results.assign(size_t(count), Result());
        std::atomic<qsizetype> next{0};
        const auto worker = [&] {
            for (qsizetype i = next++; i < count; i = next++) {
                results[size_t(i)] = work(entries.at(first + i));
            }
        };
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < std::min<unsigned>(threads, unsigned(count)); ++t) {
            pool.emplace_back(worker);
        }
        worker();
        for (std::thread &t : pool) {
            t.join();
        }
        for (qsizetype i = 0; i < count; ++i) {
            take(entries.at(first + i), results[size_t(i)]);
        }
        progress.update(first + count);
    }
    progress.finish();
}

// The documents of a folder that have a sidecar.
QList<Corpus::Entry> annotatedDocuments(const QString &folder)
{
    QList<Corpus::Entry> entries = Corpus::listDocuments(folder);
    entries.removeIf([](const Corpus::Entry &e) { return !QFileInfo::exists(ScholiastJson::sidecarPath(e.documentPath)); });
    return entries;
}

struct Checked
{
    QString problems; // the diagnostics, one per line
    bool valid = false;
    qint64 spans = 0;
    // stats: spans and covered code points per label
    std::map<QString, std::pair<qint64, std::vector<std::pair<qint64, qint64>>>> labels;
    qint64 length = 0;
    qint64 covered = 0;
};

Checked check(const Corpus::Entry &entry, bool withStats)
{
    Checked result;
    Diagnostics diagnostics;
    const auto document = Document::load(entry.documentPath, diagnostics);
    std::optional<ScholiastJson::Sidecar> sidecar;
    if (document) {
        ScholiastJson::ReadOptions options;
        options.spansOnly = true; // checked all the same; the text is not kept
        sidecar = ScholiastJson::read(ScholiastJson::sidecarPath(entry.documentPath), diagnostics, &*document, options);
    }
    for (const Diagnostic &d : std::as_const(diagnostics)) {
        result.problems += d.toString() + u'\n';
    }
    result.valid = sidecar.has_value();
    if (!sidecar) {
        return result;
    }
    result.spans = sidecar->annotations.size();
    result.length = document->length();
    if (withStats) {
        std::vector<std::pair<qint64, qint64>> all;
        for (const Label &label : sidecar->labels.labels()) {
            result.labels[label.name];
        }
        for (const Annotation &a : std::as_const(sidecar->annotations)) {
            auto &slot = result.labels[a.label];
            ++slot.first;
            slot.second.emplace_back(a.start, a.end);
            all.emplace_back(a.start, a.end);
        }
        result.covered = coveredLength(std::move(all));
    }
    return result;
}

} // namespace

int validateFolder(const QString &folder, QTextStream &out, QTextStream &err)
{
    const QList<Corpus::Entry> entries = annotatedDocuments(folder);
    ProgressLine progress("validate", entries.size(), err);
    qsizetype valid = 0;
    qint64 spans = 0;
    forEachDocument<Checked>(entries, progress, [](const Corpus::Entry &e) { return check(e, false); },
                             [&](const Corpus::Entry &, const Checked &r) {
                                 err << r.problems;
                                 valid += r.valid ? 1 : 0;
                                 spans += r.spans;
                             });
    out << folder << ": " << valid << " of " << entries.size() << " annotated documents valid, " << spans
        << " annotations\n";
    return valid == entries.size() ? Ok : Invalid;
}

int statsFolder(const QString &folder, bool json, QTextStream &out, QTextStream &err)
{
    const QList<Corpus::Entry> entries = annotatedDocuments(folder);
    ProgressLine progress("stats", entries.size(), err);
    qsizetype read = 0;
    qint64 spans = 0;
    qint64 length = 0;
    qint64 coveredTotal = 0;
    std::map<QString, std::pair<qint64, qint64>> labels; // count, covered
    forEachDocument<Checked>(entries, progress, [](const Corpus::Entry &e) { return check(e, true); },
                             [&](const Corpus::Entry &, const Checked &r) {
                                 err << r.problems;
                                 if (!r.valid) {
                                     return;
                                 }
                                 ++read;
                                 spans += r.spans;
                                 length += r.length;
                                 coveredTotal += r.covered;
                                 for (const auto &[name, ranges] : r.labels) {
                                     labels[name].first += ranges.first;
                                     labels[name].second += coveredLength(ranges.second);
                                 }
                             });
    if (json) {
        QJsonObject perLabel;
        for (const auto &[name, counts] : labels) {
            perLabel.insert(name, QJsonObject{{QStringLiteral("count"), counts.first}, {QStringLiteral("covered"), counts.second}});
        }
        const QJsonObject result{{QStringLiteral("folder"), folder},
                                 {QStringLiteral("documents"), read},
                                 {QStringLiteral("unreadable"), entries.size() - read},
                                 {QStringLiteral("length"), length},
                                 {QStringLiteral("annotations"), spans},
                                 {QStringLiteral("covered"), coveredTotal},
                                 {QStringLiteral("labels"), perLabel}};
        out << QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented));
    } else {
        out << folder << ": " << read << " documents, " << spans << " annotations, " << coveredTotal << " of " << length
            << " code points covered\n";
        qsizetype width = 5;
        for (const auto &entry : labels) {
            width = std::max(width, entry.first.size());
        }
        out << QStringLiteral("label").leftJustified(width) << "  count  covered\n";
        for (const auto &[name, counts] : labels) {
            out << name.leftJustified(width) << "  " << QString::number(counts.first).rightJustified(5) << "  "
                << QString::number(counts.second).rightJustified(7) << '\n';
        }
    }
    return read == entries.size() ? Ok : Invalid;
}

} // namespace Scholiast::Cli
