#include "pages/complaintspage.h"

#include "audit/auditlog.h"
#include "console/broadcastdetails.h"
#include "console/deliverydetails.h"
#include "models/displaytext.h"
#include "models/listingmodel.h"
#include "pages/inlinemessage.h"
#include "pages/listingtable.h"
#include "policy/complaints.h"
#include "policy/penalties.h"
#include "store/apprepository.h"
#include "workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace pushdesk {

namespace {
constexpr int kMaxPoints = 1000; // PenaltyRules::validate's upper bound
}

ComplaintsPage::ComplaintsPage(Workspace &ws, QWidget *parent)
    : QWidget(parent)
    , m_ws(ws)
{
    setObjectName(QStringLiteral("complaintsPage"));
    auto *pageLayout = new QVBoxLayout(this);

    auto *filterLayout = new QHBoxLayout;
    m_statusLabel = new QLabel(this);
    m_statusCombo = new QComboBox(this);
    m_statusCombo->setObjectName(QStringLiteral("statusFilterCombo"));
    for (ComplaintStatus s : {ComplaintStatus::Open, ComplaintStatus::Upheld, ComplaintStatus::Dismissed})
        m_statusCombo->addItem(QString(), toString(s));
    m_statusCombo->addItem(QString(), QString()); // any
    m_statusLabel->setBuddy(m_statusCombo);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    filterLayout->addWidget(m_statusLabel);
    filterLayout->addWidget(m_statusCombo);
    filterLayout->addStretch(1);
    filterLayout->addWidget(m_countLabel);
    pageLayout->addLayout(filterLayout);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("splitter"));
    splitter->setChildrenCollapsible(false);
    pageLayout->addWidget(splitter, 1);

    ListingTable::createListPane(splitter, QStringLiteral("complaintsTable"), &m_table, &m_emptyState);

    m_detailsGroup = new QGroupBox(splitter);
    m_detailsGroup->setObjectName(QStringLiteral("detailsGroup"));
    auto *detailsLayout = new QVBoxLayout(m_detailsGroup);
    m_detailsLabel = new QLabel(m_detailsGroup);
    m_detailsLabel->setObjectName(QStringLiteral("complaintDetailsLabel"));
    m_detailsLabel->setWordWrap(true);
    m_detailsLabel->setTextFormat(Qt::PlainText);
    m_detailsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailsLabel->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    detailsLayout->addWidget(m_detailsLabel, 1);

    auto *form = new QFormLayout;
    m_noteLabel = new QLabel(m_detailsGroup);
    m_noteEdit = new QLineEdit(m_detailsGroup);
    m_noteEdit->setObjectName(QStringLiteral("noteEdit"));
    m_noteLabel->setBuddy(m_noteEdit);
    form->addRow(m_noteLabel, m_noteEdit);
    m_pointsCheck = new QCheckBox(m_detailsGroup);
    m_pointsCheck->setObjectName(QStringLiteral("pointsOverrideCheck"));
    m_pointsSpin = new QSpinBox(m_detailsGroup);
    m_pointsSpin->setObjectName(QStringLiteral("pointsSpin"));
    m_pointsSpin->setRange(0, kMaxPoints);
    m_pointsSpin->setEnabled(false);
    form->addRow(m_pointsCheck, m_pointsSpin);
    detailsLayout->addLayout(form);

    auto *buttons = new QHBoxLayout;
    m_upholdButton = new QPushButton(m_detailsGroup);
    m_upholdButton->setObjectName(QStringLiteral("upholdButton"));
    m_dismissButton = new QPushButton(m_detailsGroup);
    m_dismissButton->setObjectName(QStringLiteral("dismissButton"));
    buttons->addStretch(1);
    buttons->addWidget(m_dismissButton);
    buttons->addWidget(m_upholdButton);
    detailsLayout->addLayout(buttons);
    m_resultLabel = new QLabel(m_detailsGroup);
    m_resultLabel->setObjectName(QStringLiteral("resultLabel"));
    m_resultLabel->setWordWrap(true);
    detailsLayout->addWidget(m_resultLabel);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    m_model = new ListingModel(ws.db(), ComplaintRepository::listing(), this);
    m_model->setColumnFormat(QStringLiteral("category"), ListingModel::ColumnFormat::Label);
    m_model->setColumnFormat(QStringLiteral("status"), ListingModel::ColumnFormat::Label);
    m_model->setColumnFormat(QStringLiteral("created_at"), ListingModel::ColumnFormat::Time);
    ListingTable::configure(m_table, m_model);
    connect(m_model, &ListingModel::reloaded, this, &ComplaintsPage::updateEmptyState);
    connect(m_model, &ListingModel::loadFailed, this, &ComplaintsPage::updateEmptyState);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        if (current.isValid())
            showComplaint(current.data(ListingModel::IdRole).toLongLong());
        else
            clearDetails();
    });
    connect(m_statusCombo, &QComboBox::currentIndexChanged, this, &ComplaintsPage::applyStatusFilter);
    connect(m_pointsCheck, &QCheckBox::toggled, m_pointsSpin, &QWidget::setEnabled);
    connect(m_upholdButton, &QPushButton::clicked, this, &ComplaintsPage::uphold);
    connect(m_dismissButton, &QPushButton::clicked, this, &ComplaintsPage::dismiss);

    retranslateUi();
    clearDetails();
    applyStatusFilter();
}

