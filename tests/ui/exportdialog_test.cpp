// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 18 item 4: File > Export Annotations as a dialog (formats with their description and
// offset unit, the status filter, the unit choice, the whole corpus), and File > Import
// Annotations taking the format from the file's content and always saying how many spans came.
#include "corpus/corpusdock.h"
#include "corpus/corpusmodel.h"
#include "editing/annotationdocument.h"
#include "exportdialog.h"
#include "formats/scholiastjson.h"
#include "mainwindow.h"
#include "messageboxes.h"
#include "testspans.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <functional>
#include <memory>

using namespace Scholiast;

namespace {
const QString Harbour = QStringLiteral("Harbour fees rise in Port Ardagh. \"We had no choice,\" the mayor said.\n");
const QString Ferry = QStringLiteral("Ferry 🚢 service resumes after the storm. Tickets sold out by noon.\n");
const QString Market = QStringLiteral("Fish market opens at dawn. Traders expect a busy week.\n");

bool writeText(const QString &path, const QString &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) == text.toUtf8().size();
}

// The texts of the spans of one JSONL dataset record, in file order.
QStringList spanTexts(const QByteArray &line)
{
    QStringList texts;
    const QJsonArray spans = QJsonDocument::fromJson(line).object().value(QStringLiteral("spans")).toArray();
    for (const QJsonValue &span : spans) {
        texts.append(span.toObject().value(QStringLiteral("text")).toString());
    }
    return texts;
}

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

struct Needle
{
    QString text;
    QString label;
    Annotation::Status status = Annotation::Status::Unset;
};

bool writeSidecar(const QString &documentPath, const QList<Needle> &needles)
{
    Diagnostics diagnostics;
    const auto document = Document::load(documentPath, diagnostics);
    if (!document) {
        return false;
    }
    AnnotationSet set;
    for (const Needle &n : needles) {
        const QString text = document->text();
        const qsizetype at = text.indexOf(n.text);
        if (at < 0) {
            return false;
        }
        const qint64 start = text.left(at).toUcs4().size();
        Annotation span(CodePoint(start), CodePoint(start + n.text.toUcs4().size()), n.label);
        span.setStatus(n.status);
        set.add(Testing::withText(span, n.text));
    }
    return ScholiastJson::write(ScholiastJson::sidecarPath(documentPath),
                                ScholiastJson::makeSidecar(*document, LabelSchema::defaultSchema(), set), diagnostics);
}

// Runs `handle` on the next modal dialog of type T, once, when it shows.
template <typename T> void onNextDialog(std::function<void(T *)> handle)
{
    auto *timer = new QTimer(qApp);
    Testing::pendingMessageBoxAnswers().append(timer);
    timer->setInterval(5);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, handle] {
        auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget());
        if (!dialog) {
            return;
        }
        timer->stop();
        timer->deleteLater();
        handle(dialog);
    });
    timer->start();
}
} // namespace

class ExportDialogTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path(const QString &name) const { return m_dir->filePath(name); }
    // Every message box of a test, answered with OK: "icon|text|informative text".
    QStringList m_boxes;
    QTimer *m_boxAnswerer = nullptr;

    std::unique_ptr<MainWindow> openWindow()
    {
        auto window = std::make_unique<MainWindow>();
        window->setRecoveryPolicy(MainWindow::RecoveryPolicy::Ignore);
        window->show();
        return window;
    }

    // File > Export Annotations, the dialog set up by `setUp`, then Export.
    void exportThroughDialog(MainWindow &window, const std::function<void(ExportDialog *)> &setUp)
    {
        bool shown = false;
        onNextDialog<ExportDialog>([&](ExportDialog *dialog) {
            shown = true;
            setUp(dialog);
            QVERIFY(dialog->exportButton()->isEnabled());
            QTest::mouseClick(dialog->exportButton(), Qt::LeftButton);
        });
        window.action(QStringLiteral("export_annotations"))->trigger();
        QVERIFY(shown);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ScholiastTest"));
        QCoreApplication::setApplicationName(QStringLiteral("ui_exportdialog_test"));
        QSettings().setValue(QStringLiteral("annotator/name"), QStringLiteral("tester"));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QVERIFY(writeText(path(QStringLiteral("harbour.txt")), Harbour));
        QVERIFY(writeText(path(QStringLiteral("ferry.txt")), Ferry));
        QVERIFY(writeText(path(QStringLiteral("market.txt")), Market));
        QVERIFY(writeSidecar(
            path(QStringLiteral("harbour.txt")),
            {{QStringLiteral("Harbour fees rise in Port Ardagh."), QStringLiteral("claim")},
             {QStringLiteral("We had no choice,"), QStringLiteral("quote"), Annotation::Status::Pending}}));
        QVERIFY(writeSidecar(
            path(QStringLiteral("ferry.txt")),
            {{QStringLiteral("Ferry 🚢 service resumes"), QStringLiteral("claim")},
             {QStringLiteral("Tickets sold out by noon."), QStringLiteral("claim"), Annotation::Status::Pending}}));
        QVERIFY(writeSidecar(
            path(QStringLiteral("market.txt")),
            {{QStringLiteral("Traders expect a busy week."), QStringLiteral("claim"), Annotation::Status::Accepted}}));
        m_boxes.clear();
        m_boxAnswerer = new QTimer;
        m_boxAnswerer->setInterval(5);
        connect(m_boxAnswerer, &QTimer::timeout, this, [this] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                m_boxes.append(QString::number(int(box->icon())) + u'|' + box->text() + u'|' + box->informativeText());
                box->accept();
            }
        });
        m_boxAnswerer->start();
    }

    void cleanup()
    {
        Testing::cancelPendingMessageBoxAnswers();
        delete m_boxAnswerer;
        m_boxAnswerer = nullptr;
    }

    // Every writable format is listed with what it is and the unit its offsets count.
    void listsFormatsWithDescriptionAndUnit_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<bool>("unitChoice");
        QTest::newRow("jsonl") << QStringLiteral("jsonl") << QStringLiteral("code points") << false;
        QTest::newRow("doccano") << QStringLiteral("doccano") << QStringLiteral("UTF-16 units") << true;
        QTest::newRow("brat") << QStringLiteral("brat") << QStringLiteral("code points") << false;
        QTest::newRow("label-studio") << QStringLiteral("label-studio") << QStringLiteral("code points") << true;
        QTest::newRow("spacy") << QStringLiteral("spacy") << QStringLiteral("code points") << false;
        QTest::newRow("w3c") << QStringLiteral("w3c") << QStringLiteral("code points") << true;
        QTest::newRow("conll") << QStringLiteral("conll") << QStringLiteral("tokens") << false;
        QTest::newRow("csv") << QStringLiteral("csv") << QStringLiteral("code points") << false;
    }

    void listsFormatsWithDescriptionAndUnit()
    {
        QFETCH(QString, format);
        QFETCH(QString, unit);
        QFETCH(bool, unitChoice);
        ExportDialog dialog(path(QStringLiteral("harbour.txt")), QString(), 0);
        QTreeWidget *list = dialog.formatList();
        QCOMPARE(list->topLevelItemCount(), 8);
        QTreeWidgetItem *row = nullptr;
        for (int i = 0; i < list->topLevelItemCount(); ++i) {
            if (list->topLevelItem(i)->text(0) == format) {
                row = list->topLevelItem(i);
            }
        }
        QVERIFY(row);
        QCOMPARE(row->text(1), unit);
        QVERIFY(!row->text(2).isEmpty());
        QVERIFY(!row->text(2).contains(u'\n'));
        dialog.setFormat(format);
        QCOMPARE(dialog.choice().format, format);
        QCOMPARE(dialog.unitBox()->isEnabled(), unitChoice);
        // Gold means accepted: pending suggestions stay out unless chosen.
        QCOMPARE(dialog.choice().statuses, QStringLiteral("accepted"));
        QVERIFY(!dialog.wholeCorpusBox()->isEnabled()); // no corpus open
        QVERIFY(dialog.choice().path.startsWith(QDir::toNativeSeparators(path(QStringLiteral("harbour")))));
    }

    // The open document through the dialog: accepted spans only by default; the unit chosen.
    void exportsTheDocumentAcceptedOnly()
    {
        auto window = openWindow();
        QVERIFY(window->openFile(path(QStringLiteral("harbour.txt"))));
        const QString out = path(QStringLiteral("out.doccano.jsonl"));
        exportThroughDialog(*window, [&](ExportDialog *dialog) {
            dialog->setFormat(QStringLiteral("doccano"));
            QCOMPARE(dialog->unitBox()->count(), 3);
            dialog->pathEdit()->setText(out);
        });
        const QByteArray bytes = readBytes(out);
        QVERIFY2(bytes.contains("\"claim\""), bytes.constData());
        QVERIFY2(!bytes.contains("\"quote\""), bytes.constData()); // the pending suggestion
        QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("out.doccano.jsonl")));

        // With pending spans, and code points instead of UTF-16: the emoji-free text gives the
        // same numbers, so the unit shows in the spans of a text with an emoji below.
        exportThroughDialog(*window, [&](ExportDialog *dialog) {
            dialog->setFormat(QStringLiteral("doccano"));
            dialog->statusBox()->setCurrentIndex(dialog->statusBox()->findData(QStringLiteral("accepted,pending")));
            dialog->pathEdit()->setText(out);
        });
        QVERIFY2(readBytes(out).contains("\"quote\""), readBytes(out).constData());
    }

    void offsetUnitChoiceIsWritten()
    {
        auto window = openWindow();
        QVERIFY(window->openFile(path(QStringLiteral("ferry.txt"))));
        const QString out = path(QStringLiteral("ferry.doccano.jsonl"));
        // "Ferry 🚢 service resumes" ends at 23 code points, 24 UTF-16 units.
        exportThroughDialog(*window, [&](ExportDialog *dialog) {
            dialog->setFormat(QStringLiteral("doccano"));
            dialog->pathEdit()->setText(out);
        });
        QVERIFY2(readBytes(out).contains("[[0, 24, \"claim\"]]"), readBytes(out).constData());
        exportThroughDialog(*window, [&](ExportDialog *dialog) {
            dialog->setFormat(QStringLiteral("doccano"));
            dialog->unitBox()->setCurrentIndex(dialog->unitBox()->findData(int(OffsetUnit::CodePoints)));
            dialog->pathEdit()->setText(out);
        });
        QVERIFY2(readBytes(out).contains("[[0, 23, \"claim\"]]"), readBytes(out).constData());
    }

    // With a corpus open, every document with its own sidecar, the open one's unsaved edits
    // included; one file for a one-file format, a folder for brat.
    void exportsTheWholeCorpus()
    {
        auto window = openWindow();
        QVERIFY(window->openCorpus(m_dir->path()));
        QTRY_VERIFY(!window->corpusDock()->model()->isScanning());
        QCOMPARE(window->document()->path(), path(QStringLiteral("ferry.txt")));
        QVERIFY(!window->document()->tag(CodePoint(0), CodePoint(5), QStringLiteral("boilerplate")).isEmpty());
        QDir().mkpath(path(QStringLiteral("out")));
        const QString out = path(QStringLiteral("out/corpus.jsonl"));
        exportThroughDialog(*window, [&](ExportDialog *dialog) {
            QVERIFY(dialog->wholeCorpusBox()->isEnabled());
            QVERIFY2(dialog->wholeCorpusBox()->text().contains(QStringLiteral("the 3 document")),
                     qPrintable(dialog->wholeCorpusBox()->text()));
            dialog->setFormat(QStringLiteral("jsonl"));
            dialog->wholeCorpusBox()->setChecked(true);
            dialog->pathEdit()->setText(out);
        });
        const QList<QByteArray> lines = readBytes(out).trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        // Each document with its own accepted spans; the open one's unsaved span included.
        QCOMPARE(spanTexts(lines.at(0)),
                 QStringList({QStringLiteral("Ferry"), QStringLiteral("Ferry 🚢 service resumes")}));
        QCOMPARE(spanTexts(lines.at(1)), QStringList{QStringLiteral("Harbour fees rise in Port Ardagh.")});
        QCOMPARE(spanTexts(lines.at(2)), QStringList{QStringLiteral("Traders expect a busy week.")});
        QVERIFY(!window->document()->isModified());

        const QString folder = path(QStringLiteral("out/brat"));
        exportThroughDialog(*window, [&](ExportDialog *dialog) {
            dialog->setFormat(QStringLiteral("brat"));
            dialog->wholeCorpusBox()->setChecked(true);
            dialog->pathEdit()->setText(folder);
        });
        for (const char *name : {"ferry.ann", "harbour.ann", "market.ann", "annotation.conf"}) {
            QVERIFY2(QFileInfo::exists(folder + u'/' + QLatin1String(name)), name);
        }
    }

    // Warnings of a corpus export: a warning icon, naming the file, never "<input>".
    void corpusExportWarningsNameTheFile()
    {
        auto window = openWindow();
        QVERIFY(window->openCorpus(m_dir->path()));
        QTRY_VERIFY(!window->corpusDock()->model()->isScanning());
        const QString out = path(QStringLiteral("spans.doccano.jsonl"));
        // doccano has no place for the spans' source and creator: a warning.
        QVERIFY(window->exportCorpus(m_dir->path(), out, QStringLiteral("doccano"), false));
        QCOMPARE(m_boxes.size(), 1);
        const QString text = m_boxes.first();
        QVERIFY2(text.startsWith(QString::number(int(QMessageBox::Warning)) + u'|'), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("spans.doccano.jsonl: warning:")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("<input>")), qPrintable(text));
    }

    // Import: a doccano file is offered as doccano (it defaulted to "jsonl" and gave 0 spans).
    void importDetectsTheFormatFromTheContent()
    {
        auto window = openWindow();
        QVERIFY(window->openFile(path(QStringLiteral("market.txt"))));
        const QString file = path(QStringLiteral("admin.jsonl"));
        QVERIFY(writeText(file,
                          QStringLiteral("{\"text\": \"%1\", \"label\": [[0, 4, \"claim\"], [27, 34, \"quote\"]]}\n")
                              .arg(Market.trimmed() + QStringLiteral("\\n"))));
        QString offered;
        onNextDialog<QFileDialog>([&](QFileDialog *dialog) {
            onNextDialog<QInputDialog>([&](QInputDialog *input) {
                offered = input->textValue();
                input->accept();
            });
            dialog->selectFile(file);
            static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept, public in QDialog
        });
        const qsizetype before = window->document()->spans()->size();
        window->action(QStringLiteral("import_annotations"))->trigger();
        QCOMPARE(offered, QStringLiteral("doccano"));
        QCOMPARE(window->document()->spans()->size(), before + 2);
        QVERIFY2(window->statusBar()->currentMessage().contains(QStringLiteral("imported from admin.jsonl")),
                 qPrintable(m_boxes.join(u'\n') + window->statusBar()->currentMessage()));
    }

    // 0 spans imported is always said, with the format the file looks like.
    void zeroSpansImportedIsSaid()
    {
        auto window = openWindow();
        QVERIFY(window->openFile(path(QStringLiteral("market.txt"))));
        const QString file = path(QStringLiteral("admin.jsonl"));
        QVERIFY(writeText(file,
                          QStringLiteral("{\"text\": \"%1\", \"label\": [[0, 4, \"claim\"]]}\n")
                              .arg(Market.trimmed() + QStringLiteral("\\n"))));
        QCOMPARE(window->importAnnotations(file, QStringLiteral("jsonl")), 0);
        QCOMPARE(m_boxes.size(), 1);
        const QString text = m_boxes.first();
        QVERIFY2(text.contains(QStringLiteral("0 spans imported")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("looks like doccano")), qPrintable(text));
        QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("0 spans imported")));
    }
};

QTEST_MAIN(ExportDialogTest)
#include "exportdialog_test.moc"
