#pragma once
// Who a broadcast would reach, without sending or writing anything: the dry run and the composer's
// counts. It walks the same audience, page by page, through the same EligibilityPolicy as the engine,
// and page() / count() are the one definition of a broadcast's audience that the engine plans from.
#include "domain/result.h"
#include "domain/types.h"
#include "store/subscriberrepository.h"

#include <QMap>

namespace pushdesk {
class Database;

struct Forecast {
    Counters counts;                 // sent = would be pushed, inbox, skipped
    QMap<QString, qint64> skipped;   // reason (stored form: ReasonText::display reads it) -> rows
    qint64 members = 0;              // audience members (people)
    // People the audience names (a tag's or list's members, the one person), bound to the app or not;
    // -1 for "all bound subscribers". selected - members of them are not reached at all.
    qint64 selected = -1;
};

class AudienceForecast {
public:
    static Result<Forecast> compute(Database &db, const App &app, const Audience &audience = Audience::all(),
                                    int pageSize = 2000);
    // The members of a broadcast's audience after afterSubscriberId, in subscriber id order.
    static Result<QList<AudienceMember>> page(Database &db, qint64 appId, const Audience &audience,
                                              qint64 afterSubscriberId, int limit);
    static Result<qint64> count(Database &db, qint64 appId, const Audience &audience);
    // The audience of every broadcast: bindings that are active or muted with a strong or weak reminder.
    // The audience's kind (tags, a list, one person) narrows these down; it never adds anybody.
    static QList<BindingState> states() { return {BindingState::Active, BindingState::Muted}; }
    static QList<Reminder> reminders() { return {Reminder::Strong, Reminder::Weak}; }
};

} // namespace pushdesk
