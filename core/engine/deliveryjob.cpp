#include "engine/deliveryjob.h"

#include "domain/reasontext.h"
#include "engine/networkpool.h"
#include "engine/ratelimiter.h"
#include "engine/tokencache.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>
#include <QUrlQuery>
#include <QtConcurrent>

namespace pushdesk {

// A delivery's reason is stored language-neutral and read in the reader's language (ReasonText).
QString DeliveryJob::reason(const char *source)
{
    return ReasonText(staticMetaObject, source).encode();
}

DeliveryJob::DeliveryJob(const SendContext &ctx, DeliveryWork work, RenderedMessage message, Done done, QObject *parent)
    : QObject(parent)
    , m_ctx(ctx)
    , m_work(std::move(work))
    , m_msg(std::move(message))
    , m_done(std::move(done))
{
    switch (m_work.channel) {
    case Channel::WeChat: m_route = m_msg.csText.isEmpty() ? Route::Template : Route::Custom; break;
    case Channel::MiniProgram: m_route = m_msg.subscribeTemplateId.isEmpty() ? Route::FormTemplate : Route::Subscribe; break;
    case Channel::Bark: m_route = Route::Bark; break;
    case Channel::Email: m_route = Route::Email; break;
    case Channel::Ntfy: m_route = Route::Ntfy; break;
    case Channel::Webhook: m_route = Route::Webhook; break;
    }
}

const SendCredit *DeliveryJob::credit() const
{
    return m_creditIndex < m_work.credits.size() ? &m_work.credits[m_creditIndex] : nullptr;
}

void DeliveryJob::start()
{
    UpstreamReply none;
    if (m_work.channel == Channel::MiniProgram) {
        if (m_msg.subscribeTemplateId.isEmpty() && m_msg.formTemplateId.isEmpty()) {
            finish(DeliveryState::Skipped, none, reason(QT_TR_NOOP("the template has no mini-program message")));
            return;
        }
        if (!credit()) {
            finish(DeliveryState::Skipped, none, reason(QT_TR_NOOP("no send credit")));
            return;
        }
    }
    if (m_route == Route::Webhook && m_ctx.endpoints.webhookSecret.isEmpty()) {
        finish(DeliveryState::Failed, none, reason(QT_TR_NOOP("no webhook signing secret is stored for the app")));
        return;
    }
    if (m_route == Route::Email && m_ctx.smtp.url.isEmpty()) {
        finish(DeliveryState::Failed, none, reason(QT_TR_NOOP("the app has no SMTP server")));
        return;
    }
    send();
}

void DeliveryJob::send()
{
    const int wait = m_ctx.limiter ? m_ctx.limiter->reserve(routeName(m_route)) : 0;
    if (wait > 0) {
        QTimer::singleShot(wait, this, [this]() {
            RateLimiter *limiter = std::exchange(m_ctx.limiter, nullptr); // the slot is already ours
            send();
            m_ctx.limiter = limiter;
        });
        return;
    }
    if (m_route == Route::Email) {
        sendEmail();
        return;
    }
    const bool needsToken = m_route == Route::Custom || m_route == Route::Template || m_route == Route::Subscribe
                            || m_route == Route::FormTemplate;
    if (!needsToken) {
        sendWithToken({});
        return;
    }
    if (!m_ctx.tokens) {
        finish(DeliveryState::Failed, {}, reason(QT_TR_NOOP("the app has no WeChat credentials")));
        return;
    }
    QPointer<DeliveryJob> self(this);
    m_ctx.tokens->withToken([self](const Result<QString> &token) {
        if (!self)
            return;
        if (!token) {
            // Nobody of this app can be sent to until the token endpoint gives a token: not sent, back to pending,
            // and the engine pauses the broadcast with the reason.
            self->m_tokenFault = true;
            self->finish(DeliveryState::Pending, self->m_ctx.tokens->lastFailure(), token.error().message);
            return;
        }
        self->sendWithToken(*token);
    });
}

void DeliveryJob::sendWithToken(const QString &token)
{
    ChannelRequest req = buildRequest(m_route, m_work, m_msg, m_ctx.endpoints, credit(), m_withPage);
    if (!token.isEmpty())
        req.url.setQuery(QUrlQuery{{QStringLiteral("access_token"), token}});
    QNetworkRequest request = NetworkPool::jsonRequest(req.url, m_ctx.timeoutMs);
    for (const auto &[name, value] : req.headers)
        request.setRawHeader(name, value);
    ++m_attempts;
    QNetworkReply *reply = m_ctx.pool->post(request, req.body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, token]() { onReply(parseReply(m_route, reply), token); });
}

