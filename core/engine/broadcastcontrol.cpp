#include "engine/broadcastcontrol.h"

#include "audit/auditlog.h"
#include "domain/reasontext.h"
#include "engine/upstreamreply.h"
#include "store/broadcastrepository.h"

#include <QCoreApplication>

namespace pushdesk {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("pushdesk::BroadcastControl", text);
}

// A reason stored with the broadcast or its deliveries: language-neutral (ReasonText).
QString reason(const char *source)
{
    return ReasonText("pushdesk::BroadcastControl", source).encode();
}
} // namespace

BroadcastControl::BroadcastControl(Database &db, QString operatorName)
    : m_db(db)
    , m_operator(operatorName.isEmpty() ? AuditLog::defaultOperator() : std::move(operatorName))
{
}

void BroadcastControl::audit(const QString &action, const Broadcast &before, const QJsonObject &after)
{
    AuditEvent e;
    e.operatorName = m_operator;
    e.action = action;
    e.recordType = audit::TypeBroadcast;
    e.recordId = before.id;
    e.before = QJsonObject{{QStringLiteral("status"), toString(before.status)}};
    e.after = after;
    AuditLog::record(m_db, e);
}

Result<Broadcast> BroadcastControl::load(qint64 id)
{
    auto b = BroadcastRepository(m_db).findById(id);
    if (!b)
        return std::unexpected(b.error());
    if (!*b)
        return fail(tr("there is no broadcast %1").arg(id));
    return **b;
}

Result<BroadcastStatus> BroadcastControl::pause(qint64 id)
{
    auto b = load(id);
    if (!b)
        return std::unexpected(b.error());
    if (b->status != BroadcastStatus::Running && b->status != BroadcastStatus::Scheduled)
        return fail(tr("broadcast %1 is %2; only a running or scheduled broadcast can be paused").arg(id).arg(toString(b->status)));
    const QString why = reason(QT_TRANSLATE_NOOP("pushdesk::BroadcastControl", "paused by the operator"));
    if (auto r = BroadcastRepository(m_db).setStatus(id, BroadcastStatus::Paused, why); !r)
        return std::unexpected(r.error());
    audit(audit::BroadcastPause, *b, {{QStringLiteral("status"), QStringLiteral("paused")}});
    return BroadcastStatus::Paused;
}

Result<BroadcastStatus> BroadcastControl::resume(qint64 id)
{
    auto b = load(id);
    if (!b)
        return std::unexpected(b.error());
    // A failed broadcast goes on where it stopped (a locked database, a keychain that was closed): the next
    // start lists the rows it left in flight as uncertain, and checks again what made it fail.
    if (b->status != BroadcastStatus::Paused && b->status != BroadcastStatus::Scheduled && b->status != BroadcastStatus::Held
        && b->status != BroadcastStatus::Failed)
        return fail(tr("broadcast %1 is %2; only a paused, held, scheduled or failed broadcast can be resumed").arg(id).arg(toString(b->status)));
    BroadcastRepository repo(m_db);
    if (b->status == BroadcastStatus::Held) {
        if (auto r = repo.setCheck(id, QStringLiteral("approved"), b->checkLabel, b->checkRule); !r)
            return std::unexpected(r.error());
        audit(audit::BroadcastApprove, *b, {{QStringLiteral("check_verdict"), QStringLiteral("approved")}});
    }
    if (auto r = repo.schedule(id, {}, {}); !r)
        return std::unexpected(r.error());
    audit(audit::BroadcastResume, *b, {{QStringLiteral("status"), QStringLiteral("scheduled")}});
    return BroadcastStatus::Scheduled;
}

Result<BroadcastStatus> BroadcastControl::cancel(qint64 id)
{
    auto b = load(id);
    if (!b)
        return std::unexpected(b.error());
    const BroadcastStatus s = b->status;
    if (s == BroadcastStatus::Finished || s == BroadcastStatus::Cancelled || s == BroadcastStatus::Failed)
        return fail(tr("broadcast %1 is already %2").arg(id).arg(toString(s)));
    BroadcastRepository repo(m_db);
    const QString why = reason(QT_TRANSLATE_NOOP("pushdesk::BroadcastControl", "cancelled by the operator"));
    if (auto r = repo.setStatus(id, BroadcastStatus::Cancelled, why); !r)
        return std::unexpected(r.error());
    // A running broadcast's owner skips the rest when it notices; otherwise do it here.
    if (s != BroadcastStatus::Running) {
        const QString skipped = reason(QT_TRANSLATE_NOOP("pushdesk::BroadcastControl", "the broadcast was cancelled"));
        if (auto r = repo.skipPending(id, skipped); !r)
            return std::unexpected(r.error());
    }
    audit(audit::BroadcastCancel, *b, {{QStringLiteral("status"), QStringLiteral("cancelled")}});
    return BroadcastStatus::Cancelled;
}

Result<int> BroadcastControl::retry(qint64 id, DeliveryState from)
{
    auto b = load(id);
    if (!b)
        return std::unexpected(b.error());
    // Only an ended broadcast: re-driving rows of one that is still to go on would quietly resume it.
    if (b->status == BroadcastStatus::Paused || b->status == BroadcastStatus::Held)
        return fail(tr("broadcast %1 is %2; resume it, or cancel it, before re-driving its deliveries").arg(id).arg(toString(b->status)));
    if (b->status != BroadcastStatus::Finished && b->status != BroadcastStatus::Cancelled && b->status != BroadcastStatus::Failed)
        return fail(tr("broadcast %1 is %2; wait until it ends before re-driving deliveries").arg(id).arg(toString(b->status)));
    // A failed broadcast that has not reached everyone goes on with resume; retry would send to the rest too.
    if (b->status == BroadcastStatus::Failed && (!b->audienceDone || b->counters.total > b->counters.done()))
        return fail(tr("broadcast %1 stopped before it reached everyone; resume it, and re-drive its failed deliveries "
                       "once it has finished").arg(id));
    // The run that re-drives them plans nobody new: the people a cancel stopped stay unsent.
    // Permanent drops (an invalid openid) are not re-driven.
    QList<int> drops;
    if (from == DeliveryState::Failed)
        drops = QList<int>(std::begin(kPermanentDrops), std::end(kPermanentDrops));
    auto n = BroadcastRepository(m_db).requeue(id, from, drops);
    if (n)
        audit(audit::BroadcastRetry, *b, {{QStringLiteral("requeued"), *n}, {QStringLiteral("from"), toString(from)}});
    return n;
}

} // namespace pushdesk
