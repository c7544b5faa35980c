#pragma once
// One Qt Sql connection, owned by the thread that opened it (STYLE.md habit 3).
#include "domain/result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <functional>
#include <QString>
#include <memory>

class QSqlQuery;

namespace pushdesk {

struct DatabaseConfig {
    enum class Driver { Sqlite, Postgres };
    Driver driver = Driver::Sqlite;
    QString path;                 // SQLite file
    QString host;                 // PostgreSQL
    int port = 5432;
    QString name;
    QString user;
    QString password;             // never persisted; comes from the keychain

    static DatabaseConfig sqlite(const QString &path);
    static QString defaultSqlitePath(); // <user data folder>/pushdesk.db
    QString describe() const;          // for messages; never contains the password
};

class Database {
public:
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (creating an SQLite file if needed) and applies pending migrations.
    // The connection belongs to the calling thread; connectionName must be unique per thread.
    static Result<std::unique_ptr<Database>> open(const DatabaseConfig &config, const QString &connectionName);

    QSqlDatabase db() const;
    const DatabaseConfig &config() const { return m_config; }
    bool isPostgres() const { return m_config.driver == DatabaseConfig::Driver::Postgres; }
    QString connectionName() const { return m_connectionName; }

    // Runs fn inside one transaction; rolls back if fn returns an error. Nested calls join the
    // outermost transaction, so an error anywhere rolls back everything.
    Result<void> transaction(const std::function<Result<void>()> &fn);

private:
    Database(DatabaseConfig config, QString connectionName);
    DatabaseConfig m_config;
    QString m_connectionName;
    int m_transactionDepth = 0;
};

// Helpers for repositories: prepare + bind + exec with a readable error.
Result<void> exec(QSqlQuery &q);
QString sqlError(const QSqlQuery &q);
qint64 toMsecs(const QDateTime &t); // 0 for invalid
QDateTime fromMsecs(qint64 ms);     // invalid for 0
qint64 nowMsecs();

} // namespace pushdesk
