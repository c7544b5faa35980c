// Invariant 5: secrets live in the OS keychain (gnome-keyring under dbus-run-session, started by the
// test command) and never appear in the database file, logs, exports or crash output. Without a
// reachable keyring, the app says so plainly.
#include "audit/auditlog.h"
#include "console/deliverylog.h"
#include "processes.h"
#include "secrets/secretstore.h"
#include "store/apprepository.h"
#include "store/database.h"
#include "testsupport.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace pushdesk;
using namespace testsupport;

namespace {
const QString kAppSecret = QStringLiteral("S3cret-AppSecret-7f3a9c1e5b");
const QString kSmtpPassword = QStringLiteral("Smtp-Pa55word-c0ffee42");
const QString kWebhookSecret = QStringLiteral("Webhook-Key-d34db33f99");

RunResult runWithLogs(const QStringList &args, int killAfterMs = -1)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true")); // everything we log
    p.setProcessEnvironment(env);
    p.start(pushdeskBinary(), args);
    RunResult r;
    if (!p.waitForStarted())
        return r;
    if (killAfterMs >= 0) {
        QTimer::singleShot(killAfterMs, &p, [&p]() { p.kill(); });
    }
    QSignalSpy done(&p, &QProcess::finished);
    done.wait(120000);
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}
} // namespace

