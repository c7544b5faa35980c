// The pushdesk binary's headless modes, as a person or cron would run them.
#include "sandbox/sandboxserver.h"
#include "testsupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using testsupport::runPushdesk;

class TestCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    static QJsonObject lastJsonLine(const QString &out)
    {
        const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        return lines.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(lines.last().toUtf8()).object();
    }

    static bool oneLine(const QString &err)
    {
        return err.trimmed().count(QLatin1Char('\n')) == 0 && !err.trimmed().isEmpty();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(testsupport::pushdeskBinary()), "PUSHDESK_BINARY must name the built binary");
    }

    void helpListsEveryMode()
    {
        const auto r = runPushdesk({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char *mode : {"demo", "send", "sandbox", "--db"})
            QVERIFY2(r.out.contains(QLatin1String(mode)), mode);
        const auto sendHelp = runPushdesk({QStringLiteral("send"), QStringLiteral("--help")});
        QCOMPARE(sendHelp.exitCode, 0);
        QVERIFY(sendHelp.out.contains(QStringLiteral("--template")));
    }

    void demoThenSend()
    {
        const QString db = m_dir.filePath(QStringLiteral("cli.db"));
        const auto demo = runPushdesk({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--subscribers"), QStringLiteral("300")});
        QCOMPARE(demo.exitCode, 0);
        QVERIFY(demo.out.contains(QStringLiteral("300 subscribers")));
        QVERIFY(QFile::exists(db + QStringLiteral(".sandbox.json")));
        // A second demo into the same file is refused, and changes nothing.
        const auto again = runPushdesk({QStringLiteral("demo"), QStringLiteral("--db"), db});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(oneLine(again.err));

        const auto send = runPushdesk({QStringLiteral("send"), QStringLiteral("--db"), db, QStringLiteral("--app"),
                                       QStringLiteral("demo"), QStringLiteral("--template"), QStringLiteral("welcome")});
        QVERIFY2(send.exitCode == 0, qPrintable(send.err));
        const QJsonObject counts = lastJsonLine(send.out);
        for (const char *key : {"sent", "inbox", "skipped", "failed", "uncertain"})
            QVERIFY2(counts.contains(QLatin1String(key)), key);
        QCOMPARE(counts.value(QStringLiteral("status")).toString(), QStringLiteral("finished"));
        QVERIFY(counts.value(QStringLiteral("sent")).toInt() > 100);
        QVERIFY(counts.value(QStringLiteral("failed")).toInt() > 0); // stale Bark keys, unfollowed users
        QCOMPARE(counts.value(QStringLiteral("uncertain")).toInt(), 0);
        QVERIFY(send.err.contains(QStringLiteral("broadcast")) || send.err.isEmpty());

        // Variables on the command line.
        const auto vars = runPushdesk({QStringLiteral("send"), QStringLiteral("--db"), db, QStringLiteral("--app"), QStringLiteral("demo"),
                                       QStringLiteral("--template"), QStringLiteral("order_shipped"), QStringLiteral("--var"),
                                       QStringLiteral("order=A-17"), QStringLiteral("--var"), QStringLiteral("eta=tomorrow")});
        QVERIFY2(vars.exitCode == 0, qPrintable(vars.err));
        QVERIFY(lastJsonLine(vars.out).value(QStringLiteral("sent")).toInt() > 100);
    }

    void badArgumentsGetOneClearLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("says");
        const QString db = m_dir.filePath(QStringLiteral("bad.db"));
        runPushdesk({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--subscribers"), QStringLiteral("10")});
        QTest::newRow("unknown app") << QStringList{QStringLiteral("send"), QStringLiteral("--db"), db, QStringLiteral("--app"), QStringLiteral("nope"), QStringLiteral("--template"), QStringLiteral("welcome")} << 2 << QStringLiteral("unknown app nope; known apps: demo");
        QTest::newRow("unknown template") << QStringList{QStringLiteral("send"), QStringLiteral("--db"), db, QStringLiteral("--app"), QStringLiteral("demo"), QStringLiteral("--template"), QStringLiteral("nope")} << 2 << QStringLiteral("unknown template nope");
        QTest::newRow("missing variable") << QStringList{QStringLiteral("send"), QStringLiteral("--db"), db, QStringLiteral("--app"), QStringLiteral("demo"), QStringLiteral("--template"), QStringLiteral("order_shipped")} << 2 << QStringLiteral("needs a value for");
        QTest::newRow("bad var") << QStringList{QStringLiteral("send"), QStringLiteral("--db"), db, QStringLiteral("--app"), QStringLiteral("demo"), QStringLiteral("--template"), QStringLiteral("welcome"), QStringLiteral("--var"), QStringLiteral("novalue")} << 2 << QStringLiteral("key=value");
        QTest::newRow("no app") << QStringList{QStringLiteral("send"), QStringLiteral("--db"), db} << 2 << QStringLiteral("--app NAME");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("send"), QStringLiteral("--bogus")} << 2 << QStringLiteral("bogus");
        QTest::newRow("no database") << QStringList{QStringLiteral("send"), QStringLiteral("--db"), m_dir.filePath(QStringLiteral("none.db")), QStringLiteral("--app"), QStringLiteral("demo"), QStringLiteral("--template"), QStringLiteral("welcome")} << 1 << QStringLiteral("pushdesk demo --db");
        QTest::newRow("bad port") << QStringList{QStringLiteral("sandbox"), QStringLiteral("--port"), QStringLiteral("http")} << 2 << QStringLiteral("--port");
    }

    void badArgumentsGetOneClearLine()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, says);
        const auto r = runPushdesk(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(says), qPrintable(r.err));
        QVERIFY2(oneLine(r.err), qPrintable(r.err));
    }

    void corruptDatabaseIsRefusedUntouched()
    {
        const QString db = m_dir.filePath(QStringLiteral("corrupt.db"));
        QFile f(db);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a database, just some text that happens to be here\n");
        f.close();
        const auto r = runPushdesk({QStringLiteral("send"), QStringLiteral("--db"), db, QStringLiteral("--app"),
                                    QStringLiteral("demo"), QStringLiteral("--template"), QStringLiteral("welcome")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("not a readable Pushdesk database")), qPrintable(r.err));
        QVERIFY(oneLine(r.err));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().startsWith("this is not a database"));
    }

    void portAlreadyTaken()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        const auto r = runPushdesk({QStringLiteral("sandbox"), QStringLiteral("--port"), QString::number(taken.serverPort())});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("already in use")), qPrintable(r.err));
        QVERIFY(oneLine(r.err));
    }

    void externalSandboxUpAndDown()
    {
        // Start `pushdesk sandbox` as its own process, point a demo at it, send, then stop it and send again.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        QProcess sandbox;
        sandbox.start(testsupport::pushdeskBinary(), {QStringLiteral("sandbox"), QStringLiteral("--port"), QString::number(port)});
        QVERIFY(sandbox.waitForStarted());
        QSignalSpy ready(&sandbox, &QProcess::readyReadStandardOutput);
        QVERIFY(ready.wait(30000));
        QVERIFY(QString::fromUtf8(sandbox.readAllStandardOutput()).contains(QStringLiteral("listening")));

        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(port);
        const QString db = m_dir.filePath(QStringLiteral("external.db"));
        // A demo for a sandbox that is not there says so and creates nothing that would block the next try.
        const QString early = m_dir.filePath(QStringLiteral("early.db"));
        const auto absent = runPushdesk({QStringLiteral("demo"), QStringLiteral("--db"), early, QStringLiteral("--upstream"),
                                         QStringLiteral("http://127.0.0.1:1")});
        QCOMPARE(absent.exitCode, 1);
        QVERIFY2(absent.err.contains(QStringLiteral("not reachable")), qPrintable(absent.err));
        QVERIFY(oneLine(absent.err));
        QVERIFY(!QFileInfo::exists(early));

        const auto demo = runPushdesk({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--subscribers"),
                                       QStringLiteral("50"), QStringLiteral("--upstream"), url});
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
        const QStringList sendArgs{QStringLiteral("send"), QStringLiteral("--db"), db, QStringLiteral("--app"),
                                   QStringLiteral("demo"), QStringLiteral("--template"), QStringLiteral("welcome")};
        const auto send = runPushdesk(sendArgs);
        QVERIFY2(send.exitCode == 0, qPrintable(send.err));
        const int sent = lastJsonLine(send.out).value(QStringLiteral("sent")).toInt();
        QVERIFY(sent > 10);
        const auto stats = testsupport::httpGet(QUrl(url + QStringLiteral("/sandbox/stats")));
        int accepted = 0;
        const QJsonObject a = stats.json.value(QStringLiteral("accepted")).toObject();
        for (auto type = a.begin(); type != a.end(); ++type)
            if (type.key() != QLatin1String("msg_sec_check")) // the content check, not a message
                for (const auto &n : type.value().toObject())
                    accepted += n.toInt();
        QCOMPARE(accepted, sent);

        sandbox.terminate();
        QVERIFY(sandbox.waitForFinished(30000));
        const auto down = runPushdesk(sendArgs);
        QCOMPARE(down.exitCode, 1);
        QVERIFY2(down.err.contains(QStringLiteral("pushdesk sandbox --port %1").arg(port)), qPrintable(down.err));
        // Paused with the reason (nobody failed): `pushdesk resume` once the upstream is back.
        QCOMPARE(lastJsonLine(down.out).value(QStringLiteral("status")).toString(), QStringLiteral("paused"));
        QCOMPARE(lastJsonLine(down.out).value(QStringLiteral("failed")).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
