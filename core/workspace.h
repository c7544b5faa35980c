#pragma once
// One open database with everything that works on it: the console's (or the command line's)
// connection, the secret store, the built-in sandbox when an app needs it, and the engine.
// The composition root (app/main.cpp) makes one; pages and commands use it.
#include "domain/result.h"
#include "domain/types.h"
#include "engine/engineoptions.h"
#include "store/database.h"

#include <QObject>
#include <memory>

namespace pushdesk {
class BroadcastEngine;
class CallbackHost;
class SandboxHost;
class SecretStore;
class SessionSecretStore;

struct WorkspaceOptions {
    EngineOptions engine;
    std::shared_ptr<SecretStore> secrets;   // default: the OS keychain (secrets() adds the session's memory)
    bool startEngine = true;
    quint16 sandboxPort = 0;                // built-in sandbox port (0 = any free port)
    bool alwaysSandbox = false;             // start it even if no app uses it yet (the console: apps may be added)
    // The receiver of user messages and events (core/callback) on the loopback address: -1 = only
    // alongside the built-in sandbox, on a free port (the sandbox is pointed at it); 0 = always, on a
    // free port; N = always, on port N.
    int callbackPort = -1;
};

class Workspace : public QObject {
    Q_OBJECT
public:
    ~Workspace() override;
    static Result<std::unique_ptr<Workspace>> open(const DatabaseConfig &config, WorkspaceOptions options = {});

    Database &db() { return *m_db; }
    // The keychain (or options.secrets), plus what the operator agreed to keep in memory for this session.
    SessionSecretStore &secrets() { return *m_secrets; }
    BroadcastEngine *engine() { return m_engine.get(); }
    QUrl sandboxUrl() const;               // empty when no app uses the built-in sandbox
    CallbackHost *callbacks() { return m_callbacks.get(); } // null when not receiving
    QUrl callbackUrl() const;              // the WeChat callback URL; empty when not receiving
    QString operatorName() const { return m_operator; }
    void setOperatorName(const QString &name);

    // Creates a broadcast after checking what a person can get wrong, with a message that says what to do.
    // at: when it is due (invalid = now). audience: all bound subscribers, tags, a list or one person.
    Result<qint64> createBroadcast(qint64 appId, qint64 templateId, const QVariantMap &variables, const QDateTime &at = {},
                                   const Audience &audience = Audience::all());
    // Starts the built-in sandbox if an app uses it and it is not running yet, with the receiver of
    // user messages that it posts to.
    Result<void> ensureSandbox();
    // Starts the receiver of user messages and events if it is not running yet.
    Result<void> ensureCallbacks();

    // Operator actions on apps, each written with its audit event (who, what, which app, before and after):
    // saves an app (a new one when app.id is 0) as app.create, app.edit, app.disable or app.enable, in
    // one transaction; returns its id.
    Result<qint64> saveApp(const App &app);
    // Stores one of the app's secrets (SecretStore::appSecretKey …) in the keychain and records
    // app.secret.replace: which secret changed and where it is kept, never its value. An error means
    // the keychain could not take it; the operator may then keep it for this session instead.
    Result<void> replaceSecret(qint64 appId, const QString &key, const QString &value);
    // Keeps the secret in memory until the workspace closes (the engine uses it), never on disk;
    // recorded as app.secret.replace, kept in "session memory".
    Result<void> keepSecretForSession(qint64 appId, const QString &key, const QString &value);

    static QString sandboxSeedPath(const DatabaseConfig &config); // <db>.sandbox.json beside an SQLite file

private:
    Workspace(const DatabaseConfig &config, WorkspaceOptions options);
    // A callback Token given to an app of the built-in sandbox signs its callbacks from now on.
    void wireCallbackToken(qint64 appId, const QString &key, const QString &value);
    QString secretPlace(const QString &key); // "keychain", "session memory", "nowhere" or "unknown"

    DatabaseConfig m_config;
    WorkspaceOptions m_options;
    std::unique_ptr<Database> m_db;
    std::shared_ptr<SessionSecretStore> m_secrets;
    std::unique_ptr<SandboxHost> m_sandbox;
    std::unique_ptr<CallbackHost> m_callbacks;
    std::unique_ptr<BroadcastEngine> m_engine;
    QString m_operator;
};

} // namespace pushdesk
