// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "editing/annotationdocument.h"
#include "view/annotationview.h"
#include "commandpalette.h"
#include "review/conflictcontroller.h"
#include "corpus/corpusdock.h"
#include "editing/filemonitor.h"
#include "view/findbar.h"
#include "legenddock.h"
#include "review/metricsdock.h"
#include "reliability/orphansdock.h"
#include "reliability/autosaver.h"
#include "reliability/banner.h"
#include "review/reviewcontroller.h"
#include "review/reviewdock.h"
#include "view/selectionhistory.h"
#include "panefocus.h"
#include "shortcutsdialog.h"
#include "spanlistdock.h"
#include "relations/relationsdock.h"
#include "suggest/suggestioncontroller.h"
#include "versioninfo.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QUndoGroup>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace Scholiast {

namespace {
constexpr int MaxRecentFiles = 8;
const auto RecentFilesKey = QStringLiteral("recentFiles");
const auto GeometryKey = QStringLiteral("window/geometry");
const auto DockStateKey = QStringLiteral("window/docks");
constexpr int DockStateVersion = 1;

QIcon labelIcon(const QColor &color, const QString &key)
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(color);
    painter.setPen(QPen(color.darker(150), 2));
    painter.drawRoundedRect(QRectF(2, 2, 28, 28), 6, 6);
    painter.setPen(color.lightness() > 150 ? Qt::black : Qt::white);
    QFont font = painter.font();
    font.setBold(true);
    font.setPixelSize(18);
    painter.setFont(font);
    painter.drawText(QRect(0, 0, 32, 32), Qt::AlignCenter, key);
    return QIcon(pixmap);
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_view(new AnnotationView)
    , m_selectionHistory(new SelectionHistory(m_view))
    , m_findBar(new FindBar(m_view))
    , m_banner(new Banner)
    , m_palette(new CommandPalette(this))
    , m_autoSaver(new AutoSaver(this))
    , m_undoGroup(new QUndoGroup(this))
    , m_caretLabel(new QLabel)
    , m_selectionLabel(new QLabel)
    , m_spanCountLabel(new QLabel)
    , m_zoomLabel(new QLabel)
    , m_progress(new QProgressBar)
    , m_cancelButton(new QPushButton(tr("Cancel")))
{
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_findBar);
    setCentralWidget(central);

    createActions();
    createDocks();
    createMenus();
    createStatusBar();
    createReliability();
    createReviewActions();
    createCorpusActions();
    createSuggestActions();
    createRelationActions();

    connect(m_view, &AnnotationView::cursorPositionChanged, this, &MainWindow::updateStatus);
    connect(m_view, &AnnotationView::selectionChanged, this, &MainWindow::updateStatus);
    connect(m_view, &AnnotationView::zoomChanged, this, &MainWindow::updateStatus);
    connect(m_view, &AnnotationView::currentSpanChanged, this, [this](const QString &id) {
        updateActions();
        if (!m_syncingCurrentSpan) {
            const QScopedValueRollback<bool> guard(m_syncingCurrentSpan, true);
            m_spanList->setCurrentSpan(id);
        }
    });
    connect(m_spanList, &SpanListDock::spanActivated, this, [this](const QString &id) {
        // Rows moving under the selection (sorting, filtering) re-announce the same span.
        if (!m_syncingCurrentSpan && id != m_view->currentSpan()) {
            const QScopedValueRollback<bool> guard(m_syncingCurrentSpan, true);
            m_view->revealSpan(id);
        }
    });
    // Dragging a span's label tag to another span relates them, as R, Tab and Enter do; a click
    // on the tag only selects the span.
    connect(m_view, &AnnotationView::relationDragStarted, this, [this] { startRelating(); });
    connect(m_view, &AnnotationView::relationDragFinished, this, [this](bool overSpan) {
        if (m_view->relationSource().isEmpty()) {
            return;
        }
        overSpan ? finishRelating() : cancelRelating();
    });
    connect(m_view, &AnnotationView::spanResizeRequested, this,
            [this](const QString &id, CodePoint start, CodePoint end, quint64 gesture) {
                if (m_document) {
                    m_document->resize(id, start, end, gesture);
                }
            });
    connect(m_legend, &LegendDock::labelVisibilityChanged, m_view, &AnnotationView::setLabelVisible);
    connect(m_autoSaver, &AutoSaver::saved, this,
            [this] { statusBar()->showMessage(tr("Autosaved a recovery copy"), 3000); });
    // Written on a worker (issue 17): a failure arrives later; the spans stay open and unsaved.
    connect(m_autoSaver, &AutoSaver::failed, this, [this](const Diagnostics &diagnostics) {
        statusBar()->showMessage(
            tr("Autosave failed: %1").arg(diagnostics.isEmpty() ? QString() : diagnostics.constFirst().toString()),
            10000);
    });

    updateTitle();
    updateStatus();
    updateActions();
    restoreWindowLayout();
    m_view->setFocus();
}

