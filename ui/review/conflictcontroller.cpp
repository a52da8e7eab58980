// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "conflictcontroller.h"

#include "editing/annotationdocument.h"
#include "view/annotationview.h"
#include "commands/spancommands.h"
#include "threewaymerge.h"

#include <QSet>
#include <QUndoStack>

namespace Scholiast {

ConflictController::ConflictController(AnnotationView *view, QObject *parent)
    : QObject(parent)
    , m_view(view)
{
}

void ConflictController::setDocument(AnnotationDocument *document)
{
    m_document = document;
}

bool ConflictController::isConflict(const QString &id) const
{
    const Annotation *span = m_document ? m_document->spans()->find(id) : nullptr;
    return span && span->status() == Annotation::Status::Conflict;
}

qsizetype ConflictController::count() const
{
    // The maintained count answers the usual case, no conflict, without walking the set.
    if (!m_document || m_document->spans()->count(Annotation::Status::Conflict) == 0) {
        return 0;
    }
    QSet<QString> groups;
    for (const Annotation *span : m_document->spans()->sorted()) {
        if (span->status() == Annotation::Status::Conflict) {
            groups.insert(ThreeWayMerge::conflictGroup(*span));
        }
    }
    return groups.size();
}

QString ConflictController::currentConflict() const
{
    if (!m_document) {
        return {};
    }
    const QString current = m_view->currentSpan();
    if (isConflict(current)) {
        return current;
    }
    const AnnotationSet *set = m_document->spans();
    for (const Annotation *span = set->firstFrom(m_view->cursorPosition()); span; span = set->next(span->id)) {
        if (span->status() == Annotation::Status::Conflict) {
            return span->id;
        }
    }
    for (const Annotation *span : set->sorted()) {
        if (span->status() == Annotation::Status::Conflict) {
            return span->id;
        }
    }
    return {};
}

bool ConflictController::next()
{
    if (!m_document) {
        return false;
    }
    const AnnotationSet *set = m_document->spans();
    const QString current = m_view->currentSpan();
    const Annotation *from = set->find(current);
    const QString group = from ? ThreeWayMerge::conflictGroup(*from) : QString();
    const auto isNext = [&](const Annotation *span) {
        return span->status() == Annotation::Status::Conflict
            && (group.isEmpty() || ThreeWayMerge::conflictGroup(*span) != group);
    };
    const Annotation *found = nullptr;
    for (const Annotation *span = from ? set->next(from->id) : set->firstFrom(m_view->cursorPosition()); span;
         span = set->next(span->id)) {
        if (isNext(span)) {
            found = span;
            break;
        }
    }
    if (!found) { // wrap round
        for (const Annotation *span : set->sorted()) {
            if (isNext(span)) {
                found = span;
                break;
            }
        }
    }
    if (!found) {
        if (from && from->status() == Annotation::Status::Conflict) {
            return true; // the only conflict left is the current one
        }
        Q_EMIT message(tr("No merge conflicts in this document"));
        return false;
    }
    m_view->revealSpan(found->id);
    const qsizetype versions = ResolveConflict::versionsOf(set, found->id).size();
    Q_EMIT message(
        tr("Merge conflict: %n version(s) of one span; A keeps the current one, R drops it", nullptr, int(versions)));
    return true;
}

bool ConflictController::keepCurrent()
{
    const QString id = currentConflict();
    if (id.isEmpty() || !m_document || m_document->isReadOnly()) {
        return false;
    }
    auto *command = new ResolveConflict(m_document->spans(), id, ResolveConflict::Choice::Keep);
    const QString resolved = command->resolvedId();
    m_document->undoStack()->push(command);
    m_view->setCurrentSpan(resolved);
    // Some group is left exactly when some conflict span is: the maintained count says so.
    if (m_document->spans()->count(Annotation::Status::Conflict) > 0) {
        next();
    } else {
        Q_EMIT message(tr("Every merge conflict is resolved: save, then git add the sidecar"));
    }
    return true;
}

bool ConflictController::dropCurrent()
{
    const QString id = currentConflict();
    if (id.isEmpty() || !m_document || m_document->isReadOnly()) {
        return false;
    }
    const QStringList others = [&] {
        QStringList versions = ResolveConflict::versionsOf(m_document->spans(), id);
        versions.removeAll(id);
        return versions;
    }();
    m_document->undoStack()->push(new ResolveConflict(m_document->spans(), id, ResolveConflict::Choice::Drop));
    if (!others.isEmpty()) {
        m_view->revealSpan(others.first()); // the version left is the one to keep, or drop too
        Q_EMIT message(tr("Dropped one version: A keeps the one left, R drops it too"));
    } else if (m_document->spans()->count(Annotation::Status::Conflict) > 0) {
        next();
    } else {
        Q_EMIT message(tr("Every merge conflict is resolved: save, then git add the sidecar"));
    }
    return true;
}

} // namespace Scholiast
