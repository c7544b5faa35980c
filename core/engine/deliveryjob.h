#pragma once
// One delivery row on its way out: the request (or, for WeChat, the customer-service → template
// fallback chain on the same row), its bounded retries and its single token refresh.
#include "engine/upstreamreply.h"
#include "render/renderer.h"
#include "store/broadcastrepository.h"

#include <QObject>
#include <QPointer>
#include <QUrl>
#include <functional>

class QNetworkReply;

namespace pushdesk {
class NetworkPool;
class TokenCache;

struct SendContext {
    NetworkPool *pool = nullptr;
    TokenCache *tokens = nullptr;  // null when the app has no WeChat credentials
    QUrl wechatBase;
    QUrl barkBase;                 // used when the subscriber names no Bark server
    int maxRetries = 3;            // retries of one request after the first attempt
    int backoffBaseMs = 200;
    int timeoutMs = 15000;
};

class DeliveryJob : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const DeliveryOutcome &)>;
    DeliveryJob(const SendContext &ctx, DeliveryWork work, RenderedMessage message, Done done, QObject *parent = nullptr);
    void start();

private:
    enum class Step { Custom, Template, Bark };
    void send();
    void sendWithToken(const QString &token);
    void onReply(QNetworkReply *reply, const QString &token);
    void finish(DeliveryState state, const UpstreamReply &r, const QString &reason = {});
    QByteArray body() const;
    QString stepName() const;

    SendContext m_ctx;
    DeliveryWork m_work;
    RenderedMessage m_msg;
    Done m_done;
    Step m_step = Step::Custom;
    int m_attempts = 0;
    int m_retries = 0;
    bool m_tokenRetried = false;
    bool m_finished = false;
};

} // namespace pushdesk
