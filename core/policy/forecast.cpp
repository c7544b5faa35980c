#include "policy/forecast.h"

#include "policy/eligibility.h"

namespace pushdesk {

Result<QList<AudienceMember>> AudienceForecast::page(Database &db, qint64 appId, const Audience &audience,
                                                     qint64 afterSubscriberId, int limit)
{
    if (!audience.valid())
        return QList<AudienceMember>(); // an audience that cannot be read reaches nobody, never everybody
    return SubscriberRepository(db).audiencePage(appId, audience, afterSubscriberId, limit, states(), reminders());
}

Result<qint64> AudienceForecast::count(Database &db, qint64 appId, const Audience &audience)
{
    if (!audience.valid())
        return qint64(0);
    return SubscriberRepository(db).audienceCount(appId, audience, states(), reminders());
}

Result<Forecast> AudienceForecast::compute(Database &db, const App &app, const Audience &audience, int pageSize)
{
    Forecast f;
    if (audience.kind != Audience::Kind::All && audience.valid()) {
        auto selected = SubscriberRepository(db).selectedCount(audience);
        if (!selected)
            return std::unexpected(selected.error());
        f.selected = *selected;
    } else if (!audience.valid()) {
        f.selected = 0;
    }
    const QDateTime now = QDateTime::currentDateTime();
    qint64 cursor = 0;
    for (;;) {
        auto members = page(db, app.id, audience, cursor, pageSize);
        if (!members)
            return std::unexpected(members.error());
        for (const auto &m : std::as_const(*members)) {
            ++f.members;
            for (const auto &[channel, e] : EligibilityPolicy::plan(app, m.subscriber, m.binding, now)) {
                Q_UNUSED(channel)
                ++f.counts.total;
                switch (e.verdict) {
                case Eligibility::Verdict::Push: ++f.counts.sent; break;
                case Eligibility::Verdict::Inbox: ++f.counts.inbox; break;
                case Eligibility::Verdict::Skip:
                    ++f.counts.skipped;
                    ++f.skipped[e.reason];
                    break;
                }
            }
        }
        if (members->size() < pageSize)
            break;
        cursor = members->last().subscriber.id;
    }
    return f;
}

} // namespace pushdesk
