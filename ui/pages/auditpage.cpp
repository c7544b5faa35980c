#include "pages/auditpage.h"

#include "audit/auditlog.h"
#include "models/listingmodel.h"
#include "pages/listingtable.h"
#include "workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace pushdesk {

namespace {
QString prettyJson(const QVariant &raw)
{
    const QByteArray text = raw.toString().toUtf8();
    const QJsonDocument doc = QJsonDocument::fromJson(text);
    if (doc.isNull())
        return QString::fromUtf8(text);
    if (doc.isObject() && doc.object().isEmpty())
        return {};
    return QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
}

QString compactJson(const QJsonObject &object)
{
    return object.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// Keeps the current choice (by data) while the list of choices is rebuilt.
void fillCombo(QComboBox *combo, const QString &anyText, const QStringList &values)
{
    const QSignalBlocker blocker(combo);
    const QString current = combo->currentData().toString();
    combo->clear();
    combo->addItem(anyText, QString());
    for (const QString &v : values)
        combo->addItem(v, v);
    combo->setCurrentIndex(qMax(0, combo->findData(current)));
}
} // namespace

AuditPage::AuditPage(Workspace &ws, QWidget *parent)
    : QWidget(parent)
    , m_ws(ws)
{
    setObjectName(QStringLiteral("auditPage"));
    auto *pageLayout = new QVBoxLayout(this);

    auto *filters = new QGridLayout;
    m_operatorLabel = new QLabel(this);
    m_operatorCombo = new QComboBox(this);
    m_operatorCombo->setObjectName(QStringLiteral("operatorCombo"));
    m_operatorLabel->setBuddy(m_operatorCombo);
    m_actionLabel = new QLabel(this);
    m_actionCombo = new QComboBox(this);
    m_actionCombo->setObjectName(QStringLiteral("actionCombo"));
    m_actionLabel->setBuddy(m_actionCombo);
    m_recordLabel = new QLabel(this);
    m_recordTypeEdit = new QLineEdit(this);
    m_recordTypeEdit->setObjectName(QStringLiteral("recordTypeEdit"));
    m_recordTypeEdit->setClearButtonEnabled(true);
    m_recordLabel->setBuddy(m_recordTypeEdit);
    m_recordIdSpin = new QSpinBox(this);
    m_recordIdSpin->setObjectName(QStringLiteral("recordIdSpin"));
    m_recordIdSpin->setRange(0, INT_MAX);
    m_fromCheck = new QCheckBox(this);
    m_fromCheck->setObjectName(QStringLiteral("fromCheck"));
    m_fromEdit = new QDateTimeEdit(QDateTime::currentDateTime().addDays(-7), this);
    m_fromEdit->setObjectName(QStringLiteral("fromEdit"));
    m_fromEdit->setCalendarPopup(true);
    m_fromEdit->setEnabled(false);
    m_toCheck = new QCheckBox(this);
    m_toCheck->setObjectName(QStringLiteral("toCheck"));
    m_toEdit = new QDateTimeEdit(QDateTime::currentDateTime().addDays(1), this);
    m_toEdit->setObjectName(QStringLiteral("toEdit"));
    m_toEdit->setCalendarPopup(true);
    m_toEdit->setEnabled(false);
    m_refreshButton = new QPushButton(this);
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));

    filters->addWidget(m_operatorLabel, 0, 0);
    filters->addWidget(m_operatorCombo, 0, 1);
    filters->addWidget(m_actionLabel, 0, 2);
    filters->addWidget(m_actionCombo, 0, 3);
    filters->addWidget(m_recordLabel, 0, 4);
    filters->addWidget(m_recordTypeEdit, 0, 5);
    filters->addWidget(m_recordIdSpin, 0, 6);
    filters->addWidget(m_fromCheck, 1, 0);
    filters->addWidget(m_fromEdit, 1, 1);
    filters->addWidget(m_toCheck, 1, 2);
    filters->addWidget(m_toEdit, 1, 3);
    filters->addWidget(m_countLabel, 1, 4, 1, 2);
    filters->addWidget(m_refreshButton, 1, 6);
    pageLayout->addLayout(filters);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("splitter"));
    splitter->setChildrenCollapsible(false);
    pageLayout->addWidget(splitter, 1);
    ListingTable::createListPane(splitter, QStringLiteral("auditTable"), &m_table, &m_emptyState);

    auto *detailsPane = new QWidget(splitter);
    auto *detailsLayout = new QGridLayout(detailsPane);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    m_beforeLabel = new QLabel(detailsPane);
    m_beforeText = new QPlainTextEdit(detailsPane);
    m_beforeText->setObjectName(QStringLiteral("beforeText"));
    m_beforeText->setReadOnly(true);
    m_beforeLabel->setBuddy(m_beforeText);
    m_afterLabel = new QLabel(detailsPane);
    m_afterText = new QPlainTextEdit(detailsPane);
    m_afterText->setObjectName(QStringLiteral("afterText"));
    m_afterText->setReadOnly(true);
    m_afterLabel->setBuddy(m_afterText);
    detailsLayout->addWidget(m_beforeLabel, 0, 0);
    detailsLayout->addWidget(m_afterLabel, 0, 1);
    detailsLayout->addWidget(m_beforeText, 1, 0);
    detailsLayout->addWidget(m_afterText, 1, 1);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    m_model = new ListingModel(ws.db(), AuditLog::listing(), this);
    m_model->setColumnFormat(QStringLiteral("at"), ListingModel::ColumnFormat::Time);
    m_model->setColumnFormat(QStringLiteral("action"), ListingModel::ColumnFormat::Code);
    m_model->setColumnFormat(QStringLiteral("record_id"), ListingModel::ColumnFormat::Number);
    // AuditLog::query knows action prefixes and time ranges, which Listing's equality filters do not.
    m_model->setSource(
        [this](const ListingFilter &, int offset, int limit) -> Result<QList<ListingRow>> {
            AuditQuery q = query();
            q.offset = offset;
            q.limit = limit;
            auto events = AuditLog::query(m_ws.db(), q);
            if (!events)
                return std::unexpected(events.error());
            QList<ListingRow> rows;
            rows.reserve(events->size());
            for (const AuditEvent &e : std::as_const(*events)) {
                rows.append(ListingRow{e.id,
                                       {e.at.toMSecsSinceEpoch(), e.operatorName, e.action, e.recordType, e.recordId,
                                        compactJson(e.before), compactJson(e.after)}});
            }
            return rows;
        },
        [this](const ListingFilter &) { return AuditLog::count(m_ws.db(), query()); });
    ListingTable::configure(m_table, m_model);
    m_table->setSortingEnabled(false); // newest first; the log's own order
    connect(m_model, &ListingModel::reloaded, this, &AuditPage::updateEmptyState);
    connect(m_model, &ListingModel::loadFailed, this, &AuditPage::updateEmptyState);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showEvent(current.isValid() ? current.row() : -1); });

    connect(m_operatorCombo, &QComboBox::currentIndexChanged, this, &AuditPage::applyFilter);
    connect(m_actionCombo, &QComboBox::currentIndexChanged, this, &AuditPage::applyFilter);
    connect(m_recordTypeEdit, &QLineEdit::editingFinished, this, &AuditPage::applyFilter);
    connect(m_recordIdSpin, &QSpinBox::editingFinished, this, &AuditPage::applyFilter);
    connect(m_fromCheck, &QCheckBox::toggled, m_fromEdit, &QWidget::setEnabled);
    connect(m_toCheck, &QCheckBox::toggled, m_toEdit, &QWidget::setEnabled);
    connect(m_fromCheck, &QCheckBox::toggled, this, &AuditPage::applyFilter);
    connect(m_toCheck, &QCheckBox::toggled, this, &AuditPage::applyFilter);
    connect(m_fromEdit, &QDateTimeEdit::editingFinished, this, &AuditPage::applyFilter);
    connect(m_toEdit, &QDateTimeEdit::editingFinished, this, &AuditPage::applyFilter);
    connect(m_refreshButton, &QPushButton::clicked, this, &AuditPage::refresh);

    retranslateUi();
    refresh();
}

