// A test or a demo "is the user": what a follower does in WeChat, and what the platform then pushes to
// the official account's server URL (the callback), in WeChat's XML message format:
//
//   POST /sandbox/user/message {"appid","openid","content":"0"}
//        the follower sends a text message; it opens the 48-hour customer-service window, and the app's
//        callback receives <MsgType>text</MsgType> with the <Content>.
//   POST /sandbox/user/event   {"appid","openid","event":"subscribe"|"unsubscribe"}
//        the user follows (becomes a following follower, which counts as an interaction) or unfollows
//        (customer-service and template messages are refused with 43004 from then on); the callback
//        receives <MsgType>event</MsgType> with <Event>.
//   POST /sandbox/admin/callbacks {"appid","url","token"} sets an app's callback URL (and the Token its
//        signature is made with; without one, "sandbox-token-<appid>", SandboxServer::defaultCallbackTokenFor);
//        without appid, {"url"} is the default of every app without one.
//        GET returns {"default":URL,"apps":{appid:URL}}.
//
// The callback is POSTed as the platform does: Content-Type text/xml, with ?signature=&timestamp=&nonce=
// &openid= (signature = SHA-1 of the sorted Token, timestamp and nonce). ToUserName carries the appid
// (the sandbox has no original "gh_" id). The user route answers once the callback has answered:
// {"ok":true,"callback":{"url","status","body"}}, {"ok":true,"callback":null} when no URL is set
// (the user's action still happened), or HTTP 502 {"ok":false,"error"} when the callback failed.
// Muting and reminder levels are the relay's own settings, not WeChat messages: they are posted to the
// relay (Pushdesk's receiver, POST /relay/user/settings), not here.
#include "sandboxroutes.h"
#include "sandboxstate.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRandomGenerator>
#include <QUrlQuery>

#include <expected>

