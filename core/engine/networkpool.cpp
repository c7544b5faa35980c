#include "engine/networkpool.h"

namespace pushdesk {

NetworkPool::NetworkPool(int managers)
{
    for (int i = 0; i < std::max(1, managers); ++i) {
        auto m = std::make_unique<QNetworkAccessManager>();
        m->setAutoDeleteReplies(true);
        m_managers.push_back(std::move(m));
    }
}

QNetworkAccessManager *NetworkPool::next()
{
    auto *m = m_managers[m_next].get();
    m_next = (m_next + 1) % m_managers.size();
    return m;
}

QNetworkRequest NetworkPool::jsonRequest(const QUrl &url, int timeoutMs)
{
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setTransferTimeout(timeoutMs);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    return req;
}

} // namespace pushdesk
