#include "engine/tokencache.h"

#include "domain/reasontext.h"
#include "engine/networkpool.h"
#include "engine/upstreamreply.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkReply>

Q_LOGGING_CATEGORY(lcToken, "pushdesk.engine.token")

namespace pushdesk {


TokenCache::TokenCache(NetworkPool &pool, QUrl wechatBase, QString appid, QString secret, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_base(std::move(wechatBase))
    , m_appid(std::move(appid))
    , m_secret(std::move(secret))
{
}

void TokenCache::withToken(Callback cb)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!m_token.isEmpty() && now < m_refreshAtMs) {
        cb(m_token);
        return;
    }
    m_waiting.append(std::move(cb));
    if (!m_fetching)
        fetch();
}

void TokenCache::invalidate(const QString &token)
{
    if (token == m_token) {
        m_token.clear();
        m_refreshAtMs = 0;
        m_forceNext = true;
    }
}

void TokenCache::fetch()
{
    m_fetching = true;
    ++m_fetches;
    QUrl url = m_base;
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0) + QStringLiteral("/cgi-bin/stable_token"));
    const QJsonObject body{
        {QStringLiteral("grant_type"), QStringLiteral("client_credential")},
        {QStringLiteral("appid"), m_appid},
        {QStringLiteral("secret"), m_secret},
        {QStringLiteral("force_refresh"), m_forceNext},
    };
    m_forceNext = false;
    QNetworkReply *reply = m_pool.post(NetworkPool::jsonRequest(url), QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply]() {
        const UpstreamReply r = UpstreamReply::fromWeChat(reply);
        Result<QString> result;
        if (r.kind == UpstreamReply::Kind::Ok && !r.accessToken.isEmpty()) {
            m_token = r.accessToken;
            // Refresh five minutes before expiry, or halfway through a short-lived token.
            const qint64 lifeMs = qint64(std::max(r.expiresIn, 2)) * 1000;
            m_refreshAtMs = QDateTime::currentMSecsSinceEpoch() + lifeMs - std::min<qint64>(5 * 60 * 1000, lifeMs / 2);
            result = m_token;
            qCInfo(lcToken) << "access token fetched for" << m_appid << "valid for" << r.expiresIn << "s";
        } else {
            // Stored as a delivery's or a broadcast's reason: the stored form (ReasonText), the reply's nested.
            result = fail(ReasonText("TokenCache", QT_TRANSLATE_NOOP("TokenCache", "cannot get an access token for %1: %2"))
                              .arg(m_appid)
                              .arg(r.describe())
                              .encode());
            qCWarning(lcToken) << "access token fetch failed for" << m_appid << ReasonText::display(r.describe());
        }
        m_fetching = false;
        const auto waiting = std::exchange(m_waiting, {});
        for (const auto &cb : waiting)
            cb(result);
    });
}

} // namespace pushdesk
