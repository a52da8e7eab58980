// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The window's side of "never lose an annotation" (docs/RELIABILITY.md, "In the window"):
// re-anchoring from the banner, the Orphaned Spans dock, files changed or deleted on disk while
// open, and the lock that makes a second instance read-only. Kept apart from mainwindow.cpp,
// which only calls in here at a few points.
#include "mainwindow.h"

#include "editing/annotationdocument.h"
#include "view/annotationview.h"
#include "editing/filemonitor.h"
#include "orphansdock.h"
#include "autosaver.h"
#include "banner.h"
#include "editing/sidecarlock.h"

#include <QFileInfo>
#include <QMenu>
#include <QPushButton>
#include <QStatusBar>
#include <QUndoStack>

#include <functional>

namespace Scholiast {

namespace {

struct BannerButton
{
    const char *name;
    QString text;
    std::function<void()> run;
    bool isDefault = false;
};

const char *const BannerButtonProperty = "scholiastBannerButton";

// Replaces the buttons the banner shows (beside its text, before the close button).
void setBannerButtons(Banner *banner, const QList<BannerButton> &buttons)
{
    const auto old = banner->findChildren<QPushButton *>();
    for (QPushButton *button : old) {
        if (button->property(BannerButtonProperty).toBool()) {
            button->hide();
            button->deleteLater();
        }
    }
    for (const BannerButton &b : buttons) {
        auto *button = new QPushButton(b.text, banner);
        button->setObjectName(QString::fromLatin1(b.name));
        button->setProperty(BannerButtonProperty, true);
        button->setDefault(b.isDefault);
        button->setAutoDefault(b.isDefault);
        QObject::connect(button, &QPushButton::clicked, banner, b.run);
        banner->addButton(button);
        button->show(); // now, not when the layout next runs
        if (b.isDefault) {
            button->setFocus();
        }
    }
}

// One diagnostic a line for the banner's Details: the file by its name, the folder is known.
QStringList detailLines(const Diagnostics &diagnostics)
{
    QStringList lines;
    lines.reserve(diagnostics.size());
    for (Diagnostic d : diagnostics) {
        d.file = QFileInfo(d.file).fileName();
        lines.append(d.toString());
    }
    return lines;
}

QString countsText(const Reanchor::Counts &counts)
{
    return MainWindow::tr("%1 exact, %2 moved, %3 fuzzy, %4 orphaned")
        .arg(counts.exact)
        .arg(counts.moved)
        .arg(counts.fuzzy)
        .arg(counts.orphaned);
}

QString fileName(const QString &path)
{
    return QFileInfo(path).fileName().toHtmlEscaped();
}

} // namespace

void MainWindow::createReliability()
{
    m_orphans = new OrphansDock(this);
    m_fileMonitor = new FileMonitor(this);
    m_lock = new SidecarLock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_orphans);
    m_orphans->hide();
    m_orphans->toggleViewAction()->setObjectName(QStringLiteral("orphans_dock"));
    m_actions.insert(m_orphans->toggleViewAction()->objectName(), m_orphans->toggleViewAction());

    QAction *reanchor = addAction(QStringLiteral("reanchor_spans"), tr("Re-&anchor Spans"));
    reanchor->setToolTip(tr("Place every span again in the document's current text (one undo step)"));
    connect(reanchor, &QAction::triggered, this, &MainWindow::reanchorSpans);
    m_annotateMenu->addSeparator();
    m_annotateMenu->addAction(reanchor);
    m_annotateMenu->addAction(m_orphans->toggleViewAction());

    connect(m_orphans, &OrphansDock::countChanged, this, [this](qsizetype count) {
        if (count > 0 && m_orphans->isHidden()) {
            m_orphans->show();
            resizeDocks({m_orphans}, {170}, Qt::Vertical); // a short list under the text, not half the window
        } else if (count == 0) {
            m_orphans->hide();
        }
        updateStatus();
    });
    connect(m_orphans, &OrphansDock::placeRequested, this, &MainWindow::placeOrphanAtSelection);
    connect(m_view, &AnnotationView::selectionChanged, m_orphans,
            [this] { m_orphans->setSelectionAvailable(m_view->hasSelection()); });

    connect(m_fileMonitor, &FileMonitor::documentChanged, this, &MainWindow::onDocumentChangedOnDisk);
    connect(m_fileMonitor, &FileMonitor::documentDeleted, this, &MainWindow::onDocumentDeletedOnDisk);
    connect(m_fileMonitor, &FileMonitor::sidecarChanged, this, &MainWindow::onSidecarChangedOnDisk);
    connect(m_fileMonitor, &FileMonitor::sidecarDeleted, this, &MainWindow::onSidecarDeletedOnDisk);
}

