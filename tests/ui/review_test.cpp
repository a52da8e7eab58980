// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Read-only layers and review mode through the real window with QTest (offscreen): layers load
// with the document and toggle, review classifies overlapping and nested spans into the five
// kinds, F8 / Shift+F8 step in document order, and accept / keep / fix are one undo step each
// with provenance that reaches the saved sidecar.

#include "testhelpers.h"
#include "editing/annotationdocument.h"
#include "annotationset.h"
#include "view/annotationview.h"
#include "view/layerpainter.h"
#include "editing/layerset.h"
#include "mainwindow.h"
#include "metrics/review.h"
#include "commands/reviewcommands.h"
#include "review/reviewcontroller.h"
#include "review/reviewdock.h"
#include "editing/reviewmodel.h"
#include "formats/scholiastjson.h"
#include "testspans.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListView>
#include <QRandomGenerator>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace Scholiast;
using Metrics::ReviewKind;

namespace {

// Our own news-like fixture with an emoji, CJK and a CRLF line end, so that code points,
// UTF-16 and bytes all differ.
const QString Text = QStringLiteral("Harbour vote: the council said the bridge costs 41 million euros. "
                                    "“We will build it,” said the mayor 🌉. 東雲 reported growth.\r\n"
                                    "Share this article\r\n");

struct SpanSpec
{
    const char *text;
    const char *label;
    const char *id;
};

// Gold, the editable sidecar.
const SpanSpec Gold[] = {
    {"the council said the bridge costs 41 million euros", "claim", "g1"},
    {"We will build it", "quote", "g2"},
    {"東雲 reported growth", "claim", "g3"},
    {"Share this article", "boilerplate", "g4"},
};
// A model's predictions: exact, label mismatch, boundary mismatch, spurious; g3 is missed.
const SpanSpec Model[] = {
    {"Harbour vote", "quote", "m1"},
    {"the council said the bridge costs 41 million euros", "claim", "m2"},
    {"We will build it", "claim", "m3"},
    {"Share this", "boilerplate", "m4"},
};

Annotation makeSpan(const Document &document, const SpanSpec &spec)
{
    const QString text = QString::fromUtf8(spec.text);
    const qsizetype at = Testing::indexOrFail(Text, text);
    const qint64 start = document.toCodePoint(Utf16Index(at)).value;
    const qint64 end = document.toCodePoint(Utf16Index(at + text.size())).value;
    return Testing::withId(
        Testing::withText(Annotation(CodePoint(start), CodePoint(end), QString::fromLatin1(spec.label)), text),
        QString::fromLatin1(spec.id));
}

bool writeSidecar(const QString &path, const Document &document, const QList<Annotation> &spans)
{
    AnnotationSet set;
    set.reset(spans);
    Diagnostics diagnostics;
    return ScholiastJson::write(path, ScholiastJson::makeSidecar(document, LabelSchema::defaultSchema(), set),
                                diagnostics);
}

QJsonArray savedAnnotations(const QString &sidecar)
{
    QFile file(sidecar);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("annotations")).toArray();
}

QList<Annotation> spansOf(const AnnotationSet *set)
{
    QList<Annotation> spans;
    for (const Annotation *a : set->sorted()) {
        spans.append(*a);
    }
    return spans;
}

QList<Annotation> fromRanges(const QList<std::tuple<int, int, QString>> &ranges, const QString &prefix)
{
    QList<Annotation> spans;
    int n = 0;
    for (const auto &[start, end, label] : ranges) {
        spans.append(
            Testing::withId(Annotation(CodePoint(start), CodePoint(end), label), prefix + QString::number(++n)));
    }
    return spans;
}

} // namespace

class ReviewTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void layersLoadAndToggle();
    void unreadableLayerDoesNotBlock();
    void importAsLayer();
    void classify_data();
    void classify();
    void windowsAgreeWithWholeComparison();
    void stepsInDocumentOrder();
    void decisions_data();
    void decisions();
    void provenanceReachesSidecar();
    void reviewFollowsEdits();
    void editableAsCandidate();
    void dockFollowsDecisions();
    void listGoesToItsRow();
    void longTextsElidedAtAWord();
    void legendRowsNotClipped();
    void relationDisagreements();

private:
    void openFixture();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
    QString m_path;
};

void ReviewTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("ScholiastReviewTest"));
}

void ReviewTest::init()
{
    // A name is asked for once before the first span is tagged; the tests give one up front.
    QSettings().setValue(QLatin1String(ReviewController::AnnotatorKey), QStringLiteral("Tester"));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("harbour.txt"));
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(Text.toUtf8());
    file.close();
    Diagnostics diagnostics;
    const auto document = Document::load(m_path, diagnostics);
    QVERIFY(document);
    QList<Annotation> gold;
    for (const SpanSpec &spec : Gold) {
        gold.append(makeSpan(*document, spec));
    }
    QList<Annotation> model;
    for (const SpanSpec &spec : Model) {
        model.append(makeSpan(*document, spec));
    }
    QVERIFY(writeSidecar(ScholiastJson::sidecarPath(m_path), *document, gold));
    QVERIFY(writeSidecar(layerSidecarPath(m_path, QStringLiteral("model")), *document, model));
}

void ReviewTest::cleanup()
{
    if (m_window && m_window->document()) {
        m_window->document()->undoStack()->setClean(); // no save prompt on close
    }
    m_window.reset();
    m_dir.reset();
    QSettings().remove(QLatin1String(ReviewController::AnnotatorKey));
}

