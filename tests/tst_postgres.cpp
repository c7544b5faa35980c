// PostgreSQL as the team database, against a real server this test starts (PostgresProcess): the one
// migration list, the repositories, the append-only audit log, claims with FOR UPDATE SKIP LOCKED, a
// `pushdesk send` through the sandbox, and two `pushdesk worker` processes sharing one queue.
#include "audit/auditlog.h"
#include "console/deliverylog.h"
#include "console/settings.h"
#include "processes.h"
#include "secrets/secretstore.h"
#include "store/apprepository.h"
#include "store/broadcastrepository.h"
#include "store/creditrepository.h"
#include "store/database.h"
#include "store/listing.h"
#include "store/migrations.h"
#include "store/subscriberrepository.h"
#include "testsupport.h"
#include "workspace.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace pushdesk;
using namespace testsupport;

namespace {

QList<QJsonObject> jsonLines(const QString &out)
{
    QList<QJsonObject> objects;
    for (const auto &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const auto doc = QJsonDocument::fromJson(line.toUtf8());
        if (doc.isObject())
            objects.append(doc.object());
    }
    return objects;
}

// Sets an environment variable for the child processes started while it lives.
class ScopedEnv {
public:
    ScopedEnv(const char *name, const QByteArray &value)
        : m_name(name)
        , m_had(qEnvironmentVariableIsSet(name))
        , m_old(qgetenv(name))
    {
        if (value.isNull())
            qunsetenv(name);
        else
            qputenv(name, value);
    }
    ~ScopedEnv()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }

private:
    const char *m_name;
    bool m_had;
    QByteArray m_old;
};

} // namespace

class TestPostgres : public QObject {
    Q_OBJECT

    std::unique_ptr<PostgresProcess> m_pg;
    int m_databases = 0;

    // A fresh database on the server, with the password set (as the keychain would give it).
    DatabaseConfig freshDatabase(const QString &prefix)
    {
        const QString name = QStringLiteral("%1_%2").arg(prefix).arg(++m_databases);
        QString error;
        if (!m_pg->createDatabase(name, &error))
            qWarning() << "CREATE DATABASE failed:" << error;
        auto config = DatabaseConfig::fromLocation(m_pg->url(name));
        config->password = m_pg->password();
        return *config;
    }

    std::unique_ptr<Database> open(const DatabaseConfig &config, const QString &connection)
    {
        auto db = Database::open(config, connection);
        if (!db) {
            qWarning() << db.error().message;
            return nullptr;
        }
        return std::move(*db);
    }

    // Exact delivery check: for every recipient, what the sandbox accepted equals the rows the log says
    // were sent to them (so nobody got anything twice, and nothing the log calls sent was lost).
    void compareSandboxWithLog(const SandboxProcess &sandbox, Database &db, qint64 *sentTotal)
    {
        const auto stats = httpGet(join(sandbox.url(), QStringLiteral("/sandbox/stats")));
        QCOMPARE(stats.status, 200);
        const QJsonObject accepted = stats.json.value(QStringLiteral("accepted")).toObject();
        QHash<QString, qint64> received;
        for (const char *type : {"custom", "template"}) {
            const QJsonObject per = accepted.value(QLatin1String(type)).toObject();
            for (auto it = per.begin(); it != per.end(); ++it)
                received[QStringLiteral("wechat:") + it.key()] += it.value().toInt();
        }
        const QJsonObject bark = accepted.value(QStringLiteral("bark")).toObject();
        for (auto it = bark.begin(); it != bark.end(); ++it)
            received[QStringLiteral("bark:") + it.key()] += it.value().toInt();

        QHash<QString, qint64> logged;
        QSqlQuery q(db.db());
        QVERIFY2(q.exec(QStringLiteral(
                     "SELECT d.channel, CASE WHEN d.channel = 'bark' THEN s.bark_key ELSE s.mp_openid END, COUNT(*) "
                     "FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE d.state = 'sent' "
                     "GROUP BY d.channel, CASE WHEN d.channel = 'bark' THEN s.bark_key ELSE s.mp_openid END")),
                 qPrintable(q.lastError().text()));
        qint64 total = 0;
        while (q.next()) {
            logged[q.value(0).toString() + QLatin1Char(':') + q.value(1).toString()] += q.value(2).toLongLong();
            total += q.value(2).toLongLong();
        }
        QVERIFY(total > 0);
        QCOMPARE(received.size(), logged.size());
        for (auto it = logged.cbegin(); it != logged.cend(); ++it)
            QVERIFY2(received.value(it.key()) == it.value(),
                     qPrintable(QStringLiteral("%1: the log says %2 sent, the sandbox received %3")
                                    .arg(it.key())
                                    .arg(it.value())
                                    .arg(received.value(it.key()))));
        *sentTotal = total;
    }

private slots:
    void initTestCase()
    {
        QElapsedTimer t;
        t.start();
        m_pg = std::make_unique<PostgresProcess>();
        // No PostgreSQL: a failure that says what to install, never a skip.
        QVERIFY2(m_pg->isRunning(), qPrintable(m_pg->error()));
        qInfo("PostgreSQL %s on port %u, ready in %lld ms", qPrintable(m_pg->version()), m_pg->port(), t.elapsed());
        // The keychain's session bus is looked up once, here, before the tests change the environment
        // (ScopedEnv): a setenv while GLib reads DBUS_SESSION_BUS_ADDRESS on another thread can make it look unset.
        // The result does not matter here; the tests that need the keychain say so.
        KeychainSecretStore().read(QStringLiteral("pushdesk-test/probe"));
    }

    void cleanupTestCase()
    {
        m_pg.reset();
    }

