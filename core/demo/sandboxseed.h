#pragma once
// What a sandbox must know to answer like the real services for a demo database: its apps, their
// followers (with their last interaction), registered templates and Bark devices. The demo writes it
// beside the database; the built-in sandbox loads it at start; an external sandbox is sent it once.
#include "domain/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>

namespace pushdesk {

class SandboxSeed {
public:
    void addApp(const QString &appid, const QString &kind);
    void addFollower(const QString &appid, const QString &openid, bool following, qint64 lastInteractionSecs);
    void addTemplate(const QString &appid, const QString &templateId, const QStringList &keys);
    void addDevice(const QString &deviceKey);

    Result<void> save(const QString &path) const;
    static Result<SandboxSeed> load(const QString &path);
    // Whether a sandbox answers at sandboxBase: checked before anything is created for it.
    static Result<void> reach(const QUrl &sandboxBase);
    // Sends everything to the sandbox's admin endpoints; blocks until done.
    Result<void> apply(const QUrl &sandboxBase) const;

    QJsonObject toJson() const;

private:
    QJsonArray m_apps;
    QJsonObject m_followers; // appid -> [follower]
    QJsonArray m_templates;
    QJsonArray m_devices;
};

} // namespace pushdesk
