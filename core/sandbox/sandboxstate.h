#pragma once
// Everything the emulated upstreams remember: apps and their secrets, access tokens, followers with
// their 48-hour customer-service window, registered templates, send credits (subscribe grants and
// form_ids), daily quotas, msg_sec_check word lists, Bark device keys, webhooks, fault settings,
// and the counters that tests read back through /sandbox/stats. No HTTP here: routes translate
// wire <-> state. Single-threaded by design: it belongs to the thread of its SandboxServer.
#include "sandboxoptions.h"

#include <QHash>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QString>
#include <QStringList>

#include <array>
#include <limits>
#include <memory>
#include <unordered_map>

namespace pushdesk {

// One kind of message the sandbox accepts or rejects. Every acceptance or rejection of every kind
// goes through SandboxState::settle(); a new channel adds a value here and a name in
// messageKindName(). Stats key accepted messages by recipient: openid (WeChat), device key (Bark),
// topic (ntfy), the body's "recipient" or the webhook name (webhook); msg_sec_check by its verdict
// ("pass", "review", "risky").
enum class SandboxMessageKind {
    Custom, Template, Bark, Subscribe, WxopenTemplate, MsgSecCheck, Ntfy, Webhook, Count
};
QLatin1String messageKindName(SandboxMessageKind kind);

struct SandboxFollower {
    bool following = true;
    bool blacklisted = false;
    qint64 lastInteractionMsecs = 0; // 0 = never interacted
    int csSinceInteraction = 0;      // customer-service messages accepted since lastInteractionMsecs
};

struct SandboxTemplate {
    QStringList keys; // data keys whose value must be non-empty; empty = not checked
};

// A legacy mini-program form_id (1 use, form submit) or prepay_id (3 uses, payment), 7 days.
struct SandboxFormId {
    QString openid; // the user who submitted it: nobody else can be sent to with it
    int usesLeft = 1;
    qint64 expiresAtMsecs = 0;
};

// The two token families of one app are isolated (upstream-apis.md §1): /cgi-bin/token and
// /cgi-bin/stable_token each keep their current token and at most one retired one.
struct SandboxTokenSlot {
    QString current;
    QString previous;
};

struct SandboxApp {
    QString appid;
    QString secret;
    QString kind;
    QHash<QString, SandboxFollower> followers;
    QHash<QString, SandboxTemplate> templates;
    SandboxTokenSlot plainTokens;
    SandboxTokenSlot stableTokens;
    QHash<QString, int> grants;            // subscribe consent: grantKey(openid, template) -> count
    QHash<QString, SandboxFormId> formIds; // form_id -> credit
    QSet<QString> pages;                   // a mini-program's live pages; empty = any page (41030 otherwise)
    qint64 dailyQuota = -1;                // -1 = the sandbox-wide default
    qint64 quotaUsed = 0;                  // accepted messages on quotaDay
    qint64 quotaDay = 0;
    qint64 messageCalls = 0;               // calls with a valid token, for token_expiry_every
    // Where WeChat pushes this account's user messages and events (the "server URL" of the official
    // account's developer settings); empty = the sandbox-wide default callback.
    QString callbackUrl;
    QString callbackToken;                 // the account's Token, for the callback's signature (empty: the default)
};

// One thing a user did through /sandbox/user/*, as /sandbox/stats reports it: what, to which app,
// when, what the app's callback answered, and how many WeChat messages the user had received from
// the app when the callback answered (what arrives later arrived after the app knew).
struct SandboxUserAction {
    QString appid;
    QString openid;
    QString kind;    // "text" or the event: "subscribe", "unsubscribe"
    QString content; // the text of a message
    qint64 atMsecs = 0;
    int callbackStatus = 0; // HTTP status of the callback; 0 = no callback URL or no answer
    qint64 acceptedWhenAnswered = 0;
};

struct SandboxSecVerdict {
    QLatin1String suggest; // "pass", "review" or "risky"
    int label = 100;
    QString word; // the word that matched; empty on pass
};

struct SandboxTokenGrant {
    int errcode = 0;
    QString token;
    qint64 expiresInSeconds = 0;
};

struct SandboxTokenCheck {
    int errcode = 0;
    SandboxApp *app = nullptr;
};

class SandboxState
{
public:
    // Grace period during which a replaced /cgi-bin/token token still works (upstream-apis.md §1),
    // and the margin before expiry at which stable_token renews.
    static constexpr qint64 tokenGraceMsecs = 5 * 60 * 1000;
    static constexpr qint64 csWindowMsecs = 48LL * 3600 * 1000;
    static constexpr quint64 firstMsgId = 3717005636572528642ULL;

    explicit SandboxState(SandboxOptions options);
    ~SandboxState();
    SandboxState(const SandboxState &) = delete;
    SandboxState &operator=(const SandboxState &) = delete;

