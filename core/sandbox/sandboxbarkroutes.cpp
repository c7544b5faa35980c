// The Bark server endpoints (upstream-apis.md §6): V2 JSON and V1 form pushes on /push, batch
// pushes through device_keys, and the liveness routes.
#include "sandboxroutes.h"
#include "sandboxstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <expected>
#include <tuple>

namespace pushdesk {

namespace {

const QString &emptyKeyMessage()
{
    static const QString message = QStringLiteral("device key is empty");
    return message;
}

QString unknownKeyMessage(const QString &deviceKey)
{
    return QLatin1String("failed to get device token: failed to get [") + deviceKey
           + QLatin1String("] device token from database");
}

// The device keys one push addresses: a single device_key, or a batch from device_keys.
struct BarkTarget {
    QString deviceKey;
    QStringList batch;
    bool isBatch = false;
};

QStringList splitKeys(const QString &commaSeparated)
{
    QStringList keys;
    for (const QString &part : commaSeparated.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString key = part.trimmed();
        if (!key.isEmpty())
            keys.append(key);
    }
    return keys;
}

std::expected<BarkTarget, QString> readTarget(const SandboxCall &call)
{
    BarkTarget target;
    if (call.hasJsonContentType()) {
        // V2: keys are case-insensitive.
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(call.body(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject())
            return std::unexpected(QLatin1String("request bind failed: ")
                                   + (parseError.error != QJsonParseError::NoError
                                          ? parseError.errorString()
                                          : QStringLiteral("body is not a JSON object")));
        const QJsonObject body = document.object();
        for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
            if (it.key().compare(QLatin1String("device_key"), Qt::CaseInsensitive) == 0) {
                target.deviceKey = it.value().toVariant().toString();
            } else if (it.key().compare(QLatin1String("device_keys"), Qt::CaseInsensitive) == 0) {
                const QJsonValue keys = it.value();
                if (keys.isArray()) {
                    for (const QJsonValue key : keys.toArray()) {
                        if (!key.isString())
                            return std::unexpected(QStringLiteral("invalid type for device_keys"));
                        target.batch.append(key.toString());
                    }
                } else if (keys.isString()) {
                    target.batch = splitKeys(keys.toString());
                } else if (!keys.isNull()) {
                    return std::unexpected(QStringLiteral("invalid type for device_keys"));
                }
                target.isBatch = !target.batch.isEmpty();
            }
        }
    } else {
        // V1: form or multipart body; only the urlencoded form is understood here.
        const QUrlQuery form(QString::fromUtf8(call.body()));
        target.deviceKey = form.queryItemValue(QStringLiteral("device_key"), QUrl::FullyDecoded);
    }
    // Precedence: path > query > body.
    if (call.hasQueryItem(QStringLiteral("device_key")))
        target.deviceKey = call.queryItem(QStringLiteral("device_key"));
    return target;
}

// Empty when the key may receive a push, else the Bark error message.
QString deviceKeyProblem(const SandboxState &state, const QString &deviceKey)
{
    if (deviceKey.isEmpty())
        return emptyKeyMessage();
    if (!state.hasBarkDevice(deviceKey))
        return unknownKeyMessage(deviceKey);
    return {};
}

SandboxReply pushRoute(SandboxState &state, const SandboxCall &call)
{
    if (!state.barkAuthorized(call.header("authorization")))
        return pushFaultReply(QStringLiteral("bark:teapot"), call.nowSeconds()); // bark-server's answer to a failed Basic auth
    auto target = readTarget(call);
    if (!target) {
        state.settle(SandboxMessageKind::Bark, QString(), 400);
        return sandboxwire::barkResult(400, target.error(), call.nowSeconds());
    }
    if (!target->isBatch) {
        const QString problem = deviceKeyProblem(state, target->deviceKey);
        if (!problem.isEmpty()) {
            state.settle(SandboxMessageKind::Bark, QString(), 400);
            return sandboxwire::barkResult(400, problem, call.nowSeconds());
        }
        if (const QString fault = state.faults().drawBarkDeviceFault(); !fault.isEmpty())
            return pushFaultReply(fault, call.nowSeconds()); // not accepted, as every injected fault
        state.settle(SandboxMessageKind::Bark, target->deviceKey, 0);
        return sandboxwire::barkResult(200, u"success", call.nowSeconds());
    }

    // Batch: always HTTP 200, one result per key.
    QByteArray body = QByteArrayLiteral("{\"code\":200,\"message\":\"success\",\"timestamp\":");
    body.append(QByteArray::number(call.nowSeconds()));
    body.append(",\"data\":[");
    bool first = true;
    for (const QString &key : std::as_const(target->batch)) {
        QString problem = deviceKeyProblem(state, key);
        int code = problem.isEmpty() ? 200 : 400;
        if (!problem.isEmpty()) {
            state.settle(SandboxMessageKind::Bark, QString(), 400);
        } else if (const QString fault = state.faults().drawBarkDeviceFault(); !fault.isEmpty()) {
            std::tie(code, problem) = barkDeviceFault(fault); // not accepted, as every injected fault
        } else {
            state.settle(SandboxMessageKind::Bark, key, 0);
        }
        if (!first)
            body.append(',');
        first = false;
        body.append("{\"code\":");
        body.append(QByteArray::number(code));
        body.append(",\"device_key\":");
        sandboxwire::appendJsonString(body, key);
        if (!problem.isEmpty()) {
            body.append(",\"message\":");
            sandboxwire::appendJsonString(body, problem);
        }
        body.append('}');
    }
    body.append("]}");
    SandboxReply reply = sandboxwire::barkResult(200, u"success", call.nowSeconds());
    reply.body = body;
    return reply;
}

} // namespace

void addBarkRoutes(SandboxRouter &router, SandboxState &state)
{
    SandboxState *s = &state;
    router.add(QStringLiteral("/push"), [s](const SandboxCall &call) { return pushRoute(*s, call); },
               true, SandboxFaultScope::Bark);
    router.add(QStringLiteral("/ping"), [](const SandboxCall &call) {
        return sandboxwire::barkResult(200, u"pong", call.nowSeconds());
    });
    const auto ok = [](const SandboxCall &) { return sandboxwire::plainText(200, QByteArrayLiteral("ok")); };
    router.add(QStringLiteral("/healthz"), ok);
    router.add(QStringLiteral("/"), ok);
}

} // namespace pushdesk
