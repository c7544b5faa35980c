// Migrations from empty, and failed or impossible migrations leaving the file as it was.
#include "store/database.h"
#include "store/migrations.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace pushdesk;

namespace {
QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}
} // namespace

class TestMigrations : public QObject {
    Q_OBJECT
private slots:
    void fromEmpty()
    {
        QTemporaryDir dir;
        const QString path = testsupport::databasePath(dir);
        auto db = Database::open(DatabaseConfig::sqlite(path), QStringLiteral("m1"));
        QVERIFY2(db.has_value(), db ? "" : qPrintable(db.error().message));
        QSqlDatabase sql = (*db)->db();
        auto version = Migrations::currentVersion(sql);
        QVERIFY(version.has_value());
        QCOMPARE(*version, Migrations::latestVersion());
        const QStringList tables = sql.tables();
        for (const char *t : {"apps", "subscribers", "subscriber_tags", "bindings", "templates", "send_credits",
                              "broadcasts", "deliveries", "inbox_messages", "complaints", "penalties", "audit_events",
                              "schema_version"})
            QVERIFY2(tables.contains(QString::fromLatin1(t)), t);
        QSqlQuery q(sql);
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        // Indexes the lists need.
        QVERIFY(q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index'")));
        QStringList indexes;
        while (q.next())
            indexes.append(q.value(0).toString());
        for (const char *i : {"bindings_audience", "deliveries_broadcast_state", "deliveries_subscriber", "subscribers_mp_openid"})
            QVERIFY2(indexes.contains(QString::fromLatin1(i)), i);
    }

    void reopeningIsIdempotent()
    {
        QTemporaryDir dir;
        const QString path = testsupport::databasePath(dir);
        { QVERIFY(Database::open(DatabaseConfig::sqlite(path), QStringLiteral("a")).has_value()); }
        auto db = Database::open(DatabaseConfig::sqlite(path), QStringLiteral("b"));
        QVERIFY(db.has_value());
        QSqlQuery q((*db)->db());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM schema_version")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), Migrations::latestVersion());
    }

    void failedMigrationLeavesDatabaseAsItWas()
    {
        QTemporaryDir dir;
        const QString path = testsupport::databasePath(dir);
        {
            // A file with a conflicting table: step 1 cannot create "deliveries".
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("prep"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE deliveries (x INTEGER)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO deliveries VALUES (42)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("prep"));
        auto db = Database::open(DatabaseConfig::sqlite(path), QStringLiteral("m2"));
        QVERIFY(!db.has_value());
        QVERIFY2(db.error().message.contains(QStringLiteral("left unchanged")), qPrintable(db.error().message));
        QSqlDatabase check = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        check.setDatabaseName(path);
        QVERIFY(check.open());
        QCOMPARE(check.tables(), QStringList{QStringLiteral("deliveries")});
        QSqlQuery q(check);
        QVERIFY(q.exec(QStringLiteral("SELECT x FROM deliveries")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 42);
        check.close();
    }

    void corruptFileIsRefusedUntouched()
    {
        QTemporaryDir dir;
        const QString path = testsupport::databasePath(dir);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(8192, 'x'));
        }
        const QByteArray before = fileHash(path);
        auto db = Database::open(DatabaseConfig::sqlite(path), QStringLiteral("m3"));
        QVERIFY(!db.has_value());
        QVERIFY2(db.error().message.contains(QStringLiteral("not a readable Pushdesk database")), qPrintable(db.error().message));
        QVERIFY(db.error().message.contains(QStringLiteral("--db")));
        QCOMPARE(fileHash(path), before);
    }

    void newerSchemaIsRefused()
    {
        QTemporaryDir dir;
        const QString path = testsupport::databasePath(dir);
        {
            auto db = Database::open(DatabaseConfig::sqlite(path), QStringLiteral("m4"));
            QVERIFY(db.has_value());
            QSqlQuery q((*db)->db());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version VALUES (999)")));
        }
        auto db = Database::open(DatabaseConfig::sqlite(path), QStringLiteral("m5"));
        QVERIFY(!db.has_value());
        QVERIFY(db.error().message.contains(QStringLiteral("newer")));
    }

    void postgresDialect()
    {
        const QStringList pg = Migrations::statements(1, true);
        QVERIFY(!pg.isEmpty());
        QVERIFY(pg.join(QLatin1Char('\n')).contains(QStringLiteral("GENERATED BY DEFAULT AS IDENTITY")));
        QVERIFY(!pg.join(QLatin1Char('\n')).contains(QStringLiteral("AUTOINCREMENT")));
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
