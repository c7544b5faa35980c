// The console end to end on the offscreen platform: a workspace on a temporary SQLite file with the
// built-in sandbox, a main window, and an operator who composes, sends, watches the progress and
// reads the send log — plus the pages' forms (apps and their keychain secret, subscribers, templates).
#include "engine/broadcastengine.h"
#include "mainwindow.h"
#include "models/listingmodel.h"
#include "pages/confirmation.h"
#include "pages/appspage.h"
#include "pages/broadcastprogresspanel.h"
#include "pages/broadcastspage.h"
#include "pages/composerpage.h"
#include "pages/listingtable.h"
#include "secrets/secretstore.h"
#include "store/apprepository.h"
#include "store/broadcastrepository.h"
#include "store/listing.h"
#include "store/subscriberrepository.h"
#include "processes.h"
#include "testsupport.h"
#include "workspace.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace pushdesk;

namespace {
constexpr int kSubscribers = 50;
constexpr int kSendTimeoutMs = 60000;
const QString kAppid = QStringLiteral("wxtestapp0000001");

// The memory store, with writes that can be made to fail like a locked keychain.
class SwitchableSecretStore : public SecretStore {
public:
    Result<std::optional<QString>> read(const QString &key) override { return m_memory.read(key); }
    Result<void> write(const QString &key, const QString &value) override
    {
        if (failWrites)
            return fail(QStringLiteral("The keychain is locked."));
        return m_memory.write(key, value);
    }
    Result<void> remove(const QString &key) override { return m_memory.remove(key); }
    bool failWrites = false;

private:
    MemorySecretStore m_memory;
};

using testsupport::child;

QJsonObject postJson(QNetworkAccessManager &nam, const QUrl &url, const QJsonObject &body, int *status)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    std::unique_ptr<QNetworkReply> reply(nam.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(10000))
        return {};
    *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    return QJsonDocument::fromJson(reply->readAll()).object();
}

qint64 broadcastCount(Database &db)
{
    return Listing::count(db, Listing::broadcasts(), {}).value_or(-1);
}
} // namespace

class tst_UiConsole : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void windowAndNavigation();
    void sendFromComposerAndReadTheLog();
    void missingVariableShowsErrorAndStartsNothing();
    void failuresAreListedAndRetried();
    void appsPageSavesAndKeepsSecretInKeychain();
    void appsPageReportsKeychainFailure();
    void appsPageSetsUpEmail();
    void appsPageTestsTheConnectionAndShowsItsBroadcasts();
    void subscribersSearchAndBindings();
    void templatesPageEditsPayloadAndPlaceholders();
    void emptyDatabaseShowsFriendlyStates(); // last: it replaces the workspace

private:
    void chooseInComposer(MainWindow &w, qint64 appId, qint64 templateId);
    void setFollowing(const QStringList &openids, bool following);

    QTemporaryDir m_dir;
    std::shared_ptr<SwitchableSecretStore> m_secrets;
    std::unique_ptr<Workspace> m_ws;
    qint64 m_appId = 0;
    qint64 m_templateId = 0;
};

void tst_UiConsole::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // the window's layout goes to a test folder, not the user's
    QVERIFY(m_dir.isValid());
    m_secrets = std::make_shared<SwitchableSecretStore>();
    WorkspaceOptions options;
    options.secrets = m_secrets;
    options.alwaysSandbox = true;
    auto ws = Workspace::open(DatabaseConfig::sqlite(testsupport::databasePath(m_dir)), options);
    QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().message));
    m_ws = std::move(*ws);
    QVERIFY(m_ws->engine());
    QVERIFY(!m_ws->sandboxUrl().isEmpty());

    App app;
    app.name = QStringLiteral("Parcel desk");
    app.appid = kAppid;
    app.upstream = QString::fromLatin1(kBuiltInSandbox);
    auto appId = AppRepository(m_ws->db()).create(app);
    QVERIFY2(appId, qPrintable(appId ? QString() : appId.error().message));
    m_appId = *appId;

    Template t;
    t.appId = m_appId;
    t.name = QStringLiteral("Arrival");
    t.csText = QStringLiteral("Hi {{nickname}}, {{message}}");
    t.wechatTemplateId = QStringLiteral("TM-ARRIVAL-01");
    t.wechatFields = {{QStringLiteral("first"), QStringLiteral("{{message}}")},
                      {QStringLiteral("keyword1"), QStringLiteral("{{nickname}}")}};
    t.barkTitle = QStringLiteral("Parcel");
    t.barkBody = QStringLiteral("{{message}}");
    auto templateId = TemplateRepository(m_ws->db()).create(t);
    QVERIFY(templateId);
    m_templateId = *templateId;

    const QDateTime now = QDateTime::currentDateTime();
    QList<Subscriber> subscribers;
    for (int i = 1; i <= kSubscribers; ++i) {
        Subscriber s;
        s.mpOpenid = QStringLiteral("o-test-%1").arg(i, 3, 10, QLatin1Char('0'));
        s.nickname = QStringLiteral("Tester %1").arg(i, 2, 10, QLatin1Char('0'));
        s.email = QStringLiteral("tester%1@example.com").arg(i);
        s.lastInteraction = now;
        subscribers.append(s);
    }
    SubscriberRepository repo(m_ws->db());
    QVERIFY(repo.createMany(subscribers));
    QList<Binding> bindings;
    for (const Subscriber &s : std::as_const(subscribers)) {
        Binding b;
        b.subscriberId = s.id;
        b.appId = m_appId;
        b.state = BindingState::Active;
        b.reminder = Reminder::Strong;
        b.channels = {Channel::WeChat};
        b.changedBy = QStringLiteral("tester");
        b.changedAt = now;
        bindings.append(b);
    }
    QVERIFY(repo.upsertBindings(bindings));

    // The sandbox learns the app and its followers, who all wrote to the account just now.
    QNetworkAccessManager nam;
    const QString base = m_ws->sandboxUrl().toString();
    int status = 0;
    QJsonObject answer = postJson(nam, QUrl(base + QStringLiteral("/sandbox/admin/apps")),
                                  {{QStringLiteral("appid"), kAppid}}, &status);
    QCOMPARE(status, 200);
    QVERIFY(answer.value(QStringLiteral("ok")).toBool());
    QJsonArray followers;
    for (const Subscriber &s : std::as_const(subscribers))
        followers.append(QJsonObject{{QStringLiteral("openid"), s.mpOpenid},
                                     {QStringLiteral("following"), true},
                                     {QStringLiteral("last_interaction"), double(now.toSecsSinceEpoch())}});
    answer = postJson(nam, QUrl(base + QStringLiteral("/sandbox/admin/followers")),
                      {{QStringLiteral("appid"), kAppid}, {QStringLiteral("followers"), followers}}, &status);
    QCOMPARE(status, 200);
    QVERIFY(answer.value(QStringLiteral("ok")).toBool());
}

