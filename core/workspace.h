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
class SandboxHost;
class SecretStore;

struct WorkspaceOptions {
    EngineOptions engine;
    std::shared_ptr<SecretStore> secrets;   // default: the OS keychain
    bool startEngine = true;
    quint16 sandboxPort = 0;                // built-in sandbox port (0 = any free port)
    bool alwaysSandbox = false;             // start it even if no app uses it yet (the console: apps may be added)
};

class Workspace : public QObject {
    Q_OBJECT
public:
    ~Workspace() override;
    static Result<std::unique_ptr<Workspace>> open(const DatabaseConfig &config, WorkspaceOptions options = {});

    Database &db() { return *m_db; }
    SecretStore &secrets() { return *m_secrets; }
    BroadcastEngine *engine() { return m_engine.get(); }
    QUrl sandboxUrl() const;               // empty when no app uses the built-in sandbox
    QString operatorName() const { return m_operator; }
    void setOperatorName(const QString &name);

    // Creates a broadcast after checking what a person can get wrong, with a message that says what to do.
    // at: when it is due (invalid = now). audience: all bound subscribers, tags, a list or one person.
    Result<qint64> createBroadcast(qint64 appId, qint64 templateId, const QVariantMap &variables, const QDateTime &at = {},
                                   const Audience &audience = Audience::all());
    // Starts the built-in sandbox if an app uses it and it is not running yet.
    Result<void> ensureSandbox();

    static QString sandboxSeedPath(const DatabaseConfig &config); // <db>.sandbox.json beside an SQLite file

private:
    Workspace(const DatabaseConfig &config, WorkspaceOptions options);

    DatabaseConfig m_config;
    WorkspaceOptions m_options;
    std::unique_ptr<Database> m_db;
    std::shared_ptr<SecretStore> m_secrets;
    std::unique_ptr<SandboxHost> m_sandbox;
    std::unique_ptr<BroadcastEngine> m_engine;
    QString m_operator;
};

} // namespace pushdesk
