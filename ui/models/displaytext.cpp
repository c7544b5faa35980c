#include "models/displaytext.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>

namespace pushdesk {

namespace {
struct Word {
    const char *stored;
    const char *label;
};

// One context for every stored word, so that "failed" or "active" is translated once.
const Word kWords[] = {
    {"official_account", QT_TRANSLATE_NOOP("DisplayText", "Official account")},
    {"mini_program", QT_TRANSLATE_NOOP("DisplayText", "Mini-program")},
    {"internal", QT_TRANSLATE_NOOP("DisplayText", "Internal")},
    {"active", QT_TRANSLATE_NOOP("DisplayText", "Active")},
    {"suspended", QT_TRANSLATE_NOOP("DisplayText", "Suspended")},
    {"banned", QT_TRANSLATE_NOOP("DisplayText", "Banned")},
    {"muted", QT_TRANSLATE_NOOP("DisplayText", "Muted (do not disturb)")},
    {"blocked", QT_TRANSLATE_NOOP("DisplayText", "Blocked")},
    {"unbound", QT_TRANSLATE_NOOP("DisplayText", "Unbound")},
    {"strong", QT_TRANSLATE_NOOP("DisplayText", "Strong (push)")},
    {"weak", QT_TRANSLATE_NOOP("DisplayText", "Weak (inbox only)")},
    {"none", QT_TRANSLATE_NOOP("DisplayText", "None")},
    {"draft", QT_TRANSLATE_NOOP("DisplayText", "Draft")},
    {"scheduled", QT_TRANSLATE_NOOP("DisplayText", "Scheduled")},
    {"running", QT_TRANSLATE_NOOP("DisplayText", "Running")},
    {"paused", QT_TRANSLATE_NOOP("DisplayText", "Paused")},
    {"cancelled", QT_TRANSLATE_NOOP("DisplayText", "Cancelled")},
    {"finished", QT_TRANSLATE_NOOP("DisplayText", "Finished")},
    {"failed", QT_TRANSLATE_NOOP("DisplayText", "Failed")},
    {"pending", QT_TRANSLATE_NOOP("DisplayText", "Pending")},
    {"in_flight", QT_TRANSLATE_NOOP("DisplayText", "In flight")},
    {"sent", QT_TRANSLATE_NOOP("DisplayText", "Sent")},
    {"inbox", QT_TRANSLATE_NOOP("DisplayText", "Inbox")},
    {"skipped", QT_TRANSLATE_NOOP("DisplayText", "Skipped")},
    {"uncertain", QT_TRANSLATE_NOOP("DisplayText", "Uncertain")},
    {"wechat", QT_TRANSLATE_NOOP("DisplayText", "WeChat")},
    {"miniprogram", QT_TRANSLATE_NOOP("DisplayText", "Mini-program")},
    {"bark", QT_TRANSLATE_NOOP("DisplayText", "Bark")},
    {"email", QT_TRANSLATE_NOOP("DisplayText", "E-mail")},
    {"ntfy", QT_TRANSLATE_NOOP("DisplayText", "ntfy")},
    {"webhook", QT_TRANSLATE_NOOP("DisplayText", "Webhook")},
    {"custom", QT_TRANSLATE_NOOP("DisplayText", "Customer-service message")},
    {"template", QT_TRANSLATE_NOOP("DisplayText", "Template message")},
};

const QHash<QString, const char *> &labels()
{
    static const QHash<QString, const char *> table = [] {
        QHash<QString, const char *> t;
        for (const Word &w : kWords)
            t.insert(QString::fromLatin1(w.stored), w.label);
        return t;
    }();
    return table;
}
} // namespace

QString DisplayText::label(const QString &word)
{
    const auto it = labels().constFind(word);
    return it == labels().constEnd() ? word : QCoreApplication::translate("DisplayText", *it);
}

QString DisplayText::dateTime(qint64 msecs)
{
    if (msecs <= 0)
        return QCoreApplication::translate("DisplayText", "never");
    return dateTime(QDateTime::fromMSecsSinceEpoch(msecs));
}

QString DisplayText::dateTime(const QDateTime &time)
{
    if (!time.isValid())
        return QCoreApplication::translate("DisplayText", "never");
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

QString DisplayText::yesNo(bool value)
{
    return value ? QCoreApplication::translate("DisplayText", "Yes") : QCoreApplication::translate("DisplayText", "No");
}

QString DisplayText::number(qint64 value)
{
    return QLocale().toString(value);
}

QString DisplayText::duration(qint64 seconds)
{
    if (seconds < 0)
        return QCoreApplication::translate("DisplayText", "unknown");
    const qint64 h = seconds / 3600;
    const qint64 m = (seconds / 60) % 60;
    const qint64 s = seconds % 60;
    const QLatin1Char zero('0');
    if (h > 0)
        return QCoreApplication::translate("DisplayText", "%1:%2:%3", "hours:minutes:seconds")
            .arg(h)
            .arg(m, 2, 10, zero)
            .arg(s, 2, 10, zero);
    return QCoreApplication::translate("DisplayText", "%1:%2", "minutes:seconds").arg(m).arg(s, 2, 10, zero);
}

} // namespace pushdesk
