// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The window's side of "never lose an annotation" (issue 8, docs/RELIABILITY.md "In the window"):
// re-anchoring from the banner and the Orphaned Spans dock, documents and sidecars changed or
// deleted on disk while open, the lock that makes a second instance read-only, saves that fail
// on a full or read-only file system, and autosave recovery after SIGKILL in each case.
//
// The disk tests mount a small tmpfs (root only). They skip when mounting is not permitted,
// except under CI=true, where a skip would hide a missing guarantee: there they fail.

#include "messageboxes.h"
#include "testhelpers.h"
#include "editing/annotationdocument.h"
#include "view/annotationview.h"
#include "editing/filemonitor.h"
#include "mainwindow.h"
#include "reliability/orphansdock.h"
#include "reliability/autosaver.h"
#include "formats/scholiastjson.h"
#include "editing/sidecarlock.h"
#include "testspans.h"

#include <QApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <unistd.h>

#include <memory>

using namespace Scholiast;
using Testing::recoveryFiles;

namespace {

// Our own news-like fixture: emoji, a flag and CRLF line ends.
const QString Article = QStringLiteral("Harbour council votes on the new bridge 🌉\r\n"
                                       "The council met on Tuesday to vote on the bridge.\r\n"
                                       "\"We will build it by spring,\" the mayor said.\r\n"
                                       "Critics called the budget of 40 million unrealistic.\r\n"
                                       "Residents 🇰🇷 asked for a ferry instead.\r\n");

// The emoji and CRLF fixture the app tests share; "Written" is code points 39..46.
const QString ChildFixture = QStringLiteral(SCHOLIAST_UI_TEST_DATA "/emoji-crlf-article.txt");

QJsonArray savedAnnotations(const QString &sidecar)
{
    return QJsonDocument::fromJson(Testing::readAll(sidecar)).object().value(QStringLiteral("annotations")).toArray();
}

QStringList savedTexts(const QString &sidecar)
{
    QStringList texts;
    for (const QJsonValue &v : savedAnnotations(sidecar)) {
        texts.append(v.toObject().value(QStringLiteral("text")).toString());
    }
    return texts;
}

/// Code points of `needle` in `text`: [start, end).
std::pair<CodePoint, CodePoint> find(const QString &text, const QString &needle)
{
    const qsizetype at = Testing::indexOrFail(text, needle);
    const qint64 start = text.left(at).toUcs4().size();
    return {CodePoint(start), CodePoint(start + needle.toUcs4().size())};
}

QStringList spanTexts(const AnnotationDocument *document)
{
    QStringList texts;
    for (const Annotation *span : document->spans()->sorted()) {
        texts.append(span->text());
    }
    return texts;
}

QPushButton *bannerButton(const MainWindow *window, const QString &name)
{
    auto *button = window->findChild<QPushButton *>(name);
    return button && button->isVisible() ? button : nullptr;
}

QString statusCount(const MainWindow *window)
{
    QString all;
    const auto labels = window->statusBar()->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        all += label->text() + u'|';
    }
    return all;
}

/// A small tmpfs mounted for one test and unmounted when it goes (root only).
class TmpfsMount
{
public:
    explicit TmpfsMount(const QString &path, const QString &size)
        : m_path(path)
    {
        QDir().mkpath(path);
        if (::geteuid() != 0) {
            m_error = QStringLiteral("not root (uid %1)").arg(::geteuid());
            return;
        }
        m_mounted = run({QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                         QStringLiteral("size=") + size, QStringLiteral("tmpfs"), path});
    }
    ~TmpfsMount()
    {
        if (m_mounted) {
            QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), m_path});
        }
    }
    TmpfsMount(const TmpfsMount &) = delete;
    TmpfsMount &operator=(const TmpfsMount &) = delete;

    [[nodiscard]] bool isMounted() const { return m_mounted; }
    [[nodiscard]] QString error() const { return m_error; }
    bool remountReadOnly() { return run({QStringLiteral("-o"), QStringLiteral("remount,ro"), m_path}); }

private:
    bool run(const QStringList &arguments)
    {
        QProcess mount;
        mount.start(QStringLiteral("mount"), arguments);
        if (!mount.waitForFinished(30000) || mount.exitStatus() != QProcess::NormalExit || mount.exitCode() != 0) {
            m_error = QStringLiteral("mount %1: %2")
                          .arg(arguments.join(u' '), QString::fromLocal8Bit(mount.readAllStandardError()).trimmed());
            return false;
        }
        return true;
    }

    QString m_path;
    QString m_error;
    bool m_mounted = false;
};

