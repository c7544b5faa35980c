// The audit log: recording, filters and paging, append-only, and no secrets in it.
#include "audit/auditlog.h"
#include "store/database.h"
#include "store/listing.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace pushdesk;

class TestAudit : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    const QDateTime m_t0 = QDateTime(QDate(2026, 5, 1), QTime(8, 0), Qt::UTC);

    qint64 add(const QString &who, QLatin1String action, QLatin1String type, qint64 id, int minutes,
               const QJsonObject &before = {}, const QJsonObject &after = {})
    {
        AuditEvent e;
        e.operatorName = who;
        e.action = action;
        e.recordType = type;
        e.recordId = id;
        e.at = m_t0.addSecs(minutes * 60);
        e.before = before;
        e.after = after;
        auto r = AuditLog::record(*m_db, e);
        if (!r)
            qWarning() << r.error().message;
        return r.value_or(0);
    }

    QStringList actionsOf(const AuditQuery &q)
    {
        QStringList out;
        auto events = AuditLog::query(*m_db, q);
        if (!events)
            return {QStringLiteral("error: ") + events.error().message};
        for (const auto &e : *events)
            out.append(e.action);
        return out;
    }

    QString raw(const QString &sql)
    {
        QSqlQuery q(m_db->db());
        if (!q.exec(sql))
            return QStringLiteral("error");
        QString out;
        while (q.next())
            out += q.value(0).toString() + QLatin1Char('\n');
        return out;
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_db.reset();
        QFile::remove(testsupport::databasePath(m_dir));
        auto db = Database::open(DatabaseConfig::sqlite(testsupport::databasePath(m_dir)), QStringLiteral("audit"));
        QVERIFY(db.has_value());
        m_db = std::move(*db);
        QVERIFY(add(QStringLiteral("alice"), audit::BroadcastCreate, audit::TypeBroadcast, 7, 0) > 0);
        QVERIFY(add(QStringLiteral("alice"), audit::BroadcastSend, audit::TypeBroadcast, 7, 1) > 0);
        QVERIFY(add(QStringLiteral("rita"), audit::ComplaintUphold, audit::TypeComplaint, 3, 10,
                    {{QStringLiteral("status"), QStringLiteral("open")}},
                    {{QStringLiteral("status"), QStringLiteral("upheld")}})
                > 0);
        QVERIFY(add(QStringLiteral("rita"), audit::PenaltyApply, audit::TypePenalty, 1, 10) > 0);
        QVERIFY(add(QStringLiteral("root"), audit::PenaltyLift, audit::TypePenalty, 1, 60 * 24) > 0);
        QVERIFY(add(QStringLiteral("alice"), audit::BindingEdit, audit::TypeBinding, 42, 60 * 48,
                    {{QStringLiteral("state"), QStringLiteral("active")}},
                    {{QStringLiteral("state"), QStringLiteral("muted")}})
                > 0);
    }

    void cleanup() { m_db.reset(); }

    void recordsAndReadsBack()
    {
        AuditQuery q;
        q.recordType = QString(audit::TypeComplaint);
        q.recordId = 3;
        auto events = AuditLog::query(*m_db, q);
        QVERIFY(events && events->size() == 1);
        const AuditEvent &e = events->first();
        QVERIFY(e.id > 0);
        QCOMPARE(e.operatorName, QStringLiteral("rita"));
        QCOMPARE(e.action, QStringLiteral("complaint.uphold"));
        QCOMPARE(e.at, m_t0.addSecs(600));
        QCOMPARE(e.before.value(QLatin1String("status")).toString(), QStringLiteral("open"));
        QCOMPARE(e.after.value(QLatin1String("status")).toString(), QStringLiteral("upheld"));
        // Stored compact.
        QCOMPARE(raw(QStringLiteral("SELECT after_json FROM audit_events WHERE record_type = 'complaint'")),
                 QStringLiteral("{\"status\":\"upheld\"}\n"));
        // Who and what are required.
        AuditEvent anonymous;
        anonymous.action = QStringLiteral("app.edit");
        QVERIFY(!AuditLog::record(*m_db, anonymous).has_value());
        AuditEvent nothing;
        nothing.operatorName = QStringLiteral("alice");
        QVERIFY(!AuditLog::record(*m_db, nothing).has_value());
        // Without a time, now.
        AuditEvent now;
        now.operatorName = QStringLiteral("bob");
        now.action = QString(audit::AppEdit);
        const QDateTime before = QDateTime::currentDateTime().addSecs(-1);
        QVERIFY(AuditLog::record(*m_db, now).has_value());
        AuditQuery bob;
        bob.operatorName = QStringLiteral("bob");
        auto bobs = AuditLog::query(*m_db, bob);
        QVERIFY(bobs && bobs->size() == 1);
        QVERIFY(bobs->first().at >= before);
    }

    void filters()
    {
        AuditQuery all;
        QCOMPARE(actionsOf(all), (QStringList{"binding.edit", "penalty.lift", "penalty.apply", "complaint.uphold",
                                              "broadcast.send", "broadcast.create"}));
        all.newestFirst = false;
        QCOMPARE(actionsOf(all).first(), QStringLiteral("broadcast.create"));

        AuditQuery byOperator;
        byOperator.operatorName = QStringLiteral("alice");
        QCOMPARE(actionsOf(byOperator), (QStringList{"binding.edit", "broadcast.send", "broadcast.create"}));

        AuditQuery byPrefix;
        byPrefix.actionPrefix = QStringLiteral("penalty.");
        QCOMPARE(actionsOf(byPrefix), (QStringList{"penalty.lift", "penalty.apply"}));
        byPrefix.actionPrefix = QStringLiteral("broadcast.send");
        QCOMPARE(actionsOf(byPrefix), QStringList{"broadcast.send"});
        byPrefix.actionPrefix = QStringLiteral("penalty_"); // "_" is not a wildcard
        QCOMPARE(actionsOf(byPrefix), QStringList());
        byPrefix.actionPrefix = QStringLiteral("%");
        QCOMPARE(actionsOf(byPrefix), QStringList());

        AuditQuery byRecord;
        byRecord.recordType = QString(audit::TypePenalty);
        QCOMPARE(actionsOf(byRecord), (QStringList{"penalty.lift", "penalty.apply"}));
        byRecord.recordType = QString(audit::TypeBroadcast);
        byRecord.recordId = 7;
        QCOMPARE(actionsOf(byRecord).size(), 2);
        byRecord.recordId = 8;
        QCOMPARE(actionsOf(byRecord), QStringList());

        AuditQuery byTime;
        byTime.from = m_t0.addSecs(60);            // inclusive
        byTime.to = m_t0.addSecs(60 * 60 * 24);    // exclusive
        QCOMPARE(actionsOf(byTime), (QStringList{"penalty.apply", "complaint.uphold", "broadcast.send"}));
        QCOMPARE(*AuditLog::count(*m_db, byTime), qint64(3));

        AuditQuery combined;
        combined.operatorName = QStringLiteral("rita");
        combined.actionPrefix = QStringLiteral("complaint.");
        combined.from = m_t0;
        QCOMPARE(actionsOf(combined), QStringList{"complaint.uphold"});
    }

    void paging()
    {
        AuditQuery page;
        page.limit = 2;
        QCOMPARE(actionsOf(page), (QStringList{"binding.edit", "penalty.lift"}));
        page.offset = 2;
        QCOMPARE(actionsOf(page), (QStringList{"penalty.apply", "complaint.uphold"}));
        page.offset = 4;
        QCOMPARE(actionsOf(page), (QStringList{"broadcast.send", "broadcast.create"}));
        page.offset = 6;
        QCOMPARE(actionsOf(page), QStringList());
        QCOMPARE(*AuditLog::count(*m_db, page), qint64(6)); // count ignores paging

        QCOMPARE(*AuditLog::operators(*m_db), (QStringList{"alice", "rita", "root"}));
        QVERIFY(AuditLog::actions(*m_db)->contains(QStringLiteral("penalty.lift")));

        auto rows = Listing::fetch(*m_db, AuditLog::listing(), {}, 0, 3);
        QVERIFY(rows && rows->size() == 3);
        QCOMPARE(rows->first().values.at(2).toString(), QStringLiteral("binding.edit"));
        ListingFilter f;
        f.equals = {{QStringLiteral("operator"), QStringLiteral("root")}};
        QCOMPARE(*Listing::count(*m_db, AuditLog::listing(), f), qint64(1));
    }

    void appendOnly()
    {
        const QString before = raw(QStringLiteral("SELECT id || operator || action || at FROM audit_events ORDER BY id"));
        QSqlQuery q(m_db->db());
        QVERIFY(!q.exec(QStringLiteral("UPDATE audit_events SET operator = 'mallory' WHERE action = 'penalty.lift'")));
        QVERIFY(q.lastError().text().contains(QLatin1String("append-only")));
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM audit_events WHERE operator = 'root'")));
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM audit_events")));
        QCOMPARE(raw(QStringLiteral("SELECT id || operator || action || at FROM audit_events ORDER BY id")), before);
        // Also inside a transaction that otherwise succeeds.
        auto r = m_db->transaction([&]() -> Result<void> {
            QSqlQuery u(m_db->db());
            u.prepare(QStringLiteral("UPDATE audit_events SET after_json = ? WHERE id = ?"));
            u.addBindValue(QStringLiteral("{}"));
            u.addBindValue(1);
            return exec(u);
        });
        QVERIFY(!r.has_value());
        QCOMPARE(raw(QStringLiteral("SELECT id || operator || action || at FROM audit_events ORDER BY id")), before);
    }

    void secretsAreMasked()
    {
        QVERIFY(AuditLog::isSecretKey(QStringLiteral("appsecret")));
        QVERIFY(AuditLog::isSecretKey(QStringLiteral("SMTP_Password")));
        QVERIFY(AuditLog::isSecretKey(QStringLiteral("access_token")));
        QVERIFY(AuditLog::isSecretKey(QStringLiteral("apiKey")));
        QVERIFY(AuditLog::isSecretKey(QStringLiteral("webhook_secret")));
        QVERIFY(!AuditLog::isSecretKey(QStringLiteral("name")));
        QVERIFY(!AuditLog::isSecretKey(QStringLiteral("appid")));

        const QJsonObject before{{QStringLiteral("name"), QStringLiteral("shop")},
                                 {QStringLiteral("appsecret"), QStringLiteral("OLD-S3CR3T-VALUE")}};
        const QJsonObject after{
            {QStringLiteral("name"), QStringLiteral("shop")},
            {QStringLiteral("appsecret"), QStringLiteral("NEW-S3CR3T-VALUE")},
            {QStringLiteral("smtp"), QJsonObject{{QStringLiteral("user"), QStringLiteral("mailer")},
                                                 {QStringLiteral("password"), QStringLiteral("PW-HUNTER2")}}},
            {QStringLiteral("keys"), QJsonArray{QJsonObject{{QStringLiteral("api_key"), QStringLiteral("AK-123456")}}}},
            {QStringLiteral("access_token"), QStringLiteral("TOKEN-ABCDEF")},
        };
        const qint64 id = add(QStringLiteral("root"), audit::AppSecretReplace, audit::TypeApp, 1, 5, before, after);
        QVERIFY(id > 0);
        const QString stored = raw(QStringLiteral("SELECT before_json || after_json FROM audit_events WHERE id = %1").arg(id));
        for (const char *secret : {"OLD-S3CR3T-VALUE", "NEW-S3CR3T-VALUE", "PW-HUNTER2", "AK-123456", "TOKEN-ABCDEF"})
            QVERIFY2(!stored.contains(QLatin1String(secret)), secret);
        QVERIFY(stored.contains(QLatin1String("mailer")));
        QVERIFY(stored.contains(QLatin1String("shop")));

        AuditQuery q;
        q.recordType = QString(audit::TypeApp);
        auto events = AuditLog::query(*m_db, q);
        QVERIFY(events && events->size() == 1);
        QCOMPARE(events->first().after.value(QLatin1String("appsecret")).toString(), QStringLiteral("***"));
        QCOMPARE(events->first().after.value(QLatin1String("smtp")).toObject().value(QLatin1String("password")).toString(),
                 QStringLiteral("***"));
        QCOMPARE(events->first().after.value(QLatin1String("smtp")).toObject().value(QLatin1String("user")).toString(),
                 QStringLiteral("mailer"));
    }
};

QTEST_GUILESS_MAIN(TestAudit)
#include "tst_audit.moc"