void tst_UiConsole::cleanupTestCase()
{
    m_ws.reset();
}

void tst_UiConsole::setFollowing(const QStringList &openids, bool following)
{
    QNetworkAccessManager nam;
    QJsonArray followers;
    const double now = double(QDateTime::currentSecsSinceEpoch());
    for (const QString &openid : openids)
        followers.append(QJsonObject{{QStringLiteral("openid"), openid},
                                     {QStringLiteral("following"), following},
                                     {QStringLiteral("last_interaction"), now}});
    int status = 0;
    const QJsonObject answer = postJson(nam, QUrl(m_ws->sandboxUrl().toString() + QStringLiteral("/sandbox/admin/followers")),
                                        {{QStringLiteral("appid"), kAppid}, {QStringLiteral("followers"), followers}}, &status);
    QCOMPARE(status, 200);
    QVERIFY(answer.value(QStringLiteral("ok")).toBool());
}

void tst_UiConsole::chooseInComposer(MainWindow &w, qint64 appId, qint64 templateId)
{
    w.showPage(MainWindow::Page::Composer);
    auto *composer = child<QWidget>(&w, "composerPage");
    QVERIFY(composer && composer->isVisible());
    auto *appCombo = child<QComboBox>(composer, "appCombo");
    auto *templateCombo = child<QComboBox>(composer, "templateCombo");
    QVERIFY(appCombo && templateCombo);
    const int appIndex = appCombo->findData(appId);
    QVERIFY(appIndex >= 0);
    appCombo->setCurrentIndex(appIndex);
    const int templateIndex = templateCombo->findData(templateId);
    QVERIFY(templateIndex >= 0);
    templateCombo->setCurrentIndex(templateIndex);
}

void tst_UiConsole::windowAndNavigation()
{
    MainWindow w(*m_ws);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCOMPARE(w.windowTitle(), QStringLiteral("Pushdesk"));
    auto *stack = child<QStackedWidget>(&w, "pageStack");
    auto *navigation = child<QListWidget>(&w, "navigationList");
    QVERIFY(stack && navigation);
    QCOMPARE(stack->count(), 10); // + Complaints (Ctrl+9) and Audit
    QCOMPARE(navigation->count(), 10);
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("dashboardPage"));

    // Ctrl+1 … Ctrl+8.
    const char *pages[] = {"dashboardPage", "broadcastsPage", "composerPage", "appsPage",
                           "subscribersPage", "templatesPage", "sendLogPage", "settingsPage"};
    const char *actions[] = {"showDashboardAction", "showBroadcastsAction", "showComposerAction", "showAppsAction",
                             "showSubscribersAction", "showTemplatesAction", "showSendLogAction", "showSettingsAction"};
    for (int i = 7; i >= 0; --i) {
        auto *action = child<QAction>(&w, actions[i]);
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+%1").arg(i + 1)));
        action->trigger();
        QCOMPARE(stack->currentWidget()->objectName(), QString::fromLatin1(pages[i]));
        QCOMPARE(navigation->currentRow(), i);
    }
    w.activateWindow();
    if (QTest::qWaitForWindowActive(&w)) {
        QTest::keyClick(&w, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("composerPage"));
        // Ctrl+F: the current page's search field.
        w.showPage(MainWindow::Page::Subscribers);
        QTest::keyClick(&w, Qt::Key_F, Qt::ControlModifier);
        QTRY_COMPARE(QApplication::focusWidget(), child<QWidget>(child<QWidget>(&w, "subscribersPage"), "searchEdit"));
    }
    // The list drives the stack too.
    navigation->setCurrentRow(4);
    QCOMPARE(w.currentPage(), MainWindow::Page::Subscribers);
}

