// Headless import: the CSV reader, each kind of file, the report for each kind of bad row, and that
// a bad file changes nothing; subscriber events applied with their audit; the command line.
#include "audit/auditlog.h"
#include "importer/csvreader.h"
#include "importer/importer.h"
#include "store/apprepository.h"
#include "store/creditrepository.h"
#include "store/database.h"
#include "store/eventrepository.h"
#include "store/subscriberrepository.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace pushdesk;

class TestImport : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    qint64 m_shop = 0;
    qint64 m_clinic = 0;
    const QDateTime m_now = QDateTime(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC);

    ImportReport import(ImportKind kind, const QByteArray &csv, const QString &app = {}, bool dryRun = false)
    {
        ImportOptions o;
        o.appName = app;
        o.dryRun = dryRun;
        o.operatorName = QStringLiteral("ops");
        o.fileName = QStringLiteral("test.csv");
        o.now = m_now;
        auto r = Importer(*m_db).run(kind, csv, o);
        [&] { QVERIFY2(r.has_value(), r ? "" : qPrintable(r.error().message)); }();
        return r.value_or(ImportReport());
    }

    QString snapshot()
    {
        QString out;
        for (const char *table : {"subscribers", "subscriber_tags", "bindings", "subscriber_events", "send_credits",
                                  "audit_events"}) {
            QSqlQuery q(m_db->db());
            if (!q.exec(QStringLiteral("SELECT * FROM %1 ORDER BY 1, 2").arg(QLatin1String(table))))
                return QStringLiteral("error");
            out += QLatin1String(table) + QLatin1Char('\n');
            while (q.next()) {
                for (int i = 0; i < q.record().count(); ++i)
                    out += q.value(i).toString() + QLatin1Char('|');
                out += QLatin1Char('\n');
            }
        }
        return out;
    }

    Subscriber subscriber(const QString &openid)
    {
        auto s = SubscriberRepository(*m_db).findByMpOpenid(openid);
        [&] { QVERIFY2(s && *s, qPrintable(openid)); }();
        return s && *s ? **s : Subscriber();
    }

    std::optional<Binding> binding(const QString &openid, qint64 app)
    {
        auto b = SubscriberRepository(*m_db).binding(subscriber(openid).id, app);
        return b ? *b : std::nullopt;
    }

    qint64 scalar(const QString &sql)
    {
        QSqlQuery q(m_db->db());
        return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
    }

    void seedSubscribers()
    {
        const auto r = import(ImportKind::Subscribers, "mp_openid,nickname\no_ann,Ann\no_bob,Bob\no_cat,Cat\n");
        QVERIFY(r.ok());
        QCOMPARE(r.inserted, 3);
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_db.reset();
        QFile::remove(testsupport::databasePath(m_dir));
        auto db = Database::open(DatabaseConfig::sqlite(testsupport::databasePath(m_dir)), QStringLiteral("import"));
        QVERIFY(db.has_value());
        m_db = std::move(*db);
        App shop;
        shop.name = QStringLiteral("shop");
        m_shop = AppRepository(*m_db).create(shop).value_or(0);
        App clinic;
        clinic.name = QStringLiteral("clinic");
        m_clinic = AppRepository(*m_db).create(clinic).value_or(0);
        QVERIFY(m_shop && m_clinic);
    }

    void cleanup() { m_db.reset(); }

    // ---- the CSV reader ---------------------------------------------------------------------------

    void csvReader()
    {
        const QByteArray data = "\xEF\xBB\xBF" "a,b,c\r\n"
                                "1,\"two, with comma\",3\r\n"
                                "\r\n"
                                "\"multi\r\nline\",\"say \"\"hi\"\"\", x \r\n"
                                "\"\",,\n"
                                "last,row,\"\"";
        const CsvDocument doc = CsvReader::parse(data);
        QVERIFY(doc.problems.isEmpty());
        QCOMPARE(doc.records.size(), 5);
        QCOMPARE(doc.records[0].fields, (QStringList{"a", "b", "c"}));
        QCOMPARE(doc.records[1].fields, (QStringList{"1", "two, with comma", "3"}));
        QCOMPARE(doc.records[1].line, 2);
        QCOMPARE(doc.records[2].fields, (QStringList{"multi\nline", "say \"hi\"", "x"}));
        QCOMPARE(doc.records[2].line, 4);
        QCOMPARE(doc.records[3].fields, (QStringList{"", "", ""}));
        QCOMPARE(doc.records[3].line, 6);
        QCOMPARE(doc.records[4].fields, (QStringList{"last", "row", ""}));
        QCOMPARE(doc.records[4].line, 7);

        const CsvDocument open = CsvReader::parse("a,b\n1,2\n3,\"never\nends\n");
        QCOMPARE(open.problems.size(), 1);
        QCOMPARE(open.problems.first().line, 3);
        const CsvDocument after = CsvReader::parse("a,b\n\"x\"y,2\n");
        QCOMPARE(after.problems.size(), 1);
        QCOMPARE(after.problems.first().line, 2);
        const CsvDocument latin1 = CsvReader::parse("a,b\nok,ok\ncaf\xE9,1\n");
        QCOMPARE(latin1.problems.size(), 1);
        QCOMPARE(latin1.problems.first().line, 3);
        QVERIFY(latin1.problems.first().message.contains(QLatin1String("UTF-8")));
    }

    // ---- subscribers ------------------------------------------------------------------------------

    void subscribersImport()
    {
        const QByteArray csv =
            "\xEF\xBB\xBF" "mp_openid,mini_openid,unionid,nickname,email,bark_key,bark_server,ntfy_topic,webhook_url,"
            "opted_out,last_interaction,tags\r\n"
            "o_ann,m_ann,u_ann,\"Ann, the first\",ann@example.com,BK1,https://bark.example.com,ann-topic,"
            "https://hook.example.com/ann,0,2026-05-31T08:00:00Z,vip;beijing\r\n"
            "o_bob,,,\"Bob\r\nSmith\",,,,,,1,1780000000,\r\n"
            "o_cat,,,Cat,,,,,,,,\r\n";
        const auto r = import(ImportKind::Subscribers, csv);
        QVERIFY(r.ok());
        QCOMPARE(r.rows, 3);
        QCOMPARE(r.inserted, 3);
        QCOMPARE(r.updated, 0);
        const Subscriber ann = subscriber(QStringLiteral("o_ann"));
        QCOMPARE(ann.miniOpenid, QStringLiteral("m_ann"));
        QCOMPARE(ann.nickname, QStringLiteral("Ann, the first"));
        QCOMPARE(ann.email, QStringLiteral("ann@example.com"));
        QCOMPARE(ann.barkServer, QStringLiteral("https://bark.example.com"));
        QCOMPARE(ann.webhookUrl, QStringLiteral("https://hook.example.com/ann"));
        QCOMPARE(ann.lastInteraction, QDateTime(QDate(2026, 5, 31), QTime(8, 0), Qt::UTC));
        QCOMPARE(ann.tags, (QStringList{"vip", "beijing"}));
        QVERIFY(!ann.optedOut);
        const Subscriber bob = subscriber(QStringLiteral("o_bob"));
        QCOMPARE(bob.nickname, QStringLiteral("Bob\nSmith"));
        QVERIFY(bob.optedOut);
        QCOMPARE(bob.lastInteraction.toSecsSinceEpoch(), qint64(1780000000));
        QVERIFY(bob.miniOpenid.isEmpty());
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM subscriber_tags")), qint64(2));
        QCOMPARE(r.toJson().value(QLatin1String("inserted")).toInt(), 3);

        // Upsert: columns in the file are written, columns left out are kept; an opt-out stays.
        const auto again = import(ImportKind::Subscribers, "mp_openid,nickname,opted_out\no_ann,Annie,1\no_bob,Bobby,0\no_dan,Dan,\n");
        QVERIFY(again.ok());
        QCOMPARE(again.inserted, 1);
        QCOMPARE(again.updated, 2);
        QCOMPARE(again.keptOptOuts, 1);
        QCOMPARE(subscriber(QStringLiteral("o_ann")).nickname, QStringLiteral("Annie"));
        QCOMPARE(subscriber(QStringLiteral("o_ann")).email, QStringLiteral("ann@example.com"));
        QCOMPARE(subscriber(QStringLiteral("o_ann")).tags, (QStringList{"vip", "beijing"}));
        QVERIFY(subscriber(QStringLiteral("o_ann")).optedOut);
        QVERIFY(subscriber(QStringLiteral("o_bob")).optedOut); // only the person opts back in
        QCOMPARE(*SubscriberRepository(*m_db).count(), qint64(4));

        // One audit event per import.
        AuditQuery q;
        q.actionPrefix = QString(audit::ImportRun);
        auto events = AuditLog::query(*m_db, q);
        QVERIFY(events && events->size() == 2);
        QCOMPARE(events->first().operatorName, QStringLiteral("ops"));
        QCOMPARE(events->first().after.value(QLatin1String("updated")).toInt(), 2);
        QCOMPARE(events->first().after.value(QLatin1String("file")).toString(), QStringLiteral("test.csv"));

        // Tags are replaced as a whole, in both places they are kept.
        QVERIFY(import(ImportKind::Subscribers, "mp_openid,tags\no_ann,vip;shanghai\no_bob,\n").ok());
        QCOMPARE(subscriber(QStringLiteral("o_ann")).tags, (QStringList{"vip", "shanghai"}));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM subscriber_tags WHERE tag = 'beijing'")), qint64(0));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM subscriber_tags")), qint64(2));
        QVERIFY(subscriber(QStringLiteral("o_bob")).tags.isEmpty());
    }

    void subscribersWithAppAreBound()
    {
        const auto r = import(ImportKind::Subscribers, "mp_openid\no_ann\no_bob\n", QStringLiteral("shop"));
        QVERIFY(r.ok());
        QCOMPARE(r.bindingsCreated, 2);
        const auto b = binding(QStringLiteral("o_ann"), m_shop);
        QVERIFY(b.has_value());
        QVERIFY(b->state == BindingState::Active);
        QVERIFY(b->reminder == Reminder::Strong);
        QCOMPARE(b->changedBy, QStringLiteral("ops"));
        QVERIFY(!binding(QStringLiteral("o_ann"), m_clinic));
        QCOMPARE(import(ImportKind::Subscribers, "mp_openid\no_ann\n", QStringLiteral("shop")).bindingsCreated, 0);
    }

    void badSubscriberRows_data()
    {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<QString>("column");
        QTest::newRow("no openid") << QByteArray(",x@example.com,,,,,") << QStringLiteral("mp_openid");
        QTest::newRow("openid with space") << QByteArray("o x,,,,,,") << QStringLiteral("mp_openid");
        QTest::newRow("duplicate") << QByteArray("o_ann,,,,,,") << QStringLiteral("mp_openid");
        QTest::newRow("email") << QByteArray("o_new,not-an-address,,,,,") << QStringLiteral("email");
        QTest::newRow("url") << QByteArray("o_new,,ftp://bark,,,,") << QStringLiteral("bark_server");
        QTest::newRow("opted_out") << QByteArray("o_new,,,maybe,,,") << QStringLiteral("opted_out");
        QTest::newRow("time") << QByteArray("o_new,,,,yesterday,,") << QStringLiteral("last_interaction");
        QTest::newRow("tag with comma") << QByteArray("o_new,,,,,\"a,b\",") << QStringLiteral("tags");
        QTest::newRow("field count") << QByteArray("o_new,,") << QString();
        QTest::newRow("mini openid taken") << QByteArray("o_new,,,,,,m_taken") << QStringLiteral("mini_openid");
        QTest::newRow("mini openid twice") << QByteArray("o_new,,,,,,m_good") << QStringLiteral("mini_openid");
    }

    void badSubscriberRows()
    {
        QFETCH(QByteArray, row);
        QFETCH(QString, column);
        Subscriber taken;
        taken.mpOpenid = QStringLiteral("o_owner");
        taken.miniOpenid = QStringLiteral("m_taken");
        QVERIFY(SubscriberRepository(*m_db).create(taken).has_value());
        const QByteArray csv = "mp_openid,email,bark_server,opted_out,last_interaction,tags,mini_openid\n"
                               "o_ann,,,,,,\no_good,good@example.com,,1,,,m_good\n"
                               + row + "\n";
        const QString before = snapshot();
        const auto r = import(ImportKind::Subscribers, csv);
        QVERIFY(!r.ok());
        QCOMPARE(r.problemCount, 1);
        const ImportProblem &p = r.problems.first();
        QCOMPARE(p.line, 4);
        QCOMPARE(p.column, column);
        QVERIFY(!p.problem.isEmpty());
        QVERIFY(p.describe(QStringLiteral("f.csv")).startsWith(QLatin1String("f.csv:4")));
        QCOMPARE(snapshot(), before); // the good rows were not written either
        QVERIFY(!SubscriberRepository(*m_db).findByMpOpenid(QStringLiteral("o_good"))->has_value());
    }

    void badFiles()
    {
        const QString before = snapshot();
        auto r = import(ImportKind::Subscribers, "");
        QVERIFY(!r.ok());
        QCOMPARE(r.problems.first().line, 1);
        r = import(ImportKind::Subscribers, "mp_openid,nick_name\no_ann,Ann\n");
        QVERIFY(!r.ok());
        QCOMPARE(r.problems.first().column, QStringLiteral("nick_name"));
        QVERIFY(r.problems.first().fix.contains(QLatin1String("nickname")));
        r = import(ImportKind::Subscribers, "nickname\nAnn\n");
        QVERIFY(!r.ok());
        QCOMPARE(r.problems.first().column, QStringLiteral("mp_openid"));
        r = import(ImportKind::Subscribers, "mp_openid,mp_openid\no_ann,o_ann\n");
        QVERIFY(!r.ok());
        r = import(ImportKind::Bindings, "mp_openid\no_ann\n", QStringLiteral("nosuchapp"));
        QVERIFY(!r.ok());
        QCOMPARE(r.problems.first().column, QStringLiteral("--app"));
        ImportOptions o;
        auto missing = Importer(*m_db).runFile(ImportKind::Subscribers, m_dir.filePath(QStringLiteral("nope.csv")), o);
        QVERIFY(missing.has_value() && !missing->ok());
        QCOMPARE(snapshot(), before);
    }

    void manyProblemsAreAllReported()
    {
        QByteArray csv = "mp_openid,email\n";
        for (int i = 0; i < 1500; ++i)
            csv += "o_" + QByteArray::number(i) + ",bad\n";
        const auto r = import(ImportKind::Subscribers, csv);
        QCOMPARE(r.problemCount, 1500);
        QCOMPARE(r.problems.size(), ImportReport::kMaxProblems);
        QCOMPARE(r.problems.last().line, ImportReport::kMaxProblems + 1);
        QCOMPARE(*SubscriberRepository(*m_db).count(), qint64(0));
    }

    void dryRunChangesNothing()
    {
        seedSubscribers();
        const QString before = snapshot();
        const auto r = import(ImportKind::Subscribers, "mp_openid,nickname\no_ann,Annie\no_new,New\n", {}, true);
        QVERIFY(r.ok());
        QVERIFY(r.dryRun);
        QCOMPARE(r.inserted, 1);
        QCOMPARE(r.updated, 1);
        QCOMPARE(snapshot(), before);
    }

    // ---- bindings ---------------------------------------------------------------------------------

    void bindingsImport()
    {
        seedSubscribers();
        const auto r = import(ImportKind::Bindings,
                              "mp_openid,app,state,reminder,channels\n"
                              "o_ann,shop,active,strong,bark;wechat\n"
                              "o_bob,shop,muted,weak,\n"
                              "o_cat,,blocked,,\n",
                              QStringLiteral("shop"));
        QVERIFY2(r.ok(), r.problems.isEmpty() ? "" : qPrintable(r.problems.first().describe({})));
        QCOMPARE(r.inserted, 3);
        QVERIFY(import(ImportKind::Bindings, "mp_openid,app,reminder,channels\no_ann,clinic,none,email\n").ok());
        auto ann = binding(QStringLiteral("o_ann"), m_shop);
        QVERIFY(ann.has_value());
        QCOMPARE(channelsToString(ann->channels), QStringLiteral("bark,wechat"));
        QCOMPARE(ann->changedBy, QStringLiteral("ops"));
        QCOMPARE(ann->changedAt, m_now);
        QVERIFY(binding(QStringLiteral("o_bob"), m_shop)->state == BindingState::Muted);
        QVERIFY(binding(QStringLiteral("o_bob"), m_shop)->reminder == Reminder::Weak);
        QCOMPARE(channelsToString(binding(QStringLiteral("o_bob"), m_shop)->channels), QStringLiteral("wechat"));
        QVERIFY(binding(QStringLiteral("o_ann"), m_clinic)->reminder == Reminder::None);
        QVERIFY(binding(QStringLiteral("o_cat"), m_shop)->state == BindingState::Blocked);

        // Update: a column left out keeps its value.
        const auto again = import(ImportKind::Bindings, "mp_openid,app,state\no_bob,shop,active\n");
        QVERIFY(again.ok());
        QCOMPARE(again.updated, 1);
        QVERIFY(binding(QStringLiteral("o_bob"), m_shop)->state == BindingState::Active);
        QVERIFY(binding(QStringLiteral("o_bob"), m_shop)->reminder == Reminder::Weak);
    }

    void badBindingRows_data()
    {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<QString>("app");
        QTest::addColumn<QString>("column");
        QTest::newRow("unknown subscriber") << QByteArray("o_zed,shop,,,") << QString() << QStringLiteral("mp_openid");
        QTest::newRow("unknown app") << QByteArray("o_bob,bakery,,,") << QString() << QStringLiteral("app");
        QTest::newRow("no app") << QByteArray("o_bob,,,,") << QString() << QStringLiteral("app");
        QTest::newRow("app differs from --app") << QByteArray("o_bob,clinic,,,") << QStringLiteral("shop") << QStringLiteral("app");
        QTest::newRow("state") << QByteArray("o_bob,shop,paused,,") << QString() << QStringLiteral("state");
        QTest::newRow("reminder") << QByteArray("o_bob,shop,,loud,") << QString() << QStringLiteral("reminder");
        QTest::newRow("channels") << QByteArray("o_bob,shop,,,wechat;pigeon") << QString() << QStringLiteral("channels");
        QTest::newRow("duplicate") << QByteArray("o_ann,shop,muted,,") << QString() << QString();
    }

    void badBindingRows()
    {
        QFETCH(QByteArray, row);
        QFETCH(QString, app);
        QFETCH(QString, column);
        seedSubscribers();
        const QString before = snapshot();
        const auto r = import(ImportKind::Bindings, "mp_openid,app,state,reminder,channels\no_ann,shop,,,\n" + row + "\n", app);
        QVERIFY(!r.ok());
        QCOMPARE(r.problemCount, 1);
        QCOMPARE(r.problems.first().line, 3);
        QCOMPARE(r.problems.first().column, column);
        QVERIFY(!r.problems.first().fix.isEmpty() || !r.problems.first().problem.isEmpty());
        QCOMPARE(snapshot(), before);
    }

    // ---- events -----------------------------------------------------------------------------------

    void eventsImport()
    {
        seedSubscribers();
        const auto r = import(ImportKind::Events,
                              "mp_openid,app,kind,value,at\n"
                              "o_ann,shop,bind,bark;wechat,2026-05-01T10:00:00Z\n"
                              "o_ann,shop,mute,,2026-05-02T10:00:00Z\n"
                              "o_ann,shop,reminder,weak,\n"
                              "o_bob,,optout,,1780000000\n"
                              "o_cat,shop,bind,,\n"
                              "o_cat,shop,unbind,,\n");
        QVERIFY2(r.ok(), r.problems.isEmpty() ? "" : qPrintable(r.problems.first().describe({})));
        QCOMPARE(r.inserted, 6);
        const auto ann = binding(QStringLiteral("o_ann"), m_shop);
        QVERIFY(ann.has_value());
        QVERIFY(ann->state == BindingState::Muted);
        QVERIFY(ann->reminder == Reminder::Weak);
        QCOMPARE(channelsToString(ann->channels), QStringLiteral("bark,wechat"));
        QCOMPARE(ann->changedBy, QStringLiteral("subscriber:import"));
        QCOMPARE(ann->changedAt, m_now);
        QVERIFY(subscriber(QStringLiteral("o_bob")).optedOut);
        QCOMPARE(subscriber(QStringLiteral("o_bob")).lastInteraction.toSecsSinceEpoch(), qint64(1780000000));
        QVERIFY(binding(QStringLiteral("o_cat"), m_shop)->state == BindingState::Unbound);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM subscriber_events WHERE source = 'import'")), qint64(6));
        auto events = EventRepository(*m_db).of(subscriber(QStringLiteral("o_ann")).id);
        QVERIFY(events && events->size() == 3);
        QVERIFY(events->first().kind == SubscriberEventKind::Reminder);
        QCOMPARE(events->first().value, QStringLiteral("weak"));
        // Only the import itself is audited, not each subscriber's own action.
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM audit_events")), qint64(2));
    }

    void badEventRows_data()
    {
        QTest::addColumn<QByteArray>("rows");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("column");
        QTest::newRow("mute without binding") << QByteArray("o_bob,shop,mute,,") << 3 << QStringLiteral("kind");
        QTest::newRow("unmute after unbind") << QByteArray("o_ann,shop,unbind,,\no_ann,shop,unmute,,") << 4 << QStringLiteral("kind");
        QTest::newRow("unknown kind") << QByteArray("o_ann,shop,snooze,,") << 3 << QStringLiteral("kind");
        QTest::newRow("reminder value") << QByteArray("o_ann,shop,reminder,loud,") << 3 << QStringLiteral("value");
        QTest::newRow("value on optout") << QByteArray("o_ann,,optout,yes,") << 3 << QStringLiteral("value");
        QTest::newRow("time") << QByteArray("o_ann,shop,mute,,soon") << 3 << QStringLiteral("at");
        QTest::newRow("no app") << QByteArray("o_ann,,mute,,") << 3 << QStringLiteral("app");
        QTest::newRow("unknown subscriber") << QByteArray("o_zed,,optin,,") << 3 << QStringLiteral("mp_openid");
    }

    void badEventRows()
    {
        QFETCH(QByteArray, rows);
        QFETCH(int, line);
        QFETCH(QString, column);
        seedSubscribers();
        const QString before = snapshot();
        const auto r = import(ImportKind::Events, "mp_openid,app,kind,value,at\no_ann,shop,bind,,\n" + rows + "\n");
        QVERIFY(!r.ok());
        QCOMPARE(r.problemCount, 1);
        QCOMPARE(r.problems.first().line, line);
        QCOMPARE(r.problems.first().column, column);
        QCOMPARE(snapshot(), before);
    }

    void operatorEventsAreAuditedInTheSameTransaction()
    {
        seedSubscribers();
        EventRepository events(*m_db);
        SubscriberEvent bind;
        bind.subscriberId = subscriber(QStringLiteral("o_ann")).id;
        bind.appId = m_shop;
        bind.kind = SubscriberEventKind::Bind;
        bind.source = EventSource::Sandbox;
        QVERIFY(events.apply(bind).has_value());
        QCOMPARE(binding(QStringLiteral("o_ann"), m_shop)->changedBy, QStringLiteral("subscriber:sandbox"));
        const qint64 auditBefore = scalar(QStringLiteral("SELECT COUNT(*) FROM audit_events"));
        QCOMPARE(auditBefore, qint64(1)); // the seeding import only

        SubscriberEvent mute = bind;
        mute.kind = SubscriberEventKind::Mute;
        mute.source = EventSource::Operator;
        QVERIFY(!events.apply(mute).has_value()); // an operator must say who
        mute.operatorName = QStringLiteral("olga");
        QVERIFY(events.apply(mute).has_value());
        QVERIFY(binding(QStringLiteral("o_ann"), m_shop)->state == BindingState::Muted);
        QCOMPARE(binding(QStringLiteral("o_ann"), m_shop)->changedBy, QStringLiteral("olga"));
        AuditQuery q;
        q.actionPrefix = QString(audit::BindingEdit);
        auto edits = AuditLog::query(*m_db, q);
        QVERIFY(edits && edits->size() == 1);
        QCOMPARE(edits->first().operatorName, QStringLiteral("olga"));
        QCOMPARE(edits->first().before.value(QLatin1String("state")).toString(), QStringLiteral("active"));
        QCOMPARE(edits->first().after.value(QLatin1String("state")).toString(), QStringLiteral("muted"));

        SubscriberEvent optout;
        optout.subscriberId = bind.subscriberId;
        optout.kind = SubscriberEventKind::OptOut;
        optout.operatorName = QStringLiteral("olga");
        QVERIFY(events.apply(optout).has_value());
        QVERIFY(subscriber(QStringLiteral("o_ann")).optedOut);
        q.actionPrefix = QString(audit::SubscriberEdit);
        QCOMPARE(*AuditLog::count(*m_db, q), qint64(1));

        // When the audit write fails, the event and its effect are rolled back with it.
        QSqlQuery t(m_db->db());
        QVERIFY(t.exec(QStringLiteral("CREATE TRIGGER no_audit BEFORE INSERT ON audit_events "
                                      "BEGIN SELECT RAISE(ABORT, 'forced failure'); END")));
        const QString before = snapshot();
        SubscriberEvent unmute = mute;
        unmute.kind = SubscriberEventKind::Unmute;
        QVERIFY(!events.apply(unmute).has_value());
        QCOMPARE(snapshot(), before);
        QVERIFY(binding(QStringLiteral("o_ann"), m_shop)->state == BindingState::Muted);
        // A batch is all or nothing too.
        SubscriberEvent reminder = bind;
        reminder.kind = SubscriberEventKind::Reminder;
        reminder.value = QStringLiteral("weak");
        QVERIFY(!events.applyAll({reminder, unmute}).has_value());
        QCOMPARE(snapshot(), before);
    }

    // ---- credits ----------------------------------------------------------------------------------

    void creditsImport()
    {
        seedSubscribers();
        const auto r = import(ImportKind::Credits,
                              "mp_openid,app,kind,credit,template_id,uses,expires_at\n"
                              "o_ann,shop,form_id,F1,,,\n"
                              "o_ann,shop,prepay_id,P1,,,2026-06-05T00:00:00Z\n"
                              "o_bob,shop,subscribe,,TPL9,2,\n");
        QVERIFY2(r.ok(), r.problems.isEmpty() ? "" : qPrintable(r.problems.first().describe({})));
        QCOMPARE(r.inserted, 3);
        auto ann = CreditRepository(*m_db).of(subscriber(QStringLiteral("o_ann")).id);
        QVERIFY(ann && ann->size() == 2);
        for (const auto &c : *ann) {
            if (c.kind == CreditKind::FormId) {
                QCOMPARE(c.usesLeft, 1);
                QCOMPARE(c.expiresAt, m_now.addDays(7));
            } else {
                QCOMPARE(c.usesLeft, 3);
                QCOMPARE(c.expiresAt, QDateTime(QDate(2026, 6, 5), QTime(0, 0), Qt::UTC));
            }
        }
        auto bob = CreditRepository(*m_db).of(subscriber(QStringLiteral("o_bob")).id);
        QVERIFY(bob && bob->size() == 1);
        QCOMPARE(bob->first().templateId, QStringLiteral("TPL9"));
        QCOMPARE(bob->first().usesLeft, 2);
        QVERIFY(!bob->first().expiresAt.isValid());

        const QString before = snapshot();
        const auto bad = import(ImportKind::Credits,
                                "mp_openid,app,kind,credit,template_id,uses,expires_at\n"
                                "o_ann,shop,form_id,,,,\n"             // no credit
                                "o_ann,shop,subscribe,,,,\n"           // no template
                                "o_ann,shop,coupon,C1,,,\n"            // kind
                                "o_ann,shop,form_id,F2,,0,\n"          // uses
                                "o_ann,shop,form_id,F3,,,2026-01-01\n" // expired
                                "o_ann,shop,form_id,F4,,,\n"
                                "o_ann,shop,form_id,F4,,,\n");         // duplicate
        QCOMPARE(bad.problemCount, 6);
        const QStringList columns{"credit", "template_id", "kind", "uses", "expires_at", "credit"};
        for (int i = 0; i < 6; ++i)
            QCOMPARE(bad.problems.at(i).column, columns.at(i));
        QCOMPARE(bad.problems.last().line, 8);
        QCOMPARE(snapshot(), before);
    }

    // ---- the command line -------------------------------------------------------------------------

    void commandLine()
    {
        const auto help = testsupport::runPushdesk({QStringLiteral("--help")}, 60000);
        if (!help.out.contains(QLatin1String("import")))
            QSKIP("pushdesk import is not wired into app/main.cpp yet");
        seedSubscribers();
        const QString dbPath = testsupport::databasePath(m_dir);
        m_db.reset(); // let the other process have the file to itself

        const auto modeHelp = testsupport::runPushdesk({QStringLiteral("import"), QStringLiteral("--help")}, 60000);
        QCOMPARE(modeHelp.exitCode, 0);
        for (const char *column : {"mp_openid,mini_openid,unionid", "last_interaction", "channels", "expires_at"})
            QVERIFY2(modeHelp.out.contains(QLatin1String(column)), column);

        auto write = [this](const QString &name, const QByteArray &data) {
            QFile f(m_dir.filePath(name));
            [&] { QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate)); }();
            f.write(data);
            return f.fileName();
        };
        auto hash = [&dbPath]() {
            QCryptographicHash h(QCryptographicHash::Sha256);
            for (const QString &path : {dbPath, dbPath + QStringLiteral("-wal")}) {
                QFile f(path);
                if (f.open(QIODevice::ReadOnly))
                    h.addData(f.readAll());
            }
            return h.result();
        };

        const QString good = write(QStringLiteral("bindings.csv"), "mp_openid,state\no_ann,muted\no_bob,\n");
        auto r = testsupport::runPushdesk({QStringLiteral("import"), QStringLiteral("--db"), dbPath, QStringLiteral("--bindings"),
                                           good, QStringLiteral("--app"), QStringLiteral("shop")},
                                          60000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject counts = QJsonDocument::fromJson(r.out.trimmed().toUtf8()).object();
        QCOMPARE(counts.value(QLatin1String("kind")).toString(), QStringLiteral("bindings"));
        QCOMPARE(counts.value(QLatin1String("inserted")).toInt(), 2);

        const QByteArray before = hash();
        const QString bad = write(QStringLiteral("bad.csv"), "mp_openid,state\no_ann,active\no_zed,sleepy\n");
        r = testsupport::runPushdesk({QStringLiteral("import"), QStringLiteral("--db"), dbPath, QStringLiteral("--bindings"), bad,
                                      QStringLiteral("--app"), QStringLiteral("shop")},
                                     60000);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("bad.csv:3")), qPrintable(r.err));
        QVERIFY(r.err.contains(QLatin1String("state")));
        QCOMPARE(QJsonDocument::fromJson(r.out.trimmed().toUtf8()).object().value(QLatin1String("problems")).toInt(), 2);
        QCOMPARE(hash(), before);

        // Arguments: none of the kinds, two of them, a missing file, a missing database.
        QCOMPARE(testsupport::runPushdesk({QStringLiteral("import"), QStringLiteral("--db"), dbPath}, 60000).exitCode, 2);
        QCOMPARE(testsupport::runPushdesk({QStringLiteral("import"), QStringLiteral("--db"), dbPath, QStringLiteral("--bindings"),
                                           good, QStringLiteral("--events"), good},
                                          60000)
                     .exitCode,
                 2);
        QCOMPARE(testsupport::runPushdesk({QStringLiteral("import"), QStringLiteral("--db"), dbPath, QStringLiteral("--events"),
                                           m_dir.filePath(QStringLiteral("missing.csv"))},
                                          60000)
                     .exitCode,
                 2);
        QCOMPARE(testsupport::runPushdesk({QStringLiteral("import"), QStringLiteral("--db"),
                                           m_dir.filePath(QStringLiteral("none.db")), QStringLiteral("--events"), good},
                                          60000)
                     .exitCode,
                 1);
        QCOMPARE(hash(), before);
    }
};

QTEST_GUILESS_MAIN(TestImport)
#include "tst_import.moc"
