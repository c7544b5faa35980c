// Control endpoints for tests and the demo seeder: /sandbox/admin/* (JSON in, {"ok":true} or
// HTTP 400 {"ok":false,"error":"..."} out) and /sandbox/stats.
#include "sandboxroutes.h"
#include "sandboxstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <expected>

namespace pushdesk {

namespace {

SandboxReply adminOk()
{
    static const QByteArray body = QByteArrayLiteral("{\"ok\":true}");
    return {200, QByteArrayLiteral("application/json; charset=utf-8"), body};
}

SandboxReply adminError(const QString &error, int status = 400)
{
    QJsonObject object;
    object.insert(QLatin1String("ok"), false);
    object.insert(QLatin1String("error"), error);
    return sandboxwire::json(status, object);
}

std::expected<QJsonObject, SandboxReply> adminBody(const SandboxCall &call)
{
    if (!call.isPost())
        return std::unexpected(adminError(QStringLiteral("use POST"), 405));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(call.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return std::unexpected(adminError(QLatin1String("malformed JSON: ") + parseError.errorString()));
    if (!document.isObject())
        return std::unexpected(adminError(QStringLiteral("body must be a JSON object")));
    return document.object();
}

std::expected<SandboxApp *, SandboxReply> knownApp(SandboxState &state, const QJsonObject &body)
{
    const QString appid = body.value(QLatin1String("appid")).toString();
    if (appid.isEmpty())
        return std::unexpected(adminError(QStringLiteral("appid is required")));
    SandboxApp *app = state.app(appid);
    if (!app)
        return std::unexpected(adminError(QLatin1String("unknown appid ") + appid));
    return app;
}

qint64 secondsToMsecs(const QJsonValue &seconds)
{
    return static_cast<qint64>(seconds.toDouble(0) * 1000.0);
}

SandboxReply appsRoute(SandboxState &state, const SandboxCall &call)
{
    const auto body = adminBody(call);
    if (!body)
        return body.error();
    const QString appid = body->value(QLatin1String("appid")).toString();
    if (appid.isEmpty())
        return adminError(QStringLiteral("appid is required"));
    QString secret = body->value(QLatin1String("secret")).toString();
    if (secret.isEmpty())
        secret = SandboxState::defaultSecretFor(appid);
    QString kind = body->value(QLatin1String("kind")).toString();
    if (kind.isEmpty())
        kind = QStringLiteral("official_account");
    state.upsertApp(appid, secret, kind);
    return adminOk();
}

SandboxReply followersRoute(SandboxState &state, const SandboxCall &call)
{
    const auto body = adminBody(call);
    if (!body)
        return body.error();
    const auto app = knownApp(state, *body);
    if (!app)
        return app.error();
    const QJsonValue list = body->value(QLatin1String("followers"));
    if (!list.isArray())
        return adminError(QStringLiteral("followers must be an array"));
    const QJsonArray followers = list.toArray();
    // Validate everything first so that a bad row leaves the state as it was.
    for (qsizetype i = 0; i < followers.size(); ++i) {
        if (followers.at(i).toObject().value(QLatin1String("openid")).toString().isEmpty())
            return adminError(QStringLiteral("followers[%1].openid is required").arg(i));
    }
    QHash<QString, SandboxFollower> &table = (*app)->followers;
    table.reserve(table.size() + followers.size());
    for (const QJsonValue row : followers) {
        const QJsonObject object = row.toObject();
        SandboxFollower &follower = table[object.value(QLatin1String("openid")).toString()];
        follower.following = object.value(QLatin1String("following")).toBool(true);
        follower.blacklisted = object.value(QLatin1String("blacklisted")).toBool(false);
        const qint64 last = secondsToMsecs(object.value(QLatin1String("last_interaction")));
        if (last != follower.lastInteractionMsecs)
            state.recordInteraction(follower, last);
    }
    return adminOk();
}

SandboxReply interactionRoute(SandboxState &state, const SandboxCall &call)
{
    const auto body = adminBody(call);
    if (!body)
        return body.error();
    const auto app = knownApp(state, *body);
    if (!app)
        return app.error();
    const QString openid = body->value(QLatin1String("openid")).toString();
    const auto it = (*app)->followers.find(openid);
    if (it == (*app)->followers.end())
        return adminError(QLatin1String("unknown openid ") + openid);
    const QJsonValue at = body->value(QLatin1String("at"));
    state.recordInteraction(*it, at.isDouble() ? secondsToMsecs(at) : call.nowMsecs());
    return adminOk();
}

SandboxReply templatesRoute(SandboxState &state, const SandboxCall &call)
{
    const auto body = adminBody(call);
    if (!body)
        return body.error();
    const auto app = knownApp(state, *body);
    if (!app)
        return app.error();
    const QString templateId = body->value(QLatin1String("template_id")).toString();
    if (templateId.isEmpty())
        return adminError(QStringLiteral("template_id is required"));
    SandboxTemplate registered;
    for (const QJsonValue key : body->value(QLatin1String("keys")).toArray()) {
        if (!key.isString() || key.toString().isEmpty())
            return adminError(QStringLiteral("keys must be non-empty strings"));
        registered.keys.append(key.toString());
    }
    (*app)->templates.insert(templateId, registered);
    return adminOk();
}

SandboxReply barkDevicesRoute(SandboxState &state, const SandboxCall &call)
{
    const auto body = adminBody(call);
    if (!body)
        return body.error();
    QStringList keys;
    for (const QJsonValue key : body->value(QLatin1String("device_keys")).toArray()) {
        if (!key.isString() || key.toString().isEmpty())
            return adminError(QStringLiteral("device_keys must be non-empty strings"));
        keys.append(key.toString());
    }
    const QString single = body->value(QLatin1String("device_key")).toString();
    if (!single.isEmpty())
        keys.append(single);
    if (keys.isEmpty())
        return adminError(QStringLiteral("device_keys is required"));
    for (const QString &key : std::as_const(keys))
        state.addBarkDevice(key);
    return adminOk();
}

SandboxReply resetRoute(SandboxState &state, const SandboxCall &call)
{
    if (!call.isPost())
        return adminError(QStringLiteral("use POST"), 405);
    const QString all = call.queryItem(QStringLiteral("all"));
    if (all == QLatin1String("1") || all == QLatin1String("true"))
        state.resetAll();
    else
        state.resetStats();
    return adminOk();
}

} // namespace

void addAdminRoutes(SandboxRouter &router, SandboxState &state)
{
    SandboxState *s = &state;
    const auto add = [&router, s](const QString &path, SandboxReply (*route)(SandboxState &, const SandboxCall &)) {
        router.add(path, [s, route](const SandboxCall &call) { return route(*s, call); },
                   /*countCalls=*/false);
    };
    add(QStringLiteral("/sandbox/admin/apps"), appsRoute);
    add(QStringLiteral("/sandbox/admin/followers"), followersRoute);
    add(QStringLiteral("/sandbox/admin/interaction"), interactionRoute);
    add(QStringLiteral("/sandbox/admin/templates"), templatesRoute);
    add(QStringLiteral("/sandbox/admin/bark/devices"), barkDevicesRoute);
    add(QStringLiteral("/sandbox/admin/reset"), resetRoute);
    router.add(QStringLiteral("/sandbox/stats"), [s](const SandboxCall &) {
        return sandboxwire::json(200, s->statsJson());
    }, /*countCalls=*/false);
}

} // namespace pushdesk
