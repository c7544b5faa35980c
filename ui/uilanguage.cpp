#include "uilanguage.h"

#include <QEvent>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>
#include <memory>

namespace pushdesk {

namespace {
QTranslator *g_translator = nullptr; // parented to the application
QTranslator *g_qtTranslator = nullptr; // Qt's own words (standard buttons, file dialogs), from qt6-translations-l10n
QString g_current = QStringLiteral("en");

// Qt's own strings and the locale follow the language, so that no English is left in a Chinese window (the
// standard buttons of a message box) and numbers and dates are written the way the reader expects.
void applyQtLanguage(const QString &code)
{
    if (g_qtTranslator) {
        QCoreApplication::removeTranslator(g_qtTranslator);
        delete g_qtTranslator;
        g_qtTranslator = nullptr;
    }
    QLocale::setDefault(QLocale(code == QLatin1String("en") ? QStringLiteral("en_US") : code));
    if (code == QLatin1String("en"))
        return;
    auto qt = std::make_unique<QTranslator>(QCoreApplication::instance());
    if (qt->load(QStringLiteral("qtbase_%1").arg(code), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        g_qtTranslator = qt.release();
        QCoreApplication::installTranslator(g_qtTranslator);
    }
}
} // namespace

QList<QPair<QString, QString>> UiLanguage::available()
{
    return {{QStringLiteral("en"), QStringLiteral("English")}, {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
}

QString UiLanguage::current()
{
    return g_current;
}

Result<void> UiLanguage::apply(const QString &code)
{
    bool removed = false;
    if (g_translator) {
        removed = QCoreApplication::removeTranslator(g_translator); // sends LanguageChange
        delete g_translator;
        g_translator = nullptr;
    }
    if (code.isEmpty() || code == QLatin1String("en")) {
        g_current = QStringLiteral("en");
        applyQtLanguage(g_current);
        // The English plural forms ("1 subscriber", "5 subscribers").
        auto en = std::make_unique<QTranslator>(QCoreApplication::instance());
        if (en->load(QStringLiteral(":/i18n/pushdesk_en.qm"))) {
            g_translator = en.release();
            QCoreApplication::installTranslator(g_translator);
        } else if (!removed) {
            // Nothing changed for Qt, but the pages still refresh their words (e.g. after a failed load).
            QEvent change(QEvent::LanguageChange);
            QCoreApplication::sendEvent(QCoreApplication::instance(), &change);
        }
        return {};
    }
    auto translator = std::make_unique<QTranslator>(QCoreApplication::instance());
    const QString file = QStringLiteral(":/i18n/pushdesk_%1.qm").arg(code);
    if (!translator->load(file)) {
        g_current = QStringLiteral("en");
        return fail(tr("The translation %1 could not be loaded; the console stays in English.").arg(file));
    }
    applyQtLanguage(code);
    g_translator = translator.release();
    QCoreApplication::installTranslator(g_translator);
    g_current = code;
    return {};
}

} // namespace pushdesk