void MainWindow::restoreWindowLayout()
{
    // As it was left: size, place and dock layout. The first time, a size that fits the screen it
    // opens on (at QT_SCALE_FACTOR=2 a fixed 1280x800 put the docks off-screen).
    const QSettings settings;
    if (!restoreGeometry(settings.value(GeometryKey).toByteArray())) {
        const QRect available = screen()->availableGeometry();
        resize(QSize(1280, 800).boundedTo(available.size() * 9 / 10));
        move(available.center() - rect().center());
        // The text keeps most of a small window: the span list takes at most two fifths of it.
        resizeDocks({m_spanList}, {std::min(430, width() * 2 / 5)}, Qt::Horizontal);
    }
    restoreState(settings.value(DockStateKey).toByteArray(), DockStateVersion);
    // The docks that follow what is open (a corpus, orphans, review mode) show when it is there,
    // not because they were shown last time.
    for (QDockWidget *dock :
         std::initializer_list<QDockWidget *>{m_corpusDock, m_metricsDock, m_orphans, m_reviewDock}) {
        dock->hide();
    }
}

void MainWindow::saveWindowLayout() const
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(DockStateKey, saveState(DockStateVersion));
}

MainWindow::~MainWindow()
{
    // The document goes first, while everything that listens to it still exists; its undo stack
    // announces a clean state as it is destroyed, which must not clear the recovery file.
    // Documents replaced but not yet deleted (deleteLater) are children too.
    const auto documents = findChildren<AnnotationDocument *>(Qt::FindDirectChildrenOnly);
    for (AnnotationDocument *document : documents) {
        disconnect(document->undoStack(), nullptr, this, nullptr);
        delete document;
    }
}

// --- actions ---------------------------------------------------------------------------------

QAction *MainWindow::addAction(const QString &name, const QString &text, const QKeySequence &shortcut,
                               Qt::ShortcutContext context)
{
    auto *action = new QAction(text, this);
    action->setObjectName(name);
    if (!shortcut.isEmpty()) {
        action->setShortcut(shortcut);
    }
    action->setShortcutContext(context);
    if (context == Qt::WidgetShortcut || context == Qt::WidgetWithChildrenShortcut) {
        m_view->addAction(action); // keys that mean something else elsewhere (Tab, Return)
    } else {
        QMainWindow::addAction(action);
    }
    m_actions.insert(name, action);
    return action;
}

QAction *MainWindow::action(const QString &name) const
{
    return m_actions.value(name);
}

QList<QAction *> MainWindow::allActions() const
{
    QList<QAction *> actions;
    const QStringList order{QStringLiteral("open"), QStringLiteral("save"), QStringLiteral("quit"),
                            QStringLiteral("undo"), QStringLiteral("redo")};
    for (const QString &name : order) {
        actions.append(m_actions.value(name));
    }
    actions.append(m_labelActions);
    for (auto it = m_actions.cbegin(); it != m_actions.cend(); ++it) {
        if (!actions.contains(it.value())) {
            actions.append(it.value());
        }
    }
    actions.removeAll(nullptr);
    return actions;
}

