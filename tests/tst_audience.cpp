// Audiences end to end: all bound subscribers, tags, an imported list and one subscriber. For each, a
// real broadcast through a sandbox process: what the sandbox received per recipient equals the
// forecast's push count exactly and holds nobody outside the audience. Lists import in one transaction.
#include "demo/sandboxseed.h"
#include "engine/broadcastengine.h"
#include "importer/importer.h"
#include "policy/forecast.h"
#include "processes.h"
#include "secrets/secretstore.h"
#include "store/apprepository.h"
#include "store/broadcastrepository.h"
#include "store/subscriberrepository.h"
#include "testsupport.h"
#include "workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>
#include <functional>

using namespace pushdesk;
using namespace testsupport;

namespace {
constexpr int kPeople = 60;

QString openidOf(int i)
{
    return QStringLiteral("oAUD%1").arg(i, 4, 10, QLatin1Char('0'));
}

// The fixture's people, by index: what a test expects is worked out from this, not from the code under test.
struct Person {
    QStringList tags;
    bool bound = true;
    BindingState state = BindingState::Active;
    Reminder reminder = Reminder::Strong;
    bool optedOut = false;

    bool pushed() const { return bound && state == BindingState::Active && reminder == Reminder::Strong && !optedOut; }
    bool inAudience() const
    {
        return bound && (state == BindingState::Active || state == BindingState::Muted)
               && (reminder == Reminder::Strong || reminder == Reminder::Weak);
    }
};

Person person(int i)
{
    Person p;
    if (i % 3 == 0)
        p.tags.append(QStringLiteral("vip"));
    if (i % 4 == 0)
        p.tags.append(QStringLiteral("beijing"));
    if (i % 7 == 0)
        p.tags.append(QStringLiteral("trial"));
    switch (i % 10) {
    case 1: p.state = BindingState::Muted; break;
    case 2: p.reminder = Reminder::Weak; break;
    case 3: p.state = BindingState::Blocked; break;
    case 4: p.optedOut = true; break;
    case 5: p.bound = false; break;
    case 6: p.reminder = Reminder::None; break;
    default: break;
    }
    return p;
}

QJsonObject lastJson(const QString &out)
{
    const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return lines.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(lines.last().toUtf8()).object();
}
} // namespace

