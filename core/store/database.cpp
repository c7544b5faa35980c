#include "store/database.h"

#include "store/migrations.h"
#include "secrets/secretstore.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace pushdesk {

DatabaseConfig DatabaseConfig::sqlite(const QString &path)
{
    DatabaseConfig c;
    c.driver = Driver::Sqlite;
    c.path = path;
    return c;
}

QString DatabaseConfig::defaultSqlitePath()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.local/share/pushdesk");
    return dir + QStringLiteral("/pushdesk.db");
}

DatabaseConfig DatabaseConfig::postgres(const QString &host, int port, const QString &name, const QString &user)
{
    DatabaseConfig c;
    c.driver = Driver::Postgres;
    c.host = host;
    c.port = port;
    c.name = name;
    c.user = user;
    return c;
}

Result<DatabaseConfig> DatabaseConfig::fromLocation(const QString &location)
{
    const QString text = location.trimmed();
    if (text.isEmpty())
        return fail(QObject::tr("No database was given: name an SQLite file or a PostgreSQL URL "
                                "(postgresql://user@host:port/dbname)."));
    if (!text.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive)
        && !text.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive))
        return sqlite(text);
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return fail(QObject::tr("%1 is not a PostgreSQL URL; write it as postgresql://user@host:port/dbname.").arg(text));
    if (!url.password().isEmpty())
        return fail(QObject::tr("Do not put the password in the database URL (it would show in process lists and "
                                "shell history). Store it in the keychain from the console's Settings, or set "
                                "PGPASSWORD or ~/.pgpass."));
    DatabaseConfig c = postgres(url.host(), url.port(5432), url.path().mid(1), url.userName());
    if (c.user.isEmpty())
        c.user = qEnvironmentVariable("PGUSER", qEnvironmentVariable("USER"));
    if (c.name.isEmpty())
        c.name = c.user; // as libpq does
    if (c.user.isEmpty() || c.name.isEmpty() || c.name.contains(QLatin1Char('/')))
        return fail(QObject::tr("%1 does not name a user and a database; write it as "
                                "postgresql://user@host:port/dbname.").arg(text));
    QStringList options;
    const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (key.compare(QLatin1String("password"), Qt::CaseInsensitive) == 0)
            return fail(QObject::tr("Do not put the password in the database URL. Store it in the keychain from the "
                                    "console's Settings, or set PGPASSWORD or ~/.pgpass."));
        if (key.contains(QLatin1Char(';')) || value.contains(QLatin1Char(';')))
            return fail(QObject::tr("The option %1 of the database URL cannot contain \";\".").arg(key));
        options.append(key + QLatin1Char('=') + value);
    }
    c.options = options.join(QLatin1Char(';'));
    return c;
}

QString DatabaseConfig::describe() const
{
    if (driver == Driver::Sqlite)
        return path;
    const QString h = host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(host) : host; // IPv6
    QString s = QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, h).arg(port).arg(name);
    if (!options.isEmpty())
        s += QLatin1Char('?') + QString(options).replace(QLatin1Char(';'), QLatin1Char('&'));
    return s;
}

QString DatabaseConfig::secretKey() const
{
    const QString h = host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(host) : host;
    return QStringLiteral("database/%1@%2:%3/%4").arg(user, h).arg(port).arg(name);
}

void DatabaseConfig::resolvePassword(SecretStore &secrets)
{
    keychainNote.clear();
    if (driver != Driver::Postgres || !password.isEmpty() || qEnvironmentVariableIsSet("PGPASSWORD"))
        return;
    auto stored = secrets.read(secretKey());
    if (!stored)
        keychainNote = QObject::tr("(The keychain could not be read: %1)").arg(stored.error().message);
    else if (!*stored)
        keychainNote = QObject::tr("(The keychain holds no password for %1 and PGPASSWORD is not set.)").arg(describe());
    else
        password = **stored;
}

