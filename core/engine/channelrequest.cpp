#include "engine/channelrequest.h"
#include "engine/upstreamaccess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <tuple>

namespace pushdesk {

QString routeName(Route r)
{
    switch (r) {
    case Route::Custom: return QStringLiteral("custom");
    case Route::Template: return QStringLiteral("template");
    case Route::Subscribe: return QStringLiteral("subscribe");
    case Route::FormTemplate: return QStringLiteral("wxopen_template");
    case Route::Bark: return QStringLiteral("bark");
    case Route::Ntfy: return QStringLiteral("ntfy");
    case Route::Webhook: return QStringLiteral("webhook");
    case Route::Email: return QStringLiteral("email");
    }
    return {};
}

QUrl endpointUrl(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString p = url.path();
    if (p.endsWith(QLatin1Char('/')))
        p.chop(1);
    url.setPath(p + path);
    return url;
}

QByteArray serverAuthorization(const QByteArray &credentials, const QUrl &appServer, const QUrl &server)
{
    if (credentials.isEmpty())
        return {};
    const auto origin = [](const QUrl &u) {
        return std::tuple(u.scheme().toLower(), u.host().toLower(), u.port(u.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443 : 80));
    };
    if (origin(server) != origin(appServer))
        return {}; // a subscriber's own server never sees the app's credentials
    if (server.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) != 0 && !UpstreamAccess::isLoopback(server))
        return {}; // never in clear text over a network
    return credentials;
}

QJsonObject barkMessage(const RenderedMessage &msg)
{
    QJsonObject o{{QStringLiteral("title"), msg.barkTitle}, {QStringLiteral("body"), msg.barkBody}};
    const std::pair<const char *, const QString *> optional[] = {
        {"subtitle", &msg.barkSubtitle}, {"group", &msg.barkGroup}, {"level", &msg.barkLevel},
        {"url", &msg.barkUrl},           {"sound", &msg.barkSound}, {"icon", &msg.barkIcon},
    };
    for (const auto &[key, value] : optional) {
        if (!value->isEmpty())
            o.insert(QLatin1String(key), *value);
    }
    return o;
}

