#include "pages/penaltyhistory.h"

#include "audit/auditlog.h"
#include "domain/reasontext.h"
#include "models/displaytext.h"
#include "pages/confirmation.h"
#include "pages/inlinemessage.h"
#include "policy/penalties.h"
#include "store/apprepository.h"
#include "workspace.h"

#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pushdesk {

namespace {
enum Column { WhenColumn, KindColumn, ScoreColumn, ReasonColumn, ComplaintColumn, ByColumn, LiftedColumn, ColumnCount };
constexpr int kMaxPoints = 1000;
constexpr int kMaxDays = 3650;
constexpr int kDefaultDays = 7;
constexpr int kDefaultPoints = 10;
} // namespace

PenaltyHistory::PenaltyHistory(Workspace &ws, QWidget *parent)
    : QWidget(parent)
    , m_ws(ws)
{
    setObjectName(QStringLiteral("penaltyHistory"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_group = new QGroupBox(this);
    m_group->setObjectName(QStringLiteral("penaltyGroup"));
    outer->addWidget(m_group);
    auto *layout = new QVBoxLayout(m_group);

    m_table = new QTableWidget(0, ColumnCount, m_group);
    m_table->setObjectName(QStringLiteral("penaltyHistoryTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);

    auto *form = new QFormLayout;
    m_reasonLabel = new QLabel(m_group);
    m_reasonEdit = new QLineEdit(m_group);
    m_reasonEdit->setObjectName(QStringLiteral("reasonEdit"));
    m_reasonLabel->setBuddy(m_reasonEdit);
    form->addRow(m_reasonLabel, m_reasonEdit);
    auto *amounts = new QHBoxLayout;
    m_pointsLabel = new QLabel(m_group);
    m_pointsSpin = new QSpinBox(m_group);
    m_pointsSpin->setObjectName(QStringLiteral("deductPointsSpin"));
    m_pointsSpin->setRange(1, kMaxPoints);
    m_pointsSpin->setValue(kDefaultPoints);
    m_pointsLabel->setBuddy(m_pointsSpin);
    m_daysLabel = new QLabel(m_group);
    m_daysSpin = new QSpinBox(m_group);
    m_daysSpin->setObjectName(QStringLiteral("suspendDaysSpin"));
    m_daysSpin->setRange(1, kMaxDays);
    m_daysSpin->setValue(kDefaultDays);
    m_daysLabel->setBuddy(m_daysSpin);
    amounts->addWidget(m_pointsLabel);
    amounts->addWidget(m_pointsSpin);
    amounts->addWidget(m_daysLabel);
    amounts->addWidget(m_daysSpin);
    amounts->addStretch(1);
    layout->addLayout(form);
    layout->addLayout(amounts);

    auto *buttons = new QHBoxLayout;
    m_deductButton = new QPushButton(m_group);
    m_deductButton->setObjectName(QStringLiteral("deductButton"));
    m_suspendButton = new QPushButton(m_group);
    m_suspendButton->setObjectName(QStringLiteral("suspendButton"));
    m_banButton = new QPushButton(m_group);
    m_banButton->setObjectName(QStringLiteral("banButton"));
    m_liftBanButton = new QPushButton(m_group);
    m_liftBanButton->setObjectName(QStringLiteral("liftBanButton"));
    for (QPushButton *b : {m_deductButton, m_suspendButton, m_banButton, m_liftBanButton})
        buttons->addWidget(b);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    m_messageLabel = new QLabel(m_group);
    m_messageLabel->setObjectName(QStringLiteral("penaltyMessageLabel"));
    m_messageLabel->setWordWrap(true);
    layout->addWidget(m_messageLabel);
    InlineMessage::clear(m_messageLabel);

    connect(m_deductButton, &QPushButton::clicked, this, &PenaltyHistory::deduct);
    connect(m_suspendButton, &QPushButton::clicked, this, &PenaltyHistory::suspend);
    connect(m_banButton, &QPushButton::clicked, this, &PenaltyHistory::ban);
    connect(m_liftBanButton, &QPushButton::clicked, this, &PenaltyHistory::liftBan);

    retranslateUi();
    updateButtons();
}

PenaltyHistory::~PenaltyHistory() = default;

void PenaltyHistory::retranslateUi()
{
    m_group->setTitle(tr("Credit history and penalties"));
    m_table->setHorizontalHeaderLabels({tr("When"), tr("Penalty"), tr("Score"), tr("Reason"), tr("Complaint"),
                                        tr("Decided by"), tr("Lifted")});
    m_reasonLabel->setText(tr("&Reason:"));
    m_reasonEdit->setPlaceholderText(tr("Why — required for every manual action"));
    m_pointsLabel->setText(tr("&Points:"));
    m_daysLabel->setText(tr("D&ays:"));
    m_deductButton->setText(tr("De&duct points"));
    m_suspendButton->setText(tr("Sus&pend"));
    m_banButton->setText(tr("&Ban"));
    m_liftBanButton->setText(tr("&Lift ban"));
    m_liftBanButton->setToolTip(tr("An admin lifts the ban with a reason; the credit score stays as it is"));
}

void PenaltyHistory::setAppId(qint64 appId)
{
    if (appId != m_appId)
        InlineMessage::clear(m_messageLabel);
    m_appId = appId;
    reload();
}

void PenaltyHistory::updateButtons()
{
    AppStatus status = AppStatus::Active;
    if (m_appId != 0) {
        if (auto app = AppRepository(m_ws.db()).findById(m_appId); app && *app)
            status = (*app)->status;
    }
    const bool haveApp = m_appId != 0;
    m_group->setEnabled(haveApp);
    m_deductButton->setEnabled(haveApp && status != AppStatus::Banned);
    m_suspendButton->setEnabled(haveApp && status != AppStatus::Banned);
    m_banButton->setEnabled(haveApp && status != AppStatus::Banned);
    m_liftBanButton->setEnabled(haveApp && status == AppStatus::Banned);
}

void PenaltyHistory::reload()
{
    m_table->setRowCount(0);
    updateButtons();
    if (m_appId == 0)
        return;
    auto history = PenaltyService(m_ws.db()).history(m_appId);
    if (!history) {
        InlineMessage::showError(m_messageLabel, tr("Cannot read the credit history: %1").arg(history.error().message));
        return;
    }
    m_table->setRowCount(int(history->size()));
    for (int row = 0; row < history->size(); ++row) {
        const PenaltyRecord &p = history->at(row);
        QString kind;
        switch (p.kind) {
        case PenaltyKind::Deduct: kind = tr("−%n point(s)", nullptr, p.points); break;
        case PenaltyKind::Suspend: kind = tr("Suspended until %1").arg(DisplayText::dateTime(p.until)); break;
        case PenaltyKind::Ban: kind = tr("Banned"); break;
        }
        QString complaint = tr("By hand");
        if (p.complaintId != 0) {
            complaint = p.complaintCategory ? tr("#%1 %2: %3").arg(QString::number(p.complaintId), displayName(*p.complaintCategory), p.complaintText)
                                            : tr("#%1").arg(p.complaintId);
        }
        QString lifted;
        if (p.lifted())
            lifted = tr("%1 by %2: %3").arg(DisplayText::dateTime(p.liftedAt), p.liftedBy, ReasonText::display(p.liftReason));
        const QStringList cells{DisplayText::dateTime(p.appliedAt),
                                kind,
                                tr("%1 → %2").arg(p.scoreBefore).arg(p.scoreAfter),
                                ReasonText::display(p.reason),
                                complaint,
                                p.appliedBy,
                                lifted};
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells[column]));
    }
}

QString PenaltyHistory::operatorName() const
{
    const QString name = m_ws.operatorName();
    return name.isEmpty() ? AuditLog::defaultOperator() : name;
}

bool PenaltyHistory::confirm(const QString &text)
{
    // Without a reason the core refuses and says why: no point asking first.
    if (m_reasonEdit->text().trimmed().isEmpty())
        return true;
    return Confirmation::ask(this, tr("Penalize the app?"), text);
}

QString PenaltyHistory::outcomeText(const PenaltyOutcome &outcome) const
{
    QString text = tr("Credit score %1 → %2.").arg(outcome.scoreBefore).arg(outcome.scoreAfter);
    if (outcome.status == AppStatus::Banned)
        text += QLatin1Char(' ') + tr("The app is banned.");
    else if (outcome.status == AppStatus::Suspended)
        text += QLatin1Char(' ') + tr("The app is suspended until %1.").arg(DisplayText::dateTime(outcome.suspendedUntil));
    return text;
}

void PenaltyHistory::finish(const QString &done)
{
    m_reasonEdit->clear();
    reload();
    InlineMessage::showInfo(m_messageLabel, done);
    emit penaltiesChanged(m_appId);
}

bool PenaltyHistory::deduct()
{
    if (m_appId == 0 || !confirm(tr("Deduct %n point(s) from the app's credit score?", nullptr, m_pointsSpin->value())))
        return false;
    auto r = PenaltyService(m_ws.db()).deduct(m_appId, m_pointsSpin->value(), m_reasonEdit->text().trimmed(), operatorName());
    if (!r) {
        InlineMessage::showError(m_messageLabel, tr("Cannot deduct the points: %1").arg(r.error().message));
        return false;
    }
    finish(outcomeText(*r));
    return true;
}

bool PenaltyHistory::suspend()
{
    if (m_appId == 0 || !confirm(tr("Suspend the app for %n day(s)? It cannot send meanwhile.", nullptr, m_daysSpin->value())))
        return false;
    auto r = PenaltyService(m_ws.db()).suspend(m_appId, m_daysSpin->value(), m_reasonEdit->text().trimmed(), operatorName());
    if (!r) {
        InlineMessage::showError(m_messageLabel, tr("Cannot suspend the app: %1").arg(r.error().message));
        return false;
    }
    finish(outcomeText(*r));
    return true;
}

bool PenaltyHistory::ban()
{
    if (m_appId == 0 || !confirm(tr("Ban the app? It cannot send until an admin lifts the ban.")))
        return false;
    auto r = PenaltyService(m_ws.db()).ban(m_appId, m_reasonEdit->text().trimmed(), operatorName());
    if (!r) {
        InlineMessage::showError(m_messageLabel, tr("Cannot ban the app: %1").arg(r.error().message));
        return false;
    }
    finish(outcomeText(*r));
    return true;
}

bool PenaltyHistory::liftBan()
{
    if (m_appId == 0)
        return false;
    // The reason is checked by the core (PenaltyService::liftBan), whose message says what to do.
    if (!m_reasonEdit->text().trimmed().isEmpty()
        && !Confirmation::ask(this, tr("Lift the ban?"), tr("Lift the ban? The app may send again.")))
        return false;
    if (auto r = PenaltyService(m_ws.db()).liftBan(m_appId, operatorName(), m_reasonEdit->text().trimmed()); !r) {
        InlineMessage::showError(m_messageLabel, tr("Cannot lift the ban: %1").arg(r.error().message));
        return false;
    }
    finish(tr("The ban is lifted."));
    return true;
}

void PenaltyHistory::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        reload();
    }
    QWidget::changeEvent(event);
}

} // namespace pushdesk
