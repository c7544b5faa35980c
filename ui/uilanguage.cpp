#include "uilanguage.h"

#include <QEvent>
#include <QTranslator>
#include <memory>

namespace pushdesk {

namespace {
QTranslator *g_translator = nullptr; // parented to the application
QString g_current = QStringLiteral("en");
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
    g_translator = translator.release();
    QCoreApplication::installTranslator(g_translator);
    g_current = code;
    return {};
}

} // namespace pushdesk
