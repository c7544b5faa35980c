#pragma once
// The one place that decides, for a subscriber × app × channel, whether to push, to leave an inbox
// message, or to skip (and why). The engine, the composer's counts and the dry run all ask it.
#include "domain/types.h"

#include <optional>

namespace pushdesk {

struct Eligibility {
    enum class Verdict { Push, Inbox, Skip };
    Verdict verdict = Verdict::Skip;
    QString reason; // for people, stored form (domain/reasontext.h: ReasonText::display); empty for Push

    DeliveryState deliveryState() const
    {
        switch (verdict) {
        case Verdict::Push: return DeliveryState::Pending;
        case Verdict::Inbox: return DeliveryState::Inbox;
        case Verdict::Skip: break;
        }
        return DeliveryState::Skipped;
    }
};

class EligibilityPolicy {
public:
    static Eligibility decide(const App &app, const Subscriber &subscriber, const Binding &binding, Channel channel,
                              const QDateTime &now);
    // The channels a binding asks for; the plan has one delivery row per channel.
    static QList<Channel> channelsFor(const Binding &binding);
    // Why the app cannot send at all (disabled, suspended, banned), stored form, or nothing if it can.
    static std::optional<QString> appCannotSend(const App &app, const QDateTime &now);

    struct Planned {
        Channel channel;
        Eligibility eligibility;
    };
    // The delivery rows of one audience member: one per preferred channel, except that an inbox-only
    // person gets one inbox message, not one per channel.
    static QList<Planned> plan(const App &app, const Subscriber &subscriber, const Binding &binding, const QDateTime &now);
};

} // namespace pushdesk
