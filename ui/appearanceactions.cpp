// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// View > Syntax, View > Theme and View > Annotation Source: kept apart from mainwindow.cpp,
// which calls createAppearanceMenus() once while it builds the View menu.
#include "mainwindow.h"

#include "editing/annotationdocument.h"
#include "view/annotationview.h"
#include "formats/scholiastjson.h"
#include "view/syntaxhighlighter.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStyleHints>
#include <QVBoxLayout>

namespace Scholiast {

namespace {
const auto ThemeKey = QStringLiteral("view/theme");
// The source view shows at most this much of a sidecar: a million spans are ~150 MB of JSON,
// which a QPlainTextEdit with a whole-document highlighter cannot take.
constexpr qsizetype MaxSourceBytes = 4 * 1024 * 1024;
} // namespace

void MainWindow::createAppearanceMenus(QMenu *view)
{
    view->addSeparator();

    // View > Syntax: None, then the definitions by section (built when first opened: there are
    // some 400 of them).
    m_syntaxMenu = view->addMenu(tr("S&yntax"));
    m_syntaxMenu->setObjectName(QStringLiteral("SyntaxMenu"));
    auto *syntaxGroup = new QActionGroup(m_syntaxMenu);
    // Optional: a definition picked before the menu was first opened has no action to check yet.
    syntaxGroup->setExclusionPolicy(QActionGroup::ExclusionPolicy::ExclusiveOptional);
    QAction *none = m_syntaxMenu->addAction(
        SyntaxHighlighter::isAvailable() ? tr("&None (Plain Text)") : tr("None (KSyntaxHighlighting not built in)"));
    none->setObjectName(QStringLiteral("syntax_none"));
    none->setCheckable(true);
    none->setChecked(true);
    none->setEnabled(SyntaxHighlighter::isAvailable());
    syntaxGroup->addAction(none);
    connect(none, &QAction::triggered, this, [this] { m_view->setSyntaxDefinition(QString()); });
    connect(m_syntaxMenu, &QMenu::aboutToShow, this, [this, syntaxGroup] {
        if (m_syntaxMenu->actions().size() > 1 || !SyntaxHighlighter::isAvailable()) {
            return;
        }
        m_syntaxMenu->addSeparator();
        QMenu *section = nullptr;
        for (const SyntaxHighlighter::DefinitionInfo &info : SyntaxHighlighter::definitions()) {
            if (!section || section->title() != info.section) {
                section = m_syntaxMenu->addMenu(info.section);
            }
            QAction *action = section->addAction(info.displayName);
            action->setCheckable(true);
            action->setData(info.name);
            action->setChecked(info.name == m_view->syntaxDefinition());
            syntaxGroup->addAction(action);
            const QString name = info.name;
            connect(action, &QAction::triggered, this, [this, name] { m_view->setSyntaxDefinition(name); });
        }
    });
    connect(m_view, &AnnotationView::syntaxDefinitionChanged, this, [syntaxGroup](const QString &name) {
        for (QAction *action : syntaxGroup->actions()) {
            action->setChecked(action->data().toString() == name);
        }
    });

    // View > Theme
    QMenu *themes = view->addMenu(tr("&Theme"));
    auto *themeGroup = new QActionGroup(themes);
    const struct
    {
        const char *name;
        const char *text;
        ColorTheme::Choice choice;
    } choices[] = {
        {"theme_light", QT_TR_NOOP("&Light"), ColorTheme::Choice::Light},
        {"theme_dark", QT_TR_NOOP("&Dark"), ColorTheme::Choice::Dark},
        {"theme_system", QT_TR_NOOP("Follow &System"), ColorTheme::Choice::System},
    };
    for (const auto &c : choices) {
        QAction *action = addAction(QString::fromLatin1(c.name), tr(c.text));
        action->setCheckable(true);
        themeGroup->addAction(action);
        themes->addAction(action);
        const ColorTheme::Choice choice = c.choice;
        connect(action, &QAction::triggered, this, [this, choice] { setThemeChoice(choice); });
    }
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(QGuiApplication::styleHints(), &QStyleHints::colorSchemeChanged, this, [this] {
        if (m_themeChoice == ColorTheme::Choice::System) {
            setThemeChoice(ColorTheme::Choice::System);
        }
    });
#endif
    setThemeChoice(ColorTheme::choiceFromKey(QSettings().value(ThemeKey).toString()), false);

    view->addSeparator();
    connect(addAction(QStringLiteral("annotation_source"), tr("Annotation &Source")), &QAction::triggered, this,
            &MainWindow::showAnnotationSource);
    view->addAction(action(QStringLiteral("annotation_source")));
}

void MainWindow::setThemeChoice(ColorTheme::Choice choice, bool remember)
{
    // Follow System reads the palette the application started with: capture it before the first change.
    Q_UNUSED(ColorTheme::systemPalette());
    m_themeChoice = choice;
    const ColorTheme theme = ColorTheme::forChoice(choice);
    QApplication::setPalette(theme.palette());
    m_view->setColorTheme(theme);
    if (remember) {
        QSettings().setValue(ThemeKey, ColorTheme::choiceKey(choice));
    }
    if (QAction *checked = action(QLatin1String("theme_") + ColorTheme::choiceKey(choice))) {
        checked->setChecked(true);
    }
}

void MainWindow::showAnnotationSource()
{
    if (!m_document) {
        return;
    }
    const QByteArray json = ScholiastJson::serialize(
        ScholiastJson::makeSidecar(m_document->document(), m_document->labels(), *m_document->spans()));
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("AnnotationSource"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Annotation Source — %1").arg(QFileInfo(m_document->sidecarPath()).fileName()));
    auto *layout = new QVBoxLayout(dialog);
    auto *intro = new QLabel(m_document->isModified() ? tr("What Save would write (unsaved changes included):")
                                                      : tr("The saved annotations:"));
    layout->addWidget(intro);
    auto *editor = new QPlainTextEdit;
    editor->setObjectName(QStringLiteral("AnnotationSourceText"));
    editor->setReadOnly(true);
    editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    editor->setPalette(m_view->colorTheme().palette());
    if (json.size() > MaxSourceBytes) {
        // Cut at a line end: one span per line (docs/FORMAT.md), so every shown line is whole.
        const qsizetype cut = json.lastIndexOf('\n', MaxSourceBytes);
        editor->setPlainText(QString::fromUtf8(json.left(cut > 0 ? cut : MaxSourceBytes)));
        intro->setText(tr("The first %1 MB of %2 MB (the file is too large to show whole):")
                           .arg(MaxSourceBytes / (1024 * 1024))
                           .arg(double(json.size()) / (1024 * 1024), 0, 'f', 1));
    } else {
        editor->setPlainText(QString::fromUtf8(json));
    }
    SyntaxHighlighter::highlightWholeDocument(editor->document(), QStringLiteral("JSON"),
                                              m_view->colorTheme().isDark());
    layout->addWidget(editor, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog->resize(900, 640);
    dialog->show();
}

} // namespace Scholiast
