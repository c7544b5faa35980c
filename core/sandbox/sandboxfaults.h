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
//   error_rates     {"<key>":rate}, drawn in ascending key order          not accepted
//                     "<errcode>"  that WeChat errcode (HTTP 200, the upstream errmsg); WeChat endpoints
//                     "ntfy:<code>"  that ntfy error on ntfy publishes (upstream-apis.md §7a: 40004-40006,
//                                  40009, 40101, 40301, 42901, 42908, 50001), HTTP = code / 100
//                     "bark:token_invalid"  Bark 400 "failed to get device token: device token invalid"
//                     "bark:apns:<Reason>"  Bark 500 "push failed: <Reason>" (BadDeviceToken, Unregistered,
//                                  TooManyRequests, ...)
//                     "bark:teapot"  Bark 418 "I'm a teapot" (Basic auth refused)
//                   bark:teapot answers the whole /push request. The device faults (token_invalid, apns)
//                   are drawn by the route for each device key it pushes to, after the key is found, as
//                   the server meets them: a single push answers with the error, a batch answers HTTP 200
//                   with that code and message in the key's entry of "data".
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
//   token_errors    {"<errcode>":N}: the next N calls of /cgi-bin/token and /cgi-bin/stable_token answer
//                   that errcode (lowest code first), counted under "errcode" like the others: the faults of
//                   the token endpoints (upstream-apis.md §1: -1 busy, 40013, 40125, 40164, 40243, 45009,
//                   45011, 89503, 89506, 89507, 50004, 50007, ...). Counts, not rates, so that a test can
//                   make the endpoint refuse and then recover.
// Rates are probabilities in [0, 1]: 0 never draws, 1 always hits. Injected faults are counted in
// /sandbox/stats "faults": {"http5xx","dropped","malformed","errcode":{"<code>":n},
// "token_expired"} (token_expired counts expiry events, not the 42001 answers that follow).
#include <QJsonObject>
#include <QMap>
#include <QRandomGenerator>
#include <QString>

#include "sandboxwire.h"

#include <expected>
#include <optional>

namespace pushdesk {

struct SandboxFaultSettings {
    int latencyMsecs = 0;
    QMap<int, double> errorRates; // WeChat errcode -> probability; ordered for repeatable draws
    QMap<QString, double> pushErrorRates; // "ntfy:<code>" / "bark:..." -> probability (error_rates too)
    double http5xxRate = 0;
    double malformedRate = 0;
    bool malformedAfterAccept = false;
    double dropRate = 0;
    int tokenExpiryEvery = 0;     // 0 = tokens live their normal life
    QMap<int, int> tokenErrors;   // errcode -> how many of the next token calls answer it
    std::optional<quint64> seed;  // none = a random seed, reported by GET /sandbox/admin/faults

    // True when any request can be affected (delayed, failed or mangled).
    bool injectsAnything() const;

    // The /sandbox/admin/faults JSON. Unknown keys, wrong types and out-of-range values are errors
    // (a typo must not silently disable a fault); absent keys take their default.
    static std::expected<SandboxFaultSettings, QString> fromJson(const QJsonObject &object);
    QJsonObject toJson() const;
    // One --error-rate value, "KEY=RATE" (e.g. "-1=0.05", "ntfy:42901=0.1", "bark:apns:BadDeviceToken=1").
    std::expected<void, QString> addErrorRate(QStringView spec);
    // One --token-error value, "ERRCODE=N" (e.g. "40164=1").
    std::expected<void, QString> addTokenError(QStringView spec);
};

// Which faults a route is exposed to.
enum class SandboxFaultScope {
    None,   // tokens, clear_quota, admin, stats, liveness routes
    Wechat, // every fault, WeChat errcodes included
    Bark,   // Bark /push: every fault, Bark errors instead of WeChat errcodes
    Ntfy,   // ntfy publishes: every fault, ntfy errors instead of WeChat errcodes
    Webhook, // webhooks: every fault but errcodes
};

struct SandboxFaultDraw {
    enum Kind { None, Drop, Http5xx, Errcode, PushError, Malformed };
    Kind kind = None;
    int code = 0;       // HTTP status for Http5xx, errcode for Errcode
    QString pushError;  // the error_rates key of a PushError ("ntfy:42901", "bark:teapot", ...)
};

struct SandboxFaultCounters {
    qint64 http5xx = 0;
    qint64 dropped = 0;
    qint64 malformed = 0;
    qint64 tokenExpired = 0;
    QMap<int, qint64> errcode;
    QMap<QString, qint64> pushErrors; // reported under "errcode" with their keys

    QJsonObject toJson() const;
};

// The answer of an error_rates push fault ("ntfy:<code>", "bark:..."), as that server would give it.
SandboxReply pushFaultReply(const QString &key, qint64 nowSeconds);
// A Bark device fault ("bark:token_invalid", "bark:apns:<Reason>"): its code and message.
std::pair<int, QString> barkDeviceFault(const QString &key);

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
    // The Bark device fault (its error_rates key, counted) of one device key a push reaches; empty: none.
    QString drawBarkDeviceFault();
    void countTokenExpiry() { ++m_counters.tokenExpired; }
    // The errcode this token call answers while token_errors has calls left (counted), else 0.
    int takeTokenError();

    const SandboxFaultCounters &counters() const { return m_counters; }
    void resetCounters() { m_counters = {}; }

private:
    bool hit(double rate);

    SandboxFaultSettings m_settings;
    quint64 m_seed = 0;
    QRandomGenerator64 m_random;
    SandboxFaultCounters m_counters;
    bool m_active = false;
    QMap<int, int> m_tokenErrorsLeft;
};

} // namespace pushdesk
