#include "pages/subscriberspage.h"
#include "ui_subscriberspage.h"

#include <QEvent>
#include <QLocale>

#include "models/displaytext.h"
#include "audit/auditlog.h"
#include "models/listingmodel.h"
#include "pages/importdialog.h"
#include "pages/inlinemessage.h"
#include "pages/listingtable.h"
#include "store/apprepository.h"
#include "store/eventrepository.h"
#include "store/subscriberrepository.h"
#include "workspace.h"

#include <QHash>
#include <QHeaderView>
#include <QSignalBlocker>
#include <QItemSelectionModel>

namespace pushdesk {

namespace {
constexpr int kSearchDelayMs = 250; // one query per typing pause, not per key
constexpr qint64 kCountUpTo = 10001; // "more than 10,000 matches" beyond

QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}

// The operator's events that take a binding from one state to another; mute and block need an
// active (or muted) binding first, as EventRepository::transition says.
QList<SubscriberEventKind> stateEvents(BindingState from, BindingState to)
{
    using K = SubscriberEventKind;
    if (from == to)
        return {};
    QList<K> events;
    if (to == BindingState::Unbound)
        return {K::Unbind};
    if (from == BindingState::Unbound)
        events.append(K::Bind);
    else if (from == BindingState::Blocked && to != BindingState::Active)
        events.append(K::Unblock);
    switch (to) {
    case BindingState::Active:
        if (from == BindingState::Muted)
            events.append(K::Unmute);
        else if (from == BindingState::Blocked)
            events.append(K::Unblock);
        break;
    case BindingState::Muted: events.append(K::Mute); break;
    case BindingState::Blocked: events.append(K::Block); break;
    case BindingState::Unbound: break;
    }
    return events;
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
    m_ui->bindingsTable->setSelectionMode(QAbstractItemView::SingleSelection);
    for (BindingState state : {BindingState::Active, BindingState::Muted, BindingState::Blocked, BindingState::Unbound})
        m_ui->bindingStateCombo->addItem(DisplayText::label(state), toString(state));
    for (Reminder reminder : {Reminder::Strong, Reminder::Weak, Reminder::None})
        m_ui->reminderCombo->addItem(DisplayText::label(reminder), toString(reminder));
    connect(m_ui->bindingsTable, &QTableWidget::currentCellChanged, this,
            [this](int row) { showBindingChoice(row); });
    connect(m_ui->applyBindingButton, &QPushButton::clicked, this, &SubscribersPage::applyBindingEdit);
    connect(m_ui->importButton, &QPushButton::clicked, this, &SubscribersPage::openImport);

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(kSearchDelayMs);
    connect(&m_searchDelay, &QTimer::timeout, this, &SubscribersPage::applySearch);
    connect(m_ui->searchEdit, &QLineEdit::textChanged, &m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_ui->searchEdit, &QLineEdit::returnPressed, this, &SubscribersPage::applySearch);
    connect(m_model, &ListingModel::reloaded, this, &SubscribersPage::updateCounts);
    // A search lists its matches in the order of the column each matched (no column's indicator) until the
    // operator picks a column; the header says which.
    connect(m_model, &ListingModel::reloaded, this, [this]() {
        QHeaderView *header = m_ui->subscribersTable->horizontalHeader();
        if (header->sortIndicatorSection() != m_model->sortColumn() || header->sortIndicatorOrder() != m_model->sortOrder())
            header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    });
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
        tr("No subscriber's openid, nickname or e-mail begins with “%1”, and nobody has that tag.").arg(m_model->filter().search));
    // All of them: one COUNT the database answers from an index. Matches of a search: counted up to a
    // bound, so that a search that matches most of a million people still answers at once.
    const bool filtered = m_model->isFiltered();
    const qint64 total = filtered ? m_model->countUpTo(kCountUpTo) : m_model->totalCount();
    if (total < 0)
        m_ui->countLabel->clear();
    else if (filtered && total >= kCountUpTo)
        m_ui->countLabel->setText(tr("more than %1 matches", "%1 is always large").arg(QLocale().toString(kCountUpTo - 1)));
    else if (filtered)
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
    m_subscriberId = 0;
    m_bindings.clear();
    m_ui->bindingsTable->setRowCount(0);
    showBindingChoice(-1);
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
    m_subscriberId = s.id;
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
    const qint64 selectedApp = m_ui->bindingsTable->currentRow() >= 0 && m_ui->bindingsTable->currentRow() < m_bindings.size()
        ? m_bindings.at(m_ui->bindingsTable->currentRow()).appId
        : 0;
    m_bindings.clear();
    m_ui->bindingsTable->setRowCount(0);
    showBindingChoice(-1);
    if (!bindings) {
        InlineMessage::showError(m_ui->detailsMessageLabel, tr("Cannot read the bindings: %1").arg(bindings.error().message));
        return;
    }
    if (bindings->isEmpty()) {
        InlineMessage::showInfo(m_ui->detailsMessageLabel, tr("Not bound to any app: nobody can push to them."));
        return;
    }
    InlineMessage::clear(m_ui->detailsMessageLabel);
    m_bindings = *bindings;
    const QSignalBlocker blocker(m_ui->bindingsTable);
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
    int current = 0;
    for (int row = 0; row < m_bindings.size(); ++row) {
        if (m_bindings.at(row).appId == selectedApp)
            current = row;
    }
    m_ui->bindingsTable->setCurrentCell(current, 0);
    showBindingChoice(current);
}