namespace {

// What to do about a failed PostgreSQL connection, from libpq's words.
QString postgresHint(const QString &error)
{
    if (error.contains(QLatin1String("password"), Qt::CaseInsensitive))
        return QObject::tr("Check the user and the password: store the password in the keychain (console Settings, "
                           "Database), or set PGPASSWORD or ~/.pgpass for the command line.");
    if (error.contains(QLatin1String("pg_hba.conf")))
        return QObject::tr("The server does not accept this user from this machine: add a line for it to the "
                           "server's pg_hba.conf.");
    if (error.contains(QLatin1String("database")) && error.contains(QLatin1String("does not exist")))
        return QObject::tr("Create the database first (createdb -O USER NAME) or correct its name.");
    if (error.contains(QLatin1String("role")) && error.contains(QLatin1String("does not exist")))
        return QObject::tr("Correct the user name, or create the role on the server (createuser NAME).");
    return QObject::tr("Check that the PostgreSQL server is running and that the host and port are right, and that "
                       "it accepts TCP connections from this machine.");
}

// Sets up (not opens) a connection for config. Empty: ready; otherwise why not.
QString configure(QSqlDatabase &db, const DatabaseConfig &config)
{
    const bool pg = config.isPostgres();
    if (!db.isValid())
        return QObject::tr("The Qt SQL driver for %1 is not installed (install libqt6sql6-%2).")
            .arg(pg ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite"),
                 pg ? QStringLiteral("psql") : QStringLiteral("sqlite"));
    if (pg) {
        db.setHostName(config.host);
        db.setPort(config.port);
        db.setDatabaseName(config.name);
        db.setUserName(config.user);
        db.setPassword(config.password);
        QStringList options;
        if (!config.options.isEmpty())
            options.append(config.options);
        if (!config.options.contains(QLatin1String("connect_timeout")))
            options.append(QStringLiteral("connect_timeout=10"));
        options.append(QStringLiteral("application_name=pushdesk"));
        db.setConnectOptions(options.join(QLatin1Char(';')));
    } else {
        db.setDatabaseName(config.path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    }
    return {};
}

QString openError(const QSqlDatabase &db, const DatabaseConfig &config)
{
    if (!config.isPostgres())
        return QObject::tr("Cannot open the database %1: %2").arg(config.describe(), db.lastError().text());
    // One line (libpq's messages have several), without a closing full stop of its own.
    QString why = (db.lastError().databaseText().trimmed().isEmpty() ? db.lastError().text()
                                                                     : db.lastError().databaseText())
                      .simplified();
    while (why.endsWith(QLatin1Char('.')))
        why.chop(1);
    QString message = QObject::tr("Cannot connect to the PostgreSQL database %1: %2. %3")
                          .arg(config.describe(), why, postgresHint(why));
    if (!config.keychainNote.isEmpty())
        message += QLatin1Char(' ') + config.keychainNote;
    return message;
}

} // namespace

Database::Database(DatabaseConfig config, QString connectionName)
    : m_config(std::move(config))
    , m_connectionName(std::move(connectionName))
{
}

Database::~Database()
{
    m_statements.clear(); // before the connection goes
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase Database::db() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseConfig &config, const QString &connectionName)
{
    std::unique_ptr<Database> self(new Database(config, connectionName));
    const bool pg = config.driver == DatabaseConfig::Driver::Postgres;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(pg ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), connectionName);
        if (const QString why = configure(db, config); !why.isEmpty())
            return fail(why);
        if (!pg) {
            const QFileInfo info(config.path);
            if (config.path.isEmpty())
                return fail(QObject::tr("No database file was given."));
            if (!info.absoluteDir().exists() && !QDir().mkpath(info.absolutePath()))
                return fail(QObject::tr("Cannot create the folder %1 for the database; choose another file with --db.")
                                .arg(info.absolutePath()));
            if (info.exists() && (!info.isReadable() || !info.isWritable()))
                return fail(QObject::tr("Cannot read and write the database file %1; check its permissions or choose "
                                        "another file with --db.")
                                .arg(config.path));
        }
        if (!db.open())
            return fail(openError(db, config));

        QSqlQuery q(db);
        if (!pg) {
            // A damaged or foreign file fails here, before anything is written to it.
            if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")))
                return fail(QObject::tr("The file %1 is not a readable Pushdesk database (%2). Restore it from a "
                                        "backup or choose another file with --db.")
                                .arg(config.path, q.lastError().databaseText()));
            for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
                if (!q.exec(QString::fromLatin1(pragma)))
                    return fail(QObject::tr("Cannot configure the database %1: %2")
                                    .arg(config.path, q.lastError().text()));
            }
        } else {
            // Notices (e.g. "relation exists, skipping") are not for the operator.
            if (!q.exec(QStringLiteral("SET client_min_messages = warning")))
                return fail(QObject::tr("Cannot configure the database %1: %2").arg(config.describe(), sqlError(q)));
        }
        auto migrated = Migrations::apply(db, pg);
        if (!migrated)
            return fail(QObject::tr("Cannot prepare the database %1: %2").arg(config.describe(), migrated.error().message));
    }
    return self;
}

