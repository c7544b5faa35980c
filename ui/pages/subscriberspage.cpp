#include "pages/subscriberspage.h"
#include "ui_subscriberspage.h"

#include <QEvent>

#include "models/displaytext.h"
#include "models/listingmodel.h"
#include "pages/inlinemessage.h"
#include "pages/listingtable.h"
#include "store/apprepository.h"
#include "store/subscriberrepository.h"
#include "workspace.h"

#include <QHash>
#include <QItemSelectionModel>

namespace pushdesk {

namespace {
constexpr int kSearchDelayMs = 250; // one query per typing pause, not per key

QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}
} // namespace

SubscribersPage::SubscribersPage(Workspace &ws, QWidget *parent)
    : QWidget(parent)
    , m_ws(ws)
    , m_ui(std::make_unique<Ui::SubscribersPage>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("subscribersPage"));
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 2);
    m_model = new ListingModel(ws.db(), Listing::subscribers(), this);
    ListingTable::configure(m_ui->subscribersTable, m_model);
    m_ui->bindingsTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(kSearchDelayMs);
    connect(&m_searchDelay, &QTimer::timeout, this, &SubscribersPage::applySearch);
    connect(m_ui->searchEdit, &QLineEdit::textChanged, &m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_ui->searchEdit, &QLineEdit::returnPressed, this, &SubscribersPage::applySearch);
    connect(m_model, &ListingModel::reloaded, this, &SubscribersPage::updateCounts);
    connect(m_model, &ListingModel::loadFailed, this, &SubscribersPage::updateCounts);
    connect(m_ui->subscribersTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    showSubscriber(current.data(ListingModel::IdRole).toLongLong());
                else
                    clearDetails();
            });
    clearDetails();
    updateCounts();
}

SubscribersPage::~SubscribersPage() = default;

void SubscribersPage::applySearch()
{
    m_searchDelay.stop();
    const QString text = m_ui->searchEdit->text().trimmed();
    if (text != m_model->filter().search)
        m_model->setSearch(text);
}

void SubscribersPage::reload()
{
    const qint64 selected = ListingTable::selectedId(m_ui->subscribersTable);
    m_model->reload();
    if (selected != 0)
        ListingTable::selectId(m_ui->subscribersTable, selected);
}

void SubscribersPage::updateCounts()
{
    ListingTable::updateEmptyState(
        m_ui->emptyStateLabel, m_model,
        tr("No subscribers yet — run “pushdesk demo” or import a CSV with “pushdesk import”."),
        tr("No subscriber's openid, nickname or e-mail begins with “%1”.").arg(m_model->filter().search));
    const qint64 total = m_model->totalCount();
    if (total < 0)
        m_ui->countLabel->clear();
    else if (m_model->isFiltered())
        m_ui->countLabel->setText(tr("%n match(es)", nullptr, int(qMin<qint64>(total, INT_MAX))));
    else
        m_ui->countLabel->setText(tr("%n subscriber(s)", nullptr, int(qMin<qint64>(total, INT_MAX))));
    if (m_model->rowCount() == 0)
        clearDetails();
}

void SubscribersPage::clearDetails()
{
    m_ui->detailsGroup->setTitle(tr("Subscriber"));
    for (QLabel *label : {m_ui->nicknameValue, m_ui->openidValue, m_ui->miniOpenidValue, m_ui->unionidValue,
                          m_ui->emailValue, m_ui->barkKeyValue, m_ui->receivesValue, m_ui->lastInteractionValue,
                          m_ui->tagsValue})
        label->clear();
    m_ui->bindingsTable->setRowCount(0);
    InlineMessage::showInfo(m_ui->detailsMessageLabel, tr("Select a subscriber to see their details and bindings."));
}

void SubscribersPage::showSubscriber(qint64 id)
{
    SubscriberRepository subscribers(m_ws.db());
    auto found = subscribers.findById(id);
    if (!found || !*found) {
        clearDetails();
        InlineMessage::showError(m_ui->detailsMessageLabel,
                                 found ? tr("That subscriber no longer exists.")
                                       : tr("Cannot read the subscriber: %1").arg(found.error().message));
        return;
    }
    const Subscriber &s = **found;
    m_ui->detailsGroup->setTitle(s.nickname.isEmpty() ? tr("Subscriber %1").arg(s.id) : s.nickname);
    m_ui->nicknameValue->setText(orDash(s.nickname));
    m_ui->openidValue->setText(orDash(s.mpOpenid));
    m_ui->miniOpenidValue->setText(orDash(s.miniOpenid));
    m_ui->unionidValue->setText(orDash(s.unionid));
    m_ui->emailValue->setText(orDash(s.email));
    m_ui->barkKeyValue->setText(s.barkKey.isEmpty() ? QStringLiteral("—")
                                                    : s.barkServer.isEmpty() ? s.barkKey
                                                                             : tr("%1 on %2").arg(s.barkKey, s.barkServer));
    m_ui->receivesValue->setText(s.optedOut ? tr("No — opted out of every app (replied 0)") : tr("Yes"));
    m_ui->lastInteractionValue->setText(DisplayText::dateTime(s.lastInteraction));
    m_ui->tagsValue->setText(orDash(s.tags.join(QStringLiteral(", "))));

    auto bindings = subscribers.bindingsOf(id);
    auto apps = AppRepository(m_ws.db()).all();
    QHash<qint64, QString> appNames;
    if (apps) {
        for (const App &a : std::as_const(*apps))
            appNames.insert(a.id, a.name);
    }
    m_ui->bindingsTable->setRowCount(0);
    if (!bindings) {
        InlineMessage::showError(m_ui->detailsMessageLabel, tr("Cannot read the bindings: %1").arg(bindings.error().message));
        return;
    }
    if (bindings->isEmpty()) {
        InlineMessage::showInfo(m_ui->detailsMessageLabel, tr("Not bound to any app: nobody can push to them."));
        return;
    }
    InlineMessage::clear(m_ui->detailsMessageLabel);
    m_ui->bindingsTable->setRowCount(int(bindings->size()));
    for (int row = 0; row < bindings->size(); ++row) {
        const Binding &b = bindings->at(row);
        QStringList channels;
        for (Channel c : b.channels)
            channels.append(DisplayText::label(c));
        const QStringList cells{
            appNames.value(b.appId, tr("App %1").arg(b.appId)),
            DisplayText::label(b.state),
            DisplayText::label(b.reminder),
            channels.join(QStringLiteral(" → ")),
            orDash(b.changedBy),
            DisplayText::dateTime(b.changedAt),
        };
        for (int column = 0; column < cells.size(); ++column)
            m_ui->bindingsTable->setItem(row, column, new QTableWidgetItem(cells[column]));
    }
}

void SubscribersPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        m_model->refreshHeaders();
        updateCounts();
        if (const qint64 selected = ListingTable::selectedId(m_ui->subscribersTable); selected != 0)
            showSubscriber(selected);
        else
            clearDetails();
    }
    QWidget::changeEvent(event);
}

} // namespace pushdesk
