// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDockWidget>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QAction;
class QComboBox;
class QLabel;
class QListView;
QT_END_NAMESPACE

namespace Scholiast {

class ReviewController;

/// Review mode's dock: the reference and candidate layers, the legend of the five kinds, the
/// list of disagreements ("n of N", decided ones ticked and greyed), the one F8 is on, and
/// buttons for the review actions (which the window owns).
class ReviewDock : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewDock)

public:
    ReviewDock(ReviewController *controller, const QList<QAction *> &actions, QWidget *parent = nullptr);
    ~ReviewDock() override;

    [[nodiscard]] QString referenceChoice() const;
    [[nodiscard]] QString candidateChoice() const;
    [[nodiscard]] QComboBox *referenceBox() const { return m_reference; }
    [[nodiscard]] QComboBox *candidateBox() const { return m_candidate; }
    [[nodiscard]] QString currentText() const;
    /// "Disagreement n of N · k resolved".
    [[nodiscard]] QString positionText() const;
    /// One row per ReviewController::entries(); ResolvedRole is true for a decided one.
    [[nodiscard]] QListView *list() const { return m_list; }
    static constexpr int ResolvedRole = Qt::UserRole + 1;
    /// The longest span text shown, in UTF-16 units with the "…".
    static constexpr int TextLength = 60;

Q_SIGNALS:
    /// The user picked other layers.
    void choiceChanged();

private:
    void rebuildChoices();
    void updateCurrent();
    void updateList();

    ReviewController *m_controller;
    QComboBox *m_reference;
    QComboBox *m_candidate;
    QLabel *m_current;
    QLabel *m_position;
    QListView *m_list;
    bool m_selecting = false; // set while the list's selection follows the controller
    bool m_rebuilding = false;
    // The user chose layers; until then the defaults follow the layers as they load.
    bool m_picked = false;
};

} // namespace Scholiast
