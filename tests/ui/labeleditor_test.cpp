// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Annotate > Labels… and a folder's shared labels, driven through the real dialog and window
// (issue 18 item 2).
#include "editing/annotationdocument.h"
#include "formats/labelschemafile.h"
#include "labeleditor.h"
#include "legenddock.h"
#include "spanlistdock.h"
#include "mainwindow.h"
#include "messageboxes.h"
#include "testhelpers.h"
#include "view/annotationview.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QPointer>
#include <QUndoStack>

#include <memory>

using namespace Scholiast;
using namespace Scholiast::Testing;

namespace {
const QByteArray Article = "Port Ardagh council approves the bridge.\n"
                           "\"We will build it,\" the mayor said on Tuesday.\n";

QStringList spanLabels(const AnnotationDocument *document)
{
    QStringList labels;
    for (const Annotation *span : document->spans()->sorted()) {
        labels.append(span->label);
    }
    return labels;
}

QStringList schemaText(const LabelSchema &schema)
{
    QStringList rows;
    for (const Label &label : schema.labels()) {
        rows.append(label.name + u' ' + label.color + u' ' + label.key);
    }
    return rows;
}

QStringList legendRows(const LegendDock *legend)
{
    QStringList rows;
    for (int i = 0; i < legend->treeWidget()->topLevelItemCount(); ++i) {
        rows.append(legend->treeWidget()->topLevelItem(i)->text(0) + u' '
                    + legend->treeWidget()->topLevelItem(i)->text(1));
    }
    return rows;
}
} // namespace

class LabelEditorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setApplicationName(QStringLiteral("scholiast-labeleditor-test"));
        QApplication::setOrganizationName(QStringLiteral("ScholiastTest"));
        QSettings().setValue(QStringLiteral("annotator/name"), QStringLiteral("tester")); // not asked for here
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(QStringLiteral("bridge.txt"));
        QVERIFY(writeAll(m_path, Article));
        m_window = std::make_unique<MainWindow>();
        m_window->setRecoveryPolicy(MainWindow::RecoveryPolicy::Ignore);
        m_window->resize(1000, 700);
        m_window->show();
        QVERIFY(m_window->openFile(m_path));
        AnnotationDocument *document = m_window->document();
        QVERIFY(document);
        QVERIFY(!document->tag(CodePoint(0), CodePoint(11), QStringLiteral("claim")).isEmpty());
        QVERIFY(!document->tag(CodePoint(42), CodePoint(59), QStringLiteral("quote")).isEmpty());
        QVERIFY(!document->tag(CodePoint(12), CodePoint(19), QStringLiteral("claim")).isEmpty());
        document->undoStack()->clear();
    }

    void cleanup()
    {
        if (m_window && m_window->document()) {
            m_window->document()->undoStack()->setClean(); // no prompt when the window goes
        }
        cancelPendingMessageBoxAnswers();
        m_window.reset();
        m_dir.reset();
    }

    void renameRelabelsEverySpanInOneStep()
    {
        AnnotationDocument *document = m_window->document();
        QCOMPARE(spanLabels(document),
                 (QStringList{QStringLiteral("claim"), QStringLiteral("claim"), QStringLiteral("quote")}));
        auto editor = showEditor();
        typeInto(editor->table(), 0, LabelEditor::NameColumn, QStringLiteral("assertion"));
        clickOk(*editor);
        QCOMPARE(editor->result(), int(QDialog::Accepted));

        QCOMPARE(document->undoStack()->count(), 1);
        QCOMPARE(document->undoStack()->undoText(), QStringLiteral("Edit labels"));
        QCOMPARE(spanLabels(document),
                 (QStringList{QStringLiteral("assertion"), QStringLiteral("assertion"), QStringLiteral("quote")}));
        QCOMPARE(document->labels().labels().at(0).name, QStringLiteral("assertion"));
        QCOMPARE(document->labels().labels().at(0).key, QStringLiteral("1"));
        // What shows the labels follows: the legend, the label actions.
        QCOMPARE(legendRows(m_window->legendDock()).value(0), QStringLiteral("assertion 1"));
        QVERIFY(m_window->action(QStringLiteral("tag_assertion")));
        QVERIFY(!m_window->action(QStringLiteral("tag_claim")));
        QCOMPARE(m_window->legendDock()->count(QStringLiteral("assertion")), 2);
        auto *filter = m_window->spanListDock()->findChild<QComboBox *>();
        QVERIFY(filter);
        QVERIFY(filter->findData(QStringLiteral("assertion")) >= 0);
        QCOMPARE(filter->findData(QStringLiteral("claim")), -1);

        document->undoStack()->undo();
        QCOMPARE(spanLabels(document),
                 (QStringList{QStringLiteral("claim"), QStringLiteral("claim"), QStringLiteral("quote")}));
        QCOMPARE(legendRows(m_window->legendDock()).value(0), QStringLiteral("claim 1"));
        QVERIFY(m_window->action(QStringLiteral("tag_claim")));
    }

    void addRecolourReorderAndKeys()
    {
        AnnotationDocument *document = m_window->document();
        auto editor = showEditor();
        QTableWidget *table = editor->table();
        QTest::mouseClick(button(*editor, "AddLabelButton"), Qt::LeftButton);
        QCOMPARE(table->rowCount(), 4);
        typeInto(table, 3, LabelEditor::NameColumn, QStringLiteral("source"));
        typeInto(table, 3, LabelEditor::KeyColumn, QStringLiteral("s"));
        typeInto(table, 0, LabelEditor::ColorColumn, QStringLiteral("#8c6d1f"));
        // The new label to the top: select it, then Move Up three times.
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          table->visualItemRect(table->item(3, LabelEditor::NameColumn)).center());
        for (int i = 0; i < 3; ++i) {
            QTest::mouseClick(button(*editor, "MoveUpButton"), Qt::LeftButton);
        }
        QVERIFY(!button(*editor, "MoveUpButton")->isEnabled()); // at the top
        QTest::mouseClick(editor->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Apply), Qt::LeftButton);
        QCOMPARE(document->undoStack()->count(), 1);
        QCOMPARE(schemaText(document->labels()),
                 (QStringList{QStringLiteral("source #cc79a7 s"), QStringLiteral("claim #8c6d1f 1"),
                              QStringLiteral("quote #0072b2 2"), QStringLiteral("boilerplate #009e73 3")}));
        // A second Apply (here OK) is a second step.
        typeInto(table, 2, LabelEditor::KeyColumn, QStringLiteral("q"));
        clickOk(*editor);
        QCOMPARE(document->undoStack()->count(), 2);
        QCOMPARE(document->labels().find(QStringLiteral("quote"))->key, QStringLiteral("q"));
        document->undoStack()->undo();
        QCOMPARE(document->labels().find(QStringLiteral("quote"))->key, QStringLiteral("2"));
        document->undoStack()->redo();

        // The new key tags with the new label.
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_window->view()->setFocus();
        m_window->view()->setSelection(CodePoint(20), CodePoint(30));
        QTest::keyClick(m_window->view(), Qt::Key_S);
        QVERIFY(spanLabels(document).contains(QStringLiteral("source")));
        QCOMPARE(legendRows(m_window->legendDock()).value(0), QStringLiteral("source s"));
    }

    void namesAndKeysMustBeUnique_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("problem");
        QTest::newRow("key twice") << 1 << int(LabelEditor::KeyColumn) << QStringLiteral("1")
                                   << QStringLiteral("The key “1” is used by “claim” and “quote”.");
        QTest::newRow("name twice") << 2 << int(LabelEditor::NameColumn) << QStringLiteral("quote")
                                    << QStringLiteral("The name “quote” is used twice.");
        QTest::newRow("no name") << 0 << int(LabelEditor::NameColumn) << QString()
                                 << QStringLiteral("Row 1 has no name.");
        QTest::newRow("bad colour") << 0 << int(LabelEditor::ColorColumn) << QStringLiteral("red")
                                    << QStringLiteral("“claim”: the colour “red” is not of the form #rrggbb.");
        QTest::newRow("long key") << 0 << int(LabelEditor::KeyColumn) << QStringLiteral("ab")
                                  << QStringLiteral("“claim”: the key “ab” must be a single character.");
    }

    void namesAndKeysMustBeUnique()
    {
        QFETCH(int, row);
        QFETCH(int, column);
        QFETCH(QString, typed);
        QFETCH(QString, problem);
        auto editor = showEditor();
        typeInto(editor->table(), row, column, typed);
        auto *problems = editor->findChild<QLabel *>(QStringLiteral("LabelProblems"));
        QVERIFY(problems->isVisible());
        QVERIFY2(problems->text().contains(problem), qPrintable(problems->text()));
        QDialogButtonBox *buttons = editor->findChild<QDialogButtonBox *>();
        QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled());
        QVERIFY(!buttons->button(QDialogButtonBox::Apply)->isEnabled());
        QTest::mouseClick(buttons->button(QDialogButtonBox::Cancel), Qt::LeftButton);
        QCOMPARE(m_window->document()->undoStack()->count(), 0);
    }

    void coloursAreCheckedForContrast_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::addColumn<QString>("color");
        QTest::addColumn<QString>("warning");
        QTest::newRow("pale yellow, light")
            << false << QStringLiteral("#f0e442") << QStringLiteral("has a contrast of 1.3:1 on the light background");
        QTest::newRow("pale yellow, dark") << true << QStringLiteral("#f0e442") << QString();
        QTest::newRow("near black, dark")
            << true << QStringLiteral("#1a1a1a") << QStringLiteral("on the dark background");
        QTest::newRow("vermillion, light") << false << QStringLiteral("#d55e00") << QString();
    }

    void coloursAreCheckedForContrast()
    {
        QFETCH(bool, dark);
        QFETCH(QString, color);
        QFETCH(QString, warning);
        // The theme the view draws with, as the window passes it.
        m_window->view()->setColorTheme(dark ? ColorTheme::dark() : ColorTheme::light());
        auto editor = showEditor();
        typeInto(editor->table(), 0, LabelEditor::ColorColumn, color);
        auto *label = editor->findChild<QLabel *>(QStringLiteral("ContrastWarnings"));
        if (warning.isEmpty()) {
            QVERIFY2(!label->text().contains(QStringLiteral("“claim”")), qPrintable(label->text()));
        } else {
            QVERIFY(label->isVisible());
            QVERIFY2(label->text().contains(u"“claim”: " + color) && label->text().contains(warning),
                     qPrintable(label->text()));
        }
        // A warning, not a refusal: the colour is applied.
        clickOk(*editor);
        QCOMPARE(m_window->document()->labels().find(QStringLiteral("claim"))->color, color);
    }

    void menuOpensTheDialog()
    {
        QPointer<LabelEditor> seen;
        QTimer poll;
        poll.setInterval(5);
        connect(&poll, &QTimer::timeout, this, [&] {
            if (auto *editor = qobject_cast<LabelEditor *>(QApplication::activeModalWidget())) {
                seen = editor;
                poll.stop();
                typeInto(editor->table(), 1, LabelEditor::NameColumn, QStringLiteral("citation"));
                clickOk(*editor);
            }
        });
        poll.start();
        m_window->action(QStringLiteral("edit_labels"))->trigger();
        QVERIFY(seen.isNull()); // gone with exec()
        QCOMPARE(spanLabels(m_window->document()),
                 (QStringList{QStringLiteral("claim"), QStringLiteral("claim"), QStringLiteral("citation")}));
    }

    void folderSchemaIsSavedAndUsed()
    {
        // Saved from the dialog, as edited.
        {
            auto editor = showEditor();
            typeInto(editor->table(), 2, LabelEditor::NameColumn, QStringLiteral("furniture"));
            QTest::mouseClick(button(*editor, "SaveFolderSchemaButton"), Qt::LeftButton);
            QVERIFY(editor->findChild<QLabel *>(QStringLiteral("FolderSchemaStatus"))->isVisible());
            QTest::mouseClick(editor->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel),
                              Qt::LeftButton);
        }
        const QString schemaPath = m_dir->filePath(QStringLiteral("labels.scholiast.json"));
        Diagnostics diagnostics;
        const auto shared = LabelSchemaFile::read(schemaPath, diagnostics);
        QVERIFY(shared);
        QCOMPARE(shared->labels().at(2).name, QStringLiteral("furniture"));
        QVERIFY(m_window->document()->labels().contains(QStringLiteral("boilerplate"))); // cancelled here
        QVERIFY(m_window->save());

        // A document of the folder with no sidecar starts with the shared labels, unmodified.
        const QString fresh = m_dir->filePath(QStringLiteral("ferry.txt"));
        QVERIFY(writeAll(fresh, "The ferry timetable changes in May.\n"));
        QVERIFY(m_window->openFile(fresh));
        QCOMPARE(schemaText(m_window->document()->labels()), schemaText(*shared));
        QVERIFY(!m_window->document()->isModified());
        QVERIFY(!m_window->findChild<QWidget *>(QStringLiteral("SharedLabelsBar"))->isVisible());
        QVERIFY(m_window->action(QStringLiteral("tag_furniture")));

        // A document whose own labels differ is offered the shared ones, not given them.
        QVERIFY(m_window->openFile(m_path));
        auto *bar = m_window->findChild<QWidget *>(QStringLiteral("SharedLabelsBar"));
        QVERIFY(bar->isVisible());
        QVERIFY(m_window->document()->labels().contains(QStringLiteral("boilerplate")));
        QTest::mouseClick(bar->findChild<QPushButton *>(QStringLiteral("UseSharedLabelsButton")), Qt::LeftButton);
        QVERIFY(!bar->isVisible());
        QCOMPARE(m_window->document()->undoStack()->count(), 1);
        QCOMPARE(schemaText(m_window->document()->labels()).mid(0, 3), schemaText(*shared));
        QVERIFY(m_window->document()->labels().contains(QStringLiteral("boilerplate"))); // no span loses its label
    }

    void unreadableFolderSchemaIsSaid()
    {
        QVERIFY(writeAll(m_dir->filePath(QStringLiteral("labels.scholiast.json")),
                         "{\"labels\": [\n  {\"name\": \"a\"},\n  {\"name\": \"a\"}\n]}"));
        const QString fresh = m_dir->filePath(QStringLiteral("ferry.txt"));
        QVERIFY(writeAll(fresh, "The ferry timetable changes in May.\n"));
        QVERIFY(m_window->openFile(fresh));
        QCOMPARE(schemaText(m_window->document()->labels()), schemaText(LabelSchema::defaultSchema()));
        auto *bar = m_window->findChild<QWidget *>(QStringLiteral("SharedLabelsBar"));
        QVERIFY(bar->isVisible());
        const QString text = bar->findChild<QLabel *>()->text();
        QVERIFY2(text.contains(QStringLiteral("labels.scholiast.json:3:3: error: label \"a\" is defined twice")),
                 qPrintable(text));
        QVERIFY(!bar->findChild<QPushButton *>(QStringLiteral("UseSharedLabelsButton"))->isVisible());
    }

