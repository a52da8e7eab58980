// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 16: the editing layer opens a document with undo without a window. This test links
// scholiast_editing alone (no Qt Widgets, no QApplication): load a sample off the main thread,
// tag, relabel and undo, save, and read the saved sidecar back.
#include "editing/annotationdocument.h"
#include "editing/documentloader.h"
#include "editing/goldspanmirror.h"
#include "formats/scholiastjson.h"
#include "labelschema.h"
#include "largesidecar.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUndoStack>

#include <algorithm>
#include <random>
#include <tuple>

using namespace Scholiast;

class EditingTest : public QObject
{
    Q_OBJECT

    // A bundled sample and its sidecar copied into `dir` and loaded off the main thread, as the
    // window loads them.
    static void loadSampleCopy(const QTemporaryDir &dir, const QString &sample, LoadResult &result)
    {
        const QString path = dir.filePath(sample);
        for (const QString &name : {sample, QString(sample + QStringLiteral(".scholiast.json"))}) {
            QVERIFY(QFile::copy(QStringLiteral(SCHOLIAST_SAMPLES "/") + name, dir.filePath(name)));
            QVERIFY(QFile::setPermissions(dir.filePath(name), QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        }
        DocumentLoader loader;
        QSignalSpy finished(&loader, &DocumentLoader::finished);
        loader.start(path);
        QVERIFY(finished.wait(30000));
        result = loader.takeResult();
        QVERIFY(result.document && result.sidecar);
    }

private Q_SLOTS:
    // Issue 17: one progress over the text and its sidecar, and a cancel during the sidecar
    // stops the read and installs nothing, neither half the spans nor a salvage of them.
    void sidecarReadShowsProgressAndCancels_data()
    {
        QTest::addColumn<bool>("cancelInSidecar");
        QTest::newRow("read to the end") << false;
        QTest::newRow("cancelled in the sidecar") << true;
    }
    void sidecarReadShowsProgressAndCancels()
    {
        QFETCH(bool, cancelInSidecar);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("wire.txt"));
        QString text;
        for (int i = 0; i < 3000; ++i) {
            text += QStringLiteral("The ministry said “we are open” on day %1. 東京 😀\n").arg(i);
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text.toUtf8());
        file.close();
        Diagnostics diagnostics;
        const auto document = Document::load(path, diagnostics);
        QVERIFY(document);
        AnnotationSet spans;
        QList<Annotation> many;
        for (qint64 start = 0; start + 8 <= document->length(); start += 3) {
            Annotation span(CodePoint(start), CodePoint(start + 8), QStringLiteral("claim"));
            span.setTextFromDocument(*document);
            many.append(span);
        }
        QVERIFY(many.size() > 3 * 8192); // the reader reports every 8,192 spans
        spans.reset(many);
        const QString sidecar = ScholiastJson::sidecarPath(path);
        QVERIFY(ScholiastJson::write(
            sidecar, ScholiastJson::makeSidecar(*document, LabelSchema::defaultSchema(), spans), diagnostics));
        const qint64 textBytes = QFileInfo(path).size();
        const qint64 total = textBytes + QFileInfo(sidecar).size();

        QList<qint64> seen;
        Document::LoadOptions options;
        options.progress = [&](qint64 done, qint64 all) {
            if (all != total) {
                return false; // the test fails below: one total for both files
            }
            seen.append(done);
            return !(cancelInSidecar && done > textBytes);
        };
        const LoadResult result = loadDocumentAndSidecar(path, options);
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        QVERIFY(std::any_of(seen.begin(), seen.end(), [&](qint64 done) { return done > textBytes; }));
        QCOMPARE(result.cancelled, cancelInSidecar);
        QVERIFY(result.document);
        if (cancelInSidecar) {
            QVERIFY(!result.sidecar);
            QVERIFY(!result.salvaged);
        } else {
            QVERIFY(result.sidecar);
            QCOMPARE(result.sidecar->annotations.size(), many.size());
            QVERIFY(seen.size() >= 3);
        }
    }

    // Issue 17: the window's load fills the set on the loader's thread. What it hands over is the
    // document the plain values make, owned by this thread, and edits and undo work on it.
    void preparedDocumentIsTheLoadedOne_data()
    {
        QTest::addColumn<QString>("sample");
        QTest::newRow("harbour bridge (CRLF, curly quotes)") << QStringLiteral("harbour-bridge-vote.txt");
        QTest::newRow("flood fund (relations)") << QStringLiteral("flood-fund-quotes.txt");
        // Over 16 MB: read in batches, which go into the set while the rest is read.
        QTest::newRow("a large sidecar, read in batches") << QStringLiteral("large");
    }
    // The window's set finds repeated ids as it is filled from a large sidecar's batches (the read
    // keeps no hashes of the ids then): an id used again in a later batch is never quietly given
    // a new one; the file is read whole, salvaged, and the repeat is reported, as for any file.
    void repeatedIdInALargeSidecarIsReported_data()
    {
        QTest::addColumn<bool>("repeated");
        QTest::newRow("every id once") << false;
        QTest::newRow("the last span has the first one's id") << true;
    }
    void repeatedIdInALargeSidecarIsReported()
    {
        QFETCH(bool, repeated);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("large.txt"));
        QVERIFY(Testing::writeLargeSidecar(path));
        const QString sidecarPath = ScholiastJson::sidecarPath(path);
        QFile file(sidecarPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = file.readAll().split('\n');
        file.close();
        const qsizetype first = lines.indexOf(" \"annotations\": [") + 1;
        const qsizetype last = lines.indexOf(" ]") - 1;
        // "  {"id": "<id>", ...": the id starts at byte 10.
        const auto idOf = [](const QByteArray &line) { return line.mid(10, line.indexOf('"', 10) - 10); };
        QVERIFY(lines.at(first).startsWith("  {\"id\": \""));
        const QByteArray firstId = idOf(lines.at(first));
        const QByteArray lastId = idOf(lines.at(last));
        if (repeated) {
            lines[last].replace(QByteArray("\"" + lastId + "\""), QByteArray("\"" + firstId + "\""));
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(lines.join('\n'));
            file.close();
        }

        DocumentLoader loader;
        QSignalSpy finished(&loader, &DocumentLoader::finished);
        loader.start(path, DocumentLoader::Prepare::Document);
        QVERIFY(finished.wait(30000));
        LoadResult result = loader.takeResult();
        QVERIFY(result.prepared);
        QCOMPARE(result.salvaged, repeated);
        const bool reported =
            std::any_of(result.salvageDetails.cbegin(), result.salvageDetails.cend(), [](const Diagnostic &d) {
                return d.message.contains(QStringLiteral("is used by more than one annotation"));
            });
        QCOMPARE(reported, repeated);
        const AnnotationSet *spans = result.prepared->spans();
        QCOMPARE(spans->size(), last - first + 1);
        QVERIFY(spans->contains(QString::fromLatin1(firstId)));
        QCOMPARE(spans->contains(QString::fromLatin1(lastId)), !repeated);
    }

    void preparedDocumentIsTheLoadedOne()
    {
        QFETCH(QString, sample);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        LoadResult values;
        if (sample == u"large") {
            sample = QStringLiteral("large.txt");
            QVERIFY2(Testing::writeLargeSidecar(dir.filePath(sample)), "a document and a sidecar of over 16 MB");
            values = loadDocumentAndSidecar(dir.filePath(sample));
            QVERIFY(values.document && values.sidecar);
            QVERIFY(values.diagnostics.isEmpty());
        } else {
            loadSampleCopy(dir, sample, values);
        }
        if (QTest::currentTestFailed()) {
            return;
        }
        QVERIFY(!values.prepared);

        DocumentLoader loader;
        QSignalSpy finished(&loader, &DocumentLoader::finished);
        loader.start(dir.filePath(sample), DocumentLoader::Prepare::Document);
        QVERIFY(finished.wait(30000));
        LoadResult result = loader.takeResult();
        QVERIFY(result.prepared);
        QVERIFY(result.sidecar);
        QVERIFY(result.sidecar->annotations.isEmpty()); // moved into the set
        std::unique_ptr<AnnotationDocument> document = std::move(result.prepared);
        QCOMPARE(document->thread(), QThread::currentThread());
        QCOMPARE(document->spans()->thread(), QThread::currentThread());
        QCOMPARE(document->undoStack()->thread(), QThread::currentThread());
        QVERIFY(!document->parent());

        AnnotationDocument expected(*values.document, values.sidecar->labels, values.sidecar->annotations, nullptr,
                                    values.sidecar->relations);
        QCOMPARE(document->document().sha256(), expected.document().sha256());
        QCOMPARE(document->document().text(), expected.document().text());
        QVERIFY(document->labels() == expected.labels());
        QCOMPARE(document->spans()->toList(), expected.spans()->toList());
        QCOMPARE(document->spans()->relations(), expected.spans()->relations());
        QCOMPARE(document->sidecarFields(), values.sidecar->extraFields);
        QCOMPARE(document->documentFields(), values.sidecar->documentExtraFields);
        QVERIFY(!document->spans()->isEmpty());

        QSignalSpy added(document->spans(), &AnnotationSet::spansAdded);
        const QString id = document->tag(CodePoint(1), CodePoint(3), QStringLiteral("claim")); // no span there yet
        QVERIFY(!id.isEmpty());
        QCOMPARE(added.size(), 1);
        document->undoStack()->undo();
        QVERIFY(!document->spans()->contains(id));
        QCOMPARE(document->spans()->toList(), expected.spans()->toList());
    }

    void openTagUndoSaveWithoutAWindow_data()
    {
        QTest::addColumn<QString>("sample");
        QTest::newRow("harbour bridge (CRLF, curly quotes)") << QStringLiteral("harbour-bridge-vote.txt");
        QTest::newRow("Seoul market (Hangul)") << QStringLiteral("seoul-market-report.txt");
    }

    void openTagUndoSaveWithoutAWindow()
    {
        QFETCH(QString, sample);
        QVERIFY(qobject_cast<QCoreApplication *>(QCoreApplication::instance()));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        LoadResult result;
        loadSampleCopy(dir, sample, result);
        if (QTest::currentTestFailed()) {
            return;
        }
        const qsizetype before = result.sidecar->annotations.size();
        QVERIFY(before > 0);

        AnnotationDocument document(*result.document, result.sidecar->labels, result.sidecar->annotations);
        const CodePoint end(std::min<qint64>(5, document.document().length()));
        const QString id = document.tag(CodePoint(0), end, QStringLiteral("boilerplate"));
        QVERIFY(!id.isEmpty());
        document.relabel({id}, QStringLiteral("claim"));
        QCOMPARE(document.spans()->size(), before + 1);
        QCOMPARE(document.spans()->find(id)->label, QStringLiteral("claim"));
        document.undoStack()->undo(); // the relabel
        QCOMPARE(document.spans()->find(id)->label, QStringLiteral("boilerplate"));
        QVERIFY(document.isModified());

        Diagnostics diagnostics;
        QVERIFY(document.save(diagnostics));
        QVERIFY(!document.isModified());
        const auto saved = ScholiastJson::read(document.sidecarPath(), diagnostics, &document.document());
        QVERIFY(saved);
        QCOMPARE(saved->annotations.size(), before + 1);
        const auto it = std::find_if(saved->annotations.cbegin(), saved->annotations.cend(),
                                     [&](const Annotation &a) { return a.id == id; });
        QVERIFY(it != saved->annotations.cend());
        QCOMPARE(it->label, QStringLiteral("boilerplate"));
        QCOMPARE(it->start.value, 0);
        QCOMPARE(it->end.value, end.value);
    }

    // Issue 19: relating is one undo step; removing a span takes its relations in the same step
    // and undo brings both back; relabelling a span so that the schema no longer allows its
    // relation removes the relation with the relabel. What is saved reads back with them.
    void relationsAreUndoneWithTheirSpans()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        LoadResult result;
        loadSampleCopy(dir, QStringLiteral("harbour-bridge-vote.txt"), result);
        if (QTest::currentTestFailed()) {
            return;
        }
        AnnotationDocument document(*result.document, LabelSchema::quoteAttributionSchema(),
                                    result.sidecar->annotations);
        const QString quote = document.tag(CodePoint(0), CodePoint(4), QStringLiteral("quote"));
        const QString source = document.tag(CodePoint(5), CodePoint(9), QStringLiteral("source"));
        QVERIFY(!quote.isEmpty() && !source.isEmpty());
        const int steps = document.undoStack()->count();
        QVERIFY(
            document.relate(source, quote, QStringLiteral("attributed_to")).isEmpty()); // source to quote: not allowed
        QVERIFY(document.relate(quote, quote, QStringLiteral("attributed_to")).isEmpty());
        QVERIFY(document.relate(quote, source, QStringLiteral("said_by")).isEmpty());
        const QString relation = document.relate(quote, source, QStringLiteral("attributed_to"));
        QVERIFY(!relation.isEmpty());
        QVERIFY(document.relate(quote, source, QStringLiteral("attributed_to")).isEmpty()); // once per pair
        QCOMPARE(document.undoStack()->count(), steps + 1);
        QCOMPARE(document.spans()->relations().size(), 1);

        document.remove({source});
        QCOMPARE(document.spans()->relations().size(), 0);
        document.undoStack()->undo();
        QCOMPARE(document.spans()->relations().size(), 1);
        QCOMPARE(document.spans()->relations().first().id, relation);

        document.relabel({quote}, QStringLiteral("boilerplate"));
        QCOMPARE(document.spans()->relations().size(), 0);
        QCOMPARE(document.undoStack()->count(), steps + 2); // the relabel and its relation: one step
        document.undoStack()->undo();
        QCOMPARE(document.spans()->find(quote)->label, QStringLiteral("quote"));
        QCOMPARE(document.spans()->relations().size(), 1);
        document.relabel({quote}, QStringLiteral("claim")); // allowed: the relation stays
        QCOMPARE(document.spans()->relations().size(), 1);
        document.undoStack()->undo();

        // Editing the span labels keeps the relation labels, following a rename.
        LabelSchema edited = LabelSchema::defaultSchema();
        edited.add(Label{QStringLiteral("speaker"), QString(), QStringLiteral("4")});
        document.editLabels(edited, {{QStringLiteral("source"), QStringLiteral("speaker")}});
        QCOMPARE(document.labels().relationLabels().size(), 1);
        QCOMPARE(document.labels().relationLabels().first().to, QStringList{QStringLiteral("speaker")});
        QCOMPARE(document.spans()->find(source)->label, QStringLiteral("speaker"));

        Diagnostics diagnostics;
        QVERIFY(document.save(diagnostics));
        const auto saved = ScholiastJson::read(document.sidecarPath(), diagnostics, &document.document());
        QVERIFY2(saved, qPrintable(diagnostics.value(0).toString()));
        QVERIFY(!hasErrors(diagnostics) && diagnostics.isEmpty());
        QCOMPARE(saved->relations.size(), 1);
        QCOMPARE(saved->relations.first(), (Relation{relation, QStringLiteral("attributed_to"), quote, source}));
        QCOMPARE(saved->labels, document.labels());
    }

