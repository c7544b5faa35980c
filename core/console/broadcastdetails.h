#pragma once
// One broadcast in full, for the console's Broadcasts page: the stored broadcast with its app and
// template names and the content-check verdict (check_verdict / check_label / check_rule), which the
// Broadcast domain type does not carry. Its status reason is in the reader's language (ReasonText::display).
#include "domain/result.h"
#include "domain/types.h"

#include <optional>

namespace pushdesk {
class Database;

struct BroadcastDetails {
    Broadcast broadcast;
    QString appName;
    QString templateName;
    QString checkVerdict; // empty: not checked (yet)
    QString checkLabel;
    QString checkRule;
};

// Empty optional: no broadcast with that id.
Result<std::optional<BroadcastDetails>> loadBroadcastDetails(Database &db, qint64 broadcastId);

} // namespace pushdesk
