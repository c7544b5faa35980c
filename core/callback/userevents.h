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
#include <QSet>
#include <QString>

class QUrlQuery;

namespace pushdesk {
class Database;
class SecretStore;

// What WeChat adds to every request to the server URL: ?signature=&timestamp=&nonce=, where signature
// is the SHA-1 (hex) of the account's Token, timestamp and nonce, sorted and joined.
struct CallbackSignature {
    QString signature;
    QString timestamp;
    QString nonce;

    static CallbackSignature fromQuery(const QUrlQuery &query);
    static QString compute(const QString &token, const QString &timestamp, const QString &nonce);
};

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
    // secrets: where each app's callback Token is kept (SecretStore::callbackTokenKey); null checks nothing.
    explicit UserEvents(Database &db, SecretStore *secrets = nullptr) : m_db(db), m_secrets(secrets) {}

    // Parses WeChat's XML message format; an error names what is missing or wrong.
    static Result<WechatCallback> parse(const QByteArray &xml);

    // POST /wechat/callback[?appid=APPID]: the app is the appid in the query, else ToUserName.
    // Answers "success", or a passive text reply for "0" / "1", or an error (400 malformed, 404 unknown
    // app or subscriber, 403 the signature does not match the app's Token, 409 the event cannot apply,
    // 500 the database failed, 503 the keychain cannot be read).
    // The signature is checked against the app's callback Token from the keychain; an app of the
    // built-in sandbox may also use the sandbox's (SandboxServer::defaultCallbackTokenFor). An app
    // with no Token at all is not verified (a warning is logged once): the Apps page says so. When the
    // keychain cannot be read, only a reply "0" or an unfollow is taken (503 for the rest).
    CallbackAnswer handleWechat(const QByteArray &body, const QString &appid = {}, const CallbackSignature &signature = {});
    // GET /wechat/callback?appid=&signature=&timestamp=&nonce=&echostr=: WeChat's check of a new server
    // URL. Answers echostr when the signature matches the app's Token; 403 when it does not, or when
    // the app has no Token (the check cannot pass without one); 400 without appid or echostr.
    CallbackAnswer handleVerification(const QString &appid, const CallbackSignature &signature, const QString &echostr);
    // POST /relay/user/settings {"appid","openid","event":"mute"|"unmute"|"reminder","value"}:
    // {"ok":true} or {"ok":false,"error":"…"} with the same statuses.
    CallbackAnswer handleRelaySettings(const QByteArray &body);

    // The subscriber id of the last event recorded (0 if none), and its kind ("optout", …, or
    // "interaction"): for the receiver's signal.
    qint64 lastSubscriberId() const { return m_lastSubscriberId; }
    QString lastKind() const { return m_lastKind; }

private:
    struct Verdict {
        int status = 200; // 200: go on
        QString message;
        bool verified = false;
        bool keychainUnavailable = false;
        qint64 appId = 0; // the app the appid names, once found
    };
    Verdict verify(const QString &appid, const CallbackSignature &signature);

    Database &m_db;
    SecretStore *m_secrets = nullptr;
    QSet<QString> m_warnedUnsigned; // appids already logged as not verified
    qint64 m_lastSubscriberId = 0;
    QString m_lastKind;
};

} // namespace pushdesk
