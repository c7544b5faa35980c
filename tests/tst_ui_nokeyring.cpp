// Issue 6, secrets: "Without a reachable keyring, the app says so plainly, keeps a secret only in memory
// for the session if the operator agrees, and never writes it to disk." This process has no session
// bus (main() points DBUS_SESSION_BUS_ADDRESS at nothing and unsets DISPLAY before anything starts), so
// the real keychain store fails as it does on a machine without one. The Apps page says what happened
// and asks; with consent the AppSecret lives in memory, a broadcast in this session authenticates with
// it (the sandbox knows only that secret), and neither the database files nor the log contain it.
// Headless modes print the error and exit 1: tst_secrets (noKeyringIsSaidPlainly).
#include "audit/auditlog.h"
#include "engine/broadcastengine.h"
#include "pages/appspage.h"
#include "pages/confirmation.h"
#include "secrets/secretstore.h"
#include "store/apprepository.h"
#include "store/subscriberrepository.h"
#include "testsupport.h"
#include "workspace.h"

#include <QApplication>
#include <QDirIterator>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMutex>
#include <QSignalSpy>
#include <QTest>

using namespace pushdesk;
using namespace testsupport;

namespace {
const QString kSecret = QStringLiteral("Session-Only-S3cret-5e55-10n");

QMutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previous = nullptr;

void keepLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log.append(message);
    }
    if (g_previous)
        g_previous(type, context, message);
}

using testsupport::child;
} // namespace

class tst_UiNoKeyring : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;

