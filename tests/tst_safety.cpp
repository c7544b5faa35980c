// Trust and safety through real broadcasts against the sandbox: the eligibility property over thousands
// of random people (invariant 1), a penalty that stops a running broadcast (invariant 2), an opt-out that
// takes effect mid-broadcast, and the content check (invariant 4).
#include "domain/reasontext.h"
#include "engine/broadcastengine.h"
#include "policy/blocklist.h"
#include "policy/penalties.h"
#include "secrets/secretstore.h"
#include "store/apprepository.h"
#include "store/broadcastrepository.h"
#include "store/eventrepository.h"
#include "store/subscriberrepository.h"
#include "testsupport.h"
#include "workspace.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace pushdesk;
using namespace testsupport;

namespace {
struct Person {
    qint64 id = 0;
    QString openid;
    QString barkKey;
    BindingState state = BindingState::Active;
    Reminder reminder = Reminder::Strong;
    bool optedOut = false;
    bool bound = true;
    bool wantsBark = false;
};
} // namespace

class TestSafety : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_dbs = 0;

    struct Fixture {
        std::unique_ptr<Workspace> ws;
        qint64 appId = 0;
        qint64 templateId = 0;
        QString appid;
    };

    Fixture makeFixture(EngineOptions engine = {})
    {
        Fixture f;
        WorkspaceOptions options;
        options.secrets = std::make_shared<MemorySecretStore>();
        options.alwaysSandbox = true;
        options.engine = engine;
        auto ws = Workspace::open(DatabaseConfig::sqlite(m_dir.filePath(QStringLiteral("safety%1.db").arg(++m_dbs))), options);
        if (!ws)
            return f;
        f.ws = std::move(*ws);
        f.appid = QStringLiteral("wxsafety%1").arg(m_dbs);
        App app;
        app.name = QStringLiteral("safety");
        app.appid = f.appid;
        f.appId = *AppRepository(f.ws->db()).create(app);
        Template t;
        t.appId = f.appId;
        t.name = QStringLiteral("notice");
        t.csText = QStringLiteral("Hello {{nickname}}, {{message}}");
        t.wechatTemplateId = QStringLiteral("TPL");
        t.wechatFields = {{QStringLiteral("thing1"), QStringLiteral("{{message}}")}};
        t.barkTitle = QStringLiteral("Notice");
        t.barkBody = QStringLiteral("{{message}}");
        f.templateId = *TemplateRepository(f.ws->db()).create(t);
        httpPost(join(f.ws->sandboxUrl(), QStringLiteral("/sandbox/admin/apps")), {{QStringLiteral("appid"), f.appid}});
        return f;
    }

    // Creates people and tells the sandbox about their openids and Bark keys.
    void addPeople(Fixture &f, QList<Person> &people)
    {
        QList<Subscriber> subs;
        const QDateTime recent = QDateTime::currentDateTime().addSecs(-3600);
        for (const auto &p : people) {
            Subscriber s;
            s.mpOpenid = p.openid;
            s.barkKey = p.barkKey;
            s.optedOut = p.optedOut;
            s.nickname = p.openid;
            s.lastInteraction = recent;
            subs.append(s);
        }
        QVERIFY(SubscriberRepository(f.ws->db()).createMany(subs).has_value());
        QList<Binding> bindings;
        QJsonArray followers, keys;
        for (int i = 0; i < people.size(); ++i) {
            people[i].id = subs[i].id;
            followers.append(QJsonObject{{QStringLiteral("openid"), people[i].openid},
                                         {QStringLiteral("last_interaction"), recent.toSecsSinceEpoch()}});
            if (!people[i].barkKey.isEmpty())
                keys.append(people[i].barkKey);
            if (!people[i].bound)
                continue;
            Binding b;
            b.subscriberId = subs[i].id;
            b.appId = f.appId;
            b.state = people[i].state;
            b.reminder = people[i].reminder;
            b.channels = people[i].wantsBark ? QList<Channel>{Channel::WeChat, Channel::Bark} : QList<Channel>{Channel::WeChat};
            bindings.append(b);
        }
        QVERIFY(SubscriberRepository(f.ws->db()).upsertBindings(bindings).has_value());
        QCOMPARE(httpPost(join(f.ws->sandboxUrl(), QStringLiteral("/sandbox/admin/followers")),
                          {{QStringLiteral("appid"), f.appid}, {QStringLiteral("followers"), followers}}).status, 200);
        if (!keys.isEmpty())
            QCOMPARE(httpPost(join(f.ws->sandboxUrl(), QStringLiteral("/sandbox/admin/bark/devices")),
                              {{QStringLiteral("device_keys"), keys}}).status, 200);
    }

    static QString finish(Workspace &ws, qint64 id, int timeoutMs = 120000)
    {
        QSignalSpy finished(ws.engine(), &BroadcastEngine::finished);
        ws.engine()->start(id);
        while (finished.wait(timeoutMs)) {
            for (const auto &args : finished)
                if (args.at(0).toLongLong() == id)
                    return args.at(2).toString();
        }
        return QStringLiteral("timeout");
    }

