// scholiast: the annotator window. Parses arguments and wires up the MainWindow; the window and
// everything it shows live in ui/.

#include "annotationdocument.h"
#include "annotationview.h"
#include "mainwindow.h"
#include "recovery.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

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
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("document"), QApplication::translate("main", "The text file to open."),
                                 QStringLiteral("[document]"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QApplication::translate("main", "Render the window with the document (default: "
                                                                        "the bundled sample) to a PNG file and exit."),
                                        QStringLiteral("out.png"));
    const QCommandLineOption gotoOffset(QStringLiteral("goto"),
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
    parser.addOptions({screenshot, gotoOffset, autosave, testTag, recovery, saveAndQuit, threshold});
    parser.process(app);

    MainWindow window;
    if (parser.isSet(autosave)) {
        window.autoSaver()->setInterval(parser.value(autosave).toInt());
    }
    if (parser.isSet(threshold)) {
        window.setBackgroundLoadThreshold(parser.value(threshold).toLongLong());
    }
    const QString policy = parser.value(recovery);
    window.setRecoveryPolicy(policy == u"restore"   ? MainWindow::RecoveryPolicy::Restore
                             : policy == u"discard" ? MainWindow::RecoveryPolicy::Discard
                             : policy == u"ignore" || parser.isSet(screenshot) ? MainWindow::RecoveryPolicy::Ignore
                                                                               : MainWindow::RecoveryPolicy::Ask);

    QString path = parser.positionalArguments().value(0);
    if (path.isEmpty() && parser.isSet(screenshot)) {
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
        if (parser.isSet(saveAndQuit)) {
            exitCode = window.save() ? 0 : 1;
            QTimer::singleShot(0, &app, &QApplication::quit);
        }
        if (parser.isSet(screenshot)) {
            // After the first paint, so that the grab shows what a user sees.
            QTimer::singleShot(0, &window, [&] {
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
    if (!path.isEmpty()) {
        QTimer::singleShot(0, &window, [&window, path] { window.openFile(path); });
    }
    const int result = QApplication::exec();
    return exitCode != 0 ? exitCode : result;
}
