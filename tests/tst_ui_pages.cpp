// The console's pages beyond compose-and-send, each driven through its named widgets on the offscreen
// platform: the Dashboard's counts and its chart bars opening the Send log; the Send log's filters and
// CSV export; the composer's dry run, schedule and confirmation threshold; the Broadcasts page pausing,
// resuming and cancelling a running broadcast (the built-in sandbox, a window of one request, a few
// hundred subscribers, answers a little late); Settings, and switching the language without losing work.
#include "console/deliverylog.h"
#include "console/settings.h"
#include "engine/broadcastengine.h"
#include "mainwindow.h"
#include "models/listingmodel.h"
#include "pages/broadcastprogresspanel.h"
#include "pages/broadcastspage.h"
#include "pages/composerpage.h"
#include "pages/confirmation.h"
#include "pages/dashboardpage.h"
#include "pages/sendlogpage.h"
#include "pages/settingspage.h"
#include "pages/subscriberspage.h"
#include "secrets/secretstore.h"
#include "store/apprepository.h"
#include "store/broadcastrepository.h"
#include "store/listing.h"
#include "store/subscriberrepository.h"
#include "testsupport.h"
#include "uilanguage.h"
#include "workspace.h"

#include <QLocale>
#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QPlainTextEdit>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStackedBarSeries>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace pushdesk;

namespace {
constexpr int kSubscribers = 300;
constexpr int kSeededSent = 6;
constexpr int kSeeded43004 = 3;
constexpr int kSeeded45015 = 1;
constexpr int kTimeoutMs = 60000;
const QString kAppid = QStringLiteral("wxpagesapp000001");

using testsupport::child;

qint64 broadcastCount(Database &db)
{
    return Listing::count(db, Listing::broadcasts(), {}).value_or(-1);
}

QBarSet *barSet(QChartView *view, const QString &name)
{
    for (QAbstractSeries *series : view->chart()->series()) {
        auto *bars = qobject_cast<QAbstractBarSeries *>(series);
        if (!bars)
            continue;
        for (QBarSet *set : bars->barSets()) {
            if (set->objectName() == name)
                return set;
        }
    }
    return nullptr;
}
} // namespace

class tst_UiPages : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void dashboardShowsSeededCounts();
    void dashboardBarsOpenTheSendLog();
    void sendLogFiltersAndExportsCsv();
    void composerDryRunCreatesNothing();
    void composerPreviewChecksLimits();
    void confirmationAboveThresholdNoSendsNothing();
    void scheduleCreatesScheduledBroadcast();
    void broadcastsPagePausesResumesAndCancels();
    void uncertainDeliveriesAreListedAndResentOnRequest();
    void retryFailedFromBroadcastsPage();
    void settingsSaveAndKeychainStatus();
    void languageSwitchKeepsTypedWork();
    void layoutIsRemembered();
    void subscribersSearchShowsItsOrder();
    void screenshots(); // PUSHDESK_SCREENSHOT_DIR=<folder>: a PNG of every page, for the README

private:
    std::unique_ptr<MainWindow> window();
    void chooseInComposer(MainWindow &w);
    void sandboxPost(const QString &path, const QJsonObject &body);

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    std::shared_ptr<ConsoleSettings> m_settings;
    qint64 m_appId = 0;
    qint64 m_riskyAppId = 0;
    qint64 m_templateId = 0;
    qint64 m_seededBroadcast = 0;
};

// A search under no chosen sort lists its matches by the column they matched: no column's sort indicator
// while it does; a column the operator clicks orders them and keeps its indicator.
void tst_UiPages::subscribersSearchShowsItsOrder()
{
    auto w = window();
    w->showPage(MainWindow::Page::Subscribers);
    SubscribersPage *page = w->subscribersPage();
    auto *table = child<QTableView>(page, "subscribersTable");
    auto *search = child<QLineEdit>(page, "searchEdit");
    QVERIFY(table && search);
    ListingModel *model = page->model();
    QHeaderView *header = table->horizontalHeader();
    const int id = model->columnOf(QStringLiteral("id"));
    const int nickname = model->columnOf(QStringLiteral("nickname"));
    QCOMPARE(header->sortIndicatorSection(), id);

    search->setText(QStringLiteral("member 2")); // Member 200 … 299 and Member 002, 020 … 029 do not begin so
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(model->rowCount(), 100);
    QCOMPARE(model->sortColumn(), -1);
    QCOMPARE(header->sortIndicatorSection(), -1);
    for (int row = 1; row < model->rowCount(); ++row)
        QVERIFY(model->index(row - 1, nickname).data().toString() < model->index(row, nickname).data().toString());

    header->setSortIndicator(id, Qt::DescendingOrder); // as a click on the header does
    QCOMPARE(model->sortColumn(), id);
    QCOMPARE(model->rowCount(), 100);
    QCOMPARE(model->index(0, nickname).data().toString(), QStringLiteral("Member 299"));
    search->clear();
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(header->sortIndicatorSection(), id);
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(model->index(0, nickname).data().toString(), QStringLiteral("Member %1").arg(kSubscribers));
}

