#include "callback/callbackreceiver.h"

#include "callback/userevents.h"
#include "secrets/secretstore.h"

#include <QCoreApplication>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QLoggingCategory>
#include <QTcpServer>
#include <QUrlQuery>

Q_LOGGING_CATEGORY(lcCallback, "pushdesk.callback")

namespace pushdesk {

// Lives in the receiver's thread: opens its own database connection there (a Qt Sql connection
// belongs to the thread that opened it) and answers each request from it.
class CallbackServer : public QObject {
public:
    CallbackServer(const DatabaseConfig &config, std::shared_ptr<SecretStore> secrets, CallbackHost *host)
        : m_config(config)
        , m_secrets(std::move(secrets))
        , m_host(host)
    {
    }

    ~CallbackServer() override
    {
        m_http.reset(); // no request may reach the database once it is closed
        m_events.reset();
        m_db.reset();
    }

    // Returns the bound port, or an error that says what to do.
    Result<quint16> listen(quint16 port, const QHostAddress &address)
    {
        auto db = Database::open(m_config, QStringLiteral("pushdesk-callback-%1").arg(quintptr(this)));
        if (!db)
            return std::unexpected(db.error());
        m_db = std::move(*db);
        m_events = std::make_unique<UserEvents>(*m_db, m_secrets.get());
        m_http = std::make_unique<QHttpServer>();
        m_http->route(QStringLiteral("/wechat/callback"), QHttpServerRequest::Method::Post,
                      [this](const QHttpServerRequest &request) {
                          const QUrlQuery query(request.url());
                          return answer(m_events->handleWechat(request.body(), query.queryItemValue(QStringLiteral("appid")),
                                                               CallbackSignature::fromQuery(query)));
                      });
        m_http->route(QStringLiteral("/wechat/callback"), QHttpServerRequest::Method::Get,
                      [this](const QHttpServerRequest &request) {
                          const QUrlQuery query(request.url());
                          return answer(m_events->handleVerification(query.queryItemValue(QStringLiteral("appid")),
                                                                     CallbackSignature::fromQuery(query),
                                                                     query.queryItemValue(QStringLiteral("echostr"))));
                      });
        m_http->route(QStringLiteral("/relay/user/settings"), QHttpServerRequest::Method::Post,
                      [this](const QHttpServerRequest &request) {
                          return answer(m_events->handleRelaySettings(request.body()));
                      });
        auto tcp = std::make_unique<QTcpServer>();
        if (!tcp->listen(address, port)) {
            const QString message =
                tcp->serverError() == QAbstractSocket::AddressInUseError
                    ? QCoreApplication::translate("CallbackHost", "Cannot receive user messages: port %1 is already in use; "
                                                                  "choose another with --callback-port.")
                          .arg(port)
                    : QCoreApplication::translate("CallbackHost", "Cannot receive user messages on %1 port %2: %3")
                          .arg(address.toString())
                          .arg(port)
                          .arg(tcp->errorString());
            return fail(message);
        }
        const quint16 bound = tcp->serverPort();
        m_http->bind(tcp.release()); // the server takes the QTcpServer
        qCInfo(lcCallback).noquote() << "receiving user messages on" << address.toString() << "port" << bound;
        return bound;
    }

private:
    QHttpServerResponse answer(const CallbackAnswer &a)
    {
        if (a.status == 200 && m_events->lastSubscriberId() != 0)
            emit m_host->eventRecorded(m_events->lastSubscriberId(), m_events->lastKind());
        if (a.status != 200)
            qCInfo(lcCallback).noquote() << "refused a callback:" << a.status << QString::fromUtf8(a.body);
        return QHttpServerResponse(a.contentType, a.body, static_cast<QHttpServerResponse::StatusCode>(a.status));
    }

    DatabaseConfig m_config;
    std::shared_ptr<SecretStore> m_secrets;
    CallbackHost *m_host;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<UserEvents> m_events;
    std::unique_ptr<QHttpServer> m_http;
};

CallbackHost::CallbackHost(const DatabaseConfig &config, std::shared_ptr<SecretStore> secrets, QObject *parent)
    : QObject(parent)
    , m_server(new CallbackServer(config, std::move(secrets), this))
{
    m_thread.setObjectName(QStringLiteral("pushdesk-callback"));
    m_server->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_server, &QObject::deleteLater);
}

CallbackHost::~CallbackHost()
{
    if (m_thread.isRunning()) {
        m_thread.quit();
        m_thread.wait();
    } else {
        delete m_server;
    }
}

Result<void> CallbackHost::start(quint16 port, const QHostAddress &address)
{
    if (m_port != 0)
        return fail(tr("The receiver of user messages already listens on port %1.").arg(m_port));
    if (!m_thread.isRunning())
        m_thread.start();
    Result<quint16> bound = fail(QString());
    CallbackServer *server = m_server;
    QMetaObject::invokeMethod(
        server, [server, port, address, &bound] { bound = server->listen(port, address); },
        Qt::BlockingQueuedConnection);
    if (!bound)
        return std::unexpected(bound.error());
    m_address = address;
    m_port = *bound;
    return {};
}

QUrl CallbackHost::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    const bool any = m_address == QHostAddress::Any || m_address == QHostAddress::AnyIPv4 || m_address == QHostAddress::AnyIPv6;
    url.setHost(any || m_address.isNull() ? QStringLiteral("127.0.0.1") : m_address.toString());
    url.setPort(m_port);
    return url;
}

QUrl CallbackHost::wechatCallbackUrl() const
{
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/wechat/callback"));
    return url;
}

QUrl CallbackHost::relaySettingsUrl() const
{
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/relay/user/settings"));
    return url;
}

} // namespace pushdesk
