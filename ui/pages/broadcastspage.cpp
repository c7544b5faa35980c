#include "pages/broadcastspage.h"
#include "ui_broadcastspage.h"

#include "console/broadcastdetails.h"
#include "engine/broadcastengine.h"
#include "models/displaytext.h"
#include "models/listingmodel.h"
#include "pages/confirmation.h"
#include "pages/inlinemessage.h"
#include "pages/listingtable.h"
#include "workspace.h"

#include <QEvent>
#include <QHeaderView>
#include <QStyledItemDelegate>
#include <QItemSelectionModel>
#include <QSignalBlocker>

#include <limits>

namespace pushdesk {

namespace {
constexpr int kSearchDelayMs = 250;
constexpr int kRefreshDelayMs = 300;

int clampInt(qint64 n)
{
    return int(qBound(qint64(0), n, qint64(std::numeric_limits<int>::max())));
}

QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}

// The audience column holds the stored text ("all" or JSON); people read what it means.
class AudienceDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QString displayText(const QVariant &value, const QLocale &) const override
    {
        return BroadcastsPage::describeAudience(value.toString());
    }
};
} // namespace

QString BroadcastsPage::describeAudience(const QString &stored)
{
    Audience a;
    if (!Audience::decode(stored, &a))
        return tr("unreadable (sends to nobody)");
    switch (a.kind) {
    case Audience::Kind::All: break;
    case Audience::Kind::Tags: return tr("tagged %1", "any of these tags").arg(a.tags.join(tr(" or ", "between tags")));
    case Audience::Kind::List: return tr("list “%1”").arg(a.listName.isEmpty() ? QString::number(a.listId) : a.listName);
    case Audience::Kind::One: return tr("one subscriber: %1").arg(a.openid.isEmpty() ? QString::number(a.subscriberId) : a.openid);
    }
    return tr("all bound subscribers");
}

BroadcastsPage::BroadcastsPage(Workspace &ws, QWidget *parent)
    : QWidget(parent)
    , m_ws(ws)
    , m_ui(std::make_unique<Ui::BroadcastsPage>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("broadcastsPage"));
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 2);
    fillStatusFilter();

    m_model = new ListingModel(ws.db(), Listing::broadcasts(), this);
    ListingTable::configure(m_ui->broadcastsTable, m_model);
    m_ui->broadcastsTable->hideColumn(m_model->columnOf(QStringLiteral("app_id")));
    reloadApps();
    if (const int column = m_model->columnOf(QStringLiteral("audience")); column >= 0)
        m_ui->broadcastsTable->setItemDelegateForColumn(column, new AudienceDelegate(m_ui->broadcastsTable));
    m_uncertain = new ListingModel(ws.db(), Listing::deliveries(), this);
    m_uncertain->setEquals({{QStringLiteral("broadcast_id"), qint64(-1)}});
    ListingTable::configure(m_ui->uncertainTable, m_uncertain);
    for (const char *hidden : {"broadcast_id", "state", "route", "attempts"})
        m_ui->uncertainTable->hideColumn(m_uncertain->columnOf(QString::fromLatin1(hidden)));

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(kSearchDelayMs);
    m_refreshDelay.setSingleShot(true);
    m_refreshDelay.setInterval(kRefreshDelayMs);
    connect(&m_searchDelay, &QTimer::timeout, this, &BroadcastsPage::applyFilters);
    connect(&m_refreshDelay, &QTimer::timeout, this, &BroadcastsPage::refresh);
    connect(m_ui->searchEdit, &QLineEdit::textChanged, &m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_ui->searchEdit, &QLineEdit::returnPressed, this, &BroadcastsPage::applyFilters);
    connect(m_ui->statusFilter, &QComboBox::currentIndexChanged, this, &BroadcastsPage::applyFilters);
    connect(m_ui->appFilter, &QComboBox::currentIndexChanged, this, &BroadcastsPage::applyFilters);
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &BroadcastsPage::refresh);
    connect(m_ui->newBroadcastButton, &QPushButton::clicked, this, &BroadcastsPage::composeRequested);
    connect(m_ui->pauseButton, &QPushButton::clicked, this, &BroadcastsPage::pauseBroadcast);
    connect(m_ui->resumeButton, &QPushButton::clicked, this, &BroadcastsPage::resumeBroadcast);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &BroadcastsPage::cancelBroadcast);
    connect(m_ui->retryFailedButton, &QPushButton::clicked, this, &BroadcastsPage::retryFailed);
    connect(m_ui->resendUncertainButton, &QPushButton::clicked, this, &BroadcastsPage::resendUncertain);
    connect(m_ui->openLogButton, &QPushButton::clicked, this, [this]() {
        if (m_currentId != 0)
            emit openLogRequested(m_currentId);
    });
    connect(m_ui->showProgressButton, &QPushButton::clicked, this, [this]() {
        if (m_currentId != 0)
            emit showProgressRequested(m_currentId, title(), m_status == BroadcastStatus::Paused);
    });
    // Double-click (or Enter) on a running broadcast follows it live.
    connect(m_ui->broadcastsTable, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        loadDetails(index.data(ListingModel::IdRole).toLongLong());
        if (m_status == BroadcastStatus::Running || m_status == BroadcastStatus::Paused)
            emit showProgressRequested(m_currentId, title(), m_status == BroadcastStatus::Paused);
    });
    connect(m_model, &ListingModel::reloaded, this, &BroadcastsPage::updateCounts);
    connect(m_model, &ListingModel::loadFailed, this, &BroadcastsPage::updateCounts);
    connect(m_ui->broadcastsTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    loadDetails(current.data(ListingModel::IdRole).toLongLong());
            });
    if (BroadcastEngine *engine = ws.engine()) {
        connect(engine, &BroadcastEngine::progress, this, &BroadcastsPage::scheduleRefresh);
        connect(engine, &BroadcastEngine::finished, this, &BroadcastsPage::scheduleRefresh);
        connect(engine, &BroadcastEngine::broadcastError, this, [this](qint64 id, const QString &message) {
            if (id == m_currentId && id != 0)
                InlineMessage::showError(m_ui->messageLabel, message);
            scheduleRefresh();
        });
    }
    clearDetails();
    updateCounts();
    if (m_model->rowCount() > 0)
        m_ui->broadcastsTable->selectRow(0); // the newest
}

