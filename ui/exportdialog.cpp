// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportdialog.h"

#include "formats/interchange.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Scholiast {

namespace {
// The file name ending a format's output usually has, so that the next tool recognises it.
QString extensionOf(const QString &format)
{
    if (format == u"doccano") {
        return QStringLiteral(".doccano.jsonl");
    }
    if (format == u"spacy") {
        return QStringLiteral(".spacy.jsonl");
    }
    if (format == u"label-studio") {
        return QStringLiteral(".label-studio.json");
    }
    if (format == u"w3c") {
        return QStringLiteral(".jsonld");
    }
    if (format == u"conll") {
        return QStringLiteral(".bio");
    }
    if (format == u"brat") {
        return QStringLiteral("-brat");
    }
    return u'.' + format;
}
} // namespace

QString ExportDialog::describe(const QString &format)
{
    if (format == u"jsonl") {
        return tr("Scholiast dataset: one document per line with its spans and all their fields");
    }
    if (format == u"doccano") {
        return tr("doccano JSONL, one document per line with its \"label\" list");
    }
    if (format == u"brat") {
        return tr("brat standoff: a .txt and an .ann per document and annotation.conf, in a folder");
    }
    if (format == u"label-studio") {
        return tr("Label Studio tasks (JSON), to import as annotations or predictions");
    }
    if (format == u"spacy") {
        return tr("spaCy / Prodigy JSONL with \"spans\", for training a pipeline");
    }
    if (format == u"w3c") {
        return tr("W3C Web Annotation JSON-LD with position and quote selectors");
    }
    if (format == u"conll") {
        return tr("CoNLL BIO: one token per line, one tag column per label");
    }
    if (format == u"csv") {
        return tr("CSV, one row per span: document, start, end, label, text");
    }
    const Interchange::Format *f = Interchange::findFormat(format);
    return f ? f->title : QString();
}

QString ExportDialog::unitText(const QString &format)
{
    if (format == u"conll") {
        // Tags go on tokens; the start and end columns count code points (conllbio.h).
        return tr("tokens");
    }
    const Interchange::Format *f = Interchange::findFormat(format);
    if (!f) {
        return QString();
    }
    switch (f->unit) {
    case OffsetUnit::CodePoints:
        return tr("code points");
    case OffsetUnit::Utf16Units:
        return tr("UTF-16 units");
    case OffsetUnit::Utf8Bytes:
        return tr("bytes");
    default:
        return OffsetUnits::description(f->unit);
    }
}

ExportDialog::ExportDialog(const QString &documentPath, const QString &corpusFolder, qsizetype corpusSize,
                           QWidget *parent)
    : QDialog(parent)
    , m_documentPath(documentPath)
    , m_corpusFolder(corpusFolder)
    , m_formats(new QTreeWidget(this))
    , m_status(new QComboBox(this))
    , m_unit(new QComboBox(this))
    , m_unitNote(new QLabel(this))
    , m_wholeCorpus(new QCheckBox(this))
    , m_path(new QLineEdit(this))
    , m_pathLabel(new QLabel(this))
    , m_export(nullptr)
{
    setObjectName(QStringLiteral("ExportDialog"));
    setWindowTitle(tr("Export Annotations"));

    m_formats->setObjectName(QStringLiteral("formats"));
    m_formats->setColumnCount(3);
    m_formats->setHeaderLabels({tr("Format"), tr("Offsets"), tr("What it is")});
    m_formats->setRootIsDecorated(false);
    m_formats->setAllColumnsShowFocus(true);
    m_formats->header()->setStretchLastSection(true);
    for (const Interchange::Format &format : Interchange::formats()) {
        if (!format.serialize && !format.writeFolder) {
            continue;
        }
        auto *item = new QTreeWidgetItem(m_formats, {format.name, unitText(format.name), describe(format.name)});
        item->setData(0, Qt::UserRole, format.name);
        item->setToolTip(2, format.title);
    }
    m_formats->resizeColumnToContents(0);
    m_formats->resizeColumnToContents(1);
    m_formats->setMinimumWidth(m_formats->columnWidth(0) + m_formats->columnWidth(1)
                               + m_formats->fontMetrics().horizontalAdvance(describe(QStringLiteral("brat"))) + 24);
    // Tall enough for every format without a scroll bar.
    m_formats->setMinimumHeight(m_formats->sizeHintForRow(0) * (m_formats->topLevelItemCount() + 1)
                                + m_formats->header()->sizeHint().height());

    // Gold means accepted: pending suggestions never reach an export unless chosen here.
    m_status->setObjectName(QStringLiteral("status"));
    m_status->addItem(tr("Accepted spans only (gold)"), QStringLiteral("accepted"));
    m_status->addItem(tr("Accepted and pending suggestions"), QStringLiteral("accepted,pending"));
    m_status->addItem(tr("Accepted, pending and rejected"), QStringLiteral("accepted,pending,rejected"));
    m_status->addItem(tr("Everything, unresolved merge conflicts included"), QStringLiteral("all"));

    m_unit->setObjectName(QStringLiteral("offsets"));
    m_unitNote->setObjectName(QStringLiteral("offsetsNote"));
    m_unitNote->setWordWrap(true);

    m_wholeCorpus->setObjectName(QStringLiteral("wholeCorpus"));
    if (corpusFolder.isEmpty()) {
        m_wholeCorpus->setText(tr("Whole corpus (no corpus is open)"));
        m_wholeCorpus->setEnabled(false);
    } else {
        m_wholeCorpus->setText(
            tr("Whole corpus: the %n document(s) of %1, each with its own annotations", nullptr, int(corpusSize))
                .arg(QDir(corpusFolder).dirName()));
    }

    m_path->setObjectName(QStringLiteral("path"));
    auto *browseButton = new QPushButton(tr("Browse…"), this);
    browseButton->setObjectName(QStringLiteral("browse"));
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browseButton);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_export = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    m_export->setObjectName(QStringLiteral("export"));
    m_export->setDefault(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Spans to write:"), m_status);
    form->addRow(tr("Offsets:"), m_unit);
    form->addRow(QString(), m_unitNote);
    form->addRow(tr("Documents:"), m_wholeCorpus);
    form->addRow(m_pathLabel, pathRow);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Format:"), this));
    layout->addWidget(m_formats, 1);
    layout->addLayout(form);
    layout->addWidget(buttons);

    connect(m_formats, &QTreeWidget::currentItemChanged, this, &ExportDialog::formatChanged);
    connect(m_wholeCorpus, &QCheckBox::toggled, this, &ExportDialog::updateDestination);
    connect(m_path, &QLineEdit::textEdited, this, [this] { m_pathEdited = true; });
    connect(m_path, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_export->setEnabled(!text.trimmed().isEmpty()); });
    connect(browseButton, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_formats->setCurrentItem(m_formats->topLevelItem(0));
    m_formats->setFocus();
}

