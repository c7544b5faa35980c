#include "mainwindow.h"
#include "ui_mainwindow.h"

#include "engine/broadcastengine.h"
#include "models/displaytext.h"
#include "pages/appspage.h"
#include "pages/composerpage.h"
#include "pages/sendlogpage.h"
#include "pages/subscriberspage.h"
#include "pages/templatespage.h"
#include "workspace.h"

namespace pushdesk {

namespace {
constexpr int kStatusMessageMs = 15000;
}

MainWindow::MainWindow(Workspace &ws, QWidget *parent)
    : QMainWindow(parent)
    , m_ws(ws)
    , m_ui(std::make_unique<Ui::MainWindow>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("mainWindow"));

    // Same order as the navigation list and Page.
    m_apps = new AppsPage(ws, this);
    m_subscribers = new SubscribersPage(ws, this);
    m_templates = new TemplatesPage(ws, this);
    m_composer = new ComposerPage(ws, this);
    m_sendLog = new SendLogPage(ws, this);
    for (QWidget *page : {static_cast<QWidget *>(m_apps), static_cast<QWidget *>(m_subscribers),
                          static_cast<QWidget *>(m_templates), static_cast<QWidget *>(m_composer),
                          static_cast<QWidget *>(m_sendLog)})
        m_ui->pageStack->addWidget(page);
    Q_ASSERT(m_ui->navigationList->count() == m_ui->pageStack->count());

    connect(m_ui->navigationList, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            showPage(static_cast<Page>(row));
    });
    const std::pair<QAction *, Page> actions[] = {
        {m_ui->showAppsAction, Page::Apps},
        {m_ui->showSubscribersAction, Page::Subscribers},
        {m_ui->showTemplatesAction, Page::Templates},
        {m_ui->showComposerAction, Page::Composer},
        {m_ui->showSendLogAction, Page::SendLog},
    };
    for (const auto &[action, page] : actions)
        connect(action, &QAction::triggered, this, [this, page = page]() { showPage(page); });
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);

    // An app or template saved on one page shows up on the others.
    connect(m_apps, &AppsPage::appsChanged, m_templates, &TemplatesPage::reloadApps);
    connect(m_apps, &AppsPage::appsChanged, m_composer, &ComposerPage::reloadApps);
    connect(m_templates, &TemplatesPage::templatesChanged, m_composer, &ComposerPage::reloadTemplates);
    connect(m_composer, &ComposerPage::openLogRequested, this, &MainWindow::showSendLogFor);
    connect(m_composer, &ComposerPage::broadcastStarted, this, [this](qint64 id) {
        statusBar()->showMessage(tr("Broadcast #%1 started.").arg(id), kStatusMessageMs);
    });
    if (BroadcastEngine *engine = ws.engine()) {
        connect(engine, &BroadcastEngine::finished, this, &MainWindow::onBroadcastFinished);
        connect(engine, &BroadcastEngine::broadcastError, this, [this](qint64 id, const QString &message) {
            statusBar()->showMessage(id == 0 ? tr("The engine stopped: %1").arg(message)
                                             : tr("Broadcast #%1: %2").arg(id).arg(message));
        });
    } else {
        statusBar()->showMessage(tr("This window has no engine: broadcasts cannot be sent from it."));
    }

    showPage(Page::Apps);
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
}

void MainWindow::showSendLogFor(qint64 broadcastId)
{
    showPage(Page::SendLog);
    m_sendLog->showBroadcast(broadcastId);
}

void MainWindow::onBroadcastFinished(qint64 broadcastId, const Counters &counters, const QString &status)
{
    statusBar()->showMessage(tr("Broadcast #%1 %2: %3 sent, %4 to inbox, %5 skipped, %6 failed.")
                                 .arg(QString::number(broadcastId), DisplayText::label(status).toLower(),
                                      DisplayText::number(counters.sent), DisplayText::number(counters.inbox),
                                      DisplayText::number(counters.skipped), DisplayText::number(counters.failed)),
                             kStatusMessageMs);
    if (currentPage() == Page::SendLog)
        m_sendLog->refresh();
}

} // namespace pushdesk
