#include "store/creditrepository.h"

#include "store/database.h"

#include <QSqlQuery>

namespace pushdesk {

namespace {
SendCredit creditFrom(const QSqlQuery &q)
{
    SendCredit c;
    c.id = q.value(0).toLongLong();
    c.subscriberId = q.value(1).toLongLong();
    c.appId = q.value(2).toLongLong();
    fromString(q.value(3).toString(), &c.kind);
    c.credit = q.value(4).toString();
    c.templateId = q.value(5).toString();
    c.usesLeft = q.value(6).toInt();
    c.expiresAt = fromMsecs(q.value(7).toLongLong());
    return c;
}
const QString kColumns = QStringLiteral("id, subscriber_id, app_id, kind, credit, template_id, uses_left, expires_at");
} // namespace

Result<qint64> CreditRepository::add(const SendCredit &c)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("INSERT INTO send_credits (subscriber_id, app_id, kind, credit, template_id, uses_left, "
                             "expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    q.addBindValue(c.subscriberId);
    q.addBindValue(c.appId);
    q.addBindValue(toString(c.kind));
    q.addBindValue(c.credit);
    q.addBindValue(c.templateId);
    q.addBindValue(c.usesLeft);
    q.addBindValue(toMsecs(c.expiresAt));
    q.addBindValue(nowMsecs());
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

Result<QList<SendCredit>> CreditRepository::usable(qint64 subscriberId, qint64 appId, const QList<CreditKind> &kinds,
                                                   const QString &templateId, qint64 nowMs, int limit)
{
    QStringList names;
    for (auto k : kinds)
        names.append(QStringLiteral("'%1'").arg(toString(k))); // our own enum names
    QSqlQuery q(m_db.db());
    // Earliest expiry first; credits without expiry (subscribe grants) after the ones that expire.
    q.prepare(QStringLiteral("SELECT %1 FROM send_credits WHERE subscriber_id = ? AND app_id = ? AND kind IN (%2) "
                             "AND uses_left > 0 AND (expires_at = 0 OR expires_at > ?) "
                             "AND (kind <> 'subscribe' OR template_id = ?) "
                             "ORDER BY CASE WHEN expires_at = 0 THEN 1 ELSE 0 END, expires_at, id LIMIT ?")
                  .arg(kColumns, names.join(QStringLiteral(", "))));
    q.addBindValue(subscriberId);
    q.addBindValue(appId);
    q.addBindValue(nowMs);
    q.addBindValue(templateId);
    q.addBindValue(limit);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    QList<SendCredit> out;
    while (q.next())
        out.append(creditFrom(q));
    return out;
}

Result<QList<SendCredit>> CreditRepository::of(qint64 subscriberId)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT %1 FROM send_credits WHERE subscriber_id = ? ORDER BY app_id, expires_at, id").arg(kColumns));
    q.addBindValue(subscriberId);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    QList<SendCredit> out;
    while (q.next())
        out.append(creditFrom(q));
    return out;
}

Result<int> CreditRepository::prune(qint64 nowMs)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("DELETE FROM send_credits WHERE uses_left <= 0 OR (expires_at > 0 AND expires_at <= ?)"));
    q.addBindValue(nowMs);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    return q.numRowsAffected();
}

} // namespace pushdesk
