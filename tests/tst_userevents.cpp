// Subscribers act as users do: through the sandbox (a separate `pushdesk sandbox` process), which pushes
// WeChat's XML callbacks to the workspace's receiver, and through the relay's own settings endpoint.
// During a running broadcast, "0", unfollow, mute and reminder "none" take effect for the rest of it:
// the sandbox's per-recipient counts show that nobody received anything after the app had recorded the
// event. The events are stored with their source and audited; "1" resumes. Malformed callbacks are
// refused with a clear answer and change nothing.
#include "audit/auditlog.h"
#include "callback/callbackreceiver.h"
#include "callback/userevents.h"
#include "engine/broadcastengine.h"
#include "processes.h"
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
#include <QUrlQuery>

using namespace pushdesk;
using namespace testsupport;

class TestUserEvents : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<Workspace> m_ws;
    qint64 m_appId = 0;
    qint64 m_templateId = 0;
    const QString m_appid = QStringLiteral("wxusers");
    QStringList m_openids;
    QList<qint64> m_ids;

    qint64 scalar(const QString &sql)
    {
        QSqlQuery q(m_ws->db().db());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    QJsonObject stats() { return httpGet(join(m_sandbox->url(), QStringLiteral("/sandbox/stats"))).json; }

    // WeChat messages the sandbox accepted for openid (customer-service and template).
    static int received(const QJsonObject &stats, const QString &openid)
    {
        const QJsonObject accepted = stats.value(QStringLiteral("accepted")).toObject();
        return accepted.value(QStringLiteral("custom")).toObject().value(openid).toInt()
               + accepted.value(QStringLiteral("template")).toObject().value(openid).toInt();
    }

    HttpResult userMessage(const QString &openid, const QString &content)
    {
        return httpPost(join(m_sandbox->url(), QStringLiteral("/sandbox/user/message")),
                        {{QStringLiteral("appid"), m_appid}, {QStringLiteral("openid"), openid}, {QStringLiteral("content"), content}});
    }

    HttpResult userEvent(const QString &openid, const QString &event)
    {
        return httpPost(join(m_sandbox->url(), QStringLiteral("/sandbox/user/event")),
                        {{QStringLiteral("appid"), m_appid}, {QStringLiteral("openid"), openid}, {QStringLiteral("event"), event}});
    }

    HttpResult relaySetting(const QString &openid, const QString &event, const QString &value = {})
    {
        QUrl url = m_ws->callbackUrl();
        url.setPath(QStringLiteral("/relay/user/settings"));
        return httpPost(url, {{QStringLiteral("appid"), m_appid}, {QStringLiteral("openid"), openid},
                              {QStringLiteral("event"), event}, {QStringLiteral("value"), value}});
    }

    QString runBroadcast(qint64 *idOut = nullptr, const std::function<void(qint64)> &whileRunning = {})
    {
        auto id = m_ws->createBroadcast(m_appId, m_templateId, {{QStringLiteral("message"), QStringLiteral("hi")}});
        if (!id)
            return id.error().message;
        if (idOut)
            *idOut = *id;
        QSignalSpy finished(m_ws->engine(), &BroadcastEngine::finished);
        m_ws->engine()->start(*id);
        if (whileRunning)
            whileRunning(*id);
        while (finished.wait(120000)) {
            for (const auto &args : finished)
                if (args.at(0).toLongLong() == *id)
                    return args.at(2).toString();
        }
        for (const auto &args : finished)
            if (args.at(0).toLongLong() == *id)
                return args.at(2).toString();
        return QStringLiteral("timeout");
    }

private slots:
    void initTestCase()
    {
        m_sandbox = std::make_unique<SandboxProcess>();
        QVERIFY(m_sandbox->isRunning());
        WorkspaceOptions options;
        options.secrets = std::make_shared<MemorySecretStore>();
        options.engine.concurrency = 1; // one row at a time: the broadcast is still running when people act
        options.callbackPort = 0;
        auto ws = Workspace::open(DatabaseConfig::sqlite(m_dir.filePath(QStringLiteral("users.db"))), options);
        QVERIFY2(ws.has_value(), ws ? "" : qPrintable(ws.error().message));
        m_ws = std::move(*ws);
        QVERIFY(m_ws->callbackUrl().isValid());

        App app;
        app.name = QStringLiteral("users");
        app.appid = m_appid;
        app.upstream = m_sandbox->url().toString();
        m_appId = *AppRepository(m_ws->db()).create(app);
        Template t;
        t.appId = m_appId;
        t.name = QStringLiteral("notice");
        t.csText = QStringLiteral("Notice: {{message}}. Reply 0 to stop, 1 to resume.");
        t.wechatTemplateId = QStringLiteral("TPL");
        t.wechatFields = {{QStringLiteral("thing1"), QStringLiteral("{{message}}")}};
        m_templateId = *TemplateRepository(m_ws->db()).create(t);

        // 300 followers, all bound with a strong reminder, all inside the 48-hour window.
        const QDateTime recent = QDateTime::currentDateTime().addSecs(-3600);
        QList<Subscriber> subs;
        QJsonArray followers;
        for (int i = 0; i < 300; ++i) {
            Subscriber s;
            s.mpOpenid = QStringLiteral("oUser%1").arg(i, 3, 10, QLatin1Char('0'));
            s.lastInteraction = recent;
            subs.append(s);
            m_openids.append(s.mpOpenid);
            followers.append(QJsonObject{{QStringLiteral("openid"), s.mpOpenid},
                                         {QStringLiteral("last_interaction"), recent.toSecsSinceEpoch()}});
        }
        QVERIFY(SubscriberRepository(m_ws->db()).createMany(subs).has_value());
        QList<Binding> bindings;
        for (const auto &s : std::as_const(subs)) {
            m_ids.append(s.id);
            Binding b;
            b.subscriberId = s.id;
            b.appId = m_appId;
            bindings.append(b);
        }
        QVERIFY(SubscriberRepository(m_ws->db()).upsertBindings(bindings).has_value());
        QCOMPARE(httpPost(join(m_sandbox->url(), QStringLiteral("/sandbox/admin/apps")), {{QStringLiteral("appid"), m_appid}}).status, 200);
        QCOMPARE(httpPost(join(m_sandbox->url(), QStringLiteral("/sandbox/admin/followers")),
                          {{QStringLiteral("appid"), m_appid}, {QStringLiteral("followers"), followers}}).status, 200);
        // The account's server URL, as an administrator sets it in WeChat's developer settings.
        QCOMPARE(httpPost(join(m_sandbox->url(), QStringLiteral("/sandbox/admin/callbacks")),
                          {{QStringLiteral("appid"), m_appid}, {QStringLiteral("url"), m_ws->callbackUrl().toString()}}).status, 200);
    }

    void cleanupTestCase()
    {
        m_ws.reset();
        m_sandbox.reset();
    }

    void eventsTakeEffectForTheRestOfARunningBroadcast()
    {
        QCOMPARE(httpPost(join(m_sandbox->url(), QStringLiteral("/sandbox/admin/faults")), {{QStringLiteral("latency_ms"), 5}}).status, 200);
        const QString stopper = m_openids.at(299);   // replies "0"
        const QString leaver = m_openids.at(298);    // unfollows the account
        const QString muter = m_openids.at(297);     // mutes the app on the relay's settings page
        const QString silent = m_openids.at(296);    // sets the reminder level to none
        qint64 broadcastId = 0;
        QJsonObject during;
        const QString status = runBroadcast(&broadcastId, [&](qint64 id) {
            QTRY_VERIFY_WITH_TIMEOUT(BroadcastRepository(m_ws->db()).recount(id)->sent > 10, 30000);
            const auto reply = userMessage(stopper, QStringLiteral("0"));
            QCOMPARE(reply.status, 200);
            const QJsonObject callback = reply.json.value(QStringLiteral("callback")).toObject();
            QVERIFY2(callback.value(QStringLiteral("status")).toInt() == 200,
                     qPrintable(callback.value(QStringLiteral("body")).toString()));
            // WeChat shows the account's passive reply to the person.
            QVERIFY(callback.value(QStringLiteral("body")).toString().contains(QStringLiteral("<MsgType><![CDATA[text]]></MsgType>")));
            QVERIFY(callback.value(QStringLiteral("body")).toString().contains(QStringLiteral("Reply 1 to resume")));
            QCOMPARE(userEvent(leaver, QStringLiteral("unsubscribe")).json.value(QStringLiteral("callback")).toObject()
                         .value(QStringLiteral("status")).toInt(), 200);
            QCOMPARE(relaySetting(muter, QStringLiteral("mute")).status, 200);
            QCOMPARE(relaySetting(silent, QStringLiteral("reminder"), QStringLiteral("none")).status, 200);
            during = stats();
            // Still under way: the events arrived in the middle of it.
            QVERIFY(BroadcastRepository(m_ws->db()).findById(id)->value().status == BroadcastStatus::Running);
        });
        QCOMPARE(status, QStringLiteral("finished"));
        const QJsonObject after = stats();

        // Nothing arrived after the app had recorded each event.
        for (const QJsonValue v : after.value(QStringLiteral("user_actions")).toArray()) {
            const QJsonObject action = v.toObject();
            const QString openid = action.value(QStringLiteral("openid")).toString();
            QCOMPARE(action.value(QStringLiteral("callback_status")).toInt(), 200);
            QVERIFY2(received(after, openid) == action.value(QStringLiteral("accepted_when_answered")).toInt(), qPrintable(openid));
        }
        QCOMPARE(after.value(QStringLiteral("user_actions")).toArray().size(), 2);
        for (const QString &openid : {stopper, leaver, muter, silent}) {
            QVERIFY2(received(during, openid) == 0, qPrintable(openid));
            QVERIFY2(received(after, openid) == 0, qPrintable(openid));
        }
        // The relay did not even try the person who unfollowed (the sandbox would answer 43004).
        QCOMPARE(after.value(QStringLiteral("rejected")).toObject().value(QStringLiteral("custom")).toObject()
                     .value(QStringLiteral("43004")).toInt(), 0);
        QCOMPARE(received(after, m_openids.first()), 1);
        QCOMPARE(received(after, m_openids.at(295)), 1);
        // Muted: an inbox message instead of a push. None: nothing at all.
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM inbox_messages WHERE subscriber_id = %1").arg(m_ids.at(297))), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM inbox_messages WHERE subscriber_id = %1").arg(m_ids.at(296))), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE broadcast_id = %1 AND subscriber_id = %2 "
                                       "AND state = 'skipped'").arg(broadcastId).arg(m_ids.at(299))), 1);

        // The events are recorded with their source, and audited as the subscriber's doing.
        QSqlQuery q(m_ws->db().db());
        QVERIFY(q.exec(QStringLiteral("SELECT subscriber_id, kind, value, source FROM subscriber_events ORDER BY id")));
        QStringList events;
        while (q.next())
            events.append(QStringLiteral("%1 %2 %3 %4").arg(m_ids.indexOf(q.value(0).toLongLong())).arg(q.value(1).toString(),
                                                                                                        q.value(2).toString(), q.value(3).toString()));
        QCOMPARE(events, (QStringList{QStringLiteral("299 optout  user"), QStringLiteral("298 unbind  user"),
                                      QStringLiteral("297 mute  user"), QStringLiteral("296 reminder none user")}));
        AuditQuery byUsers;
        byUsers.operatorName = QStringLiteral("subscriber:user");
        byUsers.newestFirst = false;
        auto audited = AuditLog::query(m_ws->db(), byUsers);
        QVERIFY(audited.has_value());
        QCOMPARE(audited->size(), 4);
        QCOMPARE(audited->at(0).action, QString(audit::SubscriberEdit));
        QCOMPARE(audited->at(0).before.value(QStringLiteral("opted_out")).toBool(), false);
        QCOMPARE(audited->at(0).after.value(QStringLiteral("opted_out")).toBool(), true);
        QCOMPARE(audited->at(1).action, QString(audit::BindingEdit));
        QCOMPARE(audited->at(1).before.value(QStringLiteral("state")).toString(), QStringLiteral("active"));
        QCOMPARE(audited->at(1).after.value(QStringLiteral("state")).toString(), QStringLiteral("unbound"));
        QCOMPARE(audited->at(1).after.value(QStringLiteral("source")).toString(), QStringLiteral("user"));

        // "1" resumes: the next broadcast reaches the person again; the one who unfollowed stays away.
        const auto resumed = userMessage(stopper, QStringLiteral("1"));
        QCOMPARE(resumed.json.value(QStringLiteral("callback")).toObject().value(QStringLiteral("status")).toInt(), 200);
        QCOMPARE(scalar(QStringLiteral("SELECT opted_out FROM subscribers WHERE id = %1").arg(m_ids.at(299))), 0);
        QCOMPARE(httpPost(join(m_sandbox->url(), QStringLiteral("/sandbox/admin/faults")), QJsonObject{}).status, 200);
        QCOMPARE(runBroadcast(), QStringLiteral("finished"));
        const QJsonObject second = stats();
        QCOMPARE(received(second, stopper), 1);
        QCOMPARE(received(second, leaver), 0);
        QCOMPARE(received(second, m_openids.first()), 2);
        QCOMPARE(second.value(QStringLiteral("rejected")).toObject().value(QStringLiteral("custom")).toObject()
                     .value(QStringLiteral("43004")).toInt(), 0);
    }

    void followingAgainBindsAndANewFollowerBecomesASubscriber()
    {
        const QString leaver = m_openids.at(298);
        QCOMPARE(userEvent(leaver, QStringLiteral("subscribe")).json.value(QStringLiteral("callback")).toObject()
                     .value(QStringLiteral("status")).toInt(), 200);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM bindings WHERE subscriber_id = %1 AND state = 'active'").arg(m_ids.at(298))), 1);

        const auto fresh = userEvent(QStringLiteral("oNewcomer"), QStringLiteral("subscribe"));
        QCOMPARE(fresh.json.value(QStringLiteral("callback")).toObject().value(QStringLiteral("status")).toInt(), 200);
        auto newcomer = SubscriberRepository(m_ws->db()).findByMpOpenid(QStringLiteral("oNewcomer"));
        QVERIFY(newcomer && *newcomer);
        auto binding = SubscriberRepository(m_ws->db()).binding((*newcomer)->id, m_appId);
        QVERIFY(binding && *binding);
        QVERIFY((*binding)->state == BindingState::Active);
        // Any other message is an interaction: it opens the customer-service window.
        QCOMPARE(userMessage(QStringLiteral("oNewcomer"), QStringLiteral("hello")).json.value(QStringLiteral("callback")).toObject()
                     .value(QStringLiteral("body")).toString(), QStringLiteral("success"));
    }

    void malformedCallbacksChangeNothing()
    {
        const qint64 events = scalar(QStringLiteral("SELECT COUNT(*) FROM subscriber_events"));
        const qint64 audit = scalar(QStringLiteral("SELECT COUNT(*) FROM audit_events"));
        const qint64 subscribers = scalar(QStringLiteral("SELECT COUNT(*) FROM subscribers"));
        const QUrl callback = m_ws->callbackUrl();
        const QByteArray xml = "text/xml";

        auto garbage = httpPostRaw(callback, "<xml><ToUserName>wxusers</ToUserName><FromUser", xml);
        QCOMPARE(garbage.status, 400);
        QVERIFY2(QString::fromUtf8(garbage.body).contains(QStringLiteral("malformed XML")), garbage.body.constData());

        auto notXml = httpPostRaw(callback, "{\"openid\":\"oUser000\"}", "application/json");
        QCOMPARE(notXml.status, 400);
        QVERIFY(QString::fromUtf8(notXml.body).contains(QStringLiteral("<xml>")));

        auto missing = httpPostRaw(callback, "<xml><ToUserName><![CDATA[wxusers]]></ToUserName><CreateTime>1700000000</CreateTime>"
                                             "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[0]]></Content></xml>", xml);
        QCOMPARE(missing.status, 400);
        QVERIFY2(QString::fromUtf8(missing.body).contains(QStringLiteral("FromUserName")), missing.body.constData());

        auto badTime = httpPostRaw(callback, "<xml><ToUserName>wxusers</ToUserName><FromUserName>oUser000</FromUserName>"
                                             "<CreateTime>soon</CreateTime><MsgType>text</MsgType><Content>0</Content></xml>", xml);
        QCOMPARE(badTime.status, 400);
        QVERIFY(QString::fromUtf8(badTime.body).contains(QStringLiteral("CreateTime")));

        auto stranger = httpPostRaw(callback, "<xml><ToUserName>wxusers</ToUserName><FromUserName>oNobody</FromUserName>"
                                              "<CreateTime>1700000000</CreateTime><MsgType>text</MsgType><Content>0</Content></xml>", xml);
        QCOMPARE(stranger.status, 404);
        QVERIFY(QString::fromUtf8(stranger.body).contains(QStringLiteral("oNobody")));

        auto otherApp = httpPostRaw(callback, "<xml><ToUserName>wxother</ToUserName><FromUserName>oUser000</FromUserName>"
                                              "<CreateTime>1700000000</CreateTime><MsgType>text</MsgType><Content>0</Content></xml>", xml);
        QCOMPARE(otherApp.status, 404);
        QVERIFY(QString::fromUtf8(otherApp.body).contains(QStringLiteral("wxother")));

        // An event that cannot apply (muting an app the person never bound) is refused whole.
        auto cannot = relaySetting(QStringLiteral("oNobody"), QStringLiteral("mute"));
        QCOMPARE(cannot.status, 404);
        auto badValue = relaySetting(m_openids.first(), QStringLiteral("reminder"), QStringLiteral("loud"));
        QCOMPARE(badValue.status, 400);
        QVERIFY(badValue.json.value(QStringLiteral("error")).toString().contains(QStringLiteral("strong, weak or none")));
        auto notRelay = relaySetting(m_openids.first(), QStringLiteral("optout"));
        QCOMPARE(notRelay.status, 400);

        // The sandbox refuses what a user cannot do.
        QCOMPARE(userMessage(m_openids.first(), QString()).status, 400);
        QCOMPARE(userMessage(QStringLiteral("oNotAFollower"), QStringLiteral("0")).status, 409);
        QCOMPARE(userEvent(m_openids.first(), QStringLiteral("mute")).status, 400);

        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM subscriber_events")), events);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM audit_events")), audit);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM subscribers")), subscribers);
        QCOMPARE(scalar(QStringLiteral("SELECT opted_out FROM subscribers WHERE id = %1").arg(m_ids.first())), 0);
    }

    // With the account's Token in the keychain, what is not signed with it changes nothing; WeChat's
    // check of the server URL (GET with echostr) passes with the Token only.
    void signedCallbacksAreVerified()
    {
        const QString key = SecretStore::callbackTokenKey(m_appId);
        const QString token = QStringLiteral("s3cret-Token");
        QVERIFY(m_ws->replaceSecret(m_appId, key, token).has_value());
        const QString openid = m_openids.at(2);
        const qint64 events = scalar(QStringLiteral("SELECT COUNT(*) FROM subscriber_events"));
        const QUrl admin = join(m_sandbox->url(), QStringLiteral("/sandbox/admin/callbacks"));
        const QString url = m_ws->callbackUrl().toString();
        const auto callbackStatus = [](const HttpResult &r) {
            return r.json.value(QStringLiteral("callback")).toObject().value(QStringLiteral("status")).toInt();
        };

        // The official account's settings hold another Token: refused, nothing recorded.
        QCOMPARE(httpPost(admin, {{QStringLiteral("appid"), m_appid}, {QStringLiteral("url"), url},
                                  {QStringLiteral("token"), QStringLiteral("another")}}).status, 200);
        const auto forged = userMessage(openid, QStringLiteral("0"));
        QCOMPARE(callbackStatus(forged), 403);
        QVERIFY(forged.json.value(QStringLiteral("callback")).toObject().value(QStringLiteral("body")).toString()
                    .contains(QStringLiteral("does not match")));
        // Not signed at all: refused too.
        const QByteArray xml = "<xml><ToUserName>wxusers</ToUserName><FromUserName>" + openid.toUtf8()
                               + "</FromUserName><CreateTime>1700000000</CreateTime><MsgType>text</MsgType><Content>0</Content></xml>";
        QCOMPARE(httpPostRaw(m_ws->callbackUrl(), xml, "text/xml").status, 403);
        QCOMPARE(scalar(QStringLiteral("SELECT opted_out FROM subscribers WHERE id = %1").arg(m_ids.at(2))), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM subscriber_events")), events);

        // The same Token on both sides: taken.
        QCOMPARE(httpPost(admin, {{QStringLiteral("appid"), m_appid}, {QStringLiteral("url"), url}, {QStringLiteral("token"), token}}).status, 200);
        QCOMPARE(callbackStatus(userMessage(openid, QStringLiteral("0"))), 200);
        QCOMPARE(scalar(QStringLiteral("SELECT opted_out FROM subscribers WHERE id = %1").arg(m_ids.at(2))), 1);
        QCOMPARE(callbackStatus(userMessage(openid, QStringLiteral("1"))), 200);
        QCOMPARE(scalar(QStringLiteral("SELECT opted_out FROM subscribers WHERE id = %1").arg(m_ids.at(2))), 0);

        // WeChat's check of the server URL.
        const auto check = [&](const QString &withToken, const QString &appid) {
            QUrl u = m_ws->callbackUrl();
            QUrlQuery q;
            const QString timestamp = QString::number(QDateTime::currentSecsSinceEpoch());
            const QString nonce = QStringLiteral("82937461");
            q.addQueryItem(QStringLiteral("appid"), appid);
            q.addQueryItem(QStringLiteral("signature"), CallbackSignature::compute(withToken, timestamp, nonce));
            q.addQueryItem(QStringLiteral("timestamp"), timestamp);
            q.addQueryItem(QStringLiteral("nonce"), nonce);
            q.addQueryItem(QStringLiteral("echostr"), QStringLiteral("5217349981"));
            u.setQuery(q);
            return httpGet(u);
        };
        const auto passed = check(token, m_appid);
        QCOMPARE(passed.status, 200);
        QCOMPARE(passed.body, QByteArray("5217349981"));
        QCOMPARE(check(QStringLiteral("another"), m_appid).status, 403);
        QCOMPARE(check(token, QString()).status, 400);
        QCOMPARE(check(token, QStringLiteral("wxother")).status, 404);

        // Without a Token the app's callbacks are taken unverified (as for the other tests here), and the
        // server URL check cannot pass.
        QVERIFY(m_ws->secrets().remove(key).has_value());
        QCOMPARE(check(token, m_appid).status, 403);
        QCOMPARE(httpPost(admin, {{QStringLiteral("appid"), m_appid}, {QStringLiteral("url"), url}}).status, 200);
    }

    void parserReadsWechatsFormat()
    {
        auto cb = UserEvents::parse("<xml><ToUserName><![CDATA[gh_123]]></ToUserName><FromUserName><![CDATA[oX]]></FromUserName>"
                                    "<CreateTime>1348831860</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                                    "<Event><![CDATA[unsubscribe]]></Event></xml>");
        QVERIFY(cb.has_value());
        QCOMPARE(cb->toUser, QStringLiteral("gh_123"));
        QCOMPARE(cb->fromUser, QStringLiteral("oX"));
        QCOMPARE(cb->event, QStringLiteral("unsubscribe"));
        QCOMPARE(cb->created.toSecsSinceEpoch(), qint64(1348831860));
        QVERIFY(!UserEvents::parse("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime>"
                                   "<MsgType>event</MsgType></xml>").has_value()); // an event without Event
        QVERIFY(!UserEvents::parse("<xml></xml><xml></xml>").has_value());
        QVERIFY(!UserEvents::parse("").has_value());
    }

    void workerHostsTheReceiver()
    {
        const quint16 port = freePort();
        QProcess worker;
        worker.start(pushdeskBinary(), {QStringLiteral("worker"), QStringLiteral("--db"), m_dir.filePath(QStringLiteral("users.db")),
                                        QStringLiteral("--callback-port"), QString::number(port)});
        QVERIFY(worker.waitForStarted(30000));
        QString said;
        QTRY_VERIFY_WITH_TIMEOUT((said += QString::fromUtf8(worker.readAllStandardError())).contains(QStringLiteral("receiving user messages")), 30000);
        QVERIFY2(said.contains(QStringLiteral(":%1/wechat/callback").arg(port)), qPrintable(said));
        const QString openid = m_openids.at(1);
        const QByteArray xml = "<xml><ToUserName><![CDATA[wxusers]]></ToUserName><FromUserName><![CDATA[" + openid.toUtf8()
                               + "]]></FromUserName><CreateTime>" + QByteArray::number(QDateTime::currentSecsSinceEpoch())
                               + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[0]]></Content></xml>";
        const auto answer = httpPostRaw(QUrl(QStringLiteral("http://127.0.0.1:%1/wechat/callback").arg(port)), xml, "text/xml");
        QCOMPARE(answer.status, 200);
        QCOMPARE(scalar(QStringLiteral("SELECT opted_out FROM subscribers WHERE id = %1").arg(m_ids.at(1))), 1);
        worker.terminate();
        QVERIFY(worker.waitForFinished(30000));
        QCOMPARE(worker.exitCode(), 0);
    }

    void builtInSandboxIsWiredToTheReceiver()
    {
        WorkspaceOptions options;
        options.secrets = std::make_shared<MemorySecretStore>();
        options.alwaysSandbox = true;
        options.startEngine = false;
        auto ws = Workspace::open(DatabaseConfig::sqlite(m_dir.filePath(QStringLiteral("builtin.db"))), options);
        QVERIFY(ws.has_value());
        QVERIFY((*ws)->callbackUrl().isValid());
        const auto callbacks = httpGet(join((*ws)->sandboxUrl(), QStringLiteral("/sandbox/admin/callbacks")));
        QCOMPARE(callbacks.json.value(QStringLiteral("default")).toString(), (*ws)->callbackUrl().toString());
        App app;
        app.name = QStringLiteral("builtin");
        app.appid = QStringLiteral("wxbuiltin");
        const qint64 appId = *AppRepository((*ws)->db()).create(app);
        Subscriber s;
        s.mpOpenid = QStringLiteral("oBuiltin");
        const qint64 sid = *SubscriberRepository((*ws)->db()).create(s);
        Binding b;
        b.subscriberId = sid;
        b.appId = appId;
        QVERIFY(SubscriberRepository((*ws)->db()).upsertBinding(b).has_value());
        const QUrl sandbox = (*ws)->sandboxUrl();
        QCOMPARE(httpPost(join(sandbox, QStringLiteral("/sandbox/admin/apps")), {{QStringLiteral("appid"), app.appid}}).status, 200);
        QCOMPARE(httpPost(join(sandbox, QStringLiteral("/sandbox/admin/followers")),
                          {{QStringLiteral("appid"), app.appid},
                           {QStringLiteral("followers"), QJsonArray{QJsonObject{{QStringLiteral("openid"), s.mpOpenid}}}}}).status, 200);
        QSignalSpy recorded((*ws)->callbacks(), &CallbackHost::eventRecorded);
        const auto reply = httpPost(join(sandbox, QStringLiteral("/sandbox/user/message")),
                                    {{QStringLiteral("appid"), app.appid}, {QStringLiteral("openid"), s.mpOpenid}, {QStringLiteral("content"), QStringLiteral("0")}});
        QCOMPARE(reply.json.value(QStringLiteral("callback")).toObject().value(QStringLiteral("status")).toInt(), 200);
        QTRY_COMPARE(recorded.size(), 1);
        QCOMPARE(recorded.first().at(1).toString(), QStringLiteral("optout"));
        QSqlQuery q((*ws)->db().db());
        QVERIFY(q.exec(QStringLiteral("SELECT opted_out FROM subscribers WHERE mp_openid = 'oBuiltin'")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        q.finish();
        // The built-in sandbox signs with its own Token, which the receiver knows: a request without that
        // signature is refused, though the app has no Token of its own.
        const QByteArray unsigned_ = "<xml><ToUserName>wxbuiltin</ToUserName><FromUserName>oBuiltin</FromUserName>"
                                     "<CreateTime>1700000000</CreateTime><MsgType>text</MsgType><Content>1</Content></xml>";
        QCOMPARE(httpPostRaw((*ws)->callbackUrl(), unsigned_, "text/xml").status, 403);
        QVERIFY(q.exec(QStringLiteral("SELECT opted_out FROM subscribers WHERE mp_openid = 'oBuiltin'")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        q.finish();
        // A Token the operator gives the app (Apps page) is the one both sides use from then on.
        QVERIFY((*ws)->replaceSecret(appId, SecretStore::callbackTokenKey(appId), QStringLiteral("operator-Token")).has_value());
        const auto resumed = httpPost(join(sandbox, QStringLiteral("/sandbox/user/message")),
                                      {{QStringLiteral("appid"), app.appid}, {QStringLiteral("openid"), s.mpOpenid}, {QStringLiteral("content"), QStringLiteral("1")}});
        QCOMPARE(resumed.json.value(QStringLiteral("callback")).toObject().value(QStringLiteral("status")).toInt(), 200);
        QVERIFY(q.exec(QStringLiteral("SELECT opted_out FROM subscribers WHERE mp_openid = 'oBuiltin'")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestUserEvents)
#include "tst_userevents.moc"
