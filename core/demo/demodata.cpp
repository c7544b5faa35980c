#include "demo/demodata.h"

#include "store/apprepository.h"
#include "store/database.h"
#include "store/subscriberrepository.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSqlQuery>

namespace pushdesk {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("pushdesk::DemoData", text);
}

struct DemoApp {
    const char *name;
    AppKind kind;
    const char *appid;
    const char *contact;
};

const DemoApp kApps[] = {
    {"demo", AppKind::OfficialAccount, "wxd3m0a9f0c1e2b301", "ops@example.com"},
    {"orders", AppKind::OfficialAccount, "wx0rd3r5b7c6d5e402", "orders-team@example.com"},
    {"helpdesk", AppKind::Internal, "wxh31pd35k2a9b8c03", "helpdesk@example.com"},
};

const char *const kNicknames[] = {"Li Wei", "Wang Fang", "Zhang Min", "Liu Yang", "Chen Jing", "Yang Li", "Zhao Lei",
                                  "Huang Tao", "Zhou Jie", "Wu Xia", "Alice", "Bob", "Carol", "Dave", "Erin", "Frank"};
const char *const kTags[] = {"vip", "beijing", "shanghai", "shenzhen", "trial", "staff"};

Template welcomeTemplate(qint64 appId)
{
    Template t;
    t.appId = appId;
    t.name = QStringLiteral("welcome");
    t.csText = QStringLiteral("Hello {{nickname}}, welcome to the demo service. Reply 0 to stop, 1 to resume.");
    t.wechatTemplateId = QStringLiteral("TPL_WELCOME_01");
    t.wechatFields = {{QStringLiteral("thing1"), QStringLiteral("Welcome, {{nickname}}")},
                      {QStringLiteral("time2"), QStringLiteral("2026-11-22 09:00")}};
    t.barkTitle = QStringLiteral("Welcome");
    t.barkBody = QStringLiteral("Hello {{nickname}}, welcome to the demo service.");
    t.barkGroup = QStringLiteral("demo");
    t.emailSubject = QStringLiteral("Welcome, {{nickname}}");
    t.emailBody = QStringLiteral("Hello {{nickname}},\n\nwelcome to the demo service.");
    return t;
}

Template shippedTemplate(qint64 appId)
{
    Template t;
    t.appId = appId;
    t.name = QStringLiteral("order_shipped");
    t.csText = QStringLiteral("{{nickname}}, your order {{order}} has shipped and arrives {{eta}}.");
    t.wechatTemplateId = QStringLiteral("TPL_SHIPPED_02");
    t.wechatFields = {{QStringLiteral("character_string1"), QStringLiteral("{{order}}")},
                      {QStringLiteral("thing2"), QStringLiteral("Arrives {{eta}}")}};
    t.barkTitle = QStringLiteral("Order {{order}} shipped");
    t.barkBody = QStringLiteral("Arrives {{eta}}.");
    t.barkGroup = QStringLiteral("orders");
    t.emailSubject = QStringLiteral("Order {{order}} shipped");
    t.emailBody = QStringLiteral("Hello {{nickname}},\n\nyour order {{order}} arrives {{eta}}.");
    return t;
}

Template maintenanceTemplate(qint64 appId)
{
    Template t;
    t.appId = appId;
    t.name = QStringLiteral("maintenance");
    t.csText = QStringLiteral("Planned maintenance on {{date}}: {{detail}}");
    t.wechatTemplateId = QStringLiteral("TPL_NOTICE_03");
    t.wechatFields = {{QStringLiteral("time1"), QStringLiteral("{{date}}")}, {QStringLiteral("thing2"), QStringLiteral("{{detail}}")}};
    t.barkTitle = QStringLiteral("Maintenance {{date}}");
    t.barkBody = QStringLiteral("{{detail}}");
    t.barkLevel = QStringLiteral("timeSensitive");
    return t;
}
} // namespace

