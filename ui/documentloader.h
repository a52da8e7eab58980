#pragma once

#include "document.h"
#include "scholiastjson.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace Scholiast {

/// What opening a document produced: the text, its sidecar when there is one, and every problem.
struct LoadResult
{
    QString path;
    std::optional<Document> document;
    std::optional<ScholiastJson::Sidecar> sidecar;
    Diagnostics diagnostics;
    bool cancelled = false;

    [[nodiscard]] bool sidecarHasErrors() const;
};

/// Reads a document and the sidecar beside it (if present). Pure function of the files; the
/// sidecar is checked against the document. `progress` may cancel (see Document::LoadOptions).
[[nodiscard]] LoadResult loadDocumentAndSidecar(const QString &path,
                                                const Document::LoadOptions &options = Document::LoadOptions());

/// Loads a document off the GUI thread and hands the finished result back, as klogg's
/// LogData::attachFile does: progress() and finished() arrive on the loader's thread.
class DocumentLoader : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DocumentLoader)

public:
    explicit DocumentLoader(QObject *parent = nullptr);
    ~DocumentLoader() override;

    void start(const QString &path);
    /// Asks the running load to stop; finished() still arrives, with `cancelled` set.
    void cancel();
    [[nodiscard]] bool isRunning() const;
    /// The result, valid after finished().
    [[nodiscard]] LoadResult takeResult();

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished();

private:
    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<LoadResult> m_result;
};

} // namespace Scholiast