/// Fills the file system holding `folder` until a write fails; returns the filler's path.
QString fillDisk(const QString &folder)
{
    const QString path = folder + QStringLiteral("/filler.bin");
    QFile filler(path);
    if (!filler.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        return path;
    }
    const QByteArray block(4096, 'x');
    while (filler.write(block) == block.size()) { }
    return path;
}

} // namespace

// QSKIP outside CI; QFAIL under CI=true, whose runner is root and must run these tests.
#define REQUIRE_MOUNT(mount)                                                                                           \
    do {                                                                                                               \
        if (!(mount).isMounted()) {                                                                                    \
            if (qEnvironmentVariable("CI") == u"true") {                                                               \
                QFAIL(qPrintable(QStringLiteral("CI must run the disk tests, but: ") + (mount).error()));              \
            }                                                                                                          \
            QSKIP(qPrintable(QStringLiteral("needs a tmpfs mount (run as root): ") + (mount).error()));                \
        }                                                                                                              \
    } while (false)

class ReliabilityTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void reanchorFromBannerAndPlaceOrphan();
    void saveWithoutReanchoringStaysReadable();
    void documentChangedOnDiskIsReloaded();
    void documentDeletedOnDiskKeepsSpans();
    void sidecarChangedOnDisk_data();
    void sidecarChangedOnDisk();
    void ownSaveIsNotAChange();
    void secondInstanceIsReadOnly();
    void leftOverLockFiles_data();
    void leftOverLockFiles();
    void saveFails_data();
    void saveFails();
    void autosaveRunsOnAWorkerAndKeepsLaterEdits();
    void failedAutosaveKeepsTheOldFileAndReports();

    // The app as a child process, killed with SIGKILL.
    void recoversAfterFailedSaveOnFullDisk();
    void recoversAfterReloadOfChangedDocument();
    void readOnlyInstanceDoesNotClobberRecovery();

private:
    /// Opens `path` in a new window (recovery ignored).
    std::unique_ptr<MainWindow> open(const QString &path);
    /// Writes a sidecar for `path` with spans on the given texts (quote label).
    void annotate(const QString &path, const QStringList &texts);
    /// Starts the built scholiast with its settings and recovery files in the temporary folder.
    void startChild(QProcess &process, const QStringList &arguments) const
    {
        Testing::startApp(process, m_dir->path(), arguments);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void ReliabilityTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setApplicationName(QStringLiteral("scholiast-reliability-test"));
    QApplication::setOrganizationName(QStringLiteral("Scholiast"));
}

void ReliabilityTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("article.txt"));
    QVERIFY(Testing::writeAll(m_path, Article.toUtf8()));
}

void ReliabilityTest::cleanup()
{
    Testing::cancelPendingMessageBoxAnswers();
    m_dir.reset();
}

std::unique_ptr<MainWindow> ReliabilityTest::open(const QString &path)
{
    auto window = std::make_unique<MainWindow>();
    window->setRecoveryPolicy(MainWindow::RecoveryPolicy::Ignore);
    window->fileMonitor()->setSettleTime(20);
    window->resize(1000, 700);
    window->show();
    if (!window->openFile(path)) {
        return {};
    }
    return window;
}

void ReliabilityTest::annotate(const QString &path, const QStringList &texts)
{
    auto window = open(path);
    QVERIFY(window);
    const QString text = window->document()->document().text();
    for (const QString &t : texts) {
        const auto [start, end] = find(text, t);
        QVERIFY(!window->document()->tag(start, end, QStringLiteral("quote")).isEmpty());
    }
    QVERIFY(window->save());
}

