#include "engine/networkpool.h"

#include <QNetworkReply>

namespace pushdesk {

NetworkPool::NetworkPool(int managers, int window)
{
    const int needed = std::max({1, managers, (window + kConnectionsPerHost - 1) / kConnectionsPerHost});
    m_slots.resize(std::size_t(needed));
    for (Slot &s : m_slots) {
        s.manager = std::make_unique<QNetworkAccessManager>();
        s.manager->setAutoDeleteReplies(true);
    }
}

NetworkPool::~NetworkPool() = default;

QNetworkReply *NetworkPool::post(const QNetworkRequest &request, const QByteArray &body)
{
    // The least busy manager; ties go round-robin so that idle managers share the first requests.
    std::size_t best = m_next;
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
        const std::size_t k = (m_next + i) % m_slots.size();
        if (m_slots[k].outstanding < m_slots[best].outstanding)
            best = k;
    }
    m_next = (best + 1) % m_slots.size();
    Slot &slot = m_slots[best];
    QNetworkReply *reply = slot.manager->post(request, body);
    ++slot.outstanding;
    // The slots never move after construction, and the manager (the context) dies with its slot.
    QObject::connect(reply, &QNetworkReply::finished, slot.manager.get(), [s = &slot]() { --s->outstanding; });
    return reply;
}

QNetworkAccessManager *NetworkPool::next()
{
    auto *m = m_slots[m_next].manager.get();
    m_next = (m_next + 1) % m_slots.size();
    return m;
}

QNetworkRequest NetworkPool::jsonRequest(const QUrl &url, int timeoutMs)
{
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setTransferTimeout(timeoutMs);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    // No cookie jar is involved: upstream APIs are stateless, and every reply skips the jar's work.
    req.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    return req;
}

} // namespace pushdesk