    qint64 now() const { return m_options.nowMsecs(); }
    const SandboxOptions &options() const { return m_options; }

    // Apps -------------------------------------------------------------------------------------
    // The documented sandbox convention for apps registered without a secret.
    static QString defaultSecretFor(const QString &appid)
    {
        return QLatin1String("sandbox-secret-") + appid;
    }
    // The Token an app's callbacks are signed with when POST /sandbox/admin/callbacks set none.
    static QString defaultCallbackTokenFor(const QString &appid)
    {
        return QLatin1String("sandbox-token-") + appid;
    }
    SandboxApp &upsertApp(const QString &appid, const QString &secret, const QString &kind);
    SandboxApp *app(const QString &appid) const;

    // Tokens -----------------------------------------------------------------------------------
    SandboxTokenGrant issueToken(const QString &grantType, const QString &appid,
                                 const QString &secret, qint64 nowMsecs);
    SandboxTokenGrant stableToken(const QString &grantType, const QString &appid,
                                  const QString &secret, bool forceRefresh, qint64 nowMsecs);
    // 41001 when empty, 40001 when unknown or replaced, 42001 when expired, else 0 with the app.
    SandboxTokenCheck checkToken(const QString &token, qint64 nowMsecs) const;

    // Recipients -------------------------------------------------------------------------------
    // Customer-service rules in upstream order: 40003, 43004, 43019, 45015, 45047; 0 = may send.
    int customVerdict(const SandboxApp &app, const QString &openid, qint64 nowMsecs) const;
    // Counts one accepted customer-service message against the follower's allowance.
    void spendCustomAllowance(SandboxApp &app, const QString &openid);
    // Template rules: 40003, 43004, 43019; 0 = may send.
    int templateRecipientVerdict(const SandboxApp &app, const QString &openid) const;
    void recordInteraction(SandboxFollower &follower, qint64 atMsecs);
    quint64 nextMsgId() { return m_nextMsgId++; }

    // Mini-program send credits (sandboxcredits.cpp) ---------------------------------------------
    static QString grantKey(const QString &openid, const QString &templateId)
    {
        return openid + QChar(0x1f) + templateId;
    }
    void addGrants(SandboxApp &app, const QString &openid, const QString &templateId, int count);
    bool spendGrant(SandboxApp &app, const QString &openid, const QString &templateId);
    void addFormId(SandboxApp &app, const QString &formId, const SandboxFormId &credit);
    // 41028 unknown, expired or another user's; 41029 used up; 0 = spent one use.
    int spendFormId(SandboxApp &app, const QString &formId, const QString &openid, qint64 nowMsecs);

    // Daily quota (sandboxcredits.cpp) ----------------------------------------------------------
    qint64 defaultDailyQuota() const { return m_defaultDailyQuota; }
    void setDefaultDailyQuota(qint64 quota) { m_defaultDailyQuota = quota; }
    qint64 dailyQuota(const SandboxApp &app) const;
    qint64 quotaUsed(SandboxApp &app, qint64 nowMsecs);
    void setQuotaUsed(SandboxApp &app, qint64 used, qint64 nowMsecs);
    bool quotaExhausted(SandboxApp &app, qint64 nowMsecs);
    void spendQuota(SandboxApp &app, qint64 nowMsecs);
    QJsonObject quotaJson(qint64 nowMsecs);

    // Token expiry fault: counts one message call with a valid token; every
    // token_expiry_every-th call expires all tokens of the app.
    void countMessageCall(SandboxApp &app, qint64 nowMsecs);
    void expireTokens(const SandboxApp &app, qint64 nowMsecs);

    // msg_sec_check (sandboxcredits.cpp) --------------------------------------------------------
    void setSecWords(QList<SandboxSecWord> risky, QList<SandboxSecWord> review);
    const QList<SandboxSecWord> &riskyWords() const { return m_riskyWords; }
    const QList<SandboxSecWord> &reviewWords() const { return m_reviewWords; }
    SandboxSecVerdict secCheck(const QString &content) const;

    // Bark -------------------------------------------------------------------------------------
    void addBarkDevice(const QString &deviceKey) { m_barkDevices.insert(deviceKey); }
    bool hasBarkDevice(const QString &deviceKey) const { return m_barkDevices.contains(deviceKey); }

    // Server credentials, as a self-hosted server may ask for them (empty: open). Bark: bark-server's
    // --user/--password (HTTP Basic; refused with 418). ntfy: an access token (Authorization: Bearer; refused
    // with 40101).
    void setServerAuth(QByteArray barkBasic, QByteArray ntfyToken)
    {
        m_barkBasic = std::move(barkBasic);
        m_ntfyToken = std::move(ntfyToken);
    }
    // Whether a call carries what the server asks for.
    bool barkAuthorized(const QByteArray &authorization) const
    {
        return m_barkBasic.isEmpty() || authorization == "Basic " + m_barkBasic.toBase64();
    }
    bool ntfyAuthorized(const QByteArray &authorization) const
    {
        return m_ntfyToken.isEmpty() || authorization == "Bearer " + m_ntfyToken;
    }
    bool barkAuthRequired() const { return !m_barkBasic.isEmpty(); }
    bool ntfyAuthRequired() const { return !m_ntfyToken.isEmpty(); }

