#pragma once
// How each route of each channel looks on the wire (upstream-apis.md), as pure functions: what to send,
// and how to read what came back.
#include "engine/upstreamreply.h"
#include "render/renderer.h"
#include "store/broadcastrepository.h"

#include <QJsonObject>
#include <QUrl>

class QNetworkReply;

namespace pushdesk {

enum class Route { Custom, Template, Subscribe, FormTemplate, Bark, Ntfy, Webhook, Email };
QString routeName(Route r);

struct ChannelRequest {
    QUrl url;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool needsToken = false;
};

struct ChannelEndpoints {
    QUrl wechatBase;
    QUrl barkBase;      // when the subscriber names no Bark server
    QUrl ntfyBase;      // when the subscriber names no ntfy server
    QByteArray webhookSecret;
    // The app's credentials for its own Bark and ntfy servers: Authorization header values, empty for none. They
    // go only to that server, and only over https or to this machine (serverAuthorization).
    QByteArray barkAuthorization;   // "Basic …"
    QByteArray ntfyAuthorization;   // "Bearer …"
};

// The Authorization header for a request to server: the app's credentials when server is the app's own
// (same scheme, host and port as appServer) and the way there is safe (https, or this machine); else empty.
QByteArray serverAuthorization(const QByteArray &credentials, const QUrl &appServer, const QUrl &server);

ChannelRequest buildRequest(Route route, const DeliveryWork &work, const RenderedMessage &msg,
                            const ChannelEndpoints &endpoints, const SendCredit *credit, bool withPage);
UpstreamReply parseReply(Route route, QNetworkReply *reply);
// A Bark push's message fields (upstream-apis.md §6), the same for a single and a batch push; the optional ones
// only when set.
QJsonObject barkMessage(const RenderedMessage &msg);
QByteArray webhookSignature(const QByteArray &body, const QByteArray &secret); // "sha256=<hex>"
QUrl endpointUrl(const QUrl &base, const QString &path);

} // namespace pushdesk
