#pragma once
// The audit log: who did what, when, on which record, with the record before and after.
// Append-only from the application's side (the schema's triggers refuse UPDATE and DELETE), and it
// never holds a secret: every before/after object goes through maskSecrets() on the way in.
#include "domain/result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace pushdesk {
class Database;
struct ListingSpec;

// Action names, "<record>.<verb>". Filters match them by prefix ("penalty." finds apply and lift).
namespace audit {
inline constexpr QLatin1String BindingEdit("binding.edit");
inline constexpr QLatin1String SubscriberEdit("subscriber.edit");
inline constexpr QLatin1String ComplaintCreate("complaint.create");
inline constexpr QLatin1String ComplaintUphold("complaint.uphold");
inline constexpr QLatin1String ComplaintDismiss("complaint.dismiss");
inline constexpr QLatin1String PenaltyApply("penalty.apply");
inline constexpr QLatin1String PenaltyLift("penalty.lift");
inline constexpr QLatin1String BroadcastCreate("broadcast.create");
inline constexpr QLatin1String BroadcastSend("broadcast.send");
inline constexpr QLatin1String BroadcastPause("broadcast.pause");
inline constexpr QLatin1String BroadcastResume("broadcast.resume");
inline constexpr QLatin1String BroadcastCancel("broadcast.cancel");
inline constexpr QLatin1String BroadcastRetry("broadcast.retry");
inline constexpr QLatin1String BroadcastApprove("broadcast.approve");
inline constexpr QLatin1String AppCreate("app.create");
inline constexpr QLatin1String AppEdit("app.edit");
inline constexpr QLatin1String AppDisable("app.disable");
inline constexpr QLatin1String AppEnable("app.enable");
inline constexpr QLatin1String AppSecretReplace("app.secret.replace");
inline constexpr QLatin1String SettingsEdit("settings.edit");
inline constexpr QLatin1String BlocklistAdd("blocklist.add");
inline constexpr QLatin1String BlocklistRemove("blocklist.remove");
inline constexpr QLatin1String ImportRun("import.run");

// Record types.
inline constexpr QLatin1String TypeApp("app");
inline constexpr QLatin1String TypeBinding("binding");
inline constexpr QLatin1String TypeSubscriber("subscriber");
inline constexpr QLatin1String TypeComplaint("complaint");
inline constexpr QLatin1String TypePenalty("penalty");
inline constexpr QLatin1String TypeBroadcast("broadcast");
inline constexpr QLatin1String TypeSettings("settings");
inline constexpr QLatin1String TypeBlocklistRule("blocklist_rule");
inline constexpr QLatin1String TypeImport("import");
} // namespace audit

struct AuditEvent {
    qint64 id = 0;            // set when read back
    QDateTime at;             // invalid = now
    QString operatorName;     // who; "system" for what the relay does by itself (a suspension running out)
    QString action;           // see namespace audit
    QString recordType;
    qint64 recordId = 0;
    QJsonObject before;       // empty for a creation
    QJsonObject after;        // empty for a deletion
};

struct AuditQuery {
    QString operatorName;     // exact; empty = anybody
    QString actionPrefix;     // "penalty." or "broadcast.send"; empty = any action
    QString recordType;       // empty = any
    qint64 recordId = 0;      // 0 = any (only with recordType)
    QDateTime from;           // inclusive; invalid = no lower bound
    QDateTime to;             // exclusive; invalid = no upper bound
    int offset = 0;
    int limit = 200;
    bool newestFirst = true;
};

class AuditLog {
    Q_DECLARE_TR_FUNCTIONS(AuditLog)

public:
    // Appends one event (secrets masked). Joins the caller's transaction if there is one.
    static Result<qint64> record(Database &db, const AuditEvent &event);
    static Result<QList<AuditEvent>> query(Database &db, const AuditQuery &filter);
    static Result<qint64> count(Database &db, const AuditQuery &filter);
    // The distinct operators and actions in the log, for the Audit page's filter boxes.
    static Result<QStringList> operators(Database &db);
    static Result<QStringList> actions(Database &db);

    // Listing columns for a lazy table model (Listing::fetch): at, operator, action, record, before, after.
    static ListingSpec listing();

    // True for keys that name a credential: *secret*, *password*, *passwd*, *token*, *api_key*, *apikey*,
    // *private_key*, *credential* (case-insensitive).
    static bool isSecretKey(const QString &key);
    // A copy with the value of every secret-named key, at any depth, replaced by "***".
    static QJsonObject maskSecrets(const QJsonObject &object);
    // Operator name to use when nobody is logged in: the login name, else "operator".
    static QString defaultOperator();
    static QString systemOperator() { return QStringLiteral("system"); }
};

} // namespace pushdesk
