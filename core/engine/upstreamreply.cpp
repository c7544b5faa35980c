#include "engine/upstreamreply.h"

#include "domain/reasontext.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <algorithm>

namespace pushdesk {

namespace {
void readTransport(QNetworkReply *reply, UpstreamReply &r)
{
    r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    if (reply->error() != QNetworkReply::NoError && r.httpStatus == 0) {
        r.kind = UpstreamReply::Kind::NetworkError;
        r.errmsg = reply->errorString();
    }
}

// msgid may exceed 2^53, so it is read from the text, never through a double.
QString rawMsgid(const QByteArray &body)
{
    static const QRegularExpression re(QStringLiteral("\"msgid\"\\s*:\\s*\"?(\\d+)"));
    const auto m = re.match(QString::fromUtf8(body));
    return m.hasMatch() ? m.captured(1) : QString();
}
} // namespace

bool UpstreamReply::retryable() const
{
    switch (kind) {
    case Kind::NetworkError: return true;
    case Kind::HttpError:
        // Bark 500 "push failed: BadDeviceToken / Unregistered": APNs will never take it (the server clears the token).
        if (errmsg.contains(QLatin1String("BadDeviceToken")) || errmsg.contains(QLatin1String("Unregistered")))
            return false;
        return httpStatus >= 500 || httpStatus == 429;
    case Kind::ApiError: return errcode == errcode::Busy || errcode == errcode::MinuteQuota;
    case Kind::Garbage: return httpStatus >= 500;
    case Kind::Ok: break;
    }
    return false;
}

int RetryPolicy::delayMs(const UpstreamReply &r, int retry) const
{
    const bool busy = r.kind == UpstreamReply::Kind::ApiError && r.errcode == errcode::Busy;
    if (!r.retryable() || retry >= (busy ? busyRetries : maxRetries))
        return -1;
    if (r.kind == UpstreamReply::Kind::ApiError && r.errcode == errcode::MinuteQuota)
        return minuteQuotaWaitMs + int(QRandomGenerator::global()->bounded(std::max(1, minuteQuotaWaitMs / 12)));
    const int base = (busy ? busyBackoffBaseMs : backoffBaseMs) << std::min(retry, 16);
    return base + int(QRandomGenerator::global()->bounded(std::max(1, base)));
}

QString UpstreamReply::describe() const
{
    switch (kind) {
    case Kind::Ok: return QStringLiteral("ok");
    case Kind::ApiError: return QStringLiteral("%1 %2").arg(errcode).arg(errmsg);
    case Kind::HttpError:
        return ReasonText("UpstreamReply", QT_TRANSLATE_NOOP("UpstreamReply", "HTTP %1: %2")).arg(httpStatus).arg(errmsg).encode();
    case Kind::NetworkError:
        return ReasonText("UpstreamReply", QT_TRANSLATE_NOOP("UpstreamReply", "network error: %1")).arg(errmsg).encode();
    case Kind::Garbage:
        // The upstream may have taken the message before its answer was mangled: not retried blindly.
        return ReasonText("UpstreamReply",
                          QT_TRANSLATE_NOOP("UpstreamReply", "unreadable answer (HTTP %1), the message may have arrived: %2"))
            .arg(httpStatus)
            .arg(QString::fromUtf8(body.left(60)))
            .encode();
    }
    return {};
}

bool UpstreamReply::quotaSpent() const
{
    return (kind == Kind::ApiError && errcode == errcode::DailyQuota)
           || (kind == Kind::HttpError && errcode == errcode::NtfyDailyQuota);
}

bool UpstreamReply::configFault() const
{
    return (kind == Kind::ApiError || kind == Kind::HttpError) && isConfigFault(errcode, httpStatus);
}

UpstreamReply UpstreamReply::fromNtfy(QNetworkReply *reply)
{
    UpstreamReply r;
    readTransport(reply, r);
    if (r.kind == Kind::NetworkError)
        return r;
    const QJsonObject o = QJsonDocument::fromJson(r.body).object();
    if (r.httpStatus == 200) {
        r.msgid = o.value(QStringLiteral("id")).toString();
        r.kind = r.msgid.isEmpty() && o.isEmpty() ? Kind::Garbage : Kind::Ok;
        return r;
    }
    // {"code":40009,"http":400,"error":"invalid topic","link":"…"}
    r.kind = Kind::HttpError;
    r.errcode = o.value(QStringLiteral("code")).toInt();
    r.errmsg = o.value(QStringLiteral("error")).toString();
    if (r.errmsg.isEmpty())
        r.errmsg = QString::fromUtf8(r.body.left(200));
    return r;
}

UpstreamReply UpstreamReply::fromWebhook(QNetworkReply *reply)
{
    UpstreamReply r;
    readTransport(reply, r);
    if (r.kind == Kind::NetworkError)
        return r;
    r.kind = r.httpStatus >= 200 && r.httpStatus < 300 ? Kind::Ok : Kind::HttpError;
    if (r.kind != Kind::Ok)
        r.errmsg = QString::fromUtf8(r.body.left(200));
    return r;
}

UpstreamReply UpstreamReply::fromWeChat(QNetworkReply *reply)
{
    UpstreamReply r;
    readTransport(reply, r);
    if (r.kind == Kind::NetworkError)
        return r;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(r.body, &pe);
    if (r.httpStatus != 200) {
        r.kind = Kind::HttpError;
        r.errmsg = QString::fromUtf8(r.body.left(200));
        return r;
    }
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        r.kind = Kind::Garbage;
        return r;
    }
    const QJsonObject o = doc.object();
    r.errcode = o.value(QStringLiteral("errcode")).toInt(0);
    r.errmsg = o.value(QStringLiteral("errmsg")).toString();
    r.accessToken = o.value(QStringLiteral("access_token")).toString();
    r.expiresIn = o.value(QStringLiteral("expires_in")).toInt();
    r.msgid = rawMsgid(r.body);
    r.kind = r.errcode == 0 ? Kind::Ok : Kind::ApiError;
    return r;
}

UpstreamReply UpstreamReply::fromBark(QNetworkReply *reply)
{
    UpstreamReply r;
    readTransport(reply, r);
    if (r.kind == Kind::NetworkError)
        return r;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(r.body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        r.kind = r.httpStatus == 200 ? Kind::Garbage : Kind::HttpError;
        r.errmsg = QString::fromUtf8(r.body.left(200));
        return r;
    }
    const QJsonObject o = doc.object();
    const int code = o.value(QStringLiteral("code")).toInt();
    r.errmsg = o.value(QStringLiteral("message")).toString();
    if (r.httpStatus == 200 && code == 200) {
        r.kind = Kind::Ok;
    } else {
        r.kind = Kind::HttpError;
        r.errcode = code;
    }
    return r;
}

} // namespace pushdesk