void ReliabilityTest::reanchorFromBannerAndPlaceOrphan()
{
    annotate(m_path,
             {QStringLiteral("the mayor said"), QStringLiteral("budget of 40 million"), QStringLiteral("ferry")});
    // Another edition: a line before, the budget sentence rewritten beyond recognition.
    QString edited = Article;
    edited.prepend(QStringLiteral("UPDATED 14:05 — with reactions\r\n"));
    edited.replace(QStringLiteral("Critics called the budget of 40 million unrealistic."),
                   QStringLiteral("Opposition members walked out of the session."));
    QVERIFY(Testing::writeAll(m_path, edited.toUtf8()));

    auto window = open(m_path);
    QVERIFY(window);
    AnnotationDocument *document = window->document();
    QVERIFY(window->bannerText().contains(QStringLiteral("changed since it was annotated")));
    QPushButton *reanchor = bannerButton(window.get(), QStringLiteral("ReanchorButton"));
    QVERIFY(reanchor);
    reanchor->click();

    QVERIFY2(window->bannerText().contains(QStringLiteral("0 exact, 2 moved, 0 fuzzy, 1 orphaned")),
             qPrintable(window->bannerText()));
    QCOMPARE(document->undoStack()->count(), 1);
    QCOMPARE(document->spans()->size(), 3);
    QCOMPARE(window->orphansDock()->count(), 1);
    QVERIFY(window->orphansDock()->isVisible());
    QVERIFY2(statusCount(window.get()).contains(QStringLiteral("3 span(s) · 1 orphaned")),
             qPrintable(statusCount(window.get())));
    const QString orphan = window->orphansDock()->currentOrphan();
    QCOMPARE(document->spans()->find(orphan)->text(), QStringLiteral("budget of 40 million"));

    // One undo step, and back.
    document->undoStack()->undo();
    QCOMPARE(window->orphansDock()->count(), 0);
    document->undoStack()->redo();
    QCOMPARE(window->orphansDock()->count(), 1);

    // Saved, never dropped: the orphan is in the file with its flag.
    QVERIFY(window->save());
    const QJsonArray saved = savedAnnotations(document->sidecarPath());
    QCOMPARE(saved.size(), 3);
    int orphans = 0;
    for (const QJsonValue &v : saved) {
        orphans += v.toObject().value(QStringLiteral("orphan")).toBool() ? 1 : 0;
    }
    QCOMPARE(orphans, 1);

    // Placed by selecting text: one undo step, no longer an orphan.
    const auto [start, end] = find(edited, QStringLiteral("walked out of the session"));
    window->view()->setSelection(start, end);
    QVERIFY(window->orphansDock()->placeButton()->isEnabled());
    window->orphansDock()->placeButton()->click();
    const Annotation *placed = document->spans()->find(orphan);
    QVERIFY(placed);
    QVERIFY(!placed->isOrphan());
    QCOMPARE(placed->text(), QStringLiteral("walked out of the session"));
    QCOMPARE(placed->start.value, start.value);
    QCOMPARE(document->undoStack()->count(), 2);
    QCOMPARE(document->undoStack()->undoText(), QStringLiteral("Place orphaned quote span"));
    QCOMPARE(window->orphansDock()->count(), 0);
    QVERIFY(!statusCount(window.get()).contains(QStringLiteral("orphaned")));
    QVERIFY(window->save());
    // The repaired sidecar now matches the edited document without a warning.
    Diagnostics diagnostics;
    const auto text = Document::load(m_path, diagnostics);
    QVERIFY(text);
    QVERIFY(ScholiastJson::read(document->sidecarPath(), diagnostics, &*text));
    QVERIFY2(diagnostics.isEmpty(), qPrintable(diagnostics.value(0).toString()));
    document->undoStack()->setClean();
}

void ReliabilityTest::saveWithoutReanchoringStaysReadable()
{
    annotate(m_path, {QStringLiteral("the mayor said"), QStringLiteral("ferry")});
    const QString edited = QStringLiteral("Corrected: an earlier version misnamed the bridge.\r\n") + Article;
    QVERIFY(Testing::writeAll(m_path, edited.toUtf8()));
    {
        // The banner offers re-anchoring; the user saves without it.
        auto window = open(m_path);
        QVERIFY(window);
        QVERIFY(bannerButton(window.get(), QStringLiteral("ReanchorButton")));
        const auto [start, end] = find(edited, QStringLiteral("council met"));
        QVERIFY(!window->document()->tag(start, end, QStringLiteral("claim")).isEmpty());
        QVERIFY(window->save());
    }
    // The file reads back against the new text: the misplaced spans are orphans, none dropped.
    Diagnostics diagnostics;
    const auto text = Document::load(m_path, diagnostics);
    QVERIFY(text);
    const auto sidecar = ScholiastJson::read(m_path + QStringLiteral(".scholiast.json"), diagnostics, &*text);
    QVERIFY2(sidecar, qPrintable(diagnostics.value(0).toString()));
    QCOMPARE(sidecar->annotations.size(), 3);
    qsizetype orphans = 0;
    for (const Annotation &a : sidecar->annotations) {
        orphans += a.isOrphan() ? 1 : 0;
    }
    QCOMPARE(orphans, 2);
    auto window = open(m_path);
    QVERIFY(window);
    QCOMPARE(window->orphansDock()->count(), 2);
    // Annotate > Re-anchor Spans still places them: they kept their text and context.
    window->action(QStringLiteral("reanchor_spans"))->trigger();
    QCOMPARE(window->orphansDock()->count(), 0);
    QCOMPARE(spanTexts(window->document()),
             (QStringList{QStringLiteral("council met"), QStringLiteral("the mayor said"), QStringLiteral("ferry")}));
    window->document()->undoStack()->setClean();
}

