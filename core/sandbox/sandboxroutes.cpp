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

void SandboxRouter::add(const QString &path, Handler handler, bool countCalls,
                        SandboxFaultScope faults)
{
    m_routes.insert(path, Route{std::move(handler), countCalls, faults});
}

void SandboxRouter::addPrefix(const QString &prefix, Handler handler, SandboxFaultScope faults)
{
    m_prefixes.append({prefix, Route{std::move(handler), true, faults}});
}

const SandboxRouter::Route *SandboxRouter::find(const QString &path) const
{
    const auto it = m_routes.constFind(path);
    if (it != m_routes.constEnd())
        return &it.value();
    for (const auto &[prefix, route] : m_prefixes) {
        if (path.startsWith(prefix))
            return &route;
    }
    return nullptr;
}

} // namespace pushdesk
