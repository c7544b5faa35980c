#include "policy/eligibility.h"

#include "domain/reasontext.h"

#include <QCoreApplication>

namespace pushdesk {

namespace {
// Verdicts are stored with the deliveries: language-neutral, read in the reader's language (ReasonText).
QString reason(const char *source)
{
    return ReasonText("Eligibility", source).encode();
}

Eligibility skip(const char *source)
{
    return {Eligibility::Verdict::Skip, reason(source)};
}
} // namespace

QList<Channel> EligibilityPolicy::channelsFor(const Binding &binding)
{
    return binding.channels.isEmpty() ? QList<Channel>{Channel::WeChat} : binding.channels;
}

std::optional<QString> EligibilityPolicy::appCannotSend(const App &app, const QDateTime &now)
{
    if (app.disabled)
        return reason(QT_TRANSLATE_NOOP("Eligibility", "the app is disabled"));
    if (app.status == AppStatus::Banned)
        return reason(QT_TRANSLATE_NOOP("Eligibility", "the app is banned"));
    if (app.status == AppStatus::Suspended && (!app.suspendedUntil.isValid() || app.suspendedUntil > now))
        return reason(QT_TRANSLATE_NOOP("Eligibility", "the app is suspended"));
    return std::nullopt;
}

QList<EligibilityPolicy::Planned> EligibilityPolicy::plan(const App &app, const Subscriber &subscriber,
                                                         const Binding &binding, const QDateTime &now)
{
    QList<Planned> out;
    const QList<Channel> channels = channelsFor(binding);
    for (Channel c : channels) {
        const Eligibility e = decide(app, subscriber, binding, c, now);
        if (e.verdict == Eligibility::Verdict::Inbox && c != channels.first())
            continue;
        out.append({c, e});
    }
    return out;
}

Eligibility EligibilityPolicy::decide(const App &app, const Subscriber &subscriber, const Binding &binding,
                                      Channel channel, const QDateTime &now)
{
    if (auto why = appCannotSend(app, now))
        return {Eligibility::Verdict::Skip, *why};
    if (binding.appId != app.id || binding.subscriberId != subscriber.id)
        return skip(QT_TRANSLATE_NOOP("Eligibility", "never bound this app"));
    switch (binding.state) {
    case BindingState::Unbound: return skip(QT_TRANSLATE_NOOP("Eligibility", "unbound the app"));
    case BindingState::Blocked: return skip(QT_TRANSLATE_NOOP("Eligibility", "blocked the app"));
    case BindingState::Active:
    case BindingState::Muted: break;
    }
    if (subscriber.optedOut)
        return skip(QT_TRANSLATE_NOOP("Eligibility", "opted out of all messages"));
    if (binding.reminder == Reminder::None)
        return skip(QT_TRANSLATE_NOOP("Eligibility", "chose no reminders"));
    if (binding.state == BindingState::Muted || binding.reminder == Reminder::Weak)
        return {Eligibility::Verdict::Inbox, reason(QT_TRANSLATE_NOOP("Eligibility", "inbox only (no alert)"))};
    switch (channel) {
    case Channel::WeChat:
        if (subscriber.mpOpenid.isEmpty())
            return skip(QT_TRANSLATE_NOOP("Eligibility", "no official-account openid"));
        if (subscriber.mpOpenid == subscriber.mpOpenidRejected)
            return skip(QT_TRANSLATE_NOOP("Eligibility", "WeChat called this openid invalid (40003); correct it to send again"));
        break;
    case Channel::MiniProgram:
        if (subscriber.miniOpenid.isEmpty())
            return skip(QT_TRANSLATE_NOOP("Eligibility", "no mini-program openid"));
        if (subscriber.miniOpenid == subscriber.miniOpenidRejected)
            return skip(QT_TRANSLATE_NOOP("Eligibility", "WeChat called this openid invalid (40003); correct it to send again"));
        break;
    case Channel::Bark:
        if (subscriber.barkKey.isEmpty())
            return skip(QT_TRANSLATE_NOOP("Eligibility", "no Bark device key"));
        break;
    case Channel::Email:
        if (subscriber.email.isEmpty())
            return skip(QT_TRANSLATE_NOOP("Eligibility", "no e-mail address"));
        break;
    case Channel::Ntfy:
        if (subscriber.ntfyTopic.isEmpty())
            return skip(QT_TRANSLATE_NOOP("Eligibility", "no ntfy topic"));
        break;
    case Channel::Webhook:
        if (subscriber.webhookUrl.isEmpty())
            return skip(QT_TRANSLATE_NOOP("Eligibility", "no webhook URL"));
        break;
    }
    return {Eligibility::Verdict::Push, {}};
}

} // namespace pushdesk