Result<DemoSummary> DemoData::create(Database &db, const DemoOptions &options)
{
    {
        QSqlQuery q(db.db());
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM apps"));
        if (auto r = exec(q); !r)
            return std::unexpected(r.error());
        q.next();
        if (q.value(0).toLongLong() > 0)
            return fail(tr("The database already holds apps; demo data goes into a new database (choose another --db)."));
    }
    if (options.subscribers < 0 || options.subscribers > 10'000'000)
        return fail(tr("--subscribers must be between 0 and 10000000."));

    DemoSummary summary;
    QRandomGenerator rng(options.seed);
    const qint64 nowSecs = QDateTime::currentSecsSinceEpoch();
    auto r = db.transaction([&]() -> Result<void> {
        AppRepository apps(db);
        TemplateRepository templates(db);
        SubscriberRepository subscribers(db);
        QList<qint64> appIds;
        for (const auto &a : kApps) {
            App app;
            app.name = QString::fromLatin1(a.name);
            app.kind = a.kind;
            app.appid = QString::fromLatin1(a.appid);
            app.upstream = options.upstream;
            app.contact = QString::fromLatin1(a.contact);
            auto id = apps.create(app);
            if (!id)
                return std::unexpected(id.error());
            appIds.append(*id);
            summary.sandbox.addApp(app.appid, toString(app.kind));
            ++summary.apps;
        }
        for (const Template &t : {welcomeTemplate(appIds[0]), shippedTemplate(appIds[0]), shippedTemplate(appIds[1]),
                                  maintenanceTemplate(appIds[2])}) {
            if (auto id = templates.create(t); !id)
                return std::unexpected(id.error());
            QStringList keys;
            for (const auto &f : t.wechatFields)
                keys.append(f.first);
            summary.sandbox.addTemplate(QString::fromLatin1(kApps[appIds.indexOf(t.appId)].appid), t.wechatTemplateId, keys);
            ++summary.templates;
        }

        // Subscribers in chunks, so that a large demo does not hold everything in memory.
        constexpr int kChunk = 5000;
        for (int start = 0; start < options.subscribers; start += kChunk) {
            QList<Subscriber> chunk;
            QList<bool> following;
            for (int i = start; i < std::min(options.subscribers, start + kChunk); ++i) {
                Subscriber s;
                s.mpOpenid = QStringLiteral("oDEMO%1").arg(i + 1, 8, 10, QLatin1Char('0'));
                s.unionid = QStringLiteral("uDEMO%1").arg(i + 1, 8, 10, QLatin1Char('0'));
                s.nickname = QStringLiteral("%1 %2").arg(QString::fromUtf8(kNicknames[rng.bounded(int(std::size(kNicknames)))])).arg(i + 1);
                if (rng.bounded(100) < 60)
                    s.email = QStringLiteral("user%1@example.com").arg(i + 1);
                if (rng.bounded(100) < 30)
                    s.barkKey = QStringLiteral("bk%1").arg(i + 1, 10, 10, QLatin1Char('0'));
                s.optedOut = rng.bounded(100) < 4;
                // 40% wrote to the account in the last 48 h: the customer-service window is open.
                if (rng.bounded(100) < 40)
                    s.lastInteraction = QDateTime::fromSecsSinceEpoch(nowSecs - rng.bounded(40 * 3600));
                else if (rng.bounded(100) < 80)
                    s.lastInteraction = QDateTime::fromSecsSinceEpoch(nowSecs - 3 * 86400 - rng.bounded(30 * 86400));
                if (rng.bounded(100) < 25)
                    s.tags.append(QString::fromLatin1(kTags[rng.bounded(int(std::size(kTags)))]));
                chunk.append(s);
                following.append(rng.bounded(100) >= 3); // 3% have unfollowed the account since
            }
            if (auto e = subscribers.createMany(chunk); !e)
                return e;
            QList<Binding> bindings;
            for (int k = 0; k < chunk.size(); ++k) {
                const Subscriber &s = chunk[k];
                for (int a = 0; a < appIds.size(); ++a) {
                    const QString appid = QString::fromLatin1(kApps[a].appid);
                    summary.sandbox.addFollower(appid, s.mpOpenid, following[k],
                                                s.lastInteraction.isValid() ? s.lastInteraction.toSecsSinceEpoch() : 0);
                    if (rng.bounded(100) >= (a == 0 ? 90 : 40))
                        continue; // not bound to this app
                    Binding b;
                    b.subscriberId = s.id;
                    b.appId = appIds[a];
                    const int st = int(rng.bounded(100));
                    b.state = st < 82 ? BindingState::Active : st < 90 ? BindingState::Muted
                                                         : st < 95 ? BindingState::Blocked : BindingState::Unbound;
                    const int rm = int(rng.bounded(100));
                    b.reminder = rm < 80 ? Reminder::Strong : rm < 95 ? Reminder::Weak : Reminder::None;
                    b.channels = {Channel::WeChat};
                    if (!s.barkKey.isEmpty())
                        b.channels.append(Channel::Bark);
                    b.changedBy = QStringLiteral("demo");
                    bindings.append(b);
                }
                // 90% of Bark keys are registered with the Bark server; the rest are stale.
                if (!s.barkKey.isEmpty() && rng.bounded(100) < 90)
                    summary.sandbox.addDevice(s.barkKey);
            }
            for (const auto &b : std::as_const(bindings)) {
                if (auto e = subscribers.upsertBinding(b); !e)
                    return std::unexpected(e.error());
            }
            summary.subscribers += int(chunk.size());
            summary.bindings += int(bindings.size());
        }
        return {};
    });
    if (!r)
        return std::unexpected(r.error());
    return summary;
}

} // namespace pushdesk
