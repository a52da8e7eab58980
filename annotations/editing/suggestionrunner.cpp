// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "suggestionrunner.h"

#include "suggest/boilerplate.h"
#include "suggest/modelcommand.h"
#include "suggest/patterns.h"
#include "suggest/quotes.h"

#include <QFileInfo>
#include <QThread>

namespace Scholiast {

SuggestionRunner::SuggestionRunner(QObject *parent)
    : QObject(parent)
{
}

SuggestionRunner::~SuggestionRunner()
{
    if (m_thread) {
        m_cancel->store(true);
        m_thread->wait();
    }
}

bool SuggestionRunner::isRunning() const
{
    return m_running;
}

void SuggestionRunner::cancel()
{
    if (m_cancel) {
        m_cancel->store(true);
    }
}

QString SuggestionRunner::describe(const Request &request)
{
    switch (request.kind) {
    case Kind::Quotes:
        return QStringLiteral("quotes");
    case Kind::Boilerplate:
        return QStringLiteral("boilerplate");
    case Kind::Rules:
        return QFileInfo(request.rulesPath).fileName();
    case Kind::Model:
        return Suggest::modelName(request.command);
    }
    return QString();
}

bool SuggestionRunner::start(const Request &request)
{
    if (isRunning()) {
        return false;
    }
    auto cancelFlag = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancelFlag;
    QPointer<SuggestionRunner> self(this);
    QThread *thread = QThread::create([request, cancelFlag, self] {
        QList<Annotation> spans;
        QList<Suggest::SuggestedRelation> relations;
        Diagnostics diagnostics;
        bool cancelled = false;
        switch (request.kind) {
        case Kind::Quotes: {
            Suggest::Result r = Suggest::suggestQuotes(request.document);
            if (request.attribution) {
                Suggest::suggestAttributions(request.document, *request.attribution, request.claims, r);
            }
            spans = std::move(r.spans);
            relations = std::move(r.relations);
            diagnostics = std::move(r.diagnostics);
            break;
        }
        case Kind::Boilerplate: {
            Suggest::Result r = Suggest::suggestBoilerplate(request.document);
            spans = std::move(r.spans);
            diagnostics = std::move(r.diagnostics);
            break;
        }
        case Kind::Rules: {
            if (const auto rules = Suggest::PatternRules::read(request.rulesPath, diagnostics)) {
                spans = Suggest::suggestPatterns(request.document, *rules).spans;
            }
            break;
        }
        case Kind::Model: {
            Suggest::ModelOptions options;
            options.command = request.command;
            options.timeoutMs = request.timeoutMs;
            const Suggest::ModelResult r = Suggest::runModel(
                options, {Suggest::ModelInput{request.document, request.document.path(), request.labels}},
                [&](qint64 done, qint64 total) {
                    if (self) {
                        QMetaObject::invokeMethod(
                            self,
                            [self, done, total] {
                                if (self) {
                                    Q_EMIT self->progress(done, total);
                                }
                            },
                            Qt::QueuedConnection);
                    }
                    return !cancelFlag->load();
                });
            if (r.ok) {
                spans = r.spans.value(0);
            }
            diagnostics = r.diagnostics;
            cancelled = r.cancelled;
            break;
        }
        }
        cancelled = cancelled || cancelFlag->load();
        if (cancelled) {
            spans.clear();
            relations.clear();
        }
        if (self) {
            QMetaObject::invokeMethod(
                self,
                [self, spans, relations, diagnostics, cancelled] {
                    if (self) {
                        self->m_running = false;
                        Q_EMIT self->finished(spans, relations, diagnostics, cancelled);
                    }
                },
                Qt::QueuedConnection);
        }
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_thread = thread;
    m_running = true;
    thread->start();
    return true;
}

} // namespace Scholiast
