#pragma once
// Routing of the sandbox: one request view (SandboxCall), an O(1) path table plus a few prefix
// routes (SandboxRouter), and the functions that fill the table, one per emulated upstream.
#include "sandboxfaults.h"
#include "sandboxwire.h"

#include <QHash>
#include <QHttpServerRequest>
#include <QString>
#include <QUrlQuery>

#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace pushdesk {

class SandboxState;

// One incoming request as the routes see it: method, path, the sandbox clock, and the query string
// parsed once and only when a route asks for it.
class SandboxCall
{
public:
    SandboxCall(const QHttpServerRequest &request, qint64 nowMsecs);

    const QHttpServerRequest &request() const { return m_request; }
    QHttpServerRequest::Method method() const { return m_method; }
    bool isPost() const { return m_method == QHttpServerRequest::Method::Post; }
    bool isGet() const { return m_method == QHttpServerRequest::Method::Get; }
    bool isPut() const { return m_method == QHttpServerRequest::Method::Put; }
    const QString &path() const { return m_path; }
    qint64 nowMsecs() const { return m_nowMsecs; }
    qint64 nowSeconds() const { return m_nowMsecs / 1000; }

    bool hasQueryItem(const QString &key) const;
    QString queryItem(const QString &key) const; // fully decoded; empty when absent
    QByteArray body() const { return m_request.body(); }
    QByteArray header(const QByteArray &name) const { return m_request.value(name); } // lower-case name
    bool hasJsonContentType() const;

private:
    const QUrlQuery &query() const;

    const QHttpServerRequest &m_request;
    QHttpServerRequest::Method m_method;
    QString m_path;
    qint64 m_nowMsecs;
    mutable std::optional<QUrlQuery> m_query;
};

class SandboxRouter
{
public:
    using Handler = std::function<SandboxReply(const SandboxCall &)>;
    struct Route {
        Handler handler;
        bool countCalls = true; // admin and stats routes are not counted in stats "calls"
        SandboxFaultScope faults = SandboxFaultScope::None;
    };

    void add(const QString &path, Handler handler, bool countCalls = true,
             SandboxFaultScope faults = SandboxFaultScope::None);
    // Every path that starts with prefix (e.g. "/ntfy/") and has no exact route.
    void addPrefix(const QString &prefix, Handler handler, SandboxFaultScope faults);
    const Route *find(const QString &path) const;

private:
    QHash<QString, Route> m_routes;
    QList<std::pair<QString, Route>> m_prefixes; // a handful: scanned only when the hash misses
};

// WeChat official account: /cgi-bin/token, /cgi-bin/stable_token, /cgi-bin/message/custom/send,
// /cgi-bin/message/template/send, /cgi-bin/clear_quota.
void addWechatRoutes(SandboxRouter &router, SandboxState &state);
// WeChat mini-program: /cgi-bin/message/subscribe/send, /cgi-bin/message/wxopen/template/send,
// /wxa/msg_sec_check.
void addMiniProgramRoutes(SandboxRouter &router, SandboxState &state);
// ntfy server under /ntfy: /ntfy/<topic> and JSON publish on /ntfy/.
void addNtfyRoutes(SandboxRouter &router, SandboxState &state);
// Generic signed webhooks: /webhook/<name>.
void addWebhookRoutes(SandboxRouter &router, SandboxState &state);
// Bark server: /push, /ping, /healthz, /.
void addBarkRoutes(SandboxRouter &router, SandboxState &state);
// Test and demo control: /sandbox/admin/*, /sandbox/stats.
void addAdminRoutes(SandboxRouter &router, SandboxState &state);
// A test or demo as the user: /sandbox/user/message, /sandbox/user/event, and /sandbox/admin/callbacks
// (where the user's messages are pushed, in WeChat's XML callback format). network lives in the
// server's thread and posts the callbacks.
void addUserRoutes(SandboxRouter &router, SandboxState &state, QNetworkAccessManager *network);

} // namespace pushdesk
