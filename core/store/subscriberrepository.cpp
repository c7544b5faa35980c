#include "store/subscriberrepository.h"

#include "store/database.h"

#include <QSet>
#include <QSqlQuery>

#include <algorithm>

namespace pushdesk {

namespace {
const QString kSubscriberColumns = QStringLiteral(
    "s.id, s.mp_openid, s.mini_openid, s.unionid, s.nickname, s.email, s.bark_key, s.bark_server, s.opted_out, "
    "s.last_interaction_at, s.tags, s.ntfy_topic, s.webhook_url, s.mp_openid_rejected, s.mini_openid_rejected");
constexpr int kSubscriberColumnCount = 15;
const QString kBindingColumns =
    QStringLiteral("b.id, b.subscriber_id, b.app_id, b.state, b.reminder, b.channels, b.changed_by, b.changed_at");

QVariant nullable(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

Subscriber subscriberFrom(const QSqlQuery &q, int o = 0)
{
    Subscriber s;
    s.id = q.value(o + 0).toLongLong();
    s.mpOpenid = q.value(o + 1).toString();
    s.miniOpenid = q.value(o + 2).toString();
    s.unionid = q.value(o + 3).toString();
    s.nickname = q.value(o + 4).toString();
    s.email = q.value(o + 5).toString();
    s.barkKey = q.value(o + 6).toString();
    s.barkServer = q.value(o + 7).toString();
    s.optedOut = q.value(o + 8).toInt() != 0;
    s.lastInteraction = fromMsecs(q.value(o + 9).toLongLong());
    const QString tags = q.value(o + 10).toString();
    s.tags = tags.isEmpty() ? QStringList() : tags.split(QLatin1Char(','));
    s.ntfyTopic = q.value(o + 11).toString();
    s.webhookUrl = q.value(o + 12).toString();
    s.mpOpenidRejected = q.value(o + 13).toString();
    s.miniOpenidRejected = q.value(o + 14).toString();
    return s;
}

Binding bindingFrom(const QSqlQuery &q, int o = 0)
{
    Binding b;
    b.id = q.value(o + 0).toLongLong();
    b.subscriberId = q.value(o + 1).toLongLong();
    b.appId = q.value(o + 2).toLongLong();
    fromString(q.value(o + 3).toString(), &b.state);
    fromString(q.value(o + 4).toString(), &b.reminder);
    b.channels = channelsFromString(q.value(o + 5).toString());
    b.changedBy = q.value(o + 6).toString();
    b.changedAt = fromMsecs(q.value(o + 7).toLongLong());
    return b;
}

void bindSubscriber(QSqlQuery &q, const Subscriber &s)
{
    q.addBindValue(nullable(s.mpOpenid));
    q.addBindValue(nullable(s.miniOpenid));
    q.addBindValue(nullable(s.unionid));
    q.addBindValue(s.nickname);
    q.addBindValue(s.email);
    q.addBindValue(s.barkKey);
    q.addBindValue(s.barkServer);
    q.addBindValue(s.optedOut ? 1 : 0);
    q.addBindValue(toMsecs(s.lastInteraction));
    q.addBindValue(s.tags.join(QLatin1Char(',')));
    q.addBindValue(s.ntfyTopic);
    q.addBindValue(s.webhookUrl);
}

const QString kInsertSubscriber = QStringLiteral(
    "INSERT INTO subscribers (mp_openid, mini_openid, unionid, nickname, email, bark_key, bark_server, opted_out, "
    "last_interaction_at, tags, ntfy_topic, webhook_url, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "RETURNING id");

Result<void> writeTags(QSqlQuery &del, QSqlQuery &ins, const Subscriber &s)
{
    del.bindValue(0, s.id);
    if (auto r = exec(del); !r)
        return r;
    for (const auto &tag : s.tags) {
        ins.bindValue(0, s.id);
        ins.bindValue(1, tag.trimmed());
        if (auto r = exec(ins); !r)
            return r;
    }
    return {};
}

QString inList(const QStringList &values)
{
    QStringList quoted;
    for (const auto &v : values)
        quoted.append(QStringLiteral("'%1'").arg(v)); // values are our own enum names, never user text
    return quoted.join(QStringLiteral(", "));
}

QString audienceWhere(const QList<BindingState> &states, const QList<Reminder> &reminders)
{
    QString where = QStringLiteral("b.app_id = ?");
    if (!states.isEmpty()) {
        QStringList names;
        for (auto s : states)
            names.append(toString(s));
        where += QStringLiteral(" AND b.state IN (%1)").arg(inList(names));
    }
    if (!reminders.isEmpty()) {
        QStringList names;
        for (auto r : reminders)
            names.append(toString(r));
        where += QStringLiteral(" AND b.reminder IN (%1)").arg(inList(names));
    }
    return where;
}

// The FROM clause, the narrowing condition and the keyset column of an audience; binds in order:
// app id (in from, for a list) … see audienceSql().
struct AudienceSql {
    QString from;
    QString where;     // after audienceWhere()
    QString key;       // the subscriber id column the pages are keyed on
};

AudienceSql audienceSql(const Audience &audience)
{
    switch (audience.kind) {
    case Audience::Kind::All: break;
    case Audience::Kind::Tags: {
        QStringList marks;
        for (qsizetype i = 0; i < audience.tags.size(); ++i)
            marks.append(QStringLiteral("?"));
        return {QStringLiteral("bindings b JOIN subscribers s ON s.id = b.subscriber_id"),
                QStringLiteral(" AND EXISTS (SELECT 1 FROM subscriber_tags t WHERE t.subscriber_id = b.subscriber_id "
                               "AND t.tag IN (%1))")
                    .arg(marks.join(QStringLiteral(", "))),
                QStringLiteral("b.subscriber_id")};
    }
    case Audience::Kind::List:
        return {QStringLiteral("audience_list_members m JOIN bindings b ON b.subscriber_id = m.subscriber_id "
                               "JOIN subscribers s ON s.id = m.subscriber_id"),
                QStringLiteral(" AND m.list_id = ?"), QStringLiteral("m.subscriber_id")};
    case Audience::Kind::One:
        return {QStringLiteral("bindings b JOIN subscribers s ON s.id = b.subscriber_id"),
                QStringLiteral(" AND b.subscriber_id = ?"), QStringLiteral("b.subscriber_id")};
    }
    return {QStringLiteral("bindings b JOIN subscribers s ON s.id = b.subscriber_id"), QString(),
            QStringLiteral("b.subscriber_id")};
}

void bindAudience(QSqlQuery &q, const Audience &audience)
{
    switch (audience.kind) {
    case Audience::Kind::All: break;
    case Audience::Kind::Tags:
        for (const QString &tag : audience.tags)
            q.addBindValue(tag);
        break;
    case Audience::Kind::List: q.addBindValue(audience.listId); break;
    case Audience::Kind::One: q.addBindValue(audience.subscriberId); break;
    }
}

AudienceList audienceListFrom(const QSqlQuery &q)
{
    AudienceList l;
    l.id = q.value(0).toLongLong();
    l.name = q.value(1).toString();
    l.createdBy = q.value(2).toString();
    l.createdAt = fromMsecs(q.value(3).toLongLong());
    l.members = q.value(4).toLongLong();
    return l;
}

const QString kAudienceListSelect = QStringLiteral(
    "SELECT l.id, l.name, l.created_by, l.created_at, "
    "(SELECT COUNT(*) FROM audience_list_members m WHERE m.list_id = l.id) FROM audience_lists l");
} // namespace

QString channelsToString(const QList<Channel> &channels)
{
    QStringList names;
    for (auto c : channels)
        names.append(toString(c));
    return names.join(QLatin1Char(','));
}

QList<Channel> channelsFromString(const QString &s)
{
    QList<Channel> out;
    for (const auto &part : s.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        Channel c;
        if (fromString(part.trimmed(), &c) && !out.contains(c))
            out.append(c);
    }
    return out;
}

Result<qint64> SubscriberRepository::create(const Subscriber &s)
{
    QList<Subscriber> one{s};
    if (auto r = createMany(one); !r)
        return std::unexpected(r.error());
    return one.first().id;
}

Result<void> SubscriberRepository::createMany(QList<Subscriber> &subscribers)
{
    return m_db.transaction([&]() -> Result<void> {
        QSqlQuery q(m_db.db());
        q.prepare(kInsertSubscriber);
        QSqlQuery del(m_db.db());
        del.prepare(QStringLiteral("DELETE FROM subscriber_tags WHERE subscriber_id = ?"));
        QSqlQuery ins(m_db.db());
        ins.prepare(QStringLiteral("INSERT INTO subscriber_tags (subscriber_id, tag) VALUES (?, ?)"));
        const qint64 now = nowMsecs();
        for (auto &s : subscribers) {
            bindSubscriber(q, s);
            q.addBindValue(now);
            if (auto r = exec(q); !r)
                return r;
            q.next();
            s.id = q.value(0).toLongLong();
            q.finish();
            if (!s.tags.isEmpty()) {
                if (auto r = writeTags(del, ins, s); !r)
                    return r;
            }
        }
        return {};
    });
}

Result<void> SubscriberRepository::update(const Subscriber &s)
{
    return m_db.transaction([&]() -> Result<void> {
        QSqlQuery q(m_db.db());
        q.prepare(QStringLiteral("UPDATE subscribers SET mp_openid = ?, mini_openid = ?, unionid = ?, nickname = ?, "
                                 "email = ?, bark_key = ?, bark_server = ?, opted_out = ?, last_interaction_at = ?, "
                                 "tags = ?, ntfy_topic = ?, webhook_url = ? WHERE id = ?"));
        bindSubscriber(q, s);
        q.addBindValue(s.id);
        if (auto r = exec(q); !r)
            return r;
        QSqlQuery del(m_db.db());
        del.prepare(QStringLiteral("DELETE FROM subscriber_tags WHERE subscriber_id = ?"));
        QSqlQuery ins(m_db.db());
        ins.prepare(QStringLiteral("INSERT INTO subscriber_tags (subscriber_id, tag) VALUES (?, ?)"));
        return writeTags(del, ins, s);
    });
}

Result<std::optional<Subscriber>> SubscriberRepository::findById(qint64 id)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT %1 FROM subscribers s WHERE s.id = ?").arg(kSubscriberColumns));
    q.addBindValue(id);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    if (!q.next())
        return std::optional<Subscriber>();
    return std::optional<Subscriber>(subscriberFrom(q));
}

Result<std::optional<Subscriber>> SubscriberRepository::findByMpOpenid(const QString &openid)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT %1 FROM subscribers s WHERE s.mp_openid = ?").arg(kSubscriberColumns));
    q.addBindValue(openid);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    if (!q.next())
        return std::optional<Subscriber>();
    return std::optional<Subscriber>(subscriberFrom(q));
}

Result<qint64> SubscriberRepository::count()
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM subscribers"));
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

Result<qint64> SubscriberRepository::upsertBinding(const Binding &b)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral(
        "INSERT INTO bindings (subscriber_id, app_id, state, reminder, channels, changed_by, changed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (subscriber_id, app_id) DO UPDATE SET state = excluded.state, "
        "reminder = excluded.reminder, channels = excluded.channels, changed_by = excluded.changed_by, "
        "changed_at = excluded.changed_at RETURNING id"));
    q.addBindValue(b.subscriberId);
    q.addBindValue(b.appId);
    q.addBindValue(toString(b.state));
    q.addBindValue(toString(b.reminder));
    q.addBindValue(channelsToString(b.channels));
    q.addBindValue(b.changedBy);
    q.addBindValue(b.changedAt.isValid() ? toMsecs(b.changedAt) : nowMsecs());
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