    // Issue 17: autosave writes a snapshot on a worker while the document goes on changing. What
    // the snapshot writes after later edits is byte for byte the file written when it was taken.
    void snapshotWritesTheSpansAsTheyWereWhenTaken_data() { openTagUndoSaveWithoutAWindow_data(); }
    void snapshotWritesTheSpansAsTheyWereWhenTaken()
    {
        QFETCH(QString, sample);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        LoadResult result;
        loadSampleCopy(dir, sample, result);
        if (QTest::currentTestFailed()) {
            return;
        }
        AnnotationDocument document(*result.document, result.sidecar->labels, result.sidecar->annotations);
        const CodePoint end(std::min<qint64>(5, document.document().length()));
        const QString tagged = document.tag(CodePoint(0), end, QStringLiteral("claim"));
        QVERIFY(!tagged.isEmpty());

        Diagnostics diagnostics;
        const QString atSnapshot = dir.filePath(QStringLiteral("at-snapshot.json"));
        QVERIFY(document.writeCopy(atSnapshot, diagnostics));
        const SidecarSnapshot snapshot = document.snapshot();
        const QString first = document.spans()->sorted().front()->id;
        document.relabel({tagged}, QStringLiteral("quote"));
        document.remove({first});
        document.editNote(document.spans()->sorted().back()->id, QStringLiteral("changed later"));
        document.tag(CodePoint(1), end, QStringLiteral("claim"));
        const QString later = dir.filePath(QStringLiteral("later.json"));
        QVERIFY(snapshot.write(later, diagnostics));
        QVERIFY2(diagnostics.isEmpty(), qPrintable(diagnostics.isEmpty() ? QString() : diagnostics.front().toString()));

        QFile expected(atSnapshot);
        QFile written(later);
        QVERIFY(expected.open(QIODevice::ReadOnly) && written.open(QIODevice::ReadOnly));
        QCOMPARE(written.readAll(), expected.readAll());
        // The document itself has moved on.
        QVERIFY(document.writeCopy(later, diagnostics));
        QFile now(later);
        QVERIFY(now.open(QIODevice::ReadOnly) && expected.seek(0));
        QVERIFY(now.readAll() != expected.readAll());
    }

