#include "mainwindow.h"
#include "ui_mainwindow.h"

#include "console/settings.h"
#include "engine/broadcastengine.h"
#include "models/displaytext.h"
#include "models/listingmodel.h"
#include "pages/appspage.h"
#include "pages/auditpage.h"
#include "pages/broadcastspage.h"
#include "pages/complaintspage.h"
#include "pages/composerpage.h"
#include "pages/dashboardpage.h"
#include "pages/sendlogpage.h"
#include "pages/settingspage.h"
#include "pages/subscriberspage.h"
#include "pages/templatespage.h"
#include "workspace.h"

#include <QCloseEvent>
#include <QHeaderView>
#include <QLineEdit>
#include <QSplitter>
#include <QSystemTrayIcon>
#include <QTableView>

namespace pushdesk {

namespace {
constexpr int kStatusMessageMs = 15000;

QString viewKey(const QWidget *page, const QObject *view)
{
    return page->objectName() + QLatin1Char('/') + view->objectName();
}
} // namespace

MainWindow::MainWindow(Workspace &ws, QWidget *parent)
    : MainWindow(ws, std::make_shared<ConsoleSettings>(), parent)
{
}

MainWindow::MainWindow(Workspace &ws, std::shared_ptr<ConsoleSettings> settings, QWidget *parent)
    : QMainWindow(parent)
    , m_ws(ws)
    , m_settings(std::move(settings))
    , m_ui(std::make_unique<Ui::MainWindow>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("mainWindow"));
    if (const QString name = m_settings->operatorName(); !name.isEmpty())
        ws.setOperatorName(name);

    // Same order as the navigation list and Page.
    m_dashboard = new DashboardPage(ws, this);
    m_broadcasts = new BroadcastsPage(ws, this);
    m_composer = new ComposerPage(ws, this);
    m_apps = new AppsPage(ws, this);
    m_subscribers = new SubscribersPage(ws, this);
    m_templates = new TemplatesPage(ws, this);
    m_sendLog = new SendLogPage(ws, this);
    m_settingsPage = new SettingsPage(ws, *m_settings, this);
    m_complaints = new ComplaintsPage(ws, this);
    m_audit = new AuditPage(ws, this);
    for (QWidget *page : std::initializer_list<QWidget *>{m_dashboard, m_broadcasts, m_composer, m_apps, m_subscribers,
                                                          m_templates, m_sendLog, m_settingsPage, m_complaints, m_audit})
        m_ui->pageStack->addWidget(page);
    Q_ASSERT(m_ui->navigationList->count() == m_ui->pageStack->count());
    m_composer->setConfirmationThreshold(m_settings->confirmAbove());

    connect(m_ui->navigationList, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            showPage(static_cast<Page>(row));
    });
    const std::pair<QAction *, Page> actions[] = {
        {m_ui->showDashboardAction, Page::Dashboard}, {m_ui->showBroadcastsAction, Page::Broadcasts},
        {m_ui->showComposerAction, Page::Composer},   {m_ui->showAppsAction, Page::Apps},
        {m_ui->showSubscribersAction, Page::Subscribers}, {m_ui->showTemplatesAction, Page::Templates},
        {m_ui->showSendLogAction, Page::SendLog},     {m_ui->showSettingsAction, Page::Settings},
        {m_ui->showComplaintsAction, Page::Complaints}, {m_ui->showAuditAction, Page::Audit},
    };
    for (const auto &[action, page] : actions)
        connect(action, &QAction::triggered, this, [this, page = page]() { showPage(page); });
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->findAction, &QAction::triggered, this, &MainWindow::focusSearch);

    // An app or template saved on one page shows up on the others.
    connect(m_apps, &AppsPage::appsChanged, m_templates, &TemplatesPage::reloadApps);
    connect(m_apps, &AppsPage::appsChanged, m_composer, &ComposerPage::reloadApps);
    connect(m_apps, &AppsPage::appsChanged, m_broadcasts, &BroadcastsPage::reloadApps);
    connect(m_apps, &AppsPage::showBroadcastsRequested, this, [this](qint64 appId) {
        m_broadcasts->showAppBroadcasts(appId);
        showPage(Page::Broadcasts);
    });
    connect(m_templates, &TemplatesPage::templatesChanged, m_composer, &ComposerPage::reloadTemplates);
    connect(m_composer, &ComposerPage::openLogRequested, this, &MainWindow::showSendLogFor);
    connect(m_composer, &ComposerPage::broadcastStarted, this, [this](qint64 id) {
        statusBar()->showMessage(tr("Broadcast #%1 started.").arg(id), kStatusMessageMs);
        m_broadcasts->refresh();
    });
    connect(m_composer, &ComposerPage::broadcastScheduled, this, [this](qint64 id, const QDateTime &at) {
        statusBar()->showMessage(tr("Broadcast #%1 is scheduled for %2.").arg(QString::number(id), DisplayText::dateTime(at)),
                                 kStatusMessageMs);
        m_broadcasts->refresh();
    });
    connect(m_broadcasts, &BroadcastsPage::openLogRequested, this, &MainWindow::showSendLogFor);
    connect(m_broadcasts, &BroadcastsPage::composeRequested, this, [this]() { showPage(Page::Composer); });
    connect(m_broadcasts, &BroadcastsPage::showProgressRequested, this,
            [this](qint64 id, const QString &title, bool paused) {
                m_composer->followBroadcast(id, title, paused);
                showPage(Page::Composer);
            });
    connect(m_dashboard, &DashboardPage::sendLogFilterRequested, this, [this](const DeliveryLogFilter &filter) {
        showPage(Page::SendLog);
        m_sendLog->setFilter(filter);
    });
    connect(m_dashboard, &DashboardPage::broadcastRequested, this, [this](qint64 id) {
        showPage(Page::Broadcasts);
        m_broadcasts->showBroadcast(id);
    });
    connect(m_dashboard, &DashboardPage::appRequested, this, [this](qint64 id) {
        showPage(Page::Apps);
        m_apps->showApp(id);
    });
    connect(m_complaints, &ComplaintsPage::complaintDecided, this, [this](qint64, qint64 appId) {
        // The app's score, status and credit history changed.
        m_apps->model()->reload();
        if (m_apps->currentAppId() == appId)
            m_apps->showApp(appId);
    });
    connect(m_settingsPage, &SettingsPage::confirmationThresholdChanged, m_composer, &ComposerPage::setConfirmationThreshold);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(tr("Pushdesk"));
        m_tray->show();
    }
    if (BroadcastEngine *engine = ws.engine()) {
        connect(engine, &BroadcastEngine::finished, this, &MainWindow::onBroadcastFinished);
        connect(engine, &BroadcastEngine::broadcastError, this, [this](qint64 id, const QString &message) {
            statusBar()->showMessage(id == 0 ? tr("The engine stopped: %1").arg(message)
                                             : tr("Broadcast #%1: %2").arg(id).arg(message));
        });
    } else {
        statusBar()->showMessage(tr("This window has no engine: broadcasts cannot be sent from it."));
    }

    showPage(Page::Dashboard);
    restoreLayout();
}

