#include "engine/ratelimiter.h"

#include <cmath>

namespace pushdesk {

RateLimiter::RateLimiter(int perSecond, int burst)
    : m_perSecond(perSecond)
    , m_burst(burst > 0 ? burst : std::max(1, perSecond))
{
    m_clock.start();
}

int RateLimiter::reserve(const QString &api)
{
    if (m_perSecond <= 0)
        return 0;
    const double interval = 1000.0 / m_perSecond;
    const double now = double(m_clock.elapsed());
    double &next = m_nextFreeMs[api];
    // A bucket of m_burst tokens: the schedule may run up to m_burst intervals behind "now".
    next = std::max(next, now - (m_burst - 1) * interval);
    const double at = next;
    next += interval;
    return at <= now ? 0 : int(std::ceil(at - now));
}

} // namespace pushdesk
