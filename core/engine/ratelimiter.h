#pragma once
// A token bucket per API (e.g. "custom", "template", "bark"), all at the app's send rate: callers
// reserve a slot and are told how long to wait for it. A rate of 0 means unlimited.
#include <QElapsedTimer>
#include <QHash>
#include <QString>

namespace pushdesk {

class RateLimiter {
public:
    explicit RateLimiter(int perSecond = 0, int burst = 0);
    // Milliseconds the caller must wait before sending one request to api (0 = now).
    int reserve(const QString &api);
    int perSecond() const { return m_perSecond; }

private:
    int m_perSecond;
    double m_burst;
    QElapsedTimer m_clock;
    QHash<QString, double> m_nextFreeMs; // per api: when the next token is free (virtual schedule)
};

} // namespace pushdesk