BroadcastsPage::~BroadcastsPage() = default;

void BroadcastsPage::fillStatusFilter()
{
    const QSignalBlocker blocker(m_ui->statusFilter);
    const QVariant current = m_ui->statusFilter->currentData();
    m_ui->statusFilter->clear();
    m_ui->statusFilter->addItem(tr("All statuses"), QString());
    for (BroadcastStatus s : {BroadcastStatus::Scheduled, BroadcastStatus::Running, BroadcastStatus::Paused,
                              BroadcastStatus::Finished, BroadcastStatus::Cancelled, BroadcastStatus::Failed,
                              BroadcastStatus::Held, BroadcastStatus::Blocked, BroadcastStatus::Draft})
        m_ui->statusFilter->addItem(DisplayText::label(s), toString(s));
    m_ui->statusFilter->setCurrentIndex(qMax(0, m_ui->statusFilter->findData(current)));
}

void BroadcastsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        fillStatusFilter();
        m_model->refreshHeaders();
        m_uncertain->refreshHeaders();
        updateCounts();
        if (m_currentId != 0)
            loadDetails(m_currentId);
        else
            clearDetails();
    }
    QWidget::changeEvent(event);
}

void BroadcastsPage::scheduleRefresh()
{
    // Hidden, it is read again when shown (MainWindow::showPage).
    if (isVisible() && !m_refreshDelay.isActive())
        m_refreshDelay.start();
}

void BroadcastsPage::refresh()
{
    m_refreshDelay.stop();
    const qint64 selected = m_currentId;
    m_model->reload();
    if (selected != 0) {
        ListingTable::selectId(m_ui->broadcastsTable, selected);
        loadDetails(selected);
    }
}

void BroadcastsPage::applyFilters()
{
    m_searchDelay.stop();
    const qint64 appId = m_ui->appFilter->currentData().toLongLong();
    m_model->setFilter(m_ui->searchEdit->text().trimmed(), {{QStringLiteral("status"), m_ui->statusFilter->currentData()},
                                                            {QStringLiteral("app_id"), appId != 0 ? QVariant(appId) : QVariant()}});
    if (m_currentId != 0 && !ListingTable::selectId(m_ui->broadcastsTable, m_currentId))
        clearDetails();
}

bool BroadcastsPage::showBroadcast(qint64 id)
{
    if (!ListingTable::selectId(m_ui->broadcastsTable, id)) {
        {
            const QSignalBlocker blockStatus(m_ui->statusFilter);
            const QSignalBlocker blockApp(m_ui->appFilter);
            const QSignalBlocker blockSearch(m_ui->searchEdit);
            m_ui->statusFilter->setCurrentIndex(0);
            m_ui->appFilter->setCurrentIndex(0);
            m_ui->searchEdit->clear();
        }
        applyFilters();
        while (m_model->rowOfId(id) < 0 && m_model->canFetchMore({}))
            m_model->fetchMore({});
        ListingTable::selectId(m_ui->broadcastsTable, id);
    }
    loadDetails(id);
    return m_currentId == id;
}

