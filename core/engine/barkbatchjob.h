#pragma once
// Several Bark rows with the same text and server in one request: {"device_keys":[…]} (upstream-apis.md
// §6). The server answers per key, so each row still gets its own outcome. Not for api.day.app, which
// does not support batch pushes.
#include "engine/channelrequest.h"
#include "engine/deliveryjob.h"

#include <QObject>

namespace pushdesk {

class BarkBatchJob : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxKeys = 50;
    // True when rows of this server may be batched.
    static bool serverSupportsBatch(const QUrl &server);

    BarkBatchJob(const SendContext &ctx, QList<DeliveryWork> works, RenderedMessage message, DeliveryJob::Done done,
                 QObject *parent = nullptr);
    void start();

private:
    void send();
    void finishAll(DeliveryState state, const UpstreamReply &r);

    SendContext m_ctx;
    QList<DeliveryWork> m_works;
    RenderedMessage m_msg;
    DeliveryJob::Done m_done;
    QUrl m_server;
    int m_attempts = 0;
    int m_retries = 0;
};

} // namespace pushdesk
