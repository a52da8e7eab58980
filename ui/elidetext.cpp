// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "elidetext.h"

#include <QTextBoundaryFinder>

namespace Scholiast {

QString elideAtWord(const QString &text, qsizetype maxLength)
{
    const QString line = text.simplified();
    if (line.size() <= maxLength) {
        return line;
    }
    const QChar ellipsis(0x2026);
    const qsizetype room = std::max<qsizetype>(0, maxLength - 1);
    // The last end of a word that fits: words end where the finder says EndOfItem.
    QTextBoundaryFinder words(QTextBoundaryFinder::Word, line);
    qsizetype cut = -1;
    for (qsizetype at = words.toNextBoundary(); at >= 0 && at <= room; at = words.toNextBoundary()) {
        if (words.boundaryReasons() & QTextBoundaryFinder::EndOfItem) {
            cut = at;
        }
    }
    if (cut < room / 2) {
        // One long word (or a script without spaces): as much as fits, whole characters only.
        QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, line);
        cut = 0;
        for (qsizetype at = graphemes.toNextBoundary(); at >= 0 && at <= room; at = graphemes.toNextBoundary()) {
            cut = at;
        }
    }
    return line.left(cut).trimmed() + ellipsis;
}

} // namespace Scholiast
