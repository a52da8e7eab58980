// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "view/colortheme.h"
#include "editing/documentloader.h"
#include "labelschema.h"
#include "formats/offsetunits.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include <functional>

QT_BEGIN_NAMESPACE
class QActionGroup;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QToolBar;
class QUndoGroup;
QT_END_NAMESPACE

namespace Scholiast {

class AnnotationDocument;
class AnnotationView;
class AutoSaver;
class Banner;
class CommandPalette;
class ConflictController;
class CorpusController;
class CorpusDock;
class MetricsDock;
class FileMonitor;
class FindBar;
class LegendDock;
class OrphansDock;
class ReviewController;
class ReviewDock;
class SelectionHistory;
class SidecarLock;
class SpanListDock;
class RelationsDock;
class SuggestionController;

/// The annotator window: creates the actions, menus, toolbar and docks and wires them to the
/// open document. It does not parse, convert or compute; those live in the classes it wires.
class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    /// What to do with a recovery file found when opening a document.
    enum class RecoveryPolicy { Ask, Restore, Discard, Ignore };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens a document and its sidecar. Files over the background threshold load off the GUI
    /// thread (documentOpened() follows); smaller ones are open when this returns true. The path
    /// is taken by value: a caller's string may live in a list that changes while this runs
    /// (the corpus model's rows, filled in from a worker as events are processed).
    bool openFile(QString path);
    [[nodiscard]] bool isLoading() const;
    void cancelLoading();
    /// Saves the sidecar; false (after telling the user) when it could not be written.
    bool save();
    // File > Close, Save Annotations As, Revert (ui/fileactions.cpp).
    /// Closes the open document, asking to save it when modified; false when the user cancels.
    bool closeDocument();
    /// Writes the annotations, as Save would, to another file: a copy. The document keeps its own
    /// sidecar (the one Open finds beside the text) and its unsaved state. False after telling the user.
    bool saveAnnotationsAs(const QString &path);
    /// Reads the document and its sidecar from disk again, after asking when there are unsaved
    /// changes; the undo history starts afresh. False when cancelled or unreadable.
    bool revert();

    [[nodiscard]] AnnotationDocument *document() const { return m_document; }
    [[nodiscard]] AnnotationView *view() const { return m_view; }
    [[nodiscard]] SpanListDock *spanListDock() const { return m_spanList; }
    [[nodiscard]] LegendDock *legendDock() const { return m_legend; }
    [[nodiscard]] RelationsDock *relationsDock() const { return m_relationsDock; }
    [[nodiscard]] FindBar *findBar() const { return m_findBar; }
    [[nodiscard]] AutoSaver *autoSaver() const { return m_autoSaver; }
    [[nodiscard]] CommandPalette *commandPalette() const { return m_palette; }
    /// An action by object name ("save", "undo", "tag_quote", ...), for the palette and tests.
    [[nodiscard]] QAction *action(const QString &name) const;
    /// Every action with a name, labels' included.
    [[nodiscard]] QList<QAction *> allActions() const;
    /// The text of the banner (a SHA-256 mismatch), as plain text, empty when hidden.
    [[nodiscard]] QString bannerText() const;
    [[nodiscard]] Banner *banner() const { return m_banner; }

    /// Documents whose text and sidecar together are bigger load off the GUI thread.
    void setBackgroundLoadThreshold(qint64 bytes) { m_backgroundThreshold = bytes; }
    void setRecoveryPolicy(RecoveryPolicy policy) { m_recoveryPolicy = policy; }

    /// The bundled sample article (installed copy first, then the source tree's).
    [[nodiscard]] static QString bundledSample();

    /// Imports spans for the open document from another tool's file (docs/FORMAT.md,
    /// "Interchange formats") as one undo step. Problems are shown in a dialog unless `quiet`;
    /// returns the number of spans added, or -1 on error (nothing changes then).
    /// With a `layerName`, the spans become a new read-only layer instead (for review).
    qsizetype importAnnotations(const QString &path, const QString &formatName, bool quiet = false,
                                const QString &layerName = QString());
    /// Exports the open document's spans in a format to a file (a folder for brat).
    /// `statuses`: the spans written, "accepted" (the default: gold means accepted), or a list such
    /// as "accepted,pending,rejected" (annotations/formats/writecheck.h).
    /// `offsets`: a unit the format offers instead of its default (ExportDialog).
    bool exportAnnotations(const QString &path, const QString &formatName, bool quiet = false,
                           const QString &statuses = QStringLiteral("accepted"),
                           std::optional<OffsetUnit> offsets = std::nullopt);
    /// Exports every document of a corpus folder with its own sidecar, as `scholiast-cli export
    /// FOLDER` does: one file, or a folder for brat. Warnings name the file they concern.
    bool exportCorpus(const QString &folder, const QString &path, const QString &formatName, bool quiet = false,
                      const QString &statuses = QStringLiteral("accepted"),
                      std::optional<OffsetUnit> offsets = std::nullopt);

