// Every channel against its sandbox endpoint or a real server, and every upstream errcode mapped to its
// action (upstream-apis.md): mini-program subscribe messages and the form_id credit pool, ntfy, signed
// webhooks, e-mail over SMTP (a real aiosmtpd server), and WeChat's error table.
#include "domain/reasontext.h"
#include "engine/broadcastcontrol.h"
#include "engine/channelrequest.h"
#include "engine/broadcastengine.h"
#include "engine/upstreamreply.h"
#include "secrets/secretstore.h"
#include "store/apprepository.h"
#include "store/broadcastrepository.h"
#include "store/creditrepository.h"
#include "store/subscriberrepository.h"
#include "processes.h"
#include "testsupport.h"
#include "workspace.h"

#include <QDir>
#include <atomic>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace pushdesk;
using namespace testsupport;

// Session memory that can play a locked keychain: reads fail while `locked`.
class LockableSecretStore : public MemorySecretStore {
public:
    std::atomic_bool locked = false;
    Result<std::optional<QString>> read(const QString &key) override
    {
        if (locked)
            return fail(QStringLiteral("The keychain is locked."));
        return MemorySecretStore::read(key);
    }
};

class TestChannels : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    std::shared_ptr<LockableSecretStore> m_secrets = std::make_shared<LockableSecretStore>();
    qint64 m_appId = 0;
    const QString m_appid = QStringLiteral("wxchannels00001");
    int m_dbCount = 0;

    QUrl admin(const QString &path) const { return join(m_ws->sandboxUrl(), QStringLiteral("/sandbox/admin/") + path); }

    qint64 addTemplate(const Template &base)
    {
        Template t = base;
        t.appId = m_appId;
        t.name = QStringLiteral("t%1").arg(QDateTime::currentMSecsSinceEpoch()) + QString::number(++m_dbCount);
        return *TemplateRepository(m_ws->db()).create(t);
    }

    qint64 addSubscriber(Subscriber s, QList<Channel> channels)
    {
        auto id = SubscriberRepository(m_ws->db()).create(s);
        Binding b;
        b.subscriberId = *id;
        b.appId = m_appId;
        b.channels = channels;
        SubscriberRepository(m_ws->db()).upsertBinding(b);
        return *id;
    }

    // Unbinds everybody, so that each test's broadcast reaches only its own subscribers.
    void unbindAll()
    {
        QSqlQuery q(m_ws->db().db());
        QVERIFY(q.exec(QStringLiteral("UPDATE bindings SET state = 'unbound'")));
    }

    // approved: the operator approved the text beforehand (the injected faults would fail msg_sec_check too).
    QString run(qint64 templateId, QList<DeliveryFailure> *failures = nullptr, bool approved = false)
    {
        auto id = m_ws->createBroadcast(m_appId, templateId, {});
        if (!id)
            return id.error().message;
        if (approved)
            BroadcastRepository(m_ws->db()).setCheck(*id, QStringLiteral("approved"), {}, {});
        QSignalSpy finished(m_ws->engine(), &BroadcastEngine::finished);
        if (failures)
            connect(m_ws->engine(), &BroadcastEngine::deliveryFailed, this, [failures](const DeliveryFailure &f) { failures->append(f); });
        m_ws->engine()->start(*id);
        const bool ok = finished.wait(60000);
        disconnect(m_ws->engine(), &BroadcastEngine::deliveryFailed, this, nullptr);
        m_lastBroadcast = *id;
        return ok ? finished.last().at(2).toString() : QStringLiteral("timeout");
    }
    qint64 m_lastBroadcast = 0;

    Delivery deliveryOf(qint64 subscriberId)
    {
        const auto all = BroadcastRepository(m_ws->db()).deliveries(m_lastBroadcast);
        for (const auto &d : *all)
            if (d.subscriberId == subscriberId)
                return d;
        return {};
    }

    // These openids follow the sandbox app appid and have just interacted (inside the 48-hour window).
    bool followNow(const QString &appid, const QStringList &openids)
    {
        QJsonArray followers;
        for (const QString &openid : openids)
            followers.append(QJsonObject{{QStringLiteral("openid"), openid},
                                         {QStringLiteral("last_interaction"), QDateTime::currentSecsSinceEpoch()}});
        return httpPost(admin(QStringLiteral("followers")), {{QStringLiteral("appid"), appid}, {QStringLiteral("followers"), followers}}).status == 200;
    }

    // A new sandbox app (so no token of it is cached yet) with these followers inside the window, made the app of the
    // next broadcasts; the previous app, or 0 when the sandbox refused.
    qint64 useNewApp(const QString &appid, const QStringList &openids)
    {
        if (httpPost(admin(QStringLiteral("apps")), {{QStringLiteral("appid"), appid}}).status != 200 || !followNow(appid, openids))
            return 0;
        App app;
        app.name = appid;
        app.appid = appid;
        app.upstream = QStringLiteral("sandbox");
        return std::exchange(m_appId, *AppRepository(m_ws->db()).create(app));
    }

    // Resumes the last broadcast and waits until the engine stops it again: its status.
    QString resumeLast()
    {
        QSignalSpy finished(m_ws->engine(), &BroadcastEngine::finished);
        m_ws->engine()->resume(m_lastBroadcast);
        return finished.wait(60000) ? finished.last().at(2).toString() : QStringLiteral("timeout");
    }

    int accepted(const QString &type, const QString &recipient)
    {
        const auto stats = httpGet(join(m_ws->sandboxUrl(), QStringLiteral("/sandbox/stats")));
        return stats.json.value(QStringLiteral("accepted")).toObject().value(type).toObject().value(recipient).toInt();
    }