void ReviewTest::openFixture()
{
    m_window = std::make_unique<MainWindow>();
    m_window->setRecoveryPolicy(MainWindow::RecoveryPolicy::Ignore);
    m_window->resize(1000, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QVERIFY(m_window->openFile(m_path));
    QVERIFY(m_window->document());
}

void ReviewTest::layersLoadAndToggle()
{
    openFixture();
    ReviewController *review = m_window->reviewController();
    QCOMPARE(review->layers()->names(), QStringList{QStringLiteral("model")});
    QCOMPARE(review->layers()->spans(QStringLiteral("model"))->size(), qsizetype(std::size(Model)));
    QVERIFY(review->layers()->isVisible(QStringLiteral("model")));
    QVERIFY(m_window->bannerText().isEmpty());

    // The layer's span shows in the tool tip with the layer's name; hidden, it does not.
    const Annotation *spurious = review->layers()->spans(QStringLiteral("model"))->find(QStringLiteral("m1"));
    QVERIFY(spurious);
    QVERIFY(review->painter()->toolTip(spurious->start).contains(QStringLiteral("model")));

    // View > Layers: one checkable action per layer, reachable from the menu by keyboard.
    QAction *toggle = m_window->findChild<QAction *>(QStringLiteral("layer_model"));
    QVERIFY(toggle);
    QVERIFY(toggle->isCheckable());
    QVERIFY(toggle->isChecked());
    QVERIFY(toggle->text().startsWith(u'&'));
    toggle->trigger();
    QVERIFY(!review->layers()->isVisible(QStringLiteral("model")));
    QVERIFY(review->painter()->toolTip(spurious->start).isEmpty());
    toggle->trigger();
    QVERIFY(review->layers()->isVisible(QStringLiteral("model")));

    // Layers never reach the editable spans or the undo stack.
    QCOMPARE(m_window->document()->spans()->size(), qsizetype(std::size(Gold)));
    QCOMPARE(m_window->document()->undoStack()->count(), 0);
}

void ReviewTest::unreadableLayerDoesNotBlock()
{
    const QString broken = layerSidecarPath(m_path, QStringLiteral("broken"));
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"format\": \"scholiast\", \"version\": 1, \"annotations\": [");
    file.close();
    openFixture();
    QCOMPARE(m_window->reviewController()->layers()->names(), QStringList{QStringLiteral("model")});
    QVERIFY2(m_window->bannerText().contains(QStringLiteral("harbour.txt.broken.scholiast.json")),
             qPrintable(m_window->bannerText()));
    QCOMPARE(m_window->document()->spans()->size(), qsizetype(std::size(Gold)));
}

