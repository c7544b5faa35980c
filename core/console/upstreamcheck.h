#pragma once
// The Apps page's "Test connection": asks the app's upstream for an access token (/cgi-bin/stable_token),
// the first thing a broadcast does, with the same address and AppSecret (UpstreamAccess) and the same
// client (TokenCache), and says plainly whether it worked and, if not, what the upstream answered.
#include "domain/types.h"

#include <QObject>
#include <QUrl>

#include <memory>

namespace pushdesk {
class NetworkPool;
class SecretStore;
class TokenCache;

class UpstreamCheck : public QObject {
    Q_OBJECT
public:
    explicit UpstreamCheck(QObject *parent = nullptr);
    ~UpstreamCheck() override;

    // builtInSandbox: the built-in sandbox's URL (for an app whose upstream is "sandbox"). Emits finished()
    // once, later (never from inside start()). A check already under way is abandoned.
    void start(const App &app, const QUrl &builtInSandbox, SecretStore *secrets);
    bool isRunning() const { return m_tokens != nullptr; }

signals:
    // message: in the current language, for the operator.
    void finished(bool ok, const QString &message);

private:
    void finish(bool ok, const QString &message);

    std::unique_ptr<NetworkPool> m_pool;
    std::unique_ptr<TokenCache> m_tokens;
    int m_generation = 0;
};

} // namespace pushdesk