private slots:
    void initTestCase()
    {
        WorkspaceOptions options;
        options.secrets = m_secrets;
        options.alwaysSandbox = true;
        options.engine.backoffBaseMs = 20; // quick retries: the bounds are what is tested
        options.engine.minuteQuotaWaitMs = 40; // 45011's "next minute", shortened (retryPolicyWaits checks the real one)
        options.engine.busyBackoffBaseMs = 20; // -1's 1 s, likewise
        auto ws = Workspace::open(DatabaseConfig::sqlite(m_dir.filePath(QStringLiteral("channels.db"))), options);
        QVERIFY(ws.has_value());
        m_ws = std::move(*ws);
        App app;
        app.name = QStringLiteral("channels");
        app.appid = m_appid;
        app.upstream = QStringLiteral("sandbox");
        m_appId = *AppRepository(m_ws->db()).create(app);
        QCOMPARE(httpPost(admin(QStringLiteral("apps")), {{QStringLiteral("appid"), m_appid}}).status, 200);
    }

    void init() { unbindAll(); }

    void subscribeMessageSpendsAGrant()
    {
        QCOMPARE(httpPost(admin(QStringLiteral("followers")),
                          {{QStringLiteral("appid"), m_appid},
                           {QStringLiteral("followers"), QJsonArray{QJsonObject{{QStringLiteral("openid"), QStringLiteral("mA")}},
                                                                    QJsonObject{{QStringLiteral("openid"), QStringLiteral("mB")}},
                                                                    QJsonObject{{QStringLiteral("openid"), QStringLiteral("mC")}}}}}).status, 200);
        QCOMPARE(httpPost(admin(QStringLiteral("grants")), {{QStringLiteral("appid"), m_appid}, {QStringLiteral("openid"), QStringLiteral("mA")},
                                                             {QStringLiteral("template_id"), QStringLiteral("SUB1")}, {QStringLiteral("count"), 1}}).status, 200);
        Template t;
        t.subscribeTemplateId = QStringLiteral("SUB1");
        t.subscribeFields = {{QStringLiteral("thing1"), QStringLiteral("Order shipped")}};
        t.barkTitle = QStringLiteral("x");
        const qint64 tid = addTemplate(t);
        Subscriber a, b, c;
        a.miniOpenid = QStringLiteral("mA");
        b.miniOpenid = QStringLiteral("mB");
        c.miniOpenid = QStringLiteral("mC");
        const qint64 ia = addSubscriber(a, {Channel::MiniProgram});
        const qint64 ib = addSubscriber(b, {Channel::MiniProgram});
        const qint64 ic = addSubscriber(c, {Channel::MiniProgram});
        CreditRepository credits(m_ws->db());
        QVERIFY(credits.add({0, ia, m_appId, CreditKind::Subscribe, {}, QStringLiteral("SUB1"), 1, {}}).has_value());
        QVERIFY(credits.add({0, ic, m_appId, CreditKind::Subscribe, {}, QStringLiteral("SUB1"), 1, {}}).has_value()); // upstream has none
        QCOMPARE(run(tid), QStringLiteral("finished"));
        QCOMPARE(toString(deliveryOf(ia).state), QStringLiteral("sent"));
        QCOMPARE(deliveryOf(ia).route, QStringLiteral("subscribe"));
        QCOMPARE(accepted(QStringLiteral("subscribe"), QStringLiteral("mA")), 1);
        QCOMPARE(toString(deliveryOf(ib).state), QStringLiteral("skipped"));
        QVERIFY(deliveryOf(ib).reason.contains(QStringLiteral("no send credit")));
        QCOMPARE(toString(deliveryOf(ic).state), QStringLiteral("failed"));
        QCOMPARE(deliveryOf(ic).errcode, 43101);
        // Spent and refused grants have no uses left.
        const auto spent = credits.of(ia);
        QVERIFY(spent.has_value() && !spent->isEmpty());
        for (const auto &cr : *spent)
            QCOMPARE(cr.usesLeft, 0);
        const auto refused = credits.of(ic);
        QVERIFY(refused.has_value() && !refused->isEmpty());
        for (const auto &cr : *refused)
            QCOMPARE(cr.usesLeft, 0);
    }

    void refusedSubscribeFallsBackToCustomerService()
    {
        // upstream-apis.md §4b, 43101: drop; a customer-service message if the person is inside the window. One row,
        // two attempts: mW wrote to the mini-program an hour ago and gets the text; mOld did not, and the refusal is
        // what the log keeps.
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QCOMPARE(httpPost(admin(QStringLiteral("followers")),
                          {{QStringLiteral("appid"), m_appid},
                           {QStringLiteral("followers"), QJsonArray{QJsonObject{{QStringLiteral("openid"), QStringLiteral("mW")}, {QStringLiteral("last_interaction"), now - 3600}},
                                                                    QJsonObject{{QStringLiteral("openid"), QStringLiteral("mOld")}, {QStringLiteral("last_interaction"), now - 5 * 86400}}}}}).status, 200);
        Template t;
        t.subscribeTemplateId = QStringLiteral("SUBREFUSED");
        t.subscribeFields = {{QStringLiteral("thing1"), QStringLiteral("Order shipped")}};
        t.csText = QStringLiteral("Your order has shipped.");
        const qint64 tid = addTemplate(t);
        CreditRepository credits(m_ws->db());
        QList<qint64> ids;
        for (const char *openid : {"mW", "mOld"}) {
            Subscriber s;
            s.miniOpenid = QLatin1String(openid);
            s.mpOpenid = QStringLiteral("oa-") + QLatin1String(openid); // never used for this channel
            ids.append(addSubscriber(s, {Channel::MiniProgram}));
            // Pushdesk holds a grant the upstream no longer has (consent used up elsewhere): 43101.
            QVERIFY(credits.add({0, ids.last(), m_appId, CreditKind::Subscribe, {}, QStringLiteral("SUBREFUSED"), 1, {}}).has_value());
        }
        QCOMPARE(run(tid), QStringLiteral("finished"));
        const Delivery inWindow = deliveryOf(ids.at(0));
        QVERIFY2(inWindow.state == DeliveryState::Sent, qPrintable(ReasonText::display(inWindow.reason)));
        QCOMPARE(inWindow.route, QStringLiteral("custom"));
        QCOMPARE(inWindow.attempts, 2);
        QCOMPARE(accepted(QStringLiteral("custom"), QStringLiteral("mW")), 1);
        QCOMPARE(accepted(QStringLiteral("custom"), QStringLiteral("oa-mW")), 0);
        const Delivery outside = deliveryOf(ids.at(1));
        QCOMPARE(toString(outside.state), QStringLiteral("failed"));
        QCOMPARE(outside.errcode, errcode::UserRefused);
        QCOMPARE(outside.attempts, 2);
        QVERIFY2(ReasonText::display(outside.reason).contains(QStringLiteral("window")), qPrintable(ReasonText::display(outside.reason)));
        // The refused grants are spent either way.
        for (const qint64 id : ids) {
            const auto pool = credits.of(id);
            QVERIFY(pool.has_value() && !pool->isEmpty());
            for (const auto &c : *pool)
                QCOMPARE(c.usesLeft, 0);
        }
    }

    void formIdPoolEarliestValidFirst()
    {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QCOMPARE(httpPost(admin(QStringLiteral("followers")),
                          {{QStringLiteral("appid"), m_appid},
                           {QStringLiteral("followers"), QJsonArray{QJsonObject{{QStringLiteral("openid"), QStringLiteral("mD")}}}}}).status, 200);
        QCOMPARE(httpPost(admin(QStringLiteral("formids")),
                          {{QStringLiteral("appid"), m_appid}, {QStringLiteral("openid"), QStringLiteral("mD")},
                           {QStringLiteral("form_ids"), QJsonArray{QJsonObject{{QStringLiteral("form_id"), QStringLiteral("F_GOOD")}, {QStringLiteral("uses"), 1}, {QStringLiteral("expires_at"), now + 5 * 86400}},
                                                                   QJsonObject{{QStringLiteral("form_id"), QStringLiteral("F_LATER")}, {QStringLiteral("uses"), 3}, {QStringLiteral("expires_at"), now + 6 * 86400}}}}}).status, 200);
        Template t;
        t.formTemplateId = QStringLiteral("FT1");
        t.subscribeFields = {{QStringLiteral("keyword1"), QStringLiteral("339208499")}};
        const qint64 tid = addTemplate(t);
        Subscriber d;
        d.miniOpenid = QStringLiteral("mD");
        const qint64 id = addSubscriber(d, {Channel::MiniProgram});
        CreditRepository credits(m_ws->db());
        const auto at = [](qint64 secs) { return QDateTime::fromSecsSinceEpoch(secs); };
        credits.add({0, id, m_appId, CreditKind::FormId, QStringLiteral("F_EXPIRED"), {}, 1, at(now - 60)});
        credits.add({0, id, m_appId, CreditKind::FormId, QStringLiteral("F_BAD"), {}, 1, at(now + 86400)});       // upstream: invalid
        credits.add({0, id, m_appId, CreditKind::FormId, QStringLiteral("F_GOOD"), {}, 1, at(now + 2 * 86400)});
        credits.add({0, id, m_appId, CreditKind::PrepayId, QStringLiteral("F_LATER"), {}, 3, at(now + 6 * 86400)});
        QCOMPARE(run(tid), QStringLiteral("finished"));
        const Delivery del = deliveryOf(id);
        QCOMPARE(toString(del.state), QStringLiteral("sent"));
        QCOMPARE(del.route, QStringLiteral("wxopen_template"));
        QCOMPARE(del.attempts, 2); // F_BAD (41028), then F_GOOD
        QCOMPARE(accepted(QStringLiteral("wxopen_template"), QStringLiteral("mD")), 1);
        // The expired one was pruned; F_BAD is dead, F_GOOD spent: both pruned at the next start.
        QHash<QString, int> left;
        const auto pool = credits.of(id);
        for (const auto &c : *pool)
            left.insert(c.credit, c.usesLeft);
        QVERIFY(!left.contains(QStringLiteral("F_EXPIRED")));
        QCOMPARE(left.value(QStringLiteral("F_BAD")), 0);
        QCOMPARE(left.value(QStringLiteral("F_GOOD")), 0);
        QCOMPARE(left.value(QStringLiteral("F_LATER")), 3);
        // Next broadcast: the prepay_id is the only valid credit left, and it is used.
        QCOMPARE(run(tid), QStringLiteral("finished"));
        QCOMPARE(toString(deliveryOf(id).state), QStringLiteral("sent"));
        left.clear();
        const auto pool2 = credits.of(id);
        for (const auto &c : *pool2)
            left.insert(c.credit, c.usesLeft);
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.value(QStringLiteral("F_LATER")), 2);
    }

    void ntfyPublish()
    {
        Template t;
        t.ntfyTitle = QStringLiteral("Disk almost full");
        t.ntfyBody = QStringLiteral("Hello {{nickname}}");
        t.ntfyPriority = 4;
        t.ntfyTags = QStringLiteral("warning,disk");
        const qint64 tid = addTemplate(t);
        Subscriber good, bad;
        good.ntfyTopic = QStringLiteral("alerts-42");
        good.nickname = QStringLiteral("Ann");
        bad.ntfyTopic = QStringLiteral("no spaces allowed");
        const qint64 ig = addSubscriber(good, {Channel::Ntfy});
        const qint64 ib = addSubscriber(bad, {Channel::Ntfy});
        QCOMPARE(run(tid), QStringLiteral("finished"));
        QCOMPARE(toString(deliveryOf(ig).state), QStringLiteral("sent"));
        QCOMPARE(deliveryOf(ig).msgid.size(), 12);
        QCOMPARE(accepted(QStringLiteral("ntfy"), QStringLiteral("alerts-42")), 1);
        QCOMPARE(toString(deliveryOf(ib).state), QStringLiteral("failed"));
        QCOMPARE(deliveryOf(ib).errcode, 40009);
        QCOMPARE(deliveryOf(ib).attempts, 1); // a bad topic is not retried
    }

    void webhookIsSigned()
    {
        QCOMPARE(httpPost(admin(QStringLiteral("webhooks")), {{QStringLiteral("name"), QStringLiteral("hook1")}, {QStringLiteral("secret"), QStringLiteral("s3cret")}}).status, 200);
        QCOMPARE(httpPost(admin(QStringLiteral("webhooks")), {{QStringLiteral("name"), QStringLiteral("hook2")}, {QStringLiteral("secret"), QStringLiteral("another")}}).status, 200);
        QVERIFY(m_secrets->write(SecretStore::webhookSecretKey(m_appId), QStringLiteral("s3cret")).has_value());
        Template t;
        t.barkTitle = QStringLiteral("Ticket {{nickname}}");
        t.barkBody = QStringLiteral("A ticket was assigned to you.");
        const qint64 tid = addTemplate(t);
        Subscriber ok, wrong;
        ok.mpOpenid = QStringLiteral("oHOOK1");
        ok.webhookUrl = join(m_ws->sandboxUrl(), QStringLiteral("/webhook/hook1")).toString();
        wrong.mpOpenid = QStringLiteral("oHOOK2");
        wrong.webhookUrl = join(m_ws->sandboxUrl(), QStringLiteral("/webhook/hook2")).toString();
        const qint64 io = addSubscriber(ok, {Channel::Webhook});
        const qint64 iw = addSubscriber(wrong, {Channel::Webhook});
        QCOMPARE(run(tid), QStringLiteral("finished"));
        QCOMPARE(toString(deliveryOf(io).state), QStringLiteral("sent"));
        QCOMPARE(accepted(QStringLiteral("webhook"), QStringLiteral("oHOOK1")), 1);
        QCOMPARE(toString(deliveryOf(iw).state), QStringLiteral("failed"));
        QCOMPARE(deliveryOf(iw).httpStatus, 401);
    }

    void emailOverSmtpWithAuth()
    {
        QTemporaryDir mail;
        const quint16 port = freePort();
        QProcess smtp;
        smtp.start(QStringLiteral("/usr/bin/python3"),
                   {QStringLiteral(PUSHDESK_TESTS_DIR "/smtp_server.py"), QStringLiteral("--port"), QString::number(port),
                    QStringLiteral("--dir"), mail.path(), QStringLiteral("--user"), QStringLiteral("pushdesk"),
                    QStringLiteral("--password"), QStringLiteral("correct horse")});
        QVERIFY(smtp.waitForStarted());
        QSignalSpy ready(&smtp, &QProcess::readyReadStandardOutput);
        QVERIFY(ready.wait(20000));
        QVERIFY(smtp.readAllStandardOutput().startsWith("ready"));

        App app = **AppRepository(m_ws->db()).findById(m_appId);
        app.smtpUrl = QStringLiteral("smtp://127.0.0.1:%1").arg(port);
        app.smtpUser = QStringLiteral("pushdesk");
        app.smtpFrom = QStringLiteral("noreply@pushdesk.example");
        QVERIFY(AppRepository(m_ws->db()).update(app).has_value());
        QVERIFY(m_secrets->write(SecretStore::smtpPasswordKey(m_appId), QStringLiteral("correct horse")).has_value());
        Template t;
        t.emailSubject = QStringLiteral("你好 {{nickname}}");
        t.emailBody = QStringLiteral("Your order has shipped.");
        const qint64 tid = addTemplate(t);
        Subscriber s;
        s.email = QStringLiteral("li.wei@example.com");
        s.nickname = QStringLiteral("Li Wei");
        const qint64 id = addSubscriber(s, {Channel::Email});
        QCOMPARE(run(tid), QStringLiteral("finished"));
        QCOMPARE(toString(deliveryOf(id).state), QStringLiteral("sent"));
        const QStringList files = QDir(mail.path()).entryList({QStringLiteral("*.eml")}, QDir::Files);
        QCOMPARE(files.size(), 1);
        QFile f(mail.filePath(files.first()));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray message = f.readAll();
        QVERIFY(message.contains("X-Envelope-To: li.wei@example.com"));
        QVERIFY(message.contains("Subject: =?UTF-8?B?" + QStringLiteral("你好 Li Wei").toUtf8().toBase64() + "?="));
        QVERIFY(message.contains(QByteArray("Your order has shipped.").toBase64()));

        // A wrong password: refused (535), not retried, and the password appears in no message.
        QVERIFY(m_secrets->write(SecretStore::smtpPasswordKey(m_appId), QStringLiteral("wrong")).has_value());
        unbindAll();
        Subscriber s2;
        s2.email = QStringLiteral("second@example.com");
        const qint64 id2 = addSubscriber(s2, {Channel::Email});
        QCOMPARE(run(tid), QStringLiteral("finished"));
        const Delivery refused = deliveryOf(id2);
        QCOMPARE(toString(refused.state), QStringLiteral("failed"));
        QVERIFY2(refused.attempts == 1, qPrintable(refused.reason + QStringLiteral(" / ") + refused.errmsg));
        QVERIFY(!refused.reason.contains(QStringLiteral("wrong")));
        smtp.terminate();
        smtp.waitForFinished();
    }

    void wechatErrcodesMapToTheirAction_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("state");      // final state of the row
        QTest::addColumn<int>("attempts");       // requests made for the row
        QTest::addColumn<QString>("route");
        QTest::addColumn<QString>("status");     // broadcast status
        // retried with backoff (1 + 5 retries for -1, 1 + 3 for 45011), then failed
        QTest::newRow("-1 busy") << -1 << "failed" << 6 << "custom" << "finished"; // as WxJava: 5 retries
        QTest::newRow("45011 minute quota") << 45011 << "failed" << 4 << "custom" << "finished";
        // dropped, never retried
        for (int code : {40003, 43004, 43019, 40008, 45008})
            QTest::newRow(qPrintable(QString::number(code))) << code << "failed" << 1 << "custom" << "finished";
        // the app's setup, the same for everyone: the broadcast pauses with the reason, the row goes back to pending
        QTest::newRow("48001 api unauthorized") << 48001 << "pending" << 1 << "custom" << "paused";
        QTest::newRow("40037 template id") << 40037 << "pending" << 1 << "custom" << "paused";
        // out of the window / allowance: the template message on the same row (which answers the same here)
        QTest::newRow("45015 fallback") << 45015 << "failed" << 2 << "template" << "finished";
        QTest::newRow("45047 fallback") << 45047 << "failed" << 2 << "template" << "finished";
        // token: refreshed once and retried once
        QTest::newRow("40001 token") << 40001 << "failed" << 2 << "custom" << "finished";
        QTest::newRow("42001 expired") << 42001 << "failed" << 2 << "custom" << "finished";
        QTest::newRow("40014 bad token") << 40014 << "failed" << 2 << "custom" << "finished";
        // daily quota: the broadcast pauses, the row goes back to pending
        QTest::newRow("45009 quota") << 45009 << "pending" << 1 << "custom" << "paused";
    }

    void wechatErrcodesMapToTheirAction()
    {
        QFETCH(int, code);
        QFETCH(QString, state);
        QFETCH(int, attempts);
        QFETCH(QString, route);
        QFETCH(QString, status);
        const QString openid = QStringLiteral("oERR%1").arg(code);
        QVERIFY(followNow(m_appid, {openid}));
        QCOMPARE(httpPost(admin(QStringLiteral("faults")), {{QStringLiteral("error_rates"), QJsonObject{{QString::number(code), 1.0}}}}).status, 200);
        Template t;
        t.csText = QStringLiteral("hello");
        t.wechatTemplateId = QStringLiteral("TPL");
        t.wechatFields = {{QStringLiteral("thing1"), QStringLiteral("x")}};
        const qint64 tid = addTemplate(t);
        Subscriber s;
        s.mpOpenid = openid;
        const qint64 id = addSubscriber(s, {Channel::WeChat});
        const QString result = run(tid, nullptr, true);
        QCOMPARE(httpPost(admin(QStringLiteral("faults")), QJsonObject{}).status, 200);
        QCOMPARE(result, status);
        const Delivery d = deliveryOf(id);
        QCOMPARE(toString(d.state), state);
        QCOMPARE(d.attempts, attempts);
        QCOMPARE(d.route, route);
        if (state == QLatin1String("failed"))
            QCOMPARE(d.errcode, code);
        if (code == errcode::InvalidOpenid) // a permanent drop: "Retry failed" leaves it alone
            QCOMPARE(BroadcastControl(m_ws->db()).retry(m_lastBroadcast, DeliveryState::Failed).value(), 0);
        if (status == QLatin1String("paused")) {
            // It says why.
            const QString why = ReasonText::display(BroadcastRepository(m_ws->db()).findById(m_lastBroadcast).value()->statusReason);
            QVERIFY2(why.contains(QString::number(code)), qPrintable(why));
            BroadcastRepository(m_ws->db()).setStatus(m_lastBroadcast, BroadcastStatus::Cancelled);
        }
    }

    void invalidOpenidIsMarked()
    {
        // 40003: dropped, and the recipient marked. The next broadcasts skip that openid with the reason, without a
        // request, until the operator corrects it; the corrected openid is sent to.
        QVERIFY(followNow(m_appid, {QStringLiteral("oFixed")}));
        Template t;
        t.csText = QStringLiteral("hello");
        const qint64 tid = addTemplate(t);
        Subscriber s;
        s.mpOpenid = QStringLiteral("oNobodyKnows"); // not a follower of the sandbox's app: 40003
        const qint64 id = addSubscriber(s, {Channel::WeChat});
        QCOMPARE(run(tid, nullptr, true), QStringLiteral("finished"));
        QCOMPARE(deliveryOf(id).errcode, errcode::InvalidOpenid);
        SubscriberRepository subscribers(m_ws->db());
        Subscriber marked = **subscribers.findById(id);
        QCOMPARE(marked.mpOpenidRejected, QStringLiteral("oNobodyKnows"));

        const auto calls = [this]() {
            return httpGet(join(m_ws->sandboxUrl(), QStringLiteral("/sandbox/stats"))).json.value(QStringLiteral("rejected")).toObject()
                .value(QStringLiteral("custom")).toObject().value(QStringLiteral("40003")).toInteger();
        };
        const qint64 before = calls();
        QCOMPARE(run(tid, nullptr, true), QStringLiteral("finished"));
        const Delivery skipped = deliveryOf(id);
        QCOMPARE(toString(skipped.state), QStringLiteral("skipped"));
        QVERIFY2(ReasonText::display(skipped.reason).contains(QStringLiteral("40003")), qPrintable(ReasonText::display(skipped.reason)));
        QCOMPARE(calls(), before); // no request was made

        marked.mpOpenid = QStringLiteral("oFixed");
        QVERIFY(subscribers.update(marked).has_value());
        QCOMPARE(run(tid, nullptr, true), QStringLiteral("finished"));
        QCOMPARE(toString(deliveryOf(id).state), QStringLiteral("sent"));
        QCOMPARE(accepted(QStringLiteral("custom"), QStringLiteral("oFixed")), 1);
    }

    void retryPolicyWaits()
    {
        const RetryPolicy policy; // the engine's defaults
        UpstreamReply busy;
        busy.kind = UpstreamReply::Kind::ApiError;
        busy.errcode = errcode::Busy;
        // -1 as upstream-apis.md has it from WxJava: after 1 s·2^n (plus jitter), at most 5 times.
        for (int n = 0; n < 5; ++n) {
            const int d = policy.delayMs(busy, n);
            QVERIFY2(d >= 1000 << n && d < 2 * (1000 << n), qPrintable(QString::number(d)));
        }
        QCOMPARE(policy.delayMs(busy, 5), -1); // bounded
        // Network errors and 5xx: from the base, maxRetries times.
        UpstreamReply network;
        network.kind = UpstreamReply::Kind::NetworkError;
        for (int n = 0; n < policy.maxRetries; ++n) {
            const int d = policy.delayMs(network, n);
            QVERIFY2(d >= policy.backoffBaseMs << n && d < 2 * (policy.backoffBaseMs << n), qPrintable(QString::number(d)));
        }
        QCOMPARE(policy.delayMs(network, policy.maxRetries), -1);
        UpstreamReply minute = busy;
        minute.errcode = errcode::MinuteQuota; // "retry next minute"
        QVERIFY(policy.delayMs(minute, 0) >= 60000);
        UpstreamReply drop = busy;
        drop.errcode = errcode::RequireSubscribe;
        QCOMPARE(policy.delayMs(drop, 0), -1);
        // Bark 500: APNs refused the device token for good (drop); any other APNs reason is retried.
        UpstreamReply apns;
        apns.kind = UpstreamReply::Kind::HttpError;
        apns.httpStatus = 500;
        apns.errmsg = QStringLiteral("push failed: BadDeviceToken");
        QCOMPARE(policy.delayMs(apns, 0), -1);
        apns.errmsg = QStringLiteral("push failed: Unregistered");
        QCOMPARE(policy.delayMs(apns, 0), -1);
        apns.errmsg = QStringLiteral("push failed: TooManyRequests");
        QVERIFY(policy.delayMs(apns, 0) >= policy.backoffBaseMs);
    }

    void contentCheckErrcodesMapToTheirAction_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("calls"); // msg_sec_check calls before the broadcast is held
        // retried as deliveries are (-1: 5 times, as WxJava; 45011: 3 times, after the minute), then held
        QTest::newRow("-1 busy") << -1 << 6;
        QTest::newRow("45011 minute quota") << 45011 << 4;
        // answers no retry changes (upstream-apis.md §5): held at once
        for (int code : {40129, 43104, 47001})
            QTest::newRow(qPrintable(QString::number(code))) << code << 1;
    }

    void contentCheckErrcodesMapToTheirAction()
    {
        QFETCH(int, code);
        QFETCH(int, calls);
        const QString openid = QStringLiteral("oCHECK%1").arg(qAbs(code));
        QVERIFY(followNow(m_appid, {openid}));
        Template t;
        t.csText = QStringLiteral("Your parcel %1 is out for delivery.").arg(code);
        const qint64 tid = addTemplate(t);
        Subscriber s;
        s.mpOpenid = openid;
        addSubscriber(s, {Channel::WeChat});
        const auto answered = [this, code]() {
            return httpGet(join(m_ws->sandboxUrl(), QStringLiteral("/sandbox/stats"))).json.value(QStringLiteral("faults")).toObject()
                .value(QStringLiteral("errcode")).toObject().value(QString::number(code)).toInteger();
        };
        const qint64 before = answered();
        QCOMPARE(httpPost(admin(QStringLiteral("faults")), {{QStringLiteral("error_rates"), QJsonObject{{QString::number(code), 1.0}}}}).status, 200);
        const QString status = run(tid);
        QCOMPARE(httpPost(admin(QStringLiteral("faults")), QJsonObject{}).status, 200);
        QCOMPARE(status, QStringLiteral("held")); // never sent unchecked
        QCOMPARE(answered() - before, qint64(calls));
        QVERIFY(BroadcastRepository(m_ws->db()).deliveries(m_lastBroadcast)->isEmpty()); // nobody planned, nothing sent
        QCOMPARE(accepted(QStringLiteral("custom"), openid), 0);
        BroadcastRepository(m_ws->db()).setStatus(m_lastBroadcast, BroadcastStatus::Cancelled);
    }

    void tokenEndpointErrcodesMapToTheirAction_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("times");     // how many token calls in a row answer the code
        QTest::addColumn<QString>("status"); // the broadcast's status once the engine stops
        // asked again with backoff: nobody fails
        QTest::newRow("-1 busy, twice") << -1 << 2 << "finished";
        QTest::newRow("45011 minute quota") << 45011 << 1 << "finished";
        // refused however often it is asked (retries used up, a refused secret or IP, a frozen account, the
        // daily quota, an administrator to ask): the broadcast pauses with the reason, nobody is failed, and a
        // resume once the endpoint gives tokens again sends everyone
        QTest::newRow("-1 busy, for good") << -1 << 6 << "paused";
        for (int code : {40001, 40013, 40125, 40164, 40243, 45009, 89503, 89506, 89507, 50004, 50007})
            QTest::newRow(qPrintable(QString::number(code))) << code << 1 << "paused";
    }

    void tokenEndpointErrcodesMapToTheirAction()
    {
        QFETCH(int, code);
        QFETCH(int, times);
        QFETCH(QString, status);
        // A new app per row, so that no token of it is cached yet.
        const QString appid = QStringLiteral("wxtoken%1x%2").arg(qAbs(code)).arg(times);
        const auto openid = [&appid](qsizetype i) { return QStringLiteral("o-%1-%2").arg(appid).arg(i); };
        const qint64 mainApp = useNewApp(appid, {openid(0), openid(1), openid(2)});
        QVERIFY(mainApp);
        const auto restore = qScopeGuard([&]() {
            m_appId = mainApp;
            httpPost(admin(QStringLiteral("faults")), QJsonObject{});
        });
        Template t;
        t.csText = QStringLiteral("hello");
        const qint64 tid = addTemplate(t);
        QList<qint64> ids;
        for (int i = 0; i < 3; ++i) {
            Subscriber s;
            s.mpOpenid = openid(i);
            ids.append(addSubscriber(s, {Channel::WeChat}));
        }
        const auto answered = [this, code]() {
            return httpGet(join(m_ws->sandboxUrl(), QStringLiteral("/sandbox/stats"))).json.value(QStringLiteral("faults")).toObject()
                .value(QStringLiteral("errcode")).toObject().value(QString::number(code)).toInteger();
        };
        const qint64 before = answered();
        QCOMPARE(httpPost(admin(QStringLiteral("faults")), {{QStringLiteral("token_errors"), QJsonObject{{QString::number(code), times}}}}).status, 200);
        QList<DeliveryFailure> failures;
        QCOMPARE(run(tid, &failures, true), status);
        QCOMPARE(answered() - before, qint64(times));
        QVERIFY2(failures.isEmpty(), failures.isEmpty() ? "" : qPrintable(failures.first().reason));
        BroadcastRepository repo(m_ws->db());
        if (status == QLatin1String("finished")) {
            for (const qint64 id : ids)
                QVERIFY2(deliveryOf(id).state == DeliveryState::Sent, qPrintable(ReasonText::display(deliveryOf(id).reason)));
            return;
        }
        // Paused: it says why, and every row is still to send.
        const QString why = ReasonText::display(repo.findById(m_lastBroadcast).value()->statusReason);
        QVERIFY2(why.contains(QString::number(code)) && why.contains(QStringLiteral("resume")), qPrintable(why));
        for (const qint64 id : ids)
            QCOMPARE(toString(deliveryOf(id).state), QStringLiteral("pending"));
        for (const qint64 id : ids)
            QCOMPARE(accepted(QStringLiteral("custom"), openid(ids.indexOf(id))), 0);
        // The endpoint gives tokens again (the sandbox's count is spent): a resume sends everyone once.
        QCOMPARE(resumeLast(), QStringLiteral("finished"));
        for (int i = 0; i < ids.size(); ++i) {
            QCOMPARE(toString(deliveryOf(ids.at(i)).state), QStringLiteral("sent"));
            QCOMPARE(accepted(QStringLiteral("custom"), openid(i)), 1);
        }
    }

    void tokenLostMidRunPauses()
    {
        // The AppSecret is replaced on the upstream while a broadcast runs: the next token refresh is refused (40125).
        // The broadcast pauses with that reason and fails nobody; once the secret matches again, a resume sends the
        // rest, and nobody twice.
        const QString appid = QStringLiteral("wxtokenlost00001");
        constexpr int audience = 1000;
        QStringList openids;
        for (int i = 0; i < audience; ++i)
            openids.append(QStringLiteral("oLost%1").arg(i));
        const qint64 mainApp = useNewApp(appid, openids);
        QVERIFY(mainApp);
        const auto restore = qScopeGuard([&]() {
            m_appId = mainApp;
            httpPost(admin(QStringLiteral("faults")), QJsonObject{});
            httpPost(admin(QStringLiteral("apps")), {{QStringLiteral("appid"), appid}});
        });
        Template t;
        t.csText = QStringLiteral("hello");
        const qint64 tid = addTemplate(t);
        for (int i = 0; i < audience; ++i) {
            Subscriber s;
            s.mpOpenid = QStringLiteral("oLost%1").arg(i);
            addSubscriber(s, {Channel::WeChat});
        }
        // Tokens expire every 200 calls (more than a window, so a refreshed request never meets a second expiry),
        // and 100 ms of latency keeps the broadcast running for seconds.
        QCOMPARE(httpPost(admin(QStringLiteral("faults")), {{QStringLiteral("latency_ms"), 100}, {QStringLiteral("token_expiry_every"), 200}}).status, 200);
        auto id = m_ws->createBroadcast(m_appId, tid, {});
        QVERIFY(id.has_value());
        BroadcastRepository repo(m_ws->db());
        repo.setCheck(*id, QStringLiteral("approved"), {}, {});
        m_lastBroadcast = *id;
        QSignalSpy finished(m_ws->engine(), &BroadcastEngine::finished);
        qint64 sentSoFar = 0;
        connect(m_ws->engine(), &BroadcastEngine::progress, this, [&sentSoFar](const BroadcastProgress &p) { sentSoFar = p.counters.sent; });
        m_ws->engine()->start(*id);
        QTRY_VERIFY_WITH_TIMEOUT(sentSoFar > 0, 30000);
        QCOMPARE(httpPost(admin(QStringLiteral("apps")), {{QStringLiteral("appid"), appid}, {QStringLiteral("secret"), QStringLiteral("rotated")}}).status, 200);
        QVERIFY(finished.wait(60000));
        disconnect(m_ws->engine(), &BroadcastEngine::progress, this, nullptr);
        QCOMPARE(finished.last().at(2).toString(), QStringLiteral("paused"));
        const QString why = ReasonText::display(repo.findById(*id).value()->statusReason);
        QVERIFY2(why.contains(QStringLiteral("40125")) && why.contains(QStringLiteral("resume")), qPrintable(why));
        Counters c = *repo.recount(*id);
        QCOMPARE(c.failed, qint64(0));
        QVERIFY2(c.sent > 0 && c.sent < audience, qPrintable(QString::number(c.sent)));

        // The secret matches again: the rest, once.
        QCOMPARE(httpPost(admin(QStringLiteral("apps")), {{QStringLiteral("appid"), appid}}).status, 200);
        QCOMPARE(resumeLast(), QStringLiteral("finished"));
        c = *repo.recount(*id);
        QCOMPARE(c.sent, qint64(audience));
        QCOMPARE(c.failed, qint64(0));
        const QJsonObject custom = httpGet(join(m_ws->sandboxUrl(), QStringLiteral("/sandbox/stats"))).json.value(QStringLiteral("accepted"))
                                       .toObject().value(QStringLiteral("custom")).toObject();
        for (int i = 0; i < audience; ++i)
            QCOMPARE(custom.value(QStringLiteral("oLost%1").arg(i)).toInt(), 1);
    }

    void pushServerErrorsMapToTheirAction_data()
    {
        QTest::addColumn<QString>("fault");   // the sandbox's error_rates key, at rate 1
        QTest::addColumn<QString>("channel"); // bark or ntfy
        QTest::addColumn<QString>("state");
        QTest::addColumn<int>("attempts");
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("httpStatus");
        // Bark (upstream-apis.md §6)
        QTest::newRow("bark token invalid") << "bark:token_invalid" << "bark" << "failed" << 1 << "finished" << 400;
        QTest::newRow("bark BadDeviceToken") << "bark:apns:BadDeviceToken" << "bark" << "failed" << 1 << "finished" << 500;
        QTest::newRow("bark Unregistered") << "bark:apns:Unregistered" << "bark" << "failed" << 1 << "finished" << 500;
        QTest::newRow("bark TooManyRequests") << "bark:apns:TooManyRequests" << "bark" << "failed" << 4 << "finished" << 500;
        QTest::newRow("bark 418 teapot") << "bark:teapot" << "bark" << "pending" << 1 << "paused" << 418;
        // ntfy (§7a)
        for (const char *code : {"40004", "40005", "40006", "40009"})
            QTest::newRow(qPrintable(QStringLiteral("ntfy %1").arg(QLatin1String(code))))
                << QStringLiteral("ntfy:%1").arg(QLatin1String(code)) << "ntfy" << "failed" << 1 << "finished" << 400;
        QTest::newRow("ntfy 40101") << "ntfy:40101" << "ntfy" << "pending" << 1 << "paused" << 401;
        QTest::newRow("ntfy 40301") << "ntfy:40301" << "ntfy" << "pending" << 1 << "paused" << 403;
        QTest::newRow("ntfy 42901") << "ntfy:42901" << "ntfy" << "failed" << 4 << "finished" << 429;
        QTest::newRow("ntfy 42908") << "ntfy:42908" << "ntfy" << "pending" << 1 << "paused" << 429;
        QTest::newRow("ntfy 50001") << "ntfy:50001" << "ntfy" << "failed" << 4 << "finished" << 500;
    }

    void pushServerErrorsMapToTheirAction()
    {
        QFETCH(QString, fault);
        QFETCH(QString, channel);
        QFETCH(QString, state);
        QFETCH(int, attempts);
        QFETCH(QString, status);
        QFETCH(int, httpStatus);
        const bool bark = channel == QLatin1String("bark");
        const QString key = QStringLiteral("k") + QString::number(qHash(fault), 16);
        if (bark)
            QCOMPARE(httpPost(join(m_ws->sandboxUrl(), QStringLiteral("/sandbox/admin/bark/devices")),
                              {{QStringLiteral("device_keys"), QJsonArray{key}}}).status, 200);
        Template t;
        t.barkTitle = QStringLiteral("Hi {{nickname}}"); // personal: one push per recipient, never a batch
        t.barkBody = QStringLiteral("Your parcel is out for delivery.");
        t.ntfyTitle = t.barkTitle;
        t.ntfyBody = t.barkBody;
        const qint64 tid = addTemplate(t);
        Subscriber s;
        s.nickname = QStringLiteral("Ann");
        if (bark) {
            s.barkKey = key;
            s.barkServer = m_ws->sandboxUrl().toString();
        } else {
            s.ntfyTopic = key;
        }
        const qint64 id = addSubscriber(s, {bark ? Channel::Bark : Channel::Ntfy});
        QCOMPARE(httpPost(admin(QStringLiteral("faults")), {{QStringLiteral("error_rates"), QJsonObject{{fault, 1.0}}}}).status, 200);
        const QString result = run(tid, nullptr, true);
        QCOMPARE(httpPost(admin(QStringLiteral("faults")), QJsonObject{}).status, 200);
        QCOMPARE(result, status);
        const Delivery d = deliveryOf(id);
        QCOMPARE(toString(d.state), state);
        QCOMPARE(d.attempts, attempts);
        QCOMPARE(d.httpStatus, httpStatus);
        QCOMPARE(accepted(channel, key), 0);
        if (status == QLatin1String("paused")) {
            const QString why = ReasonText::display(BroadcastRepository(m_ws->db()).findById(m_lastBroadcast).value()->statusReason);
            QVERIFY2(why.contains(QStringLiteral("resume")), qPrintable(why));
            // The fault is gone (the operator fixed the setup, the quota was reset): a resume delivers.
            QCOMPARE(resumeLast(), QStringLiteral("finished"));
            QCOMPARE(toString(deliveryOf(id).state), QStringLiteral("sent"));
            QCOMPARE(accepted(channel, key), 1);
        }
    }

    void barkPushCarriesEveryField()
    {
        // upstream-apis.md §6: title, subtitle, body, group, level, url, sound and icon, placeholders filled.
        Template t;
        t.barkTitle = QStringLiteral("Order {{order}}");
        t.barkSubtitle = QStringLiteral("for {{nickname}}");
        t.barkBody = QStringLiteral("It has shipped.");
        t.barkGroup = QStringLiteral("orders");
        t.barkLevel = QStringLiteral("timeSensitive");
        t.barkUrl = QStringLiteral("https://example.com/o/{{order}}");
        t.barkSound = QStringLiteral("minuet");
        t.barkIcon = QStringLiteral("https://example.com/box.png");
        DeliveryWork w;
        w.deliveryId = 7;
        w.channel = Channel::Bark;
        w.subscriber.nickname = QStringLiteral("Ann");
        w.subscriber.barkKey = QStringLiteral("KEY1");
        QHash<QString, QString> vars = Renderer::recipientVariables(w.subscriber);
        vars.insert(QStringLiteral("order"), QStringLiteral("A1"));
        ChannelEndpoints endpoints;
        endpoints.barkBase = QUrl(QStringLiteral("https://bark.example.com"));
        const ChannelRequest r = buildRequest(Route::Bark, w, Renderer::render(t, vars), endpoints, nullptr, true);
        QCOMPARE(r.url.toString(), QStringLiteral("https://bark.example.com/push"));
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        const QJsonObject expected{{QStringLiteral("device_key"), QStringLiteral("KEY1")}, {QStringLiteral("title"), QStringLiteral("Order A1")},
                                   {QStringLiteral("subtitle"), QStringLiteral("for Ann")}, {QStringLiteral("body"), QStringLiteral("It has shipped.")},
                                   {QStringLiteral("group"), QStringLiteral("orders")}, {QStringLiteral("level"), QStringLiteral("timeSensitive")},
                                   {QStringLiteral("url"), QStringLiteral("https://example.com/o/A1")}, {QStringLiteral("sound"), QStringLiteral("minuet")},
                                   {QStringLiteral("icon"), QStringLiteral("https://example.com/box.png")}};
        for (auto it = expected.begin(); it != expected.end(); ++it)
            QCOMPARE(body.value(it.key()), it.value());
        QVERIFY(!body.value(QStringLiteral("id")).toString().isEmpty());
        // Optional fields left empty are left out.
        const QJsonObject bare = barkMessage(Renderer::render(Template{}, vars));
        QCOMPARE(QStringList(bare.keys()), (QStringList{QStringLiteral("body"), QStringLiteral("title")}));
    }

    void personalBarkTextIsNeverBatched()
    {
        // The same text for everyone goes out in batches of device_keys; a subtitle with the person's name may not.
        QJsonArray keys;
        for (int i = 0; i < 3; ++i)
            keys.append(QStringLiteral("kBatch%1").arg(i));
        QCOMPARE(httpPost(join(m_ws->sandboxUrl(), QStringLiteral("/sandbox/admin/bark/devices")), {{QStringLiteral("device_keys"), keys}}).status, 200);
        QList<qint64> ids;
        for (int i = 0; i < 3; ++i) {
            Subscriber s;
            s.nickname = QStringLiteral("P%1").arg(i);
            s.barkKey = keys.at(i).toString();
            s.barkServer = m_ws->sandboxUrl().toString();
            ids.append(addSubscriber(s, {Channel::Bark}));
        }
        Template shared;
        shared.barkTitle = QStringLiteral("Maintenance tonight");
        shared.barkSubtitle = QStringLiteral("22:00-23:00");
        shared.barkBody = QStringLiteral("The service pauses for an hour.");
        Template personal = shared;
        personal.barkSubtitle = QStringLiteral("for {{nickname}}");
        for (const auto &[tmpl, route] : {std::pair{shared, QStringLiteral("bark_batch")}, std::pair{personal, QStringLiteral("bark")}}) {
            QCOMPARE(run(addTemplate(tmpl)), QStringLiteral("finished"));
            for (const qint64 id : ids) {
                QCOMPARE(toString(deliveryOf(id).state), QStringLiteral("sent"));
                QCOMPARE(deliveryOf(id).route, route);
            }
        }
        for (const QJsonValue key : keys)
            QCOMPARE(accepted(QStringLiteral("bark"), key.toString()), 2);
    }

    void barkBatchAnswersPerKey()
    {
        // A batch is answered key by key (HTTP 200, a code per key). A key APNs throttled is tried again in a smaller
        // batch until the retries run out; a dead device token and an unknown key are dropped at once.
        QStringList subscriberKeys;
        for (int i = 0; i < 8; ++i)
            subscriberKeys.append(QStringLiteral("kPerKey%1").arg(i));
        QCOMPARE(httpPost(join(m_ws->sandboxUrl(), QStringLiteral("/sandbox/admin/bark/devices")),
                          {{QStringLiteral("device_keys"), QJsonArray::fromStringList(subscriberKeys)}}).status, 200);
        QHash<qint64, QString> keyOf;
        subscriberKeys.append(QStringLiteral("kPerKeyUnknown")); // not registered on the server
        for (const QString &key : std::as_const(subscriberKeys)) {
            Subscriber s;
            s.barkKey = key;
            s.barkServer = m_ws->sandboxUrl().toString();
            keyOf.insert(addSubscriber(s, {Channel::Bark}), s.barkKey);
        }
        Template t;
        t.barkTitle = QStringLiteral("Maintenance tonight");
        t.barkBody = QStringLiteral("The service pauses for an hour.");
        const qint64 tid = addTemplate(t);
        const auto restore = qScopeGuard([this]() { httpPost(admin(QStringLiteral("faults")), QJsonObject{}); });
        const auto throttledSoFar = [this]() {
            return httpGet(join(m_ws->sandboxUrl(), QStringLiteral("/sandbox/stats"))).json.value(QStringLiteral("faults")).toObject()
                .value(QStringLiteral("errcode")).toObject().value(QStringLiteral("bark:apns:TooManyRequests")).toInt();
        };
        const int throttledBefore = throttledSoFar();
        QCOMPARE(httpPost(admin(QStringLiteral("faults")), {{QStringLiteral("error_rates"), QJsonObject{{QStringLiteral("bark:apns:TooManyRequests"), 0.5}}},
                                                             {QStringLiteral("seed"), 11}}).status, 200);
        QCOMPARE(run(tid, nullptr, true), QStringLiteral("finished"));
        int deliveredLater = 0, throttledOut = 0, retries = 0;
        for (auto it = keyOf.cbegin(); it != keyOf.cend(); ++it) {
            const Delivery d = deliveryOf(it.key());
            QCOMPARE(d.route, QStringLiteral("bark_batch"));
            if (it.value() == QLatin1String("kPerKeyUnknown")) {
                QCOMPARE(toString(d.state), QStringLiteral("failed"));
                QCOMPARE(d.attempts, 1);
                QCOMPARE(d.errcode, 400);
                continue;
            }
            if (d.state == DeliveryState::Sent) {
                QCOMPARE(accepted(QStringLiteral("bark"), it.value()), 1);
                deliveredLater += d.attempts > 1;
                retries += d.attempts - 1;
            } else {
                QCOMPARE(toString(d.state), QStringLiteral("failed"));
                QCOMPARE(d.attempts, 4); // 1 + 3 retries
                QCOMPARE(d.httpStatus, 500);
                QCOMPARE(d.errmsg, QStringLiteral("push failed: TooManyRequests"));
                QCOMPARE(accepted(QStringLiteral("bark"), it.value()), 0);
                ++throttledOut;
            }
        }
        QVERIFY2(deliveredLater > 0, "no throttled key was delivered by a retry");
        // Every throttle the sandbox answered is one more try of that key, and no key was tried when it needed none.
        QCOMPARE(throttledSoFar() - throttledBefore, retries + 4 * throttledOut);

        // A dead device token: dropped at once, never retried.
        QCOMPARE(httpPost(admin(QStringLiteral("faults")), {{QStringLiteral("error_rates"), QJsonObject{{QStringLiteral("bark:apns:BadDeviceToken"), 1.0}}}}).status, 200);
        QCOMPARE(run(tid, nullptr, true), QStringLiteral("finished"));
        for (auto it = keyOf.cbegin(); it != keyOf.cend(); ++it) {
            const Delivery d = deliveryOf(it.key());
            QCOMPARE(toString(d.state), QStringLiteral("failed"));
            QCOMPARE(d.attempts, 1);
            if (it.value() != QLatin1String("kPerKeyUnknown"))
                QCOMPARE(d.errmsg, QStringLiteral("push failed: BadDeviceToken"));
        }
    }

    void serverCredentials()
    {
        // Which requests carry the app's credentials: only to its own server, over https or to this machine.
        const QByteArray basic = QByteArrayLiteral("Basic cmVsYXk6cHc=");
        QCOMPARE(serverAuthorization(basic, QUrl(QStringLiteral("https://bark.example")), QUrl(QStringLiteral("https://bark.example:443/"))), basic);
        QCOMPARE(serverAuthorization(basic, QUrl(QStringLiteral("https://bark.example")), QUrl(QStringLiteral("https://other.example"))), QByteArray());
        QCOMPARE(serverAuthorization(basic, QUrl(QStringLiteral("https://bark.example")), QUrl(QStringLiteral("https://bark.example:8443"))), QByteArray());
        QCOMPARE(serverAuthorization(basic, QUrl(QStringLiteral("http://bark.example")), QUrl(QStringLiteral("http://bark.example"))), QByteArray());
        QCOMPARE(serverAuthorization(basic, QUrl(QStringLiteral("http://127.0.0.1:8080")), QUrl(QStringLiteral("http://127.0.0.1:8080/"))), basic);
        QCOMPARE(serverAuthorization({}, QUrl(QStringLiteral("https://bark.example")), QUrl(QStringLiteral("https://bark.example"))), QByteArray());
    }

    void protectedBarkAndNtfyServers()
    {
        // The sandbox's Bark server wants Basic auth (bark-server --user/--password) and its ntfy an access token.
        QCOMPARE(httpPost(admin(QStringLiteral("auth")), {{QStringLiteral("bark_user"), QStringLiteral("relay")},
                                                           {QStringLiteral("bark_password"), QStringLiteral("bark-pw")},
                                                           {QStringLiteral("ntfy_token"), QStringLiteral("tk_channels")}}).status, 200);
        AppRepository apps(m_ws->db());
        App app = *apps.findById(m_appId).value();
        const auto restore = qScopeGuard([&]() {
            httpPost(admin(QStringLiteral("auth")), QJsonObject{});
            app.barkUser.clear();
            apps.update(app);
            m_secrets->remove(SecretStore::barkPasswordKey(m_appId));
            m_secrets->remove(SecretStore::ntfyTokenKey(m_appId));
        });
        QCOMPARE(httpPost(join(m_ws->sandboxUrl(), QStringLiteral("/sandbox/admin/bark/devices")),
                          {{QStringLiteral("device_keys"), QJsonArray{QStringLiteral("kAuth1"), QStringLiteral("kAuth2")}}}).status, 200);
        Template t;
        t.barkTitle = QStringLiteral("Hi {{nickname}}");
        t.ntfyBody = QStringLiteral("Your parcel is out for delivery.");
        t.barkBody = t.ntfyBody;
        const qint64 tid = addTemplate(t);
        Subscriber bark;
        bark.nickname = QStringLiteral("Bo");
        bark.barkKey = QStringLiteral("kAuth1"); // on the app's Bark server (the sandbox)
        const qint64 barkId = addSubscriber(bark, {Channel::Bark});
        Subscriber ntfy;
        ntfy.nickname = QStringLiteral("Ny");
        ntfy.ntfyTopic = QStringLiteral("auth-topic");
        const qint64 ntfyId = addSubscriber(ntfy, {Channel::Ntfy});

        // Without the credentials both servers refuse: the broadcast pauses on the setup fault, nobody is failed.
        QCOMPARE(run(tid, nullptr, true), QStringLiteral("paused"));
        QCOMPARE(toString(deliveryOf(barkId).state), QStringLiteral("pending"));
        QCOMPARE(toString(deliveryOf(ntfyId).state), QStringLiteral("pending"));
        // With them (the user with the app, the password and the token from the keychain), a resume delivers.
        app.barkUser = QStringLiteral("relay");
        QVERIFY(apps.update(app).has_value());
        QVERIFY(m_secrets->write(SecretStore::barkPasswordKey(m_appId), QStringLiteral("bark-pw")).has_value());
        QVERIFY(m_secrets->write(SecretStore::ntfyTokenKey(m_appId), QStringLiteral("tk_channels")).has_value());
        QCOMPARE(resumeLast(), QStringLiteral("finished"));
        QCOMPARE(toString(deliveryOf(barkId).state), QStringLiteral("sent"));
        QCOMPARE(toString(deliveryOf(ntfyId).state), QStringLiteral("sent"));
        QCOMPARE(accepted(QStringLiteral("bark"), QStringLiteral("kAuth1")), 1);
        QCOMPARE(accepted(QStringLiteral("ntfy"), QStringLiteral("auth-topic")), 1);

        // A subscriber's own Bark server never gets the app's password, even the same server under another name.
        unbindAll();
        Subscriber own;
        own.nickname = QStringLiteral("Ow");
        own.barkKey = QStringLiteral("kAuth2");
        QUrl elsewhere = m_ws->sandboxUrl();
        elsewhere.setHost(QStringLiteral("localhost"));
        own.barkServer = elsewhere.toString();
        const qint64 ownId = addSubscriber(own, {Channel::Bark});
        QCOMPARE(run(tid, nullptr, true), QStringLiteral("paused"));
        QCOMPARE(toString(deliveryOf(ownId).state), QStringLiteral("pending"));
        QCOMPARE(accepted(QStringLiteral("bark"), QStringLiteral("kAuth2")), 0);
        BroadcastRepository(m_ws->db()).setStatus(m_lastBroadcast, BroadcastStatus::Cancelled);
    }

    void lockedKeychainHoldsRowsBack()
    {
        // The keychain cannot be read when the broadcast starts: rows that need one of its secrets (here the webhook
        // secret) wait and the broadcast pauses with the keychain's words; the rest go out. Unlocked, a resume sends them.
        QCOMPARE(httpPost(admin(QStringLiteral("webhooks")), {{QStringLiteral("name"), QStringLiteral("hookLocked")}, {QStringLiteral("secret"), QStringLiteral("s3cret")}}).status, 200);
        QVERIFY(m_secrets->write(SecretStore::webhookSecretKey(m_appId), QStringLiteral("s3cret")).has_value());
        QVERIFY(followNow(m_appid, {QStringLiteral("oLockedCs")}));
        Template t;
        t.csText = QStringLiteral("Your parcel is out for delivery.");
        t.barkTitle = QStringLiteral("Parcel");
        t.barkBody = t.csText;
        const qint64 tid = addTemplate(t);
        Subscriber hook;
        hook.mpOpenid = QStringLiteral("oLockedHook");
        hook.webhookUrl = join(m_ws->sandboxUrl(), QStringLiteral("/webhook/hookLocked")).toString();
        const qint64 hookId = addSubscriber(hook, {Channel::Webhook});
        Subscriber wechat;
        wechat.mpOpenid = QStringLiteral("oLockedCs");
        const qint64 wechatId = addSubscriber(wechat, {Channel::WeChat});
        m_secrets->locked = true;
        const auto unlock = qScopeGuard([this]() { m_secrets->locked = false; });
        QCOMPARE(run(tid, nullptr, true), QStringLiteral("paused"));
        QCOMPARE(toString(deliveryOf(hookId).state), QStringLiteral("pending"));
        QCOMPARE(accepted(QStringLiteral("webhook"), QStringLiteral("oLockedHook")), 0);
        const QString why = ReasonText::display(BroadcastRepository(m_ws->db()).findById(m_lastBroadcast).value()->statusReason);
        QVERIFY2(why.contains(QStringLiteral("The keychain is locked.")) && why.contains(QStringLiteral("resume")), qPrintable(why));
        m_secrets->locked = false;
        QCOMPARE(resumeLast(), QStringLiteral("finished"));
        QCOMPARE(toString(deliveryOf(hookId).state), QStringLiteral("sent"));
        QCOMPARE(toString(deliveryOf(wechatId).state), QStringLiteral("sent"));
        QCOMPARE(accepted(QStringLiteral("webhook"), QStringLiteral("oLockedHook")), 1);
        QCOMPARE(accepted(QStringLiteral("custom"), QStringLiteral("oLockedCs")), 1);
    }

    void invalidPageIsResentWithoutIt()
    {
        // The mini-program's live version has one page; the template names another: 41030, then the same
        // message without the page, on the same row and credit.
        QCOMPARE(httpPost(admin(QStringLiteral("apps")), {{QStringLiteral("appid"), m_appid},
                                                          {QStringLiteral("pages"), QJsonArray{QStringLiteral("pages/index/index")}}}).status, 200);
        const auto restore = qScopeGuard([this]() {
            httpPost(admin(QStringLiteral("apps")), {{QStringLiteral("appid"), m_appid}, {QStringLiteral("pages"), QJsonArray{}}});
        });
        QCOMPARE(httpPost(admin(QStringLiteral("followers")),
                          {{QStringLiteral("appid"), m_appid},
                           {QStringLiteral("followers"), QJsonArray{QJsonObject{{QStringLiteral("openid"), QStringLiteral("mPage")}},
                                                                    QJsonObject{{QStringLiteral("openid"), QStringLiteral("mPageOk")}}}}}).status, 200);
        for (const char *openid : {"mPage", "mPageOk"})
            QCOMPARE(httpPost(admin(QStringLiteral("grants")), {{QStringLiteral("appid"), m_appid}, {QStringLiteral("openid"), QLatin1String(openid)},
                                                                 {QStringLiteral("template_id"), QStringLiteral("SUBPAGE")}, {QStringLiteral("count"), 1}}).status, 200);
        Template gone;
        gone.subscribeTemplateId = QStringLiteral("SUBPAGE");
        gone.subscribeFields = {{QStringLiteral("thing1"), QStringLiteral("Order shipped")}};
        gone.miniPage = QStringLiteral("pages/old/order?id=42");
        Template live = gone;
        live.miniPage = QStringLiteral("pages/index/index?id=42");
        Subscriber a;
        a.miniOpenid = QStringLiteral("mPage");
        const qint64 ia = addSubscriber(a, {Channel::MiniProgram});
        CreditRepository credits(m_ws->db());
        QVERIFY(credits.add({0, ia, m_appId, CreditKind::Subscribe, {}, QStringLiteral("SUBPAGE"), 1, {}}).has_value());
        QCOMPARE(run(addTemplate(gone)), QStringLiteral("finished"));
        Delivery d = deliveryOf(ia);
        QVERIFY2(d.state == DeliveryState::Sent, qPrintable(d.reason));
        QCOMPARE(d.attempts, 2);
        QCOMPARE(accepted(QStringLiteral("subscribe"), QStringLiteral("mPage")), 1);
        // A live page is sent as it is, once.
        unbindAll();
        Subscriber b;
        b.miniOpenid = QStringLiteral("mPageOk");
        const qint64 ib = addSubscriber(b, {Channel::MiniProgram});
        QVERIFY(credits.add({0, ib, m_appId, CreditKind::Subscribe, {}, QStringLiteral("SUBPAGE"), 1, {}}).has_value());
        QCOMPARE(run(addTemplate(live)), QStringLiteral("finished"));
        d = deliveryOf(ib);
        QVERIFY2(d.state == DeliveryState::Sent, qPrintable(d.reason));
        QCOMPARE(d.attempts, 1);
    }

    void templateFaultIsReportedOnce()
    {
        // The sandbox knows the template's keys; ours lacks one: 47003 for every recipient.
        QCOMPARE(httpPost(admin(QStringLiteral("templates")), {{QStringLiteral("appid"), m_appid}, {QStringLiteral("template_id"), QStringLiteral("TPL47003")},
                                                                {QStringLiteral("keys"), QJsonArray{QStringLiteral("thing1"), QStringLiteral("time2")}}}).status, 200);
        Template t;
        t.wechatTemplateId = QStringLiteral("TPL47003");
        t.wechatFields = {{QStringLiteral("thing1"), QStringLiteral("x")}};
        const qint64 tid = addTemplate(t);
        QJsonArray followers;
        for (int i = 0; i < 10; ++i) {
            followers.append(QJsonObject{{QStringLiteral("openid"), QStringLiteral("o47003-%1").arg(i)}});
            Subscriber s;
            s.mpOpenid = QStringLiteral("o47003-%1").arg(i);
            addSubscriber(s, {Channel::WeChat});
        }
        QCOMPARE(httpPost(admin(QStringLiteral("followers")), {{QStringLiteral("appid"), m_appid}, {QStringLiteral("followers"), followers}}).status, 200);
        QList<DeliveryFailure> failures;
        QCOMPARE(run(tid, &failures), QStringLiteral("finished"));
        QCOMPARE(BroadcastRepository(m_ws->db()).recount(m_lastBroadcast)->failed, qint64(10));
        QCOMPARE(failures.size(), 1);
        QVERIFY(failures.first().reason.contains(QStringLiteral("template fault")));

        // Paused as soon as the fault is reported, then resumed: still once for the whole broadcast.
        unbindAll();
        constexpr int audience = 400;
        followers = {};
        for (int i = 0; i < audience; ++i) {
            followers.append(QJsonObject{{QStringLiteral("openid"), QStringLiteral("o47003b-%1").arg(i)}});
            Subscriber s;
            s.mpOpenid = QStringLiteral("o47003b-%1").arg(i);
            addSubscriber(s, {Channel::WeChat});
        }
        QCOMPARE(httpPost(admin(QStringLiteral("followers")), {{QStringLiteral("appid"), m_appid}, {QStringLiteral("followers"), followers}}).status, 200);
        const auto id = m_ws->createBroadcast(m_appId, tid, {});
        QVERIFY(id.has_value());
        BroadcastRepository repo(m_ws->db());
        QVERIFY(repo.setCheck(*id, QStringLiteral("approved"), {}, {}).has_value());
        m_lastBroadcast = *id;
        failures.clear();
        connect(m_ws->engine(), &BroadcastEngine::deliveryFailed, this, [this, &failures, id](const DeliveryFailure &f) {
            failures.append(f);
            if (failures.size() == 1)
                m_ws->engine()->pause(*id);
        });
        const auto stopListening = qScopeGuard([this]() { disconnect(m_ws->engine(), &BroadcastEngine::deliveryFailed, this, nullptr); });
        QSignalSpy finished(m_ws->engine(), &BroadcastEngine::finished);
        m_ws->engine()->start(*id);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.last().at(2).toString(), QStringLiteral("paused"));
        QVERIFY(repo.recount(*id)->failed < audience); // the resume has rows left to fail
        QCOMPARE(resumeLast(), QStringLiteral("finished"));
        QCOMPARE(repo.recount(*id)->failed, qint64(audience));
        QCOMPARE(failures.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestChannels)
#include "tst_channels.moc"
