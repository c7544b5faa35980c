#include "pages/dashboardpage.h"
#include "ui_dashboardpage.h"

#include "engine/broadcastengine.h"
#include "models/displaytext.h"
#include "pages/inlinemessage.h"
#include "workspace.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QEvent>
#include <QLocale>
#include <QStackedBarSeries>
#include <QValueAxis>

namespace pushdesk {

namespace {
constexpr int kRefreshDelayMs = 1000;

// The chart follows the window's palette: a dark theme for dark palettes, the palette's own base.
void applyPalette(QChart *chart, const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(palette.brush(QPalette::Base));
    chart->setTitleBrush(palette.brush(QPalette::Text));
    chart->legend()->setLabelBrush(palette.brush(QPalette::Text));
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsBrush(palette.brush(QPalette::Text));
        axis->setTitleBrush(palette.brush(QPalette::Text));
    }
}

QTableWidgetItem *cell(const QString &text, const QVariant &id = {})
{
    auto *item = new QTableWidgetItem(text);
    item->setData(Qt::UserRole, id);
    return item;
}
} // namespace

DashboardPage::DashboardPage(Workspace &ws, QWidget *parent)
    : QWidget(parent)
    , m_ws(ws)
    , m_ui(std::make_unique<Ui::DashboardPage>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("dashboardPage"));
    m_ui->deliveriesChart->setRenderHint(QPainter::Antialiasing);
    m_ui->failuresChart->setRenderHint(QPainter::Antialiasing);
    m_ui->chartsSplitter->setStretchFactor(0, 3);
    m_ui->chartsSplitter->setStretchFactor(1, 2);
    InlineMessage::clear(m_ui->messageLabel);
    m_refreshDelay.setSingleShot(true);
    m_refreshDelay.setInterval(kRefreshDelayMs);
    connect(&m_refreshDelay, &QTimer::timeout, this, &DashboardPage::refresh);
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &DashboardPage::refresh);
    connect(m_ui->liveTable, &QTableWidget::cellActivated, this, [this](int row, int) {
        if (const QTableWidgetItem *item = m_ui->liveTable->item(row, 0))
            emit broadcastRequested(item->data(Qt::UserRole).toLongLong());
    });
    connect(m_ui->appsAtRiskTable, &QTableWidget::cellActivated, this, [this](int row, int) {
        if (const QTableWidgetItem *item = m_ui->appsAtRiskTable->item(row, 0))
            emit appRequested(item->data(Qt::UserRole).toLongLong());
    });
    if (BroadcastEngine *engine = ws.engine()) {
        connect(engine, &BroadcastEngine::finished, this, [this]() {
            if (isVisible() && !m_refreshDelay.isActive())
                m_refreshDelay.start();
        });
    }
    refresh();
}

DashboardPage::~DashboardPage() = default;

void DashboardPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        showSummary();
        showTables();
        buildCharts();
    } else if (event->type() == QEvent::PaletteChange) {
        buildCharts();
    }
    QWidget::changeEvent(event);
}

void DashboardPage::refresh()
{
    m_refreshDelay.stop();
    auto snapshot = DashboardStats::load(m_ws.db(), QDateTime::currentDateTime(), QLocale().firstDayOfWeek());
    if (!snapshot) {
        InlineMessage::showError(m_ui->messageLabel, tr("Cannot read the figures: %1").arg(snapshot.error().message));
        return;
    }
    InlineMessage::clear(m_ui->messageLabel);
    m_snapshot = *snapshot;

    showSummary();
    showTables();
    buildCharts();
}

QString DashboardPage::stateCounts(const QMap<QString, qint64> &counts) const
{
    if (counts.isEmpty())
        return tr("nothing yet");
    QStringList parts;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        parts.append(tr("%1 %2", "count, state").arg(DisplayText::number(it.value()), DisplayText::label(it.key()).toLower()));
    return parts.join(QStringLiteral(" · "));
}

