#include "pages/broadcastprogresspanel.h"
#include "ui_broadcastprogresspanel.h"

#include "engine/broadcastengine.h"
#include "models/displaytext.h"
#include "models/failuremodel.h"
#include "pages/inlinemessage.h"

#include <QEvent>
#include <QHeaderView>
#include <QLocale>

#include <limits>

namespace pushdesk {

namespace {
constexpr qint64 kCountsEveryMs = 250;
} // namespace

BroadcastProgressPanel::BroadcastProgressPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::BroadcastProgressPanel>())
{
    m_ui->setupUi(this);
    m_failures = new FailureModel(this);
    m_ui->failuresTable->setModel(m_failures);
    m_ui->failuresTable->horizontalHeader()->setSectionResizeMode(FailureModel::RecipientColumn, QHeaderView::ResizeToContents);
    m_ui->failuresTable->horizontalHeader()->setSectionResizeMode(FailureModel::ChannelColumn, QHeaderView::ResizeToContents);
    m_ui->failuresTable->horizontalHeader()->setSectionResizeMode(FailureModel::ErrcodeColumn, QHeaderView::ResizeToContents);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &BroadcastProgressPanel::cancelBroadcast);
    connect(m_ui->pauseButton, &QPushButton::clicked, this, &BroadcastProgressPanel::togglePause);
    connect(m_ui->retryButton, &QPushButton::clicked, this, &BroadcastProgressPanel::retryFailed);
    connect(m_ui->openLogButton, &QPushButton::clicked, this, [this]() {
        if (m_broadcastId != 0)
            emit openLogRequested(m_broadcastId);
    });

    m_ui->runTitleLabel->setText(tr("Nothing is being sent."));
    InlineMessage::showInfo(m_ui->runStatusLabel, tr("Compose a broadcast and press Send: its progress shows here."));
    m_ui->progressBar->setRange(0, 1);
    m_ui->progressBar->setValue(0);
    m_ui->countsLabel->clear();
    updateButtons();
    updateFailuresLabel();
}

BroadcastProgressPanel::~BroadcastProgressPanel() = default;

void BroadcastProgressPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        // The labels set in code keep their text until the next update; the buttons and headers change now.
        const QString title = m_ui->runTitleLabel->text();
        const QString counts = m_ui->countsLabel->text();
        const QString status = m_ui->runStatusLabel->text();
        const bool error = InlineMessage::isError(m_ui->runStatusLabel);
        m_ui->retranslateUi(this);
        m_ui->runTitleLabel->setText(m_broadcastId == 0 ? tr("Nothing is being sent.") : title);
        m_ui->countsLabel->setText(counts);
        if (m_broadcastId == 0)
            InlineMessage::showInfo(m_ui->runStatusLabel, tr("Compose a broadcast and press Send: its progress shows here."));
        else if (error)
            InlineMessage::showError(m_ui->runStatusLabel, status);
        else
            InlineMessage::showInfo(m_ui->runStatusLabel, status);
        emit m_failures->headerDataChanged(Qt::Horizontal, 0, FailureModel::ColumnCount - 1);
        updateButtons();
        updateFailuresLabel();
    }
    QWidget::changeEvent(event);
}

void BroadcastProgressPanel::setEngine(BroadcastEngine *engine)
{
    if (m_engine)
        disconnect(m_engine, nullptr, this, nullptr);
    m_engine = engine;
    if (!engine)
        return;
    connect(engine, &BroadcastEngine::progress, this, &BroadcastProgressPanel::onProgress);
    connect(engine, &BroadcastEngine::deliveryFailed, this, &BroadcastProgressPanel::onFailure);
    connect(engine, &BroadcastEngine::finished, this, &BroadcastProgressPanel::onFinished);
    connect(engine, &BroadcastEngine::broadcastError, this, &BroadcastProgressPanel::onError);
}

