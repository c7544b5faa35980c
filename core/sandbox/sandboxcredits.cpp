// SandboxState: mini-program send credits (subscribe grants, legacy form_ids), the daily quota per
// app, and the msg_sec_check word lists.
#include "sandboxstate.h"

#include <algorithm>

namespace pushdesk {

namespace {

constexpr qint64 dayMsecs = 24LL * 3600 * 1000;
constexpr qint64 beijingOffsetMsecs = 8LL * 3600 * 1000;

// WeChat quotas reset at midnight Beijing time (UTC+8).
qint64 quotaDayOf(qint64 nowMsecs)
{
    const qint64 local = nowMsecs + beijingOffsetMsecs;
    return local >= 0 ? local / dayMsecs : (local - dayMsecs + 1) / dayMsecs;
}

} // namespace

void SandboxState::addGrants(SandboxApp &app, const QString &openid, const QString &templateId,
                             int count)
{
    int &grants = app.grants[grantKey(openid, templateId)];
    grants = int(std::min<qint64>(qint64(grants) + count, std::numeric_limits<int>::max()));
}

bool SandboxState::spendGrant(SandboxApp &app, const QString &openid, const QString &templateId)
{
    const auto it = app.grants.find(grantKey(openid, templateId));
    if (it == app.grants.end() || it.value() <= 0)
        return false;
    if (--it.value() == 0)
        app.grants.erase(it);
    return true;
}

void SandboxState::addFormId(SandboxApp &app, const QString &formId, const SandboxFormId &credit)
{
    app.formIds.insert(formId, credit);
}

int SandboxState::spendFormId(SandboxApp &app, const QString &formId, const QString &openid,
                              qint64 nowMsecs)
{
    const auto it = formId.isEmpty() ? app.formIds.end() : app.formIds.find(formId);
    if (it == app.formIds.end() || it->openid != openid || nowMsecs >= it->expiresAtMsecs)
        return 41028;
    if (it->usesLeft <= 0)
        return 41029;
    --it->usesLeft; // kept when used up, so that another try answers 41029, not 41028
    return 0;
}

qint64 SandboxState::dailyQuota(const SandboxApp &app) const
{
    return app.dailyQuota >= 0 ? app.dailyQuota : m_defaultDailyQuota;
}

qint64 SandboxState::quotaUsed(SandboxApp &app, qint64 nowMsecs)
{
    const qint64 day = quotaDayOf(nowMsecs);
    if (app.quotaDay != day) {
        app.quotaDay = day;
        app.quotaUsed = 0;
    }
    return app.quotaUsed;
}

void SandboxState::setQuotaUsed(SandboxApp &app, qint64 used, qint64 nowMsecs)
{
    quotaUsed(app, nowMsecs); // roll the day over first
    app.quotaUsed = std::max<qint64>(0, used);
}

bool SandboxState::quotaExhausted(SandboxApp &app, qint64 nowMsecs)
{
    const qint64 quota = dailyQuota(app);
    return quota > 0 && quotaUsed(app, nowMsecs) >= quota;
}

void SandboxState::spendQuota(SandboxApp &app, qint64 nowMsecs)
{
    quotaUsed(app, nowMsecs);
    ++app.quotaUsed;
}

QJsonObject SandboxState::quotaJson(qint64 nowMsecs)
{
    QJsonObject apps;
    for (auto &[appid, app] : m_apps) {
        apps.insert(appid, QJsonObject{{QLatin1String("daily_quota"), dailyQuota(*app)},
                                       {QLatin1String("used"), quotaUsed(*app, nowMsecs)}});
    }
    return {{QLatin1String("daily_quota"), m_defaultDailyQuota}, {QLatin1String("apps"), apps}};
}

void SandboxState::setSecWords(QList<SandboxSecWord> risky, QList<SandboxSecWord> review)
{
    m_riskyWords = std::move(risky);
    m_reviewWords = std::move(review);
}

SandboxSecVerdict SandboxState::secCheck(const QString &content) const
{
    for (const SandboxSecWord &word : m_riskyWords) {
        if (!word.word.isEmpty() && content.contains(word.word, Qt::CaseInsensitive))
            return {QLatin1String("risky"), word.label, word.word};
    }
    for (const SandboxSecWord &word : m_reviewWords) {
        if (!word.word.isEmpty() && content.contains(word.word, Qt::CaseInsensitive))
            return {QLatin1String("review"), word.label, word.word};
    }
    return {QLatin1String("pass"), 100, {}};
}

} // namespace pushdesk
