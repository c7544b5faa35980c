#pragma once
// What subscribers do, as the platform delivers it: WeChat pushes a follower's messages and follow /
// unfollow events to the official account's server URL in its XML format (ToUserName, FromUserName,
// CreateTime, MsgType text|event, Content, Event subscribe|unsubscribe), and the relay's own settings
// page posts muting and reminder levels, which WeChat has no message for, as JSON. UserEvents turns
// each into a subscriber event recorded through EventRepository (source "user", audited), the same
// path as an import or an operator's entry, so it takes effect for the rest of a running broadcast:
//   text "0" / "1"        opt-out / opt-in (seed 004: "reply 0 to stop, 1 to resume")
//   other messages        an interaction only (opens the 48-hour customer-service window)
//   event subscribe       bind (a new follower becomes a subscriber)
//   event unsubscribe     unbind
//   relay mute / unmute / reminder (strong|weak|none)
// A malformed or unknown request gets an error answer that says what is wrong, and changes nothing.
#include "domain/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace pushdesk {
class Database;

// One callback from the platform, as parsed.
struct WechatCallback {
    QString toUser;     // the account (the sandbox sends its appid)
    QString fromUser;   // the follower's openid
    QDateTime created;
    QString msgType;    // text, image, voice, …, event
    QString content;    // text
    QString event;      // event: subscribe, unsubscribe, CLICK, …
};

// An HTTP answer: status, content type and body.
struct CallbackAnswer {
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("text/plain; charset=utf-8");
    QByteArray body = QByteArrayLiteral("success");
};

class UserEvents {
    Q_DECLARE_TR_FUNCTIONS(UserEvents)

public:
    explicit UserEvents(Database &db) : m_db(db) {}

    // Parses WeChat's XML message format; an error names what is missing or wrong.
    static Result<WechatCallback> parse(const QByteArray &xml);

    // POST /wechat/callback[?appid=APPID]: the app is the appid in the query, else ToUserName.
    // Answers "success", or a passive text reply for "0" / "1", or an error (400 malformed, 404 unknown
    // app or subscriber, 409 the event cannot apply, 500 the database failed).
    CallbackAnswer handleWechat(const QByteArray &body, const QString &appid = {});
    // POST /relay/user/settings {"appid","openid","event":"mute"|"unmute"|"reminder","value"}:
    // {"ok":true} or {"ok":false,"error":"…"} with the same statuses.
    CallbackAnswer handleRelaySettings(const QByteArray &body);

    // The subscriber id of the last event recorded (0 if none), and its kind ("optout", …, or
    // "interaction"): for the receiver's signal.
    qint64 lastSubscriberId() const { return m_lastSubscriberId; }
    QString lastKind() const { return m_lastKind; }

private:
    Database &m_db;
    qint64 m_lastSubscriberId = 0;
    QString m_lastKind;
};

} // namespace pushdesk