void ReviewTest::importAsLayer()
{
    openFixture();
    // A JSONL file another tool wrote for this document, imported as a layer, not as spans.
    const QString jsonl = m_dir->filePath(QStringLiteral("predictions.jsonl"));
    QFile file(jsonl);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QJsonObject span;
    span.insert(QStringLiteral("id"), QStringLiteral("t1"));
    span.insert(QStringLiteral("start"), 0);
    span.insert(QStringLiteral("end"), 12);
    span.insert(QStringLiteral("label"), QStringLiteral("quote"));
    span.insert(QStringLiteral("text"), QStringLiteral("Harbour vote"));
    QJsonObject record;
    record.insert(QStringLiteral("id"), QStringLiteral("harbour.txt"));
    record.insert(QStringLiteral("text"), Text);
    record.insert(QStringLiteral("spans"), QJsonArray{span});
    file.write(QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n');
    file.close();
    const qsizetype added = m_window->importAnnotations(jsonl, QStringLiteral("jsonl"), true, QStringLiteral("tagger"));
    QCOMPARE(added, qsizetype(1));
    QVERIFY(m_window->reviewController()->layers()->contains(QStringLiteral("tagger")));
    QCOMPARE(m_window->reviewController()->layers()->spans(QStringLiteral("tagger"))->size(), qsizetype(1));
    QCOMPARE(m_window->document()->spans()->size(), qsizetype(std::size(Gold)));
    QCOMPARE(m_window->document()->undoStack()->count(), 0);
}

void ReviewTest::classify_data()
{
    using Ranges = QList<std::tuple<int, int, QString>>;
    QTest::addColumn<Ranges>("reference");
    QTest::addColumn<Ranges>("candidate");
    // The kind of each spot in document order, as reviewKindName()s joined with spaces.
    QTest::addColumn<QString>("kinds");
    const QString c = QStringLiteral("claim");
    const QString q = QStringLiteral("quote");
    QTest::newRow("exact") << Ranges{{0, 10, c}} << Ranges{{0, 10, c}} << QStringLiteral("exact-match");
    QTest::newRow("label") << Ranges{{0, 10, c}} << Ranges{{0, 10, q}} << QStringLiteral("label-mismatch");
    QTest::newRow("overlap same label") << Ranges{{0, 10, c}} << Ranges{{5, 15, c}}
                                        << QStringLiteral("boundary-mismatch");
    QTest::newRow("nested same label") << Ranges{{0, 20, c}} << Ranges{{5, 10, c}}
                                       << QStringLiteral("boundary-mismatch");
    QTest::newRow("nested other label") << Ranges{{0, 20, c}} << Ranges{{5, 10, q}}
                                        << QStringLiteral("missed spurious");
    QTest::newRow("overlap other label") << Ranges{{0, 10, c}} << Ranges{{5, 15, q}}
                                         << QStringLiteral("missed spurious");
    QTest::newRow("missed") << Ranges{{0, 10, c}} << Ranges{} << QStringLiteral("missed");
    QTest::newRow("spurious") << Ranges{} << Ranges{{3, 8, q}} << QStringLiteral("spurious");
    QTest::newRow("touching is not overlapping")
        << Ranges{{0, 10, c}} << Ranges{{10, 20, c}} << QStringLiteral("missed spurious");
    // A quote nested in a claim in both layers: the claim matches exactly, the quote by overlap.
    QTest::newRow("nested pair") << Ranges{{0, 40, c}, {10, 20, q}} << Ranges{{0, 40, c}, {12, 20, q}}
                                 << QStringLiteral("exact-match boundary-mismatch");
    // Two candidates overlap one reference span: one pairs, the other is spurious.
    QTest::newRow("two over one") << Ranges{{0, 20, c}} << Ranges{{0, 8, c}, {10, 30, c}}
                                  << QStringLiteral("boundary-mismatch spurious");
    QTest::newRow("all five") << Ranges{{0, 5, c}, {10, 15, c}, {20, 25, c}, {30, 35, c}}
                              << Ranges{{0, 5, c}, {10, 15, q}, {20, 27, c}, {40, 45, q}}
                              << QStringLiteral("exact-match label-mismatch boundary-mismatch missed spurious");
}

void ReviewTest::classify()
{
    using Ranges = QList<std::tuple<int, int, QString>>;
    QFETCH(Ranges, reference);
    QFETCH(Ranges, candidate);
    QFETCH(QString, kinds);
    AnnotationSet ref;
    AnnotationSet cand;
    ref.reset(fromRanges(reference, QStringLiteral("r")));
    cand.reset(fromRanges(candidate, QStringLiteral("c")));
    ReviewModel model;
    model.setSources(&ref, &cand);
    QStringList names;
    for (const ReviewSpot &spot : model.classify(CodePoint(0), CodePoint(100))) {
        names.append(Metrics::reviewKindName(spot.kind));
    }
    QCOMPARE(names.join(u' '), kinds);
}

void ReviewTest::windowsAgreeWithWholeComparison()
{
    // Random overlapping and nested spans: every window's spots are those of the whole comparison.
    QRandomGenerator random(20261127);
    const QStringList labels{QStringLiteral("claim"), QStringLiteral("quote")};
    QList<Annotation> reference;
    QList<Annotation> candidate;
    for (int i = 0; i < 400; ++i) {
        const int start = int(random.bounded(2000));
        reference.append(Testing::withId(Annotation(CodePoint(start), CodePoint(start + 1 + int(random.bounded(30))),
                                                    labels[int(random.bounded(2))]),
                                         QStringLiteral("r%1").arg(i)));
        const int shift = int(random.bounded(7)) - 3;
        const Annotation &r = reference.last();
        if (random.bounded(4) != 0) {
            candidate.append(Testing::withId(
                Annotation(std::max(CodePoint(0), r.start + shift), r.end + (random.bounded(3) == 0 ? shift : 0),
                           random.bounded(5) == 0 ? labels[int(random.bounded(2))] : r.label),
                QStringLiteral("c%1").arg(i)));
        }
    }
    AnnotationSet ref;
    AnnotationSet cand;
    ref.reset(reference);
    cand.reset(candidate);
    ReviewModel model;
    model.setSources(&ref, &cand);

    const Metrics::Review whole = Metrics::Review::compare(spansOf(&ref), spansOf(&cand));
    const QList<Annotation> refList = spansOf(&ref);
    const QList<Annotation> candList = spansOf(&cand);
    QHash<QString, ReviewKind> kindById;
    for (qsizetype i = 0; i < refList.size(); ++i) {
        kindById.insert(refList[i].id, whole.referenceKind(i));
    }
    for (qsizetype i = 0; i < candList.size(); ++i) {
        kindById.insert(candList[i].id, whole.candidateKind(i));
    }
    for (int from = 0; from < 2100; from += 97) {
        for (const ReviewSpot &spot : model.classify(CodePoint(from), CodePoint(from + 150))) {
            if (spot.reference) {
                QCOMPARE(int(spot.kind), int(kindById.value(spot.reference->id)));
            }
            if (spot.candidate) {
                QCOMPARE(int(spot.kind), int(kindById.value(spot.candidate->id)));
            }
        }
    }
    // F8 from the start visits exactly the whole comparison's disagreements, in order.
    std::optional<ReviewSpot> at;
    qsizetype visited = 0;
    while (const auto next = model.adjacentDisagreement(at, CodePoint(0), 1, 2100)) {
        QVERIFY(!at || at->isBefore(*next));
        at = next;
        ++visited;
    }
    QCOMPARE(visited, qsizetype(whole.disagreements().size()));
    // And Shift+F8 from the end the same ones backwards.
    at.reset();
    visited = 0;
    while (const auto previous = model.adjacentDisagreement(at, CodePoint(2100), -1, 2100)) {
        QVERIFY(!at || previous->isBefore(*at));
        at = previous;
        ++visited;
    }
    QCOMPARE(visited, qsizetype(whole.disagreements().size()));
}

void ReviewTest::stepsInDocumentOrder()
{
    openFixture();
    ReviewController *review = m_window->reviewController();
    QAction *mode = m_window->action(QStringLiteral("review_mode"));
    QVERIFY(mode && mode->isEnabled());
    // The dock's defaults: the editable spans as reference, the first layer as candidate.
    QCOMPARE(m_window->reviewDock()->referenceChoice(), QString());
    QCOMPARE(m_window->reviewDock()->candidateChoice(), QStringLiteral("model"));
    mode->trigger();
    QVERIFY(review->isReviewing());
    QVERIFY(m_window->reviewDock()->isVisible());
    m_window->view()->setFocus();

    const QList<ReviewKind> expected{ReviewKind::Spurious, ReviewKind::LabelMismatch, ReviewKind::Missed,
                                     ReviewKind::BoundaryMismatch};
    QList<qint64> starts;
    for (const ReviewKind kind : expected) {
        QTest::keyClick(m_window->view(), Qt::Key_F8);
        QVERIFY(review->currentSpot());
        QCOMPARE(int(review->currentSpot()->kind), int(kind));
        starts.append(review->currentSpot()->start.value);
        QCOMPARE(m_window->view()->cursorPosition().value, review->currentSpot()->start.value);
    }
    QVERIFY(std::is_sorted(starts.begin(), starts.end()));
    // The editable span of the boundary mismatch is current, ready for a resize.
    QCOMPARE(m_window->view()->currentSpan(), QStringLiteral("g4"));
    QVERIFY(m_window->reviewDock()->currentText().contains(QStringLiteral("Boundary mismatch")));
    // At the end F8 stays; Shift+F8 goes back through the same ones.
    QTest::keyClick(m_window->view(), Qt::Key_F8);
    QCOMPARE(int(review->currentSpot()->kind), int(ReviewKind::BoundaryMismatch));
    for (qsizetype i = expected.size() - 2; i >= 0; --i) {
        QTest::keyClick(m_window->view(), Qt::Key_F8, Qt::ShiftModifier);
        QCOMPARE(int(review->currentSpot()->kind), int(expected[i]));
        QCOMPARE(review->currentSpot()->start.value, starts[i]);
    }
    // Review with the roles swapped: what was missed is now spurious.
    m_window->reviewDock()->referenceBox()->setCurrentIndex(1);
    m_window->reviewDock()->candidateBox()->setCurrentIndex(0);
    QCOMPARE(review->referenceName(), QStringLiteral("model"));
    QCOMPARE(review->candidateName(), QString());
    m_window->view()->setCursorPosition(CodePoint(0));
    QTest::keyClick(m_window->view(), Qt::Key_F8);
    QCOMPARE(int(review->currentSpot()->kind), int(ReviewKind::Missed));
    mode->trigger();
    QVERIFY(!review->isReviewing());
}

void ReviewTest::decisions_data()
{
    QTest::addColumn<int>("steps"); // F8 presses to reach the disagreement
    QTest::addColumn<QString>("action"); // the action's object name
    QTest::addColumn<int>("countDelta"); // editable spans after minus before
    QTest::addColumn<QString>("resultText"); // the span the decision leaves; empty when removed
    QTest::addColumn<QString>("resultLabel");
    QTest::addColumn<QString>("decision"); // x-review's decision; empty when nothing is stamped

    QTest::newRow("accept spurious") << 1 << "accept_candidate" << 1 << "Harbour vote"
                                     << "quote"
                                     << "accept-candidate";
    QTest::newRow("accept label mismatch") << 2 << "accept_candidate" << 0 << "We will build it"
                                           << "claim"
                                           << "accept-candidate";
    QTest::newRow("accept missed") << 3 << "accept_candidate" << -1 << ""
                                   << ""
                                   << "";
    QTest::newRow("accept boundary mismatch") << 4 << "accept_candidate" << 0 << "Share this"
                                              << "boilerplate"
                                              << "accept-candidate";
    QTest::newRow("keep label mismatch") << 2 << "keep_reference" << 0 << "We will build it"
                                         << "quote"
                                         << "keep-reference";
    QTest::newRow("keep missed") << 3 << "keep_reference" << 0 << "東雲 reported growth"
                                 << "claim"
                                 << "keep-reference";
    QTest::newRow("keep boundary mismatch") << 4 << "keep_reference" << 0 << "Share this article"
                                            << "boilerplate"
                                            << "keep-reference";
    QTest::newRow("fix spurious") << 1 << "fix_by_hand" << 1 << "Harbour vote"
                                  << "quote"
                                  << "fix";
    QTest::newRow("fix boundary mismatch") << 4 << "fix_by_hand" << 0 << "Share this article"
                                           << "boilerplate"
                                           << "fix";
}

void ReviewTest::decisions()
{
    QFETCH(int, steps);
    QFETCH(QString, action);
    QFETCH(int, countDelta);
    QFETCH(QString, resultText);
    QFETCH(QString, resultLabel);
    QFETCH(QString, decision);
    QSettings().setValue(QLatin1String(ReviewController::AnnotatorKey), QStringLiteral("Róisín"));
    openFixture();
    AnnotationSet *spans = m_window->document()->spans();
    QUndoStack *stack = m_window->document()->undoStack();
    const QList<Annotation> before = spansOf(spans);
    m_window->action(QStringLiteral("review_mode"))->trigger();
    m_window->view()->setFocus();
    for (int i = 0; i < steps; ++i) {
        QTest::keyClick(m_window->view(), Qt::Key_F8);
    }
    QVERIFY(m_window->action(action)->isEnabled());
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-1);
    m_window->action(action)->trigger();

    QCOMPARE(stack->count(), 1); // one undo step
    QCOMPARE(spans->size(), before.size() + countDelta);
    const QList<Annotation> after = spansOf(spans);
    if (!resultText.isEmpty()) {
        const auto *command = dynamic_cast<const ReviewDecision *>(stack->command(0));
        QVERIFY(command);
        const Annotation *result = spans->find(command->resultId());
        QVERIFY(result);
        QCOMPARE(result->text(), resultText);
        QCOMPARE(result->label, resultLabel);
        QCOMPARE(result->annotator(), QStringLiteral("Róisín"));
        QVERIFY(result->modified() >= start);
        const QJsonObject review = result->extraFields().value(QStringLiteral("x-review")).toObject();
        QCOMPARE(review.value(QStringLiteral("decision")).toString(), decision);
        QCOMPARE(review.value(QStringLiteral("by")).toString(), QStringLiteral("Róisín"));
        QCOMPARE(review.value(QStringLiteral("candidate")).toString(), QStringLiteral("model"));
        QCOMPARE(review.value(QStringLiteral("reference")).toString(), QString());
        const QDateTime at = QDateTime::fromString(review.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
        QVERIFY(at.isValid());
        QCOMPARE(at.timeSpec(), Qt::UTC);
    }
    QVERIFY(!stack->undoText().isEmpty());
    stack->undo();
    QCOMPARE(spansOf(spans), before);
    stack->redo();
    QCOMPARE(spansOf(spans), after);
}

void ReviewTest::provenanceReachesSidecar()
{
    QSettings().setValue(QLatin1String(ReviewController::AnnotatorKey), QStringLiteral("Ada"));
    openFixture();
    m_window->action(QStringLiteral("review_mode"))->trigger();
    m_window->view()->setFocus();
    QTest::keyClick(m_window->view(), Qt::Key_F8);
    QTest::keyClick(m_window->view(), Qt::Key_F8); // the label mismatch
    QTest::keyClick(m_window->view(), Qt::Key_A, Qt::ControlModifier | Qt::AltModifier);
    QCOMPARE(m_window->document()->undoStack()->count(), 1);
    // Keeping the reference against a spurious span of a read-only layer changes nothing.
    QTest::keyClick(m_window->view(), Qt::Key_F8, Qt::ShiftModifier);
    QCOMPARE(int(m_window->reviewController()->currentSpot()->kind), int(ReviewKind::Spurious));
    QTest::keyClick(m_window->view(), Qt::Key_K, Qt::ControlModifier | Qt::AltModifier);
    QCOMPARE(m_window->document()->undoStack()->count(), 1);
    QVERIFY(m_window->save());

    const QJsonArray saved = savedAnnotations(ScholiastJson::sidecarPath(m_path));
    QCOMPARE(saved.size(), qsizetype(std::size(Gold)));
    QJsonObject decided;
    for (const QJsonValue &value : saved) {
        if (value.toObject().value(QStringLiteral("id")).toString() == u"g2") {
            decided = value.toObject();
        }
    }
    QCOMPARE(decided.value(QStringLiteral("label")).toString(), QStringLiteral("claim"));
    QCOMPARE(decided.value(QStringLiteral("annotator")).toString(), QStringLiteral("Ada"));
    QVERIFY(decided.contains(QStringLiteral("modified")));
    const QJsonObject review = decided.value(QStringLiteral("x-review")).toObject();
    QCOMPARE(review.value(QStringLiteral("decision")).toString(), QStringLiteral("accept-candidate"));
    QCOMPARE(review.value(QStringLiteral("kind")).toString(), QStringLiteral("label-mismatch"));
    QCOMPARE(review.value(QStringLiteral("by")).toString(), QStringLiteral("Ada"));
    // The layer's file is never written.
    Diagnostics diagnostics;
    const auto layer = ScholiastJson::read(layerSidecarPath(m_path, QStringLiteral("model")), diagnostics);
    QVERIFY(layer);
    QCOMPARE(layer->annotations.size(), qsizetype(std::size(Model)));
}

void ReviewTest::reviewFollowsEdits()
{
    openFixture();
    ReviewController *review = m_window->reviewController();
    QVERIFY(review->startReview(QString(), QStringLiteral("model")));
    const Annotation *m1 = review->layers()->spans(QStringLiteral("model"))->find(QStringLiteral("m1"));
    QVERIFY(m1);
    const qint64 start = m1->start.value;
    const qint64 end = m1->end.value;
    auto kindAt = [&](qint64 offset) {
        const auto spots = review->model()->classify(CodePoint(offset), CodePoint(offset + 1));
        return spots.empty() ? -1 : int(spots.front().kind);
    };
    QCOMPARE(kindAt(start), int(ReviewKind::Spurious));
    // Tagging the same range by hand turns the spurious span into an exact match at once.
    m_window->view()->setSelection(CodePoint(start), CodePoint(end));
    m_window->applyLabel(QStringLiteral("quote"));
    QCOMPARE(kindAt(start), int(ReviewKind::ExactMatch));
    m_window->document()->undoStack()->undo();
    QCOMPARE(kindAt(start), int(ReviewKind::Spurious));
    // The window repaints with review on (nothing else to assert about pixels here).
    m_window->view()->viewport()->repaint();
}

void ReviewTest::editableAsCandidate()
{
    // Decisions land in the editable layer whichever side it is on.
    openFixture();
    ReviewController *review = m_window->reviewController();
    QVERIFY(review->startReview(QStringLiteral("model"), QString()));
    m_window->view()->setCursorPosition(CodePoint(0));
    QVERIFY(review->step(1)); // "Harbour vote": only in the model, so missed from the editable side
    QCOMPARE(int(review->currentSpot()->kind), int(ReviewKind::Missed));
    QVERIFY(review->decide(ReviewDecision::Decision::KeepReference));
    QCOMPARE(m_window->document()->spans()->size(), qsizetype(std::size(Gold)) + 1);
    // A decision moves on to the next open disagreement: the label mismatch; keep the model's label.
    QCOMPARE(int(review->currentSpot()->kind), int(ReviewKind::LabelMismatch));
    QVERIFY(review->decide(ReviewDecision::Decision::KeepReference));
    QCOMPARE(m_window->document()->spans()->find(QStringLiteral("g2"))->label, QStringLiteral("claim"));
    // 東雲…: spurious on the editable side; keeping the reference removes it.
    QCOMPARE(int(review->currentSpot()->kind), int(ReviewKind::Spurious));
    QVERIFY(review->decide(ReviewDecision::Decision::KeepReference));
    QVERIFY(!m_window->document()->spans()->contains(QStringLiteral("g3")));
    QCOMPARE(m_window->document()->undoStack()->count(), 3);
}

void ReviewTest::dockFollowsDecisions()
{
    // Issue 18 item 7: after Accept the dock still showed the decided mismatch, and the view its
    // frame. Now the decided row is ticked and greyed, and the current one moves on.
    openFixture();
    ReviewController *review = m_window->reviewController();
    ReviewDock *dock = m_window->reviewDock();
    m_window->action(QStringLiteral("review_mode"))->trigger();
    m_window->view()->setFocus();
    QListView *list = dock->list();
    const auto row = [list](int r) { return list->model()->index(r, 0); };
    QCOMPARE(list->model()->rowCount(), 4);
    QCOMPARE(dock->positionText(), QStringLiteral("4 disagreement(s) · 0 resolved"));
    QTest::keyClick(m_window->view(), Qt::Key_F8);
    QTest::keyClick(m_window->view(), Qt::Key_F8); // the label mismatch, g2 against m3
    QCOMPARE(dock->positionText(), QStringLiteral("Disagreement 2 of 4 · 0 resolved"));
    QCOMPARE(list->currentIndex().row(), 1);
    const ReviewSpot decided = *review->currentSpot();

    m_window->action(QStringLiteral("accept_candidate"))->trigger();
    // On to the next open one, the missed span: the frame, the text and the list follow.
    QCOMPARE(int(review->currentSpot()->kind), int(ReviewKind::Missed));
    QVERIFY(review->painter()->currentSpot());
    QVERIFY(review->painter()->currentSpot()->sameAs(*review->currentSpot()));
    QVERIFY(!review->painter()->currentSpot()->sameAs(decided));
    QVERIFY2(dock->currentText().contains(QStringLiteral("Missed")), qPrintable(dock->currentText()));
    QVERIFY(!dock->currentText().contains(QStringLiteral("Label mismatch")));
    QCOMPARE(dock->positionText(), QStringLiteral("Disagreement 3 of 4 · 1 resolved"));
    QCOMPARE(list->currentIndex().row(), 2);
    QCOMPARE(m_window->view()->currentSpan(), QStringLiteral("g3"));
    QCOMPARE(m_window->view()->cursorPosition(), review->currentSpot()->start);
    QVERIFY(row(1).data(ReviewDock::ResolvedRole).toBool());
    QVERIFY2(row(1).data().toString().startsWith(QStringLiteral("✓ Label mismatch")),
             qPrintable(row(1).data().toString()));
    QCOMPARE(row(1).data(Qt::ForegroundRole).value<QColor>(), QPalette().color(QPalette::Disabled, QPalette::Text));
    for (const int r : {0, 2, 3}) {
        QVERIFY(!row(r).data(ReviewDock::ResolvedRole).toBool());
        QVERIFY(!row(r).data().toString().startsWith(QStringLiteral("✓")));
    }

    // Undone, the decision is open again; redone, resolved again.
    QUndoStack *stack = m_window->document()->undoStack();
    stack->undo();
    QTRY_VERIFY(!row(1).data(ReviewDock::ResolvedRole).toBool());
    QCOMPARE(list->model()->rowCount(), 4);
    QCOMPARE(dock->positionText(), QStringLiteral("Disagreement 3 of 4 · 0 resolved"));
    stack->redo();
    QTRY_VERIFY(row(1).data(ReviewDock::ResolvedRole).toBool());
    QCOMPARE(dock->positionText(), QStringLiteral("Disagreement 3 of 4 · 1 resolved"));

    // Keeping the missed span resolves it although it still disagrees; on to the boundary mismatch.
    m_window->action(QStringLiteral("keep_reference"))->trigger();
    QCOMPARE(int(review->currentSpot()->kind), int(ReviewKind::BoundaryMismatch));
    QVERIFY(row(2).data(ReviewDock::ResolvedRole).toBool());
    QCOMPARE(dock->positionText(), QStringLiteral("Disagreement 4 of 4 · 2 resolved"));
    // Fix by Hand stays on the span to adjust, resolved, framed.
    m_window->action(QStringLiteral("fix_by_hand"))->trigger();
    QCOMPARE(int(review->currentSpot()->kind), int(ReviewKind::BoundaryMismatch));
    QCOMPARE(m_window->view()->currentSpan(), QStringLiteral("g4"));
    QVERIFY(row(3).data(ReviewDock::ResolvedRole).toBool());
    QVERIFY2(dock->currentText().startsWith(QStringLiteral("✓ ")), qPrintable(dock->currentText()));
    QVERIFY(review->painter()->currentSpot()->sameAs(*review->currentSpot()));
    QCOMPARE(dock->positionText(), QStringLiteral("Disagreement 4 of 4 · 3 resolved"));

    // F8 visits open disagreements only: none after; Shift+F8 finds the spurious span.
    QVERIFY(!review->step(1));
    QVERIFY(review->step(-1));
    QCOMPARE(int(review->currentSpot()->kind), int(ReviewKind::Spurious));
    QCOMPARE(dock->positionText(), QStringLiteral("Disagreement 1 of 4 · 3 resolved"));
    // The last one decided: all four resolved, the current stays on it.
    m_window->action(QStringLiteral("accept_candidate"))->trigger();
    QCOMPARE(dock->positionText(), QStringLiteral("Disagreement 1 of 4 · 4 resolved"));
    QVERIFY(row(0).data(ReviewDock::ResolvedRole).toBool());
    QVERIFY(review->painter()->currentSpot()->sameAs(*review->currentSpot()));
    QCOMPARE(stack->count(), 4);
}

void ReviewTest::listGoesToItsRow()
{
    openFixture();
    ReviewController *review = m_window->reviewController();
    ReviewDock *dock = m_window->reviewDock();
    m_window->action(QStringLiteral("review_mode"))->trigger();
    QListView *list = dock->list();
    const QModelIndex last = list->model()->index(3, 0);
    QVERIFY(last.data().toString().startsWith(QStringLiteral("Boundary mismatch")));
    list->scrollTo(last);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(last).center());
    QVERIFY(review->currentSpot());
    QCOMPARE(int(review->currentSpot()->kind), int(ReviewKind::BoundaryMismatch));
    QCOMPARE(m_window->view()->currentSpan(), QStringLiteral("g4"));
    QCOMPARE(m_window->view()->cursorPosition(), review->currentSpot()->start);
    QCOMPARE(dock->positionText(), QStringLiteral("Disagreement 4 of 4 · 0 resolved"));
}