ExportDialog::~ExportDialog() = default;

void ExportDialog::setFormat(const QString &name)
{
    for (int i = 0; i < m_formats->topLevelItemCount(); ++i) {
        if (m_formats->topLevelItem(i)->data(0, Qt::UserRole).toString() == name) {
            m_formats->setCurrentItem(m_formats->topLevelItem(i));
        }
    }
}

ExportDialog::Choice ExportDialog::choice() const
{
    Choice c;
    if (const QTreeWidgetItem *item = m_formats->currentItem()) {
        c.format = item->data(0, Qt::UserRole).toString();
    }
    c.statuses = m_status->currentData().toString();
    if (m_unit->isEnabled() && m_unit->currentIndex() >= 0) {
        c.offsets = OffsetUnit(m_unit->currentData().toInt());
    }
    c.wholeCorpus = m_wholeCorpus->isEnabled() && m_wholeCorpus->isChecked();
    c.path = m_path->text().trimmed();
    return c;
}

bool ExportDialog::writesFolder() const
{
    const Interchange::Format *format = Interchange::findFormat(choice().format);
    return format && format->writeFolder;
}

void ExportDialog::formatChanged()
{
    const Interchange::Format *format = Interchange::findFormat(choice().format);
    m_unit->clear();
    if (format) {
        for (const OffsetUnit unit : format->writableUnits) {
            m_unit->addItem(OffsetUnits::description(unit), int(unit));
        }
        m_unit->setCurrentIndex(int(format->writableUnits.indexOf(format->unit)));
    }
    const bool choosable = format && format->writableUnits.size() > 1;
    m_unit->setEnabled(choosable);
    m_unitNote->setText(choosable ? tr("%1 writes %2 by default; choose another unit for the tool that reads it.")
                                        .arg(format->name, OffsetUnits::description(format->unit))
                                  : tr("%1 has one offset unit.").arg(format ? format->name : QString()));
    updateDestination();
}

void ExportDialog::updateDestination()
{
    m_pathLabel->setText(writesFolder() ? tr("Folder:") : tr("File:"));
    if (m_pathEdited) {
        return;
    }
    const bool corpus = m_wholeCorpus->isEnabled() && m_wholeCorpus->isChecked();
    // Beside the corpus folder or the document, named after it.
    const QFileInfo source(corpus ? QDir::cleanPath(m_corpusFolder) : m_documentPath);
    const QString base = source.absolutePath() + u'/' + (corpus ? source.fileName() : source.completeBaseName());
    m_path->setText(QDir::toNativeSeparators(base + extensionOf(choice().format)));
}

void ExportDialog::browse()
{
    const QString current = m_path->text().trimmed();
    const QString chosen = writesFolder()
        ? QFileDialog::getExistingDirectory(this, tr("Export to Folder"), QFileInfo(current).absolutePath())
        : QFileDialog::getSaveFileName(this, tr("Export Annotations"), current);
    if (!chosen.isEmpty()) {
        m_path->setText(QDir::toNativeSeparators(chosen));
        m_pathEdited = true;
    }
}

} // namespace Scholiast
