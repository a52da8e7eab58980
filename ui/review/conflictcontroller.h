// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPointer>

namespace Scholiast {

class AnnotationDocument;
class AnnotationView;

/// Merge conflicts in the open document (docs/TEAMS.md): the span versions `scholiast-cli
/// merge-driver` left with status "conflict". Steps through them and settles them as undo steps:
/// keep a version (A) or drop it (R), as suggestions are accepted and rejected.
class ConflictController : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConflictController)

public:
    explicit ConflictController(AnnotationView *view, QObject *parent = nullptr);
    void setDocument(AnnotationDocument *document);

    /// How many spans are in conflict (one per conflict, however many versions it has).
    [[nodiscard]] qsizetype count() const;
    /// The current span when it is a conflict version, else the first version from the caret on
    /// (then from the start); empty when there is none.
    [[nodiscard]] QString currentConflict() const;
    [[nodiscard]] bool isConflict(const QString &id) const;
    /// Shows the next conflict's first version after the current span (wrapping); false when none.
    bool next();
    /// Keeps / drops the current conflict version (one undo step), then shows the next conflict.
    bool keepCurrent();
    bool dropCurrent();

Q_SIGNALS:
    void message(const QString &text);

private:
    AnnotationView *m_view;
    QPointer<AnnotationDocument> m_document;
};

} // namespace Scholiast
