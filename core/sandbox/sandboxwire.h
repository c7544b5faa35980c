#pragma once
// Wire-level building blocks of the sandbox: the reply value every route returns, and the exact
// response shapes of the emulated upstreams (upstream-apis.md §0 for WeChat, §6 for Bark, §7a for ntfy).
#include <QByteArray>
#include <QJsonObject>
#include <QLatin1String>
#include <QLoggingCategory>
#include <QStringView>

#include <functional>

namespace pushdesk {

Q_DECLARE_LOGGING_CATEGORY(lcSandbox)

struct SandboxReply;
// Writes a route's answer to its connection later, if the connection is still open.
using SandboxAnswer = std::function<void(const SandboxReply &)>;

// What a route answers. Routes return values instead of writing to the socket so that one place
// (SandboxServer::dispatch) can delay, corrupt or drop answers for fault injection.
struct SandboxReply {
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    int delayMsecs = 0;          // answer this much later, from a timer (the thread is not blocked)
    bool dropConnection = false; // close the connection instead of answering
    // A route that answers only after a request of its own (a user's message posted to the app's
    // callback URL) sets this instead of a body: the server calls it once with the function that
    // writes the answer. The thread is not blocked meanwhile.
    std::function<void(SandboxAnswer)> deferred = {};
};

namespace sandboxwire {

// WeChat: the live English errmsg for an errcode, without the trailing " rid: ...".
QLatin1String wechatErrmsg(int errcode);

// WeChat error: HTTP 200, {"errcode":N,"errmsg":"<text> rid: xxxxxxxx-xxxxxxxx-xxxxxxxx"}.
// An empty errmsg means the table text of wechatErrmsg().
SandboxReply wechatError(int errcode, QStringView errmsg = {});
// WeChat success: {"errcode":0,"errmsg":"ok"}.
SandboxReply wechatOk();
// Template success with a 64-bit msgid written as an exact JSON integer (never through a double).
SandboxReply wechatOkWithMsgId(quint64 msgid);
// Token success: {"access_token":"...","expires_in":N} (no errcode).
SandboxReply wechatToken(const QString &token, qint64 expiresInSeconds);

// Bark: {"code":C,"message":"...","timestamp":T} with HTTP status C.
SandboxReply barkResult(int code, QStringView message, qint64 timestampSeconds);

// ntfy: {"code":C,"http":C/100,"error":"...","link":"..."} with HTTP status C / 100 (upstream-apis.md §7a).
SandboxReply ntfyError(int code, const char *error, const char *link);

// Whole HTTP/1.1 response (status line, Content-Type, Content-Length, body) for one socket write.
QByteArray httpResponse(const SandboxReply &reply);

SandboxReply json(int status, const QJsonObject &object);
SandboxReply json(int status, QByteArray body); // body already serialised
SandboxReply plainText(int status, const QByteArray &text);
SandboxReply notFound();

// Appends s as a JSON string literal (quotes included) to out.
void appendJsonString(QByteArray &out, QStringView s);
// A fresh request id in the WeChat "xxxxxxxx-xxxxxxxx-xxxxxxxx" (lower-case hex) form.
QByteArray requestId();
// length random characters from [A-Za-z0-9] (ntfy message ids are 12 of them).
QByteArray randomId(int length);

} // namespace sandboxwire
} // namespace pushdesk
