#include "store/apprepository.h"

#include "store/database.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace pushdesk {

namespace {
const QString kAppColumns = QStringLiteral(
    "id, name, kind, appid, upstream, bark_server, credit_score, status, suspended_until, daily_quota, send_rate, "
    "contact, disabled, created_at, ntfy_server, smtp_url, smtp_user, smtp_from, bark_user");

App appFrom(const QSqlQuery &q)
{
    App a;
    a.id = q.value(0).toLongLong();
    a.name = q.value(1).toString();
    fromString(q.value(2).toString(), &a.kind);
    a.appid = q.value(3).toString();
    a.upstream = q.value(4).toString();
    a.barkServer = q.value(5).toString();
    a.creditScore = q.value(6).toInt();
    fromString(q.value(7).toString(), &a.status);
    a.suspendedUntil = fromMsecs(q.value(8).toLongLong());
    a.dailyQuota = q.value(9).toInt();
    a.sendRate = q.value(10).toInt();
    a.contact = q.value(11).toString();
    a.disabled = q.value(12).toInt() != 0;
    a.createdAt = fromMsecs(q.value(13).toLongLong());
    a.ntfyServer = q.value(14).toString();
    a.smtpUrl = q.value(15).toString();
    a.smtpUser = q.value(16).toString();
    a.smtpFrom = q.value(17).toString();
    a.barkUser = q.value(18).toString();
    return a;
}

void bindApp(QSqlQuery &q, const App &a)
{
    q.addBindValue(a.name);
    q.addBindValue(toString(a.kind));
    q.addBindValue(a.appid);
    q.addBindValue(a.upstream);
    q.addBindValue(a.barkServer);
    q.addBindValue(a.creditScore);
    q.addBindValue(toString(a.status));
    q.addBindValue(toMsecs(a.suspendedUntil));
    q.addBindValue(a.dailyQuota);
    q.addBindValue(a.sendRate);
    q.addBindValue(a.contact);
    q.addBindValue(a.disabled ? 1 : 0);
    q.addBindValue(a.ntfyServer);
    q.addBindValue(a.smtpUrl);
    q.addBindValue(a.smtpUser);
    q.addBindValue(a.smtpFrom);
    q.addBindValue(a.barkUser);
}

Result<std::optional<App>> oneApp(QSqlQuery &q)
{
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    if (!q.next())
        return std::optional<App>();
    return std::optional<App>(appFrom(q));
}

const QString kTemplateColumns = QStringLiteral("id, app_id, name, payload");

Template templateFrom(const QSqlQuery &q)
{
    Template t = Template::fromJson(QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object());
    t.id = q.value(0).toLongLong();
    t.appId = q.value(1).toLongLong();
    t.name = q.value(2).toString();
    return t;
}

Result<std::optional<Template>> oneTemplate(QSqlQuery &q)
{
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    if (!q.next())
        return std::optional<Template>();
    return std::optional<Template>(templateFrom(q));
}

QString payloadOf(const Template &t)
{
    return QString::fromUtf8(QJsonDocument(t.toJson()).toJson(QJsonDocument::Compact));
}
} // namespace

Result<qint64> AppRepository::create(const App &app)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("INSERT INTO apps (name, kind, appid, upstream, bark_server, credit_score, status, "
                             "suspended_until, daily_quota, send_rate, contact, disabled, ntfy_server, smtp_url, smtp_user, "
                             "smtp_from, bark_user, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    bindApp(q, app);
    q.addBindValue(app.createdAt.isValid() ? toMsecs(app.createdAt) : nowMsecs());
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

Result<void> AppRepository::update(const App &app)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("UPDATE apps SET name = ?, kind = ?, appid = ?, upstream = ?, bark_server = ?, "
                             "credit_score = ?, status = ?, suspended_until = ?, daily_quota = ?, send_rate = ?, "
                             "contact = ?, disabled = ?, ntfy_server = ?, smtp_url = ?, smtp_user = ?, smtp_from = ?, bark_user = ? "
                             "WHERE id = ?"));
    bindApp(q, app);
    q.addBindValue(app.id);
    return exec(q);
}

Result<std::optional<App>> AppRepository::findById(qint64 id)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT %1 FROM apps WHERE id = ?").arg(kAppColumns));
    q.addBindValue(id);
    return oneApp(q);
}

Result<std::optional<App>> AppRepository::findByName(const QString &name)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT %1 FROM apps WHERE name = ?").arg(kAppColumns));
    q.addBindValue(name);
    return oneApp(q);
}

Result<QList<App>> AppRepository::all()
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT %1 FROM apps ORDER BY name").arg(kAppColumns));
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    QList<App> out;
    while (q.next())
        out.append(appFrom(q));
    return out;
}

Result<qint64> TemplateRepository::create(const Template &t)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("INSERT INTO templates (app_id, name, payload, updated_at) VALUES (?, ?, ?, ?) RETURNING id"));
    q.addBindValue(t.appId);
    q.addBindValue(t.name);
    q.addBindValue(payloadOf(t));
    q.addBindValue(nowMsecs());
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

Result<void> TemplateRepository::update(const Template &t)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("UPDATE templates SET app_id = ?, name = ?, payload = ?, updated_at = ? WHERE id = ?"));
    q.addBindValue(t.appId);
    q.addBindValue(t.name);
    q.addBindValue(payloadOf(t));
    q.addBindValue(nowMsecs());
    q.addBindValue(t.id);
    return exec(q);
}

Result<std::optional<Template>> TemplateRepository::findById(qint64 id)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT %1 FROM templates WHERE id = ?").arg(kTemplateColumns));
    q.addBindValue(id);
    return oneTemplate(q);
}

Result<std::optional<Template>> TemplateRepository::findByName(qint64 appId, const QString &name)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT %1 FROM templates WHERE app_id = ? AND name = ?").arg(kTemplateColumns));
    q.addBindValue(appId);
    q.addBindValue(name);
    return oneTemplate(q);
}

Result<QList<Template>> TemplateRepository::forApp(qint64 appId)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT %1 FROM templates WHERE app_id = ? ORDER BY name").arg(kTemplateColumns));
    q.addBindValue(appId);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    QList<Template> out;
    while (q.next())
        out.append(templateFrom(q));
    return out;
}

} // namespace pushdesk
