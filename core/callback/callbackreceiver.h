#pragma once
// The receiver of what subscribers do: a small Qt HttpServer endpoint, hosted by the console's
// Workspace and by `pushdesk worker`, on its own thread with its own database connection.
//   POST /wechat/callback[?appid=APPID]  WeChat's XML messages and events (the official account's
//                                        "server URL"), signed with the app's callback Token
//   GET  /wechat/callback?appid=APPID&…  WeChat's check of the server URL (echostr)
//   POST /relay/user/settings            the relay's own settings: mute, unmute, reminder (JSON)
// What they mean and answer: userevents.h. The built-in sandbox is pointed at it automatically; a real
// official account reaches it through a reverse proxy (it listens on the loopback address).
#include "domain/result.h"
#include "store/database.h"

#include <QHostAddress>
#include <QObject>
#include <QThread>
#include <QUrl>

#include <memory>

namespace pushdesk {

class CallbackServer;
class SecretStore;

class CallbackHost : public QObject {
    Q_OBJECT
public:
    // secrets: where the apps' callback Tokens are (SecretStore::callbackTokenKey); read from the
    // receiver's thread, so the store must be thread-safe (SessionSecretStore and KeychainSecretStore are).
    explicit CallbackHost(const DatabaseConfig &config, std::shared_ptr<SecretStore> secrets = {}, QObject *parent = nullptr);
    ~CallbackHost() override; // stops the thread cleanly

    // Blocks until the receiver listens on address:port (0 = any free port) with its database open, or
    // failed with a message that says what to do.
    Result<void> start(quint16 port = 0, const QHostAddress &address = QHostAddress::LocalHost);
    quint16 port() const { return m_port; }
    QUrl baseUrl() const;            // http://127.0.0.1:<port>
    QUrl wechatCallbackUrl() const;  // <base>/wechat/callback
    QUrl relaySettingsUrl() const;   // <base>/relay/user/settings

signals:
    // A subscriber event was recorded (kind: optout, optin, bind, unbind, mute, unmute, reminder, or
    // interaction). Emitted from the receiver's thread: connect with a queued connection.
    void eventRecorded(qint64 subscriberId, const QString &kind);

private:
    QThread m_thread;
    CallbackServer *m_server = nullptr; // lives in m_thread, deleted when it finishes
    QHostAddress m_address;
    quint16 m_port = 0;
};

} // namespace pushdesk
