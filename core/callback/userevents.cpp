#include "callback/userevents.h"

#include "domain/types.h"
#include "sandbox/sandboxserver.h"
#include "secrets/secretstore.h"
#include "store/database.h"
#include "store/eventrepository.h"
#include "store/subscriberrepository.h"

#include <QCryptographicHash>
#include <algorithm>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QUrlQuery>
#include <QXmlStreamReader>

Q_LOGGING_CATEGORY(lcUserEvents, "pushdesk.callback")

namespace pushdesk {

namespace {

// An error while handling one request: its HTTP status and its message.
struct Refusal {
    int status = 400;
    QString message;
};

CallbackAnswer plain(int status, const QString &text)
{
    CallbackAnswer a;
    a.status = status;
    a.body = text.toUtf8();
    return a;
}

CallbackAnswer jsonAnswer(int status, const QJsonObject &object)
{
    CallbackAnswer a;
    a.status = status;
    a.contentType = QByteArrayLiteral("application/json");
    a.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return a;
}

QByteArray cdata(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    bytes.replace("]]>", "]]]]><![CDATA[>");
    return "<![CDATA[" + bytes + "]]>";
}

// WeChat's passive reply: a text message back to the person who wrote.
CallbackAnswer textReply(const WechatCallback &to, const QString &text)
{
    CallbackAnswer a;
    a.contentType = QByteArrayLiteral("text/xml; charset=utf-8");
    a.body = "<xml><ToUserName>" + cdata(to.fromUser) + "</ToUserName><FromUserName>" + cdata(to.toUser)
             + "</FromUserName><CreateTime>" + QByteArray::number(QDateTime::currentSecsSinceEpoch())
             + "</CreateTime><MsgType>" + cdata(QStringLiteral("text")) + "</MsgType><Content>" + cdata(text)
             + "</Content></xml>";
    return a;
}

// A database still busy after its timeout: the caller may try again later (503), unlike a refused event (409).
bool isBusy(const QString &message)
{
    return message.contains(QLatin1String("locked"), Qt::CaseInsensitive)
        || message.contains(QLatin1String("busy"), Qt::CaseInsensitive);
}

} // namespace

CallbackSignature CallbackSignature::fromQuery(const QUrlQuery &query)
{
    return {query.queryItemValue(QStringLiteral("signature")), query.queryItemValue(QStringLiteral("timestamp")),
            query.queryItemValue(QStringLiteral("nonce"))};
}

QString CallbackSignature::compute(const QString &token, const QString &timestamp, const QString &nonce)
{
    QStringList parts{token, timestamp, nonce};
    parts.sort();
    return QString::fromLatin1(QCryptographicHash::hash(parts.join(QString()).toUtf8(), QCryptographicHash::Sha1).toHex());
}

UserEvents::Verdict UserEvents::verify(const QString &appid, const CallbackSignature &signature)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT id, upstream FROM apps WHERE appid = ?"));
    q.addBindValue(appid);
    if (auto r = exec(q); !r)
        return {500, r.error().message};
    if (!q.next())
        return {404, tr("No app has the appid \"%1\"; add it on the Apps page or check the callback URL.").arg(appid)};
    const qint64 appId = q.value(0).toLongLong();
    const bool builtInSandbox = q.value(1).toString() == QLatin1String(kBuiltInSandbox);
    q.finish();
    const auto verdict = [appId](int status, const QString &message = {}, bool verified = false, bool keychainUnavailable = false) {
        return Verdict{status, message, verified, keychainUnavailable, appId};
    };
    if (!m_secrets)
        return verdict(200);