void ReviewTest::longTextsElidedAtAWord()
{
    // Issue 18 item 7: the texts were cut at 60 characters, mid-word and without an ellipsis.
    openFixture();
    ReviewController *review = m_window->reviewController();
    Diagnostics diagnostics;
    const auto document = Document::load(m_path, diagnostics);
    QVERIFY(document);
    review->addLayer(
        QStringLiteral("long"),
        {makeSpan(*document, {"Harbour vote: the council said the bridge costs 41 million euros.", "claim", "l1"})},
        LabelSchema::defaultSchema());
    QVERIFY(review->startReview(QString(), QStringLiteral("long")));
    m_window->view()->setCursorPosition(CodePoint(0));
    QVERIFY(review->step(1));
    QCOMPARE(int(review->currentSpot()->kind), int(ReviewKind::BoundaryMismatch));
    const QString text = m_window->reviewDock()->currentText();
    QVERIFY2(text.contains(QStringLiteral("Candidate: claim “Harbour vote: the council said the bridge costs 41 "
                                          "million…”")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Reference: claim “the council said the bridge costs 41 million euros”")),
             qPrintable(text));
}

void ReviewTest::legendRowsNotClipped()
{
    // Issue 18 item 7: in a narrow dock the legend's descriptions wrapped into rows too low for them.
    openFixture();
    ReviewDock *dock = m_window->reviewDock();
    m_window->action(QStringLiteral("review_mode"))->trigger();
    m_window->resizeDocks({dock}, {230}, Qt::Horizontal);
    const QList<QLabel *> labels = dock->findChildren<QLabel *>(QStringLiteral("ReviewLegendText"));
    QCOMPARE(labels.size(), qsizetype(Metrics::ReviewKindCount));
    for (QLabel *label : labels) {
        QTRY_VERIFY2(label->height() >= label->heightForWidth(label->width()),
                     qPrintable(QStringLiteral("%1: %2 px high, needs %3 at %4 px wide")
                                    .arg(label->text())
                                    .arg(label->height())
                                    .arg(label->heightForWidth(label->width()))
                                    .arg(label->width())));
        QVERIFY(label->isVisible());
    }
}

// Issue 19: review mode lists the relation disagreements of the two layers (docs/METRICS.md
// §3.2) with the span ones, F8 steps through them in document order, and a decision on one is
// declined with a message rather than made up.
void ReviewTest::relationDisagreements()
{
    const QDir samples(QStringLiteral(SCHOLIAST_SAMPLES));
    m_path = m_dir->filePath(QStringLiteral("flood-fund-quotes.txt"));
    QVERIFY(QFile::copy(samples.filePath(QStringLiteral("flood-fund-quotes.txt")), m_path));
    QVERIFY(QFile::copy(samples.filePath(QStringLiteral("flood-fund-quotes.txt.scholiast.json")),
                        ScholiastJson::sidecarPath(m_path)));
    Diagnostics diagnostics;
    const auto document = Document::load(m_path, diagnostics);
    QVERIFY(document);
    auto model = ScholiastJson::read(ScholiastJson::sidecarPath(m_path), diagnostics, &*document);
    QVERIFY(model);
    // One relation relabelled, one missed, one spurious, and a source span a code point short.
    QList<RelationLabel> relationLabels = model->labels.relationLabels();
    relationLabels.append(RelationLabel{QStringLiteral("said_by"), QString()});
    model->labels.setRelationLabels(relationLabels);
    model->relations[0].label = QStringLiteral("said_by");
    model->relations.removeAt(1);
    model->relations.append(Relation{QStringLiteral("r0008"), QStringLiteral("attributed_to"), QStringLiteral("s0001"),
                                     QStringLiteral("s0006")});
    for (Annotation &span : model->annotations) {
        if (span.id == u"s0009") {
            span.end = span.end - 1;
            span.setTextFromDocument(*document);
        }
    }
    QVERIFY(ScholiastJson::write(layerSidecarPath(m_path, QStringLiteral("model")), *model, diagnostics));

    openFixture();
    ReviewController *review = m_window->reviewController();
    QVERIFY(review->startReview(QString(), QStringLiteral("model")));
    QMultiMap<int, QString> relations;
    for (const ReviewEntry &entry : review->entries()) {
        if (entry.spot.isRelation()) {
            relations.insert(
                int(entry.spot.kind),
                (entry.spot.referenceRelation ? entry.spot.referenceRelation : entry.spot.candidateRelation)->id);
        }
    }
    QCOMPARE(relations.values(int(ReviewKind::LabelMismatch)), QStringList{QStringLiteral("r0001")});
    QCOMPARE(relations.values(int(ReviewKind::Missed)), QStringList{QStringLiteral("r0002")});
    QCOMPARE(relations.values(int(ReviewKind::Spurious)), QStringList{QStringLiteral("r0008")});
    QCOMPARE(relations.count(int(ReviewKind::BoundaryMismatch)), 2); // r0003, r0004: to the short source

    // F8 from the top: the spurious relation (0-277) comes first, then the mislabelled one.
    m_window->view()->setFocus();
    m_window->view()->setCursorPosition(CodePoint(0));
    QTest::keyClick(m_window->view(), Qt::Key_F8);
    QVERIFY(review->currentSpot() && review->currentSpot()->isRelation());
    QCOMPARE(int(review->currentSpot()->kind), int(ReviewKind::Spurious));
    QVERIFY2(m_window->reviewDock()->currentText().contains(QStringLiteral("Relation: Spurious")),
             qPrintable(m_window->reviewDock()->currentText()));
    QTest::keyClick(m_window->view(), Qt::Key_F8);
    QCOMPARE(int(review->currentSpot()->kind), int(ReviewKind::LabelMismatch));
    QCOMPARE(review->currentSpot()->candidateRelation->label, QStringLiteral("said_by"));
    QCOMPARE(m_window->view()->currentSpan(), QStringLiteral("s0004")); // the editable relation's first span
    // Its label is not one of this document's relation labels: declined, nothing changes.
    QUndoStack *undo = m_window->document()->undoStack();
    const int commands = undo->count();
    QVERIFY(!review->decide(ReviewDecision::Decision::AcceptCandidate));
    QVERIFY(!review->decide(ReviewDecision::Decision::KeepReference)); // the editable layer is the reference
    QCOMPARE(undo->count(), commands);

    // Accepting the candidate on the missed relation removes it; on the spurious one, relates the
    // same spans; one undo step each.
    const auto goToRelation = [review](ReviewKind kind) {
        const QList<ReviewEntry> all = review->entries();
        for (int i = 0; i < all.size(); ++i) {
            if (all.at(i).spot.isRelation() && all.at(i).spot.kind == kind) {
                return review->goTo(i);
            }
        }
        return false;
    };
    AnnotationSet *editable = m_window->document()->spans();
    QVERIFY(goToRelation(ReviewKind::Missed));
    QVERIFY(review->decide(ReviewDecision::Decision::AcceptCandidate));
    QCOMPARE(undo->count(), commands + 1);
    QVERIFY(!editable->findRelation(QStringLiteral("r0002")));
    QVERIFY(goToRelation(ReviewKind::Spurious));
    QVERIFY(review->decide(ReviewDecision::Decision::AcceptCandidate));
    QCOMPARE(undo->count(), commands + 2);
    const QList<Relation> made = editable->relationsOf(QStringLiteral("s0001"));
    QCOMPARE(made.size(), 1);
    QCOMPARE(made.first().to, QStringLiteral("s0006"));
    QCOMPARE(made.first().label, QStringLiteral("attributed_to"));
    QTRY_VERIFY(std::none_of(review->entries().cbegin(), review->entries().cend(), [](const ReviewEntry &e) {
        return e.spot.isRelation() && (e.spot.kind == ReviewKind::Missed || e.spot.kind == ReviewKind::Spurious);
    }));
    undo->undo();
    undo->undo();
    QVERIFY(editable->findRelation(QStringLiteral("r0002")));
    QVERIFY(editable->relationsOf(QStringLiteral("s0001")).isEmpty());

    // An edit of the relations by hand is followed like any other: relabelled away, it drops out.
    m_window->document()->spans()->removeRelations({QStringLiteral("r0001")});
    QTRY_VERIFY(std::none_of(review->entries().cbegin(), review->entries().cend(), [](const ReviewEntry &e) {
        return e.spot.kind == ReviewKind::LabelMismatch && e.spot.isRelation();
    }));
}

QTEST_MAIN(ReviewTest)
#include "review_test.moc"
