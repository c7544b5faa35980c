#pragma once
#include "domain/result.h"
#include "domain/types.h"

#include <optional>

namespace pushdesk {
class Database;

// A delivery row the engine is about to plan for a recipient.
struct PlannedDelivery {
    qint64 subscriberId = 0;
    Channel channel = Channel::WeChat;
    DeliveryState state = DeliveryState::Pending; // Pending, or Skipped / Inbox decided up front
    QString reason;
    QString inboxTitle;   // for DeliveryState::Inbox: the stored message
    QString inboxBody;
};

// A pending delivery with what the engine needs to send it.
struct DeliveryWork {
    qint64 deliveryId = 0;
    Channel channel = Channel::WeChat;
    int attempts = 0;
    Subscriber subscriber;
    Binding binding;               // as it is now: the person may have muted or unbound meanwhile
    QList<SendCredit> credits;     // mini-program: the credits to try, earliest valid first
};

// The outcome of one delivery attempt (or of a fallback chain on one row).
struct DeliveryOutcome {
    qint64 deliveryId = 0;
    DeliveryState state = DeliveryState::Sent;
    QString reason;
    int attempts = 0;
    int httpStatus = 0;
    int errcode = 0;
    QString errmsg;
    QString msgid;
    QString route;
    qint64 creditId = 0;           // the send credit spent by a sent mini-program message
    qint64 subscriberId = 0;       // with inboxTitle / inboxBody: an Inbox outcome stores the message
    qint64 appId = 0;
    QString inboxTitle;
    QString inboxBody;
    QList<qint64> deadCredits;     // credits upstream refused (41028 / 41029 / 43101): no uses left
    bool tokenFault = false;       // pending because the app's token endpoint gave no token: the broadcast pauses
    bool keychainFault = false;    // pending because the keychain could not give the channel's secret: likewise
};

// A broadcast some engine could take: due, or running under an owner that may be gone.
struct ClaimCandidate {
    qint64 id = 0;
    BroadcastStatus status = BroadcastStatus::Scheduled;
    QString owner;
    qint64 heartbeatAt = 0;
};

class BroadcastRepository {
public:
    explicit BroadcastRepository(Database &db) : m_db(db) {}
    Result<qint64> create(const Broadcast &b);
    Result<std::optional<Broadcast>> findById(qint64 id);
    Result<QList<qint64>> withStatus(BroadcastStatus status);
    Result<void> setStatus(qint64 id, BroadcastStatus status, const QString &reason = {});

    // Planning: inserts rows (ignoring ones that already exist), moves the audience cursor, and adds
    // the new rows to the broadcast's counters — all in one transaction. Returns what was added; with ids,
    // also each row's new delivery id (0 for a row that already existed), in the order of rows.
    Result<Counters> plan(qint64 broadcastId, qint64 appId, const QList<PlannedDelivery> &rows, qint64 cursor,
                     bool audienceDone, QList<qint64> *ids = nullptr);
    Result<QList<DeliveryWork>> pendingPage(qint64 broadcastId, qint64 afterDeliveryId, int limit);
    // Durably marks rows in flight before their requests leave.
    Result<void> markInFlight(const QList<qint64> &deliveryIds);
    // Durably records results and updates the counters in one transaction. The rows of `claim` are marked in
    // flight in the same transaction: the engine's next requests, as many as the results free in its window, so
    // that a group of results costs one commit instead of two.
    Result<void> record(qint64 broadcastId, const QList<DeliveryOutcome> &outcomes, const QList<qint64> &claim = {});
    // Recovery: rows left in flight by a dead process become uncertain. Returns how many.
    Result<int> markInFlightUncertain(qint64 broadcastId);
    // Recomputes the counters from the delivery rows (after recovery, or to check them).
    Result<Counters> recount(qint64 broadcastId);
    Result<QList<Delivery>> deliveries(qint64 broadcastId, std::optional<DeliveryState> state = std::nullopt,
                                       int limit = -1);

    // Ownership, so that several engines (console, workers) never run one broadcast twice.
    Result<QList<ClaimCandidate>> claimCandidates(qint64 nowMs);
    // Atomically takes the broadcast if it is still as the candidate saw it. True if taken.
    Result<bool> claim(const ClaimCandidate &c, const QString &owner, qint64 nowMs);
    // Refreshes the owner's heartbeat; returns the broadcast's status, or nullopt if another owner has it.
    Result<std::optional<BroadcastStatus>> heartbeat(qint64 id, const QString &owner, qint64 nowMs);
    // Puts failed (or uncertain) rows back to pending, except failed ones with one of exceptErrcodes, and makes the
    // broadcast due again, planning nobody new. Returns how many.
    Result<int> requeue(qint64 id, DeliveryState from, const QList<int> &exceptErrcodes = {});
    // The people whose rows are planned so far.
    Result<qint64> membersPlanned(qint64 id);
    // Makes the broadcast wait until at (invalid = due now).
    Result<void> schedule(qint64 id, const QDateTime &at, const QString &reason = {});
    // Marks every pending row skipped with reason (cancelled, app suspended …). Returns how many.
    Result<int> skipPending(qint64 id, const QString &reason);
    Result<void> setCheck(qint64 id, const QString &verdict, const QString &label, const QString &rule);
    // Messages the app had sent since sinceMs (for its daily quota).
    Result<qint64> sentSince(qint64 appId, qint64 sinceMs);
    // Whether a row of the broadcast has failed with errcode (a fault of the broadcast reported once: 47003).
    Result<bool> hasFailed(qint64 broadcastId, int errcode);

private:
    Database &m_db;
};

} // namespace pushdesk
