// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "modelcommand.h"

#include "filepolicy.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QProcess>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cmath>

#include <fcntl.h>
#include <poll.h>
#include <sys/types.h>
#include <unistd.h>

namespace Scholiast::Suggest {

QString modelName(const QString &command)
{
    const QStringList words = QProcess::splitCommand(command);
    for (auto it = words.crbegin(); it != words.crend(); ++it) {
        if (!it->startsWith(u'-') || it == std::prev(words.crend())) {
            const QString name = QFileInfo(*it).completeBaseName();
            if (!name.isEmpty()) {
                return name;
            }
        }
    }
    return QStringLiteral("command");
}

namespace {

constexpr int PollMs = 50;
constexpr qsizetype MaxReasonLength = 2000;
// What is kept of a model's error output for the message: its end (issue 14).
constexpr qsizetype StderrKept = 64 * 1024;

class Run
{
public:
    Run(const ModelOptions &options, const QList<ModelInput> &inputs, const Progress &progress)
        : m_options(options)
        , m_inputs(inputs)
        , m_progress(progress)
        , m_name(options.name.isEmpty() ? modelName(options.command) : options.name)
    {
        m_result.spans.resize(inputs.size());
    }
    ~Run()
    {
        stop();
        if (m_errorRead >= 0) {
            ::close(m_errorRead);
        }
    }
    Q_DISABLE_COPY_MOVE(Run)

    ModelResult run()
    {
        const QStringList words = QProcess::splitCommand(m_options.command);
        if (words.isEmpty()) {
            m_result.diagnostics.append(Diagnostic::error(QString(), QStringLiteral("the model command is empty")));
            return std::move(m_result);
        }
        if (m_inputs.isEmpty()) {
            m_result.ok = true;
            return std::move(m_result);
        }
        m_process.setProgram(words.first());
        m_process.setArguments(words.mid(1));
        // Its own process group, so that a timeout ends the children it started too; its error
        // output on a pipe of our own, read as it comes and never piled up in QProcess's buffer,
        // which fills unbounded while waiting for standard output (issue 14).
        int errorPipe[2] = {-1, -1};
        if (::pipe2(errorPipe, O_CLOEXEC) == 0) {
            m_errorRead = errorPipe[0];
            ::fcntl(m_errorRead, F_SETFL, ::fcntl(m_errorRead, F_GETFL) | O_NONBLOCK);
            m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            const int errorWrite = errorPipe[1];
            m_process.setChildProcessModifier([errorWrite] {
                ::setpgid(0, 0);
                ::dup2(errorWrite, STDERR_FILENO); // dup2 clears close-on-exec on the copy
            });
        } else {
            m_process.setChildProcessModifier([] { ::setpgid(0, 0); });
        }
        m_process.start();
        if (errorPipe[1] >= 0) {
            ::close(errorPipe[1]);
        }
        if (!m_process.waitForStarted(m_options.timeoutMs)) {
            fail(0, QStringLiteral("cannot start: %1").arg(m_process.errorString()));
            m_result.spans.clear();
            return std::move(m_result);
        }
        m_group = pid_t(m_process.processId());
        for (const ModelInput &input : m_inputs) {
            QJsonArray labels;
            for (const QString &label : input.labels) {
                labels.append(label);
            }
            const QJsonObject line{{QStringLiteral("id"), input.id},
                                   {QStringLiteral("text"), input.document.text()},
                                   {QStringLiteral("labels"), labels}};
            m_process.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
        }
        m_process.closeWriteChannel();
        readAnswers();
        stop();
        m_result.ok = !m_result.cancelled && !hasErrors(m_result.diagnostics);
        if (!m_result.ok) {
            m_result.spans.clear();
        }
        return std::move(m_result);
    }

private:
    QString describe() const { return QStringLiteral("model command \"%1\"").arg(m_options.command); }

    // Error output is read all along (so that the command never blocks on it) but only its
    // last StderrKept bytes are kept.
    void drainStderr()
    {
        if (m_errorRead < 0) {
            m_stderr += m_process.readAllStandardError();
        } else {
            char buffer[64 * 1024];
            for (;;) {
                const ssize_t n = ::read(m_errorRead, buffer, sizeof buffer);
                if (n < 0 && errno == EINTR) {
                    continue;
                }
                if (n <= 0) {
                    break; // EAGAIN: nothing more for now; 0: closed
                }
                m_stderr.append(buffer, n);
                if (m_stderr.size() > StderrKept) {
                    m_stderr = m_stderr.right(StderrKept);
                }
            }
        }
        if (m_stderr.size() > StderrKept) {
            m_stderr = m_stderr.right(StderrKept);
        }
    }

