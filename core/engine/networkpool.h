#pragma once
// Qt 6.4's QNetworkAccessManager opens at most 6 HTTP/1.1 connections per host, so a wide window
// of requests is spread over a small pool of managers (DESIGN.md, "The engine").
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <memory>
#include <vector>

namespace pushdesk {

class NetworkPool {
public:
    explicit NetworkPool(int managers);
    QNetworkAccessManager *next();
    static QNetworkRequest jsonRequest(const QUrl &url, int timeoutMs = 15000);

private:
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
    std::size_t m_next = 0;
};

} // namespace pushdesk