void tst_UiConsole::sendFromComposerAndReadTheLog()
{
    MainWindow w(*m_ws);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    chooseInComposer(w, m_appId, m_templateId);
    auto *composer = child<QWidget>(&w, "composerPage");
    auto *variables = child<QTableWidget>(composer, "variablesTable");
    auto *preview = child<QPlainTextEdit>(composer, "previewText");
    auto *audience = child<QLabel>(composer, "audienceLabel");
    auto *send = child<QPushButton>(composer, "sendButton");
    auto *progress = child<QProgressBar>(composer, "progressBar");
    auto *counts = child<QLabel>(composer, "countsLabel");
    auto *openLog = child<QPushButton>(composer, "openLogButton");
    auto *errorLabel = child<QLabel>(composer, "errorLabel");
    QVERIFY(variables && preview && audience && send && progress && counts && openLog && errorLabel);

    // Only what no recipient provides is asked for: {{message}}, not {{nickname}}.
    QCOMPARE(variables->rowCount(), 1);
    QCOMPARE(variables->item(0, 0)->data(Qt::UserRole).toString(), QStringLiteral("message"));
    QVERIFY2(audience->text().contains(QLatin1String("50 push")), qPrintable(audience->text()));
    QVERIFY(preview->toPlainText().contains(QLatin1String("Hi Tester 01, {{message}}")));
    variables->item(0, 1)->setText(QStringLiteral("your parcel has arrived"));
    QVERIFY2(preview->toPlainText().contains(QLatin1String("Hi Tester 01, your parcel has arrived")),
             qPrintable(preview->toPlainText()));
    QVERIFY(preview->toPlainText().contains(QLatin1String("first: your parcel has arrived")));

    const qint64 before = broadcastCount(m_ws->db());
    QSignalSpy finished(m_ws->engine(), &BroadcastEngine::finished);
    QVERIFY(send->isEnabled());
    QTest::mouseClick(send, Qt::LeftButton);
    QVERIFY2(errorLabel->text().isEmpty(), qPrintable(errorLabel->text()));
    QCOMPARE(broadcastCount(m_ws->db()), before + 1);
    const qint64 broadcastId = w.composerPage()->progressPanel()->broadcastId();
    QVERIFY(broadcastId > 0);

    QTRY_VERIFY_WITH_TIMEOUT(progress->maximum() == kSubscribers && progress->value() == progress->maximum(), kSendTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(counts->text().contains(QLatin1String("50 sent")), kSendTimeoutMs);
    QVERIFY2(counts->text().contains(QLatin1String("0 failed")), qPrintable(counts->text()));
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kSendTimeoutMs);
    QCOMPARE(finished.last().at(0).toLongLong(), broadcastId);
    QCOMPARE(finished.last().at(2).toString(), QStringLiteral("finished"));
    QTRY_VERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("#%1").arg(broadcastId)));
    QVERIFY(!w.composerPage()->progressPanel()->isRunning());

    auto stored = BroadcastRepository(m_ws->db()).findById(broadcastId);
    QVERIFY(stored && *stored);
    QCOMPARE(toString((*stored)->status), toString(BroadcastStatus::Finished));
    QCOMPARE((*stored)->counters.sent, qint64(kSubscribers));

    // "Open in send log": the send log, filtered to this broadcast.
    QVERIFY(openLog->isEnabled());
    QTest::mouseClick(openLog, Qt::LeftButton);
    QCOMPARE(w.currentPage(), MainWindow::Page::SendLog);
    auto *sendLog = child<QWidget>(&w, "sendLogPage");
    auto *broadcastFilter = child<QComboBox>(sendLog, "broadcastFilter");
    auto *stateFilter = child<QComboBox>(sendLog, "stateFilter");
    auto *deliveries = child<QTableView>(sendLog, "deliveriesTable");
    auto *emptyState = child<QLabel>(sendLog, "emptyStateLabel");
    QVERIFY(broadcastFilter && stateFilter && deliveries && emptyState);
    QCOMPARE(broadcastFilter->currentData().toLongLong(), broadcastId);
    QCOMPARE(deliveries->model()->rowCount(), kSubscribers);
    auto *model = qobject_cast<ListingModel *>(deliveries->model());
    QVERIFY(model);
    QCOMPARE(model->value(0, QStringLiteral("state")).toString(), QStringLiteral("sent"));
    QCOMPARE(model->value(0, QStringLiteral("route")).toString(), QStringLiteral("custom"));

    // The state filter: nothing failed, all sent.
    stateFilter->setCurrentIndex(stateFilter->findData(QStringLiteral("failed")));
    QCOMPARE(deliveries->model()->rowCount(), 0);
    QVERIFY(emptyState->isVisible());
    stateFilter->setCurrentIndex(stateFilter->findData(QStringLiteral("sent")));
    QCOMPARE(deliveries->model()->rowCount(), kSubscribers);
    QVERIFY(!emptyState->isVisible());

    // The details pane shows the selected row's upstream answer.
    deliveries->selectRow(0);
    auto *errcode = child<QLabel>(sendLog, "errcodeValue");
    auto *state = child<QLabel>(sendLog, "stateValue");
    auto *recipient = child<QLabel>(sendLog, "recipientValue");
    QVERIFY(errcode && state && recipient);
    QCOMPARE(state->text(), QStringLiteral("Sent"));
    QVERIFY(recipient->text().startsWith(QLatin1String("Tester ")));
    QVERIFY(!errcode->text().isEmpty());

    // "All broadcasts" lifts the filter.
    broadcastFilter->setCurrentIndex(0);
    stateFilter->setCurrentIndex(0);
    QCOMPARE(deliveries->model()->rowCount(), kSubscribers);
}

