// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDockWidget>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLineEdit;
class QTableView;
QT_END_NAMESPACE

namespace Scholiast {

class AnnotationDocument;
class SpanFilterModel;
class SpanListModel;

/// The span list: every span of the document, sortable, filterable by label and text.
/// Selecting a row asks to show the span; setCurrentSpan() selects the row of the view's span.
class SpanListDock : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpanListDock)

public:
    explicit SpanListDock(QWidget *parent = nullptr);
    ~SpanListDock() override;

    void setDocument(AnnotationDocument *document);
    /// Selects the span's row (an empty id clears the selection) without emitting spanActivated.
    void setCurrentSpan(const QString &id);
    [[nodiscard]] QString currentSpan() const;

    [[nodiscard]] QTableView *tableView() const { return m_table; }
    [[nodiscard]] SpanListModel *model() const { return m_model; }
    [[nodiscard]] SpanFilterModel *proxy() const { return m_proxy; }

Q_SIGNALS:
    void spanActivated(const QString &id);

private:
    void onCurrentRowChanged();
    void updateLabelFilter();
    /// Start and End as wide as the document's largest offset (issue 18: "1954…").
    void fitOffsetColumns();

    QPointer<AnnotationDocument> m_document;
    SpanListModel *m_model;
    SpanFilterModel *m_proxy;
    QComboBox *m_labelFilter;
    QLineEdit *m_textFilter;
    QTableView *m_table;
    // Set while the dock follows the view, so that selecting the row does not echo back.
    QString m_currentBeforeReset;
    bool m_updatingSelection = false;
};

} // namespace Scholiast
