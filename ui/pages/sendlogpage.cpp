#include "pages/sendlogpage.h"
#include "ui_sendlogpage.h"

#include "console/deliverydetails.h"
#include "domain/reasontext.h"
#include "models/displaytext.h"
#include "models/listingmodel.h"
#include "pages/inlinemessage.h"
#include "pages/listingtable.h"
#include "store/apprepository.h"
#include "workspace.h"

#include <QEvent>
#include <QFileDialog>
#include <QIntValidator>
#include <QItemSelectionModel>
#include <QLocale>
#include <QSignalBlocker>
#include <QStandardPaths>

#include <limits>

namespace pushdesk {

namespace {
constexpr int kSearchDelayMs = 250;
constexpr qint64 kCountUpTo = 10001; // under a filter, "more than 10,000 deliveries" beyond
constexpr int kBroadcastChoices = 200; // the most recent ones; showBroadcast() adds an older one on demand

QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}

void selectData(QComboBox *combo, const QVariant &value)
{
    int index = combo->findData(value);
    combo->setCurrentIndex(qMax(0, index));
}
} // namespace

SendLogPage::SendLogPage(Workspace &ws, QWidget *parent)
    : QWidget(parent)
    , m_ws(ws)
    , m_ui(std::make_unique<Ui::SendLogPage>())
    , m_spec(DeliveryLog::spec())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("sendLogPage"));
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 2);
    m_ui->errcodeEdit->setValidator(new QIntValidator(std::numeric_limits<int>::min(), std::numeric_limits<int>::max(), this));
    const QDateTime now = QDateTime::currentDateTime();
    m_ui->fromEdit->setDateTime(QDateTime(now.date().addDays(-6), QTime(0, 0)));
    m_ui->toEdit->setDateTime(QDateTime(now.date().addDays(1), QTime(0, 0)));
    m_ui->fromEdit->setEnabled(false);
    m_ui->toEdit->setEnabled(false);
    fillStaticFilters();

    m_model = new ListingModel(ws.db(), m_spec, this);
    m_model->setSource(
        [this](const ListingFilter &sort, int offset, int limit) {
            return DeliveryLog::fetch(m_ws.db(), m_spec, m_filter, sort, offset, limit);
        },
        [this](const ListingFilter &) { return DeliveryLog::count(m_ws.db(), m_spec, m_filter); },
        [this](const ListingFilter &, qint64 upTo) { return DeliveryLog::count(m_ws.db(), m_spec, m_filter, upTo); });
    m_model->reload();
    ListingTable::configure(m_ui->deliveriesTable, m_model);
    m_ui->deliveriesTable->hideColumn(m_model->columnOf(QStringLiteral("app_id")));
    reloadBroadcasts();
    reloadApps();

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(kSearchDelayMs);
    connect(&m_searchDelay, &QTimer::timeout, this, &SendLogPage::applyFilters);
    connect(m_ui->searchEdit, &QLineEdit::textChanged, &m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_ui->searchEdit, &QLineEdit::returnPressed, this, &SendLogPage::applyFilters);
    connect(m_ui->errcodeEdit, &QLineEdit::textChanged, &m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_ui->errcodeEdit, &QLineEdit::returnPressed, this, &SendLogPage::applyFilters);
    for (QComboBox *combo : {m_ui->broadcastFilter, m_ui->stateFilter, m_ui->appFilter, m_ui->channelFilter})
        connect(combo, &QComboBox::currentIndexChanged, this, &SendLogPage::applyFilters);
    connect(m_ui->timeRangeCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_ui->fromEdit->setEnabled(on);
        m_ui->toEdit->setEnabled(on);
        applyFilters();
    });
    connect(m_ui->fromEdit, &QDateTimeEdit::dateTimeChanged, &m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_ui->toEdit, &QDateTimeEdit::dateTimeChanged, &m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &SendLogPage::refresh);
    connect(m_ui->clearFiltersButton, &QPushButton::clicked, this, &SendLogPage::clearFilters);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &SendLogPage::chooseExportFile);
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

