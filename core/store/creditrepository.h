#pragma once
// The send-credit pool of mini-program users (seeds 001 / 002): each credit allows a number of pushes
// until it expires; the earliest valid one is spent first; used and expired ones are pruned.
#include "domain/result.h"
#include "domain/types.h"

namespace pushdesk {
class Database;

class CreditRepository {
public:
    explicit CreditRepository(Database &db) : m_db(db) {}
    Result<qint64> add(const SendCredit &c);
    // Valid credits of kinds for (subscriber, app), earliest expiry first; subscribe grants must match templateId.
    Result<QList<SendCredit>> usable(qint64 subscriberId, qint64 appId, const QList<CreditKind> &kinds,
                                     const QString &templateId, qint64 nowMs, int limit = 5);
    Result<QList<SendCredit>> of(qint64 subscriberId);
    // Deletes used-up and expired credits. Returns how many.
    Result<int> prune(qint64 nowMs);

private:
    Database &m_db;
};

} // namespace pushdesk
