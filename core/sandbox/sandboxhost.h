#pragma once
// Runs a SandboxServer on its own QThread, so that the console or engine thread is not loaded by
// the emulator it talks to.
#include "sandboxoptions.h"

#include <QObject>
#include <QThread>
#include <QUrl>

namespace pushdesk {

class SandboxServer;

class SandboxHost : public QObject
{
    Q_OBJECT
public:
    explicit SandboxHost(SandboxOptions options = {}, QObject *parent = nullptr);
    ~SandboxHost() override; // stops the thread cleanly

    // Blocks until the server listens on 127.0.0.1:port (0 = any free port) or failed; on failure
    // returns false and sets *error to a one-line human message.
    bool start(quint16 port = 0, QString *error = nullptr);
    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:<port>
    // Points the user messages and events of every app without a callback URL of its own at url
    // (the console's or worker's receiver). Blocks until the sandbox thread has taken it.
    void setDefaultCallbackUrl(const QUrl &url);
    // The Token the operator gave an app of this sandbox: its callbacks are signed with it, as WeChat
    // signs with the Token of the account's server settings. Blocks like setDefaultCallbackUrl().
    void setCallbackToken(const QString &appid, const QString &token);

private:
    QThread m_thread;
    SandboxServer *m_server = nullptr; // lives in m_thread, deleted when it finishes
    quint16 m_port = 0;
};

} // namespace pushdesk
