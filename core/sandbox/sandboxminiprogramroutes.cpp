// The WeChat mini-program endpoints (upstream-apis.md §4a, §4b, §5): subscribe messages spending a
// one-time consent grant, legacy template messages spending a form_id / prepay_id, and the content
// check msg_sec_check v1 and v2. Mini-program users are the app's followers (/sandbox/admin/followers);
// only their existence matters here (no follow, blacklist or 48-hour window).
#include "sandboxwechat.h"

#include <QJsonDocument>

namespace pushdesk {

namespace {

using Kind = SandboxMessageKind;
using namespace sandboxwechat;

// 41030 when the message names a page the app's live version does not have (the pages registered with
// /sandbox/admin/apps; none registered: any page). The query string is not part of the page.
bool pageIsUnknown(const SandboxApp &app, const QJsonObject &body)
{
    const QString page = body.value(QLatin1String("page")).toString();
    if (page.isEmpty() || app.pages.isEmpty())
        return false;
    const qsizetype query = page.indexOf(QLatin1Char('?'));
    return !app.pages.contains(query < 0 ? page : page.left(query));
}

// Checks in this order: 40003 touser, 40037 template_id, 47003 data (with the type limits), 41030 page,
// 43101 no consent grant for (touser, template_id). Success spends one grant.
SandboxReply subscribeSendRoute(SandboxState &state, const SandboxCall &call)
{
    auto message = openMessage(call, state, Kind::Subscribe);
    if (!message)
        return std::move(message.error());
    const QJsonObject &body = message->body;
    SandboxApp &app = *message->app;
    const QString touser = body.value(QLatin1String("touser")).toString();
    if (!app.followers.contains(touser))
        return reject(state, Kind::Subscribe, 40003);
    const QString templateId = body.value(QLatin1String("template_id")).toString();
    const auto registered = findTemplate(app, templateId);
    if (!registered)
        return reject(state, Kind::Subscribe, registered.error());
    QString errmsg;
    if (const int errcode = checkData(body.value(QLatin1String("data")), *registered, true, &errmsg))
        return reject(state, Kind::Subscribe, errcode, errmsg);
    if (pageIsUnknown(app, body))
        return reject(state, Kind::Subscribe, 41030);
    if (!state.spendGrant(app, touser, templateId))
        return reject(state, Kind::Subscribe, 43101);
    accept(state, Kind::Subscribe, app, touser, call.nowMsecs());
    return sandboxwire::wechatOkWithMsgId(state.nextMsgId());
}

// Checks in this order: 40003 touser, 40037 template_id, 47003 data, 41030 page, then the form_id: 41028
// unknown, expired or another user's, 41029 used up. Data is checked before the form_id so that a
// bad message does not burn a credit. Success spends one use and answers without msgid.
SandboxReply wxopenTemplateSendRoute(SandboxState &state, const SandboxCall &call)
{
    auto message = openMessage(call, state, Kind::WxopenTemplate);
    if (!message)
        return std::move(message.error());
    const QJsonObject &body = message->body;
    SandboxApp &app = *message->app;
    const QString touser = body.value(QLatin1String("touser")).toString();
    if (!app.followers.contains(touser))
        return reject(state, Kind::WxopenTemplate, 40003);
    const auto registered = findTemplate(app, body.value(QLatin1String("template_id")).toString());
    if (!registered)
        return reject(state, Kind::WxopenTemplate, registered.error());
    QString errmsg;
    if (const int errcode = checkData(body.value(QLatin1String("data")), *registered, false, &errmsg))
        return reject(state, Kind::WxopenTemplate, errcode, errmsg);
    if (pageIsUnknown(app, body))
        return reject(state, Kind::WxopenTemplate, 41030);
    const int formIdVerdict = state.spendFormId(app, body.value(QLatin1String("form_id")).toString(),
                                                touser, call.nowMsecs());
    if (formIdVerdict != 0)
        return reject(state, Kind::WxopenTemplate, formIdVerdict);
    accept(state, Kind::WxopenTemplate, app, touser, call.nowMsecs());
    return sandboxwire::wechatOk();
}

void appendVerdict(QByteArray &out, const SandboxSecVerdict &verdict)
{
    out.append("\"suggest\":\"");
    out.append(verdict.suggest.data(), verdict.suggest.size());
    out.append("\",\"label\":");
    out.append(QByteArray::number(verdict.label));
}

// {"errcode":0,"errmsg":"ok","trace_id":"…","result":{"suggest":…,"label":…},
//  "detail":[{"strategy":"content_model",…},{"strategy":"keyword",…,"keyword":"<word>"}]}
SandboxReply secCheckV2Answer(const SandboxSecVerdict &verdict)
{
    QByteArray body = QByteArrayLiteral("{\"errcode\":0,\"errmsg\":\"ok\",\"trace_id\":\"");
    body.append(sandboxwire::requestId());
    body.append("\",\"result\":{");
    appendVerdict(body, verdict);
    body.append("},\"detail\":[{\"strategy\":\"content_model\",\"errcode\":0,");
    appendVerdict(body, verdict);
    body.append(verdict.word.isEmpty() ? ",\"prob\":0}" : ",\"prob\":90}");
    if (!verdict.word.isEmpty()) {
        body.append(",{\"strategy\":\"keyword\",\"errcode\":0,");
        appendVerdict(body, verdict);
        body.append(",\"level\":20,\"keyword\":");
        sandboxwire::appendJsonString(body, verdict.word);
        body.append('}');
    }
    body.append("]}");
    return sandboxwire::json(200, std::move(body));
}

// v1 {"content"}: ok, or 87014 for risky content (review words pass: v1 has no "review").
// v2 {"version":2,"openid","scene","content"}: 40003 openid, 40129 scene (1-4), 44002 empty
// content, else a verdict. The access_token belongs in the query: in the body it is 47001.
// Stats count verdicts by suggest ("pass", "review", "risky"); v1 risky counts as rejected 87014.
SandboxReply msgSecCheckRoute(SandboxState &state, const SandboxCall &call)
{
    if (call.isPost() && !call.hasQueryItem(QStringLiteral("access_token"))) {
        const QJsonObject body = QJsonDocument::fromJson(call.body()).object();
        if (body.contains(QLatin1String("access_token")))
            return reject(state, Kind::MsgSecCheck, 47001);
    }
    auto message = openMessage(call, state, Kind::MsgSecCheck, /*countsQuota=*/false);
    if (!message)
        return std::move(message.error());
    const QJsonObject &body = message->body;
    const QString content = body.value(QLatin1String("content")).toString();
    const int version = body.value(QLatin1String("version")).toVariant().toInt();
    if (version == 2) {
        const QString openid = body.value(QLatin1String("openid")).toString();
        if (!message->app->followers.contains(openid))
            return reject(state, Kind::MsgSecCheck, 40003);
        const int scene = body.value(QLatin1String("scene")).toVariant().toInt();
        if (scene < 1 || scene > 4)
            return reject(state, Kind::MsgSecCheck, 40129);
    }
    if (content.isEmpty())
        return reject(state, Kind::MsgSecCheck, 44002);
    const SandboxSecVerdict verdict = state.secCheck(content);
    if (version == 2) {
        state.settle(Kind::MsgSecCheck, verdict.suggest, 0);
        return secCheckV2Answer(verdict);
    }
    if (verdict.suggest == QLatin1String("risky"))
        return reject(state, Kind::MsgSecCheck, 87014);
    state.settle(Kind::MsgSecCheck, QStringLiteral("pass"), 0);
    return sandboxwire::wechatOk();
}

} // namespace

void addMiniProgramRoutes(SandboxRouter &router, SandboxState &state)
{
    SandboxState *s = &state;
    router.add(QStringLiteral("/cgi-bin/message/subscribe/send"),
               [s](const SandboxCall &call) { return subscribeSendRoute(*s, call); }, true,
               SandboxFaultScope::Wechat);
    router.add(QStringLiteral("/cgi-bin/message/wxopen/template/send"),
               [s](const SandboxCall &call) { return wxopenTemplateSendRoute(*s, call); }, true,
               SandboxFaultScope::Wechat);
    router.add(QStringLiteral("/wxa/msg_sec_check"),
               [s](const SandboxCall &call) { return msgSecCheckRoute(*s, call); }, true,
               SandboxFaultScope::Wechat);
}

} // namespace pushdesk
