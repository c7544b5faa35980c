#pragma once
// Who a broadcast would reach, without sending or writing anything: the dry run and the composer's
// counts. It walks the same audience, page by page, through the same EligibilityPolicy as the engine.
#include "domain/result.h"
#include "domain/types.h"

#include <QMap>

namespace pushdesk {
class Database;

struct Forecast {
    Counters counts;                 // sent = would be pushed, inbox, skipped
    QMap<QString, qint64> skipped;   // reason -> rows
    qint64 members = 0;              // audience members (people)
};

class AudienceForecast {
public:
    static Result<Forecast> compute(Database &db, const App &app, int pageSize = 2000);
    // The audience of every broadcast: bindings that are active or muted with a strong or weak reminder.
    static QList<BindingState> states() { return {BindingState::Active, BindingState::Muted}; }
    static QList<Reminder> reminders() { return {Reminder::Strong, Reminder::Weak}; }
};

} // namespace pushdesk
