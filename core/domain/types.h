#pragma once
// Domain types shared by the store, the engine and the console. See DESIGN.md, "The domain".
#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace pushdesk {

enum class AppKind { OfficialAccount, MiniProgram, Internal };
enum class AppStatus { Active, Suspended, Banned };
enum class BindingState { Active, Muted, Blocked, Unbound };
enum class Reminder { Strong, Weak, None };
// Held: the content check asked for a review (or could not be reached); Blocked: it said "risky".
enum class BroadcastStatus { Draft, Scheduled, Running, Paused, Cancelled, Finished, Failed, Held, Blocked };
enum class DeliveryState { Pending, InFlight, Sent, Inbox, Skipped, Failed, Uncertain };
enum class Channel { WeChat, MiniProgram, Bark, Email, Ntfy, Webhook };
enum class CreditKind;

// Text forms are what the database stores and what the command line prints.
QString toString(AppKind v);
QString toString(AppStatus v);
QString toString(BindingState v);
QString toString(Reminder v);
QString toString(BroadcastStatus v);
QString toString(DeliveryState v);
QString toString(Channel v);
QString toString(CreditKind v);
bool fromString(const QString &s, AppKind *v);
bool fromString(const QString &s, AppStatus *v);
bool fromString(const QString &s, BindingState *v);
bool fromString(const QString &s, Reminder *v);
bool fromString(const QString &s, BroadcastStatus *v);
bool fromString(const QString &s, DeliveryState *v);
bool fromString(const QString &s, Channel *v);
bool fromString(const QString &s, CreditKind *v);

// The word "sandbox" as an app's upstream means: the built-in sandbox, started inside the process.
inline constexpr auto kBuiltInSandbox = "sandbox";

struct App {
    qint64 id = 0;
    QString name;
    AppKind kind = AppKind::OfficialAccount;
    QString appid;            // upstream appid (wx...)
    QString upstream = QString::fromLatin1(kBuiltInSandbox); // "sandbox" or a WeChat base URL
    QString barkServer;       // default Bark server for this app's subscribers without one; empty = same as upstream
    QString barkUser;         // that server's Basic auth user (bark-server --user); the password is in the keychain
    int creditScore = 100;
    AppStatus status = AppStatus::Active;
    QDateTime suspendedUntil;
    int dailyQuota = 100000;
    int sendRate = 0;         // requests per second; 0 = unlimited
    QString contact;
    QString ntfyServer;       // default ntfy server for this app's subscribers
    QString smtpUrl;          // smtp://host:port or smtps://host:port; the password is in the keychain
    QString smtpUser;
    QString smtpFrom;
    bool disabled = false;
    QDateTime createdAt;
};

struct Subscriber {
    qint64 id = 0;
    QString mpOpenid;         // official-account openid
    QString miniOpenid;       // mini-program openid
    QString unionid;
    QString nickname;
    QString email;
    QString barkKey;
    QString barkServer;
    QString ntfyTopic;
    QString webhookUrl;
    bool optedOut = false;    // "reply 0 to stop, 1 to resume"
    QDateTime lastInteraction;
    QStringList tags;
    // The openid the upstream called invalid (40003), if it is still the subscriber's: never sent to again
    // until it is corrected (a different openid clears the mark by itself).
    QString mpOpenidRejected;
    QString miniOpenidRejected;
};

struct Binding {
    qint64 id = 0;
    qint64 subscriberId = 0;
    qint64 appId = 0;
    BindingState state = BindingState::Active;
    Reminder reminder = Reminder::Strong;
    QList<Channel> channels{Channel::WeChat};
    QString changedBy;
    QDateTime changedAt;
};

// One payload per channel, with {{placeholders}}.
struct Template {
    qint64 id = 0;
    qint64 appId = 0;
    QString name;
    QString csText;                  // customer-service text message content
    QString wechatTemplateId;
    QList<QPair<QString, QString>> wechatFields; // key -> value with placeholders, in order
    QString wechatUrl;
    QString barkTitle;
    QString barkSubtitle;
    QString barkBody;
    QString barkGroup;
    QString barkLevel;               // active | timeSensitive | passive | critical
    QString barkUrl;
    QString barkSound;               // a sound name of the Bark app (e.g. "minuet"); empty = default
    QString barkIcon;                // URL of the notification's icon (iOS 15+); empty = the app's
    QString emailSubject;
    QString emailBody;
    // Mini-program: a subscribe-message template (spends a subscribe grant), or else the legacy
    // form_id template message (spends a form_id / prepay_id credit).
    QString subscribeTemplateId;
    QList<QPair<QString, QString>> subscribeFields;
    QString formTemplateId;
    QString miniPage;
    QString ntfyTitle;
    QString ntfyBody;
    int ntfyPriority = 0;            // 0 = server default, else 1..5
    QString ntfyTags;                // comma-separated

