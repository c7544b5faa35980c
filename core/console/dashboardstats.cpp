#include "console/dashboardstats.h"

#include "store/database.h"

#include <QSqlQuery>

namespace pushdesk {

namespace {
const QStringList &allStates()
{
    static const QStringList states = [] {
        QStringList s;
        for (DeliveryState d : {DeliveryState::Pending, DeliveryState::InFlight, DeliveryState::Sent, DeliveryState::Inbox,
                                DeliveryState::Skipped, DeliveryState::Failed, DeliveryState::Uncertain})
            s.append(toString(d));
        return s;
    }();
    return states;
}

// Rows per state updated in [from, to): one index range per state (deliveries(state, updated_at)).
Result<QMap<QString, qint64>> countByState(Database &db, qint64 fromMs, qint64 toMs)
{
    QSqlQuery q(db.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = ? AND updated_at >= ? AND updated_at < ?"));
    QMap<QString, qint64> out;
    for (const QString &state : allStates()) {
        q.bindValue(0, state);
        q.bindValue(1, fromMs);
        q.bindValue(2, toMs);
        if (auto r = exec(q); !r)
            return std::unexpected(r.error());
        q.next();
        if (const qint64 n = q.value(0).toLongLong(); n > 0)
            out.insert(state, n);
        q.finish();
    }
    return out;
}
} // namespace

QStringList DashboardStats::chartStates()
{
    return {toString(DeliveryState::Sent), toString(DeliveryState::Inbox), toString(DeliveryState::Skipped),
            toString(DeliveryState::Failed), toString(DeliveryState::Uncertain)};
}

Result<DashboardSnapshot> DashboardStats::load(Database &db, const QDateTime &now, Qt::DayOfWeek firstDayOfWeek)
{
    DashboardSnapshot s;
    const QDate today = now.date();
    const qint64 endMs = toMsecs(QDateTime(today.addDays(1), QTime(0, 0)));
    s.todayFrom = QDateTime(today, QTime(0, 0));
    const int back = (today.dayOfWeek() - int(firstDayOfWeek) + 7) % 7;
    s.weekFrom = QDateTime(today.addDays(-back), QTime(0, 0));
    auto todayCounts = countByState(db, toMsecs(s.todayFrom), endMs);
    if (!todayCounts)
        return std::unexpected(todayCounts.error());
    s.today = *todayCounts;
    auto weekCounts = countByState(db, toMsecs(s.weekFrom), endMs);
    if (!weekCounts)
        return std::unexpected(weekCounts.error());
    s.week = *weekCounts;
    const qint64 failed = s.week.value(toString(DeliveryState::Failed));
    const qint64 attempted = s.week.value(toString(DeliveryState::Sent)) + s.week.value(toString(DeliveryState::Inbox))
        + failed + s.week.value(toString(DeliveryState::Uncertain));
    s.weekFailureRate = attempted == 0 ? 0 : double(failed) / double(attempted);

    for (int i = kDays - 1; i >= 0; --i) {
        DayCounts d;
        d.day = today.addDays(-i);
        d.from = QDateTime(d.day, QTime(0, 0));
        d.to = QDateTime(d.day.addDays(1), QTime(0, 0));
        auto counts = countByState(db, toMsecs(d.from), toMsecs(d.to));
        if (!counts)
            return std::unexpected(counts.error());
        d.byState = *counts;
        s.days.append(d);
    }

    QSqlQuery q(db.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT errcode, COUNT(*) FROM deliveries WHERE state = ? AND updated_at >= ? AND updated_at < ? "
                             "GROUP BY errcode ORDER BY 2 DESC, 1 LIMIT ?"));
    q.addBindValue(toString(DeliveryState::Failed));
    q.addBindValue(toMsecs(s.days.first().from));
    q.addBindValue(endMs);
    q.addBindValue(kTopErrcodes);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    while (q.next())
        s.failures.append({q.value(0).toInt(), q.value(1).toLongLong()});

    q.prepare(QStringLiteral("SELECT COUNT(*) FROM complaints WHERE status = ?"));
    q.addBindValue(QStringLiteral("open"));
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    q.next();
    s.openComplaints = q.value(0).toLongLong();

    q.prepare(QStringLiteral("SELECT id, name, credit_score, status FROM apps WHERE credit_score < ? AND disabled = 0 "
                             "ORDER BY credit_score, name"));
    q.addBindValue(kCreditThreshold);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    while (q.next())
        s.appsAtRisk.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toInt(), q.value(3).toString()});

    q.prepare(QStringLiteral("SELECT b.id, a.name, b.status, b.scheduled_at, b.total, "
                             "b.sent + b.inbox + b.skipped + b.failed + b.uncertain "
                             "FROM broadcasts b JOIN apps a ON a.id = b.app_id WHERE b.status IN (?, ?, ?) "
                             "ORDER BY b.status, b.scheduled_at, b.id"));
    q.addBindValue(toString(BroadcastStatus::Running));
    q.addBindValue(toString(BroadcastStatus::Paused));
    q.addBindValue(toString(BroadcastStatus::Scheduled));
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    while (q.next())
        s.live.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                       fromMsecs(q.value(3).toLongLong()), q.value(4).toLongLong(), q.value(5).toLongLong()});
    return s;
}

} // namespace pushdesk
