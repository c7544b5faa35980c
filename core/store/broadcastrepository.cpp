#include "store/broadcastrepository.h"

#include "domain/reasontext.h"
#include "store/database.h"
#include "store/subscriberrepository.h"

#include <limits>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace pushdesk {

namespace {
const QString kBroadcastColumns = QStringLiteral(
    "id, app_id, template_id, variables, audience, status, status_reason, scheduled_at, created_at, started_at, "
    "finished_at, created_by, audience_cursor, audience_done, total, sent, inbox, skipped, failed, uncertain, "
    "check_verdict, check_label, check_rule");

Broadcast broadcastFrom(const QSqlQuery &q)
{
    Broadcast b;
    b.id = q.value(0).toLongLong();
    b.appId = q.value(1).toLongLong();
    b.templateId = q.value(2).toLongLong();
    b.variables = QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object().toVariantMap();
    Audience::decode(q.value(4).toString(), &b.audience);
    fromString(q.value(5).toString(), &b.status);
    b.statusReason = q.value(6).toString();
    b.scheduledAt = fromMsecs(q.value(7).toLongLong());
    b.createdAt = fromMsecs(q.value(8).toLongLong());
    b.startedAt = fromMsecs(q.value(9).toLongLong());
    b.finishedAt = fromMsecs(q.value(10).toLongLong());
    b.createdBy = q.value(11).toString();
    b.audienceCursor = q.value(12).toLongLong();
    b.audienceDone = q.value(13).toInt() != 0;
    b.counters.total = q.value(14).toLongLong();
    b.counters.sent = q.value(15).toLongLong();
    b.counters.inbox = q.value(16).toLongLong();
    b.counters.skipped = q.value(17).toLongLong();
    b.counters.failed = q.value(18).toLongLong();
    b.counters.uncertain = q.value(19).toLongLong();
    b.checkVerdict = q.value(20).toString();
    b.checkLabel = q.value(21).toString();
    b.checkRule = q.value(22).toString();
    return b;
}

void addTo(Counters &c, DeliveryState s, qint64 n)
{
    switch (s) {
    case DeliveryState::Sent: c.sent += n; break;
    case DeliveryState::Inbox: c.inbox += n; break;
    case DeliveryState::Skipped: c.skipped += n; break;
    case DeliveryState::Failed: c.failed += n; break;
    case DeliveryState::Uncertain: c.uncertain += n; break;
    case DeliveryState::Pending:
    case DeliveryState::InFlight: c.pending += n; break;
    }
}

Result<void> addCounters(Database &db, qint64 broadcastId, const Counters &d, qint64 total)
{
    QSqlQuery &q = db.statement(QStringLiteral("UPDATE broadcasts SET total = total + ?, sent = sent + ?, inbox = inbox + ?, "
                                               "skipped = skipped + ?, failed = failed + ?, uncertain = uncertain + ? WHERE id = ?"));
    q.bindValue(0, total);
    q.bindValue(1, d.sent);
    q.bindValue(2, d.inbox);
    q.bindValue(3, d.skipped);
    q.bindValue(4, d.failed);
    q.bindValue(5, d.uncertain);
    q.bindValue(6, broadcastId);
    return exec(q);
}
} // namespace

Result<qint64> BroadcastRepository::create(const Broadcast &b)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("INSERT INTO broadcasts (app_id, template_id, variables, audience, status, scheduled_at, "
                             "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    q.addBindValue(b.appId);
    q.addBindValue(b.templateId);
    q.addBindValue(QString::fromUtf8(QJsonDocument(QJsonObject::fromVariantMap(b.variables)).toJson(QJsonDocument::Compact)));
    q.addBindValue(b.audience.encode());
    q.addBindValue(toString(b.status));
    q.addBindValue(toMsecs(b.scheduledAt));
    q.addBindValue(nowMsecs());
    q.addBindValue(b.createdBy);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

Result<std::optional<Broadcast>> BroadcastRepository::findById(qint64 id)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT %1 FROM broadcasts WHERE id = ?").arg(kBroadcastColumns));
    q.addBindValue(id);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    if (!q.next())
        return std::optional<Broadcast>();
    return std::optional<Broadcast>(broadcastFrom(q));
}

Result<QList<qint64>> BroadcastRepository::withStatus(BroadcastStatus status)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT id FROM broadcasts WHERE status = ? ORDER BY id"));
    q.addBindValue(toString(status));
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    QList<qint64> out;
    while (q.next())
        out.append(q.value(0).toLongLong());
    return out;
}

