#pragma once
// Operator actions on a broadcast that may be run by another engine (another console, a worker):
// they are written to the database, and the owner sees them at its next heartbeat.
#include "domain/result.h"
#include "domain/types.h"

#include <QJsonObject>

namespace pushdesk {
class Database;

class BroadcastControl {
public:
    // operatorName: who the audit log records (empty: the system user running the process).
    explicit BroadcastControl(Database &db, QString operatorName = {});
    Result<BroadcastStatus> pause(qint64 id);
    // Resuming a broadcast held by the content check is the operator's approval of its text.
    Result<BroadcastStatus> resume(qint64 id);
    Result<BroadcastStatus> cancel(qint64 id);
    // Failed (or uncertain) deliveries back to pending, and the broadcast due again. Returns how many.
    Result<int> retry(qint64 id, DeliveryState from);

private:
    Result<Broadcast> load(qint64 id);
    void audit(const QString &action, const Broadcast &before, const QJsonObject &after);
    Database &m_db;
    QString m_operator;
};

} // namespace pushdesk
