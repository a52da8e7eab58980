#include "atomicfile.h"

#include <QSaveFile>

namespace Scholiast {

bool writeFileAtomically(const QString &path, const QByteArray &bytes, Diagnostics &diagnostics)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        diagnostics.append(Diagnostic::error(path, QStringLiteral("cannot write: ") + file.errorString()));
        return false;
    }
    if (file.write(bytes) != bytes.size()) {
        diagnostics.append(Diagnostic::error(path, QStringLiteral("cannot write: ") + file.errorString()));
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        diagnostics.append(Diagnostic::error(path, QStringLiteral("cannot save: ") + file.errorString()));
        return false;
    }
    return true;
}

} // namespace Scholiast
