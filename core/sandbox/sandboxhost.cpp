#include "sandboxhost.h"

#include "sandboxserver.h"

namespace pushdesk {

SandboxHost::SandboxHost(SandboxOptions options, QObject *parent)
    : QObject(parent)
    , m_server(new SandboxServer(std::move(options)))
{
    m_thread.setObjectName(QStringLiteral("pushdesk-sandbox"));
    m_server->moveToThread(&m_thread);
    // QThread runs deferred deletes of its objects after finished(), on the thread itself.
    connect(&m_thread, &QThread::finished, m_server, &QObject::deleteLater);
}

SandboxHost::~SandboxHost()
{
    if (m_thread.isRunning()) {
        m_thread.quit();
        m_thread.wait();
    } else {
        delete m_server; // never started: nothing runs on it
    }
}

bool SandboxHost::start(quint16 port, QString *error)
{
    if (m_port != 0) {
        if (error)
            *error = QStringLiteral("the sandbox is already running on port %1").arg(m_port);
        return false;
    }
    if (!m_thread.isRunning())
        m_thread.start();
    int bound = -1;
    QString message;
    SandboxServer *server = m_server;
    QMetaObject::invokeMethod(
        m_server, [server, port, &bound, &message] { bound = server->listen(port, &message); },
        Qt::BlockingQueuedConnection);
    if (bound < 0) {
        if (error)
            *error = message;
        return false;
    }
    m_port = static_cast<quint16>(bound);
    return true;
}

quint16 SandboxHost::port() const
{
    return m_port;
}

void SandboxHost::setDefaultCallbackUrl(const QUrl &url)
{
    SandboxServer *server = m_server;
    const QString text = url.toString();
    if (!m_thread.isRunning()) {
        server->setDefaultCallbackUrl(text);
        return;
    }
    QMetaObject::invokeMethod(server, [server, text] { server->setDefaultCallbackUrl(text); },
                              Qt::BlockingQueuedConnection);
}

void SandboxHost::setCallbackToken(const QString &appid, const QString &token)
{
    SandboxServer *server = m_server;
    if (!m_thread.isRunning()) {
        server->setCallbackToken(appid, token);
        return;
    }
    QMetaObject::invokeMethod(server, [server, appid, token] { server->setCallbackToken(appid, token); },
                              Qt::BlockingQueuedConnection);
}

QUrl SandboxHost::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

} // namespace pushdesk
