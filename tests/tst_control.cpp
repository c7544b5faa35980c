// Pause, resume, cancel and "retry failed" from the command line, whichever process runs the broadcast,
// and the daily quota: a broadcast stops with the reason instead of burning the audience as failures.
#include "processes.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace testsupport;

namespace {
QJsonObject lastJson(const QString &out)
{
    const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return lines.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(lines.last().toUtf8()).object();
}

QStringList dbArgs(const QString &mode, const QString &db, const QStringList &more = {})
{
    return QStringList{mode, QStringLiteral("--db"), db} + more;
}
} // namespace

class TestControl : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void pauseResumeFromTheCommandLine()
    {
        SandboxProcess sandbox;
        QVERIFY(sandbox.isRunning());
        const QString db = m_dir.filePath(QStringLiteral("pause.db"));
        QCOMPARE(runPushdesk(dbArgs(QStringLiteral("demo"), db, {QStringLiteral("--subscribers"), QStringLiteral("3000"),
                                                                  QStringLiteral("--upstream"), sandbox.url().toString()})).exitCode, 0);
        // A narrow window so that the broadcast is still running when the pause arrives.
        QProcess send;
        send.start(pushdeskBinary(), dbArgs(QStringLiteral("send"), db, {QStringLiteral("--app"), QStringLiteral("demo"),
                                                                          QStringLiteral("--template"), QStringLiteral("welcome"),
                                                                          QStringLiteral("--concurrency"), QStringLiteral("1")}));
        QVERIFY(send.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'sent'")) > 20, 30000);
        const auto pause = runPushdesk(dbArgs(QStringLiteral("pause"), db, {QStringLiteral("--broadcast"), QStringLiteral("1")}));
        QVERIFY2(pause.exitCode == 0, qPrintable(pause.err));
        QCOMPARE(lastJson(pause.out).value(QStringLiteral("status")).toString(), QStringLiteral("paused"));
        // The running send notices at its next heartbeat, drains its window and stops.
        QVERIFY(send.waitForFinished(30000));
        QCOMPARE(send.exitCode(), 0);
        QCOMPARE(lastJson(QString::fromUtf8(send.readAllStandardOutput())).value(QStringLiteral("status")).toString(),
                 QStringLiteral("paused"));
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'in_flight'")), qint64(0));
        const qint64 sentAtPause = sqlCount(db, QStringLiteral("SELECT sent FROM broadcasts WHERE id = 1"));
        QVERIFY(sentAtPause > 0);
        // A worker leaves a paused broadcast alone ...
        const auto idle = runPushdesk(dbArgs(QStringLiteral("worker"), db, {QStringLiteral("--until-idle")}));
        QCOMPARE(idle.exitCode, 0);
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT sent FROM broadcasts WHERE id = 1")), sentAtPause);
        // ... and finishes it once resumed.
        const auto resume = runPushdesk(dbArgs(QStringLiteral("resume"), db, {QStringLiteral("--broadcast"), QStringLiteral("1")}));
        QVERIFY2(resume.exitCode == 0, qPrintable(resume.err));
        const auto worker = runPushdesk(dbArgs(QStringLiteral("worker"), db, {QStringLiteral("--until-idle")}));
        QVERIFY2(worker.exitCode == 0, qPrintable(worker.err));
        const QJsonObject done = lastJson(worker.out);
        QCOMPARE(done.value(QStringLiteral("status")).toString(), QStringLiteral("finished"));
        QCOMPARE(done.value(QStringLiteral("broadcast")).toInt(), 1);
        QVERIFY(done.value(QStringLiteral("sent")).toInt() > sentAtPause);
        // Nobody twice across the pause.
        const QJsonObject accepted = httpGet(join(sandbox.url(), QStringLiteral("/sandbox/stats"))).json.value(QStringLiteral("accepted")).toObject();
        for (const auto &type : accepted)
            for (const auto &n : type.toObject())
                QCOMPARE(n.toInt(), 1);
        // Pausing a finished broadcast is refused with a reason.
        const auto late = runPushdesk(dbArgs(QStringLiteral("pause"), db, {QStringLiteral("--broadcast"), QStringLiteral("1")}));
        QCOMPARE(late.exitCode, 1);
        QVERIFY(late.err.contains(QStringLiteral("finished")));
    }

    void scheduleThenCancel()
    {
        const QString db = m_dir.filePath(QStringLiteral("schedule.db"));
        QCOMPARE(runPushdesk(dbArgs(QStringLiteral("demo"), db, {QStringLiteral("--subscribers"), QStringLiteral("50")})).exitCode, 0);
        const auto scheduled = runPushdesk(dbArgs(QStringLiteral("send"), db, {QStringLiteral("--app"), QStringLiteral("demo"),
                                                                                QStringLiteral("--template"), QStringLiteral("welcome"),
                                                                                QStringLiteral("--at"), QStringLiteral("+7d")}));
        QVERIFY2(scheduled.exitCode == 0, qPrintable(scheduled.err));
        const QJsonObject s = lastJson(scheduled.out);
        QCOMPARE(s.value(QStringLiteral("status")).toString(), QStringLiteral("scheduled"));
        const QDateTime at = QDateTime::fromString(s.value(QStringLiteral("scheduled_at")).toString(), Qt::ISODate);
        QVERIFY(at > QDateTime::currentDateTime().addDays(6));
        // Not due: a worker has nothing to do and sends nothing.
        QCOMPARE(runPushdesk(dbArgs(QStringLiteral("worker"), db, {QStringLiteral("--until-idle")})).exitCode, 0);
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries")), qint64(0));
        const auto cancel = runPushdesk(dbArgs(QStringLiteral("cancel"), db, {QStringLiteral("--broadcast"), QStringLiteral("1")}));
        QVERIFY2(cancel.exitCode == 0, qPrintable(cancel.err));
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM broadcasts WHERE status = 'cancelled'")), qint64(1));
        // Bad times are refused.
        const auto bad = runPushdesk(dbArgs(QStringLiteral("send"), db, {QStringLiteral("--app"), QStringLiteral("demo"),
                                                                          QStringLiteral("--template"), QStringLiteral("welcome"),
                                                                          QStringLiteral("--at"), QStringLiteral("tomorrowish")}));
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains(QStringLiteral("--at")));
        // A time long past is a mistake, not "now".
        const auto past = runPushdesk(dbArgs(QStringLiteral("send"), db, {QStringLiteral("--app"), QStringLiteral("demo"),
                                                                           QStringLiteral("--template"), QStringLiteral("welcome"),
                                                                           QStringLiteral("--at"), QStringLiteral("2020-01-01 09:00")}));
        QCOMPARE(past.exitCode, 2);
        QVERIFY2(past.err.contains(QStringLiteral("past")), qPrintable(past.err));
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM broadcasts")), qint64(1));
    }

    void dryRunSendsNothing()
    {
        SandboxProcess sandbox;
        QVERIFY(sandbox.isRunning());
        const QString db = m_dir.filePath(QStringLiteral("dry.db"));
        QCOMPARE(runPushdesk(dbArgs(QStringLiteral("demo"), db, {QStringLiteral("--subscribers"), QStringLiteral("500"),
                                                                  QStringLiteral("--upstream"), sandbox.url().toString()})).exitCode, 0);
        const QStringList sendArgs{QStringLiteral("--app"), QStringLiteral("demo"), QStringLiteral("--template"), QStringLiteral("welcome")};
        const auto dry = runPushdesk(dbArgs(QStringLiteral("send"), db, sendArgs + QStringList{QStringLiteral("--dry-run")}));
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err));
        const QJsonObject would = lastJson(dry.out);
        QVERIFY(would.value(QStringLiteral("dry_run")).toBool());
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM broadcasts")), qint64(0));
        const QJsonObject accepted = httpGet(join(sandbox.url(), QStringLiteral("/sandbox/stats"))).json.value(QStringLiteral("accepted")).toObject();
        for (const auto &type : accepted)
            QVERIFY(type.toObject().isEmpty());
        // The real send agrees with the forecast: pushed = sent + failed, inbox and skipped equal.
        const auto real = runPushdesk(dbArgs(QStringLiteral("send"), db, sendArgs));
        QVERIFY2(real.exitCode == 0, qPrintable(real.err));
        const QJsonObject did = lastJson(real.out);
        QCOMPARE(did.value(QStringLiteral("sent")).toInt() + did.value(QStringLiteral("failed")).toInt(),
                 would.value(QStringLiteral("sent")).toInt());
        QCOMPARE(did.value(QStringLiteral("inbox")).toInt(), would.value(QStringLiteral("inbox")).toInt());
        QCOMPARE(did.value(QStringLiteral("skipped")).toInt(), would.value(QStringLiteral("skipped")).toInt());
    }

    void dailyQuotaStopsWithAReason()
    {
        SandboxProcess sandbox;
        QVERIFY(sandbox.isRunning());
        const QString db = m_dir.filePath(QStringLiteral("quota.db"));
        QCOMPARE(runPushdesk(dbArgs(QStringLiteral("demo"), db, {QStringLiteral("--subscribers"), QStringLiteral("400"),
                                                                  QStringLiteral("--upstream"), sandbox.url().toString()})).exitCode, 0);
        QCOMPARE(sqlCount(db, QStringLiteral("UPDATE apps SET daily_quota = 40 WHERE name = 'demo' RETURNING daily_quota")), qint64(40));
        const auto send = runPushdesk(dbArgs(QStringLiteral("send"), db, {QStringLiteral("--app"), QStringLiteral("demo"),
                                                                           QStringLiteral("--template"), QStringLiteral("welcome")}));
        QVERIFY2(send.exitCode == 0, qPrintable(send.err));
        const QJsonObject stopped = lastJson(send.out);
        // It goes on tomorrow by itself; nothing was burnt as failures.
        QCOMPARE(stopped.value(QStringLiteral("status")).toString(), QStringLiteral("scheduled"));
        QCOMPARE(stopped.value(QStringLiteral("sent")).toInt(), 40);
        QVERIFY(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'pending'")) > 100);
        QVERIFY(sqlCount(db, QStringLiteral("SELECT scheduled_at FROM broadcasts WHERE id = 1")) > QDateTime::currentMSecsSinceEpoch());
        // The line says why and until when; stderr says it in words.
        QVERIFY2(stopped.value(QStringLiteral("reason")).toString().contains(QStringLiteral("quota")), qPrintable(send.out));
        QVERIFY(QDateTime::fromString(stopped.value(QStringLiteral("resumes_at")).toString(), Qt::ISODate) > QDateTime::currentDateTime());
        QVERIFY2(send.err.contains(QStringLiteral("quota")), qPrintable(send.err));
        // Raising the quota and resuming finishes it.
        sqlCount(db, QStringLiteral("UPDATE apps SET daily_quota = 0 WHERE name = 'demo' RETURNING 0"));
        QCOMPARE(runPushdesk(dbArgs(QStringLiteral("resume"), db, {QStringLiteral("--broadcast"), QStringLiteral("1")})).exitCode, 0);
        const auto worker = runPushdesk(dbArgs(QStringLiteral("worker"), db, {QStringLiteral("--until-idle")}));
        QCOMPARE(lastJson(worker.out).value(QStringLiteral("status")).toString(), QStringLiteral("finished"));
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'pending'")), qint64(0));
    }

    void retryFailedRedrivesOnlyTheFailed()
    {
        SandboxProcess sandbox;
        QVERIFY(sandbox.isRunning());
        const QString db = m_dir.filePath(QStringLiteral("retry.db"));
        QCOMPARE(runPushdesk(dbArgs(QStringLiteral("demo"), db, {QStringLiteral("--subscribers"), QStringLiteral("300"),
                                                                  QStringLiteral("--upstream"), sandbox.url().toString()})).exitCode, 0);
        const auto send = runPushdesk(dbArgs(QStringLiteral("send"), db, {QStringLiteral("--app"), QStringLiteral("demo"),
                                                                           QStringLiteral("--template"), QStringLiteral("welcome")}));
        QCOMPARE(send.exitCode, 0);
        const int failed = lastJson(send.out).value(QStringLiteral("failed")).toInt();
        const int sent = lastJson(send.out).value(QStringLiteral("sent")).toInt();
        QVERIFY2(failed > 0, qPrintable(send.out + send.err));
        // Permanent drops (an invalid openid) are not re-driven.
        const QString drop = QStringLiteral(" AND errcode IN (40003)");
        const qint64 drops = sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'failed'") + drop);
        const auto retry = runPushdesk(dbArgs(QStringLiteral("retry"), db, {QStringLiteral("--broadcast"), QStringLiteral("1")}));
        QVERIFY2(retry.exitCode == 0, qPrintable(retry.err));
        QVERIFY2(retry.out.contains(QString::number(failed - drops)), qPrintable(retry.out));
        const auto worker = runPushdesk(dbArgs(QStringLiteral("worker"), db, {QStringLiteral("--until-idle")}));
        const QJsonObject after = lastJson(worker.out);
        QCOMPARE(after.value(QStringLiteral("status")).toString(), QStringLiteral("finished"));
        // Those still failing fail again; the sent ones were not touched (nobody twice).
        QCOMPARE(after.value(QStringLiteral("sent")).toInt(), sent);
        QCOMPARE(after.value(QStringLiteral("failed")).toInt(), failed);
        QVERIFY(sqlCount(db, QStringLiteral("SELECT MIN(attempts) FROM deliveries WHERE state = 'failed' AND errcode NOT IN (40003)")) >= 2);
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'failed' AND attempts = 1") + drop), drops);
        const QJsonObject accepted = httpGet(join(sandbox.url(), QStringLiteral("/sandbox/stats"))).json.value(QStringLiteral("accepted")).toObject();
        for (const auto &type : accepted)
            for (const auto &n : type.toObject())
                QCOMPARE(n.toInt(), 1);
    }

    void retryReDrivesOnlyAnEndedBroadcast()
    {
        SandboxProcess sandbox;
        QVERIFY(sandbox.isRunning());
        const QString db = m_dir.filePath(QStringLiteral("retrycancel.db"));
        QCOMPARE(runPushdesk(dbArgs(QStringLiteral("demo"), db, {QStringLiteral("--subscribers"), QStringLiteral("2000"),
                                                                  QStringLiteral("--upstream"), sandbox.url().toString()})).exitCode, 0);
        QProcess send;
        send.start(pushdeskBinary(), dbArgs(QStringLiteral("send"), db, {QStringLiteral("--app"), QStringLiteral("demo"),
                                                                          QStringLiteral("--template"), QStringLiteral("welcome"),
                                                                          QStringLiteral("--concurrency"), QStringLiteral("1")}));
        QVERIFY(send.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state IN ('sent', 'failed')")) > 40, 30000);
        QCOMPARE(runPushdesk(dbArgs(QStringLiteral("cancel"), db, {QStringLiteral("--broadcast"), QStringLiteral("1")})).exitCode, 0);
        QVERIFY(send.waitForFinished(30000));
        QCOMPARE(lastJson(QString::fromUtf8(send.readAllStandardOutput())).value(QStringLiteral("status")).toString(),
                 QStringLiteral("cancelled"));
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT audience_done FROM broadcasts WHERE id = 1")), qint64(0)); // people never reached
        const qint64 rows = sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries"));
        const QString retryable = QStringLiteral("FROM deliveries WHERE state = 'failed' AND errcode NOT IN (40003)");
        const qint64 toRetry = sqlCount(db, QStringLiteral("SELECT COUNT(*) ") + retryable);
        const qint64 drops = sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'failed'")) - toRetry;
        const auto countAccepted = [&sandbox]() {
            qint64 n = 0;
            const QJsonObject accepted = httpGet(join(sandbox.url(), QStringLiteral("/sandbox/stats"))).json.value(QStringLiteral("accepted")).toObject();
            for (const auto &type : accepted)
                for (const auto &v : type.toObject())
                    n += v.toInt();
            return n;
        };
        const qint64 acceptedBefore = countAccepted();

        const auto retry = runPushdesk(dbArgs(QStringLiteral("retry"), db, {QStringLiteral("--broadcast"), QStringLiteral("1")}));
        QVERIFY2(retry.exitCode == 0, qPrintable(retry.err));
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'pending'")), toRetry);
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'failed'")), drops); // permanent drops stay
        const auto worker = runPushdesk(dbArgs(QStringLiteral("worker"), db, {QStringLiteral("--until-idle")}));
        QVERIFY2(worker.exitCode == 0, qPrintable(worker.err));
        // Only the re-driven rows went out: nobody the cancel stopped was planned or sent to.
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries")), rows);
        QVERIFY(countAccepted() - acceptedBefore <= toRetry);
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'pending'")), qint64(0));

        // A paused broadcast is resumed, not re-driven (that would quietly resume it).
        const auto later = runPushdesk(dbArgs(QStringLiteral("send"), db, {QStringLiteral("--app"), QStringLiteral("demo"),
                                                                            QStringLiteral("--template"), QStringLiteral("welcome"),
                                                                            QStringLiteral("--at"), QStringLiteral("+7d")}));
        QCOMPARE(later.exitCode, 0);
        QCOMPARE(runPushdesk(dbArgs(QStringLiteral("pause"), db, {QStringLiteral("--broadcast"), QStringLiteral("2")})).exitCode, 0);
        const auto refused = runPushdesk(dbArgs(QStringLiteral("retry"), db, {QStringLiteral("--broadcast"), QStringLiteral("2")}));
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("resume")), qPrintable(refused.err));
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM broadcasts WHERE id = 2 AND status = 'paused'")), qint64(1));
    }

    void aStopUnderWaySurvivesSigterm()
    {
        // Slow answers, so that the window is still draining when the signal comes.
        SandboxProcess sandbox({QStringLiteral("--latency-ms"), QStringLiteral("1500")});
        QVERIFY(sandbox.isRunning());
        const QString db = m_dir.filePath(QStringLiteral("sigterm.db"));
        QCOMPARE(runPushdesk(dbArgs(QStringLiteral("demo"), db, {QStringLiteral("--subscribers"), QStringLiteral("600"),
                                                                  QStringLiteral("--upstream"), sandbox.url().toString()})).exitCode, 0);
        const QString inFlight = QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'in_flight'");
        QProcess send;
        send.start(pushdeskBinary(), dbArgs(QStringLiteral("send"), db, {QStringLiteral("--app"), QStringLiteral("demo"),
                                                                          QStringLiteral("--template"), QStringLiteral("welcome"),
                                                                          QStringLiteral("--concurrency"), QStringLiteral("8")}));
        QVERIFY(send.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(sqlCount(db, inFlight) > 0, 30000);
        QCOMPARE(runPushdesk(dbArgs(QStringLiteral("pause"), db, {QStringLiteral("--broadcast"), QStringLiteral("1")})).exitCode, 0);
        send.terminate(); // SIGTERM while the pause drains (or before the engine has seen it)
        QVERIFY(send.waitForFinished(30000));
        QCOMPARE(send.exitCode(), 0);
        QCOMPARE(lastJson(QString::fromUtf8(send.readAllStandardOutput())).value(QStringLiteral("status")).toString(),
                 QStringLiteral("paused"));
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM broadcasts WHERE id = 1 AND status = 'paused'")), qint64(1));
        QCOMPARE(sqlCount(db, inFlight), qint64(0));
        const qint64 settled = sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state <> 'pending'"));
        // Still paused: a worker leaves it alone.
        QCOMPARE(runPushdesk(dbArgs(QStringLiteral("worker"), db, {QStringLiteral("--until-idle")})).exitCode, 0);
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state <> 'pending'")), settled);

        // The same for a cancel, under a worker.
        QCOMPARE(runPushdesk(dbArgs(QStringLiteral("resume"), db, {QStringLiteral("--broadcast"), QStringLiteral("1")})).exitCode, 0);
        QProcess worker;
        worker.start(pushdeskBinary(), dbArgs(QStringLiteral("worker"), db, {QStringLiteral("--concurrency"), QStringLiteral("8")}));
        QVERIFY(worker.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(sqlCount(db, inFlight) > 0, 30000);
        QCOMPARE(runPushdesk(dbArgs(QStringLiteral("cancel"), db, {QStringLiteral("--broadcast"), QStringLiteral("1")})).exitCode, 0);
        worker.terminate();
        QVERIFY(worker.waitForFinished(30000));
        QCOMPARE(worker.exitCode(), 0);
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM broadcasts WHERE id = 1 AND status = 'cancelled'")), qint64(1));
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state IN ('pending', 'in_flight')")), qint64(0));
        const qint64 rows = sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries"));
        QCOMPARE(runPushdesk(dbArgs(QStringLiteral("worker"), db, {QStringLiteral("--until-idle")})).exitCode, 0);
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries")), rows);
        // Nobody twice.
        const QJsonObject accepted = httpGet(join(sandbox.url(), QStringLiteral("/sandbox/stats"))).json.value(QStringLiteral("accepted")).toObject();
        for (const auto &type : accepted)
            for (const auto &n : type.toObject())
                QCOMPARE(n.toInt(), 1);
    }

    void sendRunsOnlyItsOwnBroadcast()
    {
        SandboxProcess sandbox;
        QVERIFY(sandbox.isRunning());
        const QString db = m_dir.filePath(QStringLiteral("own.db"));
        QCOMPARE(runPushdesk(dbArgs(QStringLiteral("demo"), db, {QStringLiteral("--subscribers"), QStringLiteral("300"),
                                                                  QStringLiteral("--upstream"), sandbox.url().toString()})).exitCode, 0);
        // Another app's broadcast, due now and waiting for a worker.
        QCOMPARE(runPushdesk(dbArgs(QStringLiteral("send"), db, {QStringLiteral("--app"), QStringLiteral("demo"),
                                                                  QStringLiteral("--template"), QStringLiteral("welcome"),
                                                                  QStringLiteral("--at"), QStringLiteral("+7d")})).exitCode, 0);
        QCOMPARE(sqlCount(db, QStringLiteral("UPDATE broadcasts SET scheduled_at = 1 WHERE id = 1 RETURNING 1")), qint64(1));
        const auto send = runPushdesk(dbArgs(QStringLiteral("send"), db, {QStringLiteral("--app"), QStringLiteral("orders"),
                                                                           QStringLiteral("--template"), QStringLiteral("order_shipped"),
                                                                           QStringLiteral("--var"), QStringLiteral("order=A1"),
                                                                           QStringLiteral("--var"), QStringLiteral("eta=today")}));
        QVERIFY2(send.exitCode == 0, qPrintable(send.err));
        const QJsonObject done = lastJson(send.out);
        QCOMPARE(done.value(QStringLiteral("broadcast")).toInt(), 2);
        QCOMPARE(done.value(QStringLiteral("status")).toString(), QStringLiteral("finished"));
        QVERIFY2(!send.err.contains(QStringLiteral("broadcast 1")), qPrintable(send.err));
        // The other one is still waiting, untouched, for a worker or a console.
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM broadcasts WHERE id = 1 AND status = 'scheduled'")), qint64(1));
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE broadcast_id = 1")), qint64(0));
    }

    void failedBroadcastResumes()
    {
        SandboxProcess sandbox;
        QVERIFY(sandbox.isRunning());
        const QString db = m_dir.filePath(QStringLiteral("failed.db"));
        QCOMPARE(runPushdesk(dbArgs(QStringLiteral("demo"), db, {QStringLiteral("--subscribers"), QStringLiteral("2000"),
                                                                  QStringLiteral("--upstream"), sandbox.url().toString()})).exitCode, 0);
        QProcess send;
        send.start(pushdeskBinary(), dbArgs(QStringLiteral("send"), db, {QStringLiteral("--app"), QStringLiteral("demo"),
                                                                          QStringLiteral("--template"), QStringLiteral("welcome"),
                                                                          QStringLiteral("--concurrency"), QStringLiteral("4")}));
        QVERIFY(send.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'sent'")) > 50, 30000);
        send.kill();
        QVERIFY(send.waitForFinished(30000));
        // As a run that stopped on an error leaves it (a locked database, a closed keychain): failed, rows still in flight.
        QCOMPARE(sqlCount(db, QStringLiteral("UPDATE broadcasts SET status = 'failed', owner = '' WHERE id = 1 RETURNING 1")), qint64(1));
        const qint64 leftInFlight = sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'in_flight'"));
        // Re-driving its failures would also send to everyone it had not reached: refused, resume instead.
        const auto retry = runPushdesk(dbArgs(QStringLiteral("retry"), db, {QStringLiteral("--broadcast"), QStringLiteral("1")}));
        QCOMPARE(retry.exitCode, 1);
        QVERIFY2(retry.err.contains(QStringLiteral("resume")), qPrintable(retry.err));
        const auto resume = runPushdesk(dbArgs(QStringLiteral("resume"), db, {QStringLiteral("--broadcast"), QStringLiteral("1")}));
        QVERIFY2(resume.exitCode == 0, qPrintable(resume.err));
        const auto worker = runPushdesk(dbArgs(QStringLiteral("worker"), db, {QStringLiteral("--until-idle")}));
        QVERIFY2(worker.exitCode == 0, qPrintable(worker.err));
        QCOMPARE(lastJson(worker.out).value(QStringLiteral("status")).toString(), QStringLiteral("finished"));
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state IN ('pending', 'in_flight')")), qint64(0));
        QCOMPARE(sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'uncertain'")), leftInFlight);
        const QJsonObject accepted = httpGet(join(sandbox.url(), QStringLiteral("/sandbox/stats"))).json.value(QStringLiteral("accepted")).toObject();
        for (const auto &type : accepted)
            for (const auto &n : type.toObject())
                QCOMPARE(n.toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestControl)
#include "tst_control.moc"