void tst_UiConsole::missingVariableShowsErrorAndStartsNothing()
{
    MainWindow w(*m_ws);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    chooseInComposer(w, m_appId, m_templateId);
    auto *composer = child<QWidget>(&w, "composerPage");
    auto *variables = child<QTableWidget>(composer, "variablesTable");
    auto *send = child<QPushButton>(composer, "sendButton");
    auto *errorLabel = child<QLabel>(composer, "errorLabel");
    auto *progress = child<QProgressBar>(composer, "progressBar");
    QVERIFY(variables && send && errorLabel && progress);
    QCOMPARE(variables->rowCount(), 1);
    variables->item(0, 1)->setText(QStringLiteral("   ")); // blank is not a value

    const qint64 before = broadcastCount(m_ws->db());
    QTest::mouseClick(send, Qt::LeftButton);
    QVERIFY(errorLabel->isVisible());
    QVERIFY2(errorLabel->text().contains(QLatin1String("message")), qPrintable(errorLabel->text()));
    QCOMPARE(broadcastCount(m_ws->db()), before); // no broadcast: nothing the engine could start
    QCOMPARE(w.composerPage()->progressPanel()->broadcastId(), qint64(0));
    QCOMPARE(progress->value(), 0);

    // Typing the value clears the error.
    variables->item(0, 1)->setText(QStringLiteral("later"));
    QVERIFY(!errorLabel->isVisible());
}

void tst_UiConsole::failuresAreListedAndRetried()
{
    // Five followers unfollowed the account: WeChat answers 43004 for them.
    const QStringList gone{QStringLiteral("o-test-003"), QStringLiteral("o-test-011"), QStringLiteral("o-test-020"),
                           QStringLiteral("o-test-031"), QStringLiteral("o-test-047")};
    setFollowing(gone, false);
    if (QTest::currentTestFailed())
        return;

    MainWindow w(*m_ws);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    chooseInComposer(w, m_appId, m_templateId);
    auto *composer = child<QWidget>(&w, "composerPage");
    auto *variables = child<QTableWidget>(composer, "variablesTable");
    auto *send = child<QPushButton>(composer, "sendButton");
    auto *progress = child<QProgressBar>(composer, "progressBar");
    auto *counts = child<QLabel>(composer, "countsLabel");
    auto *failures = child<QTableView>(composer, "failuresTable");
    auto *retry = child<QPushButton>(composer, "retryButton");
    auto *cancel = child<QPushButton>(composer, "cancelButton");
    QVERIFY(variables && send && progress && counts && failures && retry && cancel);
    variables->item(0, 1)->setText(QStringLiteral("a second parcel"));
    QTest::mouseClick(send, Qt::LeftButton);
    BroadcastProgressPanel *panel = w.composerPage()->progressPanel();
    QVERIFY(panel->broadcastId() > 0);

    QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), kSendTimeoutMs);
    QVERIFY2(counts->text().contains(QLatin1String("45 sent")), qPrintable(counts->text()));
    QVERIFY2(counts->text().contains(QLatin1String("5 failed")), qPrintable(counts->text()));
    QCOMPARE(progress->maximum(), kSubscribers);
    QCOMPARE(progress->value(), kSubscribers);
    QCOMPARE(failures->model()->rowCount(), gone.size());
    QStringList recipients;
    for (int row = 0; row < failures->model()->rowCount(); ++row) {
        recipients.append(failures->model()->index(row, 0).data().toString());
        QCOMPARE(failures->model()->index(row, 2).data().toString(), QStringLiteral("43004"));
        QVERIFY(!failures->model()->index(row, 3).data().toString().isEmpty());
    }
    recipients.sort();
    QCOMPARE(recipients, gone);
    QVERIFY(!cancel->isEnabled());

    // They follow again; "Retry failed" sends only to them.
    setFollowing(gone, true);
    QVERIFY(retry->isEnabled());
    QTest::mouseClick(retry, Qt::LeftButton);
    QVERIFY(panel->isRunning());
    QCOMPARE(failures->model()->rowCount(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), kSendTimeoutMs);
    QVERIFY2(counts->text().contains(QLatin1String("50 sent")), qPrintable(counts->text()));
    QVERIFY2(counts->text().contains(QLatin1String("0 failed")), qPrintable(counts->text()));
    QCOMPARE(failures->model()->rowCount(), 0);
    QVERIFY(!retry->isEnabled());
    auto stored = BroadcastRepository(m_ws->db()).findById(panel->broadcastId());
    QVERIFY(stored && *stored);
    QCOMPARE((*stored)->counters.sent, qint64(kSubscribers));
    QCOMPARE((*stored)->counters.failed, qint64(0));
}

