// Issue 6, audit: every operator action writes an audit event with who, when, what, which record, and
// before and after. Each action is driven the way an operator does it (the Apps and Settings pages
// through their named widgets; the services the other pages call for the rest), and its event is
// found: binding edits, complaint decisions, penalties and lifts, broadcasts created, sent, paused and
// cancelled (also while the engine runs it), app creation, edits, disabling, secret replacement (that it
// changed, never the value) and settings.
#include "audit/auditlog.h"
#include "console/settings.h"
#include "engine/broadcastcontrol.h"
#include "engine/broadcastengine.h"
#include "pages/appspage.h"
#include "pages/settingspage.h"
#include "policy/complaints.h"
#include "policy/penalties.h"
#include "secrets/secretstore.h"
#include "store/apprepository.h"
#include "store/broadcastrepository.h"
#include "store/eventrepository.h"
#include "store/subscriberrepository.h"
#include "testsupport.h"
#include "workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace pushdesk;
using namespace testsupport;

namespace {
const QString kOperator = QStringLiteral("auditor-amy");
const QString kSecret = QStringLiteral("Audit-S3cret-d00d-7731");

using testsupport::child;
} // namespace

class tst_UiAudit : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;

    // The events of one action on one record, oldest first.
    QList<AuditEvent> eventsOf(QLatin1String action, QLatin1String type, qint64 id = 0)
    {
        AuditQuery q;
        q.actionPrefix = action;
        q.recordType = type;
        q.recordId = id;
        q.newestFirst = false;
        auto events = AuditLog::query(m_ws->db(), q);
        if (!events) {
            qWarning() << events.error().message;
            return {};
        }
        QList<AuditEvent> exact;
        for (const auto &e : *events)
            if (e.action == action)
                exact.append(e);
        return exact;
    }

    // The one event of an action on a record, by the operator, made just now.
    bool findOne(QLatin1String action, QLatin1String type, qint64 id, AuditEvent *out, const QString &who = kOperator)
    {
        const auto events = eventsOf(action, type, id);
        if (events.size() != 1) {
            qWarning() << action << "on" << type << id << ":" << events.size() << "events";
            return false;
        }
        *out = events.first();
        if (out->operatorName != who || !out->at.isValid() || out->at.secsTo(QDateTime::currentDateTime()) > 600) {
            qWarning() << "who/when" << out->operatorName << out->at;
            return false;
        }
        return true;
    }

