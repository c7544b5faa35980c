#pragma once
// Qt 6.4's QNetworkAccessManager opens at most 6 HTTP/1.1 connections per host, so a wide window
// of requests is spread over a small pool of managers (DESIGN.md, "The engine"). The pool is sized so that
// the whole window can be on the wire at once, and each request goes to the manager with the fewest
// requests outstanding: a request queued inside a manager while another has a free connection would add a
// round trip to the window's cycle.
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <memory>
#include <vector>

class QNetworkReply;

namespace pushdesk {

class NetworkPool {
public:
    static constexpr int kConnectionsPerHost = 6;

    // At least `managers`, and enough for `window` requests to one host at once.
    explicit NetworkPool(int managers, int window = 0);
    ~NetworkPool();
    NetworkPool(const NetworkPool &) = delete;
    NetworkPool &operator=(const NetworkPool &) = delete;

    // POSTs on the least busy manager. The reply deletes itself after finished().
    QNetworkReply *post(const QNetworkRequest &request, const QByteArray &body);
    // A manager for a caller that keeps its own (one request at a time).
    QNetworkAccessManager *next();
    int size() const { return int(m_slots.size()); }
    static QNetworkRequest jsonRequest(const QUrl &url, int timeoutMs = 15000);

private:
    struct Slot {
        std::unique_ptr<QNetworkAccessManager> manager;
        int outstanding = 0;
    };
    std::vector<Slot> m_slots;
    std::size_t m_next = 0;
};

} // namespace pushdesk