void MainWindow::createActions()
{
    connect(addAction(QStringLiteral("open"), tr("&Open…"), QKeySequence::Open), &QAction::triggered, this,
            &MainWindow::openDialog);
    connect(addAction(QStringLiteral("save"), tr("&Save"), QKeySequence::Save), &QAction::triggered, this,
            &MainWindow::save);
    connect(addAction(QStringLiteral("import_annotations"), tr("&Import Annotations…")), &QAction::triggered, this,
            &MainWindow::importAnnotationsInteractively);
    connect(addAction(QStringLiteral("export_annotations"), tr("&Export Annotations…")), &QAction::triggered, this,
            &MainWindow::exportAnnotationsInteractively);
    connect(addAction(QStringLiteral("quit"), tr("&Quit"), QKeySequence::Quit), &QAction::triggered, this,
            &QWidget::close);
    createFileActions();
    createLabelActions();

    QAction *undo = m_undoGroup->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undoGroup->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    // Their text names the step ("Undo Relabel span as quote"); F1 lists them by what they are.
    ShortcutsDialog::setStableName(undo, tr("Undo"));
    ShortcutsDialog::setStableName(redo, tr("Redo"));
    QMainWindow::addAction(undo);
    QMainWindow::addAction(redo);
    m_actions.insert(undo->objectName(), undo);
    m_actions.insert(redo->objectName(), redo);

    connect(addAction(QStringLiteral("find"), tr("&Find…"), QKeySequence::Find), &QAction::triggered, m_findBar,
            &FindBar::activate);
    connect(addAction(QStringLiteral("find_next"), tr("Find &Next"), QKeySequence::FindNext), &QAction::triggered, this,
            [this] { m_findBar->findNext(1); });
    connect(addAction(QStringLiteral("find_previous"), tr("Find Pre&vious"), QKeySequence::FindPrevious),
            &QAction::triggered, this, [this] { m_findBar->findNext(-1); });
    connect(addAction(QStringLiteral("tag_all_matches"), tr("Tag All &Matches")), &QAction::triggered, this, [this] {
        ensureAnnotatorName();
        m_findBar->tagAllMatches();
    });
    connect(addAction(QStringLiteral("command_palette"), tr("Command &Palette…"),
                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)),
            &QAction::triggered, this, [this] {
                m_palette->setActions(allActions());
                m_palette->popup();
            });
    QAction *snap = addAction(QStringLiteral("snap_to_words"), tr("Snap Selection to &Words"));
    snap->setCheckable(true);
    snap->setChecked(m_view->snapToWords());
    connect(snap, &QAction::toggled, m_view, &AnnotationView::setSnapToWords);
    QAction *lineNumbers =
        addAction(QStringLiteral("line_numbers"), tr("&Line Numbers"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    lineNumbers->setCheckable(true);
    lineNumbers->setChecked(QSettings().value(QStringLiteral("view/lineNumbers"), false).toBool());
    m_view->setLineNumbersVisible(lineNumbers->isChecked());
    connect(lineNumbers, &QAction::toggled, this, [this](bool visible) {
        m_view->setLineNumbersVisible(visible);
        QSettings().setValue(QStringLiteral("view/lineNumbers"), visible);
    });
    QAction *spanLabels = addAction(QStringLiteral("span_labels"), tr("Span &Labels"));
    spanLabels->setCheckable(true);
    spanLabels->setChecked(QSettings().value(QStringLiteral("view/spanLabels"), true).toBool());
    m_view->setLabelTagsVisible(spanLabels->isChecked());
    connect(spanLabels, &QAction::toggled, this, [this](bool visible) {
        m_view->setLabelTagsVisible(visible);
        QSettings().setValue(QStringLiteral("view/spanLabels"), visible);
    });

    QAction *zoomIn = addAction(QStringLiteral("zoom_in"), tr("Zoom &In"));
    zoomIn->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Plus), QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    connect(zoomIn, &QAction::triggered, m_view, &AnnotationView::zoomIn);
    connect(addAction(QStringLiteral("zoom_out"), tr("Zoom &Out"), QKeySequence(Qt::CTRL | Qt::Key_Minus)),
            &QAction::triggered, m_view, &AnnotationView::zoomOut);
    connect(addAction(QStringLiteral("zoom_reset"), tr("&Reset Zoom"), QKeySequence(Qt::CTRL | Qt::Key_0)),
            &QAction::triggered, m_view, &AnnotationView::resetZoom);

    connect(addAction(QStringLiteral("next_span"), tr("&Next Span"), QKeySequence(Qt::Key_Tab), Qt::WidgetShortcut),
            &QAction::triggered, this, [this] { m_view->selectAdjacentSpan(1); });
    QAction *previousSpan = addAction(QStringLiteral("previous_span"), tr("&Previous Span"),
                                      QKeySequence(Qt::SHIFT | Qt::Key_Tab), Qt::WidgetShortcut);
    previousSpan->setShortcuts({QKeySequence(Qt::SHIFT | Qt::Key_Tab), QKeySequence(Qt::SHIFT | Qt::Key_Backtab)});
    connect(previousSpan, &QAction::triggered, this, [this] { m_view->selectAdjacentSpan(-1); });
    connect(addAction(QStringLiteral("next_span_at_caret"), tr("Next Span at &Caret"),
                      QKeySequence(Qt::ALT | Qt::Key_Down), Qt::WidgetShortcut),
            &QAction::triggered, this, [this] { m_view->cycleSpansAtCursor(1); });
    connect(addAction(QStringLiteral("previous_span_at_caret"), tr("Previous Span at C&aret"),
                      QKeySequence(Qt::ALT | Qt::Key_Up), Qt::WidgetShortcut),
            &QAction::triggered, this, [this] { m_view->cycleSpansAtCursor(-1); });
    using Edge = AnnotationView::SpanEdge;
    // Some window managers take Alt+Shift+arrows, so each has a second key:
    // [ moves an end left, ] right; Alt for the start, Ctrl for the end. Ctrl+Shift+arrows are
    // not free: the view extends the selection by words with them.
    const struct
    {
        const char *name;
        const char *text;
        QKeyCombination key;
        QKeyCombination alternative;
        Edge edge;
        int direction;
    } resizes[] = {
        {"span_end_right", QT_TR_NOOP("Move Span End Right"), Qt::ALT | Qt::SHIFT | Qt::Key_Right,
         Qt::CTRL | Qt::Key_BracketRight, Edge::End, 1},
        {"span_end_left", QT_TR_NOOP("Move Span End Left"), Qt::ALT | Qt::SHIFT | Qt::Key_Left,
         Qt::CTRL | Qt::Key_BracketLeft, Edge::End, -1},
        {"span_start_left", QT_TR_NOOP("Move Span Start Left"), Qt::ALT | Qt::SHIFT | Qt::Key_Up,
         Qt::ALT | Qt::Key_BracketLeft, Edge::Start, -1},
        {"span_start_right", QT_TR_NOOP("Move Span Start Right"), Qt::ALT | Qt::SHIFT | Qt::Key_Down,
         Qt::ALT | Qt::Key_BracketRight, Edge::Start, 1},
    };
    for (const auto &r : resizes) {
        const Edge edge = r.edge;
        const int direction = r.direction;
        QAction *resize = addAction(QString::fromLatin1(r.name), tr(r.text), QKeySequence(r.key), Qt::WidgetShortcut);
        resize->setShortcuts({QKeySequence(r.key), QKeySequence(r.alternative)});
        connect(resize, &QAction::triggered, this,
                [this, edge, direction] { m_view->requestResizeCurrentSpan(edge, direction); });
    }
    QAction *note = addAction(QStringLiteral("edit_note"), tr("Edit &Note…"), QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(note, &QAction::triggered, this, &MainWindow::editNote);
    // Enter on the view edits the selected span's note too.
    // ... or, while a relation is being made (R), relates the spans.
    connect(addAction(QStringLiteral("edit_note_enter"), tr("Edit Note of the Selected Span"),
                      QKeySequence(Qt::Key_Return), Qt::WidgetShortcut),
            &QAction::triggered, this, [this] { m_view->relationSource().isEmpty() ? editNote() : finishRelating(); });
    connect(addAction(QStringLiteral("delete_span"), tr("&Delete Span"), QKeySequence::Delete), &QAction::triggered,
            this, &MainWindow::removeCurrentSpan);

    // F6 / Shift+F6: the text, then each visible dock, cyclically (ui/panefocus.h).
    connect(addAction(QStringLiteral("focus_next_pane"), tr("Focus Next Pane"), QKeySequence(Qt::Key_F6)),
            &QAction::triggered, this, [this] { PaneFocus::cycle(this, m_view, 1); });
    connect(addAction(QStringLiteral("focus_previous_pane"), tr("Focus Previous Pane"),
                      QKeySequence(Qt::SHIFT | Qt::Key_F6)),
            &QAction::triggered, this, [this] { PaneFocus::cycle(this, m_view, -1); });
    connect(addAction(QStringLiteral("shortcuts"), tr("&Keyboard Shortcuts"), QKeySequence::HelpContents),
            &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(addAction(QStringLiteral("about"), tr("&About Scholiast")), &QAction::triggered, this, [this] {
        // The same lines as `scholiast --version` (versioninfo.h).
        QStringList lines = versionInfo().split(u'\n');
        const QString title = lines.takeFirst();
        QMessageBox::about(this, tr("About Scholiast"),
                           tr("<b>%1</b><p>Stand-off annotation of text spans.</p><p>%2</p>")
                               .arg(title.toHtmlEscaped(), lines.join(QStringLiteral("<br>"))));
    });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(action(QStringLiteral("open")));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(action(QStringLiteral("save")));
    file->addAction(action(QStringLiteral("save_annotations_as")));
    file->addAction(action(QStringLiteral("revert")));
    file->addAction(action(QStringLiteral("close_document")));
    file->addSeparator();
    file->addAction(action(QStringLiteral("import_annotations")));
    file->addAction(action(QStringLiteral("export_annotations")));
    file->addSeparator();
    file->addAction(action(QStringLiteral("quit")));
    updateRecentMenu();

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(action(QStringLiteral("undo")));
    edit->addAction(action(QStringLiteral("redo")));
    edit->addSeparator();
    edit->addAction(action(QStringLiteral("find")));
    edit->addAction(action(QStringLiteral("find_next")));
    edit->addAction(action(QStringLiteral("find_previous")));
    edit->addSeparator();
    edit->addAction(action(QStringLiteral("snap_to_words")));
    edit->addAction(action(QStringLiteral("command_palette")));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(action(QStringLiteral("zoom_in")));
    view->addAction(action(QStringLiteral("zoom_out")));
    view->addAction(action(QStringLiteral("zoom_reset")));
    view->addAction(action(QStringLiteral("line_numbers")));
    view->addAction(action(QStringLiteral("span_labels")));
    view->addSeparator();
    view->addAction(action(QStringLiteral("focus_next_pane")));
    view->addAction(action(QStringLiteral("focus_previous_pane")));
    view->addAction(m_spanList->toggleViewAction());
    view->addAction(m_legend->toggleViewAction());
    createAppearanceMenus(view);

    m_annotateMenu = menuBar()->addMenu(tr("&Annotate"));
    m_labelSeparator = m_annotateMenu->addSeparator();
    m_annotateMenu->addAction(action(QStringLiteral("tag_all_matches")));
    m_annotateMenu->addAction(action(QStringLiteral("edit_labels")));
    m_annotateMenu->addSeparator();
    for (const char *name : {"next_span", "previous_span", "next_span_at_caret", "previous_span_at_caret"}) {
        m_annotateMenu->addAction(action(QString::fromLatin1(name)));
    }
    m_annotateMenu->addSeparator();
    for (const char *name : {"span_start_left", "span_start_right", "span_end_left", "span_end_right"}) {
        m_annotateMenu->addAction(action(QString::fromLatin1(name)));
    }
    m_annotateMenu->addSeparator();
    m_annotateMenu->addAction(action(QStringLiteral("edit_note")));
    m_annotateMenu->addAction(action(QStringLiteral("delete_span")));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(action(QStringLiteral("shortcuts")));
    help->addAction(action(QStringLiteral("about")));

    m_toolBar = addToolBar(tr("Main"));
    m_toolBar->setObjectName(QStringLiteral("MainToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setMovable(false);
    m_toolBar->addAction(action(QStringLiteral("open")));
    m_toolBar->addAction(action(QStringLiteral("save")));
    m_toolBar->addSeparator();
    m_toolBar->addAction(action(QStringLiteral("undo")));
    m_toolBar->addAction(action(QStringLiteral("redo")));
    m_toolBar->addSeparator();
    m_toolBar->addAction(action(QStringLiteral("find")));
    m_toolBar->addSeparator();
}

void MainWindow::createDocks()
{
    m_spanList = new SpanListDock(this);
    m_legend = new LegendDock(this);
    addDockWidget(Qt::RightDockWidgetArea, m_legend);
    addDockWidget(Qt::RightDockWidgetArea, m_spanList);
    resizeDocks({m_legend, m_spanList}, {130, 500}, Qt::Vertical);
    resizeDocks({m_spanList}, {430}, Qt::Horizontal);
}

void MainWindow::createStatusBar()
{
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(240);
    m_progress->hide();
    m_cancelButton->hide();
    connect(m_cancelButton, &QPushButton::clicked, this, &MainWindow::cancelLoading);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancelButton);
    statusBar()->addPermanentWidget(m_caretLabel);
    statusBar()->addPermanentWidget(m_selectionLabel);
    statusBar()->addPermanentWidget(m_spanCountLabel);
    statusBar()->addPermanentWidget(m_zoomLabel);
}

void MainWindow::rebuildLabelActions()
{
    for (QAction *action : std::as_const(m_labelActions)) {
        m_actions.remove(action->objectName());
        delete action;
    }
    m_labelActions.clear();
    if (!m_document) {
        return;
    }
    for (const Label &label : m_document->labels().labels()) {
        auto *action = new QAction(labelIcon(QColor(label.color), label.key), tr("Tag as %1").arg(label.name), this);
        action->setObjectName(QStringLiteral("tag_") + label.name);
        action->setIconText(label.name);
        action->setToolTip(tr("Tag the selection as %1, or relabel the selected span (%2)").arg(label.name, label.key));
        if (!label.key.isEmpty()) {
            action->setShortcut(QKeySequence(label.key));
        }
        const QString name = label.name;
        connect(action, &QAction::triggered, this, [this, name] { applyLabel(name); });
        QMainWindow::addAction(action);
        m_annotateMenu->insertAction(m_labelSeparator, action);
        m_toolBar->addAction(action);
        m_actions.insert(action->objectName(), action);
        m_labelActions.append(action);
    }
}

// --- opening ---------------------------------------------------------------------------------

void MainWindow::openDialog()
{
    const QString start = m_document ? QFileInfo(m_document->path()).absolutePath() : QString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Document"), start,
                                                      tr("Text files (*.txt *.md *.text);;All files (*)"));
    if (!path.isEmpty()) {
        openFile(path);
    }
}

bool MainWindow::openFile(QString path) // NOLINT(performance-unnecessary-value-param): see the header
{
    if (isLoading() || !maybeSave()) {
        return false;
    }
    const QFileInfo info(path);
    if (!info.isFile()) {
        showDiagnostics(tr("Cannot Open"), tr("Cannot open %1.").arg(path),
                        {Diagnostic::error(path, tr("no such file"))});
        return false;
    }
    // The sidecar counts too (issue 17): a small text can carry a huge sidecar, and reading it is
    // most of the work.
    const qint64 bytes = info.size() + QFileInfo(ScholiastJson::sidecarPath(path)).size();
    if (bytes <= m_backgroundThreshold) {
        installResult(loadDocumentAndSidecar(path));
        return m_document && m_document->path() == path;
    }
    m_loader = new DocumentLoader(this);
    connect(m_loader, &DocumentLoader::progress, this,
            [this](qint64 done, qint64 total) { m_progress->setValue(total > 0 ? int(done * 1000 / total) : 0); });
    connect(m_loader, &DocumentLoader::documentReady, this, [this] {
        if (auto document = m_loader->takeDocument()) {
            showPreview(std::move(*document));
        }
    });
    connect(m_loader, &DocumentLoader::finished, this, [this] {
        LoadResult result = m_loader->takeResult();
        m_loader->deleteLater();
        m_loader = nullptr;
        m_progress->hide();
        m_cancelButton->hide();
        const PreviewPlace place = previewPlace();
        installResult(std::move(result));
        endPreview(place);
    });
    m_progress->setValue(0);
    m_progress->show();
    m_cancelButton->show();
    statusBar()->showMessage(tr("Loading %1…").arg(info.fileName()));
    m_loader->start(path, DocumentLoader::Prepare::Document);
    return true;
}

bool MainWindow::isLoading() const
{
    return m_loader != nullptr;
}

void MainWindow::cancelLoading()
{
    if (m_loader) {
        m_loader->cancel();
    }
}

void MainWindow::installResult(LoadResult result)
{
    statusBar()->clearMessage();
    if (result.cancelled) {
        statusBar()->showMessage(tr("Loading cancelled"), 5000);
        Q_EMIT loadingFailed();
        return;
    }
    if (!result.document) {
        const AnnotationDocument *before = m_document;
        if (offerUtf8Copy(result.path, result.diagnostics)) {
            if (m_document == before) {
                Q_EMIT loadingFailed(); // no copy was opened instead
            }
            return;
        }
        showDiagnostics(tr("Cannot Open"), tr("%1 could not be opened.").arg(result.path), result.diagnostics);
        Q_EMIT loadingFailed();
        return;
    }
    const bool unreadable = result.sidecarHasErrors();
    if (unreadable) {
        Diagnostics errors;
        for (const Diagnostic &d : std::as_const(result.diagnostics)) {
            if (d.isError()) {
                errors.append(d);
            }
        }
        showDiagnostics(tr("Cannot Read Annotations"),
                        tr("The annotations beside %1 could not be read. The document opens without them; "
                           "the file is left as it is.")
                            .arg(QFileInfo(result.path).fileName()),
                        errors);
    }
    AnnotationDocument *document = nullptr;
    if (result.prepared) {
        // Made and filled on the loader's thread (issue 17): a million spans are already in their set.
        document = result.prepared.release();
        document->setParent(this);
    } else {
        LabelSchema labels = !result.sidecar    ? startingLabels(result.path)
            : !result.sidecar->labels.isEmpty() ? result.sidecar->labels
                                                : LabelSchema::defaultSchema();
        QList<Annotation> spans = result.sidecar ? std::move(result.sidecar->annotations) : QList<Annotation>();
        document = new AnnotationDocument(std::move(*result.document), std::move(labels), std::move(spans), this,
                                          result.sidecar ? result.sidecar->relations : QList<Relation>());
        if (result.sidecar) { // kept on save (docs/FORMAT.md §6.3): the corpus status, a project's fields
            document->setSidecarFields(result.sidecar->extraFields);
            document->setDocumentFields(result.sidecar->documentExtraFields);
        }
    }
    m_sidecarUnreadable = unreadable || result.salvaged;
    m_sidecarSalvaged = result.salvaged;
    setDocument(document);

    Diagnostics warnings;
    for (const Diagnostic &d : std::as_const(result.diagnostics)) {
        if (!d.isError()) {
            warnings.append(d);
        }
    }
    if (!warnings.isEmpty()) {
        showDocumentChangedBanner(warnings);
    } else {
        m_banner->hide();
    }
    documentInstalled(result.sidecar && result.sidecar->documentSha256 != document->document().sha256());
    if (result.salvaged && !m_readOnly) {
        showSalvageBanner(result.salvageSummary, result.salvageDetails);
    }
    offerSharedLabels();
    addLoadedLayers(std::move(result.layers), result.layerDiagnostics);
    addRecentFile(document->path());
    offerRecovery();
    Q_EMIT documentOpened();
}

void MainWindow::setDocument(AnnotationDocument *document)
{
    AnnotationDocument *old = m_document;
    m_document = document;
    m_reviewController->setDocument(document);
    m_suggestions->setDocument(document);
    m_conflicts->setDocument(document);
    m_view->setDocument(document);
    m_selectionHistory->setDocument(document);
    m_spanList->setDocument(document);
    m_legend->setDocument(document);
    m_relationsDock->setDocument(document);
    m_orphans->setDocument(document);
    m_findBar->setDocument(document);
    m_autoSaver->setDocument(document);
    if (old) {
        m_undoGroup->removeStack(old->undoStack());
        // It is deleted later: until then nothing it announces is about the window's document.
        disconnect(old->undoStack(), nullptr, this, nullptr);
        disconnect(old->spans(), nullptr, this, nullptr);
        disconnect(old, nullptr, this, nullptr);
        old->deleteLater();
    }
    if (document) {
        m_undoGroup->addStack(document->undoStack());
        m_undoGroup->setActiveStack(document->undoStack());
        connect(document->undoStack(), &QUndoStack::cleanChanged, this, [this](bool clean) {
            setWindowModified(!clean);
            if (clean) {
                m_autoSaver->clear(); // back to the saved state: nothing to recover
            }
        });
        const auto update = [this] { updateStatus(); };
        connect(document->spans(), &AnnotationSet::spansAdded, this, update);
        connect(document->spans(), &AnnotationSet::spansRemoved, this, update);
        connect(document->spans(), &AnnotationSet::spansChanged, this, update); // accept/reject: the pending count
        connect(document->spans(), &AnnotationSet::wasReset, this, update);
        connect(document, &AnnotationDocument::labelsChanged, this, &MainWindow::followLabels);
    }
    rebuildLabelActions();
    setWindowModified(false);
    updateTitle();
    updateStatus();
    updateActions();
    corpusDocumentChanged();
    m_view->setFocus();
}

void MainWindow::offerRecovery()
{
    // A read-only window leaves the recovery file to the instance that holds the lock.
    if (!m_document || m_readOnly || m_recoveryPolicy == RecoveryPolicy::Ignore
        || !AutoSaver::hasRecovery(m_document->path())) {
        return;
    }
    const QString path = AutoSaver::recoveryPath(m_document->path());
    bool restore = m_recoveryPolicy == RecoveryPolicy::Restore;
    if (m_recoveryPolicy == RecoveryPolicy::Ask) {
        QMessageBox box(QMessageBox::Question, tr("Restore Unsaved Changes"),
                        tr("Scholiast found annotations of %1 that were not saved (autosaved %2). Restore them?")
                            .arg(QFileInfo(m_document->path()).fileName(),
                                 QLocale().toString(QFileInfo(path).lastModified(), QLocale::ShortFormat)),
                        QMessageBox::NoButton, this);
        QPushButton *restoreButton = box.addButton(tr("&Restore"), QMessageBox::AcceptRole);
        box.addButton(tr("&Discard"), QMessageBox::DestructiveRole);
        box.setDefaultButton(restoreButton);
        box.exec();
        restore = box.clickedButton() == restoreButton;
    }
    if (!restore) {
        QFile::remove(path);
        return;
    }
    Diagnostics diagnostics;
    const auto sidecar = ScholiastJson::read(path, diagnostics, &m_document->document());
    if (!sidecar) {
        showDiagnostics(tr("Cannot Restore"), tr("The recovery file could not be read; it is left in place."),
                        diagnostics);
        return;
    }
    m_document->replaceAll(sidecar->annotations, tr("Restore unsaved changes"), sidecar->relations);
    statusBar()->showMessage(
        tr("Restored %n span(s) from the recovery file", nullptr, int(sidecar->annotations.size())), 5000);
}

QString MainWindow::bundledSample()
{
    const QString name = QStringLiteral("harbour-bridge-vote.txt");
    const QString installed =
        QCoreApplication::applicationDirPath() + QStringLiteral("/../share/scholiast/samples/") + name;
    if (QFileInfo::exists(installed)) {
        return QFileInfo(installed).absoluteFilePath();
    }
    return QStringLiteral(SCHOLIAST_SOURCE_SAMPLES "/") + name;
}

// --- saving and closing ----------------------------------------------------------------------

bool MainWindow::save()
{
    if (!m_document) {
        return false;
    }
    if (m_readOnly) {
        statusBar()->showMessage(tr("Read-only: another Scholiast has this document open"), 5000);
        return false;
    }
    if (m_sidecarUnreadable && !m_sidecarSalvaged) {
        const auto answer = QMessageBox::warning(
            this, tr("Overwrite Annotations?"),
            tr("The existing file %1 could not be read when the document was opened. Saving replaces it; the file as "
               "it is will be kept as a backup beside it. Save anyway?")
                .arg(m_document->sidecarPath()),
            QMessageBox::Save | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Save) {
            return false;
        }
    }
    Diagnostics diagnostics;
    // A file that could not be fully read is kept, byte for byte, before it is replaced.
    QString backup;
    if (m_sidecarUnreadable && QFileInfo::exists(m_document->sidecarPath())) {
        const auto kept = ScholiastJson::keepBackup(m_document->sidecarPath(), diagnostics);
        if (!kept) {
            showDiagnostics(tr("Cannot Save"),
                            tr("The file as it is could not be backed up, so it is not replaced. Your spans stay open "
                               "and are autosaved for recovery."),
                            diagnostics);
            return false;
        }
        backup = *kept;
    }
    if (!m_document->save(diagnostics)) {
        // The old file is untouched (atomic save) and the spans stay here, unsaved and autosaved.
        m_autoSaver->markPending();
        showDiagnostics(tr("Cannot Save"),
                        tr("The annotations could not be saved. The file on disk is unchanged; your spans stay "
                           "open and are autosaved for recovery."),
                        diagnostics);
        return false;
    }
    m_fileMonitor->acknowledgeSidecar(); // our own write, not another program's
    m_sidecarUnreadable = false;
    m_sidecarSalvaged = false;
    m_autoSaver->clear();
    if (backup.isEmpty()) {
        statusBar()->showMessage(tr("Saved %1").arg(m_document->sidecarPath()), 4000);
    } else {
        statusBar()->showMessage(
            tr("Saved %1; the file as it was is kept in %2").arg(m_document->sidecarPath(), backup));
        showBanner(tr("<b>Saved.</b> The file as it was before is kept in %1.").arg(backup.toHtmlEscaped()));
    }
    return true;
}

bool MainWindow::maybeSave()
{
    // A read-only window cannot save: asking would only trap the user in the window.
    if (!m_document || !m_document->isModified() || m_readOnly) {
        return true;
    }
    QMessageBox box(QMessageBox::Warning, tr("Unsaved Changes"),
                    tr("The annotations of %1 have unsaved changes.").arg(QFileInfo(m_document->path()).fileName()),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setInformativeText(tr("Do you want to save them?"));
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save:
        return save();
    case QMessageBox::Discard:
        m_autoSaver->clear();
        return true;
    default:
        return false;
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    cancelLoading();
    m_autoSaver->clear(); // a clean close leaves nothing to recover
    m_autoSaver->setDocument(nullptr);
    saveWindowLayout();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().value(0).isLocalFile()) {
        event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString path = event->mimeData()->urls().value(0).toLocalFile();
    if (!path.isEmpty()) {
        event->acceptProposedAction();
        // Open after the drop returns, so that a dialog does not block the drag source.
        QMetaObject::invokeMethod(
            this, [this, path] { openFile(path); }, Qt::QueuedConnection);
    }
}

// --- editing ---------------------------------------------------------------------------------

void MainWindow::applyLabel(const QString &label)
{
    if (!m_document) {
        return;
    }
    ensureAnnotatorName();
    if (m_view->hasSelection()) {
        const auto [start, end] = m_view->snappedSelection();
        // One span per range and label (docs/FORMAT.md §8.5): tagging again selects it.
        for (const Annotation *span : m_document->spans()->overlapping(start, end)) {
            if (!span->isOrphan() && span->start == start && span->end == end && span->label == label) {
                m_view->setCursorPosition(m_view->cursorPosition());
                m_view->setCurrentSpan(span->id);
                statusBar()->showMessage(tr("Already tagged %1: selected the existing span").arg(label), 5000);
                return;
            }
        }
        const QString id = m_document->tag(start, end, label);
        if (!id.isEmpty()) {
            // Collapse the selection at its end and make the new span current: the next label
            // key relabels it. Nothing here scrolls.
            m_view->setCursorPosition(m_view->cursorPosition());
            m_view->setCurrentSpan(id);
        }
        return;
    }
    if (!m_view->currentSpan().isEmpty()) {
        m_document->relabel({m_view->currentSpan()}, label);
        return;
    }
    statusBar()->showMessage(tr("Select text to tag, or click a span to relabel it"), 4000);
}

void MainWindow::editNote()
{
    if (!m_document) {
        return;
    }
    const Annotation *span = m_document->spans()->find(m_view->currentSpan());
    if (!span) {
        statusBar()->showMessage(tr("Select a span to edit its note"), 4000);
        return;
    }
    const QString id = span->id;
    QInputDialog dialog(this);
    dialog.setWindowTitle(tr("Note"));
    dialog.setLabelText(tr("Note on the %1 span “%2” (Enter saves):").arg(span->label, span->text().left(60)));
    dialog.setTextValue(span->note());
    dialog.setOkButtonText(tr("Save"));
    if (dialog.exec() == QDialog::Accepted) {
        m_document->editNote(id, dialog.textValue());
    }
}

void MainWindow::removeCurrentSpan()
{
    if (m_document && !m_view->currentSpan().isEmpty() && confirmRemovingRelations({m_view->currentSpan()})) {
        m_document->remove({m_view->currentSpan()});
    }
}

void MainWindow::showShortcuts()
{
    ShortcutsDialog dialog(menuBar(), allActions(), this);
    dialog.exec();
}

// --- status ----------------------------------------------------------------------------------

void MainWindow::showDiagnostics(const QString &title, const QString &intro, const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics) {
        lines.append(d.toString());
    }
    // Warnings only: a warning icon, not the error one.
    const bool anyError =
        std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic &d) { return d.isError(); });
    QMessageBox box(anyError ? QMessageBox::Critical : QMessageBox::Warning, title, intro, QMessageBox::Ok, this);
    box.setObjectName(QStringLiteral("DiagnosticsBox"));
    box.setInformativeText(lines.mid(0, 8).join(u'\n'));
    if (lines.size() > 8) {
        box.setDetailedText(lines.join(u'\n'));
    }
    box.exec();
}

