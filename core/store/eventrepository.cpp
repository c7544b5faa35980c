#include "store/eventrepository.h"

#include "audit/auditlog.h"
#include "store/database.h"
#include "store/subscriberrepository.h"

#include <QJsonObject>
#include <QSqlQuery>

namespace pushdesk {

namespace {

const char *const kKinds[] = {"optout", "optin", "bind", "unbind", "mute", "unmute", "block", "unblock", "reminder"};
const char *const kSources[] = {"import", "operator", "sandbox", "user"};

// Operators' and users' events are audited; an import is audited once as a whole (import.run).
bool audited(EventSource source)
{
    return source == EventSource::Operator || source == EventSource::User;
}

template<typename E, std::size_t N>
bool valueOf(const QString &s, E *v, const char *const (&names)[N])
{
    for (std::size_t i = 0; i < N; ++i) {
        if (s == QLatin1String(names[i])) {
            *v = static_cast<E>(i);
            return true;
        }
    }
    return false;
}

QJsonObject bindingJson(const std::optional<Binding> &b)
{
    if (!b)
        return {};
    return QJsonObject{{QStringLiteral("subscriber_id"), b->subscriberId},
                       {QStringLiteral("app_id"), b->appId},
                       {QStringLiteral("state"), toString(b->state)},
                       {QStringLiteral("reminder"), toString(b->reminder)},
                       {QStringLiteral("channels"), channelsToString(b->channels)}};
}

// "wechat;bark" (or with commas) -> channels; false if a name is unknown.
bool parseChannels(const QString &value, QList<Channel> *out)
{
    out->clear();
    const QString normalized = QString(value).replace(QLatin1Char(','), QLatin1Char(';'));
    for (const QString &part : normalized.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        Channel c;
        if (!fromString(part.trimmed().toLower(), &c))
            return false;
        if (!out->contains(c))
            out->append(c);
    }
    return true;
}

} // namespace

QString toString(SubscriberEventKind v)
{
    return QString::fromLatin1(kKinds[static_cast<int>(v)]);
}

QString toString(EventSource v)
{
    return QString::fromLatin1(kSources[static_cast<int>(v)]);
}

bool fromString(const QString &s, SubscriberEventKind *v)
{
    return valueOf(s, v, kKinds);
}

bool fromString(const QString &s, EventSource *v)
{
    return valueOf(s, v, kSources);
}

bool needsApp(SubscriberEventKind kind)
{
    return kind != SubscriberEventKind::OptOut && kind != SubscriberEventKind::OptIn;
}

QString EventRepository::changedBy(const SubscriberEvent &event)
{
    if (event.source == EventSource::Operator)
        return event.operatorName.trimmed();
    return QStringLiteral("subscriber:") + toString(event.source);
}

QString EventRepository::valueProblem(SubscriberEventKind kind, const QString &value)
{
    switch (kind) {
    case SubscriberEventKind::Reminder: {
        Reminder r;
        if (!fromString(value.trimmed().toLower(), &r))
            return tr("A reminder event needs the value strong, weak or none, not \"%1\".").arg(value);
        return {};
    }
    case SubscriberEventKind::Bind: {
        QList<Channel> channels;
        if (!parseChannels(value, &channels))
            return tr("\"%1\" is not a list of channels; use names from wechat;miniprogram;bark;email;ntfy;webhook "
                      "separated by semicolons.")
                .arg(value);
        return {};
    }
    default:
        break;
    }
    if (!value.trimmed().isEmpty())
        return tr("A %1 event takes no value; leave it empty.").arg(toString(kind));
    return {};
}

Result<std::optional<Binding>> EventRepository::transition(const std::optional<Binding> &current,
                                                           const SubscriberEvent &event)
{
    if (!needsApp(event.kind))
        return std::optional<Binding>();
    if (const QString problem = valueProblem(event.kind, event.value); !problem.isEmpty())
        return fail(problem);
    if (!current && event.kind != SubscriberEventKind::Bind)
        return fail(tr("The subscriber has not bound this app, so a %1 event cannot apply; a bind must come first.")
                        .arg(toString(event.kind)));
    Binding b;
    if (current) {
        b = *current;
    } else {
        b.subscriberId = event.subscriberId;
        b.appId = event.appId;
        b.state = BindingState::Active;
        b.reminder = Reminder::Strong;
        b.channels = {Channel::WeChat};
    }
    auto refuse = [&](const char *text) -> Result<std::optional<Binding>> {
        return fail(tr(text).arg(toString(event.kind), toString(b.state)));
    };
    switch (event.kind) {
    case SubscriberEventKind::Bind: {
        QList<Channel> channels;
        parseChannels(event.value, &channels);
        if (!channels.isEmpty())
            b.channels = channels;
        b.state = BindingState::Active;
        break;
    }
    case SubscriberEventKind::Unbind:
        b.state = BindingState::Unbound;
        break;
    case SubscriberEventKind::Mute:
        if (b.state == BindingState::Blocked || b.state == BindingState::Unbound)
            return refuse(QT_TR_NOOP("A %1 event needs an active binding, but this one is %2."));
        b.state = BindingState::Muted;
        break;
    case SubscriberEventKind::Unmute:
        if (b.state == BindingState::Blocked || b.state == BindingState::Unbound)
            return refuse(QT_TR_NOOP("A %1 event needs a muted binding, but this one is %2."));
        b.state = BindingState::Active;
        break;
    case SubscriberEventKind::Block:
        if (b.state == BindingState::Unbound)
            return refuse(QT_TR_NOOP("A %1 event needs a bound app, but this binding is %2."));
        b.state = BindingState::Blocked;
        break;
    case SubscriberEventKind::Unblock:
        if (b.state == BindingState::Unbound)
            return refuse(QT_TR_NOOP("A %1 event needs a bound app, but this binding is %2."));
        if (b.state == BindingState::Blocked)
            b.state = BindingState::Active;
        break;
    case SubscriberEventKind::Reminder:
        fromString(event.value.trimmed().toLower(), &b.reminder);
        break;
    case SubscriberEventKind::OptOut:
    case SubscriberEventKind::OptIn:
        break;
    }
    b.changedBy = changedBy(event);
    b.changedAt = event.at.isValid() ? event.at : QDateTime::currentDateTime();
    return std::optional<Binding>(b);
}

Result<void> EventRepository::apply(const SubscriberEvent &event)
{
    if (event.subscriberId <= 0)
        return fail(tr("An event needs the subscriber it is about."));
    if (needsApp(event.kind) && event.appId <= 0)
        return fail(tr("A %1 event needs the app it is about.").arg(toString(event.kind)));
    if (event.source == EventSource::Operator && event.operatorName.trimmed().isEmpty())
        return fail(tr("Say which operator records the event."));
    if (const QString problem = valueProblem(event.kind, event.value); !problem.isEmpty())
        return fail(problem);
    SubscriberEvent e = event;
    if (!e.at.isValid())
        e.at = QDateTime::currentDateTime();
    if (!needsApp(e.kind))
        e.appId = 0;

    return m_db.transaction([&]() -> Result<void> {
        QSqlQuery s(m_db.db());
        s.prepare(QStringLiteral("SELECT opted_out, last_interaction_at FROM subscribers WHERE id = ?"));
        s.addBindValue(e.subscriberId);
        if (auto r = exec(s); !r)
            return r;
        if (!s.next())
            return fail(tr("There is no subscriber %1.").arg(e.subscriberId));
        const bool optedOut = s.value(0).toInt() != 0;
        const qint64 lastInteraction = s.value(1).toLongLong();
        s.finish();

        QSqlQuery ins(m_db.db());
        ins.prepare(QStringLiteral("INSERT INTO subscriber_events (subscriber_id, app_id, kind, value, source, at) "
                                   "VALUES (?, ?, ?, ?, ?, ?)"));
        ins.addBindValue(e.subscriberId);
        ins.addBindValue(e.appId > 0 ? QVariant(e.appId) : QVariant(QMetaType::fromType<qint64>()));
        ins.addBindValue(toString(e.kind));
        ins.addBindValue(e.value.trimmed());
        ins.addBindValue(toString(e.source));
        ins.addBindValue(toMsecs(e.at));

        if (!needsApp(e.kind)) {
            if (auto r = exec(ins); !r)
                return r;
            const bool out = e.kind == SubscriberEventKind::OptOut;
            // A reply is a message from the person: it opens the customer-service window like any other.
            const qint64 last = e.source == EventSource::Operator ? lastInteraction : qMax(lastInteraction, toMsecs(e.at));
            QSqlQuery u(m_db.db());
            u.prepare(QStringLiteral("UPDATE subscribers SET opted_out = ?, last_interaction_at = ? WHERE id = ?"));
            u.addBindValue(out ? 1 : 0);
            u.addBindValue(last);
            u.addBindValue(e.subscriberId);
            if (auto r = exec(u); !r)
                return r;
            if (!audited(e.source))
                return {};
            AuditEvent a;
            a.operatorName = changedBy(e);
            a.action = audit::SubscriberEdit;
            a.recordType = audit::TypeSubscriber;
            a.recordId = e.subscriberId;
            a.at = e.at;
            a.before = QJsonObject{{QStringLiteral("opted_out"), optedOut}};
            a.after = QJsonObject{{QStringLiteral("opted_out"), out},
                                  {QStringLiteral("event"), toString(e.kind)},
                                  {QStringLiteral("source"), toString(e.source)}};
            if (auto r = AuditLog::record(m_db, a); !r)
                return std::unexpected(r.error());
            return {};
        }

        QSqlQuery app(m_db.db());
        app.prepare(QStringLiteral("SELECT id FROM apps WHERE id = ?"));
        app.addBindValue(e.appId);
        if (auto r = exec(app); !r)
            return r;
        if (!app.next())
            return fail(tr("There is no app %1.").arg(e.appId));
        SubscriberRepository subscribers(m_db);
        auto current = subscribers.binding(e.subscriberId, e.appId);
        if (!current)
            return std::unexpected(current.error());
        auto next = transition(*current, e);
        if (!next)
            return std::unexpected(next.error());
        if (auto r = exec(ins); !r)
            return r;
        auto id = subscribers.upsertBinding(**next);
        if (!id)
            return std::unexpected(id.error());
        if (!audited(e.source))
            return {};
        AuditEvent a;
        a.operatorName = changedBy(e);
        a.action = audit::BindingEdit;
        a.recordType = audit::TypeBinding;
        a.recordId = *id;
        a.at = e.at;
        a.before = bindingJson(*current);
        a.after = bindingJson(*next);
        a.after.insert(QStringLiteral("event"), toString(e.kind));
        a.after.insert(QStringLiteral("source"), toString(e.source));
        if (auto r = AuditLog::record(m_db, a); !r)
            return std::unexpected(r.error());
        return {};
    });
}

Result<void> EventRepository::applyAll(const QList<SubscriberEvent> &events)
{
    return m_db.transaction([&]() -> Result<void> {
        for (const auto &e : events) {
            if (auto r = apply(e); !r)
                return r;
        }
        return {};
    });
}

Result<QList<SubscriberEvent>> EventRepository::of(qint64 subscriberId, int limit)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT id, subscriber_id, app_id, kind, value, source, at FROM subscriber_events "
                             "WHERE subscriber_id = ? ORDER BY id DESC LIMIT ?"));
    q.addBindValue(subscriberId);
    q.addBindValue(limit);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    QList<SubscriberEvent> out;
    while (q.next()) {
        SubscriberEvent e;
        e.id = q.value(0).toLongLong();
        e.subscriberId = q.value(1).toLongLong();
        e.appId = q.value(2).toLongLong();
        fromString(q.value(3).toString(), &e.kind);
        e.value = q.value(4).toString();
        fromString(q.value(5).toString(), &e.source);
        e.at = fromMsecs(q.value(6).toLongLong());
        out.append(e);
    }
    return out;
}

} // namespace pushdesk
