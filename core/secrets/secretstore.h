#pragma once
// Secrets (AppSecret, API keys, SMTP passwords) live in the OS keychain, never in the database,
// logs or exports. Keys are namespaced: "app/<id>/appsecret".
#include "domain/result.h"

#include <QHash>
#include <QMutex>
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
};

// The OS keychain through QtKeychain (Secret Service on Linux). Calls block the calling thread
// on a local event loop until the keychain answers. Never falls back to plain-text storage.
class KeychainSecretStore : public SecretStore {
public:
    explicit KeychainSecretStore(QString service = QStringLiteral("pushdesk"));
    Result<std::optional<QString>> read(const QString &key) override;
    Result<void> write(const QString &key, const QString &value) override;
    Result<void> remove(const QString &key) override;

private:
    QString m_service;
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

} // namespace pushdesk
