// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// AnnotationView's syntax colouring and theme: kept apart from annotationview.cpp, which calls
// setUpSyntax() once and pickSyntaxForDocument() when the document changes. The highlighter
// runs from the layout cache's formatter, so only paragraphs being laid out (painted or
// measured) are highlighted.
#include "annotationview.h"

#include "syntaxhighlighter.h"

#include <QFileInfo>

namespace Scholiast {

namespace {
// Characters read for guessing a definition from content (a doctype, an XML prolog).
constexpr qsizetype SniffLength = 4096;
} // namespace

void AnnotationView::setUpSyntax()
{
    m_syntax = std::make_unique<SyntaxHighlighter>();
    m_syntax->setDark(m_theme.isDark());
}

void AnnotationView::pickSyntaxForDocument()
{
    if (!m_document) {
        m_syntax->setSource({}, 0);
        m_syntax->setDefinition(QString());
        m_cache.setFormatter({});
        Q_EMIT syntaxDefinitionChanged(QString());
        return;
    }
    const Document *document = &m_document->document();
    setSyntaxSource();
    const QString path = m_document->path();
    setSyntaxDefinition(SyntaxHighlighter::definitionForFile(QFileInfo(path).fileName(),
                                                             QStringView(document->text()).left(SniffLength)));
}

// The highlighter colours the layout's paragraphs: a line cut into pieces is highlighted piece by
// piece, the state carried from one to the next as from line to line.
void AnnotationView::setSyntaxSource()
{
    const Document *document = m_document ? &m_document->document() : nullptr;
    if (!document) {
        m_syntax->setSource({}, 0);
        return;
    }
    m_syntax->setSource(
        [this, document](qint64 paragraph) {
            return QStringView(document->text()).mid(m_cache.start(paragraph).value, m_cache.length(paragraph));
        },
        m_cache.paragraphCount());
}

void AnnotationView::setMaxLayoutBlockLength(qint64 units)
{
    m_cache.setMaxBlockLength(units);
    setSyntaxSource();
    if (m_syntax->isActive()) {
        m_cache.setFormatter([this](qint64 paragraph) { return m_syntax->formats(paragraph); });
    }
    m_topParagraph = 0;
    m_topOffset = 0;
    updateGeometry();
}

void AnnotationView::setSyntaxDefinition(const QString &name)
{
    m_syntax->setDefinition(name);
    if (m_syntax->isActive()) {
        m_cache.setFormatter([this](qint64 paragraph) { return m_syntax->formats(paragraph); });
    } else {
        m_cache.setFormatter({});
    }
    updateGeometry();
    Q_EMIT syntaxDefinitionChanged(m_syntax->definition());
}

QString AnnotationView::syntaxDefinition() const
{
    return m_syntax->definition();
}

void AnnotationView::setColorTheme(const ColorTheme &theme)
{
    m_theme = theme;
    setPalette(theme.palette());
    if (m_syntax->isDark() != theme.isDark()) {
        m_syntax->setDark(theme.isDark());
        if (m_syntax->isActive()) {
            // The formats change with the theme (the highlighter's states do not): lay out again.
            m_cache.setFormatter([this](qint64 paragraph) { return m_syntax->formats(paragraph); });
            updateGeometry();
        }
    }
    viewport()->update();
}

QList<QTextLayout::FormatRange> AnnotationView::paragraphFormats(qint64 paragraph)
{
    if (paragraph < 0 || paragraph >= m_cache.paragraphCount()) {
        return {};
    }
    return m_cache.layout(paragraph)->formats();
}

} // namespace Scholiast