private slots:
    void eligibilityPropertyOverRandomPeople_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::newRow("seed 1") << 1u;
        QTest::newRow("seed 2") << 2u;
        QTest::newRow("random") << QRandomGenerator::global()->generate();
    }

    void eligibilityPropertyOverRandomPeople()
    {
        QFETCH(quint32, seed);
        Fixture f = makeFixture();
        QVERIFY(f.ws);
        QRandomGenerator rng(seed);
        QList<Person> people;
        for (int i = 0; i < 1500; ++i) {
            Person p;
            p.openid = QStringLiteral("oP%1-%2").arg(seed).arg(i);
            p.bound = rng.bounded(10) != 0;
            p.state = BindingState(rng.bounded(4));
            p.reminder = Reminder(rng.bounded(3));
            p.optedOut = rng.bounded(5) == 0;
            p.wantsBark = rng.bounded(2) == 0;
            if (p.wantsBark || rng.bounded(4) == 0)
                p.barkKey = QStringLiteral("bkP%1-%2").arg(seed).arg(i);
            people.append(p);
        }
        addPeople(f, people);
        auto id = f.ws->createBroadcast(f.appId, f.templateId, {{QStringLiteral("message"), QStringLiteral("hi")}});
        QVERIFY(id.has_value());
        QCOMPARE(finish(*f.ws, *id), QStringLiteral("finished"));

        const auto stats = httpGet(join(f.ws->sandboxUrl(), QStringLiteral("/sandbox/stats")));
        const QJsonObject accepted = stats.json.value(QStringLiteral("accepted")).toObject();
        const QJsonObject custom = accepted.value(QStringLiteral("custom")).toObject();
        const QJsonObject templ = accepted.value(QStringLiteral("template")).toObject();
        const QJsonObject bark = accepted.value(QStringLiteral("bark")).toObject();
        QHash<qint64, int> inbox;
        QSqlQuery q(f.ws->db().db());
        QVERIFY(q.exec(QStringLiteral("SELECT subscriber_id, COUNT(*) FROM inbox_messages GROUP BY subscriber_id")));
        while (q.next())
            inbox.insert(q.value(0).toLongLong(), q.value(1).toInt());
        int pushes = 0, inboxes = 0;
        for (const auto &p : std::as_const(people)) {
            // The policy, written out independently of the code under test.
            const bool reachable = p.bound && !p.optedOut && p.reminder != Reminder::None
                                   && (p.state == BindingState::Active || p.state == BindingState::Muted);
            const bool push = reachable && p.state == BindingState::Active && p.reminder == Reminder::Strong;
            const bool inboxOnly = reachable && !push;
            const int wechat = custom.value(p.openid).toInt() + templ.value(p.openid).toInt();
            QVERIFY2(wechat == (push ? 1 : 0), qPrintable(p.openid));
            const int barkCount = p.barkKey.isEmpty() ? 0 : bark.value(p.barkKey).toInt();
            QVERIFY2(barkCount == (push && p.wantsBark ? 1 : 0), qPrintable(p.openid));
            QVERIFY2(inbox.value(p.id) == (inboxOnly ? 1 : 0), qPrintable(p.openid));
            pushes += push;
            inboxes += inboxOnly;
        }
        QVERIFY(pushes > 30);
        QVERIFY(inboxes > 100);
    }

    void optOutTakesEffectMidBroadcast()
    {
        EngineOptions narrow;
        narrow.concurrency = 1;
        Fixture f = makeFixture(narrow);
        QVERIFY(f.ws);
        QList<Person> people;
        for (int i = 0; i < 300; ++i) {
            Person p;
            p.openid = QStringLiteral("oMid%1").arg(i);
            people.append(p);
        }
        addPeople(f, people);
        QCOMPARE(httpPost(join(f.ws->sandboxUrl(), QStringLiteral("/sandbox/admin/faults")), {{QStringLiteral("latency_ms"), 5}}).status, 200);
        auto id = f.ws->createBroadcast(f.appId, f.templateId, {{QStringLiteral("message"), QStringLiteral("hi")}});
        QSignalSpy finished(f.ws->engine(), &BroadcastEngine::finished);
        f.ws->engine()->start(*id);
        // Once it is under way, the last person replies "0" and another unbinds.
        QTRY_VERIFY_WITH_TIMEOUT(BroadcastRepository(f.ws->db()).recount(*id)->sent > 10, 30000);
        EventRepository events(f.ws->db());
        QVERIFY(events.apply({0, people.last().id, 0, SubscriberEventKind::OptOut, {}, EventSource::Sandbox, {}, {}}).has_value());
        QVERIFY(events.apply({0, people[people.size() - 2].id, f.appId, SubscriberEventKind::Unbind, {}, EventSource::Sandbox, {}, {}}).has_value());
        QVERIFY(finished.wait(120000));
        const QJsonObject custom = httpGet(join(f.ws->sandboxUrl(), QStringLiteral("/sandbox/stats"))).json
                                       .value(QStringLiteral("accepted")).toObject().value(QStringLiteral("custom")).toObject();
        QCOMPARE(custom.value(people.last().openid).toInt(), 0);
        QCOMPARE(custom.value(people[people.size() - 2].openid).toInt(), 0);
        QCOMPARE(custom.value(people.first().openid).toInt(), 1);
    }

    void banStopsARunningBroadcast()
    {
        EngineOptions narrow;
        narrow.concurrency = 2;
        Fixture f = makeFixture(narrow);
        QVERIFY(f.ws);
        QList<Person> people;
        for (int i = 0; i < 400; ++i) {
            Person p;
            p.openid = QStringLiteral("oBan%1").arg(i);
            people.append(p);
        }
        addPeople(f, people);
        QCOMPARE(httpPost(join(f.ws->sandboxUrl(), QStringLiteral("/sandbox/admin/faults")), {{QStringLiteral("latency_ms"), 10}}).status, 200);
        auto id = f.ws->createBroadcast(f.appId, f.templateId, {{QStringLiteral("message"), QStringLiteral("hi")}});
        QSignalSpy finished(f.ws->engine(), &BroadcastEngine::finished);
        f.ws->engine()->start(*id);
        QTRY_VERIFY_WITH_TIMEOUT(BroadcastRepository(f.ws->db()).recount(*id)->sent > 5, 30000);
        QVERIFY(PenaltyService(f.ws->db()).ban(f.appId, QStringLiteral("fraud"), QStringLiteral("reviewer")).has_value());
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(2).toString(), QStringLiteral("cancelled"));
        const Counters c = *BroadcastRepository(f.ws->db()).recount(*id);
        QCOMPARE(c.total, qint64(400)); // the whole audience is accounted for ...
        QVERIFY(c.sent < 300);
        QCOMPARE(c.sent + c.skipped, qint64(400)); // ... sent before the ban, or skipped with the reason
        QSqlQuery q(f.ws->db().db());
        // Reasons are stored language-neutral (domain/reasontext.h).
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'skipped' AND reason = ?"));
        q.addBindValue(ReasonText("Eligibility", "the app is banned").encode());
        QVERIFY(q.exec());
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), c.skipped);
        // A banned app cannot start another broadcast.
        auto again = f.ws->createBroadcast(f.appId, f.templateId, {{QStringLiteral("message"), QStringLiteral("hi")}});
        QVERIFY(!again.has_value());
    }

    void contentCheckBlocksHoldsAndPasses()
    {
        Fixture f = makeFixture();
        QVERIFY(f.ws);
        QList<Person> people;
        for (int i = 0; i < 20; ++i) {
            Person p;
            p.openid = QStringLiteral("oCheck%1").arg(i);
            people.append(p);
        }
        addPeople(f, people);
        QCOMPARE(httpPost(join(f.ws->sandboxUrl(), QStringLiteral("/sandbox/admin/seccheck")),
                          {{QStringLiteral("risky"), QJsonArray{QJsonObject{{QStringLiteral("word"), QStringLiteral("casino")}, {QStringLiteral("label"), 20006}}}},
                           {QStringLiteral("review"), QJsonArray{QJsonObject{{QStringLiteral("word"), QStringLiteral("lottery")}, {QStringLiteral("label"), 10001}}}}}).status, 200);
        BlocklistRule rule;
        rule.pattern = QStringLiteral("free\\s+money");
        rule.isRegex = true;
        rule.category = QStringLiteral("fraud");
        QVERIFY(BlocklistRepository(f.ws->db()).add(rule, QStringLiteral("ops")).has_value());
        const auto sentSoFar = [&]() {
            const QJsonObject a = httpGet(join(f.ws->sandboxUrl(), QStringLiteral("/sandbox/stats"))).json.value(QStringLiteral("accepted")).toObject();
            int n = 0;
            for (auto type = a.begin(); type != a.end(); ++type)
                if (type.key() != QLatin1String("msg_sec_check")) // the check itself, not a message
                    for (const auto &v : type.value().toObject())
                        n += v.toInt();
            return n;
        };
        struct Case { const char *message; const char *status; const char *verdict; };
        for (const Case &c : {Case{"Visit our casino tonight", "blocked", "risky"},
                              Case{"Get FREE   money now", "blocked", "risky"},
                              Case{"Join the lottery", "held", "review"}}) {
            auto id = f.ws->createBroadcast(f.appId, f.templateId, {{QStringLiteral("message"), QString::fromLatin1(c.message)}});
            QVERIFY(id.has_value());
            QCOMPARE(finish(*f.ws, *id), QString::fromLatin1(c.status));
            auto b = BroadcastRepository(f.ws->db()).findById(*id);
            QCOMPARE((*b)->checkVerdict, QString::fromLatin1(c.verdict));
            QCOMPARE(sentSoFar(), 0); // invariant 4: nobody received it
        }
        // The held one is approved by resuming it: it goes out.
        QSqlQuery q(f.ws->db().db());
        QVERIFY(q.exec(QStringLiteral("SELECT id FROM broadcasts WHERE status = 'held'")));
        QVERIFY(q.next());
        const qint64 held = q.value(0).toLongLong();
        q.finish(); // an open statement would keep this connection on an old snapshot
        QSignalSpy finished(f.ws->engine(), &BroadcastEngine::finished);
        f.ws->engine()->resume(held);
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.last().at(2).toString(), QStringLiteral("finished"));
        QCOMPARE((*BroadcastRepository(f.ws->db()).findById(held))->checkVerdict, QStringLiteral("approved"));
        QCOMPARE(sentSoFar(), 20);
        // A clean text passes and is sent.
        auto clean = f.ws->createBroadcast(f.appId, f.templateId, {{QStringLiteral("message"), QStringLiteral("Your parcel has shipped")}});
        QCOMPARE(finish(*f.ws, *clean), QStringLiteral("finished"));
        QCOMPARE((*BroadcastRepository(f.ws->db()).findById(*clean))->checkVerdict, QStringLiteral("pass"));
        QCOMPARE(sentSoFar(), 40);
    }
};

QTEST_GUILESS_MAIN(TestSafety)
#include "tst_safety.moc"
