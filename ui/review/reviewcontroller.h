// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editing/annotationdocument.h"
#include "editing/layerset.h"
#include "commands/reviewcommands.h"
#include "editing/reviewmodel.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <optional>
#include <vector>

QT_BEGIN_NAMESPACE
class QTimer;
class QUndoCommand;
QT_END_NAMESPACE

namespace Scholiast {

class AnnotationView;
class LayerPainter;

/// One row of review mode's list: a disagreement, or one decided in this review.
struct ReviewEntry
{
    ReviewSpot spot;
    /// Decided in this review (the decision is applied, not undone).
    bool resolved = false;
    ReviewDecision::Decision decision = ReviewDecision::Decision::AcceptCandidate;
};

/// Layers and review mode for the open document: owns its LayerSet, the ReviewModel and the
/// painter the view draws them with, steps through disagreements and turns decisions into
/// commands on the document's undo stack. The window wires actions and the dock to it.
class ReviewController : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewController)

public:
    /// The settings key of the annotator's name, recorded with each decision.
    static constexpr const char *AnnotatorKey = "annotator/name";

    explicit ReviewController(AnnotationView *view, QObject *parent = nullptr);
    ~ReviewController() override;

    /// A new document: its layers are gone, review is off.
    void setDocument(AnnotationDocument *document);
    [[nodiscard]] AnnotationDocument *document() const { return m_document; }
    [[nodiscard]] LayerSet *layers() const { return m_layers; }
    [[nodiscard]] ReviewModel *model() const { return m_model; }
    [[nodiscard]] LayerPainter *painter() const { return m_painter; }

    /// Adds read-only layers (read with the document, or imported); returns the last name given.
    void addLayers(std::vector<LayerFile> files);
    QString addLayer(const QString &name, const QList<Annotation> &spans, const LabelSchema &labels);

    /// Layer names a side can be: "" (the editable spans) and every layer.
    [[nodiscard]] QStringList sources() const;
    /// Starts review mode: each side a layer name, "" for the editable spans. False (and nothing
    /// changes) for an unknown name.
    bool startReview(const QString &reference, const QString &candidate);
    void stopReview();
    [[nodiscard]] bool isReviewing() const;
    [[nodiscard]] QString referenceName() const { return m_reference; }
    [[nodiscard]] QString candidateName() const { return m_candidate; }

    /// F8 (1) / Shift+F8 (-1): moves to the next or previous disagreement in document order,
    /// scrolls to it and makes its editable span current. False at either end.
    bool step(int direction);
    [[nodiscard]] std::optional<ReviewSpot> currentSpot() const { return m_current; }
    /// Decides the current disagreement as one undo step; false when there is none or nothing
    /// would change (the reason goes to message()).
    /// Accept and Keep move on to the next open disagreement; Fix stays on the span to adjust.
    bool decide(ReviewDecision::Decision decision);

    /// Every disagreement of the two layers in document order, the ones decided in this review
    /// marked resolved. Walks the whole document (review mode only), once per change of spans.
    [[nodiscard]] const QList<ReviewEntry> &entries() const;
    /// The current spot's row in entries(); -1 when there is none.
    [[nodiscard]] int currentIndex() const;
    /// Makes entries()[index] current, as F8 does; false for a row that does not exist.
    bool goTo(int index);

Q_SIGNALS:
    void reviewChanged();
    void currentSpotChanged();
    /// entries() changed (spans were edited, a decision made or undone).
    void entriesChanged();
    void message(const QString &text);

private:
    // A decision of this review; it counts while its command is applied on the undo stack.
    struct Decided
    {
        ReviewSpot spot;
        ReviewDecision::Decision decision;
        const QUndoCommand *command;
        // The spans it is about, per side, the span it left included: a disagreement that
        // still involves one of them is this decision's, not a new one.
        QStringList referenceIds;
        QStringList candidateIds;
    };

    [[nodiscard]] AnnotationSet *source(const QString &name) const;
    bool decideRelation(ReviewDecision::Decision decision);
    void setCurrent(const std::optional<ReviewSpot> &spot);
    void show(const ReviewSpot &spot);
    void invalidateEntries();
    void updateEntries() const;
    void followCurrent();
    [[nodiscard]] bool isApplied(const QUndoCommand *command) const;
    [[nodiscard]] static bool covers(const Decided &decided, const ReviewSpot &spot);

    AnnotationView *m_view;
    QPointer<AnnotationDocument> m_document;
    LayerSet *m_layers;
    ReviewModel *m_model;
    LayerPainter *m_painter;
    QString m_reference;
    QString m_candidate;
    bool m_reviewing = false;
    std::optional<ReviewSpot> m_current;
    std::vector<Decided> m_decided;
    mutable QList<ReviewEntry> m_entries;
    mutable bool m_entriesValid = false;
    QTimer *m_entriesTimer;
    QList<QMetaObject::Connection> m_stackConnections;
};

} // namespace Scholiast