private slots:
    void initTestCase()
    {
        WorkspaceOptions options;
        options.secrets = std::make_shared<MemorySecretStore>();
        options.alwaysSandbox = true;
        options.engine.concurrency = 1;
        auto ws = Workspace::open(DatabaseConfig::sqlite(m_dir.filePath(QStringLiteral("audit.db"))), options);
        QVERIFY2(ws.has_value(), ws ? "" : qPrintable(ws.error().message));
        m_ws = std::move(*ws);
        m_ws->setOperatorName(kOperator);
    }

    void cleanupTestCase() { m_ws.reset(); }

    void appCreateEditDisableAndSecret()
    {
        AppsPage page(*m_ws);
        page.startNewApp();
        child<QLineEdit>(&page, "nameEdit")->setText(QStringLiteral("shop"));
        child<QLineEdit>(&page, "appidEdit")->setText(QStringLiteral("wxshop"));
        child<QLineEdit>(&page, "upstreamEdit")->setText(QStringLiteral("sandbox"));
        child<QLineEdit>(&page, "appSecretEdit")->setText(kSecret);
        QVERIFY2(page.save(), qPrintable(child<QLabel>(&page, "messageLabel")->text()));
        const qint64 id = page.currentAppId();
        QVERIFY(id > 0);

        AuditEvent e;
        QVERIFY(findOne(audit::AppCreate, audit::TypeApp, id, &e));
        QVERIFY(e.before.isEmpty()); // a creation
        QCOMPARE(e.after.value(QStringLiteral("name")).toString(), QStringLiteral("shop"));
        QCOMPARE(e.after.value(QStringLiteral("appid")).toString(), QStringLiteral("wxshop"));

        QVERIFY(findOne(audit::AppSecretReplace, audit::TypeApp, id, &e));
        QCOMPARE(e.before.value(QStringLiteral("kept_in")).toString(), QStringLiteral("nowhere"));
        QCOMPARE(e.after.value(QStringLiteral("kept_in")).toString(), QStringLiteral("keychain"));
        QCOMPARE(e.after.value(QStringLiteral("changed")).toBool(), true);
        QCOMPARE(e.after.value(QStringLiteral("which")).toString(), SecretStore::appSecretKey(id));
        QCOMPARE(*m_ws->secrets().read(SecretStore::appSecretKey(id)), std::optional<QString>(kSecret));

        // An edit: the contact, before and after.
        page.showApp(id);
        child<QLineEdit>(&page, "contactEdit")->setText(QStringLiteral("ops@shop.example"));
        QVERIFY(page.save());
        QVERIFY(findOne(audit::AppEdit, audit::TypeApp, id, &e));
        QCOMPARE(e.before.value(QStringLiteral("contact")).toString(), QString());
        QCOMPARE(e.after.value(QStringLiteral("contact")).toString(), QStringLiteral("ops@shop.example"));

        // Disabling and enabling.
        child<QCheckBox>(&page, "disabledCheck")->setChecked(true);
        QVERIFY(page.save());
        QVERIFY(findOne(audit::AppDisable, audit::TypeApp, id, &e));
        QCOMPARE(e.before.value(QStringLiteral("disabled")).toBool(), false);
        QCOMPARE(e.after.value(QStringLiteral("disabled")).toBool(), true);
        QVERIFY((*AppRepository(m_ws->db()).findById(id))->disabled);
        child<QCheckBox>(&page, "disabledCheck")->setChecked(false);
        QVERIFY(page.save());
        QVERIFY(findOne(audit::AppEnable, audit::TypeApp, id, &e));
        QCOMPARE(e.after.value(QStringLiteral("disabled")).toBool(), false);

        // The secret replaced: recorded that it changed and where it was, never its value.
        child<QLineEdit>(&page, "appSecretEdit")->setText(kSecret + QStringLiteral("-new"));
        QVERIFY(page.save());
        const auto replaced = eventsOf(audit::AppSecretReplace, audit::TypeApp, id);
        QCOMPARE(replaced.size(), 2);
        QCOMPARE(replaced.last().before.value(QStringLiteral("kept_in")).toString(), QStringLiteral("keychain"));
        AuditQuery all;
        all.limit = 1000;
        const auto everything = AuditLog::query(m_ws->db(), all);
        QVERIFY(everything && everything->size() >= 6);
        for (const auto &event : *everything) {
            const QString text = QString::fromUtf8(QJsonDocument(event.before).toJson() + QJsonDocument(event.after).toJson());
            QVERIFY2(!text.contains(kSecret), qPrintable(event.action));
        }
        QDirIterator files(m_dir.path(), QDir::Files);
        while (files.hasNext()) {
            QFile f(files.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(kSecret.toUtf8()), qPrintable(f.fileName()));
        }
    }

    void settingsEdits()
    {
        ConsoleSettings settings(m_dir.filePath(QStringLiteral("settings.ini")));
        SettingsPage page(*m_ws, settings);
        const int concurrencyBefore = settings.engineConcurrency();
        child<QSpinBox>(&page, "concurrencySpin")->setValue(32);
        child<QSpinBox>(&page, "confirmAboveSpin")->setValue(50);
        QVERIFY(page.save());
        AuditEvent e;
        QVERIFY(findOne(audit::SettingsEdit, audit::TypeSettings, 0, &e));
        QCOMPARE(e.before.value(QStringLiteral("engine_concurrency")).toInt(), concurrencyBefore);
        QCOMPARE(e.after.value(QStringLiteral("engine_concurrency")).toInt(), 32);
        QCOMPARE(e.before.value(QStringLiteral("confirm_above")).toInteger(), ConsoleSettings::kDefaultConfirmAbove);
        QCOMPARE(e.after.value(QStringLiteral("confirm_above")).toInteger(), qint64(50));
        QVERIFY(!e.after.contains(QStringLiteral("operator"))); // only what changed
        // Saving again without a change records nothing.
        QVERIFY(page.save());
        QCOMPARE(eventsOf(audit::SettingsEdit, audit::TypeSettings).size(), 1);
        // The operator's name is a setting too; the event names the operator who is now at the desk.
        child<QLineEdit>(&page, "operatorEdit")->setText(QStringLiteral("auditor-bob"));
        QVERIFY(page.save());
        const auto edits = eventsOf(audit::SettingsEdit, audit::TypeSettings);
        QCOMPARE(edits.size(), 2);
        QCOMPARE(edits.last().operatorName, QStringLiteral("auditor-bob"));
        QCOMPARE(edits.last().before.value(QStringLiteral("operator")).toString(), kOperator);
        QCOMPARE(edits.last().after.value(QStringLiteral("operator")).toString(), QStringLiteral("auditor-bob"));
        m_ws->setOperatorName(kOperator);
    }

    void broadcastsCreatedSentPausedCancelled()
    {
        App app;
        app.name = QStringLiteral("news");
        app.appid = QStringLiteral("wxnews");
        const qint64 appId = *AppRepository(m_ws->db()).create(app);
        Template t;
        t.appId = appId;
        t.name = QStringLiteral("notice");
        t.csText = QStringLiteral("{{message}}");
        const qint64 templateId = *TemplateRepository(m_ws->db()).create(t);
        QList<Subscriber> people;
        QJsonArray followers;
        for (int i = 0; i < 200; ++i) {
            Subscriber s;
            s.mpOpenid = QStringLiteral("oNews%1").arg(i);
            s.lastInteraction = QDateTime::currentDateTime().addSecs(-60);
            people.append(s);
            followers.append(QJsonObject{{QStringLiteral("openid"), s.mpOpenid},
                                         {QStringLiteral("last_interaction"), s.lastInteraction.toSecsSinceEpoch()}});
        }
        QVERIFY(SubscriberRepository(m_ws->db()).createMany(people).has_value());
        QList<Binding> bindings;
        for (const auto &s : std::as_const(people)) {
            Binding b;
            b.subscriberId = s.id;
            b.appId = appId;
            bindings.append(b);
        }
        QVERIFY(SubscriberRepository(m_ws->db()).upsertBindings(bindings).has_value());
        const QUrl sandbox = m_ws->sandboxUrl();
        QCOMPARE(httpPost(join(sandbox, QStringLiteral("/sandbox/admin/apps")), {{QStringLiteral("appid"), app.appid}}).status, 200);
        QCOMPARE(httpPost(join(sandbox, QStringLiteral("/sandbox/admin/followers")),
                          {{QStringLiteral("appid"), app.appid}, {QStringLiteral("followers"), followers}}).status, 200);
        QCOMPARE(httpPost(join(sandbox, QStringLiteral("/sandbox/admin/faults")), {{QStringLiteral("latency_ms"), 20}}).status, 200);

        // Created and sent now.
        auto now = m_ws->createBroadcast(appId, templateId, {{QStringLiteral("message"), QStringLiteral("hi")}});
        QVERIFY(now.has_value());
        AuditEvent e;
        QVERIFY(findOne(audit::BroadcastCreate, audit::TypeBroadcast, *now, &e));
        QCOMPARE(e.after.value(QStringLiteral("app")).toString(), QStringLiteral("news"));
        QVERIFY(findOne(audit::BroadcastSend, audit::TypeBroadcast, *now, &e));
        QCOMPARE(e.before.value(QStringLiteral("status")).toString(), QStringLiteral("draft"));
        QCOMPARE(e.after.value(QStringLiteral("status")).toString(), QStringLiteral("scheduled"));

        // Paused while the engine runs it, then cancelled.
        QSignalSpy finished(m_ws->engine(), &BroadcastEngine::finished);
        m_ws->engine()->start(*now);
        QTRY_VERIFY_WITH_TIMEOUT(BroadcastRepository(m_ws->db()).recount(*now)->sent > 3, 30000);
        m_ws->engine()->pause(*now);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
        QCOMPARE(finished.first().at(2).toString(), QStringLiteral("paused"));
        QVERIFY(findOne(audit::BroadcastPause, audit::TypeBroadcast, *now, &e));
        QCOMPARE(e.before.value(QStringLiteral("status")).toString(), QStringLiteral("running"));
        QCOMPARE(e.after.value(QStringLiteral("status")).toString(), QStringLiteral("paused"));
        m_ws->engine()->cancel(*now);
        QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(audit::BroadcastCancel, audit::TypeBroadcast, *now).isEmpty(), 30000);
        QVERIFY(findOne(audit::BroadcastCancel, audit::TypeBroadcast, *now, &e));
        QCOMPARE(e.before.value(QStringLiteral("status")).toString(), QStringLiteral("paused"));
        QCOMPARE(e.after.value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));

        // Scheduled for later: created, not yet sent; paused and cancelled from the command line's control.
        auto later = m_ws->createBroadcast(appId, templateId, {{QStringLiteral("message"), QStringLiteral("later")}},
                                           QDateTime::currentDateTime().addDays(7));
        QVERIFY(later.has_value());
        QVERIFY(findOne(audit::BroadcastCreate, audit::TypeBroadcast, *later, &e));
        QVERIFY(!e.after.value(QStringLiteral("scheduled_at")).toString().isEmpty());
        QVERIFY(eventsOf(audit::BroadcastSend, audit::TypeBroadcast, *later).isEmpty());
        BroadcastControl control(m_ws->db(), kOperator);
        QVERIFY(control.pause(*later).has_value());
        QVERIFY(findOne(audit::BroadcastPause, audit::TypeBroadcast, *later, &e));
        QCOMPARE(e.before.value(QStringLiteral("status")).toString(), QStringLiteral("scheduled"));
        QVERIFY(control.cancel(*later).has_value());
        QVERIFY(findOne(audit::BroadcastCancel, audit::TypeBroadcast, *later, &e));
        QCOMPARE(e.before.value(QStringLiteral("status")).toString(), QStringLiteral("paused"));
        QCOMPARE(e.after.value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));
    }

    void bindingsComplaintsPenaltiesAndLifts()
    {
        App app;
        app.name = QStringLiteral("rough");
        app.appid = QStringLiteral("wxrough");
        const qint64 appId = *AppRepository(m_ws->db()).create(app);
        Subscriber s;
        s.mpOpenid = QStringLiteral("oRough");
        const qint64 sid = *SubscriberRepository(m_ws->db()).create(s);
        Binding b;
        b.subscriberId = sid;
        b.appId = appId;
        const qint64 bindingId = *SubscriberRepository(m_ws->db()).upsertBinding(b);

        // A binding edit (what the Subscribers page records).
        SubscriberEvent mute;
        mute.subscriberId = sid;
        mute.appId = appId;
        mute.kind = SubscriberEventKind::Mute;
        mute.operatorName = kOperator;
        QVERIFY(EventRepository(m_ws->db()).apply(mute).has_value());
        AuditEvent e;
        QVERIFY(findOne(audit::BindingEdit, audit::TypeBinding, bindingId, &e));
        QCOMPARE(e.before.value(QStringLiteral("state")).toString(), QStringLiteral("active"));
        QCOMPARE(e.after.value(QStringLiteral("state")).toString(), QStringLiteral("muted"));

        // Complaint decisions (the Complaints page), with the penalty an upheld one costs. A complaint is
        // about a broadcast (or one of its deliveries).
        Template t;
        t.appId = appId;
        t.name = QStringLiteral("promo");
        t.csText = QStringLiteral("Buy now");
        const qint64 templateId = *TemplateRepository(m_ws->db()).create(t);
        const auto broadcast = m_ws->createBroadcast(appId, templateId, {}, QDateTime::currentDateTime().addDays(30));
        QVERIFY(broadcast.has_value());
        ComplaintRepository complaints(m_ws->db());
        Complaint c;
        c.broadcastId = *broadcast;
        c.subscriberId = sid;
        c.appId = appId;
        c.category = ComplaintCategory::Harassment;
        c.text = QStringLiteral("too many");
        const auto upheld = complaints.create(c);
        const auto dismissed = complaints.create(c);
        QVERIFY2(upheld && dismissed, upheld ? "" : qPrintable(upheld.error().message));
        PenaltyService penalties(m_ws->db());
        const auto decided = penalties.uphold(*upheld, kOperator, QStringLiteral("confirmed"));
        QVERIFY2(decided.has_value(), decided ? "" : qPrintable(decided.error().message));
        QVERIFY(findOne(audit::ComplaintUphold, audit::TypeComplaint, *upheld, &e));
        QVERIFY(!e.before.isEmpty() && !e.after.isEmpty());
        QVERIFY(penalties.dismiss(*dismissed, kOperator, QStringLiteral("a duplicate")).has_value());
        QVERIFY(findOne(audit::ComplaintDismiss, audit::TypeComplaint, *dismissed, &e));
        QVERIFY(!e.before.isEmpty() && !e.after.isEmpty());

        // Penalties by hand, and lifting a ban.
        QVERIFY(penalties.ban(appId, QStringLiteral("fraud"), kOperator).has_value());
        QVERIFY(penalties.liftBan(appId, kOperator, QStringLiteral("appeal granted"), 80).has_value());
        const auto applied = eventsOf(audit::PenaltyApply, audit::TypePenalty);
        QCOMPARE(applied.size(), 2); // the deduction of the upheld complaint and the ban
        for (const auto &p : applied) {
            QCOMPARE(p.operatorName, kOperator);
            QVERIFY(!p.before.isEmpty() && !p.after.isEmpty());
        }
        const auto lifted = eventsOf(audit::PenaltyLift, audit::TypePenalty);
        QCOMPARE(lifted.size(), 1);
        QCOMPARE(lifted.first().operatorName, kOperator);
        QVERIFY(!lifted.first().before.isEmpty() && !lifted.first().after.isEmpty());
    }
};

QTEST_MAIN(tst_UiAudit)
#include "tst_ui_audit.moc"