    auto stored = m_secrets->read(SecretStore::callbackTokenKey(appId));
    if (!stored)
        return verdict(503, tr("Cannot check the signature: the app's callback Token cannot be read from the keychain (%1). "
                               "WeChat will try again.").arg(stored.error().message), false, true);
    // The Tokens a signature may be made with: the operator's; for an app of the built-in sandbox also
    // the sandbox's own, which it signs with until the operator gives the app one in this session
    // (Workspace::wireCallbackToken; nothing reaches such an app from outside this machine's emulator).
    QStringList tokens;
    if (const QString token = stored->value_or(QString()); !token.isEmpty())
        tokens.append(token);
    if (builtInSandbox)
        tokens.append(SandboxServer::defaultCallbackTokenFor(appid));
    if (tokens.isEmpty()) {
        if (!m_warnedUnsigned.contains(appid)) {
            m_warnedUnsigned.insert(appid);
            qCWarning(lcUserEvents).noquote() << "callbacks for" << appid
                                              << "are not verified: the app has no callback Token (Apps page)";
        }
        return verdict(200);
    }
    if (signature.signature.isEmpty() || signature.timestamp.isEmpty() || signature.nonce.isEmpty())
        return verdict(403, tr("The request is not signed: WeChat adds ?signature=, timestamp= and nonce= to the server URL."));
    const auto matches = [&](const QString &token) {
        return CallbackSignature::compute(token, signature.timestamp, signature.nonce).compare(signature.signature, Qt::CaseInsensitive) == 0;
    };
    if (std::none_of(tokens.cbegin(), tokens.cend(), matches))
        return verdict(403, tr("The signature does not match the app's callback Token: the request was refused. Check that the "
                               "Token on the Apps page is the one in the official account's server settings."));
    return verdict(200, QString(), true);
}

CallbackAnswer UserEvents::handleVerification(const QString &appid, const CallbackSignature &signature, const QString &echostr)
{
    if (appid.isEmpty())
        return plain(400, tr("Add ?appid=<the app's appid> to the server URL, so that Pushdesk knows whose Token to check."));
    if (echostr.isEmpty())
        return plain(400, tr("The check lacks echostr."));
    const Verdict v = verify(appid, signature);
    if (v.status != 200)
        return plain(v.status, v.message);
    if (!v.verified)
        return plain(403, tr("The app has no callback Token: type the Token of the official account's server settings on "
                             "the Apps page, then submit the server URL again."));
    return plain(200, echostr);
}

Result<WechatCallback> UserEvents::parse(const QByteArray &xml)
{
    if (xml.trimmed().isEmpty())
        return fail(tr("The callback is empty; WeChat posts an XML message such as <xml><ToUserName>…</xml>."));
    QXmlStreamReader reader(xml);
    if (!reader.readNextStartElement() || reader.name() != QLatin1String("xml"))
        return fail(tr("The callback is not a WeChat XML message: it must start with <xml>."));
    QHash<QString, QString> fields;
    while (reader.readNextStartElement()) {
        const QString name = reader.name().toString();
        const QString text = reader.readElementText(QXmlStreamReader::IncludeChildElements);
        if (reader.hasError())
            break;
        fields.insert(name, text);
    }
    if (!reader.hasError()) {
        // Nothing may follow the root element but whitespace.
        while (!reader.atEnd() && !reader.hasError()) {
            reader.readNext();
            if (reader.isStartElement() || (reader.isCharacters() && !reader.isWhitespace()))
                reader.raiseError(QStringLiteral("content after </xml>"));
        }
    }
    if (reader.hasError())
        return fail(tr("The callback is malformed XML at line %1, column %2: %3.")
                        .arg(reader.lineNumber())
                        .arg(reader.columnNumber())
                        .arg(reader.errorString()));
    WechatCallback cb;
    cb.toUser = fields.value(QStringLiteral("ToUserName")).trimmed();
    cb.fromUser = fields.value(QStringLiteral("FromUserName")).trimmed();
    cb.msgType = fields.value(QStringLiteral("MsgType")).trimmed();
    cb.content = fields.value(QStringLiteral("Content"));
    cb.event = fields.value(QStringLiteral("Event")).trimmed();
    QStringList missing;
    for (const char *required : {"ToUserName", "FromUserName", "CreateTime", "MsgType"}) {
        if (fields.value(QLatin1String(required)).trimmed().isEmpty())
            missing.append(QLatin1String(required));
    }
    if (cb.msgType == QLatin1String("text") && !fields.contains(QStringLiteral("Content")))
        missing.append(QStringLiteral("Content"));
    if (cb.msgType == QLatin1String("event") && cb.event.isEmpty())
        missing.append(QStringLiteral("Event"));
    if (!missing.isEmpty())
        return fail(tr("The callback lacks %1.").arg(missing.join(QStringLiteral(", "))));
    bool ok = false;
    const qint64 created = fields.value(QStringLiteral("CreateTime")).trimmed().toLongLong(&ok);
    if (!ok || created <= 0)
        return fail(tr("CreateTime must be a Unix time in seconds, not \"%1\".").arg(fields.value(QStringLiteral("CreateTime"))));
    cb.created = QDateTime::fromSecsSinceEpoch(created);
    return cb;
}