Result<void> SubscriberRepository::upsertBindings(const QList<Binding> &bindings)
{
    return m_db.transaction([&]() -> Result<void> {
        for (const auto &b : bindings) {
            if (auto r = upsertBinding(b); !r)
                return std::unexpected(r.error());
        }
        return {};
    });
}

Result<QList<Binding>> SubscriberRepository::bindingsOf(qint64 subscriberId)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT %1 FROM bindings b WHERE b.subscriber_id = ? ORDER BY b.app_id").arg(kBindingColumns));
    q.addBindValue(subscriberId);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    QList<Binding> out;
    while (q.next())
        out.append(bindingFrom(q));
    return out;
}

Result<std::optional<Binding>> SubscriberRepository::binding(qint64 subscriberId, qint64 appId)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT %1 FROM bindings b WHERE b.subscriber_id = ? AND b.app_id = ?").arg(kBindingColumns));
    q.addBindValue(subscriberId);
    q.addBindValue(appId);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    if (!q.next())
        return std::optional<Binding>();
    return std::optional<Binding>(bindingFrom(q));
}

Result<QList<AudienceMember>> SubscriberRepository::audiencePage(qint64 appId, qint64 afterSubscriberId, int limit,
                                                                 const QList<BindingState> &states,
                                                                 const QList<Reminder> &reminders)
{
    return audiencePage(appId, Audience::all(), afterSubscriberId, limit, states, reminders);
}

