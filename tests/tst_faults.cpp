// A broadcast under a fault mix (5% HTTP 5xx, 2% dropped connections, 1% malformed JSON, token expiry
// every 1,000 calls) finishes with every recipient accounted for, and retries and token refreshes stay
// within their bounds.
#include "processes.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QTest>

using namespace testsupport;

class TestFaults : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void faultMix()
    {
        SandboxProcess sandbox({QStringLiteral("--http5xx-rate"), QStringLiteral("0.05"), QStringLiteral("--drop-rate"),
                                QStringLiteral("0.02"), QStringLiteral("--malformed-rate"), QStringLiteral("0.01"),
                                QStringLiteral("--token-expiry-every"), QStringLiteral("1000"), QStringLiteral("--fault-seed"),
                                QStringLiteral("7")});
        QVERIFY(sandbox.isRunning());
        const QString db = m_dir.filePath(QStringLiteral("faults.db"));
        const auto demo = runPushdesk({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--subscribers"),
                                       QStringLiteral("5000"), QStringLiteral("--upstream"), sandbox.url().toString()});
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
        const auto send = runPushdesk({QStringLiteral("send"), QStringLiteral("--db"), db, QStringLiteral("--app"),
                                       QStringLiteral("demo"), QStringLiteral("--template"), QStringLiteral("welcome")});
        QVERIFY2(send.exitCode == 0, qPrintable(send.err));
        const QJsonObject counts = QJsonDocument::fromJson(send.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).last().toUtf8()).object();
        QCOMPARE(counts.value(QStringLiteral("status")).toString(), QStringLiteral("finished"));

        // Every recipient accounted for.
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state IN ('pending', 'in_flight', 'uncertain')")), qint64(0));
        const qint64 rows = sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries"));
        QCOMPARE(rows, qint64(counts.value(QStringLiteral("total")).toInt()));

        const auto stats = httpGet(join(sandbox.url(), QStringLiteral("/sandbox/stats")));
        const QJsonObject faults = stats.json.value(QStringLiteral("faults")).toObject();
        const int http5xx = faults.value(QStringLiteral("http5xx")).toInt();
        const int dropped = faults.value(QStringLiteral("dropped")).toInt();
        const int malformed = faults.value(QStringLiteral("malformed")).toInt();
        const int expired = faults.value(QStringLiteral("token_expired")).toInt();
        QVERIFY2(http5xx > 50 && dropped > 20 && malformed > 5 && expired >= 3,
                 qPrintable(QString::fromUtf8(QJsonDocument(faults).toJson(QJsonDocument::Compact))));

        // Retries: transient faults were retried, within the bound of 1 + 3 retries (+1 for a token
        // refresh, +1 for the template fallback) per row.
        const qint64 retried = sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE attempts > 1 AND route = 'bark'"));
        QVERIFY(retried > 0);
        QVERIFY(sqlCount(db, QStringLiteral("SELECT MAX(attempts) FROM deliveries")) <= 6);
        // A malformed answer is not re-sent blindly (the message may have arrived): it fails, and says why.
        const qint64 unreadable = sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE reason LIKE '%unreadable answer%'"));
        QVERIFY(unreadable > 0);
        QVERIFY(unreadable <= malformed);
        // Other failures are the demo's own (unfollowed users, stale Bark keys), or a fault that struck every retry.
        QVERIFY(counts.value(QStringLiteral("failed")).toInt() < rows / 10);
        // Token refreshes: single-flight, about one per expiry, not one per waiting request.
        const int tokens = stats.json.value(QStringLiteral("tokens_issued")).toInt();
        QVERIFY2(tokens >= 1 + expired / 2 && tokens <= 2 + expired,
                 qPrintable(QStringLiteral("%1 tokens for %2 expiries").arg(tokens).arg(expired)));

        // Nobody twice, whatever the faults.
        const QJsonObject accepted = stats.json.value(QStringLiteral("accepted")).toObject();
        QHash<QString, int> perPerson;
        for (const char *type : {"custom", "template"}) {
            const QJsonObject m = accepted.value(QLatin1String(type)).toObject();
            for (auto it = m.begin(); it != m.end(); ++it)
                perPerson[it.key()] += it.value().toInt();
        }
        for (auto it = perPerson.cbegin(); it != perPerson.cend(); ++it)
            QVERIFY2(it.value() == 1, qPrintable(it.key()));
    }

    void wechatBusyIsRetriedAndQuotaPauses()
    {
        // -1 (busy) on every answer: retried as WxJava does (after 1 s, 2 s, 4 s, 8 s, 16 s), then a failure that names
        // the code.
        {
            SandboxProcess busy({QStringLiteral("--error-rate"), QStringLiteral("-1=1.0")});
            QVERIFY(busy.isRunning());
            const QString db = m_dir.filePath(QStringLiteral("busy.db"));
            QCOMPARE(runPushdesk({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--subscribers"),
                                  QStringLiteral("20"), QStringLiteral("--upstream"), busy.url().toString()}).exitCode, 0);
            const auto send = runPushdesk({QStringLiteral("send"), QStringLiteral("--db"), db, QStringLiteral("--app"),
                                           QStringLiteral("demo"), QStringLiteral("--template"), QStringLiteral("welcome")});
            // msg_sec_check is busy too: never sent unchecked, the broadcast is held with the reason ...
            QCOMPARE(send.exitCode, 1);
            QVERIFY2(send.err.contains(QStringLiteral("held")), qPrintable(send.err));
            QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries")), qint64(0));
            // ... until an operator approves it.
            QCOMPARE(runPushdesk({QStringLiteral("resume"), QStringLiteral("--db"), db, QStringLiteral("--broadcast"), QStringLiteral("1")}).exitCode, 0);
            QCOMPARE(runPushdesk({QStringLiteral("worker"), QStringLiteral("--db"), db, QStringLiteral("--until-idle")}).exitCode, 0);
            QVERIFY(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE route = 'custom' AND errcode = -1 AND attempts = 6")) > 0);
            QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE channel = 'wechat' AND state = 'sent'")), qint64(0));
        }
        // The upstream's daily quota (45009): the broadcast pauses with the reason, the rest stays pending.
        SandboxProcess quota({QStringLiteral("--daily-quota"), QStringLiteral("30")});
        QVERIFY(quota.isRunning());
        const QString db = m_dir.filePath(QStringLiteral("quota45009.db"));
        QCOMPARE(runPushdesk({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--subscribers"),
                              QStringLiteral("300"), QStringLiteral("--upstream"), quota.url().toString()}).exitCode, 0);
        const auto send = runPushdesk({QStringLiteral("send"), QStringLiteral("--db"), db, QStringLiteral("--app"),
                                       QStringLiteral("demo"), QStringLiteral("--template"), QStringLiteral("welcome")});
        QCOMPARE(send.exitCode, 0);
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM broadcasts WHERE status = 'paused' AND status_reason LIKE '%45009%'")), qint64(1));
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE errcode = 45009 AND state = 'failed'")), qint64(0));
        QVERIFY(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'pending'")) > 50);
        // The quota is cleared upstream; resuming sends the rest.
        const auto cleared = httpPost(join(quota.url(), QStringLiteral("/sandbox/admin/quota")),
                                      {{QStringLiteral("daily_quota"), 0}});
        QCOMPARE(cleared.status, 200);
        QCOMPARE(runPushdesk({QStringLiteral("resume"), QStringLiteral("--db"), db, QStringLiteral("--broadcast"), QStringLiteral("1")}).exitCode, 0);
        const auto worker = runPushdesk({QStringLiteral("worker"), QStringLiteral("--db"), db, QStringLiteral("--until-idle")});
        QVERIFY(worker.out.contains(QStringLiteral("\"status\":\"finished\"")));
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'pending'")), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