void BroadcastProgressPanel::watch(qint64 broadcastId, const QString &title, bool paused)
{
    m_broadcastId = broadcastId;
    m_running = !paused;
    m_paused = paused;
    m_stopRequested = false;
    m_failedCount = 0;
    m_error.clear();
    m_clock.start();
    m_countsShown.invalidate();
    m_failures->clear();
    m_ui->runTitleLabel->setText(title);
    InlineMessage::showInfo(m_ui->runStatusLabel, paused ? tr("Paused: press Resume to go on where it stopped.") : tr("Starting…"));
    m_ui->progressBar->setRange(0, 1);
    m_ui->progressBar->setValue(0);
    showCounts(Counters{}, QString());
    updateButtons();
    updateFailuresLabel();
}

void BroadcastProgressPanel::updateButtons()
{
    const bool watching = m_broadcastId != 0 && m_engine;
    m_ui->pauseButton->setText(m_paused ? tr("&Resume") : tr("&Pause"));
    m_ui->pauseButton->setEnabled(watching && !m_stopRequested && (m_running || m_paused));
    m_ui->cancelButton->setEnabled(watching && !m_stopRequested && (m_running || m_paused));
    m_ui->retryButton->setEnabled(watching && !m_running && !m_paused && m_failedCount > 0);
    m_ui->openLogButton->setEnabled(m_broadcastId != 0);
}

void BroadcastProgressPanel::cancelBroadcast()
{
    if (!m_engine || (!m_running && !m_paused))
        return;
    m_engine->cancel(m_broadcastId);
    m_stopRequested = true;
    updateButtons();
    InlineMessage::showInfo(m_ui->runStatusLabel, tr("Cancelling… requests already on their way finish first."));
}

void BroadcastProgressPanel::togglePause()
{
    if (!m_engine)
        return;
    if (m_paused) {
        m_engine->resume(m_broadcastId);
        goOn(tr("Resuming…"));
    } else if (m_running) {
        m_engine->pause(m_broadcastId);
        m_stopRequested = true;
        updateButtons();
        InlineMessage::showInfo(m_ui->runStatusLabel, tr("Pausing… requests already on their way finish first."));
    }
}

void BroadcastProgressPanel::retryFailed()
{
    if (!m_engine || m_running || m_failedCount == 0)
        return;
    m_engine->retryFailed(m_broadcastId);
    m_failures->clear(); // they are being tried again; new failures come back through the engine
    updateFailuresLabel();
    goOn(tr("Retrying %n failed delivery(s)…", nullptr, int(qMin<qint64>(m_failedCount, std::numeric_limits<int>::max()))));
}

void BroadcastProgressPanel::goOn(const QString &statusText)
{
    m_running = true;
    m_paused = false;
    m_stopRequested = false;
    m_error.clear();
    m_clock.start();
    m_countsShown.invalidate();
    InlineMessage::showInfo(m_ui->runStatusLabel, statusText);
    updateButtons();
}

void BroadcastProgressPanel::onProgress(const BroadcastProgress &p)
{
    if (p.broadcastId != m_broadcastId || !m_running)
        return;
    const qint64 done = p.counters.done();
    const qint64 expected = qMax(p.expected, done);
    // QProgressBar takes int; beyond that the bar shows per-mille instead.
    const bool huge = expected > std::numeric_limits<int>::max();
    m_ui->progressBar->setRange(0, huge ? 1000 : int(qMax<qint64>(expected, 1)));
    m_ui->progressBar->setValue(huge ? int(done * 1000 / expected) : int(done));
    // The labels' text changes make the whole window lay out and repaint again (30–40 ms on a busy core
    // at 10 progress signals a second, bench/scale.sh): "Sending…" is set only when it is not shown
    // already (setting it restyles the label), the counts at most every kCountsEveryMs; the bar every time.
    const QString sending = tr("Sending…");
    if (!m_stopRequested && !InlineMessage::isError(m_ui->runStatusLabel)
        && (m_ui->runStatusLabel->text() != sending || !m_ui->runStatusLabel->isVisibleTo(this)))
        InlineMessage::showInfo(m_ui->runStatusLabel, sending);
    if (m_countsShown.isValid() && m_countsShown.elapsed() < kCountsEveryMs)
        return;
    m_countsShown.start();
    const QString rate = tr("%1 per second · about %2 left")
                             .arg(QLocale().toString(p.ratePerSecond, 'f', 0), DisplayText::duration(p.etaSeconds));
    showCounts(p.counters, rate);
}