Result<void> BroadcastRepository::setStatus(qint64 id, BroadcastStatus status, const QString &reason)
{
    QSqlQuery q(m_db.db());
    const bool starting = status == BroadcastStatus::Running;
    const bool ending = status == BroadcastStatus::Finished || status == BroadcastStatus::Cancelled
                        || status == BroadcastStatus::Failed;
    q.prepare(QStringLiteral("UPDATE broadcasts SET status = ?, status_reason = ?, "
                             "started_at = CASE WHEN ? AND started_at = 0 THEN ? ELSE started_at END, "
                             "finished_at = CASE WHEN ? THEN ? ELSE finished_at END WHERE id = ?"));
    q.addBindValue(toString(status));
    q.addBindValue(reason);
    q.addBindValue(starting);
    q.addBindValue(nowMsecs());
    q.addBindValue(ending);
    q.addBindValue(nowMsecs());
    q.addBindValue(id);
    return exec(q);
}

// Inside a transaction: the message a muted or weak-reminder person finds in the app instead of a push.
static Result<void> addInboxMessage(Database &db, qint64 subscriberId, qint64 appId, qint64 broadcastId,
                                    const QString &title, const QString &body, qint64 now)
{
    QSqlQuery &q = db.statement(QStringLiteral("INSERT INTO inbox_messages (subscriber_id, app_id, broadcast_id, "
                                               "title, body, created_at) VALUES (?, ?, ?, ?, ?, ?)"));
    q.bindValue(0, subscriberId);
    q.bindValue(1, appId);
    q.bindValue(2, broadcastId);
    q.bindValue(3, title);
    q.bindValue(4, body);
    q.bindValue(5, now);
    return exec(q);
}

Result<Counters> BroadcastRepository::plan(qint64 broadcastId, qint64 appId, const QList<PlannedDelivery> &rows,
                                      qint64 cursor, bool audienceDone, QList<qint64> *ids)
{
    int inserted = 0;
    Counters delta;
    QList<qint64> newIds;
    newIds.reserve(rows.size());
    auto r = m_db.transaction([&]() -> Result<void> {
        // app_id: the broadcast's app, copied so that the Send log's app filter reads an index (schema v3).
        // RETURNING gives the new row's id (SQLite 3.35 and PostgreSQL), and no row when it already existed.
        QSqlQuery &q = m_db.statement(QStringLiteral(
            "INSERT INTO deliveries (broadcast_id, subscriber_id, channel, state, reason, created_at, updated_at, "
            "app_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (broadcast_id, subscriber_id, channel) DO NOTHING "
            "RETURNING id"));
        const qint64 now = nowMsecs();
        for (const auto &row : rows) {
            q.bindValue(0, broadcastId);
            q.bindValue(1, row.subscriberId);
            q.bindValue(2, toString(row.channel));
            q.bindValue(3, toString(row.state));
            q.bindValue(4, row.reason);
            q.bindValue(5, now);
            q.bindValue(6, now);
            q.bindValue(7, appId);
            if (auto e = exec(q); !e)
                return e;
            const qint64 id = q.next() ? q.value(0).toLongLong() : 0;
            q.finish(); // a write statement still stepping would hold up the COMMIT
            newIds.append(id);
            if (id == 0)
                continue;
            ++inserted;
            addTo(delta, row.state, 1);
            if (row.state == DeliveryState::Inbox) {
                if (auto e = addInboxMessage(m_db, row.subscriberId, appId, broadcastId, row.inboxTitle, row.inboxBody, now); !e)
                    return e;
            }
        }
        if (auto e = addCounters(m_db, broadcastId, delta, inserted); !e)
            return e;
        QSqlQuery &u = m_db.statement(QStringLiteral("UPDATE broadcasts SET audience_cursor = ?, audience_done = ? WHERE id = ?"));
        u.bindValue(0, cursor);
        u.bindValue(1, audienceDone ? 1 : 0);
        u.bindValue(2, broadcastId);
        return exec(u);
    });
    if (!r)
        return std::unexpected(r.error());
    delta.total = inserted;
    if (ids)
        *ids = std::move(newIds);
    return delta;
}