void SendLogPage::fillStaticFilters()
{
    const QSignalBlocker blockState(m_ui->stateFilter);
    const QSignalBlocker blockChannel(m_ui->channelFilter);
    const QVariant state = m_ui->stateFilter->currentData();
    const QVariant channel = m_ui->channelFilter->currentData();
    m_ui->stateFilter->clear();
    m_ui->stateFilter->addItem(tr("All states"), QString());
    for (DeliveryState s : {DeliveryState::Pending, DeliveryState::InFlight, DeliveryState::Sent, DeliveryState::Inbox,
                            DeliveryState::Skipped, DeliveryState::Failed, DeliveryState::Uncertain})
        m_ui->stateFilter->addItem(DisplayText::label(s), toString(s));
    m_ui->channelFilter->clear();
    m_ui->channelFilter->addItem(tr("All channels"), QString());
    for (Channel c : {Channel::WeChat, Channel::MiniProgram, Channel::Bark, Channel::Email, Channel::Ntfy, Channel::Webhook})
        m_ui->channelFilter->addItem(DisplayText::label(c), toString(c));
    selectData(m_ui->stateFilter, state);
    selectData(m_ui->channelFilter, channel);
}

void SendLogPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        fillStaticFilters();
        reloadBroadcasts();
        reloadApps();
        m_model->refreshHeaders();
        updateCounts();
        if (m_selectedId != 0)
            showDelivery(m_selectedId);
        else
            clearDetails();
    }
    QWidget::changeEvent(event);
}

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

void SendLogPage::reloadApps()
{
    if (const QString problem = ListingTable::fillAppFilter(m_ui->appFilter, m_ws.db()); !problem.isEmpty())
        InlineMessage::showError(m_ui->detailsMessageLabel, problem);
}

void SendLogPage::showBroadcast(qint64 broadcastId)
{
    DeliveryLogFilter f;
    f.broadcastId = broadcastId;
    setFilter(f);
}

void SendLogPage::clearFilters()
{
    setFilter(DeliveryLogFilter{});
}

void SendLogPage::setFilter(const DeliveryLogFilter &filter)
{
    reloadBroadcasts();
    reloadApps();
    {
        const QSignalBlocker b1(m_ui->broadcastFilter);
        const QSignalBlocker b2(m_ui->stateFilter);
        const QSignalBlocker b3(m_ui->searchEdit);
        const QSignalBlocker b4(m_ui->appFilter);
        const QSignalBlocker b5(m_ui->channelFilter);
        const QSignalBlocker b6(m_ui->errcodeEdit);
        const QSignalBlocker b7(m_ui->timeRangeCheck);
        const QSignalBlocker b8(m_ui->fromEdit);
        const QSignalBlocker b9(m_ui->toEdit);
        int index = m_ui->broadcastFilter->findData(filter.broadcastId);
        if (index < 0) {
            m_ui->broadcastFilter->addItem(tr("#%1").arg(filter.broadcastId), filter.broadcastId);
            index = m_ui->broadcastFilter->count() - 1;
        }
        m_ui->broadcastFilter->setCurrentIndex(index);
        selectData(m_ui->appFilter, filter.appId);
        selectData(m_ui->stateFilter, filter.state);
        selectData(m_ui->channelFilter, filter.channel);
        m_ui->errcodeEdit->setText(filter.hasErrcode ? QString::number(filter.errcode) : QString());
        m_ui->searchEdit->setText(filter.search);
        const bool ranged = filter.from.isValid() || filter.to.isValid();
        m_ui->timeRangeCheck->setChecked(ranged);
        m_ui->fromEdit->setEnabled(ranged);
        m_ui->toEdit->setEnabled(ranged);
        if (filter.from.isValid())
            m_ui->fromEdit->setDateTime(filter.from);
        if (filter.to.isValid())
            m_ui->toEdit->setDateTime(filter.to);
    }
    applyFilters();
}

DeliveryLogFilter SendLogPage::currentFilter() const
{
    DeliveryLogFilter f;
    f.broadcastId = broadcastFilterId();
    f.appId = m_ui->appFilter->currentData().toLongLong();
    f.state = m_ui->stateFilter->currentData().toString();
    f.channel = m_ui->channelFilter->currentData().toString();
    bool ok = false;
    const int errcode = m_ui->errcodeEdit->text().trimmed().toInt(&ok);
    f.hasErrcode = ok;
    f.errcode = ok ? errcode : 0;
    f.search = m_ui->searchEdit->text().trimmed();
    if (m_ui->timeRangeCheck->isChecked()) {
        f.from = m_ui->fromEdit->dateTime();
        f.to = m_ui->toEdit->dateTime();
    }
    return f;
}