CallbackAnswer UserEvents::handleWechat(const QByteArray &body, const QString &appidHint, const CallbackSignature &signature)
{
    auto parsed = parse(body);
    if (!parsed)
        return plain(400, parsed.error().message);
    const WechatCallback &cb = *parsed;
    const QString appid = appidHint.isEmpty() ? cb.toUser : appidHint;

    // What the message means for the relay.
    std::optional<SubscriberEventKind> kind;
    if (cb.msgType == QLatin1String("text")) {
        const QString reply = cb.content.trimmed();
        if (reply == QLatin1String("0"))
            kind = SubscriberEventKind::OptOut;
        else if (reply == QLatin1String("1"))
            kind = SubscriberEventKind::OptIn;
    } else if (cb.msgType == QLatin1String("event")) {
        if (cb.event == QLatin1String("subscribe"))
            kind = SubscriberEventKind::Bind;
        else if (cb.event == QLatin1String("unsubscribe"))
            kind = SubscriberEventKind::Unbind;
    }

    // The signature, before anything is written and outside the transaction (the keychain may take a
    // moment). When the keychain cannot be read, a request that only stops messages (reply "0",
    // unfollow) is still taken: losing it would push to someone who said no; anything else waits for
    // WeChat's retry.
    const Verdict v = verify(appid, signature);
    if (v.status != 200) {
        const bool stopsMessages = kind == SubscriberEventKind::OptOut || kind == SubscriberEventKind::Unbind;
        if (!(v.keychainUnavailable && stopsMessages))
            return plain(v.status, v.message);
        qCWarning(lcUserEvents).noquote() << "took an unverified" << (cb.msgType == QLatin1String("text") ? cb.content : cb.event)
                                          << "from" << cb.fromUser << "for" << appid << "because:" << v.message;
    }

    Refusal refusal;
    qint64 subscriberId = 0;
    auto done = m_db.transaction([&]() -> Result<void> {
        const qint64 appId = v.appId; // looked up by verify()
        SubscriberRepository subscribers(m_db);
        auto found = subscribers.findByMpOpenid(cb.fromUser);
        if (!found) {
            refusal = {500, found.error().message};
            return std::unexpected(found.error());
        }
        if (*found) {
            subscriberId = (*found)->id;
        } else if (kind == SubscriberEventKind::Bind) {
            Subscriber s; // a new follower
            s.mpOpenid = cb.fromUser;
            s.lastInteraction = cb.created;
            auto id = subscribers.create(s);
            if (!id) {
                refusal = {500, id.error().message};
                return std::unexpected(id.error());
            }
            subscriberId = *id;
        } else {
            refusal = {404, tr("No subscriber has the openid \"%1\".").arg(cb.fromUser)};
            return fail(refusal.message);
        }

        if (!kind) {
            // Any other message or event is an interaction: it opens the customer-service window.
            QSqlQuery u(m_db.db());
            u.prepare(QStringLiteral("UPDATE subscribers SET last_interaction_at = ? WHERE id = ? AND last_interaction_at < ?"));
            u.addBindValue(toMsecs(cb.created));
            u.addBindValue(subscriberId);
            u.addBindValue(toMsecs(cb.created));
            if (auto r = exec(u); !r) {
                refusal = {500, r.error().message};
                return r;
            }
            return {};
        }
        SubscriberEvent e;
        e.subscriberId = subscriberId;
        e.appId = appId;
        e.kind = *kind;
        e.source = EventSource::User;
        e.at = cb.created;
        if (auto r = EventRepository(m_db).apply(e); !r) {
            refusal = {isBusy(r.error().message) ? 503 : 409, r.error().message};
            return r;
        }
        return {};
    });
    if (!done)
        return plain(refusal.message.isEmpty() ? 503 : refusal.status,
                     refusal.message.isEmpty() ? done.error().message : refusal.message);
    m_lastSubscriberId = subscriberId;
    m_lastKind = kind ? toString(*kind) : QStringLiteral("interaction");
    if (kind == SubscriberEventKind::OptOut)
        return textReply(cb, tr("You will receive no more messages. Reply 1 to resume."));
    if (kind == SubscriberEventKind::OptIn)
        return textReply(cb, tr("You will receive messages again. Reply 0 to stop."));
    return CallbackAnswer{};
}