void MainWindow::showBanner(const QString &text, const QStringList &details)
{
    m_banner->showMessage(text, details);
}

QString MainWindow::bannerText() const
{
    return m_banner->isHidden() ? QString() : m_banner->text();
}

void MainWindow::updateTitle()
{
    QString name = m_document ? QFileInfo(m_document->path()).fileName() : tr("No document");
    if (m_readOnly) {
        name = tr("%1 (read-only)").arg(name);
    }
    setWindowTitle(tr("%1[*] — Scholiast").arg(name));
}

void MainWindow::updateStatus()
{
    if (!m_document) {
        m_caretLabel->clear();
        m_selectionLabel->clear();
        m_spanCountLabel->clear();
        m_zoomLabel->clear();
        return;
    }
    const CodePoint caret = m_view->cursorPosition();
    const LineColumn position = m_document->document().lineColumn(caret);
    m_caretLabel->setText(tr("Offset %1 · Ln %2, Col %3").arg(caret.value).arg(position.line).arg(position.column));
    const auto [start, end] = m_view->selection();
    m_selectionLabel->setText(end > start ? tr("Selected %1").arg(end - start) : QString());
    m_selectionLabel->setVisible(end > start);
    m_spanCountLabel->setText(spanCountText());
    m_zoomLabel->setText(tr("%1%").arg(m_view->zoomPercent()));
}