std::unique_ptr<MainWindow> tst_UiPages::window()
{
    auto w = std::make_unique<MainWindow>(*m_ws, m_settings);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get()))
        qWarning("window not exposed");
    return w;
}

void tst_UiPages::sandboxPost(const QString &path, const QJsonObject &body)
{
    const auto r = testsupport::httpPost(testsupport::join(m_ws->sandboxUrl(), path), body);
    QCOMPARE(r.status, 200);
    QVERIFY2(r.json.value(QStringLiteral("ok")).toBool(), r.body.constData());
}

void tst_UiPages::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_settings = std::make_shared<ConsoleSettings>(m_dir.filePath(QStringLiteral("console.ini")));
    WorkspaceOptions options;
    options.secrets = std::make_shared<MemorySecretStore>();
    options.alwaysSandbox = true;
    options.engine.concurrency = 1; // a narrow window: the broadcast runs long enough to be paused
    options.engine.managers = 1;
    auto ws = Workspace::open(DatabaseConfig::sqlite(testsupport::databasePath(m_dir)), options);
    QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().message));
    m_ws = std::move(*ws);
    m_ws->setOperatorName(QStringLiteral("pages-tester"));

    App app;
    app.name = QStringLiteral("Dispatch");
    app.appid = kAppid;
    auto appId = AppRepository(m_ws->db()).create(app);
    QVERIFY(appId);
    m_appId = *appId;
    App risky;
    risky.name = QStringLiteral("Shaky shop");
    risky.appid = QStringLiteral("wxshakyshop00001");
    risky.creditScore = 62;
    auto riskyId = AppRepository(m_ws->db()).create(risky);
    QVERIFY(riskyId);
    m_riskyAppId = *riskyId;
    if (auto stored = AppRepository(m_ws->db()).findById(m_riskyAppId); stored && *stored && (*stored)->creditScore != 62) {
        App a = **stored;
        a.creditScore = 62;
        QVERIFY(AppRepository(m_ws->db()).update(a));
    }

    Template t;
    t.appId = m_appId;
    t.name = QStringLiteral("Work order");
    t.csText = QStringLiteral("Hi {{nickname}}, {{message}}");
    t.wechatTemplateId = QStringLiteral("TM-ORDER");
    t.wechatFields = {{QStringLiteral("thing1"), QStringLiteral("{{message}}")}};
    auto templateId = TemplateRepository(m_ws->db()).create(t);
    QVERIFY(templateId);
    m_templateId = *templateId;

    const QDateTime now = QDateTime::currentDateTime();
    QList<Subscriber> subscribers;
    for (int i = 1; i <= kSubscribers; ++i) {
        Subscriber s;
        s.mpOpenid = QStringLiteral("o-page-%1").arg(i, 4, 10, QLatin1Char('0'));
        s.nickname = QStringLiteral("Member %1").arg(i, 3, 10, QLatin1Char('0'));
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
        b.changedBy = QStringLiteral("tester");
        b.changedAt = now;
        bindings.append(b);
    }
    QVERIFY(repo.upsertBindings(bindings));

    sandboxPost(QStringLiteral("/sandbox/admin/apps"), {{QStringLiteral("appid"), kAppid}});
    QJsonArray followers;
    for (const Subscriber &s : std::as_const(subscribers))
        followers.append(QJsonObject{{QStringLiteral("openid"), s.mpOpenid},
                                     {QStringLiteral("following"), true},
                                     {QStringLiteral("last_interaction"), double(now.toSecsSinceEpoch())}});
    sandboxPost(QStringLiteral("/sandbox/admin/followers"), {{QStringLiteral("appid"), kAppid}, {QStringLiteral("followers"), followers}});

    // A finished broadcast of ten deliveries today: 6 sent, 3 failed with 43004, 1 with 45015.
    BroadcastRepository broadcasts(m_ws->db());
    Broadcast b;
    b.appId = m_appId;
    b.templateId = m_templateId;
    b.variables = {{QStringLiteral("message"), QStringLiteral("seeded")}};
    b.status = BroadcastStatus::Finished;
    b.createdBy = QStringLiteral("seed");
    auto seeded = broadcasts.create(b);
    QVERIFY(seeded);
    m_seededBroadcast = *seeded;
    QList<PlannedDelivery> rows;
    for (int i = 0; i < 10; ++i)
        rows.append(PlannedDelivery{subscribers[i].id, Channel::WeChat, DeliveryState::Pending, {}, {}, {}});
    QVERIFY(broadcasts.plan(m_seededBroadcast, m_appId, rows, subscribers[9].id, true));
    auto planned = broadcasts.deliveries(m_seededBroadcast);
    QVERIFY(planned && planned->size() == 10);
    QList<qint64> ids;
    for (const Delivery &d : std::as_const(*planned))
        ids.append(d.id);
    QVERIFY(broadcasts.markInFlight(ids));
    QList<DeliveryOutcome> outcomes;
    for (int i = 0; i < 10; ++i) {
        DeliveryOutcome o;
        o.deliveryId = ids[i];
        o.attempts = 1;
        o.httpStatus = 200;
        if (i < kSeededSent) {
            o.state = DeliveryState::Sent;
            o.route = QStringLiteral("custom");
        } else {
            o.state = DeliveryState::Failed;
            o.errcode = i < kSeededSent + kSeeded43004 ? 43004 : 45015;
            o.errmsg = QStringLiteral("seeded, with a comma, and \"quotes\"");
            o.reason = QStringLiteral("seeded failure");
        }
        outcomes.append(o);
    }
    QVERIFY(broadcasts.record(m_seededBroadcast, outcomes));
    QVERIFY(broadcasts.setStatus(m_seededBroadcast, BroadcastStatus::Finished));

    QSqlQuery q(m_ws->db().db());
    q.prepare(QStringLiteral("INSERT INTO complaints (app_id, category, text, status, created_at) VALUES (?, 'spam', 'too many', 'open', ?)"));
    q.addBindValue(m_riskyAppId);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    QVERIFY(q.exec());
}

