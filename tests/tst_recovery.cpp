// Crash recovery (invariant 3): kill -9 at random points of a 20,000-recipient broadcast, again and
// again; every restart resumes, nobody is sent twice, every eligible recipient is accounted for, and no
// restart leaves more rows uncertain than the window.
#include "processes.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace testsupport;

// Rows whose outcome is on record (sent, failed, skipped, uncertain…).
static qint64 settled(const QString &db)
{
    return sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state NOT IN ('pending', 'in_flight')"));
}

class TestRecovery : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void killNineAtRandomPoints()
    {
        constexpr int kRecipients = 20000;
        constexpr int kWindow = 64;
        constexpr int kKills = 10;
        SandboxProcess sandbox;
        QVERIFY(sandbox.isRunning());
        const QString db = m_dir.filePath(QStringLiteral("recovery.db"));
        const auto demo = runPushdesk({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--subscribers"),
                                       QString::number(kRecipients), QStringLiteral("--upstream"), sandbox.url().toString()});
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));

        QRandomGenerator rng(QRandomGenerator::global()->generate());
        qint64 uncertainBefore = 0;
        qint64 settledBefore = 0;
        int kills = 0;
        for (int round = 0; round < kKills + 20 && kills < kKills; ++round) {
            QProcess p;
            const QStringList args = round == 0
                ? QStringList{QStringLiteral("send"), QStringLiteral("--db"), db, QStringLiteral("--app"), QStringLiteral("demo"),
                              QStringLiteral("--template"), QStringLiteral("welcome"), QStringLiteral("--concurrency"),
                              QString::number(kWindow)}
                : QStringList{QStringLiteral("worker"), QStringLiteral("--db"), db, QStringLiteral("--until-idle"),
                              QStringLiteral("--concurrency"), QString::number(kWindow)};
            p.start(pushdeskBinary(), args);
            QVERIFY(p.waitForStarted());
            QSignalSpy ended(&p, &QProcess::finished);
            // A random point of the run, measured in progress rather than time so that the kills land
            // mid-broadcast however fast this machine is: kill once a random number of further rows has
            // settled. The kill is the test; the polling is only the trigger.
            const qint64 target = settledBefore + 150 + qint64(rng.bounded(1000));
            QTRY_VERIFY_WITH_TIMEOUT(p.state() != QProcess::Running || settled(db) >= target, 120000);
            if (p.state() == QProcess::Running)
                p.kill(); // SIGKILL
            QVERIFY(ended.count() > 0 || ended.wait(120000));
            settledBefore = settled(db);
            if (p.exitStatus() == QProcess::NormalExit) {
                // It finished before the kill: nothing more to recover.
                QVERIFY2(p.exitCode() == 0, qPrintable(QStringLiteral("round %1 exited %2: %3")
                                                           .arg(round)
                                                           .arg(p.exitCode())
                                                           .arg(QString::fromLocal8Bit(p.readAllStandardError().right(2000)))));
                break;
            }
            ++kills;
            const qint64 inFlight = sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'in_flight'"));
            QVERIFY2(inFlight <= kWindow, qPrintable(QStringLiteral("%1 rows in flight after a kill").arg(inFlight)));
            const qint64 uncertain = sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'uncertain'"));
            QVERIFY(uncertain - uncertainBefore <= kWindow);
            uncertainBefore = uncertain;
        }
        QVERIFY2(kills == kKills, qPrintable(QStringLiteral("only %1 kills landed").arg(kills)));

        // The last restart runs to the end.
        const auto last = runPushdesk({QStringLiteral("worker"), QStringLiteral("--db"), db, QStringLiteral("--until-idle")});
        QVERIFY2(last.exitCode == 0, qPrintable(last.err));
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM broadcasts WHERE status = 'finished'")), qint64(1));
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state IN ('pending', 'in_flight')")), qint64(0));
        const qint64 uncertain = sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'uncertain'"));
        QVERIFY(uncertain <= qint64(kWindow) * kills);
        // Listed for the operator, from the command line too: one JSON line per uncertain delivery.
        const auto listed = runPushdesk({QStringLiteral("uncertain"), QStringLiteral("--db"), db, QStringLiteral("--broadcast"), QStringLiteral("1")});
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
        const QStringList lines = listed.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(qint64(lines.size()), uncertain);
        for (const QString &line : lines)
            QVERIFY2(QJsonDocument::fromJson(line.toUtf8()).object().value(QStringLiteral("delivery")).toInteger() > 0, qPrintable(line));

        // Every eligible recipient is accounted for: one row per planned channel, all of the audience.
        const qint64 rows = sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries"));
        const qint64 expected = sqlCount(db, QStringLiteral(
            "SELECT SUM(CASE WHEN b.channels LIKE '%bark%' AND ((b.state = 'active' AND b.reminder = 'strong') OR s.opted_out = 1) "
            "THEN 2 ELSE 1 END) FROM bindings b JOIN subscribers s ON s.id = b.subscriber_id JOIN apps a ON a.id = b.app_id "
            "WHERE a.name = 'demo' AND b.state IN ('active', 'muted') AND b.reminder IN ('strong', 'weak')"));
        QCOMPARE(rows, expected);

        // Nobody twice: the sandbox's own counts.
        const auto stats = httpGet(join(sandbox.url(), QStringLiteral("/sandbox/stats")));
        QCOMPARE(stats.status, 200);
        const QJsonObject accepted = stats.json.value(QStringLiteral("accepted")).toObject();
        QHash<QString, int> wechatPerPerson;
        qint64 acceptedTotal = 0;
        for (const char *type : {"custom", "template"}) {
            const QJsonObject perRecipient = accepted.value(QLatin1String(type)).toObject();
            for (auto it = perRecipient.begin(); it != perRecipient.end(); ++it) {
                wechatPerPerson[it.key()] += it.value().toInt();
                acceptedTotal += it.value().toInt();
            }
        }
        for (auto it = wechatPerPerson.cbegin(); it != wechatPerPerson.cend(); ++it)
            QVERIFY2(it.value() == 1, qPrintable(QStringLiteral("%1 received %2 WeChat messages").arg(it.key()).arg(it.value())));
        const QJsonObject bark = accepted.value(QStringLiteral("bark")).toObject();
        for (auto it = bark.begin(); it != bark.end(); ++it) {
            QVERIFY2(it.value().toInt() == 1, qPrintable(it.key()));
            acceptedTotal += 1;
        }
        // What the log says was sent arrived; what arrived beyond it can only be uncertain rows.
        const qint64 sent = sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'sent'"));
        QVERIFY(acceptedTotal >= sent);
        QVERIFY(acceptedTotal <= sent + uncertain);
    }
};

QTEST_GUILESS_MAIN(TestRecovery)
#include "tst_recovery.moc"
