#pragma once
// Operator actions on a broadcast that may be run by another engine (another console, a worker):
// they are written to the database, and the owner sees them at its next heartbeat.
#include "domain/result.h"
#include "domain/types.h"

namespace pushdesk {
class Database;

class BroadcastControl {
public:
    explicit BroadcastControl(Database &db) : m_db(db) {}
    Result<BroadcastStatus> pause(qint64 id);
    Result<BroadcastStatus> resume(qint64 id);
    Result<BroadcastStatus> cancel(qint64 id);
    // Failed (or uncertain) deliveries back to pending, and the broadcast due again. Returns how many.
    Result<int> retry(qint64 id, DeliveryState from);

private:
    Result<Broadcast> load(qint64 id);
    Database &m_db;
};

} // namespace pushdesk
