// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editing/annotationdocument.h"
#include "editing/layerset.h"
#include "commands/reviewcommands.h"
#include "editing/reviewmodel.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace Scholiast {

class AnnotationView;
class LayerPainter;

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
    bool decide(ReviewDecision::Decision decision);

Q_SIGNALS:
    void reviewChanged();
    void currentSpotChanged();
    void message(const QString &text);

private:
    [[nodiscard]] AnnotationSet *source(const QString &name) const;
    void setCurrent(const std::optional<ReviewSpot> &spot);

    AnnotationView *m_view;
    QPointer<AnnotationDocument> m_document;
    LayerSet *m_layers;
    ReviewModel *m_model;
    LayerPainter *m_painter;
    QString m_reference;
    QString m_candidate;
    bool m_reviewing = false;
    std::optional<ReviewSpot> m_current;
};

} // namespace Scholiast