Result<QList<AudienceMember>> SubscriberRepository::audiencePage(qint64 appId, const Audience &audience,
                                                                 qint64 afterSubscriberId, int limit,
                                                                 const QList<BindingState> &states,
                                                                 const QList<Reminder> &reminders)
{
    if (audience.kind != Audience::Kind::List && states.size() * reminders.size() > 1) {
        // One ordered range of bindings_audience (app_id, state, reminder, subscriber_id) per state and
        // reminder, merged here: a single query with IN lists would sort the whole rest of the audience
        // on every page. Each part holds at most limit rows; the next page starts again from the cursor.
        QList<AudienceMember> merged;
        for (BindingState state : states) {
            for (Reminder reminder : reminders) {
                auto part = audiencePage(appId, audience, afterSubscriberId, limit, {state}, {reminder});
                if (!part)
                    return part;
                merged.append(std::move(*part));
            }
        }
        std::sort(merged.begin(), merged.end(),
                  [](const AudienceMember &x, const AudienceMember &y) { return x.subscriber.id < y.subscriber.id; });
        if (merged.size() > limit)
            merged.erase(merged.begin() + limit, merged.end());
        return merged;
    }
    const AudienceSql a = audienceSql(audience);
    QSqlQuery q(m_db.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1, %2 FROM %3 WHERE %4%5 AND %6 > ? ORDER BY %6 LIMIT ?")
                  .arg(kSubscriberColumns, kBindingColumns, a.from, audienceWhere(states, reminders), a.where, a.key));
    q.addBindValue(appId);
    bindAudience(q, audience);
    q.addBindValue(afterSubscriberId);
    q.addBindValue(limit);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    QList<AudienceMember> out;
    out.reserve(limit);
    while (q.next())
        out.append(AudienceMember{subscriberFrom(q, 0), bindingFrom(q, kSubscriberColumnCount)});
    return out;
}