private slots:
    void initTestCase()
    {
        // The real keychain store, as the console makes it.
        WorkspaceOptions options;
        options.alwaysSandbox = true;
        auto ws = Workspace::open(DatabaseConfig::sqlite(m_dir.filePath(QStringLiteral("nokeyring.db"))), options);
        QVERIFY2(ws.has_value(), ws ? "" : qPrintable(ws.error().message));
        m_ws = std::move(*ws);
        m_ws->setOperatorName(QStringLiteral("operator-olga"));
        QVERIFY2(!m_ws->secrets().read(QStringLiteral("probe")).has_value(), "the keychain must be unreachable here");
    }

    void cleanupTestCase() { m_ws.reset(); }

    void declinedSecretIsKeptNowhere()
    {
        AppsPage page(*m_ws);
        page.startNewApp();
        child<QLineEdit>(&page, "nameEdit")->setText(QStringLiteral("declined"));
        child<QLineEdit>(&page, "appidEdit")->setText(QStringLiteral("wxdeclined"));
        child<QLineEdit>(&page, "upstreamEdit")->setText(QStringLiteral("sandbox"));
        child<QLineEdit>(&page, "appSecretEdit")->setText(kSecret);
        const int asked = Confirmation::askedCount();
        Confirmation::setNextAnswer(QMessageBox::No);
        QVERIFY(!page.save());
        QCOMPARE(Confirmation::askedCount(), asked + 1);
        const QString message = child<QLabel>(&page, "messageLabel")->text();
        QVERIFY2(message.contains(QStringLiteral("keychain is not available")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("was not")), qPrintable(message));
        const qint64 id = page.currentAppId();
        QVERIFY(id > 0); // the app itself is saved
        QVERIFY(!m_ws->secrets().isSessionOnly(SecretStore::appSecretKey(id)));
        AuditQuery q;
        q.actionPrefix = QString(audit::AppSecretReplace);
        QCOMPARE(*AuditLog::count(m_ws->db(), q), qint64(0));
    }

    void consentKeepsTheSecretInMemoryAndABroadcastUsesIt()
    {
        const int asked = Confirmation::askedCount();
        AppsPage page(*m_ws);
        page.startNewApp();
        child<QLineEdit>(&page, "nameEdit")->setText(QStringLiteral("memory"));
        child<QLineEdit>(&page, "appidEdit")->setText(QStringLiteral("wxmemory"));
        child<QLineEdit>(&page, "upstreamEdit")->setText(QStringLiteral("sandbox"));
        child<QLineEdit>(&page, "appSecretEdit")->setText(kSecret);
        Confirmation::setNextAnswer(QMessageBox::Yes);
        QVERIFY2(page.save(), qPrintable(child<QLabel>(&page, "messageLabel")->text()));
        QCOMPARE(Confirmation::askedCount(), asked + 1); // the operator was asked
        const QString message = child<QLabel>(&page, "messageLabel")->text();
        QVERIFY2(message.contains(QStringLiteral("in memory for this session only")), qPrintable(message));
        QVERIFY(child<QLineEdit>(&page, "appSecretEdit")->text().isEmpty());
        const qint64 appId = page.currentAppId();
        QVERIFY(m_ws->secrets().isSessionOnly(SecretStore::appSecretKey(appId)));
        AuditQuery q;
        q.actionPrefix = QString(audit::AppSecretReplace);
        q.recordType = QString(audit::TypeApp);
        q.recordId = appId;
        auto events = AuditLog::query(m_ws->db(), q);
        QVERIFY(events && events->size() == 1);
        QCOMPARE(events->first().after.value(QStringLiteral("kept_in")).toString(), QStringLiteral("session memory"));

        // The sandbox accepts only this secret: the broadcast works only if the engine read it from memory.
        Template t;
        t.appId = appId;
        t.name = QStringLiteral("hello");
        t.csText = QStringLiteral("Hello");
        const qint64 templateId = *TemplateRepository(m_ws->db()).create(t);
        Subscriber s;
        s.mpOpenid = QStringLiteral("oMemory");
        s.lastInteraction = QDateTime::currentDateTime().addSecs(-60);
        const qint64 sid = *SubscriberRepository(m_ws->db()).create(s);
        Binding b;
        b.subscriberId = sid;
        b.appId = appId;
        QVERIFY(SubscriberRepository(m_ws->db()).upsertBinding(b).has_value());
        const QUrl sandbox = m_ws->sandboxUrl();
        QCOMPARE(httpPost(join(sandbox, QStringLiteral("/sandbox/admin/apps")),
                          {{QStringLiteral("appid"), QStringLiteral("wxmemory")}, {QStringLiteral("secret"), kSecret}}).status, 200);
        QCOMPARE(httpPost(join(sandbox, QStringLiteral("/sandbox/admin/followers")),
                          {{QStringLiteral("appid"), QStringLiteral("wxmemory")},
                           {QStringLiteral("followers"), QJsonArray{QJsonObject{{QStringLiteral("openid"), s.mpOpenid},
                                                                                {QStringLiteral("last_interaction"),
                                                                                 s.lastInteraction.toSecsSinceEpoch()}}}}}).status, 200);
        auto id = m_ws->createBroadcast(appId, templateId, {});
        QVERIFY(id.has_value());
        QSignalSpy finished(m_ws->engine(), &BroadcastEngine::finished);
        m_ws->engine()->start(*id);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 60000);
        QCOMPARE(finished.first().at(2).toString(), QStringLiteral("finished"));
        QCOMPARE(finished.first().at(1).value<Counters>().sent, qint64(1));
        const QJsonObject custom = httpGet(join(sandbox, QStringLiteral("/sandbox/stats"))).json.value(QStringLiteral("accepted"))
                                       .toObject().value(QStringLiteral("custom")).toObject();
        QCOMPARE(custom.value(QStringLiteral("oMemory")).toInt(), 1);

        // Never on disk, never in the log.
        m_ws.reset(); // closes the database: everything it would write is written
        QDirIterator files(m_dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        int searched = 0;
        while (files.hasNext()) {
            QFile f(files.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            QVERIFY2(!bytes.contains(kSecret.toUtf8()), qPrintable(f.fileName()));
            QVERIFY2(!bytes.contains(kSecret.toUtf8().toBase64()), qPrintable(f.fileName()));
            ++searched;
        }
        QVERIFY(searched >= 1);
        QMutexLocker lock(&g_logMutex);
        QVERIFY(!g_log.isEmpty());
        for (const QString &line : std::as_const(g_log))
            QVERIFY2(!line.contains(kSecret), qPrintable(line));
    }
};

int main(int argc, char *argv[])
{
    // No session bus, no display to autolaunch one: the keychain cannot be reached.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/pushdesk-test-bus");
    qunsetenv("DISPLAY");
    qputenv("QT_LOGGING_RULES", "pushdesk.*=true"); // everything Pushdesk logs is searched
    g_previous = qInstallMessageHandler(keepLog);
    QApplication app(argc, argv);
    tst_UiNoKeyring test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_ui_nokeyring.moc"