QByteArray webhookSignature(const QByteArray &body, const QByteArray &secret)
{
    return "sha256=" + QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

namespace {
QJsonObject dataOf(const QList<QPair<QString, QString>> &fields)
{
    QJsonObject data;
    for (const auto &[key, value] : fields)
        data.insert(key, QJsonObject{{QStringLiteral("value"), value}});
    return data;
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
} // namespace

ChannelRequest buildRequest(Route route, const DeliveryWork &work, const RenderedMessage &msg,
                            const ChannelEndpoints &ep, const SendCredit *credit, bool withPage)
{
    ChannelRequest r;
    const Subscriber &s = work.subscriber;
    const QString clientMsgId = QStringLiteral("pd-%1").arg(work.deliveryId); // upstream de-duplicates on it
    switch (route) {
    case Route::Custom:
        r.needsToken = true;
        r.url = endpointUrl(ep.wechatBase, QStringLiteral("/cgi-bin/message/custom/send"));
        // A mini-program's customer-service message goes to its own openid (43101's fallback).
        r.body = compact({{QStringLiteral("touser"), work.channel == Channel::MiniProgram ? s.miniOpenid : s.mpOpenid},
                          {QStringLiteral("msgtype"), QStringLiteral("text")},
                          {QStringLiteral("text"), QJsonObject{{QStringLiteral("content"), msg.csText}}}});
        break;
    case Route::Template: {
        r.needsToken = true;
        r.url = endpointUrl(ep.wechatBase, QStringLiteral("/cgi-bin/message/template/send"));
        QJsonObject o{{QStringLiteral("touser"), s.mpOpenid},
                      {QStringLiteral("template_id"), msg.wechatTemplateId},
                      {QStringLiteral("data"), dataOf(msg.wechatFields)},
                      {QStringLiteral("client_msg_id"), clientMsgId}};
        if (!msg.wechatUrl.isEmpty())
            o.insert(QStringLiteral("url"), msg.wechatUrl);
        r.body = compact(o);
        break;
    }
    case Route::Subscribe: {
        r.needsToken = true;
        r.url = endpointUrl(ep.wechatBase, QStringLiteral("/cgi-bin/message/subscribe/send"));
        QJsonObject o{{QStringLiteral("touser"), s.miniOpenid},
                      {QStringLiteral("template_id"), msg.subscribeTemplateId},
                      {QStringLiteral("data"), dataOf(msg.subscribeFields)},
                      {QStringLiteral("miniprogram_state"), QStringLiteral("formal")},
                      {QStringLiteral("lang"), QStringLiteral("zh_CN")}};
        if (withPage && !msg.miniPage.isEmpty())
            o.insert(QStringLiteral("page"), msg.miniPage);
        r.body = compact(o);
        break;
    }
    case Route::FormTemplate: {
        r.needsToken = true;
        r.url = endpointUrl(ep.wechatBase, QStringLiteral("/cgi-bin/message/wxopen/template/send"));
        QJsonObject o{{QStringLiteral("touser"), s.miniOpenid},
                      {QStringLiteral("template_id"), msg.formTemplateId},
                      {QStringLiteral("form_id"), credit ? credit->credit : QString()},
                      {QStringLiteral("data"), dataOf(msg.subscribeFields)}};
        if (withPage && !msg.miniPage.isEmpty())
            o.insert(QStringLiteral("page"), msg.miniPage);
        r.body = compact(o);
        break;
    }
    case Route::Bark: {
        const QUrl server = s.barkServer.isEmpty() ? ep.barkBase : QUrl(s.barkServer);
        r.url = endpointUrl(server, QStringLiteral("/push"));
        if (QByteArray auth = serverAuthorization(ep.barkAuthorization, ep.barkBase, server); !auth.isEmpty())
            r.headers.append({QByteArrayLiteral("Authorization"), std::move(auth)});
        QJsonObject o = barkMessage(msg);
        o.insert(QStringLiteral("device_key"), s.barkKey);
        o.insert(QStringLiteral("id"), clientMsgId);
        r.body = compact(o);
        break;
    }
    case Route::Ntfy: {
        r.url = endpointUrl(ep.ntfyBase, QStringLiteral("/"));
        if (QByteArray auth = serverAuthorization(ep.ntfyAuthorization, ep.ntfyBase, ep.ntfyBase); !auth.isEmpty())
            r.headers.append({QByteArrayLiteral("Authorization"), std::move(auth)});
        QJsonObject o{{QStringLiteral("topic"), s.ntfyTopic},
                      {QStringLiteral("message"), msg.ntfyBody.isEmpty() ? msg.barkBody : msg.ntfyBody}};
        const QString title = msg.ntfyTitle.isEmpty() ? msg.barkTitle : msg.ntfyTitle;
        if (!title.isEmpty())
            o.insert(QStringLiteral("title"), title);
        if (msg.ntfyPriority >= 1 && msg.ntfyPriority <= 5)
            o.insert(QStringLiteral("priority"), msg.ntfyPriority);
        if (!msg.ntfyTags.isEmpty())
            o.insert(QStringLiteral("tags"), QJsonArray::fromStringList(msg.ntfyTags.split(QLatin1Char(','), Qt::SkipEmptyParts)));
        r.body = compact(o);
        break;
    }
    case Route::Webhook: {
        r.url = QUrl(s.webhookUrl);
        r.body = compact({{QStringLiteral("delivery"), QString::number(work.deliveryId)},
                          {QStringLiteral("recipient"), s.mpOpenid.isEmpty() ? QString::number(s.id) : s.mpOpenid},
                          {QStringLiteral("nickname"), s.nickname},
                          {QStringLiteral("title"), msg.barkTitle},
                          {QStringLiteral("body"), msg.barkBody.isEmpty() ? msg.csText : msg.barkBody},
                          {QStringLiteral("text"), msg.csText},
                          {QStringLiteral("url"), msg.barkUrl}});
        r.headers.append({QByteArrayLiteral("X-Pushdesk-Signature"), webhookSignature(r.body, ep.webhookSecret)});
        r.headers.append({QByteArrayLiteral("X-Pushdesk-Delivery"), QByteArray::number(work.deliveryId)});
        break;
    }
    case Route::Email:
        break; // SMTP, not HTTP: see SmtpSender
    }
    return r;
}

UpstreamReply parseReply(Route route, QNetworkReply *reply)
{
    switch (route) {
    case Route::Bark: return UpstreamReply::fromBark(reply);
    case Route::Ntfy: return UpstreamReply::fromNtfy(reply);
    case Route::Webhook: return UpstreamReply::fromWebhook(reply);
    default: return UpstreamReply::fromWeChat(reply);
    }
}

} // namespace pushdesk