    void locationsAndSecrets()
    {
        auto pg = DatabaseConfig::fromLocation(QStringLiteral("postgresql://ops@db.example.com:6543/relay?sslmode=require"));
        QVERIFY(pg.has_value());
        QVERIFY(pg->isPostgres());
        QCOMPARE(pg->user, QStringLiteral("ops"));
        QCOMPARE(pg->host, QStringLiteral("db.example.com"));
        QCOMPARE(pg->port, 6543);
        QCOMPARE(pg->name, QStringLiteral("relay"));
        QCOMPARE(pg->options, QStringLiteral("sslmode=require"));
        QCOMPARE(pg->describe(), QStringLiteral("postgresql://ops@db.example.com:6543/relay?sslmode=require"));
        QCOMPARE(pg->secretKey(), QStringLiteral("database/ops@db.example.com:6543/relay"));
        QCOMPARE(DatabaseConfig::fromLocation(QStringLiteral("postgres://ops@h/relay"))->port, 5432);
        // A password in the URL is refused, with where it belongs.
        auto withPassword = DatabaseConfig::fromLocation(QStringLiteral("postgresql://ops:hunter2@h:5432/relay"));
        QVERIFY(!withPassword.has_value());
        QVERIFY(withPassword.error().message.contains(QStringLiteral("keychain")));
        QVERIFY(!withPassword.error().message.contains(QStringLiteral("hunter2")));
        QVERIFY(!DatabaseConfig::fromLocation(QStringLiteral("postgresql://ops@h/relay?password=x")).has_value());
        auto file = DatabaseConfig::fromLocation(QStringLiteral("/var/lib/pushdesk/relay.db"));
        QVERIFY(file && !file->isPostgres());
        QCOMPARE(file->path, QStringLiteral("/var/lib/pushdesk/relay.db"));

        // The keychain gives the password, unless PGPASSWORD is set (libpq reads it itself).
        MemorySecretStore secrets;
        QVERIFY(secrets.write(pg->secretKey(), QStringLiteral("s3cret")).has_value());
        {
            ScopedEnv noEnv("PGPASSWORD", QByteArray());
            DatabaseConfig c = *pg;
            c.resolvePassword(secrets);
            QCOMPARE(c.password, QStringLiteral("s3cret"));
            DatabaseConfig other = *DatabaseConfig::fromLocation(QStringLiteral("postgresql://ops@elsewhere/relay"));
            other.resolvePassword(secrets);
            QVERIFY(other.password.isEmpty());
            QVERIFY(other.keychainNote.contains(QStringLiteral("PGPASSWORD")));
        }
        {
            ScopedEnv env("PGPASSWORD", "from-env");
            DatabaseConfig c = *pg;
            c.resolvePassword(secrets);
            QVERIFY(c.password.isEmpty());
        }

        // The console keeps its choice without the password.
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("settings.ini"));
        {
            ConsoleSettings settings(ini);
            QVERIFY(!settings.hasDatabase());
            QVERIFY(!settings.database().isPostgres());
            DatabaseConfig c = *pg;
            c.password = QStringLiteral("s3cret");
            settings.setDatabase(c);
            settings.sync();
        }
        {
            ConsoleSettings settings(ini);
            QVERIFY(settings.hasDatabase());
            const DatabaseConfig back = settings.database();
            QVERIFY(back.isPostgres());
            QCOMPARE(back.describe(), pg->describe());
            QVERIFY(back.password.isEmpty());
            settings.setDatabase(DatabaseConfig::sqlite(QStringLiteral("/srv/p.db")));
            QCOMPARE(settings.database().path, QStringLiteral("/srv/p.db"));
        }
        QFile f(ini);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().contains("s3cret"));
    }

    void migrationsApplyOnceAndAreIdempotent()
    {
        const DatabaseConfig config = freshDatabase(QStringLiteral("migrate"));
        // Three processes starting at once on an empty database: one migrates, the others wait for it and
        // find it done (without the lock, all but one would fail on "relation already exists").
        {
            ScopedEnv env("PGPASSWORD", m_pg->password().toUtf8());
            QProcess workers[3];
            for (auto &w : workers)
                w.start(pushdeskBinary(), {QStringLiteral("worker"), QStringLiteral("--db"), m_pg->url(config.name),
                                           QStringLiteral("--until-idle")});
            for (auto &w : workers) {
                QVERIFY(w.state() == QProcess::NotRunning || w.waitForFinished(60000));
                QVERIFY2(w.exitStatus() == QProcess::NormalExit && w.exitCode() == 0, w.readAllStandardError().constData());
            }
        }
        {
            auto first = open(config, QStringLiteral("m1"));
            QVERIFY(first);
            QSqlDatabase raw = first->db();
            QCOMPARE(*Migrations::currentVersion(raw), Migrations::latestVersion());
            QSqlQuery q(first->db());
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM schema_version")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), Migrations::latestVersion());
            for (const char *table : {"apps", "subscribers", "bindings", "templates", "broadcasts", "deliveries",
                                      "audit_events", "complaints", "penalties", "send_credits", "policy_settings"})
                QVERIFY2(first->db().tables().contains(QLatin1String(table)), table);
            // Keys are identities on PostgreSQL, not SQLite's AUTOINCREMENT.
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'apps' "
                                          "AND column_name = 'id' AND is_identity = 'YES'")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 1);
        }
        // A restart applies nothing again.
        for (int i = 0; i < 2; ++i) {
            auto again = open(config, QStringLiteral("m2"));
            QVERIFY(again);
            QSqlQuery q(again->db());
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM schema_version")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), Migrations::latestVersion());
        }
        auto probe = Database::probe(config);
        QVERIFY2(probe.has_value(), probe ? "" : qPrintable(probe.error().message));
        QVERIFY(probe->contains(QStringLiteral("PostgreSQL")));
        QVERIFY(probe->contains(QString::number(Migrations::latestVersion())));
    }

    void failedConnectionsSayWhatToDo()
    {
        const DatabaseConfig good = freshDatabase(QStringLiteral("refused"));
        DatabaseConfig wrong = good;
        wrong.password = QStringLiteral("not-the-password");
        auto db = Database::open(wrong, QStringLiteral("wrong"));
        QVERIFY(!db.has_value());
        QVERIFY2(db.error().message.contains(QStringLiteral("password authentication failed")), qPrintable(db.error().message));
        QVERIFY(db.error().message.contains(QStringLiteral("PGPASSWORD")));
        QVERIFY(!db.error().message.contains(QStringLiteral("not-the-password")));
        auto probe = Database::probe(wrong);
        QVERIFY(!probe.has_value());
        QVERIFY(probe.error().message.contains(QStringLiteral("keychain")));

        DatabaseConfig noServer = good;
        noServer.port = freePort();
        auto refused = Database::open(noServer, QStringLiteral("noserver"));
        QVERIFY(!refused.has_value());
        QVERIFY2(refused.error().message.contains(QStringLiteral("running")), qPrintable(refused.error().message));

        DatabaseConfig missing = good;
        missing.name = QStringLiteral("nosuchdb");
        auto absent = Database::open(missing, QStringLiteral("absent"));
        QVERIFY(!absent.has_value());
        QVERIFY2(absent.error().message.contains(QStringLiteral("createdb")), qPrintable(absent.error().message));

        // The command line: a clear one-line error and exit code 1, not a crash.
        ScopedEnv env("PGPASSWORD", "not-the-password");
        const auto run = runPushdesk({QStringLiteral("worker"), QStringLiteral("--db"), m_pg->url(good.name),
                                      QStringLiteral("--until-idle")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("password authentication failed")), qPrintable(run.err));
        const auto inUrl = runPushdesk({QStringLiteral("worker"), QStringLiteral("--db"),
                                        QStringLiteral("postgresql://pushdesk:pw@127.0.0.1:%1/x").arg(m_pg->port())});
        QCOMPARE(inUrl.exitCode, 2);
        QVERIFY(inUrl.err.contains(QStringLiteral("keychain")));
    }

    void repositoriesRoundTrip()
    {
        const DatabaseConfig config = freshDatabase(QStringLiteral("repos"));
        auto db = open(config, QStringLiteral("repos"));
        QVERIFY(db);
        QVERIFY(db->isPostgres());

        // Apps: inserted ids, updates, unique names, timestamps as milliseconds.
        AppRepository apps(*db);
        App app;
        app.name = QStringLiteral("shop");
        app.appid = QStringLiteral("wxshop");
        auto appId = apps.create(app);
        QVERIFY2(appId.has_value(), appId ? "" : qPrintable(appId.error().message));
        QVERIFY(*appId > 0);
        App second;
        second.name = QStringLiteral("Second");
        auto secondId = apps.create(second);
        QVERIFY(secondId.has_value());
        QCOMPARE(*secondId, *appId + 1);
        auto a = apps.findById(*appId);
        QVERIFY(a && *a);
        App changed = **a;
        changed.status = AppStatus::Suspended;
        changed.suspendedUntil = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000);
        changed.creditScore = 55;
        QVERIFY(apps.update(changed).has_value());
        auto again = apps.findByName(QStringLiteral("shop"));
        QVERIFY(again && *again);
        QVERIFY((*again)->status == AppStatus::Suspended);
        QCOMPARE((*again)->creditScore, 55);
        QCOMPARE((*again)->suspendedUntil.toMSecsSinceEpoch(), qint64(1'800'000'000'000));
        App dup;
        dup.name = QStringLiteral("shop");
        QVERIFY(!apps.create(dup).has_value());

        Template t;
        t.appId = *appId;
        t.name = QStringLiteral("notice");
        t.csText = QStringLiteral("Hi {{nickname}}, {{message}}");
        t.wechatTemplateId = QStringLiteral("TPL1");
        t.wechatFields = {{QStringLiteral("thing1"), QStringLiteral("{{message}}")}};
        auto templateId = TemplateRepository(*db).create(t);
        QVERIFY(templateId.has_value());
        auto storedTemplate = TemplateRepository(*db).findByName(*appId, QStringLiteral("notice"));
        QVERIFY(storedTemplate && *storedTemplate);
        QCOMPARE((*storedTemplate)->wechatFields.first().first, QStringLiteral("thing1"));

        // Subscribers in one transaction; a duplicate openid rolls the whole batch back.
        SubscriberRepository subs(*db);
        QList<Subscriber> list;
        for (int i = 0; i < 30; ++i) {
            Subscriber s;
            s.mpOpenid = QStringLiteral("open%1").arg(i, 2, 10, QLatin1Char('0'));
            s.nickname = i < 10 ? QStringLiteral("Alice %1").arg(i) : QStringLiteral("Bob %1").arg(i);
            s.optedOut = i == 29;
            s.lastInteraction = QDateTime::fromMSecsSinceEpoch(1'700'000'000'123 + i);
            s.tags = i % 2 ? QStringList{QStringLiteral("vip")} : QStringList{};
            list.append(s);
        }
        QVERIFY(subs.createMany(list).has_value());
        QVERIFY(list.last().id > list.first().id);
        QCOMPARE(*subs.count(), qint64(30));
        QList<Subscriber> dupes{list.first(), Subscriber{}};
        dupes[0].id = 0;
        QVERIFY(!subs.createMany(dupes).has_value());
        QCOMPARE(*subs.count(), qint64(30));
        auto s29 = subs.findByMpOpenid(QStringLiteral("open29"));
        QVERIFY(s29 && *s29);
        QVERIFY((*s29)->optedOut);
        QCOMPARE((*s29)->lastInteraction.toMSecsSinceEpoch(), qint64(1'700'000'000'152));

        // Bindings: upserts change, never duplicate; the audience pages in subscriber order.
        QList<Binding> bindings;
        for (int i = 0; i < 25; ++i) {
            Binding b;
            b.subscriberId = list[i].id;
            b.appId = *appId;
            b.state = i < 20 ? BindingState::Active : BindingState::Blocked;
            b.reminder = i < 15 ? Reminder::Strong : Reminder::Weak;
            b.channels = {Channel::WeChat, Channel::Bark};
            bindings.append(b);
        }
        QVERIFY(subs.upsertBindings(bindings).has_value());
        QCOMPARE(*subs.audienceCount(*appId), qint64(15)); // active with a strong reminder
        bindings[0].state = BindingState::Unbound;
        QVERIFY(subs.upsertBinding(bindings[0]).has_value());
        QCOMPARE(*subs.audienceCount(*appId), qint64(14));
        auto b0 = subs.binding(list[0].id, *appId);
        QVERIFY(b0 && *b0);
        QVERIFY((*b0)->state == BindingState::Unbound);
        QVERIFY(((*b0)->channels == QList<Channel>{Channel::WeChat, Channel::Bark}));
        QList<qint64> seen;
        qint64 cursor = 0;
        for (;;) {
            auto page = subs.audiencePage(*appId, cursor, 4);
            QVERIFY2(page.has_value(), page ? "" : qPrintable(page.error().message));
            if (page->isEmpty())
                break;
            for (const auto &m : *page) {
                QVERIFY(m.subscriber.id > cursor);
                seen.append(m.subscriber.id);
            }
            cursor = page->last().subscriber.id;
        }
        QVERIFY(!seen.isEmpty());
        QCOMPARE(QSet<qint64>(seen.begin(), seen.end()).size(), seen.size());

        // Send credits: earliest valid first.
        CreditRepository credits(*db);
        SendCredit late;
        late.subscriberId = list[1].id;
        late.appId = *appId;
        late.kind = CreditKind::FormId;
        late.credit = QStringLiteral("late");
        late.expiresAt = QDateTime::currentDateTime().addDays(6);
        SendCredit early = late;
        early.credit = QStringLiteral("early");
        early.expiresAt = QDateTime::currentDateTime().addDays(1);
        QVERIFY(credits.add(late).has_value());
        QVERIFY(credits.add(early).has_value());
        auto usable = credits.usable(list[1].id, *appId, {CreditKind::FormId}, QString(), nowMsecs());
        QVERIFY2(usable.has_value(), usable ? "" : qPrintable(usable.error().message));
        QCOMPARE(usable->size(), 2);
        QCOMPARE(usable->first().credit, QStringLiteral("early"));

        // A broadcast: plan (ON CONFLICT DO NOTHING), in flight, record, recover, recount, every row.
        BroadcastRepository repo(*db);
        Broadcast br;
        br.appId = *appId;
        br.templateId = *templateId;
        br.variables = {{QStringLiteral("message"), QStringLiteral("hello")}};
        auto id = repo.create(br);
        QVERIFY(id.has_value());
        QVERIFY(*id > 0);
        QList<PlannedDelivery> rows{{list[1].id, Channel::WeChat, DeliveryState::Pending, {}, {}, {}},
                                    {list[2].id, Channel::WeChat, DeliveryState::Pending, {}, {}, {}},
                                    {list[3].id, Channel::WeChat, DeliveryState::Skipped, QStringLiteral("opted out"), {}, {}},
                                    {list[4].id, Channel::WeChat, DeliveryState::Inbox, {}, QStringLiteral("t"), QStringLiteral("b")}};
        QList<qint64> ids;
        auto added = repo.plan(*id, *appId, rows, list[4].id, true, &ids);
        QVERIFY2(added.has_value(), added ? "" : qPrintable(added.error().message));
        QCOMPARE(added->total, qint64(4));
        QCOMPARE(ids.size(), 4); // RETURNING id on PostgreSQL too
        QVERIFY(ids[0] > 0 && ids[1] > ids[0] && ids[3] > ids[2]);
        const QList<qint64> firstIds = ids;
        QCOMPARE(repo.plan(*id, *appId, rows, list[4].id, true, &ids)->total, qint64(0));
        QCOMPARE(ids, (QList<qint64>{0, 0, 0, 0}));
        auto pending = repo.pendingPage(*id, 0, 10);
        QVERIFY(pending.has_value());
        QCOMPARE(pending->size(), 2);
        QCOMPARE(pending->first().deliveryId, firstIds[0]);
        QCOMPARE(pending->last().deliveryId, firstIds[1]);
        QCOMPARE(pending->first().subscriber.mpOpenid, QStringLiteral("open01"));
        QVERIFY(pending->first().binding.state == BindingState::Active);
        QVERIFY(repo.markInFlight({pending->at(0).deliveryId, pending->at(1).deliveryId}).has_value());
        DeliveryOutcome ok;
        ok.deliveryId = pending->at(0).deliveryId;
        ok.state = DeliveryState::Sent;
        ok.msgid = QStringLiteral("3717005636572528642");
        ok.route = QStringLiteral("template");
        QVERIFY(repo.record(*id, {ok}).has_value());
        QCOMPARE(*repo.markInFlightUncertain(*id), 1);
        auto counters = repo.recount(*id);
        QVERIFY(counters.has_value());
        QCOMPARE(counters->sent, qint64(1));
        QCOMPARE(counters->uncertain, qint64(1));
        QCOMPARE(counters->skipped, qint64(1));
        QCOMPARE(counters->inbox, qint64(1));
        auto stored = repo.findById(*id);
        QVERIFY(stored && *stored);
        QCOMPARE((*stored)->counters.total, qint64(4));
        QCOMPARE((*stored)->counters.sent, qint64(1));
        QVERIFY((*stored)->audienceDone);
        QCOMPARE((*stored)->variables.value(QStringLiteral("message")).toString(), QStringLiteral("hello"));
        auto all = repo.deliveries(*id); // no limit
        QVERIFY2(all.has_value(), all ? "" : qPrintable(all.error().message));
        QCOMPARE(all->size(), 4);
        auto sent = repo.deliveries(*id, DeliveryState::Sent, 10);
        QCOMPARE(sent->first().msgid, QStringLiteral("3717005636572528642"));
        ok.state = DeliveryState::Failed; // a late result cannot overwrite a recorded row
        QVERIFY(repo.record(*id, {ok}).has_value());
        QCOMPARE(repo.recount(*id)->sent, qint64(1));
        QCOMPARE(*repo.requeue(*id, DeliveryState::Uncertain), 1);
        QCOMPARE(*repo.skipPending(*id, QStringLiteral("cancelled")), 1);
        QVERIFY(repo.setStatus(*id, BroadcastStatus::Finished).has_value());
        QVERIFY((*repo.findById(*id))->finishedAt.isValid());
        QCOMPARE(*repo.sentSince(*appId, 0), qint64(1));

        // Nested transactions: an error anywhere rolls back everything, on PostgreSQL too.
        auto nested = db->transaction([&]() -> Result<void> {
            App inner;
            inner.name = QStringLiteral("inner");
            if (auto r = apps.create(inner); !r)
                return std::unexpected(r.error());
            return db->transaction([]() -> Result<void> { return fail(QStringLiteral("no")); });
        });
        QVERIFY(!nested.has_value());
        QVERIFY(!*apps.findByName(QStringLiteral("inner")));

        // Listings: the nickname search ignores ASCII case on both databases, and SQL in it is data.
        const ListingSpec spec = Listing::subscribers();
        ListingFilter filter;
        QCOMPARE(*Listing::count(*db, spec, filter), qint64(30));
        filter.search = QStringLiteral("alice");
        QCOMPARE(*Listing::count(*db, spec, filter), qint64(10));
        filter.search = QStringLiteral("open2");
        QCOMPARE(*Listing::count(*db, spec, filter), qint64(10));
        filter.search = QStringLiteral("x' OR '1'='1");
        QCOMPARE(*Listing::count(*db, spec, filter), qint64(0));
        filter.search = QStringLiteral("%");
        QCOMPARE(*Listing::count(*db, spec, filter), qint64(0));
        filter.search.clear();
        filter.sortKey = QStringLiteral("nickname");
        filter.order = Qt::DescendingOrder;
        auto page = Listing::fetch(*db, spec, filter, 0, 5);
        QVERIFY(page.has_value());
        QCOMPARE(page->size(), 5);
        QVERIFY(page->first().values.at(spec.columnIndex(QStringLiteral("nickname"))).toString().startsWith(QStringLiteral("Bob")));
        QCOMPARE(Listing::fetch(*db, spec, filter, 28, 5)->size(), 2);
        // A search under no chosen sort, in the order of its matches, page after page as the model asks for
        // them: the nickname's (then the id's), and a tag's holders by id.
        auto matchPages = [&](const QString &text) {
            ListingFilter f;
            f.search = text;
            QList<qint64> ids;
            for (int guard = 0; guard < 20; ++guard) {
                auto rows = Listing::fetch(*db, spec, f, int(ids.size()), 4);
                if (!rows) {
                    qWarning() << rows.error().message;
                    return QList<qint64>{-1};
                }
                for (const ListingRow &r : std::as_const(*rows))
                    ids.append(r.id);
                if (rows->size() < 4)
                    break;
                f.afterId = rows->last().id;
                f.afterPart = rows->last().part;
                f.afterKey = rows->last().key;
            }
            return ids;
        };
        QList<qint64> alices, vips;
        for (int i = 0; i < 30; ++i) {
            if (i < 10)
                alices.append(list[i].id);
            if (i % 2)
                vips.append(list[i].id);
        }
        QCOMPARE(matchPages(QStringLiteral("ALICE")), alices);
        QCOMPARE(matchPages(QStringLiteral("vip")), vips);
        QCOMPARE(*subs.knownTags(), QStringList{QStringLiteral("vip")});
        for (const auto &s : {Listing::apps(), Listing::templates(), Listing::broadcasts(), Listing::deliveries()}) {
            auto rowsOf = Listing::fetch(*db, s, {}, 0, 10);
            QVERIFY2(rowsOf.has_value(), rowsOf ? "" : qPrintable(rowsOf.error().message));
        }
        // The Send log's subscriber filter, newest first page after page, and its counts: through the few
        // people "alice" names (their deliveries off (subscriber_id, id)), then, with 2,000 more Alices who
        // have none, by walking the id's order; the same four deliveries either way.
        QList<qint64> aliceDeliveries;
        for (const Delivery &d : std::as_const(*all))
            aliceDeliveries.append(d.id);
        std::sort(aliceDeliveries.begin(), aliceDeliveries.end(), std::greater<>());
        auto sendLogPages = [&](const QString &text) {
            DeliveryLogFilter f;
            f.search = text;
            ListingFilter order;
            QList<qint64> ids;
            for (int guard = 0; guard < 20; ++guard) {
                auto rows = DeliveryLog::fetch(*db, DeliveryLog::spec(), f, order, int(ids.size()), 3);
                if (!rows) {
                    qWarning() << rows.error().message;
                    return QList<qint64>{-1};
                }
                for (const ListingRow &r : std::as_const(*rows))
                    ids.append(r.id);
                if (rows->size() < 3)
                    break;
                order.afterId = rows->last().id;
            }
            return ids;
        };
        DeliveryLogFilter alice;
        alice.search = QStringLiteral("ALICE");
        for (int round = 0; round < 2; ++round) {
            QCOMPARE(aliceDeliveries.size(), 4);
            QCOMPARE(sendLogPages(QStringLiteral("ALICE")), aliceDeliveries);
            QCOMPARE(sendLogPages(QStringLiteral("open0")), aliceDeliveries);
            QCOMPARE(*DeliveryLog::count(*db, DeliveryLog::spec(), alice), qint64(4));
            QCOMPARE(*DeliveryLog::count(*db, DeliveryLog::spec(), alice, 2), qint64(2));
            if (round == 0) {
                QList<Subscriber> more(2000);
                for (int i = 0; i < more.size(); ++i) {
                    more[i].mpOpenid = QStringLiteral("more%1").arg(i);
                    more[i].nickname = QStringLiteral("Alice %1").arg(i);
                }
                QVERIFY(subs.createMany(more).has_value());
            }
        }
    }

    void auditLogIsAppendOnly()
    {
        const DatabaseConfig config = freshDatabase(QStringLiteral("audit"));
        auto db = open(config, QStringLiteral("audit"));
        QVERIFY(db);
        AuditEvent e;
        e.operatorName = QStringLiteral("alice");
        e.action = audit::AppEdit;
        e.recordType = audit::TypeApp;
        e.recordId = 7;
        e.before = QJsonObject{{QStringLiteral("credit_score"), 100}};
        e.after = QJsonObject{{QStringLiteral("credit_score"), 90}};
        QVERIFY(AuditLog::record(*db, e).has_value());
        QSqlQuery q(db->db());
        QVERIFY(!q.exec(QStringLiteral("UPDATE audit_events SET operator = 'mallory'")));
        QVERIFY2(q.lastError().text().contains(QStringLiteral("append-only")), qPrintable(q.lastError().text()));
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM audit_events")));
        QVERIFY(q.lastError().text().contains(QStringLiteral("append-only")));
        // Not even inside a transaction, and the refusal leaves the log as it was.
        auto r = db->transaction([&]() -> Result<void> {
            QSqlQuery t(db->db());
            if (!t.exec(QStringLiteral("DELETE FROM audit_events WHERE id > 0")))
                return fail(t.lastError().text());
            return {};
        });
        QVERIFY(!r.has_value());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), MIN(operator) FROM audit_events")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QCOMPARE(q.value(1).toString(), QStringLiteral("alice"));
        AuditQuery everything;
        everything.actionPrefix = QStringLiteral("app.");
        auto events = AuditLog::query(*db, everything);
        QVERIFY2(events.has_value(), events ? "" : qPrintable(events.error().message));
        QCOMPARE(events->size(), 1);
        QCOMPARE(events->first().after.value(QStringLiteral("credit_score")).toInt(), 90);
        QCOMPARE(*AuditLog::count(*db, everything), qint64(1));
        QCOMPARE(*AuditLog::operators(*db), QStringList{QStringLiteral("alice")});
    }

    void claimsSkipRowsAnotherWorkerIsClaiming()
    {
        const DatabaseConfig config = freshDatabase(QStringLiteral("claims"));
        auto a = open(config, QStringLiteral("claim-a"));
        auto b = open(config, QStringLiteral("claim-b"));
        QVERIFY(a && b);
        App app;
        app.name = QStringLiteral("shop");
        const qint64 appId = *AppRepository(*a).create(app);
        Template t;
        t.appId = appId;
        t.name = QStringLiteral("n");
        const qint64 templateId = *TemplateRepository(*a).create(t);
        Broadcast br;
        br.appId = appId;
        br.templateId = templateId;
        br.status = BroadcastStatus::Scheduled;
        const qint64 id = *BroadcastRepository(*a).create(br);

        BroadcastRepository repoB(*b);
        const qint64 now = nowMsecs();
        auto candidates = repoB.claimCandidates(now);
        QVERIFY(candidates.has_value());
        QCOMPARE(candidates->size(), 1);
        const ClaimCandidate c = candidates->first();

        // Worker A is in the middle of claiming it (holds the row lock): B skips it at once, not waits.
        QVERIFY(a->db().transaction());
        QSqlQuery lock(a->db());
        QVERIFY(lock.exec(QStringLiteral("SELECT id FROM broadcasts WHERE id = %1 FOR UPDATE").arg(id)));
        QElapsedTimer waited;
        waited.start();
        auto skipped = repoB.claim(c, QStringLiteral("worker-b"), now);
        QVERIFY2(skipped.has_value(), skipped ? "" : qPrintable(skipped.error().message));
        QVERIFY(!*skipped);
        QVERIFY2(waited.elapsed() < 5000, "the claim waited for the other worker's lock");
        lock.finish();
        QVERIFY(a->db().rollback());

        // Free again: B takes it; A, holding the same stale candidate, does not.
        auto taken = repoB.claim(c, QStringLiteral("worker-b"), now);
        QVERIFY(taken && *taken);
        auto late = BroadcastRepository(*a).claim(c, QStringLiteral("worker-a"), now);
        QVERIFY(late && !*late);
        auto stored = BroadcastRepository(*a).findById(id);
        QVERIFY((*stored)->status == BroadcastStatus::Running);

        // The heartbeat lands only for the owner.
        auto mine = repoB.heartbeat(id, QStringLiteral("worker-b"), now + 1000);
        QVERIFY(mine.has_value() && mine->has_value());
        QVERIFY(**mine == BroadcastStatus::Running);
        auto notMine = BroadcastRepository(*a).heartbeat(id, QStringLiteral("worker-a"), now + 1000);
        QVERIFY(notMine.has_value() && !notMine->has_value());
    }

    void sendThroughTheSandbox()
    {
        SandboxProcess sandbox;
        QVERIFY(sandbox.isRunning());
        const DatabaseConfig config = freshDatabase(QStringLiteral("send"));
        const QString url = m_pg->url(config.name);
        {
            // Headless set-up reads PGPASSWORD (libpq) ...
            ScopedEnv env("PGPASSWORD", m_pg->password().toUtf8());
            const auto demo = runPushdesk({QStringLiteral("demo"), QStringLiteral("--db"), url, QStringLiteral("--subscribers"),
                                           QStringLiteral("600"), QStringLiteral("--upstream"), sandbox.url().toString()});
            QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
            QVERIFY(demo.out.contains(url));
            // Import on PostgreSQL: a good file applies in one transaction, a bad one changes nothing.
            QTemporaryDir dir;
            const QString good = dir.filePath(QStringLiteral("events.csv"));
            const QString bad = dir.filePath(QStringLiteral("bad.csv"));
            for (const auto &[path, text] : {std::pair{good, QByteArray("mp_openid,app,kind,value,at\noDEMO00000001,,optout,,\n"
                                                                         "oDEMO00000002,demo,unbind,,\n")},
                                             std::pair{bad, QByteArray("mp_openid,app,kind,value,at\noDEMO00000003,,optout,,\n"
                                                                        "oDEMO00000004,demo,explode,,\n")}}) {
                QFile f(path);
                QVERIFY(f.open(QIODevice::WriteOnly));
                f.write(text);
            }
            const auto imported = runPushdesk({QStringLiteral("import"), QStringLiteral("--db"), url, QStringLiteral("--events"), good});
            QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
            const auto refused = runPushdesk({QStringLiteral("import"), QStringLiteral("--db"), url, QStringLiteral("--events"), bad});
            QCOMPARE(refused.exitCode, 2);
            QVERIFY2(refused.err.contains(QStringLiteral("bad.csv:3")), qPrintable(refused.err));
            QCOMPARE(m_pg->scalar(config.name, QStringLiteral("SELECT COUNT(*) FROM subscriber_events")), qint64(2));
            QCOMPARE(m_pg->scalar(config.name, QStringLiteral("SELECT opted_out FROM subscribers WHERE mp_openid = 'oDEMO00000003'")),
                     qint64(0));
        }
        // ... and the operator's run reads the keychain entry for the URL.
        ScopedEnv noEnv("PGPASSWORD", QByteArray());
        KeychainSecretStore keychain;
        auto stored = keychain.write(config.secretKey(), m_pg->password());
        QVERIFY2(stored.has_value(), stored ? "" : qPrintable(QStringLiteral("the keychain is needed (run under "
                                                                          "dbus-run-session with gnome-keyring, as "
                                                                          "scripts/test.sh does): ") + stored.error().message));
        const auto send = runPushdesk({QStringLiteral("send"), QStringLiteral("--db"), url, QStringLiteral("--app"),
                                       QStringLiteral("demo"), QStringLiteral("--template"), QStringLiteral("welcome")});
        keychain.remove(config.secretKey());
        QVERIFY2(send.exitCode == 0, qPrintable(send.err));
        const auto lines = jsonLines(send.out);
        QVERIFY(!lines.isEmpty());
        const QJsonObject counts = lines.last();
        QCOMPARE(counts.value(QStringLiteral("status")).toString(), QStringLiteral("finished"));
        QVERIFY(counts.value(QStringLiteral("sent")).toInt() > 100);

        auto db = open(config, QStringLiteral("send-check"));
        QVERIFY(db);
        qint64 sent = 0;
        compareSandboxWithLog(sandbox, *db, &sent);
        QCOMPARE(sent, qint64(counts.value(QStringLiteral("sent")).toInt()));
        // The opted-out and the unbound person got nothing.
        const QJsonObject accepted = httpGet(join(sandbox.url(), QStringLiteral("/sandbox/stats"))).json.value(QStringLiteral("accepted")).toObject();
        for (const char *type : {"custom", "template"}) {
            QVERIFY(!accepted.value(QLatin1String(type)).toObject().contains(QStringLiteral("oDEMO00000001")));
            QVERIFY(!accepted.value(QLatin1String(type)).toObject().contains(QStringLiteral("oDEMO00000002")));
        }
        auto recount = BroadcastRepository(*db).recount(counts.value(QStringLiteral("broadcast")).toInt());
        QVERIFY(recount.has_value());
        QCOMPARE(recount->total, qint64(counts.value(QStringLiteral("total")).toInt()));
        QCOMPARE(recount->pending, qint64(0));
        QCOMPARE(recount->uncertain, qint64(0));
    }

    void twoWorkersShareTheQueue()
    {
        SandboxProcess sandbox;
        QVERIFY(sandbox.isRunning());
        const DatabaseConfig config = freshDatabase(QStringLiteral("workers"));
        const QString url = m_pg->url(config.name);
        ScopedEnv env("PGPASSWORD", m_pg->password().toUtf8());
        const auto demo = runPushdesk({QStringLiteral("demo"), QStringLiteral("--db"), url, QStringLiteral("--subscribers"),
                                       QStringLiteral("3000"), QStringLiteral("--upstream"), sandbox.url().toString()});
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));

        // Two broadcasts queued, due now, as a console would create them; each worker claims one (skipping the
        // one the other is taking) and then finds nothing left to claim.
        QList<qint64> queued;
        {
            WorkspaceOptions options;
            options.startEngine = false;
            options.secrets = std::make_shared<MemorySecretStore>();
            auto ws = Workspace::open(config, options);
            QVERIFY2(ws.has_value(), ws ? "" : qPrintable(ws.error().message));
            auto app = AppRepository((*ws)->db()).findByName(QStringLiteral("demo"));
            QVERIFY(app && *app);
            auto welcome = TemplateRepository((*ws)->db()).findByName((*app)->id, QStringLiteral("welcome"));
            auto shipped = TemplateRepository((*ws)->db()).findByName((*app)->id, QStringLiteral("order_shipped"));
            QVERIFY(welcome && *welcome && shipped && *shipped);
            const QVariantMap vars{{QStringLiteral("order"), QStringLiteral("A-1")}, {QStringLiteral("eta"), QStringLiteral("Friday")}};
            for (int i = 0; i < 2; ++i) {
                auto id = (*ws)->createBroadcast((*app)->id, i % 2 ? (*shipped)->id : (*welcome)->id, vars);
                QVERIFY2(id.has_value(), id ? "" : qPrintable(id.error().message));
                queued.append(*id);
            }
        }

        QElapsedTimer t;
        t.start();
        QProcess w1, w2;
        QSignalSpy done1(&w1, &QProcess::finished);
        QSignalSpy done2(&w2, &QProcess::finished);
        for (QProcess *w : {&w1, &w2})
            w->start(pushdeskBinary(), {QStringLiteral("worker"), QStringLiteral("--db"), url, QStringLiteral("--until-idle")});
        QTRY_VERIFY_WITH_TIMEOUT(done1.count() == 1 && done2.count() == 1, 120000);
        for (QProcess *w : {&w1, &w2}) {
            QCOMPARE(w->exitStatus(), QProcess::NormalExit);
            QVERIFY2(w->exitCode() == 0, w->readAllStandardError().constData());
        }
        const qint64 elapsed = t.elapsed();

        // Each broadcast finished by exactly one of them, and both had work.
        QHash<qint64, QJsonObject> finished;
        int withWork = 0;
        for (QProcess *w : {&w1, &w2}) {
            const auto lines = jsonLines(QString::fromUtf8(w->readAllStandardOutput()));
            withWork += lines.isEmpty() ? 0 : 1;
            for (const auto &line : lines) {
                const qint64 id = line.value(QStringLiteral("broadcast")).toInteger();
                QVERIFY2(!finished.contains(id), qPrintable(QStringLiteral("broadcast %1 was finished twice").arg(id)));
                QCOMPARE(line.value(QStringLiteral("status")).toString(), QStringLiteral("finished"));
                finished.insert(id, line);
            }
        }
        QCOMPARE(finished.size(), queued.size());
        QCOMPARE(withWork, 2);

        auto db = open(config, QStringLiteral("workers-check"));
        QVERIFY(db);
        // Everybody accounted for: no row left pending or in flight, none uncertain, counters = rows.
        QSqlQuery q(db->db());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state IN ('pending', 'in_flight', 'uncertain')")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), qint64(0));
        qint64 total = 0;
        for (qint64 id : std::as_const(queued)) {
            auto c = BroadcastRepository(*db).recount(id);
            QVERIFY(c.has_value());
            auto b = BroadcastRepository(*db).findById(id);
            QVERIFY(b && *b);
            QVERIFY((*b)->status == BroadcastStatus::Finished);
            QCOMPARE((*b)->counters.total, c->total);
            QCOMPARE((*b)->counters.sent, c->sent);
            QCOMPARE(qint64(finished.value(id).value(QStringLiteral("total")).toInt()), c->total);
            total += c->total;
        }
        // One row per planned channel for every eligible person of the audience, in every broadcast.
        QVERIFY(q.exec(QStringLiteral(
            "SELECT SUM(CASE WHEN b.channels LIKE '%bark%' AND ((b.state = 'active' AND b.reminder = 'strong') OR s.opted_out = 1) "
            "THEN 2 ELSE 1 END) FROM bindings b JOIN subscribers s ON s.id = b.subscriber_id JOIN apps a ON a.id = b.app_id "
            "WHERE a.name = 'demo' AND b.state IN ('active', 'muted') AND b.reminder IN ('strong', 'weak')")));
        QVERIFY(q.next());
        const qint64 perBroadcast = q.value(0).toLongLong();
        QVERIFY(perBroadcast > 1000);
        QCOMPARE(total, perBroadcast * queued.size());
        // Nobody twice: the sandbox's own counts per recipient equal the sent rows per recipient.
        qint64 sent = 0;
        compareSandboxWithLog(sandbox, *db, &sent);
        qInfo("two workers: %d broadcasts, %lld deliveries (%lld sent) in %lld ms", int(queued.size()), total, sent, elapsed);
    }
};

QTEST_GUILESS_MAIN(TestPostgres)
#include "tst_postgres.moc"
