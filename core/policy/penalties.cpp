#include "policy/penalties.h"

#include "audit/auditlog.h"
#include "domain/reasontext.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace pushdesk {

namespace {

const char *const kKinds[] = {"deduct", "suspend", "ban"};

// policy_settings keys, and the member each one holds.
struct RuleKey {
    const char *key;
    int PenaltyRules::*member;
};
const RuleKey kRuleKeys[] = {
    {"penalty.points.advertising", &PenaltyRules::advertising},
    {"penalty.points.harassment", &PenaltyRules::harassment},
    {"penalty.points.fraud", &PenaltyRules::fraud},
    {"penalty.points.illegal", &PenaltyRules::illegal},
    {"penalty.points.other", &PenaltyRules::other},
    {"penalty.short_suspension.below", &PenaltyRules::shortSuspensionBelow},
    {"penalty.short_suspension.days", &PenaltyRules::shortSuspensionDays},
    {"penalty.long_suspension.below", &PenaltyRules::longSuspensionBelow},
    {"penalty.long_suspension.days", &PenaltyRules::longSuspensionDays},
    {"penalty.ban.at_or_below", &PenaltyRules::banAtOrBelow},
};

Result<void> requireText(const QString &value, const QString &message)
{
    if (value.trimmed().isEmpty())
        return fail(message);
    return {};
}

// The category's name (displayName) in a stored reason: translated when read.
QString categoryReason(ComplaintCategory v)
{
    const char *source = QT_TRANSLATE_NOOP("Complaints", "Other");
    switch (v) {
    case ComplaintCategory::Advertising: source = QT_TRANSLATE_NOOP("Complaints", "Advertising"); break;
    case ComplaintCategory::Harassment: source = QT_TRANSLATE_NOOP("Complaints", "Harassment"); break;
    case ComplaintCategory::Fraud: source = QT_TRANSLATE_NOOP("Complaints", "Fraud"); break;
    case ComplaintCategory::Illegal: source = QT_TRANSLATE_NOOP("Complaints", "Illegal content"); break;
    case ComplaintCategory::Other: break;
    }
    return ReasonText("Complaints", source).encode();
}

} // namespace

// ---- rules ---------------------------------------------------------------------------------------

int PenaltyRules::pointsFor(ComplaintCategory category) const
{
    switch (category) {
    case ComplaintCategory::Advertising: return advertising;
    case ComplaintCategory::Harassment: return harassment;
    case ComplaintCategory::Fraud: return fraud;
    case ComplaintCategory::Illegal: return illegal;
    case ComplaintCategory::Other: break;
    }
    return other;
}

void PenaltyRules::setPointsFor(ComplaintCategory category, int points)
{
    switch (category) {
    case ComplaintCategory::Advertising: advertising = points; return;
    case ComplaintCategory::Harassment: harassment = points; return;
    case ComplaintCategory::Fraud: fraud = points; return;
    case ComplaintCategory::Illegal: illegal = points; return;
    case ComplaintCategory::Other: other = points; return;
    }
}

Result<void> PenaltyRules::validate() const
{
    for (auto category : allComplaintCategories()) {
        const int p = pointsFor(category);
        if (p < 0 || p > 1000)
            return fail(tr("The points for %1 must be between 0 and 1000, not %2.").arg(displayName(category)).arg(p));
    }
    for (int days : {shortSuspensionDays, longSuspensionDays}) {
        if (days < 1 || days > 3650)
            return fail(tr("A suspension lasts from 1 to 3650 days, not %1.").arg(days));
    }
    if (!(banAtOrBelow < longSuspensionBelow && longSuspensionBelow < shortSuspensionBelow))
        return fail(tr("The thresholds must be in order: ban at or below %1 < long suspension below %2 < short "
                       "suspension below %3.")
                        .arg(banAtOrBelow)
                        .arg(longSuspensionBelow)
                        .arg(shortSuspensionBelow));
    return {};
}

QJsonObject PenaltyRules::toJson() const
{
    QJsonObject o;
    for (const auto &k : kRuleKeys)
        o.insert(QString::fromLatin1(k.key), this->*k.member);
    return o;
}