void MainWindow::documentInstalled(bool sidecarOutdated)
{
    setBannerButtons(m_banner, {});
    const SidecarLock::State state = m_lock->lock(m_document->sidecarPath());
    m_readOnly = state == SidecarLock::State::HeldByOther;
    applyReadOnly();
    m_fileMonitor->watch(m_document->path(), m_document->sidecarPath());
    if (m_readOnly && m_lock->heldElsewhere()) {
        // Another computer's lock cannot be checked from here: say so and let the user decide.
        showBanner(tr("<b>Opened read-only:</b> %2 is locked by Scholiast on another computer (%1, lock file %3). "
                      "Whether it is still open there cannot be checked from here. If it is not (a lock left "
                      "behind, or copied with the folder), choose <b>Edit Anyway</b>.")
                       .arg(m_lock->holder().toHtmlEscaped(), fileName(m_document->path()), fileName(m_lock->path())));
        setBannerButtons(m_banner,
                         {{"TakeOverLockButton", tr("Edit Anyway"), [this] {
                               if (!m_document
                                   || m_lock->takeOver(m_document->sidecarPath()) != SidecarLock::State::Locked) {
                                   return;
                               }
                               m_readOnly = false;
                               applyReadOnly();
                               m_autoSaver->setDocument(m_document);
                               setBannerButtons(m_banner, {});
                               showBanner(tr("<b>Editing:</b> the other computer's lock was replaced by this "
                                             "window's."));
                           }}});
        return;
    }
    if (m_readOnly) {
        showBanner(tr("<b>Opened read-only:</b> %2 is open in another Scholiast (%1), which holds its lock. Tagging "
                      "and saving are off here, and this window does not autosave; close the other window to edit.")
                       .arg(m_lock->holder().toHtmlEscaped(), fileName(m_document->path())));
        return;
    }
    if (sidecarOutdated && !m_document->spans()->isEmpty()) {
        setBannerButtons(m_banner, {{"ReanchorButton", tr("Re-anchor Spans"), [this] { reanchorSpans(); }, true}});
    }
}

void MainWindow::applyReadOnly()
{
    if (m_document) {
        m_document->setReadOnly(m_readOnly);
    }
    m_orphans->setReadOnly(m_readOnly);
    if (m_readOnly) {
        // The other instance's recovery file is keyed by the same path: never write or remove it.
        m_autoSaver->setDocument(nullptr);
    }
    updateTitle();
    updateActions();
}

void MainWindow::replaceDocument(AnnotationDocument *document)
{
    setBannerButtons(m_banner, {});
    setDocument(document);
    applyReadOnly();
}

void MainWindow::reanchorSpans()
{
    if (!m_document || m_readOnly) {
        return;
    }
    const auto counts = m_document->reanchorSpans();
    QString text = tr("<b>Re-anchored %n span(s):</b> ", nullptr, int(counts.total())) + countsText(counts) + u'.';
    if (counts.orphaned > 0) {
        text += tr(" Orphaned spans are kept and saved; place them from the Orphaned Spans dock.");
    }
    setBannerButtons(m_banner, {});
    showBanner(text);
}

bool MainWindow::placeOrphanAtSelection(const QString &id)
{
    if (!m_document || !m_view->hasSelection()) {
        statusBar()->showMessage(tr("Select the text to place the span at"), 4000);
        return false;
    }
    const auto [start, end] = m_view->snappedSelection();
    if (!m_document->placeOrphan(id, start, end)) {
        return false;
    }
    m_view->setCursorPosition(m_view->cursorPosition());
    m_view->setCurrentSpan(id);
    return true;
}

