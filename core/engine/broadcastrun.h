#pragma once
// The state of the broadcast a BroadcastWorker is running (private to the engine).
#include "engine/broadcastworker.h"
#include "engine/deliveryjob.h"
#include "engine/ratelimiter.h"
#include "engine/tokencache.h"
#include "policy/contentcheck.h"

#include <QElapsedTimer>
#include <QHash>
#include <deque>

namespace pushdesk {

struct BroadcastWorker::Run {
    Broadcast broadcast;
    App app;
    Template tmpl;
    QHash<QString, QString> variables;
    SendContext ctx;
    std::unique_ptr<TokenCache> tokens;
    std::unique_ptr<RateLimiter> limiter;
    std::unique_ptr<ContentCheck> contentCheck;
    std::deque<DeliveryWork> queue;
    bool drained = false;               // the audience is planned and no pending row is left to read
    qint64 lastDeliveryId = 0;
    qint64 audienceMembers = 0;         // bindings in the audience when the run began
    qint64 membersPlanned = 0;          // ... of which are planned (by this run and earlier ones)
    int inFlight = 0;                   // claimed rows whose results are not yet durable
    QList<DeliveryOutcome> results;
    QList<DeliveryFailure> failures;
    Counters counters;
    QElapsedTimer clock;
    qint64 doneAtStart = 0;
    bool changed = true;
    bool ready = false;                 // the access token answered: the upstream is reachable
    // Stopping: the run claims nothing more and ends as stopAs once the window drains.
    bool stopping = false;
    BroadcastStatus stopAs = BroadcastStatus::Paused;
    QString stopReason;
    QDateTime resumeAt;                 // for a daily-quota stop: when it may go on
    bool ownershipLost = false;         // another engine owns it now: end without writing
    bool templateFaultReported = false; // 47003 is reported once per broadcast
    // Channels whose secret (webhook secret, SMTP or Bark password) the keychain could not give when the run began,
    // with its error: their rows wait (pending) and the broadcast pauses, rather than going out without it.
    QHash<Channel, QString> keychainErrors;
    qint64 dailyQuota = 0;              // 0 = unlimited
    qint64 sentToday = 0;
};

} // namespace pushdesk
