#include "sandboxroutes.h"

#include <QUrl>

namespace pushdesk {

SandboxCall::SandboxCall(const QHttpServerRequest &request, qint64 nowMsecs)
    : m_request(request)
    , m_method(request.method())
    , m_path(request.url().path())
    , m_nowMsecs(nowMsecs)
{
}

const QUrlQuery &SandboxCall::query() const
{
    if (!m_query)
        m_query.emplace(m_request.url());
    return *m_query;
}

bool SandboxCall::hasQueryItem(const QString &key) const
{
    return query().hasQueryItem(key);
}

QString SandboxCall::queryItem(const QString &key) const
{
    return query().queryItemValue(key, QUrl::FullyDecoded);
}

bool SandboxCall::hasJsonContentType() const
{
    return m_request.value(QByteArrayLiteral("content-type")).toLower().startsWith("application/json");
}

void SandboxRouter::add(const QString &path, Handler handler, bool countCalls)
{
    m_routes.insert(path, Route{std::move(handler), countCalls});
}

const SandboxRouter::Route *SandboxRouter::find(const QString &path) const
{
    const auto it = m_routes.constFind(path);
    return it == m_routes.constEnd() ? nullptr : &it.value();
}

} // namespace pushdesk
