// The WeChat official-account endpoints (upstream-apis.md §0-§3), clear_quota, and the checks all
// WeChat message endpoints share (sandboxwechat.h).
#include "sandboxwechat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <expected>

namespace pushdesk {

namespace sandboxwechat {

SandboxReply reject(SandboxState &state, SandboxMessageKind kind, int errcode, QStringView errmsg)
{
    state.settle(kind, QString(), errcode);
    return sandboxwire::wechatError(errcode, errmsg);
}

std::expected<Message, SandboxReply> openMessage(const SandboxCall &call, SandboxState &state,
                                                 SandboxMessageKind kind, bool countsQuota)
{
    if (!call.isPost())
        return std::unexpected(reject(state, kind, 43002));
    const SandboxTokenCheck check =
        state.checkToken(call.queryItem(QStringLiteral("access_token")), call.nowMsecs());
    if (check.errcode != 0)
        return std::unexpected(reject(state, kind, check.errcode));
    state.countMessageCall(*check.app, call.nowMsecs());
    if (countsQuota && state.quotaExhausted(*check.app, call.nowMsecs()))
        return std::unexpected(reject(state, kind, 45009));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(call.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::unexpected(reject(state, kind, 47001));
    return Message{check.app, document.object()};
}

void accept(SandboxState &state, SandboxMessageKind kind, SandboxApp &app, const QString &recipient,
            qint64 nowMsecs)
{
    state.spendQuota(app, nowMsecs);
    state.settle(kind, recipient, 0);
}

std::expected<const SandboxTemplate *, int> findTemplate(const SandboxApp &app,
                                                         const QString &templateId)
{
    if (templateId.isEmpty())
        return std::unexpected(40037);
    if (app.templates.isEmpty())
        return nullptr;
    const auto it = app.templates.constFind(templateId);
    if (it == app.templates.constEnd())
        return std::unexpected(40037);
    return &it.value();
}

namespace {

// Subscribe-message value limits by key type (upstream-apis.md §4b); -1 = not a limited type.
int typeLimit(QStringView key)
{
    qsizetype end = key.size();
    while (end > 0 && key.at(end - 1).isDigit())
        --end;
    const QStringView type = key.left(end);
    if (type == u"thing" || type == u"name")
        return 20;
    if (type == u"number" || type == u"letter" || type == u"character_string")
        return 32;
    if (type == u"symbol" || type == u"phrase")
        return 5;
    if (type == u"phone_number")
        return 17;
    if (type == u"car_number")
        return 8;
    return -1;
}

qsizetype codePoints(QStringView text)
{
    qsizetype count = 0;
    for (const QChar c : text)
        count += c.isLowSurrogate() ? 0 : 1;
    return count;
}

QString dataError(const QString &key, bool empty)
{
    return QLatin1String("argument invalid! data.") + key
           + (empty ? QLatin1String(".value is empty") : QLatin1String(".value invalid"));
}

} // namespace

int checkData(const QJsonValue &data, const SandboxTemplate *registered, bool typeLimits,
              QString *errmsg)
{
    if (!data.isObject()) {
        *errmsg = QStringLiteral("argument invalid! data is empty");
        return 47003;
    }
    const QJsonObject fields = data.toObject();
    if (registered) {
        for (const QString &key : registered->keys) {
            const QJsonValue value = fields.value(key).toObject().value(QLatin1String("value"));
            const bool empty = value.isUndefined() || value.isNull()
                               || (value.isString() && value.toString().isEmpty());
            if (empty || value.isObject() || value.isArray()) {
                *errmsg = dataError(key, empty);
                return 47003;
            }
        }
    }
    if (typeLimits) {
        for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
            const int limit = typeLimit(it.key());
            const QJsonValue value = it.value().toObject().value(QLatin1String("value"));
            if (limit < 0 || value.isUndefined())
                continue;
            const QString text = value.toVariant().toString();
            if (value.isObject() || value.isArray() || codePoints(text) > limit
                || text.contains(QLatin1Char('\n'))) {
                *errmsg = dataError(it.key(), false);
                return 47003;
            }
        }
    }
    return 0;
}

} // namespace sandboxwechat

namespace {

using Kind = SandboxMessageKind;
using namespace sandboxwechat;

bool isCustomMessageType(const QString &msgtype)
{
    // Each msgtype names the key that holds its payload (upstream-apis.md §2).
    static const QSet<QString> types = {
        QStringLiteral("text"),       QStringLiteral("image"),           QStringLiteral("voice"),
        QStringLiteral("video"),      QStringLiteral("music"),           QStringLiteral("news"),
        QStringLiteral("mpnews"),     QStringLiteral("mpnewsarticle"),   QStringLiteral("wxcard"),
        QStringLiteral("miniprogrampage"), QStringLiteral("msgmenu"),
    };
    return types.contains(msgtype);
}

SandboxReply tokenRoute(SandboxState &state, const SandboxCall &call)
{
    if (const int fault = state.faults().takeTokenError())
        return sandboxwire::wechatError(fault);
    const SandboxTokenGrant grant = state.issueToken(call.queryItem(QStringLiteral("grant_type")),
                                                     call.queryItem(QStringLiteral("appid")),
                                                     call.queryItem(QStringLiteral("secret")),
                                                     call.nowMsecs());
    if (grant.errcode != 0)
        return sandboxwire::wechatError(grant.errcode);
    return sandboxwire::wechatToken(grant.token, grant.expiresInSeconds);
}

SandboxReply stableTokenRoute(SandboxState &state, const SandboxCall &call)
{
    if (!call.isPost())
        return sandboxwire::wechatError(43002);
    if (const int fault = state.faults().takeTokenError())
        return sandboxwire::wechatError(fault);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(call.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return sandboxwire::wechatError(47001);
    const QJsonObject body = document.object();
    const SandboxTokenGrant grant =
        state.stableToken(body.value(QLatin1String("grant_type")).toString(),
                          body.value(QLatin1String("appid")).toString(),
                          body.value(QLatin1String("secret")).toString(),
                          body.value(QLatin1String("force_refresh")).toBool(), call.nowMsecs());
    if (grant.errcode != 0)
        return sandboxwire::wechatError(grant.errcode);
    return sandboxwire::wechatToken(grant.token, grant.expiresInSeconds);
}

SandboxReply customSendRoute(SandboxState &state, const SandboxCall &call)
{
    auto message = openMessage(call, state, Kind::Custom);
    if (!message)
        return std::move(message.error());
    const QJsonObject &body = message->body;
    const QString msgtype = body.value(QLatin1String("msgtype")).toString();
    if (!isCustomMessageType(msgtype))
        return reject(state, Kind::Custom, 40008);
    const QJsonValue payload = body.value(msgtype);
    if (!payload.isObject())
        return reject(state, Kind::Custom, 47001);
    if (msgtype == QLatin1String("news")
        && payload.toObject().value(QLatin1String("articles")).toArray().size() > 1)
        return reject(state, Kind::Custom, 45008);

    const QString touser = body.value(QLatin1String("touser")).toString();
    const int verdict = state.customVerdict(*message->app, touser, call.nowMsecs());
    if (verdict != 0)
        return reject(state, Kind::Custom, verdict);
    state.spendCustomAllowance(*message->app, touser);
    accept(state, Kind::Custom, *message->app, touser, call.nowMsecs());
    return sandboxwire::wechatOk();
}

SandboxReply templateSendRoute(SandboxState &state, const SandboxCall &call)
{
    auto message = openMessage(call, state, Kind::Template);
    if (!message)
        return std::move(message.error());
    const QJsonObject &body = message->body;
    SandboxApp &app = *message->app;
    const QString touser = body.value(QLatin1String("touser")).toString();
    const int verdict = state.templateRecipientVerdict(app, touser);
    if (verdict != 0)
        return reject(state, Kind::Template, verdict);
    const auto registered = findTemplate(app, body.value(QLatin1String("template_id")).toString());
    if (!registered)
        return reject(state, Kind::Template, registered.error());
    QString errmsg;
    if (const int errcode = checkData(body.value(QLatin1String("data")), *registered, false, &errmsg))
        return reject(state, Kind::Template, errcode, errmsg);
    accept(state, Kind::Template, app, touser, call.nowMsecs());
    return sandboxwire::wechatOkWithMsgId(state.nextMsgId());
}

// POST /cgi-bin/clear_quota?access_token=... {"appid":"..."}: the day's quota starts again.
SandboxReply clearQuotaRoute(SandboxState &state, const SandboxCall &call)
{
    if (!call.isPost())
        return sandboxwire::wechatError(43002);
    const SandboxTokenCheck check =
        state.checkToken(call.queryItem(QStringLiteral("access_token")), call.nowMsecs());
    if (check.errcode != 0)
        return sandboxwire::wechatError(check.errcode);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(call.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return sandboxwire::wechatError(47001);
    const QString appid = document.object().value(QLatin1String("appid")).toString();
    if (appid.isEmpty())
        return sandboxwire::wechatError(41002);
    if (appid != check.app->appid) // a token only clears its own app's quota
        return sandboxwire::wechatError(40013);
    state.setQuotaUsed(*check.app, 0, call.nowMsecs());
    return sandboxwire::wechatOk();
}

} // namespace

void addWechatRoutes(SandboxRouter &router, SandboxState &state)
{
    SandboxState *s = &state;
    router.add(QStringLiteral("/cgi-bin/token"),
               [s](const SandboxCall &call) { return tokenRoute(*s, call); });
    router.add(QStringLiteral("/cgi-bin/stable_token"),
               [s](const SandboxCall &call) { return stableTokenRoute(*s, call); });
    router.add(QStringLiteral("/cgi-bin/message/custom/send"),
               [s](const SandboxCall &call) { return customSendRoute(*s, call); }, true,
               SandboxFaultScope::Wechat);
    router.add(QStringLiteral("/cgi-bin/message/template/send"),
               [s](const SandboxCall &call) { return templateSendRoute(*s, call); }, true,
               SandboxFaultScope::Wechat);
    router.add(QStringLiteral("/cgi-bin/clear_quota"),
               [s](const SandboxCall &call) { return clearQuotaRoute(*s, call); });
}

} // namespace pushdesk