Result<void> SubscriberRepository::refresh(qint64 appId, QList<Subscriber *> subscribers, QList<Binding *> bindings)
{
    if (subscribers.isEmpty())
        return {};
    QStringList marks;
    for (int i = 0; i < subscribers.size(); ++i)
        marks.append(QStringLiteral("?"));
    // Kept prepared (one statement per batch size, at most the window's): the engine runs it for every group.
    QSqlQuery &q = m_db.statement(QStringLiteral("SELECT s.id, s.opted_out, b.state, b.reminder, b.channels, b.id FROM subscribers s "
                                                 "LEFT JOIN bindings b ON b.subscriber_id = s.id AND b.app_id = ? WHERE s.id IN (%1)")
                                      .arg(marks.join(QStringLiteral(", "))));
    q.bindValue(0, appId);
    for (int i = 0; i < subscribers.size(); ++i)
        q.bindValue(i + 1, subscribers[i]->id);
    if (auto r = exec(q); !r)
        return r;
    QHash<qint64, int> rowOf;
    for (int i = 0; i < subscribers.size(); ++i)
        rowOf.insert(subscribers[i]->id, i);
    while (q.next()) {
        const auto it = rowOf.constFind(q.value(0).toLongLong());
        if (it == rowOf.cend())
            continue;
        subscribers[*it]->optedOut = q.value(1).toInt() != 0;
        Binding *b = bindings[*it];
        if (q.value(5).isNull()) {
            b->state = BindingState::Unbound;
        } else {
            fromString(q.value(2).toString(), &b->state);
            fromString(q.value(3).toString(), &b->reminder);
            b->channels = channelsFromString(q.value(4).toString());
        }
    }
    q.finish();
    return {};
}

Result<QString> SubscriberRepository::mostRecentlyActiveOpenid(qint64 appId)
{
    QSqlQuery q(m_db.db());
    // msg_sec_check is a mini-program API: a mini-program openid first, else an official-account one.
    q.prepare(QStringLiteral("SELECT COALESCE(s.mini_openid, s.mp_openid) FROM bindings b JOIN subscribers s ON s.id = b.subscriber_id "
                             "WHERE b.app_id = ? AND (s.mini_openid IS NOT NULL OR s.mp_openid IS NOT NULL) "
                             "ORDER BY s.last_interaction_at DESC, s.mini_openid IS NULL LIMIT 1"));
    q.addBindValue(appId);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    return q.next() ? q.value(0).toString() : QString();
}

Result<qint64> SubscriberRepository::audienceCount(qint64 appId, const QList<BindingState> &states,
                                                   const QList<Reminder> &reminders)
{
    return audienceCount(appId, Audience::all(), states, reminders);
}