ComplaintsPage::~ComplaintsPage() = default;

void ComplaintsPage::retranslateUi()
{
    m_statusLabel->setText(tr("&Show:"));
    const QStringList statusTexts{tr("Open (review queue)"), tr("Upheld"), tr("Dismissed"), tr("All complaints")};
    for (int i = 0; i < m_statusCombo->count() && i < statusTexts.size(); ++i)
        m_statusCombo->setItemText(i, statusTexts[i]);
    m_noteLabel->setText(tr("&Note:"));
    m_noteEdit->setPlaceholderText(tr("Why you decided so (required to dismiss)"));
    m_pointsCheck->setText(tr("Deduct other &points:"));
    m_pointsCheck->setToolTip(tr("Leave unchecked to deduct the points the penalty rules give the category"));
    m_upholdButton->setText(tr("&Uphold"));
    m_upholdButton->setToolTip(tr("The complaint is right: deduct the app's points"));
    m_dismissButton->setText(tr("&Dismiss"));
    m_dismissButton->setToolTip(tr("The complaint is unfounded: close it without a penalty"));
    m_model->refreshHeaders();
    updateEmptyState();
}

void ComplaintsPage::refresh()
{
    const qint64 selected = m_currentId;
    m_model->reload();
    if (selected != 0 && ListingTable::selectId(m_table, selected))
        return;
    if (m_model->rowCount() > 0)
        m_table->selectRow(0);
}

void ComplaintsPage::applyStatusFilter()
{
    m_model->setEquals({{QStringLiteral("status"), m_statusCombo->currentData()}});
    if (m_model->rowCount() > 0)
        m_table->selectRow(0);
    else
        clearDetails();
}

void ComplaintsPage::updateEmptyState()
{
    // The status is always a filter, so the model cannot tell "none at all" from "none like this".
    const QString status = m_statusCombo->currentData().toString();
    const QString text = status == toString(ComplaintStatus::Open) ? tr("Nothing to review: no complaint is open.")
        : status.isEmpty()                                         ? tr("No complaints yet.")
                                                                   : tr("No complaint has this status.");
    ListingTable::updateEmptyState(m_emptyState, m_model, text, text);
    const qint64 total = m_model->totalCount();
    if (total < 0)
        m_countLabel->clear();
    else
        m_countLabel->setText(tr("%n complaint(s)", nullptr, int(qMin<qint64>(total, INT_MAX))));
}

void ComplaintsPage::clearDetails()
{
    m_currentId = 0;
    m_currentAppId = 0;
    m_currentOpen = false;
    m_detailsGroup->setTitle(tr("Complaint"));
    m_detailsLabel->setText(tr("Select a complaint to see the message it is about."));
    updateButtons();
}

void ComplaintsPage::updateButtons()
{
    m_upholdButton->setEnabled(m_currentOpen);
    m_dismissButton->setEnabled(m_currentOpen);
    m_noteEdit->setEnabled(m_currentOpen);
    m_pointsCheck->setEnabled(m_currentOpen);
    m_pointsSpin->setEnabled(m_currentOpen && m_pointsCheck->isChecked());
}

