#include "engine/broadcastcontrol.h"

#include "store/broadcastrepository.h"

#include <QCoreApplication>

namespace pushdesk {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("BroadcastControl", text);
}
} // namespace

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
    if (auto r = BroadcastRepository(m_db).setStatus(id, BroadcastStatus::Paused, tr("paused by the operator")); !r)
        return std::unexpected(r.error());
    return BroadcastStatus::Paused;
}

Result<BroadcastStatus> BroadcastControl::resume(qint64 id)
{
    auto b = load(id);
    if (!b)
        return std::unexpected(b.error());
    if (b->status != BroadcastStatus::Paused && b->status != BroadcastStatus::Scheduled)
        return fail(tr("broadcast %1 is %2; only a paused or scheduled broadcast can be resumed").arg(id).arg(toString(b->status)));
    if (auto r = BroadcastRepository(m_db).schedule(id, {}, {}); !r)
        return std::unexpected(r.error());
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
    if (auto r = repo.setStatus(id, BroadcastStatus::Cancelled, tr("cancelled by the operator")); !r)
        return std::unexpected(r.error());
    // A running broadcast's owner skips the rest when it notices; otherwise do it here.
    if (s != BroadcastStatus::Running) {
        if (auto r = repo.skipPending(id, tr("the broadcast was cancelled")); !r)
            return std::unexpected(r.error());
    }
    return BroadcastStatus::Cancelled;
}

Result<int> BroadcastControl::retry(qint64 id, DeliveryState from)
{
    auto b = load(id);
    if (!b)
        return std::unexpected(b.error());
    if (b->status == BroadcastStatus::Running || b->status == BroadcastStatus::Scheduled)
        return fail(tr("broadcast %1 is %2; wait until it ends before re-driving deliveries").arg(id).arg(toString(b->status)));
    return BroadcastRepository(m_db).requeue(id, from);
}

} // namespace pushdesk
