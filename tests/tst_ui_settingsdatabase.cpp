// Settings → Database, driven through its named widgets on the offscreen platform: choosing a PostgreSQL
// server, a failed "Test connection" that says what to do, saving the choice for the next start with the
// password in the keychain (never in the settings file, never shown back), and back to an SQLite file.
// The successful connection is tested against a real server in tst_postgres.
#include "console/settings.h"
#include "pages/settingspage.h"
#include "processes.h"
#include "secrets/secretstore.h"
#include "testsupport.h"
#include "workspace.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

using namespace pushdesk;

class TestUiSettingsDatabase : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<Workspace> m_ws;

    template<typename T>
    static T *child(QWidget *parent, const char *name)
    {
        auto *w = parent->findChild<T *>(QLatin1String(name));
        if (!w)
            qWarning("no child %s", name);
        return w;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_secrets = std::make_shared<MemorySecretStore>();
        WorkspaceOptions options;
        options.secrets = m_secrets;
        options.startEngine = false;
        auto ws = Workspace::open(DatabaseConfig::sqlite(testsupport::databasePath(m_dir)), options);
        QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().message));
        m_ws = std::move(*ws);
    }

    void postgresChosenTestedAndSaved()
    {
        ConsoleSettings settings(m_dir.filePath(QStringLiteral("console.ini")));
        SettingsPage page(*m_ws, settings);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *kind = child<QComboBox>(&page, "databaseKindCombo");
        auto *path = child<QLineEdit>(&page, "sqlitePathEdit");
        auto *host = child<QLineEdit>(&page, "pgHostEdit");
        auto *port = child<QSpinBox>(&page, "pgPortSpin");
        auto *name = child<QLineEdit>(&page, "pgNameEdit");
        auto *user = child<QLineEdit>(&page, "pgUserEdit");
        auto *password = child<QLineEdit>(&page, "pgPasswordEdit");
        auto *test = child<QPushButton>(&page, "databaseTestButton");
        auto *save = child<QPushButton>(&page, "databaseSaveButton");
        auto *message = child<QLabel>(&page, "databaseMessageLabel");
        QVERIFY(kind && path && host && port && name && user && password && test && save && message);

        // Nobody chose yet: the default file, and the server's fields hidden.
        QCOMPARE(kind->currentData().toString(), QStringLiteral("sqlite"));
        QCOMPARE(path->text(), DatabaseConfig::defaultSqlitePath());
        QVERIFY(path->isVisible());
        QVERIFY(!host->isVisible());

        kind->setCurrentIndex(kind->findData(QStringLiteral("postgresql")));
        QVERIFY(host->isVisible() && password->isVisible());
        QVERIFY(!path->isVisible());
        QCOMPARE(password->echoMode(), QLineEdit::Password);

        // Missing fields are named before anything connects.
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY2(message->text().contains(QLatin1String("host")), qPrintable(message->text()));
        QVERIFY(!settings.hasDatabase());

        // Nothing listens on that port: a message that says what happened and what to do.
        host->setText(QStringLiteral("127.0.0.1"));
        port->setValue(testsupport::freePort());
        name->setText(QStringLiteral("relay"));
        user->setText(QStringLiteral("ops"));
        password->setText(QStringLiteral("t0p-s3cret"));
        QTest::mouseClick(test, Qt::LeftButton);
        QVERIFY2(message->text().contains(QLatin1String("Cannot connect")), qPrintable(message->text()));
        QVERIFY2(message->text().contains(QLatin1String("running")), qPrintable(message->text()));
        QVERIFY(!message->text().contains(QLatin1String("t0p-s3cret")));
        QVERIFY(!settings.hasDatabase()); // testing changes nothing

        // Saved for the next start; the password goes to the keychain and the field is emptied.
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY2(message->text().contains(QLatin1String("next start")), qPrintable(message->text()));
        QVERIFY(password->text().isEmpty());
        QVERIFY2(password->placeholderText().contains(QLatin1String("keychain")), qPrintable(password->placeholderText()));
        const QString key = QStringLiteral("database/ops@127.0.0.1:%1/relay").arg(port->value());
        auto stored = m_secrets->read(key);
        QVERIFY(stored && *stored);
        QCOMPARE(**stored, QStringLiteral("t0p-s3cret"));
        // On record as a settings edit: the database chosen, the password noted as replaced, never written.
        const QString db = testsupport::databasePath(m_dir);
        QCOMPARE(testsupport::sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM audit_events WHERE action = 'settings.edit' "
                                                          "AND after_json LIKE '%postgresql://ops@127.0.0.1:%1/relay%' "
                                                          "AND after_json LIKE '%keychain_entry_replaced\":\"database/ops@%'").arg(port->value())),
                 qint64(1));
        QCOMPARE(testsupport::sqlCount(db, QStringLiteral("SELECT COUNT(*) FROM audit_events WHERE before_json LIKE '%t0p-s3cret%' "
                                                          "OR after_json LIKE '%t0p-s3cret%'")),
                 qint64(0));
        {
            ConsoleSettings reread(settings.fileName());
            const DatabaseConfig chosen = reread.database();
            QVERIFY(chosen.isPostgres());
            QCOMPARE(chosen.host, QStringLiteral("127.0.0.1"));
            QCOMPARE(chosen.port, port->value());
            QCOMPARE(chosen.name, QStringLiteral("relay"));
            QCOMPARE(chosen.user, QStringLiteral("ops"));
            QVERIFY(chosen.password.isEmpty());
        }
        settings.sync();
        QFile ini(settings.fileName());
        QVERIFY(ini.open(QIODevice::ReadOnly));
        QVERIFY(!ini.readAll().contains("t0p-s3cret"));

        // A page opened later shows the choice, never the password.
        SettingsPage again(*m_ws, settings);
        QCOMPARE(child<QComboBox>(&again, "databaseKindCombo")->currentData().toString(), QStringLiteral("postgresql"));
        QCOMPARE(child<QLineEdit>(&again, "pgUserEdit")->text(), QStringLiteral("ops"));
        QVERIFY(child<QLineEdit>(&again, "pgPasswordEdit")->text().isEmpty());

        // Back to a file: a new one is created at the next start.
        kind->setCurrentIndex(kind->findData(QStringLiteral("sqlite")));
        const QString file = m_dir.filePath(QStringLiteral("team.db"));
        path->setText(file);
        QTest::mouseClick(test, Qt::LeftButton);
        QVERIFY2(message->text().contains(QLatin1String("next start")), qPrintable(message->text()));
        QVERIFY(!QFile::exists(file));
        QTest::mouseClick(save, Qt::LeftButton);
        QCOMPARE(ConsoleSettings(settings.fileName()).database().path, file);
        QVERIFY(!ConsoleSettings(settings.fileName()).database().isPostgres());
    }
};

QTEST_MAIN(TestUiSettingsDatabase)
#include "tst_ui_settingsdatabase.moc"
