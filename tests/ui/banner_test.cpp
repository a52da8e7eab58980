// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The "document changed" banner (issue 18, item 6): one sentence with counts, the diagnostics
// behind Details as plain text in a short scrolling box, never literal markup, a few lines high.

#include "editing/annotationdocument.h"
#include "mainwindow.h"
#include "reliability/banner.h"
#include "testhelpers.h"

#include <QApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Scholiast;

namespace {

constexpr int Councillors = 30;
// Sentences the next edition leaves out: re-anchoring cannot find them, they become orphans.
const QStringList Dropped{
    QStringLiteral("Opposition members walked out before the second reading."),
    QStringLiteral("A petition against the night fares gathered four thousand names."),
    QStringLiteral("The port authority will publish the tender documents in March."),
};
const int Replaced = int(Dropped.size());

QString quote(int i)
{
    return QStringLiteral("councillor %1 said").arg(i);
}

QString article()
{
    QString text = QStringLiteral("Harbour council approves new ferry timetable\n\n");
    for (int i = 1; i <= Councillors; ++i) {
        text += QStringLiteral("At the hearing %1 said the evening crossings would run every twenty minutes.\n")
                    .arg(quote(i));
    }
    text += Dropped.join(u'\n') + u'\n';
    return text;
}

} // namespace

class BannerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setApplicationName(QStringLiteral("scholiast-test"));
        QApplication::setOrganizationName(QStringLiteral("Scholiast"));
        QSettings().setValue(QStringLiteral("annotator/name"), QStringLiteral("tester"));
    }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(QStringLiteral("ferry.txt"));
    }
    void cleanup() { m_dir.reset(); }

    void changedDocumentBannerIsOneSentenceWithDetails();

private:
    std::unique_ptr<MainWindow> open()
    {
        auto window = std::make_unique<MainWindow>();
        window->setRecoveryPolicy(MainWindow::RecoveryPolicy::Ignore);
        window->resize(1000, 700);
        window->show();
        if (!window->openFile(m_path)) {
            return {};
        }
        return window;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void BannerTest::changedDocumentBannerIsOneSentenceWithDetails()
{
    // Annotated once: a quote on every line.
    QString text = article();
    QVERIFY(Testing::writeAll(m_path, text.toUtf8()));
    {
        auto window = open();
        QVERIFY(window);
        QStringList quotes = Dropped;
        for (int i = 1; i <= Councillors; ++i) {
            quotes.append(quote(i));
        }
        for (const QString &q : std::as_const(quotes)) {
            const qsizetype at = Testing::indexOrFail(text, q); // ASCII: code points are indices
            QVERIFY(
                !window->document()->tag(CodePoint(at), CodePoint(at + q.size()), QStringLiteral("quote")).isEmpty());
        }
        QVERIFY(window->save());
    }
    // A correction on top and three sentences left out; re-anchored and saved, three are orphans.
    text.prepend(QStringLiteral("CORRECTION: an earlier version misstated the date of the vote.\n"));
    for (const QString &sentence : Dropped) {
        text.remove(sentence + u'\n');
    }
    QVERIFY(Testing::writeAll(m_path, text.toUtf8()));
    {
        auto window = open();
        QVERIFY(window);
        QVERIFY2(window->bannerText().contains(
                     QStringLiteral("%1 of %1 span(s) no longer match its text").arg(Councillors + Replaced)),
                 qPrintable(window->bannerText()));
        window->reanchorSpans();
        QCOMPARE(window->document()->orphanCount(), Replaced);
        QVERIFY(window->save());
    }
    // Edited again: every placed span is off by the new line, the orphans stay orphans.
    text.prepend(QStringLiteral("UPDATED 18:40 with the mayor's reaction.\n"));
    QVERIFY(Testing::writeAll(m_path, text.toUtf8()));
    auto window = open();
    QVERIFY(window);
    const QString sentence = window->bannerText();
    QVERIFY2(sentence.contains(QStringLiteral("The document has changed since it was annotated: %1 of %2 span(s) no "
                                              "longer match its text, %3 kept as orphan(s).")
                                   .arg(Councillors)
                                   .arg(Councillors + Replaced)
                                   .arg(Replaced)),
             qPrintable(sentence));
    for (const QString &markup : {QStringLiteral("<br>"), QStringLiteral("\\n"), QStringLiteral("<b>"),
                                  QStringLiteral("&lt;"), QStringLiteral("\n")}) {
        QVERIFY2(!sentence.contains(markup), qPrintable(markup + QStringLiteral(" in: ") + sentence));
    }
    QVERIFY2(!sentence.contains(quote(Councillors)), "the diagnostics are behind Details");

    Banner *banner = window->banner();
    QVERIFY(banner->isVisible());
    const int line = banner->label()->fontMetrics().lineSpacing();
    const int collapsed = banner->height();
    QVERIFY2(collapsed <= 5 * line, qPrintable(QString::number(collapsed)));

    // Details: every warning, one a line, plain text, in a box that scrolls.
    QPushButton *details = banner->detailsButton();
    QVERIFY(details->isVisible());
    QVERIFY(!banner->detailsView()->isVisible());
    details->click();
    QPlainTextEdit *list = banner->detailsView();
    QVERIFY(list->isVisible());
    QCOMPARE(list->document()->blockCount(), 1 + Councillors); // and the SHA-256 warning
    QVERIFY(list->toPlainText().contains(QStringLiteral("ferry.txt.scholiast.json:")));
    QVERIFY(list->toPlainText().contains(QStringLiteral("has changed since the annotations were saved")));
    QVERIFY(!list->toPlainText().contains(QStringLiteral("<br>")));
    QVERIFY(window->bannerText().contains(quote(Councillors)));
    QTRY_VERIFY(list->verticalScrollBar()->maximum() > 0);
    QVERIFY2(list->height() <= 8 * list->fontMetrics().lineSpacing(), qPrintable(QString::number(list->height())));
    QTRY_VERIFY(banner->height() > collapsed);
    QVERIFY2(banner->height() <= collapsed + list->height() + line, qPrintable(QString::number(banner->height())));
    QVERIFY(banner->height() < window->centralWidget()->height() / 2);

    details->click();
    QVERIFY(!list->isVisible());
    QVERIFY(!window->bannerText().contains(quote(Councillors)));
}

QTEST_MAIN(BannerTest)
#include "banner_test.moc"
