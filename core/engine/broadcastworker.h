#pragma once
// The engine: a QObject that lives on its own QThread with its own database connection and network
// managers. It runs one broadcast at a time (others wait in order), page by page, with a bounded
// window of requests, and writes every result in grouped transactions before counting it.
#include "engine/engineoptions.h"
#include "store/broadcastrepository.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QQueue>
#include <QTimer>
#include <deque>
#include <memory>

namespace pushdesk {
class Database;
class NetworkPool;
class SecretStore;
class TokenCache;
struct DatabaseConfig;
struct SendContext;

class BroadcastWorker : public QObject {
    Q_OBJECT
public:
    BroadcastWorker(const DatabaseConfig &db, EngineOptions options, std::shared_ptr<SecretStore> secrets);
    ~BroadcastWorker() override;

public slots:
    void init();                       // in the worker thread: opens the connection and the managers
    void start(qint64 broadcastId);
    void cancel(qint64 broadcastId);
    void shutdown();                   // in the worker thread, before it quits

signals:
    void progress(const pushdesk::BroadcastProgress &p);
    void deliveryFailed(const pushdesk::DeliveryFailure &f);
    void finished(qint64 broadcastId, const pushdesk::Counters &counters, const QString &status);
    void broadcastError(qint64 broadcastId, const QString &message);

private:
    struct Run;
    void next();
    Result<void> begin(qint64 broadcastId);
    void pump();
    Result<bool> refill();
    Result<void> planNextPage();
    void onOutcome(const DeliveryOutcome &o, qint64 subscriberId, const QString &recipient, Channel channel);
    void flush();
    void emitProgress(bool force = false);
    void end(BroadcastStatus status, const QString &reason = {});
    void abortRun(const QString &message);

    std::unique_ptr<DatabaseConfig> m_dbConfig;
    EngineOptions m_options;
    std::shared_ptr<SecretStore> m_secrets;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<NetworkPool> m_pool;
    QQueue<qint64> m_waiting;
    std::unique_ptr<Run> m_run;
    QTimer m_flushTimer{this};    // children, so they move to the worker thread with it
    QTimer m_progressTimer{this};
};

} // namespace pushdesk