AuditPage::~AuditPage() = default;

void AuditPage::retranslateUi()
{
    m_operatorLabel->setText(tr("&Operator:"));
    m_actionLabel->setText(tr("&Action:"));
    m_recordLabel->setText(tr("&Record:"));
    m_recordTypeEdit->setPlaceholderText(tr("Type, e.g. app or complaint"));
    m_recordIdSpin->setSpecialValueText(tr("Any ID"));
    m_recordIdSpin->setToolTip(tr("The record's ID (with a record type); “Any ID” for every record"));
    m_fromCheck->setText(tr("&From:"));
    m_toCheck->setText(tr("&Until:"));
    m_refreshButton->setText(tr("R&efresh"));
    m_beforeLabel->setText(tr("&Before:"));
    m_afterLabel->setText(tr("A&fter:"));
    m_operatorCombo->setItemText(0, tr("Any operator"));
    m_actionCombo->setItemText(0, tr("Any action"));
    m_model->refreshHeaders();
    updateEmptyState();
}

void AuditPage::reloadFilterChoices()
{
    auto operators = AuditLog::operators(m_ws.db());
    auto actions = AuditLog::actions(m_ws.db());
    fillCombo(m_operatorCombo, tr("Any operator"), operators ? *operators : QStringList());
    fillCombo(m_actionCombo, tr("Any action"), actions ? *actions : QStringList());
}