void ReliabilityTest::documentChangedOnDiskIsReloaded()
{
    annotate(m_path, {QStringLiteral("the mayor said")});
    auto window = open(m_path);
    QVERIFY(window);
    const auto [start, end] = find(Article, QStringLiteral("ferry"));
    QVERIFY(!window->document()->tag(start, end, QStringLiteral("claim")).isEmpty()); // unsaved

    const QString edited = QStringLiteral("Corrected: an earlier version misnamed the bridge.\r\n") + Article;
    QVERIFY(Testing::writeAll(m_path, edited.toUtf8()));
    QTRY_VERIFY(bannerButton(window.get(), QStringLiteral("ReloadDocumentButton")));
    QVERIFY(window->bannerText().contains(QStringLiteral("changed on disk")));
    bannerButton(window.get(), QStringLiteral("ReloadDocumentButton"))->click();

    AnnotationDocument *document = window->document();
    QCOMPARE(document->document().text(), edited);
    QCOMPARE(spanTexts(document), (QStringList{QStringLiteral("the mayor said"), QStringLiteral("ferry")}));
    for (const Annotation *span : document->spans()->sorted()) {
        QCOMPARE(document->document().slice(span->start, span->end), span->text());
    }
    QVERIFY(document->isModified()); // the file on disk still describes the old text
    QVERIFY(window->bannerText().contains(QStringLiteral("0 exact, 2 moved, 0 fuzzy, 0 orphaned")));
    QVERIFY(window->save());
    QCOMPARE(savedTexts(document->sidecarPath()),
             (QStringList{QStringLiteral("the mayor said"), QStringLiteral("ferry")}));
}

void ReliabilityTest::documentDeletedOnDiskKeepsSpans()
{
    auto window = open(m_path);
    QVERIFY(window);
    const auto [start, end] = find(Article, QStringLiteral("ferry"));
    QVERIFY(!window->document()->tag(start, end, QStringLiteral("claim")).isEmpty());
    QVERIFY(QFile::remove(m_path));
    QTRY_VERIFY(window->bannerText().contains(QStringLiteral("was deleted on disk")));
    QCOMPARE(window->document()->spans()->size(), 1);
    QCOMPARE(window->document()->document().text(), Article);
    QVERIFY(window->save()); // still writes the sidecar
    QCOMPARE(savedTexts(m_path + QStringLiteral(".scholiast.json")), QStringList{QStringLiteral("ferry")});
}

void ReliabilityTest::sidecarChangedOnDisk_data()
{
    QTest::addColumn<bool>("unsaved");
    QTest::addColumn<QString>("button");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<bool>("modified");
    const QString mayor = QStringLiteral("the mayor said");
    const QString ferry = QStringLiteral("ferry");
    const QString council = QStringLiteral("council met");
    QTest::newRow("no unsaved changes: reloaded") << false << QString() << QStringList{council, mayor} << false;
    QTest::newRow("unsaved: keep mine") << true << QStringLiteral("KeepMineButton") << QStringList{mayor, ferry}
                                        << true;
    QTest::newRow("unsaved: reload theirs")
        << true << QStringLiteral("ReloadSidecarButton") << QStringList{council, mayor} << false;
}

void ReliabilityTest::sidecarChangedOnDisk()
{
    QFETCH(bool, unsaved);
    QFETCH(QString, button);
    QFETCH(QStringList, expected);
    QFETCH(bool, modified);

    annotate(m_path, {QStringLiteral("the mayor said")});
    auto window = open(m_path);
    QVERIFY(window);
    if (unsaved) {
        const auto [start, end] = find(Article, QStringLiteral("ferry"));
        QVERIFY(!window->document()->tag(start, end, QStringLiteral("claim")).isEmpty());
    }
    // Another program adds a span to the file.
    {
        Diagnostics diagnostics;
        const auto text = Document::load(m_path, diagnostics);
        QVERIFY(text);
        auto sidecar = ScholiastJson::read(m_path + QStringLiteral(".scholiast.json"), diagnostics, &*text);
        QVERIFY(sidecar);
        const auto [start, end] = find(Article, QStringLiteral("council met"));
        sidecar->annotations.append(Testing::withId(
            Testing::withText(Annotation(start, end, QStringLiteral("claim")), QStringLiteral("council met")),
            QStringLiteral("other1")));
        sidecar->document = *text;
        QVERIFY(ScholiastJson::write(m_path + QStringLiteral(".scholiast.json"), *sidecar, diagnostics));
    }
    if (button.isEmpty()) {
        QTRY_COMPARE(spanTexts(window->document()), expected);
        QVERIFY(window->bannerText().contains(QStringLiteral("Reloaded the annotations")));
    } else {
        QTRY_VERIFY(bannerButton(window.get(), button));
        // Keeping is the default; until the user answers nothing changes.
        QVERIFY(bannerButton(window.get(), QStringLiteral("KeepMineButton"))->isDefault());
        QCOMPARE(spanTexts(window->document()),
                 (QStringList{QStringLiteral("the mayor said"), QStringLiteral("ferry")}));
        bannerButton(window.get(), button)->click();
        QCOMPARE(spanTexts(window->document()), expected);
    }
    QCOMPARE(window->document()->isModified(), modified);
    if (modified) {
        QVERIFY(window->save());
        QCOMPARE(savedTexts(window->document()->sidecarPath()), expected);
    }
}