void BroadcastProgressPanel::onFailure(const DeliveryFailure &f)
{
    if (f.broadcastId != m_broadcastId)
        return;
    m_failures->append(f);
    updateFailuresLabel();
}

void BroadcastProgressPanel::onFinished(qint64 broadcastId, const Counters &counters, const QString &status)
{
    if (broadcastId != m_broadcastId || (!m_running && !m_paused))
        return;
    m_running = false;
    m_stopRequested = false;
    m_paused = status == toString(BroadcastStatus::Paused);
    m_failedCount = counters.failed;
    updateButtons();
    const qint64 done = counters.done();
    const qint64 total = qMax(counters.total, done);
    const bool huge = total > std::numeric_limits<int>::max();
    if (total == 0) {
        m_ui->progressBar->setRange(0, 1);
        m_ui->progressBar->setValue(status == toString(BroadcastStatus::Finished) ? 1 : 0);
    } else {
        m_ui->progressBar->setRange(0, huge ? 1000 : int(total));
        m_ui->progressBar->setValue(huge ? int(done * 1000 / total) : int(done));
    }
    showCounts(counters, tr("Took %1.").arg(DisplayText::duration(m_clock.elapsed() / 1000)));
    const QString label = DisplayText::label(status);
    if (status == toString(BroadcastStatus::Failed))
        InlineMessage::showError(m_ui->runStatusLabel, m_error.isEmpty() ? tr("%1.").arg(label) : tr("%1: %2").arg(label, m_error));
    else if (m_paused)
        InlineMessage::showInfo(m_ui->runStatusLabel, tr("Paused: press Resume to go on where it stopped."));
    else if (total == 0)
        InlineMessage::showInfo(m_ui->runStatusLabel, tr("%1 — nobody was in the audience.").arg(label));
    else
        InlineMessage::showInfo(m_ui->runStatusLabel, tr("%1.").arg(label));
    emit broadcastFinished(broadcastId, counters, status);
}

void BroadcastProgressPanel::onError(qint64 broadcastId, const QString &message)
{
    if (broadcastId != m_broadcastId && broadcastId != 0)
        return;
    m_error = message;
    InlineMessage::showError(m_ui->runStatusLabel, message);
}

void BroadcastProgressPanel::showCounts(const Counters &c, const QString &secondLine)
{
    const QString counts = tr("%1 sent · %2 to inbox · %3 skipped · %4 failed · %5 uncertain")
                               .arg(DisplayText::number(c.sent), DisplayText::number(c.inbox), DisplayText::number(c.skipped),
                                    DisplayText::number(c.failed), DisplayText::number(c.uncertain));
    m_ui->countsLabel->setText(secondLine.isEmpty() ? counts : tr("%1\n%2", "counts, then rate or duration").arg(counts, secondLine));
}

void BroadcastProgressPanel::updateFailuresLabel()
{
    const int shown = m_failures->rowCount();
    if (m_failures->dropped() > 0)
        m_ui->failuresLabel->setText(tr("Failures: the first %n are shown; the Send log has all of them.", nullptr, shown));
    else if (shown == 0)
        m_ui->failuresLabel->setText(tr("Failures: none."));
    else
        m_ui->failuresLabel->setText(tr("Failures: %n", nullptr, shown));
}

} // namespace pushdesk