void DashboardPage::showSummary()
{
    m_ui->updatedLabel->setText(tr("As of %1").arg(DisplayText::dateTime(QDateTime::currentDateTime())));
    m_ui->todayValue->setText(stateCounts(m_snapshot.today));
    m_ui->weekValue->setText(stateCounts(m_snapshot.week));
    m_ui->failureRateValue->setText(tr("%1 %").arg(QLocale().toString(m_snapshot.weekFailureRate * 100, 'f', 1)));
    m_ui->openComplaintsValue->setText(m_snapshot.openComplaints == 0
                                           ? tr("none")
                                           : tr("%n open complaint(s) to review", nullptr, int(m_snapshot.openComplaints)));
}

void DashboardPage::showTables()
{
    // Filled unsorted, then sorted as the operator last clicked.
    m_ui->appsAtRiskTable->setSortingEnabled(false);
    m_ui->liveTable->setSortingEnabled(false);
    m_ui->appsAtRiskTable->setRowCount(int(m_snapshot.appsAtRisk.size()));
    for (int row = 0; row < m_snapshot.appsAtRisk.size(); ++row) {
        const AppAtRisk &a = m_snapshot.appsAtRisk[row];
        m_ui->appsAtRiskTable->setItem(row, 0, cell(a.name, a.id));
        m_ui->appsAtRiskTable->setItem(row, 1, cell(QString::number(a.creditScore)));
        m_ui->appsAtRiskTable->setItem(row, 2, cell(DisplayText::label(a.status)));
    }
    m_ui->appsAtRiskTable->setVisible(!m_snapshot.appsAtRisk.isEmpty());
    m_ui->appsAtRiskEmptyLabel->setVisible(m_snapshot.appsAtRisk.isEmpty());
    m_ui->appsAtRiskEmptyLabel->setText(tr("Every app has a credit score of %1 or more.").arg(DashboardStats::kCreditThreshold));

    m_ui->liveTable->setRowCount(int(m_snapshot.live.size()));
    for (int row = 0; row < m_snapshot.live.size(); ++row) {
        const LiveBroadcast &b = m_snapshot.live[row];
        m_ui->liveTable->setItem(row, 0, cell(tr("#%1").arg(b.id), b.id));
        m_ui->liveTable->setItem(row, 1, cell(b.appName));
        m_ui->liveTable->setItem(row, 2, cell(DisplayText::label(b.status)));
        const QString progress = b.status == toString(BroadcastStatus::Scheduled)
            ? (b.scheduledAt.isValid() ? tr("due %1").arg(DisplayText::dateTime(b.scheduledAt)) : tr("due now"))
            : tr("%1 of %2").arg(DisplayText::number(b.done), DisplayText::number(b.total));
        m_ui->liveTable->setItem(row, 3, cell(progress));
    }
    m_ui->appsAtRiskTable->setSortingEnabled(true);
    m_ui->liveTable->setSortingEnabled(true);
    m_ui->liveTable->setVisible(!m_snapshot.live.isEmpty());
    m_ui->liveEmptyLabel->setVisible(m_snapshot.live.isEmpty());
    m_ui->liveEmptyLabel->setText(tr("Nothing is running or scheduled — compose a broadcast on the Broadcasts page."));
}