void ReliabilityTest::ownSaveIsNotAChange()
{
    auto window = open(m_path);
    QVERIFY(window);
    QSignalSpy changed(window->fileMonitor(), &FileMonitor::sidecarChanged);
    QSignalSpy documentChanged(window->fileMonitor(), &FileMonitor::documentChanged);
    const auto [start, end] = find(Article, QStringLiteral("ferry"));
    for (int round = 0; round < 3; ++round) {
        QVERIFY(!window->document()->tag(start, end, QStringLiteral("claim")).isEmpty());
        QVERIFY(window->save());
        window->fileMonitor()->checkNow();
    }
    QCOMPARE(changed.size(), 0);
    QCOMPARE(documentChanged.size(), 0);
    QVERIFY(window->bannerText().isEmpty());
}

void ReliabilityTest::secondInstanceIsReadOnly()
{
    auto first = open(m_path);
    QVERIFY(first);
    QVERIFY(!first->isReadOnly());
    QVERIFY(QFile::exists(SidecarLock::lockPath(first->document()->sidecarPath())));
    const auto [start, end] = find(Article, QStringLiteral("ferry"));
    QVERIFY(!first->document()->tag(start, end, QStringLiteral("claim")).isEmpty());
    QVERIFY(first->autoSaver()->saveNow());
    const QString recovery = AutoSaver::recoveryPath(m_path);
    const QByteArray recovered = Testing::readAll(recovery);
    QVERIFY(!recovered.isEmpty());

    auto second = std::make_unique<MainWindow>();
    second->setRecoveryPolicy(MainWindow::RecoveryPolicy::Discard); // would remove it, if asked
    second->show();
    QVERIFY(second->openFile(m_path));
    QVERIFY(second->isReadOnly());
    QVERIFY(second->windowTitle().contains(QStringLiteral("read-only")));
    QVERIFY(second->bannerText().contains(QStringLiteral("Opened read-only")));
    QVERIFY(!second->action(QStringLiteral("save"))->isEnabled());
    QVERIFY(!second->action(QStringLiteral("tag_quote"))->isEnabled());
    QVERIFY(!second->action(QStringLiteral("reanchor_spans"))->isEnabled());
    QVERIFY(second->document()->tag(start, end, QStringLiteral("quote")).isEmpty());
    QVERIFY(!second->save());
    QVERIFY(!QFile::exists(second->document()->sidecarPath()));
    second->close();
    second.reset();
    // The first instance's recovery file is as it was.
    QCOMPARE(Testing::readAll(recovery), recovered);

    // Once the first instance closes, the lock is free again.
    first->document()->undoStack()->setClean();
    first->close();
    first.reset();
    auto third = open(m_path);
    QVERIFY(third);
    QVERIFY(!third->isReadOnly());
}

// Issue 14: an empty or foreign lock file (one committed to a git corpus) made a document
// read-only for good, with a banner naming "another Scholiast ()".
void ReliabilityTest::leftOverLockFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("readOnly");
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("not a lock record") << QByteArray("locked by Bob\n") << false;
    QTest::newRow("another host") << QByteArray("4242\nscholiast\nfar-away.invalid\n") << true;
}

void ReliabilityTest::leftOverLockFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, readOnly);
    const QString lock = SidecarLock::lockPath(ScholiastJson::sidecarPath(m_path));
    QVERIFY(Testing::writeAll(lock, content));
    auto window = open(m_path);
    QVERIFY(window);
    QCOMPARE(window->isReadOnly(), readOnly);
    if (!readOnly) {
        QVERIFY(!window->bannerText().contains(QStringLiteral("read-only")));
        QVERIFY(Testing::readAll(lock).startsWith(
            QByteArray(QByteArray::number(QCoreApplication::applicationPid()) + '\n'))); // ours now
        return;
    }
    // Another computer's lock: said plainly, never "()", and the user may take it over.
    const QString banner = window->bannerText();
    QVERIFY2(banner.contains(QStringLiteral("another computer")) && banner.contains(QStringLiteral("far-away.invalid"))
                 && banner.contains(QStringLiteral("process 4242")) && !banner.contains(QStringLiteral("()")),
             qPrintable(banner));
    QPushButton *takeOver = bannerButton(window.get(), QStringLiteral("TakeOverLockButton"));
    QVERIFY(takeOver);
    QCOMPARE(Testing::readAll(lock), content); // nothing taken before the user says so
    takeOver->click();
    QVERIFY(!window->isReadOnly());
    QVERIFY(
        Testing::readAll(lock).startsWith(QByteArray(QByteArray::number(QCoreApplication::applicationPid()) + '\n')));
    const auto [start, end] = find(Article, QStringLiteral("ferry"));
    QVERIFY(!window->document()->tag(start, end, QStringLiteral("claim")).isEmpty());
    QVERIFY(window->save());
    QVERIFY(QFile::exists(window->document()->sidecarPath()));
}

