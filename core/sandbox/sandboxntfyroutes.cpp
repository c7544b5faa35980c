// The ntfy server (upstream-apis.md §7a) under the prefix /ntfy, and generic signed webhooks under
// /webhook/<name>.
//
// ntfy: POST|PUT /ntfy/<topic> (body = message; X-Title/Title/ti/t, X-Priority/Priority/prio/p,
// X-Tags/Tags/tag/ta, X-Click/Click, X-Message/Message/m as headers or query parameters),
// GET /ntfy/<topic>/publish|send|trigger, and JSON publish POST|PUT /ntfy/ (or /ntfy). Errors have
// ntfy's shape {"code","http","error","link"}: 40009 invalid topic, 40007 invalid priority, 40017
// malformed JSON publish, 41301 message over 4096 bytes (HTTP 413: the sandbox does not turn long
// messages into attachments), 40401 unknown path, 40501 wrong method. Stats count accepted
// messages per topic, rejections by ntfy code. Delays (X-Delay/At/In) are not emulated.
//
// Webhooks: POST /webhook/<name> with a JSON body and X-Pushdesk-Signature: sha256=<hex HMAC-SHA256
// of the raw body keyed with the webhook's secret> (/sandbox/admin/webhooks registers name and
// secret). 404 unknown name, 401 {"error":"bad signature"}, 400 body not a JSON object, 405 not
// POST, else 200 {"ok":true}. Stats count per body "recipient" (or the name), rejections by status.
#include "sandboxroutes.h"
#include "sandboxstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

#include <initializer_list>

