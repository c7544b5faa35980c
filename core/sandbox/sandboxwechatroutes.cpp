// The WeChat official-account endpoints (upstream-apis.md §0-§3).
#include "sandboxroutes.h"
#include "sandboxstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <expected>

namespace pushdesk {

namespace {

using Kind = SandboxMessageKind;

SandboxReply reject(SandboxState &state, Kind kind, int errcode, QStringView errmsg = {})
{
    state.settle(kind, QString(), errcode);
    return sandboxwire::wechatError(errcode, errmsg);
}

// A message request that passed the checks every WeChat message endpoint shares.
struct WechatMessage {
    SandboxApp *app = nullptr;
    QJsonObject body;
};

std::expected<WechatMessage, SandboxReply> openMessage(const SandboxCall &call, SandboxState &state,
                                                       Kind kind)
{
    if (!call.isPost())
        return std::unexpected(reject(state, kind, 43002));
    const SandboxTokenCheck check =
        state.checkToken(call.queryItem(QStringLiteral("access_token")), call.nowMsecs());
    if (check.errcode != 0)
        return std::unexpected(reject(state, kind, check.errcode));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(call.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::unexpected(reject(state, kind, 47001));
    return WechatMessage{check.app, document.object()};
}

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
    state.settle(Kind::Custom, touser, 0);
    return sandboxwire::wechatOk();
}

SandboxReply templateSendRoute(SandboxState &state, const SandboxCall &call)
{
    auto message = openMessage(call, state, Kind::Template);
    if (!message)
        return std::move(message.error());
    const QJsonObject &body = message->body;
    const SandboxApp &app = *message->app;
    const QString touser = body.value(QLatin1String("touser")).toString();
    const int verdict = state.templateRecipientVerdict(app, touser);
    if (verdict != 0)
        return reject(state, Kind::Template, verdict);

    const QString templateId = body.value(QLatin1String("template_id")).toString();
    if (templateId.isEmpty())
        return reject(state, Kind::Template, 40037);
    const SandboxTemplate *registered = nullptr;
    if (!app.templates.isEmpty()) {
        const auto it = app.templates.constFind(templateId);
        if (it == app.templates.constEnd())
            return reject(state, Kind::Template, 40037);
        registered = &it.value();
    }

    const QJsonValue data = body.value(QLatin1String("data"));
    if (!data.isObject())
        return reject(state, Kind::Template, 47003, u"argument invalid! data is empty");
    if (registered) {
        const QJsonObject fields = data.toObject();
        for (const QString &key : registered->keys) {
            const QJsonValue value = fields.value(key).toObject().value(QLatin1String("value"));
            const bool empty = value.isUndefined() || value.isNull()
                               || (value.isString() && value.toString().isEmpty());
            if (empty || value.isObject() || value.isArray()) {
                const QString errmsg = QLatin1String("argument invalid! data.") + key
                                       + (empty ? QLatin1String(".value is empty")
                                                : QLatin1String(".value invalid"));
                return reject(state, Kind::Template, 47003, errmsg);
            }
        }
    }
    state.settle(Kind::Template, touser, 0);
    return sandboxwire::wechatOkWithMsgId(state.nextMsgId());
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
               [s](const SandboxCall &call) { return customSendRoute(*s, call); });
    router.add(QStringLiteral("/cgi-bin/message/template/send"),
               [s](const SandboxCall &call) { return templateSendRoute(*s, call); });
}

} // namespace pushdesk