private:
    std::unique_ptr<LabelEditor> showEditor()
    {
        auto editor =
            std::make_unique<LabelEditor>(m_window->document(), m_window->view()->colorTheme(), m_window.get());
        editor->show();
        editor->activateWindow();
        if (!QTest::qWaitForWindowActive(editor.get())) {
            qWarning("the label editor did not become active");
        }
        return editor;
    }

    static QPushButton *button(const LabelEditor &editor, const char *name)
    {
        return editor.findChild<QPushButton *>(QString::fromLatin1(name));
    }

    static void clickOk(LabelEditor &editor)
    {
        QTest::mouseClick(editor.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    }

    // Double-clicks the cell and types over its text, as a user does; Return commits.
    static void typeInto(QTableWidget *table, int row, int column, const QString &text)
    {
        const QPoint at = table->visualItemRect(table->item(row, column)).center();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, at);
        // The open editor; one the click closed may linger until deleted.
        QPointer<QLineEdit> editor;
        for (QLineEdit *candidate : table->viewport()->findChildren<QLineEdit *>()) {
            if (candidate->isVisible()) {
                editor = candidate;
            }
        }
        QVERIFY2(editor, "no cell editor opened");
        editor->selectAll();
        QTest::keyClick(editor, Qt::Key_Backspace);
        QTest::keyClicks(editor, text);
        QTest::keyClick(editor, Qt::Key_Return);
        // The delegate commits and closes the editor from the event loop.
        QTRY_VERIFY(editor.isNull());
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
    QString m_path;
};

QTEST_MAIN(LabelEditorTest)
#include "labeleditor_test.moc"