Result<PenaltyRules> PenaltyRules::load(Database &db)
{
    QSqlQuery q(db.db());
    q.prepare(QStringLiteral("SELECT key, value FROM policy_settings WHERE key LIKE 'penalty.%'"));
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    PenaltyRules rules;
    while (q.next()) {
        const QString key = q.value(0).toString();
        for (const auto &k : kRuleKeys) {
            bool ok = false;
            const int value = q.value(1).toString().toInt(&ok);
            if (key == QLatin1String(k.key) && ok)
                rules.*k.member = value;
        }
    }
    return rules;
}

Result<void> PenaltyRules::save(Database &db, const QString &by) const
{
    if (auto r = validate(); !r)
        return r;
    if (auto r = requireText(by, tr("Say who changes the penalty rules.")); !r)
        return r;
    auto before = load(db);
    if (!before)
        return std::unexpected(before.error());
    return db.transaction([&]() -> Result<void> {
        QSqlQuery q(db.db());
        q.prepare(QStringLiteral("INSERT INTO policy_settings (key, value) VALUES (?, ?) "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
        for (const auto &k : kRuleKeys) {
            q.bindValue(0, QString::fromLatin1(k.key));
            q.bindValue(1, QString::number(this->*k.member));
            if (auto r = exec(q); !r)
                return r;
        }
        AuditEvent e;
        e.operatorName = by;
        e.action = audit::SettingsEdit;
        e.recordType = audit::TypeSettings;
        e.before = before->toJson();
        e.after = toJson();
        if (auto r = AuditLog::record(db, e); !r)
            return std::unexpected(r.error());
        return {};
    });
}

QString toString(PenaltyKind v)
{
    return QString::fromLatin1(kKinds[static_cast<int>(v)]);
}

bool fromString(const QString &s, PenaltyKind *v)
{
    for (std::size_t i = 0; i < std::size(kKinds); ++i) {
        if (s == QLatin1String(kKinds[i])) {
            *v = static_cast<PenaltyKind>(i);
            return true;
        }
    }
    return false;
}

// ---- service -------------------------------------------------------------------------------------

struct PenaltyService::AppState {
    qint64 id = 0;
    QString name;
    int score = 0;
    AppStatus status = AppStatus::Active;
    QDateTime suspendedUntil;

    QJsonObject toJson() const
    {
        return QJsonObject{{QStringLiteral("credit_score"), score},
                           {QStringLiteral("status"), toString(status)},
                           {QStringLiteral("suspended_until"), toMsecs(suspendedUntil)}};
    }
};

PenaltyService::PenaltyService(Database &db, Clock clock)
    : m_db(db)
    , m_clock(std::move(clock))
{
}

QDateTime PenaltyService::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTime();
}

Result<PenaltyService::AppState> PenaltyService::lockApp(qint64 appId)
{
    QSqlQuery q(m_db.db());
    // PostgreSQL: hold the row until commit, so that two reviewers never both subtract from one score.
    q.prepare(QStringLiteral("SELECT id, name, credit_score, status, suspended_until FROM apps WHERE id = ?%1")
                  .arg(m_db.isPostgres() ? QStringLiteral(" FOR UPDATE") : QString()));
    q.addBindValue(appId);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    if (!q.next())
        return fail(tr("There is no app with id %1.").arg(appId));
    AppState a;
    a.id = q.value(0).toLongLong();
    a.name = q.value(1).toString();
    a.score = q.value(2).toInt();
    fromString(q.value(3).toString(), &a.status);
    a.suspendedUntil = fromMsecs(q.value(4).toLongLong());
    return a;
}

Result<void> PenaltyService::writeStatus(const AppState &after)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("UPDATE apps SET credit_score = ?, status = ?, suspended_until = ? WHERE id = ?"));
    q.addBindValue(after.score);
    q.addBindValue(toString(after.status));
    q.addBindValue(toMsecs(after.suspendedUntil));
    q.addBindValue(after.id);
    return exec(q);
}

