#pragma once
// One access token per upstream app: fetched once through /cgi-bin/stable_token, reused until shortly
// before it expires, and refreshed single-flight (one request, however many callers wait for it).
// A busy or unreachable token endpoint is asked again with the engine's retry policy before the waiting
// requests fail. A rejected token is first refreshed in normal mode (which gives a token renewed elsewhere);
// force_refresh only when that gives the rejected token back, at most 20 times a day and 30 s apart (WeChat's limits).
// When no token can be had (a refused secret or IP, a frozen account, a spent quota, a busy endpoint after the
// retries), the waiting requests get the error and lastFailure() says what the token endpoint answered: the
// engine pauses the broadcast, since nobody of that app can be sent to until it is fixed. A cache lives for one run,
// and after such a failure it asks no more (the next run, after a resume, has a new one).
#include "domain/result.h"
#include "engine/upstreamreply.h"

#include <QObject>
#include <QUrl>
#include <functional>

namespace pushdesk {
class NetworkPool;

class TokenCache : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const Result<QString> &token)>;
    TokenCache(NetworkPool &pool, QUrl wechatBase, QString appid, QString secret, RetryPolicy retry = {},
               QObject *parent = nullptr);

    void withToken(Callback cb);
    // Drops the token if it is still the current one (after 40001 / 42001 / 40014).
    void invalidate(const QString &token);
    int fetches() const { return m_fetches; }
    // The token endpoint's answer behind the last failure handed to the waiting requests.
    const UpstreamReply &lastFailure() const { return m_failure; }
    static constexpr int kForcedPerDay = 20;
    static constexpr qint64 kForceSpacingMs = 30000;

private:
    void fetch(bool force);
    void settle(const Result<QString> &result);
    // No token for this run: the waiting requests and every later one get message (r: what the endpoint said).
    void refuse(const UpstreamReply &r, const QString &message);

    NetworkPool &m_pool;
    QUrl m_base;
    QString m_appid;
    QString m_secret;
    QString m_token;
    qint64 m_refreshAtMs = 0;
    bool m_fetching = false;
    int m_fetches = 0;
    RetryPolicy m_retry;
    int m_retries = 0;          // of the fetch under way
    QString m_rejected;         // the token the upstream refused last
    qint64 m_lastForceMs = 0;
    int m_forcedToday = 0;
    qint64 m_forceDay = 0;
    QList<Callback> m_waiting;
    UpstreamReply m_failure;
    QString m_refusal;          // set once no token could be had: later requests of this run fail at once
};

} // namespace pushdesk
