#pragma once
#include "domain/result.h"
#include "domain/types.h"

#include <optional>

namespace pushdesk {
class Database;

// One row of a broadcast's audience: the subscriber and its binding to the broadcasting app.
struct AudienceMember {
    Subscriber subscriber;
    Binding binding;
};

// An imported audience list (audience_lists / audience_list_members).
struct AudienceList {
    qint64 id = 0;
    QString name;
    qint64 members = 0;
    QString createdBy;
    QDateTime createdAt;
};

class SubscriberRepository {
public:
    explicit SubscriberRepository(Database &db) : m_db(db) {}
    Result<qint64> create(const Subscriber &s);
    // Inserts many subscribers in one transaction; the ids are written back into the list.
    Result<void> createMany(QList<Subscriber> &subscribers);
    Result<void> update(const Subscriber &s);
    Result<std::optional<Subscriber>> findById(qint64 id);
    Result<std::optional<Subscriber>> findByMpOpenid(const QString &openid);
    Result<qint64> count();

    Result<qint64> upsertBinding(const Binding &b);
    Result<void> upsertBindings(const QList<Binding> &bindings); // one transaction
    Result<QList<Binding>> bindingsOf(qint64 subscriberId);
    Result<std::optional<Binding>> binding(qint64 subscriberId, qint64 appId);

    // The audience of a broadcast, page by page in subscriber id order, after afterSubscriberId.
    // states/reminders restrict the binding (empty = any).
    Result<QList<AudienceMember>> audiencePage(qint64 appId, qint64 afterSubscriberId, int limit,
                                               const QList<BindingState> &states = {BindingState::Active},
                                               const QList<Reminder> &reminders = {Reminder::Strong});
    // The same, narrowed to an audience (tags, a list, one person). Every kind is read by keyset on the
    // subscriber id through an index: the bindings in subscriber order probing subscriber_tags' primary
    // key (tags), audience_list_members' primary key (a list), or one binding (one person).
    Result<QList<AudienceMember>> audiencePage(qint64 appId, const Audience &audience, qint64 afterSubscriberId, int limit,
                                               const QList<BindingState> &states, const QList<Reminder> &reminders);
    Result<qint64> audienceCount(qint64 appId, const Audience &audience, const QList<BindingState> &states,
                                 const QList<Reminder> &reminders);
    // People the audience names whatever their binding to appId (the tags' or list's members, or the one
    // person): the composer says how many of them the app cannot reach.
    Result<qint64> selectedCount(const Audience &audience);

    // Imported lists, by name.
    Result<QList<AudienceList>> audienceLists();
    Result<std::optional<AudienceList>> audienceList(qint64 id);
    Result<std::optional<AudienceList>> audienceListByName(const QString &name);
    // Every tag in use, sorted (for completion), at most limit.
    Result<QStringList> knownTags(int limit = 1000);
    // Subscribers whose openid (official account or mini-program) or nickname starts with text, or whose
    // openid is text; at most limit, by index.
    Result<QList<Subscriber>> search(const QString &text, int limit = 20);

    // Refreshes the opt-out flag and the binding to appId of these people, as they are now.
    Result<void> refresh(qint64 appId, QList<Subscriber *> subscribers, QList<Binding *> bindings);
    // An openid of the app's most recently active subscriber (msg_sec_check v2 needs one; none: the check
    // cannot be made and the broadcast is held for an operator).
    Result<QString> mostRecentlyActiveOpenid(qint64 appId);
    Result<qint64> audienceCount(qint64 appId, const QList<BindingState> &states = {BindingState::Active},
                                 const QList<Reminder> &reminders = {Reminder::Strong});

private:
    Database &m_db;
};

QString channelsToString(const QList<Channel> &channels);
QList<Channel> channelsFromString(const QString &s);

} // namespace pushdesk