void MainWindow::updateActions()
{
    const bool open = m_document;
    const bool span = open && !m_view->currentSpan().isEmpty();
    for (const char *name :
         {"save", "save_annotations_as", "revert", "close_document", "edit_labels", "import_annotations",
          "export_annotations", "find", "find_next", "find_previous", "tag_all_matches", "next_span", "previous_span",
          "next_span_at_caret", "previous_span_at_caret"}) {
        action(QString::fromLatin1(name))->setEnabled(open);
    }
    for (const char *name : {"edit_note", "edit_note_enter", "delete_span", "span_start_left", "span_start_right",
                             "span_end_left", "span_end_right"}) {
        action(QString::fromLatin1(name))->setEnabled(span);
    }
    updateReliabilityActions();
}

void MainWindow::addRecentFile(const QString &path)
{
    QSettings settings;
    QStringList files = settings.value(RecentFilesKey).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    files.removeAll(absolute);
    files.prepend(absolute);
    settings.setValue(RecentFilesKey, files.mid(0, MaxRecentFiles));
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = QSettings().value(RecentFilesKey).toStringList();
    for (const QString &file : files) {
        QAction *action = m_recentMenu->addAction(QFileInfo(file).fileName());
        action->setToolTip(file);
        connect(action, &QAction::triggered, this, [this, file] { openFile(file); });
    }
    m_recentMenu->setEnabled(!files.isEmpty());
}

} // namespace Scholiast
