#pragma once

#include <QObject>
#include <QString>

#include <memory>

QT_BEGIN_NAMESPACE
class QLockFile;
QT_END_NAMESPACE

namespace Scholiast {

/// The lock an open document holds beside its sidecar (`<doc>.scholiast.json.lock`), so that a
/// second Scholiast opening the same document knows and opens it read-only. A lock left by a
/// process that no longer runs (a crash, SIGKILL) is taken over; QLockFile checks the process id.
class SidecarLock : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SidecarLock)

public:
    enum class State {
        Unlocked,
        Locked,     ///< this process holds the lock
        HeldByOther, ///< another running process holds it: open read-only
        Unavailable ///< the lock file cannot be created (read-only folder, ...): nothing to share
    };

    explicit SidecarLock(QObject *parent = nullptr);
    ~SidecarLock() override;

    /// Releases any lock held and tries to lock the sidecar's lock file without waiting.
    State lock(const QString &sidecarPath);
    void unlock();
    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] QString path() const { return m_path; }
    /// "process 1234 on host", when another process holds the lock.
    [[nodiscard]] QString holder() const { return m_holder; }

    [[nodiscard]] static QString lockPath(const QString &sidecarPath);

private:
    std::unique_ptr<QLockFile> m_lock;
    State m_state = State::Unlocked;
    QString m_path;
    QString m_holder;
};

} // namespace Scholiast