    QJsonObject toJson() const;      // what the database stores in templates.payload
    static Template fromJson(const QJsonObject &payload);
    QStringList placeholders() const; // every {{name}} in every field, unique, in order
};

enum class CreditKind { FormId, PrepayId, Subscribe };

// One permission to push to a mini-program user (seeds 001/002): spent earliest-valid first.
struct SendCredit {
    qint64 id = 0;
    qint64 subscriberId = 0;
    qint64 appId = 0;
    CreditKind kind = CreditKind::FormId;
    QString credit;                  // the form_id / prepay_id; empty for subscribe grants
    QString templateId;              // subscribe grants are per template
    int usesLeft = 1;
    QDateTime expiresAt;             // invalid = no expiry
};

struct Counters {
    qint64 total = 0;
    qint64 sent = 0;
    qint64 inbox = 0;
    qint64 skipped = 0;
    qint64 failed = 0;
    qint64 uncertain = 0;
    qint64 pending = 0;

    qint64 done() const { return sent + inbox + skipped + failed + uncertain; }
    QJsonObject toJson() const;
};

// Who a broadcast goes to. Whatever the kind, only people bound to the broadcasting app with an active or
// muted binding and a strong or weak reminder are in it (policy/forecast.h); the kind narrows that down.
// Stored in broadcasts.audience as portable text: "all", or compact JSON for the other kinds.
struct Audience {
    enum class Kind { All, Tags, List, One };
    Kind kind = Kind::All;
    QStringList tags;          // Tags: people with any of these tags
    qint64 listId = 0;         // List: an imported audience list
    QString listName;          //   its name when the broadcast was made (for display)
    qint64 subscriberId = 0;   // One: this subscriber
    QString openid;            //   their openid (for display)

    static Audience all() { return {}; }
    static Audience withTags(const QStringList &tags);
    static Audience list(qint64 id, const QString &name = {});
    static Audience one(qint64 subscriberId, const QString &openid = {});

    // Tags without a tag, a list or a subscriber without an id: such an audience reaches nobody.
    bool valid() const;
    QString encode() const;
    // False for text that is no audience; *out is then an invalid audience (it reaches nobody, and
    // the engine refuses to start the broadcast), never "all".
    static bool decode(const QString &text, Audience *out);
    // "all", "tags: vip, beijing", "list: march", "one: oABC" — for the command line and the logs.
    QString describe() const;
    bool operator==(const Audience &o) const;
};
QString toString(Audience::Kind v);   // all | tags | list | one
bool fromString(const QString &s, Audience::Kind *v);

struct Broadcast {
    qint64 id = 0;
    qint64 appId = 0;
    qint64 templateId = 0;
    QVariantMap variables;
    Audience audience;
    BroadcastStatus status = BroadcastStatus::Draft;
    QString statusReason;
    QDateTime scheduledAt;
    QDateTime createdAt;
    QDateTime startedAt;
    QDateTime finishedAt;
    QString createdBy;
    QString checkVerdict;            // content check: pass | review | risky | unreachable | approved
    QString checkLabel;
    QString checkRule;
    qint64 audienceCursor = 0;       // last subscriber id whose deliveries were planned
    bool audienceDone = false;
    Counters counters;
};

struct Delivery {
    qint64 id = 0;
    qint64 broadcastId = 0;
    qint64 subscriberId = 0;
    Channel channel = Channel::WeChat;
    DeliveryState state = DeliveryState::Pending;
    QString reason;                  // why skipped / failed, for people
    int attempts = 0;
    int httpStatus = 0;
    int errcode = 0;
    QString errmsg;
    QString msgid;                   // may exceed 2^53: kept as text
    QString route;                   // what was actually sent: "custom", "template", "bark"
    QDateTime updatedAt;
};

} // namespace pushdesk

Q_DECLARE_METATYPE(pushdesk::Counters)
