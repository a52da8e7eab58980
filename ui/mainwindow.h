#pragma once

#include "documentloader.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

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
class CommandPalette;
class FindBar;
class LegendDock;
class SpanListDock;

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
    /// thread (documentOpened() follows); smaller ones are open when this returns true.
    bool openFile(const QString &path);
    [[nodiscard]] bool isLoading() const;
    void cancelLoading();
    /// Saves the sidecar; false (after telling the user) when it could not be written.
    bool save();

    [[nodiscard]] AnnotationDocument *document() const { return m_document; }
    [[nodiscard]] AnnotationView *view() const { return m_view; }
    [[nodiscard]] SpanListDock *spanListDock() const { return m_spanList; }
    [[nodiscard]] LegendDock *legendDock() const { return m_legend; }
    [[nodiscard]] FindBar *findBar() const { return m_findBar; }
    [[nodiscard]] AutoSaver *autoSaver() const { return m_autoSaver; }
    [[nodiscard]] CommandPalette *commandPalette() const { return m_palette; }
    /// An action by object name ("save", "undo", "tag_quote", ...), for the palette and tests.
    [[nodiscard]] QAction *action(const QString &name) const;
    /// Every action with a name, labels' included.
    [[nodiscard]] QList<QAction *> allActions() const;
    /// The text of the banner (a SHA-256 mismatch), empty when hidden.
    [[nodiscard]] QString bannerText() const;

    void setBackgroundLoadThreshold(qint64 bytes) { m_backgroundThreshold = bytes; }
    void setRecoveryPolicy(RecoveryPolicy policy) { m_recoveryPolicy = policy; }

    /// The bundled sample article (installed copy first, then the source tree's).
    [[nodiscard]] static QString bundledSample();

    /// Imports spans for the open document from another tool's file (docs/FORMAT.md,
    /// "Interchange formats") as one undo step. Problems are shown in a dialog unless `quiet`;
    /// returns the number of spans added, or -1 on error (nothing changes then).
    qsizetype importAnnotations(const QString &path, const QString &formatName, bool quiet = false);
    /// Exports the open document's spans in a format to a file (a folder for brat).
    bool exportAnnotations(const QString &path, const QString &formatName, bool quiet = false);

    /// Tags the (snapped) selection with a label, or relabels the current span when nothing is
    /// selected. Never scrolls the view.
    void applyLabel(const QString &label);

Q_SIGNALS:
    /// A document has been opened and shown (after a background load too).
    void documentOpened();
    void loadingFailed();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void importAnnotationsInteractively();
    void exportAnnotationsInteractively();
    void createMenus();
    void createDocks();
    void createStatusBar();
    void rebuildLabelActions();
    QAction *addAction(const QString &name, const QString &text, const QKeySequence &shortcut = QKeySequence(),
                       Qt::ShortcutContext context = Qt::WindowShortcut);

    void installResult(LoadResult result);
    void setDocument(AnnotationDocument *document);
    void offerRecovery();
    [[nodiscard]] bool maybeSave();
    void showDiagnostics(const QString &title, const QString &intro, const Diagnostics &diagnostics);
    void showBanner(const QString &text);
    void updateTitle();
    void updateStatus();
    void updateActions();
    void addRecentFile(const QString &path);
    void updateRecentMenu();
    void openDialog();
    void editNote();
    void removeCurrentSpan();
    void showShortcuts();

    QPointer<AnnotationDocument> m_document;
    AnnotationView *m_view;
    FindBar *m_findBar;
    QWidget *m_banner;
    QLabel *m_bannerLabel;
    SpanListDock *m_spanList = nullptr;
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
    bool m_sidecarUnreadable = false;
    // Set while the view and the span list follow each other, against echo loops.
    bool m_syncingCurrentSpan = false;
};

} // namespace Scholiast