Result<QString> Database::probe(const DatabaseConfig &config)
{
    const QString name = QStringLiteral("pushdesk-probe-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    Result<QString> result = fail(QString());
    {
        if (!config.isPostgres() && !QFileInfo::exists(config.path)) {
            const QFileInfo info(config.path);
            if (config.path.isEmpty())
                return fail(QObject::tr("Choose a database file."));
            if (!info.absoluteDir().exists())
                return fail(QObject::tr("The folder %1 does not exist; Pushdesk creates it and the file at the next "
                                        "start, or choose another file.")
                                .arg(info.absolutePath()));
            return QObject::tr("The file %1 does not exist yet: Pushdesk creates it at the next start.").arg(config.path);
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(config.isPostgres() ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), name);
        if (const QString why = configure(db, config); !why.isEmpty()) {
            result = fail(why);
        } else {
            if (!config.isPostgres())
                db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
            if (!db.open()) {
                result = fail(openError(db, config));
            } else {
                QString server = QStringLiteral("SQLite");
                QSqlQuery q(db);
                if (config.isPostgres() && q.exec(QStringLiteral("SHOW server_version")) && q.next())
                    server = QStringLiteral("PostgreSQL ") + q.value(0).toString().section(QLatin1Char(' '), 0, 0);
                auto version = Migrations::currentVersion(db);
                if (!version)
                    result = fail(QObject::tr("Connected to %1, but cannot read the database: %2").arg(server, version.error().message));
                else if (*version == 0)
                    result = QObject::tr("Connected to %1. The database is empty: Pushdesk creates its tables when it "
                                         "starts on it.").arg(server);
                else if (*version > Migrations::latestVersion())
                    result = fail(QObject::tr("Connected to %1, but the database has schema version %2, newer than this "
                                              "Pushdesk understands (%3). Use a newer Pushdesk.")
                                      .arg(server).arg(*version).arg(Migrations::latestVersion()));
                else
                    result = QObject::tr("Connected to %1. The database has Pushdesk's schema version %2.").arg(server).arg(*version);
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

Result<void> Database::transaction(const std::function<Result<void>()> &fn)
{
    if (m_transactionDepth > 0) {
        ++m_transactionDepth;
        auto r = fn();
        --m_transactionDepth;
        return r;
    }
    QSqlDatabase d = db();
    if (isPostgres()) {
        if (!d.transaction())
            return fail(d.lastError().text());
    } else {
        // SQLite in WAL mode: a deferred transaction that reads first cannot take the write lock once another
        // connection (the engine, the callback receiver) has committed since; it fails at once with "database is
        // locked", without the busy timeout. Taking the write lock up front makes every transaction wait its
        // turn instead. Readers are never blocked by it.
        QSqlQuery &begin = statement(QStringLiteral("BEGIN IMMEDIATE"));
        if (!begin.exec())
            return fail(sqlError(begin));
    }
    ++m_transactionDepth;
    auto r = fn();
    --m_transactionDepth;
    if (!r) {
        d.rollback();
        return r;
    }
    if (isPostgres()) {
        if (!d.commit()) {
            const QString why = d.lastError().text();
            d.rollback();
            return fail(why);
        }
        return {};
    }
    QSqlQuery &commit = statement(QStringLiteral("COMMIT"));
    if (!commit.exec()) {
        const QString why = sqlError(commit);
        d.rollback();
        return fail(why);
    }
    return {};
}

QSqlQuery &Database::statement(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        auto q = std::make_unique<QSqlQuery>(db());
        q->setForwardOnly(true);
        q->prepare(sql); // a failure shows when it is executed, with the database's message
        it = m_statements.emplace(sql, std::move(q)).first;
    }
    return *it->second;
}

QString sqlError(const QSqlQuery &q)
{
    const auto e = q.lastError();
    return e.databaseText().isEmpty() ? e.text() : e.databaseText();
}

Result<void> exec(QSqlQuery &q)
{
    // An empty QString is text, not NULL: only a null QVariant means NULL (an absent openid).
    const QVariantList bound = q.boundValues();
    for (qsizetype i = 0; i < bound.size(); ++i) {
        const QVariant &v = bound.at(i);
        if (!v.isNull() && v.typeId() == QMetaType::QString && v.toString().isNull())
            q.bindValue(int(i), QStringLiteral(""));
    }
    if (!q.exec())
        return fail(sqlError(q));
    return {};
}

qint64 toMsecs(const QDateTime &t)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

QDateTime fromMsecs(qint64 ms)
{
    return ms ? QDateTime::fromMSecsSinceEpoch(ms) : QDateTime();
}

qint64 nowMsecs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace pushdesk
