// Control endpoints for tests and the demo seeder: /sandbox/admin/* (JSON in, {"ok":true} or
// HTTP 400 {"ok":false,"error":"..."} out) and /sandbox/stats.
//   apps, followers, interaction, templates, bark/devices, reset   (see each route)
//   apps       {"appid","secret","kind","pages":[...]}: pages are a mini-program's live pages (41030 for
//              any other page; left out: unchanged; none: any page)
//   grants     {"appid","openid","template_id","count":N} or {"appid","grants":[{openid,template_id,count}]}
//   formids    {"appid","openid","form_ids":[{"form_id","uses":1|3,"expires_at":<unix s>}]}
//              (uses default 1, expires_at default now + 7 days; a string is a form_id with defaults)
//   seccheck   POST {"risky":[{"word","label"}],"review":[...]} replaces both lists; GET returns them
//   webhooks   {"name","secret"}
//   quota      POST {"appid","daily_quota":N,"used":M} per app (either key may be left out;
//              daily_quota -1 = back to the default), or {"daily_quota":N} without appid for the
//              default of every app; GET {"daily_quota":N,"apps":{"<appid>":{"daily_quota","used"}}}
//   faults     POST replaces the fault settings (sandboxfaults.h); GET returns them with the seed
#include "sandboxroutes.h"
#include "sandboxstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <expected>
#include <optional>

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
    const QJsonValue pages = body->value(QLatin1String("pages"));
    QSet<QString> pageSet;
    if (!pages.isUndefined()) {
        if (!pages.isArray())
            return adminError(QStringLiteral("pages must be an array of page paths"));
        for (const QJsonValue page : pages.toArray()) {
            if (!page.isString() || page.toString().isEmpty())
                return adminError(QStringLiteral("pages must be an array of page paths"));
            pageSet.insert(page.toString());
        }
    }
    SandboxApp &app = state.upsertApp(appid, secret, kind);
    if (!pages.isUndefined())
        app.pages = pageSet;
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

// Optional non-negative whole number: nullopt when absent, error text when invalid.
std::expected<std::optional<qint64>, QString> optionalCount(const QJsonObject &body, QLatin1String key,
                                                            qint64 min = 0)
{
    const QJsonValue value = body.value(key);
    if (value.isUndefined() || value.isNull())
        return std::optional<qint64>();
    const double number = value.toDouble(min - 1.0);
    if (!value.isDouble() || number < double(min) || number != double(qint64(number)))
        return std::unexpected(key + QStringLiteral(" must be a whole number >= %1").arg(min));
    return std::optional<qint64>(qint64(number));
}

SandboxReply grantsRoute(SandboxState &state, const SandboxCall &call)
{
    const auto body = adminBody(call);
    if (!body)
        return body.error();
    const auto app = knownApp(state, *body);
    if (!app)
        return app.error();
    const QJsonValue list = body->value(QLatin1String("grants"));
    if (!list.isUndefined() && !list.isArray())
        return adminError(QStringLiteral("grants must be an array"));
    const QJsonArray rows = list.isArray() ? list.toArray() : QJsonArray{*body};
    struct Grant {
        QString openid, templateId;
        int count;
    };
    QList<Grant> grants;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QJsonObject row = rows.at(i).toObject();
        Grant grant{row.value(QLatin1String("openid")).toString(),
                    row.value(QLatin1String("template_id")).toString(), 1};
        if (grant.openid.isEmpty() || grant.templateId.isEmpty())
            return adminError(QStringLiteral("grant %1: openid and template_id are required").arg(i));
        const auto count = optionalCount(row, QLatin1String("count"), 1);
        if (!count)
            return adminError(count.error());
        grant.count = int(std::min<qint64>(count->value_or(1), 1000000000));
        grants.append(grant);
    }
    for (const Grant &grant : std::as_const(grants))
        state.addGrants(**app, grant.openid, grant.templateId, grant.count);
    return adminOk();
}

