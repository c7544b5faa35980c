#pragma once
// Secrets (AppSecret, API keys, SMTP passwords) live in the OS keychain, never in the database,
// logs or exports. Keys are namespaced: "app/<id>/appsecret".
#include "domain/result.h"
#include "store/database.h"

#include <QHash>
#include <QMutex>
#include <memory>
#include <optional>

namespace pushdesk {

class SecretStore {
public:
    virtual ~SecretStore() = default;
    // Empty optional: no such secret. Error: the store itself cannot be reached (say so plainly).
    virtual Result<std::optional<QString>> read(const QString &key) = 0;
    virtual Result<void> write(const QString &key, const QString &value) = 0;
    virtual Result<void> remove(const QString &key) = 0;

    static QString appSecretKey(qint64 appId) { return QStringLiteral("app/%1/appsecret").arg(appId); }
    static QString webhookSecretKey(qint64 appId) { return QStringLiteral("app/%1/webhook").arg(appId); }
    static QString smtpPasswordKey(qint64 appId) { return QStringLiteral("app/%1/smtp").arg(appId); }
    // A self-hosted Bark server's Basic auth password (the user is the app's bark_user) and an ntfy access token.
    static QString barkPasswordKey(qint64 appId) { return QStringLiteral("app/%1/bark_password").arg(appId); }
    static QString ntfyTokenKey(qint64 appId) { return QStringLiteral("app/%1/ntfy_token").arg(appId); }
    // The Token of the official account's server settings: WeChat signs its callbacks with it.
    static QString callbackTokenKey(qint64 appId) { return QStringLiteral("app/%1/callback_token").arg(appId); }
};

// The OS keychain through QtKeychain (Secret Service on Linux). Calls block the calling thread
// on a local event loop until the keychain answers. Never falls back to plain-text storage.
class KeychainSecretStore : public SecretStore {
public:
    // scope: the database the app secrets belong to (scopeFor()). App ids restart at 1 in every database, so
    // without it two databases (a demo and the real one, or two test runs) would share "app/1/secret".
    // Keys outside "app/" (the database passwords, "database/user@host:port/db") are not scoped.
    explicit KeychainSecretStore(QString service = QStringLiteral("pushdesk"), QString scope = QString());
    static QString scopeFor(const DatabaseConfig &config);
    Result<std::optional<QString>> read(const QString &key) override;
    Result<void> write(const QString &key, const QString &value) override;
    Result<void> remove(const QString &key) override;

private:
    QString entry(const QString &key) const;
    QString m_service;
    QString m_scope;
};

// Session-only memory, for tests and for an operator who agrees to keep a secret until exit.
class MemorySecretStore : public SecretStore {
public:
    Result<std::optional<QString>> read(const QString &key) override;
    Result<void> write(const QString &key, const QString &value) override;
    Result<void> remove(const QString &key) override;

private:
    QMutex m_mutex;
    QHash<QString, QString> m_values;
};

// The store a workspace uses: a durable store (the OS keychain) plus the secrets an operator agreed to
// keep in memory for this session because the keychain could not take them (issue 6: "keeps a secret
// only in memory for the session if the operator agrees, and never writes it to disk"). Reads look in
// the session first; a write that reaches the keychain drops the session copy. Thread-safe: the engine
// reads from its own thread.
class SessionSecretStore : public SecretStore {
public:
    explicit SessionSecretStore(std::shared_ptr<SecretStore> durable);
    Result<std::optional<QString>> read(const QString &key) override;
    Result<void> write(const QString &key, const QString &value) override; // to the durable store only
    Result<void> remove(const QString &key) override;

    // Keeps value in memory until the store is destroyed; never on disk.
    void keepForSession(const QString &key, const QString &value);
    bool isSessionOnly(const QString &key);

private:
    std::shared_ptr<SecretStore> m_durable;
    MemorySecretStore m_session;
};

} // namespace pushdesk
