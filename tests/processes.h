#pragma once
// Real processes for integration tests: the pushdesk binary's sandbox, and reading a database file
// that another process writes.
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>
#include <memory>

namespace testsupport {

// `pushdesk sandbox --port <free port> extra…`, started and ready (it printed "listening").
class SandboxProcess {
public:
    explicit SandboxProcess(const QStringList &extra = {});
    ~SandboxProcess();
    bool isRunning() const;
    QUrl url() const { return m_url; }
    quint16 port() const { return quint16(m_url.port()); }
    void stop();

private:
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
};

// A PostgreSQL server of its own (initdb in a temporary folder, listening on a free port of 127.0.0.1 with
// password authentication), stopped and deleted with the object. PostgreSQL refuses to run as root: as
// root, initdb and postgres run as the `postgres` system user. The binaries come from
// $PUSHDESK_PG_BINDIR or /usr/lib/postgresql/<version>/bin (newest first); without them isRunning() is
// false and error() says what to install.
class PostgresProcess {
public:
    PostgresProcess();
    ~PostgresProcess();
    bool isRunning() const;
    QString error() const { return m_error; }
    QString host() const { return QStringLiteral("127.0.0.1"); }
    quint16 port() const { return m_port; }
    QString user() const { return QStringLiteral("pushdesk"); }
    QString password() const { return m_password; }
    QString version() const { return m_version; } // "15.18"
    // postgresql://pushdesk@127.0.0.1:<port>/<name> (no password: it is never in a URL)
    QString url(const QString &database) const;
    // CREATE DATABASE name (as the server's superuser); false with *error set if it fails.
    bool createDatabase(const QString &name, QString *error = nullptr);
    // A scalar query on one of the server's databases (-1 on failure).
    qint64 scalar(const QString &database, const QString &sql) const;
    void stop();

private:
    QTemporaryDir m_dir;
    QString m_pgCtl;      // set once the server runs: stop() runs `pg_ctl stop` with it
    QString m_data;
    quint16 m_port = 0;
    QString m_password;
    QString m_version;
    QString m_error;
};

// Scalar query on an SQLite file another process writes (WAL: readers never block the writer).
qint64 sqlCount(const QString &dbPath, const QString &sql);

quint16 freePort();

} // namespace testsupport
