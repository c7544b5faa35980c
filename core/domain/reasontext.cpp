#include "domain/reasontext.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMetaObject>
#include <QStringList>

namespace pushdesk {

namespace {
constexpr char16_t kMarker = u'\x1f';
const QString kTimeKey = QStringLiteral("t");

// One pass over the translated text, so that an argument holding "%1" (an upstream's errmsg) is never
// substituted again, as chained QString::arg calls would.
QString substitute(const QString &pattern, const QStringList &args)
{
    QString out;
    out.reserve(pattern.size() + 32);
    const auto digit = [&](qsizetype i) { return i < pattern.size() && pattern[i] >= u'0' && pattern[i] <= u'9'; };
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == u'%' && digit(i + 1)) {
            qsizetype j = i + 1;
            int n = 0;
            while (digit(j) && j - i <= 2)
                n = n * 10 + pattern[j++].digitValue();
            if (n >= 1 && n <= args.size()) {
                out += args[n - 1];
                i = j - 1;
                continue;
            }
        }
        out += pattern[i];
    }
    return out;
}
} // namespace

ReasonText::ReasonText(const char *context, const char *source)
    : m_context(context)
    , m_source(source)
{
}

ReasonText::ReasonText(const QMetaObject &context, const char *source)
    : ReasonText(context.className(), source)
{
}

ReasonText &ReasonText::arg(const QString &text)
{
    m_args.append(text);
    return *this;
}

ReasonText &ReasonText::arg(qint64 number)
{
    m_args.append(QString::number(number));
    return *this;
}

ReasonText &ReasonText::arg(const QDateTime &time)
{
    m_args.append(QJsonObject{{kTimeKey, time.isValid() ? time.toMSecsSinceEpoch() : 0}});
    return *this;
}

QString ReasonText::encode() const
{
    QJsonArray all{QString::fromUtf8(m_context), QString::fromUtf8(m_source)};
    for (const auto &a : m_args)
        all.append(a);
    return QChar(kMarker) + QString::fromUtf8(QJsonDocument(all).toJson(QJsonDocument::Compact));
}

QString ReasonText::text() const
{
    return display(encode());
}

bool ReasonText::isEncoded(const QString &stored)
{
    return !stored.isEmpty() && stored.front() == QChar(kMarker);
}

QString ReasonText::display(const QString &stored)
{
    if (!isEncoded(stored))
        return stored;
    const QJsonDocument doc = QJsonDocument::fromJson(QStringView(stored).mid(1).toUtf8());
    const QJsonArray all = doc.array();
    if (!doc.isArray() || all.size() < 2 || !all[0].isString() || !all[1].isString())
        return stored.mid(1); // not ours after all: shown as it is, without the marker
    QStringList args;
    for (qsizetype i = 2; i < all.size(); ++i) {
        const QJsonValue v = all[i];
        if (v.isObject()) {
            const qint64 ms = v.toObject().value(kTimeKey).toInteger();
            args.append(ms > 0 ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat) : QString());
        } else {
            args.append(display(v.toString()));
        }
    }
    const QByteArray context = all[0].toString().toUtf8();
    const QByteArray source = all[1].toString().toUtf8();
    return substitute(QCoreApplication::translate(context.constData(), source.constData()), args);
}

} // namespace pushdesk
