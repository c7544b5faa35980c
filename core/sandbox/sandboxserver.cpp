#include "sandboxserver.h"

#include "sandboxroutes.h"
#include "sandboxstate.h"
#include "sandboxwire.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace pushdesk {

Q_LOGGING_CATEGORY(lcSandbox, "pushdesk.sandbox")

// QAbstractHttpServer rather than QHttpServer: one hash lookup per request instead of a regular
// expression per rule, and the socket is at hand for fault injection. Answers are written to the
// socket in one piece (sandboxwire::httpResponse) rather than through QHttpServerResponder, which
// keeps a reference to the request and so cannot outlive handleRequest(): a delayed answer is
// written later from a timer, if its connection is still open, while the thread serves others.
class SandboxServer::Frontend final : public QAbstractHttpServer
{
public:
    explicit Frontend(SandboxServer *server)
        : QAbstractHttpServer(server)
        , m_server(server)
    {
    }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        SandboxReply reply = m_server->dispatch(request);
        const bool close = wantsClose(request);
        if (reply.deferred) {
            const auto start = std::move(reply.deferred);
            start([socket = QPointer<QTcpSocket>(socket), close](const SandboxReply &answer) {
                if (socket)
                    deliver(socket, answer, close);
            });
        } else if (reply.delayMsecs <= 0) {
            deliver(socket, reply, close);
        } else {
            const int delay = reply.delayMsecs;
            QTimer::singleShot(delay, Qt::PreciseTimer, this,
                               [socket = QPointer<QTcpSocket>(socket), reply = std::move(reply), close] {
                                   if (socket)
                                       deliver(socket, reply, close);
                               });
        }
        return true;
    }

    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        deliver(socket, sandboxwire::notFound(), wantsClose(request));
    }

private:
    static bool wantsClose(const QHttpServerRequest &request)
    {
        const QByteArray connection = request.value(QByteArrayLiteral("connection"));
        return !connection.isEmpty() && connection.compare("close", Qt::CaseInsensitive) == 0;
    }

    static void deliver(QTcpSocket *socket, const SandboxReply &reply, bool close)
    {
        if (socket->state() != QAbstractSocket::ConnectedState)
            return;
        if (reply.dropConnection) {
            // The server deletes the socket once it is unconnected.
            socket->abort();
            return;
        }
        socket->write(sandboxwire::httpResponse(reply));
        if (close)
            socket->disconnectFromHost(); // after the pending bytes are written
    }

    SandboxServer *m_server;
};

SandboxServer::SandboxServer(SandboxOptions options, QObject *parent)
    : QObject(parent)
    , m_state(std::make_unique<SandboxState>(std::move(options)))
    , m_router(std::make_unique<SandboxRouter>())
    , m_frontend(new Frontend(this))
{
    addWechatRoutes(*m_router, *m_state);
    addMiniProgramRoutes(*m_router, *m_state);
    addBarkRoutes(*m_router, *m_state);
    addNtfyRoutes(*m_router, *m_state);
    addWebhookRoutes(*m_router, *m_state);
    addAdminRoutes(*m_router, *m_state);
    addUserRoutes(*m_router, *m_state, new QNetworkAccessManager(this)); // moves with the server's thread
}

SandboxServer::~SandboxServer()
{
    // The frontend's sockets call back into dispatch(); delete it while the state still exists.
    delete m_frontend;
    m_frontend = nullptr;
}

int SandboxServer::listen(quint16 port, QString *error, const QHostAddress &address)
{
    const auto fail = [error](const QString &message) {
        qCWarning(lcSandbox).noquote() << message;
        if (error)
            *error = message;
        return -1;
    };
    if (m_port != 0)
        return fail(QStringLiteral("the sandbox is already listening on port %1").arg(m_port));

    auto tcpServer = std::make_unique<QTcpServer>();
    if (!tcpServer->listen(address, port)) {
        switch (tcpServer->serverError()) {
        case QAbstractSocket::AddressInUseError:
            return fail(QStringLiteral("port %1 is already in use; choose another with --port").arg(port));
        case QAbstractSocket::SocketAccessError:
            return fail(QStringLiteral("port %1 needs administrator rights; choose another with --port")
                            .arg(port));
        default:
            return fail(QStringLiteral("cannot listen on %1 port %2: %3")
                            .arg(address.toString())
                            .arg(port)
                            .arg(tcpServer->errorString()));
        }
    }
    m_port = tcpServer->serverPort();
    m_frontend->bind(tcpServer.release()); // reparents the QTcpServer to the frontend
    qCInfo(lcSandbox).noquote() << "sandbox listening on" << address.toString() << "port" << m_port;
    return m_port;
}

quint16 SandboxServer::port() const
{
    return m_port;
}

void SandboxServer::setDefaultCallbackUrl(const QString &url)
{
    m_state->setDefaultCallbackUrl(url);
}

void SandboxServer::setCallbackToken(const QString &appid, const QString &token)
{
    m_state->setWiredCallbackToken(appid, token);
}

QString SandboxServer::defaultSecretFor(const QString &appid)
{
    return SandboxState::defaultSecretFor(appid);
}

QString SandboxServer::defaultCallbackTokenFor(const QString &appid)
{
    return SandboxState::defaultCallbackTokenFor(appid);
}

SandboxReply SandboxServer::dispatch(const QHttpServerRequest &request)
{
    const SandboxCall call(request, m_state->now());
    const SandboxRouter::Route *route = m_router->find(call.path());
    if (!route) {
        qCDebug(lcSandbox).noquote() << "no route for" << call.path();
        return sandboxwire::notFound();
    }
    if (route->countCalls)
        m_state->countCall(call.path());
    SandboxFaultInjector &faults = m_state->faults();
    if (route->faults == SandboxFaultScope::None || !faults.active())
        return route->handler(call);

    // Draws happen before the route runs: an injected fault changes no state (sandboxfaults.h).
    const SandboxFaultDraw draw = faults.draw(route->faults);
    SandboxReply reply;
    switch (draw.kind) {
    case SandboxFaultDraw::None:
        reply = route->handler(call);
        break;
    case SandboxFaultDraw::Drop:
        reply.dropConnection = true;
        break;
    case SandboxFaultDraw::Http5xx:
        reply = sandboxwire::plainText(draw.code, draw.code == 502 ? QByteArrayLiteral("502 Bad Gateway")
                                                                   : QByteArrayLiteral("503 Service Unavailable"));
        break;
    case SandboxFaultDraw::Errcode:
        reply = sandboxwire::wechatError(draw.code);
        break;
    case SandboxFaultDraw::PushError:
        reply = pushFaultReply(draw.pushError, call.nowSeconds());
        break;
    case SandboxFaultDraw::Malformed: {
        // After accept: the route ran and only its answer is lost; else a plausible answer cut short.
        const SandboxReply whole = faults.settings().malformedAfterAccept
                                       ? route->handler(call)
                                       : route->faults == SandboxFaultScope::Wechat
                                             ? sandboxwire::wechatOk()
                                             : sandboxwire::barkResult(200, u"success", call.nowSeconds());
        reply = sandboxwire::json(200, whole.body.left(std::max<qsizetype>(1, whole.body.size() / 2)));
        break;
    }
    }
    reply.delayMsecs = faults.settings().latencyMsecs;
    return reply;
}

} // namespace pushdesk