void ReliabilityTest::saveFails_data()
{
    QTest::addColumn<bool>("readOnly");
    QTest::addColumn<QString>("reason");
    QTest::newRow("disk full (ENOSPC)") << false << QStringLiteral("No space left on device");
    QTest::newRow("read-only file system (EROFS)") << true << QStringLiteral("Read-only file system");
}

void ReliabilityTest::saveFails()
{
    QFETCH(bool, readOnly);
    QFETCH(QString, reason);
    TmpfsMount mount(m_dir->filePath(QStringLiteral("disk")), QStringLiteral("256k"));
    REQUIRE_MOUNT(mount);
    const QString path = m_dir->filePath(QStringLiteral("disk/article.txt"));
    QVERIFY(Testing::writeAll(path, Article.toUtf8()));
    annotate(path, {QStringLiteral("the mayor said")});
    const QString sidecar = path + QStringLiteral(".scholiast.json");
    const QByteArray before = Testing::readAll(sidecar);
    QVERIFY(!before.isEmpty());
    if (readOnly) {
        QVERIFY2(mount.remountReadOnly(), qPrintable(mount.error()));
    } else {
        fillDisk(m_dir->filePath(QStringLiteral("disk")));
    }

    auto window = open(path);
    QVERIFY(window);
    QVERIFY(!window->isReadOnly()); // no lock file possible, but nobody else holds it
    const auto [start, end] = find(Article, QStringLiteral("ferry"));
    QVERIFY(!window->document()->tag(start, end, QStringLiteral("claim")).isEmpty());
    QString message;
    Testing::answerNextMessageBox(QMessageBox::NoButton, &message);
    QVERIFY(!window->save());
    QVERIFY2(message.contains(sidecar), qPrintable(message));
    QVERIFY2(message.contains(reason), qPrintable(message));
    QCOMPARE(Testing::readAll(sidecar), before);
    QVERIFY(window->document()->isModified());
    QVERIFY(window->isWindowModified());
    // The recovery copy lives elsewhere and still protects both spans.
    QVERIFY(window->autoSaver()->saveNow());
    QCOMPARE(savedTexts(AutoSaver::recoveryPath(path)),
             (QStringList{QStringLiteral("the mayor said"), QStringLiteral("ferry")}));
    window->autoSaver()->clear();
    window->document()->undoStack()->setClean();
}

// Issue 17: the timer's autosave writes a snapshot on a worker. An edit made while it writes is
// not in that file, keeps the document modified and is written by the next autosave; a second
// autosave never starts while one runs.
void ReliabilityTest::autosaveRunsOnAWorkerAndKeepsLaterEdits()
{
    auto window = open(m_path);
    QVERIFY(window);
    AutoSaver *autoSaver = window->autoSaver();
    AnnotationDocument *document = window->document();
    QSignalSpy saved(autoSaver, &AutoSaver::saved);
    const auto [ferryStart, ferryEnd] = find(Article, QStringLiteral("ferry"));
    QVERIFY(!document->tag(ferryStart, ferryEnd, QStringLiteral("claim")).isEmpty());
    QVERIFY(autoSaver->startSave());
    QVERIFY(autoSaver->isSaving());

    // The result is announced through the event loop, so the write counts as running until then.
    const auto [mayorStart, mayorEnd] = find(Article, QStringLiteral("the mayor said"));
    QVERIFY(!document->tag(mayorStart, mayorEnd, QStringLiteral("quote")).isEmpty());
    QVERIFY(!autoSaver->startSave()); // one at a time; the edit stays pending
    QVERIFY(saved.wait());
    QVERIFY(!autoSaver->isSaving());
    const QString recovery = AutoSaver::recoveryPath(m_path);
    QCOMPARE(savedTexts(recovery), QStringList{QStringLiteral("ferry")});
    QVERIFY(document->isModified());
    QVERIFY(window->isWindowModified());

    QVERIFY(autoSaver->startSave());
    QVERIFY(saved.wait());
    QCOMPARE(savedTexts(recovery), (QStringList{QStringLiteral("the mayor said"), QStringLiteral("ferry")}));
    QVERIFY(!autoSaver->startSave()); // nothing new

    // A write still running when the window closes is waited for, and its file removed after it.
    QVERIFY(!document->tag(CodePoint(0), CodePoint(7), QStringLiteral("claim")).isEmpty());
    QVERIFY(autoSaver->startSave());
    Testing::answerNextMessageBox(QMessageBox::Discard);
    QVERIFY(window->close());
    QVERIFY(!autoSaver->isSaving());
    QVERIFY(!QFile::exists(recovery));
}

