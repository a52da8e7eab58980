// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDialog>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
QT_END_NAMESPACE

namespace Scholiast {

/// A document that is not UTF-8 (issue 18 item 15): says so, names the encoding uchardet finds
/// most likely (annotations/encoding.h), and offers a UTF-8 copy beside the file in an encoding
/// the user chooses, with a preview of the text decoded that way. The detected encoding is only
/// preselected; nothing is decoded until the user says Open, and the original is never written.
class EncodingDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EncodingDialog)

public:
    /// `bytes`: the file's content; `problem`: the error the loader gave, shown as it is.
    EncodingDialog(const QString &path, const QByteArray &bytes, const QString &problem, QWidget *parent = nullptr);
    ~EncodingDialog() override;

    /// The encoding chosen (iconv's name); empty while none is.
    [[nodiscard]] QString encoding() const;
    /// Where the copy will be written.
    [[nodiscard]] QString copyPath() const { return m_copyPath; }
    /// The detected encoding; empty when none (no uchardet, or it could not tell).
    [[nodiscard]] QString detected() const { return m_detected; }

    [[nodiscard]] QComboBox *encodingBox() const { return m_encoding; }
    [[nodiscard]] QPlainTextEdit *preview() const { return m_preview; }
    [[nodiscard]] QPushButton *openButton() const { return m_open; }
    [[nodiscard]] QLabel *messageLabel() const { return m_message; }

private:
    void updatePreview();

    QByteArray m_bytes;
    QString m_path;
    QString m_copyPath;
    QString m_detected;
    QLabel *m_message;
    QComboBox *m_encoding;
    QPlainTextEdit *m_preview;
    QPushButton *m_open;
};

} // namespace Scholiast
