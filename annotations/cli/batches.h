// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// What the corpus commands share (issue 20): a progress line on a terminal, and work done a batch
// of documents at a time on every core, so that memory holds one batch whatever the corpus size.
#pragma once

#include <QElapsedTimer>
#include <QString>
#include <QTextStream>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include <unistd.h>

namespace Scholiast::Cli {

/// "validate: 45% (4500 of 10000 documents), about 12 s left", redrawn in place at most five
/// times a second, only when stderr is a terminal (a log or a pipe gets no control characters).
class ProgressLine
{
public:
    ProgressLine(const QString &what, qsizetype total, QTextStream &err,
                 const QString &unit = QStringLiteral("documents"))
        : m_what(what)
        , m_unit(unit)
        , m_total(total)
        , m_err(err)
        , m_shown(isatty(STDERR_FILENO) == 1 && total > 1)
    {
        m_clock.start();
    }
    ~ProgressLine() { finish(); }
    Q_DISABLE_COPY_MOVE(ProgressLine)

    void step() { update(m_done + 1); }

    void update(qsizetype done)
    {
        m_done = done;
        if (!m_shown || (m_lastDraw >= 0 && m_clock.elapsed() - m_lastDraw < 200 && done < m_total)) {
            return;
        }
        m_lastDraw = m_clock.elapsed();
        QString line = QStringLiteral("%1: %2% (%3 of %4 %5)")
                           .arg(m_what)
                           .arg(done * 100 / m_total)
                           .arg(done)
                           .arg(m_total)
                           .arg(m_unit);
        if (done > 0 && done < m_total) {
            const qint64 left = m_clock.elapsed() * (m_total - done) / done / 1000;
            line += QStringLiteral(", about %1 s left").arg(left);
        }
        m_err << '\r' << line.leftJustified(m_width) << Qt::flush;
        m_width = std::max(m_width, line.size());
    }

    /// Clears the line, so that what follows starts at the left margin.
    void finish()
    {
        if (m_shown && m_lastDraw >= 0) {
            m_err << '\r' << QString(m_width, u' ') << '\r' << Qt::flush;
            m_lastDraw = -1;
        }
    }

private:
    QString m_what;
    QString m_unit;
    qsizetype m_total;
    qsizetype m_done = 0;
    QTextStream &m_err;
    bool m_shown;
    QElapsedTimer m_clock;
    qint64 m_lastDraw = -1;
    qsizetype m_width = 0;
};

/// The documents of a corpus held at once by a batch run.
inline constexpr qsizetype BatchSize = 64;

/// Runs `work(i)` for every i in [0, count), a batch at a time on every core, and hands each
/// result to `take(i, result)` in order on the calling thread: what is held at once is one batch
/// of results. `work` must be safe to run on several threads at once.
template <typename Result, typename Work, typename Take>
void inBatches(qsizetype count, ProgressLine &progress, Work work, Take take)
{
    const unsigned threads = std::max(1U, std::thread::hardware_concurrency());
    std::vector<Result> results;
    for (qsizetype first = 0; first < count; first += BatchSize) {
        const qsizetype size = std::min(BatchSize, count - first);
        results.clear();
        results.resize(size_t(size));
        std::atomic<qsizetype> next{0};
        const auto worker = [&] {
            for (qsizetype i = next++; i < size; i = next++) {
                results[size_t(i)] = work(first + i);
            }
        };
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < std::min<unsigned>(threads, unsigned(size)); ++t) {
            pool.emplace_back(worker);
        }
        worker();
        for (std::thread &t : pool) {
            t.join();
        }
        for (qsizetype i = 0; i < size; ++i) {
            take(first + i, results[size_t(i)]);
        }
        progress.update(first + size);
    }
    progress.finish();
}

} // namespace Scholiast::Cli