void tst_UiConsole::appsPageSavesAndKeepsSecretInKeychain()
{
    MainWindow w(*m_ws);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.showPage(MainWindow::Page::Apps);
    auto *page = child<QWidget>(&w, "appsPage");
    auto *table = child<QTableView>(page, "appsTable");
    auto *newButton = child<QPushButton>(page, "newButton");
    auto *save = child<QPushButton>(page, "saveButton");
    auto *name = child<QLineEdit>(page, "nameEdit");
    auto *appid = child<QLineEdit>(page, "appidEdit");
    auto *upstream = child<QLineEdit>(page, "upstreamEdit");
    auto *secret = child<QLineEdit>(page, "appSecretEdit");
    auto *message = child<QLabel>(page, "messageLabel");
    QVERIFY(table && newButton && save && name && appid && upstream && secret && message);
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    QCOMPARE(secret->placeholderText(), QStringLiteral("stored in the keychain — type to replace"));
    QVERIFY(table->model()->rowCount() >= 1);
    QCOMPARE(name->text(), QStringLiteral("Parcel desk")); // the first app is shown

    QTest::mouseClick(newButton, Qt::LeftButton);
    QVERIFY(name->text().isEmpty());
    name->setText(QStringLiteral("Work orders"));
    appid->setText(QStringLiteral("wxworkorders0001"));
    upstream->setText(QStringLiteral("ftp://example.com"));
    secret->setText(QStringLiteral("app-secret-1"));
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(message->text().contains(QLatin1String("upstream")));
    auto none = AppRepository(m_ws->db()).findByName(QStringLiteral("Work orders"));
    QVERIFY(none && !*none);

    upstream->setText(QStringLiteral("https://api.weixin.qq.com"));
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(message->text(), QStringLiteral("Saved."));
    auto saved = AppRepository(m_ws->db()).findByName(QStringLiteral("Work orders"));
    QVERIFY(saved && *saved);
    QCOMPARE((*saved)->appid, QStringLiteral("wxworkorders0001"));
    QCOMPARE((*saved)->upstream, QStringLiteral("https://api.weixin.qq.com"));
    auto stored = m_secrets->read(SecretStore::appSecretKey((*saved)->id));
    QVERIFY(stored && *stored);
    QCOMPARE(**stored, QStringLiteral("app-secret-1"));
    QVERIFY(secret->text().isEmpty()); // never shown back
    QCOMPARE(ListingTable::selectedId(table), (*saved)->id);

    // The composer offers the new app at once.
    auto *appCombo = child<QComboBox>(&w, "appCombo");
    QVERIFY(appCombo->findData((*saved)->id) >= 0);

    // Editing without typing a secret leaves the stored one alone.
    name->setText(QStringLiteral("Work orders (EU)"));
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(message->text(), QStringLiteral("Saved."));
    stored = m_secrets->read(SecretStore::appSecretKey((*saved)->id));
    QCOMPARE(**stored, QStringLiteral("app-secret-1"));
    auto renamed = AppRepository(m_ws->db()).findById((*saved)->id);
    QCOMPARE((*renamed)->name, QStringLiteral("Work orders (EU)"));
}

void tst_UiConsole::appsPageReportsKeychainFailure()
{
    MainWindow w(*m_ws);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.showPage(MainWindow::Page::Apps);
    auto *page = child<QWidget>(&w, "appsPage");
    auto *save = child<QPushButton>(page, "saveButton");
    auto *secret = child<QLineEdit>(page, "appSecretEdit");
    auto *message = child<QLabel>(page, "messageLabel");
    QVERIFY(save && secret && message);
    const qint64 appId = w.appsPage()->currentAppId();
    QVERIFY(appId != 0);

    m_secrets->failWrites = true;
    secret->setText(QStringLiteral("new-secret"));
    // The page offers to keep the secret in memory for the session; the operator declines here (the
    // accepted offer is tst_ui_nokeyring's), so the failure is what stays on screen.
    const int asked = Confirmation::askedCount();
    Confirmation::setNextAnswer(QMessageBox::No);
    QTest::mouseClick(save, Qt::LeftButton);
    m_secrets->failWrites = false;
    QCOMPARE(Confirmation::askedCount(), asked + 1);
    QVERIFY2(message->text().contains(QLatin1String("The keychain is locked.")), qPrintable(message->text()));
    QVERIFY(message->isVisible());
    auto stored = m_secrets->read(SecretStore::appSecretKey(appId));
    QVERIFY(stored);
    QVERIFY(!*stored || **stored != QLatin1String("new-secret"));
}