// Issue 17: an autosave that fails on its worker (the recovery folder became read-only) leaves
// the recovery file as it was and says so; the document stays modified.
void ReliabilityTest::failedAutosaveKeepsTheOldFileAndReports()
{
    const QString recovery = AutoSaver::recoveryPath(m_path);
    TmpfsMount mount(QFileInfo(recovery).absolutePath(), QStringLiteral("1m"));
    REQUIRE_MOUNT(mount);
    auto window = open(m_path);
    QVERIFY(window);
    AutoSaver *autoSaver = window->autoSaver();
    AnnotationDocument *document = window->document();
    const auto [ferryStart, ferryEnd] = find(Article, QStringLiteral("ferry"));
    QVERIFY(!document->tag(ferryStart, ferryEnd, QStringLiteral("claim")).isEmpty());
    QVERIFY(autoSaver->saveNow());
    const QByteArray before = Testing::readAll(recovery);
    QVERIFY(!before.isEmpty());
    QVERIFY2(mount.remountReadOnly(), qPrintable(mount.error()));

    QSignalSpy failed(autoSaver, &AutoSaver::failed);
    const auto [mayorStart, mayorEnd] = find(Article, QStringLiteral("the mayor said"));
    QVERIFY(!document->tag(mayorStart, mayorEnd, QStringLiteral("quote")).isEmpty());
    QVERIFY(autoSaver->startSave());
    QVERIFY(failed.wait());
    const auto diagnostics = failed.front().front().value<Diagnostics>();
    QVERIFY(!diagnostics.isEmpty());
    QVERIFY2(diagnostics.front().toString().contains(recovery), qPrintable(diagnostics.front().toString()));
    QVERIFY2(window->statusBar()->currentMessage().contains(QStringLiteral("Autosave failed")),
             qPrintable(window->statusBar()->currentMessage()));
    QCOMPARE(Testing::readAll(recovery), before);
    QVERIFY(document->isModified());
    // Without another edit, the next tick tries again: a crash now would lose the change.
    QVERIFY(autoSaver->startSave());
    QVERIFY(failed.wait());
    QCOMPARE(failed.size(), 2);
    document->undoStack()->setClean(); // nothing to save at the end; the mount goes read-only
}

