#pragma once
// The console's language at run time: installs or removes our translator (":/i18n/pushdesk_<code>.qm")
// on the application. Qt then sends QEvent::LanguageChange to every widget, and each page retranslates
// itself without losing what was typed.
#include "domain/result.h"

#include <QCoreApplication>
#include <QString>

namespace pushdesk {

class UiLanguage {
    Q_DECLARE_TR_FUNCTIONS(UiLanguage)
public:
    // "en" (the source strings) or "zh_CN". An error says why the translation could not be loaded;
    // the window then stays in English.
    static Result<void> apply(const QString &code);
    static QString current(); // the code applied last ("en" before any)
    static QList<QPair<QString, QString>> available(); // code -> name in its own language
};

} // namespace pushdesk
