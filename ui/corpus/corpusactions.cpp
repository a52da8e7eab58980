// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// File > Open Corpus, the corpus navigator, Ctrl+PgDown / Ctrl+PgUp, the annotator's name and
// the metrics dock (issue 6): the actions and docks, wired to the CorpusController. Kept apart
// from mainwindow.cpp, which calls createCorpusActions() and corpusDocumentChanged().
#include "mainwindow.h"

#include "editing/annotationdocument.h"
#include "annotationset.h"
#include "view/annotationview.h"
#include "corpus.h"
#include "corpuscontroller.h"
#include "corpusdock.h"
#include "corpusmodel.h"
#include "review/metricsdock.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace Scholiast {

namespace {
const auto AnnotatorKey = QStringLiteral("annotator/name");

// The menu an action was added to first (File for "open").
QMenu *menuOf(QAction *action)
{
    for (QObject *object : action->associatedObjects()) {
        if (auto *menu = qobject_cast<QMenu *>(object)) {
            return menu;
        }
    }
    return nullptr;
}
} // namespace

void MainWindow::createCorpusActions()
{
    m_corpusDock = new CorpusDock(this);
    m_metricsDock = new MetricsDock(this);
    // The navigator takes the full height on the left; the metrics sit under the text.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    addDockWidget(Qt::LeftDockWidgetArea, m_corpusDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_metricsDock);
    resizeDocks({m_corpusDock}, {390}, Qt::Horizontal);
    resizeDocks({m_metricsDock}, {330}, Qt::Vertical);
    // Shown once there is a corpus, or asked for from the View menu.
    m_corpusDock->hide();
    m_metricsDock->hide();
    m_corpus = new CorpusController(m_corpusDock, m_metricsDock, this);
    connect(m_corpus, &CorpusController::message, this,
            [this](const QString &text, int timeout) { statusBar()->showMessage(text, timeout); });
    connect(m_corpus, &CorpusController::problems, this, &MainWindow::showDiagnostics);

    QAction *openCorpusAction =
        addAction(QStringLiteral("open_corpus"), tr("Open &Corpus…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(openCorpusAction, &QAction::triggered, this, [this] {
        const QString start = m_corpusDock->model()->folder();
        QFileDialog dialog(this, tr("Open Corpus: a folder of documents, or a Scholiast JSONL dataset"), start);
        dialog.setFileMode(QFileDialog::Directory);
        dialog.setOption(QFileDialog::ShowDirsOnly, false);
        dialog.setNameFilter(tr("Folders and JSONL datasets (*.jsonl)"));
        if (dialog.exec() == QDialog::Accepted && !dialog.selectedFiles().isEmpty()) {
            openCorpus(dialog.selectedFiles().constFirst());
        }
    });
    QAction *next =
        addAction(QStringLiteral("next_document"), tr("Ne&xt Document"), QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    connect(next, &QAction::triggered, this, [this] { openAdjacentDocument(1); });
    QAction *previous = addAction(QStringLiteral("previous_document"), tr("Pre&vious Document"),
                                  QKeySequence(Qt::CTRL | Qt::Key_PageUp));
    connect(previous, &QAction::triggered, this, [this] { openAdjacentDocument(-1); });
    QAction *name = addAction(QStringLiteral("annotator_name"), tr("Annotator &Name…"));
    connect(name, &QAction::triggered, this, &MainWindow::askAnnotatorName);

    if (QMenu *file = menuOf(action(QStringLiteral("open")))) {
        file->insertAction(action(QStringLiteral("save")), openCorpusAction);
        file->insertAction(action(QStringLiteral("save")), next);
        file->insertAction(action(QStringLiteral("save")), previous);
    }
    if (QMenu *edit = menuOf(action(QStringLiteral("undo")))) {
        edit->addSeparator();
        edit->addAction(name);
    }
    if (QMenu *view = menuOf(action(QStringLiteral("zoom_in")))) {
        view->addAction(m_corpusDock->toggleViewAction());
        view->addAction(m_metricsDock->toggleViewAction());
    }

    m_annotatorLabel = new QLabel;
    m_annotatorLabel->setObjectName(QStringLiteral("AnnotatorLabel"));
    m_annotatorLabel->setToolTip(tr("Recorded on every span you make (Edit ▸ Annotator Name…)"));
    statusBar()->addPermanentWidget(m_annotatorLabel);
    setAnnotatorName(annotatorName());

    connect(m_corpusDock, &CorpusDock::documentActivated, this, [this](const QString &path) {
        if (!m_document || m_document->path() != path) {
            if (m_document && m_document->isModified() && !save()) {
                return;
            }
            openFile(path);
        }
    });
    connect(m_corpusDock, &CorpusDock::adjacentRequested, this, &MainWindow::openAdjacentDocument);

    // A span listed in the Metrics dock: selected in the text, its document opened first if need be.
    connect(m_metricsDock, &MetricsDock::instanceActivated, this,
            [this](const QString &path, CodePoint start, CodePoint end, const QString &editableLabel) {
                const auto show = [this, start, end, editableLabel] {
                    m_view->setSelection(start, end);
                    QString current;
                    for (const Annotation *span : m_document->spans()->overlapping(start, end)) {
                        if (!editableLabel.isEmpty() && span->start == start && span->end == end
                            && span->label == editableLabel) {
                            current = span->id;
                        }
                    }
                    m_view->setCurrentSpan(current);
                    m_view->ensureVisible(start);
                    m_view->setFocus();
                };
                if (m_document && m_document->path() == path) {
                    show();
                    return;
                }
                if (isLoading() || (m_document && m_document->isModified() && !save())) {
                    return;
                }
                // A big document loads in the background: the span is shown once it is open.
                auto opened = std::make_shared<QMetaObject::Connection>();
                *opened = connect(this, &MainWindow::documentOpened, this, [this, path, show, opened] {
                    disconnect(*opened);
                    if (m_document && m_document->path() == path) {
                        show();
                    }
                });
                if (!openFile(path)) {
                    disconnect(*opened);
                }
            });
}

bool MainWindow::openCorpus(const QString &path)
{
    QString folder = path;
    const QFileInfo info(path);
    if (info.isFile() && info.suffix().compare(u"jsonl", Qt::CaseInsensitive) == 0) {
        Diagnostics diagnostics;
        const auto unpacked = Corpus::unpackDataset(path, diagnostics);
        if (!unpacked) {
            showDiagnostics(tr("Cannot Open Corpus"), tr("The dataset %1 could not be opened.").arg(path), diagnostics);
            return false;
        }
        folder = *unpacked;
    } else if (!info.isDir()) {
        showDiagnostics(tr("Cannot Open Corpus"), tr("Cannot open %1 as a corpus.").arg(path),
                        {Diagnostic::error(path, tr("is neither a folder nor a .jsonl dataset"))});
        return false;
    }
    if (m_document && m_document->isModified() && !maybeSave()) {
        return false;
    }
    CorpusModel *model = m_corpusDock->model();
    model->setFolder(QFileInfo(folder).absoluteFilePath());
    const bool firstShown = m_corpusDock->isHidden() && m_metricsDock->isHidden();
    m_corpusDock->show();
    m_metricsDock->show();
    if (firstShown) {
        // Sized so the text keeps most of the window (at 1366x768 the full 390 and 330 px left
        // the text 380x270).
        resizeDocks({m_corpusDock}, {std::min(390, width() / 4)}, Qt::Horizontal);
        resizeDocks({m_metricsDock}, {std::min(330, height() / 3)}, Qt::Vertical);
    }
    if (model->entries().isEmpty()) {
        statusBar()->showMessage(tr("No documents in %1").arg(folder), 5000);
        return true;
    }
    const QString current = m_document ? m_document->path() : QString();
    if (model->rowOf(current) >= 0) {
        m_corpusDock->setOpenDocument(current);
        corpusDocumentChanged();
        return true;
    }
    return openFile(model->entries().constFirst().documentPath);
}

bool MainWindow::openAdjacentDocument(int step)
{
    if (isLoading()) {
        return false;
    }
    const QString path = m_corpus->adjacentDocument(step);
    if (path.isEmpty()) {
        return false;
    }
    // Saving as it goes: the next document opens only once this one is safely on disk.
    if (m_document && m_document->isModified() && !save()) {
        return false;
    }
    return openFile(path);
}

void MainWindow::corpusDocumentChanged()
{
    if (!m_corpus) {
        return; // during construction
    }
    if (m_document) {
        m_document->setAnnotator(annotatorName());
    }
    m_corpus->setDocument(m_document);
}

QString MainWindow::annotatorName()
{
    return QSettings().value(AnnotatorKey).toString().trimmed();
}

void MainWindow::setAnnotatorName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed != annotatorName()) {
        QSettings().setValue(AnnotatorKey, trimmed);
    }
    if (m_document) {
        m_document->setAnnotator(trimmed);
    }
    if (m_annotatorLabel) {
        m_annotatorLabel->setText(trimmed.isEmpty() ? tr("Annotator: (not set)") : tr("Annotator: %1").arg(trimmed));
    }
}