void tst_UiPages::cleanupTestCase()
{
    UiLanguage::apply(QStringLiteral("en"));
    m_ws.reset();
}

void tst_UiPages::chooseInComposer(MainWindow &w)
{
    w.showPage(MainWindow::Page::Composer);
    auto *composer = child<QWidget>(&w, "composerPage");
    auto *appCombo = child<QComboBox>(composer, "appCombo");
    auto *templateCombo = child<QComboBox>(composer, "templateCombo");
    QVERIFY(appCombo && templateCombo);
    appCombo->setCurrentIndex(appCombo->findData(m_appId));
    templateCombo->setCurrentIndex(templateCombo->findData(m_templateId));
    auto *variables = child<QTableWidget>(composer, "variablesTable");
    QCOMPARE(variables->rowCount(), 1);
    variables->item(0, 1)->setText(QStringLiteral("truck arrives at 9"));
}

void tst_UiPages::dashboardShowsSeededCounts()
{
    auto w = window();
    QCOMPARE(w->currentPage(), MainWindow::Page::Dashboard);
    auto *page = child<QWidget>(w.get(), "dashboardPage");
    auto *today = child<QLabel>(page, "todayValue");
    auto *week = child<QLabel>(page, "weekValue");
    auto *rate = child<QLabel>(page, "failureRateValue");
    auto *complaints = child<QLabel>(page, "openComplaintsValue");
    auto *risk = child<QTableWidget>(page, "appsAtRiskTable");
    auto *live = child<QLabel>(page, "liveEmptyLabel");
    QVERIFY(today && week && rate && complaints && risk && live);
    QVERIFY2(today->text().contains(QLatin1String("6 sent")), qPrintable(today->text()));
    QVERIFY2(today->text().contains(QLatin1String("4 failed")), qPrintable(today->text()));
    QVERIFY2(week->text().contains(QLatin1String("6 sent")), qPrintable(week->text()));
    QVERIFY2(rate->text().startsWith(QLatin1String("40")), qPrintable(rate->text()));
    QVERIFY2(complaints->text().startsWith(QLatin1String("1 ")), qPrintable(complaints->text()));
    QCOMPARE(risk->rowCount(), 1);
    QCOMPARE(risk->item(0, 0)->text(), QStringLiteral("Shaky shop"));
    QCOMPARE(risk->item(0, 1)->text(), QStringLiteral("62"));
    QVERIFY(live->isVisible()); // nothing running or scheduled yet
    const DashboardSnapshot &s = w->dashboardPage()->snapshot();
    QCOMPARE(s.days.size(), DashboardStats::kDays);
    QCOMPARE(s.days.last().byState.value(QStringLiteral("sent")), qint64(kSeededSent));
    QCOMPARE(s.failures.size(), 2);
    QCOMPARE(s.failures.first().errcode, 43004);
}

void tst_UiPages::dashboardBarsOpenTheSendLog()
{
    auto w = window();
    auto *page = child<QWidget>(w.get(), "dashboardPage");
    auto *deliveries = child<QChartView>(page, "deliveriesChart");
    auto *failures = child<QChartView>(page, "failuresChart");
    QVERIFY(deliveries && failures);
    auto *sendLog = child<QWidget>(w.get(), "sendLogPage");
    auto *table = child<QTableView>(sendLog, "deliveriesTable");
    auto *stateFilter = child<QComboBox>(sendLog, "stateFilter");
    auto *errcode = child<QLineEdit>(sendLog, "errcodeEdit");
    auto *ranged = child<QCheckBox>(sendLog, "timeRangeCheck");
    QVERIFY(table && stateFilter && errcode && ranged);

    // Failures by errcode: the first bar is 43004 (three rows).
    QBarSet *failed = barSet(failures, QStringLiteral("failed"));
    QVERIFY(failed);
    QCOMPARE(failed->at(0), double(kSeeded43004));
    emit failed->clicked(0);
    QCOMPARE(w->currentPage(), MainWindow::Page::SendLog);
    QCOMPARE(stateFilter->currentData().toString(), QStringLiteral("failed"));
    QCOMPARE(errcode->text(), QStringLiteral("43004"));
    QVERIFY(ranged->isChecked());
    QCOMPARE(table->model()->rowCount(), kSeeded43004);

    // Deliveries by day: today's "sent" bar.
    w->showPage(MainWindow::Page::Dashboard);
    QBarSet *sent = barSet(deliveries, QStringLiteral("sent"));
    QVERIFY(sent);
    QCOMPARE(sent->count(), DashboardStats::kDays);
    QCOMPARE(sent->at(DashboardStats::kDays - 1), double(kSeededSent));
    emit sent->clicked(DashboardStats::kDays - 1);
    QCOMPARE(w->currentPage(), MainWindow::Page::SendLog);
    const DeliveryLogFilter f = w->sendLogPage()->currentFilter();
    QCOMPARE(f.state, QStringLiteral("sent"));
    QVERIFY(!f.hasErrcode);
    QCOMPARE(f.from, QDateTime(QDate::currentDate(), QTime(0, 0)));
    QCOMPARE(table->model()->rowCount(), kSeededSent);
}