Result<qint64> PenaltyService::insertPenalty(const PenaltyRecord &p)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("INSERT INTO penalties (app_id, kind, points, score_before, score_after, until_at, reason, "
                             "complaint_id, applied_by, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    q.addBindValue(p.appId);
    q.addBindValue(toString(p.kind));
    q.addBindValue(p.points);
    q.addBindValue(p.scoreBefore);
    q.addBindValue(p.scoreAfter);
    q.addBindValue(toMsecs(p.until));
    q.addBindValue(p.reason);
    q.addBindValue(p.complaintId > 0 ? QVariant(p.complaintId) : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(p.appliedBy);
    q.addBindValue(toMsecs(p.appliedAt));
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

namespace {
AuditEvent penaltyEvent(const QString &by, qint64 penaltyId, const QJsonObject &appBefore, const QJsonObject &appAfter,
                        const PenaltyRecord &p)
{
    AuditEvent e;
    e.operatorName = by;
    e.action = audit::PenaltyApply;
    e.recordType = audit::TypePenalty;
    e.recordId = penaltyId;
    e.at = p.appliedAt;
    e.before = QJsonObject{{QStringLiteral("app_id"), p.appId}, {QStringLiteral("app"), appBefore}};
    e.after = QJsonObject{{QStringLiteral("app_id"), p.appId},
                          {QStringLiteral("app"), appAfter},
                          {QStringLiteral("kind"), toString(p.kind)},
                          {QStringLiteral("points"), p.points},
                          {QStringLiteral("until"), toMsecs(p.until)},
                          {QStringLiteral("reason"), ReasonText::display(p.reason)}, // the audit's words as written
                          {QStringLiteral("complaint_id"), p.complaintId}};
    return e;
}
} // namespace

Result<void> PenaltyService::recordPenalty(const PenaltyRecord &p, const QJsonObject &appBefore,
                                           const QJsonObject &appAfter, PenaltyOutcome &out)
{
    auto id = insertPenalty(p);
    if (!id)
        return std::unexpected(id.error());
    out.penaltyIds.append(*id);
    if (auto r = AuditLog::record(m_db, penaltyEvent(p.appliedBy, *id, appBefore, appAfter, p)); !r)
        return std::unexpected(r.error());
    return {};
}

Result<void> PenaltyService::applyDeduction(AppState &app, int points, const QString &reason, qint64 complaintId,
                                            const QString &by, const PenaltyRules &rules, PenaltyOutcome &out)
{
    const AppState before = app;
    app.score = before.score - points;
    if (auto r = writeStatus(app); !r)
        return r;
    PenaltyRecord p;
    p.appId = app.id;
    p.kind = PenaltyKind::Deduct;
    p.points = points;
    p.scoreBefore = before.score;
    p.scoreAfter = app.score;
    p.reason = reason;
    p.complaintId = complaintId;
    p.appliedBy = by;
    p.appliedAt = now();
    if (auto r = recordPenalty(p, before.toJson(), app.toJson(), out); !r)
        return r;

    // Thresholds act when the score crosses them; a ban also when an app at or below it is penalized again.
    const QString why = tr("The credit score fell from %1 to %2.").arg(before.score).arg(app.score);
    if (app.score <= rules.banAtOrBelow) {
        if (app.status != AppStatus::Banned)
            return applyBan(app, why, complaintId, by, out);
        return {};
    }
    if (before.score >= rules.longSuspensionBelow && app.score < rules.longSuspensionBelow)
        return applySuspension(app, rules.longSuspensionDays, why, complaintId, by, out);
    if (before.score >= rules.shortSuspensionBelow && app.score < rules.shortSuspensionBelow)
        return applySuspension(app, rules.shortSuspensionDays, why, complaintId, by, out);
    return {};
}

Result<void> PenaltyService::applySuspension(AppState &app, int days, const QString &reason, qint64 complaintId,
                                             const QString &by, PenaltyOutcome &out)
{
    if (app.status == AppStatus::Banned)
        return {}; // a ban already stops everything
    const AppState before = app;
    const QDateTime at = now();
    QDateTime until = at.addDays(days);
    // A shorter suspension never cuts a longer one short.
    if (before.status == AppStatus::Suspended && before.suspendedUntil.isValid() && before.suspendedUntil > until)
        until = before.suspendedUntil;
    app.status = AppStatus::Suspended;
    app.suspendedUntil = until;
    if (auto r = writeStatus(app); !r)
        return r;
    PenaltyRecord p;
    p.appId = app.id;
    p.kind = PenaltyKind::Suspend;
    p.scoreBefore = app.score;
    p.scoreAfter = app.score;
    p.until = until;
    p.reason = reason;
    p.complaintId = complaintId;
    p.appliedBy = by;
    p.appliedAt = at;
    if (auto r = recordPenalty(p, before.toJson(), app.toJson(), out); !r)
        return r;
    return {};
}

Result<void> PenaltyService::applyBan(AppState &app, const QString &reason, qint64 complaintId, const QString &by,
                                      PenaltyOutcome &out)
{
    const AppState before = app;
    app.status = AppStatus::Banned;
    app.suspendedUntil = QDateTime();
    if (auto r = writeStatus(app); !r)
        return r;
    PenaltyRecord p;
    p.appId = app.id;
    p.kind = PenaltyKind::Ban;
    p.scoreBefore = app.score;
    p.scoreAfter = app.score;
    p.reason = reason;
    p.complaintId = complaintId;
    p.appliedBy = by;
    p.appliedAt = now();
    if (auto r = recordPenalty(p, before.toJson(), app.toJson(), out); !r)
        return r;
    return {};
}

Result<void> PenaltyService::decide(qint64 complaintId, ComplaintStatus status, const QString &reviewer,
                                    const QString &note, Complaint *decided)
{
    if (auto r = requireText(reviewer, tr("Say who reviews the complaint.")); !r)
        return r;
    auto found = ComplaintRepository(m_db).find(complaintId);
    if (!found)
        return std::unexpected(found.error());
    if (!*found)
        return fail(tr("There is no complaint %1.").arg(complaintId));
    Complaint c = **found;
    if (c.status != ComplaintStatus::Open)
        return fail(tr("Complaint %1 was already decided (%2 by %3).").arg(complaintId).arg(toString(c.status), c.reviewer));
    const QDateTime at = now();
    QSqlQuery q(m_db.db());
    // "AND status = 'open'": of two reviewers deciding at once, only one wins.
    q.prepare(QStringLiteral("UPDATE complaints SET status = ?, reviewer = ?, note = ?, decided_at = ? "
                             "WHERE id = ? AND status = 'open'"));
    q.addBindValue(toString(status));
    q.addBindValue(reviewer.trimmed());
    q.addBindValue(note);
    q.addBindValue(toMsecs(at));
    q.addBindValue(complaintId);
    if (auto r = exec(q); !r)
        return r;
    if (q.numRowsAffected() != 1)
        return fail(tr("Complaint %1 was decided by somebody else meanwhile; reload the queue.").arg(complaintId));
    AuditEvent e;
    e.operatorName = reviewer.trimmed();
    e.action = status == ComplaintStatus::Upheld ? audit::ComplaintUphold : audit::ComplaintDismiss;
    e.recordType = audit::TypeComplaint;
    e.recordId = complaintId;
    e.at = at;
    e.before = QJsonObject{{QStringLiteral("status"), toString(c.status)}};
    e.after = QJsonObject{{QStringLiteral("status"), toString(status)},
                          {QStringLiteral("app_id"), c.appId},
                          {QStringLiteral("category"), toString(c.category)},
                          {QStringLiteral("note"), note}};
    if (auto r = AuditLog::record(m_db, e); !r)
        return std::unexpected(r.error());
    c.status = status;
    c.reviewer = reviewer.trimmed();
    c.note = note;
    c.decidedAt = at;
    *decided = c;
    return {};
}

Result<PenaltyOutcome> PenaltyService::uphold(qint64 complaintId, const QString &reviewer, const QString &note,
                                              std::optional<int> points)
{
    if (points && (*points < 0 || *points > 1000))
        return fail(tr("Deduct from 0 to 1000 points, not %1.").arg(*points));
    auto rules = PenaltyRules::load(m_db);
    if (!rules)
        return std::unexpected(rules.error());
    PenaltyOutcome out;
    auto r = m_db.transaction([&]() -> Result<void> {
        Complaint c;
        if (auto d = decide(complaintId, ComplaintStatus::Upheld, reviewer, note, &c); !d)
            return d;
        auto app = lockApp(c.appId);
        if (!app)
            return std::unexpected(app.error());
        out.scoreBefore = app->score;
        const int deduct = points.value_or(rules->pointsFor(c.category));
        // Our words, stored language-neutral (ReasonText): a worker's or another console's language is not the reader's.
        const QString reason = ReasonText("PenaltyService", QT_TRANSLATE_NOOP("PenaltyService", "Complaint %1 upheld (%2)."))
                                   .arg(complaintId)
                                   .arg(categoryReason(c.category))
                                   .encode();
        if (auto d = applyDeduction(*app, deduct, reason, complaintId, reviewer.trimmed(), *rules, out); !d)
            return d;
        out.scoreAfter = app->score;
        out.status = app->status;
        out.suspendedUntil = app->suspendedUntil;
        return {};
    });
    if (!r)
        return std::unexpected(r.error());
    return out;
}

Result<void> PenaltyService::dismiss(qint64 complaintId, const QString &reviewer, const QString &note)
{
    return m_db.transaction([&]() -> Result<void> {
        Complaint c;
        return decide(complaintId, ComplaintStatus::Dismissed, reviewer, note, &c);
    });
}

Result<PenaltyOutcome> PenaltyService::deduct(qint64 appId, int points, const QString &reason, const QString &by)
{
    if (points < 1 || points > 1000)
        return fail(tr("Deduct from 1 to 1000 points, not %1.").arg(points));
    if (auto r = requireText(reason, tr("Give a reason for the deduction.")); !r)
        return std::unexpected(r.error());
    if (auto r = requireText(by, tr("Say who deducts the points.")); !r)
        return std::unexpected(r.error());
    auto rules = PenaltyRules::load(m_db);
    if (!rules)
        return std::unexpected(rules.error());
    PenaltyOutcome out;
    auto r = m_db.transaction([&]() -> Result<void> {
        auto app = lockApp(appId);
        if (!app)
            return std::unexpected(app.error());
        out.scoreBefore = app->score;
        if (auto d = applyDeduction(*app, points, reason.trimmed(), 0, by.trimmed(), *rules, out); !d)
            return d;
        out.scoreAfter = app->score;
        out.status = app->status;
        out.suspendedUntil = app->suspendedUntil;
        return {};
    });
    if (!r)
        return std::unexpected(r.error());
    return out;
}

Result<PenaltyOutcome> PenaltyService::suspend(qint64 appId, int days, const QString &reason, const QString &by)
{
    if (days < 1 || days > 3650)
        return fail(tr("Suspend for 1 to 3650 days, not %1.").arg(days));
    if (auto r = requireText(reason, tr("Give a reason for the suspension.")); !r)
        return std::unexpected(r.error());
    if (auto r = requireText(by, tr("Say who suspends the app.")); !r)
        return std::unexpected(r.error());
    PenaltyOutcome out;
    auto r = m_db.transaction([&]() -> Result<void> {
        auto app = lockApp(appId);
        if (!app)
            return std::unexpected(app.error());
        if (app->status == AppStatus::Banned)
            return fail(tr("The app %1 is banned; a suspension would change nothing.").arg(app->name));
        out.scoreBefore = out.scoreAfter = app->score;
        if (auto d = applySuspension(*app, days, reason.trimmed(), 0, by.trimmed(), out); !d)
            return d;
        out.status = app->status;
        out.suspendedUntil = app->suspendedUntil;
        return {};
    });
    if (!r)
        return std::unexpected(r.error());
    return out;
}

Result<PenaltyOutcome> PenaltyService::ban(qint64 appId, const QString &reason, const QString &by)
{
    if (auto r = requireText(reason, tr("Give a reason for the ban.")); !r)
        return std::unexpected(r.error());
    if (auto r = requireText(by, tr("Say who bans the app.")); !r)
        return std::unexpected(r.error());
    PenaltyOutcome out;
    auto r = m_db.transaction([&]() -> Result<void> {
        auto app = lockApp(appId);
        if (!app)
            return std::unexpected(app.error());
        if (app->status == AppStatus::Banned)
            return fail(tr("The app %1 is already banned.").arg(app->name));
        out.scoreBefore = out.scoreAfter = app->score;
        if (auto d = applyBan(*app, reason.trimmed(), 0, by.trimmed(), out); !d)
            return d;
        out.status = app->status;
        return {};
    });
    if (!r)
        return std::unexpected(r.error());
    return out;
}

namespace {
// Marks the open penalties of kinds as lifted; returns the newest one's id (0 if none).
Result<qint64> markLifted(Database &db, qint64 appId, const QStringList &kinds, const QString &by, const QDateTime &at,
                          const QString &reason)
{
    QSqlQuery q(db.db());
    q.prepare(QStringLiteral("SELECT MAX(id) FROM penalties WHERE app_id = ? AND lifted_at = 0 AND kind IN (%1)")
                  .arg(kinds.size() == 1 ? QStringLiteral("?") : QStringLiteral("?, ?")));
    q.addBindValue(appId);
    for (const auto &k : kinds)
        q.addBindValue(k);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    const qint64 newest = q.next() ? q.value(0).toLongLong() : 0;
    QSqlQuery u(db.db());
    u.prepare(QStringLiteral("UPDATE penalties SET lifted_by = ?, lifted_at = ?, lift_reason = ? "
                             "WHERE app_id = ? AND lifted_at = 0 AND kind IN (%1)")
                  .arg(kinds.size() == 1 ? QStringLiteral("?") : QStringLiteral("?, ?")));
    u.addBindValue(by);
    u.addBindValue(toMsecs(at));
    u.addBindValue(reason);
    u.addBindValue(appId);
    for (const auto &k : kinds)
        u.addBindValue(k);
    if (auto r = exec(u); !r)
        return std::unexpected(r.error());
    return newest;
}

AuditEvent liftEvent(const QString &by, qint64 penaltyId, const QDateTime &at, qint64 appId, const QJsonObject &before,
                     const QJsonObject &after, const QString &reason)
{
    AuditEvent e;
    e.operatorName = by;
    e.action = audit::PenaltyLift;
    e.recordType = audit::TypePenalty;
    e.recordId = penaltyId;
    e.at = at;
    e.before = QJsonObject{{QStringLiteral("app_id"), appId}, {QStringLiteral("app"), before}};
    e.after = QJsonObject{{QStringLiteral("app_id"), appId},
                          {QStringLiteral("app"), after},
                          {QStringLiteral("reason"), ReasonText::display(reason)}}; // the audit's words as written
    return e;
}
} // namespace

Result<void> PenaltyService::liftBan(qint64 appId, const QString &admin, const QString &reason,
                                     std::optional<int> restoreScore)
{
    if (auto r = requireText(admin, tr("Lifting a ban needs the name of the admin who lifts it.")); !r)
        return r;
    if (auto r = requireText(reason, tr("Lifting a ban needs a reason; write why the app may send again.")); !r)
        return r;
    if (restoreScore && (*restoreScore < -1000 || *restoreScore > 1000))
        return fail(tr("A credit score goes from -1000 to 1000, not %1.").arg(*restoreScore));
    return m_db.transaction([&]() -> Result<void> {
        auto app = lockApp(appId);
        if (!app)
            return std::unexpected(app.error());
        if (app->status != AppStatus::Banned)
            return fail(tr("The app %1 is not banned.").arg(app->name));
        const AppState before = *app;
        app->status = AppStatus::Active;
        app->suspendedUntil = QDateTime();
        if (restoreScore)
            app->score = *restoreScore;
        if (auto r = writeStatus(*app); !r)
            return r;
        const QDateTime at = now();
        auto id = markLifted(m_db, appId, {toString(PenaltyKind::Ban), toString(PenaltyKind::Suspend)}, admin.trimmed(),
                             at, reason.trimmed());
        if (!id)
            return std::unexpected(id.error());
        if (auto r = AuditLog::record(m_db, liftEvent(admin.trimmed(), *id, at, appId, before.toJson(), app->toJson(),
                                                      reason.trimmed()));
            !r)
            return std::unexpected(r.error());
        return {};
    });
}

Result<void> PenaltyService::liftSuspension(qint64 appId, const QString &by, const QString &reason)
{
    if (auto r = requireText(by, tr("Say who lifts the suspension.")); !r)
        return r;
    if (auto r = requireText(reason, tr("Give a reason for ending the suspension early.")); !r)
        return r;
    return m_db.transaction([&]() -> Result<void> {
        auto app = lockApp(appId);
        if (!app)
            return std::unexpected(app.error());
        if (app->status != AppStatus::Suspended)
            return fail(tr("The app %1 is not suspended.").arg(app->name));
        const AppState before = *app;
        app->status = AppStatus::Active;
        app->suspendedUntil = QDateTime();
        if (auto r = writeStatus(*app); !r)
            return r;
        const QDateTime at = now();
        auto id = markLifted(m_db, appId, {toString(PenaltyKind::Suspend)}, by.trimmed(), at, reason.trimmed());
        if (!id)
            return std::unexpected(id.error());
        if (auto r = AuditLog::record(m_db, liftEvent(by.trimmed(), *id, at, appId, before.toJson(), app->toJson(),
                                                      reason.trimmed()));
            !r)
            return std::unexpected(r.error());
        return {};
    });
}

Result<int> PenaltyService::liftDueSuspensions(const QDateTime &when)
{
    const QDateTime at = when.isValid() ? when : now();
    int released = 0;
    auto r = m_db.transaction([&]() -> Result<void> {
        QSqlQuery q(m_db.db());
        q.prepare(QStringLiteral("SELECT id FROM apps WHERE status = 'suspended' AND suspended_until > 0 "
                                 "AND suspended_until <= ? ORDER BY id"));
        q.addBindValue(toMsecs(at));
        if (auto e = exec(q); !e)
            return e;
        QList<qint64> due;
        while (q.next())
            due.append(q.value(0).toLongLong());
        const QString system = AuditLog::systemOperator();
        // Lifted by whichever process polls first (often a headless worker): stored language-neutral.
        const QString reason = ReasonText("PenaltyService", QT_TRANSLATE_NOOP("PenaltyService", "The suspension ended.")).encode();
        for (qint64 appId : std::as_const(due)) {
            auto app = lockApp(appId);
            if (!app)
                return std::unexpected(app.error());
            // Another console may have released or re-penalized it since the SELECT.
            if (app->status != AppStatus::Suspended || !app->suspendedUntil.isValid() || app->suspendedUntil > at)
                continue;
            const AppState before = *app;
            app->status = AppStatus::Active;
            app->suspendedUntil = QDateTime();
            if (auto e = writeStatus(*app); !e)
                return e;
            auto id = markLifted(m_db, appId, {toString(PenaltyKind::Suspend)}, system, at, reason);
            if (!id)
                return std::unexpected(id.error());
            if (auto e = AuditLog::record(m_db, liftEvent(system, *id, at, appId, before.toJson(), app->toJson(), reason)); !e)
                return std::unexpected(e.error());
            ++released;
        }
        return {};
    });
    if (!r)
        return std::unexpected(r.error());
    return released;
}

Result<QList<PenaltyRecord>> PenaltyService::history(qint64 appId)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT p.id, p.app_id, p.kind, p.points, p.score_before, p.score_after, p.until_at, "
                             "p.reason, p.complaint_id, c.category, c.text, p.applied_by, p.applied_at, p.lifted_by, "
                             "p.lifted_at, p.lift_reason FROM penalties p LEFT JOIN complaints c ON c.id = p.complaint_id "
                             "WHERE p.app_id = ? ORDER BY p.id DESC"));
    q.addBindValue(appId);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    QList<PenaltyRecord> out;
    while (q.next()) {
        PenaltyRecord p;
        p.id = q.value(0).toLongLong();
        p.appId = q.value(1).toLongLong();
        fromString(q.value(2).toString(), &p.kind);
        p.points = q.value(3).toInt();
        p.scoreBefore = q.value(4).toInt();
        p.scoreAfter = q.value(5).toInt();
        p.until = fromMsecs(q.value(6).toLongLong());
        p.reason = q.value(7).toString();
        p.complaintId = q.value(8).toLongLong();
        ComplaintCategory category;
        if (!q.value(9).isNull() && fromString(q.value(9).toString(), &category))
            p.complaintCategory = category;
        p.complaintText = q.value(10).toString();
        p.appliedBy = q.value(11).toString();
        p.appliedAt = fromMsecs(q.value(12).toLongLong());
        p.liftedBy = q.value(13).toString();
        p.liftedAt = fromMsecs(q.value(14).toLongLong());
        p.liftReason = q.value(15).toString();
        out.append(p);
    }
    return out;
}

} // namespace pushdesk
