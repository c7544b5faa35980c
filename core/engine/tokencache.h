#pragma once
// One access token per upstream app: fetched once through /cgi-bin/stable_token, reused until shortly
// before it expires, and refreshed single-flight (one request, however many callers wait for it).
#include "domain/result.h"

#include <QObject>
#include <QUrl>
#include <functional>

namespace pushdesk {
class NetworkPool;

class TokenCache : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const Result<QString> &token)>;
    TokenCache(NetworkPool &pool, QUrl wechatBase, QString appid, QString secret, QObject *parent = nullptr);

    void withToken(Callback cb);
    // Drops the token if it is still the current one (after 40001 / 42001 / 40014).
    void invalidate(const QString &token);
    int fetches() const { return m_fetches; }

private:
    void fetch();

    NetworkPool &m_pool;
    QUrl m_base;
    QString m_appid;
    QString m_secret;
    QString m_token;
    qint64 m_refreshAtMs = 0;
    bool m_fetching = false;
    int m_fetches = 0;
    bool m_forceNext = false;
    QList<Callback> m_waiting;
};

} // namespace pushdesk
