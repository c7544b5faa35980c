#include "console/broadcastdetails.h"

#include "domain/reasontext.h"
#include "store/broadcastrepository.h"
#include "store/database.h"

#include <QSqlQuery>

namespace pushdesk {

Result<std::optional<BroadcastDetails>> loadBroadcastDetails(Database &db, qint64 broadcastId)
{
    auto b = BroadcastRepository(db).findById(broadcastId);
    if (!b)
        return std::unexpected(b.error());
    if (!*b)
        return std::optional<BroadcastDetails>();
    BroadcastDetails out;
    out.broadcast = **b;
    out.broadcast.statusReason = ReasonText::display(out.broadcast.statusReason);
    QSqlQuery q(db.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT a.name, t.name, b.check_verdict, b.check_label, b.check_rule "
                             "FROM broadcasts b JOIN apps a ON a.id = b.app_id JOIN templates t ON t.id = b.template_id "
                             "WHERE b.id = ?"));
    q.addBindValue(broadcastId);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    if (q.next()) {
        out.appName = q.value(0).toString();
        out.templateName = q.value(1).toString();
        out.checkVerdict = q.value(2).toString();
        out.checkLabel = q.value(3).toString();
        out.checkRule = q.value(4).toString();
    }
    return std::optional<BroadcastDetails>(std::move(out));
}

} // namespace pushdesk