Result<qint64> SubscriberRepository::audienceCount(qint64 appId, const Audience &audience,
                                                   const QList<BindingState> &states, const QList<Reminder> &reminders)
{
    AudienceSql a = audienceSql(audience);
    // Counting needs no subscriber columns: leave the subscribers table out where it is only joined.
    if (audience.kind == Audience::Kind::List)
        a.from = QStringLiteral("audience_list_members m JOIN bindings b ON b.subscriber_id = m.subscriber_id");
    else
        a.from = QStringLiteral("bindings b");
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2%3").arg(a.from, audienceWhere(states, reminders), a.where));
    q.addBindValue(appId);
    bindAudience(q, audience);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

Result<qint64> SubscriberRepository::selectedCount(const Audience &audience)
{
    QSqlQuery q(m_db.db());
    switch (audience.kind) {
    case Audience::Kind::All: q.prepare(QStringLiteral("SELECT COUNT(*) FROM subscribers")); break;
    case Audience::Kind::Tags: {
        QStringList marks;
        for (qsizetype i = 0; i < audience.tags.size(); ++i)
            marks.append(QStringLiteral("?"));
        q.prepare(QStringLiteral("SELECT COUNT(DISTINCT subscriber_id) FROM subscriber_tags WHERE tag IN (%1)")
                      .arg(marks.join(QStringLiteral(", "))));
        break;
    }
    case Audience::Kind::List:
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM audience_list_members WHERE list_id = ?"));
        break;
    case Audience::Kind::One: q.prepare(QStringLiteral("SELECT COUNT(*) FROM subscribers WHERE id = ?")); break;
    }
    bindAudience(q, audience);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

Result<QList<AudienceList>> SubscriberRepository::audienceLists()
{
    QSqlQuery q(m_db.db());
    q.prepare(kAudienceListSelect + QStringLiteral(" ORDER BY l.name, l.id"));
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    QList<AudienceList> out;
    while (q.next())
        out.append(audienceListFrom(q));
    return out;
}

Result<std::optional<AudienceList>> SubscriberRepository::audienceList(qint64 id)
{
    QSqlQuery q(m_db.db());
    q.prepare(kAudienceListSelect + QStringLiteral(" WHERE l.id = ?"));
    q.addBindValue(id);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    if (!q.next())
        return std::optional<AudienceList>();
    return std::optional<AudienceList>(audienceListFrom(q));
}

Result<std::optional<AudienceList>> SubscriberRepository::audienceListByName(const QString &name)
{
    QSqlQuery q(m_db.db());
    q.prepare(kAudienceListSelect + QStringLiteral(" WHERE l.name = ? ORDER BY l.id LIMIT 1"));
    q.addBindValue(name);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    if (!q.next())
        return std::optional<AudienceList>();
    return std::optional<AudienceList>(audienceListFrom(q));
}

Result<QStringList> SubscriberRepository::knownTags(int limit)
{
    QSqlQuery q(m_db.db());
    q.setForwardOnly(true);
    // A skip scan: each tag is the least one after the previous, one probe of subscriber_tags' primary key
    // (tag, subscriber_id) per distinct tag. (DISTINCT reads every row: 1,000,000s for a million people.)
    // The same SQL on SQLite and PostgreSQL.
    q.prepare(QStringLiteral("WITH RECURSIVE tags (tag) AS ("
                             "SELECT MIN(tag) FROM subscriber_tags "
                             "UNION ALL "
                             "SELECT (SELECT MIN(t.tag) FROM subscriber_tags t WHERE t.tag > tags.tag) FROM tags "
                             "WHERE tags.tag IS NOT NULL) "
                             "SELECT tag FROM tags WHERE tag IS NOT NULL LIMIT ?"));
    q.addBindValue(limit);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    QStringList out;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

Result<QList<Subscriber>> SubscriberRepository::search(const QString &text, int limit)
{
    const QString prefix = text.trimmed();
    QList<Subscriber> out;
    if (prefix.isEmpty())
        return out;
    // Prefix ranges rather than LIKE: both databases use the column's index for them.
    const QString upper = prefix + QChar(0xFFFF);
    QSet<qint64> seen;
    for (const char *column : {"s.mp_openid", "s.mini_openid", "s.nickname"}) {
        QSqlQuery q(m_db.db());
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT %1 FROM subscribers s WHERE %2 >= ? AND %2 < ? ORDER BY %2 LIMIT ?")
                      .arg(kSubscriberColumns, QLatin1String(column)));
        q.addBindValue(prefix);
        q.addBindValue(upper);
        q.addBindValue(limit);
        if (auto r = exec(q); !r)
            return std::unexpected(r.error());
        while (q.next() && out.size() < limit) {
            Subscriber s = subscriberFrom(q);
            if (!seen.contains(s.id)) {
                seen.insert(s.id);
                out.append(s);
            }
        }
        if (out.size() >= limit)
            break;
    }
    return out;
}

} // namespace pushdesk