void tst_UiConsole::appsPageSetsUpEmail()
{
    MainWindow w(*m_ws);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.showPage(MainWindow::Page::Apps);
    auto *page = child<QWidget>(&w, "appsPage");
    auto *url = child<QLineEdit>(page, "smtpUrlEdit");
    auto *user = child<QLineEdit>(page, "smtpUserEdit");
    auto *password = child<QLineEdit>(page, "smtpPasswordEdit");
    auto *from = child<QLineEdit>(page, "smtpFromEdit");
    auto *ntfy = child<QLineEdit>(page, "ntfyServerEdit");
    auto *token = child<QLineEdit>(page, "callbackTokenEdit");
    auto *save = child<QPushButton>(page, "saveButton");
    QVERIFY(url && user && password && from && ntfy && token && save);
    QCOMPARE(password->echoMode(), QLineEdit::Password);
    QCOMPARE(token->echoMode(), QLineEdit::Password);
    const qint64 appId = w.appsPage()->currentAppId();
    QVERIFY(appId != 0);

    url->setText(QStringLiteral("smtp://127.0.0.1:2525"));
    user->setText(QStringLiteral("relay"));
    password->setText(QStringLiteral("smtp-pa55-word"));
    from->setText(QStringLiteral("noreply@parcel.example"));
    ntfy->setText(QStringLiteral("https://ntfy.example"));
    token->setText(QStringLiteral("wechat-server-Token"));
    QTest::mouseClick(save, Qt::LeftButton);

    // The server settings are stored with the app; the password goes to the keychain only, and is not shown back.
    auto app = AppRepository(m_ws->db()).findById(appId);
    QVERIFY(app && *app);
    QCOMPARE((*app)->smtpUrl, QStringLiteral("smtp://127.0.0.1:2525"));
    QCOMPARE((*app)->smtpUser, QStringLiteral("relay"));
    QCOMPARE((*app)->smtpFrom, QStringLiteral("noreply@parcel.example"));
    QCOMPARE((*app)->ntfyServer, QStringLiteral("https://ntfy.example"));
    auto stored = m_secrets->read(SecretStore::smtpPasswordKey(appId));
    QVERIFY(stored && *stored);
    QCOMPARE(**stored, QStringLiteral("smtp-pa55-word"));
    QVERIFY(password->text().isEmpty());
    // So does the callback Token the receiver checks WeChat's signatures with.
    auto storedToken = m_secrets->read(SecretStore::callbackTokenKey(appId));
    QVERIFY(storedToken && *storedToken);
    QCOMPARE(**storedToken, QStringLiteral("wechat-server-Token"));
    QVERIFY(token->text().isEmpty());
    QCOMPARE(url->text(), QStringLiteral("smtp://127.0.0.1:2525"));
    QCOMPARE(testsupport::sqlCount(testsupport::databasePath(m_dir),
                                   QStringLiteral("SELECT COUNT(*) FROM apps WHERE smtp_url LIKE '%pa55%' OR smtp_user LIKE '%pa55%' "
                                                  "OR contact LIKE '%Token%'")),
             qint64(0));

    // A protected Bark or ntfy server, and the webhook signing secret: the user with the app, the rest to the keychain.
    auto *barkServer = child<QLineEdit>(page, "barkServerEdit");
    auto *barkUser = child<QLineEdit>(page, "barkUserEdit");
    auto *barkPassword = child<QLineEdit>(page, "barkPasswordEdit");
    auto *ntfyToken = child<QLineEdit>(page, "ntfyTokenEdit");
    auto *webhook = child<QLineEdit>(page, "webhookSecretEdit");
    auto *message = child<QLabel>(page, "messageLabel");
    QVERIFY(barkServer && barkUser && barkPassword && ntfyToken && webhook && message);
    for (QLineEdit *secret : {barkPassword, ntfyToken, webhook})
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
    // Never in clear text across a network: refused before anything is stored.
    barkServer->setText(QStringLiteral("http://bark.example"));
    barkUser->setText(QStringLiteral("relay"));
    barkPassword->setText(QStringLiteral("bark-pa55"));
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY2(message->text().contains(QLatin1String("https")), qPrintable(message->text()));
    QCOMPARE(AppRepository(m_ws->db()).findById(appId).value().value().barkServer, QString());
    QVERIFY(!m_secrets->read(SecretStore::barkPasswordKey(appId)).value().has_value());
    barkServer->setText(QStringLiteral("https://bark.example"));
    ntfyToken->setText(QStringLiteral("tk_ntfy_pa55"));
    webhook->setText(QStringLiteral("hook-pa55"));
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(AppRepository(m_ws->db()).findById(appId).value().value().barkUser, QStringLiteral("relay"));
    for (const auto &[key, value] : {std::pair{SecretStore::barkPasswordKey(appId), QStringLiteral("bark-pa55")},
                                     std::pair{SecretStore::ntfyTokenKey(appId), QStringLiteral("tk_ntfy_pa55")},
                                     std::pair{SecretStore::webhookSecretKey(appId), QStringLiteral("hook-pa55")}}) {
        auto kept = m_secrets->read(key);
        QVERIFY(kept && *kept);
        QCOMPARE(**kept, value);
    }
    for (QLineEdit *secret : {barkPassword, ntfyToken, webhook})
        QVERIFY(secret->text().isEmpty());
    QCOMPARE(barkUser->text(), QStringLiteral("relay"));
    QCOMPARE(testsupport::sqlCount(testsupport::databasePath(m_dir), QStringLiteral("SELECT COUNT(*) FROM apps WHERE "
                                   "bark_user LIKE '%pa55%' OR bark_server LIKE '%pa55%' OR ntfy_server LIKE '%pa55%'")),
             qint64(0));
}

