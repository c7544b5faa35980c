#pragma once
// The upstream emulator ("sandbox"), faithful to upstream-apis.md: WeChat tokens, customer-service,
// template, mini-program subscribe and legacy form_id template messages, msg_sec_check and
// clear_quota; the Bark server; ntfy under /ntfy; signed webhooks under /webhook/<name>; plus
// /sandbox/admin/* and /sandbox/stats for tests and the demo. Faults (latency, errcodes, HTTP 5xx,
// malformed bodies, dropped connections, token expiry) are described in sandboxfaults.h.
// A SandboxServer lives in one thread; SandboxHost runs one on a thread of its own.
#include "sandboxoptions.h"

#include <QHostAddress>
#include <QObject>
#include <QString>

#include <memory>

class QHttpServerRequest;
class QTcpSocket;

namespace pushdesk {

class SandboxState;
class SandboxRouter;
struct SandboxReply;

class SandboxServer : public QObject
{
    Q_OBJECT
public:
    explicit SandboxServer(SandboxOptions options = {}, QObject *parent = nullptr);
    ~SandboxServer() override;

    // Listens on address:port (0 = any free port). Returns the bound port, or -1 and sets *error
    // to a one-line human message such as
    // "port 8080 is already in use; choose another with --port".
    int listen(quint16 port, QString *error = nullptr,
               const QHostAddress &address = QHostAddress::LocalHost);
    quint16 port() const;

    // Where user messages and events go for apps without a callback URL of their own
    // (/sandbox/admin/callbacks); empty = nowhere.
    void setDefaultCallbackUrl(const QString &url);
    void setCallbackToken(const QString &appid, const QString &token); // SandboxState::setWiredCallbackToken

    // The documented sandbox convention: "sandbox-secret-" + appid.
    static QString defaultSecretFor(const QString &appid);
    // The Token the sandbox signs an app's callbacks with unless POST /sandbox/admin/callbacks set one.
    static QString defaultCallbackTokenFor(const QString &appid);

private:
    class Frontend;
    friend class Frontend;

    SandboxReply dispatch(const QHttpServerRequest &request);

    std::unique_ptr<SandboxState> m_state;
    std::unique_ptr<SandboxRouter> m_router;
    Frontend *m_frontend = nullptr; // child QObject
    quint16 m_port = 0;
};

} // namespace pushdesk
