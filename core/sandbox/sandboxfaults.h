#pragma once
// Fault injection of the sandbox: what can go wrong between the engine and an upstream, switchable
// by `pushdesk sandbox` flags and by POST /sandbox/admin/faults (GET returns the settings).
//
// Faults apply to the message endpoints only (WeChat custom, template, subscribe, wxopen template,
// msg_sec_check; Bark /push; ntfy; webhooks), never to tokens, clear_quota, /sandbox/admin or
// /sandbox/stats. For every such request the draws happen in a fixed order before the route runs,
// so a seed replays the same faults for the same sequence of requests:
//   drop_rate       close the connection without answering            not accepted
//   http5xx_rate    HTTP 502 or 503 with a short text body            not accepted
//   error_rates     {"<errcode>":rate}: that WeChat errcode (HTTP 200, the upstream errmsg);
//                   WeChat endpoints only, in ascending errcode order  not accepted
//   malformed_rate  HTTP 200 with a truncated JSON body. Whether the message was accepted is set
//                   by malformed_after_accept:
//                     false (default): the answer is mangled before processing: NOT accepted,
//                       nothing counted, no state changes (credits, quota, window untouched);
//                     true: the request is processed as usual and only its answer is mangled
//                       (a reply lost after the upstream acted): accepted and counted if it would
//                       have been, so tests can prove the engine never re-sends blindly.
//   latency_ms      every answer of these endpoints (faulty or not, drops included) leaves that
//                   much later from a timer; the request is processed on arrival, the server
//                   thread is never blocked, and delayed answers overlap.
//   token_expiry_every  after every N message calls of an app (WeChat calls that reached their
//                   route, i.e. no other fault answered, with a valid token), all its current
//                   tokens (/cgi-bin/token and stable_token) expire: the next use answers 42001.
//   token_busy_next  the next N calls of /cgi-bin/token and /cgi-bin/stable_token answer -1 (system busy),
//                   counted under "errcode" like the others: the one fault of the token endpoints, so that
//                   tests can prove a busy token endpoint is asked again and fails nobody.
// Rates are probabilities in [0, 1]: 0 never draws, 1 always hits. Injected faults are counted in
// /sandbox/stats "faults": {"http5xx","dropped","malformed","errcode":{"<code>":n},
// "token_expired"} (token_expired counts expiry events, not the 42001 answers that follow).
#include <QJsonObject>
#include <QMap>
#include <QRandomGenerator>
#include <QString>

#include <expected>
#include <optional>

namespace pushdesk {

struct SandboxFaultSettings {
    int latencyMsecs = 0;
    QMap<int, double> errorRates; // WeChat errcode -> probability; ordered for repeatable draws
    double http5xxRate = 0;
    double malformedRate = 0;
    bool malformedAfterAccept = false;
    double dropRate = 0;
    int tokenExpiryEvery = 0;     // 0 = tokens live their normal life
    int tokenBusyNext = 0;        // the next N token calls answer -1
    std::optional<quint64> seed;  // none = a random seed, reported by GET /sandbox/admin/faults

    // True when any request can be affected (delayed, failed or mangled).
    bool injectsAnything() const;

    // The /sandbox/admin/faults JSON. Unknown keys, wrong types and out-of-range values are errors
    // (a typo must not silently disable a fault); absent keys take their default.
    static std::expected<SandboxFaultSettings, QString> fromJson(const QJsonObject &object);
    QJsonObject toJson() const;
    // One --error-rate value, "ERRCODE=RATE" (e.g. "-1=0.05").
    std::expected<void, QString> addErrorRate(QStringView spec);
};

// Which faults a route is exposed to.
enum class SandboxFaultScope {
    None,   // tokens, clear_quota, admin, stats, liveness routes
    Wechat, // every fault, WeChat errcodes included
    Push,   // Bark, ntfy, webhooks: every fault but WeChat errcodes
};

struct SandboxFaultDraw {
    enum Kind { None, Drop, Http5xx, Errcode, Malformed };
    Kind kind = None;
    int code = 0; // HTTP status for Http5xx, errcode for Errcode
};

struct SandboxFaultCounters {
    qint64 http5xx = 0;
    qint64 dropped = 0;
    qint64 malformed = 0;
    qint64 tokenExpired = 0;
    QMap<int, qint64> errcode;

    QJsonObject toJson() const;
};

class SandboxFaultInjector
{
public:
    explicit SandboxFaultInjector(const SandboxFaultSettings &settings = {});

    void configure(const SandboxFaultSettings &settings); // replaces everything and reseeds
    const SandboxFaultSettings &settings() const { return m_settings; }
    quint64 seed() const { return m_seed; }
    QJsonObject settingsJson() const; // settings with the seed in effect
    bool active() const { return m_active; }

    // The fault for one request of the given scope, counted; None when the request goes through.
    SandboxFaultDraw draw(SandboxFaultScope scope);
    void countTokenExpiry() { ++m_counters.tokenExpired; }
    // True (and counted) while token_busy_next has calls left: this token call answers -1.
    bool takeTokenBusy();

    const SandboxFaultCounters &counters() const { return m_counters; }
    void resetCounters() { m_counters = {}; }

private:
    bool hit(double rate);

    SandboxFaultSettings m_settings;
    quint64 m_seed = 0;
    QRandomGenerator64 m_random;
    SandboxFaultCounters m_counters;
    bool m_active = false;
    int m_tokenBusyLeft = 0;
};

} // namespace pushdesk