bool MainWindow::reloadDocument()
{
    if (!m_document) {
        return false;
    }
    Diagnostics diagnostics;
    auto text = Document::load(m_document->path(), diagnostics);
    if (!text) {
        setBannerButtons(m_banner, {});
        showBanner(tr("<b>%1 could not be read again;</b> the open text and every span stay in memory.")
                       .arg(fileName(m_document->path())),
                   detailLines(diagnostics));
        return false;
    }
    // Each span takes its surroundings from the text it was made on, for re-anchoring to weigh.
    const Document &old = m_document->document();
    QList<Annotation> spans;
    spans.reserve(m_document->spans()->size());
    for (const Annotation *span : m_document->spans()->sorted()) {
        Annotation copy = *span;
        if (!copy.isOrphan() && copy.start >= CodePoint(0) && copy.end <= CodePoint(old.length())
            && old.slice(copy.start, copy.end) == copy.text()) {
            copy.setContext(old.codePointsBefore(old.toUtf16(copy.start), Annotation::ContextLength).toString(),
                            old.codePointsAfter(old.toUtf16(copy.end), Annotation::ContextLength).toString());
        }
        spans.append(copy);
    }
    const bool wasModified = m_document->isModified();
    auto *fresh =
        new AnnotationDocument(std::move(*text), m_document->labels(), spans, this, m_document->spans()->relations());
    fresh->setSidecarFields(m_document->sidecarFields());
    fresh->setDocumentFields(m_document->documentFields());
    replaceDocument(fresh);
    m_fileMonitor->acknowledgeDocument();
    const auto counts = fresh->reanchorSpans();
    if (!m_readOnly && (wasModified || !spans.isEmpty())) {
        // The sidecar on disk describes the old text: what is in memory is not saved yet.
        fresh->undoStack()->resetClean();
        m_autoSaver->markPending();
    }
    showBanner(
        tr("<b>Reloaded %1</b> and re-anchored %n span(s) onto the new text: ", nullptr, int(spans.size()))
            .arg(fileName(fresh->path()))
        + countsText(counts) + u'.'
        + (counts.orphaned > 0 ? tr(" Orphaned spans are kept; place them from the Orphaned Spans dock.") : QString()));
    return true;
}

bool MainWindow::reloadSidecar()
{
    if (!m_document) {
        return false;
    }
    LoadResult result = loadDocumentAndSidecar(m_document->path());
    if (!result.document || result.sidecarHasErrors()) {
        Diagnostics errors;
        for (const Diagnostic &d : std::as_const(result.diagnostics)) {
            if (d.isError()) {
                errors.append(d);
            }
        }
        setBannerButtons(m_banner, {});
        showBanner(tr("<b>The annotations on disk could not be read;</b> yours stay open, unchanged."),
                   detailLines(errors));
        return false;
    }
    const bool outdated = result.sidecar && result.sidecar->documentSha256 != result.document->sha256();
    LabelSchema labels =
        result.sidecar && !result.sidecar->labels.isEmpty() ? result.sidecar->labels : m_document->labels();
    const QList<Annotation> spans = result.sidecar ? result.sidecar->annotations : QList<Annotation>();
    m_autoSaver->clear(); // the user chose the file on disk over the unsaved changes
    auto *fresh = new AnnotationDocument(std::move(*result.document), std::move(labels), spans, this,
                                         result.sidecar ? result.sidecar->relations : QList<Relation>());
    if (result.sidecar) { // kept on save (docs/FORMAT.md §6.3)
        fresh->setSidecarFields(result.sidecar->extraFields);
        fresh->setDocumentFields(result.sidecar->documentExtraFields);
    }
    replaceDocument(fresh);
    m_fileMonitor->acknowledgeDocument();
    m_fileMonitor->acknowledgeSidecar();
    showBanner(tr("<b>Reloaded the annotations</b> from %1: %n span(s).", nullptr, int(spans.size()))
                   .arg(fileName(fresh->sidecarPath())));
    m_sidecarUnreadable = m_sidecarSalvaged = result.salvaged;
    if (result.salvaged) {
        showSalvageBanner(result.salvageSummary, result.salvageDetails);
        return true;
    }
    if (outdated && !m_readOnly && !spans.isEmpty()) {
        setBannerButtons(m_banner, {{"ReanchorButton", tr("Re-anchor Spans"), [this] { reanchorSpans(); }, true}});
    }
    return true;
}

void MainWindow::onDocumentChangedOnDisk()
{
    if (!m_document) {
        return;
    }
    if (m_reloadPolicy == ReloadPolicy::Reload) {
        reloadDocument();
        return;
    }
    showBanner(tr("<b>%1 was changed on disk by another program.</b> Reload it? Your spans, unsaved ones "
                  "included, are kept and re-anchored onto the new text.")
                   .arg(fileName(m_document->path())));
    setBannerButtons(m_banner,
                     {{"ReloadDocumentButton", tr("Reload"), [this] { reloadDocument(); }, true},
                      {"IgnoreChangeButton", tr("Ignore"), [this] {
                           setBannerButtons(m_banner, {});
                           m_banner->hide();
                       }}});
}

