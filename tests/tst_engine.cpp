// The engine end to end against the built-in sandbox, with the demo's realistic audience of 1,000.
#include "demo/demodata.h"
#include "engine/broadcastengine.h"
#include "secrets/secretstore.h"
#include "store/apprepository.h"
#include "store/broadcastrepository.h"
#include "store/subscriberrepository.h"
#include "testsupport.h"
#include "workspace.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace pushdesk;

namespace {
struct Expected {
    bool following = true;
    qint64 lastInteractionSecs = 0;
};
} // namespace

class TestEngine : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    DemoSummary m_demo;

    std::unique_ptr<Workspace> openWorkspace(const QString &name, EngineOptions engine = {})
    {
        WorkspaceOptions options;
        options.secrets = std::make_shared<MemorySecretStore>();
        options.alwaysSandbox = true;
        options.engine = engine;
        auto ws = Workspace::open(DatabaseConfig::sqlite(m_dir.filePath(name)), options);
        if (!ws)
            qWarning() << ws.error().message;
        return ws ? std::move(*ws) : nullptr;
    }

    // Runs a broadcast to the end and returns its final status.
    QString runBroadcast(Workspace &ws, qint64 id, QList<DeliveryFailure> *failures = nullptr,
                         QList<BroadcastProgress> *progress = nullptr)
    {
        QSignalSpy finished(ws.engine(), &BroadcastEngine::finished);
        if (failures)
            connect(ws.engine(), &BroadcastEngine::deliveryFailed, this, [failures](const DeliveryFailure &f) { failures->append(f); });
        if (progress)
            connect(ws.engine(), &BroadcastEngine::progress, this, [progress](const BroadcastProgress &p) { progress->append(p); });
        ws.engine()->start(id);
        if (!finished.wait(120000))
            return QStringLiteral("timeout");
        disconnect(ws.engine(), nullptr, this, nullptr);
        return finished.first().at(2).toString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ws = openWorkspace(QStringLiteral("engine.db"));
        QVERIFY(m_ws);
        DemoOptions demo;
        demo.subscribers = 1000;
        auto summary = DemoData::create(m_ws->db(), demo);
        QVERIFY2(summary.has_value(), summary ? "" : qPrintable(summary.error().message));
        m_demo = *summary;
        QVERIFY(m_demo.sandbox.apply(m_ws->sandboxUrl()).has_value());
    }

    void broadcastMatchesSandboxExactly()
    {
        Workspace &ws = *m_ws;
        auto app = AppRepository(ws.db()).findByName(QStringLiteral("demo"));
        QVERIFY(app && *app);
        auto tmpl = TemplateRepository(ws.db()).findByName((*app)->id, QStringLiteral("welcome"));
        QVERIFY(tmpl && *tmpl);
        QVERIFY(testsupport::httpPost(testsupport::join(ws.sandboxUrl(), QStringLiteral("/sandbox/admin/reset")), {}).status == 200);

        auto id = ws.createBroadcast((*app)->id, (*tmpl)->id, {});
        QVERIFY(id.has_value());
        QList<DeliveryFailure> failures;
        QList<BroadcastProgress> progress;
        QCOMPARE(runBroadcast(ws, *id, &failures, &progress), QStringLiteral("finished"));

        // What the sandbox accepted.
        const auto stats = testsupport::httpGet(testsupport::join(ws.sandboxUrl(), QStringLiteral("/sandbox/stats")));
        QCOMPARE(stats.status, 200);
        const QJsonObject accepted = stats.json.value(QStringLiteral("accepted")).toObject();
        const QJsonObject custom = accepted.value(QStringLiteral("custom")).toObject();
        const QJsonObject templ = accepted.value(QStringLiteral("template")).toObject();
        const QJsonObject bark = accepted.value(QStringLiteral("bark")).toObject();
        // The access token was fetched once and reused.
        QCOMPARE(stats.json.value(QStringLiteral("tokens_issued")).toInt(), 1);

        // What the seed says about each follower.
        QHash<QString, Expected> follower;
        const QJsonArray followers = m_demo.sandbox.toJson()
                                         .value(QStringLiteral("followers")).toObject()
                                         .value((*app)->appid).toArray();
        for (const auto &f : followers) {
            const QJsonObject o = f.toObject();
            follower.insert(o.value(QStringLiteral("openid")).toString(),
                            Expected{o.value(QStringLiteral("following")).toBool(),
                                     qint64(o.value(QStringLiteral("last_interaction")).toDouble())});
        }

        // Walk every delivery row and hold it against the sandbox and the audience.
        QSqlQuery q(ws.db().db());
        QVERIFY(q.exec(QStringLiteral(
            "SELECT d.channel, d.state, d.route, d.errcode, s.mp_openid, s.bark_key, s.opted_out, b.state, b.reminder "
            "FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id "
            "LEFT JOIN bindings b ON b.subscriber_id = s.id AND b.app_id = %1 WHERE d.broadcast_id = %2")
                              .arg((*app)->id)
                              .arg(*id)));
        int rows = 0, sentCustom = 0, sentTemplate = 0, sentBark = 0, failed = 0, skipped = 0, inbox = 0;
        const qint64 windowStart = QDateTime::currentSecsSinceEpoch() - 48 * 3600;
        QSet<QString> audienceOpenids, audienceKeys;
        while (q.next()) {
            ++rows;
            const QString channel = q.value(0).toString(), state = q.value(1).toString(), route = q.value(2).toString();
            const QString openid = q.value(4).toString(), key = q.value(5).toString();
            // Nobody outside the audience has a row at all: blocked, unbound and "none" get nothing.
            const QString bstate = q.value(7).toString(), reminder = q.value(8).toString();
            QVERIFY2(bstate == QLatin1String("active") || bstate == QLatin1String("muted"), qPrintable(bstate));
            QVERIFY2(reminder == QLatin1String("strong") || reminder == QLatin1String("weak"), qPrintable(reminder));
            if (q.value(6).toInt() != 0) {
                QCOMPARE(state, QStringLiteral("skipped")); // opted out: never pushed
                ++skipped;
                continue;
            }
            if (bstate == QLatin1String("muted") || reminder == QLatin1String("weak")) {
                // Do-not-disturb and weak reminders: an inbox message, never a push.
                QCOMPARE(state, QStringLiteral("inbox"));
                QCOMPARE(custom.value(openid).toInt() + templ.value(openid).toInt(), 0);
                QCOMPARE(bark.value(key).toInt(), 0);
                ++inbox;
                continue;
            }
            if (channel == QLatin1String("wechat")) {
                audienceOpenids.insert(openid);
                const Expected e = follower.value(openid);
                if (!e.following) {
                    QCOMPARE(state, QStringLiteral("failed"));
                    QCOMPARE(q.value(3).toInt(), 43004);
                    ++failed;
                    continue;
                }
                QCOMPARE(state, QStringLiteral("sent"));
                const bool inWindow = e.lastInteractionSecs > windowStart;
                // The fallback is taken exactly for those outside the 48-hour window.
                QCOMPARE(route, inWindow ? QStringLiteral("custom") : QStringLiteral("template"));
                QCOMPARE((inWindow ? custom : templ).value(openid).toInt(), 1);
                QCOMPARE((inWindow ? templ : custom).value(openid).toInt(), 0);
                inWindow ? ++sentCustom : ++sentTemplate;
            } else {
                QCOMPARE(channel, QStringLiteral("bark"));
                audienceKeys.insert(key);
                if (state == QLatin1String("sent")) {
                    QCOMPARE(bark.value(key).toInt(), 1);
                    ++sentBark;
                } else {
                    QCOMPARE(state, QStringLiteral("failed")); // a stale device key
                    QCOMPARE(bark.value(key).toInt(), 0);
                    ++failed;
                }
            }
        }
        QVERIFY(rows > 500);
        QVERIFY(sentCustom > 100);
        QVERIFY(sentTemplate > 100);
        QVERIFY(sentBark > 50);
        QVERIFY(failed > 0);
        QVERIFY(skipped > 0);
        QVERIFY(inbox > 0);
        // The sandbox received nothing beyond the delivery log: same totals, nobody else.
        auto sum = [](const QJsonObject &o) { int n = 0; for (const auto &v : o) n += v.toInt(); return n; };
        QCOMPARE(sum(custom), sentCustom);
        QCOMPARE(sum(templ), sentTemplate);
        QCOMPARE(sum(bark), sentBark);
        for (auto it = custom.begin(); it != custom.end(); ++it)
            QVERIFY2(audienceOpenids.contains(it.key()), qPrintable(it.key()));
        for (auto it = templ.begin(); it != templ.end(); ++it)
            QVERIFY2(audienceOpenids.contains(it.key()), qPrintable(it.key()));
        for (auto it = bark.begin(); it != bark.end(); ++it)
            QVERIFY2(audienceKeys.contains(it.key()), qPrintable(it.key()));

        // Every audience member has one row per preferred channel.
        QSqlQuery expected(ws.db().db());
        QVERIFY(expected.exec(QStringLiteral("SELECT SUM(CASE WHEN b.channels LIKE '%bark%' AND b.state = 'active' AND "
                                             "b.reminder = 'strong' AND s.opted_out = 0 THEN 2 "
                                             "WHEN b.channels LIKE '%bark%' AND s.opted_out = 1 THEN 2 ELSE 1 END) "
                                             "FROM bindings b JOIN subscribers s ON s.id = b.subscriber_id "
                                             "WHERE b.app_id = %1 AND b.state IN ('active', 'muted') AND b.reminder IN ('strong', 'weak')")
                                  .arg((*app)->id)));
        QVERIFY(expected.next());
        QCOMPARE(rows, expected.value(0).toInt());

        // Counters, failures reported, and progress that reached the end.
        auto b = BroadcastRepository(ws.db()).findById(*id);
        QVERIFY(b && *b);
        QVERIFY((*b)->status == BroadcastStatus::Finished);
        QCOMPARE((*b)->counters.sent, qint64(sentCustom + sentTemplate + sentBark));
        QCOMPARE((*b)->counters.failed, qint64(failed));
        QCOMPARE((*b)->counters.skipped, qint64(skipped));
        QCOMPARE((*b)->counters.inbox, qint64(inbox));
        QSqlQuery inboxRows(ws.db().db());
        QVERIFY(inboxRows.exec(QStringLiteral("SELECT COUNT(*) FROM inbox_messages WHERE broadcast_id = %1").arg(*id)));
        QVERIFY(inboxRows.next());
        QCOMPARE(inboxRows.value(0).toInt(), inbox);
        QCOMPARE((*b)->counters.total, qint64(rows));
        QCOMPARE(failures.size(), failed);
        for (const auto &f : failures)
            QVERIFY(!f.reason.isEmpty());
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().counters.done(), qint64(rows));
        QCOMPARE(progress.last().expected, qint64(rows));
        // Throttled: far fewer progress signals than rows.
        QVERIFY(progress.size() < rows / 4);
    }

    void missingVariableIsRefused()
    {
        auto app = AppRepository(m_ws->db()).findByName(QStringLiteral("demo"));
        auto tmpl = TemplateRepository(m_ws->db()).findByName((*app)->id, QStringLiteral("order_shipped"));
        QVERIFY(tmpl && *tmpl);
        auto id = m_ws->createBroadcast((*app)->id, (*tmpl)->id, {{QStringLiteral("order"), QStringLiteral("A-1")}});
        QVERIFY(!id.has_value());
        QVERIFY(id.error().message.contains(QStringLiteral("eta")));
    }

    void cancelStopsTheBroadcast()
    {
        EngineOptions slow;
        slow.concurrency = 2;
        auto ws = openWorkspace(QStringLiteral("cancel.db"), slow);
        QVERIFY(ws);
        DemoOptions demo;
        demo.subscribers = 400;
        auto summary = DemoData::create(ws->db(), demo);
        QVERIFY(summary.has_value());
        QVERIFY(summary->sandbox.apply(ws->sandboxUrl()).has_value());
        auto app = AppRepository(ws->db()).findByName(QStringLiteral("demo"));
        auto tmpl = TemplateRepository(ws->db()).findByName((*app)->id, QStringLiteral("welcome"));
        auto id = ws->createBroadcast((*app)->id, (*tmpl)->id, {});
        QVERIFY(id.has_value());
        QSignalSpy finished(ws->engine(), &BroadcastEngine::finished);
        QSignalSpy progress(ws->engine(), &BroadcastEngine::progress);
        ws->engine()->start(*id);
        QVERIFY(progress.wait(30000));
        ws->engine()->cancel(*id);
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(2).toString(), QStringLiteral("cancelled"));
        auto counters = BroadcastRepository(ws->db()).recount(*id);
        QVERIFY(counters.has_value());
        QCOMPARE(counters->uncertain, qint64(0));
        // Nothing is left in flight, and not everybody was sent.
        QSqlQuery q(ws->db().db());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'in_flight'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY(counters->sent < 300);
    }

    void unreachableUpstreamStopsWithOneClearReason()
    {
        auto ws = openWorkspace(QStringLiteral("down.db"));
        QVERIFY(ws);
        App app;
        app.name = QStringLiteral("down");
        app.appid = QStringLiteral("wxdown");
        app.upstream = QStringLiteral("http://127.0.0.1:1"); // nothing listens on port 1
        auto appId = AppRepository(ws->db()).create(app);
        QVERIFY(appId.has_value());
        Template t;
        t.appId = *appId;
        t.name = QStringLiteral("t");
        t.csText = QStringLiteral("hi");
        auto tid = TemplateRepository(ws->db()).create(t);
        Subscriber s;
        s.mpOpenid = QStringLiteral("o1");
        auto sid = SubscriberRepository(ws->db()).create(s);
        Binding b;
        b.subscriberId = *sid;
        b.appId = *appId;
        QVERIFY(SubscriberRepository(ws->db()).upsertBinding(b).has_value());
        auto id = ws->createBroadcast(*appId, *tid, {});
        QVERIFY(id.has_value());
        QSignalSpy errors(ws->engine(), &BroadcastEngine::broadcastError);
        // Paused, not failed: nobody was tried, and it resumes once the upstream is up.
        QCOMPARE(runBroadcast(*ws, *id), QStringLiteral("paused"));
        QCOMPARE(errors.size(), 1);
        const QString message = errors.first().at(1).toString();
        QVERIFY2(message.contains(QStringLiteral("pushdesk sandbox --port 1")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("resume")), qPrintable(message));
        auto stored = BroadcastRepository(ws->db()).findById(*id);
        QVERIFY((*stored)->status == BroadcastStatus::Paused);
        QCOMPARE((*stored)->counters.sent, qint64(0));
        QCOMPARE((*stored)->counters.failed, qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