namespace pushdesk {

namespace {

using Kind = SandboxMessageKind;

constexpr qsizetype ntfyMessageLimit = 4096;
constexpr qint64 ntfyCacheSeconds = 12 * 3600;

struct NtfyError {
    int code;
    const char *error;
    const char *link;
};

constexpr NtfyError ntfyInvalidTopic{40009, "invalid topic", "https://ntfy.sh/docs/publish/"};
constexpr NtfyError ntfyInvalidPriority{40007, "invalid priority parameter",
                                        "https://ntfy.sh/docs/publish/#message-priority"};
constexpr NtfyError ntfyInvalidJson{40017, "invalid request: request body must be message JSON",
                                    "https://ntfy.sh/docs/publish/#publish-as-json"};
constexpr NtfyError ntfyTooLarge{41301, "message too large", "https://ntfy.sh/docs/publish/#limitations"};
constexpr NtfyError ntfyUnauthorized{40101, "unauthorized", "https://ntfy.sh/docs/publish/#authentication"};
constexpr NtfyError ntfyNotFound{40401, "page not found", "https://ntfy.sh/docs/"};
constexpr NtfyError ntfyBadMethod{40501, "method not allowed", "https://ntfy.sh/docs/publish/"};

SandboxReply ntfyReject(SandboxState &state, const NtfyError &error)
{
    state.settle(Kind::Ntfy, QString(), error.code);
    return sandboxwire::ntfyError(error.code, error.error, error.link);
}

bool isValidTopic(QStringView topic)
{
    if (topic.isEmpty() || topic.size() > 64)
        return false;
    for (const QChar c : topic) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
                        || u == u'-' || u == u'_';
        if (!ok)
            return false;
    }
    return true;
}

struct NtfyMessage {
    QString topic;
    QString message;
    QString title;
    QString click;
    QStringList tags;
    int priority = 0; // 0 = not given (omitted from the answer)
};

// The first of names present as a header, then as a query parameter (ntfy's readParam).
QString readParam(const SandboxCall &call, std::initializer_list<const char *> names)
{
    for (const char *name : names) {
        const QByteArray value = call.header(QByteArray(name));
        if (!value.isEmpty())
            return QString::fromUtf8(value).trimmed();
    }
    for (const char *name : names) {
        const QString key = QLatin1String(name);
        if (call.hasQueryItem(key))
            return call.queryItem(key).trimmed();
    }
    return {};
}

// "", 1-5, min, low, default, high, max, urgent; -1 when invalid.
int parsePriority(const QString &text)
{
    if (text.isEmpty())
        return 0;
    static const std::pair<const char *, int> names[] = {
        {"1", 1}, {"2", 2}, {"3", 3}, {"4", 4}, {"5", 5}, {"min", 1}, {"low", 2},
        {"default", 3}, {"high", 4}, {"max", 5}, {"urgent", 5}};
    for (const auto &[name, value] : names) {
        if (text.compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
            return value;
    }
    return -1;
}

SandboxReply ntfyPublish(SandboxState &state, const SandboxCall &call, NtfyMessage message)
{
    if (!isValidTopic(message.topic))
        return ntfyReject(state, ntfyInvalidTopic);
    if (message.priority < 0 || message.priority > 5)
        return ntfyReject(state, ntfyInvalidPriority);
    if (message.message.size() > ntfyMessageLimit / 3 && message.message.toUtf8().size() > ntfyMessageLimit)
        return ntfyReject(state, ntfyTooLarge);
    if (message.message.isEmpty())
        message.message = QStringLiteral("triggered");
    state.settle(Kind::Ntfy, message.topic, 0);

    const qint64 now = call.nowSeconds();
    QByteArray body = QByteArrayLiteral("{\"id\":\"");
    body.append(sandboxwire::randomId(12));
    body.append("\",\"time\":");
    body.append(QByteArray::number(now));
    body.append(",\"expires\":");
    body.append(QByteArray::number(now + ntfyCacheSeconds));
    body.append(",\"event\":\"message\",\"topic\":");
    sandboxwire::appendJsonString(body, message.topic);
    if (!message.title.isEmpty()) {
        body.append(",\"title\":");
        sandboxwire::appendJsonString(body, message.title);
    }
    body.append(",\"message\":");
    sandboxwire::appendJsonString(body, message.message);
    if (message.priority > 0) {
        body.append(",\"priority\":");
        body.append(QByteArray::number(message.priority));
    }
    if (!message.tags.isEmpty()) {
        body.append(",\"tags\":[");
        for (qsizetype i = 0; i < message.tags.size(); ++i) {
            if (i)
                body.append(',');
            sandboxwire::appendJsonString(body, message.tags.at(i));
        }
        body.append(']');
    }
    if (!message.click.isEmpty()) {
        body.append(",\"click\":");
        sandboxwire::appendJsonString(body, message.click);
    }
    body.append('}');
    return sandboxwire::json(200, std::move(body));
}

// Headers or query parameters, the body as the message.
SandboxReply ntfyPublishPlain(SandboxState &state, const SandboxCall &call, const QString &topic,
                              bool bodyIsMessage)
{
    NtfyMessage message;
    message.topic = topic;
    if (bodyIsMessage && call.body().size() > ntfyMessageLimit)
        return ntfyReject(state, isValidTopic(topic) ? ntfyTooLarge : ntfyInvalidTopic);
    message.message = readParam(call, {"x-message", "message", "m"});
    if (message.message.isEmpty() && bodyIsMessage)
        message.message = QString::fromUtf8(call.body());
    message.title = readParam(call, {"x-title", "title", "ti", "t"});
    message.click = readParam(call, {"x-click", "click"});
    message.priority = parsePriority(readParam(call, {"x-priority", "priority", "prio", "p"}));
    const QString tags = readParam(call, {"x-tags", "tags", "tag", "ta"});
    for (const QString &tag : tags.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!tag.trimmed().isEmpty())
            message.tags.append(tag.trimmed());
    }
    return ntfyPublish(state, call, std::move(message));
}

SandboxReply ntfyPublishJson(SandboxState &state, const SandboxCall &call)
{
    const QJsonDocument document = QJsonDocument::fromJson(call.body());
    if (!document.isObject())
        return ntfyReject(state, ntfyInvalidJson);
    const QJsonObject body = document.object();
    NtfyMessage message;
    message.topic = body.value(QLatin1String("topic")).toString();
    message.message = body.value(QLatin1String("message")).toString();
    message.title = body.value(QLatin1String("title")).toString();
    message.click = body.value(QLatin1String("click")).toString();
    const QJsonValue priority = body.value(QLatin1String("priority"));
    if (!priority.isUndefined() && !priority.isNull()) {
        const double p = priority.toDouble(-1);
        message.priority = (priority.isDouble() && p == int(p)) ? int(p) : -1;
    }
    const QJsonValue tags = body.value(QLatin1String("tags"));
    if (!tags.isUndefined() && !tags.isNull() && !tags.isArray())
        return ntfyReject(state, ntfyInvalidJson);
    for (const QJsonValue tag : tags.toArray()) {
        if (!tag.isString())
            return ntfyReject(state, ntfyInvalidJson);
        message.tags.append(tag.toString());
    }
    return ntfyPublish(state, call, std::move(message));
}

SandboxReply ntfyRoute(SandboxState &state, const SandboxCall &call)
{
    if (!state.ntfyAuthorized(call.header("authorization")))
        return ntfyReject(state, ntfyUnauthorized);
    static const QString prefix = QStringLiteral("/ntfy/");
    const QStringView rest = call.path().size() > prefix.size()
                                 ? QStringView(call.path()).mid(prefix.size())
                                 : QStringView();
    const bool writes = call.isPost() || call.isPut();
    if (rest.isEmpty())
        return writes ? ntfyPublishJson(state, call) : ntfyReject(state, ntfyBadMethod);
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return writes ? ntfyPublishPlain(state, call, rest.toString(), true)
                      : ntfyReject(state, ntfyBadMethod);
    const QStringView action = rest.mid(slash + 1);
    if (action == u"publish" || action == u"send" || action == u"trigger")
        return ntfyPublishPlain(state, call, rest.left(slash).toString(), writes);
    return ntfyReject(state, ntfyNotFound);
}

SandboxReply webhookAnswer(SandboxState &state, int status, const char *error)
{
    state.settle(Kind::Webhook, QString(), status);
    QByteArray body = QByteArrayLiteral("{\"error\":\"");
    body.append(error);
    body.append("\"}");
    return sandboxwire::json(status, std::move(body));
}

bool signatureMatches(const QByteArray &header, const QByteArray &body, const QByteArray &secret)
{
    static const QByteArray scheme = QByteArrayLiteral("sha256=");
    if (!header.startsWith(scheme))
        return false;
    const QByteArray given = header.mid(scheme.size()).trimmed().toLower();
    const QByteArray expected =
        QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
    if (given.size() != expected.size())
        return false;
    char difference = 0; // compare every byte, whatever the first mismatch
    for (qsizetype i = 0; i < expected.size(); ++i)
        difference |= char(given.at(i) ^ expected.at(i));
    return difference == 0;
}

SandboxReply webhookRoute(SandboxState &state, const SandboxCall &call)
{
    static const QString prefix = QStringLiteral("/webhook/");
    const QString name = call.path().mid(prefix.size());
    const QByteArray *secret = name.contains(QLatin1Char('/')) ? nullptr : state.webhookSecret(name);
    if (!secret)
        return webhookAnswer(state, 404, "unknown webhook");
    if (!call.isPost())
        return webhookAnswer(state, 405, "use POST");
    const QByteArray body = call.body();
    if (!signatureMatches(call.header(QByteArrayLiteral("x-pushdesk-signature")), body, *secret))
        return webhookAnswer(state, 401, "bad signature");
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return webhookAnswer(state, 400, "body must be a JSON object");
    const QJsonValue recipient = document.object().value(QLatin1String("recipient"));
    const QString key = recipient.isString() || recipient.isDouble() ? recipient.toVariant().toString()
                                                                    : name;
    state.settle(Kind::Webhook, key.isEmpty() ? name : key, 0);
    return sandboxwire::json(200, QByteArrayLiteral("{\"ok\":true}"));
}

} // namespace

void addNtfyRoutes(SandboxRouter &router, SandboxState &state)
{
    SandboxState *s = &state;
    const auto route = [s](const SandboxCall &call) { return ntfyRoute(*s, call); };
    router.add(QStringLiteral("/ntfy"), route, true, SandboxFaultScope::Ntfy);
    router.addPrefix(QStringLiteral("/ntfy/"), route, SandboxFaultScope::Ntfy);
}

void addWebhookRoutes(SandboxRouter &router, SandboxState &state)
{
    SandboxState *s = &state;
    router.addPrefix(QStringLiteral("/webhook/"),
                     [s](const SandboxCall &call) { return webhookRoute(*s, call); },
                     SandboxFaultScope::Webhook);
}

} // namespace pushdesk