void MainWindow::onDocumentDeletedOnDisk()
{
    if (!m_document) {
        return;
    }
    setBannerButtons(m_banner, {});
    showBanner(tr("<b>%1 was deleted on disk.</b> Its text and every span stay open in memory; Save still "
                  "writes the annotations to %2.")
                   .arg(fileName(m_document->path()), m_document->sidecarPath().toHtmlEscaped()));
}

void MainWindow::onSidecarChangedOnDisk()
{
    if (!m_document) {
        return;
    }
    if (!m_document->isModified()) {
        reloadSidecar(); // nothing of ours to lose
        return;
    }
    showBanner(tr("<b>%1 was changed on disk by another program,</b> and you have unsaved changes. Keep "
                  "yours (saving replaces the file) or reload the file and lose them?")
                   .arg(fileName(m_document->sidecarPath())));
    setBannerButtons(m_banner,
                     {{"KeepMineButton", tr("Keep Mine"),
                       [this] {
                           setBannerButtons(m_banner, {});
                           m_banner->hide();
                       },
                       true},
                      {"ReloadSidecarButton", tr("Reload and Lose My Changes"), [this] { reloadSidecar(); }}});
}

void MainWindow::onSidecarDeletedOnDisk()
{
    if (!m_document) {
        return;
    }
    if (!m_readOnly && !m_document->spans()->isEmpty()) {
        m_document->undoStack()->resetClean(); // the spans exist only in memory now
        m_autoSaver->markPending();
    }
    setBannerButtons(m_banner, {});
    showBanner(tr("<b>%1 was deleted on disk.</b> Your spans stay open in memory; Save writes the file again.")
                   .arg(fileName(m_document->sidecarPath())));
}

QString MainWindow::spanCountText() const
{
    QString text = tr("%n span(s)", nullptr, int(m_document->spans()->size()));
    // Suggestions still to decide (issue 18): follows accept and reject (spansChanged).
    if (const qsizetype pending = m_document->spans()->count(Annotation::Status::Pending); pending > 0) {
        text += tr(" · %n pending", nullptr, int(pending));
    }
    if (m_orphans && m_orphans->count() > 0) {
        text += tr(" · %n orphaned", nullptr, int(m_orphans->count()));
    }
    return text;
}

void MainWindow::updateReliabilityActions()
{
    if (QAction *reanchor = action(QStringLiteral("reanchor_spans"))) {
        reanchor->setEnabled(m_document && !m_readOnly);
    }
    if (!m_readOnly) {
        return;
    }
    for (const char *name :
         {"save", "edit_labels", "import_annotations", "tag_all_matches", "edit_note", "edit_note_enter", "delete_span",
          "span_start_left", "span_start_right", "span_end_left", "span_end_right"}) {
        if (QAction *a = action(QString::fromLatin1(name))) {
            a->setEnabled(false);
        }
    }
    for (QAction *label : std::as_const(m_labelActions)) {
        label->setEnabled(false);
    }
}

void MainWindow::showSalvageBanner(const QString &summary, const Diagnostics &details)
{
    // One readable line; the diagnostics only behind "Details", never as a wall of text.
    showBanner(tr("<b>%1</b> They are listed in the Orphaned Spans dock and saved unchanged; the file as it "
                  "is now will be kept as %2 when you save.")
                   .arg(summary.toHtmlEscaped(),
                        fileName(ScholiastJson::backupPath(m_document ? m_document->sidecarPath() : QString()))),
               detailLines(details));
    setBannerButtons(m_banner, {{"ReanchorButton", tr("Re-anchor Spans"), [this] { reanchorSpans(); }, false}});
    m_orphans->show();
}

void MainWindow::showDocumentChangedBanner(const Diagnostics &warnings)
{
    // Counted from the spans, not the warnings: the reader stops listing after a few hundred.
    QStringList counts;
    if (m_document) {
        const qsizetype total = m_document->spans()->size();
        if (const qsizetype misplaced = m_document->misplacedCount(); misplaced > 0) {
            counts.append(tr("%1 of %n span(s) no longer match its text", nullptr, int(total)).arg(misplaced));
        }
        if (const qsizetype orphans = m_document->orphanCount(); orphans > 0) {
            counts.append(tr("%n kept as orphan(s)", nullptr, int(orphans)));
        }
    }
    const QString text = counts.isEmpty()
        ? tr("<b>The document has changed since it was annotated;</b> every span still "
             "matches its text.")
        : tr("<b>The document has changed since it was annotated:</b> %1.")
              .arg(counts.join(QStringLiteral(", ")).toHtmlEscaped());
    showBanner(text, detailLines(warnings));
}

} // namespace Scholiast