void tst_UiPages::sendLogFiltersAndExportsCsv()
{
    auto w = window();
    w->showPage(MainWindow::Page::SendLog);
    auto *page = child<QWidget>(w.get(), "sendLogPage");
    auto *table = child<QTableView>(page, "deliveriesTable");
    auto *stateFilter = child<QComboBox>(page, "stateFilter");
    auto *appFilter = child<QComboBox>(page, "appFilter");
    auto *channelFilter = child<QComboBox>(page, "channelFilter");
    auto *errcode = child<QLineEdit>(page, "errcodeEdit");
    auto *search = child<QLineEdit>(page, "searchEdit");
    auto *count = child<QLabel>(page, "countLabel");
    auto *empty = child<QLabel>(page, "emptyStateLabel");
    auto *exportButton = child<QPushButton>(page, "exportButton");
    auto *clear = child<QPushButton>(page, "clearFiltersButton");
    QVERIFY(table && stateFilter && appFilter && channelFilter && errcode && search && count && empty && exportButton && clear);
    auto *model = w->sendLogPage()->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    QCOMPARE(model->rowCount(), 10);
    stateFilter->setCurrentIndex(stateFilter->findData(QStringLiteral("failed")));
    QCOMPARE(model->rowCount(), kSeeded43004 + kSeeded45015);
    errcode->setText(QStringLiteral("45015"));
    QTest::keyClick(errcode, Qt::Key_Return);
    QCOMPARE(model->rowCount(), kSeeded45015);
    QVERIFY2(count->text().startsWith(QLatin1String("1 ")), qPrintable(count->text()));
    channelFilter->setCurrentIndex(channelFilter->findData(QStringLiteral("bark")));
    QCOMPARE(model->rowCount(), 0);
    QVERIFY(empty->isVisible());
    QVERIFY(!exportButton->isEnabled());
    channelFilter->setCurrentIndex(channelFilter->findData(QStringLiteral("wechat")));
    QCOMPARE(model->rowCount(), kSeeded45015);
    appFilter->setCurrentIndex(appFilter->findData(m_riskyAppId));
    QCOMPARE(model->rowCount(), 0);
    appFilter->setCurrentIndex(appFilter->findData(m_appId));
    QCOMPARE(model->rowCount(), kSeeded45015);
    QCOMPARE(model->value(0, QStringLiteral("app")).toString(), QStringLiteral("Dispatch"));

    // The current filter, as CSV: a header and the one row, quoted where it must be.
    const QString path = m_dir.filePath(QStringLiteral("failed.csv"));
    QVERIFY(exportButton->isEnabled());
    QVERIFY(w->sendLogPage()->exportToFile(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines[0].startsWith(QLatin1String("id,broadcast_id,app,subscriber,channel,state")));
    QVERIFY2(lines[1].contains(QLatin1String(",failed,")) && lines[1].contains(QLatin1String("45015")), qPrintable(lines[1]));
    file.close();

    // Clear, then search by recipient.
    QTest::mouseClick(clear, Qt::LeftButton);
    QCOMPARE(model->rowCount(), 10);
    search->setText(QStringLiteral("Member 001"));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(model->rowCount(), 1);

    // Ctrl+C copies the selected row as tab-separated cells.
    table->selectRow(0);
    auto *copy = table->findChild<QAction *>(QStringLiteral("copyCellsAction"));
    QVERIFY(copy);
    copy->trigger();
    const QString copied = QApplication::clipboard()->text();
    QVERIFY2(copied.contains(QLatin1Char('\t')) && copied.contains(QLatin1String("Member 001")), qPrintable(copied));
}

void tst_UiPages::composerDryRunCreatesNothing()
{
    auto w = window();
    chooseInComposer(*w);
    auto *composer = child<QWidget>(w.get(), "composerPage");
    auto *dryRun = child<QPushButton>(composer, "dryRunButton");
    auto *audience = child<QLabel>(composer, "audienceLabel");
    auto *message = child<QLabel>(composer, "errorLabel");
    auto *tags = child<QRadioButton>(composer, "audienceTagsRadio");
    auto *all = child<QRadioButton>(composer, "audienceAllRadio");
    QVERIFY(dryRun && audience && message && tags && all);
    QVERIFY(all->isChecked());
    QVERIFY(tags->isEnabled()); // the other audiences: tst_ui_audience

    const qint64 before = broadcastCount(m_ws->db());
    QTest::mouseClick(dryRun, Qt::LeftButton);
    QVERIFY2(audience->text().contains(QLatin1String("300 push")), qPrintable(audience->text()));
    QVERIFY2(message->text().startsWith(QLatin1String("Dry run")), qPrintable(message->text()));
    QVERIFY(w->composerPage()->lastForecast().has_value());
    QCOMPARE(w->composerPage()->lastForecast()->members, qint64(kSubscribers));
    QCOMPARE(broadcastCount(m_ws->db()), before);
}

void tst_UiPages::composerPreviewChecksLimits()
{
    auto w = window();
    chooseInComposer(*w);
    auto *composer = child<QWidget>(w.get(), "composerPage");
    auto *variables = child<QTableWidget>(composer, "variablesTable");
    auto *limits = child<QLabel>(composer, "limitsLabel");
    auto *templatePreview = child<QPlainTextEdit>(composer, "previewTemplateText");
    auto *csPreview = child<QPlainTextEdit>(composer, "previewCsText");
    QVERIFY(variables && limits && templatePreview && csPreview);
    QVERIFY(!limits->isVisible()); // "truck arrives at 9" fits a thing (18 characters)
    QVERIFY2(templatePreview->toPlainText().contains(QLatin1String("thing1 (at most 20 character")), qPrintable(templatePreview->toPlainText()));
    QVERIFY(csPreview->toPlainText().contains(QLatin1String("Hi Member 001, truck arrives at 9")));
    variables->item(0, 1)->setText(QStringLiteral("the truck arrives at nine tomorrow"));
    QVERIFY(limits->isVisible());
    QVERIFY2(limits->text().contains(QLatin1String("thing1 has 34 characters")), qPrintable(limits->text()));
    QCOMPARE(w->composerPage()->limitProblems(), 1);
    variables->item(0, 1)->setText(QStringLiteral("short"));
    QVERIFY(!limits->isVisible());
}

void tst_UiPages::confirmationAboveThresholdNoSendsNothing()
{
    auto w = window();
    chooseInComposer(*w);
    w->composerPage()->setConfirmationThreshold(100); // 300 members is above it
    auto *send = child<QPushButton>(w.get(), "sendButton");
    auto *message = child<QLabel>(child<QWidget>(w.get(), "composerPage"), "errorLabel");
    const qint64 before = broadcastCount(m_ws->db());
    const int asked = Confirmation::askedCount();
    Confirmation::setNextAnswer(QMessageBox::No);
    QTest::mouseClick(send, Qt::LeftButton);
    QCOMPARE(Confirmation::askedCount(), asked + 1);
    QCOMPARE(broadcastCount(m_ws->db()), before);
    QCOMPARE(message->text(), QStringLiteral("Nothing was sent."));
    QCOMPARE(w->composerPage()->progressPanel()->broadcastId(), qint64(0));
}

void tst_UiPages::scheduleCreatesScheduledBroadcast()
{
    auto w = window();
    chooseInComposer(*w);
    w->composerPage()->setConfirmationThreshold(100);
    auto *composer = child<QWidget>(w.get(), "composerPage");
    auto *when = child<QDateTimeEdit>(composer, "scheduleEdit");
    auto *later = child<QPushButton>(composer, "sendLaterButton");
    QVERIFY(when && later);
    const QDateTime at = QDateTime(QDate::currentDate().addDays(7), QTime(9, 0));
    when->setDateTime(at);
    QSignalSpy scheduled(w->composerPage(), &ComposerPage::broadcastScheduled);
    Confirmation::setNextAnswer(QMessageBox::Yes); // above the threshold: asked, and agreed
    QTest::mouseClick(later, Qt::LeftButton);
    QCOMPARE(scheduled.size(), 1);
    const qint64 id = scheduled.first().at(0).toLongLong();
    auto stored = BroadcastRepository(m_ws->db()).findById(id);
    QVERIFY(stored && *stored);
    QCOMPARE(toString((*stored)->status), toString(BroadcastStatus::Scheduled));
    QCOMPARE((*stored)->scheduledAt, at);
    QCOMPARE((*stored)->createdBy, QStringLiteral("pages-tester"));

    // It shows on the Broadcasts page as scheduled, and on the Dashboard.
    w->showPage(MainWindow::Page::Broadcasts);
    QVERIFY(w->broadcastsPage()->showBroadcast(id));
    QCOMPARE(toString(w->broadcastsPage()->currentStatus()), toString(BroadcastStatus::Scheduled));
    auto *statusFilter = child<QComboBox>(w->broadcastsPage(), "statusFilter");
    statusFilter->setCurrentIndex(statusFilter->findData(QStringLiteral("scheduled")));
    QCOMPARE(w->broadcastsPage()->model()->rowCount(), 1);
    statusFilter->setCurrentIndex(0);
    w->showPage(MainWindow::Page::Dashboard);
    QCOMPARE(child<QTableWidget>(w.get(), "liveTable")->rowCount(), 1);

    // Cancelled from the Broadcasts page, so that later tests have the engine to themselves.
    w->showPage(MainWindow::Page::Broadcasts);
    QVERIFY(w->broadcastsPage()->showBroadcast(id));
    auto *cancel = child<QPushButton>(w->broadcastsPage(), "cancelButton");
    QVERIFY(cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(BroadcastRepository(m_ws->db()).findById(id).value()->status == BroadcastStatus::Cancelled, kTimeoutMs);
}

void tst_UiPages::broadcastsPagePausesResumesAndCancels()
{
    // Every answer a little late: with one request in flight, 300 recipients take several seconds.
    sandboxPost(QStringLiteral("/sandbox/admin/faults"), {{QStringLiteral("latency_ms"), 15}});
    auto w = window();
    auto id = m_ws->createBroadcast(m_appId, m_templateId, {{QStringLiteral("message"), QStringLiteral("depot closed")}});
    QVERIFY(id);
    m_ws->engine()->start(*id);
    w->showPage(MainWindow::Page::Broadcasts);
    BroadcastsPage *page = w->broadcastsPage();
    QAbstractItemModelTester tester(page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester uncertainTester(page->uncertainModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto *pause = child<QPushButton>(page, "pauseButton");
    auto *resume = child<QPushButton>(page, "resumeButton");
    auto *cancel = child<QPushButton>(page, "cancelButton");
    auto *showProgress = child<QPushButton>(page, "showProgressButton");
    auto *status = child<QLabel>(page, "statusValue");
    auto *createdBy = child<QLabel>(page, "createdByValue");
    auto *verdict = child<QLabel>(page, "checkVerdictValue");
    auto *uncertain = child<QLabel>(page, "uncertainLabel");
    QVERIFY(pause && resume && cancel && showProgress && status && createdBy && verdict && uncertain);
    QVERIFY(page->showBroadcast(*id));
    QCOMPARE(createdBy->text(), QStringLiteral("pages-tester"));
    QVERIFY(uncertain->text().contains(QLatin1String("none")));
    QVERIFY(!verdict->text().isEmpty());

    // Running (the page follows the engine's progress), then paused.
    QTRY_VERIFY_WITH_TIMEOUT(page->currentStatus() == BroadcastStatus::Running && page->uncertainModel()->rowCount() == 0, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(pause->isEnabled(), kTimeoutMs);
    QVERIFY(showProgress->isEnabled());
    QTest::mouseClick(showProgress, Qt::LeftButton);
    QCOMPARE(w->currentPage(), MainWindow::Page::Composer);
    QCOMPARE(w->composerPage()->progressPanel()->broadcastId(), *id);
    QVERIFY(w->composerPage()->progressPanel()->isRunning());
    w->showPage(MainWindow::Page::Broadcasts);

    QTest::mouseClick(pause, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(toString(page->currentStatus()), toString(BroadcastStatus::Paused), kTimeoutMs);
    QCOMPARE(status->text(), QStringLiteral("Paused"));
    auto paused = BroadcastRepository(m_ws->db()).findById(*id);
    QVERIFY(paused && *paused);
    const qint64 sentWhenPaused = (*paused)->counters.sent;
    QVERIFY2(sentWhenPaused < kSubscribers, qPrintable(QString::number(sentWhenPaused)));
    QVERIFY(resume->isEnabled());
    QVERIFY(!pause->isEnabled());

    // Resumed: it goes on where it stopped.
    QTest::mouseClick(resume, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page->currentStatus() == BroadcastStatus::Running
                                 && BroadcastRepository(m_ws->db()).findById(*id).value()->counters.sent > sentWhenPaused,
                             kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(cancel->isEnabled(), kTimeoutMs);

    // Cancelled: nobody else gets it.
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(toString(page->currentStatus()), toString(BroadcastStatus::Cancelled), kTimeoutMs);
    auto cancelled = BroadcastRepository(m_ws->db()).findById(*id);
    QVERIFY(cancelled && *cancelled);
    QVERIFY((*cancelled)->counters.sent < kSubscribers);
    QVERIFY((*cancelled)->counters.skipped > 0);
    QVERIFY(!pause->isEnabled() && !resume->isEnabled() && !cancel->isEnabled());
    sandboxPost(QStringLiteral("/sandbox/admin/faults"), {{QStringLiteral("latency_ms"), 0}});
}

void tst_UiPages::uncertainDeliveriesAreListedAndResentOnRequest()
{
    // A broadcast whose process died with three requests in flight: recovery made them uncertain.
    BroadcastRepository broadcasts(m_ws->db());
    Broadcast b;
    b.appId = m_appId;
    b.templateId = m_templateId;
    b.variables = {{QStringLiteral("message"), QStringLiteral("recovered")}};
    b.status = BroadcastStatus::Finished;
    b.createdBy = QStringLiteral("crashed console");
    auto id = broadcasts.create(b);
    QVERIFY(id);
    auto audience = SubscriberRepository(m_ws->db()).audiencePage(m_appId, 0, 3);
    QVERIFY(audience && audience->size() == 3);
    QList<PlannedDelivery> rows;
    for (const AudienceMember &m : std::as_const(*audience))
        rows.append(PlannedDelivery{m.subscriber.id, Channel::WeChat, DeliveryState::Pending, {}, {}, {}});
    QVERIFY(broadcasts.plan(*id, m_appId, rows, audience->last().subscriber.id, true));
    const QList<Delivery> planned = broadcasts.deliveries(*id).value_or(QList<Delivery>{});
    QCOMPARE(planned.size(), 3);
    QList<qint64> ids;
    for (const Delivery &d : planned)
        ids.append(d.id);
    QVERIFY(broadcasts.markInFlight(ids));
    QCOMPARE(broadcasts.markInFlightUncertain(*id).value_or(-1), 3);
    QVERIFY(broadcasts.recount(*id));
    QVERIFY(broadcasts.setStatus(*id, BroadcastStatus::Finished));

    auto w = window();
    w->showPage(MainWindow::Page::Broadcasts);
    BroadcastsPage *page = w->broadcastsPage();
    QVERIFY(page->showBroadcast(*id));
    auto *uncertainTable = child<QTableView>(page, "uncertainTable");
    auto *uncertainLabel = child<QLabel>(page, "uncertainLabel");
    auto *resend = child<QPushButton>(page, "resendUncertainButton");
    auto *retry = child<QPushButton>(page, "retryFailedButton");
    QVERIFY(uncertainTable && uncertainLabel && resend && retry);
    QCOMPARE(uncertainTable->model()->rowCount(), 3);
    QVERIFY2(uncertainLabel->text().startsWith(QLatin1String("3 ")), qPrintable(uncertainLabel->text()));
    QVERIFY(resend->isEnabled());
    QVERIFY(!retry->isEnabled()); // nothing failed

    // "No": they stay uncertain.
    Confirmation::setNextAnswer(QMessageBox::No);
    QTest::mouseClick(resend, Qt::LeftButton);
    QCOMPARE(broadcasts.deliveries(*id, DeliveryState::Uncertain).value().size(), 3);

    // "Yes": the operator decided; they are sent again.
    QSignalSpy finished(m_ws->engine(), &BroadcastEngine::finished);
    Confirmation::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(resend, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(broadcasts.deliveries(*id, DeliveryState::Sent).value().size() == 3, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(page->uncertainModel()->rowCount() == 0 && !resend->isEnabled(), kTimeoutMs);
}

void tst_UiPages::retryFailedFromBroadcastsPage()
{
    // The seeded broadcast's four failures: their recipients follow the account, so a retry sends them.
    auto w = window();
    w->showPage(MainWindow::Page::Broadcasts);
    BroadcastsPage *page = w->broadcastsPage();
    QVERIFY(page->showBroadcast(m_seededBroadcast));
    auto *retry = child<QPushButton>(page, "retryFailedButton");
    auto *counts = child<QLabel>(page, "countsValue");
    QVERIFY(retry && counts);
    QVERIFY2(counts->text().contains(QLatin1String("4 failed")), qPrintable(counts->text()));
    QVERIFY(retry->isEnabled());
    QTest::mouseClick(retry, Qt::LeftButton);
    QVERIFY(!retry->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(BroadcastRepository(m_ws->db()).findById(m_seededBroadcast).value()->counters.failed == 0
                                 && page->currentStatus() == BroadcastStatus::Finished,
                             kTimeoutMs);
    QTRY_VERIFY2_WITH_TIMEOUT(counts->text().contains(QLatin1String("10 sent")), qPrintable(counts->text()), kTimeoutMs);
    QVERIFY(!retry->isEnabled());
}

void tst_UiPages::settingsSaveAndKeychainStatus()
{
    auto w = window();
    w->showPage(MainWindow::Page::Settings);
    auto *page = child<QWidget>(w.get(), "settingsPage");
    auto *database = child<QLineEdit>(page, "databaseEdit");
    auto *keychain = child<QLabel>(page, "keychainValue");
    auto *concurrency = child<QSpinBox>(page, "concurrencySpin");
    auto *confirmAbove = child<QSpinBox>(page, "confirmAboveSpin");
    auto *operatorName = child<QLineEdit>(page, "operatorEdit");
    auto *save = child<QPushButton>(page, "saveButton");
    auto *message = child<QLabel>(page, "messageLabel");
    QVERIFY(database && keychain && concurrency && confirmAbove && operatorName && save && message);
    QVERIFY(database->isReadOnly());
    QVERIFY2(database->text().contains(QLatin1String("test.db")), qPrintable(database->text()));
    QCOMPARE(keychain->text(), QStringLiteral("available"));
    QCOMPARE(concurrency->value(), ConsoleSettings::kDefaultConcurrency);
    QCOMPARE(confirmAbove->value(), 1000);

    concurrency->setValue(8);
    confirmAbove->setValue(250);
    operatorName->setText(QStringLiteral("Lin"));
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY2(message->text().contains(QLatin1String("next start")), qPrintable(message->text()));
    QCOMPARE(m_ws->operatorName(), QStringLiteral("Lin"));
    QCOMPARE(w->composerPage()->confirmationThreshold(), qint64(250));
    ConsoleSettings reread(m_settings->fileName());
    QCOMPARE(reread.engineConcurrency(), 8);
    QCOMPARE(reread.confirmAbove(), qint64(250));
    QCOMPARE(reread.operatorName(), QStringLiteral("Lin"));

    operatorName->clear();
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(message->text().contains(QLatin1String("operator name")));
    QCOMPARE(m_ws->operatorName(), QStringLiteral("Lin"));
    m_ws->setOperatorName(QStringLiteral("pages-tester"));
    m_settings->setOperatorName(QString());
}

void tst_UiPages::languageSwitchKeepsTypedWork()
{
    auto w = window();
    chooseInComposer(*w);
    auto *variables = child<QTableWidget>(w.get(), "variablesTable");
    variables->item(0, 1)->setText(QStringLiteral("keep me"));
    w->showPage(MainWindow::Page::Apps);
    auto *appName = child<QLineEdit>(child<QWidget>(w.get(), "appsPage"), "nameEdit");
    appName->setText(QStringLiteral("Half-typed app"));
    auto *csText = child<QPlainTextEdit>(child<QWidget>(w.get(), "templatesPage"), "csTextEdit");
    csText->setPlainText(QStringLiteral("a draft {{line}}"));
    w->showPage(MainWindow::Page::Settings);
    auto *page = child<QWidget>(w.get(), "settingsPage");
    auto *language = child<QComboBox>(page, "languageCombo");
    auto *group = child<QGroupBox>(page, "settingsGroup");
    QVERIFY(language && group);
    QCOMPARE(group->title(), QStringLiteral("Settings"));

    language->setCurrentIndex(language->findData(QStringLiteral("zh_CN")));
    QCOMPARE(m_settings->language(), QStringLiteral("zh_CN"));
    QCOMPARE(UiLanguage::current(), QStringLiteral("zh_CN"));
    QVERIFY(QCoreApplication::translate("SettingsPage", "Settings") != QLatin1String("Settings"));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
    QTRY_VERIFY(group->title() != QLatin1String("Settings"));
    // Qt's own words (standard buttons) and the locale follow: no English left in a Chinese window.
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
    QCOMPARE(QLocale().name(), QStringLiteral("zh_CN"));
    // Whatever the translation holds, the operator's work is still there, and the pages still work.
    QCOMPARE(variables->item(0, 1)->text(), QStringLiteral("keep me"));
    QCOMPARE(w->composerPage()->variables().value(QStringLiteral("message")).toString(), QStringLiteral("keep me"));
    QCOMPARE(language->currentData().toString(), QStringLiteral("zh_CN"));
    QCOMPARE(w->currentPage(), MainWindow::Page::Settings);
    QCOMPARE(appName->text(), QStringLiteral("Half-typed app"));
    QCOMPARE(csText->toPlainText(), QStringLiteral("a draft {{line}}"));

    language->setCurrentIndex(language->findData(QStringLiteral("en")));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
    QTRY_COMPARE(group->title(), QStringLiteral("Settings"));
    QCOMPARE(variables->item(0, 1)->text(), QStringLiteral("keep me"));
    QCOMPARE(UiLanguage::current(), QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
    QCOMPARE(QLocale().name(), QStringLiteral("en_US"));
}

void tst_UiPages::layoutIsRemembered()
{
    QByteArray splitter;
    {
        auto w = window();
        w->showPage(MainWindow::Page::SendLog);
        auto *table = child<QTableView>(w->sendLogPage(), "deliveriesTable");
        table->horizontalHeader()->resizeSection(0, 123);
        w->close(); // saves the layout
        splitter = m_settings->viewState(QStringLiteral("sendLogPage/deliveriesTable"));
        QVERIFY(!splitter.isEmpty());
        QVERIFY(!m_settings->windowGeometry().isEmpty());
    }
    auto w = window();
    auto *table = child<QTableView>(w->sendLogPage(), "deliveriesTable");
    QCOMPARE(table->horizontalHeader()->sectionSize(0), 123);
}

void tst_UiPages::screenshots()
{
    const QString dir = qEnvironmentVariable("PUSHDESK_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set PUSHDESK_SCREENSHOT_DIR to take screenshots");
    auto w = window();
    w->resize(1400, 860);
    const char *names[] = {"dashboard", "broadcasts", "composer", "apps", "subscribers", "templates", "sendlog", "settings"};
    for (int i = 0; i < 8; ++i) {
        w->showPage(MainWindow::Page(i));
        if (i == int(MainWindow::Page::Composer))
            chooseInComposer(*w);
        QCoreApplication::processEvents();
        QVERIFY(w->grab().save(QStringLiteral("%1/%2-%3.png").arg(dir, QString::fromLatin1(names[i]), UiLanguage::current())));
    }
}

QTEST_MAIN(tst_UiPages)
#include "tst_ui_pages.moc"
