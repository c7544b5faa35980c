#include "demo/sandboxseed.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSaveFile>

#include <optional>

namespace pushdesk {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("pushdesk::SandboxSeed", text);
}

// POSTs body to path, or GETs path when body is null.
Result<void> call(QNetworkAccessManager &nam, const QUrl &base, const QString &path, const std::optional<QJsonObject> &body)
{
    QUrl url = base;
    url.setPath(path);
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setTransferTimeout(30000);
    QNetworkReply *reply = body ? nam.post(req, QJsonDocument(*body).toJson(QJsonDocument::Compact)) : nam.get(req);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    if (reply->error() == QNetworkReply::ConnectionRefusedError || reply->error() == QNetworkReply::HostNotFoundError
        || reply->error() == QNetworkReply::TimeoutError || reply->error() == QNetworkReply::OperationCanceledError)
        return fail(tr("The sandbox at %1 is not reachable (%2). Start it with: pushdesk sandbox --port %3")
                        .arg(base.toString(), reply->errorString())
                        .arg(base.port(8080)));
    const QByteArray answer = reply->readAll();
    if (reply->error() != QNetworkReply::NoError)
        return fail(tr("The sandbox at %1 refused %2: %3").arg(base.toString(), path, QString::fromUtf8(answer.left(200))));
    return {};
}

Result<void> post(QNetworkAccessManager &nam, const QUrl &base, const QString &path, const QJsonObject &body)
{
    return call(nam, base, path, body);
}
} // namespace

void SandboxSeed::addApp(const QString &appid, const QString &kind)
{
    m_apps.append(QJsonObject{{QStringLiteral("appid"), appid}, {QStringLiteral("kind"), kind}});
}

void SandboxSeed::addFollower(const QString &appid, const QString &openid, bool following, qint64 lastInteractionSecs)
{
    QJsonArray list = m_followers.value(appid).toArray();
    list.append(QJsonObject{{QStringLiteral("openid"), openid},
                            {QStringLiteral("following"), following},
                            {QStringLiteral("last_interaction"), lastInteractionSecs}});
    m_followers.insert(appid, list);
}

void SandboxSeed::addTemplate(const QString &appid, const QString &templateId, const QStringList &keys)
{
    m_templates.append(QJsonObject{{QStringLiteral("appid"), appid},
                                   {QStringLiteral("template_id"), templateId},
                                   {QStringLiteral("keys"), QJsonArray::fromStringList(keys)}});
}

void SandboxSeed::addDevice(const QString &deviceKey)
{
    m_devices.append(deviceKey);
}

QJsonObject SandboxSeed::toJson() const
{
    return QJsonObject{{QStringLiteral("apps"), m_apps},
                       {QStringLiteral("followers"), m_followers},
                       {QStringLiteral("templates"), m_templates},
                       {QStringLiteral("bark_devices"), m_devices}};
}

Result<void> SandboxSeed::save(const QString &path) const
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return fail(tr("Cannot write %1: %2").arg(path, f.errorString()));
    f.write(QJsonDocument(toJson()).toJson(QJsonDocument::Compact));
    if (!f.commit())
        return fail(tr("Cannot write %1: %2").arg(path, f.errorString()));
    return {};
}

Result<SandboxSeed> SandboxSeed::load(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(tr("Cannot read the sandbox state %1: %2").arg(path, f.errorString()));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return fail(tr("The sandbox state %1 is damaged (%2); delete it and run pushdesk demo again.")
                        .arg(path, pe.errorString()));
    SandboxSeed s;
    const QJsonObject o = doc.object();
    s.m_apps = o.value(QStringLiteral("apps")).toArray();
    s.m_followers = o.value(QStringLiteral("followers")).toObject();
    s.m_templates = o.value(QStringLiteral("templates")).toArray();
    s.m_devices = o.value(QStringLiteral("bark_devices")).toArray();
    return s;
}

Result<void> SandboxSeed::reach(const QUrl &base)
{
    QNetworkAccessManager nam;
    return call(nam, base, QStringLiteral("/sandbox/stats"), std::nullopt);
}

Result<void> SandboxSeed::apply(const QUrl &base) const
{
    QNetworkAccessManager nam;
    for (const auto &app : m_apps) {
        if (auto r = post(nam, base, QStringLiteral("/sandbox/admin/apps"), app.toObject()); !r)
            return r;
    }
    constexpr int kChunk = 20000;
    for (auto it = m_followers.constBegin(); it != m_followers.constEnd(); ++it) {
        const QJsonArray all = it.value().toArray();
        for (qsizetype i = 0; i < all.size(); i += kChunk) {
            QJsonArray chunk;
            for (qsizetype j = i; j < std::min(all.size(), i + kChunk); ++j)
                chunk.append(all.at(j));
            if (auto r = post(nam, base, QStringLiteral("/sandbox/admin/followers"),
                              QJsonObject{{QStringLiteral("appid"), it.key()}, {QStringLiteral("followers"), chunk}});
                !r)
                return r;
        }
    }
    for (const auto &t : m_templates) {
        if (auto r = post(nam, base, QStringLiteral("/sandbox/admin/templates"), t.toObject()); !r)
            return r;
    }
    if (!m_devices.isEmpty()) {
        if (auto r = post(nam, base, QStringLiteral("/sandbox/admin/bark/devices"),
                          QJsonObject{{QStringLiteral("device_keys"), m_devices}});
            !r)
            return r;
    }
    return {};
}

} // namespace pushdesk