SandboxReply formIdsRoute(SandboxState &state, const SandboxCall &call)
{
    const auto body = adminBody(call);
    if (!body)
        return body.error();
    const auto app = knownApp(state, *body);
    if (!app)
        return app.error();
    const QString openid = body->value(QLatin1String("openid")).toString();
    if (openid.isEmpty())
        return adminError(QStringLiteral("openid is required"));
    const QJsonValue list = body->value(QLatin1String("form_ids"));
    if (!list.isArray() || list.toArray().isEmpty())
        return adminError(QStringLiteral("form_ids must be a non-empty array"));
    constexpr qint64 weekMsecs = 7LL * 24 * 3600 * 1000;
    QList<std::pair<QString, SandboxFormId>> credits;
    for (const QJsonValue row : list.toArray()) {
        const QJsonObject object = row.isString()
                                       ? QJsonObject{{QLatin1String("form_id"), row.toString()}}
                                       : row.toObject();
        const QString formId = object.value(QLatin1String("form_id")).toString();
        if (formId.isEmpty())
            return adminError(QStringLiteral("form_ids[].form_id is required"));
        const auto uses = optionalCount(object, QLatin1String("uses"), 1);
        if (!uses)
            return adminError(uses.error());
        const QJsonValue expires = object.value(QLatin1String("expires_at"));
        if (!expires.isUndefined() && !expires.isDouble())
            return adminError(QStringLiteral("form_ids[].expires_at must be unix seconds"));
        SandboxFormId credit{openid, int(std::min<qint64>(uses->value_or(1), 1000000)),
                             expires.isDouble() ? secondsToMsecs(expires) : call.nowMsecs() + weekMsecs};
        credits.append({formId, credit});
    }
    for (const auto &[formId, credit] : std::as_const(credits))
        state.addFormId(**app, formId, credit);
    return adminOk();
}

QJsonArray secWordsJson(const QList<SandboxSecWord> &words)
{
    QJsonArray array;
    for (const SandboxSecWord &word : words)
        array.append(QJsonObject{{QLatin1String("word"), word.word}, {QLatin1String("label"), word.label}});
    return array;
}

std::expected<QList<SandboxSecWord>, QString> readSecWords(const QJsonObject &body, QLatin1String key,
                                                           int defaultLabel)
{
    QList<SandboxSecWord> words;
    const QJsonValue list = body.value(key);
    if (!list.isUndefined() && !list.isArray())
        return std::unexpected(key + QLatin1String(" must be an array"));
    for (const QJsonValue row : list.toArray()) {
        const QJsonObject object = row.isString() ? QJsonObject{{QLatin1String("word"), row.toString()}}
                                                  : row.toObject();
        SandboxSecWord word{object.value(QLatin1String("word")).toString(),
                            object.value(QLatin1String("label")).toInt(defaultLabel)};
        if (word.word.isEmpty())
            return std::unexpected(key + QLatin1String("[].word must be a non-empty string"));
        words.append(word);
    }
    return words;
}

SandboxReply secCheckRoute(SandboxState &state, const SandboxCall &call)
{
    if (call.isGet()) {
        return sandboxwire::json(200, QJsonObject{{QLatin1String("risky"), secWordsJson(state.riskyWords())},
                                                  {QLatin1String("review"), secWordsJson(state.reviewWords())}});
    }
    const auto body = adminBody(call);
    if (!body)
        return body.error();
    auto risky = readSecWords(*body, QLatin1String("risky"), 20006);
    if (!risky)
        return adminError(risky.error());
    auto review = readSecWords(*body, QLatin1String("review"), 20006);
    if (!review)
        return adminError(review.error());
    state.setSecWords(std::move(*risky), std::move(*review));
    return adminOk();
}

SandboxReply webhooksRoute(SandboxState &state, const SandboxCall &call)
{
    const auto body = adminBody(call);
    if (!body)
        return body.error();
    const QString name = body->value(QLatin1String("name")).toString();
    const QString secret = body->value(QLatin1String("secret")).toString();
    if (name.isEmpty() || name.contains(QLatin1Char('/')))
        return adminError(QStringLiteral("name is required and may not contain '/'"));
    if (secret.isEmpty())
        return adminError(QStringLiteral("secret is required"));
    state.setWebhook(name, secret.toUtf8());
    return adminOk();
}

