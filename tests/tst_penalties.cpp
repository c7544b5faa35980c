// Complaints and penalties: points by category, thresholds, manual actions, lifting, history, and
// that every decision is one transaction.
#include "audit/auditlog.h"
#include "policy/complaints.h"
#include "policy/penalties.h"
#include "store/apprepository.h"
#include "store/broadcastrepository.h"
#include "store/database.h"
#include "store/subscriberrepository.h"
#include "testsupport.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace pushdesk;

class TestPenalties : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    qint64 m_appId = 0;
    qint64 m_broadcastId = 0;
    qint64 m_subscriberId = 0;
    QDateTime m_now = QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);

    PenaltyService service()
    {
        return PenaltyService(*m_db, [this]() { return m_now; });
    }

    App app()
    {
        auto a = AppRepository(*m_db).findById(m_appId);
        [&] { QVERIFY(a && *a); }();
        return a && *a ? **a : App();
    }

    void setScore(int score)
    {
        App a = app();
        a.creditScore = score;
        QVERIFY(AppRepository(*m_db).update(a).has_value());
    }

    qint64 complain(ComplaintCategory category, const QString &text = QStringLiteral("stop this"))
    {
        Complaint c;
        c.broadcastId = m_broadcastId;
        c.subscriberId = m_subscriberId;
        c.category = category;
        c.text = text;
        auto id = ComplaintRepository(*m_db).create(c);
        if (!id)
            qWarning() << id.error().message;
        return id.value_or(0);
    }

    qint64 scalar(const QString &sql)
    {
        QSqlQuery q(m_db->db());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    // Everything a decision may touch, as text: equal snapshots mean nothing changed.
    QString snapshot()
    {
        QString out;
        for (const char *sql : {"SELECT id, status, reviewer, note, decided_at FROM complaints ORDER BY id",
                                "SELECT id, credit_score, status, suspended_until FROM apps ORDER BY id",
                                "SELECT * FROM penalties ORDER BY id", "SELECT * FROM audit_events ORDER BY id"}) {
            QSqlQuery q(m_db->db());
            if (!q.exec(QString::fromLatin1(sql)))
                return QStringLiteral("error");
            while (q.next()) {
                for (int i = 0; i < q.record().count(); ++i)
                    out += q.value(i).toString() + QLatin1Char('|');
                out += QLatin1Char('\n');
            }
        }
        return out;
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_db.reset();
        QFile::remove(testsupport::databasePath(m_dir));
        auto db = Database::open(DatabaseConfig::sqlite(testsupport::databasePath(m_dir)), QStringLiteral("penalties"));
        QVERIFY2(db.has_value(), db ? "" : qPrintable(db.error().message));
        m_db = std::move(*db);
        App a;
        a.name = QStringLiteral("shop");
        a.appid = QStringLiteral("wxshop");
        auto id = AppRepository(*m_db).create(a);
        QVERIFY(id.has_value());
        m_appId = *id;
        Template t;
        t.appId = m_appId;
        t.name = QStringLiteral("notice");
        t.csText = QStringLiteral("Sale!");
        auto tid = TemplateRepository(*m_db).create(t);
        QVERIFY(tid.has_value());
        Broadcast b;
        b.appId = m_appId;
        b.templateId = *tid;
        auto bid = BroadcastRepository(*m_db).create(b);
        QVERIFY(bid.has_value());
        m_broadcastId = *bid;
        Subscriber s;
        s.mpOpenid = QStringLiteral("o_alice");
        auto sid = SubscriberRepository(*m_db).create(s);
        QVERIFY(sid.has_value());
        m_subscriberId = *sid;
    }

    void cleanup() { m_db.reset(); }

    void defaultRules()
    {
        auto rules = PenaltyRules::load(*m_db);
        QVERIFY(rules.has_value());
        QCOMPARE(rules->pointsFor(ComplaintCategory::Advertising), 10);
        QCOMPARE(rules->pointsFor(ComplaintCategory::Harassment), 20);
        QCOMPARE(rules->pointsFor(ComplaintCategory::Fraud), 50);
        QCOMPARE(rules->pointsFor(ComplaintCategory::Illegal), 50);
        QCOMPARE(rules->pointsFor(ComplaintCategory::Other), 5);
        QCOMPARE(rules->shortSuspensionBelow, 60);
        QCOMPARE(rules->shortSuspensionDays, 7);
        QCOMPARE(rules->longSuspensionBelow, 30);
        QCOMPARE(rules->longSuspensionDays, 30);
        QCOMPARE(rules->banAtOrBelow, 0);
        QVERIFY(rules->validate().has_value());
    }

    void rulesAreSaved()
    {
        PenaltyRules rules;
        rules.setPointsFor(ComplaintCategory::Harassment, 25);
        rules.shortSuspensionDays = 3;
        QVERIFY(rules.save(*m_db, QStringLiteral("root")).has_value());
        auto loaded = PenaltyRules::load(*m_db);
        QVERIFY(loaded.has_value());
        QVERIFY(*loaded == rules);
        AuditQuery q;
        q.actionPrefix = QStringLiteral("settings.");
        auto events = AuditLog::query(*m_db, q);
        QVERIFY(events && events->size() == 1);
        QCOMPARE(events->first().before.value(QLatin1String("penalty.points.harassment")).toInt(), 20);
        QCOMPARE(events->first().after.value(QLatin1String("penalty.points.harassment")).toInt(), 25);

        auto outcome = service().uphold(complain(ComplaintCategory::Harassment), QStringLiteral("rita"), {});
        QVERIFY(outcome.has_value());
        QCOMPARE(outcome->scoreAfter, 75);

        PenaltyRules bad;
        bad.longSuspensionBelow = 70; // above the short threshold
        auto refused = bad.save(*m_db, QStringLiteral("root"));
        QVERIFY(!refused.has_value());
        QVERIFY(refused.error().message.contains(QLatin1String("order")));
        QVERIFY(*PenaltyRules::load(*m_db) == rules);
    }

    void upheldHarassmentDeducts20()
    {
        const qint64 complaint = complain(ComplaintCategory::Harassment);
        QVERIFY(complaint > 0);
        auto outcome = service().uphold(complaint, QStringLiteral("rita"), QStringLiteral("clearly abusive"));
        QVERIFY2(outcome.has_value(), outcome ? "" : qPrintable(outcome.error().message));
        QCOMPARE(outcome->scoreBefore, 100);
        QCOMPARE(outcome->scoreAfter, 80);
        QVERIFY(outcome->status == AppStatus::Active);
        QCOMPARE(outcome->penaltyIds.size(), 1);
        QCOMPARE(app().creditScore, 80);
        QVERIFY(app().status == AppStatus::Active);

        auto c = ComplaintRepository(*m_db).find(complaint);
        QVERIFY(c && *c);
        QVERIFY((*c)->status == ComplaintStatus::Upheld);
        QCOMPARE((*c)->reviewer, QStringLiteral("rita"));
        QCOMPARE((*c)->note, QStringLiteral("clearly abusive"));
        QCOMPARE((*c)->decidedAt, m_now);

        auto history = service().history(m_appId);
        QVERIFY(history && history->size() == 1);
        const PenaltyRecord &p = history->first();
        QVERIFY(p.kind == PenaltyKind::Deduct);
        QCOMPARE(p.points, 20);
        QCOMPARE(p.scoreBefore, 100);
        QCOMPARE(p.scoreAfter, 80);
        QCOMPARE(p.complaintId, complaint);
        QVERIFY(p.complaintCategory == ComplaintCategory::Harassment);
        QCOMPARE(p.complaintText, QStringLiteral("stop this"));
        QCOMPARE(p.appliedBy, QStringLiteral("rita"));
        QCOMPARE(p.appliedAt, m_now);

        AuditQuery q;
        q.newestFirst = false;
        auto events = AuditLog::query(*m_db, q);
        QVERIFY(events && events->size() == 2);
        QCOMPARE(events->at(0).action, QString(audit::ComplaintUphold));
        QCOMPARE(events->at(0).recordId, complaint);
        QCOMPARE(events->at(0).operatorName, QStringLiteral("rita"));
        QCOMPARE(events->at(1).action, QString(audit::PenaltyApply));
        QCOMPARE(events->at(1).before.value(QLatin1String("app")).toObject().value(QLatin1String("credit_score")).toInt(), 100);
        QCOMPARE(events->at(1).after.value(QLatin1String("app")).toObject().value(QLatin1String("credit_score")).toInt(), 80);

        // Decided once only.
        auto again = service().uphold(complaint, QStringLiteral("sam"), {});
        QVERIFY(!again.has_value());
        QVERIFY(again.error().message.contains(QLatin1String("already decided")));
        QCOMPARE(app().creditScore, 80);
    }

    void crossingThresholds()
    {
        auto svc = service();
        // 100 - fraud 50 = 50: below 60, suspended for 7 days.
        auto first = svc.uphold(complain(ComplaintCategory::Fraud), QStringLiteral("rita"), {});
        QVERIFY(first.has_value());
        QCOMPARE(first->scoreAfter, 50);
        QVERIFY(first->status == AppStatus::Suspended);
        QCOMPARE(first->suspendedUntil, m_now.addDays(7));
        QCOMPARE(first->penaltyIds.size(), 2);
        QVERIFY(app().status == AppStatus::Suspended);
        QCOMPARE(app().suspendedUntil, m_now.addDays(7));

        // 50 - advertising 10 = 40: no threshold crossed, no new suspension.
        m_now = m_now.addDays(1);
        auto second = svc.uphold(complain(ComplaintCategory::Advertising), QStringLiteral("rita"), {});
        QVERIFY(second.has_value());
        QCOMPARE(second->scoreAfter, 40);
        QCOMPARE(second->penaltyIds.size(), 1);
        QCOMPARE(app().suspendedUntil, m_now.addDays(6));

        // 40 - harassment 20 = 20: below 30, suspended for 30 days from now.
        auto third = svc.uphold(complain(ComplaintCategory::Harassment), QStringLiteral("sam"), {});
        QVERIFY(third.has_value());
        QCOMPARE(third->scoreAfter, 20);
        QCOMPARE(third->penaltyIds.size(), 2);
        QCOMPARE(app().suspendedUntil, m_now.addDays(30));

        // 20 - illegal 50 = -30: at or below 0, banned.
        auto fourth = svc.uphold(complain(ComplaintCategory::Illegal), QStringLiteral("sam"), {});
        QVERIFY(fourth.has_value());
        QCOMPARE(fourth->scoreAfter, -30);
        QVERIFY(fourth->status == AppStatus::Banned);
        QVERIFY(app().status == AppStatus::Banned);

        auto history = svc.history(m_appId);
        QVERIFY(history.has_value());
        QCOMPARE(history->size(), 7);
        QVERIFY(history->at(0).kind == PenaltyKind::Ban);
        QCOMPARE(history->at(0).appliedBy, QStringLiteral("sam"));
        QVERIFY(history->at(1).kind == PenaltyKind::Deduct);
        QCOMPARE(history->at(1).scoreBefore, 20);
        QCOMPARE(history->at(1).scoreAfter, -30);
        QVERIFY(history->at(2).kind == PenaltyKind::Suspend);
        QCOMPARE(history->at(2).until, m_now.addDays(30));
        QVERIFY(history->last().kind == PenaltyKind::Deduct);
        QCOMPARE(history->last().scoreBefore, 100);
    }

    void jumpPastBothSuspensionsTakesTheLonger()
    {
        setScore(65);
        auto outcome = service().uphold(complain(ComplaintCategory::Fraud), QStringLiteral("rita"), {});
        QVERIFY(outcome.has_value());
        QCOMPARE(outcome->scoreAfter, 15);
        QCOMPARE(outcome->suspendedUntil, m_now.addDays(30));
        QCOMPARE(outcome->penaltyIds.size(), 2);
    }

    void dismissChangesNothing()
    {
        const qint64 complaint = complain(ComplaintCategory::Fraud);
        const qint64 penaltiesBefore = scalar(QStringLiteral("SELECT COUNT(*) FROM penalties"));
        QVERIFY(service().dismiss(complaint, QStringLiteral("rita"), QStringLiteral("a normal order update")).has_value());
        auto c = ComplaintRepository(*m_db).find(complaint);
        QVERIFY(c && *c);
        QVERIFY((*c)->status == ComplaintStatus::Dismissed);
        QCOMPARE((*c)->note, QStringLiteral("a normal order update"));
        QCOMPARE(app().creditScore, 100);
        QVERIFY(app().status == AppStatus::Active);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM penalties")), penaltiesBefore);
        auto queue = ComplaintRepository(*m_db).openQueue();
        QVERIFY(queue && queue->isEmpty());
        QVERIFY(!service().uphold(complaint, QStringLiteral("sam"), {}).has_value());
        QVERIFY(!service().dismiss(complaint, QString(), {}).has_value());
        QCOMPARE(app().creditScore, 100);
    }

    void complaintsReferToTheirMessage()
    {
        ComplaintRepository repo(*m_db);
        Complaint none;
        none.appId = m_appId;
        QVERIFY(!repo.create(none).has_value());
        Complaint missing;
        missing.broadcastId = 9999;
        QVERIFY(!repo.create(missing).has_value());

        PlannedDelivery row;
        row.subscriberId = m_subscriberId;
        QVERIFY(BroadcastRepository(*m_db).plan(m_broadcastId, m_appId, {row}, m_subscriberId, true).has_value());
        const qint64 deliveryId = scalar(QStringLiteral("SELECT MAX(id) FROM deliveries"));
        Complaint viaDelivery;
        viaDelivery.deliveryId = deliveryId;
        viaDelivery.category = ComplaintCategory::Advertising;
        auto id = repo.create(viaDelivery);
        QVERIFY2(id.has_value(), id ? "" : qPrintable(id.error().message));
        auto c = repo.find(*id);
        QVERIFY(c && *c);
        QCOMPARE((*c)->appId, m_appId);
        QCOMPARE((*c)->broadcastId, m_broadcastId);
        QCOMPARE((*c)->subscriberId, m_subscriberId);
        QVERIFY((*c)->status == ComplaintStatus::Open);

        const qint64 second = complain(ComplaintCategory::Other);
        auto queue = repo.openQueue();
        QVERIFY(queue && queue->size() == 2);
        QCOMPARE(queue->first().id, *id);
        QCOMPARE(*repo.openCount(m_appId), qint64(2));
        QVERIFY(service().uphold(second, QStringLiteral("rita"), {}).has_value());
        QCOMPARE(*repo.openCount(), qint64(1));
        QCOMPARE(app().creditScore, 95);
    }

    void manualActions()
    {
        auto svc = service();
        QVERIFY(!svc.deduct(m_appId, 15, QString(), QStringLiteral("alice")).has_value());
        QVERIFY(!svc.deduct(m_appId, 0, QStringLiteral("spam"), QStringLiteral("alice")).has_value());
        QVERIFY(!svc.deduct(9999, 15, QStringLiteral("spam"), QStringLiteral("alice")).has_value());
        auto d = svc.deduct(m_appId, 15, QStringLiteral("spam at night"), QStringLiteral("alice"));
        QVERIFY(d.has_value());
        QCOMPARE(d->scoreAfter, 85);

        QVERIFY(!svc.suspend(m_appId, 0, QStringLiteral("why"), QStringLiteral("alice")).has_value());
        QVERIFY(!svc.suspend(m_appId, 3, QStringLiteral(" "), QStringLiteral("alice")).has_value());
        auto s = svc.suspend(m_appId, 3, QStringLiteral("investigating"), QStringLiteral("alice"));
        QVERIFY(s.has_value());
        QVERIFY(app().status == AppStatus::Suspended);
        QCOMPARE(app().suspendedUntil, m_now.addDays(3));
        QCOMPARE(app().creditScore, 85);

        QVERIFY(!svc.ban(m_appId, QString(), QStringLiteral("alice")).has_value());
        QVERIFY(svc.ban(m_appId, QStringLiteral("phishing"), QStringLiteral("alice")).has_value());
        QVERIFY(app().status == AppStatus::Banned);
        QVERIFY(!app().suspendedUntil.isValid());
        QVERIFY(!svc.ban(m_appId, QStringLiteral("again"), QStringLiteral("alice")).has_value());
        QVERIFY(!svc.suspend(m_appId, 3, QStringLiteral("more"), QStringLiteral("alice")).has_value());

        auto history = svc.history(m_appId);
        QVERIFY(history && history->size() == 3);
        QCOMPARE(history->at(0).reason, QStringLiteral("phishing"));
        QCOMPARE(history->at(1).reason, QStringLiteral("investigating"));
        QCOMPARE(history->at(2).reason, QStringLiteral("spam at night"));
        QCOMPARE(history->at(2).complaintId, qint64(0));
        for (const auto &p : *history)
            QCOMPARE(p.appliedBy, QStringLiteral("alice"));
        AuditQuery q;
        q.actionPrefix = QStringLiteral("penalty.");
        QCOMPARE(*AuditLog::count(*m_db, q), qint64(3));
    }

    void liftingABanNeedsAnAdminAndAReason()
    {
        auto svc = service();
        QVERIFY(svc.ban(m_appId, QStringLiteral("phishing"), QStringLiteral("alice")).has_value());
        const QString before = snapshot();
        auto noReason = svc.liftBan(m_appId, QStringLiteral("root"), QStringLiteral("  "));
        QVERIFY(!noReason.has_value());
        QVERIFY(noReason.error().message.contains(QLatin1String("reason")));
        QVERIFY(!svc.liftBan(m_appId, QString(), QStringLiteral("appeal accepted")).has_value());
        QCOMPARE(snapshot(), before);
        QVERIFY(app().status == AppStatus::Banned);

        m_now = m_now.addDays(2);
        QVERIFY(svc.liftBan(m_appId, QStringLiteral("root"), QStringLiteral("appeal accepted"), 60).has_value());
        QVERIFY(app().status == AppStatus::Active);
        QCOMPARE(app().creditScore, 60);
        auto history = svc.history(m_appId);
        QVERIFY(history && history->size() == 1);
        QVERIFY(history->first().lifted());
        QCOMPARE(history->first().liftedBy, QStringLiteral("root"));
        QCOMPARE(history->first().liftedAt, m_now);
        QCOMPARE(history->first().liftReason, QStringLiteral("appeal accepted"));
        QVERIFY(!svc.liftBan(m_appId, QStringLiteral("root"), QStringLiteral("twice")).has_value());
        AuditQuery q;
        q.actionPrefix = QString(audit::PenaltyLift);
        auto lifts = AuditLog::query(*m_db, q);
        QVERIFY(lifts && lifts->size() == 1);
        QCOMPARE(lifts->first().operatorName, QStringLiteral("root"));
        QCOMPARE(lifts->first().after.value(QLatin1String("reason")).toString(), QStringLiteral("appeal accepted"));
    }

    void dueSuspensionsLiftThemselves()
    {
        auto svc = service();
        const QDateTime start = m_now;
        QVERIFY(svc.suspend(m_appId, 7, QStringLiteral("too many pushes"), QStringLiteral("alice")).has_value());
        m_now = start.addDays(7).addSecs(-1);
        auto early = svc.liftDueSuspensions();
        QVERIFY(early.has_value());
        QCOMPARE(*early, 0);
        QVERIFY(app().status == AppStatus::Suspended);

        m_now = start.addDays(7);
        auto due = svc.liftDueSuspensions();
        QVERIFY(due.has_value());
        QCOMPARE(*due, 1);
        QVERIFY(app().status == AppStatus::Active);
        QVERIFY(!app().suspendedUntil.isValid());
        auto history = svc.history(m_appId);
        QVERIFY(history && history->size() == 1);
        QCOMPARE(history->first().liftedBy, AuditLog::systemOperator());
        QCOMPARE(history->first().liftedAt, m_now);
        QCOMPARE(*svc.liftDueSuspensions(), 0);
        AuditQuery q;
        q.operatorName = AuditLog::systemOperator();
        auto events = AuditLog::query(*m_db, q);
        QVERIFY(events && events->size() == 1);
        QCOMPARE(events->first().action, QString(audit::PenaltyLift));

        // A ban does not run out.
        QVERIFY(svc.ban(m_appId, QStringLiteral("phishing"), QStringLiteral("alice")).has_value());
        m_now = m_now.addYears(5);
        QCOMPARE(*svc.liftDueSuspensions(), 0);
        QVERIFY(app().status == AppStatus::Banned);
    }

    void liftingASuspensionEarly()
    {
        auto svc = service();
        QVERIFY(!svc.liftSuspension(m_appId, QStringLiteral("root"), QStringLiteral("not suspended")).has_value());
        QVERIFY(svc.suspend(m_appId, 7, QStringLiteral("too many pushes"), QStringLiteral("alice")).has_value());
        QVERIFY(!svc.liftSuspension(m_appId, QStringLiteral("root"), QString()).has_value());
        QVERIFY(svc.liftSuspension(m_appId, QStringLiteral("root"), QStringLiteral("fixed their cron")).has_value());
        QVERIFY(app().status == AppStatus::Active);
        QCOMPARE(svc.history(m_appId)->first().liftedBy, QStringLiteral("root"));
    }

    void aDecisionIsOneTransaction()
    {
        setScore(65);
        const qint64 complaint = complain(ComplaintCategory::Harassment);
        const QString before = snapshot();

        // A complaint that does not exist.
        QVERIFY(!service().uphold(complaint + 100, QStringLiteral("rita"), {}).has_value());
        QCOMPARE(snapshot(), before);

        // Fail at the last step (the suspension's row), after the complaint, the score, the deduction
        // and two audit events were written: all of it must roll back.
        QSqlQuery q(m_db->db());
        QVERIFY(q.exec(QStringLiteral("CREATE TRIGGER fail_suspend BEFORE INSERT ON penalties WHEN NEW.kind = 'suspend' "
                                      "BEGIN SELECT RAISE(ABORT, 'forced failure'); END")));
        auto failed = service().uphold(complaint, QStringLiteral("rita"), QStringLiteral("note"));
        QVERIFY(!failed.has_value());
        QVERIFY(failed.error().message.contains(QLatin1String("forced failure")));
        QCOMPARE(snapshot(), before);
        QCOMPARE(app().creditScore, 65);
        QVERIFY((*ComplaintRepository(*m_db).find(complaint))->status == ComplaintStatus::Open);

        QVERIFY(q.exec(QStringLiteral("DROP TRIGGER fail_suspend")));
        auto ok = service().uphold(complaint, QStringLiteral("rita"), QStringLiteral("note"));
        QVERIFY(ok.has_value());
        QCOMPARE(ok->scoreAfter, 45);
        QVERIFY(app().status == AppStatus::Suspended);
    }
};

QTEST_GUILESS_MAIN(TestPenalties)
#include "tst_penalties.moc"
