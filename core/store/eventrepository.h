#pragma once
// What subscribers do, recorded as events and applied at once (seed 000 "用户保护", seed 004
// "reply 0 to stop, 1 to resume"): opt-out and opt-in replies, binding, unbinding, muting, blocking
// and reminder changes. Each event is stored and applied to the subscriber or binding in the same
// transaction; an operator's or a user's event also writes an audit event (a user's by
// "subscriber:user", with the source in its after).
#include "domain/result.h"
#include "domain/types.h"

#include <QCoreApplication>
#include <QDateTime>
#include <optional>

namespace pushdesk {
class Database;

enum class SubscriberEventKind { OptOut, OptIn, Bind, Unbind, Mute, Unmute, Block, Unblock, Reminder };
// User: the person did it (a WeChat callback or the relay's settings page, core/callback).
enum class EventSource { Import, Operator, Sandbox, User };

QString toString(SubscriberEventKind v); // optout optin bind unbind mute unmute block unblock reminder
QString toString(EventSource v);         // import operator sandbox user
bool fromString(const QString &s, SubscriberEventKind *v);
bool fromString(const QString &s, EventSource *v);
// OptOut and OptIn are global ("reply 0" stops every app); every other kind needs an app.
bool needsApp(SubscriberEventKind kind);

struct SubscriberEvent {
    qint64 id = 0;
    qint64 subscriberId = 0;
    qint64 appId = 0;          // 0 for optout / optin
    SubscriberEventKind kind = SubscriberEventKind::OptOut;
    // Reminder: strong | weak | none. Bind: optional channels, "wechat;bark" (default: the
    // binding's, or wechat for a new one). Others: empty.
    QString value;
    EventSource source = EventSource::Operator;
    QString operatorName;      // Operator: who (required); other sources: ignored
    QDateTime at;              // invalid = now
};

class EventRepository {
    Q_DECLARE_TR_FUNCTIONS(EventRepository)

public:
    explicit EventRepository(Database &db) : m_db(db) {}

    // Validates, stores and applies the event in one transaction (joining the caller's):
    //   optout / optin   subscribers.opted_out = 1 / 0 (a reply also counts as an interaction)
    //   bind             binding active (created if missing, reminder strong)
    //   unbind           binding unbound          mute / unmute    active <-> muted
    //   block / unblock  blocked <-> active       reminder         binding reminder = value
    // The binding's changed_by / changed_at say who (the operator, or "subscriber:<source>") and when.
    // Kinds other than bind need an existing binding.
    Result<void> apply(const SubscriberEvent &event);
    // Many events in one transaction: all or nothing.
    Result<void> applyAll(const QList<SubscriberEvent> &events);
    // The subscriber's events, newest first.
    Result<QList<SubscriberEvent>> of(qint64 subscriberId, int limit = 200);

    // What the event makes of the subscriber's binding to its app (current: the binding now, if any):
    // the new binding, or nullopt for optout / optin, which leave bindings alone; an error if the
    // event cannot apply (no binding to unbind, mute of a blocked binding …). Pure: the importer
    // uses it to check a whole file before writing.
    static Result<std::optional<Binding>> transition(const std::optional<Binding> &current, const SubscriberEvent &event);
    // The text a subscriber's change is attributed to in bindings.changed_by.
    static QString changedBy(const SubscriberEvent &event);
    // Empty if the value suits the kind; else a message that says what is allowed.
    static QString valueProblem(SubscriberEventKind kind, const QString &value);

private:
    Database &m_db;
};

} // namespace pushdesk
