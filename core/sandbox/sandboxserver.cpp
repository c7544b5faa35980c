#include "sandboxserver.h"

#include "sandboxroutes.h"
#include "sandboxstate.h"
#include "sandboxwire.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpServer>
#include <QTcpSocket>

namespace pushdesk {

Q_LOGGING_CATEGORY(lcSandbox, "pushdesk.sandbox")

// QAbstractHttpServer rather than QHttpServer: one hash lookup per request instead of a regular
// expression per rule, and the socket is at hand for the fault injection to come (dropped
// connections, delayed answers).
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
        respond(request, socket, m_server->dispatch(request));
        return true;
    }

    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        respond(request, socket, sandboxwire::notFound());
    }

private:
    static void respond(const QHttpServerRequest &request, QTcpSocket *socket,
                        const SandboxReply &reply)
    {
        QHttpServerResponder responder = makeResponder(request, socket);
        responder.write(reply.body, reply.contentType,
                        static_cast<QHttpServerResponder::StatusCode>(reply.status));
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
    addBarkRoutes(*m_router, *m_state);
    addAdminRoutes(*m_router, *m_state);
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

QString SandboxServer::defaultSecretFor(const QString &appid)
{
    return SandboxState::defaultSecretFor(appid);
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
    return route->handler(call);
}

} // namespace pushdesk