void BroadcastsPage::reloadApps()
{
    if (const QString problem = ListingTable::fillAppFilter(m_ui->appFilter, m_ws.db()); !problem.isEmpty())
        InlineMessage::showError(m_ui->messageLabel, problem);
}

void BroadcastsPage::showAppBroadcasts(qint64 appId)
{
    reloadApps(); // a new app is in the list
    {
        const QSignalBlocker blockStatus(m_ui->statusFilter);
        const QSignalBlocker blockApp(m_ui->appFilter);
        const QSignalBlocker blockSearch(m_ui->searchEdit);
        m_ui->statusFilter->setCurrentIndex(0);
        m_ui->searchEdit->clear();
        m_ui->appFilter->setCurrentIndex(qMax(0, m_ui->appFilter->findData(appId)));
    }
    applyFilters();
    if (m_model->rowCount() > 0)
        m_ui->broadcastsTable->selectRow(0);
}

void BroadcastsPage::updateCounts()
{
    ListingTable::updateEmptyState(m_ui->emptyStateLabel, m_model,
                                   tr("No broadcasts yet — press “New broadcast…” to compose one."),
                                   tr("No broadcast matches these filters."));
    const qint64 total = m_model->totalCount();
    if (total < 0)
        m_ui->countLabel->clear();
    else
        m_ui->countLabel->setText(tr("%n broadcast(s)", nullptr, clampInt(total)));
}

void BroadcastsPage::clearDetails()
{
    m_currentId = 0;
    m_status = BroadcastStatus::Draft;
    m_failed = 0;
    m_uncertainCount = 0;
    m_ui->detailsGroup->setTitle(tr("Broadcast"));
    for (QLabel *label : {m_ui->titleValue, m_ui->statusValue, m_ui->statusReasonValue, m_ui->checkVerdictValue,
                          m_ui->checkLabelValue, m_ui->checkRuleValue, m_ui->countsValue, m_ui->createdByValue,
                          m_ui->createdValue, m_ui->scheduledValue, m_ui->startedValue, m_ui->finishedValue,
                          m_ui->audienceValue})
        label->clear();
    m_uncertain->setEquals({{QStringLiteral("broadcast_id"), qint64(-1)}});
    m_ui->uncertainLabel->setText(tr("Uncertain deliveries (for review): none."));
    InlineMessage::showInfo(m_ui->messageLabel, tr("Select a broadcast to see its details and act on it."));
    updateButtons();
}

void BroadcastsPage::loadDetails(qint64 id)
{
    auto found = loadBroadcastDetails(m_ws.db(), id);
    if (!found || !*found) {
        clearDetails();
        InlineMessage::showError(m_ui->messageLabel, found ? tr("That broadcast no longer exists.")
                                                           : tr("Cannot read the broadcast: %1").arg(found.error().message));
        return;
    }
    const bool sameOne = id == m_currentId;
    const BroadcastDetails &d = **found;
    const Broadcast &b = d.broadcast;
    m_currentId = id;
    m_status = b.status;
    m_appName = d.appName;
    m_templateName = d.templateName;
    m_failed = b.counters.failed;
    m_uncertainCount = b.counters.uncertain;
    m_ui->detailsGroup->setTitle(tr("Broadcast #%1").arg(id));
    m_ui->titleValue->setText(title());
    m_ui->statusValue->setText(DisplayText::label(b.status));
    m_ui->statusReasonValue->setText(orDash(b.statusReason));
    m_ui->checkVerdictValue->setText(d.checkVerdict.isEmpty() ? tr("not checked") : DisplayText::label(d.checkVerdict));
    m_ui->checkLabelValue->setText(orDash(d.checkLabel));
    m_ui->checkRuleValue->setText(orDash(d.checkRule));
    const Counters &c = b.counters;
    m_ui->countsValue->setText(tr("%Ln recipient(s) · %1 sent · %2 to inbox · %3 skipped · %4 failed · %5 uncertain · %6 pending",
                                  nullptr, clampInt(c.total))
                                   .arg(DisplayText::number(c.sent), DisplayText::number(c.inbox),
                                        DisplayText::number(c.skipped), DisplayText::number(c.failed),
                                        DisplayText::number(c.uncertain), DisplayText::number(c.pending)));
    m_ui->createdByValue->setText(orDash(b.createdBy));
    m_ui->audienceValue->setText(describeAudience(b.audience.encode()));
    m_ui->createdValue->setText(DisplayText::dateTime(b.createdAt));
    m_ui->scheduledValue->setText(b.scheduledAt.isValid() ? DisplayText::dateTime(b.scheduledAt) : tr("at once"));
    m_ui->startedValue->setText(DisplayText::dateTime(b.startedAt));
    m_ui->finishedValue->setText(DisplayText::dateTime(b.finishedAt));
    m_uncertain->setEquals({{QStringLiteral("broadcast_id"), id}, {QStringLiteral("state"), toString(DeliveryState::Uncertain)}});
    m_ui->uncertainLabel->setText(
        c.uncertain == 0 ? tr("Uncertain deliveries (for review): none.")
                         : tr("%n uncertain delivery(s) for review: the request left, but no answer was recorded. "
                              "The recipient may or may not have the message.",
                              nullptr, clampInt(c.uncertain)));
    if (!sameOne || !InlineMessage::isError(m_ui->messageLabel))
        InlineMessage::clear(m_ui->messageLabel);
    updateButtons();
}

