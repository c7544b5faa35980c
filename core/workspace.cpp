#include "workspace.h"

#include "audit/auditlog.h"
#include "callback/callbackreceiver.h"
#include "demo/sandboxseed.h"
#include "engine/broadcastengine.h"
#include "render/renderer.h"
#include "sandbox/sandboxhost.h"
#include "secrets/secretstore.h"
#include "store/apprepository.h"
#include "store/broadcastrepository.h"
#include "store/subscriberrepository.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlQuery>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace pushdesk {

Workspace::Workspace(const DatabaseConfig &config, WorkspaceOptions options)
    : m_config(config)
    , m_options(std::move(options))
{
    m_operator = qEnvironmentVariable("PUSHDESK_OPERATOR", qEnvironmentVariable("USER", QStringLiteral("operator")));
}

Workspace::~Workspace()
{
    m_engine.reset(); // the engine stops before the sandbox it may be talking to
    m_sandbox.reset();
    m_callbacks.reset();
}

QString Workspace::sandboxSeedPath(const DatabaseConfig &config)
{
    if (config.driver == DatabaseConfig::Driver::Sqlite)
        return config.path + QStringLiteral(".sandbox.json");
    // PostgreSQL: in the user's data folder, one file per server and database.
    QString key = config.secretKey().mid(config.secretKey().indexOf(QLatin1Char('/')) + 1);
    for (QChar &c : key) {
        if (!c.isLetterOrNumber() && c != QLatin1Char('.') && c != QLatin1Char('-'))
            c = QLatin1Char('_');
    }
    const QFileInfo beside(DatabaseConfig::defaultSqlitePath());
    QDir().mkpath(beside.absolutePath());
    return beside.absolutePath() + QStringLiteral("/postgres-%1.sandbox.json").arg(key);
}

Result<std::unique_ptr<Workspace>> Workspace::open(const DatabaseConfig &config, WorkspaceOptions options)
{
    std::unique_ptr<Workspace> ws(new Workspace(config, std::move(options)));
    auto db = Database::open(config, QStringLiteral("pushdesk-main-%1").arg(quintptr(ws.get())));
    if (!db)
        return std::unexpected(db.error());
    ws->m_db = std::move(*db);
    ws->m_secrets = std::make_shared<SessionSecretStore>(ws->m_options.secrets ? ws->m_options.secrets
                                                                               : std::make_shared<KeychainSecretStore>(
                                                                                     QStringLiteral("pushdesk"),
                                                                                     KeychainSecretStore::scopeFor(config)));
    if (auto r = ws->ensureSandbox(); !r)
        return std::unexpected(r.error());
    if (ws->m_options.callbackPort >= 0) {
        if (auto r = ws->ensureCallbacks(); !r)
            return std::unexpected(r.error());
    }
    if (ws->m_options.startEngine) {
        EngineOptions engine = ws->m_options.engine;
        engine.sandboxUrl = ws->sandboxUrl();
        ws->m_engine = std::make_unique<BroadcastEngine>(config, engine, ws->m_secrets);
        ws->m_engine->setOperatorName(ws->m_operator);
    }
    return ws;
}

void Workspace::setOperatorName(const QString &name)
{
    m_operator = name;
    if (m_engine)
        m_engine->setOperatorName(name);
}

QUrl Workspace::sandboxUrl() const
{
    return m_sandbox ? m_sandbox->baseUrl() : QUrl();
}

QUrl Workspace::callbackUrl() const
{
    return m_callbacks ? m_callbacks->wechatCallbackUrl() : QUrl();
}

Result<void> Workspace::ensureCallbacks()
{
    if (m_callbacks)
        return {};
    auto host = std::make_unique<CallbackHost>(m_config, m_secrets);
    const quint16 port = m_options.callbackPort > 0 ? quint16(m_options.callbackPort) : 0;
    if (auto r = host->start(port); !r)
        return r;
    m_callbacks = std::move(host);
    return {};
}

