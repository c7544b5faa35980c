#pragma once
// One Qt Sql connection, owned by the thread that opened it (STYLE.md habit 3).
#include "domain/result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QStringList>
#include <functional>
#include <QString>
#include <memory>
#include <unordered_map>

class QSqlQuery;

class QSqlQuery;

namespace pushdesk {
class SecretStore;

struct DatabaseConfig {
    enum class Driver { Sqlite, Postgres };
    Driver driver = Driver::Sqlite;
    QString path;                 // SQLite file
    QString host;                 // PostgreSQL
    int port = 5432;
    QString name;
    QString user;
    QString password;             // never persisted; comes from the keychain (or libpq: PGPASSWORD, ~/.pgpass)
    QString options;              // libpq connection options from the URL's query (sslmode=require;…)
    QString keychainNote;         // why the keychain gave no password (for a failed connection's message)

    static DatabaseConfig sqlite(const QString &path);
    static DatabaseConfig postgres(const QString &host, int port, const QString &name, const QString &user);
    static QString defaultSqlitePath(); // <user data folder>/pushdesk.db
    // What --db accepts: a PostgreSQL URL (postgresql://user@host:port/dbname[?sslmode=require]) or an
    // SQLite file path. A URL that carries a password is refused: passwords live in the keychain.
    static Result<DatabaseConfig> fromLocation(const QString &location);
    bool isPostgres() const { return driver == Driver::Postgres; }
    QString describe() const;          // for messages and --db; never contains the password
    // The keychain entry of a PostgreSQL password: "database/user@host:port/dbname".
    QString secretKey() const;
    // Fills in the password from the keychain when it is not set and PGPASSWORD is not set either (libpq
    // then reads PGPASSWORD or ~/.pgpass itself). A keychain that cannot be reached or holds nothing is
    // not an error here: keychainNote says so, in the message shown if the connection then fails.
    void resolvePassword(SecretStore &secrets);
};

class Database {
public:
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (creating an SQLite file if needed) and applies pending migrations.
    // The connection belongs to the calling thread; connectionName must be unique per thread.
    static Result<std::unique_ptr<Database>> open(const DatabaseConfig &config, const QString &connectionName);
    // Connects without changing anything and says what is there ("PostgreSQL 15.4, schema version 1"),
    // or why it cannot connect and what to do. For the Settings page's "Test connection".
    static Result<QString> probe(const DatabaseConfig &config);

    QSqlDatabase db() const;
    const DatabaseConfig &config() const { return m_config; }
    bool isPostgres() const { return m_config.driver == DatabaseConfig::Driver::Postgres; }
    QString connectionName() const { return m_connectionName; }

    // Runs fn inside one transaction; rolls back if fn returns an error. Nested calls join the
    // outermost transaction, so an error anywhere rolls back everything.
    Result<void> transaction(const std::function<Result<void>()> &fn);

    // A statement of this connection, prepared once and kept for the connection's life: for the statements the
    // engine runs for every group of results. The caller binds every value by index before each exec, and calls
    // finish() after reading a SELECT, so that no read snapshot stays open.
    QSqlQuery &statement(const QString &sql);

private:
    Database(DatabaseConfig config, QString connectionName);
    DatabaseConfig m_config;
    QString m_connectionName;
    int m_transactionDepth = 0;
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_statements;
};

// Helpers for repositories: prepare + bind + exec with a readable error.
Result<void> exec(QSqlQuery &q);
QString sqlError(const QSqlQuery &q);
qint64 toMsecs(const QDateTime &t); // 0 for invalid
QDateTime fromMsecs(qint64 ms);     // invalid for 0
qint64 nowMsecs();

} // namespace pushdesk
