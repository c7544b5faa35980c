#include "sandboxwire.h"

#include <QJsonDocument>
#include <QRandomGenerator>

namespace pushdesk::sandboxwire {

namespace {

const QByteArray &jsonType()
{
    static const QByteArray type = QByteArrayLiteral("application/json; charset=utf-8");
    return type;
}

QRandomGenerator &threadRandom()
{
    // One generator per thread: QRandomGenerator::global() would serialise every request.
    thread_local QRandomGenerator generator(QRandomGenerator::global()->generate());
    return generator;
}

void appendHex8(QByteArray &out, quint32 value)
{
    static constexpr char digits[] = "0123456789abcdef";
    for (int shift = 28; shift >= 0; shift -= 4)
        out.append(digits[(value >> shift) & 0xf]);
}

} // namespace

QLatin1String wechatErrmsg(int errcode)
{
    switch (errcode) {
    case -1: return QLatin1String("system error");
    case 0: return QLatin1String("ok");
    case 40001: return QLatin1String("invalid credential, access_token is invalid or not latest");
    case 40002: return QLatin1String("invalid grant_type");
    case 40003: return QLatin1String("invalid openid");
    case 40008: return QLatin1String("invalid message type");
    case 40013: return QLatin1String("invalid appid");
    case 40037: return QLatin1String("invalid template_id");
    case 40129: return QLatin1String("invalid scene");
    case 40164: return QLatin1String("invalid ip, not in whitelist");
    case 40243: return QLatin1String("appsecret is frozen, unfreeze it on mp.weixin.qq.com and call again");
    case 40125: return QLatin1String("invalid appsecret");
    case 41001: return QLatin1String("access_token missing");
    case 41002: return QLatin1String("appid missing");
    case 41004: return QLatin1String("appsecret missing");
    case 41028: return QLatin1String("invalid form id");
    case 41029: return QLatin1String("form id used count reach limit");
    case 41030: return QLatin1String("invalid weapp pagepath");
    case 42001: return QLatin1String("access_token expired");
    case 43002: return QLatin1String("require POST method");
    case 43004: return QLatin1String("require subscribe");
    case 43019: return QLatin1String("require remove blacklist");
    case 43101: return QLatin1String("user refuse to accept the msg");
    case 44002: return QLatin1String("empty post data");
    case 45008: return QLatin1String("article size out of limit");
    case 45009: return QLatin1String("reach max api daily quota limit");
    case 45011: return QLatin1String("api minute-quota reach limit  mustslower  retry next minute");
    case 45015: return QLatin1String("response out of time limit or subscription is canceled");
    case 45047: return QLatin1String("out of response count limit");
    case 47001: return QLatin1String("data format error");
    case 47003: return QLatin1String("argument invalid!");
    case 48001: return QLatin1String("api unauthorized");
    case 50004: return QLatin1String("api forbidden for irregularities");
    case 50007: return QLatin1String("account freezed");
    case 87014: return QLatin1String("risky content");
    case 89503: return QLatin1String("calls from this ip need the administrator's confirmation");
    case 89506: return QLatin1String("the administrator refused this ip twice, no calls from it for 24 hours");
    case 89507: return QLatin1String("the administrator refused this ip, no calls from it for 1 hour");
    default: return QLatin1String("system error");
    }
}

QByteArray requestId()
{
    QByteArray rid;
    rid.reserve(26);
    QRandomGenerator &random = threadRandom();
    appendHex8(rid, random.generate());
    rid.append('-');
    appendHex8(rid, random.generate());
    rid.append('-');
    appendHex8(rid, random.generate());
    return rid;
}

QByteArray randomId(int length)
{
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QByteArray id;
    id.reserve(length);
    QRandomGenerator &random = threadRandom();
    while (id.size() < length)
        id.append(alphabet[random.bounded(62)]);
    return id;
}

void appendJsonString(QByteArray &out, QStringView s)
{
    static constexpr char digits[] = "0123456789abcdef";
    const QByteArray utf8 = s.toUtf8();
    out.append('"');
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
            if (u < 0x20) {
                out.append("\\u00");
                out.append(digits[u >> 4]);
                out.append(digits[u & 0xf]);
            } else {
                out.append(c);
            }
        }
    }
    out.append('"');
}

