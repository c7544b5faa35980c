#include "engine/upstreamaccess.h"

#include "domain/reasontext.h"
#include "domain/types.h"
#include "sandbox/sandboxserver.h"
#include "secrets/secretstore.h"

#include <QHostAddress>

namespace pushdesk {

namespace {
// The broadcast worker's context, where these reasons were first written (their translations stay).
constexpr auto kContext = "pushdesk::BroadcastWorker";
}

bool UpstreamAccess::isLoopback(const QUrl &url)
{
    const QString host = url.host();
    return host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
}

Result<UpstreamAccess> UpstreamAccess::resolve(const App &app, const QUrl &builtInSandbox, SecretStore *secrets)
{
    UpstreamAccess access;
    access.builtIn = app.upstream == QLatin1String(kBuiltInSandbox);
    access.wechatBase = access.builtIn ? builtInSandbox : QUrl(app.upstream);
    if (!access.wechatBase.isValid() || access.wechatBase.isEmpty())
        return fail(access.builtIn
                        ? ReasonText(kContext, QT_TRANSLATE_NOOP("pushdesk::BroadcastWorker", "the built-in sandbox is not running")).encode()
                        : ReasonText(kContext, QT_TRANSLATE_NOOP("pushdesk::BroadcastWorker", "the app's upstream URL is invalid: %1"))
                              .arg(app.upstream)
                              .encode());
    access.sandboxed = access.builtIn || isLoopback(access.wechatBase);
    if (secrets) {
        auto stored = secrets->read(SecretStore::appSecretKey(app.id));
        if (!stored && !access.sandboxed)
            return std::unexpected(stored.error());
        if (stored)
            access.appSecret = stored->value_or(QString());
    }
    if (access.appSecret.isEmpty() && access.sandboxed)
        access.appSecret = SandboxServer::defaultSecretFor(app.appid); // the sandbox's documented credential, not a secret
    if (access.appSecret.isEmpty())
        return fail(ReasonText(kContext, QT_TRANSLATE_NOOP("pushdesk::BroadcastWorker",
                                                           "no AppSecret is stored for the app %1; set it on the Apps page"))
                        .arg(app.name)
                        .encode());
    return access;
}

} // namespace pushdesk