class TestAudience : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<Workspace> m_ws;
    QString m_dbPath;
    App m_app;
    qint64 m_templateId = 0;
    QHash<QString, int> m_index; // openid -> person index
    QList<qint64> m_ids;         // person index -> subscriber id
    SandboxSeed m_seed;

    // Sends one broadcast to audience and checks it against the sandbox and the forecast.
    void checkBroadcast(const Audience &audience, const std::function<bool(int)> &selected)
    {
        // A clean sandbox each time: stats and the customer-service allowance of every follower.
        QCOMPARE(httpPost(join(m_sandbox->url(), QStringLiteral("/sandbox/admin/reset?all=1")), {}).status, 200);
        QVERIFY(m_seed.apply(m_sandbox->url()).has_value());

        auto forecast = AudienceForecast::compute(m_ws->db(), m_app, audience);
        QVERIFY2(forecast.has_value(), forecast ? "" : qPrintable(forecast.error().message));
        QSet<QString> expectedPush;
        qint64 expectedMembers = 0;
        for (int i = 0; i < kPeople; ++i) {
            if (!selected(i))
                continue;
            if (person(i).inAudience())
                ++expectedMembers;
            if (person(i).pushed())
                expectedPush.insert(openidOf(i));
        }
        QCOMPARE(forecast->members, expectedMembers);
        QCOMPARE(forecast->counts.sent, qint64(expectedPush.size()));
        QVERIFY(forecast->counts.sent > 0); // the fixture makes every audience reach somebody

        auto id = m_ws->createBroadcast(m_app.id, m_templateId, {}, {}, audience);
        QVERIFY2(id.has_value(), id ? "" : qPrintable(id.error().message));
        auto stored = BroadcastRepository(m_ws->db()).findById(*id);
        QVERIFY(stored && *stored);
        QVERIFY((*stored)->audience == audience);
        QSignalSpy finished(m_ws->engine(), &BroadcastEngine::finished);
        m_ws->engine()->start(*id);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().at(2).toString(), QStringLiteral("finished"));

        const auto stats = httpGet(join(m_sandbox->url(), QStringLiteral("/sandbox/stats")));
        QCOMPARE(stats.status, 200);
        const QJsonObject accepted = stats.json.value(QStringLiteral("accepted")).toObject();
        qint64 received = 0;
        QSet<QString> recipients;
        for (auto type = accepted.begin(); type != accepted.end(); ++type) {
            if (type.key() == QLatin1String("msg_sec_check"))
                continue; // the content check of the text, not a message to anybody
            const QJsonObject perRecipient = type.value().toObject();
            for (auto r = perRecipient.begin(); r != perRecipient.end(); ++r) {
                QVERIFY2(m_index.contains(r.key()), qPrintable(r.key()));
                const int i = m_index.value(r.key());
                QVERIFY2(selected(i) && person(i).pushed(), qPrintable(QStringLiteral("%1 is not in %2").arg(r.key(), audience.describe())));
                QCOMPARE(r.value().toInt(), 1);
                received += r.value().toInt();
                recipients.insert(r.key());
            }
        }
        const QJsonObject rejected = stats.json.value(QStringLiteral("rejected")).toObject();
        for (auto type = rejected.begin(); type != rejected.end(); ++type)
            QVERIFY2(type.key() == QLatin1String("msg_sec_check") || type.value().toObject().isEmpty(),
                     QJsonDocument(rejected).toJson().constData());
        QCOMPARE(received, forecast->counts.sent);
        QCOMPARE(recipients, expectedPush);

        // The delivery log agrees: one row per member, nobody outside the audience.
        auto counters = BroadcastRepository(m_ws->db()).recount(*id);
        QVERIFY(counters.has_value());
        QCOMPARE(counters->total, forecast->counts.total);
        QCOMPARE(counters->sent, forecast->counts.sent);
        QCOMPARE(counters->inbox, forecast->counts.inbox);
        QCOMPARE(counters->skipped, forecast->counts.skipped);
        QSqlQuery q(m_ws->db().db());
        QVERIFY(q.exec(QStringLiteral("SELECT s.mp_openid FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id "
                                      "WHERE d.broadcast_id = %1").arg(*id)));
        while (q.next()) {
            const int i = m_index.value(q.value(0).toString(), -1);
            QVERIFY(i >= 0 && selected(i) && person(i).inAudience());
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_sandbox = std::make_unique<SandboxProcess>();
        QVERIFY(m_sandbox->isRunning());
        m_dbPath = m_dir.filePath(QStringLiteral("audience.db"));
        WorkspaceOptions options;
        options.secrets = std::make_shared<MemorySecretStore>();
        auto ws = Workspace::open(DatabaseConfig::sqlite(m_dbPath), options);
        QVERIFY2(ws.has_value(), ws ? "" : qPrintable(ws.error().message));
        m_ws = std::move(*ws);

        m_app.name = QStringLiteral("aud");
        m_app.appid = QStringLiteral("wxaudience0001");
        m_app.upstream = m_sandbox->url().toString();
        auto appId = AppRepository(m_ws->db()).create(m_app);
        QVERIFY(appId.has_value());
        m_app.id = *appId;
        Template t;
        t.appId = m_app.id;
        t.name = QStringLiteral("hello");
        t.csText = QStringLiteral("Hello {{nickname}}");
        auto tid = TemplateRepository(m_ws->db()).create(t);
        QVERIFY(tid.has_value());
        m_templateId = *tid;

        m_seed.addApp(m_app.appid, QStringLiteral("official_account"));
        QList<Subscriber> people;
        for (int i = 0; i < kPeople; ++i) {
            Subscriber s;
            s.mpOpenid = openidOf(i);
            s.nickname = QStringLiteral("Person %1").arg(i);
            s.email = QStringLiteral("p%1@example.com").arg(i);
            s.tags = person(i).tags;
            s.optedOut = person(i).optedOut;
            s.lastInteraction = QDateTime::currentDateTime();
            people.append(s);
            m_seed.addFollower(m_app.appid, s.mpOpenid, true, QDateTime::currentSecsSinceEpoch());
        }
        SubscriberRepository subs(m_ws->db());
        QVERIFY(subs.createMany(people).has_value());
        QList<Binding> bindings;
        for (int i = 0; i < kPeople; ++i) {
            m_index.insert(people[i].mpOpenid, i);
            m_ids.append(people[i].id);
            const Person p = person(i);
            if (!p.bound)
                continue;
            Binding b;
            b.subscriberId = people[i].id;
            b.appId = m_app.id;
            b.state = p.state;
            b.reminder = p.reminder;
            bindings.append(b);
        }
        QVERIFY(subs.upsertBindings(bindings).has_value());
    }

    void everyBoundSubscriber()
    {
        checkBroadcast(Audience::all(), [](int) { return true; });
    }

    void anyOfTheTags()
    {
        checkBroadcast(Audience::withTags({QStringLiteral("vip"), QStringLiteral("trial")}), [](int i) {
            return person(i).tags.contains(QStringLiteral("vip")) || person(i).tags.contains(QStringLiteral("trial"));
        });
        // The count the composer shows before the forecast agrees with the pages.
        auto count = AudienceForecast::count(m_ws->db(), m_app.id, Audience::withTags({QStringLiteral("beijing")}));
        QVERIFY(count.has_value());
        qint64 expected = 0;
        for (int i = 0; i < kPeople; ++i)
            expected += person(i).tags.contains(QStringLiteral("beijing")) && person(i).inAudience() ? 1 : 0;
        QCOMPARE(*count, expected);
    }

    void anImportedList()
    {
        // Every fifth person by openid, a few by e-mail, one named twice; unbound and blocked ones too.
        QByteArray csv("mp_openid,email\n");
        QSet<int> members;
        for (int i = 0; i < kPeople; i += 5) {
            csv += openidOf(i).toUtf8() + ",\n";
            members.insert(i);
        }
        for (int i : {7, 8, 13}) {
            csv += ",p" + QByteArray::number(i) + "@example.com\n";
            members.insert(i);
        }
        csv += openidOf(10).toUtf8() + ",\n";
        const QString file = m_dir.filePath(QStringLiteral("march.csv"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(csv);
        f.close();

        const auto imported = runPushdesk({QStringLiteral("import"), QStringLiteral("--db"), m_dbPath, QStringLiteral("--list"),
                                           QStringLiteral("march"), file});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        QCOMPARE(lastJson(imported.out).value(QStringLiteral("inserted")).toInt(), members.size());
        auto list = SubscriberRepository(m_ws->db()).audienceListByName(QStringLiteral("march"));
        QVERIFY(list && *list);
        QCOMPARE((*list)->members, qint64(members.size()));

        // The same name again is refused, and changes nothing.
        const auto again = runPushdesk({QStringLiteral("import"), QStringLiteral("--db"), m_dbPath, QStringLiteral("--list"),
                                        QStringLiteral("march"), file});
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains(QStringLiteral("already a list")), qPrintable(again.err));
        QCOMPARE(sqlCount(m_dbPath, QStringLiteral("SELECT COUNT(*) FROM audience_lists")), qint64(1));

        checkBroadcast(Audience::list((*list)->id, (*list)->name), [members](int i) { return members.contains(i); });
        auto forecast = AudienceForecast::compute(m_ws->db(), m_app, Audience::list((*list)->id));
        QVERIFY(forecast.has_value());
        QCOMPARE(forecast->selected, qint64(members.size())); // unbound members are named, not reached
    }

    void oneSubscriber()
    {
        checkBroadcast(Audience::one(m_ids[7], openidOf(7)), [](int i) { return i == 7; });
        // A muted person is in the audience but only gets an inbox message: nothing reaches the sandbox.
        auto forecast = AudienceForecast::compute(m_ws->db(), m_app, Audience::one(m_ids[11]));
        QVERIFY(forecast.has_value());
        QCOMPARE(forecast->counts.sent, qint64(0));
        QCOMPARE(forecast->counts.inbox, qint64(1));
        // A blocked one is not in it at all.
        auto blocked = AudienceForecast::compute(m_ws->db(), m_app, Audience::one(m_ids[13]));
        QVERIFY(blocked.has_value());
        QCOMPARE(blocked->members, qint64(0));
        QCOMPARE(blocked->selected, qint64(1));
    }

    void pagesStayPagedForEveryKind()
    {
        // Small pages walk the same members as one big page, for every kind.
        auto list = SubscriberRepository(m_ws->db()).audienceListByName(QStringLiteral("march"));
        QVERIFY(list && *list);
        for (const Audience &a : {Audience::all(), Audience::withTags({QStringLiteral("vip"), QStringLiteral("beijing")}),
                                  Audience::list((*list)->id), Audience::one(m_ids[0])}) {
            auto whole = AudienceForecast::page(m_ws->db(), m_app.id, a, 0, 1000);
            QVERIFY(whole.has_value());
            QList<qint64> paged;
            qint64 cursor = 0;
            for (;;) {
                auto page = AudienceForecast::page(m_ws->db(), m_app.id, a, cursor, 3);
                QVERIFY(page.has_value());
                QVERIFY(page->size() <= 3);
                for (const auto &m : *page)
                    paged.append(m.subscriber.id);
                if (page->size() < 3)
                    break;
                cursor = page->last().subscriber.id;
            }
            QList<qint64> all;
            for (const auto &m : *whole)
                all.append(m.subscriber.id);
            QCOMPARE(paged, all);
            QVERIFY(std::is_sorted(paged.cbegin(), paged.cend()));
        }
        // The tag page probes subscriber_tags by its primary key and the list page reads the list's
        // members by theirs: no full scan of either table.
        QSqlQuery q(m_ws->db().db());
        QVERIFY(q.exec(QStringLiteral("EXPLAIN QUERY PLAN SELECT 1 FROM audience_list_members m JOIN bindings b ON "
                                      "b.subscriber_id = m.subscriber_id WHERE b.app_id = 1 AND m.list_id = 1 AND "
                                      "m.subscriber_id > 0 ORDER BY m.subscriber_id LIMIT 10")));
        QString plan;
        while (q.next())
            plan += q.value(3).toString() + QLatin1Char('\n');
        QVERIFY2(!plan.contains(QStringLiteral("SCAN m")) && !plan.contains(QStringLiteral("TEMP B-TREE")), qPrintable(plan));
    }

    void commandLineAudiences()
    {
        const QStringList base{QStringLiteral("send"), QStringLiteral("--db"), m_dbPath, QStringLiteral("--app"),
                               QStringLiteral("aud"), QStringLiteral("--template"), QStringLiteral("hello")};
        // --tag repeatable and comma lists mean the same: any of them.
        const auto one = runPushdesk(base + QStringList{QStringLiteral("--tag"), QStringLiteral("vip,trial"), QStringLiteral("--dry-run")});
        QVERIFY2(one.exitCode == 0, qPrintable(one.err));
        const auto two = runPushdesk(base + QStringList{QStringLiteral("--tag"), QStringLiteral("vip"), QStringLiteral("--tag"),
                                                        QStringLiteral("trial"), QStringLiteral("--dry-run")});
        QVERIFY2(two.exitCode == 0, qPrintable(two.err));
        auto forecast = AudienceForecast::compute(m_ws->db(), m_app, Audience::withTags({QStringLiteral("vip"), QStringLiteral("trial")}));
        QVERIFY(forecast.has_value());
        QCOMPARE(lastJson(one.out).value(QStringLiteral("sent")).toInt(), int(forecast->counts.sent));
        QCOMPARE(lastJson(two.out).value(QStringLiteral("sent")).toInt(), int(forecast->counts.sent));
        QCOMPARE(lastJson(one.out).value(QStringLiteral("audience")).toString(), QStringLiteral("tags: vip, trial"));

        const auto to = runPushdesk(base + QStringList{QStringLiteral("--to"), openidOf(7), QStringLiteral("--dry-run")});
        QVERIFY2(to.exitCode == 0, qPrintable(to.err));
        QCOMPARE(lastJson(to.out).value(QStringLiteral("sent")).toInt(), 1);
        const auto list = runPushdesk(base + QStringList{QStringLiteral("--list"), QStringLiteral("march"), QStringLiteral("--dry-run")});
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        QCOMPARE(lastJson(list.out).value(QStringLiteral("audience")).toString(), QStringLiteral("list: march"));

        // Two audiences at once, an unknown list or person: a clear error, exit code 2, nothing created.
        const qint64 before = sqlCount(m_dbPath, QStringLiteral("SELECT COUNT(*) FROM broadcasts"));
        const auto both = runPushdesk(base + QStringList{QStringLiteral("--tag"), QStringLiteral("vip"), QStringLiteral("--to"), openidOf(7)});
        QCOMPARE(both.exitCode, 2);
        QVERIFY2(both.err.contains(QStringLiteral("only one")), qPrintable(both.err));
        const auto unknownList = runPushdesk(base + QStringList{QStringLiteral("--list"), QStringLiteral("april")});
        QCOMPARE(unknownList.exitCode, 2);
        QVERIFY2(unknownList.err.contains(QStringLiteral("march")), qPrintable(unknownList.err));
        const auto nobody = runPushdesk(base + QStringList{QStringLiteral("--to"), QStringLiteral("oNOBODY")});
        QCOMPARE(nobody.exitCode, 2);
        QVERIFY2(nobody.err.contains(QStringLiteral("oNOBODY")), qPrintable(nobody.err));
        QCOMPARE(sqlCount(m_dbPath, QStringLiteral("SELECT COUNT(*) FROM broadcasts")), before);
        const auto help = runPushdesk({QStringLiteral("send"), QStringLiteral("--help")});
        for (const char *option : {"--tag", "--list", "--to"})
            QVERIFY2(help.out.contains(QLatin1String(option)), option);
        const auto importHelp = runPushdesk({QStringLiteral("import"), QStringLiteral("--help")});
        QVERIFY(importHelp.out.contains(QStringLiteral("--list")));
        QVERIFY(importHelp.out.contains(QStringLiteral("mp_openid,mini_openid,email")));
    }

    void aBadListChangesNothing()
    {
        const qint64 lists = sqlCount(m_dbPath, QStringLiteral("SELECT COUNT(*) FROM audience_lists"));
        const qint64 members = sqlCount(m_dbPath, QStringLiteral("SELECT COUNT(*) FROM audience_list_members"));
        ImportOptions options;
        options.listName = QStringLiteral("april");
        options.fileName = QStringLiteral("april.csv");
        // One unknown openid and one e-mail nobody has, among good rows.
        const QByteArray csv = "mp_openid,email\n" + openidOf(1).toUtf8() + ",\noUNKNOWN,\n" + openidOf(2).toUtf8()
                               + ",\n,nobody@example.com\n";
        auto report = Importer(m_ws->db()).run(ImportKind::List, csv, options);
        QVERIFY(report.has_value());
        QCOMPARE(report->problemCount, 2);
        QCOMPARE(report->problems.at(0).line, 3);
        QCOMPARE(report->problems.at(0).column, QStringLiteral("mp_openid"));
        QCOMPARE(report->problems.at(1).line, 5);
        QCOMPARE(report->listId, qint64(0));
        QCOMPARE(sqlCount(m_dbPath, QStringLiteral("SELECT COUNT(*) FROM audience_lists")), lists);
        QCOMPARE(sqlCount(m_dbPath, QStringLiteral("SELECT COUNT(*) FROM audience_list_members")), members);
        // A file without the columns, or without a row, is refused too.
        auto noColumn = Importer(m_ws->db()).run(ImportKind::List, "nickname\nAlex\n", options);
        QVERIFY(noColumn && !noColumn->ok());
        auto empty = Importer(m_ws->db()).run(ImportKind::List, "mp_openid\n", options);
        QVERIFY(empty && !empty->ok());
        // The good rows alone import; a dry run leaves nothing behind.
        options.dryRun = true;
        auto dry = Importer(m_ws->db()).run(ImportKind::List, "mp_openid\n" + openidOf(1).toUtf8() + "\n", options);
        QVERIFY(dry && dry->ok());
        QCOMPARE(dry->inserted, 1);
        QCOMPARE(sqlCount(m_dbPath, QStringLiteral("SELECT COUNT(*) FROM audience_lists")), lists);
        // From the command line: the report names the line, exit code 2.
        const QString file = m_dir.filePath(QStringLiteral("april.csv"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(csv);
        f.close();
        const auto cli = runPushdesk({QStringLiteral("import"), QStringLiteral("--db"), m_dbPath, QStringLiteral("--list"),
                                      QStringLiteral("april"), file});
        QCOMPARE(cli.exitCode, 2);
        QVERIFY2(cli.err.contains(QStringLiteral("april.csv:3")), qPrintable(cli.err));
        QCOMPARE(sqlCount(m_dbPath, QStringLiteral("SELECT COUNT(*) FROM audience_lists")), lists);
        QCOMPARE(sqlCount(m_dbPath, QStringLiteral("SELECT COUNT(*) FROM audience_list_members")), members);
    }

    void anUnreadableAudienceReachesNobody()
    {
        Audience a;
        QVERIFY(!Audience::decode(QStringLiteral("{\"kind\":\"tags\",\"tags\":[]}"), &a));
        QVERIFY(!a.valid());
        QVERIFY(!Audience::decode(QStringLiteral("everyone"), &a));
        QVERIFY(!a.valid());
        auto members = AudienceForecast::count(m_ws->db(), m_app.id, a);
        QVERIFY(members.has_value());
        QCOMPARE(*members, qint64(0));
        QVERIFY(Audience::decode(QStringLiteral("all"), &a));
        QVERIFY(a.kind == Audience::Kind::All);
        const Audience tags = Audience::withTags({QStringLiteral("vip"), QStringLiteral(" trial "), QStringLiteral("vip")});
        QCOMPARE(tags.tags, QStringList({QStringLiteral("vip"), QStringLiteral("trial")}));
        QVERIFY(Audience::decode(tags.encode(), &a));
        QVERIFY(a == tags);
        QVERIFY(!m_ws->createBroadcast(m_app.id, m_templateId, {}, {}, Audience::list(999999)).has_value());
        QVERIFY(!m_ws->createBroadcast(m_app.id, m_templateId, {}, {}, Audience::one(999999)).has_value());
    }
};

QTEST_GUILESS_MAIN(TestAudience)
#include "tst_audience.moc"
