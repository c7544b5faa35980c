#include "engine/deliveryjob.h"

#include "engine/networkpool.h"
#include "engine/tokencache.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrlQuery>

namespace pushdesk {

namespace {
QUrl endpoint(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString p = url.path();
    if (p.endsWith(QLatin1Char('/')))
        p.chop(1);
    url.setPath(p + path);
    return url;
}
} // namespace

DeliveryJob::DeliveryJob(const SendContext &ctx, DeliveryWork work, RenderedMessage message, Done done, QObject *parent)
    : QObject(parent)
    , m_ctx(ctx)
    , m_work(std::move(work))
    , m_msg(std::move(message))
    , m_done(std::move(done))
{
    if (m_work.channel == Channel::Bark)
        m_step = Step::Bark;
    else if (m_msg.csText.isEmpty())
        m_step = Step::Template;
}

void DeliveryJob::start()
{
    send();
}

QString DeliveryJob::stepName() const
{
    switch (m_step) {
    case Step::Custom: return QStringLiteral("custom");
    case Step::Template: return QStringLiteral("template");
    case Step::Bark: return QStringLiteral("bark");
    }
    return {};
}

void DeliveryJob::send()
{
    if (m_step == Step::Bark) {
        sendWithToken({});
        return;
    }
    if (!m_ctx.tokens) {
        finish(DeliveryState::Failed, {}, QCoreApplication::translate("DeliveryJob", "the app has no WeChat credentials"));
        return;
    }
    QPointer<DeliveryJob> self(this);
    m_ctx.tokens->withToken([self](const Result<QString> &token) {
        if (!self)
            return;
        if (!token) {
            UpstreamReply none;
            self->finish(DeliveryState::Failed, none, token.error().message);
            return;
        }
        self->sendWithToken(*token);
    });
}

QByteArray DeliveryJob::body() const
{
    QJsonObject o;
    switch (m_step) {
    case Step::Custom:
        o = {{QStringLiteral("touser"), m_work.subscriber.mpOpenid},
             {QStringLiteral("msgtype"), QStringLiteral("text")},
             {QStringLiteral("text"), QJsonObject{{QStringLiteral("content"), m_msg.csText}}}};
        break;
    case Step::Template: {
        QJsonObject data;
        for (const auto &[key, value] : m_msg.wechatFields)
            data.insert(key, QJsonObject{{QStringLiteral("value"), value}});
        o = {{QStringLiteral("touser"), m_work.subscriber.mpOpenid},
             {QStringLiteral("template_id"), m_msg.wechatTemplateId},
             {QStringLiteral("data"), data},
             // Upstream de-duplicates on client_msg_id: one id per delivery row.
             {QStringLiteral("client_msg_id"), QStringLiteral("pd-%1").arg(m_work.deliveryId)}};
        if (!m_msg.wechatUrl.isEmpty())
            o.insert(QStringLiteral("url"), m_msg.wechatUrl);
        break;
    }
    case Step::Bark:
        o = {{QStringLiteral("device_key"), m_work.subscriber.barkKey},
             {QStringLiteral("title"), m_msg.barkTitle},
             {QStringLiteral("body"), m_msg.barkBody},
             {QStringLiteral("id"), QStringLiteral("pd-%1").arg(m_work.deliveryId)}};
        if (!m_msg.barkGroup.isEmpty())
            o.insert(QStringLiteral("group"), m_msg.barkGroup);
        if (!m_msg.barkLevel.isEmpty())
            o.insert(QStringLiteral("level"), m_msg.barkLevel);
        if (!m_msg.barkUrl.isEmpty())
            o.insert(QStringLiteral("url"), m_msg.barkUrl);
        break;
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void DeliveryJob::sendWithToken(const QString &token)
{
    QUrl url;
    switch (m_step) {
    case Step::Custom: url = endpoint(m_ctx.wechatBase, QStringLiteral("/cgi-bin/message/custom/send")); break;
    case Step::Template: url = endpoint(m_ctx.wechatBase, QStringLiteral("/cgi-bin/message/template/send")); break;
    case Step::Bark:
        url = endpoint(m_work.subscriber.barkServer.isEmpty() ? m_ctx.barkBase : QUrl(m_work.subscriber.barkServer),
                       QStringLiteral("/push"));
        break;
    }
    if (!token.isEmpty())
        url.setQuery(QUrlQuery{{QStringLiteral("access_token"), token}});
    ++m_attempts;
    QNetworkReply *reply = m_ctx.pool->next()->post(NetworkPool::jsonRequest(url, m_ctx.timeoutMs), body());
    connect(reply, &QNetworkReply::finished, this, [this, reply, token]() { onReply(reply, token); });
}

void DeliveryJob::onReply(QNetworkReply *reply, const QString &token)
{
    const UpstreamReply r = m_step == Step::Bark ? UpstreamReply::fromBark(reply) : UpstreamReply::fromWeChat(reply);
    if (r.kind == UpstreamReply::Kind::Ok) {
        finish(DeliveryState::Sent, r);
        return;
    }
    if (r.kind == UpstreamReply::Kind::ApiError && isTokenError(r.errcode) && !m_tokenRetried && m_ctx.tokens) {
        m_tokenRetried = true;
        m_ctx.tokens->invalidate(token);
        send();
        return;
    }
    if (r.retryable() && m_retries < m_ctx.maxRetries) {
        const int delay = (m_ctx.backoffBaseMs << m_retries) + int(QRandomGenerator::global()->bounded(m_ctx.backoffBaseMs));
        ++m_retries;
        QTimer::singleShot(delay, this, [this]() { send(); });
        return;
    }
    if (m_step == Step::Custom && r.kind == UpstreamReply::Kind::ApiError
        && (r.errcode == errcode::OutOfWindow || r.errcode == errcode::OutOfAllowance)) {
        if (m_msg.wechatTemplateId.isEmpty()) {
            finish(DeliveryState::Failed, r,
                   QCoreApplication::translate("DeliveryJob", "outside the customer-service window and the template "
                                                              "has no WeChat template id"));
            return;
        }
        // Fallback on the same row: a second attempt, never a second row (DESIGN.md).
        m_step = Step::Template;
        m_retries = 0;
        send();
        return;
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
    o.route = stepName();
    o.reason = reason.isEmpty() && state != DeliveryState::Sent ? r.describe() : reason;
    m_done(o);
    deleteLater();
}

} // namespace pushdesk
