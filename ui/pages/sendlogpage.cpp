#include "pages/sendlogpage.h"
#include "ui_sendlogpage.h"

#include "console/deliverydetails.h"
#include "models/displaytext.h"
#include "models/listingmodel.h"
#include "pages/inlinemessage.h"
#include "pages/listingtable.h"
#include "workspace.h"

#include <QItemSelectionModel>
#include <QSignalBlocker>

#include <limits>

namespace pushdesk {

namespace {
constexpr int kSearchDelayMs = 250;
constexpr int kBroadcastChoices = 200; // the most recent ones; showBroadcast() adds an older one on demand

QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}
} // namespace

SendLogPage::SendLogPage(Workspace &ws, QWidget *parent)
    : QWidget(parent)
    , m_ws(ws)
    , m_ui(std::make_unique<Ui::SendLogPage>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("sendLogPage"));
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 2);
    m_ui->stateFilter->addItem(tr("All states"), QString());
    for (DeliveryState s : {DeliveryState::Pending, DeliveryState::InFlight, DeliveryState::Sent, DeliveryState::Inbox,
                            DeliveryState::Skipped, DeliveryState::Failed, DeliveryState::Uncertain})
        m_ui->stateFilter->addItem(DisplayText::label(s), toString(s));

    m_model = new ListingModel(ws.db(), Listing::deliveries(), this);
    ListingTable::configure(m_ui->deliveriesTable, m_model);
    reloadBroadcasts();

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(kSearchDelayMs);
    connect(&m_searchDelay, &QTimer::timeout, this, &SendLogPage::applyFilters);
    connect(m_ui->searchEdit, &QLineEdit::textChanged, &m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_ui->searchEdit, &QLineEdit::returnPressed, this, &SendLogPage::applyFilters);
    connect(m_ui->broadcastFilter, &QComboBox::currentIndexChanged, this, &SendLogPage::applyFilters);
    connect(m_ui->stateFilter, &QComboBox::currentIndexChanged, this, &SendLogPage::applyFilters);
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &SendLogPage::refresh);
    connect(m_model, &ListingModel::reloaded, this, &SendLogPage::updateCounts);
    connect(m_model, &ListingModel::loadFailed, this, &SendLogPage::updateCounts);
    connect(m_ui->deliveriesTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    showDelivery(current.data(ListingModel::IdRole).toLongLong());
                else
                    clearDetails();
            });
    clearDetails();
    updateCounts();
}

SendLogPage::~SendLogPage() = default;

qint64 SendLogPage::broadcastFilterId() const
{
    return m_ui->broadcastFilter->currentData().toLongLong();
}

void SendLogPage::reloadBroadcasts()
{
    const QSignalBlocker blocker(m_ui->broadcastFilter);
    const qint64 current = broadcastFilterId();
    m_ui->broadcastFilter->clear();
    m_ui->broadcastFilter->addItem(tr("All broadcasts"), qint64(0));
    const ListingSpec spec = Listing::broadcasts();
    auto rows = Listing::fetch(m_ws.db(), spec, {}, 0, kBroadcastChoices);
    if (!rows) {
        InlineMessage::showError(m_ui->detailsMessageLabel, tr("Cannot read the broadcasts: %1").arg(rows.error().message));
        return;
    }
    const int app = spec.columnIndex(QStringLiteral("app"));
    const int tmpl = spec.columnIndex(QStringLiteral("template"));
    const int status = spec.columnIndex(QStringLiteral("status"));
    const int created = spec.columnIndex(QStringLiteral("created_at"));
    for (const ListingRow &row : std::as_const(*rows)) {
        m_ui->broadcastFilter->addItem(tr("#%1 · %2 · %3 · %4 · %5")
                                           .arg(QString::number(row.id), row.values.value(app).toString(),
                                                row.values.value(tmpl).toString(),
                                                DisplayText::label(row.values.value(status).toString()),
                                                DisplayText::dateTime(row.values.value(created).toLongLong())),
                                       row.id);
    }
    const int index = m_ui->broadcastFilter->findData(current);
    if (index >= 0) {
        m_ui->broadcastFilter->setCurrentIndex(index);
    } else if (current != 0) {
        m_ui->broadcastFilter->addItem(tr("#%1").arg(current), current);
        m_ui->broadcastFilter->setCurrentIndex(m_ui->broadcastFilter->count() - 1);
    }
}