void tst_UiConsole::appsPageTestsTheConnectionAndShowsItsBroadcasts()
{
    MainWindow w(*m_ws);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.showPage(MainWindow::Page::Apps);
    auto *page = child<QWidget>(&w, "appsPage");
    auto *test = child<QPushButton>(page, "testConnectionButton");
    auto *its = child<QPushButton>(page, "appBroadcastsButton");
    auto *message = child<QLabel>(page, "messageLabel");
    QVERIFY(test && its && message);
    const qint64 appId = w.appsPage()->currentAppId();
    QVERIFY(appId != 0);
    QVERIFY(test->isEnabled() && its->isEnabled());
    const QString key = SecretStore::appSecretKey(appId);
    QVERIFY(m_secrets->remove(key).has_value());

    // The built-in sandbox, with its documented credential: an access token, said so.
    QSignalSpy tested(w.appsPage(), &AppsPage::connectionTested);
    QTest::mouseClick(test, Qt::LeftButton);
    QVERIFY(!test->isEnabled()); // one test at a time
    QVERIFY(tested.wait(30000));
    QCOMPARE(tested.first().at(0).toBool(), true);
    QVERIFY2(message->text().contains(QLatin1String("access token")), qPrintable(message->text()));
    QVERIFY(test->isEnabled());

    // A wrong AppSecret: the upstream's refusal, with its errcode.
    QVERIFY(m_secrets->write(key, QStringLiteral("not-the-secret")).has_value());
    tested.clear();
    QTest::mouseClick(test, Qt::LeftButton);
    QVERIFY(tested.wait(30000));
    QCOMPARE(tested.first().at(0).toBool(), false);
    QVERIFY2(message->text().contains(QLatin1String("40125")), qPrintable(message->text()));
    QVERIFY(m_secrets->remove(key).has_value());

    // Its broadcasts: the Broadcasts page, filtered to the app, and only its rows.
    QTest::mouseClick(its, Qt::LeftButton);
    QCOMPARE(w.currentPage(), MainWindow::Page::Broadcasts);
    auto *filter = child<QComboBox>(w.broadcastsPage(), "appFilter");
    QVERIFY(filter);
    QCOMPARE(filter->currentData().toLongLong(), appId);
    ListingModel *model = w.broadcastsPage()->model();
    const int appColumn = model->columnOf(QStringLiteral("app_id"));
    QVERIFY(appColumn >= 0);
    while (model->canFetchMore({}))
        model->fetchMore({});
    QCOMPARE(qint64(model->rowCount()),
             testsupport::sqlCount(testsupport::databasePath(m_dir), QStringLiteral("SELECT COUNT(*) FROM broadcasts WHERE app_id = %1").arg(appId)));
    QVERIFY(model->rowCount() > 0); // the earlier tests sent some
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->data(model->index(row, appColumn), Qt::DisplayRole).toString(), QString::number(appId));
    // "All apps" lists every broadcast again.
    filter->setCurrentIndex(0);
    while (model->canFetchMore({}))
        model->fetchMore({});
    QCOMPARE(qint64(model->rowCount()), testsupport::sqlCount(testsupport::databasePath(m_dir), QStringLiteral("SELECT COUNT(*) FROM broadcasts")));
}

void tst_UiConsole::subscribersSearchAndBindings()
{
    MainWindow w(*m_ws);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.showPage(MainWindow::Page::Subscribers);
    auto *page = child<QWidget>(&w, "subscribersPage");
    auto *search = child<QLineEdit>(page, "searchEdit");
    auto *table = child<QTableView>(page, "subscribersTable");
    auto *bindings = child<QTableWidget>(page, "bindingsTable");
    auto *countLabel = child<QLabel>(page, "countLabel");
    auto *empty = child<QLabel>(page, "emptyStateLabel");
    QVERIFY(search && table && bindings && countLabel && empty);
    QCOMPARE(table->model()->rowCount(), kSubscribers);
    // Plural forms come from the translation files; without one loaded, the count itself is what matters.
    QVERIFY2(countLabel->text().startsWith(QLatin1String("50 ")), qPrintable(countLabel->text()));

    search->setText(QStringLiteral("Tester 0")); // Tester 01 … 09, after the typing pause
    QTRY_COMPARE(table->model()->rowCount(), 9);
    QVERIFY2(countLabel->text().startsWith(QLatin1String("9 ")), qPrintable(countLabel->text()));
    QTest::keyClicks(search, QStringLiteral("7"));
    QTest::keyClick(search, Qt::Key_Return); // at once
    QCOMPARE(table->model()->rowCount(), 1);
    search->setText(QStringLiteral("o-test-01"));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(table->model()->rowCount(), 10); // o-test-010 … 019
    search->setText(QStringLiteral("tester4"));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(table->model()->rowCount(), 11); // tester4@, tester40@ … tester49@
    search->setText(QStringLiteral("nobody"));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(table->model()->rowCount(), 0);
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(QLatin1String("nobody")));

    search->clear();
    QTest::keyClick(search, Qt::Key_Return);
    table->selectRow(0);
    QCOMPARE(bindings->rowCount(), 1);
    QCOMPARE(bindings->item(0, 0)->text(), QStringLiteral("Parcel desk"));
    QCOMPARE(bindings->item(0, 1)->text(), QStringLiteral("Active"));
    QCOMPARE(bindings->item(0, 3)->text(), QStringLiteral("WeChat"));
    QCOMPARE(child<QLabel>(page, "openidValue")->text(), QStringLiteral("o-test-001"));
}