CallbackAnswer UserEvents::handleRelaySettings(const QByteArray &body)
{
    const auto refuse = [](int status, const QString &message) {
        return jsonAnswer(status, QJsonObject{{QStringLiteral("ok"), false}, {QStringLiteral("error"), message}});
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return refuse(400, tr("The body must be a JSON object such as {\"appid\":…,\"openid\":…,\"event\":\"mute\"}."));
    const QJsonObject o = document.object();
    const QString appid = o.value(QStringLiteral("appid")).toString();
    const QString openid = o.value(QStringLiteral("openid")).toString();
    const QString event = o.value(QStringLiteral("event")).toString();
    const QString value = o.value(QStringLiteral("value")).toString();
    if (appid.isEmpty() || openid.isEmpty())
        return refuse(400, tr("appid and openid are required."));
    SubscriberEventKind kind;
    if (!fromString(event, &kind)
        || (kind != SubscriberEventKind::Mute && kind != SubscriberEventKind::Unmute && kind != SubscriberEventKind::Reminder))
        return refuse(400, tr("event must be mute, unmute or reminder; opt-out, unbinding and binding come from WeChat."));
    if (const QString problem = EventRepository::valueProblem(kind, value); !problem.isEmpty())
        return refuse(400, problem);

    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT id FROM apps WHERE appid = ?"));
    q.addBindValue(appid);
    if (auto r = exec(q); !r)
        return refuse(500, r.error().message);
    if (!q.next())
        return refuse(404, tr("No app has the appid \"%1\".").arg(appid));
    const qint64 appId = q.value(0).toLongLong();
    q.finish();
    auto found = SubscriberRepository(m_db).findByMpOpenid(openid);
    if (!found)
        return refuse(500, found.error().message);
    if (!*found)
        return refuse(404, tr("No subscriber has the openid \"%1\".").arg(openid));
    SubscriberEvent e;
    e.subscriberId = (*found)->id;
    e.appId = appId;
    e.kind = kind;
    e.value = value;
    e.source = EventSource::User;
    if (auto r = EventRepository(m_db).apply(e); !r)
        return refuse(isBusy(r.error().message) ? 503 : 409, r.error().message);
    m_lastSubscriberId = e.subscriberId;
    m_lastKind = toString(kind);
    return jsonAnswer(200, QJsonObject{{QStringLiteral("ok"), true}});
}

} // namespace pushdesk