Result<QList<DeliveryWork>> BroadcastRepository::pendingPage(qint64 broadcastId, qint64 afterDeliveryId, int limit)
{
    QSqlQuery q(m_db.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT d.id, d.channel, d.attempts, s.id, s.mp_openid, s.mini_openid, s.unionid, s.nickname, s.email, "
        "s.bark_key, s.bark_server, s.opted_out, s.last_interaction_at, s.ntfy_topic, s.webhook_url, "
        "bi.id, bi.app_id, bi.state, bi.reminder, bi.channels, s.mp_openid_rejected, s.mini_openid_rejected FROM deliveries d "
        "JOIN subscribers s ON s.id = d.subscriber_id JOIN broadcasts br ON br.id = d.broadcast_id "
        "LEFT JOIN bindings bi ON bi.subscriber_id = d.subscriber_id AND bi.app_id = br.app_id "
        "WHERE d.broadcast_id = ? AND d.state = 'pending' AND d.id > ? ORDER BY d.id LIMIT ?"));
    q.addBindValue(broadcastId);
    q.addBindValue(afterDeliveryId);
    q.addBindValue(limit);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    QList<DeliveryWork> out;
    out.reserve(limit);
    while (q.next()) {
        DeliveryWork w;
        w.deliveryId = q.value(0).toLongLong();
        fromString(q.value(1).toString(), &w.channel);
        w.attempts = q.value(2).toInt();
        w.subscriber.id = q.value(3).toLongLong();
        w.subscriber.mpOpenid = q.value(4).toString();
        w.subscriber.miniOpenid = q.value(5).toString();
        w.subscriber.unionid = q.value(6).toString();
        w.subscriber.nickname = q.value(7).toString();
        w.subscriber.email = q.value(8).toString();
        w.subscriber.barkKey = q.value(9).toString();
        w.subscriber.barkServer = q.value(10).toString();
        w.subscriber.optedOut = q.value(11).toInt() != 0;
        w.subscriber.lastInteraction = fromMsecs(q.value(12).toLongLong());
        w.subscriber.ntfyTopic = q.value(13).toString();
        w.subscriber.webhookUrl = q.value(14).toString();
        w.binding.id = q.value(15).toLongLong();
        w.binding.subscriberId = w.subscriber.id;
        w.binding.appId = q.value(16).toLongLong(); // 0 when the binding is gone
        if (!fromString(q.value(17).toString(), &w.binding.state))
            w.binding.state = BindingState::Unbound;
        fromString(q.value(18).toString(), &w.binding.reminder);
        w.binding.channels = channelsFromString(q.value(19).toString());
        w.subscriber.mpOpenidRejected = q.value(20).toString();
        w.subscriber.miniOpenidRejected = q.value(21).toString();
        out.append(std::move(w));
    }
    return out;
}

// Inside a transaction: pending rows become in flight, before their requests leave.
static Result<void> markRowsInFlight(Database &db, const QList<qint64> &deliveryIds, qint64 now)
{
    if (deliveryIds.isEmpty())
        return {};
    QSqlQuery &q = db.statement(QStringLiteral("UPDATE deliveries SET state = 'in_flight', updated_at = ? WHERE id = ? AND state = 'pending'"));
    for (qint64 id : deliveryIds) {
        q.bindValue(0, now);
        q.bindValue(1, id);
        if (auto r = exec(q); !r)
            return r;
    }
    return {};
}

Result<void> BroadcastRepository::markInFlight(const QList<qint64> &deliveryIds)
{
    return m_db.transaction([&]() -> Result<void> { return markRowsInFlight(m_db, deliveryIds, nowMsecs()); });
}