SandboxReply wechatError(int errcode, QStringView errmsg)
{
    QByteArray body;
    body.reserve(128);
    body.append("{\"errcode\":");
    body.append(QByteArray::number(errcode));
    body.append(",\"errmsg\":");
    QString text = errmsg.isEmpty() ? QString(wechatErrmsg(errcode)) : errmsg.toString();
    text += QLatin1String(" rid: ");
    text += QLatin1String(requestId());
    appendJsonString(body, text);
    body.append('}');
    return {200, jsonType(), body};
}

SandboxReply ntfyError(int code, const char *error, const char *link)
{
    const int http = code / 100;
    QByteArray body = QByteArrayLiteral("{\"code\":");
    body.append(QByteArray::number(code));
    body.append(",\"http\":");
    body.append(QByteArray::number(http));
    body.append(",\"error\":");
    appendJsonString(body, QString::fromUtf8(error));
    body.append(",\"link\":");
    appendJsonString(body, QString::fromUtf8(link));
    body.append('}');
    return json(http, std::move(body));
}

SandboxReply wechatOk()
{
    static const QByteArray body = QByteArrayLiteral("{\"errcode\":0,\"errmsg\":\"ok\"}");
    return {200, jsonType(), body};
}

SandboxReply wechatOkWithMsgId(quint64 msgid)
{
    QByteArray body = QByteArrayLiteral("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":");
    body.append(QByteArray::number(msgid));
    body.append('}');
    return {200, jsonType(), body};
}

SandboxReply wechatToken(const QString &token, qint64 expiresInSeconds)
{
    QByteArray body;
    body.reserve(token.size() + 48);
    body.append("{\"access_token\":");
    appendJsonString(body, token);
    body.append(",\"expires_in\":");
    body.append(QByteArray::number(expiresInSeconds));
    body.append('}');
    return {200, jsonType(), body};
}

SandboxReply barkResult(int code, QStringView message, qint64 timestampSeconds)
{
    QByteArray body;
    body.reserve(64 + message.size());
    body.append("{\"code\":");
    body.append(QByteArray::number(code));
    body.append(",\"message\":");
    appendJsonString(body, message);
    body.append(",\"timestamp\":");
    body.append(QByteArray::number(timestampSeconds));
    body.append('}');
    return {code, jsonType(), body};
}

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return QByteArrayLiteral("OK");
    case 400: return QByteArrayLiteral("Bad Request");
    case 401: return QByteArrayLiteral("Unauthorized");
    case 403: return QByteArrayLiteral("Forbidden");
    case 404: return QByteArrayLiteral("Not Found");
    case 405: return QByteArrayLiteral("Method Not Allowed");
    case 413: return QByteArrayLiteral("Payload Too Large");
    case 418: return QByteArrayLiteral("I'm a teapot");
    case 429: return QByteArrayLiteral("Too Many Requests");
    case 500: return QByteArrayLiteral("Internal Server Error");
    case 502: return QByteArrayLiteral("Bad Gateway");
    case 503: return QByteArrayLiteral("Service Unavailable");
    default: return QByteArrayLiteral("Status");
    }
}

} // namespace

QByteArray httpResponse(const SandboxReply &reply)
{
    QByteArray out;
    out.reserve(96 + reply.contentType.size() + reply.body.size());
    out.append("HTTP/1.1 ");
    out.append(QByteArray::number(reply.status));
    out.append(' ');
    out.append(reasonPhrase(reply.status));
    if (!reply.contentType.isEmpty()) {
        out.append("\r\nContent-Type: ");
        out.append(reply.contentType);
    }
    out.append("\r\nContent-Length: ");
    out.append(QByteArray::number(reply.body.size()));
    out.append("\r\n\r\n");
    out.append(reply.body);
    return out;
}

SandboxReply json(int status, const QJsonObject &object)
{
    return {status, jsonType(), QJsonDocument(object).toJson(QJsonDocument::Compact)};
}

SandboxReply json(int status, QByteArray body)
{
    return {status, jsonType(), std::move(body)};
}

SandboxReply plainText(int status, const QByteArray &text)
{
    return {status, QByteArrayLiteral("text/plain; charset=utf-8"), text};
}

SandboxReply notFound()
{
    return plainText(404, QByteArrayLiteral("404 page not found"));
}

} // namespace pushdesk::sandboxwire
