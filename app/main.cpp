// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// scholiast: the annotator window. Parses arguments and wires up the MainWindow; the window and
// everything it shows live in ui/.

#include "editing/annotationdocument.h"
#include "view/annotationview.h"
#include "mainwindow.h"
#include "review/metricsdock.h"
#include "reliability/autosaver.h"
#include "review/reviewcontroller.h"
#include "review/reviewdock.h"
#include "versioninfo.h"
#include "hugepages.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QTimer>
#include <QUndoStack>

#include <cstdio>
#include <memory>

using namespace Scholiast;

namespace {
bool asksForHelpOrVersion(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--help" || arg == "-h" || arg == "--help-all" || arg == "--version" || arg == "-v") {
            return true;
        }
    }
    return false;
}
} // namespace

int main(int argc, char *argv[])
{
    startAgainWithHugePages(argv); // documents are opened from the window too: always
    // --help and --version work without a display: they need no GUI application.
    std::unique_ptr<QCoreApplication> application = asksForHelpOrVersion(argc, argv)
        ? std::make_unique<QCoreApplication>(argc, argv)
        : std::make_unique<QApplication>(argc, argv);
    QCoreApplication &app = *application;
    QApplication::setApplicationName(QStringLiteral("scholiast"));
    QApplication::setOrganizationName(QStringLiteral("Scholiast"));
    QApplication::setApplicationDisplayName(QStringLiteral("Scholiast"));
    QApplication::setApplicationVersion(QStringLiteral(SCHOLIAST_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Label text spans with stand-off annotations."));
    parser.addHelpOption();
    // Our own --version: it lists Qt's and KSyntaxHighlighting's versions too (versioninfo.h).
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     QApplication::translate("main", "Displays version information."));
    parser.addOption(version);
    parser.addPositionalArgument(QStringLiteral("document"), QApplication::translate("main", "The text file to open."),
                                 QStringLiteral("[document]"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QApplication::translate("main",
                                                                "Render the window with the document (default: "
                                                                "the bundled sample) to a PNG file and exit."),
                                        QStringLiteral("out.png"));
    const QCommandLineOption gotoOffset(
        QStringLiteral("goto"),
        QApplication::translate("main", "Place the caret at a code-point offset and select the span there."),
        QStringLiteral("offset"));
    // Options for tests and scripts, not shown in --help.
    QCommandLineOption autosave(QStringLiteral("autosave-interval-ms"), QString(), QStringLiteral("ms"));
    QCommandLineOption testTag(QStringLiteral("test-tag"), QString(), QStringLiteral("start:end:label"));
    QCommandLineOption recovery(QStringLiteral("recovery"), QString(), QStringLiteral("ask|restore|discard|ignore"));
    QCommandLineOption saveAndQuit(QStringLiteral("test-save-and-quit"));
    QCommandLineOption threshold(QStringLiteral("background-load-threshold"), QString(), QStringLiteral("bytes"));
    for (QCommandLineOption *option : {&autosave, &testTag, &recovery, &saveAndQuit, &threshold}) {
        option->setFlags(QCommandLineOption::HiddenFromHelp);
    }
    const QCommandLineOption theme(
        QStringLiteral("theme"),
        QApplication::translate("main", "Colours for this run (View > Theme keeps the choice)."),
        QStringLiteral("light|dark|system"));
    const QCommandLineOption review(
        QStringLiteral("review"),
        QApplication::translate("main",
                                "Start review mode: a reference and a candidate layer "
                                "(\"editable\" for the document's own sidecar), e.g. editable,model."),
        QStringLiteral("ref,cand"));
    parser.addOption(review);
    const QCommandLineOption corpus(QStringLiteral("corpus"),
                                    QApplication::translate("main",
                                                            "Open a folder of documents, or a Scholiast JSONL "
                                                            "dataset, as a corpus (a folder argument does too)."),
                                    QStringLiteral("path"));
    QCommandLineOption metricsScope(QStringLiteral("metrics-scope"), QString(), QStringLiteral("document|corpus"));
    metricsScope.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({corpus, metricsScope});
    parser.addOptions({screenshot, gotoOffset, theme, autosave, testTag, recovery, saveAndQuit, threshold});
    // Reliability tests (issue 8): save once after --test-tag and stay open, reload a document
    // changed on disk without asking, re-anchor the spans on opening.
    QCommandLineOption testSave(QStringLiteral("test-save"));
    QCommandLineOption testReloadOnChange(QStringLiteral("test-reload-on-change"));
    QCommandLineOption testReanchor(QStringLiteral("test-reanchor"));
    for (QCommandLineOption *option : {&testSave, &testReloadOnChange, &testReanchor}) {
        option->setFlags(QCommandLineOption::HiddenFromHelp);
    }
    parser.addOptions({testSave, testReloadOnChange, testReanchor});
    parser.process(app);
    if (parser.isSet(version)) {
        std::printf("%s\n", qPrintable(versionInfo()));
        return 0;
    }

    MainWindow window;
    if (parser.isSet(theme)) {
        window.setThemeChoice(ColorTheme::choiceFromKey(parser.value(theme)), false);
    }
    if (parser.isSet(autosave)) {
        window.autoSaver()->setInterval(parser.value(autosave).toInt());
    }
    if (parser.isSet(threshold)) {
        window.setBackgroundLoadThreshold(parser.value(threshold).toLongLong());
    }
    const QString policy = parser.value(recovery);
    window.setRecoveryPolicy(policy == u"restore"                                  ? MainWindow::RecoveryPolicy::Restore
                                 : policy == u"discard"                            ? MainWindow::RecoveryPolicy::Discard
                                 : policy == u"ignore" || parser.isSet(screenshot) ? MainWindow::RecoveryPolicy::Ignore
                                                                                   : MainWindow::RecoveryPolicy::Ask);

    if (parser.isSet(testReloadOnChange)) {
        window.setReloadPolicy(MainWindow::ReloadPolicy::Reload);
    }

    QString path = parser.positionalArguments().value(0);
    QString corpusPath = parser.value(corpus);
    if (corpusPath.isEmpty() && QFileInfo(path).isDir()) {
        corpusPath = std::exchange(path, QString());
    }
    if (parser.value(metricsScope) == u"corpus") {
        window.metricsDock()->setScope(MetricsDock::Scope::Corpus);
    }
    if (path.isEmpty() && corpusPath.isEmpty() && parser.isSet(screenshot)) {
        path = MainWindow::bundledSample();
    }

    int exitCode = 0;
    QObject::connect(&window, &MainWindow::loadingFailed, &app, [&] {
        if (parser.isSet(screenshot) || parser.isSet(saveAndQuit)) {
            exitCode = 1;
            QApplication::quit();
        }
    });
    QObject::connect(&window, &MainWindow::documentOpened, &app, [&] {
        if (parser.isSet(review)) {
            QStringList sides = parser.value(review).split(u',');
            for (QString &side : sides) {
                side = side == u"editable" ? QString() : side;
            }
            if (sides.size() != 2 || !window.reviewController()->startReview(sides[0], sides[1])) {
                std::fprintf(stderr, "scholiast: --review: no such layers: %s\n", qPrintable(parser.value(review)));
            } else {
                window.reviewDock()->show();
                window.reviewController()->step(1); // the first disagreement, framed
            }
        }
        if (parser.isSet(gotoOffset)) {
            const CodePoint offset(parser.value(gotoOffset).toLongLong());
            window.view()->setCursorPosition(offset);
            window.view()->ensureVisible(offset);
            window.view()->cycleSpansAtCursor(1); // the innermost span there, if any, becomes current
        }
        if (parser.isSet(testTag)) {
            const QStringList parts = parser.value(testTag).split(u':');
            if (parts.size() == 3) {
                window.document()->tag(CodePoint(parts[0].toLongLong()), CodePoint(parts[1].toLongLong()), parts[2]);
            }
        }
        if (parser.isSet(testReanchor)) {
            window.reanchorSpans();
            if (parser.isSet(screenshot)) {
                window.document()->undoStack()->setClean(); // no save prompt when the grab quits
            }
        }
        if (parser.isSet(testSave)) {
            window.save(); // a failure shows its dialog; autosave goes on behind it
        }
        if (parser.isSet(saveAndQuit)) {
            exitCode = window.save() ? 0 : 1;
            QTimer::singleShot(0, &app, &QApplication::quit);
        }
        if (parser.isSet(screenshot)) {
            // After the first paint, and after the corpus scan and the metrics, so that the grab
            // shows what a user sees.
            window.whenCorpusIdle([&] {
                const bool ok = window.grab().save(parser.value(screenshot));
                if (!ok) {
                    std::fprintf(stderr, "scholiast: cannot write %s\n", qPrintable(parser.value(screenshot)));
                }
                exitCode = ok ? 0 : 1;
                QApplication::quit();
            });
        }
    });

    window.show();
    if (!corpusPath.isEmpty()) {
        QTimer::singleShot(0, &window, [&window, &exitCode, corpusPath, path, &parser, &screenshot] {
            if (!window.openCorpus(corpusPath) && parser.isSet(screenshot)) {
                exitCode = 1;
                QApplication::quit();
            } else if (!path.isEmpty()) {
                window.openFile(path);
            }
        });
    } else if (!path.isEmpty()) {
        QTimer::singleShot(0, &window, [&window, path] { window.openFile(path); });
    }
    const int result = QApplication::exec();
    return exitCode != 0 ? exitCode : result;
}
