// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Suggestions in the window (issue 9): a suggester adds pending spans as one undo step; A accepts,
// R rejects, "accept all above a score" is one step; all undoable; a failing model adds nothing.
// Merge conflicts from git (issue 20) are stepped and decided with the same keys.

#include "editing/annotationdocument.h"
#include "view/annotationview.h"
#include "mainwindow.h"
#include "suggest/suggestion.h"
#include "suggest/suggestioncontroller.h"
#include "review/conflictcontroller.h"
#include "formats/scholiastjson.h"
#include "threewaymerge.h"
#include "corpus.h"
#include "testspans.h"

#include "commands/spancommands.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QTreeWidget>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace Scholiast;

namespace {

// Our own news-like fixture: CRLF, emoji before the quotes, furniture lines, CJK.
const QString Article = QStringLiteral(
    "Home > Local > Harbour\r\n"
    "\r\n"
    "By Ana Lindqvist\r\n"
    "\r\n"
    "\U0001F1F0\U0001F1F7 \U0001F469\u200D\U0001F4BB The harbour board met on Monday. \u201CWe will open the bridge in "
    "May,\u201D said the chair. \u201CIt is ready.\u201D\r\n"
    "\r\n"
    "A trader added: \u300C\u6e2f\u306f\u5fd9\u3057\u3044\u300D.\r\n"
    "\r\n"
    "Share this article\r\n"
    "\u00A9 2026 Harbour Gazette\r\n");

int pendingCount(const AnnotationDocument *document)
{
    int n = 0;
    for (const Annotation *a : document->spans()->sorted()) {
        n += a->status() == Annotation::Status::Pending ? 1 : 0;
    }
    return n;
}

} // namespace

class SuggestTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setApplicationName(QStringLiteral("scholiast-test"));
        QApplication::setOrganizationName(QStringLiteral("Scholiast"));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_path = m_dir->filePath(QStringLiteral("harbour.txt"));
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(Article.toUtf8());
        file.close();
        m_window = std::make_unique<MainWindow>();
        m_window->setRecoveryPolicy(MainWindow::RecoveryPolicy::Ignore);
        m_window->resize(900, 600);
        QVERIFY(m_window->openFile(m_path));
        m_controller = m_window->findChild<SuggestionController *>();
        QVERIFY(m_controller);
        // One span the user made before: it must stay as it is.
        m_manual = m_window->document()->tag(CodePoint(0), CodePoint(4), QStringLiteral("claim"));
        QVERIFY(!m_manual.isEmpty());
    }

    void cleanup()
    {
        m_window->document()->undoStack()->setClean(); // no save prompt
        m_window.reset();
        m_dir.reset();
    }

    void suggestionsAreOneUndoStep()
    {
        AnnotationDocument *document = m_window->document();
        QUndoStack *stack = document->undoStack();
        const int steps = stack->count();
        QSignalSpy finished(m_controller, &SuggestionController::runFinished);
        QVERIFY(m_window->action(QStringLiteral("suggest_quotes"))->isEnabled());
        m_window->action(QStringLiteral("suggest_quotes"))->trigger();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().value<qsizetype>(), 3);
        QCOMPARE(stack->count(), steps + 1);
        QCOMPARE(stack->undoText(), QStringLiteral("Suggest 3 span(s) with quotes"));
        QCOMPARE(pendingCount(document), 3);
        // Each at its code points, with its reason; the emoji count one code point each.
        const QStringList texts{QStringLiteral("We will open the bridge in May"), QStringLiteral("It is ready."),
                                QStringLiteral("\u6e2f\u306f\u5fd9\u3057\u3044")};
        int i = 0;
        for (const Annotation *a : document->spans()->sorted()) {
            if (a->status() != Annotation::Status::Pending) {
                continue;
            }
            QCOMPARE(a->text(), texts.at(i++));
            QCOMPARE(document->document().slice(a->start, a->end).toString(), a->text());
            QCOMPARE(a->source(), QStringLiteral("rule:quotes"));
            QVERIFY(!Suggest::reason(*a).isEmpty());
        }
        // Running it again adds nothing.
        m_window->action(QStringLiteral("suggest_quotes"))->trigger();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.last().first().value<qsizetype>(), 0);
        QCOMPARE(stack->count(), steps + 1);
        stack->undo();
        QCOMPARE(pendingCount(document), 0);
        QVERIFY(document->spans()->contains(m_manual));
        stack->redo();
        QCOMPARE(pendingCount(document), 3);
    }

    // A suggestion accepted or rejected on a new document of a corpus starts its annotation, as
    // a tag does: "in progress" in the same undo step (issue 18 walk-through).
    void decidingInACorpusMarksInProgress_data()
    {
        QTest::addColumn<bool>("accept");
        QTest::newRow("accept") << true;
        QTest::newRow("reject") << false;
    }

    // With the Quote Attribution labels, the quotes rule says who said it (issue 19, point 7):
    // source spans and attributed_to relations, pending, in the same undo step as the quotations;
    // a relation is accepted with the last of its pending ends and removed with a rejected one.
    void attributionsArePendingUntilAccepted()
    {
        AnnotationDocument *document = m_window->document();
        m_window->findChild<QAction *>(QStringLiteral("quote_attribution_labels"))->trigger();
        QVERIFY(document->labels().findRelationLabel(QStringLiteral("attributed_to")));
        QUndoStack *stack = document->undoStack();
        const int before = int(stack->count());
        QSignalSpy finished(m_controller, &SuggestionController::runFinished);
        QVERIFY(m_controller->run(SuggestionRunner::Kind::Quotes));
        QVERIFY(finished.wait(30000));
        QCOMPARE(stack->count(), before + 1);
        QCOMPARE(stack->undoText(), QStringLiteral("Suggest 5 span(s) and their relations with quotes"));

        const AnnotationSet *spans = document->spans();
        QHash<QString, QString> idOf; // text -> id
        for (const Annotation *a : spans->sorted()) {
            idOf.insert(a->text(), a->id);
        }
        const QString chair = idOf.value(QStringLiteral("the chair"));
        const QString trader = idOf.value(QStringLiteral("A trader"));
        const QString open = idOf.value(QStringLiteral("We will open the bridge in May"));
        const QString ready = idOf.value(QStringLiteral("It is ready."));
        QVERIFY(!chair.isEmpty() && !trader.isEmpty() && !open.isEmpty() && !ready.isEmpty());
        QCOMPARE(spans->find(chair)->label, QStringLiteral("source"));
        QCOMPARE(spans->find(chair)->status(), Annotation::Status::Pending);
        QStringList relations;
        for (const Relation &r : spans->relations()) {
            QVERIFY(r.isPending());
            QCOMPARE(r.source, QStringLiteral("rule:quotes"));
            relations.append(spans->find(r.from)->text() + QStringLiteral(" -> ") + spans->find(r.to)->text());
        }
        relations.sort();
        QCOMPARE(relations,
                 (QStringList{QStringLiteral("It is ready. -> the chair"),
                              QStringLiteral("We will open the bridge in May -> the chair"),
                              QStringLiteral("\u6e2f\u306f\u5fd9\u3057\u3044 -> A trader")}));
        const auto relationFrom = [&](const QString &from) {
            for (const Relation &r : spans->relations()) {
                if (r.from == from) {
                    return r;
                }
            }
            return Relation();
        };

        // Accepting the quotation leaves its relation pending while the source is; accepting the
        // source then accepts the relation, in the same step.
        m_window->view()->setCurrentSpan(open);
        QVERIFY(m_controller->acceptCurrent());
        QVERIFY(relationFrom(open).isPending());
        m_window->view()->setCurrentSpan(chair);
        QVERIFY(m_controller->acceptCurrent());
        QVERIFY(!relationFrom(open).isPending());
        QVERIFY(relationFrom(ready).isPending()); // its quotation is still a suggestion
        stack->undo();
        QVERIFY(relationFrom(open).isPending());
        QCOMPARE(spans->find(chair)->status(), Annotation::Status::Pending);
        stack->redo();

        // Rejecting the quotation takes its relation; undo brings both back.
        m_window->view()->setCurrentSpan(ready);
        QVERIFY(m_controller->rejectCurrent());
        QVERIFY(relationFrom(ready).id.isEmpty());
        stack->undo();
        QVERIFY(relationFrom(ready).isPending());

        // The Relations dock accepts a pending relation whose spans are settled.
        m_window->view()->setCurrentSpan(ready);
        QVERIFY(m_controller->acceptCurrent()); // settles it: accepted with its last pending end
        QVERIFY(!relationFrom(ready).isPending());
        stack->undo();
        auto *accepted = new SetSpanStatus(document->spans(), {ready}, Annotation::Status::Accepted);
        stack->push(accepted); // accepted by another way: the relation stays pending
        QVERIFY(relationFrom(ready).isPending());
        auto *list = m_window->findChild<QDockWidget *>(QStringLiteral("RelationsDock"))->findChild<QTreeWidget *>();
        QVERIFY(list);
        QTreeWidgetItem *row = nullptr;
        for (int i = 0; i < list->topLevelItemCount(); ++i) {
            if (list->topLevelItem(i)->data(0, Qt::UserRole).toString() == relationFrom(ready).id) {
                row = list->topLevelItem(i);
            }
        }
        QVERIFY(row);
        QCOMPARE(row->text(0), QStringLiteral("attributed_to (suggested)"));
        QVERIFY(row->toolTip(0).contains(QStringLiteral("rule:quotes")));
        list->setCurrentItem(row);
        list->findChild<QAction *>(QStringLiteral("accept_relation"))->trigger();
        QVERIFY(!relationFrom(ready).isPending());
        QCOMPARE(stack->undoText(), QStringLiteral("Accept 1 relation(s)"));

        // Saved: the pending one says so; gold exports leave it out.
        Diagnostics diagnostics;
        QVERIFY(document->save(diagnostics));
        const auto saved = ScholiastJson::read(ScholiastJson::sidecarPath(m_path), diagnostics);
        QVERIFY(saved);
        QCOMPARE(saved->relations.size(), 3);
        const qsizetype pending = std::count_if(saved->relations.begin(), saved->relations.end(),
                                                [](const Relation &r) { return r.isPending(); });
        QCOMPARE(pending, 1); // the trader's: neither end accepted
    }

    void decidingInACorpusMarksInProgress()
    {
        QFETCH(bool, accept);
        AnnotationDocument *document = m_window->document();
        QSignalSpy finished(m_controller, &SuggestionController::runFinished);
        QVERIFY(m_controller->run(SuggestionRunner::Kind::Quotes));
        QVERIFY(finished.wait(30000));
        document->setInCorpus(true);
        QCOMPARE(int(Corpus::statusOf(document->sidecarFields())), int(Corpus::Status::New));
        const QString first = m_controller->currentSuggestion();
        QVERIFY(!first.isEmpty());
        m_window->view()->setCurrentSpan(first);
        const int steps = int(document->undoStack()->count());
        QVERIFY(accept ? m_controller->acceptCurrent() : m_controller->rejectCurrent());
        QCOMPARE(document->undoStack()->count(), steps + 1);
        QCOMPARE(document->undoStack()->undoText(),
                 accept ? QStringLiteral("Accept suggestion") : QStringLiteral("Reject suggestion"));
        QCOMPARE(int(Corpus::statusOf(document->sidecarFields())), int(Corpus::Status::InProgress));
        document->undoStack()->undo();
        QCOMPARE(int(Corpus::statusOf(document->sidecarFields())), int(Corpus::Status::New));
        QCOMPARE(document->spans()->find(first)->status(), Annotation::Status::Pending);
    }

    void acceptAndRejectByKey()
    {
        AnnotationDocument *document = m_window->document();
        QSignalSpy finished(m_controller, &SuggestionController::runFinished);
        QVERIFY(m_controller->run(SuggestionRunner::Kind::Quotes));
        QVERIFY(finished.wait(30000));
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        AnnotationView *view = m_window->view();
        view->setFocus();

        const QString first = m_controller->currentSuggestion();
        QVERIFY(!first.isEmpty());
        view->setCurrentSpan(first);
        QTest::keyClick(view, Qt::Key_A);
        QCOMPARE(document->spans()->find(first)->status(), Annotation::Status::Accepted);
        QCOMPARE(document->spans()->find(first)->source(), QStringLiteral("rule:quotes")); // provenance kept
        QCOMPARE(document->undoStack()->undoText(), QStringLiteral("Accept suggestion"));
        // The next suggestion became current; R removes it.
        const QString second = view->currentSpan();
        QVERIFY(second != first);
        QCOMPARE(document->spans()->find(second)->status(), Annotation::Status::Pending);
        QTest::keyClick(view, Qt::Key_R);
        QVERIFY(!document->spans()->contains(second));
        QCOMPARE(document->undoStack()->undoText(), QStringLiteral("Reject suggestion"));

        document->undoStack()->undo();
        QCOMPARE(document->spans()->find(second)->status(), Annotation::Status::Pending);
        document->undoStack()->undo();
        QCOMPARE(document->spans()->find(first)->status(), Annotation::Status::Pending);
        // A on a span that is not a suggestion does not change it: it goes to a suggestion.
        view->setCurrentSpan(m_manual);
        QVERIFY(m_controller->currentSuggestion() != m_manual);
    }

    // A sidecar git merged with conflicts opens, shows them, and A / R settle them as undo steps.
    void mergeConflictsByKey()
    {
        const QString path = m_dir->filePath(QStringLiteral("merged.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(Article.toUtf8());
        file.close();
        const Document text = Document::fromText(Article, QStringLiteral("merged.txt"));
        const auto spanOver = [&](const QString &needle, const QString &label, const QString &id) {
            const qsizetype at = Article.indexOf(needle);
            const qint64 start = QStringView(Article).left(at).toUcs4().size();
            return Testing::withId(
                Testing::withText(Annotation(CodePoint(start), CodePoint(start + needle.toUcs4().size()), label),
                                  needle),
                id);
        };
        ScholiastJson::Sidecar base;
        base.documentName = QStringLiteral("merged.txt");
        base.documentSha256 = text.sha256();
        base.documentLength = text.length();
        base.labels = LabelSchema::defaultSchema();
        base.annotations = {
            spanOver(QStringLiteral("Share this article"), QStringLiteral("boilerplate"), QStringLiteral("s1")),
            spanOver(QStringLiteral("It is ready."), QStringLiteral("quote"), QStringLiteral("s2"))};
        ScholiastJson::Sidecar ours = base;
        ours.annotations[0].label = QStringLiteral("claim");
        ours.annotations[1].setNote(QStringLiteral("the chair"));
        ScholiastJson::Sidecar theirs = base;
        theirs.annotations[0].label = QStringLiteral("quote");
        theirs.annotations.removeLast();
        ThreeWayMerge::Result merged = ThreeWayMerge::merge(base, ours, theirs);
        QCOMPARE(merged.spanConflicts, 2);
        merged.merged.document = text;
        Diagnostics diagnostics;
        QVERIFY(ScholiastJson::write(ScholiastJson::sidecarPath(path), merged.merged, diagnostics));

        m_window->document()->undoStack()->setClean();
        QVERIFY(m_window->openFile(path));
        AnnotationDocument *document = m_window->document();
        QCOMPARE(document->spans()->size(), 3); // s1 in two versions, s2 noted here and removed there
        auto *conflicts = m_window->findChild<ConflictController *>();
        QVERIFY(conflicts);
        QCOMPARE(conflicts->count(), 2);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        AnnotationView *view = m_window->view();
        view->setFocus();

        // The first conflict in the text is s2 (noted here, removed there): A keeps it as it was.
        QVERIFY(m_window->action(QStringLiteral("next_merge_conflict"))->isEnabled());
        m_window->action(QStringLiteral("next_merge_conflict"))->trigger();
        QCOMPARE(view->currentSpan(), QStringLiteral("s2"));
        QTest::keyClick(view, Qt::Key_A);
        QCOMPARE(document->spans()->find(QStringLiteral("s2"))->status(), Annotation::Status::Unset);
        QCOMPARE(document->spans()->find(QStringLiteral("s2"))->note(), QStringLiteral("the chair"));
        QVERIFY(!document->spans()->find(QStringLiteral("s2"))->extraFields().contains(u"x-merge"));
        QCOMPARE(conflicts->count(), 1);
        // The next is s1: theirs is dropped with R, then the one left kept with A.
        QCOMPARE(ThreeWayMerge::conflictGroup(*document->spans()->find(view->currentSpan())), QStringLiteral("s1"));
        view->setCurrentSpan(QStringLiteral("s1~theirs"));
        QTest::keyClick(view, Qt::Key_R);
        QVERIFY(!document->spans()->contains(QStringLiteral("s1~theirs")));
        QCOMPARE(view->currentSpan(), QStringLiteral("s1"));
        QTest::keyClick(view, Qt::Key_A);
        QCOMPARE(document->spans()->size(), 2);
        QCOMPARE(document->spans()->find(QStringLiteral("s1"))->label, QStringLiteral("claim"));
        QCOMPARE(document->spans()->find(QStringLiteral("s1"))->status(), Annotation::Status::Unset);
        QCOMPARE(conflicts->count(), 0);
        // Each decision is one undo step.
        document->undoStack()->undo();
        QCOMPARE(document->spans()->find(QStringLiteral("s1"))->status(), Annotation::Status::Conflict);
        document->undoStack()->undo();
        QCOMPARE(document->spans()->find(QStringLiteral("s1~theirs"))->label, QStringLiteral("quote"));
        document->undoStack()->undo();
        QCOMPARE(conflicts->count(), 2);
        QCOMPARE(document->spans()->size(), 3);
    }

    void acceptAllAboveScoreIsOneStep()
    {
        AnnotationDocument *document = m_window->document();
        QSignalSpy finished(m_controller, &SuggestionController::runFinished);
        QVERIFY(m_controller->run(SuggestionRunner::Kind::Boilerplate));
        QVERIFY(finished.wait(30000));
        QVERIFY(m_controller->run(SuggestionRunner::Kind::Quotes));
        QVERIFY(finished.wait(30000));
        QCOMPARE(m_controller->pendingSources(),
                 (QStringList{QStringLiteral("rule:boilerplate"), QStringLiteral("rule:quotes")}));
        const int pending = pendingCount(document);
        const int steps = document->undoStack()->count();
        // breadcrumb 0.85, byline 0.8, share 0.9, copyright 0.95: three at 0.85 or more
        QCOMPARE(m_controller->acceptAll(QStringLiteral("rule:boilerplate"), 0.85), 3);
        QCOMPARE(document->undoStack()->count(), steps + 1);
        QCOMPARE(pendingCount(document), pending - 3);
        for (const Annotation *a : document->spans()->sorted()) {
            if (a->status() == Annotation::Status::Accepted && a->id != m_manual) {
                QCOMPARE(a->source(), QStringLiteral("rule:boilerplate"));
                QVERIFY(*a->score() >= 0.85);
            }
        }
        document->undoStack()->undo();
        QCOMPARE(pendingCount(document), pending);
    }

    void modelCommandAndFailures()
    {
        AnnotationDocument *document = m_window->document();
        QSignalSpy finished(m_controller, &SuggestionController::runFinished);
        const QString models = QStringLiteral(SCHOLIAST_MODELS);
        QVERIFY(m_controller->run(SuggestionRunner::Kind::Model,
                                  QStringLiteral(SCHOLIAST_PYTHON " ") + models + QStringLiteral("/good.py")));
        QVERIFY(finished.wait(60000));
        QVERIFY(finished.last().first().value<qsizetype>() > 0);
        for (const Annotation *a : document->spans()->sorted()) {
            if (a->status() == Annotation::Status::Pending) {
                QCOMPARE(a->source(), QStringLiteral("model:good"));
                QCOMPARE(document->document().slice(a->start, a->end).toString(), a->text());
            }
        }
        const int steps = document->undoStack()->count();
        const qsizetype spans = document->spans()->size();
        QVERIFY(m_controller->run(SuggestionRunner::Kind::Model,
                                  QStringLiteral(SCHOLIAST_PYTHON " ") + models + QStringLiteral("/outofrange.py")));
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.last().first().value<qsizetype>(), 0);
        QCOMPARE(document->undoStack()->count(), steps);
        QCOMPARE(document->spans()->size(), spans);
        QTRY_VERIFY(m_window->findChild<QMessageBox *>(QStringLiteral("suggest_error")));
        auto *box = m_window->findChild<QMessageBox *>(QStringLiteral("suggest_error"));
        QVERIFY2(box->informativeText().contains(QStringLiteral("harbour.txt: error: model command")),
                 qPrintable(box->informativeText()));
        QVERIFY(box->informativeText().contains(QStringLiteral("is past the document")));
        box->close();

        // A model that hangs is cancelled with the Cancel button; nothing is added.
        QVERIFY(m_controller->run(SuggestionRunner::Kind::Model,
                                  QStringLiteral(SCHOLIAST_PYTHON " ") + models + QStringLiteral("/hang.py")));
        auto *cancel = m_window->findChild<QPushButton *>(QStringLiteral("suggest_cancel"));
        QVERIFY(cancel);
        QTRY_VERIFY(m_controller->runner()->isRunning());
        cancel->click();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.last().first().value<qsizetype>(), 0);
        QCOMPARE(document->spans()->size(), spans);
        QCOMPARE(document->undoStack()->count(), steps);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
    SuggestionController *m_controller = nullptr;
    QString m_path;
    QString m_manual;
};

QTEST_MAIN(SuggestTest)
#include "suggest_test.moc"