void SubscribersPage::showBindingChoice(int row)
{
    const bool valid = row >= 0 && row < m_bindings.size();
    for (QWidget *w : std::initializer_list<QWidget *>{m_ui->bindingStateCombo, m_ui->reminderCombo, m_ui->applyBindingButton})
        w->setEnabled(valid);
    if (!valid)
        return;
    const Binding &b = m_bindings.at(row);
    m_ui->bindingStateCombo->setCurrentIndex(qMax(0, m_ui->bindingStateCombo->findData(toString(b.state))));
    m_ui->reminderCombo->setCurrentIndex(qMax(0, m_ui->reminderCombo->findData(toString(b.reminder))));
}

bool SubscribersPage::applyBindingEdit()
{
    const int row = m_ui->bindingsTable->currentRow();
    if (m_subscriberId == 0 || row < 0 || row >= m_bindings.size()) {
        InlineMessage::showError(m_ui->detailsMessageLabel, tr("Select a binding to change first."));
        return false;
    }
    const Binding current = m_bindings.at(row);
    BindingState state = current.state;
    Reminder reminder = current.reminder;
    fromString(m_ui->bindingStateCombo->currentData().toString(), &state);
    fromString(m_ui->reminderCombo->currentData().toString(), &reminder);

    SubscriberEvent base;
    base.subscriberId = m_subscriberId;
    base.appId = current.appId;
    base.source = EventSource::Operator;
    base.operatorName = m_ws.operatorName().isEmpty() ? AuditLog::defaultOperator() : m_ws.operatorName();
    QList<SubscriberEvent> events;
    for (SubscriberEventKind kind : stateEvents(current.state, state)) {
        SubscriberEvent e = base;
        e.kind = kind;
        events.append(e);
    }
    if (reminder != current.reminder) {
        SubscriberEvent e = base;
        e.kind = SubscriberEventKind::Reminder;
        e.value = toString(reminder);
        events.append(e);
    }
    if (events.isEmpty()) {
        InlineMessage::showInfo(m_ui->detailsMessageLabel, tr("Nothing to change: the binding is already so."));
        return false;
    }
    EventRepository repository(m_ws.db());
    // More than one event (unblock, then mute) is all or nothing.
    const Result<void> applied = events.size() == 1 ? repository.apply(events.first()) : repository.applyAll(events);
    if (!applied) {
        InlineMessage::showError(m_ui->detailsMessageLabel, tr("Cannot change the binding: %1").arg(applied.error().message));
        return false;
    }
    showSubscriber(m_subscriberId);
    InlineMessage::showInfo(m_ui->detailsMessageLabel, tr("The binding is now %1 with a %2 reminder.")
                                                           .arg(DisplayText::label(state).toLower(), DisplayText::label(reminder).toLower()));
    return true;
}

ImportDialog *SubscribersPage::importDialog() const
{
    return m_importDialog.data();
}

void SubscribersPage::openImport()
{
    if (!m_importDialog) {
        m_importDialog = new ImportDialog(m_ws, this);
        m_importDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_importDialog, &ImportDialog::imported, this, [this]() {
            reload();
            if (m_subscriberId != 0)
                showSubscriber(m_subscriberId);
        });
    }
    m_importDialog->open(); // window-modal without a nested event loop
    m_importDialog->raise();
}

void SubscribersPage::retranslateBindingCombos()
{
    const QSignalBlocker stateBlocker(m_ui->bindingStateCombo);
    const QSignalBlocker reminderBlocker(m_ui->reminderCombo);
    for (QComboBox *combo : {m_ui->bindingStateCombo, m_ui->reminderCombo}) {
        for (int i = 0; i < combo->count(); ++i)
            combo->setItemText(i, DisplayText::label(combo->itemData(i).toString()));
    }
}

void SubscribersPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslateBindingCombos();
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