void MainWindow::askAnnotatorName()
{
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("AnnotatorNameDialog"));
    dialog.setWindowTitle(tr("Annotator Name"));
    dialog.setLabelText(tr("Your name or initials, recorded on every span you make:"));
    dialog.setTextValue(annotatorName());
    if (dialog.exec() == QDialog::Accepted) {
        setAnnotatorName(dialog.textValue());
    }
}

void MainWindow::ensureAnnotatorName()
{
    if (annotatorName().isEmpty() && !m_askedAnnotatorName) {
        m_askedAnnotatorName = true; // asked once: a user who declines is not asked on every tag
        askAnnotatorName();
    }
}

void MainWindow::whenCorpusIdle(const std::function<void()> &callback)
{
    // A short poll: the scan and the metrics finish on pool threads and report back queued; idle
    // twice in a row, so that what they showed (the chart's scene) has been laid out and painted.
    const auto busy = [this] {
        return isLoading() || (m_corpusDock && m_corpusDock->model()->isScanning())
            || (m_metricsDock && m_metricsDock->isComputing());
    };
    QTimer::singleShot(50, this, [this, callback, busy] {
        if (busy()) {
            whenCorpusIdle(callback);
            return;
        }
        QTimer::singleShot(50, this, [this, callback, busy] {
            if (busy()) {
                whenCorpusIdle(callback);
            } else {
                callback();
            }
        });
    });
}

} // namespace Scholiast