    /// Tags the (snapped) selection with a label, or relabels the current span when nothing is
    /// selected. Never scrolls the view.
    void applyLabel(const QString &label);

    // View > Syntax, Theme and Annotation Source (ui/appearanceactions.cpp).
    /// Applies a theme to the whole window and the view; keeps the choice in QSettings unless
    /// `remember` is false (`--theme`).
    void setThemeChoice(ColorTheme::Choice choice, bool remember = true);
    [[nodiscard]] ColorTheme::Choice themeChoice() const { return m_themeChoice; }
    /// A read-only window with the sidecar JSON as Save would write it, highlighted as JSON.
    void showAnnotationSource();

    // The window's side of "never lose an annotation" (ui/reliabilityactions.cpp).
    /// What to do when the open document changes on disk: ask in the banner, or reload at once.
    enum class ReloadPolicy { Ask, Reload };
    void setReloadPolicy(ReloadPolicy policy) { m_reloadPolicy = policy; }
    [[nodiscard]] OrphansDock *orphansDock() const { return m_orphans; }
    [[nodiscard]] FileMonitor *fileMonitor() const { return m_fileMonitor; }
    /// Another Scholiast holds the document's lock: no tagging, saving or autosaving here.
    [[nodiscard]] bool isReadOnly() const { return m_readOnly; }
    /// Re-anchors the spans onto the document's text as one undo step; the banner gives the counts.
    void reanchorSpans();
    /// Places an orphan at the view's selection as one undo step.
    bool placeOrphanAtSelection(const QString &id);
    /// Reads the document's text again and re-anchors the spans in memory, unsaved ones
    /// included, onto it; the result is unsaved. False (and nothing changes) when it cannot be read.
    bool reloadDocument();
    /// Reads the sidecar again, dropping unsaved changes.
    bool reloadSidecar();

    // Read-only layers and review mode (ui/reviewactions.cpp, ui/reviewcontroller.h).
    [[nodiscard]] ReviewController *reviewController() const;
    [[nodiscard]] ReviewDock *reviewDock() const;

    // Corpora, the annotator's name and the metrics dock (ui/corpusactions.cpp).
    /// Opens a folder of documents, or a Scholiast JSONL dataset (docs/FORMAT.md §19), in the
    /// navigator, and its first document; false after telling the user when it cannot be opened.
    bool openCorpus(const QString &path);
    /// Saves the open document (atomically) and opens the next (+1) or previous (-1) document of
    /// the corpus; false when there is none or the save failed.
    bool openAdjacentDocument(int step);
    [[nodiscard]] CorpusDock *corpusDock() const { return m_corpusDock; }
    [[nodiscard]] MetricsDock *metricsDock() const { return m_metricsDock; }
    /// The name recorded on new spans, QSettings "annotator/name"; empty when unset.
    [[nodiscard]] static QString annotatorName();
    void setAnnotatorName(const QString &name);
    /// Runs `callback` once the corpus scan and the metrics are done (for --screenshot).
    void whenCorpusIdle(const std::function<void()> &callback);

Q_SIGNALS:
    /// A document has been opened and shown (after a background load too).
    void documentOpened();
    void loadingFailed();
    /// A background load shows the decoded text, read-only, while the annotations are read.
    void previewShown();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createFileActions();
    // Annotate > Labels… and the folder's shared labels (ui/labelactions.cpp).
    void createLabelActions();
    void openLabelEditor();
    [[nodiscard]] LabelSchema startingLabels(const QString &documentPath);
    void offerSharedLabels();
    void followLabels();
    void createCorpusActions();
    void corpusDocumentChanged();
    void askAnnotatorName();
    void ensureAnnotatorName();
    void importAnnotationsInteractively(bool asLayer = false);
    void createReviewActions();
    // Annotate > Suggest: rule and model suggesters, accept / reject (ui/suggestactions.cpp).
    void createSuggestActions();
    void createRelationActions();
    /// R on a span: starts a relation at the current span; false (R then means what it means in
    /// review) when there is no relation label, no span, or the span is a suggestion or conflict.
    bool startRelating();
    void finishRelating();
    void cancelRelating();
    void addQuoteAttributionLabels();
    /// Asks before removing spans that have relations; true to go on.
    bool confirmRemovingRelations(const QStringList &spanIds);
    void addLoadedLayers(std::vector<LayerFile> layers, const Diagnostics &problems);
    void exportAnnotationsInteractively();
    /// One readable line about a salvaged sidecar, with a Details disclosure (issue 13).
    void showSalvageBanner(const QString &summary, const Diagnostics &details);
    void createMenus();
    void createAppearanceMenus(QMenu *view);
    void createDocks();
    void restoreWindowLayout();
    void saveWindowLayout() const;
    void createStatusBar();
    void rebuildLabelActions();
    QAction *addAction(const QString &name, const QString &text, const QKeySequence &shortcut = QKeySequence(),
                       Qt::ShortcutContext context = Qt::WindowShortcut);