Result<void> Workspace::ensureSandbox()
{
    if (m_sandbox)
        return {};
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM apps WHERE upstream = ?"));
    q.addBindValue(QString::fromLatin1(kBuiltInSandbox));
    if (auto r = exec(q); !r)
        return r;
    q.next();
    if (q.value(0).toLongLong() == 0 && !m_options.alwaysSandbox)
        return {};
    auto host = std::make_unique<SandboxHost>();
    QString error;
    if (!host->start(m_options.sandboxPort, &error))
        return fail(tr("Cannot start the built-in sandbox: %1").arg(error));
    // What its users say and do reaches this workspace's receiver, as WeChat's callbacks would.
    if (auto r = ensureCallbacks(); !r)
        return r;
    host->setDefaultCallbackUrl(m_callbacks->wechatCallbackUrl());
    // The built-in sandbox keeps its followers and devices in a file beside the database.
    const QString seedPath = sandboxSeedPath(m_config);
    if (!seedPath.isEmpty() && QFileInfo::exists(seedPath)) {
        auto seed = SandboxSeed::load(seedPath);
        if (!seed)
            return std::unexpected(seed.error());
        if (auto r = seed->apply(host->baseUrl()); !r)
            return r;
    }
    m_sandbox = std::move(host);
    return {};
}

Result<qint64> Workspace::createBroadcast(qint64 appId, qint64 templateId, const QVariantMap &variables, const QDateTime &at,
                                          const Audience &audience)
{
    auto app = AppRepository(*m_db).findById(appId);
    if (!app)
        return std::unexpected(app.error());
    if (!*app)
        return fail(tr("That app no longer exists."));
    auto tmpl = TemplateRepository(*m_db).findById(templateId);
    if (!tmpl)
        return std::unexpected(tmpl.error());
    if (!*tmpl || (*tmpl)->appId != appId)
        return fail(tr("The template does not belong to the app %1.").arg((*app)->name));
    if ((*app)->disabled || (*app)->status == AppStatus::Banned)
        return fail(tr("The app %1 is %2 and cannot send.").arg((*app)->name, (*app)->disabled ? tr("disabled") : tr("banned")));
    const QStringList missing = Renderer::missingVariables(**tmpl, variables);
    if (!missing.isEmpty())
        return fail(tr("The template %1 needs a value for: %2.").arg((*tmpl)->name, missing.join(QStringLiteral(", "))));
    Broadcast b;
    switch (audience.kind) {
    case Audience::Kind::All: break;
    case Audience::Kind::Tags:
        if (!audience.valid())
            return fail(tr("Name at least one tag for the audience."));
        break;
    case Audience::Kind::List: {
        auto list = SubscriberRepository(*m_db).audienceList(audience.listId);
        if (!list)
            return std::unexpected(list.error());
        if (!audience.valid() || !*list)
            return fail(tr("That audience list no longer exists; choose another or import it again."));
        break;
    }
    case Audience::Kind::One: {
        auto person = SubscriberRepository(*m_db).findById(audience.subscriberId);
        if (!person)
            return std::unexpected(person.error());
        if (!audience.valid() || !*person)
            return fail(tr("That subscriber no longer exists; choose another."));
        break;
    }
    }
    b.audience = audience;
    b.appId = appId;
    b.templateId = templateId;
    b.variables = variables;
    b.status = BroadcastStatus::Scheduled;
    b.scheduledAt = at;
    b.createdBy = m_operator;
    auto id = BroadcastRepository(*m_db).create(b);
    if (id) {
        AuditEvent e;
        e.operatorName = m_operator;
        e.action = audit::BroadcastCreate;
        e.recordType = audit::TypeBroadcast;
        e.recordId = *id;
        e.after = QJsonObject{{QStringLiteral("app"), (*app)->name},
                              {QStringLiteral("template"), (*tmpl)->name},
                              {QStringLiteral("variables"), QJsonObject::fromVariantMap(variables)},
                              {QStringLiteral("audience"), audience.describe()},
                              {QStringLiteral("scheduled_at"), at.isValid() ? at.toString(Qt::ISODate) : QString()}};
        AuditLog::record(*m_db, e);
        if (!at.isValid()) {
            // Due now: creating it is sending it (a scheduled one is sent by the engine when due).
            e.action = audit::BroadcastSend;
            e.before = QJsonObject{{QStringLiteral("status"), QStringLiteral("draft")}};
            e.after = QJsonObject{{QStringLiteral("status"), toString(BroadcastStatus::Scheduled)},
                                  {QStringLiteral("due"), QStringLiteral("now")}};
            AuditLog::record(*m_db, e);
        }
    }
    return id;
}

