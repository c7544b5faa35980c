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
#include <QTimer>

Q_LOGGING_CATEGORY(lcToken, "pushdesk.engine.token")

namespace pushdesk {


TokenCache::TokenCache(NetworkPool &pool, QUrl wechatBase, QString appid, QString secret, RetryPolicy retry,
                       QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_base(std::move(wechatBase))
    , m_appid(std::move(appid))
    , m_secret(std::move(secret))
    , m_retry(retry)
{
}

void TokenCache::withToken(Callback cb)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!m_token.isEmpty() && now < m_refreshAtMs) {
        cb(m_token);
        return;
    }
    if (!m_refusal.isEmpty()) {
        cb(fail(m_refusal)); // the broadcast pauses on the first refusal; the rest of this run asks no more
        return;
    }
    m_waiting.append(std::move(cb));
    if (!m_fetching) {
        m_retries = 0;
        fetch(false);
    }
}

void TokenCache::invalidate(const QString &token)
{
    if (token == m_token) {
        m_token.clear();
        m_refreshAtMs = 0;
        m_rejected = token;
    }
}

void TokenCache::fetch(bool force)
{
    m_fetching = true;
    ++m_fetches;
    if (force) {
        m_lastForceMs = QDateTime::currentMSecsSinceEpoch();
        ++m_forcedToday;
    }
    QUrl url = m_base;
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0) + QStringLiteral("/cgi-bin/stable_token"));
    const QJsonObject body{
        {QStringLiteral("grant_type"), QStringLiteral("client_credential")},
        {QStringLiteral("appid"), m_appid},
        {QStringLiteral("secret"), m_secret},
        {QStringLiteral("force_refresh"), force},
    };
    QNetworkReply *reply = m_pool.post(NetworkPool::jsonRequest(url), QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply, force]() {
        const UpstreamReply r = UpstreamReply::fromWeChat(reply);
        if (r.kind == UpstreamReply::Kind::Ok && !r.accessToken.isEmpty()) {
            if (!force && !m_rejected.isEmpty() && r.accessToken == m_rejected) {
                // Normal mode gave back the token the upstream refuses: only a forced refresh replaces it.
                const qint64 now = QDateTime::currentMSecsSinceEpoch();
                const qint64 day = QDateTime::currentDateTime().date().toJulianDay();
                if (day != m_forceDay) {
                    m_forceDay = day;
                    m_forcedToday = 0;
                }
                if (m_forcedToday >= kForcedPerDay) {
                    UpstreamReply refused = r;
                    refused.kind = UpstreamReply::Kind::ApiError;
                    refused.errcode = errcode::InvalidCredential;
                    refuse(refused, ReasonText("TokenCache", QT_TRANSLATE_NOOP("TokenCache", "the upstream refuses the access token "
                                                                                             "of %1 and today's %2 forced refreshes are used"))
                                        .arg(m_appid)
                                        .arg(kForcedPerDay)
                                        .encode());
                    return;
                }
                const qint64 wait = std::max<qint64>(0, m_lastForceMs + kForceSpacingMs - now);
                QTimer::singleShot(m_lastForceMs == 0 ? 0 : int(wait), this, [this]() { fetch(true); });
                return;
            }
            m_token = r.accessToken;
            m_rejected.clear();
            // Refresh five minutes before expiry, or halfway through a short-lived token.
            const qint64 lifeMs = qint64(std::max(r.expiresIn, 2)) * 1000;
            m_refreshAtMs = QDateTime::currentMSecsSinceEpoch() + lifeMs - std::min<qint64>(5 * 60 * 1000, lifeMs / 2);
            qCInfo(lcToken) << "access token fetched for" << m_appid << "valid for" << r.expiresIn << "s";
            settle(m_token);
            return;
        }
        if (const int delay = m_retry.delayMs(r, m_retries); delay >= 0) {
            // Busy, unreachable, 5xx: the waiting requests wait a little longer, they do not fail.
            ++m_retries;
            qCInfo(lcToken) << "access token fetch for" << m_appid << "retried in" << delay << "ms:" << ReasonText::display(r.describe());
            QTimer::singleShot(delay, this, [this, force]() { fetch(force); });
            return;
        }
        // Stored as a delivery's or a broadcast's reason: the stored form (ReasonText), the reply's nested.
        qCWarning(lcToken) << "access token fetch failed for" << m_appid << ReasonText::display(r.describe());
        refuse(r, ReasonText("TokenCache", QT_TRANSLATE_NOOP("TokenCache", "cannot get an access token for %1: %2"))
                      .arg(m_appid)
                      .arg(r.describe())
                      .encode());
    });
}

void TokenCache::refuse(const UpstreamReply &r, const QString &message)
{
    m_failure = r;
    m_refusal = message;
    settle(fail(message));
}

void TokenCache::settle(const Result<QString> &result)
{
    m_fetching = false;
    m_retries = 0;
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto &cb : waiting)
        cb(result);
}

} // namespace pushdesk
