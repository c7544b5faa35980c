#pragma once
// Penalties (seed 000, "投诉与处罚": deduct points, suspend for a while, ban for good). An upheld
// complaint costs the app the points of its category; crossing a score threshold suspends or bans
// it. Every change is one transaction with its audit events; suspensions end by themselves when due,
// a ban only when an admin lifts it with a reason.
#include "domain/result.h"
#include "domain/types.h"
#include "policy/complaints.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <functional>
#include <optional>

namespace pushdesk {
class Database;

struct PenaltyRules {
    Q_DECLARE_TR_FUNCTIONS(PenaltyRules)

public:
    int advertising = 10;
    int harassment = 20;
    int fraud = 50;
    int illegal = 50;
    int other = 5;
    int shortSuspensionBelow = 60;  // a score falling below this suspends for shortSuspensionDays
    int shortSuspensionDays = 7;
    int longSuspensionBelow = 30;   // … below this for longSuspensionDays
    int longSuspensionDays = 30;
    int banAtOrBelow = 0;           // at or below this the app is banned

    int pointsFor(ComplaintCategory category) const;
    void setPointsFor(ComplaintCategory category, int points);
    // Points 0..1000, days 1..3650, ban < long < short: otherwise a message saying which to fix.
    Result<void> validate() const;

    // From policy_settings ("penalty.points.<category>", "penalty.short_suspension.below" …),
    // defaults for the keys that are not there.
    static Result<PenaltyRules> load(Database &db);
    // Writes every key in one transaction with a settings.edit audit event.
    Result<void> save(Database &db, const QString &by) const;
    QJsonObject toJson() const;
    bool operator==(const PenaltyRules &) const = default;
};

enum class PenaltyKind { Deduct, Suspend, Ban };
QString toString(PenaltyKind v);    // deduct | suspend | ban
bool fromString(const QString &s, PenaltyKind *v);

// One row of an app's credit history.
struct PenaltyRecord {
    qint64 id = 0;
    qint64 appId = 0;
    PenaltyKind kind = PenaltyKind::Deduct;
    int points = 0;                 // deducted (Deduct only)
    int scoreBefore = 0;
    int scoreAfter = 0;
    QDateTime until;                // Suspend: when it ends
    QString reason;
    qint64 complaintId = 0;         // 0 = applied by hand
    std::optional<ComplaintCategory> complaintCategory;
    QString complaintText;
    QString appliedBy;              // the reviewer or operator who decided
    QDateTime appliedAt;
    QString liftedBy;               // "system" when a suspension ran out
    QDateTime liftedAt;
    QString liftReason;

    bool lifted() const { return liftedAt.isValid(); }
};

// What a penalty did to the app.
struct PenaltyOutcome {
    int scoreBefore = 0;
    int scoreAfter = 0;
    AppStatus status = AppStatus::Active;
    QDateTime suspendedUntil;
    QList<qint64> penaltyIds;       // the rows written: the deduction first, then a suspension or ban
};

class PenaltyService {
    Q_DECLARE_TR_FUNCTIONS(PenaltyService)

public:
    using Clock = std::function<QDateTime()>;
    explicit PenaltyService(Database &db, Clock clock = {});

    // Decides an open complaint against its app: deducts the category's points (or `points` if
    // given) and suspends or bans the app when the score crosses a threshold.
    Result<PenaltyOutcome> uphold(qint64 complaintId, const QString &reviewer, const QString &note,
                                  std::optional<int> points = std::nullopt);
    // Closes an open complaint without a penalty.
    Result<void> dismiss(qint64 complaintId, const QString &reviewer, const QString &note);

    // By hand, each with a reason. Deductions cross thresholds like upheld complaints do.
    Result<PenaltyOutcome> deduct(qint64 appId, int points, const QString &reason, const QString &by);
    Result<PenaltyOutcome> suspend(qint64 appId, int days, const QString &reason, const QString &by);
    Result<PenaltyOutcome> ban(qint64 appId, const QString &reason, const QString &by);

    // Lifting a ban needs the admin's name and a reason. restoreScore sets the credit score (else
    // it stays as it is, so the next upheld complaint bans again). Open suspensions are lifted too.
    Result<void> liftBan(qint64 appId, const QString &admin, const QString &reason,
                         std::optional<int> restoreScore = std::nullopt);
    // Ends a suspension early (reason required).
    Result<void> liftSuspension(qint64 appId, const QString &by, const QString &reason);
    // Ends every suspension that is due (by the injected clock if now is invalid), recorded as
    // lifted by "system". Returns how many apps were released. Call it before deciding who may send.
    Result<int> liftDueSuspensions(const QDateTime &now = {});

    // Every penalty of the app, newest first, with its complaint.
    Result<QList<PenaltyRecord>> history(qint64 appId);

private:
    struct AppState;
    Result<AppState> lockApp(qint64 appId);
    Result<void> applyDeduction(AppState &app, int points, const QString &reason, qint64 complaintId,
                                const QString &by, const PenaltyRules &rules, PenaltyOutcome &out);
    Result<void> applySuspension(AppState &app, int days, const QString &reason, qint64 complaintId,
                                 const QString &by, PenaltyOutcome &out);
    Result<void> applyBan(AppState &app, const QString &reason, qint64 complaintId, const QString &by,
                          PenaltyOutcome &out);
    Result<qint64> insertPenalty(const PenaltyRecord &p);
    // One penalty row, its outcome and its audit event.
    Result<void> recordPenalty(const PenaltyRecord &p, const QJsonObject &appBefore, const QJsonObject &appAfter,
                               PenaltyOutcome &out);
    Result<void> writeStatus(const AppState &after);
    Result<void> decide(qint64 complaintId, ComplaintStatus status, const QString &reviewer, const QString &note,
                        Complaint *decided);
    QDateTime now() const;

    Database &m_db;
    Clock m_clock;
};

} // namespace pushdesk
