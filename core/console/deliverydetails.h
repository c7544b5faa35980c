#pragma once
// One send-log row in full, for the console's details pane: the delivery (with errcode, errmsg and
// reason, which the listing does not carry) and who it was for. The reason is in the reader's language
// (ReasonText::display); errmsg is as the upstream said it.
#include "domain/result.h"
#include "domain/types.h"

#include <optional>

namespace pushdesk {
class Database;

struct DeliveryDetails {
    Delivery delivery;
    QString nickname;
    QString mpOpenid;
    QString email;
    QString barkKey;
};

// Empty optional: no delivery with that id.
Result<std::optional<DeliveryDetails>> loadDeliveryDetails(Database &db, qint64 deliveryId);

} // namespace pushdesk