    void installResult(LoadResult result);
    /// A document refused for not being UTF-8: offers a UTF-8 copy beside it (ui/encodingactions.cpp).
    /// False when the file is not such a case (the caller shows the error).
    bool offerUtf8Copy(const QString &path, const Diagnostics &problems);
    // Background loads show the text as soon as it is decoded, read-only, while the sidecar is
    // read (ui/documentpreview.cpp); the full document then takes the preview's place.
    struct PreviewPlace
    {
        QString path;
        int scroll = 0;
        CodePoint anchor{0};
        CodePoint cursor{0};
    };
    void showPreview(Document document);
    [[nodiscard]] PreviewPlace previewPlace() const;
    void endPreview(const PreviewPlace &place);
    void setDocument(AnnotationDocument *document);
    void offerRecovery();
    [[nodiscard]] bool maybeSave();
    void showDiagnostics(const QString &title, const QString &intro, const Diagnostics &diagnostics);
    /// The banner above the text: a short message, and `details` (plain lines) behind Details.
    void showBanner(const QString &text, const QStringList &details = {});
    /// The document changed since its sidecar was written: counts in one sentence, the
    /// reader's warnings behind Details.
    void showDocumentChangedBanner(const Diagnostics &warnings);
    void updateTitle();
    void updateStatus();
    void updateActions();
    void addRecentFile(const QString &path);
    void updateRecentMenu();
    void openDialog();
    void editNote();
    void removeCurrentSpan();
    void showShortcuts();
    void createReliability();
    void documentInstalled(bool sidecarOutdated);
    void applyReadOnly();
    void replaceDocument(AnnotationDocument *document);
    void onDocumentChangedOnDisk();
    void onDocumentDeletedOnDisk();
    void onSidecarChangedOnDisk();
    void onSidecarDeletedOnDisk();
    [[nodiscard]] QString spanCountText() const;
    void updateReliabilityActions();

    QPointer<AnnotationDocument> m_document;
    QPointer<AnnotationDocument> m_preview;
    AnnotationView *m_view;
    SelectionHistory *m_selectionHistory;
    FindBar *m_findBar;
    Banner *m_banner;
    SpanListDock *m_spanList = nullptr;
    RelationsDock *m_relationsDock = nullptr;
    LegendDock *m_legend = nullptr;
    CommandPalette *m_palette;
    AutoSaver *m_autoSaver;
    QUndoGroup *m_undoGroup;
    DocumentLoader *m_loader = nullptr;
    QHash<QString, QAction *> m_actions;
    QList<QAction *> m_labelActions;
    QMenu *m_annotateMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QToolBar *m_toolBar = nullptr;
    QAction *m_labelSeparator = nullptr;
    QLabel *m_caretLabel;
    QLabel *m_selectionLabel;
    QLabel *m_spanCountLabel;
    QLabel *m_zoomLabel;
    QProgressBar *m_progress;
    QPushButton *m_cancelButton;
    qint64 m_backgroundThreshold = 8LL * 1024 * 1024;
    RecoveryPolicy m_recoveryPolicy = RecoveryPolicy::Ask;
    // The sidecar beside the document could not be read: saving would overwrite it.
    bool m_sidecarUnreadable = false; // the file must be backed up before it is replaced
    bool m_sidecarSalvaged = false; // ... and salvage read what it could of it
    // Set while the view and the span list follow each other, against echo loops.
    bool m_syncingCurrentSpan = false;
    CorpusDock *m_corpusDock = nullptr;
    CorpusController *m_corpus = nullptr;
    MetricsDock *m_metricsDock = nullptr;
    QLabel *m_annotatorLabel = nullptr;
    bool m_askedAnnotatorName = false; // asked once per session when unset
    OrphansDock *m_orphans = nullptr;
    FileMonitor *m_fileMonitor = nullptr;
    SidecarLock *m_lock = nullptr;
    ReloadPolicy m_reloadPolicy = ReloadPolicy::Ask;
    bool m_readOnly = false;
    ColorTheme::Choice m_themeChoice = ColorTheme::Choice::System;
    QMenu *m_syntaxMenu = nullptr;
    ReviewController *m_reviewController = nullptr;
    ReviewDock *m_reviewDock = nullptr;
    SuggestionController *m_suggestions = nullptr;
    ConflictController *m_conflicts = nullptr;
    QWidget *m_sharedLabelsBar = nullptr;
    QLabel *m_sharedLabelsText = nullptr;
    QPushButton *m_sharedLabelsUse = nullptr;
    QString m_sharedLabelsProblem; // the shared schema could not be read when opening
};

} // namespace Scholiast