    // Saving writes the snapshot's spans in place (issue 17): a span that does not fit the text
    // (the document changed and was not re-anchored) is still written as an orphan, as it stands,
    // and the file is byte for byte what marking copies of the misfits and serializing them gave.
    void misfitsAreSavedAsOrphans()
    {
        const Document document = Document::fromText(
            QStringLiteral("The mayor said \u201Cfine\u201D. \U0001F600 Later the council voted.\r\n"),
            QStringLiteral("changed.txt"));
        const auto span = [&document](qint64 start, qint64 end, const QString &label, const QString &id,
                                      const QString &text) {
            Annotation a(CodePoint(start), CodePoint(end), label);
            a.id = id;
            a.setText(text.isNull() ? document.slice(a.start, a.end).toString() : text);
            return a;
        };
        QList<Annotation> spans{span(4, 9, QStringLiteral("claim"), QStringLiteral("fits"), QString()),
                                span(16, 20, QStringLiteral("quote"), QStringLiteral("moved"), QStringLiteral("good")),
                                span(40, 46, QStringLiteral("claim"), QStringLiteral("past"), QStringLiteral("voted.")),
                                span(28, 35, QStringLiteral("claim"), QStringLiteral("after"), QString())};
        spans[1].setNote(QStringLiteral("was \"good\""));
        spans[1].setContext(QStringLiteral("said \u201C"), QStringLiteral("\u201D."));
        AnnotationDocument open(document, LabelSchema::defaultSchema(), spans);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("changed.txt.scholiast.json"));
        Diagnostics diagnostics;
        QVERIFY(open.writeCopy(path, diagnostics));
        QFile written(path);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray bytes = written.readAll();