void DashboardPage::buildCharts()
{
    // Deliveries per day, stacked by state.
    auto *chart = new QChart;
    chart->setTitle(tr("Deliveries, last %n day(s)", nullptr, DashboardStats::kDays));
    auto *series = new QStackedBarSeries(chart);
    const QStringList states = DashboardStats::chartStates();
    for (const QString &state : states) {
        auto *set = new QBarSet(DisplayText::label(state), series);
        set->setObjectName(state);
        for (const DayCounts &day : std::as_const(m_snapshot.days))
            set->append(double(day.byState.value(state)));
        connect(set, &QBarSet::clicked, this, [this, state](int index) { openDayState(index, state); });
        series->append(set);
    }
    chart->addSeries(series);
    QStringList days;
    for (const DayCounts &day : std::as_const(m_snapshot.days))
        days.append(day.day.toString(QStringLiteral("MM-dd"))); // short in every language
    auto *dayAxis = new QBarCategoryAxis(chart);
    dayAxis->append(days);
    dayAxis->setLabelsAngle(-45);
    chart->addAxis(dayAxis, Qt::AlignBottom);
    series->attachAxis(dayAxis);
    auto *countAxis = new QValueAxis(chart);
    countAxis->setLabelFormat(QStringLiteral("%d"));
    double highest = 0;
    for (const DayCounts &day : std::as_const(m_snapshot.days)) {
        double stacked = 0;
        for (const QString &state : states)
            stacked += double(day.byState.value(state));
        highest = qMax(highest, stacked);
    }
    countAxis->setRange(0, qMax(highest, 1.0)); // an empty axis would have no range at all
    chart->addAxis(countAxis, Qt::AlignLeft);
    series->attachAxis(countAxis);
    countAxis->applyNiceNumbers();
    chart->legend()->setAlignment(Qt::AlignBottom);
    applyPalette(chart, palette());
    QChart *old = m_ui->deliveriesChart->chart();
    m_ui->deliveriesChart->setChart(chart);
    delete old;

    // Failures by errcode over the same days.
    auto *failures = new QChart;
    failures->setTitle(tr("Failures by errcode, last %n day(s)", nullptr, DashboardStats::kDays));
    auto *bars = new QBarSeries(failures);
    auto *set = new QBarSet(tr("Failed"), bars);
    set->setObjectName(QStringLiteral("failed"));
    QStringList codes;
    if (m_snapshot.failures.isEmpty())
        set->append(0);
    for (const ErrcodeCount &e : std::as_const(m_snapshot.failures)) {
        set->append(double(e.rows));
        codes.append(e.errcode == 0 ? tr("none (network)") : QString::number(e.errcode));
    }
    connect(set, &QBarSet::clicked, this, &DashboardPage::openErrcode);
    bars->append(set);
    failures->addSeries(bars);
    auto *codeAxis = new QBarCategoryAxis(failures);
    codeAxis->append(codes.isEmpty() ? QStringList{tr("no failures")} : codes);
    failures->addAxis(codeAxis, Qt::AlignBottom);
    bars->attachAxis(codeAxis);
    auto *failAxis = new QValueAxis(failures);
    failAxis->setLabelFormat(QStringLiteral("%d"));
    double most = 1;
    for (const ErrcodeCount &e : std::as_const(m_snapshot.failures))
        most = qMax(most, double(e.rows));
    failAxis->setRange(0, most);
    failures->addAxis(failAxis, Qt::AlignLeft);
    bars->attachAxis(failAxis);
    failAxis->applyNiceNumbers();
    failures->legend()->hide();
    applyPalette(failures, palette());
    old = m_ui->failuresChart->chart();
    m_ui->failuresChart->setChart(failures);
    delete old;
}

void DashboardPage::openDayState(int day, const QString &state)
{
    if (day < 0 || day >= m_snapshot.days.size())
        return;
    DeliveryLogFilter f;
    f.state = state;
    f.from = m_snapshot.days[day].from;
    f.to = m_snapshot.days[day].to;
    emit sendLogFilterRequested(f);
}

void DashboardPage::openErrcode(int index)
{
    if (index < 0 || index >= m_snapshot.failures.size() || m_snapshot.days.isEmpty())
        return;
    DeliveryLogFilter f;
    f.state = toString(DeliveryState::Failed);
    f.hasErrcode = true;
    f.errcode = m_snapshot.failures[index].errcode;
    f.from = m_snapshot.days.first().from;
    f.to = m_snapshot.days.last().to;
    emit sendLogFilterRequested(f);
}

} // namespace pushdesk