    // Webhooks ---------------------------------------------------------------------------------
    void setWebhook(const QString &name, const QByteArray &secret) { m_webhooks.insert(name, secret); }
    const QByteArray *webhookSecret(const QString &name) const
    {
        const auto it = m_webhooks.constFind(name);
        return it == m_webhooks.constEnd() ? nullptr : &it.value();
    }

    // User callbacks (sandboxuserroutes.cpp) ------------------------------------------------------
    // The callback URL of apps that have none of their own. Kept by resetAll(): it is wiring (the
    // built-in sandbox is pointed at the console's receiver), not test state.
    void setDefaultCallbackUrl(const QString &url) { m_defaultCallbackUrl = url; }
    const QString &defaultCallbackUrl() const { return m_defaultCallbackUrl; }
    QString callbackUrlFor(const SandboxApp &app) const
    {
        return app.callbackUrl.isEmpty() ? m_defaultCallbackUrl : app.callbackUrl;
    }
    // The Token an app's callbacks are signed with: the one POST /sandbox/admin/callbacks set, else the
    // one the hosting workspace wired (the operator's Token of an app on the built-in sandbox; kept by
    // resetAll() like the default URL), else defaultCallbackTokenFor().
    void setWiredCallbackToken(const QString &appid, const QString &token) { m_wiredCallbackTokens.insert(appid, token); }
    QString callbackTokenFor(const SandboxApp &app) const
    {
        if (!app.callbackToken.isEmpty())
            return app.callbackToken;
        const QString wired = m_wiredCallbackTokens.value(app.appid);
        return wired.isEmpty() ? defaultCallbackTokenFor(app.appid) : wired;
    }
    QJsonObject callbacksJson() const;
    // WeChat messages (custom, template, subscribe, wxopen template) accepted for openid so far.
    qint64 acceptedWechatMessages(const QString &openid) const;
    void recordUserAction(const SandboxUserAction &action) { m_userActions.append(action); }

    // Faults -----------------------------------------------------------------------------------
    SandboxFaultInjector &faults() { return m_faults; }

    // Statistics -------------------------------------------------------------------------------
    // The single accept/reject path: errcode 0 counts recipient as accepted, anything else counts
    // the errcode as a rejection of that kind.
    void settle(SandboxMessageKind kind, const QString &recipient, int errcode);
    void countCall(const QString &path) { ++m_calls[path]; }
    QJsonObject statsJson() const;
    void resetStats(); // counters only (fault counters included)
    // Everything: apps, tokens, credits, devices, webhooks, counters; word lists, default quota
    // and fault settings return to the SandboxOptions the sandbox started with.
    void resetAll();

private:
    struct TokenRecord {
        SandboxApp *app = nullptr;
        qint64 expiresAtMsecs = 0;
        qint64 retiredAtMsecs = std::numeric_limits<qint64>::max();
    };
    struct KindStats {
        QHash<QString, qint64> accepted; // recipient -> count
        QHash<int, qint64> rejected;     // errcode -> count
    };

    int checkCredentials(const QString &grantType, const QString &appid, const QString &secret,
                         SandboxApp **app) const;
    QString mintToken(SandboxApp *app, SandboxTokenSlot &slot, qint64 nowMsecs,
                      qint64 retireOldAtMsecs);
    QString randomToken();

    SandboxOptions m_options;
    std::unordered_map<QString, std::unique_ptr<SandboxApp>> m_apps;
    QHash<QString, TokenRecord> m_tokens;
    QSet<QString> m_barkDevices;
    QHash<QString, QByteArray> m_webhooks;
    QByteArray m_barkBasic; // "user:password"
    QByteArray m_ntfyToken;
    QList<SandboxSecWord> m_riskyWords;
    QList<SandboxSecWord> m_reviewWords;
    qint64 m_defaultDailyQuota = 0;
    SandboxFaultInjector m_faults;
    std::array<KindStats, static_cast<size_t>(SandboxMessageKind::Count)> m_kindStats;
    QHash<QString, qint64> m_calls;
    QString m_defaultCallbackUrl;
    QHash<QString, QString> m_wiredCallbackTokens; // appid -> Token
    QList<SandboxUserAction> m_userActions;
    qint64 m_tokensIssued = 0;
    quint64 m_nextMsgId = firstMsgId;
    QRandomGenerator m_random;
};

} // namespace pushdesk
