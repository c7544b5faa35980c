#pragma once
// What came back from one upstream request, parsed into the few facts the engine acts on.
#include <QByteArray>
#include <QString>

class QNetworkReply;

namespace pushdesk {

struct UpstreamReply {
    enum class Kind { Ok, ApiError, HttpError, NetworkError, Garbage };
    Kind kind = Kind::Ok;
    int httpStatus = 0;
    int errcode = 0;          // WeChat errcode, or Bark's "code" on error
    QString errmsg;
    QString msgid;            // kept as text: may exceed 2^53
    QString accessToken;      // token responses
    int expiresIn = 0;
    QByteArray body;

    bool retryable() const;   // network errors, HTTP 5xx (but a Bark device token APNs refused), WeChat -1 / 45011
    // One line for the send log and the failures table, in the stored form (ReasonText::display reads it);
    // an API error is its errcode and the upstream's errmsg, as the upstream said it.
    QString describe() const;

    static UpstreamReply fromWeChat(QNetworkReply *reply);
    static UpstreamReply fromBark(QNetworkReply *reply);
    static UpstreamReply fromNtfy(QNetworkReply *reply);
    static UpstreamReply fromWebhook(QNetworkReply *reply);

    // The upstream says the daily quota is spent: stop (pause), do not burn the audience as failures.
    bool quotaSpent() const;
    // The upstream refuses the app's setup, the same for every recipient (a wrong template id, an API the account
    // may not use, a server that wants credentials): stop (pause) with the reason, do not fail everyone.
    bool configFault() const;
};

// When a failed request is made again: bounded, with exponential backoff and jitter; WeChat's "system busy" (-1) as
// WxJava does it (after 1 s·2^n, at most 5 times; upstream-apis.md), and its per-minute quota (45011, "retry next
// minute") not before the next minute.
struct RetryPolicy {
    int maxRetries = 3;             // retries of one request after the first attempt
    int backoffBaseMs = 200;
    int minuteQuotaWaitMs = 60000;  // 45011
    int busyRetries = 5;            // -1
    int busyBackoffBaseMs = 1000;
    // The wait before retry number `retry` (0 for the first) of a request that got r; -1: not retried.
    int delayMs(const UpstreamReply &r, int retry) const;
};

// Errcodes the engine treats specially.
namespace errcode {
inline constexpr int Busy = -1;
inline constexpr int InvalidCredential = 40001;
inline constexpr int InvalidOpenid = 40003;
inline constexpr int InvalidAccessToken = 40014;
inline constexpr int AccessTokenExpired = 42001;
inline constexpr int RequireSubscribe = 43004;
inline constexpr int Blacklisted = 43019;
inline constexpr int DailyQuota = 45009;
inline constexpr int MinuteQuota = 45011;
inline constexpr int OutOfWindow = 45015;
inline constexpr int OutOfAllowance = 45047;
inline constexpr int TemplateArgument = 47003;
inline constexpr int InvalidFormId = 41028;
inline constexpr int FormIdUsedUp = 41029;
inline constexpr int InvalidPage = 41030;
inline constexpr int UserRefused = 43101;
inline constexpr int NtfyTooManyRequests = 42901;
inline constexpr int NtfyDailyQuota = 42908;
inline constexpr int InvalidTemplateId = 40037;
inline constexpr int ApiUnauthorized = 48001;
inline constexpr int NtfyUnauthorized = 40101;
inline constexpr int NtfyForbidden = 40301;
} // namespace errcode

// Failures no retry can ever turn into a delivery: "Retry failed" leaves them alone. An invalid openid stays
// invalid; a person who was not following (43004), had blocked the account (43019) or refused (43101) may have
// changed their mind, and the operator's retry re-drives them (eligibility is checked again as each row leaves).
inline constexpr int kPermanentDrops[] = {errcode::InvalidOpenid};

// UpstreamReply::configFault(), from what a delivery's outcome keeps (errcode, HTTP status).
inline bool isConfigFault(int code, int httpStatus)
{
    return code == errcode::InvalidTemplateId || code == errcode::ApiUnauthorized || code == errcode::NtfyUnauthorized
           || code == errcode::NtfyForbidden || (code == 0 && httpStatus == 418); // Bark with --user/--password
}

inline bool isTokenError(int code)
{
    return code == errcode::InvalidCredential || code == errcode::AccessTokenExpired
           || code == errcode::InvalidAccessToken;
}

} // namespace pushdesk
