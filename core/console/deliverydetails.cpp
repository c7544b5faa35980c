#include "console/deliverydetails.h"

#include "domain/reasontext.h"
#include "store/database.h"

#include <QSqlQuery>

namespace pushdesk {

Result<std::optional<DeliveryDetails>> loadDeliveryDetails(Database &db, qint64 deliveryId)
{
    QSqlQuery q(db.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT d.id, d.broadcast_id, d.subscriber_id, d.channel, d.state, d.reason, d.attempts, d.http_status, "
        "d.errcode, d.errmsg, d.msgid, d.route, d.updated_at, s.nickname, s.mp_openid, s.email, s.bark_key "
        "FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE d.id = ?"));
    q.addBindValue(deliveryId);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    if (!q.next())
        return std::optional<DeliveryDetails>();
    DeliveryDetails out;
    Delivery &d = out.delivery;
    d.id = q.value(0).toLongLong();
    d.broadcastId = q.value(1).toLongLong();
    d.subscriberId = q.value(2).toLongLong();
    fromString(q.value(3).toString(), &d.channel);
    fromString(q.value(4).toString(), &d.state);
    d.reason = ReasonText::display(q.value(5).toString());
    d.attempts = q.value(6).toInt();
    d.httpStatus = q.value(7).toInt();
    d.errcode = q.value(8).toInt();
    d.errmsg = q.value(9).toString();
    d.msgid = q.value(10).toString();
    d.route = q.value(11).toString();
    d.updatedAt = fromMsecs(q.value(12).toLongLong());
    out.nickname = q.value(13).toString();
    out.mpOpenid = q.value(14).toString();
    out.email = q.value(15).toString();
    out.barkKey = q.value(16).toString();
    return std::optional<DeliveryDetails>(std::move(out));
}

} // namespace pushdesk