Result<void> BroadcastRepository::record(qint64 broadcastId, const QList<DeliveryOutcome> &outcomes,
                                        const QList<qint64> &claim)
{
    return m_db.transaction([&]() -> Result<void> {
        // Statements prepared once for the connection: preparing was a good part of a group's cost.
        QSqlQuery &q = m_db.statement(QStringLiteral("UPDATE deliveries SET state = ?, reason = ?, attempts = ?, http_status = ?, "
                                                     "errcode = ?, errmsg = ?, msgid = ?, route = ?, updated_at = ?, credit_id = ? "
                                                     "WHERE id = ? AND state IN ('pending', 'in_flight')"));
        auto ready = [this](const char *sql) -> QSqlQuery & { return m_db.statement(QLatin1String(sql)); };
        const qint64 now = nowMsecs();
        Counters delta;
        for (const auto &o : outcomes) {
            for (qint64 dead : o.deadCredits) {
                QSqlQuery &kill = ready("UPDATE send_credits SET uses_left = 0 WHERE id = ?");
                kill.bindValue(0, dead);
                if (auto r = exec(kill); !r)
                    return r;
            }
            if (o.creditId && o.state == DeliveryState::Sent) {
                QSqlQuery &spend = ready("UPDATE send_credits SET uses_left = uses_left - 1 WHERE id = ? AND uses_left > 0");
                spend.bindValue(0, o.creditId);
                if (auto r = exec(spend); !r)
                    return r;
            }
            q.bindValue(0, toString(o.state));
            q.bindValue(1, o.reason);
            q.bindValue(2, o.attempts);
            q.bindValue(3, o.httpStatus);
            q.bindValue(4, o.errcode);
            q.bindValue(5, o.errmsg);
            q.bindValue(6, o.msgid);
            q.bindValue(7, o.route);
            q.bindValue(8, now);
            q.bindValue(9, o.creditId);
            q.bindValue(10, o.deliveryId);
            if (auto r = exec(q); !r)
                return r;
            if (q.numRowsAffected() > 0 && o.state != DeliveryState::Pending)
                addTo(delta, o.state, 1);
            const bool wechatRoute = o.route == QLatin1String("custom") || o.route == QLatin1String("template")
                                     || o.route == QLatin1String("subscribe") || o.route == QLatin1String("wxopen_template");
            if (q.numRowsAffected() > 0 && o.state == DeliveryState::Failed && o.errcode == 40003 && wechatRoute) {
                // WeChat's 40003 "invalid openid": drop, and mark the recipient (upstream-apis.md §2) with the openid
                // this row was sent to (the row's channel says which: a mini-program's customer-service message
                // goes to its mini-program openid); the eligibility policy skips it until it is corrected.
                QSqlQuery &mark = ready(
                    "UPDATE subscribers SET "
                    "mp_openid_rejected = CASE WHEN d.channel = 'wechat' THEN mp_openid ELSE mp_openid_rejected END, "
                    "mini_openid_rejected = CASE WHEN d.channel = 'miniprogram' THEN mini_openid ELSE mini_openid_rejected END "
                    "FROM deliveries d WHERE d.id = ? AND subscribers.id = d.subscriber_id");
                mark.bindValue(0, o.deliveryId);
                if (auto r = exec(mark); !r)
                    return r;
            }
            if (q.numRowsAffected() > 0 && o.state == DeliveryState::Inbox) {
                if (auto r = addInboxMessage(m_db, o.subscriberId, o.appId, broadcastId, o.inboxTitle, o.inboxBody, now); !r)
                    return r;
            }
        }
        if (auto r = markRowsInFlight(m_db, claim, now); !r)
            return r;
        return addCounters(m_db, broadcastId, delta, 0);
    });
}

Result<int> BroadcastRepository::markInFlightUncertain(qint64 broadcastId)
{
    int changed = 0;
    auto r = m_db.transaction([&]() -> Result<void> {
        QSqlQuery q(m_db.db());
        q.prepare(QStringLiteral("UPDATE deliveries SET state = 'uncertain', reason = ?, updated_at = ? "
                                 "WHERE broadcast_id = ? AND state = 'in_flight'"));
        q.addBindValue(ReasonText("BroadcastRepository",
                                  QT_TRANSLATE_NOOP("BroadcastRepository", "in flight when the sender stopped; not re-sent automatically"))
                           .encode());
        q.addBindValue(nowMsecs());
        q.addBindValue(broadcastId);
        if (auto e = exec(q); !e)
            return e;
        changed = q.numRowsAffected();
        Counters delta;
        delta.uncertain = changed;
        return addCounters(m_db, broadcastId, delta, 0);
    });
    if (!r)
        return std::unexpected(r.error());
    return changed;
}

Result<Counters> BroadcastRepository::recount(qint64 broadcastId)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT state, COUNT(*) FROM deliveries WHERE broadcast_id = ? GROUP BY state"));
    q.addBindValue(broadcastId);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    Counters c;
    while (q.next()) {
        DeliveryState s;
        if (fromString(q.value(0).toString(), &s)) {
            addTo(c, s, q.value(1).toLongLong());
            c.total += q.value(1).toLongLong();
        }
    }
    return c;
}

