#include "sandboxstate.h"

#include <QJsonArray>

#include <algorithm>

namespace pushdesk {

QLatin1String messageKindName(SandboxMessageKind kind)
{
    switch (kind) {
    case SandboxMessageKind::Custom: return QLatin1String("custom");
    case SandboxMessageKind::Template: return QLatin1String("template");
    case SandboxMessageKind::Bark: return QLatin1String("bark");
    case SandboxMessageKind::Subscribe: return QLatin1String("subscribe");
    case SandboxMessageKind::WxopenTemplate: return QLatin1String("wxopen_template");
    case SandboxMessageKind::MsgSecCheck: return QLatin1String("msg_sec_check");
    case SandboxMessageKind::Ntfy: return QLatin1String("ntfy");
    case SandboxMessageKind::Webhook: return QLatin1String("webhook");
    case SandboxMessageKind::Count: break;
    }
    return QLatin1String("unknown");
}

SandboxState::SandboxState(SandboxOptions options)
    : m_options(std::move(options))
    , m_riskyWords(m_options.riskyWords)
    , m_reviewWords(m_options.reviewWords)
    , m_defaultDailyQuota(m_options.dailyQuota)
    , m_faults(m_options.faults)
    , m_random(QRandomGenerator::securelySeeded())
{
    if (!m_options.nowMsecs)
        m_options.nowMsecs = [] { return QDateTime::currentMSecsSinceEpoch(); };
}

SandboxState::~SandboxState() = default;

SandboxApp &SandboxState::upsertApp(const QString &appid, const QString &secret, const QString &kind)
{
    auto &slot = m_apps[appid];
    if (!slot) {
        slot = std::make_unique<SandboxApp>();
        slot->appid = appid;
    }
    slot->secret = secret;
    slot->kind = kind;
    return *slot;
}

SandboxApp *SandboxState::app(const QString &appid) const
{
    const auto it = m_apps.find(appid);
    return it == m_apps.end() ? nullptr : it->second.get();
}

int SandboxState::checkCredentials(const QString &grantType, const QString &appid,
                                   const QString &secret, SandboxApp **app) const
{
    if (grantType != QLatin1String("client_credential"))
        return 40002;
    if (appid.isEmpty())
        return 41002;
    if (secret.isEmpty())
        return 41004;
    SandboxApp *found = this->app(appid);
    if (!found)
        return 40013;
    if (found->secret != secret)
        return 40125;
    *app = found;
    return 0;
}

QString SandboxState::randomToken()
{
    static constexpr char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    static constexpr int length = 128; // the docs ask clients to store >= 512; real ones are ~140
    QString token;
    token.reserve(length);
    while (token.size() < length) {
        quint64 bits = m_random.generate64();
        for (int i = 0; i < 10 && token.size() < length; ++i, bits >>= 6)
            token.append(QLatin1Char(alphabet[bits & 63]));
    }
    return token;
}

QString SandboxState::mintToken(SandboxApp *app, SandboxTokenSlot &slot, qint64 nowMsecs,
                                qint64 retireOldAtMsecs)
{
    // Keep at most one retired token per slot, so memory stays bounded however often clients ask.
    if (!slot.previous.isEmpty())
        m_tokens.remove(slot.previous);
    slot.previous.clear();
    if (!slot.current.isEmpty()) {
        const auto it = m_tokens.find(slot.current);
        if (it != m_tokens.end())
            it->retiredAtMsecs = std::min(it->retiredAtMsecs, retireOldAtMsecs);
        slot.previous = slot.current;
    }
    QString token = randomToken();
    while (m_tokens.contains(token))
        token = randomToken();
    TokenRecord record;
    record.app = app;
    record.expiresAtMsecs = nowMsecs + qint64(m_options.tokenTtlSeconds) * 1000;
    m_tokens.insert(token, record);
    slot.current = token;
    ++m_tokensIssued;
    return token;
}

SandboxTokenGrant SandboxState::issueToken(const QString &grantType, const QString &appid,
                                           const QString &secret, qint64 nowMsecs)
{
    SandboxApp *app = nullptr;
    SandboxTokenGrant grant;
    grant.errcode = checkCredentials(grantType, appid, secret, &app);
    if (grant.errcode != 0)
        return grant;
    // Each /cgi-bin/token call invalidates the previous token, which stays usable ~5 minutes.
    grant.token = mintToken(app, app->plainTokens, nowMsecs, nowMsecs + tokenGraceMsecs);
    grant.expiresInSeconds = m_options.tokenTtlSeconds;
    return grant;
}

SandboxTokenGrant SandboxState::stableToken(const QString &grantType, const QString &appid,
                                            const QString &secret, bool forceRefresh,
                                            qint64 nowMsecs)
{
    SandboxApp *app = nullptr;
    SandboxTokenGrant grant;
    grant.errcode = checkCredentials(grantType, appid, secret, &app);
    if (grant.errcode != 0)
        return grant;
    SandboxTokenSlot &slot = app->stableTokens;
    const auto it = slot.current.isEmpty() ? m_tokens.constEnd() : m_tokens.constFind(slot.current);
    if (!forceRefresh && it != m_tokens.constEnd()
        && it->expiresAtMsecs - nowMsecs > tokenGraceMsecs && nowMsecs < it->retiredAtMsecs) {
        // Normal mode: the same token, with the time it has left.
        grant.token = slot.current;
        grant.expiresInSeconds = (it->expiresAtMsecs - nowMsecs) / 1000;
        return grant;
    }
    // force_refresh invalidates the old token at once; a renewal near expiry lets it run out.
    const qint64 retireOld = forceRefresh ? nowMsecs : std::numeric_limits<qint64>::max();
    grant.token = mintToken(app, slot, nowMsecs, retireOld);
    grant.expiresInSeconds = m_options.tokenTtlSeconds;
    return grant;
}

SandboxTokenCheck SandboxState::checkToken(const QString &token, qint64 nowMsecs) const
{
    if (token.isEmpty())
        return {41001, nullptr};
    const auto it = m_tokens.constFind(token);
    if (it == m_tokens.constEnd())
        return {40001, nullptr};
    if (nowMsecs >= it->expiresAtMsecs)
        return {42001, nullptr};
    if (nowMsecs >= it->retiredAtMsecs)
        return {40001, nullptr};
    return {0, it->app};
}

void SandboxState::expireTokens(const SandboxApp &app, qint64 nowMsecs)
{
    for (const SandboxTokenSlot *slot : {&app.plainTokens, &app.stableTokens}) {
        for (const QString *token : {&slot->current, &slot->previous}) {
            const auto it = token->isEmpty() ? m_tokens.end() : m_tokens.find(*token);
            if (it != m_tokens.end())
                it->expiresAtMsecs = std::min(it->expiresAtMsecs, nowMsecs);
        }
    }
}

void SandboxState::countMessageCall(SandboxApp &app, qint64 nowMsecs)
{
    ++app.messageCalls;
    const int every = m_faults.settings().tokenExpiryEvery;
    if (every > 0 && app.messageCalls % every == 0) {
        expireTokens(app, nowMsecs);
        m_faults.countTokenExpiry();
    }
}

int SandboxState::customVerdict(const SandboxApp &app, const QString &openid, qint64 nowMsecs) const
{
    const auto it = app.followers.constFind(openid);
    if (it == app.followers.constEnd())
        return 40003;
    if (!it->following)
        return 43004;
    if (it->blacklisted)
        return 43019;
    if (it->lastInteractionMsecs <= 0 || nowMsecs - it->lastInteractionMsecs > csWindowMsecs)
        return 45015;
    if (it->csSinceInteraction >= m_options.csAllowance)
        return 45047;
    return 0;
}

void SandboxState::spendCustomAllowance(SandboxApp &app, const QString &openid)
{
    const auto it = app.followers.find(openid);
    if (it != app.followers.end())
        ++it->csSinceInteraction;
}

int SandboxState::templateRecipientVerdict(const SandboxApp &app, const QString &openid) const
{
    const auto it = app.followers.constFind(openid);
    if (it == app.followers.constEnd())
        return 40003;
    if (!it->following)
        return 43004;
    if (it->blacklisted)
        return 43019;
    return 0;
}

void SandboxState::recordInteraction(SandboxFollower &follower, qint64 atMsecs)
{
    follower.lastInteractionMsecs = atMsecs;
    follower.csSinceInteraction = 0;
}

void SandboxState::settle(SandboxMessageKind kind, const QString &recipient, int errcode)
{
    KindStats &stats = m_kindStats[static_cast<size_t>(kind)];
    if (errcode == 0)
        ++stats.accepted[recipient];
    else
        ++stats.rejected[errcode];
}

QJsonObject SandboxState::statsJson() const
{
    QJsonObject accepted;
    QJsonObject rejected;
    for (size_t i = 0; i < m_kindStats.size(); ++i) {
        const auto kind = messageKindName(static_cast<SandboxMessageKind>(i));
        QJsonObject perRecipient;
        for (auto it = m_kindStats[i].accepted.cbegin(); it != m_kindStats[i].accepted.cend(); ++it)
            perRecipient.insert(it.key(), it.value());
        QJsonObject perCode;
        for (auto it = m_kindStats[i].rejected.cbegin(); it != m_kindStats[i].rejected.cend(); ++it)
            perCode.insert(QString::number(it.key()), it.value());
        accepted.insert(kind, perRecipient);
        rejected.insert(kind, perCode);
    }
    QJsonObject calls;
    for (auto it = m_calls.cbegin(); it != m_calls.cend(); ++it)
        calls.insert(it.key(), it.value());
    QJsonObject stats;
    stats.insert(QLatin1String("accepted"), accepted);
    stats.insert(QLatin1String("rejected"), rejected);
    stats.insert(QLatin1String("calls"), calls);
    stats.insert(QLatin1String("tokens_issued"), m_tokensIssued);
    stats.insert(QLatin1String("faults"), m_faults.counters().toJson());
    QJsonArray users;
    for (const SandboxUserAction &a : m_userActions) {
        users.append(QJsonObject{{QLatin1String("appid"), a.appid},
                                 {QLatin1String("openid"), a.openid},
                                 {QLatin1String("kind"), a.kind},
                                 {QLatin1String("content"), a.content},
                                 {QLatin1String("at_ms"), a.atMsecs},
                                 {QLatin1String("callback_status"), a.callbackStatus},
                                 {QLatin1String("accepted_when_answered"), a.acceptedWhenAnswered}});
    }
    stats.insert(QLatin1String("user_actions"), users);
    return stats;
}

qint64 SandboxState::acceptedWechatMessages(const QString &openid) const
{
    qint64 total = 0;
    for (SandboxMessageKind kind : {SandboxMessageKind::Custom, SandboxMessageKind::Template,
                                    SandboxMessageKind::Subscribe, SandboxMessageKind::WxopenTemplate})
        total += m_kindStats[static_cast<size_t>(kind)].accepted.value(openid);
    return total;
}

QJsonObject SandboxState::callbacksJson() const
{
    QJsonObject apps;
    for (const auto &[appid, app] : m_apps) {
        if (!app->callbackUrl.isEmpty())
            apps.insert(appid, app->callbackUrl);
    }
    return QJsonObject{{QLatin1String("default"), m_defaultCallbackUrl}, {QLatin1String("apps"), apps}};
}

void SandboxState::resetStats()
{
    for (KindStats &stats : m_kindStats) {
        stats.accepted.clear();
        stats.rejected.clear();
    }
    m_calls.clear();
    m_userActions.clear();
    m_tokensIssued = 0;
    m_faults.resetCounters();
}

void SandboxState::resetAll()
{
    resetStats();
    m_tokens.clear();
    m_apps.clear();
    m_barkDevices.clear();
    m_webhooks.clear();
    setServerAuth({}, {});
    m_nextMsgId = firstMsgId;
    // Back to the start-up configuration (flags or SandboxOptions).
    m_riskyWords = m_options.riskyWords;
    m_reviewWords = m_options.reviewWords;
    m_defaultDailyQuota = m_options.dailyQuota;
    m_faults.configure(m_options.faults);
}

} // namespace pushdesk