MainWindow::~MainWindow() = default;

MainWindow::Page MainWindow::currentPage() const
{
    return static_cast<Page>(m_ui->pageStack->currentIndex());
}

void MainWindow::showPage(Page page)
{
    const int index = static_cast<int>(page);
    if (m_ui->navigationList->currentRow() != index)
        m_ui->navigationList->setCurrentRow(index); // comes back here through currentRowChanged
    if (m_ui->pageStack->currentIndex() == index)
        return;
    m_ui->pageStack->setCurrentIndex(index);
    if (page == Page::SendLog)
        m_sendLog->refresh(); // deliveries change while the engine runs
    else if (page == Page::Broadcasts)
        m_broadcasts->refresh();
    else if (page == Page::Dashboard)
        m_dashboard->refresh(); // figures move while other pages are in front
    else if (page == Page::Complaints)
        m_complaints->refresh(); // complaints arrive while the console is open
    else if (page == Page::Audit)
        m_audit->refresh(); // every other page writes to the log
}

void MainWindow::showSendLogFor(qint64 broadcastId)
{
    showPage(Page::SendLog);
    m_sendLog->showBroadcast(broadcastId);
}

void MainWindow::focusSearch()
{
    QWidget *page = m_ui->pageStack->currentWidget();
    auto *search = page ? page->findChild<QLineEdit *>(QStringLiteral("searchEdit")) : nullptr;
    if (!search) {
        statusBar()->showMessage(tr("This page has nothing to search."), kStatusMessageMs);
        return;
    }
    search->setFocus(Qt::ShortcutFocusReason);
    search->selectAll();
}

void MainWindow::restoreLayout()
{
    if (const QByteArray geometry = m_settings->windowGeometry(); !geometry.isEmpty())
        restoreGeometry(geometry);
    if (const QByteArray state = m_settings->windowState(); !state.isEmpty())
        restoreState(state);
    for (int i = 0; i < m_ui->pageStack->count(); ++i) {
        QWidget *page = m_ui->pageStack->widget(i);
        for (QSplitter *splitter : page->findChildren<QSplitter *>()) {
            if (const QByteArray state = m_settings->viewState(viewKey(page, splitter)); !state.isEmpty())
                splitter->restoreState(state);
        }
        for (QTableView *view : page->findChildren<QTableView *>()) {
            if (const QByteArray state = m_settings->viewState(viewKey(page, view)); !state.isEmpty())
                view->horizontalHeader()->restoreState(state);
        }
    }
}

void MainWindow::saveLayout()
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    for (int i = 0; i < m_ui->pageStack->count(); ++i) {
        QWidget *page = m_ui->pageStack->widget(i);
        for (QSplitter *splitter : page->findChildren<QSplitter *>())
            m_settings->setViewState(viewKey(page, splitter), splitter->saveState());
        for (QTableView *view : page->findChildren<QTableView *>())
            m_settings->setViewState(viewKey(page, view), view->horizontalHeader()->saveState());
    }
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        const int row = m_ui->navigationList->currentRow();
        m_ui->retranslateUi(this);
        m_ui->navigationList->setCurrentRow(row);
        if (m_tray)
            m_tray->setToolTip(tr("Pushdesk"));
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::onBroadcastFinished(qint64 broadcastId, const Counters &counters, const QString &status)
{
    const QString message = tr("Broadcast #%1 %2: %3 sent, %4 to inbox, %5 skipped, %6 failed.")
                                .arg(QString::number(broadcastId), DisplayText::label(status).toLower(),
                                     DisplayText::number(counters.sent), DisplayText::number(counters.inbox),
                                     DisplayText::number(counters.skipped), DisplayText::number(counters.failed));
    statusBar()->showMessage(message, kStatusMessageMs);
    // A broadcast that ends while the operator looks elsewhere is worth a notification.
    if (m_tray && !isActiveWindow())
        m_tray->showMessage(tr("Broadcast #%1").arg(broadcastId), message, QSystemTrayIcon::Information);
    if (currentPage() == Page::SendLog)
        m_sendLog->refresh();
}

} // namespace pushdesk
