#include "documentloader.h"

#include <QFileInfo>
#include <QThread>

namespace Scholiast {

bool LoadResult::sidecarHasErrors() const
{
    return document && !sidecar && hasErrors(diagnostics);
}

LoadResult loadDocumentAndSidecar(const QString &path, const Document::LoadOptions &options)
{
    LoadResult result;
    result.path = path;
    bool cancelled = false;
    Document::LoadOptions opts = options;
    if (options.progress) {
        opts.progress = [&](qint64 done, qint64 total) {
            const bool go = options.progress(done, total);
            cancelled = cancelled || !go;
            return go;
        };
    }
    result.document = Document::load(path, result.diagnostics, opts);
    if (!result.document) {
        result.cancelled = cancelled;
        return result;
    }
    const QString sidecar = ScholiastJson::sidecarPath(path);
    if (QFileInfo::exists(sidecar)) {
        result.sidecar = ScholiastJson::read(sidecar, result.diagnostics, &*result.document);
    }
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

void DocumentLoader::start(const QString &path)
{
    Q_ASSERT(!m_thread);
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_result = std::make_shared<LoadResult>();
    auto cancelFlag = m_cancel;
    auto result = m_result;
    m_thread = QThread::create([this, path, cancelFlag, result] {
        Document::LoadOptions options;
        options.progress = [this, cancelFlag](qint64 done, qint64 total) {
            Q_EMIT progress(done, total); // queued: the loader lives on the GUI thread
            return !cancelFlag->load();
        };
        *result = loadDocumentAndSidecar(path, options);
        if (cancelFlag->load()) {
            result->cancelled = true;
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

LoadResult DocumentLoader::takeResult()
{
    LoadResult result = m_result ? std::move(*m_result) : LoadResult();
    m_result.reset();
    return result;
}

} // namespace Scholiast
