#include "engine/barkbatchjob.h"

#include "domain/reasontext.h"
#include "engine/networkpool.h"
#include "engine/ratelimiter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QTimer>

namespace pushdesk {

bool BarkBatchJob::serverSupportsBatch(const QUrl &server)
{
    return server.host() != QLatin1String("api.day.app");
}

BarkBatchJob::BarkBatchJob(const SendContext &ctx, QList<DeliveryWork> works, RenderedMessage message,
                           DeliveryJob::Done done, QObject *parent)
    : QObject(parent)
    , m_ctx(ctx)
    , m_works(std::move(works))
    , m_msg(std::move(message))
    , m_done(std::move(done))
{
    const QString own = m_works.isEmpty() ? QString() : m_works.first().subscriber.barkServer;
    m_server = own.isEmpty() ? m_ctx.endpoints.barkBase : QUrl(own);
}

void BarkBatchJob::start()
{
    send();
}

void BarkBatchJob::send()
{
    QJsonArray keys;
    for (const auto &w : std::as_const(m_works))
        keys.append(w.subscriber.barkKey);
    QJsonObject o = barkMessage(m_msg);
    o.insert(QStringLiteral("device_keys"), keys);
    ++m_attempts;
    QNetworkRequest request = NetworkPool::jsonRequest(endpointUrl(m_server, QStringLiteral("/push")), m_ctx.timeoutMs);
    if (const QByteArray auth = serverAuthorization(m_ctx.endpoints.barkAuthorization, m_ctx.endpoints.barkBase, m_server); !auth.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), auth);
    QNetworkReply *reply = m_ctx.pool->post(request, QJsonDocument(o).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply]() {
        const UpstreamReply r = UpstreamReply::fromBark(reply);
        if (r.kind != UpstreamReply::Kind::Ok) {
            if (const int delay = m_ctx.retry.delayMs(r, m_retries); delay >= 0) {
                ++m_retries;
                QTimer::singleShot(delay, this, [this]() { send(); });
                return;
            }
            // A server that wants credentials refuses everyone alike: back to pending, and the broadcast pauses.
            finishAll(r.configFault() ? DeliveryState::Pending : DeliveryState::Failed, r);
            return;
        }
        // {"code":200,…,"data":[{"code":200,"device_key":"k1"},{"code":400,"device_key":"k2","message":"…"}]}
        QHash<QString, QJsonObject> perKey;
        const QJsonArray data = QJsonDocument::fromJson(r.body).object().value(QStringLiteral("data")).toArray();
        for (const auto &d : data)
            perKey.insert(d.toObject().value(QStringLiteral("device_key")).toString(), d.toObject());
        QList<DeliveryWork> again; // keys whose own answer is worth another try
        int delay = -1;
        for (const auto &w : std::as_const(m_works)) {
            DeliveryOutcome out;
            out.deliveryId = w.deliveryId;
            out.attempts = w.attempts + m_attempts;
            out.route = QStringLiteral("bark_batch");
            out.httpStatus = r.httpStatus;
            const QJsonObject k = perKey.value(w.subscriber.barkKey);
            const int code = k.value(QStringLiteral("code")).toInt();
            if (code == 200) {
                out.state = DeliveryState::Sent;
            } else {
                // A key's entry is what a single push to it would have answered (the HTTP status as its code):
                // an APNs refusal other than a dead device token is tried again, in a smaller batch.
                UpstreamReply own;
                own.kind = UpstreamReply::Kind::HttpError;
                own.httpStatus = code;
                own.errmsg = k.value(QStringLiteral("message")).toString();
                if (const int wait = k.isEmpty() ? -1 : m_ctx.retry.delayMs(own, m_retries); wait >= 0) {
                    again.append(w);
                    delay = std::max(delay, wait);
                    continue;
                }
                // A key the server did not answer for is not known to have arrived: it fails, and says so.
                out.state = DeliveryState::Failed;
                out.errcode = code;
                if (!k.isEmpty())
                    out.httpStatus = code;
                // errmsg holds only what the upstream said; our own words are a reason, stored language-neutral.
                out.errmsg = own.errmsg;
                out.reason = k.isEmpty() ? ReasonText(staticMetaObject, QT_TR_NOOP("no result for this key in the batch answer")).encode()
                                         : out.errmsg;
            }
            m_done(out);
        }
        if (!again.isEmpty()) {
            m_works = std::move(again);
            ++m_retries;
            QTimer::singleShot(delay, this, [this]() { send(); });
            return;
        }
        deleteLater();
    });
}

void BarkBatchJob::finishAll(DeliveryState state, const UpstreamReply &r)
{
    for (const auto &w : std::as_const(m_works)) {
        DeliveryOutcome out;
        out.deliveryId = w.deliveryId;
        out.state = state;
        out.attempts = w.attempts + m_attempts;
        out.route = QStringLiteral("bark_batch");
        out.httpStatus = r.httpStatus;
        out.errcode = r.errcode;
        out.errmsg = r.errmsg.left(500);
        out.reason = r.describe();
        m_done(out);
    }
    deleteLater();
}

} // namespace pushdesk