Result<QList<Delivery>> BroadcastRepository::deliveries(qint64 broadcastId, std::optional<DeliveryState> state, int limit)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT id, subscriber_id, channel, state, reason, attempts, http_status, errcode, errmsg, "
                             "msgid, route, updated_at FROM deliveries WHERE broadcast_id = ? %1 ORDER BY id LIMIT ?")
                  .arg(state ? QStringLiteral("AND state = ?") : QString()));
    q.addBindValue(broadcastId);
    if (state)
        q.addBindValue(toString(*state));
    // No limit: the largest bigint (SQLite reads NULL as 0 rows, PostgreSQL refuses a negative limit).
    q.addBindValue(limit < 0 ? std::numeric_limits<qint64>::max() : qint64(limit));
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    QList<Delivery> out;
    while (q.next()) {
        Delivery d;
        d.id = q.value(0).toLongLong();
        d.broadcastId = broadcastId;
        d.subscriberId = q.value(1).toLongLong();
        fromString(q.value(2).toString(), &d.channel);
        fromString(q.value(3).toString(), &d.state);
        d.reason = q.value(4).toString();
        d.attempts = q.value(5).toInt();
        d.httpStatus = q.value(6).toInt();
        d.errcode = q.value(7).toInt();
        d.errmsg = q.value(8).toString();
        d.msgid = q.value(9).toString();
        d.route = q.value(10).toString();
        d.updatedAt = fromMsecs(q.value(11).toLongLong());
        out.append(d);
    }
    return out;
}

Result<QList<ClaimCandidate>> BroadcastRepository::claimCandidates(qint64 nowMs)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT id, status, owner, heartbeat_at FROM broadcasts WHERE "
                             "(status = 'scheduled' AND scheduled_at <= ?) OR status = 'running' "
                             "ORDER BY scheduled_at, id LIMIT 50"));
    q.addBindValue(nowMs);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    QList<ClaimCandidate> out;
    while (q.next()) {
        ClaimCandidate c;
        c.id = q.value(0).toLongLong();
        fromString(q.value(1).toString(), &c.status);
        c.owner = q.value(2).toString();
        c.heartbeatAt = q.value(3).toLongLong();
        out.append(c);
    }
    return out;
}

Result<bool> BroadcastRepository::claim(const ClaimCandidate &c, const QString &owner, qint64 nowMs)
{
    const QString take = QStringLiteral(
        "UPDATE broadcasts SET status = 'running', status_reason = '', owner = ?, heartbeat_at = ?, "
        "started_at = CASE WHEN started_at = 0 THEN ? ELSE started_at END "
        "WHERE id = ? AND status = ? AND owner = ? AND heartbeat_at = ?");
    auto bindTake = [&](QSqlQuery &q) {
        q.addBindValue(owner);
        q.addBindValue(nowMs);
        q.addBindValue(nowMs);
        q.addBindValue(c.id);
        q.addBindValue(toString(c.status));
        q.addBindValue(c.owner);
        q.addBindValue(c.heartbeatAt);
    };
    if (!m_db.isPostgres()) {
        // SQLite has one writer at a time: the conditional UPDATE is the claim.
        QSqlQuery q(m_db.db());
        q.prepare(take);
        bindTake(q);
        if (auto r = exec(q); !r)
            return std::unexpected(r.error());
        return q.numRowsAffected() == 1;
    }
    // PostgreSQL: several workers poll at once. Lock the row if it is still as the candidate saw it; a row
    // another worker is claiming right now is skipped, not waited for.
    bool taken = false;
    auto r = m_db.transaction([&]() -> Result<void> {
        QSqlQuery q(m_db.db());
        q.prepare(QStringLiteral("SELECT id FROM broadcasts WHERE id = ? AND status = ? AND owner = ? AND heartbeat_at = ? "
                                 "FOR UPDATE SKIP LOCKED"));
        q.addBindValue(c.id);
        q.addBindValue(toString(c.status));
        q.addBindValue(c.owner);
        q.addBindValue(c.heartbeatAt);
        if (auto e = exec(q); !e)
            return e;
        if (!q.next())
            return {};
        QSqlQuery u(m_db.db());
        u.prepare(take);
        bindTake(u);
        if (auto e = exec(u); !e)
            return e;
        taken = u.numRowsAffected() == 1;
        return {};
    });
    if (!r)
        return std::unexpected(r.error());
    return taken;
}