void tst_UiConsole::templatesPageEditsPayloadAndPlaceholders()
{
    MainWindow w(*m_ws);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.showPage(MainWindow::Page::Templates);
    auto *page = child<QWidget>(&w, "templatesPage");
    auto *table = child<QTableView>(page, "templatesTable");
    auto *newButton = child<QPushButton>(page, "newButton");
    auto *save = child<QPushButton>(page, "saveButton");
    auto *name = child<QLineEdit>(page, "nameEdit");
    auto *appCombo = child<QComboBox>(page, "appCombo");
    auto *csText = child<QPlainTextEdit>(page, "csTextEdit");
    auto *fields = child<QPlainTextEdit>(page, "wechatFieldsEdit");
    auto *templateId = child<QLineEdit>(page, "wechatTemplateIdEdit");
    auto *barkTitle = child<QLineEdit>(page, "barkTitleEdit");
    auto *placeholders = child<QLabel>(page, "placeholdersLabel");
    auto *message = child<QLabel>(page, "messageLabel");
    QVERIFY(table && newButton && save && name && appCombo && csText && fields && templateId && barkTitle && placeholders && message);

    // The existing template is shown with its fields as key=value lines.
    QCOMPARE(name->text(), QStringLiteral("Arrival"));
    QCOMPARE(fields->toPlainText(), QStringLiteral("first={{message}}\nkeyword1={{nickname}}"));
    QVERIFY(placeholders->text().contains(QLatin1String("{{message}}")));
    QVERIFY(!appCombo->isEnabled());

    QTest::mouseClick(newButton, Qt::LeftButton);
    QVERIFY(name->text().isEmpty());
    QVERIFY(appCombo->isEnabled());
    name->setText(QStringLiteral("Pickup reminder"));
    appCombo->setCurrentIndex(appCombo->findData(m_appId));
    csText->setPlainText(QStringLiteral("{{nickname}}, pick it up at {{place}} before {{deadline}}"));
    QVERIFY2(placeholders->text().contains(QLatin1String("deadline")), qPrintable(placeholders->text()));
    templateId->setText(QStringLiteral("TM-PICKUP"));
    fields->setPlainText(QStringLiteral("first={{place}}\nthis line has no equals sign"));
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY2(message->text().contains(QLatin1String("Line 2")), qPrintable(message->text()));
    auto none = TemplateRepository(m_ws->db()).findByName(m_appId, QStringLiteral("Pickup reminder"));
    QVERIFY(none && !*none);

    fields->setPlainText(QStringLiteral("first={{place}}\n\nremark = see you soon "));
    barkTitle->setText(QStringLiteral("Pickup"));
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(message->text(), QStringLiteral("Saved."));
    auto saved = TemplateRepository(m_ws->db()).findByName(m_appId, QStringLiteral("Pickup reminder"));
    QVERIFY(saved && *saved);
    QCOMPARE((*saved)->wechatTemplateId, QStringLiteral("TM-PICKUP"));
    QCOMPARE((*saved)->wechatFields.size(), 2);
    QCOMPARE((*saved)->wechatFields.at(1), (QPair<QString, QString>(QStringLiteral("remark"), QStringLiteral("see you soon"))));
    QCOMPARE((*saved)->barkTitle, QStringLiteral("Pickup"));
    QCOMPARE((*saved)->placeholders(), (QStringList{QStringLiteral("nickname"), QStringLiteral("place"), QStringLiteral("deadline")}));
    QCOMPARE(table->model()->rowCount(), 2);

    // The composer offers it, asking for the two values no recipient provides.
    chooseInComposer(w, m_appId, (*saved)->id);
    auto *variables = child<QTableWidget>(&w, "variablesTable");
    QCOMPARE(variables->rowCount(), 2);
    QCOMPARE(variables->item(0, 0)->data(Qt::UserRole).toString(), QStringLiteral("place"));
    QCOMPARE(variables->item(1, 0)->data(Qt::UserRole).toString(), QStringLiteral("deadline"));
}

void tst_UiConsole::emptyDatabaseShowsFriendlyStates()
{
    // A second, empty database without an engine; the seeded workspace is closed first.
    m_ws.reset();
    WorkspaceOptions options;
    options.secrets = std::make_shared<MemorySecretStore>();
    options.startEngine = false;
    auto ws = Workspace::open(DatabaseConfig::sqlite(testsupport::databasePath(m_dir, QStringLiteral("empty.db"))), options);
    QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().message));
    m_ws = std::move(*ws);

    MainWindow w(*m_ws);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.statusBar()->currentMessage().contains(QLatin1String("no engine")));
    w.showPage(MainWindow::Page::Apps);
    auto *appsEmpty = child<QLabel>(child<QWidget>(&w, "appsPage"), "emptyStateLabel");
    QVERIFY(appsEmpty->isVisible());
    QVERIFY(appsEmpty->text().contains(QLatin1String("No apps yet")));
    QCOMPARE(child<QLineEdit>(&w, "nameEdit")->text(), QString()); // ready for a new app

    w.showPage(MainWindow::Page::Subscribers);
    auto *subscribersEmpty = child<QLabel>(child<QWidget>(&w, "subscribersPage"), "emptyStateLabel");
    QVERIFY(subscribersEmpty->isVisible());
    QVERIFY2(subscribersEmpty->text().contains(QLatin1String("pushdesk demo")), qPrintable(subscribersEmpty->text()));

    w.showPage(MainWindow::Page::Composer);
    auto *composer = child<QWidget>(&w, "composerPage");
    QVERIFY(!child<QPushButton>(composer, "sendButton")->isEnabled());
    auto *hint = child<QLabel>(composer, "errorLabel");
    QVERIFY(hint->isVisible());
    QVERIFY2(hint->text().contains(QLatin1String("Apps page")), qPrintable(hint->text()));

    w.showPage(MainWindow::Page::SendLog);
    auto *logEmpty = child<QLabel>(child<QWidget>(&w, "sendLogPage"), "emptyStateLabel");
    QVERIFY(logEmpty->isVisible());
    QVERIFY(logEmpty->text().contains(QLatin1String("Nothing has been sent yet")));
}

QTEST_MAIN(tst_UiConsole)
#include "tst_ui_console.moc"
