#pragma once
// The console's and the command line's handle on the engine: owns the worker thread and talks to the
// worker only through queued signals and slots.
#include "engine/engineoptions.h"
#include "store/database.h"

#include <QObject>
#include <QThread>
#include <memory>

namespace pushdesk {
class BroadcastWorker;
class SecretStore;

class BroadcastEngine : public QObject {
    Q_OBJECT
public:
    BroadcastEngine(const DatabaseConfig &db, const EngineOptions &options, std::shared_ptr<SecretStore> secrets,
                    QObject *parent = nullptr);
    ~BroadcastEngine() override;

    void start(qint64 broadcastId);   // a due broadcast: take it now rather than at the next poll
    // This engine runs this broadcast and no other, however much else is due (pushdesk send).
    void runOnly(qint64 broadcastId);
    void pause(qint64 broadcastId);
    void resume(qint64 broadcastId);
    void cancel(qint64 broadcastId);
    void retryFailed(qint64 broadcastId);      // re-drives only the failed deliveries
    void resendUncertain(qint64 broadcastId);  // an explicit operator decision, never automatic
    void release();                             // drain, leave the running broadcast due; emits released()
    void setOperatorName(const QString &name);  // recorded in the audit log for the actions above

signals:
    void progress(const pushdesk::BroadcastProgress &p);
    void deliveryFailed(const pushdesk::DeliveryFailure &f);
    void finished(qint64 broadcastId, const pushdesk::Counters &counters, const QString &status);
    void broadcastError(qint64 broadcastId, const QString &message);
    void idle(); // nothing running, nothing due
    // After runOnly(): the broadcast is not, or no longer, this engine's to run (ended, paused, held, not due).
    void onlyGone(qint64 broadcastId);
    void released();

private:
    QThread m_thread;
    BroadcastWorker *m_worker = nullptr;
};

} // namespace pushdesk