namespace pushdesk {

namespace {

constexpr int kCallbackTimeoutMsecs = 5000; // WeChat waits five seconds for the server's answer

SandboxReply userError(const QString &error, int status = 400)
{
    return sandboxwire::json(status, QJsonObject{{QLatin1String("ok"), false}, {QLatin1String("error"), error}});
}

std::expected<QJsonObject, SandboxReply> userBody(const SandboxCall &call)
{
    if (!call.isPost())
        return std::unexpected(userError(QStringLiteral("use POST"), 405));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(call.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return std::unexpected(userError(QLatin1String("malformed JSON: ") + parseError.errorString()));
    if (!document.isObject())
        return std::unexpected(userError(QStringLiteral("body must be a JSON object")));
    return document.object();
}

// CDATA cannot hold "]]>": split it across two sections, as WeChat's SDKs do.
QByteArray cdata(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    bytes.replace("]]>", "]]]]><![CDATA[>");
    return "<![CDATA[" + bytes + "]]>";
}

struct Callback {
    QByteArray xml;
    QString appid;
    QString openid;
};

Callback callbackXml(const QString &appid, const QString &openid, qint64 nowSeconds, const QString &msgType,
                     const QList<std::pair<QByteArray, QByteArray>> &fields)
{
    QByteArray xml = "<xml><ToUserName>" + cdata(appid) + "</ToUserName><FromUserName>" + cdata(openid)
                     + "</FromUserName><CreateTime>" + QByteArray::number(nowSeconds) + "</CreateTime><MsgType>"
                     + cdata(msgType) + "</MsgType>";
    for (const auto &[name, value] : fields)
        xml += '<' + name + '>' + value + "</" + name + '>';
    xml += "</xml>";
    return {xml, appid, openid};
}

QUrl signedUrl(const QString &base, const QString &token, const QString &openid, qint64 nowSeconds)
{
    QUrl url(base);
    const QString timestamp = QString::number(nowSeconds);
    const QString nonce = QString::number(QRandomGenerator::global()->bounded(1000000000));
    QStringList parts{token, timestamp, nonce};
    parts.sort();
    const QByteArray signature =
        QCryptographicHash::hash(parts.join(QString()).toUtf8(), QCryptographicHash::Sha1).toHex();
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("signature"), QString::fromLatin1(signature));
    query.addQueryItem(QStringLiteral("timestamp"), timestamp);
    query.addQueryItem(QStringLiteral("nonce"), nonce);
    query.addQueryItem(QStringLiteral("openid"), openid);
    url.setQuery(query);
    return url;
}

// Posts the callback and answers the user's request when the callback has answered.
SandboxReply deliverCallback(SandboxState &state, QNetworkAccessManager *network, const SandboxApp &app,
                             SandboxUserAction action, const Callback &callback, qint64 nowSeconds)
{
    const QString base = state.callbackUrlFor(app);
    if (base.isEmpty()) {
        state.recordUserAction(action);
        return sandboxwire::json(200, QJsonObject{{QLatin1String("ok"), true}, {QLatin1String("callback"), QJsonValue()}});
    }
    const QUrl url = signedUrl(base, state.callbackTokenFor(app), callback.openid, nowSeconds);
    SandboxReply reply;
    SandboxState *s = &state;
    QPointer<QNetworkAccessManager> manager(network);
    reply.deferred = [s, manager, url, base, action, xml = callback.xml](SandboxAnswer answer) mutable {
        if (!manager) {
            answer(userError(QStringLiteral("the sandbox is shutting down"), 503));
            return;
        }
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/xml; charset=utf-8"));
        request.setTransferTimeout(kCallbackTimeoutMsecs);
        QNetworkReply *posted = manager->post(request, xml);
        QObject::connect(posted, &QNetworkReply::finished, posted, [s, posted, base, action, answer]() mutable {
            posted->deleteLater();
            const int status = posted->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QByteArray body = posted->readAll();
            action.callbackStatus = status;
            action.acceptedWhenAnswered = s->acceptedWechatMessages(action.openid);
            s->recordUserAction(action);
            if (status == 0) {
                answer(userError(QStringLiteral("the callback to %1 failed: %2").arg(base, posted->errorString()), 502));
                return;
            }
            const QJsonObject result{{QLatin1String("url"), base},
                                     {QLatin1String("status"), status},
                                     {QLatin1String("body"), QString::fromUtf8(body)}};
            answer(sandboxwire::json(200, QJsonObject{{QLatin1String("ok"), true}, {QLatin1String("callback"), result}}));
        });
    };
    return reply;
}

// The user a request speaks for: the posted body's app and openid.
struct Who {
    SandboxApp *app = nullptr;
    QString openid;
    QJsonObject body;
};

std::expected<Who, SandboxReply> who(SandboxState &state, const SandboxCall &call)
{
    const auto posted = userBody(call);
    if (!posted)
        return std::unexpected(posted.error());
    const QJsonObject &body = *posted;
    const QString appid = body.value(QLatin1String("appid")).toString();
    const QString openid = body.value(QLatin1String("openid")).toString();
    if (appid.isEmpty() || openid.isEmpty())
        return std::unexpected(userError(QStringLiteral("appid and openid are required")));
    SandboxApp *app = state.app(appid);
    if (!app)
        return std::unexpected(userError(QLatin1String("unknown appid ") + appid));
    return Who{app, openid, body};
}

SandboxReply messageRoute(SandboxState &state, QNetworkAccessManager *network, const SandboxCall &call)
{
    const auto user = who(state, call);
    if (!user)
        return user.error();
    const QJsonValue content = user->body.value(QLatin1String("content"));
    if (!content.isString() || content.toString().isEmpty())
        return userError(QStringLiteral("content must be a non-empty string (the text the user sends)"));
    const auto it = user->app->followers.find(user->openid);
    if (it == user->app->followers.end() || !it->following)
        return userError(QStringLiteral("%1 does not follow %2, so it cannot send it a message; follow first with "
                                        "POST /sandbox/user/event {\"event\":\"subscribe\"}")
                             .arg(user->openid, user->app->appid),
                         409);
    state.recordInteraction(*it, call.nowMsecs()); // the message opens the 48-hour window
    const quint64 msgId = state.nextMsgId();
    const Callback callback = callbackXml(user->app->appid, user->openid, call.nowSeconds(), QStringLiteral("text"),
                                          {{"Content", cdata(content.toString())}, {"MsgId", QByteArray::number(msgId)}});
    SandboxUserAction action{user->app->appid, user->openid, QStringLiteral("text"), content.toString(), call.nowMsecs()};
    return deliverCallback(state, network, *user->app, action, callback, call.nowSeconds());
}

SandboxReply eventRoute(SandboxState &state, QNetworkAccessManager *network, const SandboxCall &call)
{
    const auto user = who(state, call);
    if (!user)
        return user.error();
    const QString event = user->body.value(QLatin1String("event")).toString();
    if (event == QLatin1String("subscribe")) {
        SandboxFollower &follower = user->app->followers[user->openid];
        follower.following = true;
        state.recordInteraction(follower, call.nowMsecs()); // following counts as an interaction
    } else if (event == QLatin1String("unsubscribe")) {
        const auto it = user->app->followers.find(user->openid);
        if (it == user->app->followers.end() || !it->following)
            return userError(QStringLiteral("%1 does not follow %2").arg(user->openid, user->app->appid), 409);
        it->following = false;
    } else {
        return userError(QStringLiteral("event must be subscribe or unsubscribe (mute and reminder levels are the "
                                        "relay's own settings: POST them to the relay's /relay/user/settings)"));
    }
    const Callback callback = callbackXml(user->app->appid, user->openid, call.nowSeconds(), QStringLiteral("event"),
                                          {{"Event", cdata(event)}});
    SandboxUserAction action{user->app->appid, user->openid, event, QString(), call.nowMsecs()};
    return deliverCallback(state, network, *user->app, action, callback, call.nowSeconds());
}

SandboxReply callbacksRoute(SandboxState &state, const SandboxCall &call)
{
    if (call.isGet())
        return sandboxwire::json(200, state.callbacksJson());
    const auto body = userBody(call);
    if (!body)
        return body.error();
    const QString url = body->value(QLatin1String("url")).toString();
    if (!url.isEmpty()) {
        const QUrl parsed(url, QUrl::StrictMode);
        if (!parsed.isValid() || parsed.host().isEmpty()
            || (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https")))
            return userError(QStringLiteral("url must be an http(s) URL, or empty to remove it"));
    }
    if (!body->contains(QLatin1String("appid"))) {
        state.setDefaultCallbackUrl(url);
    } else {
        SandboxApp *app = state.app(body->value(QLatin1String("appid")).toString());
        if (!app)
            return userError(QLatin1String("unknown appid ") + body->value(QLatin1String("appid")).toString());
        app->callbackUrl = url;
        app->callbackToken = body->value(QLatin1String("token")).toString();
    }
    return sandboxwire::json(200, QJsonObject{{QLatin1String("ok"), true}});
}

} // namespace

void addUserRoutes(SandboxRouter &router, SandboxState &state, QNetworkAccessManager *network)
{
    SandboxState *s = &state;
    router.add(QStringLiteral("/sandbox/user/message"),
               [s, network](const SandboxCall &call) { return messageRoute(*s, network, call); }, /*countCalls=*/false);
    router.add(QStringLiteral("/sandbox/user/event"),
               [s, network](const SandboxCall &call) { return eventRoute(*s, network, call); }, /*countCalls=*/false);
    router.add(QStringLiteral("/sandbox/admin/callbacks"),
               [s](const SandboxCall &call) { return callbacksRoute(*s, call); }, /*countCalls=*/false);
}

} // namespace pushdesk
