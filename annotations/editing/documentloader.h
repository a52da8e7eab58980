// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: a QObject of the thread that made it; the reading runs on a worker thread and
// the result comes back through a queued signal, on the owning thread.
#pragma once

#include "annotationdocument.h"
#include "document.h"
#include "layerset.h"
#include "formats/salvage.h"
#include "formats/scholiastjson.h"

#include <QMutex>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
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
    /// The read-only layers beside it (`<doc>.<name>.scholiast.json`) and their problems, kept
    /// apart: a bad layer never makes the sidecar count as unreadable.
    std::vector<LayerFile> layers;
    Diagnostics layerDiagnostics;
    bool cancelled = false;
    /// The strict reader refused the sidecar and salvage read what it could (issue 13): the
    /// bad spans are orphans in `sidecar`; `salvageSummary` is one line, `salvageDetails` what
    /// the strict reader found. The file must be backed up before it is replaced.
    bool salvaged = false;
    QString salvageSummary;
    Diagnostics salvageDetails;

    /// With DocumentLoader::start(path, Prepare::Document) and a sidecar: the text and its spans
    /// as an AnnotationDocument, made and filled on the loader's thread and then moved to the
    /// thread that owns the loader, so that a million spans are put in their set off the GUI
    /// thread (issue 17), as the sidecar is read. The text, labels, spans and relations are moved
    /// into it: `document` and `sidecar` keep the rest (`sidecar->annotations` is then empty). It
    /// has no parent.
    std::unique_ptr<AnnotationDocument> prepared;

    [[nodiscard]] bool sidecarHasErrors() const;
};

/// Reads a document and the sidecar beside it (if present). Pure function of the files; the
/// sidecar is checked against the document. `progress` may cancel (see Document::LoadOptions).
/// `documentReady`, when given, is called with the document as soon as it is decoded, before the
/// sidecar is read (the window shows the text while a million spans are still being read).
/// `spanReceiver`, when given, may take the sidecar's spans while it is read
/// (ScholiastJson::ReadOptions::spanReceiver): `sidecar->annotations` then holds the rest.
[[nodiscard]] LoadResult loadDocumentAndSidecar(const QString &path,
                                                const Document::LoadOptions &options = Document::LoadOptions(),
                                                const std::function<void(const Document &)> &documentReady = {},
                                                ScholiastJson::SpanReceiver *spanReceiver = nullptr);

/// Loads a document off the GUI thread and hands the finished result back, as klogg's
/// LogData::attachFile does: progress() and finished() arrive on the loader's thread.
class DocumentLoader : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DocumentLoader)

public:
    explicit DocumentLoader(QObject *parent = nullptr);
    ~DocumentLoader() override;

    enum class Prepare { Values, Document };
    /// `Prepare::Document`: LoadResult::prepared is made too, on the loader's thread.
    void start(const QString &path, Prepare prepare = Prepare::Values);
    /// Asks the running load to stop; finished() still arrives, with `cancelled` set.
    void cancel();
    [[nodiscard]] bool isRunning() const;
    /// The result, valid after finished().
    [[nodiscard]] LoadResult takeResult();

    /// The decoded document, valid after documentReady() (once; then empty).
    [[nodiscard]] std::optional<Document> takeDocument();

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    /// The text is decoded; its sidecar is being read (finished() follows).
    void documentReady();
    void finished();

private:
    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<LoadResult> m_result;
    struct Ready
    {
        QMutex mutex;
        std::optional<Document> document;
    };
    std::shared_ptr<Ready> m_ready;
};

} // namespace Scholiast