void AuditPage::refresh()
{
    reloadFilterChoices();
    applyFilter();
}

AuditQuery AuditPage::query() const
{
    AuditQuery q;
    q.operatorName = m_operatorCombo->currentData().toString();
    q.actionPrefix = m_actionCombo->currentData().toString();
    q.recordType = m_recordTypeEdit->text().trimmed();
    if (!q.recordType.isEmpty())
        q.recordId = m_recordIdSpin->value();
    if (m_fromCheck->isChecked())
        q.from = m_fromEdit->dateTime();
    if (m_toCheck->isChecked())
        q.to = m_toEdit->dateTime();
    return q;
}

void AuditPage::applyFilter()
{
    m_model->reload();
    if (m_model->rowCount() > 0)
        m_table->selectRow(0);
    else
        showEvent(-1);
}

void AuditPage::showRecord(const QString &recordType, qint64 recordId)
{
    m_recordTypeEdit->setText(recordType);
    m_recordIdSpin->setValue(int(qMin<qint64>(recordId, INT_MAX)));
    refresh();
}

void AuditPage::showEvent(int row)
{
    if (row < 0 || row >= m_model->rowCount()) {
        m_beforeText->clear();
        m_afterText->clear();
        return;
    }
    m_beforeText->setPlainText(prettyJson(m_model->value(row, QStringLiteral("before"))));
    m_afterText->setPlainText(prettyJson(m_model->value(row, QStringLiteral("after"))));
}

void AuditPage::updateEmptyState()
{
    // The filters live in query(), not in the model's ListingFilter.
    const AuditQuery q = query();
    const bool filtered = !q.operatorName.isEmpty() || !q.actionPrefix.isEmpty() || !q.recordType.isEmpty()
        || q.from.isValid() || q.to.isValid();
    const QString text = filtered ? tr("No event matches these filters.") : tr("Nothing on record yet: operator actions appear here.");
    ListingTable::updateEmptyState(m_emptyState, m_model, text, text);
    const qint64 total = m_model->totalCount();
    if (total < 0)
        m_countLabel->clear();
    else
        m_countLabel->setText(tr("%n event(s)", nullptr, int(qMin<qint64>(total, INT_MAX))));
}

void AuditPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace pushdesk