void SendLogPage::refresh()
{
    const qint64 selected = ListingTable::selectedId(m_ui->deliveriesTable);
    reloadBroadcasts();
    reloadApps();
    m_model->reload();
    if (selected != 0)
        ListingTable::selectId(m_ui->deliveriesTable, selected);
}

void SendLogPage::applyFilters()
{
    m_searchDelay.stop();
    m_filter = currentFilter();
    m_model->reload();
}

void SendLogPage::chooseExportFile()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the send log"),
                                                      dir + QLatin1Char('/') + tr("send-log.csv"),
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        exportToFile(path);
}

bool SendLogPage::exportToFile(const QString &path)
{
    // Stored words and ISO times: a file for other programs, the same in every language. Reasons are sentences
    // for people, not words to match: written in the exporting operator's language (their stored form is no use
    // in a spreadsheet).
    auto written = DeliveryLog::exportCsv(m_ws.db(), m_filter, path, [](const QString &key, const QVariant &value) {
        if (key == QLatin1String("reason"))
            return ReasonText::display(value.toString());
        if (key.endsWith(QLatin1String("_at")))
            return value.toLongLong() > 0 ? QDateTime::fromMSecsSinceEpoch(value.toLongLong()).toString(Qt::ISODateWithMs)
                                          : QString();
        return value.toString();
    });
    if (!written) {
        InlineMessage::showError(m_ui->detailsMessageLabel, tr("The export failed: %1 Nothing was written.").arg(written.error().message));
        return false;
    }
    InlineMessage::showInfo(m_ui->detailsMessageLabel,
                            tr("%n delivery(s) exported to %1.", nullptr,
                               int(qMin<qint64>(*written, std::numeric_limits<int>::max())))
                                .arg(path));
    return true;
}

void SendLogPage::updateCounts()
{
    if (!m_model->lastError().isEmpty() || m_model->rowCount() > 0 || !m_filter.isFiltered()) {
        ListingTable::updateEmptyState(m_ui->emptyStateLabel, m_model,
                                       tr("Nothing has been sent yet — compose a broadcast on the Broadcasts page."),
                                       tr("No delivery matches these filters."));
    } else {
        m_ui->emptyStateLabel->setText(tr("No delivery matches these filters — “Clear filters” shows them all."));
        m_ui->emptyStateLabel->show();
    }
    // Every delivery: one COUNT off an index. Under a filter: counted up to a bound, so that a filter that
    // matches most of a million rows still answers at once.
    const bool filtered = m_filter.isFiltered();
    const qint64 total = filtered ? m_model->countUpTo(kCountUpTo) : m_model->totalCount();
    const int shown = int(qMin<qint64>(qMax<qint64>(total, 0), std::numeric_limits<int>::max()));
    if (total < 0)
        m_ui->countLabel->clear();
    else if (filtered && total >= kCountUpTo)
        m_ui->countLabel->setText(tr("more than %1 deliveries", "%1 is always large").arg(QLocale().toString(kCountUpTo - 1)));
    else
        m_ui->countLabel->setText(tr("%n delivery(s)", nullptr, shown));
    m_ui->exportButton->setEnabled(total > 0);
    if (m_model->rowCount() == 0)
        clearDetails();
}

void SendLogPage::clearDetails()
{
    m_selectedId = 0;
    m_ui->detailsGroup->setTitle(tr("Delivery"));
    for (QLabel *label : {m_ui->recipientValue, m_ui->broadcastValue, m_ui->channelValue, m_ui->stateValue,
                          m_ui->routeValue, m_ui->attemptsValue, m_ui->httpStatusValue, m_ui->errcodeValue,
                          m_ui->errmsgValue, m_ui->reasonValue, m_ui->msgidValue, m_ui->updatedValue})
        label->clear();
    if (!InlineMessage::isError(m_ui->detailsMessageLabel))
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
    m_selectedId = deliveryId;
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
