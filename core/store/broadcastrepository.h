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
};

class BroadcastRepository {
public:
    explicit BroadcastRepository(Database &db) : m_db(db) {}
    Result<qint64> create(const Broadcast &b);
    Result<std::optional<Broadcast>> findById(qint64 id);
    Result<QList<qint64>> withStatus(BroadcastStatus status);
    Result<void> setStatus(qint64 id, BroadcastStatus status, const QString &reason = {});

    // Planning: inserts rows (ignoring ones that already exist), moves the audience cursor, and adds
    // the new rows to the broadcast's counters — all in one transaction. Returns what was added.
    Result<Counters> plan(qint64 broadcastId, qint64 appId, const QList<PlannedDelivery> &rows, qint64 cursor,
                     bool audienceDone);
    Result<QList<DeliveryWork>> pendingPage(qint64 broadcastId, qint64 afterDeliveryId, int limit);
    // Durably marks rows in flight before their requests leave.
    Result<void> markInFlight(const QList<qint64> &deliveryIds);
    // Durably records results and updates the counters in one transaction.
    Result<void> record(qint64 broadcastId, const QList<DeliveryOutcome> &outcomes);
    // Recovery: rows left in flight by a dead process become uncertain. Returns how many.
    Result<int> markInFlightUncertain(qint64 broadcastId);
    // Recomputes the counters from the delivery rows (after recovery, or to check them).
    Result<Counters> recount(qint64 broadcastId);
    Result<QList<Delivery>> deliveries(qint64 broadcastId, std::optional<DeliveryState> state = std::nullopt,
                                       int limit = -1);

private:
    Database &m_db;
};

} // namespace pushdesk
