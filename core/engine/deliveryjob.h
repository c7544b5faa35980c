#pragma once
// One delivery row on its way out: its route (or, for WeChat, the customer-service → template
// fallback on the same row; for mini-programs, the next send credit, or customer service after a refused
// subscribe message), its rate-limit slot, bounded
// retries with backoff and jitter, and a single token refresh.
#include "engine/channelrequest.h"
#include "engine/smtpsender.h"
#include "engine/upstreamreply.h"

#include <QObject>
#include <functional>
#include <optional>

class QNetworkReply;
class QThreadPool;

namespace pushdesk {
class NetworkPool;
class RateLimiter;
class TokenCache;

struct SendContext {
    NetworkPool *pool = nullptr;
    TokenCache *tokens = nullptr;   // null when the app has no WeChat credentials
    RateLimiter *limiter = nullptr; // null: unlimited
    QThreadPool *blocking = nullptr; // for SMTP
    ChannelEndpoints endpoints;
    SmtpMessage smtp;               // url, user, password, from of the app
    RetryPolicy retry;
    int timeoutMs = 15000;
};

class DeliveryJob : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const DeliveryOutcome &)>;
    DeliveryJob(const SendContext &ctx, DeliveryWork work, RenderedMessage message, Done done, QObject *parent = nullptr);
    void start();

private:
    void send();
    void sendWithToken(const QString &token);
    void sendEmail();
    void onReply(const UpstreamReply &r, const QString &token);
    bool retryLater(const UpstreamReply &r);
    void finish(DeliveryState state, const UpstreamReply &r, const QString &reason = {}); // reason: stored form
    static QString reason(const char *source); // a reason of this class, stored form (ReasonText)
    const SendCredit *credit() const;

    SendContext m_ctx;
    DeliveryWork m_work;
    RenderedMessage m_msg;
    Done m_done;
    Route m_route = Route::Custom;
    int m_creditIndex = 0;
    QList<qint64> m_deadCredits;
    bool m_withPage = true;
    int m_attempts = 0;
    int m_retries = 0;
    bool m_tokenRetried = false;
    bool m_tokenFault = false; // no access token could be had
    std::optional<UpstreamReply> m_refused; // the 43101 that sent a subscribe message to customer service
    bool m_finished = false;
};

} // namespace pushdesk