QString BroadcastsPage::title() const
{
    return tr("Broadcast #%1 — %2, template %3").arg(QString::number(m_currentId), m_appName, m_templateName);
}

void BroadcastsPage::updateButtons()
{
    const bool engine = m_ws.engine() != nullptr;
    const bool any = m_currentId != 0;
    const bool live = m_status == BroadcastStatus::Running || m_status == BroadcastStatus::Scheduled;
    const bool stopped = m_status == BroadcastStatus::Paused;
    const bool over = !live && !stopped && m_status != BroadcastStatus::Draft;
    m_ui->pauseButton->setEnabled(engine && any && live);
    m_ui->resumeButton->setEnabled(engine && any && stopped);
    m_ui->cancelButton->setEnabled(engine && any && (live || stopped || m_status == BroadcastStatus::Held));
    m_ui->retryFailedButton->setEnabled(engine && any && (over || stopped) && m_failed > 0);
    m_ui->resendUncertainButton->setEnabled(engine && any && (over || stopped) && m_uncertainCount > 0);
    m_ui->showProgressButton->setEnabled(engine && any && (m_status == BroadcastStatus::Running || stopped));
    m_ui->openLogButton->setEnabled(any);
    const QString noEngine = tr("This window has no engine: use the command line (pushdesk pause / resume / cancel / retry).");
    for (QPushButton *b : {m_ui->pauseButton, m_ui->resumeButton, m_ui->cancelButton, m_ui->retryFailedButton,
                           m_ui->resendUncertainButton})
        b->setStatusTip(engine ? QString() : noEngine);
}

void BroadcastsPage::pauseBroadcast()
{
    if (BroadcastEngine *engine = m_ws.engine(); engine && m_currentId != 0) {
        engine->pause(m_currentId);
        InlineMessage::showInfo(m_ui->messageLabel, tr("Pausing… requests already on their way finish first."));
        m_ui->pauseButton->setEnabled(false);
    }
}

void BroadcastsPage::resumeBroadcast()
{
    if (BroadcastEngine *engine = m_ws.engine(); engine && m_currentId != 0) {
        engine->resume(m_currentId);
        InlineMessage::showInfo(m_ui->messageLabel, tr("Resuming…"));
        m_ui->resumeButton->setEnabled(false);
    }
}

void BroadcastsPage::cancelBroadcast()
{
    if (BroadcastEngine *engine = m_ws.engine(); engine && m_currentId != 0) {
        engine->cancel(m_currentId);
        InlineMessage::showInfo(m_ui->messageLabel, tr("Cancelling… requests already on their way finish first."));
        m_ui->cancelButton->setEnabled(false);
        m_ui->pauseButton->setEnabled(false);
    }
}

void BroadcastsPage::retryFailed()
{
    if (BroadcastEngine *engine = m_ws.engine(); engine && m_currentId != 0 && m_failed > 0) {
        engine->retryFailed(m_currentId);
        InlineMessage::showInfo(m_ui->messageLabel,
                                tr("Retrying %n failed delivery(s)…", nullptr, clampInt(m_failed)));
        m_ui->retryFailedButton->setEnabled(false);
    }
}

void BroadcastsPage::resendUncertain()
{
    BroadcastEngine *engine = m_ws.engine();
    if (!engine || m_currentId == 0 || m_uncertainCount == 0)
        return;
    // Uncertain rows may have reached their recipients: sending again is the operator's decision.
    if (!Confirmation::ask(this, tr("Re-send uncertain deliveries?"),
                           tr("%n recipient(s) may already have this message. Send it to them again?", nullptr,
                              clampInt(m_uncertainCount))))
        return;
    engine->resendUncertain(m_currentId);
    InlineMessage::showInfo(m_ui->messageLabel, tr("Re-sending %n uncertain delivery(s)…", nullptr, clampInt(m_uncertainCount)));
    m_ui->resendUncertainButton->setEnabled(false);
}

} // namespace pushdesk