void ComplaintsPage::showComplaint(qint64 id)
{
    auto found = ComplaintRepository(m_ws.db()).find(id);
    if (!found || !*found) {
        clearDetails();
        InlineMessage::showError(m_resultLabel, found ? tr("That complaint no longer exists.")
                                                      : tr("Cannot read the complaint: %1").arg(found.error().message));
        return;
    }
    const Complaint &c = **found;
    if (c.id != m_currentId)
        InlineMessage::clear(m_resultLabel);
    m_currentId = c.id;
    m_currentAppId = c.appId;
    m_currentOpen = c.status == ComplaintStatus::Open;

    QStringList lines;
    QString appName = tr("App %1").arg(c.appId);
    if (auto app = AppRepository(m_ws.db()).findById(c.appId); app && *app)
        appName = (*app)->name;
    lines << tr("App: %1").arg(appName);
    lines << tr("Category: %1").arg(displayName(c.category));
    lines << tr("Filed: %1").arg(DisplayText::dateTime(c.createdAt));
    if (c.broadcastId != 0) {
        // The rendered text of a delivery is not stored: the template says what was sent.
        if (auto b = loadBroadcastDetails(m_ws.db(), c.broadcastId); b && *b)
            lines << tr("Broadcast #%1, template “%2”").arg(QString::number(c.broadcastId), (*b)->templateName);
        else
            lines << tr("Broadcast #%1").arg(c.broadcastId);
    }
    if (c.deliveryId != 0) {
        if (auto d = loadDeliveryDetails(m_ws.db(), c.deliveryId); d && *d) {
            const Delivery &delivery = (*d)->delivery;
            lines << tr("Delivery #%1 to %2: %3 via %4")
                         .arg(QString::number(c.deliveryId),
                              (*d)->nickname.isEmpty() ? (*d)->mpOpenid : (*d)->nickname,
                              DisplayText::label(delivery.state),
                              delivery.route.isEmpty() ? DisplayText::label(delivery.channel) : delivery.route);
            if (!delivery.errmsg.isEmpty())
                lines << tr("Upstream said: %1 (%2)").arg(delivery.errmsg).arg(delivery.errcode);
        } else {
            lines << tr("Delivery #%1").arg(c.deliveryId);
        }
    }
    lines << QString() << tr("Complaint: %1").arg(c.text.isEmpty() ? tr("(no text)") : c.text);
    if (!m_currentOpen) {
        lines << QString()
              << tr("%1 by %2 on %3: %4")
                     .arg(DisplayText::label(toString(c.status)), c.reviewer, DisplayText::dateTime(c.decidedAt),
                          c.note.isEmpty() ? tr("(no note)") : c.note);
    }
    m_detailsGroup->setTitle(tr("Complaint #%1").arg(c.id));
    m_detailsLabel->setText(lines.join(QLatin1Char('\n')));
    if (auto rules = PenaltyRules::load(m_ws.db()); rules && !m_pointsCheck->isChecked())
        m_pointsSpin->setValue(rules->pointsFor(c.category));
    updateButtons();
}

QString ComplaintsPage::reviewer() const
{
    const QString name = m_ws.operatorName();
    return name.isEmpty() ? AuditLog::defaultOperator() : name;
}

QString ComplaintsPage::outcomeText(const PenaltyOutcome &outcome) const
{
    QString text = tr("Upheld: credit score %1 → %2.").arg(outcome.scoreBefore).arg(outcome.scoreAfter);
    if (outcome.status == AppStatus::Banned)
        text += QLatin1Char(' ') + tr("The app is banned.");
    else if (outcome.status == AppStatus::Suspended)
        text += QLatin1Char(' ') + tr("The app is suspended until %1.").arg(DisplayText::dateTime(outcome.suspendedUntil));
    return text;
}

bool ComplaintsPage::uphold()
{
    if (m_currentId == 0 || !m_currentOpen)
        return false;
    std::optional<int> points;
    if (m_pointsCheck->isChecked())
        points = m_pointsSpin->value();
    const qint64 id = m_currentId;
    const qint64 appId = m_currentAppId;
    auto outcome = PenaltyService(m_ws.db()).uphold(id, reviewer(), m_noteEdit->text().trimmed(), points);
    if (!outcome) {
        InlineMessage::showError(m_resultLabel, tr("Cannot uphold the complaint: %1").arg(outcome.error().message));
        return false;
    }
    m_noteEdit->clear();
    m_pointsCheck->setChecked(false);
    refresh();
    InlineMessage::showInfo(m_resultLabel, outcomeText(*outcome));
    emit complaintDecided(id, appId);
    return true;
}

bool ComplaintsPage::dismiss()
{
    if (m_currentId == 0 || !m_currentOpen)
        return false;
    const QString note = m_noteEdit->text().trimmed();
    if (note.isEmpty()) {
        InlineMessage::showError(m_resultLabel, tr("Write a note that says why the complaint is dismissed."));
        m_noteEdit->setFocus();
        return false;
    }
    const qint64 id = m_currentId;
    const qint64 appId = m_currentAppId;
    if (auto r = PenaltyService(m_ws.db()).dismiss(id, reviewer(), note); !r) {
        InlineMessage::showError(m_resultLabel, tr("Cannot dismiss the complaint: %1").arg(r.error().message));
        return false;
    }
    m_noteEdit->clear();
    refresh();
    InlineMessage::showInfo(m_resultLabel, tr("Dismissed: complaint #%1 is closed without a penalty.").arg(id));
    emit complaintDecided(id, appId);
    return true;
}

void ComplaintsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        if (m_currentId != 0)
            showComplaint(m_currentId);
        else
            clearDetails();
    }
    QWidget::changeEvent(event);
}

} // namespace pushdesk