Result<std::optional<BroadcastStatus>> BroadcastRepository::heartbeat(qint64 id, const QString &owner, qint64 nowMs)
{
    // One statement on both databases: the beat lands only while we still own the broadcast.
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("UPDATE broadcasts SET heartbeat_at = ? WHERE id = ? AND owner = ? RETURNING status"));
    q.addBindValue(nowMs);
    q.addBindValue(id);
    q.addBindValue(owner);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    if (!q.next())
        return std::optional<BroadcastStatus>();
    BroadcastStatus status = BroadcastStatus::Running;
    fromString(q.value(0).toString(), &status);
    return std::optional<BroadcastStatus>(status);
}

Result<int> BroadcastRepository::requeue(qint64 id, DeliveryState from, const QList<int> &exceptErrcodes)
{
    int changed = 0;
    QStringList codes;
    for (int c : exceptErrcodes)
        codes.append(QString::number(c));
    auto r = m_db.transaction([&]() -> Result<void> {
        QSqlQuery q(m_db.db());
        q.prepare(QStringLiteral("UPDATE deliveries SET state = 'pending', updated_at = ? WHERE broadcast_id = ? AND state = ?")
                  + (codes.isEmpty() ? QString() : QStringLiteral(" AND errcode NOT IN (%1)").arg(codes.join(QLatin1Char(',')))));
        q.addBindValue(nowMsecs());
        q.addBindValue(id);
        q.addBindValue(toString(from));
        if (auto e = exec(q); !e)
            return e;
        changed = q.numRowsAffected();
        Counters delta;
        addTo(delta, from, -changed);
        if (auto e = addCounters(m_db, id, delta, 0); !e)
            return e;
        if (changed == 0)
            return {};
        QSqlQuery u(m_db.db());
        // audience_done: a re-drive sends these rows and plans nobody new (a cancelled broadcast's rest stays unsent).
        u.prepare(QStringLiteral("UPDATE broadcasts SET status = 'scheduled', scheduled_at = 0, status_reason = '', "
                                 "finished_at = 0, audience_done = 1 WHERE id = ? AND status IN ('finished', 'failed', 'cancelled')"));
        u.addBindValue(id);
        return exec(u);
    });
    if (!r)
        return std::unexpected(r.error());
    return changed;
}

Result<qint64> BroadcastRepository::membersPlanned(qint64 id)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT COUNT(DISTINCT subscriber_id) FROM deliveries WHERE broadcast_id = ?"));
    q.addBindValue(id);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

Result<void> BroadcastRepository::schedule(qint64 id, const QDateTime &at, const QString &reason)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("UPDATE broadcasts SET status = 'scheduled', scheduled_at = ?, status_reason = ? WHERE id = ?"));
    q.addBindValue(toMsecs(at));
    q.addBindValue(reason);
    q.addBindValue(id);
    return exec(q);
}

Result<int> BroadcastRepository::skipPending(qint64 id, const QString &reason)
{
    int changed = 0;
    auto r = m_db.transaction([&]() -> Result<void> {
        QSqlQuery q(m_db.db());
        q.prepare(QStringLiteral("UPDATE deliveries SET state = 'skipped', reason = ?, updated_at = ? "
                                 "WHERE broadcast_id = ? AND state = 'pending'"));
        q.addBindValue(reason);
        q.addBindValue(nowMsecs());
        q.addBindValue(id);
        if (auto e = exec(q); !e)
            return e;
        changed = q.numRowsAffected();
        Counters delta;
        delta.skipped = changed;
        return addCounters(m_db, id, delta, 0);
    });
    if (!r)
        return std::unexpected(r.error());
    return changed;
}

Result<void> BroadcastRepository::setCheck(qint64 id, const QString &verdict, const QString &label, const QString &rule)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("UPDATE broadcasts SET check_verdict = ?, check_label = ?, check_rule = ? WHERE id = ?"));
    q.addBindValue(verdict);
    q.addBindValue(label);
    q.addBindValue(rule);
    q.addBindValue(id);
    return exec(q);
}

Result<qint64> BroadcastRepository::sentSince(qint64 appId, qint64 sinceMs)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM deliveries d JOIN broadcasts b ON b.id = d.broadcast_id "
                             "WHERE d.state = 'sent' AND d.updated_at >= ? AND b.app_id = ?"));
    q.addBindValue(sinceMs);
    q.addBindValue(appId);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

Result<bool> BroadcastRepository::hasFailed(qint64 broadcastId, int errcode)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT EXISTS (SELECT 1 FROM deliveries WHERE broadcast_id = ? AND state = 'failed' AND errcode = ?)"));
    q.addBindValue(broadcastId);
    q.addBindValue(errcode);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toBool();
}

} // namespace pushdesk