void DeliveryJob::sendEmail()
{
    SmtpMessage m = m_ctx.smtp;
    m.to = m_work.subscriber.email;
    m.subject = m_msg.emailSubject.isEmpty() ? m_msg.barkTitle : m_msg.emailSubject;
    m.body = m_msg.emailBody.isEmpty() ? m_msg.csText : m_msg.emailBody;
    m.messageId = QStringLiteral("pd-%1@pushdesk").arg(m_work.deliveryId);
    ++m_attempts;
    auto *watcher = new QFutureWatcher<SmtpResult>(this);
    connect(watcher, &QFutureWatcher<SmtpResult>::finished, this, [this, watcher]() {
        const SmtpResult s = watcher->result();
        watcher->deleteLater();
        // SMTP replies are not HTTP: 4xx is transient, 5xx permanent. The SMTP code goes in errcode.
        UpstreamReply r;
        r.errcode = int(s.responseCode);
        if (s.ok) {
            r.kind = UpstreamReply::Kind::Ok;
            r.msgid = QStringLiteral("pd-%1@pushdesk").arg(m_work.deliveryId);
        } else {
            r.kind = s.retryable ? UpstreamReply::Kind::NetworkError : UpstreamReply::Kind::ApiError;
            r.errmsg = s.error;
        }
        onReply(r, {});
    });
    watcher->setFuture(QtConcurrent::run(m_ctx.blocking ? m_ctx.blocking : QThreadPool::globalInstance(),
                                         [m]() { return SmtpSender::send(m); }));
}

bool DeliveryJob::retryLater(const UpstreamReply &r)
{
    const int delay = m_ctx.retry.delayMs(r, m_retries);
    if (delay < 0)
        return false;
    ++m_retries;
    QTimer::singleShot(delay, this, [this]() { send(); });
    return true;
}

void DeliveryJob::onReply(const UpstreamReply &r, const QString &token)
{
    using K = UpstreamReply::Kind;
    if (r.kind == K::Ok) {
        finish(DeliveryState::Sent, r);
        return;
    }
    if (r.kind == K::ApiError && isTokenError(r.errcode) && !m_tokenRetried && m_ctx.tokens) {
        m_tokenRetried = true;
        m_ctx.tokens->invalidate(token);
        send();
        return;
    }
    if (r.configFault()) {
        // Not sent: back to pending, and the engine pauses the broadcast until the setup is fixed.
        finish(DeliveryState::Pending, r, reason(QT_TR_NOOP("the upstream refuses the app's setup")));
        return;
    }
    if (r.quotaSpent()) {
        // Not sent: back to pending, and the engine pauses the broadcast with this reason.
        finish(DeliveryState::Pending, r, reason(QT_TR_NOOP("the upstream's daily quota is spent")));
        return;
    }
    if (retryLater(r))
        return;
    if (r.kind == K::ApiError) {
        switch (m_route) {
        case Route::Custom:
            if (m_refused && (r.errcode == errcode::OutOfWindow || r.errcode == errcode::OutOfAllowance)) {
                // Refused the subscribe message and outside the window: the refusal is what the log keeps.
                finish(DeliveryState::Failed, *m_refused,
                       reason(QT_TR_NOOP("refused the subscribe message (43101) and is outside the customer-service window")));
                return;
            }
            if (r.errcode == errcode::OutOfWindow || r.errcode == errcode::OutOfAllowance) {
                if (m_msg.wechatTemplateId.isEmpty()) {
                    finish(DeliveryState::Failed, r,
                           reason(QT_TR_NOOP("outside the customer-service window and the template has no WeChat template id")));
                    return;
                }
                // The fallback is a second attempt on the same row, never a second row (DESIGN.md).
                m_route = Route::Template;
                m_retries = 0;
                send();
                return;
            }
            break;
        case Route::FormTemplate:
        case Route::Subscribe:
            if (r.errcode == errcode::InvalidPage && m_withPage) {
                m_withPage = false; // resend without the page
                send();
                return;
            }
            if (r.errcode == errcode::InvalidFormId || r.errcode == errcode::FormIdUsedUp || r.errcode == errcode::UserRefused) {
                if (const SendCredit *c = credit())
                    m_deadCredits.append(c->id);
                ++m_creditIndex;
                if (r.errcode == errcode::UserRefused && m_route == Route::Subscribe && !m_msg.csText.isEmpty()) {
                    // upstream-apis.md §4b: drop; a customer-service message if the person is inside the window
                    // (the upstream's 45015 says when not). A second attempt on the same row.
                    m_refused = r;
                    m_route = Route::Custom;
                    m_retries = 0;
                    send();
                    return;
                }
                if (m_route == Route::FormTemplate && credit()) {
                    m_retries = 0;
                    send(); // the next credit in the pool
                    return;
                }
            }
            break;
        default:
            break;
        }
    }
    finish(DeliveryState::Failed, r);
}

void DeliveryJob::finish(DeliveryState state, const UpstreamReply &r, const QString &reason)
{
    if (m_finished)
        return;
    m_finished = true;
    DeliveryOutcome o;
    o.deliveryId = m_work.deliveryId;
    o.state = state;
    o.attempts = m_work.attempts + m_attempts;
    o.httpStatus = r.httpStatus;
    o.errcode = r.errcode;
    o.errmsg = r.errmsg.left(500);
    o.msgid = r.msgid;
    o.route = routeName(m_route);
    o.deadCredits = m_deadCredits;
    o.tokenFault = m_tokenFault;
    if (state == DeliveryState::Sent && (m_route == Route::Subscribe || m_route == Route::FormTemplate) && credit())
        o.creditId = credit()->id;
    o.reason = reason.isEmpty() && state != DeliveryState::Sent ? r.describe() : reason;
    m_done(o);
    deleteLater();
}

} // namespace pushdesk