    // Waits up to `ms` for standard output (read by QProcess, which also writes our input to the
    // command meanwhile) or error output (our own pipe), whichever comes first.
    void waitForOutput(int ms)
    {
        if (m_errorRead < 0) {
            m_process.waitForReadyRead(ms);
            return;
        }
        QElapsedTimer waited;
        waited.start();
        int slice = 1;
        while (waited.elapsed() < ms) {
            if (m_process.waitForReadyRead(0) || m_process.state() == QProcess::NotRunning) {
                return;
            }
            pollfd error{m_errorRead, POLLIN, 0};
            if (::poll(&error, 1, slice) > 0) {
                return; // error output to drain
            }
            slice = std::min(slice * 2, 20);
        }
    }

    QString stderrTail()
    {
        drainStderr();
        const QString text = QString::fromUtf8(m_stderr.right(400)).trimmed();
        return text.isEmpty() ? QString() : QStringLiteral("; its error output ends: %1").arg(text.simplified());
    }

    // An error about the document expected at `index` (the output line it should answer on).
    void fail(qsizetype index, const QString &message)
    {
        const QString file = index < m_inputs.size() ? m_inputs.at(index).document.path() : QString();
        m_result.diagnostics.append(Diagnostic::error(file, describe() + u", " + message));
    }

    void readAnswers()
    {
        QElapsedTimer idle;
        idle.start();
        const qint64 maxLine = FilePolicy::sizeCap(FilePolicy::Input::ModelOutput);
        while (m_answered < m_inputs.size()) {
            if (!m_process.canReadLine() && m_process.bytesAvailable() > maxLine) {
                fail(m_answered,
                     QStringLiteral("output line %1 is longer than the limit of %2 bytes "
                                    "(SCHOLIAST_MAX_MODEL_OUTPUT_BYTES); the command was stopped")
                         .arg(m_line + 1)
                         .arg(maxLine));
                return;
            }
            if (m_process.canReadLine()) {
                const QByteArray line = m_process.readLine();
                ++m_line;
                if (line.trimmed().isEmpty()) {
                    continue;
                }
                answer(line);
                idle.restart();
                if (m_progress && !m_progress(m_answered, m_inputs.size())) {
                    m_result.cancelled = true;
                    return;
                }
                continue;
            }
            if (m_process.state() == QProcess::NotRunning) {
                const QByteArray rest = m_process.readAllStandardOutput();
                if (!rest.trimmed().isEmpty()) {
                    ++m_line;
                    answer(rest); // a last line without its line break
                    continue;
                }
                const bool crashed = m_process.exitStatus() == QProcess::CrashExit;
                fail(m_answered,
                     QStringLiteral("output line %1: no answer for this document: the command %2 after "
                                    "answering %3 of %4 documents%5")
                         .arg(m_line + 1)
                         .arg(crashed ? QStringLiteral("crashed")
                                      : QStringLiteral("exited with status %1").arg(m_process.exitCode()))
                         .arg(m_answered)
                         .arg(m_inputs.size())
                         .arg(stderrTail()));
                return;
            }
            if (m_progress && !m_progress(m_answered, m_inputs.size())) {
                m_result.cancelled = true;
                return;
            }
            if (idle.elapsed() >= m_options.timeoutMs) {
                fail(
                    m_answered,
                    QStringLiteral("output line %1: no answer for this document within %2 s; the command was stopped%3")
                        .arg(m_line + 1)
                        .arg(m_options.timeoutMs / 1000.0)
                        .arg(stderrTail()));
                return;
            }
            waitForOutput(PollMs);
            drainStderr();
        }
        // Every document answered: a failure status still means the answers cannot be trusted.
        // Whatever it prints from now on is read and dropped, never piled up in memory.
        QElapsedTimer waited;
        waited.start();
        while (m_process.state() != QProcess::NotRunning && waited.elapsed() < m_options.timeoutMs) {
            waitForOutput(PollMs);
            (void)m_process.readAllStandardOutput();
            drainStderr();
        }
        if (m_process.state() != QProcess::NotRunning) {
            return; // answers are complete; stop() ends a command that keeps running
        }
        if (m_process.exitStatus() == QProcess::CrashExit || m_process.exitCode() != 0) {
            fail(m_inputs.size() - 1,
                 QStringLiteral("the command %1 after answering every document%2")
                     .arg(m_process.exitStatus() == QProcess::CrashExit
                              ? QStringLiteral("crashed")
                              : QStringLiteral("exited with status %1").arg(m_process.exitCode()))
                     .arg(stderrTail()));
        }
    }

