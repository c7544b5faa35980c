#include "workspace.h"

#include "audit/auditlog.h"
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
    ws->m_secrets = ws->m_options.secrets ? ws->m_options.secrets : std::make_shared<KeychainSecretStore>();
    if (auto r = ws->ensureSandbox(); !r)
        return std::unexpected(r.error());
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
    }
    return id;
}

} // namespace pushdesk