void SendLogPage::showBroadcast(qint64 broadcastId)
{
    reloadBroadcasts();
    {
        const QSignalBlocker blockBroadcast(m_ui->broadcastFilter);
        const QSignalBlocker blockState(m_ui->stateFilter);
        const QSignalBlocker blockSearch(m_ui->searchEdit);
        int index = m_ui->broadcastFilter->findData(broadcastId);
        if (index < 0) {
            m_ui->broadcastFilter->addItem(tr("#%1").arg(broadcastId), broadcastId);
            index = m_ui->broadcastFilter->count() - 1;
        }
        m_ui->broadcastFilter->setCurrentIndex(index);
        m_ui->stateFilter->setCurrentIndex(0);
        m_ui->searchEdit->clear();
    }
    applyFilters();
}

void SendLogPage::refresh()
{
    const qint64 selected = ListingTable::selectedId(m_ui->deliveriesTable);
    reloadBroadcasts();
    m_model->reload();
    if (selected != 0)
        ListingTable::selectId(m_ui->deliveriesTable, selected);
}

void SendLogPage::applyFilters()
{
    m_searchDelay.stop();
    const qint64 broadcast = broadcastFilterId();
    m_model->setFilter(m_ui->searchEdit->text().trimmed(),
                       {
                           {QStringLiteral("broadcast_id"), broadcast != 0 ? QVariant(broadcast) : QVariant()},
                           {QStringLiteral("state"), m_ui->stateFilter->currentData()},
                       });
}

void SendLogPage::updateCounts()
{
    ListingTable::updateEmptyState(m_ui->emptyStateLabel, m_model,
                                   tr("Nothing has been sent yet — compose a broadcast on the Broadcast page."),
                                   tr("No delivery matches these filters."));
    const qint64 total = m_model->totalCount();
    const int shown = int(qMin<qint64>(qMax<qint64>(total, 0), std::numeric_limits<int>::max()));
    if (total < 0)
        m_ui->countLabel->clear();
    else
        m_ui->countLabel->setText(tr("%n delivery(s)", nullptr, shown));
    if (m_model->rowCount() == 0)
        clearDetails();
}

void SendLogPage::clearDetails()
{
    m_ui->detailsGroup->setTitle(tr("Delivery"));
    for (QLabel *label : {m_ui->recipientValue, m_ui->broadcastValue, m_ui->channelValue, m_ui->stateValue,
                          m_ui->routeValue, m_ui->attemptsValue, m_ui->httpStatusValue, m_ui->errcodeValue,
                          m_ui->errmsgValue, m_ui->reasonValue, m_ui->msgidValue, m_ui->updatedValue})
        label->clear();
    InlineMessage::showInfo(m_ui->detailsMessageLabel, tr("Select a delivery to see what the upstream answered."));
}

void SendLogPage::showDelivery(qint64 deliveryId)
{
    auto found = loadDeliveryDetails(m_ws.db(), deliveryId);
    if (!found || !*found) {
        clearDetails();
        InlineMessage::showError(m_ui->detailsMessageLabel, found ? tr("That delivery no longer exists.")
                                                                  : tr("Cannot read the delivery: %1").arg(found.error().message));
        return;
    }
    const DeliveryDetails &details = **found;
    const Delivery &d = details.delivery;
    InlineMessage::clear(m_ui->detailsMessageLabel);
    m_ui->detailsGroup->setTitle(tr("Delivery %1").arg(d.id));
    QString address = details.mpOpenid;
    if (d.channel == Channel::Bark)
        address = details.barkKey;
    else if (d.channel == Channel::Email)
        address = details.email;
    m_ui->recipientValue->setText(details.nickname.isEmpty() ? orDash(address)
                                                             : tr("%1 (%2)").arg(details.nickname, orDash(address)));
    m_ui->broadcastValue->setText(tr("#%1").arg(d.broadcastId));
    m_ui->channelValue->setText(DisplayText::label(d.channel));
    m_ui->stateValue->setText(DisplayText::label(d.state));
    m_ui->routeValue->setText(d.route.isEmpty() ? QStringLiteral("—") : DisplayText::label(d.route));
    m_ui->attemptsValue->setText(QString::number(d.attempts));
    m_ui->httpStatusValue->setText(d.httpStatus == 0 ? QStringLiteral("—") : QString::number(d.httpStatus));
    m_ui->errcodeValue->setText(d.errcode == 0 && d.errmsg.isEmpty() ? QStringLiteral("—") : QString::number(d.errcode));
    m_ui->errmsgValue->setText(orDash(d.errmsg));
    m_ui->reasonValue->setText(orDash(d.reason));
    m_ui->msgidValue->setText(orDash(d.msgid));
    m_ui->updatedValue->setText(DisplayText::dateTime(d.updatedAt));
}

} // namespace pushdesk