class TestSecrets : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("needs a session bus with an unlocked keyring: run through scripts/test.sh");
        KeychainSecretStore probe;
        QVERIFY2(probe.write(QStringLiteral("test/probe"), QStringLiteral("x")).has_value(), "the test keyring must be unlocked");
        QVERIFY(probe.remove(QStringLiteral("test/probe")).has_value());
    }

    void secretsAppearNowhere()
    {
        SandboxProcess sandbox;
        QVERIFY(sandbox.isRunning());
        const QString db = m_dir.filePath(QStringLiteral("secrets.db"));
        QCOMPARE(runPushdesk({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--subscribers"),
                              QStringLiteral("3000"), QStringLiteral("--upstream"), sandbox.url().toString()}).exitCode, 0);
        qint64 appId = 0;
        QString appid;
        {
            auto database = Database::open(DatabaseConfig::sqlite(db), QStringLiteral("secrets-setup"));
            QVERIFY(database.has_value());
            auto app = AppRepository(**database).findByName(QStringLiteral("demo"));
            QVERIFY(app && *app);
            appId = (*app)->id;
            appid = (*app)->appid;
        }
        KeychainSecretStore keychain(QStringLiteral("pushdesk"), KeychainSecretStore::scopeFor(DatabaseConfig::sqlite(db)));
        QVERIFY(keychain.write(SecretStore::appSecretKey(appId), kAppSecret).has_value());
        QVERIFY(keychain.write(SecretStore::smtpPasswordKey(appId), kSmtpPassword).has_value());
        QVERIFY(keychain.write(SecretStore::webhookSecretKey(appId), kWebhookSecret).has_value());
        // The sandbox now knows only the real secret: a send works only if it came from the keychain.
        QCOMPARE(httpPost(join(sandbox.url(), QStringLiteral("/sandbox/admin/apps")),
                          {{QStringLiteral("appid"), appid}, {QStringLiteral("secret"), kAppSecret}}).status, 200);

        QStringList outputs;
        const auto send = runWithLogs({QStringLiteral("send"), QStringLiteral("--db"), db, QStringLiteral("--app"),
                                       QStringLiteral("demo"), QStringLiteral("--template"), QStringLiteral("welcome")});
        QVERIFY2(send.exitCode == 0, qPrintable(send.err));
        QVERIFY(send.out.contains(QStringLiteral("\"status\":\"finished\"")));
        outputs << send.out << send.err;
        // A crash in the middle of a broadcast, and the worker that recovers it.
        const auto crashed = runWithLogs({QStringLiteral("send"), QStringLiteral("--db"), db, QStringLiteral("--app"),
                                          QStringLiteral("demo"), QStringLiteral("--template"), QStringLiteral("welcome"),
                                          QStringLiteral("--concurrency"), QStringLiteral("2")}, 400);
        QCOMPARE(crashed.exitCode, -1);
        outputs << crashed.out << crashed.err;
        const auto worker = runWithLogs({QStringLiteral("worker"), QStringLiteral("--db"), db, QStringLiteral("--until-idle")});
        QCOMPARE(worker.exitCode, 0);
        outputs << worker.out << worker.err;

        // Exports: the send log and the audit log.
        const QString csv = m_dir.filePath(QStringLiteral("deliveries.csv"));
        {
            auto database = Database::open(DatabaseConfig::sqlite(db), QStringLiteral("secrets-export"));
            QVERIFY(database.has_value());
            auto exported = DeliveryLog::exportCsv(**database, DeliveryLogFilter{}, csv);
            QVERIFY2(exported.has_value() && *exported > 0, exported ? "" : qPrintable(exported.error().message));
            auto audit = AuditLog::query(**database, AuditQuery{});
            QVERIFY(audit.has_value());
            for (const auto &e : *audit)
                outputs << QString::fromUtf8(QJsonDocument(e.before).toJson()) << QString::fromUtf8(QJsonDocument(e.after).toJson());
        }

        // Search every byte the project wrote: the database, its WAL and shared memory, the sandbox
        // state, the exports, and every line of output.
        QStringList files;
        QDirIterator it(m_dir.path(), QDir::Files);
        while (it.hasNext())
            files << it.next();
        QVERIFY(files.size() >= 2);
        for (const QString &secret : {kAppSecret, kSmtpPassword, kWebhookSecret}) {
            const QByteArray needle = secret.toUtf8();
            for (const QString &path : std::as_const(files)) {
                QFile f(path);
                QVERIFY(f.open(QIODevice::ReadOnly));
                const QByteArray bytes = f.readAll();
                QVERIFY2(!bytes.contains(needle), qPrintable(QStringLiteral("%1 found in %2").arg(secret, path)));
                QVERIFY2(!bytes.contains(needle.toBase64()), qPrintable(path));
            }
            for (const QString &text : std::as_const(outputs))
                QVERIFY2(!text.contains(secret), qPrintable(QStringLiteral("%1 found in output").arg(secret)));
        }
        for (const QString &key : {SecretStore::appSecretKey(appId), SecretStore::smtpPasswordKey(appId), SecretStore::webhookSecretKey(appId)})
            keychain.remove(key);
    }

    // App ids restart at 1 in every database: the keychain entries of one database are not another's.
    void keychainEntriesBelongToTheirDatabase()
    {
        KeychainSecretStore a(QStringLiteral("pushdesk"),
                              KeychainSecretStore::scopeFor(DatabaseConfig::sqlite(m_dir.filePath(QStringLiteral("a.db")))));
        KeychainSecretStore b(QStringLiteral("pushdesk"),
                              KeychainSecretStore::scopeFor(DatabaseConfig::sqlite(m_dir.filePath(QStringLiteral("b.db")))));
        QVERIFY(a.write(SecretStore::appSecretKey(1), QStringLiteral("secret-of-a")).has_value());
        const auto fromB = b.read(SecretStore::appSecretKey(1));
        QVERIFY(fromB.has_value());
        QVERIFY(!fromB->has_value());
        const auto fromA = a.read(SecretStore::appSecretKey(1));
        QVERIFY(fromA.has_value() && fromA->has_value());
        QCOMPARE(**fromA, QStringLiteral("secret-of-a"));
        QVERIFY(a.remove(SecretStore::appSecretKey(1)).has_value());
    }

    void noKeyringIsSaidPlainly()
    {
        const QString db = m_dir.filePath(QStringLiteral("nokeyring.db"));
        QCOMPARE(runPushdesk({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--subscribers"), QStringLiteral("5")}).exitCode, 0);
        {
            auto database = Database::open(DatabaseConfig::sqlite(db), QStringLiteral("nokeyring"));
            QVERIFY(database.has_value());
            auto app = AppRepository(**database).findByName(QStringLiteral("orders"));
            App a = **app;
            a.upstream = QStringLiteral("https://api.weixin.qq.com"); // a real upstream needs a real secret
            QVERIFY(AppRepository(**database).update(a).has_value());
        }
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent/bus"));
        env.remove(QStringLiteral("DISPLAY"));
        p.setProcessEnvironment(env);
        p.start(pushdeskBinary(), {QStringLiteral("send"), QStringLiteral("--db"), db, QStringLiteral("--app"), QStringLiteral("orders"),
                                   QStringLiteral("--template"), QStringLiteral("order_shipped"), QStringLiteral("--var"),
                                   QStringLiteral("order=1"), QStringLiteral("--var"), QStringLiteral("eta=today")});
        QVERIFY(p.waitForFinished(60000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(err.contains(QStringLiteral("keychain is not available")), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
