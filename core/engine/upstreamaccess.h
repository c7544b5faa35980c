#pragma once
// Where an app's WeChat API is and the AppSecret it signs in with, resolved the same way for a broadcast
// (BroadcastWorker) and for the Apps page's "Test connection" (UpstreamCheck): the built-in sandbox's URL
// for an app whose upstream is "sandbox", else the app's base URL; the AppSecret from the keychain, or,
// for a sandbox (built in, or on a loopback address), the sandbox's documented credential.
#include "domain/result.h"

#include <QString>
#include <QUrl>

namespace pushdesk {
class SecretStore;
struct App;

struct UpstreamAccess {
    QUrl wechatBase;
    QString appSecret;
    bool builtIn = false;   // the app's upstream is the built-in sandbox
    bool sandboxed = false; // the built-in sandbox or a loopback address (a `pushdesk sandbox`)

    // An error is a stored reason (ReasonText), fit for a broadcast's status reason.
    static Result<UpstreamAccess> resolve(const App &app, const QUrl &builtInSandbox, SecretStore *secrets);
    static bool isLoopback(const QUrl &url);
};

} // namespace pushdesk
