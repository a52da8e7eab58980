// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "documentloader.h"

#include <QFileInfo>
#include <QThread>

#include <utility>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace Scholiast {

namespace {

// Puts a sidecar's spans in a set as the reader hands them over: the set is filled while the
// rest of the file is read, on the loader's thread (issue 17).
class SetFiller final : public ScholiastJson::SpanReceiver
{
public:
    explicit SetFiller(AnnotationSet &set)
        : m_set(set)
    {
        m_set.beginFilling();
    }
    void expect(qsizetype spans) override { m_set.reserveForFilling(spans); }
    void take(QList<Annotation> &&spans) override { m_repeatedId |= m_set.fill(std::move(spans)) > 0; }
    void withdraw() override
    {
        m_set.beginFilling();
        m_repeatedId = false;
    }
    // The set's id table sees every id: a repeated one is found as it is filed.
    bool findsRepeatedIds() const override { return true; }
    bool repeatedId() const override { return m_repeatedId; }

private:
    AnnotationSet &m_set;
    bool m_repeatedId = false;
};

} // namespace

bool LoadResult::sidecarHasErrors() const
{
    return document && !sidecar && hasErrors(diagnostics);
}

LoadResult loadDocumentAndSidecar(const QString &path, const Document::LoadOptions &options,
                                  const std::function<void(const Document &)> &documentReady,
                                  ScholiastJson::SpanReceiver *spanReceiver)
{
    LoadResult result;
    result.path = path;
    bool cancelled = false;
    // One progress over both files: the text first, then its sidecar (issue 17: a million spans
    // take longer to read than the text they are over).
    const QString sidecar = ScholiastJson::sidecarPath(path);
    const qint64 textBytes = QFileInfo(path).size();
    const qint64 totalBytes = textBytes + (QFileInfo::exists(sidecar) ? QFileInfo(sidecar).size() : 0);
    const auto report = [&](qint64 done) {
        const bool go = !options.progress || options.progress(done, totalBytes);
        cancelled = cancelled || !go;
        return go;
    };
    Document::LoadOptions opts = options;
    if (options.progress) {
        opts.progress = [&](qint64 done, qint64) { return report(done); };
    }
    result.document = Document::load(path, result.diagnostics, opts);
    if (!result.document) {
        result.cancelled = cancelled;
        return result;
    }
    if (documentReady) {
        documentReady(*result.document);
    }
    if (QFileInfo::exists(sidecar)) {
        Diagnostics strict;
        ScholiastJson::ReadOptions readOptions;
        readOptions.spanReceiver = spanReceiver;
        if (options.progress) {
            readOptions.progress = [&](qint64 done, qint64) { return report(textBytes + done); };
        }
        result.sidecar = ScholiastJson::read(sidecar, strict, &*result.document, readOptions);
        if (cancelled) {
            result.sidecar.reset(); // nothing half read is ever installed, nor salvaged
            result.cancelled = true;
            return result;
        }
        if (!result.sidecar && hasErrors(strict)) {
            // Never all or nothing: read every good span, keep each bad one as an orphan.
            Diagnostics refused;
            if (auto salvage = ScholiastJson::salvageFile(sidecar, refused, *result.document)) {
                result.salvageSummary = salvage->summary(); // before the spans are moved out
                result.sidecar = std::move(salvage->sidecar);
                result.salvaged = true;
                result.salvageDetails = strict;
                for (const Diagnostic &d : std::as_const(strict)) {
                    if (!d.isError()) {
                        result.diagnostics.append(d); // a changed document still says so
                    }
                }
                strict.clear();
            } else {
                strict.append(refused);
            }
        }
        result.diagnostics.append(strict);
    }
    result.layers = readLayers(path, *result.document, result.layerDiagnostics);
#if defined(__GLIBC__)
    // The read's buffers were freed on the threads that parsed the batches, into their malloc
    // arenas, which keep the pages: tens of megabytes of a window that shows a million spans.
    malloc_trim(0);
#endif
    return result;
}

DocumentLoader::DocumentLoader(QObject *parent)
    : QObject(parent)
{
}

DocumentLoader::~DocumentLoader()
{
    if (m_thread) {
        cancel();
        m_thread->wait();
        delete m_thread;
    }
}

void DocumentLoader::start(const QString &path, Prepare prepare)
{
    Q_ASSERT(!m_thread);
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_result = std::make_shared<LoadResult>();
    m_ready = std::make_shared<Ready>();
    auto cancelFlag = m_cancel;
    auto result = m_result;
    auto ready = m_ready;
    QThread *owner = thread();
    m_thread = QThread::create([this, path, cancelFlag, result, ready, prepare, owner] {
        Document::LoadOptions options;
        options.progress = [this, cancelFlag](qint64 done, qint64 total) {
            Q_EMIT progress(done, total); // queued: the loader lives on the GUI thread
            return !cancelFlag->load();
        };
        std::unique_ptr<AnnotationSet> spans;
        std::optional<SetFiller> filler;
        if (prepare == Prepare::Document) {
            spans = std::make_unique<AnnotationSet>();
            filler.emplace(*spans);
        }
        *result = loadDocumentAndSidecar(
            path, options,
            [this, ready](const Document &document) {
                {
                    QMutexLocker lock(&ready->mutex);
                    ready->document = document; // a copy: the text is shared, read-only on both threads
                }
                Q_EMIT documentReady(); // queued, like progress()
            },
            filler ? &*filler : nullptr);
        if (cancelFlag->load()) {
            result->cancelled = true;
        } else if (prepare == Prepare::Document && result->document && result->sidecar) {
            ScholiastJson::Sidecar &sidecar = *result->sidecar;
            LabelSchema labels = sidecar.labels.isEmpty() ? LabelSchema::defaultSchema() : sidecar.labels;
            // The spans the reader did not hand over as it read (all, for a small file): the
            // sidecar's list is moved in, not shared, so they are moved into the set.
            spans->fill(std::exchange(sidecar.annotations, {}));
            spans->endFilling(std::exchange(sidecar.relations, {}));
            filler.reset();
            result->prepared =
                std::make_unique<AnnotationDocument>(std::move(spans), std::move(*result->document), std::move(labels));
            result->prepared->setSidecarFields(sidecar.extraFields);
            result->prepared->setDocumentFields(sidecar.documentExtraFields);
            result->prepared->moveToThread(owner); // from here on it is the owner's, untouched here
        }
    });
    connect(m_thread, &QThread::finished, this, [this] {
        m_thread->deleteLater();
        m_thread = nullptr;
        Q_EMIT finished();
    });
    m_thread->start();
}

void DocumentLoader::cancel()
{
    if (m_cancel) {
        m_cancel->store(true);
    }
}

bool DocumentLoader::isRunning() const
{
    return m_thread != nullptr;
}

std::optional<Document> DocumentLoader::takeDocument()
{
    if (!m_ready) {
        return std::nullopt;
    }
    QMutexLocker lock(&m_ready->mutex);
    return std::exchange(m_ready->document, std::nullopt);
}

LoadResult DocumentLoader::takeResult()
{
    LoadResult result = m_result ? std::move(*m_result) : LoadResult();
    m_result.reset();
    return result;
}

} // namespace Scholiast
