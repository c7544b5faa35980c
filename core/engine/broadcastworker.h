#pragma once
// The engine: a QObject that lives on its own QThread with its own database connection and network
// managers. It takes due broadcasts (and ones whose engine died) from the database, runs one at a time
// page by page with a bounded window of requests, and writes every result in grouped transactions
// before counting it. Several engines (console, workers) can share a database: a broadcast has one
// owner, kept alive by a heartbeat.
#include "engine/engineoptions.h"
#include "store/broadcastrepository.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <functional>
#include <memory>

class QThreadPool;

namespace pushdesk {
class Database;
class NetworkPool;
class WalCheckpointer;
class SecretStore;
class BroadcastControl;
struct DatabaseConfig;
struct ContentVerdict;

class BroadcastWorker : public QObject {
    Q_OBJECT
public:
    BroadcastWorker(const DatabaseConfig &db, EngineOptions options, std::shared_ptr<SecretStore> secrets);
    ~BroadcastWorker() override;

public slots:
    void init();                       // in the worker thread: opens the connection and the managers
    void poll();                       // takes the next due or orphaned broadcast, if any
    void start(qint64 broadcastId);    // the broadcast is due: take it now
    void pause(qint64 broadcastId);
    void resume(qint64 broadcastId);
    void cancel(qint64 broadcastId);
    void retry(qint64 broadcastId, int fromState); // DeliveryState::Failed or ::Uncertain back to pending
    void runOnly(qint64 broadcastId);  // this engine runs this broadcast and no other (pushdesk send)
    void release();                    // drain the window, leave the broadcast due, then emit released()
    void setOperatorName(const QString &name);
    void shutdown();                   // in the worker thread, before it quits

signals:
    void progress(const pushdesk::BroadcastProgress &p);
    void deliveryFailed(const pushdesk::DeliveryFailure &f);
    void finished(qint64 broadcastId, const pushdesk::Counters &counters, const QString &status);
    void broadcastError(qint64 broadcastId, const QString &message);
    void idle();                       // nothing running, nothing due
    void onlyGone(qint64 broadcastId); // runOnly(): the broadcast is not, or no longer, this engine's to run
    void released();

private:
    struct Run;
    Result<void> begin(qint64 broadcastId);
    void checkContent(const QString &token, bool tokenRetried, int attempt);
    // When the content check is asked again after an answer that let it decide nothing; -1: not (a token error is
    // refreshed instead, and an errcode that no retry changes holds the broadcast at once).
    int contentCheckRetryDelay(const ContentVerdict &v, int attempt) const;
    void audit(const QString &action, qint64 broadcastId, const QJsonObject &after = {});
    bool ownerIsGone(const ClaimCandidate &c, qint64 nowMs) const;
    void beat();
    void pump();
    Result<bool> refill();
    Result<int> planNextPage(bool enqueue); // enqueue: its pending rows join the queue; returns how many
    int room(int inFlight, qint64 sentToday) const;
    QList<DeliveryWork> takeBatch(int inFlight, qint64 sentToday);
    void scheduleReadAhead();
    void readAhead();
    void startJobs(QList<DeliveryWork> batch);
    void onOutcome(const DeliveryOutcome &o, qint64 subscriberId, const QString &recipient, Channel channel);
    void flush();
    void emitProgress(bool force = false);
    void end(BroadcastStatus status, const QString &reason = {});
    void abortRun(const QString &message);
    // No access token could be had (at the start, for the content check or mid-run): paused with the reason.
    void pauseForToken(const QString &message);
    static QString tokenPauseReason(const QString &message);
    // Why an outcome sent back to pending pauses the whole broadcast (no token, quota spent, the app's setup); empty: it does not.
    static QString pauseReason(const DeliveryOutcome &o);
    void stopRun(BroadcastStatus as, const QString &message); // ends the run now, with the reason reported
    void control(qint64 id, const std::function<Result<BroadcastStatus>(BroadcastControl &)> &action);

    std::unique_ptr<DatabaseConfig> m_dbConfig;
    EngineOptions m_options;
    std::shared_ptr<SecretStore> m_secrets;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<WalCheckpointer> m_checkpointer; // SQLite: takes m_db's checkpoints off this thread
    std::unique_ptr<NetworkPool> m_pool;
    std::unique_ptr<QThreadPool> m_blocking;
    std::unique_ptr<Run> m_run;
    QString m_owner;                  // host:pid:nonce
    bool m_releasing = false;
    qint64 m_only = 0;                 // > 0: runOnly()
    QString m_operator;               // who the console's actions are recorded for
    int m_polls = 0;
    QTimer m_flushTimer{this};        // children, so they move to the worker thread with it
    QTimer m_readAheadTimer{this};
    QTimer m_progressTimer{this};
    QTimer m_pollTimer{this};
    QTimer m_heartbeatTimer{this};
};

} // namespace pushdesk