// POST {"bark_user":"u","bark_password":"p","ntfy_token":"tk_..."}: the credentials the Bark and ntfy servers ask
// for from now on (absent or empty: none). GET says which are asked for, never the values.
SandboxReply authRoute(SandboxState &state, const SandboxCall &call)
{
    if (call.isGet())
        return sandboxwire::json(200, QJsonObject{{QStringLiteral("bark"), state.barkAuthRequired()},
                                                  {QStringLiteral("ntfy"), state.ntfyAuthRequired()}});
    const auto body = adminBody(call);
    if (!body)
        return body.error();
    for (auto it = body->begin(); it != body->end(); ++it) {
        if (it.key() != QLatin1String("bark_user") && it.key() != QLatin1String("bark_password")
            && it.key() != QLatin1String("ntfy_token"))
            return adminError(QStringLiteral("unknown key \"%1\" (bark_user, bark_password, ntfy_token)").arg(it.key()));
        if (!it.value().isString())
            return adminError(QStringLiteral("%1 must be a string").arg(it.key()));
    }
    const QString user = body->value(QLatin1String("bark_user")).toString();
    const QString password = body->value(QLatin1String("bark_password")).toString();
    if (user.contains(QLatin1Char(':')))
        return adminError(QStringLiteral("bark_user may not contain ':'"));
    if (user.isEmpty() != password.isEmpty())
        return adminError(QStringLiteral("give bark_user and bark_password together"));
    state.setServerAuth(user.isEmpty() ? QByteArray() : (user + QLatin1Char(':') + password).toUtf8(),
                        body->value(QLatin1String("ntfy_token")).toString().toUtf8());
    return adminOk();
}

SandboxReply quotaRoute(SandboxState &state, const SandboxCall &call)
{
    if (call.isGet())
        return sandboxwire::json(200, state.quotaJson(call.nowMsecs()));
    const auto body = adminBody(call);
    if (!body)
        return body.error();
    const auto quota = optionalCount(*body, QLatin1String("daily_quota"), -1);
    if (!quota)
        return adminError(quota.error());
    const auto used = optionalCount(*body, QLatin1String("used"));
    if (!used)
        return adminError(used.error());
    if (!body->contains(QLatin1String("appid"))) {
        if (!*quota || **quota < 0 || *used)
            return adminError(QStringLiteral("without appid, give only daily_quota (>= 0)"));
        state.setDefaultDailyQuota(**quota);
        return adminOk();
    }
    const auto app = knownApp(state, *body);
    if (!app)
        return app.error();
    if (*quota)
        (*app)->dailyQuota = **quota;
    if (*used)
        state.setQuotaUsed(**app, **used, call.nowMsecs());
    return adminOk();
}

SandboxReply faultsRoute(SandboxState &state, const SandboxCall &call)
{
    if (call.isGet())
        return sandboxwire::json(200, state.faults().settingsJson());
    const auto body = adminBody(call);
    if (!body)
        return body.error();
    const auto settings = SandboxFaultSettings::fromJson(*body);
    if (!settings)
        return adminError(settings.error());
    state.faults().configure(*settings);
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
    add(QStringLiteral("/sandbox/admin/grants"), grantsRoute);
    add(QStringLiteral("/sandbox/admin/formids"), formIdsRoute);
    add(QStringLiteral("/sandbox/admin/seccheck"), secCheckRoute);
    add(QStringLiteral("/sandbox/admin/webhooks"), webhooksRoute);
    add(QStringLiteral("/sandbox/admin/quota"), quotaRoute);
    add(QStringLiteral("/sandbox/admin/auth"), authRoute);
    add(QStringLiteral("/sandbox/admin/faults"), faultsRoute);
    router.add(QStringLiteral("/sandbox/stats"), [s](const SandboxCall &) {
        return sandboxwire::json(200, s->statsJson());
    }, /*countCalls=*/false);
}

} // namespace pushdesk
