// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Relations in the window (issue 19): a sample's relations drawn as arcs above the text and
// listed in the Relations dock; R on a span, Tab to another, Enter makes one undo step; deleting
// a span with relations asks first and undoes together; the quote attribution labels.

#include "editing/annotationdocument.h"
#include "formats/scholiastjson.h"
#include "messageboxes.h"
#include "relations/relationsdock.h"
#include "view/annotationview.h"
#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

#include <memory>

using namespace Scholiast;

namespace {
const QString Sample = QStringLiteral("flood-fund-quotes.txt");
} // namespace

class RelationsWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setApplicationName(QStringLiteral("scholiast-relations-test"));
        QApplication::setOrganizationName(QStringLiteral("Scholiast"));
        QSettings().clear();
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        for (const QString &name : {Sample, QString(Sample + QStringLiteral(".scholiast.json"))}) {
            QVERIFY(QFile::copy(QStringLiteral(SCHOLIAST_SAMPLES "/") + name, m_dir->filePath(name)));
            QFile::setPermissions(m_dir->filePath(name), QFile::ReadOwner | QFile::WriteOwner);
        }
        m_window = std::make_unique<MainWindow>();
        m_window->setRecoveryPolicy(MainWindow::RecoveryPolicy::Ignore);
        m_window->resize(1100, 760);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->openFile(m_dir->filePath(Sample)));
    }

    void cleanup()
    {
        Testing::cancelPendingMessageBoxAnswers();
        if (m_window && m_window->document()) {
            m_window->document()->undoStack()->setClean(); // no close prompt
        }
        m_window.reset();
        m_dir.reset();
    }

    // The sample's six relations: in the dock, and drawn as arcs over the visible spans, each
    // from its quote or claim to its source, with its label.
    void sampleRelationsAreListedAndDrawn()
    {
        AnnotationDocument *document = m_window->document();
        QCOMPARE(document->spans()->relations().size(), 6);
        QVERIFY(m_window->relationsDock()->isVisible());
        QCOMPARE(m_window->relationsDock()->list()->topLevelItemCount(), 6);
        m_window->relationsDock()->filter()->setText(QStringLiteral("Lima"));
        QCOMPARE(m_window->relationsDock()->list()->topLevelItemCount(), 3);
        m_window->relationsDock()->filter()->clear();

        AnnotationView *view = m_window->view();
        const auto arcs = view->relationArcs();
        QCOMPARE(arcs.size(), size_t(shownRelations()));
        QVERIFY(arcs.size() >= 5);
        for (const auto &arc : arcs) {
            QCOMPARE(arc.label, QStringLiteral("attributed_to"));
            QVERIFY(arc.top < std::min(arc.from.y(), arc.to.y())); // above both spans
            const Relation *relation = document->spans()->findRelation(arc.relation);
            QVERIFY(relation);
            // The arc ends just above the span's first line (above its label tag).
            const QRect to = view->positionRect(document->spans()->find(relation->to)->start);
            QVERIFY(arc.to.y() < to.top() && arc.to.y() > to.top() - 2 * to.height());
        }
        // Hiding the source label hides its relations too.
        view->setLabelVisible(QStringLiteral("source"), false);
        QVERIFY(view->relationArcs().empty());
        view->setLabelVisible(QStringLiteral("source"), true);
    }

    // R on the claim, Tab to a source, Enter: one relation, one undo step, drawn; Escape cancels.
    void keyboardMakesARelation()
    {
        AnnotationDocument *document = m_window->document();
        AnnotationView *view = m_window->view();
        view->setFocus();
        const QString claim = idOf(QStringLiteral("the fund would pay"));
        const QString source = idOf(QStringLiteral("Ana Lima"));
        QVERIFY(!claim.isEmpty() && !source.isEmpty());
        view->revealSpan(claim);
        const int steps = document->undoStack()->count();

        QTest::keyClick(view, Qt::Key_R);
        QCOMPARE(view->relationSource(), claim);
        QTest::keyClick(view, Qt::Key_Escape);
        QVERIFY(view->relationSource().isEmpty());

        QTest::keyClick(view, Qt::Key_R);
        QCOMPARE(view->relationSource(), claim);
        for (int i = 0; i < 20 && view->currentSpan() != source; ++i) {
            QTest::keyClick(view, Qt::Key_Tab);
        }
        QCOMPARE(view->currentSpan(), source);
        // The preview: a dashed arc without a relation id, from the claim to the current span.
        const auto preview = view->relationArcs();
        QVERIFY(std::any_of(preview.begin(), preview.end(), [](const auto &arc) { return arc.relation.isEmpty(); }));
        QTest::keyClick(view, Qt::Key_Return);
        QVERIFY(view->relationSource().isEmpty());
        QCOMPARE(document->undoStack()->count(), steps + 1);
        const QList<Relation> made = document->spans()->relationsOf(claim);
        QCOMPARE(made.size(), 2); // the ministry, from the sample, and now Ana Lima
        QVERIFY(std::any_of(made.begin(), made.end(), [&](const Relation &r) { return r.to == source; }));
        QCOMPARE(view->relationArcs().size(), size_t(shownRelations()));
        QCOMPARE(m_window->relationsDock()->list()->topLevelItemCount(), 7);
        document->undoStack()->undo();
        QCOMPARE(document->spans()->relations().size(), 6);

        // Saved as version 2 and read back with the same relations.
        Diagnostics diagnostics;
        document->undoStack()->redo();
        QVERIFY(document->save(diagnostics));
        const auto saved = ScholiastJson::read(document->sidecarPath(), diagnostics, &document->document());
        QVERIFY(saved);
        QCOMPARE(saved->relations.size(), 7);
    }

    // Dragging the claim's label tag onto a source relates them (one undo step); a click on a tag
    // only selects its span; a drag let go over no other span makes nothing.
    void draggingATagMakesARelation()
    {
        AnnotationDocument *document = m_window->document();
        AnnotationView *view = m_window->view();
        const QString claim = idOf(QStringLiteral("the fund would pay"));
        const QString source = idOf(QStringLiteral("Ana Lima"));
        view->revealSpan(source);
        view->revealSpan(claim);
        QCoreApplication::processEvents();
        const auto tagOf = [view](const QString &id) {
            for (const auto &tag : view->labelTags()) {
                if (tag.span == id) {
                    return tag.rect;
                }
            }
            return QRect();
        };
        const QRect tag = tagOf(claim);
        QVERIFY(!tag.isEmpty());
        const QRect target = view->positionRect(document->spans()->find(source)->start + 2);
        QVERIFY(!target.isEmpty());
        const int steps = document->undoStack()->count();

        // A click: the claim is current, nothing related.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, tag.center());
        QCOMPARE(view->currentSpan(), claim);
        QVERIFY(view->relationSource().isEmpty());
        QCOMPARE(document->undoStack()->count(), steps);

        // Let go over no span: nothing.
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, tag.center());
        QCOMPARE(view->relationSource(), claim);
        QTest::mouseMove(view->viewport(), tag.center() + QPoint(0, -40));
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, tag.center() + QPoint(0, -40));
        QVERIFY(view->relationSource().isEmpty());
        QCOMPARE(document->undoStack()->count(), steps);

        // Onto the source: a relation, previewed while dragging.
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, tag.center());
        QTest::mouseMove(view->viewport(), target.center());
        QCOMPARE(view->currentSpan(), source);
        const auto preview = view->relationArcs();
        QVERIFY(std::any_of(preview.begin(), preview.end(), [](const auto &arc) { return arc.relation.isEmpty(); }));
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, target.center());
        QVERIFY(view->relationSource().isEmpty());
        QCOMPARE(document->undoStack()->count(), steps + 1);
        const QList<Relation> made = document->spans()->relationsOf(claim);
        QVERIFY(std::any_of(made.begin(), made.end(),
                            [&](const Relation &r) { return r.to == source && r.label == u"attributed_to"; }));
        document->undoStack()->undo();
        QCOMPARE(document->spans()->relations().size(), 6);
    }

    // Click a quote, select the rest of it past "she said", press +: one span in two pieces,
    // drawn as two pieces with one tag, one undo step; - with the cursor in a piece takes it out.
    void plusAddsAFragment()
    {
        AnnotationDocument *document = m_window->document();
        AnnotationView *view = m_window->view();
        view->setFocus();
        const QString quote = idOf(QStringLiteral("the fund would pay"));
        QVERIFY(!quote.isEmpty());
        view->revealSpan(quote);
        QCOMPARE(view->currentSpan(), quote);
        const Annotation before = *document->spans()->find(quote);
        const CodePoint from = before.end + 12;
        const CodePoint to = before.end + 20;
        const int steps = document->undoStack()->count();
        view->setSelection(from, to);
        QTest::keyClick(view, Qt::Key_Plus);
        const Annotation *after = document->spans()->find(quote);
        QVERIFY(after);
        QVERIFY(after->isDiscontinuous());
        QCOMPARE(after->fragments().size(), 2);
        QCOMPARE(after->fragments().first(), (Fragment{before.start, before.end}));
        QVERIFY(after->text().startsWith(before.text() + QLatin1Char(' ')));
        QCOMPARE(document->undoStack()->count(), steps + 1);
        // Both pieces painted with one tag.
        const auto tags = view->labelTags();
        QCOMPARE(std::count_if(tags.begin(), tags.end(), [&](const auto &tag) { return tag.span == quote; }), 1);

        view->setCursorPosition(after->fragments().last().start);
        QTest::keyClick(view, Qt::Key_Minus);
        QVERIFY(!document->spans()->find(quote)->isDiscontinuous());
        QCOMPARE(document->undoStack()->count(), steps + 2);
        document->undoStack()->undo();
        QVERIFY(document->spans()->find(quote)->isDiscontinuous());
        document->undoStack()->undo();
        QCOMPARE(*document->spans()->find(quote), before);
    }

    // Delete on a span with relations asks; Cancel keeps everything; confirming removes the span
    // and its relations in one step, and undo brings all back.
    void deletingASpanAsksAboutItsRelations()
    {
        AnnotationDocument *document = m_window->document();
        AnnotationView *view = m_window->view();
        view->setFocus();
        const QString source = idOf(QStringLiteral("Ana Lima"));
        view->revealSpan(source);
        QString asked;
        Testing::answerNextMessageBox(QMessageBox::Cancel, &asked);
        m_window->findChild<QAction *>(QStringLiteral("delete_span"))->trigger();
        QVERIFY2(asked.contains(QStringLiteral("2 relations")), qPrintable(asked));
        QVERIFY(document->spans()->find(source));
        QCOMPARE(document->spans()->relations().size(), 6);

        Testing::answerNextMessageBox(QMessageBox::Yes);
        m_window->findChild<QAction *>(QStringLiteral("delete_span"))->trigger();
        QVERIFY(!document->spans()->find(source));
        QCOMPARE(document->spans()->relations().size(), 4);
        document->undoStack()->undo();
        QVERIFY(document->spans()->find(source));
        QCOMPARE(document->spans()->relations().size(), 6);
    }

private:
    // The relations whose spans both start on screen: those drawn.
    qsizetype shownRelations() const
    {
        AnnotationDocument *document = m_window->document();
        qsizetype shown = 0;
        for (const Relation &relation : document->spans()->relations()) {
            const bool from = !m_window->view()->positionRect(document->spans()->find(relation.from)->start).isNull();
            const bool to = !m_window->view()->positionRect(document->spans()->find(relation.to)->start).isNull();
            shown += from && to ? 1 : 0;
        }
        return shown;
    }

    QString idOf(const QString &text) const
    {
        for (const Annotation *span : m_window->document()->spans()->sorted()) {
            if (span->text().startsWith(text)) {
                return span->id;
            }
        }
        return {};
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(RelationsWindowTest)
#include "relations_test.moc"
