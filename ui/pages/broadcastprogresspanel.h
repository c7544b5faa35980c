#pragma once
// The live view of one running broadcast: progress against the expected number of deliveries, the
// counts, rate and ETA, a cancel button, and the failures as the engine reports them. It listens to the
// engine's queued signals and ignores other broadcasts.
#include "domain/types.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>
#include <memory>

QT_BEGIN_NAMESPACE
namespace Ui { class BroadcastProgressPanel; }
QT_END_NAMESPACE

namespace pushdesk {
class BroadcastEngine;
class FailureModel;
struct BroadcastProgress;
struct DeliveryFailure;

class BroadcastProgressPanel : public QWidget {
    Q_OBJECT
public:
    explicit BroadcastProgressPanel(QWidget *parent = nullptr);
    ~BroadcastProgressPanel() override;

    void setEngine(BroadcastEngine *engine);
    // Follows broadcastId from now on (it should be about to start, be running, or be paused).
    void watch(qint64 broadcastId, const QString &title, bool paused = false);
    qint64 broadcastId() const { return m_broadcastId; }
    bool isRunning() const { return m_running; }
    bool isPaused() const { return m_paused; }
    FailureModel *failures() const { return m_failures; }

public slots:
    void cancelBroadcast();
    void togglePause();   // pause a running broadcast, resume a paused one
    void retryFailed();

signals:
    void openLogRequested(qint64 broadcastId);
    void broadcastFinished(qint64 broadcastId, const pushdesk::Counters &counters, const QString &status);

protected:
    void changeEvent(QEvent *event) override;

private:
    void onProgress(const BroadcastProgress &p);
    void onFailure(const DeliveryFailure &f);
    void onFinished(qint64 broadcastId, const Counters &counters, const QString &status);
    void onError(qint64 broadcastId, const QString &message);
    void showCounts(const Counters &c, const QString &secondLine);
    void updateFailuresLabel();
    void updateButtons();
    void goOn(const QString &statusText); // after resume or retry: the engine runs it again

    std::unique_ptr<Ui::BroadcastProgressPanel> m_ui;
    QPointer<BroadcastEngine> m_engine;
    FailureModel *m_failures = nullptr;
    qint64 m_broadcastId = 0;
    bool m_running = false;
    bool m_paused = false;
    bool m_stopRequested = false;  // pause or cancel asked; waiting for the engine to finish the window
    qint64 m_failedCount = 0;      // failed deliveries when it last stopped
    QString m_error;
    QElapsedTimer m_clock;
    QElapsedTimer m_countsShown; // the counts' text changes relayout the window: at most a few times a second
};

} // namespace pushdesk
