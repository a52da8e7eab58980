// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "encodingdialog.h"

#include "encoding.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace Scholiast {

namespace {
// The preview decodes the beginning only: enough to tell a right encoding from a wrong one.
constexpr qsizetype PreviewBytes = 4096;
} // namespace

EncodingDialog::EncodingDialog(const QString &path, const QByteArray &bytes, const QString &problem, QWidget *parent)
    : QDialog(parent)
    , m_bytes(bytes)
    , m_path(path)
    , m_copyPath(Encoding::copyPath(path))
    , m_detected(Encoding::detect(bytes))
    , m_message(new QLabel(this))
    , m_encoding(new QComboBox(this))
    , m_preview(new QPlainTextEdit(this))
    , m_open(nullptr)
{
    setObjectName(QStringLiteral("EncodingDialog"));
    setWindowTitle(tr("Not UTF-8"));
    const QString name = QFileInfo(path).fileName();
    QString text =
        tr("<p><b>%1 is not UTF-8</b>, the encoding Scholiast reads documents in.</p>").arg(name.toHtmlEscaped());
    if (!m_detected.isEmpty()) {
        text += tr("<p>It is most likely <b>%1</b>.</p>").arg(Encoding::displayName(m_detected).toHtmlEscaped());
    } else if (Encoding::canDetect()) {
        text += tr("<p>Its encoding could not be told from its content.</p>");
    }
    text += tr("<p>Scholiast can open a UTF-8 copy, <b>%1</b>, beside it; %2 itself is not changed. "
               "Check the preview and choose the encoding in which the text reads right.</p>")
                .arg(QFileInfo(m_copyPath).fileName().toHtmlEscaped(), name.toHtmlEscaped());
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setTextFormat(Qt::RichText);
    m_message->setWordWrap(true);
    m_message->setText(text);
    m_message->setToolTip(problem);
    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(32, 32));
    icon->setAlignment(Qt::AlignTop);

    m_encoding->setObjectName(QStringLiteral("encoding"));
    for (const QString &encoding : Encoding::choices(m_detected)) {
        m_encoding->addItem(encoding == m_detected ? tr("%1 — detected").arg(Encoding::displayName(encoding))
                                                   : Encoding::displayName(encoding),
                            encoding);
    }
    // The detected encoding is proposed, for the user to confirm; without one, nothing is chosen.
    m_encoding->setCurrentIndex(m_detected.isEmpty() ? -1 : 0);
    m_encoding->setPlaceholderText(tr("Choose an encoding"));

    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_preview->setMinimumHeight(m_preview->fontMetrics().lineSpacing() * 8);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_open = buttons->addButton(tr("Open UTF-8 Copy"), QDialogButtonBox::AcceptRole);
    m_open->setObjectName(QStringLiteral("open"));

    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    top->addWidget(m_message, 1);
    auto *form = new QFormLayout;
    form->addRow(tr("Encoding:"), m_encoding);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(form);
    layout->addWidget(m_preview, 1);
    layout->addWidget(buttons);

    connect(m_encoding, &QComboBox::currentIndexChanged, this, &EncodingDialog::updatePreview);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updatePreview();
    resize(560, 420);
}

EncodingDialog::~EncodingDialog() = default;

QString EncodingDialog::encoding() const
{
    return m_encoding->currentData().toString();
}

void EncodingDialog::updatePreview()
{
    const QString chosen = encoding();
    if (chosen.isEmpty()) {
        m_preview->setPlainText(QString());
        m_open->setEnabled(false);
        return;
    }
    // The whole file must decode, not just the preview: a bad byte further on is said now.
    Diagnostics diagnostics;
    const auto text = Encoding::decode(m_bytes, chosen, QFileInfo(m_path).fileName(), diagnostics);
    m_open->setEnabled(bool(text));
    if (!text) {
        m_preview->setPlainText(diagnostics.isEmpty() ? QString() : diagnostics.first().toString());
        return;
    }
    m_preview->setPlainText(text->left(PreviewBytes));
}

} // namespace Scholiast