        QList<Annotation> marked = open.spans()->toList();
        QStringList orphans;
        for (Annotation &a : marked) {
            if (!a.isOrphan() && !a.fits(document)) {
                a.setOrphan(true);
                orphans.append(a.id);
            }
        }
        QCOMPARE(orphans, (QStringList{QStringLiteral("moved"), QStringLiteral("past")}));
        AnnotationSet markedSet;
        markedSet.reset(marked);
        QCOMPARE(
            bytes,
            ScholiastJson::serialize(ScholiastJson::makeSidecar(document, LabelSchema::defaultSchema(), markedSet)));
        const auto read = ScholiastJson::parse(bytes, path, diagnostics);
        QVERIFY(read);
        QStringList readOrphans;
        for (const Annotation &a : read->annotations) {
            if (a.isOrphan()) {
                readOrphans.append(a.id);
            }
        }
        readOrphans.sort();
        QCOMPARE(readOrphans, (QStringList{QStringLiteral("moved"), QStringLiteral("past")}));
    }

    // Issue 17: the Metrics dock's mirror of the gold spans, followed edit by edit, always holds
    // what a fresh copy of the set would, and a snapshot taken earlier never changes.
    void goldSpanMirrorFollowsEdits()
    {
        // A span as the metrics see it: range, label and the pieces of a discontinuous one.
        const auto pieces = [](const Annotation &a) {
            QString out;
            for (const Fragment &f : a.fragments()) {
                out += QStringLiteral("%1-%2 ").arg(f.start.value).arg(f.end.value);
            }
            return out;
        };
        const auto gold = [&pieces](const AnnotationSet &set) {
            std::vector<std::tuple<qint64, qint64, QString, QString>> out;
            for (const Annotation *a : set.sorted()) {
                if (a->status() == Annotation::Status::Unset || a->status() == Annotation::Status::Accepted) {
                    out.emplace_back(a->start.value, a->end.value, a->label, pieces(*a));
                }
            }
            std::sort(out.begin(), out.end());
            return out;
        };
        const auto held = [&pieces](const GoldSpanMirror::Snapshot &snapshot) {
            std::vector<std::tuple<qint64, qint64, QString, QString>> out;
            for (const Annotation &a : snapshot.spans()) {
                out.emplace_back(a.start.value, a.end.value, a.label, pieces(a));
            }
            std::sort(out.begin(), out.end());
            return out;
        };
        const QString labels[] = {QStringLiteral("claim"), QStringLiteral("quote"), QStringLiteral("boilerplate")};
        const Annotation::Status statuses[] = {Annotation::Status::Unset, Annotation::Status::Accepted,
                                               Annotation::Status::Pending, Annotation::Status::Rejected};
        std::mt19937 random(17);
        const auto pick = [&random](int n) { return int(random() % unsigned(n)); };
        const auto make = [&](qint64 start) {
            Annotation a(CodePoint(start), CodePoint(start + 1 + pick(30)), labels[pick(3)]);
            if (a.end - a.start > 5 && pick(6) == 0) { // now and then a span in two pieces
                const qint64 gap = start + 2 + pick(2);
                a.setFragments({{a.start, CodePoint(gap)}, {CodePoint(gap + 1), a.end}});
            }
            a.setStatus(statuses[pick(4)]);
            return a;
        };

        AnnotationSet set;
        QList<Annotation> initial;
        for (int i = 0; i < 5000; ++i) {
            initial.append(make(pick(2000))); // many equal ranges
        }
        set.reset(initial);
        GoldSpanMirror mirror;
        mirror.reset(set);
        QCOMPARE(held(mirror.snapshot()), gold(set));
        const GoldSpanMirror::Snapshot before = mirror.snapshot();
        const auto beforeSpans = held(before);

        for (int step = 0; step < 3000; ++step) {
            const QList<Annotation> all = set.toList();
            const Annotation &some = all.at(pick(int(all.size())));
            switch (pick(3)) {
            case 0: {
                const QString id = set.add(make(pick(2000)));
                mirror.insert(*set.find(id));
                break;
            }
            case 1:
                for (const Annotation &removed : set.remove({some.id})) {
                    QVERIFY(mirror.erase(removed));
                }
                break;
            default: {
                Annotation changed = make(pick(2000));
                changed.id = some.id;
                QVERIFY(mirror.erase(some));
                set.update({changed});
                mirror.insert(*set.find(changed.id));
                break;
            }
            }
        }
        QCOMPARE(held(mirror.snapshot()), gold(set));
        QCOMPARE(mirror.size(), qsizetype(gold(set).size()));
        QCOMPARE(held(before), beforeSpans);
        // A gold span it does not hold: said, so that the dock rebuilds rather than drifts.
        Annotation stranger(CodePoint(5000), CodePoint(5001), labels[0]);
        stranger.id = QStringLiteral("stranger");
        QVERIFY(!mirror.erase(stranger));
        stranger.setStatus(Annotation::Status::Rejected);
        QVERIFY(mirror.erase(stranger)); // not gold: nothing to hold
    }
};

QTEST_GUILESS_MAIN(EditingTest)
#include "editing_test.moc"
