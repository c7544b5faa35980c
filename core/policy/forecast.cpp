#include "policy/forecast.h"

#include "policy/eligibility.h"
#include "store/subscriberrepository.h"

namespace pushdesk {

Result<Forecast> AudienceForecast::compute(Database &db, const App &app, int pageSize)
{
    Forecast f;
    SubscriberRepository subscribers(db);
    const QDateTime now = QDateTime::currentDateTime();
    qint64 cursor = 0;
    for (;;) {
        auto page = subscribers.audiencePage(app.id, cursor, pageSize, states(), reminders());
        if (!page)
            return std::unexpected(page.error());
        for (const auto &m : std::as_const(*page)) {
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
        if (page->size() < pageSize)
            break;
        cursor = page->last().subscriber.id;
    }
    return f;
}

} // namespace pushdesk
