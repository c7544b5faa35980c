#pragma once
#include "domain/types.h"

#include <QMetaType>
#include <QUrl>

namespace pushdesk {

struct EngineOptions {
    int concurrency = 64;        // requests in flight at most
    int managers = 8;            // network managers in the pool
    int pageSize = 128;          // audience and pending rows read per page: a page is one stretch of work on the
                                 // engine thread, and replies that arrive meanwhile wait for it
    // Results are grouped into one transaction: those that arrived together (a 0 ms timer fires once the
    // events already waiting are handled), at most flushBatch of them, or those of flushIntervalMs.
    int flushIntervalMs = 0;
    int flushBatch = 32;         // ... or as soon as this many are waiting
    // The next page is read once no reply has arrived for this long (the window's replies come in waves), or at
    // once when less than a window of rows is left.
    int readAheadQuietMs = 2;
    int progressIntervalMs = 100;
    int maxRetries = 3;
    int backoffBaseMs = 200;
    int minuteQuotaWaitMs = 60000; // 45011 ("retry next minute") is retried after this long
    int busyRetries = 5;           // WeChat's -1 ("system busy"): retried after busyBackoffBaseMs·2^n, this often
    int busyBackoffBaseMs = 1000;
    int timeoutMs = 15000;
    QUrl sandboxUrl;             // the built-in sandbox, for apps whose upstream is "sandbox"
    int pollIntervalMs = 1000;   // how often due and orphaned broadcasts are looked for
    int heartbeatIntervalMs = 1000;
    int staleOwnerMs = 10000;    // an owner silent this long is gone
    bool autoPoll = true;        // false: only start() takes work (tests of one broadcast)
};

struct BroadcastProgress {
    qint64 broadcastId = 0;
    Counters counters;
    qint64 expected = 0;          // rows expected in total (exact once the audience is fully planned)
    double ratePerSecond = 0;
    qint64 etaSeconds = -1;       // -1: unknown
    BroadcastStatus status = BroadcastStatus::Running;
};

struct DeliveryFailure {
    qint64 broadcastId = 0;
    qint64 deliveryId = 0;
    qint64 subscriberId = 0;
    QString recipient;
    Channel channel = Channel::WeChat;
    int errcode = 0;
    QString reason;
};

} // namespace pushdesk

Q_DECLARE_METATYPE(pushdesk::BroadcastProgress)
Q_DECLARE_METATYPE(pushdesk::DeliveryFailure)