    void stop()
    {
        const bool running = m_process.state() != QProcess::NotRunning;
        // The whole group: a shell's or a wrapper's children are stopped with it. Also after the
        // command itself has gone, when the run failed: what it started must not run on.
        const bool failed = m_result.cancelled || hasErrors(m_result.diagnostics);
        if (m_group > 0 && (running || failed)) {
            ::kill(-m_group, SIGKILL);
        }
        if (running) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    void answer(const QByteArray &bytes)
    {
        const qsizetype index = m_answered++;
        const ModelInput &input = m_inputs.at(index);
        const QString where = QStringLiteral("output line %1").arg(m_line);
        auto error = [&](const QString &message) { fail(index, where + u": " + message); };

        QJsonParseError parseError;
        const QJsonDocument json = QJsonDocument::fromJson(bytes, &parseError);
        const QString shown = QString::fromUtf8(bytes.trimmed().left(80));
        if (parseError.error != QJsonParseError::NoError) {
            error(QStringLiteral("not JSON (%1 at character %2): %3")
                      .arg(parseError.errorString())
                      .arg(parseError.offset + 1)
                      .arg(shown));
            return;
        }
        if (!json.isObject()) {
            error(QStringLiteral("not a JSON object: %1").arg(shown));
            return;
        }
        const QJsonObject object = json.object();
        const QJsonValue id = object.value(u"id");
        if (!id.isString() || id.toString() != input.id) {
            error(QStringLiteral(
                      "answers for id %1, but this line answers \"%2\" (one line per document, in input order)")
                      .arg(id.isString() ? u'"' + id.toString() + u'"' : QStringLiteral("(none)"), input.id));
            return;
        }
        const QJsonValue spans = object.value(u"spans");
        if (!spans.isArray()) {
            error(QStringLiteral("\"spans\" must be an array"));
            return;
        }
        const qint64 length = input.document.length();
        QList<Annotation> result;
        int number = 0;
        int cut = 0;
        for (const QJsonValue &value : spans.toArray()) {
            ++number;
            auto spanError = [&](const QString &message) {
                error(QStringLiteral("span %1: %2").arg(number).arg(message));
            };
            if (!value.isObject()) {
                spanError(QStringLiteral("must be an object"));
                continue;
            }
            const QJsonObject span = value.toObject();
            std::optional<qint64> bounds[2];
            bool ok = true;
            for (int i = 0; i < 2; ++i) {
                const QString key = i == 0 ? QStringLiteral("start") : QStringLiteral("end");
                const QJsonValue v = span.value(key);
                const double d = v.toDouble(std::nan(""));
                if (!v.isDouble() || std::floor(d) != d || std::abs(d) > 9e15) {
                    spanError(QStringLiteral("\"%1\" must be an integer (code points)").arg(key));
                    ok = false;
                } else {
                    bounds[i] = qint64(d);
                }
            }
            if (!ok) {
                continue;
            }
            const qint64 start = *bounds[0];
            const qint64 end = *bounds[1];
            if (start < 0) {
                spanError(QStringLiteral("start %1 is negative").arg(start));
                continue;
            }
            if (end > length) {
                spanError(QStringLiteral("end %1 is past the document (%2 code points)").arg(end).arg(length));
                continue;
            }
            if (start >= end) {
                spanError(QStringLiteral("start %1 is not before end %2").arg(start).arg(end));
                continue;
            }
            const QJsonValue label = span.value(u"label");
            if (!label.isString() || label.toString().isEmpty()) {
                spanError(QStringLiteral("needs a \"label\" string"));
                continue;
            }
            if (!input.labels.isEmpty() && !input.labels.contains(label.toString())) {
                spanError(QStringLiteral("label \"%1\" is not one of the labels sent (%2)")
                              .arg(label.toString(), input.labels.join(u", ")));
                continue;
            }
            std::optional<double> score;
            const QJsonValue s = span.value(u"score");
            if (s.isDouble()) {
                score = s.toDouble();
            } else if (!s.isUndefined() && !s.isNull()) {
                spanError(QStringLiteral("\"score\" must be a number"));
                continue;
            }
            QString reason = span.value(u"reason").toString();
            if (reason.size() > MaxReasonLength) {
                // Bounded: a reason is a line for the reviewer, and it goes into the sidecar (issue 14).
                reason.truncate(MaxReasonLength);
                if (reason.back().isHighSurrogate()) {
                    reason.chop(1);
                }
                reason += u'\u2026';
                ++cut;
            }
            if (reason.isEmpty()) {
                reason = QStringLiteral("model %1").arg(m_name);
            }
            result.append(makeSuggestion(input.document, CodePoint(start), CodePoint(end), label.toString(),
                                         QStringLiteral("model:") + m_name, score, reason));
        }
        if (cut > 0) {
            const QString file = input.document.path();
            m_result.diagnostics.append(
                Diagnostic::warning(file,
                                    describe()
                                        + QStringLiteral(", %1: %2 reasons longer than %3 characters were cut")
                                              .arg(where)
                                              .arg(cut)
                                              .arg(MaxReasonLength)));
        }
        m_result.spans[index] = std::move(result);
    }

    const ModelOptions &m_options;
    const QList<ModelInput> &m_inputs;
    const Progress &m_progress;
    QString m_name;
    QProcess m_process;
    pid_t m_group = 0;
    int m_errorRead = -1; ///< our end of the command's error output pipe
    QByteArray m_stderr;
    qsizetype m_answered = 0;
    qint64 m_line = 0;
    ModelResult m_result;
};

} // namespace

ModelResult runModel(const ModelOptions &options, const QList<ModelInput> &inputs, const Progress &progress)
{
    return Run(options, inputs, progress).run();
}

} // namespace Scholiast::Suggest
