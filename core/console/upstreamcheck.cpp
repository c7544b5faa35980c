#include "console/upstreamcheck.h"

#include "domain/reasontext.h"
#include "engine/networkpool.h"
#include "engine/tokencache.h"
#include "engine/upstreamaccess.h"

#include <QTimer>

namespace pushdesk {

UpstreamCheck::UpstreamCheck(QObject *parent)
    : QObject(parent)
{
}

UpstreamCheck::~UpstreamCheck() = default;

void UpstreamCheck::start(const App &app, const QUrl &builtInSandbox, SecretStore *secrets)
{
    const int generation = ++m_generation;
    m_tokens.reset();
    auto access = UpstreamAccess::resolve(app, builtInSandbox, secrets);
    if (!access) {
        const QString message = tr("Cannot test %1: %2.").arg(app.name, ReasonText::display(access.error().message));
        QTimer::singleShot(0, this, [this, generation, message]() {
            if (generation == m_generation)
                finish(false, message);
        });
        return;
    }
    if (!m_pool)
        m_pool = std::make_unique<NetworkPool>(1);
    m_tokens = std::make_unique<TokenCache>(*m_pool, access->wechatBase, app.appid, access->appSecret);
    const QString where = access->builtIn ? tr("the built-in sandbox") : access->wechatBase.toString();
    m_tokens->withToken([this, generation, where, name = app.name](const Result<QString> &token) {
        if (generation != m_generation)
            return;
        // Not from inside the token cache's callback: finish() deletes it.
        QTimer::singleShot(0, this, [this, generation, where, name, token]() {
            if (generation != m_generation)
                return;
            if (token)
                finish(true, tr("Connected: %1 gave %2 an access token.").arg(where, name));
            else
                finish(false, tr("The connection test failed: %1.").arg(ReasonText::display(token.error().message)));
        });
    });
}

void UpstreamCheck::finish(bool ok, const QString &message)
{
    m_tokens.reset();
    emit finished(ok, message);
}

} // namespace pushdesk
