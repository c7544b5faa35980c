#include "domain/types.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace pushdesk {

namespace {
template<typename E, std::size_t N>
QString nameOf(E v, const char *const (&names)[N])
{
    const auto i = static_cast<std::size_t>(v);
    return i < N ? QString::fromLatin1(names[i]) : QString();
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

const char *const kAppKinds[] = {"official_account", "mini_program", "internal"};
const char *const kAppStatuses[] = {"active", "suspended", "banned"};
const char *const kBindingStates[] = {"active", "muted", "blocked", "unbound"};
const char *const kReminders[] = {"strong", "weak", "none"};
const char *const kBroadcastStatuses[] = {"draft", "scheduled", "running", "paused", "cancelled", "finished", "failed", "held", "blocked"};
const char *const kDeliveryStates[] = {"pending", "in_flight", "sent", "inbox", "skipped", "failed", "uncertain"};
const char *const kChannels[] = {"wechat", "miniprogram", "bark", "email", "ntfy", "webhook"};
const char *const kCreditKinds[] = {"form_id", "prepay_id", "subscribe"};
const char *const kAudienceKinds[] = {"all", "tags", "list", "one"};
} // namespace

QString toString(AppKind v) { return nameOf(v, kAppKinds); }
QString toString(AppStatus v) { return nameOf(v, kAppStatuses); }
QString toString(BindingState v) { return nameOf(v, kBindingStates); }
QString toString(Reminder v) { return nameOf(v, kReminders); }
QString toString(BroadcastStatus v) { return nameOf(v, kBroadcastStatuses); }
QString toString(DeliveryState v) { return nameOf(v, kDeliveryStates); }
QString toString(Channel v) { return nameOf(v, kChannels); }
QString toString(CreditKind v) { return nameOf(v, kCreditKinds); }
bool fromString(const QString &s, AppKind *v) { return valueOf(s, v, kAppKinds); }
bool fromString(const QString &s, AppStatus *v) { return valueOf(s, v, kAppStatuses); }
bool fromString(const QString &s, BindingState *v) { return valueOf(s, v, kBindingStates); }
bool fromString(const QString &s, Reminder *v) { return valueOf(s, v, kReminders); }
bool fromString(const QString &s, BroadcastStatus *v) { return valueOf(s, v, kBroadcastStatuses); }
bool fromString(const QString &s, DeliveryState *v) { return valueOf(s, v, kDeliveryStates); }
bool fromString(const QString &s, Channel *v) { return valueOf(s, v, kChannels); }
bool fromString(const QString &s, CreditKind *v) { return valueOf(s, v, kCreditKinds); }
QString toString(Audience::Kind v) { return nameOf(v, kAudienceKinds); }
bool fromString(const QString &s, Audience::Kind *v) { return valueOf(s, v, kAudienceKinds); }

Audience Audience::withTags(const QStringList &tags)
{
    Audience a;
    a.kind = Kind::Tags;
    for (const QString &tag : tags) {
        const QString t = tag.trimmed();
        if (!t.isEmpty() && !a.tags.contains(t))
            a.tags.append(t);
    }
    return a;
}

Audience Audience::list(qint64 id, const QString &name)
{
    Audience a;
    a.kind = Kind::List;
    a.listId = id;
    a.listName = name;
    return a;
}

Audience Audience::one(qint64 subscriberId, const QString &openid)
{
    Audience a;
    a.kind = Kind::One;
    a.subscriberId = subscriberId;
    a.openid = openid;
    return a;
}

QString Audience::encode() const
{
    QJsonObject o{{QStringLiteral("kind"), toString(kind)}};
    switch (kind) {
    case Kind::All: return QStringLiteral("all"); // what the column held before there were other kinds
    case Kind::Tags: o.insert(QStringLiteral("tags"), QJsonArray::fromStringList(tags)); break;
    case Kind::List:
        o.insert(QStringLiteral("list"), listId);
        o.insert(QStringLiteral("name"), listName);
        break;
    case Kind::One:
        o.insert(QStringLiteral("subscriber"), subscriberId);
        o.insert(QStringLiteral("openid"), openid);
        break;
    }
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

bool Audience::valid() const
{
    switch (kind) {
    case Kind::All: return true;
    case Kind::Tags: return !tags.isEmpty();
    case Kind::List: return listId > 0;
    case Kind::One: return subscriberId > 0;
    }
    return false;
}

bool Audience::decode(const QString &text, Audience *out)
{
    *out = one(0);
    const QString t = text.trimmed();
    if (t.isEmpty() || t == QLatin1String("all")) {
        *out = all();
        return true;
    }
    const QJsonObject o = QJsonDocument::fromJson(t.toUtf8()).object();
    Kind kind;
    if (!fromString(o.value(QStringLiteral("kind")).toString(), &kind))
        return false;
    switch (kind) {
    case Kind::All: *out = all(); return true;
    case Kind::Tags: {
        QStringList tags;
        for (const auto &v : o.value(QStringLiteral("tags")).toArray())
            tags.append(v.toString());
        Audience a = withTags(tags);
        if (a.tags.isEmpty())
            return false;
        *out = a;
        return true;
    }
    case Kind::List: {
        const qint64 id = qint64(o.value(QStringLiteral("list")).toDouble());
        if (id <= 0)
            return false;
        *out = list(id, o.value(QStringLiteral("name")).toString());
        return true;
    }
    case Kind::One: {
        const qint64 id = qint64(o.value(QStringLiteral("subscriber")).toDouble());
        if (id <= 0)
            return false;
        *out = one(id, o.value(QStringLiteral("openid")).toString());
        return true;
    }
    }
    return false;
}

QString Audience::describe() const
{
    switch (kind) {
    case Kind::All: break;
    case Kind::Tags: return QStringLiteral("tags: %1").arg(tags.join(QStringLiteral(", ")));
    case Kind::List: return QStringLiteral("list: %1").arg(listName.isEmpty() ? QString::number(listId) : listName);
    case Kind::One: return QStringLiteral("one: %1").arg(openid.isEmpty() ? QString::number(subscriberId) : openid);
    }
    return QStringLiteral("all");
}

bool Audience::operator==(const Audience &o) const
{
    return kind == o.kind && tags == o.tags && listId == o.listId && subscriberId == o.subscriberId;
}

namespace {
QJsonArray fieldsToJson(const QList<QPair<QString, QString>> &list)
{
    QJsonArray fields;
    for (const auto &f : list)
        fields.append(QJsonObject{{QStringLiteral("key"), f.first}, {QStringLiteral("value"), f.second}});
    return fields;
}

QList<QPair<QString, QString>> fieldsFromJson(const QJsonValue &v)
{
    QList<QPair<QString, QString>> out;
    for (const auto &f : v.toArray()) {
        const auto o = f.toObject();
        out.append({o.value(QStringLiteral("key")).toString(), o.value(QStringLiteral("value")).toString()});
    }
    return out;
}
} // namespace

QJsonObject Template::toJson() const
{
    return QJsonObject{
        {QStringLiteral("cs_text"), csText},
        {QStringLiteral("wechat_template_id"), wechatTemplateId},
        {QStringLiteral("wechat_fields"), fieldsToJson(wechatFields)},
        {QStringLiteral("subscribe_template_id"), subscribeTemplateId},
        {QStringLiteral("subscribe_fields"), fieldsToJson(subscribeFields)},
        {QStringLiteral("form_template_id"), formTemplateId},
        {QStringLiteral("mini_page"), miniPage},
        {QStringLiteral("ntfy_title"), ntfyTitle},
        {QStringLiteral("ntfy_body"), ntfyBody},
        {QStringLiteral("ntfy_priority"), ntfyPriority},
        {QStringLiteral("ntfy_tags"), ntfyTags},
        {QStringLiteral("wechat_url"), wechatUrl},
        {QStringLiteral("bark_title"), barkTitle},
        {QStringLiteral("bark_body"), barkBody},
        {QStringLiteral("bark_group"), barkGroup},
        {QStringLiteral("bark_level"), barkLevel},
        {QStringLiteral("bark_url"), barkUrl},
        {QStringLiteral("bark_sound"), barkSound},
        {QStringLiteral("bark_subtitle"), barkSubtitle},
        {QStringLiteral("bark_icon"), barkIcon},
        {QStringLiteral("email_subject"), emailSubject},
        {QStringLiteral("email_body"), emailBody},
    };
}

Template Template::fromJson(const QJsonObject &p)
{
    Template t;
    t.csText = p.value(QStringLiteral("cs_text")).toString();
    t.wechatTemplateId = p.value(QStringLiteral("wechat_template_id")).toString();
    t.wechatFields = fieldsFromJson(p.value(QStringLiteral("wechat_fields")));
    t.subscribeTemplateId = p.value(QStringLiteral("subscribe_template_id")).toString();
    t.subscribeFields = fieldsFromJson(p.value(QStringLiteral("subscribe_fields")));
    t.formTemplateId = p.value(QStringLiteral("form_template_id")).toString();
    t.miniPage = p.value(QStringLiteral("mini_page")).toString();
    t.ntfyTitle = p.value(QStringLiteral("ntfy_title")).toString();
    t.ntfyBody = p.value(QStringLiteral("ntfy_body")).toString();
    t.ntfyPriority = p.value(QStringLiteral("ntfy_priority")).toInt();
    t.ntfyTags = p.value(QStringLiteral("ntfy_tags")).toString();
    t.wechatUrl = p.value(QStringLiteral("wechat_url")).toString();
    t.barkTitle = p.value(QStringLiteral("bark_title")).toString();
    t.barkBody = p.value(QStringLiteral("bark_body")).toString();
    t.barkGroup = p.value(QStringLiteral("bark_group")).toString();
    t.barkLevel = p.value(QStringLiteral("bark_level")).toString();
    t.barkUrl = p.value(QStringLiteral("bark_url")).toString();
    t.barkSound = p.value(QStringLiteral("bark_sound")).toString();
    t.barkSubtitle = p.value(QStringLiteral("bark_subtitle")).toString();
    t.barkIcon = p.value(QStringLiteral("bark_icon")).toString();
    t.emailSubject = p.value(QStringLiteral("email_subject")).toString();
    t.emailBody = p.value(QStringLiteral("email_body")).toString();
    return t;
}

QStringList Template::placeholders() const
{
    static const QRegularExpression re(QStringLiteral("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*\\}\\}"));
    QStringList out;
    QStringList texts{csText, wechatUrl, barkTitle, barkSubtitle, barkBody, barkGroup, barkUrl, barkIcon, emailSubject, emailBody, miniPage, ntfyTitle, ntfyBody};
    for (const auto &f : wechatFields)
        texts.append(f.second);
    for (const auto &f : subscribeFields)
        texts.append(f.second);
    for (const auto &text : std::as_const(texts)) {
        auto it = re.globalMatch(text);
        while (it.hasNext()) {
            const auto name = it.next().captured(1);
            if (!out.contains(name))
                out.append(name);
        }
    }
    return out;
}

QJsonObject Counters::toJson() const
{
    return QJsonObject{
        {QStringLiteral("total"), total},
        {QStringLiteral("sent"), sent},
        {QStringLiteral("inbox"), inbox},
        {QStringLiteral("skipped"), skipped},
        {QStringLiteral("failed"), failed},
        {QStringLiteral("uncertain"), uncertain},
    };
}

} // namespace pushdesk
