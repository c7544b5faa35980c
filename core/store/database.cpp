#include "store/database.h"

#include "store/migrations.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

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

QString DatabaseConfig::describe() const
{
    if (driver == Driver::Sqlite)
        return path;
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(name);
}

Database::Database(DatabaseConfig config, QString connectionName)
    : m_config(std::move(config))
    , m_connectionName(std::move(connectionName))
{
}

Database::~Database()
{
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
        if (!db.isValid())
            return fail(QObject::tr("The Qt SQL driver for %1 is not installed (install libqt6sql6-%2).")
                            .arg(pg ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite"),
                                 pg ? QStringLiteral("psql") : QStringLiteral("sqlite")));
        if (pg) {
            db.setHostName(config.host);
            db.setPort(config.port);
            db.setDatabaseName(config.name);
            db.setUserName(config.user);
            db.setPassword(config.password);
        } else {
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
            db.setDatabaseName(config.path);
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        }
        if (!db.open())
            return fail(QObject::tr("Cannot open the database %1: %2").arg(config.describe(), db.lastError().text()));

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
        }
        auto migrated = Migrations::apply(db, pg);
        if (!migrated)
            return fail(QObject::tr("Cannot prepare the database %1: %2").arg(config.describe(), migrated.error().message));
    }
    return self;
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
    if (!d.transaction())
        return fail(d.lastError().text());
    ++m_transactionDepth;
    auto r = fn();
    --m_transactionDepth;
    if (!r) {
        d.rollback();
        return r;
    }
    if (!d.commit()) {
        const QString why = d.lastError().text();
        d.rollback();
        return fail(why);
    }
    return {};
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