void ReliabilityTest::recoversAfterFailedSaveOnFullDisk()
{
    TmpfsMount mount(m_dir->filePath(QStringLiteral("disk")), QStringLiteral("256k"));
    REQUIRE_MOUNT(mount);
    const QString document = m_dir->filePath(QStringLiteral("disk/article.txt"));
    QVERIFY(QFile::copy(ChildFixture, document));
    const QString sidecar = document + QStringLiteral(".scholiast.json");

    // A saved sidecar, then the disk fills up.
    QProcess setup;
    startChild(setup,
               {QStringLiteral("--recovery"), QStringLiteral("ignore"), QStringLiteral("--test-tag"),
                QStringLiteral("0:5:claim"), QStringLiteral("--test-save-and-quit"), document});
    QVERIFY(setup.waitForFinished(60000));
    QCOMPARE(setup.exitCode(), 0);
    const QByteArray before = Testing::readAll(sidecar);
    QCOMPARE(savedAnnotations(sidecar).size(), 1);
    const QString filler = fillDisk(m_dir->filePath(QStringLiteral("disk")));

    // Tag, fail to save (the error dialog stays up), autosave, SIGKILL.
    QProcess first;
    startChild(first,
               {QStringLiteral("--autosave-interval-ms"), QStringLiteral("50"), QStringLiteral("--recovery"),
                QStringLiteral("ignore"), QStringLiteral("--test-tag"), QStringLiteral("39:46:quote"),
                QStringLiteral("--test-save"), document});
    QVERIFY(first.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(recoveryFiles(m_dir->filePath(QStringLiteral("data"))).size() == 1, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(savedAnnotations(recoveryFiles(m_dir->filePath(QStringLiteral("data"))).value(0)).size(),
                              2, 30000);
    first.kill();
    QVERIFY(first.waitForFinished());
    QCOMPARE(first.exitStatus(), QProcess::CrashExit);
    QCOMPARE(Testing::readAll(sidecar), before); // the failed save left the old file whole

    // Space again: the next start restores and saves both spans.
    QVERIFY(QFile::remove(filler));
    QProcess second;
    startChild(
        second,
        {QStringLiteral("--recovery"), QStringLiteral("restore"), QStringLiteral("--test-save-and-quit"), document});
    QVERIFY(second.waitForFinished(60000));
    QCOMPARE(second.exitCode(), 0);
    QStringList texts = savedTexts(sidecar);
    QCOMPARE(texts.size(), 2);
    QVERIFY(texts.contains(QStringLiteral("Written")));
    QVERIFY(recoveryFiles(m_dir->filePath(QStringLiteral("data"))).isEmpty());
}

void ReliabilityTest::recoversAfterReloadOfChangedDocument()
{
    const QString document = m_dir->filePath(QStringLiteral("news.txt"));
    QVERIFY(QFile::copy(ChildFixture, document));
    const QString sidecar = document + QStringLiteral(".scholiast.json");
    const QString data = m_dir->filePath(QStringLiteral("data"));

    QProcess first;
    startChild(first,
               {QStringLiteral("--autosave-interval-ms"), QStringLiteral("50"), QStringLiteral("--recovery"),
                QStringLiteral("ignore"), QStringLiteral("--test-reload-on-change"), QStringLiteral("--test-tag"),
                QStringLiteral("39:46:quote"), document});
    QVERIFY(first.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(recoveryFiles(data).size() == 1, 30000);

    // Another program prepends a line; the app reloads and re-anchors the unsaved span.
    const QByteArray prefix = QByteArrayLiteral("Updated with a correction.\r\n");
    QVERIFY(Testing::writeAll(document, prefix + Testing::readAll(ChildFixture)));
    const qint64 shift = QString::fromUtf8(prefix).toUcs4().size();
    const auto recoveredStart = [&] {
        return savedAnnotations(recoveryFiles(data).value(0))
            .at(0)
            .toObject()
            .value(QStringLiteral("start"))
            .toInteger();
    };
    QTRY_COMPARE_WITH_TIMEOUT(recoveredStart(), 39 + shift, 30000);
    first.kill();
    QVERIFY(first.waitForFinished());
    QVERIFY(!QFile::exists(sidecar));

    QProcess second;
    startChild(
        second,
        {QStringLiteral("--recovery"), QStringLiteral("restore"), QStringLiteral("--test-save-and-quit"), document});
    QVERIFY(second.waitForFinished(60000));
    QCOMPARE(second.exitCode(), 0);
    const QJsonArray spans = savedAnnotations(sidecar);
    QCOMPARE(spans.size(), 1);
    QCOMPARE(spans.first().toObject().value(QStringLiteral("start")).toInteger(), 39 + shift);
    QCOMPARE(spans.first().toObject().value(QStringLiteral("text")).toString(), QStringLiteral("Written"));
}

void ReliabilityTest::readOnlyInstanceDoesNotClobberRecovery()
{
    const QString document = m_dir->filePath(QStringLiteral("shared.txt"));
    QVERIFY(QFile::copy(ChildFixture, document));
    const QString sidecar = document + QStringLiteral(".scholiast.json");
    const QString data = m_dir->filePath(QStringLiteral("data"));

    QProcess first;
    startChild(first,
               {QStringLiteral("--autosave-interval-ms"), QStringLiteral("50"), QStringLiteral("--recovery"),
                QStringLiteral("ignore"), QStringLiteral("--test-tag"), QStringLiteral("39:46:quote"), document});
    QVERIFY(first.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(recoveryFiles(data).size() == 1, 30000);
    const QString recovery = recoveryFiles(data).first();
    const QByteArray recovered = Testing::readAll(recovery);

    // A second instance: read-only. It may not tag, save, autosave or discard the recovery file.
    QProcess second;
    startChild(second,
               {QStringLiteral("--autosave-interval-ms"), QStringLiteral("50"), QStringLiteral("--recovery"),
                QStringLiteral("discard"), QStringLiteral("--test-tag"), QStringLiteral("0:5:claim"),
                QStringLiteral("--test-save-and-quit"), document});
    QVERIFY(second.waitForFinished(60000));
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitCode(), 1); // the save was refused
    QVERIFY(!QFile::exists(sidecar));
    QCOMPARE(recoveryFiles(data), QStringList{recovery});
    QCOMPARE(Testing::readAll(recovery), recovered);

    first.kill();
    QVERIFY(first.waitForFinished());

    // The killed instance's lock is stale: the next start takes it over and restores.
    QProcess third;
    startChild(
        third,
        {QStringLiteral("--recovery"), QStringLiteral("restore"), QStringLiteral("--test-save-and-quit"), document});
    QVERIFY(third.waitForFinished(60000));
    QCOMPARE(third.exitCode(), 0);
    QCOMPARE(savedTexts(sidecar), QStringList{QStringLiteral("Written")});
}

QTEST_MAIN(ReliabilityTest)
#include "reliability_test.moc"