namespace {
// What an app's audit event shows of it: every field an operator edits (secrets are not among them).
QJsonObject appJson(const App &a)
{
    return QJsonObject{{QStringLiteral("name"), a.name},
                       {QStringLiteral("kind"), toString(a.kind)},
                       {QStringLiteral("appid"), a.appid},
                       {QStringLiteral("upstream"), a.upstream},
                       {QStringLiteral("bark_server"), a.barkServer},
                       {QStringLiteral("bark_user"), a.barkUser},
                       {QStringLiteral("ntfy_server"), a.ntfyServer},
                       {QStringLiteral("smtp_url"), a.smtpUrl},
                       {QStringLiteral("smtp_user"), a.smtpUser},
                       {QStringLiteral("smtp_from"), a.smtpFrom},
                       {QStringLiteral("daily_quota"), a.dailyQuota},
                       {QStringLiteral("send_rate"), a.sendRate},
                       {QStringLiteral("contact"), a.contact},
                       {QStringLiteral("disabled"), a.disabled}};
}
} // namespace

Result<qint64> Workspace::saveApp(const App &app)
{
    qint64 id = app.id;
    auto done = m_db->transaction([&]() -> Result<void> {
        AppRepository apps(*m_db);
        AuditEvent e;
        e.operatorName = m_operator;
        e.recordType = audit::TypeApp;
        if (app.id == 0) {
            auto created = apps.create(app);
            if (!created)
                return std::unexpected(created.error());
            id = *created;
            e.action = audit::AppCreate;
        } else {
            auto stored = apps.findById(app.id);
            if (!stored)
                return std::unexpected(stored.error());
            if (!*stored)
                return fail(tr("That app no longer exists."));
            if (auto r = apps.update(app); !r)
                return r;
            e.before = appJson(**stored);
            e.action = app.disabled == (*stored)->disabled ? audit::AppEdit
                       : app.disabled                       ? audit::AppDisable
                                                            : audit::AppEnable;
        }
        e.recordId = id;
        e.after = appJson(app);
        if (auto r = AuditLog::record(*m_db, e); !r)
            return std::unexpected(r.error());
        return {};
    });
    if (!done)
        return std::unexpected(done.error());
    return id;
}

namespace {
AuditEvent secretEvent(const QString &who, qint64 appId, const QString &key, const QString &before, const QString &after)
{
    // Which secret and where it is kept: never the value (and no key that AuditLog would mask).
    AuditEvent e;
    e.operatorName = who;
    e.action = audit::AppSecretReplace;
    e.recordType = audit::TypeApp;
    e.recordId = appId;
    e.before = QJsonObject{{QStringLiteral("which"), key}, {QStringLiteral("kept_in"), before}};
    e.after = QJsonObject{{QStringLiteral("which"), key}, {QStringLiteral("kept_in"), after}, {QStringLiteral("changed"), true}};
    return e;
}
} // namespace

QString Workspace::secretPlace(const QString &key)
{
    if (m_secrets->isSessionOnly(key))
        return QStringLiteral("session memory");
    auto stored = m_secrets->read(key);
    if (!stored)
        return QStringLiteral("unknown");
    return *stored ? QStringLiteral("keychain") : QStringLiteral("nowhere");
}

Result<void> Workspace::replaceSecret(qint64 appId, const QString &key, const QString &value)
{
    if (value.isEmpty())
        return fail(tr("Type the new secret."));
    const QString before = secretPlace(key);
    if (auto r = m_secrets->write(key, value); !r)
        return r;
    wireCallbackToken(appId, key, value);
    if (auto r = AuditLog::record(*m_db, secretEvent(m_operator, appId, key, before, QStringLiteral("keychain"))); !r)
        return std::unexpected(r.error());
    return {};
}

void Workspace::wireCallbackToken(qint64 appId, const QString &key, const QString &value)
{
    if (!m_sandbox || key != SecretStore::callbackTokenKey(appId))
        return;
    auto app = AppRepository(*m_db).findById(appId);
    if (app && *app && (*app)->upstream == QLatin1String(kBuiltInSandbox))
        m_sandbox->setCallbackToken((*app)->appid, value);
}

Result<void> Workspace::keepSecretForSession(qint64 appId, const QString &key, const QString &value)
{
    if (value.isEmpty())
        return fail(tr("Type the new secret."));
    const QString before = secretPlace(key);
    m_secrets->keepForSession(key, value);
    wireCallbackToken(appId, key, value);
    if (auto r = AuditLog::record(*m_db, secretEvent(m_operator, appId, key, before, QStringLiteral("session memory"))); !r)
        return std::unexpected(r.error());
    return {};
}

} // namespace pushdesk
